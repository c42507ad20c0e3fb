//! `stake-router plan`: prints the split plan `router-core` computes — the same code the
//! contract runs — offline, against a built-in allow-list (two validator pools, LiNEAR and Meta
//! Pool, default caps) or a router's real one (`--targets FILE`, the JSON of its `get_targets`).

use crate::args::{near_amount, policy};
use crate::describe::describe_plan;
use router_core::{
    default_profiles, plan_deposit, LstProtocol, PlanLimits, Policy, Target, TargetCaps, TargetKind, TargetStatus,
    Yocto, ONE_NEAR,
};
use std::path::PathBuf;

/// `stake-router plan` flags.
#[derive(Clone, Debug, clap::Args)]
pub struct PlanArgs {
    /// The deposit in NEAR, exact (e.g. 100 or 12.345)
    #[arg(long, value_name = "NEAR", value_parser = near_amount)]
    pub amount: Yocto,
    /// A named profile: direct-heavy, balanced or liquid-heavy [default: balanced]
    #[arg(long, value_name = "NAME", conflicts_with = "policy")]
    pub profile: Option<String>,
    /// An explicit policy: "target=bps,target=bps" adding up to 10000
    #[arg(long, value_name = "LEGS", value_parser = policy)]
    pub policy: Option<Policy>,
    /// Plan a first deposit (it creates the staking proxy)
    #[arg(long)]
    pub first_deposit: bool,
    /// Plan against this allow-list (the JSON of the router's `get_targets` view) instead of
    /// the built-in one
    #[arg(long, value_name = "FILE")]
    pub targets: Option<PathBuf>,
    /// Print the plan as JSON
    #[arg(long)]
    pub json: bool,
}

/// The built-in allow-list: two validator pools, LiNEAR and Meta Pool, default caps.
pub fn builtin_targets() -> Vec<Target> {
    let registration = Yocto(1_250_000_000_000_000_000_000);
    let target = |id: &str, kind| Target {
        account_id: id.parse().expect("valid id"),
        kind,
        status: TargetStatus::Active,
        caps: TargetCaps::default(),
        routed_total: Yocto(0),
    };
    vec![
        target("astro-stakers.poolv1.near", TargetKind::Validator),
        target("epic.poolv1.near", TargetKind::Validator),
        target(
            "linear-protocol.near",
            TargetKind::Liquid { protocol: LstProtocol::Linear, registration_deposit: registration },
        ),
        target(
            "meta-pool.near",
            TargetKind::Liquid { protocol: LstProtocol::MetaPool, registration_deposit: registration },
        ),
    ]
}

/// Loads targets from a `get_targets` JSON file, or the built-in list.
fn load_targets(path: Option<&PathBuf>) -> Result<Vec<Target>, String> {
    match path {
        None => Ok(builtin_targets()),
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
            serde_json::from_str(&text).map_err(|e| format!("{} is not a list of targets: {e}", p.display()))
        }
    }
}

/// Runs `stake-router plan`: prints the plan.
pub fn run(args: PlanArgs) -> Result<(), String> {
    let targets = load_targets(args.targets.as_ref())?;
    let policy = match args.policy {
        Some(policy) => policy,
        None => {
            let name = args.profile.as_deref().unwrap_or("balanced");
            let profile = default_profiles()
                .into_iter()
                .find(|p| p.name == name)
                .ok_or_else(|| format!("unknown profile `{name}` (direct-heavy, balanced, liquid-heavy)"))?;
            profile.allocation.resolve(&targets).map_err(|e| e.to_string())?
        }
    };
    let limits = PlanLimits::new(ONE_NEAR, !args.first_deposit);
    let plan = plan_deposit(args.amount.0, &policy, &targets, &limits).map_err(|e| e.to_string())?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&plan).expect("plans serialise"));
    } else {
        print!("{}", describe_plan(&plan));
    }
    Ok(())
}
