//! A tiny contract for `near-chain`'s self-tests: one method per behaviour the in-process chain
//! must get right (state, panics, callbacks, returned promises, transfers, sub-accounts,
//! storage staking, gas exhaustion, events and the environment host functions). The scenarios
//! also use it as a *lying staking pool*: it reports an unstaked balance it does not hold and
//! "withdraws" without sending anything.
//!
//! Build: `RUSTFLAGS="-C link-arg=-s --cfg near" cargo build -p near-chain-test-contract
//! --target wasm32-unknown-unknown --release`.

use near_sdk::json_types::U128;
use near_sdk::{env, near, AccountId, CryptoHash, Gas, NearToken, Promise, PromiseError};

/// Gas attached to every callback of this contract.
const CALLBACK_GAS: Gas = Gas::from_tgas(10);

/// Contract state: one value, and the promise results the callbacks saw.
#[near(contract_state)]
#[derive(Default)]
pub struct TestContract {
    /// The value `set_value` stores.
    value: String,
    /// One line per promise result a callback saw: `ok:<utf-8 bytes>` or `failed`.
    results: Vec<String>,
}

#[near]
impl TestContract {
    /// Stores `value`.
    pub fn set_value(&mut self, value: String) {
        self.value = value;
    }

    /// The stored value.
    pub fn get_value(&self) -> String {
        self.value.clone()
    }

    /// Stores `value` and then panics with `msg`, so the write must be rolled back.
    #[payable]
    pub fn set_and_fail(&mut self, value: String, msg: String) {
        self.value = value;
        env::panic_str(&msg);
    }

    /// Panics with `msg`.
    pub fn fail(&self, msg: String) {
        env::panic_str(&msg);
    }

    /// Calls `target.method(args)` with `deposit` and `gas_tgas`, then `on_results` here.
    /// Returns the callback's promise, so the transaction's result is the callback's.
    pub fn call_then(
        &mut self,
        target: AccountId,
        method: String,
        args: String,
        deposit: U128,
        gas_tgas: u64,
    ) -> Promise {
        Promise::new(target)
            .function_call(method, args, NearToken::from_yoctonear(deposit.0), Gas::from_tgas(gas_tgas))
            .then(Self::ext(env::current_account_id()).with_static_gas(CALLBACK_GAS).on_results())
    }

    /// Calls `target.method(args)` with `deposit` and `gas_tgas` and, in the same receipt,
    /// deletes this account (its balance goes to `beneficiary`). The call's callbacks and
    /// payouts then find their caller gone: how the router's and the proxy's scenarios prove
    /// that a payout to a deleted account is recorded, not lost.
    pub fn call_and_vanish(
        &mut self,
        target: AccountId,
        method: String,
        args: String,
        deposit: U128,
        gas_tgas: u64,
        beneficiary: AccountId,
    ) {
        Promise::new(target)
            .function_call(method, args, NearToken::from_yoctonear(deposit.0), Gas::from_tgas(gas_tgas))
            .detach();
        Promise::new(env::current_account_id()).delete_account(beneficiary).detach();
    }

    /// Calls `method(args)` on every target at once and joins them into one callback.
    pub fn call_all(&mut self, targets: Vec<AccountId>, method: String, args: String) -> Promise {
        let mut joint: Option<Promise> = None;
        for target in targets {
            let call = Promise::new(target).function_call(
                method.clone(),
                args.clone(),
                NearToken::from_yoctonear(0),
                Gas::from_tgas(15),
            );
            joint = Some(match joint {
                None => call,
                Some(previous) => previous.and(call),
            });
        }
        joint
            .expect("at least one target")
            .then(Self::ext(env::current_account_id()).with_static_gas(CALLBACK_GAS).on_results())
    }

    /// Callback: records every promise result it got and returns them joined by `|`.
    #[private]
    pub fn on_results(&mut self) -> String {
        env::log_str(&format!("prepaid_gas={}", env::prepaid_gas().as_gas()));
        let mut seen = Vec::new();
        for i in 0..env::promise_results_count() {
            let line = match env::promise_result_checked(i, 10_000) {
                Ok(bytes) => format!("ok:{}", String::from_utf8_lossy(&bytes)),
                Err(PromiseError::Failed) => "failed".to_string(),
                Err(_) => "too long".to_string(),
            };
            self.results.push(line.clone());
            seen.push(line);
        }
        seen.join("|")
    }

    /// The promise results the callbacks recorded, oldest first.
    pub fn get_results(&self) -> Vec<String> {
        self.results.clone()
    }

    /// Calls `target.method(args)` and returns that promise: its result becomes this call's.
    pub fn forward(&mut self, target: AccountId, method: String, args: String) -> Promise {
        Promise::new(target).function_call(method, args, NearToken::from_yoctonear(0), Gas::from_tgas(20))
    }

    /// Sends `amount` to `to`.
    #[payable]
    pub fn send(&mut self, to: AccountId, amount: U128) -> Promise {
        Promise::new(to).transfer(NearToken::from_yoctonear(amount.0))
    }

    /// Creates `<name>.<this account>` funded with `amount`.
    #[payable]
    pub fn create_sub(&mut self, name: String, amount: U128) -> Promise {
        let id: AccountId = format!("{}.{}", name, env::current_account_id()).parse().unwrap();
        Promise::new(id).create_account().transfer(NearToken::from_yoctonear(amount.0))
    }

    /// Creates `<name>.<this account>` funded with `amount`, running the global contract with
    /// hash `code_hash` (hex), and calls `set_value("born")` on it, all in one batch.
    #[payable]
    pub fn create_sub_global(&mut self, name: String, amount: U128, code_hash: String) -> Promise {
        let id: AccountId = format!("{}.{}", name, env::current_account_id()).parse().unwrap();
        let hash: CryptoHash = hex_to_hash(&code_hash);
        Promise::new(id)
            .create_account()
            .transfer(NearToken::from_yoctonear(amount.0))
            .use_global_contract(hash)
            .function_call("set_value", r#"{"value":"born"}"#, NearToken::from_yoctonear(0), Gas::from_tgas(10))
    }

    /// Writes `len` bytes under the key `blob`.
    pub fn write_bytes(&mut self, len: u64) {
        env::storage_write(b"blob", &vec![7u8; len as usize]);
    }

    /// Loops `rounds` times; with a large `rounds` it runs out of gas.
    pub fn spin(&self, rounds: u64) -> u64 {
        let mut acc: u64 = env::block_height();
        for i in 0..rounds {
            acc = acc.wrapping_mul(6364136223846793005).wrapping_add(i);
        }
        acc
    }

    /// Logs one plain line and one NEP-297 event.
    pub fn emit(&self, amount: U128) {
        env::log_str("plain log line");
        env::log_str(&format!(
            r#"EVENT_JSON:{{"standard":"test","version":"1.0.0","event":"emitted","data":[{{"amount":"{}"}}]}}"#,
            amount.0
        ));
    }

    /// `[block_height, block_timestamp, epoch_height]`.
    pub fn env_info(&self) -> Vec<u64> {
        vec![env::block_height(), env::block_timestamp(), env::epoch_height()]
    }

    /// `[validator_stake(account), validator_total_stake()]` in yoctoNEAR.
    pub fn stakes(&self, account: AccountId) -> Vec<U128> {
        vec![U128(env::validator_stake(&account).as_yoctonear()), U128(env::validator_total_stake().as_yoctonear())]
    }

    /// `[account_balance, attached_deposit, storage_usage]` as strings.
    #[payable]
    pub fn balances(&mut self) -> Vec<String> {
        vec![
            env::account_balance().as_yoctonear().to_string(),
            env::attached_deposit().as_yoctonear().to_string(),
            env::storage_usage().to_string(),
        ]
    }
}

/// A lying staking pool (the core pool's method names and shapes, none of its honesty).
#[near]
impl TestContract {
    /// Reports the number `set_value` stored as `account_id`'s unstaked balance (0 if none),
    /// whatever it holds.
    pub fn get_account_unstaked_balance(&self, account_id: AccountId) -> U128 {
        let _ = account_id;
        U128(self.value.parse().unwrap_or(0))
    }

    /// Succeeds without sending anything.
    pub fn withdraw(&mut self, amount: U128) {
        let _ = amount;
    }
}

/// Parses 64 hex digits into a hash; panics on anything else.
fn hex_to_hash(hex: &str) -> CryptoHash {
    assert_eq!(hex.len(), 64, "code_hash must be 64 hex digits");
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("code_hash must be hex");
    }
    out
}
