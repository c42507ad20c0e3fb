//! The holders' own exits from the liquid tokens, as random steps (the router takes no part):
//! the protocol's delayed `unstake` / `unstake_all` and withdrawal of either shape (refused
//! before the unlock; every new unstake resets the whole bucket's wait; LiNEAR waits one epoch
//! more after that epoch's `epoch_stake`), Meta Pool's instant `liquid_unstake` (refused when
//! `min_expected_near` is missed or the liquidity is short: the tokens are kept), a provider
//! adding liquidity, and LiNEAR's epoch settlement. Each call is built by
//! `router_core::exit_calls`, as the widget and the CLI build it.
//!
//! Every step predicts its outcome from the model (the token's price and rounding, the bucket,
//! the unlock epoch, the pool's liquidity) and checks the holder's NEAR, tokens and bucket to
//! the yoctoNEAR: what a refused call leaves unchanged, what a paid one moves.

use super::model::{Report, Rng, Sim};
use harness::backend::{call_json, Backend, Outcome};
use harness::fixture::{u128_of, Fixture};
use router_core::exit_calls::{self, ExitCall};
use router_core::exit_quote::min_out;
use router_core::gas::TGAS;
use router_core::wide::{mul_div_ceil, mul_div_floor};
use router_core::{AccountId, LstProtocol, ONE_NEAR};
use serde_json::{json, Value};

/// Meta Pool's `is_close` tolerance (0.001 NEAR, `ONE_MILLI_NEAR`).
const ONE_MILLI: u128 = ONE_NEAR / 1_000;
/// The message of an early withdrawal, in both shapes (Meta Pool's adds how long to wait).
const NOT_YET: &str = "The unstaked balance is not yet available due to unstaking delay";
/// The slippage the steps' instant exits accept (0.5%, the CLI's default).
pub(super) const SLIPPAGE_BPS: u16 = 50;

/// Sends one exit call as `who` signs it.
pub(super) async fn send<B: Backend>(b: &mut B, who: &AccountId, call: &ExitCall) -> Outcome {
    b.call(who, &call.receiver_id, call.method, call.args.clone().into_bytes(), call.deposit.0, call.gas).await
}

/// `who`'s balance of `token`.
pub(super) async fn ft<B: Backend>(b: &B, token: &AccountId, who: &AccountId) -> u128 {
    u128_of(&b.view(token, "ft_balance_of", json!({ "account_id": who })).await.unwrap())
}

/// `who`'s liquid NEAR.
pub(super) async fn near<B: Backend>(b: &B, who: &AccountId) -> u128 {
    b.balance(who).await.unwrap()
}

/// The staking-pool view of `who` on a token: (unstaked NEAR, can withdraw now).
pub(super) async fn bucket<B: Backend>(b: &B, lst: &AccountId, who: &AccountId) -> (u128, bool) {
    let a = b.view(lst, "get_account", json!({ "account_id": who })).await.unwrap();
    (u128_of(&a["unstaked_balance"]), a["can_withdraw"] == json!(true))
}

/// The chain's unlock epoch of `who`'s bucket (LiNEAR's `get_account_details`, Meta Pool's
/// `get_account_info`).
async fn unlock_epoch<B: Backend>(b: &B, lst: &AccountId, protocol: LstProtocol, who: &AccountId) -> u64 {
    let args = json!({ "account_id": who });
    match protocol {
        LstProtocol::Linear => {
            b.view(lst, "get_account_details", args).await.unwrap()["unstaked_available_epoch_height"].as_u64().unwrap()
        }
        LstProtocol::MetaPool => b.view(lst, exit_calls::META_GET_ACCOUNT_INFO, args).await.unwrap()
            ["unstaked_requested_unlock_epoch"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap(),
    }
}

/// Meta Pool's `is_close`.
fn is_close(a: u128, b: u128) -> bool {
    a.abs_diff(b) <= ONE_MILLI
}

/// The model of an unstake: (tokens burnt, NEAR added to the bucket), or `None` when the token
/// refuses it. `amount` is in NEAR; `None` is `unstake_all`.
pub(super) fn expected_unstake(
    protocol: LstProtocol,
    owned: u128,
    price: u128,
    amount: Option<u128>,
) -> Option<(u128, u128)> {
    let floor = |a: u128, b: u128, d: u128| mul_div_floor(a, b, d).unwrap();
    match protocol {
        LstProtocol::Linear => {
            // Shares rounded up, their value rounded up; `unstake_all` asks the value rounded down.
            let amount = amount.unwrap_or_else(|| floor(owned, price, ONE_NEAR));
            let shares = mul_div_ceil(amount, ONE_NEAR, price).unwrap();
            (amount > 0 && shares <= owned).then(|| (shares, mul_div_ceil(shares, price, ONE_NEAR).unwrap()))
        }
        LstProtocol::MetaPool => {
            // Tokens and NEAR rounded down; within 0.001 of the balance means all of it.
            let shares = match amount {
                None => owned,
                Some(a) => {
                    let requested = floor(a, ONE_NEAR, price);
                    if is_close(owned, requested) {
                        owned
                    } else {
                        requested
                    }
                }
            };
            (shares > 0 && shares <= owned).then(|| (shares, floor(shares, price, ONE_NEAR)))
        }
    }
}

/// A holder unstakes a random token: a part of its value, everything, or (one in eight) more
/// than it holds (refused). The bucket grows by the model's amount and unlocks 4 epochs on
/// (5 for LiNEAR after `epoch_stake`), for the whole bucket.
pub(super) async fn unstake<B: Backend>(
    b: &mut B,
    f: &Fixture,
    sim: &mut Sim,
    report: &mut Report,
    rng: &mut Rng,
    who: usize,
) {
    let i = rng.below(f.lsts.len() as u64) as usize;
    let (lst, user) = (f.lsts[i].clone(), sim.users[who].clone());
    let (protocol, price) = (sim.liquid.protocols[i], sim.liquid.prices[i]);
    let owned = ft(b, &lst, &user).await;
    if owned == 0 {
        return;
    }
    let value = mul_div_floor(owned, price, ONE_NEAR).unwrap();
    let amount = match rng.below(8) {
        0 | 1 => None,
        2 => Some(value + ONE_NEAR),
        _ => Some(value / (1 + rng.below(4) as u128)),
    };
    let expected = expected_unstake(protocol, owned, price, amount);
    let (unstaked_before, _) = bucket(b, &lst, &user).await;
    let near_before = near(b, &user).await;
    let out = send(b, &user, &exit_calls::unstake(&lst, amount)).await;
    sim.burnt += out.tokens_burnt;
    let (unstaked, _) = bucket(b, &lst, &user).await;
    assert_eq!(near(b, &user).await + out.tokens_burnt, near_before, "{user}: an unstake moved NEAR");
    let Some((burnt, added)) = expected else {
        assert!(!out.ok, "{lst}: unstake {amount:?} of {owned} tokens should be refused");
        assert_eq!((ft(b, &lst, &user).await, unstaked), (owned, unstaked_before), "a refused unstake changed things");
        report.liquid.unstakes_refused += 1;
        return;
    };
    assert!(out.ok && out.failed_receipts.is_empty(), "{lst}: unstake {amount:?}: {:?}", out.failure);
    assert_eq!(ft(b, &lst, &user).await, owned - burnt, "{lst}: tokens burnt by unstake {amount:?}");
    assert_eq!(unstaked, unstaked_before + added, "{lst}: NEAR unstaked for {burnt} tokens");
    // The unlock epoch, in the run's epochs: the chain's must match once the offset is known.
    let settled = protocol == LstProtocol::Linear && sim.liquid.settled[i] == Some(sim.epoch);
    let unlock = sim.epoch + 4 + u64::from(settled);
    let chain_unlock = unlock_epoch(b, &lst, protocol, &user).await;
    let offset = *sim.liquid.epoch_offset.get_or_insert(chain_unlock - unlock);
    assert_eq!(chain_unlock, unlock + offset, "{lst}: unlock epoch (settled this epoch: {settled})");
    let entry = sim.liquid.buckets.entry((who, i)).or_insert((0, 0));
    if entry.0 > 0 && entry.1 < unlock {
        report.liquid.waits_reset += 1;
        report.liquid.relocked += u64::from(entry.1 <= sim.epoch);
    }
    *entry = (entry.0 + added, unlock);
    report.liquid.unstakes += 1;
    report.liquid.settled_unstakes += u64::from(settled);
}

/// A holder withdraws a random token's bucket (everything, with the protocol's own method, or
/// one in three a part with `withdraw(amount)`): refused before the unlock epoch with the
/// protocol's message and nothing moved; after it, exactly that NEAR reaches the holder.
pub(super) async fn withdraw<B: Backend>(
    b: &mut B,
    f: &Fixture,
    sim: &mut Sim,
    report: &mut Report,
    rng: &mut Rng,
    who: usize,
) {
    let i = rng.below(f.lsts.len() as u64) as usize;
    let Some(&(held, unlock)) = sim.liquid.buckets.get(&(who, i)).filter(|(held, _)| *held > 0) else { return };
    let (lst, user) = (f.lsts[i].clone(), sim.users[who].clone());
    let (call, amount) = if rng.below(3) == 0 && held > 1 {
        let part = held / 2;
        let args = json!({ "amount": part.to_string() }).to_string();
        // Both shapes' `withdraw(amount)` (the CLI always withdraws everything).
        (ExitCall { method: "withdraw", args, ..exit_calls::withdraw(&lst, sim.liquid.protocols[i]) }, part)
    } else {
        (exit_calls::withdraw(&lst, sim.liquid.protocols[i]), held)
    };
    let before = near(b, &user).await;
    let out = send(b, &user, &call).await;
    sim.burnt += out.tokens_burnt;
    let gained = near(b, &user).await + out.tokens_burnt - before;
    let (unstaked, _) = bucket(b, &lst, &user).await;
    if sim.epoch < unlock {
        let why = out.failure.clone().unwrap_or_default();
        assert!(!out.ok && why.contains(NOT_YET), "{lst}: early {} refused: {why:?}", call.method);
        assert_eq!((gained, unstaked), (0, held), "an early withdrawal moved NEAR");
        report.liquid.early_withdrawals_refused += 1;
        return;
    }
    assert!(out.ok && out.failed_receipts.is_empty(), "{lst}: {} after the unlock: {:?}", call.method, out.failure);
    assert_eq!(gained, amount, "{lst}: {} paid another amount than the bucket's", call.method);
    assert_eq!(unstaked, held - amount, "{lst}: bucket after {}", call.method);
    sim.liquid.buckets.insert((who, i), (held - amount, unlock));
    report.liquid.withdrawals += 1;
}

/// A holder sells Meta Pool-shaped tokens to the protocol's liquidity pool: all of them or a
/// part, accepting the quote less 0.5% or (one in four) asking one yoctoNEAR more than the
/// quote. Refused when the minimum is missed or the pool lacks the NEAR (tokens kept);
/// otherwise `get_near_amount_sell_stnear`'s quote is exactly what arrives.
pub(super) async fn liquid_unstake<B: Backend>(
    b: &mut B,
    f: &Fixture,
    sim: &mut Sim,
    report: &mut Report,
    rng: &mut Rng,
    who: usize,
) {
    let metas: Vec<usize> = (0..f.lsts.len()).filter(|&i| sim.liquid.protocols[i] == LstProtocol::MetaPool).collect();
    let i = metas[rng.below(metas.len() as u64) as usize];
    let (lst, user) = (f.lsts[i].clone(), sim.users[who].clone());
    let owned = ft(b, &lst, &user).await;
    if owned < ONE_MILLI {
        return;
    }
    let amount = if rng.below(3) == 0 { owned } else { owned / (2 + rng.below(3) as u128) };
    let to_sell = if is_close(amount, owned) { owned } else { amount };
    let args = json!({ "stnear_to_sell": to_sell.to_string() });
    let quote = u128_of(&b.view(&lst, exit_calls::META_QUOTE_LIQUID_UNSTAKE, args).await.unwrap());
    let available = liquidity(b, &lst).await;
    let missed = rng.below(4) == 0;
    let min = if missed { quote + 1 } else { min_out(quote, SLIPPAGE_BPS) };
    let (near_before, pool_tokens) = (near(b, &user).await, ft(b, &lst, &lst).await);
    let out = send(b, &user, &exit_calls::liquid_unstake(&lst, to_sell, min)).await;
    sim.burnt += out.tokens_burnt;
    let gained = near(b, &user).await + out.tokens_burnt - near_before;
    let refusal = if missed {
        Some("Price changed, your min amount")
    } else if quote > available {
        Some("Not enough liquidity in the liquidity pool")
    } else {
        None
    };
    if let Some(message) = refusal {
        let why = out.failure.clone().unwrap_or_default();
        assert!(!out.ok && why.contains(message), "{lst}: liquid_unstake expected {message:?}, got {why:?}");
        assert_eq!((gained, ft(b, &lst, &user).await), (0, owned), "a refused liquid_unstake: tokens kept");
        assert_eq!(liquidity(b, &lst).await, available, "a refused liquid_unstake moved the pool");
        if missed {
            report.liquid.liquid_min_missed += 1;
        } else {
            report.liquid.liquid_short += 1;
        }
        return;
    }
    assert!(out.ok && out.failed_receipts.is_empty(), "{lst}: liquid_unstake: {:?}", out.failure);
    assert_eq!(u128_of(&out.json()["near"]), quote, "liquid_unstake returned another amount than its quote");
    assert_eq!(gained, quote, "{user}: liquid_unstake paid another amount than get_near_amount_sell_stnear");
    assert_eq!(ft(b, &lst, &user).await, owned - to_sell, "tokens sold");
    assert_eq!(ft(b, &lst, &lst).await, pool_tokens + to_sell, "the pool holds the tokens it bought");
    assert_eq!(liquidity(b, &lst).await, available - quote, "the pool paid from its liquidity");
    report.liquid.liquid_unstakes += 1;
    report.liquid.liquid_paid += quote;
    report.liquid.liquid_fees += mul_div_floor(to_sell, sim.liquid.prices[i], ONE_NEAR).unwrap() - quote;
}

/// NEAR in a token's liquidity pool (`get_mock_liquidity_pool`).
pub(super) async fn liquidity<B: Backend>(b: &B, lst: &AccountId) -> u128 {
    u128_of(&b.view(lst, "get_mock_liquidity_pool", json!({})).await.unwrap()["available"])
}

/// The provider adds 50 to 300 NEAR to a Meta Pool-shaped token's liquidity pool.
pub(super) async fn add_liquidity<B: Backend>(
    b: &mut B,
    f: &Fixture,
    sim: &mut Sim,
    report: &mut Report,
    rng: &mut Rng,
) {
    let metas: Vec<usize> = (0..f.lsts.len()).filter(|&i| sim.liquid.protocols[i] == LstProtocol::MetaPool).collect();
    let lst = f.lsts[metas[rng.below(metas.len() as u64) as usize]].clone();
    let amount = (50 + rng.below(251)) as u128 * ONE_NEAR;
    let before = liquidity(b, &lst).await;
    let out = call_json(b, &sim.liquid.lp, &lst, "nslp_add_liquidity", json!({}), amount, 30 * TGAS).await;
    sim.burnt += out.tokens_burnt;
    assert!(out.ok, "nslp_add_liquidity: {:?}", out.failure);
    assert_eq!(liquidity(b, &lst).await, before + amount);
    report.liquid.liquidity_added += amount;
}

/// Anyone settles a LiNEAR-shaped token's epoch (`epoch_stake`): unstakes later in this epoch
/// wait one epoch more.
pub(super) async fn settle_epoch<B: Backend>(b: &mut B, f: &Fixture, sim: &mut Sim, rng: &mut Rng, who: usize) {
    let linears: Vec<usize> = (0..f.lsts.len()).filter(|&i| sim.liquid.protocols[i] == LstProtocol::Linear).collect();
    let i = linears[rng.below(linears.len() as u64) as usize];
    let user = sim.users[who].clone();
    let out = call_json(b, &user, &f.lsts[i], "epoch_stake", json!({}), 0, 30 * TGAS).await;
    sim.burnt += out.tokens_burnt;
    assert!(out.ok && out.json() == Value::Bool(false), "epoch_stake: {:?}", out.failure);
    sim.liquid.settled[i] = Some(sim.epoch);
}
