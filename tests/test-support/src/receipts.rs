//! The receipts a mocked call created: its function calls (with gas, weight and the receipts
//! each waits for) and its transfers.

use near_sdk::mock::MockAction;
use near_sdk::test_utils::get_created_receipts;
use near_sdk::AccountId;

/// A function call found among the created receipts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// Index of its receipt, as the mock numbers receipts.
    pub receipt: usize,
    /// Receipts it waits for (same numbering).
    pub after: Vec<u64>,
    /// The account called.
    pub receiver: AccountId,
    /// The method name.
    pub method: String,
    /// The raw arguments: JSON for calls to other contracts' methods, borsh for a contract's
    /// own callbacks (`router_core::callback_args`).
    pub args: Vec<u8>,
    /// Attached yoctoNEAR.
    pub deposit: u128,
    /// Attached static gas.
    pub gas: u64,
    /// Share of unused gas.
    pub weight: u64,
}

impl Call {
    /// The JSON arguments, parsed.
    pub fn json(&self) -> near_sdk::serde_json::Value {
        near_sdk::serde_json::from_slice(&self.args).expect("the arguments are JSON")
    }

    /// A callback's borsh arguments, decoded as `T` (a tuple of them in signature order).
    pub fn borsh<T: near_sdk::borsh::BorshDeserialize>(&self) -> T {
        near_sdk::borsh::from_slice(&self.args).expect("the arguments are borsh")
    }
}

/// Every function call created so far in this context, in order.
pub fn calls() -> Vec<Call> {
    let mut out = Vec::new();
    // The mock numbers receipts by their position in its action log: each receipt takes one
    // slot for its creation and one per action.
    let mut receipt = 0usize;
    for r in get_created_receipts() {
        let this = receipt;
        receipt += 1 + r.actions.len();
        for action in &r.actions {
            if let MockAction::FunctionCallWeight {
                method_name, args, attached_deposit, prepaid_gas, gas_weight, ..
            } = action
            {
                out.push(Call {
                    receipt: this,
                    after: r.receipt_indices.clone(),
                    receiver: r.receiver_id.clone(),
                    method: String::from_utf8(method_name.clone()).expect("a UTF-8 method name"),
                    args: args.clone(),
                    deposit: attached_deposit.as_yoctonear(),
                    gas: prepaid_gas.as_gas(),
                    weight: gas_weight.0,
                });
            }
        }
    }
    out
}

/// Every (receiver, yoctoNEAR) transfer created so far in this context.
pub fn transfers() -> Vec<(AccountId, u128)> {
    let mut out = Vec::new();
    for r in get_created_receipts() {
        for action in &r.actions {
            if let MockAction::Transfer { deposit, .. } = action {
                out.push((r.receiver_id.clone(), deposit.as_yoctonear()));
            }
        }
    }
    out
}
