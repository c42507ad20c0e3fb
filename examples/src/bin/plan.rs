//! Prints the split plan `router-core` computes — the same code the contract runs.
//!
//! ```text
//! cargo run -p examples --bin plan -- --amount 100 --profile balanced [--first-deposit]
//! cargo run -p examples --bin plan -- --amount 100 --policy "epic.poolv1.near=7000,meta-pool.near=3000"
//! ```
//! `--targets FILE` plans against a router's real allow-list (the JSON of its `get_targets`
//! view); `--json` prints the plan as JSON.

use examples::{describe_plan, load_targets, parse_policy, Flags};
use router_core::{default_profiles, parse_near, plan_deposit, CostSchedule, GasSchedule, PlanLimits, Yocto, ONE_NEAR};

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), String> {
    let flags = Flags::parse(std::env::args().skip(1))?;
    let amount = parse_near(flags.value("amount").ok_or("give --amount in NEAR, e.g. --amount 100")?)
        .map_err(|e| e.to_string())?;
    let targets = load_targets(flags.value("targets"))?;
    let policy = match (flags.value("profile"), flags.value("policy")) {
        (Some(_), Some(_)) => return Err("give --profile or --policy, not both".into()),
        (None, Some(p)) => parse_policy(p)?,
        (profile, None) => {
            let name = profile.unwrap_or("balanced");
            let profile = default_profiles()
                .into_iter()
                .find(|p| p.name == name)
                .ok_or_else(|| format!("unknown profile `{name}` (direct-heavy, balanced, liquid-heavy)"))?;
            profile.allocation.resolve(&targets).map_err(|e| e.to_string())?
        }
    };
    let limits = PlanLimits {
        min_deposit: Yocto(ONE_NEAR),
        proxy_exists: !flags.has("first-deposit"),
        costs: CostSchedule::DEFAULT,
        gas: GasSchedule::DEFAULT,
        deposit_fee_bps: 0,
        guards: Default::default(),
    };
    let plan = plan_deposit(amount, &policy, &targets, &limits).map_err(|e| e.to_string())?;
    if flags.has("json") {
        println!("{}", serde_json::to_string_pretty(&plan).expect("plans serialise"));
    } else {
        print!("{}", describe_plan(&plan));
    }
    Ok(())
}
