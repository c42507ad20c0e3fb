//! A seeded random multi-user simulation on the in-process chain: deposits with random
//! profiles and policies, leg and delivery failures, pool rewards (NEAR sent to a pool, a new
//! epoch and a ping, as a real pool earns), claims, unstakes, withdrawals,
//! moves finished by keepers, router upgrades and epochs, with every invariant checked after
//! every step. The pools also drift by a few yoctoNEAR up or down and now and then lose 0.1%
//! of their stake (the mock's `set_balance_delta`: a loss moves no NEAR, the pool's share price
//! falls, which the real pool never allows).
//!
//! Invariants (each a `check_*` below):
//! 1. **NEAR is conserved**: the balances (liquid + locked) of every account plus all NEAR burnt
//!    for gas equal the start plus what epoch boundaries minted into the pools (the chain's
//!    rewards, measured across each epoch step; protocol 88 pays no gas rewards, so this is
//!    exact).
//! 2. **Tokens are conserved**: for each LST, the users' balances plus the router's equal the
//!    total supply, and the router holds exactly the users' claimables (it keeps no tokens of its
//!    own).
//! 3. **The router stays solvent and keeps nothing owed to no one**: its balance covers its
//!    storage plus every refund it owes, and what is left over is exactly its own starting
//!    balance (plus the owner's confirming yoctoNEAR of each upgrade), to the yoctoNEAR.
//! 4. **Proxies match their pools, up to the losses**: for each proxy and pool,
//!    `held + 16 + allowance >= recorded`, i.e. the composed position's `loss` is at most
//!    `16 + allowance` (and every composed position keeps `value + loss = recorded + rewards`,
//!    `crate::position::assert_identities`), where `held` is the pool's total balance of the
//!    proxy, `recorded` the proxy's `principal + unstaked_pending`, 16 yoctoNEAR the share
//!    rounding, and `allowance` the losses the pool has inflicted on that proxy since the record
//!    was last empty: each decrease `d` of a pool whose total staked balance is `T` adds
//!    `ceil(d * (s + 1) / T) + 1`, `s` being the proxy's staked balance there just before (its
//!    shares lose `d/T` of their value; unstaked balances lose nothing). Without a decrease this
//!    is the old invariant (rewards and upward drift only add). The allowance resets when the
//!    proxy's record of the pool is gone or 0 (everything withdrawn).
//! 6. **Withdrawing everything survives drift and losses** (checked at each withdrawal): once
//!    unlocked and with the pool not failing, `withdraw` succeeds (no "not enough unstaked
//!    balance" from asking for 1 yoctoNEAR too much), its `withdrawn` event pays exactly the
//!    unstaked balance the pool reported just before, and the pool's unstaked balance of the
//!    proxy is then 0. A third of the unstakes are unstake-all (no amount), so after a loss the
//!    proxy asks the pool for everything while its records say more.
//! 5. **Each deposit is conserved** (`ledger::assert_conserved`, run by every deposit) and the
//!    router's free balance never falls.
//!
//! `SIM_SEED` and `SIM_STEPS` replay or lengthen a run. Files: `model.rs` (the generator, the
//! report, the run's state), `checks.rs` (the invariants and the reads they use), this file
//! (the steps).

use crate::ledger::{assert_conserved, Snapshot};
use crate::scenarios::{deposit, PROFILES};
use harness::backend::{call_json, Backend};
use harness::fixture::{reward_pool, u128_of, Fixture, RESTAKE_CALL_GAS};
use router_core::gas::TGAS;
use router_core::{AccountId, ONE_NEAR};
use serde_json::json;

mod checks;
mod model;

use checks::{check_all, ping_pools, pool_total, random_policy, record_of, total_near};
use model::Sim;
pub use model::{Report, Rng};

/// Runs `steps` random steps from `seed` on a deployed fixture and returns what it saw.
pub async fn run<B: Backend>(b: &mut B, f: &Fixture, seed: u64, steps: u64) -> Report {
    let mut rng = Rng::new(seed);
    let mut report = Report::default();
    let mut users = Vec::new();
    let mut proxies = Vec::new();
    for i in 0..4 {
        let user = b.create_account(&format!("sim-{seed}-{i}"), 100_000 * ONE_NEAR).await;
        proxies.push(f.proxy_of(b, &user).await.0);
        users.push(user);
    }
    let mut sim = Sim {
        users,
        proxies,
        unstaking: Vec::new(),
        moving: Vec::new(),
        epoch: 0,
        burnt: 0,
        initial_near: 0,
        minted: 0,
        router_own: None,
        allowance: Default::default(),
        pool_changes: vec![0; f.pools.len()],
        max_shortfall: 0,
    };
    sim.initial_near = total_near(b, f, &sim).await;
    for step in 0..steps {
        report.steps += 1;
        let action = rng.below(100);
        let who = rng.below(sim.users.len() as u64) as usize;
        let user = sim.users[who].clone();
        match action {
            35..=39 => {
                // Two deposits in one block (now and then the same user twice), interleaving.
                let other = if rng.below(3) == 0 { who } else { rng.below(sim.users.len() as u64) as usize };
                let mut batch = Vec::new();
                for u in [who, other] {
                    let amount = (1 + rng.below(100)) as u128 * ONE_NEAR + rng.below(1_000_000) as u128;
                    batch.push((sim.users[u].clone(), amount, json!({ "profile": PROFILES[rng.below(3) as usize] })));
                }
                let outs = crate::overlap::deposits_together(b, f, batch).await;
                sim.burnt += outs.iter().map(|o| o.tokens_burnt).sum::<u128>();
                report.deposits_together += outs.len() as u64;
            }
            0..=34 => {
                let amount = (1 + rng.below(300)) as u128 * ONE_NEAR + rng.below(1_000_000) as u128;
                let args = if rng.below(2) == 0 {
                    json!({ "profile": PROFILES[rng.below(3) as usize] })
                } else {
                    json!({ "policy": random_policy(&mut rng, f) })
                };
                let mut preview = args.clone();
                preview["amount"] = json!(amount.to_string());
                preview["account_id"] = json!(user);
                if let Err(reason) = b.view(&f.router, "preview_deposit", preview).await {
                    // The planner refuses it: the deposit must fail whole, with the same reason,
                    // and give every yoctoNEAR back.
                    let before = Snapshot::take(b, f, &user, &user).await;
                    let out = f.deposit(b, &user, amount, args, 300 * TGAS).await;
                    let after = Snapshot::take(b, f, &user, &user).await;
                    sim.burnt += out.tokens_burnt;
                    let why = out.failure.clone().unwrap_or_default();
                    assert!(
                        !out.ok
                            && !why.is_empty()
                            && (reason.contains(why.rsplit(": ").next().unwrap_or("?")) || reason.contains(&why)),
                        "refused preview, deposit said {why:?} (preview: {reason})"
                    );
                    let acc = assert_conserved(b, amount, &out, &before, &after);
                    assert_eq!(acc.refunded, amount as i128);
                    report.refusals += 1;
                } else {
                    let d = deposit(b, f, &user, amount, args, 0).await;
                    sim.burnt += d.outcome.tokens_burnt;
                    report.deposits += 1;
                    report.failed_legs += (d.outcome.events_named("liquid_leg_failed").len()
                        + d.outcome.events_named("direct_leg_failed").len())
                        as u64;
                }
            }
            40..=49 => {
                let mocks: Vec<&AccountId> = f.pools.iter().chain(&f.lsts).collect();
                let mock = mocks[rng.below(mocks.len() as u64) as usize].clone();
                let method =
                    if f.lsts.contains(&mock) && rng.below(2) == 0 { "set_fail_transfers" } else { "set_fail" };
                let on = rng.below(3) == 0;
                let out = call_json(b, &f.owner, &mock, method, json!({ "fail": on }), 0, 30 * TGAS).await;
                sim.burnt += out.tokens_burnt;
                if !on && f.pools.contains(&mock) {
                    // Working again: count the rewards it missed while it refused pings.
                    ping_pools(b, f, &mut sim).await;
                }
            }
            50..=54 => {
                // Drift of a few yoctoNEAR (up: paid like a reward; down: a tiny loss), or
                // now and then a 0.1% loss.
                let p = rng.below(f.pools.len() as u64) as usize;
                let pool = f.pools[p].clone();
                let staked = u128_of(&b.view(&pool, "get_total_staked_balance", json!({})).await.unwrap());
                let decrease = rng.below(4) == 0;
                let delta: i128 = if decrease {
                    -((staked / 1_000) as i128)
                } else {
                    let d = 1 + rng.below(5) as i128;
                    if rng.below(2) == 0 {
                        d
                    } else {
                        -d
                    }
                };
                if staked > 1_000 {
                    // Each proxy's staked part loses its share of the decrease.
                    let mut staked_of = Vec::new();
                    for proxy in &sim.proxies {
                        staked_of.push(u128_of(
                            &b.view(&pool, "get_account_staked_balance", json!({ "account_id": proxy })).await.unwrap(),
                        ));
                    }
                    let attached = if delta > 0 { delta as u128 } else { 0 };
                    let out = call_json(
                        b,
                        &f.owner,
                        &pool,
                        "set_balance_delta",
                        json!({ "delta": delta.to_string() }),
                        attached,
                        RESTAKE_CALL_GAS,
                    )
                    .await;
                    sim.burnt += out.tokens_burnt;
                    if out.ok && out.failed_receipts.is_empty() {
                        sim.pool_changes[p] += 1;
                        if delta < 0 {
                            let d = delta.unsigned_abs();
                            for (q, s) in staked_of.iter().enumerate() {
                                if *s > 0 {
                                    let loss = router_core::wide::mul_div_ceil(d, s + 1, staked).unwrap() + 1;
                                    *sim.allowance.entry((q, p)).or_default() += loss;
                                }
                            }
                        }
                        if decrease {
                            report.decreases += 1;
                            report.lost += delta.unsigned_abs();
                        } else {
                            report.drifts += 1;
                            if delta < 0 {
                                report.lost += delta.unsigned_abs();
                            }
                        }
                    } else {
                        assert!(
                            u128_of(&b.view(&pool, "get_total_staked_balance", json!({})).await.unwrap()) == staked,
                            "a refused set_balance_delta changed the pool"
                        );
                    }
                }
            }
            55..=57 => {
                // A reward, as a real pool earns one: NEAR reaches the pool's account, the
                // epoch ends, and a ping counts it at once (so no later deposit's conservation
                // check sees it). Not while the pool fails: it would refuse the ping.
                let pool = f.pools[rng.below(f.pools.len() as u64) as usize].clone();
                let staked = u128_of(&b.view(&pool, "get_total_staked_balance", json!({})).await.unwrap());
                let failing = b.view(&pool, "is_mock_failing", json!({})).await.unwrap() == json!(true);
                if staked > 0 && !failing {
                    let before = total_near(b, f, &sim).await;
                    let (transfer, ping) = reward_pool(b, &f.owner, &pool, staked / 1_000).await;
                    let burnt = transfer.tokens_burnt + ping.tokens_burnt;
                    sim.burnt += burnt;
                    // The epoch it crossed minted the chain's own rewards too.
                    let after = total_near(b, f, &sim).await;
                    assert!(after + burnt >= before, "NEAR vanished at an epoch boundary");
                    sim.minted += after + burnt - before;
                    sim.epoch += 1;
                    ping_pools(b, f, &mut sim).await;
                }
            }
            58..=67 => {
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
                    let staked = u128_of(
                        &b.view(pool, "get_account_staked_balance", json!({ "account_id": proxy })).await.unwrap(),
                    );
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
                        assert_eq!(
                            out.events_named("unstake_failed").len(),
                            1,
                            "a refused unstake says so: {:?}",
                            out.events()
                        );
                        assert_eq!(
                            record_of(b, proxy, pool).await,
                            before,
                            "{proxy}: records changed by a refused unstake"
                        );
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
            68..=77 => {
                if let Some(i) = sim.unstaking.iter().position(|&(u, _, _, _)| u == who) {
                    let (_, p, since, changes) = sim.unstaking[i];
                    let pool = &f.pools[p];
                    let proxy = &sim.proxies[who];
                    let reported = u128_of(
                        &b.view(pool, "get_account_unstaked_balance", json!({ "account_id": proxy })).await.unwrap(),
                    );
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
                        assert_eq!(
                            u128_of(&data["amount"]),
                            reported,
                            "{proxy} withdrew another amount than {pool} reported"
                        );
                        let left = u128_of(
                            &b.view(pool, "get_account_unstaked_balance", json!({ "account_id": proxy }))
                                .await
                                .unwrap(),
                        );
                        assert_eq!(
                            left, 0,
                            "{pool} still holds {left} unstaked for {proxy} after a withdrawal of everything"
                        );
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
            78..=85 => {
                let claimables = f.view(b, "get_claimables", json!({ "account_id": user })).await;
                if let Some((token, _)) = claimables.as_object().and_then(|m| m.iter().next()) {
                    let token: AccountId = token.parse().unwrap();
                    let reg = f.register(b, &token, &user).await;
                    let out =
                        call_json(b, &user, &f.router, "claim", json!({ "token_id": token }), 1, 100 * TGAS).await;
                    sim.burnt += reg.tokens_burnt + out.tokens_burnt;
                    report.claims += out.events_named("claimed").len() as u64;
                }
            }
            86..=89 => {
                // Move stake to the other pool; keepers finish due moves below.
                let from = rng.below(f.pools.len() as u64) as usize;
                let to = (from + 1) % f.pools.len();
                let held = pool_total(b, &f.pools[from], &sim.proxies[who]).await;
                if held > ONE_NEAR && !sim.unstaking.iter().any(|&(u, q, _, _)| u == who && q == from) {
                    let args =
                        json!({ "from_pool": f.pools[from], "to_pool": f.pools[to], "confirm_timer_reset": true });
                    let out = call_json(b, &user, &sim.proxies[who], "move_stake", args, 1, 100 * TGAS).await;
                    sim.burnt += out.tokens_burnt;
                    if out.ok && out.failed_receipts.is_empty() {
                        sim.moving.push((who, from, sim.epoch));
                        report.moves += 1;
                    }
                }
            }
            90..=91 => {
                // A keeper (any account) finishes every due move.
                let keeper = sim.users[(who + 1) % sim.users.len()].clone();
                let mut still = Vec::new();
                for (u, from, since) in std::mem::take(&mut sim.moving) {
                    if sim.epoch < since + 4 {
                        still.push((u, from, since));
                        continue;
                    }
                    let out = call_json(
                        b,
                        &keeper,
                        &sim.proxies[u],
                        "finish_move",
                        json!({ "from_pool": f.pools[from] }),
                        0,
                        200 * TGAS,
                    )
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
            92 => {
                // The owner upgrades the live router (same code): nothing may change for users.
                let out = b
                    .call(
                        &f.owner,
                        &f.router,
                        "upgrade",
                        harness::contracts::load_wasm("router_contract"),
                        1,
                        300 * TGAS,
                    )
                    .await;
                sim.burnt += out.tokens_burnt;
                assert!(
                    out.ok && out.failed_receipts.is_empty(),
                    "upgrade: {:?} {:?}",
                    out.failure,
                    out.failed_receipts
                );
                // The owner's confirming yoctoNEAR stays with the router, as its own.
                if let Some(own) = sim.router_own.as_mut() {
                    *own += 1;
                }
                report.upgrades += 1;
            }
            93..=94 => {
                for contract in [&f.router, &sim.proxies[who]] {
                    if let Ok(owed) = b.view(contract, "get_owed_refund", json!({ "account_id": user })).await {
                        if u128_of(&owed) > 0 {
                            let out = call_json(
                                b,
                                &user,
                                contract,
                                "release_refund",
                                json!({ "account_id": user }),
                                0,
                                50 * TGAS,
                            )
                            .await;
                            sim.burnt += out.tokens_burnt;
                        }
                    }
                }
            }
            _ => {
                let before = total_near(b, f, &sim).await;
                b.advance_epochs(1).await;
                let after = total_near(b, f, &sim).await;
                assert!(after >= before, "NEAR vanished at an epoch boundary");
                sim.minted += after - before;
                sim.epoch += 1;
                // A keeper pings every pool each epoch, as on mainnet: the chain's rewards
                // count for the delegators now, not inside the next deposit's ledger.
                ping_pools(b, f, &mut sim).await;
            }
        }
        report.invariant_checks += check_all(b, f, &mut sim).await;
        report.minted = sim.minted;
        let _ = step;
    }
    report.max_shortfall = sim.max_shortfall;
    report
}
