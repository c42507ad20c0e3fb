//! The fan-out of a deposit and its one settling callback.
//!
//! The direct part (the proxy batch) and every liquid leg (`deposit_and_stake` beside a
//! registration view) are joined (`promise_and`) into **one** `on_deposit_settled`: it settles
//! the direct part, reads each mint and sends the deliveries, and pays every refund of the
//! deposit back to the depositor in one tracked payout. One callback rather than one per part
//! saves a receipt, its execution fee and a payout per deposit; its static gas covers every
//! path of every part (`GasSchedule::settle_callback_attached`), which the real-VM tests check.

use crate::payouts::Refunds;
use crate::{Router, RouterExt};
use near_sdk::{env, near, AccountId, Gas, PromiseError};
use router_core::callback_args::DirectSettlement;
use router_core::callback_args::LiquidLeg;
use router_core::{GasSchedule, SplitPlan};

impl Router {
    /// Sends the deposit's parts and schedules `on_deposit_settled` after all of them.
    pub(crate) fn fan_out(&self, plan: &SplitPlan, depositor: &AccountId, beneficiary: &AccountId) {
        let direct = self.direct_promise(plan, depositor, beneficiary);
        let liquid = self.liquid_promise(plan, depositor, beneficiary);
        let (validator_legs, liquid_legs) =
            plan.legs.iter().fold((0, 0), |(v, l), leg| if leg.kind.is_validator() { (v + 1, l) } else { (v, l + 1) });
        let (joint, settlement, legs) = match (direct, liquid) {
            (Some((d, s)), Some((l, legs))) => (d.and(l), Some(s), legs),
            (Some((d, s)), None) => (d, Some(s), Vec::new()),
            (None, Some((l, legs))) => (l, None, legs),
            (None, None) => return,
        };
        let attached = GasSchedule::DEFAULT.settle_callback_attached(validator_legs, liquid_legs);
        joint
            .then(
                Self::ext(env::current_account_id())
                    .with_static_gas(Gas::from_gas(attached))
                    .with_unused_gas_weight(1)
                    .on_deposit_settled(settlement, legs),
            )
            .detach();
    }
}

#[near]
impl Router {
    /// Settles a deposit: the direct part (promise result 0, when there is one), then each
    /// liquid leg (the next two results per leg). Every refund goes back to the depositor in
    /// one payout. Private; never panics.
    #[private]
    pub fn on_deposit_settled(
        &mut self,
        #[serializer(borsh)] direct: Option<DirectSettlement>,
        #[serializer(borsh)] legs: Vec<LiquidLeg>,
    ) {
        let mut refunds = Refunds::default();
        let mut first_liquid = 0;
        if let Some(settlement) = direct {
            let accepted = !matches!(env::promise_result_checked(0, 0), Err(PromiseError::Failed));
            self.settle_direct(settlement, accepted, &mut refunds);
            first_liquid = 1;
        }
        self.settle_liquid(first_liquid, legs, &mut refunds);
        refunds.pay(self);
    }
}
