//! near-chain's errors as nearcore's (`near_primitives::errors`), so clients print what a
//! NEAR node would.

use near_chain::{ActionError as ChainActionError, ActionErrorKind as K, ActionsValidationError as V, InvalidTx};
use near_crypto::{KeyType, PublicKey};
use near_primitives::action::Action;
use near_primitives::action::GlobalContractIdentifier;
use near_primitives::errors::{
    ActionError, ActionErrorKind, ActionsValidationError, CompilationError, FunctionCallError, InvalidTxError,
    MethodResolveError,
};

/// A refused transaction as nearcore's `InvalidTxError`.
pub(crate) fn invalid_tx(e: InvalidTx) -> InvalidTxError {
    match e {
        InvalidTx::SignerDoesNotExist(signer_id) => InvalidTxError::SignerDoesNotExist { signer_id },
        InvalidTx::NotEnoughBalance { signer, balance, cost } => {
            InvalidTxError::NotEnoughBalance { signer_id: signer, balance, cost }
        }
        InvalidTx::LackBalanceForState { signer, amount } => {
            InvalidTxError::LackBalanceForState { signer_id: signer, amount }
        }
        InvalidTx::ActionsValidation(v) => InvalidTxError::ActionsValidation(validation(v)),
    }
}

fn validation(v: V) -> ActionsValidationError {
    use ActionsValidationError as A;
    match v {
        V::TotalPrepaidGasExceeded { total_prepaid_gas, limit } => {
            A::TotalPrepaidGasExceeded { total_prepaid_gas, limit }
        }
        V::TotalNumberOfActionsExceeded { total_number_of_actions, limit } => {
            A::TotalNumberOfActionsExceeded { total_number_of_actions, limit }
        }
        V::DeleteActionMustBeFinal => A::DeleteActionMustBeFinal,
        V::FunctionCallZeroAttachedGas => A::FunctionCallZeroAttachedGas,
        V::FunctionCallMethodNameLengthExceeded { length, limit } => {
            A::FunctionCallMethodNameLengthExceeded { length, limit }
        }
        V::FunctionCallArgumentsLengthExceeded { length, limit } => {
            A::FunctionCallArgumentsLengthExceeded { length, limit }
        }
        V::ContractSizeExceeded { size, limit } => A::ContractSizeExceeded { size, limit },
    }
}

/// The VM's message of a failed call as nearcore's `FunctionCallError`: a missing contract or
/// method keeps its structured form, everything else (panics, gas, host errors) is the
/// `ExecutionError` string nearcore's runtime reports.
pub(crate) fn function_call_error(msg: &str) -> FunctionCallError {
    if let Some(id) = msg.strip_prefix("cannot find contract code for account ") {
        if let Ok(account_id) = id.trim().parse() {
            return FunctionCallError::CompilationError(CompilationError::CodeDoesNotExist { account_id });
        }
    }
    match msg {
        "MethodNotFound" => FunctionCallError::MethodResolveError(MethodResolveError::MethodNotFound),
        "MethodEmptyName" => FunctionCallError::MethodResolveError(MethodResolveError::MethodEmptyName),
        "MethodInvalidSignature" => FunctionCallError::MethodResolveError(MethodResolveError::MethodInvalidSignature),
        _ => FunctionCallError::ExecutionError(msg.to_string()),
    }
}

/// A failed receipt's error as nearcore's `ActionError`. `tx_actions` are the transaction's
/// actions when the receipt is the transaction's own (to name the key of a key error).
pub(crate) fn action_error(e: &ChainActionError, tx_actions: Option<&[Action]>) -> ActionError {
    let key_at = || -> Box<PublicKey> {
        let action = e.index.and_then(|i| tx_actions?.get(i as usize));
        Box::new(match action {
            Some(Action::AddKey(a)) => a.public_key.clone(),
            Some(Action::DeleteKey(a)) => a.public_key.clone(),
            _ => PublicKey::empty(KeyType::ED25519),
        })
    };
    let kind = match e.kind.clone() {
        K::AccountAlreadyExists(account_id) => ActionErrorKind::AccountAlreadyExists { account_id },
        K::AccountDoesNotExist(account_id) => ActionErrorKind::AccountDoesNotExist { account_id },
        K::CreateAccountOnlyByRegistrar { account_id, registrar, predecessor } => {
            ActionErrorKind::CreateAccountOnlyByRegistrar {
                account_id,
                registrar_account_id: registrar,
                predecessor_id: predecessor,
            }
        }
        K::CreateAccountNotAllowed { account_id, predecessor } => {
            ActionErrorKind::CreateAccountNotAllowed { account_id, predecessor_id: predecessor }
        }
        K::ActorNoPermission { account_id, actor } => {
            ActionErrorKind::ActorNoPermission { account_id, actor_id: actor }
        }
        K::AddKeyAlreadyExists(account_id) => ActionErrorKind::AddKeyAlreadyExists { account_id, public_key: key_at() },
        K::DeleteKeyDoesNotExist(account_id) => {
            ActionErrorKind::DeleteKeyDoesNotExist { account_id, public_key: key_at() }
        }
        K::DeleteAccountStaking(account_id) => ActionErrorKind::DeleteAccountStaking { account_id },
        K::DeleteAccountWithLargeState(account_id) => ActionErrorKind::DeleteAccountWithLargeState { account_id },
        K::LackBalanceForState { account_id, amount } => ActionErrorKind::LackBalanceForState { account_id, amount },
        K::TriesToStake { account_id, stake, locked, balance } => {
            ActionErrorKind::TriesToStake { account_id, stake, locked, balance }
        }
        K::TriesToUnstake(account_id) => ActionErrorKind::TriesToUnstake { account_id },
        K::GlobalContractDoesNotExist(id) => ActionErrorKind::GlobalContractDoesNotExist {
            identifier: GlobalContractIdentifier::CodeHash(id.parse().unwrap_or_default()),
        },
        K::FunctionCallError(msg) => ActionErrorKind::FunctionCallError(function_call_error(&msg)),
        K::NewReceiptValidationError(msg) => ActionErrorKind::FunctionCallError(FunctionCallError::ExecutionError(
            format!("NewReceiptValidationError: {msg}"),
        )),
        K::Unsupported(what) => ActionErrorKind::FunctionCallError(FunctionCallError::ExecutionError(format!(
            "not supported by the devnet (near-chain): {what}"
        ))),
    };
    ActionError { index: e.index, kind }
}
