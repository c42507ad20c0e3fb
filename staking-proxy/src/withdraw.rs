//! The owner's `withdraw`: the pool's unstaked balance, paid to the owner only.
//!
//! Three steps, because the pool's unstaked balance may differ from what the proxy recorded
//! (shares are rounded up on unstake, an unstake of everything includes rewards, a deposit's
//! remainder stays unstaked): `withdraw` reads the pool's `get_account_unstaked_balance`,
//! `on_unstaked_balance` asks the pool to `withdraw` exactly that amount, and
//! `on_pool_withdrawn` passes it on to the owner. Nothing is recorded before the pool has paid,
//! so a refusal at any step leaves the records as they were.

use std::io::Read;

use near_sdk::borsh::{self, BorshDeserialize};
use near_sdk::json_types::U128;
use near_sdk::serde_json;
use near_sdk::{env, near, require, AccountId, Gas, GasWeight, NearToken, Promise, PromiseError, PromiseOrValue};

use crate::errors::*;
use crate::events::ProxyEvent;
use crate::exits::*;
use crate::{StakingProxy, StakingProxyExt};

/// The pool view giving the proxy's unstaked balance (`{"account_id": "<proxy>"}` -> `U128`).
pub const POOL_GET_UNSTAKED_BALANCE: &str = "get_account_unstaked_balance";
/// The pool method that pays unstaked NEAR to its caller (`{"amount": "<yocto>"}`).
pub const POOL_WITHDRAW: &str = "withdraw";
/// The longest view result read: a JSON `U128` is at most 41 bytes (39 digits and quotes).
pub const VIEW_RESULT_MAX_BYTES: usize = 64;

/// The raw bytes a pool's view returned, taken whole and never rejected, so that a pool that
/// returns something other than a JSON amount cannot make the callback panic (decoding it as
/// JSON in the generated callback code would). The callback parses them itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViewBytes(pub Vec<u8>);

impl BorshDeserialize for ViewBytes {
    fn deserialize_reader<R: Read>(reader: &mut R) -> borsh::io::Result<Self> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes)?;
        Ok(ViewBytes(bytes))
    }
}

impl ViewBytes {
    /// The amount, if the bytes are a JSON `U128` (a decimal string).
    pub fn amount(&self) -> Option<u128> {
        serde_json::from_slice::<U128>(&self.0).ok().map(|a| a.0)
    }
}

#[near]
impl StakingProxy {
    /// Withdraws the proxy's whole unstaked balance from `pool_id` and pays it to the owner
    /// (owner only, exactly 1 yoctoNEAR). The NEAR only ever goes to the owner.
    ///
    /// Refused: less than `WITHDRAW_GAS` (86 TGas) prepaid, and a pool whose recorded unlock
    /// epoch has not come yet (the message names the epoch). Any other pool may be named (the
    /// pool is the source of truth); the returned promise resolves to `true` once the
    /// withdrawal went through, and fails with the reason when it did not (see
    /// `on_unstaked_balance` and `on_pool_withdrawn`).
    #[payable]
    pub fn withdraw(&mut self, pool_id: AccountId) -> Promise {
        self.assert_owner_one_yocto();
        require!(env::prepaid_gas().as_gas() >= WITHDRAW_GAS, ERR_WITHDRAW_GAS);
        let record = self.pool_record(&pool_id);
        let now = env::epoch_height();
        let unlock_epoch = record.unlock_epoch.unwrap_or(0);
        require!(now >= unlock_epoch, err_not_unlocked(unlock_epoch, now));
        let proxy = env::current_account_id();
        read_unstaked_balance(&pool_id, &proxy).then(
            Self::ext(proxy)
                .with_static_gas(Gas::from_gas(ON_UNSTAKED_BALANCE_GAS))
                .with_unused_gas_weight(1)
                .on_unstaked_balance(pool_id, record.unlock_epoch),
        )
    }

    /// The pool's unstaked balance of the proxy (private; never panics). `unlock_epoch` is the
    /// record's when `withdraw` was called: if it has changed since, the owner unstaked again
    /// in the meantime.
    ///
    /// - Unreadable (the view failed, or returned more than 64 bytes or no JSON amount):
    ///   `withdraw_failed` with no amount; nothing changes; the call fails with the reason.
    /// - 0: nothing to withdraw; the unstake record is cleared (unless the owner unstaked again
    ///   since) without calling the pool, and `withdrawn` reports 0. Returns `true`.
    /// - Otherwise the pool's `withdraw` is called with exactly that amount (never the recorded
    ///   one, which may be off by rounding or rewards), then `on_pool_withdrawn`; the promise
    ///   is returned. If too little gas is left for them (cannot happen with the static gas
    ///   `withdraw` attaches), `withdraw_failed` instead.
    #[private]
    pub fn on_unstaked_balance(
        &mut self,
        #[serializer(borsh)] pool_id: AccountId,
        #[serializer(borsh)] unlock_epoch: Option<u64>,
        #[callback_result(max_bytes = VIEW_RESULT_MAX_BYTES)]
        #[serializer(borsh)]
        balance: Result<ViewBytes, PromiseError>,
    ) -> PromiseOrValue<bool> {
        let amount = balance.ok().as_ref().and_then(ViewBytes::amount);
        let proxy = env::current_account_id();
        match amount {
            Some(0) => {
                self.settle_withdrawal(&pool_id, unlock_epoch, 0);
                ProxyEvent::Withdrawn { proxy: &proxy, owner_id: &self.owner_id, pool_id: &pool_id, amount: U128(0) }
                    .emit();
                PromiseOrValue::Value(true)
            }
            Some(amount) if remaining_gas() >= WITHDRAW_CALL_GAS => {
                let promise = pool_withdraw(&pool_id, amount).then(
                    Self::ext(proxy)
                        .with_static_gas(Gas::from_gas(ON_POOL_WITHDRAWN_GAS))
                        .with_unused_gas_weight(1)
                        .on_pool_withdrawn(pool_id, U128(amount), unlock_epoch),
                );
                PromiseOrValue::Promise(promise)
            }
            _ => {
                ProxyEvent::WithdrawFailed {
                    proxy: &proxy,
                    owner_id: &self.owner_id,
                    pool_id: &pool_id,
                    amount: amount.map(U128),
                }
                .emit();
                fail_exit(err_balance_unreadable(pool_id.as_str()))
            }
        }
    }

    /// The outcome of the pool's `withdraw(amount)` (private; never panics). Returns `true`
    /// when the pool paid.
    ///
    /// Failure: `withdraw_failed`; nothing was recorded, so nothing changes and no NEAR moved;
    /// the call fails with the reason (`exit_failed`).
    /// Success: the pool says it has sent `amount` to the proxy. The unstake record is cleared
    /// (or, if the owner unstaked again since `withdraw`, reduced by `amount`), `withdrawn` is
    /// emitted, and the owner is paid `amount` but never more than the proxy holds beyond
    /// every other claim (`pay_owner`): a pool that reports a payout and sends nothing moves
    /// nobody's NEAR. A transfer that reaches the proxy after this callback waits for
    /// `collect`.
    #[private]
    pub fn on_pool_withdrawn(
        &mut self,
        #[serializer(borsh)] pool_id: AccountId,
        #[serializer(borsh)] amount: U128,
        #[serializer(borsh)] unlock_epoch: Option<u64>,
        #[callback_result(max_bytes = 0)] result: Result<(), PromiseError>,
    ) -> PromiseOrValue<bool> {
        let proxy = env::current_account_id();
        if matches!(result, Err(PromiseError::Failed)) {
            ProxyEvent::WithdrawFailed {
                proxy: &proxy,
                owner_id: &self.owner_id,
                pool_id: &pool_id,
                amount: Some(amount),
            }
            .emit();
            return fail_exit(err_withdraw_refused(pool_id.as_str()));
        }
        self.settle_withdrawal(&pool_id, unlock_epoch, amount.0);
        ProxyEvent::Withdrawn { proxy: &proxy, owner_id: &self.owner_id, pool_id: &pool_id, amount }.emit();
        self.pay_owner(amount.0);
        PromiseOrValue::Value(true)
    }
}

impl StakingProxy {
    /// Updates the record of `pool_id` once the pool's unstaked balance (`withdrawn`) has been
    /// paid out. If the record's unlock epoch is still the one `withdraw` saw, no unstake has
    /// been requested since, so the pool's unstaked balance is now empty: the unstake record is
    /// cleared, whatever it said (rounding drift included); a move pending out of the pool with
    /// no NEAR held for it has then nothing left to move and is cleared too (the owner's own
    /// `withdraw` takes the NEAR instead). Otherwise a newer unstake is pending and only
    /// `withdrawn` is taken off.
    pub(crate) fn settle_withdrawal(&mut self, pool_id: &AccountId, seen: Option<u64>, withdrawn: u128) {
        let mut record = self.pool_record(pool_id);
        if record.unlock_epoch == seen {
            record.unstaked_pending = 0;
            record.unlock_epoch = None;
            if self.pending_move(pool_id).is_some_and(|pending| pending.idle == 0) {
                self.set_pending_move(pool_id, None);
            }
        } else {
            record.unstaked_pending = record.unstaked_pending.saturating_sub(withdrawn);
        }
        self.set_pool_record(pool_id, record);
    }
}

/// The pool's `get_account_unstaked_balance(proxy)` view as a promise (the amount `withdraw`
/// and `finish_move` take: always the pool's figure, never a recorded one).
pub(crate) fn read_unstaked_balance(pool_id: &AccountId, proxy: &AccountId) -> Promise {
    Promise::new(pool_id.clone()).function_call_weight(
        POOL_GET_UNSTAKED_BALANCE,
        // Account ids hold only `a-z 0-9 . _ -`: nothing to escape in a JSON string.
        format!("{{\"account_id\":\"{proxy}\"}}").into_bytes(),
        NearToken::from_yoctonear(0),
        Gas::from_gas(POOL_VIEW_GAS),
        GasWeight(0),
    )
}

/// The pool's `withdraw(amount)` as a promise (it sends the NEAR to the proxy).
pub(crate) fn pool_withdraw(pool_id: &AccountId, amount: u128) -> Promise {
    Promise::new(pool_id.clone()).function_call_weight(
        POOL_WITHDRAW,
        amount_args(amount),
        NearToken::from_yoctonear(0),
        Gas::from_gas(POOL_WITHDRAW_GAS),
        GasWeight(1),
    )
}
