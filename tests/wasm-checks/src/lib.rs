//! # wasm-checks
//!
//! Checks of the *built* contracts (`res/*.wasm`, made by `scripts/build-contracts.sh`) on the
//! real NEAR VM (`near-vm-runner` with wasmtime, under the latest protocol's config), without a
//! chain: each contract account is one [`MockedExternal`] holding its code and storage, and this
//! crate plays the embedder (it builds the [`VMContext`] of each call).
//!
//! What this harness does **not** do: it executes no outgoing receipts (they are only recorded,
//! see [`CallOutcome::actions`]), charges no storage staking, and the mocked trie charges no
//! trie-node gas, so gas figures are a little lower than on mainnet. It is for "does this wasm
//! behave as the Rust unit tests say" checks (panic messages, access control, raw return bytes),
//! not for gas budgets.
//!
//! ```no_run
//! use wasm_checks::{ContractAccount, ONE_NEAR};
//! use serde_json::json;
//!
//! let mut router = ContractAccount::deploy("router.near", wasm_checks::load_wasm("router_contract"));
//! router.call("new", json!({"owner_id": "owner.near"}), "router.near", 0).assert_ok();
//! let out = router.call("deposit", json!({"profile": "nope"}), "alice.near", 10 * ONE_NEAR);
//! assert!(out.panic_msg().unwrap().contains("Unknown profile: nope"));
//! ```

use near_parameters::vm::VMKind;
use near_parameters::{RuntimeConfig, RuntimeConfigStore};
use near_primitives_core::account::AccountContract;
use near_primitives_core::types::{AccountId, Balance, Gas};
use near_primitives_core::version::PROTOCOL_VERSION;
use near_vm_runner::logic::errors::FunctionCallError;
use near_vm_runner::logic::mocks::mock_external::{MockAction, MockedExternal};
use near_vm_runner::logic::types::PromiseResult;
use near_vm_runner::logic::{HostError, ReturnData, VMContext};
use near_vm_runner::{ContractCode, MockContractRuntimeCache};
use std::sync::Arc;

pub use near_vm_runner;

/// One NEAR in yoctoNEAR.
pub const ONE_NEAR: u128 = 1_000_000_000_000_000_000_000_000;
/// Prepaid gas of a call unless [`CallOptions::gas`] says otherwise: 300 TGas, the most a
/// single function call receipt may usually carry.
pub const DEFAULT_GAS: Gas = Gas::from_teragas(300);
/// The balance a freshly deployed [`ContractAccount`] starts with (before attached deposits).
pub const DEFAULT_BALANCE: u128 = 100 * ONE_NEAR;

pub use harness::contracts::{load_wasm, res_dir};

/// The runtime config of the latest protocol version this `near-parameters` knows
/// ([`PROTOCOL_VERSION`]), as mainnet runs it.
pub fn latest_config() -> Arc<RuntimeConfig> {
    let config = RuntimeConfigStore::new(None).get_config(PROTOCOL_VERSION).clone();
    assert_eq!(config.wasm_config.vm_kind, VMKind::Wasmtime, "protocol {PROTOCOL_VERSION} is expected to run wasmtime");
    config
}

/// Parses an account id, panicking with the offending text.
pub fn account(id: &str) -> AccountId {
    id.parse().unwrap_or_else(|e| panic!("bad account id {id:?}: {e}"))
}

/// How to make one call; [`CallOptions::new`] gives the usual defaults.
#[derive(Debug)]
pub struct CallOptions {
    /// The calling account (also used as signer).
    pub predecessor: AccountId,
    /// Attached deposit in yoctoNEAR.
    pub deposit: u128,
    /// Prepaid gas ([`DEFAULT_GAS`] by default).
    pub gas: Gas,
    /// The raw input (usually JSON arguments).
    pub input: Vec<u8>,
    /// Results of the promises this call is a callback of (empty for a plain call).
    pub promise_results: Vec<PromiseResult>,
}

impl CallOptions {
    /// A call from `predecessor` with `args` serialised as JSON, no deposit, [`DEFAULT_GAS`].
    pub fn new(predecessor: &str, args: serde_json::Value) -> Self {
        CallOptions {
            predecessor: account(predecessor),
            deposit: 0,
            gas: DEFAULT_GAS,
            input: serde_json::to_vec(&args).expect("JSON values serialise"),
            promise_results: Vec::new(),
        }
    }

    /// A call from `predecessor` with raw `input` (a callback's borsh arguments), no deposit,
    /// [`DEFAULT_GAS`].
    pub fn raw(predecessor: &str, input: Vec<u8>) -> Self {
        CallOptions::new(predecessor, serde_json::Value::Null).raw_input(input)
    }

    /// Sets the attached deposit (yoctoNEAR).
    pub fn deposit(mut self, yocto: u128) -> Self {
        self.deposit = yocto;
        self
    }

    /// Sets the prepaid gas.
    pub fn gas(mut self, gas: Gas) -> Self {
        self.gas = gas;
        self
    }

    /// Replaces the input with raw bytes (for methods that do not take JSON).
    pub fn raw_input(mut self, input: Vec<u8>) -> Self {
        self.input = input;
        self
    }

    /// Makes the call a callback that sees these promise results.
    pub fn promise_results(mut self, results: Vec<PromiseResult>) -> Self {
        self.promise_results = results;
        self
    }
}

/// What one call did.
#[derive(Debug)]
pub struct CallOutcome {
    /// The method that ran.
    pub method: String,
    /// What the method returned (`ReturnData::Value(bytes)`, a receipt index, or nothing).
    pub return_data: ReturnData,
    /// The logs it wrote (events included), also kept when it aborted.
    pub logs: Vec<String>,
    /// Why it failed, if it did (a contract panic is
    /// `HostError(GuestPanic { panic_msg })`); `None` on success.
    pub aborted: Option<FunctionCallError>,
    /// Gas burnt by the call itself.
    pub burnt_gas: Gas,
    /// Gas used: burnt gas plus gas attached to the promises it created.
    pub used_gas: Gas,
    /// Receipts and actions the call created (not executed; empty if it aborted).
    pub actions: Vec<MockAction>,
}

impl CallOutcome {
    /// The contract's panic message, if the call aborted with one (`env::panic_str`,
    /// `require!`, a Rust panic).
    pub fn panic_msg(&self) -> Option<&str> {
        match &self.aborted {
            Some(FunctionCallError::HostError(HostError::GuestPanic { panic_msg })) => Some(panic_msg),
            _ => None,
        }
    }

    /// Panics unless the call succeeded; returns `self` for chaining.
    #[track_caller]
    pub fn assert_ok(&self) -> &Self {
        if let Some(err) = &self.aborted {
            panic!("`{}` aborted: {err:?}\nlogs: {:#?}", self.method, self.logs);
        }
        self
    }

    /// Panics unless the call aborted with a contract panic whose message contains `needle`.
    #[track_caller]
    pub fn assert_panic_contains(&self, needle: &str) -> &Self {
        match self.panic_msg() {
            Some(msg) if msg.contains(needle) => self,
            Some(msg) => panic!("`{}` panicked with {msg:?}, which does not contain {needle:?}", self.method),
            None => panic!(
                "`{}` was expected to panic with a message containing {needle:?}, but aborted = {:?}{}",
                self.method,
                self.aborted,
                if matches!(
                    self.aborted,
                    Some(FunctionCallError::WasmTrap(near_vm_runner::logic::errors::WasmTrap::Unreachable))
                ) {
                    " (a bare `unreachable` trap: was the wasm built without `--cfg near`? \
                     Rebuild with scripts/build-contracts.sh)"
                } else {
                    ""
                }
            ),
        }
    }

    /// The returned bytes (`ReturnData::Value`), or `None`.
    pub fn return_value(&self) -> Option<&[u8]> {
        match &self.return_data {
            ReturnData::Value(bytes) => Some(bytes),
            _ => None,
        }
    }

    /// The returned value parsed as JSON.
    ///
    /// # Panics
    /// If the call returned no value or the value is not JSON.
    #[track_caller]
    pub fn return_json(&self) -> serde_json::Value {
        let bytes = self
            .return_value()
            .unwrap_or_else(|| panic!("`{}` returned no value ({:?})", self.method, self.return_data));
        serde_json::from_slice(bytes)
            .unwrap_or_else(|e| panic!("`{}` returned non-JSON {:?}: {e}", self.method, String::from_utf8_lossy(bytes)))
    }

    /// One line for test output: `<label>: burnt … gas (… TGas), used …`.
    pub fn gas_line(&self, label: &str) -> String {
        let tgas = |g: Gas| g.as_gas() as f64 / 1e12;
        format!(
            "gas: {label}: `{}` burnt {} ({:.3} TGas), used {} ({:.3} TGas)",
            self.method,
            self.burnt_gas.as_gas(),
            tgas(self.burnt_gas),
            self.used_gas.as_gas(),
            tgas(self.used_gas)
        )
    }
}

/// A contract account on the in-process VM: its code, its storage (kept between calls), its
/// balance and storage usage.
///
/// Each [`call`](Self::call) runs like a function call receipt: the attached deposit is added to
/// the balance, and if the call aborts its storage writes, balance change and created receipts
/// are dropped, as the chain would.
pub struct ContractAccount {
    /// The account the contract runs as (`env::current_account_id()`).
    pub account_id: AccountId,
    /// Code and storage (`fake_trie`) of the account; `action_log` is emptied after each call.
    pub ext: MockedExternal,
    /// The runtime config in use (the latest protocol's by default).
    pub config: Arc<RuntimeConfig>,
    /// Balance before the next call, without its deposit.
    pub balance: Balance,
    /// Storage usage before the next call, in bytes.
    pub storage_usage: u64,
    /// Block height of the next call (increases by one per call).
    pub block_height: u64,
    cache: MockContractRuntimeCache,
}

impl ContractAccount {
    /// Deploys `wasm` as `account_id` with [`DEFAULT_BALANCE`] under [`latest_config`].
    pub fn deploy(account_id: &str, wasm: Vec<u8>) -> Self {
        let code = ContractCode::new(wasm, None);
        ContractAccount {
            account_id: account(account_id),
            storage_usage: code.code().len() as u64 + 100,
            ext: MockedExternal::with_code(code),
            config: latest_config(),
            balance: Balance::from_yoctonear(DEFAULT_BALANCE),
            block_height: 100,
            cache: MockContractRuntimeCache::default(),
        }
    }

    /// Calls `method` with JSON `args` from `predecessor`, attaching `deposit` yoctoNEAR and
    /// [`DEFAULT_GAS`].
    pub fn call(&mut self, method: &str, args: serde_json::Value, predecessor: &str, deposit: u128) -> CallOutcome {
        self.call_with(method, CallOptions::new(predecessor, args).deposit(deposit))
    }

    /// Calls `method` as `options` say.
    ///
    /// # Panics
    /// On a VM infrastructure error (`VMRunnerError`), which is never the contract's doing.
    pub fn call_with(&mut self, method: &str, options: CallOptions) -> CallOutcome {
        let wasm_config = self.config.wasm_config.clone();
        let context = VMContext {
            current_account_id: self.account_id.clone(),
            signer_account_id: options.predecessor.clone(),
            signer_account_pk: vec![0; 33],
            predecessor_account_id: options.predecessor.clone(),
            refund_to_account_id: options.predecessor.clone(),
            input: options.input.into(),
            promise_results: options.promise_results.into(),
            block_height: self.block_height,
            block_timestamp: 1_700_000_000_000_000_000 + self.block_height * 1_000_000_000,
            epoch_height: 1 + self.block_height / 43_200,
            account_balance: self.balance,
            account_locked_balance: Balance::ZERO,
            storage_usage: self.storage_usage,
            account_contract: AccountContract::Local(self.ext.code_hash),
            attached_deposit: Balance::from_yoctonear(options.deposit),
            prepaid_gas: options.gas,
            random_seed: vec![7; 32],
            view_config: None,
            output_data_receivers: Vec::new(),
        };
        self.block_height += 1;

        let trie_before = self.ext.fake_trie.clone();
        self.ext.action_log.clear();
        let gas_counter = context.make_gas_counter(&wasm_config);
        let prepared = near_vm_runner::prepare(&self.ext, wasm_config, Some(&self.cache), gas_counter, method);
        let outcome = near_vm_runner::run(prepared, &mut self.ext, &context, self.config.fees.clone())
            .unwrap_or_else(|e| panic!("VM infrastructure error running `{method}`: {e:?}"));

        let actions = std::mem::take(&mut self.ext.action_log);
        let actions = if outcome.aborted.is_some() {
            // Like the chain: a failed receipt changes no state and sends nothing.
            self.ext.fake_trie = trie_before;
            Vec::new()
        } else {
            self.balance = outcome.balance;
            self.storage_usage = outcome.storage_usage;
            actions
        };
        CallOutcome {
            method: method.to_string(),
            return_data: outcome.return_data,
            logs: outcome.logs,
            aborted: outcome.aborted,
            burnt_gas: outcome.burnt_gas,
            used_gas: outcome.used_gas,
            actions,
        }
    }
}
