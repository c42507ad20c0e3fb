//! The staking-proxy code: an immutable NEP-591 global contract used by hash.
//!
//! Proxies are created with `UseGlobalContract(hash)`: code deployed by hash can never change,
//! so nobody (the router's owner included) can alter a proxy or move its stake. Changing the
//! recorded hash affects only proxies created afterwards.

use crate::errors::*;
use crate::events::RouterEvent;
use crate::timelock::Change;
use crate::{Router, RouterExt};
use near_sdk::json_types::Base58CryptoHash;
use near_sdk::{env, near, require, CryptoHash, Gas, Promise, PromiseError};

/// yoctoNEAR burnt per byte when deploying a global contract (protocol 88).
pub const GLOBAL_CONTRACT_PRICE_PER_BYTE: u128 = 100_000_000_000_000_000_000;
/// Gas for the callback after deploying the proxy code.
const GAS_ON_PROXY_CODE_DEPLOYED: Gas = Gas::from_tgas(5);

#[near]
impl Router {
    /// Records the global contract hash used for proxies created from then on (after the
    /// timelock, if any). Owner, 1 yoctoNEAR.
    #[payable]
    pub fn set_proxy_code_hash(&mut self, code_hash: Base58CryptoHash) {
        self.assert_owner();
        self.govern(Change::SetProxyCodeHash { code_hash });
    }

    /// Deploys the proxy code (the raw wasm is this call's whole input, not JSON) as a global
    /// contract by hash from the router's account, and records its hash once deployed. Owner;
    /// attach `code length x 10^20` yoctoNEAR for the global contract storage. With a
    /// timelock, only code announced (`announce_proxy_code`) at least the delay ago.
    #[payable]
    pub fn deploy_proxy_code(&mut self) -> Promise {
        require!(env::predecessor_account_id() == self.owner_id, ERR_NOT_OWNER);
        let code = env::input().unwrap_or_default();
        let cost = code.len() as u128 * GLOBAL_CONTRACT_PRICE_PER_BYTE;
        require!(env::attached_deposit().as_yoctonear() >= cost, ERR_STORAGE_DEPOSIT);
        let hash = env::sha256_array(&code);
        self.take_code_announcement(Base58CryptoHash::from(hash), false);
        Promise::new(env::current_account_id()).deploy_global_contract(code).then(
            Self::ext(env::current_account_id())
                .with_static_gas(GAS_ON_PROXY_CODE_DEPLOYED)
                .on_proxy_code_deployed(Base58CryptoHash::from(hash)),
        )
    }

    /// Records the hash once the global contract exists. Private; never panics.
    #[private]
    pub fn on_proxy_code_deployed(&mut self, code_hash: Base58CryptoHash) -> Option<Base58CryptoHash> {
        if matches!(env::promise_result_checked(0, 0), Err(PromiseError::Failed)) {
            return None;
        }
        let hash: CryptoHash = code_hash.into();
        self.proxy_code_hash = Some(hash);
        RouterEvent::ProxyCodeHashSet { code_hash: String::from(&code_hash), by: &self.owner_id }.emit();
        Some(code_hash)
    }
}

impl Router {
    /// `set_proxy_code_hash`'s effect.
    pub(crate) fn apply_proxy_code_hash(&mut self, code_hash: Base58CryptoHash) {
        self.proxy_code_hash = Some(code_hash.into());
        RouterEvent::ProxyCodeHashSet { code_hash: String::from(&code_hash), by: &self.owner_id }.emit();
    }
}
