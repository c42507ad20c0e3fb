//! The one-transaction deposit: resolve the policy, plan, check gas, then fan out.

use crate::errors::*;
use crate::events::RouterEvent;
use crate::{Router, RouterExt};
use near_sdk::json_types::U128;
use near_sdk::{env, near, require, AccountId};
use router_core::{plan_deposit, PlanLimits, Policy, SplitPlan};

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
        require!(!self.paused, ERR_PAUSED);
        let depositor = env::predecessor_account_id();
        let beneficiary = beneficiary_id.unwrap_or_else(|| depositor.clone());
        self.assert_beneficiary(&beneficiary);
        let amount = env::attached_deposit().as_yoctonear();
        let (plan, source) =
            self.plan_for(amount, &depositor, &beneficiary, profile, policy).unwrap_or_else(|e| env::panic_str(&e));
        let prepaid = env::prepaid_gas().as_gas();
        if prepaid < plan.gas_required {
            env::panic_str(&format!(
                "{ERR_NOT_ENOUGH_GAS}: attach at least {} gas ({} TGas), got {prepaid}",
                plan.gas_required,
                plan.gas_required.div_ceil(router_core::gas::TGAS)
            ));
        }
        require!(!plan.creates_proxy || self.proxy_code_hash.is_some(), ERR_NO_PROXY_CODE);

        // State changes, each undone by the leg's callback if the leg fails.
        for leg in &plan.legs {
            let target = self.targets.get_mut(&leg.target).expect("planned targets exist");
            target.routed_total.0 += leg.amount.0;
        }
        if plan.creates_proxy {
            self.proxies.insert(Self::proxy_key(&beneficiary));
        }
        RouterEvent::DepositAccepted {
            depositor: &depositor,
            beneficiary: &beneficiary,
            amount: U128(amount),
            source: &source,
            legs: &plan.legs,
            folded: &plan.folded,
            costs: &plan.costs,
        }
        .emit();

        self.send_fee(&depositor, plan.costs.deposit_fee.0);
        self.send_direct(&plan, &depositor, &beneficiary);
        for leg in plan.legs.iter().filter(|l| !l.kind.is_validator()) {
            self.send_liquid(leg, &depositor, &beneficiary);
        }
        plan
    }
}

impl Router {
    /// Plans a deposit exactly as `deposit` would (also used by `preview_deposit`).
    /// Returns the plan and where its policy came from.
    pub(crate) fn plan_for(
        &self,
        amount: u128,
        depositor: &AccountId,
        beneficiary: &AccountId,
        profile: Option<String>,
        policy: Option<Policy>,
    ) -> Result<(SplitPlan, String), String> {
        let targets = self.all_targets();
        let profile_name = profile.clone();
        let (policy, source) = match (profile, policy) {
            (Some(_), Some(_)) => return Err(ERR_PROFILE_AND_POLICY.into()),
            (Some(name), None) => {
                let profile = self.profiles.get(&name).ok_or_else(|| format!("{ERR_UNKNOWN_PROFILE}: {name}"))?;
                (profile.allocation.resolve(&targets).map_err(|e| e.to_string())?, format!("profile:{name}"))
            }
            (None, Some(policy)) => (policy, "explicit".to_string()),
            (None, None) => {
                let stored = self.account_policies.get(depositor).ok_or_else(|| ERR_NO_POLICY.to_string())?;
                (stored.clone(), "stored".to_string())
            }
        };
        let limits = PlanLimits {
            min_deposit: router_core::Yocto(self.min_deposit),
            proxy_exists: self.proxies.contains(&Self::proxy_key(beneficiary)),
            costs: self.costs,
            gas: self.gas,
            deposit_fee_bps: self.effective_fee_bps(),
            guards: self.plan_guards(profile_name.as_deref(), &policy),
        };
        let plan = plan_deposit(amount, &policy, &targets, &limits).map_err(|e| e.to_string())?;
        Ok((plan, source))
    }

    /// A beneficiary may not be the router, a proxy-shaped sub-account or a target.
    pub(crate) fn assert_beneficiary(&self, beneficiary: &AccountId) {
        let router = env::current_account_id();
        require!(
            router_core::naming::beneficiary_allowed(&router, beneficiary, |b| self.targets.contains_key(b)),
            ERR_BAD_BENEFICIARY
        );
    }
}
