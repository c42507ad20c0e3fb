//! The direct part: validator legs go through the beneficiary's own staking proxy.
//!
//! On a first direct deposit the proxy is created in the same transaction by one batch to the
//! new account: CreateAccount, Transfer (its storage), UseGlobalContract (the recorded hash),
//! FunctionCall `new(owner_id, router_id)`, FunctionCall `stake(legs, refund_to)` with the
//! direct NEAR. A batch is atomic: if any action fails, none happened, the account does not
//! exist and every attached yoctoNEAR comes back to the router, which refunds the depositor.
//!
//! The proxy's `stake` returns no promise: once it accepts the NEAR, the proxy alone settles
//! each pool leg (its events report them, and it refunds a failed pool leg to the depositor).
//! So the deposit's settling callback (`settle.rs`) only learns whether `stake` was accepted,
//! and can never refund twice.

use crate::events::RouterEvent;
use crate::payouts::Refunds;
use crate::{json_args, Router};
use near_sdk::json_types::U128;
use near_sdk::{env, AccountId, Gas, GasWeight, NearToken, Promise};
use router_core::callback_args::DirectSettlement;
use router_core::proxy_api::{self, NewArgs, PoolLeg, StakeArgs};
use router_core::{GasSchedule, SplitPlan, Yocto};

impl Router {
    /// The promise sending the validator legs of `plan` to the beneficiary's proxy (creating
    /// it first if the plan says so), and what settling it needs; `None` without validator legs.
    pub(crate) fn direct_promise(
        &self,
        plan: &SplitPlan,
        depositor: &AccountId,
        beneficiary: &AccountId,
    ) -> Option<(Promise, DirectSettlement)> {
        let legs: Vec<(AccountId, Yocto)> =
            plan.legs.iter().filter(|l| l.kind.is_validator()).map(|l| (l.target.clone(), l.amount)).collect();
        if legs.is_empty() {
            return None;
        }
        let proxy = self.proxy_of(beneficiary);
        let router = env::current_account_id();
        let stake_args = StakeArgs {
            legs: legs.iter().map(|(pool, amount)| PoolLeg { pool_id: pool.clone(), amount: *amount }).collect(),
            refund_to: depositor.clone(),
        };
        let mut batch = Promise::new(proxy.clone());
        if plan.creates_proxy {
            let code_hash = self.proxy_code_hash.expect("checked before planning");
            batch = batch
                .create_account()
                .transfer(NearToken::from_yoctonear(plan.costs.proxy_storage.0))
                .use_global_contract(code_hash)
                .function_call(
                    proxy_api::NEW,
                    json_args(&NewArgs { owner_id: beneficiary.clone(), router_id: router.clone() }),
                    NearToken::from_yoctonear(0),
                    Gas::from_gas(GasSchedule::DEFAULT.proxy_init),
                );
        }
        let settlement = DirectSettlement {
            depositor: depositor.clone(),
            beneficiary: beneficiary.clone(),
            proxy,
            amount: plan.direct_total,
            created: plan.creates_proxy,
            proxy_storage: plan.costs.proxy_storage,
            proxy_record: plan.costs.proxy_record,
            legs,
        };
        let stake_gas = GasSchedule::DEFAULT.proxy_stake_attached(settlement.legs.len() as u64);
        let batch = batch.function_call_weight(
            proxy_api::STAKE,
            json_args(&stake_args),
            NearToken::from_yoctonear(plan.direct_total.0),
            Gas::from_gas(stake_gas),
            GasWeight(1),
        );
        Some((batch, settlement))
    }
}

impl Router {
    /// Settles the direct part in the deposit's settling callback (`accepted`: the proxy took
    /// it). If the proxy (or its creation) refused, undoes the routed totals and the proxy
    /// record and adds to `refunds` everything the direct part took: the legs, the proxy's
    /// storage and the record's storage. Never panics.
    pub(crate) fn settle_direct(&mut self, s: DirectSettlement, accepted: bool, refunds: &mut Refunds) {
        if accepted {
            if s.created {
                let code_hash =
                    self.proxy_code_hash.map(|h| String::from(&near_sdk::json_types::Base58CryptoHash::from(h)));
                RouterEvent::ProxyCreated {
                    beneficiary: &s.beneficiary,
                    proxy: &s.proxy,
                    code_hash: code_hash.unwrap_or_default(),
                }
                .emit();
            }
            RouterEvent::DirectForwarded { beneficiary: &s.beneficiary, proxy: &s.proxy, amount: U128(s.amount.0) }
                .emit();
            return;
        }
        for (pool, amount) in &s.legs {
            self.unroute(pool, amount.0);
        }
        let mut refund = s.amount.0;
        if s.created {
            self.proxies.remove(&Self::proxy_key(&s.beneficiary));
            // Parts of one attached deposit: their sum fits; saturating in a callback.
            refund = refund.saturating_add(s.proxy_storage.0).saturating_add(s.proxy_record.0);
        }
        RouterEvent::DirectFailed {
            beneficiary: &s.beneficiary,
            proxy: &s.proxy,
            amount: U128(s.amount.0),
            proxy_creation_undone: s.created,
        }
        .emit();
        refunds.add(&s.depositor, refund, "direct part refused");
    }
}

impl Router {
    /// Takes back a failed leg from its target's routed total.
    pub(crate) fn unroute(&mut self, target: &AccountId, amount: u128) {
        if let Some(t) = self.targets.get_mut(target) {
            t.routed_total.0 = t.routed_total.0.saturating_sub(amount);
        }
    }
}
