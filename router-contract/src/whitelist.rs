//! The staking-pool whitelist: when the router is configured with one (`new(..,
//! pool_whitelist_id)` or `set_pool_whitelist`, after the timelock), a validator target enters
//! the allow-list only if the whitelist's `is_whitelisted(staking_pool_account_id)` answers
//! `true`, read by a cross-contract call when the addition takes effect (as lockups and LiNEAR
//! check). The answer is read in `on_pool_whitelist_read`, which adds the target or fails the
//! call with the reason; a failed read puts an announced addition back as it was.
//!
//! The whitelist's account is kept under its own raw storage key (`pool_whitelist`), outside
//! the router's state struct, so configuring it changes no state layout.

use crate::errors::*;
use crate::events::RouterEvent;
use crate::timelock::{Change, PendingChange};
use crate::{json_args, Router, RouterExt};
use near_sdk::serde_json;
use near_sdk::{env, near, AccountId, Gas, GasWeight, NearToken, Promise, PromiseError, PromiseOrValue};
use router_core::callback_args::Announced;
use router_core::gas::{CALL_FAILED, WHITELIST_CALLBACK};
use router_core::pool_api::{IsWhitelistedArgs, IS_WHITELISTED};
use router_core::{TargetCaps, TargetKind};

/// The raw storage key of the whitelist's account id.
const KEY: &[u8] = b"pool_whitelist";
/// Gas for the whitelist's `is_whitelisted` (a set lookup: about 2 TGas).
const IS_WHITELISTED_GAS: Gas = Gas::from_tgas(5);
/// The longest answer read (`true` or `false`).
const MAX_ANSWER_LEN: usize = 16;
/// Prepaid gas an addition that reads the whitelist needs: the read, the callback, the
/// failure report and the calling method's own work.
pub const ADD_VALIDATOR_GAS: u64 = 30 * router_core::gas::TGAS;

#[near]
impl Router {
    /// Sets (or with `None` removes) the staking-pool whitelist validator targets must be on
    /// when added (after the timelock, if any). Owner, 1 yoctoNEAR.
    #[payable]
    pub fn set_pool_whitelist(&mut self, whitelist_id: Option<AccountId>) -> PromiseOrValue<()> {
        self.assert_owner();
        self.govern(Change::SetPoolWhitelist { whitelist_id })
    }

    /// Adds the validator target if the whitelist said it is whitelisted; else emits
    /// `target_refused` and fails the call with the reason. A failed or unreadable read puts
    /// the announced change (if any) back under its id. Private; never panics.
    #[private]
    pub fn on_pool_whitelist_read(
        &mut self,
        #[serializer(borsh)] account_id: AccountId,
        #[serializer(borsh)] caps: TargetCaps,
        #[serializer(borsh)] whitelist_id: AccountId,
        #[serializer(borsh)] announced: Option<Announced>,
    ) -> PromiseOrValue<()> {
        let answer = match env::promise_result_checked(0, MAX_ANSWER_LEN) {
            Ok(bytes) => serde_json::from_slice::<bool>(&bytes).ok(),
            Err(PromiseError::Failed) | Err(_) => None,
        };
        let refusal = match answer {
            Some(true) => match self.check_new_target(&account_id) {
                Ok(()) => {
                    self.insert_target(account_id, TargetKind::Validator, caps);
                    return PromiseOrValue::Value(());
                }
                Err(reason) => reason.to_string(),
            },
            Some(false) => format!("{account_id} is not on the staking-pool whitelist {whitelist_id}"),
            None => {
                if let Some(a) = announced {
                    let change =
                        Change::AddTarget { account_id: account_id.clone(), kind: TargetKind::Validator, caps };
                    self.restore_announced(change, a);
                }
                format!("The staking-pool whitelist {whitelist_id} could not be read; {account_id} was not added")
            }
        };
        RouterEvent::TargetRefused { target: &account_id, reason: &refusal }.emit();
        PromiseOrValue::Promise(
            Self::ext(env::current_account_id())
                .with_static_gas(Gas::from_gas(CALL_FAILED))
                .with_unused_gas_weight(0)
                .call_failed(refusal),
        )
    }
}

impl Router {
    /// Adds a target now, or for a validator target with a whitelist configured, returns the
    /// promise reading the whitelist that adds it (`pending`: the announcement being executed).
    pub(crate) fn add_or_check_target(
        &mut self,
        account_id: AccountId,
        kind: TargetKind,
        caps: TargetCaps,
        pending: Option<PendingChange>,
    ) -> Option<Promise> {
        let announced = pending.map(PendingChange::announced);
        let whitelist_id = match (&kind, pool_whitelist()) {
            (TargetKind::Validator, Some(whitelist_id)) => whitelist_id,
            _ => {
                self.apply_add_target(account_id, kind, caps);
                return None;
            }
        };
        if let Err(reason) = self.check_new_target(&account_id) {
            env::panic_str(reason);
        }
        near_sdk::require!(env::prepaid_gas().as_gas() >= ADD_VALIDATOR_GAS, ERR_WHITELIST_GAS);
        let read = Promise::new(whitelist_id.clone()).function_call_weight(
            IS_WHITELISTED,
            json_args(&IsWhitelistedArgs { staking_pool_account_id: account_id.clone() }),
            NearToken::from_yoctonear(0),
            IS_WHITELISTED_GAS,
            GasWeight(0),
        );
        Some(
            read.then(
                Self::ext(env::current_account_id())
                    .with_static_gas(Gas::from_gas(WHITELIST_CALLBACK))
                    .with_unused_gas_weight(1)
                    .on_pool_whitelist_read(account_id, caps, whitelist_id, announced),
            ),
        )
    }

    /// `set_pool_whitelist`'s effect.
    pub(crate) fn apply_pool_whitelist(&mut self, whitelist_id: Option<AccountId>) {
        match &whitelist_id {
            Some(id) => env::storage_write(KEY, id.as_bytes()),
            None => env::storage_remove(KEY),
        };
        RouterEvent::PoolWhitelistSet { whitelist: whitelist_id.as_ref(), by: &env::predecessor_account_id() }.emit();
    }
}

/// The configured staking-pool whitelist, if any.
pub(crate) fn pool_whitelist() -> Option<AccountId> {
    env::storage_read(KEY).and_then(|bytes| String::from_utf8(bytes).ok()).and_then(|s| s.parse().ok())
}
