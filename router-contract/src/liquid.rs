//! Liquid legs: stake with the protocol, then deliver the minted tokens to the beneficiary.
//!
//! `deposit_and_stake` runs alongside a `storage_balance_of(beneficiary)` view on the same
//! protocol (`promise_and`), so one callback learns both what was minted (the returned amount,
//! never a quote) and whether the beneficiary must be registered. Delivery is one batch on the
//! token: `storage_deposit` (only when needed) and `ft_transfer`. If delivery fails, the
//! tokens stay in the router as the beneficiary's claimable.
//!
//! Each leg holds back a small reserve (see `router_core::CostSchedule::leg_reserve`) that
//! pays the registration, the 1 yoctoNEAR of `ft_transfer`, or the claimable record; the
//! unused part goes back to the depositor when the leg settles.

use crate::direct::json_args;
use crate::events::RouterEvent;
use crate::{Router, RouterExt};
use near_sdk::json_types::U128;
use near_sdk::serde::de::IgnoredAny;
use near_sdk::serde_json;
use near_sdk::{env, near, AccountId, Gas, NearToken, Promise, PromiseError};
use router_core::lst_api::{self, FtTransferArgs, StorageBalanceOfArgs, StorageDepositArgs};
use router_core::{GasSchedule, PlannedLeg, TargetKind, Yocto};

/// The longest answer read from a protocol (a U128 string or a storage balance object).
const MAX_RESULT_LEN: usize = 256;

/// What the liquid callbacks need to settle one leg.
#[near(serializers = [json])]
#[derive(Clone)]
pub struct LiquidLeg {
    /// Who pays and is refunded.
    pub depositor: AccountId,
    /// Who receives the tokens.
    pub beneficiary: AccountId,
    /// The protocol (and its token contract).
    pub token: AccountId,
    /// NEAR staked on this leg.
    pub near_amount: U128,
    /// NEAR held back for storage and the transfer's yoctoNEAR.
    pub reserve: U128,
    /// The protocol's NEP-145 registration deposit.
    pub registration_deposit: U128,
}

impl Router {
    /// Starts one liquid leg.
    pub(crate) fn send_liquid(&self, leg: &PlannedLeg, depositor: &AccountId, beneficiary: &AccountId) {
        let TargetKind::Liquid { registration_deposit, .. } = leg.kind else { return };
        let stake = Promise::new(leg.target.clone()).function_call(
            lst_api::DEPOSIT_AND_STAKE,
            b"{}".to_vec(),
            NearToken::from_yoctonear(leg.amount.0),
            Gas::from_gas(GasSchedule::DEFAULT.lst_deposit_and_stake),
        );
        let registration = Promise::new(leg.target.clone()).function_call(
            lst_api::STORAGE_BALANCE_OF,
            json_args(&StorageBalanceOfArgs { account_id: beneficiary }),
            NearToken::from_yoctonear(0),
            Gas::from_gas(GasSchedule::DEFAULT.lst_storage_view),
        );
        let settle = LiquidLeg {
            depositor: depositor.clone(),
            beneficiary: beneficiary.clone(),
            token: leg.target.clone(),
            near_amount: U128(leg.amount.0),
            reserve: U128(leg.reserve.0),
            registration_deposit: U128(registration_deposit.0),
        };
        stake
            .and(registration)
            .then(
                Self::ext(env::current_account_id())
                    .with_static_gas(Gas::from_gas(GasSchedule::DEFAULT.liquid_callback_attached()))
                    .on_liquid_staked(settle),
            )
            .detach();
    }
}

impl Router {
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
    /// Reads what the protocol minted and delivers it. Private; never panics.
    #[private]
    pub fn on_liquid_staked(&mut self, leg: LiquidLeg) {
        let minted = match env::promise_result_checked(0, MAX_RESULT_LEN) {
            Err(PromiseError::Failed) => {
                self.unroute(&leg.token, leg.near_amount.0);
                RouterEvent::LiquidLegFailed {
                    beneficiary: &leg.beneficiary,
                    token: &leg.token,
                    near_amount: leg.near_amount,
                }
                .emit();
                let back = leg.near_amount.0.saturating_add(leg.reserve.0);
                return self.pay_or_owe(&leg.depositor, back, "liquid leg failed");
            }
            Ok(bytes) => serde_json::from_slice::<U128>(&bytes).ok(),
            Err(_) => None,
        };
        let Some(minted) = minted else {
            // The protocol took the NEAR but its answer is unreadable: hold the tokens in the
            // router under a record the owner verifies; nothing is guessed.
            let id = self.record_unverified(&leg);
            RouterEvent::LiquidMintUnverified {
                id,
                beneficiary: &leg.beneficiary,
                token: &leg.token,
                near_amount: leg.near_amount,
            }
            .emit();
            return;
        };
        RouterEvent::LiquidLegStaked {
            beneficiary: &leg.beneficiary,
            token: &leg.token,
            near_amount: leg.near_amount,
            minted,
        }
        .emit();
        self.observe_mint(&leg.token, leg.near_amount.0, minted.0);
        if minted.0 == 0 {
            return self.pay_or_owe(&leg.depositor, leg.reserve.0, "nothing minted to deliver");
        }
        // Registered: any JSON answer but `null` (the balance itself is not read).
        let registered = matches!(
            env::promise_result_checked(1, MAX_RESULT_LEN)
                .ok()
                .and_then(|b| serde_json::from_slice::<Option<IgnoredAny>>(&b).ok()),
            Some(Some(_))
        );
        // A registration this router already has in flight for the same account (another leg
        // settling in the same block) registers it before this delivery arrives: paying again
        // would have the token refund it to the router, owed to no one.
        let in_flight = !registered && registration_in_flight(&leg.token, &leg.beneficiary);
        let registered = registered || in_flight;
        if !registered {
            mark_registration(&leg.token, &leg.beneficiary, true);
        }
        let registration_paid = if registered { 0 } else { leg.registration_deposit.0 };
        let mut delivery = Promise::new(leg.token.clone());
        if !registered {
            delivery = delivery.function_call(
                lst_api::STORAGE_DEPOSIT,
                json_args(&StorageDepositArgs { account_id: &leg.beneficiary, registration_only: true }),
                NearToken::from_yoctonear(registration_paid),
                Gas::from_gas(GasSchedule::DEFAULT.lst_storage_deposit),
            );
        }
        self.ft_transfer(delivery, &leg.beneficiary, minted, "stake-router")
            .then(
                Self::ext(env::current_account_id())
                    .with_static_gas(Gas::from_gas(GasSchedule::DEFAULT.delivery_callback_attached()))
                    .on_liquid_delivered(leg, minted, U128(registration_paid)),
            )
            .detach();
    }

    /// Settles a delivery: on failure the tokens become claimable (the registration deposit
    /// and the yoctoNEAR come back to the router). Refunds the unused reserve. Private; never
    /// panics.
    #[private]
    pub fn on_liquid_delivered(&mut self, leg: LiquidLeg, minted: U128, registration_paid: U128) {
        if registration_paid.0 > 0 {
            mark_registration(&leg.token, &leg.beneficiary, false);
        }
        let delivered = !matches!(env::promise_result_checked(0, 0), Err(PromiseError::Failed));
        let leftover = if delivered {
            RouterEvent::TokensDelivered {
                beneficiary: &leg.beneficiary,
                token: &leg.token,
                amount: minted,
                registered_receiver: registration_paid.0 > 0,
            }
            .emit();
            leg.reserve.0.saturating_sub(1 + registration_paid.0)
        } else {
            let storage_cost = self.add_claimable(&leg.beneficiary, &leg.token, minted.0);
            RouterEvent::ClaimableRecorded { beneficiary: &leg.beneficiary, token: &leg.token, amount: minted }.emit();
            leg.reserve.0.saturating_sub(storage_cost)
        };
        self.pay_or_owe(&leg.depositor, leftover, "unused liquid reserve");
    }
}

/// The storage key marking a registration of `account` with `token` this router has sent and
/// not yet settled. A raw key outside the router's state struct (no layout change); it exists
/// only between a leg's `on_liquid_staked` and its `on_liquid_delivered`.
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
