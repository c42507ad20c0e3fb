//! The receipts one function call creates (nearcore's `ReceiptManager`): their actions, data
//! dependencies, and the split of the call's unused gas over calls with a gas weight.

use crate::action::Action;
use crate::gas::split_by_weight;
use crate::receipt::DataReceiver;
use near_primitives_core::hash::CryptoHash;
use near_primitives_core::types::{AccountId, Gas};
use near_vm_runner::logic::types::ReceiptIndex;
use near_vm_runner::logic::{HostError, VMLogicError};

/// A receipt created by the running function call (indices are local to the call).
#[derive(Clone, Debug)]
pub(crate) struct NewReceipt {
    pub receiver: AccountId,
    pub actions: Vec<Action>,
    pub input_data_ids: Vec<CryptoHash>,
    pub output_data_receivers: Vec<DataReceiver>,
    pub refund_to: Option<AccountId>,
}

/// Receipts of one function call.
#[derive(Default)]
pub(crate) struct ReceiptManager {
    /// Receipts created, in order.
    pub receipts: Vec<NewReceipt>,
    /// (receipt, action, weight) of function calls with a gas weight.
    weights: Vec<(usize, usize, u64)>,
}

impl ReceiptManager {
    /// A receipt to `receiver` that runs once each receipt in `deps` delivered its result,
    /// under the matching id of `data_ids`.
    pub fn create(
        &mut self,
        deps: Vec<ReceiptIndex>,
        data_ids: Vec<CryptoHash>,
        receiver: AccountId,
    ) -> Result<ReceiptIndex, VMLogicError> {
        for (&receipt_index, &data_id) in deps.iter().zip(&data_ids) {
            self.receipts
                .get_mut(receipt_index as usize)
                .ok_or(HostError::InvalidReceiptIndex { receipt_index })?
                .output_data_receivers
                .push(DataReceiver { data_id, receiver: receiver.clone() });
        }
        self.receipts.push(NewReceipt {
            receiver,
            actions: vec![],
            input_data_ids: data_ids,
            output_data_receivers: vec![],
            refund_to: None,
        });
        Ok(self.receipts.len() as u64 - 1)
    }

    /// Appends `action` to receipt `index`; returns the action's index.
    pub fn push(&mut self, index: ReceiptIndex, action: Action) -> usize {
        let weight = match &action {
            Action::FunctionCall { gas_weight, .. } => *gas_weight,
            _ => 0,
        };
        let actions = &mut self.receipts[index as usize].actions;
        actions.push(action);
        let action_index = actions.len() - 1;
        if weight > 0 {
            self.weights.push((index as usize, action_index, weight));
        }
        action_index
    }

    /// Receiver of receipt `index`.
    pub fn receiver(&self, index: ReceiptIndex) -> &AccountId {
        &self.receipts[index as usize].receiver
    }

    /// Gives `unused` gas to the weighted function calls; returns how much was given.
    pub fn distribute_gas(&mut self, unused: Gas) -> Gas {
        let weights: Vec<u64> = self.weights.iter().map(|(_, _, w)| *w).collect();
        let shares = split_by_weight(unused.as_gas(), &weights);
        let mut given = 0u64;
        for (&(r, a, _), share) in self.weights.iter().zip(shares) {
            if let Action::FunctionCall { gas, .. } = &mut self.receipts[r].actions[a] {
                *gas = gas.checked_add(Gas::from_gas(share)).expect("gas overflow");
                given += share;
            }
        }
        Gas::from_gas(given)
    }
}
