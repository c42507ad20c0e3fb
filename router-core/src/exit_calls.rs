//! The calls a holder signs to leave a liquid token (the router takes no part): the protocol's
//! delayed unstake and withdrawal, Meta Pool's instant `liquid_unstake`, and a swap on a
//! Ref-shaped exchange to wNEAR, then unwrapped. Names and arguments as the real contracts take
//! them (LiNEAR `linear-protocol/LiNEAR`, Meta Pool `Meta-Pool/liquid-staking-contract`,
//! Ref `ref-finance/ref-contracts` ref-exchange, wrap.near `near/core-contracts` w-near);
//! the widget and the CLI build every exit from here.

use crate::amount::Yocto;
use crate::gas::TGAS;
use crate::target::LstProtocol;
use crate::AccountId;
use serde::Serialize;

/// `unstake(amount)`: both protocols; the amount is in NEAR (LiNEAR burns the shares worth
/// it, rounding up; Meta Pool burns stNEAR at its price).
pub const UNSTAKE: &str = "unstake";
/// `unstake_all()`: both protocols.
pub const UNSTAKE_ALL: &str = "unstake_all";
/// LiNEAR's `withdraw_all()` once the unstaked NEAR unlocked.
pub const LINEAR_WITHDRAW_ALL: &str = "withdraw_all";
/// Meta Pool's `withdraw_unstaked()` once the unstaked NEAR unlocked.
pub const META_WITHDRAW_UNSTAKED: &str = "withdraw_unstaked";
/// LiNEAR's `get_account(account_id)`: `unstaked_balance`, `can_withdraw`, ...
pub const LINEAR_GET_ACCOUNT: &str = "get_account";
/// Meta Pool's `get_account_info(account_id)`: `unstaked`, `unstaked_requested_unlock_epoch`,
/// `can_withdraw`, ...
pub const META_GET_ACCOUNT_INFO: &str = "get_account_info";
/// Meta Pool's instant exit `liquid_unstake(st_near_to_burn, min_expected_near)`.
pub const META_LIQUID_UNSTAKE: &str = "liquid_unstake";
/// Meta Pool's quote for `liquid_unstake`: `get_near_amount_sell_stnear(stnear_to_sell)`.
pub const META_QUOTE_LIQUID_UNSTAKE: &str = "get_near_amount_sell_stnear";
/// NEP-141 `ft_transfer_call(receiver_id, amount, msg)` (1 yoctoNEAR): how a swap starts.
pub const FT_TRANSFER_CALL: &str = "ft_transfer_call";
/// Ref's `get_return(pool_id, token_in, amount_in, token_out)`: a swap's output now.
pub const DEX_GET_RETURN: &str = "get_return";
/// wrap.near's `near_withdraw(amount)` (1 yoctoNEAR): wNEAR back to NEAR.
pub const WNEAR_WITHDRAW: &str = "near_withdraw";

/// Gas for `unstake` / `unstake_all` (bookkeeping only: both protocols unstake from their
/// validators later, in their epoch actions).
pub const UNSTAKE_GAS: u64 = 50 * TGAS;
/// Gas for the withdrawal (one transfer).
pub const WITHDRAW_GAS: u64 = 50 * TGAS;
/// Gas for `liquid_unstake` (the pool swap and the transfer).
pub const LIQUID_UNSTAKE_GAS: u64 = 75 * TGAS;
/// Gas for a swap: the token's `ft_transfer_call`, the exchange's `ft_on_transfer` and its
/// `ft_transfer` of the output, and the token's `ft_resolve_transfer`.
pub const SWAP_GAS: u64 = 180 * TGAS;
/// Gas for a NEP-145 registration.
pub const REGISTER_GAS: u64 = 10 * TGAS;
/// Gas for `near_withdraw` (a burn and a transfer).
pub const WNEAR_WITHDRAW_GAS: u64 = 30 * TGAS;

/// One function call of an exit, for the holder's wallet (FunctionCall actions only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExitCall {
    /// The contract called.
    pub receiver_id: AccountId,
    /// The method.
    pub method: &'static str,
    /// The JSON arguments, serialized.
    pub args: String,
    /// yoctoNEAR attached.
    pub deposit: Yocto,
    /// Gas attached.
    pub gas: u64,
}

/// `{"amount": "..."}`.
#[derive(Serialize)]
struct AmountArgs {
    amount: Yocto,
}

/// Meta Pool's `liquid_unstake` arguments.
#[derive(Serialize)]
struct LiquidUnstakeArgs {
    st_near_to_burn: Yocto,
    min_expected_near: Yocto,
}

/// One of Ref's swap actions.
#[derive(Serialize)]
struct SwapAction<'a> {
    pool_id: u64,
    token_in: &'a AccountId,
    amount_in: Yocto,
    token_out: &'a AccountId,
    min_amount_out: Yocto,
}

/// Ref's `ft_transfer_call` message: swap at once and send the output back.
#[derive(Serialize)]
struct SwapMessage<'a> {
    actions: [SwapAction<'a>; 1],
}

/// `ft_transfer_call` arguments.
#[derive(Serialize)]
struct TransferCallArgs<'a> {
    receiver_id: &'a AccountId,
    amount: Yocto,
    msg: String,
}

/// The JSON text of `args` (plain structs of strings and numbers: cannot fail).
fn json<T: Serialize>(args: &T) -> String {
    serde_json::to_string(args).unwrap_or_default()
}

/// The delayed exit's first call: `unstake(amount)` in NEAR, or `unstake_all()` without one.
pub fn unstake(token: &AccountId, near: Option<u128>) -> ExitCall {
    let (method, args) = match near {
        Some(amount) => (UNSTAKE, json(&AmountArgs { amount: Yocto(amount) })),
        None => (UNSTAKE_ALL, "{}".to_owned()),
    };
    ExitCall { receiver_id: token.clone(), method, args, deposit: Yocto(0), gas: UNSTAKE_GAS }
}

/// The delayed exit's second call, once unlocked: everything unstaked, to the holder.
pub fn withdraw(token: &AccountId, protocol: LstProtocol) -> ExitCall {
    let method = match protocol {
        LstProtocol::Linear => LINEAR_WITHDRAW_ALL,
        LstProtocol::MetaPool => META_WITHDRAW_UNSTAKED,
    };
    ExitCall { receiver_id: token.clone(), method, args: "{}".to_owned(), deposit: Yocto(0), gas: WITHDRAW_GAS }
}

/// Meta Pool's instant exit of `amount` stNEAR, refused below `min_expected_near`.
pub fn liquid_unstake(token: &AccountId, amount: u128, min_expected_near: u128) -> ExitCall {
    let args = LiquidUnstakeArgs { st_near_to_burn: Yocto(amount), min_expected_near: Yocto(min_expected_near) };
    ExitCall {
        receiver_id: token.clone(),
        method: META_LIQUID_UNSTAKE,
        args: json(&args),
        deposit: Yocto(0),
        gas: LIQUID_UNSTAKE_GAS,
    }
}

/// An instant exit on an exchange: `amount` of `token` sent to `exchange` with a one-pool swap
/// to `wnear`, refused below `min_amount_out`; the exchange sends the wNEAR back.
pub fn swap(
    token: &AccountId,
    exchange: &AccountId,
    pool_id: u64,
    wnear: &AccountId,
    amount: u128,
    min_amount_out: u128,
) -> ExitCall {
    let action = SwapAction {
        pool_id,
        token_in: token,
        amount_in: Yocto(amount),
        token_out: wnear,
        min_amount_out: Yocto(min_amount_out),
    };
    let msg = json(&SwapMessage { actions: [action] });
    let args = TransferCallArgs { receiver_id: exchange, amount: Yocto(amount), msg };
    ExitCall {
        receiver_id: token.clone(),
        method: FT_TRANSFER_CALL,
        args: json(&args),
        deposit: Yocto(1),
        gas: SWAP_GAS,
    }
}

/// NEP-145 `storage_deposit(account_id, registration_only: true)` with `deposit` (the token's
/// `storage_balance_bounds().min`): a swap's output token must know its receiver.
pub fn register(token: &AccountId, account_id: &AccountId, deposit: u128) -> ExitCall {
    let args = crate::lst_api::StorageDepositArgs { account_id, registration_only: true };
    ExitCall {
        receiver_id: token.clone(),
        method: crate::lst_api::STORAGE_DEPOSIT,
        args: json(&args),
        deposit: Yocto(deposit),
        gas: REGISTER_GAS,
    }
}

/// wNEAR back to NEAR after a swap.
pub fn unwrap_near(wnear: &AccountId, amount: u128) -> ExitCall {
    let args = json(&AmountArgs { amount: Yocto(amount) });
    ExitCall { receiver_id: wnear.clone(), method: WNEAR_WITHDRAW, args, deposit: Yocto(1), gas: WNEAR_WITHDRAW_GAS }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn id(s: &str) -> AccountId {
        s.parse().unwrap()
    }

    fn args(call: &ExitCall) -> Value {
        serde_json::from_str(&call.args).unwrap()
    }

    #[test]
    fn each_exit_call_has_the_real_contracts_shape() {
        let (token, dex, wnear) = (id("meta-pool.near"), id("v2.ref-finance.near"), id("wrap.near"));
        let u = unstake(&token, Some(5));
        assert_eq!((u.method, args(&u), u.deposit), ("unstake", json!({"amount": "5"}), Yocto(0)));
        assert_eq!((unstake(&token, None).method, unstake(&token, None).args.as_str()), ("unstake_all", "{}"));
        assert_eq!(withdraw(&token, LstProtocol::MetaPool).method, "withdraw_unstaked");
        assert_eq!(withdraw(&token, LstProtocol::Linear).method, "withdraw_all");
        let l = liquid_unstake(&token, 7, 6);
        assert_eq!(args(&l), json!({"st_near_to_burn": "7", "min_expected_near": "6"}));
        let s = swap(&token, &dex, 3, &wnear, 10, 9);
        assert_eq!((s.receiver_id.as_str(), s.method, s.deposit), ("meta-pool.near", "ft_transfer_call", Yocto(1)));
        let a = args(&s);
        assert_eq!((&a["receiver_id"], &a["amount"]), (&json!("v2.ref-finance.near"), &json!("10")));
        let msg: Value = serde_json::from_str(a["msg"].as_str().unwrap()).unwrap();
        assert_eq!(
            msg,
            json!({"actions": [{"pool_id": 3, "token_in": "meta-pool.near", "amount_in": "10",
                                "token_out": "wrap.near", "min_amount_out": "9"}]})
        );
        let w = unwrap_near(&wnear, 9);
        assert_eq!((w.method, args(&w), w.deposit), ("near_withdraw", json!({"amount": "9"}), Yocto(1)));
        for call in [u, l, s, w] {
            assert!(call.gas <= 300 * TGAS, "{call:?}");
        }
    }
}
