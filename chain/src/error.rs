//! Errors that stop a transaction before it runs, and errors of view calls.

use crate::history::HistoryError;
use near_primitives_core::types::{AccountId, Balance, Gas};
use std::fmt;

/// A receipt's action list broke a protocol limit (nearcore's `ActionsValidationError`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActionsValidationError {
    /// Function calls attach more gas than `max_total_prepaid_gas` (1 PGas at protocol 88).
    TotalPrepaidGasExceeded {
        /// Gas the actions attach.
        total_prepaid_gas: Gas,
        /// The limit.
        limit: Gas,
    },
    /// More than `max_actions_per_receipt` actions.
    TotalNumberOfActionsExceeded {
        /// Actions given.
        total_number_of_actions: u64,
        /// The limit.
        limit: u64,
    },
    /// `DeleteAccount` is not the last action.
    DeleteActionMustBeFinal,
    /// A function call with no gas.
    FunctionCallZeroAttachedGas,
    /// A method name longer than `max_length_method_name`.
    FunctionCallMethodNameLengthExceeded {
        /// Its length.
        length: u64,
        /// The limit.
        limit: u64,
    },
    /// Arguments longer than `max_arguments_length`.
    FunctionCallArgumentsLengthExceeded {
        /// Their length.
        length: u64,
        /// The limit.
        limit: u64,
    },
    /// Code longer than `max_contract_size`.
    ContractSizeExceeded {
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
}

impl fmt::Display for ActionsValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ActionsValidationError::TotalPrepaidGasExceeded { total_prepaid_gas, limit } => write!(
                f,
                "TotalPrepaidGasExceeded: the actions attach {} gas, more than the limit of {} gas",
                total_prepaid_gas.as_gas(),
                limit.as_gas()
            ),
            other => write!(f, "{other:?}"),
        }
    }
}

/// Why a transaction was refused before anything ran (nearcore's `InvalidTxError`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InvalidTx {
    /// The signer account does not exist.
    SignerDoesNotExist(AccountId),
    /// The signer cannot pay gas plus deposits.
    NotEnoughBalance {
        /// Signer.
        signer: AccountId,
        /// Its balance.
        balance: Balance,
        /// What the transaction costs upfront.
        cost: Balance,
    },
    /// Paying would leave the signer unable to cover its own storage.
    LackBalanceForState {
        /// Signer.
        signer: AccountId,
        /// How much more it would need.
        amount: Balance,
    },
    /// The actions break a protocol limit.
    ActionsValidation(ActionsValidationError),
}

impl fmt::Display for InvalidTx {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InvalidTx::SignerDoesNotExist(id) => write!(f, "signer {id} does not exist"),
            InvalidTx::NotEnoughBalance { signer, balance, cost } => write!(
                f,
                "{signer} has {} yoctoNEAR but the transaction costs {} upfront",
                balance.as_yoctonear(),
                cost.as_yoctonear()
            ),
            InvalidTx::LackBalanceForState { signer, amount } => {
                write!(f, "{signer} would lack {} yoctoNEAR for its storage", amount.as_yoctonear())
            }
            InvalidTx::ActionsValidation(e) => write!(f, "invalid actions: {e}"),
        }
    }
}

impl std::error::Error for InvalidTx {}

/// Why a view call failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ViewError {
    /// No such account.
    AccountDoesNotExist(AccountId),
    /// The call failed; the VM's message (a panic, a missing method, no code, a write...).
    FunctionCall(String),
    /// The result was not the JSON the caller asked for.
    Json(String),
    /// The block's state is not kept (`Chain::view_at`).
    History(HistoryError),
}

impl fmt::Display for ViewError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ViewError::AccountDoesNotExist(id) => write!(f, "account {id} does not exist"),
            ViewError::FunctionCall(msg) => write!(f, "view failed: {msg}"),
            ViewError::Json(msg) => write!(f, "view result is not the expected JSON: {msg}"),
            ViewError::History(e) => write!(f, "no state to view: {e}"),
        }
    }
}

impl std::error::Error for ViewError {}
