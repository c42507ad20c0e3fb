//! Receipts and the pipeline that holds them until they can run: a FIFO queue, the data that
//! has arrived, and the action receipts still waiting for data (nearcore's postponed receipts).

use crate::action::Action;
use crate::outcome::{ReceiptId, ReceiptOutcome};
use near_crypto::{KeyType, PublicKey};
use near_primitives_core::hash::CryptoHash;
use near_primitives_core::types::{AccountId, Balance, Gas};
use near_vm_runner::logic::types::PromiseResult;
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

/// Where an action receipt's result must be sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DataReceiver {
    pub data_id: CryptoHash,
    pub receiver: AccountId,
}

/// An action receipt's payload.
#[derive(Clone, Debug)]
pub(crate) struct ActionReceipt {
    pub signer: AccountId,
    pub signer_key: PublicKey,
    /// Where a failed receipt's deposits go instead of the predecessor (`promise_set_refund_to`).
    pub refund_to: Option<AccountId>,
    /// Price the receipt's gas was bought at.
    pub gas_price: Balance,
    pub output_data_receivers: Vec<DataReceiver>,
    pub input_data_ids: Vec<CryptoHash>,
    pub actions: Vec<Action>,
}

/// A receipt's payload.
#[derive(Clone, Debug)]
pub(crate) enum ReceiptBody {
    Action(ActionReceipt),
    /// A result travelling to a waiting receipt: `None` means the sender failed.
    Data {
        data_id: CryptoHash,
        data: Option<Vec<u8>>,
    },
}

/// A receipt in flight.
#[derive(Clone, Debug)]
pub(crate) struct Receipt {
    pub id: ReceiptId,
    pub predecessor: AccountId,
    pub receiver: AccountId,
    pub body: ReceiptBody,
    /// Block height it can run at (one block after the one that created it).
    pub ready_at: u64,
    /// The transaction it belongs to.
    pub tx: TxId,
}

/// A converted transaction whose receipts are running.
pub(crate) struct InFlight {
    pub first: ReceiptId,
    pub gas_burnt: Gas,
    pub tokens_burnt: Balance,
    pub gas_bought: Gas,
    pub gas_price: Balance,
    pub outcomes: Vec<ReceiptOutcome>,
}

/// A transaction the chain converted, by the order it was submitted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TxId(pub u64);

/// The account refunds come from.
pub(crate) fn system_account() -> AccountId {
    "system".parse().expect("valid account id")
}

impl Receipt {
    /// A refund: a `Transfer` from `system`, free, burnt if it cannot be delivered.
    pub fn refund(id: ReceiptId, receiver: AccountId, amount: Balance, ready_at: u64, tx: TxId) -> Self {
        Receipt {
            id,
            predecessor: system_account(),
            receiver,
            body: ReceiptBody::Action(ActionReceipt {
                signer: system_account(),
                signer_key: PublicKey::empty(KeyType::ED25519),
                refund_to: None,
                gas_price: Balance::ZERO,
                output_data_receivers: vec![],
                input_data_ids: vec![],
                actions: vec![Action::Transfer { deposit: amount }],
            }),
            ready_at,
            tx,
        }
    }

    /// Whether it is a refund.
    pub fn is_refund(&self) -> bool {
        self.predecessor.as_str() == "system"
    }
}

/// Receipts not yet executed.
#[derive(Default)]
pub(crate) struct Pipeline {
    queue: VecDeque<Receipt>,
    /// Data that arrived, by (receiver, data id).
    received: HashMap<(AccountId, CryptoHash), Option<Vec<u8>>>,
    /// Action receipts waiting for data, with how many inputs are still missing.
    postponed: HashMap<ReceiptId, (Receipt, usize)>,
    /// Which postponed receipt each missing input belongs to.
    waiting: HashMap<(AccountId, CryptoHash), ReceiptId>,
    /// Per transaction, its receipts not yet run (queued or postponed).
    pending: HashMap<TxId, usize>,
}

impl Pipeline {
    /// Queues a receipt behind all earlier ones.
    pub fn push(&mut self, receipt: Receipt) {
        *self.pending.entry(receipt.tx).or_default() += 1;
        self.queue.push_back(receipt);
    }

    /// A receipt of `tx` ran (an action receipt) or was delivered (data).
    pub fn done(&mut self, tx: TxId) {
        if let Some(n) = self.pending.get_mut(&tx) {
            *n -= 1;
            if *n == 0 {
                self.pending.remove(&tx);
            }
        }
    }

    /// The block height the next queued receipt runs at.
    pub fn next_ready_at(&self) -> Option<u64> {
        self.queue.front().map(|r| r.ready_at)
    }

    /// How many receipts of `tx` have not run yet.
    pub fn pending(&self, tx: TxId) -> usize {
        self.pending.get(&tx).copied().unwrap_or(0)
    }

    /// The next receipt in creation order.
    pub fn pop(&mut self) -> Option<Receipt> {
        self.queue.pop_front()
    }

    /// An action receipt arrives: returns it if all its inputs are here, else keeps it.
    pub fn admit(&mut self, receipt: Receipt) -> Option<Receipt> {
        let ReceiptBody::Action(action) = &receipt.body else {
            return Some(receipt);
        };
        let mut missing = 0;
        for data_id in &action.input_data_ids {
            let key = (receipt.receiver.clone(), *data_id);
            if !self.received.contains_key(&key) {
                missing += 1;
                self.waiting.insert(key, receipt.id);
            }
        }
        if missing == 0 {
            return Some(receipt);
        }
        self.postponed.insert(receipt.id, (receipt, missing));
        None
    }

    /// Data arrives: returns the receipt it completes, if any.
    pub fn deliver(&mut self, receiver: &AccountId, data_id: CryptoHash, data: Option<Vec<u8>>) -> Option<Receipt> {
        let key = (receiver.clone(), data_id);
        self.received.insert(key.clone(), data);
        let id = self.waiting.remove(&key)?;
        let (_, missing) = self.postponed.get_mut(&id).expect("postponed receipt exists");
        *missing -= 1;
        if *missing > 0 {
            return None;
        }
        self.postponed.remove(&id).map(|(receipt, _)| receipt)
    }

    /// Removes a ready receipt's inputs and returns them as promise results, in order.
    pub fn take_inputs(&mut self, receiver: &AccountId, data_ids: &[CryptoHash]) -> Arc<[PromiseResult]> {
        data_ids
            .iter()
            .map(|id| match self.received.remove(&(receiver.clone(), *id)) {
                Some(Some(bytes)) => PromiseResult::Successful(bytes.into()),
                Some(None) => PromiseResult::Failed,
                None => unreachable!("inputs of a ready receipt are present"),
            })
            .collect()
    }
}
