//! Transactions: verification and conversion into the first receipt (the signer pays the send
//! fees and buys the gas upfront), then running receipts block by block, in creation order, each
//! one block after the block that created it. Transactions submitted in the same block run side
//! by side (`submit`, `finish_transaction`); `call` and `batch` submit one and finish it.

use crate::account::{storage_shortfall, Account};
use crate::action::test_public_key;
use crate::action::{validate_actions, Action};
use crate::chain::{Chain, IntoAccountId};
use crate::error::InvalidTx;
use crate::gas::{add, tx_cost};
use crate::outcome::{ExecutionStatus, FinalStatus, ReceiptId, ReceiptOutcome, TxOutcome};
use crate::receipt::{ActionReceipt, InFlight, Receipt, ReceiptBody, TxId};
use near_primitives_core::types::{AccountId, Balance, Gas};
use std::collections::HashMap;

impl Chain {
    /// Signs (without a signature) and runs a transaction calling `method` on `receiver`, with
    /// `deposit` and `gas` attached, until every receipt it caused (refunds included) ran.
    ///
    /// `Err` means the transaction was refused before anything ran (nothing was charged),
    /// e.g. more gas than `max_total_prepaid_gas`; a failure while running is in the outcome.
    pub fn call(
        &mut self,
        signer: impl IntoAccountId,
        receiver: impl IntoAccountId,
        method: &str,
        args: impl Into<Vec<u8>>,
        deposit: Balance,
        gas: Gas,
    ) -> Result<TxOutcome, InvalidTx> {
        self.batch(signer, receiver, vec![Action::function_call(method, args, deposit, gas)])
    }

    /// Runs a transaction carrying `actions` (one receipt: they apply atomically).
    pub fn batch(
        &mut self,
        signer: impl IntoAccountId,
        receiver: impl IntoAccountId,
        actions: Vec<Action>,
    ) -> Result<TxOutcome, InvalidTx> {
        let signer = signer.into_account_id();
        let signer_key = test_public_key(signer.as_str());
        self.run_transaction(signer, signer_key, receiver.into_account_id(), actions)
    }

    /// Runs a transaction signed (without a signature) with `signer_key` until every receipt
    /// it caused ran (receipts of transactions submitted earlier run beside them).
    pub(crate) fn run_transaction(
        &mut self,
        signer: AccountId,
        signer_key: near_crypto::PublicKey,
        receiver: AccountId,
        actions: Vec<Action>,
    ) -> Result<TxOutcome, InvalidTx> {
        let id = self.submit_with_key(signer, signer_key, receiver, actions)?;
        Ok(self.finish_transaction(id))
    }

    /// Converts a transaction in the current block (the signer pays the send fees and buys the
    /// gas now) and queues its first receipt for the next block, without running anything:
    /// transactions submitted in the same block run their receipts side by side, block by
    /// block, as on NEAR. [`Chain::finish_transaction`] runs until one is done.
    pub fn submit(
        &mut self,
        signer: impl IntoAccountId,
        receiver: impl IntoAccountId,
        actions: Vec<Action>,
    ) -> Result<TxId, InvalidTx> {
        let signer = signer.into_account_id();
        let signer_key = test_public_key(signer.as_str());
        self.submit_with_key(signer, signer_key, receiver.into_account_id(), actions)
    }

    /// [`Chain::submit`] with a given access key (for a node that checked its signature).
    pub fn submit_with_key(
        &mut self,
        signer: AccountId,
        signer_key: near_crypto::PublicKey,
        receiver: AccountId,
        actions: Vec<Action>,
    ) -> Result<TxId, InvalidTx> {
        validate_actions(&self.runtime.wasm_config.limit_config, &actions).map_err(InvalidTx::ActionsValidation)?;
        let cost = tx_cost(&self.runtime, &signer, &receiver, &actions, self.config.gas_price);
        let account = self.state.accounts.get(&signer).ok_or_else(|| InvalidTx::SignerDoesNotExist(signer.clone()))?;
        let Some(left) = account.balance.checked_sub(cost.total_cost) else {
            return Err(InvalidTx::NotEnoughBalance { signer, balance: account.balance, cost: cost.total_cost });
        };
        let mut charged = Account::clone(account);
        charged.balance = left;
        if let Some(amount) = storage_shortfall(&self.runtime, &charged) {
            return Err(InvalidTx::LackBalanceForState { signer, amount });
        }
        self.state.put_account(signer.clone(), charged);

        self.next_receipt += 1;
        let first = ReceiptId(self.next_receipt);
        let tx = TxId(self.next_receipt);
        self.in_flight.insert(
            tx,
            InFlight {
                first,
                gas_burnt: cost.gas_burnt,
                tokens_burnt: cost.burnt_amount,
                gas_bought: cost.gas_remaining,
                gas_price: cost.receipt_gas_price,
                outcomes: Vec::new(),
            },
        );
        self.pipeline.push(Receipt {
            id: first,
            predecessor: signer.clone(),
            receiver,
            body: ReceiptBody::Action(ActionReceipt {
                signer,
                signer_key,
                refund_to: None,
                gas_price: cost.receipt_gas_price,
                output_data_receivers: vec![],
                input_data_ids: vec![],
                actions,
            }),
            ready_at: self.block.height + 1,
            tx,
        });
        Ok(tx)
    }

    /// Whether every receipt of `tx` ran (or it is unknown).
    pub fn transaction_done(&self, tx: TxId) -> bool {
        self.pipeline.pending(tx) == 0
    }

    /// Runs the queue block by block until every receipt of `tx` ran, and returns its outcome.
    /// Receipts of other transactions run too, each in its block.
    ///
    /// # Panics
    /// If `tx` is not in flight, or its receipts wait for data that never comes.
    pub fn finish_transaction(&mut self, tx: TxId) -> TxOutcome {
        while self.pipeline.pending(tx) > 0 {
            assert!(self.run_one(), "receipts still wait for data that never comes");
        }
        let done = self.in_flight.remove(&tx).unwrap_or_else(|| panic!("transaction {} is not in flight", tx.0));
        let receipts = done.outcomes;
        let status = final_status(done.first, &receipts);
        let total_gas_burnt = receipts.iter().fold(done.gas_burnt, |acc, r| add(acc, r.gas_burnt));
        let total_tokens_burnt = receipts.iter().fold(done.tokens_burnt, |acc, r| acc.saturating_add(r.tokens_burnt));
        TxOutcome {
            conversion_gas_burnt: done.gas_burnt,
            conversion_tokens_burnt: done.tokens_burnt,
            gas_bought: done.gas_bought,
            receipt_gas_price: done.gas_price,
            receipts,
            status,
            total_gas_burnt,
            total_tokens_burnt,
        }
    }

    /// Runs the next block that has receipts to run: every receipt queued for it (those it
    /// creates wait for the block after). `false` if nothing is queued.
    pub fn run_block(&mut self) -> bool {
        let Some(height) = self.pipeline.next_ready_at() else { return false };
        while self.pipeline.next_ready_at().is_some_and(|h| h <= height) {
            self.run_one();
        }
        true
    }

    /// Runs the next queued receipt (moving to its block first); `false` if none is queued.
    fn run_one(&mut self) -> bool {
        let Some(receipt) = self.pipeline.pop() else { return false };
        if receipt.ready_at > self.block.height {
            self.advance_to(receipt.ready_at);
        }
        let tx = receipt.tx;
        let ready = match receipt.body {
            ReceiptBody::Data { data_id, data } => {
                self.pipeline.done(tx);
                self.pipeline.deliver(&receipt.receiver, data_id, data)
            }
            ReceiptBody::Action(_) => self.pipeline.admit(receipt),
        };
        if let Some(ready) = ready {
            let (outcome, sent) = self.apply_action_receipt(&ready);
            if let Some(record) = self.in_flight.get_mut(&ready.tx) {
                record.outcomes.push(outcome);
            }
            sent.into_iter().for_each(|r| self.pipeline.push(r));
            self.pipeline.done(ready.tx);
        }
        true
    }
}

/// The result of the last receipt of the chain `first` forwards to through returned promises.
fn final_status(first: ReceiptId, receipts: &[ReceiptOutcome]) -> FinalStatus {
    let by_id: HashMap<ReceiptId, &ReceiptOutcome> = receipts.iter().map(|r| (r.receipt_id, r)).collect();
    let mut id = first;
    loop {
        let outcome = by_id.get(&id).unwrap_or_else(|| panic!("{id} never ran"));
        match &outcome.status {
            ExecutionStatus::SuccessReceiptId(next) => id = *next,
            ExecutionStatus::Success(bytes) => return FinalStatus::Success(bytes.clone()),
            ExecutionStatus::Failure(err) => return FinalStatus::Failure(err.clone()),
        }
    }
}
