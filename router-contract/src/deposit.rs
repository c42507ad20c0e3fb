//! The one-transaction deposit: every check (`router_core::deposit_check`, over the router's
//! storage), then the fan-out.

use crate::events::RouterEvent;
use crate::{Router, RouterExt};
use near_sdk::json_types::U128;
use near_sdk::{env, near, AccountId};
use router_core::deposit_check::{check_deposit, CheckedDeposit, DepositRequest, Purpose, RouterSnapshot};
use router_core::{PlanGuards, Policy, Profile, SplitPlan, Target};
use std::borrow::Cow;

#[near]
impl Router {
    /// Deposits the attached NEAR, split by `profile` (a name), an explicit `policy`, or else
    /// the caller's stored policy, for `beneficiary_id` (default: the caller). Everything is
    /// checked before any promise, so a refused deposit fails whole and the runtime refunds
    /// it. Returns the plan that was executed; events report each leg's outcome.
    #[payable]
    pub fn deposit(
        &mut self,
        profile: Option<String>,
        policy: Option<Policy>,
        beneficiary_id: Option<AccountId>,
    ) -> SplitPlan {
        self.refresh_proxy_code();
        let depositor = env::predecessor_account_id();
        let beneficiary = beneficiary_id.unwrap_or_else(|| depositor.clone());
        let amount = env::attached_deposit().as_yoctonear();
        let request = DepositRequest {
            amount,
            depositor: Some(&depositor),
            beneficiary: Some(&beneficiary),
            profile: profile.as_deref(),
            policy,
            purpose: Purpose::Deposit { prepaid_gas: Some(env::prepaid_gas().as_gas()) },
        };
        let CheckedDeposit { plan, source, .. } = self.check(request);

        // State changes, each undone by the leg's callback if the leg fails. Every sum is
        // checked before the first change, so an overflow refuses the deposit whole.
        let mut routed = Vec::with_capacity(plan.legs.len());
        for leg in &plan.legs {
            let total = self.targets.get(&leg.target).expect("planned targets exist").routed_total.0;
            let Some(after) = total.checked_add(leg.amount.0) else {
                env::panic_str(&format!("{}: its routed total would overflow; nothing was sent", leg.target))
            };
            routed.push(after);
        }
        for (leg, after) in plan.legs.iter().zip(routed) {
            self.targets.get_mut(&leg.target).expect("planned targets exist").routed_total.0 = after;
        }
        if plan.creates_proxy {
            self.proxies.insert(Self::proxy_key(&beneficiary));
        }
        RouterEvent::DepositAccepted {
            depositor: &depositor,
            beneficiary: &beneficiary,
            amount: U128(amount),
            source: &source.to_string(),
            legs: &plan.legs,
            folded: &plan.folded,
            costs: &plan.costs,
        }
        .emit();

        self.send_fee(&depositor, plan.costs.deposit_fee.0);
        self.fan_out(&plan, &depositor, &beneficiary);
        plan
    }
}

impl Router {
    /// Runs `router_core::deposit_check` over the router's storage (also for
    /// `preview_deposit`); panics with the refusal's message.
    pub(crate) fn check(&self, request: DepositRequest<'_>) -> CheckedDeposit {
        check_deposit(&Snapshot { router: self }, request).unwrap_or_else(|e| env::panic_str(&e.to_string()))
    }
}

/// The router's storage as the deposit checks read it, each read only when a check needs it.
struct Snapshot<'a> {
    router: &'a Router,
}

impl RouterSnapshot for Snapshot<'_> {
    type GuardsUnavailable = core::convert::Infallible;

    fn router_id(&self) -> AccountId {
        env::current_account_id()
    }

    fn paused(&self) -> bool {
        self.router.paused
    }

    fn is_target(&self, account: &AccountId) -> bool {
        self.router.targets.contains_key(account)
    }

    fn targets(&self) -> Cow<'_, [Target]> {
        Cow::Owned(self.router.all_targets())
    }

    fn profile(&self, name: &str) -> Option<&Profile> {
        self.router.profiles.get(name)
    }

    fn stored_policy(&self, account: &AccountId) -> Option<&Policy> {
        self.router.account_policies.get(account)
    }

    fn proxy_exists(&self, beneficiary: Option<&AccountId>) -> bool {
        beneficiary.is_some_and(|b| self.router.proxies.contains(&Router::proxy_key(b)))
    }

    fn proxy_code_set(&self) -> bool {
        self.router.proxy_code_hash.is_some()
    }

    fn min_deposit(&self) -> u128 {
        self.router.min_deposit
    }

    fn deposit_fee_bps(&self) -> u16 {
        self.router.effective_fee_bps()
    }

    fn guards(
        &self,
        profile: Option<&str>,
        policy: &Policy,
        _: &[Target],
    ) -> Result<PlanGuards, Self::GuardsUnavailable> {
        Ok(self.router.plan_guards(profile, policy))
    }
}
