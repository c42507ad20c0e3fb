//! Signed transactions: nearcore's checks (signature, block hash, signer, access key, nonce,
//! key permission and allowance), conversion in the current block, then execution block by
//! block: transactions accepted together (`broadcast_tx_async`, `send_tx` waiting for `NONE`
//! or `INCLUDED`) run side by side once any of them is completed.

use crate::actions::all_to_chain;
use crate::errors::invalid_tx;
use crate::node::Node;
use crate::outcome::final_outcome;
use near_chain::{AccessKey, AccessKeyPermission};
use near_primitives::action::Action;
use near_primitives::errors::{InvalidAccessKeyError, InvalidTxError};
use near_primitives::hash::CryptoHash;
use near_primitives::transaction::SignedTransaction;
use near_primitives::views::FinalExecutionOutcomeView;

/// Nonces must stay below `(head height + 1) * ACCESS_KEY_NONCE_RANGE_MULTIPLIER`
/// (nearcore's `NonceTooLarge` bound).
pub const ACCESS_KEY_NONCE_RANGE_MULTIPLIER: u64 = 1_000_000;

/// Verifies and runs `tx` to its end; returns its final outcome, or why it was refused (then
/// nothing changed: no fee, no nonce). Transactions accepted earlier and still running run
/// beside it. A transaction already executed returns its recorded outcome.
pub fn submit(node: &mut Node, tx: &SignedTransaction) -> Result<FinalExecutionOutcomeView, InvalidTxError> {
    let tx_hash = tx.get_hash();
    if let Some(done) = node.txs.get(&tx_hash) {
        return Ok(done.clone());
    }
    accept(node, tx)?;
    Ok(complete(node, &tx_hash).expect("accepted just now"))
}

/// Runs an accepted transaction to its end (others interleave) and records its outcome;
/// `None` if `tx_hash` is neither running nor done.
pub fn complete(node: &mut Node, tx_hash: &CryptoHash) -> Option<FinalExecutionOutcomeView> {
    if let Some(done) = node.txs.get(tx_hash) {
        return Some(done.clone());
    }
    let (id, tx, included_at) = node.running.remove(tx_hash)?;
    let out = node.chain.finish_transaction(id);
    let view = final_outcome(node, &tx, &out, included_at);
    node.txs.insert(*tx_hash, view.clone());
    Some(view)
}

/// Runs every accepted transaction to its end (before the state is saved: receipts in flight
/// are not part of a saved chain).
pub fn complete_all(node: &mut Node) {
    let mut running: Vec<(CryptoHash, u64)> = node.running.iter().map(|(h, (id, _, _))| (*h, id.0)).collect();
    running.sort_by_key(|(_, id)| *id);
    for (hash, _) in running {
        complete(node, &hash);
    }
}

/// Verifies `tx` and converts it in the current block (fees bought, nonce bumped), without
/// running a receipt: it runs when it is completed, beside whatever else is running. Refused:
/// nothing changed. Already accepted or done: nothing to do.
pub fn accept(node: &mut Node, tx: &SignedTransaction) -> Result<(), InvalidTxError> {
    let tx_hash = tx.get_hash();
    if node.txs.contains_key(&tx_hash) || node.running.contains_key(&tx_hash) {
        return Ok(());
    }
    let t = &tx.transaction;
    let (signer, receiver, public_key) = (t.signer_id(), t.receiver_id(), t.public_key());
    if !tx.signature.verify(tx_hash.as_ref(), public_key) {
        return Err(InvalidTxError::InvalidSignature);
    }
    if node.height_of(t.block_hash()).is_none() {
        return Err(InvalidTxError::Expired);
    }
    if node.chain.account(signer).is_none() {
        return Err(InvalidTxError::SignerDoesNotExist { signer_id: signer.clone() });
    }
    let Some(key) = node.chain.access_key(signer, public_key).cloned() else {
        return Err(InvalidTxError::InvalidAccessKeyError(InvalidAccessKeyError::AccessKeyNotFound {
            account_id: signer.clone(),
            public_key: Box::new(public_key.clone()),
        }));
    };
    let nonce = t.nonce().nonce();
    if nonce <= key.nonce {
        return Err(InvalidTxError::InvalidNonce { tx_nonce: nonce, ak_nonce: key.nonce });
    }
    let upper_bound = (node.height() + 1) * ACCESS_KEY_NONCE_RANGE_MULTIPLIER;
    if nonce >= upper_bound {
        return Err(InvalidTxError::NonceTooLarge { tx_nonce: nonce, upper_bound });
    }
    let actions = all_to_chain(t.actions());
    let cost = node.chain.transaction_cost(signer, receiver, &actions);
    let mut next_key = AccessKey { nonce, permission: key.permission.clone() };
    if let AccessKeyPermission::FunctionCall(perm) = &mut next_key.permission {
        check_function_call_key(t.actions(), receiver.as_str(), &perm.receiver_id, &perm.method_names)?;
        if let Some(allowance) = perm.allowance {
            let Some(left) = allowance.checked_sub(cost) else {
                return Err(InvalidTxError::InvalidAccessKeyError(InvalidAccessKeyError::NotEnoughAllowance {
                    account_id: signer.clone(),
                    public_key: Box::new(public_key.clone()),
                    allowance,
                    cost,
                }));
            };
            perm.allowance = Some(left);
        }
    }
    // nearcore bumps the nonce (and takes the allowance) when it converts the transaction,
    // before any receipt runs.
    node.chain.set_access_key(signer, public_key, next_key);
    let included_at = node.height();
    node.block_hash(included_at);
    match node.chain.submit_with_key(signer.clone(), public_key.clone(), receiver.clone(), actions) {
        Ok(id) => {
            node.running.insert(tx_hash, (id, tx.clone(), included_at));
            Ok(())
        }
        Err(e) => {
            node.chain.set_access_key(signer, public_key, key);
            Err(invalid_tx(e))
        }
    }
}

/// A function-call key signs one `FunctionCall` without deposit, to its receiver, calling
/// one of its methods (any if it names none).
fn check_function_call_key(
    actions: &[Action],
    receiver: &str,
    key_receiver: &str,
    methods: &[String],
) -> Result<(), InvalidTxError> {
    let err = |e| Err(InvalidTxError::InvalidAccessKeyError(e));
    let [Action::FunctionCall(call)] = actions else {
        return err(InvalidAccessKeyError::RequiresFullAccess);
    };
    if !call.deposit.is_zero() {
        return err(InvalidAccessKeyError::DepositWithFunctionCall);
    }
    if receiver != key_receiver {
        return err(InvalidAccessKeyError::ReceiverMismatch {
            tx_receiver: receiver.parse().expect("a transaction's receiver is valid"),
            ak_receiver: key_receiver.to_string(),
        });
    }
    if !methods.is_empty() && !methods.contains(&call.method_name) {
        return err(InvalidAccessKeyError::MethodNameMismatch { method_name: call.method_name.clone() });
    }
    Ok(())
}
