//! [`Backend`] on a NEAR node through the unmodified near-workspaces client: the real sandbox
//! (`NEAR_SANDBOX_BIN_PATH`) or any node that serves the sandbox RPC.

use crate::backend::{Backend, Call, Outcome};
use near_workspaces::network::Sandbox;
use near_workspaces::result::ExecutionFinalResult;
use near_workspaces::types::{Gas, NearToken};
use near_workspaces::{Account, Worker};
use router_core::AccountId;
use serde_json::Value;
use std::collections::HashMap;

/// Blocks per epoch of the sandbox's genesis (nearcore's sandbox default).
pub const SANDBOX_EPOCH_LENGTH: u64 = 500;

/// A near-workspaces sandbox with the accounts the scenarios created.
pub struct SandboxBackend {
    worker: Worker<Sandbox>,
    root: Account,
    accounts: HashMap<String, Account>,
}

fn ws_id(id: &AccountId) -> near_workspaces::AccountId {
    id.as_str().parse().expect("valid account id")
}

fn our_id(id: &near_workspaces::AccountId) -> AccountId {
    id.as_str().parse().expect("valid account id")
}

impl SandboxBackend {
    /// Starts (or attaches to) a sandbox. Fails fast when no sandbox binary is available.
    pub async fn start() -> Result<Self, String> {
        let worker = near_workspaces::sandbox().await.map_err(|e| format!("no NEAR sandbox: {e}"))?;
        Self::from_worker(worker)
    }

    /// Uses a sandbox the caller attached to, e.g. a devnet through
    /// `near_workspaces::sandbox().rpc_addr(url).validator_key(ValidatorKey::Known(..))`.
    /// Accounts are created under the worker's root account.
    pub fn from_worker(worker: Worker<Sandbox>) -> Result<Self, String> {
        let root = worker.root_account().map_err(|e| e.to_string())?;
        Ok(SandboxBackend { worker, root, accounts: HashMap::new() })
    }

    fn signer(&self, id: &AccountId) -> &Account {
        self.accounts.get(id.as_str()).unwrap_or_else(|| panic!("{id} was not created by this backend"))
    }
}

impl Backend for SandboxBackend {
    fn name(&self) -> &'static str {
        "near-workspaces"
    }

    async fn create_account(&mut self, name: &str, balance: u128) -> AccountId {
        let account = self
            .root
            .create_subaccount(name)
            .initial_balance(NearToken::from_yoctonear(balance))
            .transact()
            .await
            .expect("rpc")
            .into_result()
            .unwrap_or_else(|e| panic!("create {name}: {e}"));
        let id = our_id(account.id());
        self.accounts.insert(id.to_string(), account);
        id
    }

    async fn deploy(&mut self, account: &AccountId, wasm: &[u8]) {
        let result = self.signer(account).deploy(wasm).await.expect("rpc");
        assert!(result.is_success(), "deploy to {account} failed");
    }

    async fn call(
        &mut self,
        signer: &AccountId,
        receiver: &AccountId,
        method: &str,
        args: Vec<u8>,
        deposit: u128,
        gas: u64,
    ) -> Outcome {
        let result = self
            .signer(signer)
            .call(&ws_id(receiver), method)
            .args(args)
            .deposit(NearToken::from_yoctonear(deposit))
            .gas(Gas::from_gas(gas))
            .transact()
            .await
            .expect("rpc");
        outcome_of(result)
    }

    async fn transfer(&mut self, signer: &AccountId, receiver: &AccountId, amount: u128) -> Outcome {
        let result =
            self.signer(signer).transfer_near(&ws_id(receiver), NearToken::from_yoctonear(amount)).await.expect("rpc");
        outcome_of(result)
    }

    async fn view(&self, contract: &AccountId, method: &str, args: Value) -> Result<Value, String> {
        let result = self.worker.view(&ws_id(contract), method).args_json(args).await.map_err(|e| e.to_string())?;
        result.json().map_err(|e| e.to_string())
    }

    async fn balance(&self, account: &AccountId) -> Option<u128> {
        self.worker.view_account(&ws_id(account)).await.ok().map(|d| d.balance.as_yoctonear())
    }

    async fn locked(&self, account: &AccountId) -> Option<u128> {
        self.worker.view_account(&ws_id(account)).await.ok().map(|d| d.locked.as_yoctonear())
    }

    async fn storage_usage(&self, account: &AccountId) -> Option<u64> {
        self.worker.view_account(&ws_id(account)).await.ok().map(|d| d.storage_usage)
    }

    fn reward_slack(&self, tokens_burnt: u128) -> u128 {
        // nearcore credits a contract 30% of the gas its function calls burn.
        tokens_burnt * 3 / 10
    }

    async fn advance_epochs(&mut self, n: u64) {
        self.worker.fast_forward(n * SANDBOX_EPOCH_LENGTH).await.expect("fast_forward");
    }

    async fn call_together(&mut self, calls: Vec<Call>) -> Vec<Outcome> {
        let mut sent = Vec::new();
        for c in calls {
            let status = self
                .signer(&c.signer)
                .call(&ws_id(&c.receiver), &c.method)
                .args_json(c.args)
                .deposit(NearToken::from_yoctonear(c.deposit))
                .gas(Gas::from_gas(c.gas))
                .transact_async()
                .await
                .expect("rpc");
            sent.push(status);
        }
        let mut out = Vec::new();
        for status in sent {
            out.push(outcome_of(status.await.expect("rpc")));
        }
        out
    }
}

/// A transaction's outcome on the node, in the backend's terms.
fn outcome_of(result: ExecutionFinalResult) -> Outcome {
    let mut out = Outcome { gas_burnt: result.total_gas_burnt.as_gas(), ..Outcome::default() };
    for o in result.outcomes() {
        let executor = our_id(&o.executor_id);
        out.logs.extend(o.logs.iter().map(|l| (executor.clone(), l.clone())));
        out.tokens_burnt += o.tokens_burnt.as_yoctonear();
        // Refund receipts (free, from `system`) burn no gas: they are not calls.
        if o.gas_burnt.as_gas() > 0 {
            out.receipt_gas.push((executor.clone(), String::new(), o.gas_burnt.as_gas()));
        }
    }
    out.receipt_gas.remove(0); // the transaction's own conversion outcome
    for o in result.receipt_failures() {
        let message = format!("{:?}", o.clone().into_result().err());
        out.failed_receipts.push((our_id(&o.executor_id), message));
    }
    match result.into_result() {
        Ok(success) => {
            out.ok = true;
            out.value = success.raw_bytes().unwrap_or_default();
        }
        Err(failure) => out.failure = Some(format!("{failure}")),
    }
    out
}
