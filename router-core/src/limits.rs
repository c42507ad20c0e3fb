//! What the planner needs to know besides the deposit, the policy and the targets, and the one
//! way to build it: [`PlanLimits::new`] with the shipped schedules, then `with_*` for the rest.

use crate::amount::Yocto;
use crate::costs::CostSchedule;
use crate::gas::GasSchedule;
use crate::guards::PlanGuards;
use serde::{Deserialize, Serialize};

/// What the planner needs to know besides the deposit, the policy and the targets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanLimits {
    /// The router's smallest accepted deposit (yoctoNEAR).
    pub min_deposit: Yocto,
    /// Whether the beneficiary's staking proxy already exists.
    pub proxy_exists: bool,
    /// One-off storage costs.
    pub costs: CostSchedule,
    /// Gas per call.
    pub gas: GasSchedule,
    /// The router's deposit fee in bps (0 = none; above `MAX_DEPOSIT_FEE_BPS` counts as it).
    #[serde(default)]
    pub deposit_fee_bps: u16,
    /// The profile's guard options and the on-chain observations they need.
    #[serde(default)]
    pub guards: PlanGuards,
}

impl PlanLimits {
    /// Limits with the router's shipped schedules (`CostSchedule::DEFAULT`,
    /// `GasSchedule::DEFAULT`), no fee and no guards.
    pub fn new(min_deposit: u128, proxy_exists: bool) -> Self {
        PlanLimits {
            min_deposit: Yocto(min_deposit),
            proxy_exists,
            costs: CostSchedule::DEFAULT,
            gas: GasSchedule::DEFAULT,
            deposit_fee_bps: 0,
            guards: PlanGuards::default(),
        }
    }

    /// The same limits with a deposit fee of `fee_bps`.
    pub fn with_fee(mut self, fee_bps: u16) -> Self {
        self.deposit_fee_bps = fee_bps;
        self
    }

    /// The same limits with `guards`.
    pub fn with_guards(mut self, guards: PlanGuards) -> Self {
        self.guards = guards;
        self
    }

    /// The same limits with another cost schedule (as a router's `get_config` reports it).
    pub fn with_costs(mut self, costs: CostSchedule) -> Self {
        self.costs = costs;
        self
    }

    /// The same limits with another gas schedule (as a router's `get_config` reports it).
    pub fn with_gas(mut self, gas: GasSchedule) -> Self {
        self.gas = gas;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guards::GuardOptions;

    #[test]
    fn new_takes_the_shipped_schedules_and_builders_set_one_field_each() {
        let base = PlanLimits::new(5, true);
        assert_eq!((base.min_deposit, base.proxy_exists, base.deposit_fee_bps), (Yocto(5), true, 0));
        assert_eq!(
            (base.costs, base.gas, base.guards.clone()),
            (CostSchedule::DEFAULT, GasSchedule::DEFAULT, PlanGuards::default())
        );
        let guards = PlanGuards {
            options: GuardOptions { skip_out_of_band_liquid: true, ..Default::default() },
            ..Default::default()
        };
        let costs = CostSchedule { claim_record: Yocto(1), ..CostSchedule::DEFAULT };
        let gas = GasSchedule { proxy_init: 1, ..GasSchedule::DEFAULT };
        let all = base.clone().with_fee(7).with_guards(guards.clone()).with_costs(costs).with_gas(gas);
        assert_eq!(all, PlanLimits { deposit_fee_bps: 7, guards, costs, gas, ..base });
    }
}
