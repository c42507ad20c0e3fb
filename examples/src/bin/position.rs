//! Prints any account's Stake Router position over NEAR JSON-RPC: its stake per validator pool
//! (through its staking proxy), its liquid staking tokens and what the router holds claimable.
//!
//! ```text
//! cargo run -p examples --bin position -- --network testnet --router ROUTER_ID --account ID
//! cargo run -p examples --bin position -- --rpc http://127.0.0.1:3030 --router R --account A --json
//! ```
//!
//! Flags: `--rpc URL` or `--network testnet|mainnet`, `--router ID`, `--account ID`, optional
//! `--tokens a.near,b.near` (liquid tokens to value; default: the router's liquid targets and
//! the account's claimables) and `--json` (the `router_core::position::Position` as JSON).
//!
//! Only view calls (`query` / `call_function`, final blocks) and `validators` (the epoch).
//! The figures are composed by `router_core::position`, as the widget's are, and printed by
//! `examples::describe_position`: per pool its rewards or its loss (the pool reporting less
//! than was put in; a few yoctoNEAR are labelled share rounding), and the net against the
//! principal when there is a loss.

use base64::Engine;
use router_core::position::{compose_position, LiquidHolding, PoolAccount, Position, PositionInputs, ProxyPool};
use router_core::{AccountId, Yocto};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// What to show, from the command line.
struct Args {
    rpc: String,
    router: AccountId,
    account: AccountId,
    tokens: Option<Vec<AccountId>>,
    json: bool,
}

fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Args, String> {
    let flags = examples::Flags::parse(args)?;
    let rpc = match (flags.value("rpc"), flags.value("network")) {
        (Some(url), _) => url.to_string(),
        (None, Some("testnet")) => "https://rpc.testnet.near.org".to_string(),
        (None, Some("mainnet")) => "https://rpc.mainnet.near.org".to_string(),
        (None, Some(other)) => return Err(format!("unknown network `{other}` (testnet or mainnet)")),
        (None, None) => return Err("give --rpc URL or --network testnet|mainnet".to_string()),
    };
    let id = |name: &str| -> Result<AccountId, String> {
        let value = flags.value(name).ok_or(format!("give --{name} ACCOUNT_ID"))?;
        value.parse().map_err(|e| format!("--{name} `{value}`: {e}"))
    };
    let tokens = match flags.value("tokens") {
        Some(list) => Some(
            list.split(',')
                .filter(|t| !t.is_empty())
                .map(|t| t.parse().map_err(|e| format!("--tokens `{t}`: {e}")))
                .collect::<Result<_, String>>()?,
        ),
        None => None,
    };
    Ok(Args { rpc, router: id("router")?, account: id("account")?, tokens, json: flags.has("json") })
}

/// A NEAR JSON-RPC endpoint.
struct Rpc {
    url: String,
}

impl Rpc {
    /// One JSON-RPC call; the `result`, or the `error` as text.
    fn call(&self, method: &str, params: Value) -> Result<Value, String> {
        let body = json!({ "jsonrpc": "2.0", "id": "position", "method": method, "params": params });
        let mut response = ureq::post(&self.url)
            .content_type("application/json")
            .send(body.to_string())
            .map_err(|e| format!("{method} at {}: {e}", self.url))?;
        let text = response.body_mut().read_to_string().map_err(|e| format!("{method}: reading the answer: {e}"))?;
        let reply: Value = serde_json::from_str(&text).map_err(|e| format!("{method}: not JSON ({e}): {text}"))?;
        if let Some(error) = reply.get("error") {
            return Err(format!("{method}: {}", error.get("data").or(error.get("message")).unwrap_or(error)));
        }
        reply.get("result").cloned().ok_or_else(|| format!("{method}: no result in {text}"))
    }

    /// A view call: `contract.method(args)` on the final block, its JSON result.
    fn view(&self, contract: &AccountId, method: &str, args: Value) -> Result<Value, String> {
        let args_base64 = base64::engine::general_purpose::STANDARD.encode(args.to_string());
        let params = json!({ "request_type": "call_function", "finality": "final", "account_id": contract,
                             "method_name": method, "args_base64": args_base64 });
        let result = self.call("query", params).map_err(|e| format!("{contract}.{method}: {e}"))?;
        if let Some(error) = result.get("error") {
            return Err(format!("{contract}.{method}: {}", error.as_str().unwrap_or(&error.to_string())));
        }
        let bytes: Vec<u8> = serde_json::from_value(result["result"].clone())
            .map_err(|e| format!("{contract}.{method}: no result bytes: {e}"))?;
        serde_json::from_slice(&bytes).map_err(|e| format!("{contract}.{method}: result is not JSON: {e}"))
    }

    /// The current epoch height (`validators` of the latest block).
    fn epoch(&self) -> Result<u64, String> {
        let result = self.call("validators", json!([null]))?;
        result["epoch_height"].as_u64().ok_or_else(|| "validators: no epoch_height".to_string())
    }
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
fn fetch_position(rpc: &Rpc, args: &Args) -> Result<Position, String> {
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

/// Runs the command: the text (or JSON) to print, or the error.
fn run(argv: impl IntoIterator<Item = String>) -> Result<String, String> {
    let args = parse_args(argv)?;
    let rpc = Rpc { url: args.rpc.clone() };
    let position = fetch_position(&rpc, &args)?;
    if args.json {
        serde_json::to_string_pretty(&position).map_err(|e| e.to_string())
    } else {
        Ok(examples::describe_position(&position))
    }
}

fn main() {
    match run(std::env::args().skip(1)) {
        Ok(text) => println!("{text}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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

    fn argv(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn prints_a_position_from_the_views() {
        let url = stub();
        let text = run(argv(&["--rpc", &url, "--router", "router.near", "--account", "alice.near"])).unwrap();
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
        let text = run(argv(&[
            "--rpc",
            &url,
            "--router",
            "router.near",
            "--account",
            "alice.near",
            "--json",
            "--tokens",
            "linear.near",
        ]))
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
        assert!(run(argv(&["--router", "r.near", "--account", "a.near"]))
            .unwrap_err()
            .contains("--rpc URL or --network"));
        assert!(run(argv(&["--network", "localnet", "--router", "r.near", "--account", "a.near"]))
            .unwrap_err()
            .contains("unknown network"));
        assert!(run(argv(&["--network", "testnet", "--account", "a.near"])).unwrap_err().contains("--router"));
        assert!(run(argv(&["--network", "testnet", "--router", "r.near", "--account", "A B"]))
            .unwrap_err()
            .contains("--account"));
    }

    #[test]
    fn an_rpc_error_is_reported() {
        let url = stub();
        let err = run(argv(&["--rpc", &url, "--router", "router.near", "--account", "bob.near"])).unwrap_err();
        assert_eq!(err, "router.near.get_proxy: query: \"UNKNOWN_ACCOUNT router.near\"");
    }
}
