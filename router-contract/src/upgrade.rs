//! Upgrades: the owner deploys new router code and `migrate` moves the stored state to the new
//! layout in the same batch (atomic: if `migrate` fails, the old code stays).
//!
//! Proxies are unaffected by design: their code is a global contract used by hash, which no
//! router upgrade can change.

use crate::errors::*;
use crate::events::RouterEvent;
use crate::legacy::{RouterV1, RouterV2, RouterV3};
use crate::{Router, RouterExt, STATE_VERSION};
use near_sdk::borsh::BorshDeserialize;
use near_sdk::json_types::Base58CryptoHash;
use near_sdk::{env, near, require, Gas, GasWeight, NearToken, Promise};

/// Gas reserved for `migrate`; it also gets the call's unused gas.
const GAS_MIGRATE: Gas = Gas::from_tgas(20);

#[near]
impl Router {
    /// Deploys new router code (the raw wasm is this call's whole input, not JSON) and calls
    /// `migrate` in the same batch. Owner, 1 yoctoNEAR; attach ~300 TGas. With a timelock,
    /// only code announced (`announce_upgrade`) at least the delay ago.
    #[payable]
    pub fn upgrade(&mut self) -> Promise {
        self.assert_owner();
        let code = env::input().unwrap_or_default();
        require!(!code.is_empty(), ERR_NO_CODE);
        let hash = Base58CryptoHash::from(env::sha256_array(&code));
        let _ = self.take_code_announcement(hash, true);
        RouterEvent::RouterUpgraded { code_hash: String::from(&hash), by: &self.owner_id }.emit();
        Promise::new(env::current_account_id()).deploy_contract(code).function_call_weight(
            "migrate",
            b"{}".to_vec(),
            NearToken::from_yoctonear(0),
            GAS_MIGRATE,
            GasWeight(1),
        )
    }

    /// Reads the stored state in whichever layout it has (its first byte is the version) and
    /// returns it in the current one. Private (the router calls it from `upgrade`).
    #[private]
    #[init(ignore_state)]
    pub fn migrate() -> Self {
        let bytes = env::storage_read(b"STATE").unwrap_or_else(|| env::panic_str(ERR_NO_STATE));
        let from = bytes.first().copied().unwrap_or_default();
        let router = match from {
            STATE_VERSION => {
                Router::try_from_slice(&bytes).unwrap_or_else(|_| env::panic_str(ERR_UNKNOWN_STATE_VERSION))
            }
            1 => RouterV1::try_from_slice(&bytes)
                .unwrap_or_else(|_| env::panic_str(ERR_UNKNOWN_STATE_VERSION))
                .into_current(),
            2 => RouterV2::try_from_slice(&bytes)
                .unwrap_or_else(|_| env::panic_str(ERR_UNKNOWN_STATE_VERSION))
                .into_current(),
            3 => RouterV3::try_from_slice(&bytes)
                .unwrap_or_else(|_| env::panic_str(ERR_UNKNOWN_STATE_VERSION))
                .into_current(),
            _ => env::panic_str(ERR_UNKNOWN_STATE_VERSION),
        };
        // Legs in flight during an upgrade from a release without the total settle against 0
        // (saturating): their reserves were simply not counted, as before.
        crate::reserves::set(crate::reserves::in_flight());
        // Each liquid target's token counters (`held.rs`), at zero for targets added before them.
        for (id, t) in router.targets.iter() {
            if !t.kind.is_validator() {
                crate::held::create(id);
            }
        }
        RouterEvent::StateMigrated { from_version: from, to_version: STATE_VERSION }.emit();
        router
    }
}
