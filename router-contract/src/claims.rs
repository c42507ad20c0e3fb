//! Claimable tokens (deliveries that failed) and the records of unverified mints (released by
//! `unverified.rs`).

use crate::errors::*;
use crate::events::RouterEvent;
use crate::views::UnverifiedMint;
use crate::{Router, RouterExt};
use near_sdk::json_types::U128;
use near_sdk::{assert_one_yocto, env, near, require, AccountId, Gas, Promise, PromiseError};
use router_core::callback_args::LiquidLeg;
use router_core::GasSchedule;

#[near]
impl Router {
    /// Sends the caller their claimable `token_id` tokens. 1 yoctoNEAR (passed on to the
    /// token's `ft_transfer`). The caller must be registered with the token (NEP-145
    /// `storage_deposit` on the token contract); if the transfer fails the claimable is
    /// restored and the yoctoNEAR sent back. The storage the record freed is refunded on success. Needs
    /// [`Router::claim_gas`] prepaid gas (18.85 TGas with the default schedule), checked before
    /// the record is touched, so the callback that restores it can never run out of gas.
    #[payable]
    pub fn claim(&mut self, token_id: AccountId) -> Promise {
        assert_one_yocto();
        require!(env::prepaid_gas().as_gas() >= self.claim_gas(), ERR_CLAIM_GAS);
        let caller = env::predecessor_account_id();
        let before = env::storage_usage();
        let mut tokens = self.claimables.get(&caller).cloned().unwrap_or_default();
        let amount = tokens.remove(&token_id).unwrap_or_else(|| env::panic_str(ERR_NO_CLAIMABLE));
        if tokens.is_empty() {
            self.claimables.remove(&caller);
        } else {
            self.claimables.insert(caller.clone(), tokens);
        }
        self.claimables.flush();
        let freed = u128::from(before.saturating_sub(env::storage_usage())) * env::storage_byte_cost().as_yoctonear();
        self.ft_transfer(Promise::new(token_id.clone()), &caller, U128(amount), "stake-router claim").then(
            Self::ext(env::current_account_id())
                .with_static_gas(Gas::from_gas(GasSchedule::DEFAULT.delivery_callback_attached(1)))
                .on_claim_resolved(caller, token_id, U128(amount), U128(freed)),
        )
    }

    /// Settles a claim: restores it if the transfer failed. Private; never panics.
    #[private]
    pub fn on_claim_resolved(
        &mut self,
        #[serializer(borsh)] account_id: AccountId,
        #[serializer(borsh)] token_id: AccountId,
        #[serializer(borsh)] amount: U128,
        #[serializer(borsh)] storage_freed: U128,
    ) {
        if matches!(env::promise_result_checked(0, 0), Err(PromiseError::Failed)) {
            // The record's storage is paid again from what it freed; the token refunded the
            // claimant's yoctoNEAR to the router, which sends it back (nothing stays owed to
            // no one).
            self.add_claimable(&account_id, &token_id, amount.0);
            RouterEvent::ClaimFailed { beneficiary: &account_id, token: &token_id, amount }.emit();
            self.pay_or_owe(&account_id, 1, "claim's yoctoNEAR back");
        } else {
            crate::held::release(&token_id, amount.0);
            RouterEvent::Claimed { beneficiary: &account_id, token: &token_id, amount }.emit();
            self.pay_or_owe(&account_id, storage_freed.0, "claim record storage released");
        }
    }
}

impl Router {
    /// The prepaid gas `claim` needs: its own work, the token's `ft_transfer`, the callback
    /// (with its payout) and their sends.
    pub(crate) fn claim_gas(&self) -> u64 {
        GasSchedule::DEFAULT.claim_required()
    }

    /// Adds to a beneficiary's claimable tokens; returns the storage cost it added (yocto).
    pub(crate) fn add_claimable(&mut self, beneficiary: &AccountId, token: &AccountId, amount: u128) -> u128 {
        let before = env::storage_usage();
        let mut tokens = self.claimables.get(beneficiary).cloned().unwrap_or_default();
        // Saturating (this runs in callbacks, which never panic); a claimable never exceeds the
        // token's supply, which fits in a u128, so it never saturates.
        let claimable = tokens.entry(token.clone()).or_insert(0);
        *claimable = claimable.saturating_add(amount);
        self.claimables.insert(beneficiary.clone(), tokens);
        self.claimables.flush();
        u128::from(env::storage_usage().saturating_sub(before)) * env::storage_byte_cost().as_yoctonear()
    }

    /// Records a mint whose amount could not be read; its storage comes out of the leg's
    /// reserve. Returns the record's id and what is left of the reserve (the caller refunds it).
    pub(crate) fn record_unverified(&mut self, leg: &LiquidLeg) -> (u64, u128) {
        let id = self.next_unverified_id;
        self.next_unverified_id += 1;
        let before = env::storage_usage();
        self.unverified.insert(
            id,
            UnverifiedMint {
                beneficiary: leg.beneficiary.clone(),
                token: leg.token.clone(),
                near_amount: router_core::Yocto(leg.near_amount.0),
                depositor: leg.depositor.clone(),
            },
        );
        self.unverified.flush();
        let cost = u128::from(env::storage_usage().saturating_sub(before)) * env::storage_byte_cost().as_yoctonear();
        (id, leg.reserve.0.saturating_sub(cost))
    }
}
