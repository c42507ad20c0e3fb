//! What a scenario needs from a chain, so each scenario is written once and runs on every
//! backend: the in-process chain ([`crate::chain_backend`]) and a NEAR node through
//! near-workspaces ([`crate::sandbox_backend`]).

use router_core::AccountId;
use serde_json::Value;
use std::future::Future;

/// The outcome of one transaction, in the terms every backend can give.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    /// Whether the transaction's final result is a success.
    pub ok: bool,
    /// The final result's bytes (a JSON value for our contracts) when it succeeded.
    pub value: Vec<u8>,
    /// The final failure's message when it failed.
    pub failure: Option<String>,
    /// Every log line of every receipt, in execution order, with the executor.
    pub logs: Vec<(AccountId, String)>,
    /// (executor, message) of every receipt that failed, even when the transaction succeeded.
    pub failed_receipts: Vec<(AccountId, String)>,
    /// Gas burnt by the whole transaction.
    pub gas_burnt: u64,
    /// NEAR burnt by the whole transaction (what the signer paid for gas).
    pub tokens_burnt: u128,
    /// (executor, method, gas burnt) per function-call receipt, for the gas report.
    pub receipt_gas: Vec<(AccountId, String, u64)>,
}

impl Outcome {
    /// The NEP-297 events of every receipt, parsed.
    pub fn events(&self) -> Vec<Value> {
        self.logs
            .iter()
            .filter_map(|(_, l)| l.strip_prefix("EVENT_JSON:"))
            .filter_map(|j| serde_json::from_str(j).ok())
            .collect()
    }

    /// The `data` of every `stake-router` event named `name`.
    pub fn events_named(&self, name: &str) -> Vec<Value> {
        self.events()
            .into_iter()
            .filter(|e| e["standard"] == router_core::EVENT_STANDARD && e["event"] == name)
            .map(|e| e["data"].clone())
            .collect()
    }

    /// The final result as JSON; panics with the failure when there is none.
    pub fn json(&self) -> Value {
        assert!(self.ok, "transaction failed: {:?}", self.failure);
        serde_json::from_slice(&self.value).unwrap_or(Value::Null)
    }
}

/// One function call of [`Backend::call_together`].
#[derive(Clone, Debug)]
pub struct Call {
    /// Who signs it.
    pub signer: AccountId,
    /// The contract called.
    pub receiver: AccountId,
    /// The method.
    pub method: String,
    /// JSON arguments.
    pub args: Value,
    /// Attached yoctoNEAR.
    pub deposit: u128,
    /// Attached gas.
    pub gas: u64,
}

/// A chain a scenario can run on.
pub trait Backend {
    /// A short name for reports.
    fn name(&self) -> &'static str;

    /// Creates an account named `name` (the backend may add a suffix) holding `balance`.
    fn create_account(&mut self, name: &str, balance: u128) -> impl Future<Output = AccountId>;

    /// Deploys `wasm` to `account` (no init call).
    fn deploy(&mut self, account: &AccountId, wasm: &[u8]) -> impl Future<Output = ()>;

    /// Sends one function call from `signer` to `receiver` and waits for every receipt.
    fn call(
        &mut self,
        signer: &AccountId,
        receiver: &AccountId,
        method: &str,
        args: Vec<u8>,
        deposit: u128,
        gas: u64,
    ) -> impl Future<Output = Outcome>;

    /// Sends `amount` yoctoNEAR from `signer` to `receiver` in a transaction with one plain
    /// `Transfer` action (no function call), and waits for it.
    fn transfer(&mut self, signer: &AccountId, receiver: &AccountId, amount: u128) -> impl Future<Output = Outcome>;

    /// Calls a view method with JSON arguments; `Err` carries the failure message.
    fn view(&self, contract: &AccountId, method: &str, args: Value) -> impl Future<Output = Result<Value, String>>;

    /// An account's liquid balance, or `None` if it does not exist.
    fn balance(&self, account: &AccountId) -> impl Future<Output = Option<u128>>;

    /// An account's locked (staked) balance, or `None` if it does not exist.
    fn locked(&self, account: &AccountId) -> impl Future<Output = Option<u128>>;

    /// An account's storage usage in bytes, or `None` if it does not exist.
    fn storage_usage(&self, account: &AccountId) -> impl Future<Output = Option<u64>>;

    /// NEAR the backend may credit to contracts beyond what they are sent: nearcore gives a
    /// contract part of the gas its calls burn (`burnt_gas_reward`). Conservation checks allow
    /// this much slack for a transaction that burnt `tokens_burnt`; 0 where the backend gives
    /// no such reward.
    fn reward_slack(&self, tokens_burnt: u128) -> u128;

    /// Moves the chain `n` epochs forward.
    fn advance_epochs(&mut self, n: u64) -> impl Future<Output = ()>;

    /// Sends `calls` in one block, as transactions sent together reach NEAR, so their receipts
    /// run side by side, block by block; waits for every one. Outcomes in the order given.
    fn call_together(&mut self, calls: Vec<Call>) -> impl Future<Output = Vec<Outcome>>;

    /// Sets `account`'s stake in the validator set the contracts read (`env::validator_stake`);
    /// 0 removes it. Returns `false` where the backend cannot (a node's validator set is its
    /// own), and scenarios that need it are skipped there.
    fn set_validator_stake(&mut self, _account: &AccountId, _stake: u128) -> bool {
        false
    }
}

/// Sends a JSON function call.
pub async fn call_json<B: Backend>(
    b: &mut B,
    signer: &AccountId,
    receiver: &AccountId,
    method: &str,
    args: Value,
    deposit: u128,
    gas: u64,
) -> Outcome {
    b.call(signer, receiver, method, args.to_string().into_bytes(), deposit, gas).await
}
