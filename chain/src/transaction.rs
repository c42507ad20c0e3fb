//! Transactions: verification and conversion into the first receipt (the signer pays the send
//! fees and buys the gas upfront), then running every receipt the transaction causes, in
//! creation order, one block after the block that created it.

use crate::account::{storage_shortfall, Account};
use crate::action::test_public_key;
use crate::action::{validate_actions, Action};
use crate::chain::{Chain, IntoAccountId};
use crate::error::InvalidTx;
use crate::gas::{add, tx_cost};
use crate::outcome::{ExecutionStatus, FinalStatus, ReceiptId, ReceiptOutcome, TxOutcome};
use crate::receipt::{ActionReceipt, Receipt, ReceiptBody};
use near_primitives_core::types::{Balance, Gas};
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

    /// Runs a transaction signed (without a signature) with `signer_key`.
    pub(crate) fn run_transaction(
        &mut self,
        signer: near_primitives_core::types::AccountId,
        signer_key: near_crypto::PublicKey,
        receiver: near_primitives_core::types::AccountId,
        actions: Vec<Action>,
    ) -> Result<TxOutcome, InvalidTx> {
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
        });
        let receipts = self.run_receipts();
        let status = final_status(first, &receipts);
        let total_gas_burnt = receipts.iter().fold(cost.gas_burnt, |acc, r| add(acc, r.gas_burnt));
        let total_tokens_burnt = receipts.iter().fold(cost.burnt_amount, |acc, r| acc.saturating_add(r.tokens_burnt));
        Ok(TxOutcome {
            conversion_gas_burnt: cost.gas_burnt,
            conversion_tokens_burnt: cost.burnt_amount,
            gas_bought: cost.gas_remaining,
            receipt_gas_price: cost.receipt_gas_price,
            receipts,
            status,
            total_gas_burnt,
            total_tokens_burnt,
        })
    }

    /// Runs queued receipts until none is left; returns their outcomes in execution order.
    fn run_receipts(&mut self) -> Vec<ReceiptOutcome> {
        let mut outcomes = Vec::new();
        while let Some(receipt) = self.pipeline.pop() {
            if receipt.ready_at > self.block.height {
                self.advance_to(receipt.ready_at);
            }
            let ready = match receipt.body {
                ReceiptBody::Data { data_id, data } => self.pipeline.deliver(&receipt.receiver, data_id, data),
                ReceiptBody::Action(_) => self.pipeline.admit(receipt),
            };
            if let Some(ready) = ready {
                let (outcome, sent) = self.apply_action_receipt(&ready);
                outcomes.push(outcome);
                sent.into_iter().for_each(|r| self.pipeline.push(r));
            }
        }
        assert_eq!(self.pipeline.postponed_len(), 0, "receipts still wait for data that never comes");
        outcomes
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
