//! `stake-router position`: any account's Stake Router position over NEAR JSON-RPC: its stake
//! per validator pool (through its staking proxy), its liquid staking tokens and what the
//! router holds claimable.
//!
//! Only view calls (`query` / `call_function`, final blocks) and `validators` (the epoch).
//! The figures are composed by `router_core::position`, as the widget's are, and printed by
//! [`describe_position`]: per pool its rewards or its loss (the pool reporting less than was
//! put in; a few yoctoNEAR are labelled share rounding), and the net against the principal
//! when there is a loss.

use crate::args::RpcArgs;
use crate::describe::describe_position;
use crate::jsonrpc::Rpc;
use router_core::position::{compose_position, LiquidHolding, PoolAccount, Position, PositionInputs, ProxyPool};
use router_core::{AccountId, Yocto};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// `stake-router position` flags.
#[derive(Clone, Debug, clap::Args)]
pub struct PositionArgs {
    #[command(flatten)]
    pub rpc: RpcArgs,
    /// The Stake Router contract
    #[arg(long, value_name = "ID")]
    pub router: AccountId,
    /// The account whose position to show
    #[arg(long, value_name = "ID")]
    pub account: AccountId,
    /// Liquid tokens to value, comma-separated (default: the router's liquid targets and the
    /// account's claimables)
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub tokens: Option<Vec<AccountId>>,
    /// Print the composed `router_core::position::Position` as JSON
    #[arg(long)]
    pub json: bool,
}

/// A target's account and, for a liquid one, its price view.
fn liquid_targets(targets: &Value) -> Vec<(AccountId, &'static str)> {
    let list = targets.as_array().cloned().unwrap_or_default();
    list.iter()
        .filter(|t| t["kind"]["type"] == "liquid")
        .filter_map(|t| {
            let id = t["account_id"].as_str()?.parse().ok()?;
            let method = if t["kind"]["protocol"] == "meta_pool" { "get_st_near_price" } else { "ft_price" };
            Some((id, method))
        })
        .collect()
}

fn yocto(v: &Value) -> Result<Yocto, String> {
    serde_json::from_value(v.clone()).map_err(|e| format!("not an amount ({e}): {v}"))
}

/// Reads every view and composes the position.
fn fetch_position(rpc: &Rpc, args: &PositionArgs) -> Result<Position, String> {
    let mut inputs = PositionInputs { account_id: Some(args.account.clone()), ..PositionInputs::default() };
    inputs.current_epoch = rpc.epoch()?;
    let proxy = rpc.view(&args.router, "get_proxy", json!({ "beneficiary_id": args.account }))?;
    if proxy["exists"] == true {
        let proxy_id: AccountId =
            proxy["proxy_id"].as_str().unwrap_or_default().parse().map_err(|e| format!("get_proxy: {e}"))?;
        let pools = rpc.view(&proxy_id, "get_pools", json!({}))?;
        inputs.proxy_pools = serde_json::from_value::<Vec<ProxyPool>>(pools).map_err(|e| format!("get_pools: {e}"))?;
        let mut pool_ids: BTreeSet<AccountId> = inputs.proxy_pools.iter().map(|p| p.pool_id.clone()).collect();
        pool_ids.extend(inputs.proxy_pools.iter().filter_map(|p| p.moving_to.clone()));
        for pool_id in pool_ids {
            // A pool that cannot be read is left out: the proxy's records stand in for it.
            if let Ok(view) = rpc.view(&pool_id, "get_account", json!({ "account_id": proxy_id })) {
                if let Ok(account) = serde_json::from_value::<PoolAccount>(view) {
                    inputs.pool_accounts.insert(pool_id, account);
                }
            }
        }
        inputs.proxy_id = Some(proxy_id);
    }
    let claimables = rpc.view(&args.router, "get_claimables", json!({ "account_id": args.account }))?;
    for (token, amount) in claimables.as_object().cloned().unwrap_or_default() {
        let token: AccountId = token.parse().map_err(|e| format!("get_claimables: {e}"))?;
        inputs.claimables.insert(token, yocto(&amount)?);
    }
    let mut tokens: BTreeMap<AccountId, &str> =
        liquid_targets(&rpc.view(&args.router, "get_targets", json!({}))?).into_iter().collect();
    if let Some(list) = &args.tokens {
        let listed: BTreeSet<&AccountId> = list.iter().collect();
        tokens.retain(|t, _| listed.contains(t));
        for t in list {
            tokens.entry(t.clone()).or_insert("ft_price");
        }
    }
    for (token_id, price_method) in tokens {
        let balance =
            rpc.view(&token_id, "ft_balance_of", json!({ "account_id": args.account })).and_then(|v| yocto(&v))?;
        let price = rpc.view(&token_id, price_method, json!({})).ok().and_then(|v| yocto(&v).ok());
        inputs.liquid.push(LiquidHolding { token_id, balance, price });
    }
    Ok(compose_position(&inputs))
}

/// The position as text (or JSON), or the error.
pub fn render(args: &PositionArgs) -> Result<String, String> {
    let rpc = Rpc::new(&args.rpc.url());
    let position = fetch_position(&rpc, args)?;
    if args.json {
        serde_json::to_string_pretty(&position).map_err(|e| e.to_string())
    } else {
        Ok(describe_position(&position))
    }
}

/// Runs `stake-router position`: prints the position.
pub fn run(args: PositionArgs) -> Result<(), String> {
    println!("{}", render(&args)?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpListener;

    /// A canned answer to one view: `result.result` bytes of `value`, or `result.error`.
    fn view_result(value: Option<Value>) -> Value {
        match value {
            Some(v) => json!({ "result": v.to_string().into_bytes(), "logs": [], "block_height": 7 }),
            None => json!({ "error": "wasm execution failed with error: MethodNotFound", "logs": [] }),
        }
    }

    /// The stub's answer to one JSON-RPC request.
    fn answer(request: &Value) -> Value {
        let reply = |result: Value| json!({ "jsonrpc": "2.0", "id": request["id"], "result": result });
        if request["method"] == "validators" {
            return reply(json!({ "epoch_height": 12, "current_validators": [] }));
        }
        let p = &request["params"];
        let args: Value = base64::engine::general_purpose::STANDARD
            .decode(p["args_base64"].as_str().unwrap())
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or(Value::Null);
        let near = |n: u128| (n * router_core::ONE_NEAR).to_string();
        if args == json!({ "beneficiary_id": "bob.near" }) {
            let error = json!({ "code": -32000, "message": "Server error", "data": "UNKNOWN_ACCOUNT router.near" });
            return json!({ "jsonrpc": "2.0", "id": request["id"], "error": error });
        }
        let value = match (p["account_id"].as_str().unwrap(), p["method_name"].as_str().unwrap()) {
            ("router.near", "get_proxy") => {
                assert_eq!(args, json!({ "beneficiary_id": "alice.near" }));
                Some(json!({ "proxy_id": "abc.router.near", "exists": true }))
            }
            ("router.near", "get_claimables") => Some(json!({ "meta.near": near(2) })),
            ("router.near", "get_targets") => Some(json!([
                { "account_id": "pool-a.near", "kind": { "type": "validator" } },
                { "account_id": "linear.near", "kind": { "type": "liquid", "protocol": "linear", "registration_deposit": "1" } },
                { "account_id": "meta.near", "kind": { "type": "liquid", "protocol": "meta_pool", "registration_deposit": "1" } },
            ])),
            ("abc.router.near", "get_pools") => Some(json!([
                { "pool_id": "pool-a.near", "principal": near(10), "in_flight": "0", "unstaked_pending": "0",
                  "unlock_epoch": null, "moving_to": null, "move_idle": "0" },
                { "pool_id": "pool-b.near", "principal": "0", "in_flight": "0", "unstaked_pending": near(4),
                  "unlock_epoch": 14, "moving_to": "pool-a.near", "move_idle": "0" },
                // A pool whose share price fell: it reports 3 of the 5 NEAR put in.
                { "pool_id": "pool-c.near", "principal": near(5), "in_flight": "0", "unstaked_pending": "0",
                  "unlock_epoch": null, "moving_to": null, "move_idle": "0" },
            ])),
            ("pool-a.near", "get_account") => {
                assert_eq!(args, json!({ "account_id": "abc.router.near" }));
                Some(
                    json!({ "account_id": "abc.router.near", "staked_balance": near(11), "unstaked_balance": "0", "can_withdraw": true }),
                )
            }
            ("pool-c.near", "get_account") => Some(
                json!({ "account_id": "abc.router.near", "staked_balance": near(3), "unstaked_balance": "0", "can_withdraw": true }),
            ),
            ("pool-b.near", "get_account") => {
                return json!({ "jsonrpc": "2.0", "id": request["id"],
                "error": { "code": -32000, "message": "Server error", "data": "pool unreachable" } })
            }
            ("linear.near", "ft_balance_of") => Some(json!(near(3))),
            ("linear.near", "ft_price") => Some(json!((11 * router_core::ONE_NEAR / 10).to_string())),
            ("meta.near", "ft_balance_of") => Some(json!("0")),
            ("meta.near", "get_st_near_price") => None,
            (account, method) => panic!("unexpected view {account}.{method}"),
        };
        reply(view_result(value))
    }

    /// A tiny HTTP/1.1 JSON-RPC server on a free local port, answering until the test ends.
    fn stub() -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let mut stream = stream.unwrap();
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut length = 0usize;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap() == 0 || line == "\r\n" {
                        break;
                    }
                    if let Some((name, value)) = line.split_once(':') {
                        if name.eq_ignore_ascii_case("content-length") {
                            length = value.trim().parse().unwrap();
                        }
                    }
                }
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                let reply = answer(&serde_json::from_slice(&body).unwrap()).to_string();
                let head = format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", reply.len());
                stream.write_all(head.as_bytes()).unwrap();
                stream.write_all(reply.as_bytes()).unwrap();
            }
        });
        url
    }

    /// Parses `list` as `stake-router position` would, then renders.
    fn run(list: &[&str]) -> Result<String, String> {
        #[derive(clap::Parser)]
        struct Cli {
            #[command(flatten)]
            args: PositionArgs,
        }
        let cli = <Cli as clap::Parser>::try_parse_from(std::iter::once("position").chain(list.iter().copied()))
            .map_err(|e| e.to_string())?;
        render(&cli.args)
    }

    #[test]
    fn prints_a_position_from_the_views() {
        let url = stub();
        let text = run(&["--rpc", &url, "--router", "router.near", "--account", "alice.near"]).unwrap();
        for needle in [
            "Position of alice.near at epoch 12",
            "staking proxy abc.router.near",
            "pool-a.near: staked 11 NEAR, unstaked 0 NEAR, rewards 1 NEAR",
            "pool-b.near: staked 0 NEAR, unstaked 4 NEAR, rewards 0 NEAR, unstaked available from epoch 14, moving to pool-a.near",
            "(pool unreadable: the proxy's records)",
            "linear.near: 3 in wallet, 0 claimable, worth 3.3 NEAR",
            "meta.near: 0 in wallet, 2 claimable, worth no price",
            "pool-c.near: staked 3 NEAR, unstaked 0 NEAR, rewards 0 NEAR, LOSS 2 NEAR (the pool reports 3 NEAR of the 5 NEAR put in)\n",
            "total 21.3 NEAR",
            "; rewards 1\n  loss 2 NEAR; net -1 NEAR against the principal of 19 NEAR\n",
        ] {
            assert!(text.contains(needle), "missing `{needle}` in\n{text}");
        }
    }

    #[test]
    fn json_output_is_the_composed_position() {
        let url = stub();
        let text = run(&[
            "--rpc",
            &url,
            "--router",
            "router.near",
            "--account",
            "alice.near",
            "--json",
            "--tokens",
            "linear.near",
        ])
        .unwrap();
        let p: Position = serde_json::from_str(&text).unwrap();
        assert_eq!(p.current_epoch, 12);
        assert_eq!(p.direct.len(), 3);
        assert_eq!(p.totals.rewards, Yocto(router_core::ONE_NEAR));
        assert_eq!(
            (p.direct[2].loss, p.totals.loss),
            (Yocto(2 * router_core::ONE_NEAR), Yocto(2 * router_core::ONE_NEAR))
        );
        assert_eq!(p.totals.net_loss, Yocto(router_core::ONE_NEAR));
        assert!(text.contains(r#""loss": "2000000000000000000000000""#), "{text}");
        let tokens: Vec<&str> = p.liquid.iter().map(|l| l.token_id.as_str()).collect();
        assert_eq!(tokens, ["linear.near", "meta.near"], "the listed token and the claimable one");
    }

    #[test]
    fn flags_are_checked() {
        assert!(run(&["--router", "r.near", "--account", "a.near"])
            .unwrap_err()
            .contains("--rpc <URL>|--network <NETWORK>"));
        assert!(run(&["--network", "localnet", "--router", "r.near", "--account", "a.near"])
            .unwrap_err()
            .contains("invalid value 'localnet' for '--network <NETWORK>'"));
        assert!(run(&["--network", "testnet", "--account", "a.near"]).unwrap_err().contains("--router"));
        assert!(run(&["--network", "testnet", "--router", "r.near", "--account", "A B"])
            .unwrap_err()
            .contains("invalid value 'A B' for '--account <ID>'"));
    }

    #[test]
    fn an_rpc_error_is_reported() {
        let url = stub();
        let err = run(&["--rpc", &url, "--router", "router.near", "--account", "bob.near"]).unwrap_err();
        assert_eq!(err, "router.near.get_proxy: query: \"UNKNOWN_ACCOUNT router.near\"");
    }
}
