//! The checks' order and messages over an in-memory snapshot.

use super::*;
use crate::{default_profiles, Leg, TargetCaps, TargetKind, TargetStatus, Yocto, ONE_NEAR};

struct Mem {
    paused: bool,
    targets: Vec<Target>,
    profiles: Vec<Profile>,
    stored: Vec<(AccountId, Policy)>,
    proxy_code: bool,
    guards_ready: bool,
}

impl RouterSnapshot for Mem {
    type GuardsUnavailable = &'static str;
    fn router_id(&self) -> AccountId {
        id("router.near")
    }
    fn paused(&self) -> bool {
        self.paused
    }
    fn is_target(&self, account: &AccountId) -> bool {
        self.targets.iter().any(|t| &t.account_id == account)
    }
    fn targets(&self) -> Cow<'_, [Target]> {
        Cow::Borrowed(&self.targets)
    }
    fn profile(&self, name: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.name == name)
    }
    fn stored_policy(&self, account: &AccountId) -> Option<&Policy> {
        self.stored.iter().find(|(a, _)| a == account).map(|(_, p)| p)
    }
    fn proxy_exists(&self, _: Option<&AccountId>) -> bool {
        false
    }
    fn proxy_code_set(&self) -> bool {
        self.proxy_code
    }
    fn min_deposit(&self) -> u128 {
        ONE_NEAR
    }
    fn deposit_fee_bps(&self) -> u16 {
        0
    }
    fn guards(&self, profile: Option<&str>, _: &Policy, _: &[Target]) -> Result<PlanGuards, &'static str> {
        if profile.is_some() && !self.guards_ready {
            return Err("guards loading");
        }
        Ok(PlanGuards::default())
    }
}

fn id(s: &str) -> AccountId {
    s.parse().unwrap()
}

fn mem() -> Mem {
    let pool = Target {
        account_id: id("pool.near"),
        kind: TargetKind::Validator,
        status: TargetStatus::Active,
        caps: TargetCaps::default(),
        routed_total: Yocto(0),
    };
    Mem {
        paused: false,
        targets: vec![pool],
        profiles: default_profiles(),
        stored: vec![(id("dao.near"), Policy { legs: vec![Leg { target: id("pool.near"), bps: 10_000 }] })],
        proxy_code: true,
        guards_ready: true,
    }
}

fn request<'a>(depositor: &'a AccountId, profile: Option<&'a str>, purpose: Purpose) -> DepositRequest<'a> {
    DepositRequest {
        amount: 10 * ONE_NEAR,
        depositor: Some(depositor),
        beneficiary: Some(depositor),
        profile,
        policy: None,
        purpose,
    }
}

const DEPOSIT: Purpose = Purpose::Deposit { prepaid_gas: Some(300 * TGAS) };

fn message(r: Result<CheckedDeposit, DepositRefusal<&'static str>>) -> String {
    r.unwrap_err().to_string()
}

#[test]
fn sources_and_plans() {
    let (m, dao) = (mem(), id("dao.near"));
    let checked = check_deposit(&m, request(&dao, Some("balanced"), DEPOSIT)).unwrap();
    assert_eq!(checked.source.to_string(), "profile:balanced");
    assert!(checked.plan.creates_proxy);
    assert_eq!(check_deposit(&m, request(&dao, None, DEPOSIT)).unwrap().source.to_string(), "stored");
    let mut explicit = request(&dao, None, DEPOSIT);
    explicit.policy = Some(checked.policy.clone());
    assert_eq!(check_deposit(&m, explicit).unwrap().source, PolicySource::Explicit);
}

#[test]
fn refusals_come_in_the_routers_order_with_its_messages() {
    let alice = id("alice.near");
    let mut m = mem();
    m.paused = true;
    m.proxy_code = false;
    let mut both = request(&alice, Some("nope"), DEPOSIT);
    both.policy = Some(Policy { legs: vec![] });
    assert_eq!(message(check_deposit(&m, both.clone())), ERR_PAUSED);
    both.beneficiary = Some(&m.targets[0].account_id);
    assert_eq!(message(check_deposit(&m, both.clone())), ERR_PAUSED, "the pause comes first");
    both.purpose = Purpose::Preview;
    assert_eq!(message(check_deposit(&m, both.clone())), ERR_BAD_BENEFICIARY, "a preview ignores the pause");
    both.beneficiary = Some(&alice);
    assert_eq!(message(check_deposit(&m, both)), ERR_PROFILE_AND_POLICY);
    m.paused = false;
    assert_eq!(message(check_deposit(&m, request(&alice, Some("nope"), DEPOSIT))), "Unknown profile: nope");
    assert_eq!(message(check_deposit(&m, request(&alice, None, DEPOSIT))), ERR_NO_POLICY);
    m.guards_ready = false;
    assert_eq!(message(check_deposit(&m, request(&alice, Some("balanced"), DEPOSIT))), "guards loading");
    m.guards_ready = true;
    let mut small = request(&alice, Some("balanced"), DEPOSIT);
    small.amount = 1;
    assert!(matches!(check_deposit(&m, small), Err(DepositRefusal::Plan(PlanError::BelowMinimumDeposit { .. }))));
    let short = request(&alice, Some("balanced"), Purpose::Deposit { prepaid_gas: Some(TGAS) });
    let required = check_deposit(&m, request(&alice, Some("balanced"), Purpose::Preview)).unwrap().plan.gas_required;
    assert_eq!(
        message(check_deposit(&m, short)),
        format!("{ERR_NOT_ENOUGH_GAS}: attach at least {required} gas ({} TGas), got {TGAS}", required.div_ceil(TGAS)),
        "the gas comes before the proxy code"
    );
    assert_eq!(message(check_deposit(&m, request(&alice, Some("balanced"), DEPOSIT))), ERR_NO_PROXY_CODE);
    let unchecked = request(&alice, Some("balanced"), Purpose::Deposit { prepaid_gas: None });
    assert_eq!(message(check_deposit(&m, unchecked)), ERR_NO_PROXY_CODE, "no gas given, none checked");
    assert!(check_deposit(&m, request(&alice, Some("balanced"), Purpose::Preview)).is_ok(), "a preview quotes anyway");
}
