//! A pool's share price falls (the mock pool's `set_balance_delta`, a slashing-like loss the
//! real pool never allows) and the composed position reports it: exactly, per pool and in the
//! totals, with the pool's own figures as the value, through an unstake of everything and up
//! to the withdrawal that realises it. The other pool earns a reward the way a real pool does
//! (NEAR sent to its account, a new epoch, a ping).

use crate::position::{assert_identities, read_position};
use crate::scenarios::deposit;
use harness::backend::{call_json, Backend};
use harness::fixture::{add_target, deploy_pool, reward_pool, u128_of, Fixture, RESTAKE_CALL_GAS};
use router_core::gas::TGAS;
use router_core::position::{DirectPosition, Position, ROUNDING_TOLERANCE};
use router_core::{AccountId, ONE_NEAR};
use serde_json::json;

/// Two fresh pools (so the only other stake is each pool's own, from `new`, and the figures
/// are exact), both retired at the end so later scenarios see the usual targets.
pub async fn pool_loss_in_the_position<B: Backend>(b: &mut B, f: &Fixture) {
    let mut pools = Vec::new();
    for name in ["pool-loss", "pool-gain"] {
        let pool = deploy_pool(b, &f.owner, name).await;
        add_target(b, &f.owner, &f.router, &pool, json!({ "type": "validator" })).await;
        pools.push(pool);
    }
    let (lossy, gaining) = (pools[0].clone(), pools[1].clone());
    // The deposit's conservation check counts the stake in the fixture's pools: these ones.
    let f = &Fixture { router: f.router.clone(), owner: f.owner.clone(), pools: pools.clone(), lsts: f.lsts.clone() };
    let user = b.create_account("user-loss", 1_000 * ONE_NEAR).await;
    let policy = json!({ "legs": [{ "target": lossy, "bps": 5_000 }, { "target": gaining, "bps": 5_000 }] });
    let d = deposit(b, f, &user, 100 * ONE_NEAR, json!({ "policy": policy }), 0).await;
    assert!(d.outcome.ok && d.outcome.failed_receipts.is_empty(), "{:?}", d.outcome.failed_receipts);
    let (proxy, _) = f.proxy_of(b, &user).await;

    let p = read_position(b, f, &user, &pools).await;
    assert_identities(&p);
    let put_in = pool_of(&p, &lossy).recorded();
    let put_in_gaining = pool_of(&p, &gaining).recorded();
    assert!(put_in > 40 * ONE_NEAR, "{p:?}");
    for d in &p.direct {
        assert_eq!((d.rewards.0, d.loss.0, d.value()), (0, 0, d.recorded()), "price 1, one share per yocto: {d:?}");
    }
    // At price 1 the proxy's shares are its stake, and the pool's total counts its own stake too.
    let total_lossy = total_staked(b, &lossy).await;
    let total_gaining = total_staked(b, &gaining).await;
    assert!(total_lossy > put_in && total_gaining > put_in_gaining, "each pool staked its own balance at `new`");
    // What the proxy's shares are worth once the total moves from `before` to `after`.
    let value_at =
        |before: u128, after: u128, shares: u128| router_core::wide::mul_div_floor(shares, after, before).unwrap();

    // A drift of 3 yocto below the records, shared with the pool's own stake: reported exactly
    // (the proxy's part rounded down), labelled as share rounding.
    set_delta(b, f, &lossy, -3).await;
    let p = read_position(b, f, &user, &pools).await;
    assert_identities(&p);
    let d = pool_of(&p, &lossy);
    let drift = put_in - value_at(total_lossy, total_lossy - 3, put_in);
    const { assert!(3 <= ROUNDING_TOLERANCE, "the drift below is meant to be within rounding") };
    assert!((1..=3).contains(&drift), "{drift}");
    assert_eq!((d.rewards.0, d.loss.0, d.loss_within_rounding), (0, drift, true));
    assert_eq!((p.totals.loss.0, p.totals.rounding_loss.0), (drift, drift));

    // The other pool earns 1 NEAR (sent to its account, a new epoch, a ping; no fee); this one
    // loses 5 NEAR of its stake. Each is shared with the pool's own stake.
    // (The values follow from each pool's total: no fee, so the shares never change.)
    reward_pool(b, &f.owner, &gaining, ONE_NEAR).await;
    let total_gaining_now = total_staked(b, &gaining).await;
    assert!(total_gaining_now >= total_gaining + ONE_NEAR, "the whole transfer was a reward");
    set_delta(b, f, &lossy, -5 * ONE_NEAR as i128).await;
    let p = read_position(b, f, &user, &pools).await;
    assert_identities(&p);
    let lost = put_in - value_at(total_lossy, total_staked(b, &lossy).await, put_in);
    assert!(lost > 4 * ONE_NEAR && lost < 5 * ONE_NEAR, "the proxy's part of the 5 NEAR: {lost}");
    let d = pool_of(&p, &lossy);
    assert_eq!((d.rewards.0, d.loss.0, d.loss_within_rounding), (0, lost, false), "{d:?}");
    assert_eq!(d.value(), pool_total(b, &lossy, &proxy).await, "the value is what the pool reports");
    assert_eq!(d.value(), put_in - lost);
    let earned = value_at(total_gaining, total_gaining_now, put_in_gaining) - put_in_gaining;
    assert!(earned > ONE_NEAR / 2 && earned < ONE_NEAR, "the proxy's part of the 1 NEAR: {earned}");
    let g = pool_of(&p, &gaining);
    assert_eq!((g.rewards.0, g.loss.0), (earned, 0), "{g:?}");
    assert_eq!(g.value(), pool_total(b, &gaining, &proxy).await);
    let t = &p.totals;
    assert_eq!((t.loss.0, t.rounding_loss.0, t.rewards.0), (lost, 0, earned));
    assert_eq!((t.net_gain.0, t.net_loss.0), (0, lost - earned), "more lost than earned");
    assert_eq!(t.staked.0 + t.unstaked.0 + t.net_loss.0, t.principal.0);

    // Unstake everything: the records move the principal to unstaking, the pool pays its
    // staked balance into the unstaked one (rounded up in the staker's favour: at most 1 yocto).
    let out = call_json(b, &user, &proxy, "unstake", json!({ "pool_id": lossy }), 1, 100 * TGAS).await;
    assert!(out.ok && out.failed_receipts.is_empty(), "{:?} {:?}", out.failure, out.failed_receipts);
    let p = read_position(b, f, &user, &pools).await;
    assert_identities(&p);
    let d = pool_of(&p, &lossy);
    assert_eq!((d.staked.0, d.principal.0, d.unstaked_pending.0), (0, 0, put_in), "{d:?}");
    assert_eq!(d.value(), pool_total(b, &lossy, &proxy).await);
    assert!(lost - d.loss.0 <= 1 && d.rewards.0 == 0, "still the loss, exactly what the pool reports: {d:?}");
    let unstaked = d.unstaked.0;

    // Withdrawn at the unlock epoch: exactly the pool's figure reaches the owner, and the pool
    // leaves the position (the loss is realised; the rewards elsewhere stay).
    b.advance_epochs(4).await;
    let out = call_json(b, &user, &proxy, "withdraw", json!({ "pool_id": lossy }), 1, 150 * TGAS).await;
    assert!(out.ok && out.failed_receipts.is_empty(), "{:?} {:?}", out.failure, out.failed_receipts);
    let withdrawn = out.events_named("withdrawn");
    assert_eq!(withdrawn.len(), 1, "{:?}", out.logs);
    assert_eq!(u128_of(&withdrawn[0]["amount"]), unstaked, "the value the position showed");
    let p = read_position(b, f, &user, &pools).await;
    assert_identities(&p);
    assert!(p.direct.iter().all(|d| d.pool_id != lossy), "{p:?}");
    assert_eq!((p.totals.loss.0, p.totals.rewards.0, p.totals.net_gain.0), (0, earned, earned));

    for pool in &pools {
        let out = call_json(b, &f.owner, &f.router, "retire_target", json!({ "account_id": pool }), 1, 30 * TGAS).await;
        assert!(out.ok, "retire {pool}: {:?}", out.failure);
    }
}

/// Moves `pool`'s total staked balance by `delta` (owner only; a positive delta is attached).
async fn set_delta<B: Backend>(b: &mut B, f: &Fixture, pool: &AccountId, delta: i128) {
    let attached = if delta > 0 { delta as u128 } else { 0 };
    let args = json!({ "delta": delta.to_string() });
    let out = call_json(b, &f.owner, pool, "set_balance_delta", args, attached, RESTAKE_CALL_GAS).await;
    assert!(out.ok && out.failed_receipts.is_empty(), "set_balance_delta {delta}: {:?}", out.failure);
}

fn pool_of<'a>(p: &'a Position, pool: &AccountId) -> &'a DirectPosition {
    p.direct.iter().find(|d| &d.pool_id == pool).unwrap_or_else(|| panic!("{pool} not in {p:?}"))
}

async fn total_staked<B: Backend>(b: &B, pool: &AccountId) -> u128 {
    u128_of(&b.view(pool, "get_total_staked_balance", json!({})).await.unwrap())
}

async fn pool_total<B: Backend>(b: &B, pool: &AccountId, proxy: &AccountId) -> u128 {
    u128_of(&b.view(pool, "get_account_total_balance", json!({ "account_id": proxy })).await.unwrap())
}
