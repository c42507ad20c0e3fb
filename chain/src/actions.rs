//! The actions other than function calls, applied to a receipt's working copy of its receiver
//! (nearcore's `actions.rs`: `check_account_existence`, `check_actor_permissions`,
//! `action_create_account`, `action_deploy_contract`, `action_stake`, `action_add_key`,
//! `action_delete_key`, `action_delete_account`; `global_contracts.rs`).

use crate::account::{Account, ContractRef, MAX_ACCOUNT_DELETION_STORAGE_USAGE};
use crate::action::Action;
use crate::outcome::ActionErrorKind;
use crate::state::State;
use crate::storage::Journal;
use near_parameters::RuntimeConfig;
use near_primitives_core::account::AccessKey;
use near_primitives_core::hash::CryptoHash;
use near_primitives_core::types::{AccountId, Balance};

/// A receipt's side effects other than its receiver's record and data.
#[derive(Default)]
pub(crate) struct Effects {
    /// Balance refunds to send (`DeleteAccount` pays its beneficiary this way).
    pub balance_refunds: Vec<(AccountId, Balance)>,
    /// Global contracts to publish if the receipt succeeds.
    pub globals: Vec<Vec<u8>>,
    /// `Stake` proposals to record if the receipt succeeds.
    pub stake_proposals: Vec<(AccountId, Balance)>,
    /// Tokens the actions burnt (global contract storage).
    pub tokens_burnt: Balance,
    /// Whether `CreateAccount` ran.
    pub created_account: bool,
}

/// What one non-call action works on.
pub(crate) struct ActionCtx<'a> {
    pub config: &'a RuntimeConfig,
    pub state: &'a mut State,
    pub receiver: &'a AccountId,
    pub predecessor: &'a AccountId,
    pub block_height: u64,
    pub registrar: &'a AccountId,
    pub account: &'a mut Option<Account>,
    pub actor: &'a mut AccountId,
    pub journal: &'a mut Journal,
    pub effects: &'a mut Effects,
}

type Outcome = Result<(), ActionErrorKind>;

/// Whether `action` may run given whether the receiver exists.
pub(crate) fn check_existence(action: &Action, account: &Option<Account>, receiver: &AccountId) -> Outcome {
    match (action, account) {
        (Action::Unsupported(what), _) => Err(ActionErrorKind::Unsupported(what.clone())),
        (Action::CreateAccount, Some(_)) => Err(ActionErrorKind::AccountAlreadyExists(receiver.clone())),
        (Action::CreateAccount, None) => Ok(()),
        // Implicit accounts are not modeled: a transfer needs an existing account.
        (_, None) => Err(ActionErrorKind::AccountDoesNotExist(receiver.clone())),
        (_, Some(_)) => Ok(()),
    }
}

/// Whether the current actor may run `action` on the receiver.
pub(crate) fn check_permissions(
    action: &Action,
    account: &Option<Account>,
    actor: &AccountId,
    receiver: &AccountId,
) -> Outcome {
    let own_only = matches!(
        action,
        Action::DeployContract { .. }
            | Action::DeployGlobalContract { .. }
            | Action::UseGlobalContract { .. }
            | Action::Stake { .. }
            | Action::AddKey { .. }
            | Action::DeleteKey { .. }
            | Action::DeleteAccount { .. }
    );
    if own_only && actor != receiver {
        return Err(ActionErrorKind::ActorNoPermission { account_id: receiver.clone(), actor: actor.clone() });
    }
    if let (Action::DeleteAccount { .. }, Some(account)) = (action, account) {
        if !account.locked.is_zero() {
            return Err(ActionErrorKind::DeleteAccountStaking(receiver.clone()));
        }
    }
    Ok(())
}

/// Applies one action other than `FunctionCall`.
pub(crate) fn apply(ctx: ActionCtx<'_>, action: &Action) -> Outcome {
    match action {
        Action::CreateAccount => create_account(ctx),
        Action::DeployContract { code } => {
            let hash = ctx.state.store_code(code);
            crate::vm::precompile(ctx.config, &ctx.state.codes[&hash]);
            set_contract(ctx, ContractRef::Local(hash), code.len() as u64);
            Ok(())
        }
        Action::DeployGlobalContract { code } => deploy_global(ctx, code),
        Action::UseGlobalContract { code_hash } => use_global(ctx, *code_hash),
        Action::Transfer { deposit } => {
            let account = ctx.account.as_mut().expect("checked");
            account.balance = account.balance.checked_add(*deposit).expect("balance overflow");
            Ok(())
        }
        Action::Stake { stake, .. } => stake_action(ctx, *stake),
        Action::AddKey { public_key, access_key } => {
            // nearcore resets the nonce of a new key to (height - 1) * 1e6.
            let key = AccessKey {
                nonce: ctx.block_height.saturating_sub(1) * AccessKey::ACCESS_KEY_NONCE_RANGE_MULTIPLIER,
                permission: access_key.permission.clone(),
            };
            let account = ctx.account.as_mut().expect("checked");
            if account.add_key(ctx.config, public_key.clone(), key) {
                Ok(())
            } else {
                Err(ActionErrorKind::AddKeyAlreadyExists(ctx.receiver.clone()))
            }
        }
        Action::DeleteKey { public_key } => {
            let account = ctx.account.as_mut().expect("checked");
            if account.remove_key(ctx.config, public_key) {
                Ok(())
            } else {
                Err(ActionErrorKind::DeleteKeyDoesNotExist(ctx.receiver.clone()))
            }
        }
        Action::DeleteAccount { beneficiary } => delete_account(ctx, beneficiary),
        Action::FunctionCall { .. } | Action::Unsupported(_) => {
            unreachable!("handled by the runtime")
        }
    }
}

fn create_account(ctx: ActionCtx<'_>) -> Outcome {
    let (receiver, predecessor) = (ctx.receiver, ctx.predecessor);
    let min_len = ctx.config.account_creation_config.min_allowed_top_level_account_length as usize;
    if receiver.is_top_level() {
        if receiver.len() < min_len && predecessor != ctx.registrar {
            return Err(ActionErrorKind::CreateAccountOnlyByRegistrar {
                account_id: receiver.clone(),
                registrar: ctx.registrar.clone(),
                predecessor: predecessor.clone(),
            });
        }
    } else if !receiver.is_sub_account_of(predecessor) {
        return Err(ActionErrorKind::CreateAccountNotAllowed {
            account_id: receiver.clone(),
            predecessor: predecessor.clone(),
        });
    }
    *ctx.actor = receiver.clone();
    *ctx.account = Some(Account::new_empty(ctx.config));
    ctx.effects.created_account = true;
    Ok(())
}

/// Replaces the receiver's code, moving the storage usage from the old code to the new one.
fn set_contract(ctx: ActionCtx<'_>, contract: ContractRef, new_bytes: u64) {
    let old_bytes = match &ctx.account.as_ref().expect("checked").contract {
        ContractRef::None => 0,
        ContractRef::Local(hash) => ctx.state.codes.get(hash).map_or(0, |c| c.code().len() as u64),
        ContractRef::Global(_) => 32,
    };
    let account = ctx.account.as_mut().expect("checked");
    account.storage_usage = account.storage_usage.saturating_sub(old_bytes) + new_bytes;
    account.contract = contract;
}

fn deploy_global(ctx: ActionCtx<'_>, code: &[u8]) -> Outcome {
    let per_byte = ctx.config.fees.storage_usage_config.global_contract_storage_amount_per_byte;
    let cost = per_byte.saturating_mul(code.len() as u128);
    let account = ctx.account.as_mut().expect("checked");
    let Some(left) = account.balance.checked_sub(cost) else {
        return Err(ActionErrorKind::LackBalanceForState { account_id: ctx.receiver.clone(), amount: cost });
    };
    account.balance = left;
    ctx.effects.tokens_burnt = ctx.effects.tokens_burnt.saturating_add(cost);
    ctx.effects.globals.push(code.to_vec());
    Ok(())
}

fn use_global(ctx: ActionCtx<'_>, code_hash: CryptoHash) -> Outcome {
    if !ctx.state.globals.contains_key(&code_hash) {
        return Err(ActionErrorKind::GlobalContractDoesNotExist(code_hash.to_string()));
    }
    set_contract(ctx, ContractRef::Global(code_hash), 32);
    Ok(())
}

fn stake_action(ctx: ActionCtx<'_>, stake: Balance) -> Outcome {
    let account = ctx.account.as_mut().expect("checked");
    let increment = stake.saturating_sub(account.locked);
    if account.balance < increment {
        return Err(ActionErrorKind::TriesToStake {
            account_id: ctx.receiver.clone(),
            stake,
            locked: account.locked,
            balance: account.balance,
        });
    }
    if account.locked.is_zero() && stake.is_zero() {
        return Err(ActionErrorKind::TriesToUnstake(ctx.receiver.clone()));
    }
    ctx.effects.stake_proposals.push((ctx.receiver.clone(), stake));
    // Raising the stake locks more at once; lowering it unlocks at an epoch boundary, once no
    // epoch still counts the old stake (`epoch.rs`).
    if stake > account.locked {
        account.balance = account.balance.saturating_sub(increment);
        account.locked = stake;
    }
    Ok(())
}

fn delete_account(ctx: ActionCtx<'_>, beneficiary: &AccountId) -> Outcome {
    let account = ctx.account.as_ref().expect("checked");
    let code_bytes = match &account.contract {
        ContractRef::Local(hash) => ctx.state.codes.get(hash).map_or(0, |c| c.code().len() as u64),
        _ => 0,
    };
    if account.storage_usage.saturating_sub(code_bytes) > MAX_ACCOUNT_DELETION_STORAGE_USAGE {
        return Err(ActionErrorKind::DeleteAccountWithLargeState(ctx.receiver.clone()));
    }
    if !account.balance.is_zero() {
        ctx.effects.balance_refunds.push((beneficiary.clone(), account.balance));
    }
    if let Some(data) = ctx.state.data.get_mut(ctx.receiver) {
        for (key, value) in std::mem::take(data) {
            ctx.journal.record(&key, Some(&value));
        }
    }
    *ctx.account = None;
    *ctx.actor = ctx.predecessor.clone();
    Ok(())
}
