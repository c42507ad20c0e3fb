//! Helpers shared by the runnable examples: a small flag parser, a demo allow-list, and a
//! readable rendering of a [`SplitPlan`] and of a position ([`position_text`]).

pub mod devnet_demo;
pub mod position_text;

pub use position_text::describe_position;

use router_core::{
    format_near, gas::TGAS, AccountId, FoldReason, LstProtocol, Policy, SplitPlan, Target, TargetCaps, TargetKind,
    TargetStatus, Yocto,
};
use std::collections::BTreeMap;

/// `--name value` flags and bare `--switch`es from the command line.
pub struct Flags(BTreeMap<String, Option<String>>);

impl Flags {
    /// Parses `args` (without the program name). Fails on a stray positional argument.
    pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Flags, String> {
        let mut map = BTreeMap::new();
        let mut args = args.into_iter().peekable();
        while let Some(arg) = args.next() {
            let name = arg.strip_prefix("--").ok_or_else(|| format!("unexpected argument `{arg}`"))?;
            let value = match args.peek() {
                Some(next) if !next.starts_with("--") => args.next(),
                _ => None,
            };
            map.insert(name.to_string(), value);
        }
        Ok(Flags(map))
    }

    /// The value of `--name`, if given with a value.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.0.get(name).and_then(|v| v.as_deref())
    }

    /// Whether `--name` was given.
    pub fn has(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }
}

/// The allow-list the examples plan against unless given `--targets FILE` (the JSON of the
/// router's `get_targets` view): two validator pools, LiNEAR and Meta Pool, default caps.
pub fn demo_targets() -> Vec<Target> {
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

/// Loads targets from a `get_targets` JSON file, or the demo list.
pub fn load_targets(path: Option<&str>) -> Result<Vec<Target>, String> {
    match path {
        None => Ok(demo_targets()),
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| format!("cannot read {p}: {e}"))?;
            serde_json::from_str(&text).map_err(|e| format!("{p} is not a list of targets: {e}"))
        }
    }
}

/// Parses `--policy "pool.near=6000,linear-protocol.near=4000"`.
pub fn parse_policy(text: &str) -> Result<Policy, String> {
    let legs = text
        .split(',')
        .map(|part| {
            let (target, bps) = part.split_once('=').ok_or_else(|| format!("`{part}` is not target=bps"))?;
            let target: AccountId = target.trim().parse().map_err(|e| format!("`{target}`: {e}"))?;
            let bps: u16 = bps.trim().parse().map_err(|_| format!("`{bps}` is not a number of basis points"))?;
            Ok(router_core::Leg { target, bps })
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(Policy { legs })
}

/// A plan as a person reads it: one line per leg, folded legs with their reason, the costs,
/// and the gas to attach.
pub fn describe_plan(plan: &SplitPlan) -> String {
    let mut out = format!("Deposit {} NEAR\n", format_near(plan.deposit.0));
    for leg in &plan.legs {
        let kind = match leg.kind {
            TargetKind::Validator => "direct (validator, via your staking proxy)".to_string(),
            TargetKind::Liquid { protocol, .. } => format!("liquid ({})", protocol.display_name()),
        };
        out += &format!(
            "  {:>6.2}%  {:>32} NEAR  -> {}  [{}]\n",
            f64::from(leg.effective_bps) / 100.0,
            format_near(leg.amount.0),
            leg.target,
            kind
        );
    }
    for f in &plan.folded {
        let why = match f.reason {
            FoldReason::BelowMinimumLeg => "below the minimum leg size",
            FoldReason::CeilingReached => "target at its routed ceiling",
            FoldReason::ConcentrationGuard => "validator above the profile's network-share limit",
            FoldReason::DepegGuard => "liquid token's last price outside its depeg band",
        };
        out += &format!("  folded: {} ({} bps) — {why}; its share went to the other legs\n", f.target, f.policy_bps);
    }
    let c = &plan.costs;
    out += &format!(
        "One-off costs {} NEAR (proxy storage {}, proxy record {}, liquid reserves {}; unused reserve is refunded)\n",
        format_near(c.total.0),
        format_near(c.proxy_storage.0),
        format_near(c.proxy_record.0),
        format_near(c.liquid_reserves.0)
    );
    if plan.creates_proxy {
        out += &format!(
            "First direct deposit: creates your staking proxy (account creation charge {} NEAR, paid through gas)\n",
            format_near(c.account_creation_charge_from_gas.0)
        );
    }
    out += &format!(
        "Direct {} NEAR, liquid {} NEAR; attach at least {} TGas\n",
        format_near(plan.direct_total.0),
        format_near(plan.liquid_total.0),
        plan.gas_required.div_ceil(TGAS)
    );
    out
}
