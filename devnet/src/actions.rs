//! nearcore's transaction actions (`near_primitives::action::Action`) as near-chain actions.

use near_chain::Action as ChainAction;
use near_primitives::action::{Action, GlobalContractDeployMode, GlobalContractIdentifier};

/// Converts one action. Actions near-chain does not model (delegate, deterministic or
/// universal state init, gas keys, global contracts by account id) become
/// `Unsupported`, which fails the receipt when it runs.
pub(crate) fn to_chain(action: &Action) -> ChainAction {
    match action {
        Action::CreateAccount(_) => ChainAction::CreateAccount,
        Action::DeployContract(a) => ChainAction::DeployContract { code: a.code.clone() },
        Action::FunctionCall(a) => ChainAction::FunctionCall {
            method: a.method_name.clone(),
            args: a.args.clone(),
            deposit: a.deposit,
            gas: a.gas,
            gas_weight: 0,
        },
        Action::Transfer(a) => ChainAction::Transfer { deposit: a.deposit },
        Action::Stake(a) => ChainAction::Stake { stake: a.stake, public_key: a.public_key.clone() },
        Action::AddKey(a) => ChainAction::AddKey { public_key: a.public_key.clone(), access_key: a.access_key.clone() },
        Action::DeleteKey(a) => ChainAction::DeleteKey { public_key: a.public_key.clone() },
        Action::DeleteAccount(a) => ChainAction::DeleteAccount { beneficiary: a.beneficiary_id.clone() },
        Action::DeployGlobalContract(a) => match a.deploy_mode {
            GlobalContractDeployMode::CodeHash => ChainAction::DeployGlobalContract { code: a.code.to_vec() },
            _ => ChainAction::Unsupported("DeployGlobalContract by account id".into()),
        },
        Action::UseGlobalContract(a) => match &a.contract_identifier {
            GlobalContractIdentifier::CodeHash(code_hash) => ChainAction::UseGlobalContract { code_hash: *code_hash },
            GlobalContractIdentifier::AccountId(id) => {
                ChainAction::Unsupported(format!("UseGlobalContract by account id {id}"))
            }
        },
        other => ChainAction::Unsupported(format!("{other:?}").chars().take(60).collect()),
    }
}

/// Converts a transaction's actions.
pub(crate) fn all_to_chain(actions: &[Action]) -> Vec<ChainAction> {
    actions.iter().map(to_chain).collect()
}
