//! Liquid legs: stake with the protocol, then deliver the minted tokens to the beneficiary.
//!
//! Each leg's `deposit_and_stake` runs alongside a `storage_balance_of(beneficiary)` view on the
//! same protocol, and every leg of a deposit is joined (`promise_and`, with the direct part)
//! into **one** settling callback (`settle.rs`), which learns what each protocol minted (the
//! returned amount, never a quote) and whether the beneficiary must be registered. Delivery is one batch per token (`storage_deposit` only when
//! needed, and `ft_transfer`), all joined into one `on_liquid_delivered`. If a delivery fails,
//! the tokens stay in the router as the beneficiary's claimable. One callback per step rather
//! than per leg saves two receipts and a payout per extra leg (`docs/gas.md`); the callback's
//! gas grows with its legs (`GasSchedule::settle_callback_attached`).
//!
//! Each leg holds back a small reserve (see `router_core::CostSchedule::leg_reserve`) that
//! pays the registration, the 1 yoctoNEAR of `ft_transfer`, or the claimable record; the
//! unused part goes back to the depositor when the leg settles.

use crate::events::RouterEvent;
use crate::payouts::Refunds;
use crate::{json_args, Router, RouterExt};
use near_sdk::json_types::U128;
use near_sdk::serde::de::IgnoredAny;
use near_sdk::serde_json;
use near_sdk::{env, near, AccountId, Gas, GasWeight, NearToken, Promise, PromiseError};
use router_core::callback_args::{Delivery, LiquidLeg};
use router_core::lst_api::{self, FtTransferArgs, StorageBalanceOfArgs, StorageDepositArgs};
use router_core::{GasSchedule, SplitPlan, TargetKind, Yocto};

/// The longest answer read from a protocol (a U128 string or a storage balance object).
const MAX_RESULT_LEN: usize = 256;

impl Router {
    /// The promises of a deposit's liquid legs: each protocol's `deposit_and_stake` beside a
    /// `storage_balance_of(beneficiary)` view on it, all joined (`promise_and`); leg `i`'s
    /// results are the joint's results `2i` (minted) and `2i + 1` (registration). `None`
    /// without liquid legs.
    pub(crate) fn liquid_promise(
        &self,
        plan: &SplitPlan,
        depositor: &AccountId,
        beneficiary: &AccountId,
    ) -> Option<(Promise, Vec<LiquidLeg>)> {
        let gas = GasSchedule::DEFAULT;
        let mut joint: Option<Promise> = None;
        let mut legs = Vec::new();
        for leg in &plan.legs {
            let TargetKind::Liquid { registration_deposit, .. } = leg.kind else { continue };
            let stake = Promise::new(leg.target.clone()).function_call_weight(
                lst_api::DEPOSIT_AND_STAKE,
                b"{}".to_vec(),
                NearToken::from_yoctonear(leg.amount.0),
                Gas::from_gas(gas.lst_deposit_and_stake),
                GasWeight(1),
            );
            let registration = Promise::new(leg.target.clone()).function_call(
                lst_api::STORAGE_BALANCE_OF,
                json_args(&StorageBalanceOfArgs { account_id: beneficiary }),
                NearToken::from_yoctonear(0),
                Gas::from_gas(gas.lst_storage_view),
            );
            let pair = stake.and(registration);
            joint = Some(match joint {
                None => pair,
                Some(joint) => joint.and(pair),
            });
            crate::held::settling(&leg.target, true);
            legs.push(LiquidLeg {
                depositor: depositor.clone(),
                beneficiary: beneficiary.clone(),
                token: leg.target.clone(),
                near_amount: leg.amount,
                reserve: leg.reserve,
                registration_deposit,
            });
        }
        let held = legs.iter().fold(0u128, |sum, leg| sum.saturating_add(leg.reserve.0));
        crate::reserves::hold(held);
        joint.map(|joint| (joint, legs))
    }

    /// Adds the token's NEP-141 `ft_transfer(receiver, amount, memo)` (1 yoctoNEAR, the
    /// schedule's `lst_ft_transfer` gas) to `promise`, a promise on the token contract.
    pub(crate) fn ft_transfer(&self, promise: Promise, receiver: &AccountId, amount: U128, memo: &str) -> Promise {
        promise.function_call(
            lst_api::FT_TRANSFER,
            json_args(&FtTransferArgs { receiver_id: receiver, amount: Yocto(amount.0), memo }),
            NearToken::from_yoctonear(1),
            Gas::from_gas(GasSchedule::DEFAULT.lst_ft_transfer),
        )
    }
}

#[near]
impl Router {
    /// Settles the deliveries: a failed one leaves its tokens claimable (the registration
    /// deposit and the yoctoNEAR come back to the router). The unused reserves go back to the
    /// depositor in one payout. Private; never panics.
    #[private]
    pub fn on_liquid_delivered(&mut self, #[serializer(borsh)] deliveries: Vec<Delivery>) {
        let mut refunds = Refunds::default();
        for (i, Delivery { leg, minted, registration_paid }) in deliveries.into_iter().enumerate() {
            if registration_paid.0 > 0 {
                mark_registration(&leg.token, &leg.beneficiary, false);
            }
            crate::reserves::release(leg.reserve.0);
            let delivered = !matches!(env::promise_result_checked(i as u64, 0), Err(PromiseError::Failed));
            let leftover = if delivered {
                crate::held::release(&leg.token, minted.0);
                RouterEvent::TokensDelivered {
                    beneficiary: &leg.beneficiary,
                    token: &leg.token,
                    amount: U128(minted.0),
                    registered_receiver: registration_paid.0 > 0,
                }
                .emit();
                leg.reserve.0.saturating_sub(1 + registration_paid.0)
            } else {
                let storage_cost = self.add_claimable(&leg.beneficiary, &leg.token, minted.0);
                RouterEvent::ClaimableRecorded {
                    beneficiary: &leg.beneficiary,
                    token: &leg.token,
                    amount: U128(minted.0),
                }
                .emit();
                leg.reserve.0.saturating_sub(storage_cost)
            };
            refunds.add(&leg.depositor, leftover, "unused liquid reserve");
        }
        refunds.pay(self);
    }
}

impl Router {
    /// Settles a deposit's liquid legs in its settling callback, leg `i`'s results being
    /// `first + 2i` (minted) and `first + 2i + 1` (registration): reads what each protocol
    /// minted and delivers it (one batch per token, all joined into one `on_liquid_delivered`);
    /// a failed leg's NEAR and unused reserves are added to `refunds`. Never panics.
    pub(crate) fn settle_liquid(&mut self, first: u64, legs: Vec<LiquidLeg>, refunds: &mut Refunds) {
        let mut deliveries = Vec::new();
        let mut batches: Option<Promise> = None;
        for (i, leg) in legs.into_iter().enumerate() {
            let Some((delivery, batch)) = self.settle_mint(first + 2 * i as u64, leg, refunds) else { continue };
            deliveries.push(delivery);
            batches = Some(match batches {
                None => batch,
                Some(joint) => joint.and(batch),
            });
        }
        if let Some(batches) = batches {
            let attached = GasSchedule::DEFAULT.delivery_callback_attached(deliveries.len() as u64);
            batches
                .then(
                    Self::ext(env::current_account_id())
                        .with_static_gas(Gas::from_gas(attached))
                        .with_unused_gas_weight(1)
                        .on_liquid_delivered(deliveries),
                )
                .detach();
        }
    }

    /// One leg's mint, read from the joint's results `index` (minted) and `index + 1`
    /// (registration). Returns the delivery to make, or `None` when the leg needs none (it
    /// failed, minted nothing, or its answer is unreadable); what goes back to the depositor is
    /// added to `refunds`.
    fn settle_mint(&mut self, index: u64, leg: LiquidLeg, refunds: &mut Refunds) -> Option<(Delivery, Promise)> {
        crate::held::settling(&leg.token, false);
        let minted = match env::promise_result_checked(index, MAX_RESULT_LEN) {
            Err(PromiseError::Failed) => {
                self.unroute(&leg.token, leg.near_amount.0);
                RouterEvent::LiquidLegFailed {
                    beneficiary: &leg.beneficiary,
                    token: &leg.token,
                    near_amount: U128(leg.near_amount.0),
                }
                .emit();
                crate::reserves::release(leg.reserve.0);
                refunds.add(&leg.depositor, leg.near_amount.0.saturating_add(leg.reserve.0), "liquid leg failed");
                return None;
            }
            Ok(bytes) => serde_json::from_slice::<U128>(&bytes).ok(),
            Err(_) => None,
        };
        let Some(minted) = minted else {
            // The protocol took the NEAR but its answer is unreadable: hold the tokens in the
            // router under a record the owner verifies; nothing is guessed.
            self.hold_unverified(&leg, refunds);
            return None;
        };
        RouterEvent::LiquidLegStaked {
            beneficiary: &leg.beneficiary,
            token: &leg.token,
            near_amount: U128(leg.near_amount.0),
            minted,
        }
        .emit();
        self.observe_mint(&leg.token, leg.near_amount.0, minted.0);
        if self.mint_below_band(&leg.token, leg.near_amount.0, minted.0) {
            // More tokens than the token's band allows for this NEAR: delivering the target's
            // word could pay out other users' tokens held here. Held for review instead.
            self.hold_unverified(&leg, refunds);
            return None;
        }
        if minted.0 == 0 {
            crate::reserves::release(leg.reserve.0);
            refunds.add(&leg.depositor, leg.reserve.0, "nothing minted to deliver");
            return None;
        }
        // Registered: any JSON answer but `null` (the balance itself is not read).
        let registered = matches!(
            env::promise_result_checked(index + 1, MAX_RESULT_LEN)
                .ok()
                .and_then(|b| serde_json::from_slice::<Option<IgnoredAny>>(&b).ok()),
            Some(Some(_))
        );
        // A registration this router already has in flight for the same account (another
        // deposit's leg settling in the same block) registers it before this delivery arrives:
        // paying again would have the token refund it to the router, owed to no one.
        let in_flight = !registered && registration_in_flight(&leg.token, &leg.beneficiary);
        let registered = registered || in_flight;
        if !registered {
            mark_registration(&leg.token, &leg.beneficiary, true);
        }
        let registration_paid = if registered { 0 } else { leg.registration_deposit.0 };
        let mut batch = Promise::new(leg.token.clone());
        if !registered {
            batch = batch.function_call(
                lst_api::STORAGE_DEPOSIT,
                json_args(&StorageDepositArgs { account_id: &leg.beneficiary, registration_only: true }),
                NearToken::from_yoctonear(registration_paid),
                Gas::from_gas(GasSchedule::DEFAULT.lst_storage_deposit),
            );
        }
        // From here until `on_liquid_delivered`, the minted tokens are held for the beneficiary.
        crate::held::hold(&leg.token, minted.0);
        let batch = self.ft_transfer(batch, &leg.beneficiary, minted, "stake-router");
        Some((Delivery { leg, minted: Yocto(minted.0), registration_paid: Yocto(registration_paid) }, batch))
    }
}

impl Router {
    /// Holds a leg's mint in the router under an unverified record (released by
    /// `resolve_unverified` or `claim_unverified`); its storage comes out of the leg's reserve.
    fn hold_unverified(&mut self, leg: &LiquidLeg, refunds: &mut Refunds) {
        crate::reserves::release(leg.reserve.0);
        let (id, leftover) = self.record_unverified(leg);
        RouterEvent::LiquidMintUnverified {
            id,
            beneficiary: &leg.beneficiary,
            token: &leg.token,
            near_amount: U128(leg.near_amount.0),
        }
        .emit();
        refunds.add(&leg.depositor, leftover, "unused liquid reserve");
    }
}

/// The storage key marking a registration of `account` with `token` this router has sent and
/// not yet settled. A raw key outside the router's state struct (no layout change); it exists
/// only between a leg's settling callback and its `on_liquid_delivered`.
fn registration_key(token: &AccountId, account: &AccountId) -> Vec<u8> {
    [b"reg:".as_slice(), token.as_bytes(), b"/", account.as_bytes()].concat()
}

/// Whether a registration of `account` with `token` is in flight.
fn registration_in_flight(token: &AccountId, account: &AccountId) -> bool {
    env::storage_has_key(&registration_key(token, account))
}

/// Marks (or clears) a registration in flight.
fn mark_registration(token: &AccountId, account: &AccountId, in_flight: bool) {
    let key = registration_key(token, account);
    if in_flight {
        env::storage_write(&key, &[]);
    } else {
        env::storage_remove(&key);
    }
}
