//! Epoch rewards from the chain itself, end to end: no one adds them by hand. A deposit
//! staked through the router and the proxy makes its pool a validator two epochs on; every
//! epoch boundary after that pays the chain's reward into the pool's locked balance; `ping`
//! (anyone may call it) turns it into share value, visible in the pool's views and in the
//! composed position; an exit pays principal and rewards to the owner, a move carries them to
//! the other pool.

use crate::position::{assert_identities, read_position};
use crate::scenarios::deposit;
use harness::backend::{call_json, Backend};
use harness::fixture::{u128_of, Fixture};
use router_core::gas::TGAS;
use router_core::{format_near, AccountId, ONE_NEAR};
use serde_json::json;

async fn pool_total<B: Backend>(b: &B, pool: &AccountId, proxy: &AccountId) -> u128 {
    u128_of(&b.view(pool, "get_account_total_balance", json!({ "account_id": proxy })).await.unwrap())
}

async fn ping<B: Backend>(b: &mut B, caller: &AccountId, pool: &AccountId) {
    let out = call_json(b, caller, pool, "ping", json!({}), 0, 100 * TGAS).await;
    assert!(out.ok && out.failed_receipts.is_empty(), "ping: {:?} {:?}", out.failure, out.failed_receipts);
}

/// Deposit -> epochs -> rewards in the pool's views after `ping` and in the position ->
/// unstake -> 4 epochs -> withdraw pays principal and rewards.
pub async fn chain_rewards_reach_the_owner<B: Backend>(b: &mut B, f: &Fixture) {
    let user = b.create_account("user-rewards", 1_000 * ONE_NEAR).await;
    let pool = f.pools[0].clone();
    let policy = json!({ "legs": [{ "target": pool, "bps": 10_000 }] });
    let d = deposit(b, f, &user, 100 * ONE_NEAR, json!({ "policy": policy }), 0).await;
    assert!(d.outcome.ok && d.outcome.failed_receipts.is_empty(), "{:?}", d.outcome.failed_receipts);
    let (proxy, _) = f.proxy_of(b, &user).await;
    let staked = pool_total(b, &pool, &proxy).await;
    let locked_at_deposit = b.locked(&pool).await.unwrap();
    assert!(locked_at_deposit >= staked, "the pool staked the deposit with a Stake action");

    // Proposed in epoch T, a validator in T+2; T+2's reward is paid as T+3 begins.
    b.advance_epochs(4).await;
    let locked = b.locked(&pool).await.unwrap();
    assert!(locked > locked_at_deposit, "epoch rewards are in the pool's locked balance");
    assert_eq!(pool_total(b, &pool, &proxy).await, staked, "the pool's views move only at ping");
    let stranger = b.create_account("pinger", 10 * ONE_NEAR).await;
    ping(b, &stranger, &pool).await;
    let with_rewards = pool_total(b, &pool, &proxy).await;
    assert!(with_rewards > staked, "after ping the proxy's stake grew: {staked} -> {with_rewards}");
    println!(
        "[{}] {} staked in {pool} earned {} over 4 epochs",
        b.name(),
        format_near(staked),
        format_near(with_rewards - staked)
    );

    let position = read_position(b, f, &user, &f.pools).await;
    assert_identities(&position);
    let leg = position.direct.iter().find(|p| p.pool_id == pool).expect("the pool is in the position");
    assert_eq!(leg.rewards.0, with_rewards - leg.recorded(), "the position's rewards are the pool's growth");
    assert!(position.totals.rewards.0 > 0);

    let out = call_json(b, &user, &proxy, "unstake", json!({ "pool_id": pool }), 1, 100 * TGAS).await;
    assert!(out.ok && out.failed_receipts.is_empty(), "{:?} {:?}", out.failure, out.failed_receipts);
    b.advance_epochs(4).await;
    let before = b.balance(&user).await.unwrap();
    let out = call_json(b, &user, &proxy, "withdraw", json!({ "pool_id": pool }), 1, 150 * TGAS).await;
    assert!(out.ok && out.failed_receipts.is_empty(), "{:?} {:?}", out.failure, out.failed_receipts);
    let received = b.balance(&user).await.unwrap() + out.tokens_burnt + 1 - before;
    assert!(
        received.abs_diff(with_rewards) <= 1,
        "principal and the chain's rewards reach the owner: {received} vs {with_rewards}"
    );
    assert!(received > staked, "more than was staked");
}

/// A move started after rewards accrued carries them: pool B receives what pool A held,
/// rewards included, and a keeper finishes it four epochs later.
pub async fn chain_rewards_move_with_the_stake<B: Backend>(b: &mut B, f: &Fixture) {
    let user = b.create_account("user-rewards-move", 1_000 * ONE_NEAR).await;
    let (from, to) = (f.pools[0].clone(), f.pools[1].clone());
    let policy = json!({ "legs": [{ "target": from, "bps": 10_000 }] });
    let d = deposit(b, f, &user, 60 * ONE_NEAR, json!({ "policy": policy }), 0).await;
    assert!(d.outcome.ok && d.outcome.failed_receipts.is_empty(), "{:?}", d.outcome.failed_receipts);
    let (proxy, _) = f.proxy_of(b, &user).await;
    let staked = pool_total(b, &from, &proxy).await;
    b.advance_epochs(4).await;
    ping(b, &user, &from).await;
    let in_a = pool_total(b, &from, &proxy).await;
    assert!(in_a > staked, "rewards accrued before the move");

    let args = json!({ "from_pool": from, "to_pool": to });
    let out = call_json(b, &user, &proxy, "move_stake", args, 1, 100 * TGAS).await;
    assert!(out.ok && out.failed_receipts.is_empty(), "{:?} {:?}", out.failure, out.failed_receipts);
    b.advance_epochs(4).await;
    let keeper = b.create_account("keeper-rewards", 10 * ONE_NEAR).await;
    let mut moved = Vec::new();
    for _ in 0..2 {
        let out = call_json(b, &keeper, &proxy, "finish_move", json!({ "from_pool": from }), 0, 300 * TGAS).await;
        assert!(out.ok && out.failed_receipts.is_empty(), "{:?} {:?}", out.failure, out.failed_receipts);
        moved = out.events_named("stake_moved");
        if !moved.is_empty() {
            break;
        }
    }
    assert_eq!(moved.len(), 1, "the move finished");
    let in_b = pool_total(b, &to, &proxy).await;
    assert!(in_b.abs_diff(in_a) <= 2, "pool A held {in_a} with rewards; pool B holds {in_b}");
    assert_eq!(pool_total(b, &from, &proxy).await, 0);
}
