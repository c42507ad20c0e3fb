//! Releasing unverified mints (`router_core::unverified`): by the owner's figure or by the
//! protocol's price for the beneficiary; either way never more than the
//! router holds of the token beyond what it owes others (`held.rs`), read in the same call.
//!
//! Both calls take the record out before reading (so it cannot be released twice meanwhile)
//! and put it back when the reads fail or the amount is refused; the call then fails for its
//! caller (`call_failed`) with the reason.

use crate::errors::*;
use crate::events::RouterEvent;
use crate::payouts::Refunds;
use crate::views::UnverifiedMint;
use crate::{held, json_args, Router, RouterExt};
use near_sdk::json_types::U128;
use near_sdk::serde_json;
use near_sdk::{
    assert_one_yocto, env, near, require, AccountId, Gas, NearToken, Promise, PromiseError, PromiseOrValue,
};
use router_core::callback_args::Release;
use router_core::lst_api::{FtBalanceOfArgs, FT_BALANCE_OF};
use router_core::unverified::{
    creditable, priced_tokens, unverified_required, Ask, UNVERIFIED_CALLBACK, UNVERIFIED_VIEW,
};
use router_core::{GasSchedule, TargetKind, Yocto};

/// The longest answer read from a token (a U128 string).
const MAX_ANSWER_LEN: usize = 128;

#[near]
impl Router {
    /// Turns an unverified mint into a claimable of `minted` tokens for its beneficiary, once
    /// the owner has read the amount from the token's own records. Owner, 1 yoctoNEAR, and
    /// [`router_core::unverified::unverified_required`] prepaid gas (30.6 TGas by default).
    /// Reads the router's `ft_balance_of` on the token in the same call and fails, keeping the
    /// record, when `minted` is more than the router holds beyond what it owes others.
    #[payable]
    pub fn resolve_unverified(&mut self, id: u64, minted: U128) -> Promise {
        self.assert_owner();
        self.release_unverified(id, Release::Owner { minted: Yocto(minted.0) })
    }

    /// The beneficiary's path, needing no owner: credits the tokens the leg's NEAR buys at the
    /// protocol's price view now (rounded down), capped by what the router holds of the token
    /// beyond what it owes others. A protocol's price only grows with rewards, so this is never
    /// more than the leg minted; the owner's exact figure, when read first, credits the rest.
    /// Only the beneficiary, 1 yoctoNEAR, the same gas as `resolve_unverified`.
    #[payable]
    pub fn claim_unverified(&mut self, id: u64) -> Promise {
        assert_one_yocto();
        let mint = self.unverified.get(&id).unwrap_or_else(|| env::panic_str(ERR_NO_UNVERIFIED));
        require!(env::predecessor_account_id() == mint.beneficiary, ERR_NOT_UNVERIFIED_BENEFICIARY);
        self.release_unverified(id, Release::Beneficiary)
    }

    /// Settles a release: credits the claimable, or restores the record and fails with the
    /// reason. Either way the caller's yoctoNEAR goes back to them (with the depositor's freed
    /// storage in one payout when they are the same account). Private; never panics (a refusal
    /// fails through `call_failed`).
    #[private]
    pub fn on_unverified_read(
        &mut self,
        #[serializer(borsh)] id: u64,
        #[serializer(borsh)] mint: UnverifiedMint,
        #[serializer(borsh)] release: Release,
        #[serializer(borsh)] record_cost: U128,
        #[serializer(borsh)] caller: AccountId,
    ) -> PromiseOrValue<U128> {
        let read = |i: u64| match env::promise_result_checked(i, MAX_ANSWER_LEN) {
            Ok(bytes) => serde_json::from_slice::<U128>(&bytes).ok().map(|v| v.0),
            Err(PromiseError::Failed) | Err(_) => None,
        };
        let balance = read(0);
        let ask = match release {
            Release::Owner { minted } => Some(Ask::Named(minted.0)),
            Release::Beneficiary => read(1).and_then(|price| priced_tokens(mint.near_amount.0, price)).map(Ask::Priced),
        };
        let outcome = match (balance, ask) {
            (Some(balance), Some(ask)) => {
                let (held, settling) = held::counters(&mint.token);
                creditable(balance, held, settling > 0, ask).map_err(|r| r.describe(mint.token.as_str()))
            }
            _ => Err(format!("The router's balance or the price of {} could not be read; nothing changed", mint.token)),
        };
        match outcome {
            Ok(amount) => {
                let mut refunds = Refunds::default();
                self.credit_unverified(id, &mint, amount, &release, record_cost.0, &mut refunds);
                refunds.add(&caller, 1, "release's yoctoNEAR back");
                refunds.pay(self);
                PromiseOrValue::Value(U128(amount))
            }
            Err(reason) => {
                self.unverified.insert(id, mint);
                self.unverified.flush();
                RouterEvent::UnverifiedRefused { id, reason: &reason }.emit();
                self.pay_or_owe(&caller, 1, "release's yoctoNEAR back");
                PromiseOrValue::Promise(
                    Self::ext(env::current_account_id())
                        .with_static_gas(Gas::from_gas(router_core::gas::CALL_FAILED))
                        .with_unused_gas_weight(0)
                        .call_failed(reason),
                )
            }
        }
    }
}

impl Router {
    /// Takes record `id` out and reads the router's balance of its token (and, for the
    /// beneficiary's path, the protocol's price) with `on_unverified_read` after.
    fn release_unverified(&mut self, id: u64, release: Release) -> Promise {
        let required = unverified_required(&GasSchedule::DEFAULT);
        require!(env::prepaid_gas().as_gas() >= required, format!("{ERR_UNVERIFIED_GAS} {required}"));
        let before = env::storage_usage();
        let mint = self.unverified.remove(&id).unwrap_or_else(|| env::panic_str(ERR_NO_UNVERIFIED));
        self.unverified.flush();
        let freed = u128::from(before.saturating_sub(env::storage_usage())) * env::storage_byte_cost().as_yoctonear();
        let router = env::current_account_id();
        let view = |method: &str, args: Vec<u8>| {
            Promise::new(mint.token.clone()).function_call(
                method,
                args,
                NearToken::from_yoctonear(0),
                Gas::from_gas(UNVERIFIED_VIEW),
            )
        };
        let mut reads = view(FT_BALANCE_OF, json_args(&FtBalanceOfArgs { account_id: &router }));
        if matches!(release, Release::Beneficiary) {
            let price = match self.targets.get(&mint.token).map(|t| t.kind) {
                Some(TargetKind::Liquid { protocol, .. }) => protocol.price_method(),
                _ => env::panic_str(ERR_UNVERIFIED_NO_PRICE),
            };
            // The price view takes no arguments.
            reads = reads.and(view(price, b"{}".to_vec()));
        }
        reads.then(
            Self::ext(router)
                .with_static_gas(Gas::from_gas(UNVERIFIED_CALLBACK))
                .with_unused_gas_weight(0)
                .on_unverified_read(id, mint, release, U128(freed), env::predecessor_account_id()),
        )
    }

    /// Credits `amount` of the mint's token to its beneficiary as a claimable (now held), and
    /// pays the storage the record freed back to its depositor.
    fn credit_unverified(
        &mut self,
        id: u64,
        mint: &UnverifiedMint,
        amount: u128,
        release: &Release,
        record_cost: u128,
        refunds: &mut Refunds,
    ) {
        // The record was taken out before the reads, freeing `record_cost`. The claimable
        // entry is paid from it (an entry is smaller than the record); the rest goes back to
        // the depositor, whose leg reserve paid for the record.
        let added = self.add_claimable(&mint.beneficiary, &mint.token, amount);
        held::hold(&mint.token, amount);
        let by = match release {
            Release::Owner { .. } => "owner",
            Release::Beneficiary => "beneficiary",
        };
        RouterEvent::UnverifiedResolved {
            id,
            beneficiary: &mint.beneficiary,
            token: &mint.token,
            amount: U128(amount),
            by,
        }
        .emit();
        RouterEvent::ClaimableRecorded { beneficiary: &mint.beneficiary, token: &mint.token, amount: U128(amount) }
            .emit();
        let refund = record_cost.saturating_sub(added);
        refunds.add(&mint.depositor, refund, "storage freed by a resolved mint");
    }
}
