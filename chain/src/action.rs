//! The actions a transaction or a contract's promise can carry.

use crate::error::ActionsValidationError;
use near_crypto::{ED25519PublicKey, PublicKey};
use near_parameters::vm::LimitConfig;
use near_primitives_core::account::{AccessKey, AccessKeyPermission, FunctionCallPermission};
use near_primitives_core::hash::{hash, CryptoHash};
use near_primitives_core::types::{AccountId, Balance, Gas};

/// One action of a receipt. Actions of one receipt apply atomically, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Creates the receiver. Only its parent account may create a sub-account; a top-level
    /// account only the registrar (as nearcore's `action_create_account`).
    CreateAccount,
    /// Deploys `code` as the receiver's own contract.
    DeployContract {
        /// The wasm bytes.
        code: Vec<u8>,
    },
    /// Publishes `code` as a global contract identified by its hash; costs
    /// `global_contract_storage_amount_per_byte` per byte, burnt from the receiver.
    DeployGlobalContract {
        /// The wasm bytes.
        code: Vec<u8>,
    },
    /// Makes the receiver run the global contract with this code hash.
    UseGlobalContract {
        /// sha256 of the global contract's code.
        code_hash: CryptoHash,
    },
    /// Calls `method` on the receiver's contract.
    FunctionCall {
        /// Method name.
        method: String,
        /// Raw argument bytes (usually JSON).
        args: Vec<u8>,
        /// Attached deposit.
        deposit: Balance,
        /// Gas attached statically.
        gas: Gas,
        /// Share of the caller's unused gas this call gets (0 for a transaction's calls).
        gas_weight: u64,
    },
    /// Sends `deposit` to the receiver.
    Transfer {
        /// Amount sent.
        deposit: Balance,
    },
    /// Locks `stake` of the receiver's balance (the chain records the proposal).
    Stake {
        /// New total stake.
        stake: Balance,
        /// Validator key.
        public_key: PublicKey,
    },
    /// Adds an access key.
    AddKey {
        /// The key.
        public_key: PublicKey,
        /// Its permission (the nonce is reset as nearcore does).
        access_key: AccessKey,
    },
    /// Deletes an access key.
    DeleteKey {
        /// The key.
        public_key: PublicKey,
    },
    /// Deletes the receiver; its balance goes to `beneficiary` in a refund receipt.
    DeleteAccount {
        /// Who gets the balance.
        beneficiary: AccountId,
    },
    /// Something a contract asked for that this chain does not model (yield/resume, state
    /// init, gas keys, global contracts by account id). Executing it fails the receipt.
    Unsupported(String),
}

impl Action {
    /// A function call with JSON or raw `args`, no gas weight.
    pub fn function_call(method: impl Into<String>, args: impl Into<Vec<u8>>, deposit: Balance, gas: Gas) -> Self {
        Action::FunctionCall { method: method.into(), args: args.into(), deposit, gas, gas_weight: 0 }
    }

    /// A transfer.
    pub fn transfer(deposit: Balance) -> Self {
        Action::Transfer { deposit }
    }

    /// A full-access key.
    pub fn add_full_access_key(public_key: PublicKey) -> Self {
        Action::AddKey { public_key, access_key: AccessKey { nonce: 0, permission: AccessKeyPermission::FullAccess } }
    }

    /// A function-call key for `receiver` and `methods` (empty means any method).
    pub fn add_function_call_key(
        public_key: PublicKey,
        allowance: Option<Balance>,
        receiver: &AccountId,
        methods: Vec<String>,
    ) -> Self {
        let permission = AccessKeyPermission::FunctionCall(FunctionCallPermission {
            allowance,
            receiver_id: receiver.to_string(),
            method_names: methods,
        });
        Action::AddKey { public_key, access_key: AccessKey { nonce: 0, permission } }
    }

    /// Deposit this action moves (function call and transfer deposits).
    pub fn deposit(&self) -> Balance {
        match self {
            Action::FunctionCall { deposit, .. } | Action::Transfer { deposit } => *deposit,
            _ => Balance::ZERO,
        }
    }

    /// Gas this action attaches for execution (function calls only).
    pub fn prepaid_gas(&self) -> Gas {
        match self {
            Action::FunctionCall { gas, .. } => *gas,
            _ => Gas::ZERO,
        }
    }

    /// Short name, for outcomes and error messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Action::CreateAccount => "CreateAccount",
            Action::DeployContract { .. } => "DeployContract",
            Action::DeployGlobalContract { .. } => "DeployGlobalContract",
            Action::UseGlobalContract { .. } => "UseGlobalContract",
            Action::FunctionCall { .. } => "FunctionCall",
            Action::Transfer { .. } => "Transfer",
            Action::Stake { .. } => "Stake",
            Action::AddKey { .. } => "AddKey",
            Action::DeleteKey { .. } => "DeleteKey",
            Action::DeleteAccount { .. } => "DeleteAccount",
            Action::Unsupported(_) => "Unsupported",
        }
    }
}

/// A deterministic ed25519 public key derived from `seed` (no private key: this chain checks
/// no signatures). Useful for `AddKey` and `Stake`.
pub fn test_public_key(seed: &str) -> PublicKey {
    PublicKey::ED25519(ED25519PublicKey(hash(seed.as_bytes()).0))
}

/// Checks `actions` against the protocol limits, as nearcore's `validate_actions` does for
/// transactions and for receipts contracts create.
pub(crate) fn validate_actions(limits: &LimitConfig, actions: &[Action]) -> Result<(), ActionsValidationError> {
    use ActionsValidationError as E;
    let count = actions.len() as u64;
    if count > limits.max_actions_per_receipt {
        return Err(E::TotalNumberOfActionsExceeded {
            total_number_of_actions: count,
            limit: limits.max_actions_per_receipt,
        });
    }
    for (i, action) in actions.iter().enumerate() {
        match action {
            Action::DeleteAccount { .. } if i + 1 != actions.len() => return Err(E::DeleteActionMustBeFinal),
            Action::FunctionCall { method, args, gas, .. } => {
                if gas.as_gas() == 0 {
                    return Err(E::FunctionCallZeroAttachedGas);
                }
                let length = method.len() as u64;
                if length > limits.max_length_method_name {
                    return Err(E::FunctionCallMethodNameLengthExceeded {
                        length,
                        limit: limits.max_length_method_name,
                    });
                }
                let length = args.len() as u64;
                if length > limits.max_arguments_length {
                    return Err(E::FunctionCallArgumentsLengthExceeded { length, limit: limits.max_arguments_length });
                }
            }
            Action::DeployContract { code } | Action::DeployGlobalContract { code } => {
                let size = code.len() as u64;
                if size > limits.max_contract_size {
                    return Err(E::ContractSizeExceeded { size, limit: limits.max_contract_size });
                }
            }
            _ => {}
        }
    }
    let total_prepaid_gas = total_prepaid_gas(actions);
    if total_prepaid_gas > limits.max_total_prepaid_gas {
        return Err(E::TotalPrepaidGasExceeded { total_prepaid_gas, limit: limits.max_total_prepaid_gas });
    }
    Ok(())
}

/// Gas attached to function calls.
pub(crate) fn total_prepaid_gas(actions: &[Action]) -> Gas {
    actions.iter().fold(Gas::ZERO, |acc, a| acc.checked_add(a.prepaid_gas()).expect("gas overflow"))
}

/// Deposits the actions move.
pub(crate) fn total_deposit(actions: &[Action]) -> Balance {
    actions.iter().fold(Balance::ZERO, |acc, a| acc.checked_add(a.deposit()).expect("overflow"))
}
