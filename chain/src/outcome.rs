//! What running a transaction produced: one outcome per receipt and the transaction's result.

use crate::events::Event;
use near_primitives_core::types::{AccountId, Balance, Gas};
use std::fmt;

/// Identifies a receipt within one chain (sequential).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReceiptId(pub u64);

impl fmt::Display for ReceiptId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "receipt#{}", self.0)
    }
}

/// Why a receipt failed (nearcore's `ActionErrorKind`, reduced to what this chain models).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActionErrorKind {
    /// `CreateAccount` for an account that exists.
    AccountAlreadyExists(AccountId),
    /// An action for an account that does not exist.
    AccountDoesNotExist(AccountId),
    /// A top-level account created by someone other than the registrar.
    CreateAccountOnlyByRegistrar {
        /// The account to create.
        account_id: AccountId,
        /// The registrar.
        registrar: AccountId,
        /// Who tried.
        predecessor: AccountId,
    },
    /// A sub-account created by someone other than its parent.
    CreateAccountNotAllowed {
        /// The account to create.
        account_id: AccountId,
        /// Who tried.
        predecessor: AccountId,
    },
    /// An action only the account itself may do (deploy, stake, keys, delete).
    ActorNoPermission {
        /// The receiver.
        account_id: AccountId,
        /// Who tried.
        actor: AccountId,
    },
    /// `AddKey` of a key the account has.
    AddKeyAlreadyExists(AccountId),
    /// `DeleteKey` of a key the account lacks.
    DeleteKeyDoesNotExist(AccountId),
    /// `DeleteAccount` of an account with locked balance.
    DeleteAccountStaking(AccountId),
    /// `DeleteAccount` of an account with more than 10 kB of non-code state.
    DeleteAccountWithLargeState(AccountId),
    /// After the receipt, balance + locked did not cover storage.
    LackBalanceForState {
        /// The account.
        account_id: AccountId,
        /// How much more it needed.
        amount: Balance,
    },
    /// `Stake` of more than the account has.
    TriesToStake {
        /// The account.
        account_id: AccountId,
        /// Stake asked for.
        stake: Balance,
        /// Locked now.
        locked: Balance,
        /// Liquid balance.
        balance: Balance,
    },
    /// `Stake(0)` by an account that has no stake.
    TriesToUnstake(AccountId),
    /// `UseGlobalContract` of an unknown hash.
    GlobalContractDoesNotExist(String),
    /// A receipt a contract created broke a protocol limit.
    NewReceiptValidationError(String),
    /// The contract call failed; the VM's message (e.g. `Smart contract panicked: ...`).
    FunctionCallError(String),
    /// An action this chain does not model.
    Unsupported(String),
}

/// A failed receipt: which action failed (`None` for the storage check) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionError {
    /// Index of the failing action in its receipt.
    pub index: Option<u64>,
    /// What went wrong.
    pub kind: ActionErrorKind,
}

impl fmt::Display for ActionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ActionErrorKind::*;
        match &self.kind {
            FunctionCallError(msg) => write!(f, "{msg}"),
            LackBalanceForState { account_id, amount } => write!(
                f,
                "LackBalanceForState: {account_id} needs {} more yoctoNEAR to cover its storage",
                amount.as_yoctonear()
            ),
            AccountAlreadyExists(id) => write!(f, "AccountAlreadyExists: {id}"),
            AccountDoesNotExist(id) => write!(f, "AccountDoesNotExist: {id}"),
            Unsupported(what) => write!(f, "Unsupported by near-chain: {what}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// A receipt's execution status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExecutionStatus {
    /// Finished with these return bytes (empty if the method returned nothing).
    Success(Vec<u8>),
    /// Finished by returning a promise: its result is this receipt's result.
    SuccessReceiptId(ReceiptId),
    /// Failed; its state changes were rolled back.
    Failure(ActionError),
}

/// The outcome of one receipt.
#[derive(Clone, Debug)]
pub struct ReceiptOutcome {
    /// This receipt.
    pub receipt_id: ReceiptId,
    /// The account it ran on.
    pub executor: AccountId,
    /// Who sent it (`system` for refunds).
    pub predecessor: AccountId,
    /// Method names of its function calls, in order.
    pub methods: Vec<String>,
    /// Block height it ran at.
    pub block_height: u64,
    /// Log lines.
    pub logs: Vec<String>,
    /// NEP-297 events found in the logs.
    pub events: Vec<Event>,
    /// Result.
    pub status: ExecutionStatus,
    /// Action receipts it created (including refunds).
    pub receipt_ids: Vec<ReceiptId>,
    /// Gas burnt by this receipt (0 for refunds).
    pub gas_burnt: Gas,
    /// Tokens burnt by this receipt.
    pub tokens_burnt: Balance,
}

impl ReceiptOutcome {
    /// Whether it failed.
    pub fn is_failure(&self) -> bool {
        matches!(self.status, ExecutionStatus::Failure(_))
    }

    /// The failure message, if it failed.
    pub fn failure_message(&self) -> Option<String> {
        match &self.status {
            ExecutionStatus::Failure(err) => Some(err.to_string()),
            _ => None,
        }
    }

    /// Whether it is a refund (sent by `system`).
    pub fn is_refund(&self) -> bool {
        self.predecessor.as_str() == "system"
    }
}

/// The final result of a transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FinalStatus {
    /// The result bytes of the last receipt of the chain its first receipt forwards to.
    Success(Vec<u8>),
    /// That receipt failed.
    Failure(ActionError),
}

/// Everything one transaction did.
#[derive(Clone, Debug)]
pub struct TxOutcome {
    /// Gas burnt converting the transaction into its receipt (send fees).
    pub conversion_gas_burnt: Gas,
    /// Tokens burnt for that.
    pub conversion_tokens_burnt: Balance,
    /// Gas the signer bought for the receipt: attached gas plus execution fees.
    pub gas_bought: Gas,
    /// Price that gas was bought at (`max(gas price, min_gas_purchase_price)`); what is not
    /// spent, and the difference to the burn price, comes back in a refund.
    pub receipt_gas_price: Balance,
    /// Receipt outcomes in execution order, refunds included.
    pub receipts: Vec<ReceiptOutcome>,
    /// The transaction's result.
    pub status: FinalStatus,
    /// Conversion plus every receipt's burnt gas.
    pub total_gas_burnt: Gas,
    /// Conversion plus every receipt's burnt tokens.
    pub total_tokens_burnt: Balance,
}

impl TxOutcome {
    /// Whether the final result is a success (a receipt further down may still have failed).
    pub fn is_success(&self) -> bool {
        matches!(self.status, FinalStatus::Success(_))
    }

    /// The result bytes; panics with the failure if it failed.
    pub fn unwrap(&self) -> &[u8] {
        match &self.status {
            FinalStatus::Success(bytes) => bytes,
            FinalStatus::Failure(err) => panic!("transaction failed: {err}"),
        }
    }

    /// The result parsed as JSON; panics if it failed or is not `T`.
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        let bytes = self.unwrap();
        serde_json::from_slice(bytes)
            .unwrap_or_else(|e| panic!("result {:?} is not the expected JSON: {e}", String::from_utf8_lossy(bytes)))
    }

    /// The failure, if the transaction failed.
    pub fn failure(&self) -> Option<&ActionError> {
        match &self.status {
            FinalStatus::Failure(err) => Some(err),
            FinalStatus::Success(_) => None,
        }
    }

    /// The failure message, if the transaction failed.
    pub fn failure_message(&self) -> Option<String> {
        self.failure().map(|e| e.to_string())
    }

    /// Every receipt that failed (a failed callee is not a failed transaction).
    pub fn failed_receipts(&self) -> Vec<&ReceiptOutcome> {
        self.receipts.iter().filter(|r| r.is_failure()).collect()
    }

    /// All log lines, in execution order.
    pub fn logs(&self) -> Vec<&str> {
        self.receipts.iter().flat_map(|r| r.logs.iter().map(String::as_str)).collect()
    }

    /// All NEP-297 events, in execution order.
    pub fn events(&self) -> Vec<&Event> {
        self.receipts.iter().flat_map(|r| r.events.iter()).collect()
    }

    /// Outcomes of the receipts that called `method`.
    pub fn receipts_calling(&self, method: &str) -> Vec<&ReceiptOutcome> {
        self.receipts.iter().filter(|r| r.methods.iter().any(|m| m == method)).collect()
    }
}
