//! [`Backend`] on the in-process chain (`near-chain`): the real wasm on nearcore's VM, in this
//! process, with no node and no network.

use crate::backend::{Backend, Call, Outcome};
use near_chain::{Action, Balance, Chain, ExecutionStatus, FinalStatus, Gas, InvalidTx, TxOutcome};
use router_core::AccountId;
use serde_json::Value;

/// The in-process chain and a name suffix for created accounts.
pub struct ChainBackend {
    /// The chain itself (public for tests that need more than the trait).
    pub chain: Chain,
}

impl ChainBackend {
    /// A fresh chain at the latest protocol version.
    pub fn new() -> Self {
        ChainBackend { chain: Chain::new() }
    }
}

impl Default for ChainBackend {
    fn default() -> Self {
        Self::new()
    }
}

fn chain_id(id: &AccountId) -> near_chain::AccountId {
    id.as_str().parse().expect("valid account id")
}

fn our_id(id: &near_chain::AccountId) -> AccountId {
    id.as_str().parse().expect("valid account id")
}

impl Backend for ChainBackend {
    fn name(&self) -> &'static str {
        "in-process chain"
    }

    async fn create_account(&mut self, name: &str, balance: u128) -> AccountId {
        let id = format!("{name}.test");
        self.chain.create_account(id.as_str(), Balance::from_yoctonear(balance));
        id.parse().expect("valid account id")
    }

    async fn deploy(&mut self, account: &AccountId, wasm: &[u8]) {
        self.chain.deploy(account.as_str(), wasm);
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
        let result = self.chain.call(
            signer.as_str(),
            receiver.as_str(),
            method,
            args,
            Balance::from_yoctonear(deposit),
            Gas::from_gas(gas),
        );
        outcome_of(result)
    }

    async fn transfer(&mut self, signer: &AccountId, receiver: &AccountId, amount: u128) -> Outcome {
        let transfer = Action::Transfer { deposit: Balance::from_yoctonear(amount) };
        outcome_of(self.chain.batch(signer.as_str(), receiver.as_str(), vec![transfer]))
    }

    async fn view(&self, contract: &AccountId, method: &str, args: Value) -> Result<Value, String> {
        let bytes = self.chain.view(contract.as_str(), method, args.to_string()).map_err(|e| format!("{e}"))?;
        serde_json::from_slice(&bytes).map_err(|e| e.to_string())
    }

    async fn balance(&self, account: &AccountId) -> Option<u128> {
        self.chain.balance(chain_id(account)).map(|b| b.as_yoctonear())
    }

    async fn locked(&self, account: &AccountId) -> Option<u128> {
        self.chain.account(chain_id(account)).map(|a| a.locked.as_yoctonear())
    }

    async fn storage_usage(&self, account: &AccountId) -> Option<u64> {
        self.chain.account(chain_id(account)).map(|a| a.storage_usage)
    }

    fn reward_slack(&self, _tokens_burnt: u128) -> u128 {
        // The chain runs protocol 88's config, whose `burnt_gas_reward` is 0: no slack at all.
        0
    }

    async fn advance_epochs(&mut self, n: u64) {
        self.chain.advance_epochs(n);
    }

    async fn call_together(&mut self, calls: Vec<Call>) -> Vec<Outcome> {
        let submitted: Vec<_> = calls
            .into_iter()
            .map(|c| {
                let call = Action::function_call(
                    &c.method,
                    c.args.to_string(),
                    Balance::from_yoctonear(c.deposit),
                    Gas::from_gas(c.gas),
                );
                self.chain.submit(c.signer.as_str(), c.receiver.as_str(), vec![call])
            })
            .collect();
        submitted.into_iter().map(|s| outcome_of(s.map(|id| self.chain.finish_transaction(id)))).collect()
    }

    fn set_validator_stake(&mut self, account: &AccountId, stake: u128) -> bool {
        self.chain.set_validator_stake(account.as_str(), Balance::from_yoctonear(stake));
        true
    }
}

/// A transaction's outcome on the chain, in the backend's terms.
fn outcome_of(result: Result<TxOutcome, InvalidTx>) -> Outcome {
    let tx = match result {
        Ok(tx) => tx,
        Err(invalid) => {
            return Outcome { failure: Some(format!("invalid transaction: {invalid:?}")), ..Outcome::default() }
        }
    };
    let mut out = Outcome {
        gas_burnt: tx.total_gas_burnt.as_gas(),
        tokens_burnt: tx.total_tokens_burnt.as_yoctonear(),
        ..Outcome::default()
    };
    for r in &tx.receipts {
        let executor = our_id(&r.executor);
        out.logs.extend(r.logs.iter().map(|l| (executor.clone(), l.clone())));
        if !r.methods.is_empty() {
            out.receipt_gas.push((executor.clone(), r.methods.join("+"), r.gas_burnt.as_gas()));
        }
        if let ExecutionStatus::Failure(e) = &r.status {
            out.failed_receipts.push((executor, format!("{e}")));
        }
    }
    match &tx.status {
        FinalStatus::Success(bytes) => {
            out.ok = true;
            out.value = bytes.clone();
        }
        FinalStatus::Failure(e) => out.failure = Some(format!("{e}")),
    }
    out
}
