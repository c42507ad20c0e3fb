//! The exits of the liquid legs, on the mocks alone (no router): a user holding tokens bought
//! with `deposit_and_stake` directly from the fixture's LiNEAR-shaped (`lsts[0]`) or Meta
//! Pool-shaped (`lsts[1]`) mock leaves by LiNEAR's delayed unstake, Meta Pool's delayed
//! unstake (its wait reset by a second unstake), Meta Pool's instant `liquid_unstake`, or a
//! swap to wNEAR on the mock Ref exchange and an unwrap. Every exit checks the NEAR that
//! reaches the user's account against the contracts' own figures, gas included.

use harness::backend::{call_json, Backend, Outcome};
use harness::fixture::{u128_of, Fixture, REGISTRATION};
use harness::venues::deploy_exit_venues;
use router_core::gas::TGAS;
use router_core::{AccountId, ONE_NEAR};
use serde_json::{json, Value};

/// Gas for a plain call on a mock.
const CALL_GAS: u64 = 30 * TGAS;
/// Gas for `ft_transfer_call` into the exchange (its swap, the output's transfer, the resolve).
const SWAP_GAS: u64 = 150 * TGAS;

async fn call<B: Backend>(
    b: &mut B,
    who: &AccountId,
    on: &AccountId,
    method: &str,
    args: Value,
    deposit: u128,
    gas: u64,
) -> Outcome {
    call_json(b, who, on, method, args, deposit, gas).await
}

fn ok(out: &Outcome, what: &str) {
    assert!(out.ok && out.failed_receipts.is_empty(), "{what}: {:?} {:?}", out.failure, out.failed_receipts);
}

fn refused(out: &Outcome, message: &str, what: &str) {
    let failure = out.failure.clone().unwrap_or_default();
    assert!(!out.ok && failure.contains(message), "{what}: expected {message:?}, got {:?}", out.failure);
}

async fn view<B: Backend>(b: &B, on: &AccountId, method: &str, args: Value) -> Value {
    b.view(on, method, args).await.unwrap_or_else(|e| panic!("{on}.{method}: {e}"))
}

async fn tokens<B: Backend>(b: &B, token: &AccountId, who: &AccountId) -> u128 {
    u128_of(&view(b, token, "ft_balance_of", json!({ "account_id": who })).await)
}

/// A user with `near` NEAR who bought tokens of `lst` for `stake` NEAR; returns (user, tokens).
async fn holder<B: Backend>(b: &mut B, name: &str, lst: &AccountId, near: u128, stake: u128) -> (AccountId, u128) {
    let user = b.create_account(name, near).await;
    let out = call(b, &user, lst, "deposit_and_stake", json!({}), stake, CALL_GAS).await;
    ok(&out, "deposit_and_stake");
    let minted = u128_of(&out.json());
    assert_eq!(tokens(b, lst, &user).await, minted);
    (user, minted)
}

/// Calls `method` and returns the NEAR the caller's account gained, gas paid back in (so
/// what the contracts sent it, less what it attached).
async fn received<B: Backend>(
    b: &mut B,
    who: &AccountId,
    on: &AccountId,
    method: &str,
    args: Value,
    deposit: u128,
) -> (Outcome, i128) {
    let before = b.balance(who).await.unwrap() as i128;
    let out = call(b, who, on, method, args, deposit, CALL_GAS).await;
    let after = b.balance(who).await.unwrap() as i128;
    let gained = after - before + out.tokens_burnt as i128 + deposit as i128;
    (out, gained)
}

/// LiNEAR shape: unstake -> every withdrawal before the unlock epoch is refused with LiNEAR's
/// message -> at the first epoch `can_withdraw` turns true (4 epochs on) the withdrawal pays
/// exactly the unstaked NEAR.
pub async fn linear_delayed_exit<B: Backend>(b: &mut B, f: &Fixture) {
    let lst = f.lsts[0].clone();
    let (user, minted) = holder(b, "exit-linear", &lst, 100 * ONE_NEAR, 22 * ONE_NEAR).await;
    let out = call(b, &user, &lst, "unstake", json!({ "amount": (11 * ONE_NEAR).to_string() }), 0, CALL_GAS).await;
    ok(&out, "unstake");
    let account = view(b, &lst, "get_account", json!({ "account_id": user })).await;
    let unstaked = u128_of(&account["unstaked_balance"]);
    // 11 NEAR at 1.1 NEAR per token: 10 tokens burnt exactly, 11 NEAR unstaked.
    assert_eq!(unstaked, 11 * ONE_NEAR);
    assert_eq!(tokens(b, &lst, &user).await, minted - 10 * ONE_NEAR);
    let details = view(b, &lst, "get_account_details", json!({ "account_id": user })).await;
    let unlock = details["unstaked_available_epoch_height"].as_u64().unwrap();

    let mut epochs = 0;
    while !view(b, &lst, "get_account", json!({ "account_id": user })).await["can_withdraw"].as_bool().unwrap() {
        let early = call(b, &user, &lst, "withdraw", json!({ "amount": unstaked.to_string() }), 0, CALL_GAS).await;
        refused(&early, "The unstaked balance is not yet available due to unstaking delay", "early withdraw");
        b.advance_epochs(1).await;
        epochs += 1;
        assert!(epochs <= 4, "unlocked within LiNEAR's 4 epochs (unlock epoch {unlock})");
    }
    assert!(epochs >= 3, "the wait was real: {epochs} epochs");
    let (out, gained) = received(b, &user, &lst, "withdraw_all", json!({}), 0).await;
    ok(&out, "withdraw_all");
    assert_eq!(gained, unstaked as i128, "the unstaked NEAR reached the user");
    let account = view(b, &lst, "get_account", json!({ "account_id": user })).await;
    assert_eq!(u128_of(&account["unstaked_balance"]), 0);
}

/// Meta Pool shape: unstake -> two epochs -> unstake again resets the wait of the whole
/// bucket -> refused with Meta Pool's message until 4 epochs after the second unstake ->
/// `withdraw_unstaked` pays both.
pub async fn meta_pool_delayed_exit_resets_on_a_new_unstake<B: Backend>(b: &mut B, f: &Fixture) {
    let lst = f.lsts[1].clone();
    let (user, _) = holder(b, "exit-meta", &lst, 100 * ONE_NEAR, 25 * ONE_NEAR).await;
    let out = call(b, &user, &lst, "unstake", json!({ "amount": (5 * ONE_NEAR).to_string() }), 0, CALL_GAS).await;
    ok(&out, "first unstake");
    let first = view(b, &lst, "get_account_info", json!({ "account_id": user })).await;
    let first_unlock: u64 = first["unstaked_requested_unlock_epoch"].as_str().unwrap().parse().unwrap();
    b.advance_epochs(2).await;
    let out = call(b, &user, &lst, "unstake", json!({ "amount": (5 * ONE_NEAR).to_string() }), 0, CALL_GAS).await;
    ok(&out, "second unstake");
    let info = view(b, &lst, "get_account_info", json!({ "account_id": user })).await;
    let unlock: u64 = info["unstaked_requested_unlock_epoch"].as_str().unwrap().parse().unwrap();
    assert!(unlock >= first_unlock + 2, "the second unstake moved the unlock: {first_unlock} -> {unlock}");
    let unstaked = u128_of(&info["unstaked"]);
    assert_eq!(unstaked, 10 * ONE_NEAR, "both unstakes in one bucket");

    let mut epochs = 0;
    while !info_can_withdraw(b, &lst, &user).await {
        let early = call(b, &user, &lst, "withdraw_unstaked", json!({}), 0, CALL_GAS).await;
        refused(
            &early,
            "The unstaked balance is not yet available due to unstaking delay. You need to wait at least",
            "early",
        );
        b.advance_epochs(1).await;
        epochs += 1;
        assert!(epochs <= 4, "unlocked within 4 epochs of the second unstake");
    }
    assert!(epochs >= 3, "the wait restarted: {epochs} epochs after the second unstake");
    let (out, gained) = received(b, &user, &lst, "withdraw_unstaked", json!({}), 0).await;
    ok(&out, "withdraw_unstaked");
    assert_eq!(gained, unstaked as i128, "both unstakes reached the user");
}

async fn info_can_withdraw<B: Backend>(b: &B, lst: &AccountId, user: &AccountId) -> bool {
    view(b, lst, "get_account_info", json!({ "account_id": user })).await["can_withdraw"].as_bool().unwrap()
}

/// Meta Pool shape: `liquid_unstake` pays exactly `get_near_amount_sell_stnear`'s quote (the
/// value less the curve's fee) at once; with too little liquidity it is refused and the user
/// keeps the tokens.
pub async fn meta_pool_liquid_unstake<B: Backend>(b: &mut B, f: &Fixture) {
    let lst = f.lsts[1].clone();
    let out = call(b, &f.owner, &lst, "nslp_add_liquidity", json!({}), 5 * ONE_NEAR, CALL_GAS).await;
    ok(&out, "seed the pool");
    let (user, minted) = holder(b, "liquid-meta", &lst, 100 * ONE_NEAR, 25 * ONE_NEAR).await;
    // 20 tokens are 25 NEAR: more than the 5 NEAR the pool holds.
    let out = call(
        b,
        &user,
        &lst,
        "liquid_unstake",
        json!({ "st_near_to_burn": minted.to_string(), "min_expected_near": "0" }),
        0,
        CALL_GAS,
    )
    .await;
    refused(&out, "Not enough liquidity in the liquidity pool", "too little liquidity");
    assert_eq!(tokens(b, &lst, &user).await, minted, "the tokens are kept");

    let out = call(b, &f.owner, &lst, "nslp_add_liquidity", json!({}), 100 * ONE_NEAR, CALL_GAS).await;
    ok(&out, "more liquidity");
    let sell = 4 * ONE_NEAR; // 5 NEAR worth
    let quote =
        u128_of(&view(b, &lst, "get_near_amount_sell_stnear", json!({ "stnear_to_sell": sell.to_string() })).await);
    assert!(quote < 5 * ONE_NEAR && quote > 5 * ONE_NEAR * 98 / 100, "a fee between 0.25 % and 1.8 %: {quote}");
    let args = json!({ "st_near_to_burn": sell.to_string(), "min_expected_near": quote.to_string() });
    let (out, gained) = received(b, &user, &lst, "liquid_unstake", args, 0).await;
    ok(&out, "liquid_unstake");
    assert_eq!(u128_of(&out.json()["near"]), quote);
    assert_eq!(gained, quote as i128, "the quote reached the user at once");
    assert_eq!(tokens(b, &lst, &user).await, minted - sell);

    let args = json!({ "st_near_to_burn": sell.to_string(), "min_expected_near": (5 * ONE_NEAR).to_string() });
    let out = call(b, &user, &lst, "liquid_unstake", args, 0, CALL_GAS).await;
    refused(&out, "Price changed, your min amount", "minimum missed");
    assert_eq!(tokens(b, &lst, &user).await, minted - sell);
}

/// The exchange: LiNEAR-shaped tokens swapped for wNEAR with `min_amount_out` met (the quote
/// of `get_return` arrives, `near_withdraw` turns it into NEAR), then with it missed by one
/// unit (the exchange refuses with "E68: slippage error", the token refunds: nothing lost).
pub async fn dex_swap_to_wnear_and_unwrap<B: Backend>(b: &mut B, f: &Fixture) {
    let lst = f.lsts[0].clone();
    // Pool 0 of the exchange is `lsts[0]`/wNEAR, seeded with 200 tokens and their value in
    // wNEAR at the token's rate.
    let venues = deploy_exit_venues(b, f, 200 * ONE_NEAR, 0).await;
    let (dex, wnear) = (venues.dex, venues.wnear);
    assert_eq!(venues.pools[0], (lst.clone(), 0));
    let (user, minted) = holder(b, "swapper", &lst, 100 * ONE_NEAR, 11 * ONE_NEAR).await;
    ok(&call(b, &user, &wnear, "storage_deposit", json!({}), REGISTRATION, CALL_GAS).await, "user registers on wNEAR");
    let half = minted / 2;
    let quote = u128_of(
        &view(
            b,
            &dex,
            "get_return",
            json!({ "pool_id": 0, "token_in": lst, "amount_in": half.to_string(), "token_out": wnear }),
        )
        .await,
    );
    let rate = u128_of(&view(b, &lst, "ft_price", json!({})).await);
    let value = router_core::exit_quote::redemption_value(half, rate).unwrap();
    assert!(
        quote < value && quote > value * 97 / 100,
        "the 0.3 % fee and the price impact below the tokens' value {value}: {quote}"
    );

    let msg = |min: u128| {
        json!({ "actions": [{ "pool_id": 0, "token_in": lst, "token_out": wnear, "min_amount_out": min.to_string() }] })
            .to_string()
    };
    let missed = json!({ "receiver_id": dex, "amount": half.to_string(), "msg": msg(quote + 1) });
    let out = call(b, &user, &lst, "ft_transfer_call", missed, 1, SWAP_GAS).await;
    assert!(out.ok, "ft_transfer_call itself succeeds: {:?}", out.failure);
    assert!(
        out.failed_receipts.iter().any(|(who, m)| *who == dex && m.contains("E68: slippage error")),
        "{:?}",
        out.failed_receipts
    );
    assert_eq!(tokens(b, &lst, &user).await, minted, "the token refunded the whole amount");
    assert_eq!(tokens(b, &wnear, &user).await, 0);

    let met = json!({ "receiver_id": dex, "amount": half.to_string(), "msg": msg(quote) });
    ok(&call(b, &user, &lst, "ft_transfer_call", met, 1, SWAP_GAS).await, "swap");
    assert_eq!(tokens(b, &lst, &user).await, minted - half);
    assert_eq!(tokens(b, &wnear, &user).await, quote, "the quote arrived as wNEAR");
    let pool = view(b, &dex, "get_pool", json!({ "pool_id": 0 })).await;
    assert_eq!(u128_of(&pool["amounts"][0]), 200 * ONE_NEAR + half);

    let (out, gained) = received(b, &user, &wnear, "near_withdraw", json!({ "amount": quote.to_string() }), 1).await;
    ok(&out, "near_withdraw");
    assert_eq!(gained, quote as i128 + 1, "the wNEAR came back as NEAR, with the yocto");
    assert_eq!(tokens(b, &wnear, &user).await, 0);
}
