//! Prints a Sputnik DAO v2 `add_proposal` that routes treasury NEAR through the router in one
//! proposal: a `FunctionCall` to the router's `deposit` (args base64, deposit, gas).
//!
//! ```text
//! cargo run -p examples --bin dao-proposal -- --dao treasury.sputnik-dao.near \
//!     --router stake-router.near --amount 1000 [--profile balanced | --policy "a=5000,b=5000" | --stored]
//! ```
//! `--stored` routes by the DAO's own policy stored on the router (`set_account_policy`).
//! The gas is what a first deposit (creating the DAO's proxy) of the demo allow-list needs;
//! `--gas TGAS` overrides it. The output includes the `near` CLI command to submit it.

use base64::Engine;
use examples::{demo_targets, parse_policy, Flags};
use router_core::{
    default_profiles, gas::TGAS, parse_near, plan_deposit, CostSchedule, GasSchedule, PlanLimits, Yocto, ONE_NEAR,
};
use serde_json::json;

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), String> {
    let flags = Flags::parse(std::env::args().skip(1))?;
    let dao = flags.value("dao").ok_or("give --dao, the Sputnik DAO account")?;
    let router = flags.value("router").ok_or("give --router, the Stake Router account")?;
    let amount = parse_near(flags.value("amount").ok_or("give --amount in NEAR")?).map_err(|e| e.to_string())?;
    let targets = demo_targets();
    let (args, policy) = match (flags.value("profile"), flags.value("policy"), flags.has("stored")) {
        (Some(name), None, false) => {
            let profile = default_profiles()
                .into_iter()
                .find(|p| p.name == name)
                .ok_or_else(|| format!("unknown profile `{name}`"))?;
            (json!({ "profile": name }), profile.allocation.resolve(&targets).map_err(|e| e.to_string())?)
        }
        (None, Some(p), false) => {
            let policy = parse_policy(p)?;
            (json!({ "policy": policy }), policy)
        }
        (None, None, true) => {
            (json!({}), default_profiles()[1].allocation.resolve(&targets).map_err(|e| e.to_string())?)
        }
        _ => return Err("give exactly one of --profile, --policy or --stored".into()),
    };
    let gas = match flags.value("gas") {
        Some(t) => t.parse::<u64>().map_err(|_| "--gas is a number of TGas")? * TGAS,
        None => {
            let limits = PlanLimits {
                min_deposit: Yocto(ONE_NEAR),
                proxy_exists: false,
                costs: CostSchedule::DEFAULT,
                gas: GasSchedule::DEFAULT,
                deposit_fee_bps: 0,
                guards: Default::default(),
            };
            plan_deposit(amount, &policy, &targets, &limits).map_err(|e| e.to_string())?.gas_required
        }
    };
    let proposal = json!({
        "proposal": {
            "description": format!("Stake {} NEAR of the treasury through Stake Router ({router}) in one transaction", router_core::format_near(amount)),
            "kind": { "FunctionCall": {
                "receiver_id": router,
                "actions": [{
                    "method_name": "deposit",
                    "args": base64::engine::general_purpose::STANDARD.encode(args.to_string()),
                    "deposit": amount.to_string(),
                    "gas": gas.to_string(),
                }]
            }}
        }
    });
    println!("{}", serde_json::to_string_pretty(&proposal).expect("json"));
    eprintln!(
        "\nSubmit with (the proposal bond is the DAO policy's `proposal_bond`, often 0.1 NEAR):\n  near call {dao} add_proposal '{}' --accountId <member> --deposit 0.1 --gas 100000000000000\n\
         Executing it (act_proposal VoteApprove) needs more gas than the action: attach at least {} TGas.",
        proposal,
        gas / TGAS + 50
    );
    Ok(())
}
