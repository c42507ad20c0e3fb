//! The owner's exits through the staking proxy, as random steps: `unstake` (a part, the
//! recorded principal, or everything), `withdraw` once unlocked (invariant 6, checked here),
//! `move_stake` to the other pool and the keepers' `finish_move`. An exit the pool refuses
//! must fail its transaction with the reason, its records settled back.

use super::checks::{pool_total, record_of};
use super::model::{Report, Rng, Sim};
use harness::backend::{call_json, Backend};
use harness::fixture::{u128_of, Fixture};
use router_core::gas::TGAS;
use router_core::ONE_NEAR;
use serde_json::json;

/// Unstakes part or all of `who`'s stake in a random pool through the proxy (`unstake`).
pub(super) async fn unstake<B: Backend>(
    b: &mut B,
    f: &Fixture,
    sim: &mut Sim,
    report: &mut Report,
    rng: &mut Rng,
    who: usize,
) {
    let user = sim.users[who].clone();
    let p = rng.below(f.pools.len() as u64) as usize;
    let held = pool_total(b, &f.pools[p], &sim.proxies[who]).await;
    if held > ONE_NEAR
        && !sim.unstaking.iter().any(|&(u, q, _, _)| u == who && q == p)
        && !sim.moving.iter().any(|&(u, q, _)| u == who && q == p)
    {
        let divisor = 1 + rng.below(5) as u128;
        let pool = &f.pools[p];
        let proxy = &sim.proxies[who];
        let before = record_of(b, proxy, pool).await;
        let principal = before.as_ref().map(|r| u128_of(&r["principal"])).unwrap_or(0);
        let staked =
            u128_of(&b.view(pool, "get_account_staked_balance", json!({ "account_id": proxy })).await.unwrap());
        let failing = b.view(pool, "is_mock_failing", json!({})).await.unwrap() == json!(true);
        // One in five unstakes everything (no amount: the pool's `unstake_all`), one
        // in five exactly the recorded principal (more than the pool holds after a
        // loss), the others a part of what the pool holds.
        let args = match divisor {
            4 => json!({ "pool_id": pool }),
            5 if principal > 0 => json!({ "pool_id": pool, "amount": principal.to_string() }),
            _ => json!({ "pool_id": pool, "amount": (held / divisor.min(4)).to_string() }),
        };
        let out = call_json(b, &user, proxy, "unstake", args, 1, 100 * TGAS).await;
        sim.burnt += out.tokens_burnt;
        if failing || (divisor == 5 && principal > staked) {
            // A failing pool, or after a loss the recorded principal (more than the
            // pool holds): the pool refuses, the proxy puts its records back
            // exactly, says so (`unstake_failed`) and the transaction fails with
            // the reason (`exit_failed`), as a wallet or a DAO must see it.
            let why = out.failure.clone().unwrap_or_default();
            assert!(!out.ok && why.contains("refused the unstake"), "refused unstake: {why:?}");
            assert_eq!(out.events_named("unstake_failed").len(), 1, "a refused unstake says so: {:?}", out.events());
            assert_eq!(record_of(b, proxy, pool).await, before, "{proxy}: records changed by a refused unstake");
            report.principal_unstakes_refused += u64::from(!failing);
        }
        if out.ok && out.failed_receipts.is_empty() {
            sim.unstaking.push((who, p, sim.epoch, sim.pool_changes[p]));
            report.unstakes += 1;
            report.unstakes_all += u64::from(divisor == 4);
            report.unstake_gas.push(out.gas_burnt);
        }
    }
}

/// Withdraws `who`'s oldest pending unstake through the proxy (`withdraw`): refused before
/// the unlock, exact after it (invariant 6).
pub(super) async fn withdraw<B: Backend>(b: &mut B, f: &Fixture, sim: &mut Sim, report: &mut Report, who: usize) {
    let user = sim.users[who].clone();
    if let Some(i) = sim.unstaking.iter().position(|&(u, _, _, _)| u == who) {
        let (_, p, since, changes) = sim.unstaking[i];
        let pool = &f.pools[p];
        let proxy = &sim.proxies[who];
        let reported =
            u128_of(&b.view(pool, "get_account_unstaked_balance", json!({ "account_id": proxy })).await.unwrap());
        let failing = b.view(pool, "is_mock_failing", json!({})).await.unwrap() == json!(true);
        let out = call_json(b, &user, proxy, "withdraw", json!({ "pool_id": pool }), 1, 150 * TGAS).await;
        sim.burnt += out.tokens_burnt;
        let events = out.events_named("withdrawn");
        let paid = out.ok && events.len() == 1;
        if sim.epoch >= since + 4 && !failing {
            // 6. After drift or a loss, withdrawing everything still works and pays
            // exactly what the pool reported.
            assert!(
                paid,
                "withdraw after unlock on a working pool failed: {:?} {:?} {:?}",
                out.failure,
                out.failed_receipts,
                out.events()
            );
            let data = if events[0].is_array() { events[0][0].clone() } else { events[0].clone() };
            assert_eq!(u128_of(&data["amount"]), reported, "{proxy} withdrew another amount than {pool} reported");
            let left =
                u128_of(&b.view(pool, "get_account_unstaked_balance", json!({ "account_id": proxy })).await.unwrap());
            assert_eq!(left, 0, "{pool} still holds {left} unstaked for {proxy} after a withdrawal of everything");
            // The records of that unstake are settled, not left stale by the loss.
            if let Some(r) = record_of(b, proxy, pool).await {
                assert!(
                    r.get("unstaked_pending").map(u128_of).unwrap_or(0) == 0 && r["unlock_epoch"].is_null(),
                    "{proxy}: stale unstake record after withdrawing everything: {r}"
                );
            }
            if sim.pool_changes[p] > changes {
                report.withdrawals_after_loss += 1;
            }
        }
        if paid {
            sim.unstaking.remove(i);
            report.withdrawals += 1;
            report.unlock_delays.push(sim.epoch - since);
            report.withdraw_gas.push(out.gas_burnt);
        } else {
            assert!(
                sim.epoch < since + 4 || !out.failed_receipts.is_empty(),
                "withdraw refused after unlock: {:?}",
                out.failure
            );
            // A withdrawal that paid nothing fails its transaction (it never
            // resolves to a quiet `false`).
            assert!(!out.ok, "a withdrawal that paid nothing succeeded: {:?}", out.events());
        }
    }
}

/// Moves `who`'s stake to the other pool (`move_stake`); keepers finish it later.
pub(super) async fn move_stake<B: Backend>(
    b: &mut B,
    f: &Fixture,
    sim: &mut Sim,
    report: &mut Report,
    rng: &mut Rng,
    who: usize,
) {
    let user = sim.users[who].clone();
    // Move stake to the other pool; keepers finish due moves below.
    let from = rng.below(f.pools.len() as u64) as usize;
    let to = (from + 1) % f.pools.len();
    let held = pool_total(b, &f.pools[from], &sim.proxies[who]).await;
    if held > ONE_NEAR && !sim.unstaking.iter().any(|&(u, q, _, _)| u == who && q == from) {
        let args = json!({ "from_pool": f.pools[from], "to_pool": f.pools[to], "confirm_timer_reset": true });
        let out = call_json(b, &user, &sim.proxies[who], "move_stake", args, 1, 100 * TGAS).await;
        sim.burnt += out.tokens_burnt;
        if out.ok && out.failed_receipts.is_empty() {
            sim.moving.push((who, from, sim.epoch));
            report.moves += 1;
        }
    }
}

/// A keeper (any account) finishes every due move (`finish_move`).
pub(super) async fn finish_moves<B: Backend>(b: &mut B, f: &Fixture, sim: &mut Sim, report: &mut Report, who: usize) {
    // A keeper (any account) finishes every due move.
    let keeper = sim.users[(who + 1) % sim.users.len()].clone();
    let mut still = Vec::new();
    for (u, from, since) in std::mem::take(&mut sim.moving) {
        if sim.epoch < since + 4 {
            still.push((u, from, since));
            continue;
        }
        let out =
            call_json(b, &keeper, &sim.proxies[u], "finish_move", json!({ "from_pool": f.pools[from] }), 0, 200 * TGAS)
                .await;
        sim.burnt += out.tokens_burnt;
        if out.events_named("stake_moved").len() == 1 {
            report.moves_finished += 1;
            report.finish_move_gas.push(out.gas_burnt);
        } else {
            // A move that did not finish fails its transaction with the step.
            assert!(!out.ok, "finish_move moved nothing and succeeded: {:?}", out.events());
            still.push((u, from, since));
        }
    }
    sim.moving = still;
}
