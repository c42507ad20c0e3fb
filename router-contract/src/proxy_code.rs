//! The staking-proxy code: an immutable NEP-591 global contract used by hash.
//!
//! Proxies are created with `UseGlobalContract(hash)`: code deployed by hash can never change,
//! so nobody (the router's owner included) can alter a proxy or move its stake. Changing the
//! recorded hash affects only proxies created afterwards.
//!
//! A second delay: with a timelock, a hash that replaces another is used for new proxies only
//! from the timelock's delay after it was set (its announcement waited the delay once
//! already; this one lets a user who checked the hash before depositing never get a proxy
//! from code that changed less than the delay ago). Until then the scheduled hash waits under
//! the raw key `proxy_code_next` and new proxies keep the previous code; the first deposit
//! after it is due makes it current (`refresh_proxy_code`).

use crate::errors::*;
use crate::events::RouterEvent;
use crate::timelock::{Change, PendingChange};
use crate::{Router, RouterExt};
use near_sdk::json_types::Base58CryptoHash;
use near_sdk::{borsh, env, near, require, CryptoHash, Gas, Promise, PromiseError, PromiseOrValue};
use router_core::callback_args::{Announced, CodeDeposit};
use router_core::gas::{CALL_FAILED, PROXY_CODE_CALLBACK};
use router_core::Yocto;

/// yoctoNEAR burnt per byte when deploying a global contract (protocol 88).
pub const GLOBAL_CONTRACT_PRICE_PER_BYTE: u128 = 100_000_000_000_000_000_000;

#[near]
impl Router {
    /// Records the global contract hash used for proxies created from then on (after the
    /// timelock, if any). Owner, 1 yoctoNEAR.
    #[payable]
    pub fn set_proxy_code_hash(&mut self, code_hash: Base58CryptoHash) {
        self.assert_owner();
        self.govern(Change::SetProxyCodeHash { code_hash }).detach();
    }

    /// Deploys the proxy code (the raw wasm is this call's whole input, not JSON) as a global
    /// contract by hash from the router's account, and records its hash once deployed. Owner;
    /// attach at least `code length x 10^20` yoctoNEAR for the global contract storage, which
    /// the deployment burns; what is attached beyond it is sent back. With a timelock, only
    /// code announced (`announce_proxy_code`) at least the delay ago.
    #[payable]
    pub fn deploy_proxy_code(&mut self) -> Promise {
        require!(env::predecessor_account_id() == self.owner_id, ERR_NOT_OWNER);
        let code = env::input().unwrap_or_default();
        let cost = code.len() as u128 * GLOBAL_CONTRACT_PRICE_PER_BYTE;
        let attached = env::attached_deposit().as_yoctonear();
        require!(attached >= cost, ERR_STORAGE_DEPOSIT);
        let hash = Base58CryptoHash::from(env::sha256_array(&code));
        let announced = self.take_code_announcement(hash, false).map(PendingChange::announced);
        let deposit =
            CodeDeposit { owner: env::predecessor_account_id(), attached: Yocto(attached), cost: Yocto(cost) };
        Promise::new(env::current_account_id()).deploy_global_contract(code).then(
            Self::ext(env::current_account_id())
                .with_static_gas(Gas::from_gas(PROXY_CODE_CALLBACK))
                .on_proxy_code_deployed(hash, deposit, announced),
        )
    }

    /// Records the hash once the global contract exists and sends back what was attached beyond
    /// the burnt storage (`pay_or_owe`: owed, and releasable later, if the router cannot fund it
    /// now). When the deployment failed: puts the announcement (if any) back, sends the whole
    /// deposit back and fails the call with the reason. Private; never panics.
    #[private]
    pub fn on_proxy_code_deployed(
        &mut self,
        #[serializer(borsh)] code_hash: Base58CryptoHash,
        #[serializer(borsh)] deposit: CodeDeposit,
        #[serializer(borsh)] announced: Option<Announced>,
    ) -> PromiseOrValue<Base58CryptoHash> {
        let deployed = !matches!(env::promise_result_checked(0, 0), Err(PromiseError::Failed));
        if deployed {
            self.schedule_proxy_code(code_hash);
            self.pay_or_owe(
                &deposit.owner,
                deposit.attached.0.saturating_sub(deposit.cost.0),
                "proxy code storage surplus",
            );
            return PromiseOrValue::Value(code_hash);
        }
        if let Some(a) = announced {
            self.restore_announced(Change::DeployProxyCode { code_hash }, a);
        }
        self.pay_or_owe(&deposit.owner, deposit.attached.0, "proxy code not deployed");
        let reason = format!(
            "The proxy code {} was not deployed; the deposit went back to {}",
            String::from(&code_hash),
            deposit.owner
        );
        PromiseOrValue::Promise(
            Self::ext(env::current_account_id())
                .with_static_gas(Gas::from_gas(CALL_FAILED))
                .with_unused_gas_weight(0)
                .call_failed(reason),
        )
    }
}

impl Router {
    /// `set_proxy_code_hash`'s effect.
    pub(crate) fn apply_proxy_code_hash(&mut self, code_hash: Base58CryptoHash) {
        self.schedule_proxy_code(code_hash);
    }

    /// Makes `code_hash` the code of new proxies: at once when there is no delay or no code
    /// yet, else from the delay on (the previous code meanwhile).
    fn schedule_proxy_code(&mut self, code_hash: Base58CryptoHash) {
        if self.timelock_ns == 0 || self.proxy_code_hash.is_none() {
            env::storage_remove(NEXT_KEY);
            self.proxy_code_hash = Some(code_hash.into());
            RouterEvent::ProxyCodeHashSet { code_hash: String::from(&code_hash), by: &self.owner_id }.emit();
            return;
        }
        let from_ns = env::block_timestamp().saturating_add(self.timelock_ns);
        let hash: CryptoHash = code_hash.into();
        env::storage_write(NEXT_KEY, &borsh::to_vec(&(hash, from_ns)).expect("fixed-size record"));
        RouterEvent::ProxyCodeHashScheduled { code_hash: String::from(&code_hash), from_ns }.emit();
    }

    /// Makes a scheduled proxy code current once it is due (called before a deposit plans).
    pub(crate) fn refresh_proxy_code(&mut self) {
        let Some((hash, from_ns)) = next_proxy_code() else { return };
        if env::block_timestamp() < from_ns {
            return;
        }
        env::storage_remove(NEXT_KEY);
        self.proxy_code_hash = Some(hash);
        RouterEvent::ProxyCodeHashSet { code_hash: String::from(&Base58CryptoHash::from(hash)), by: &self.owner_id }
            .emit();
    }

    /// The code new proxies get at this moment, a due scheduled one included.
    pub(crate) fn proxy_code_now(&self) -> Option<CryptoHash> {
        match next_proxy_code() {
            Some((hash, from_ns)) if env::block_timestamp() >= from_ns => Some(hash),
            _ => self.proxy_code_hash,
        }
    }
}

/// The raw storage key of a scheduled proxy code: borsh `(hash, from_ns)`.
const NEXT_KEY: &[u8] = b"proxy_code_next";

/// The scheduled proxy code and from when it applies, if any.
pub(crate) fn next_proxy_code() -> Option<(CryptoHash, u64)> {
    env::storage_read(NEXT_KEY).and_then(|bytes| borsh::from_slice(&bytes).ok())
}
