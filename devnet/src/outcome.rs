//! near-chain's transaction outcome as nearcore's `FinalExecutionOutcomeView`: the
//! transaction's conversion outcome, then one outcome per receipt (refunds included).

use crate::errors::action_error;
use crate::node::Node;
use near_chain::{ExecutionStatus, FinalStatus, ReceiptId, TxOutcome};
use near_primitives::errors::TxExecutionError;
use near_primitives::hash::{hash, CryptoHash};
use near_primitives::transaction::SignedTransaction;
use near_primitives::views::{
    ExecutionMetadataView, ExecutionOutcomeView, ExecutionOutcomeWithIdView, ExecutionStatusView,
    FinalExecutionOutcomeView, FinalExecutionStatus, SignedTransactionView,
};

/// The id of a near-chain receipt (`sha256("devnet-receipt-<n>")`; receipt numbers are
/// unique within a chain).
pub(crate) fn receipt_hash(id: ReceiptId) -> CryptoHash {
    hash(format!("devnet-receipt-{}", id.0).as_bytes())
}

/// The outcome view of `tx`, included at block `included_at`, that ran as `out`.
pub(crate) fn final_outcome(
    node: &mut Node,
    tx: &SignedTransaction,
    out: &TxOutcome,
    included_at: u64,
) -> FinalExecutionOutcomeView {
    let tx_actions = tx.transaction.actions();
    let first = out.receipts.first().map(|r| r.receipt_id);
    let transaction_outcome = ExecutionOutcomeWithIdView {
        proof: vec![],
        block_hash: node.block_hash(included_at),
        id: tx.get_hash(),
        outcome: ExecutionOutcomeView {
            logs: vec![],
            receipt_ids: first.map(receipt_hash).into_iter().collect(),
            gas_burnt: out.conversion_gas_burnt,
            tokens_burnt: out.conversion_tokens_burnt,
            executor_id: tx.transaction.signer_id().clone(),
            status: match first {
                Some(id) => ExecutionStatusView::SuccessReceiptId(receipt_hash(id)),
                None => ExecutionStatusView::Unknown,
            },
            metadata: ExecutionMetadataView::default(),
        },
    };
    let receipts_outcome = out
        .receipts
        .iter()
        .map(|r| {
            let own = (Some(r.receipt_id) == first).then_some(tx_actions);
            let status = match &r.status {
                ExecutionStatus::Success(bytes) => ExecutionStatusView::SuccessValue(bytes.clone()),
                ExecutionStatus::SuccessReceiptId(id) => ExecutionStatusView::SuccessReceiptId(receipt_hash(*id)),
                ExecutionStatus::Failure(e) => {
                    ExecutionStatusView::Failure(TxExecutionError::ActionError(action_error(e, own)))
                }
            };
            ExecutionOutcomeWithIdView {
                proof: vec![],
                block_hash: node.block_hash(r.block_height),
                id: receipt_hash(r.receipt_id),
                outcome: ExecutionOutcomeView {
                    logs: r.logs.clone(),
                    receipt_ids: r.receipt_ids.iter().copied().map(receipt_hash).collect(),
                    gas_burnt: r.gas_burnt,
                    tokens_burnt: r.tokens_burnt,
                    executor_id: r.executor.clone(),
                    status,
                    metadata: ExecutionMetadataView::default(),
                },
            }
        })
        .collect();
    let status = match &out.status {
        FinalStatus::Success(bytes) => FinalExecutionStatus::SuccessValue(bytes.clone()),
        FinalStatus::Failure(e) => {
            let own = out.failed_receipts().first().map(|r| Some(r.receipt_id) == first);
            let actions = own.unwrap_or(false).then_some(tx_actions);
            FinalExecutionStatus::Failure(TxExecutionError::ActionError(action_error(e, actions)))
        }
    };
    FinalExecutionOutcomeView {
        status,
        transaction: SignedTransactionView::from(tx.clone()),
        transaction_outcome,
        receipts_outcome,
    }
}
