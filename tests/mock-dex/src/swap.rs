//! `ft_on_transfer` (`ref-exchange/src/token_receiver.rs`): an empty message deposits the
//! tokens to the sender's account; a `{"actions": [...]}` message runs the swaps at once on a
//! virtual account holding the tokens received, then sends every token left on it (the
//! output, and any input an action did not use) back to the sender, or to
//! `swap_out_recipient`, with `ft_transfer`. A failed swap panics, so the token's
//! `ft_resolve_transfer` refunds the whole amount, as with Ref.

use near_contract_standards::fungible_token::core::ext_ft_core;
use near_contract_standards::fungible_token::receiver::FungibleTokenReceiver;
use near_sdk::json_types::U128;
use near_sdk::{env, near, require, serde_json, AccountId, NearToken, PromiseOrValue};
use std::collections::BTreeMap;

use crate::errors::*;
use crate::{MockDex, MockDexExt, GAS_FOR_FT_TRANSFER};

/// One swap (Ref's `SwapAction`).
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SwapAction {
    /// The pool to swap in.
    pub pool_id: u64,
    /// The token given.
    pub token_in: AccountId,
    /// How much is given; `None` takes the previous action's output (the first action's
    /// default is the amount received).
    pub amount_in: Option<U128>,
    /// The token wanted.
    pub token_out: AccountId,
    /// The least output accepted ("E68: slippage error" below it).
    pub min_amount_out: U128,
}

/// The swap message of `ft_transfer_call` (Ref's `TokenReceiverMessage::Execute`). Ref's
/// other variant (`HotZap`) is not modelled: it fails to parse ("E28").
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenReceiverMessage {
    /// Ref's referral account: accepted and ignored (the mock pays no referral fee).
    pub referral_id: Option<AccountId>,
    /// The swaps, in order.
    pub actions: Vec<SwapAction>,
    /// Ref sends the output with `ft_transfer_call` and this message: not modelled, refused.
    pub client_echo: Option<String>,
    /// Ref unwraps wNEAR output when this is `false` and its wNEAR is configured; the mock
    /// has no wNEAR configured, like a Ref without `wnear_id`: always `ft_transfer`.
    pub skip_unwrap_near: Option<bool>,
    /// Where the output goes instead of the sender.
    pub swap_out_recipient: Option<AccountId>,
    /// Ref's degen-pool option: accepted and ignored.
    pub skip_degen_price_sync: Option<bool>,
    /// Ref's gas for `client_echo`: accepted and ignored.
    pub extra_tgas_for_client_echo: Option<u32>,
}

#[near]
impl FungibleTokenReceiver for MockDex {
    /// Receives `amount` of the calling token from `sender_id`. `msg` "" deposits it (the
    /// sender must be registered: "E10: account not registered"); a swap message swaps it
    /// and sends the results back. Always returns 0 (nothing to refund) when it does not
    /// panic; a panic makes the token refund everything.
    fn ft_on_transfer(&mut self, sender_id: AccountId, amount: U128, msg: String) -> PromiseOrValue<U128> {
        let token_in = env::predecessor_account_id();
        if msg.is_empty() {
            let mut account =
                self.accounts.get(&sender_id).cloned().unwrap_or_else(|| env::panic_str(ERR10_ACC_NOT_REGISTERED));
            *account.tokens.entry(token_in).or_insert(0) += amount.0;
            require!(account.near_amount >= account.storage_needed(), ERR11_INSUFFICIENT_STORAGE);
            self.accounts.insert(sender_id, account);
            return PromiseOrValue::Value(U128(0));
        }
        let message: TokenReceiverMessage =
            serde_json::from_str(&msg).unwrap_or_else(|_| env::panic_str(ERR28_WRONG_MSG_FORMAT));
        require!(
            !(message.swap_out_recipient.is_some() && message.client_echo.is_some()),
            "client_echo and swap_out_recipient cannot have value at the same time"
        );
        require!(!message.actions.is_empty(), ERR72_AT_LEAST_ONE_SWAP);
        require!(message.client_echo.is_none(), "Mock DEX: client_echo is not modelled");
        let out = self.execute_swaps(token_in, amount.0, &message.actions);
        let recipient = message.swap_out_recipient.unwrap_or(sender_id);
        for (token, amount) in out {
            ext_ft_core::ext(token)
                .with_attached_deposit(NearToken::from_yoctonear(1))
                .with_static_gas(GAS_FOR_FT_TRANSFER)
                .ft_transfer(recipient.clone(), U128(amount), None)
                .detach();
        }
        PromiseOrValue::Value(U128(0))
    }
}

impl MockDex {
    /// Runs `actions` on a virtual account holding `amount_in` of `token_in`; returns what
    /// is left on it, every token with a positive amount (Ref's `internal_direct_actions`).
    pub(crate) fn execute_swaps(
        &mut self,
        token_in: AccountId,
        amount_in: u128,
        actions: &[SwapAction],
    ) -> Vec<(AccountId, u128)> {
        let mut virtual_account: BTreeMap<AccountId, u128> = BTreeMap::new();
        virtual_account.insert(token_in, amount_in);
        let mut previous = amount_in;
        for action in actions {
            let amount = action.amount_in.map(|a| a.0).unwrap_or(previous);
            take(&mut virtual_account, &action.token_in, amount);
            let mut pool = self.pool(action.pool_id);
            let out = pool.swap(&action.token_in, amount, &action.token_out, action.min_amount_out.0);
            self.pools.set(action.pool_id as u32, pool);
            *virtual_account.entry(action.token_out.clone()).or_insert(0) += out;
            previous = out;
        }
        virtual_account.into_iter().filter(|(_, a)| *a > 0).collect()
    }
}

/// Ref's `Account::withdraw` on the virtual account ("E21", "E22").
fn take(account: &mut BTreeMap<AccountId, u128>, token: &AccountId, amount: u128) {
    if amount == 0 {
        return;
    }
    let held = account.get_mut(token).unwrap_or_else(|| env::panic_str(ERR21_TOKEN_NOT_REG));
    require!(*held >= amount, ERR22_NOT_ENOUGH_TOKENS);
    *held -= amount;
}
