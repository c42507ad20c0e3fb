//! A seeded random multi-user simulation on the in-process chain: deposits with random
//! profiles and policies, leg and delivery failures, pool rewards (NEAR sent to a pool, a new
//! epoch and a ping, as a real pool earns), claims, unstakes, withdrawals,
//! moves finished by keepers, router upgrades and epochs, with every invariant checked after
//! every step. The pools also drift by a few yoctoNEAR up or down and now and then lose 0.1%
//! of their stake (the mock's `set_balance_delta`: a loss moves no NEAR, the pool's share price
//! falls, which the real pool never allows).
//!
//! Invariants (checked after every step by `checks::check_all`):
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
//! The holders also leave their liquid tokens themselves, as random steps (`liquid.rs`,
//! `swaps.rs`; calls built by `router_core::exit_calls`, next to the exit venues
//! `harness::venues::deploy_exit_venues` deploys: wNEAR, a Ref-shaped exchange with a
//! token/wNEAR pool per token, Meta Pool liquidity and a provider adding more): the delayed
//! `unstake` / `unstake_all` and withdrawal of both shapes (refused before the unlock; every
//! unstake resets the whole bucket's wait, also a bucket already withdrawable; LiNEAR waits an
//! epoch more after `epoch_stake`), over-large unstakes (refused), Meta Pool's
//! `liquid_unstake` (paid exactly its quote, or refused with the tokens kept when the minimum
//! is missed or the liquidity is short), swaps to wNEAR and back with `min_amount_out` met
//! (`get_return`'s quote arrives) or missed (E68: every unit refunded) or a token whose
//! transfers fail (refused), and unwraps. Each step checks the holder's NEAR, tokens, wNEAR and
//! unstaked bucket to the yoctoNEAR; invariants 1 and 2 count every new account and holder,
//! and 7 to 10 (`exit_checks.rs`) hold after every step: wNEAR backed and conserved, the
//! exchange's reserves equal its balances (and their product never falls), each token solvent
//! for its buckets and liquidity, and every bucket and unlock epoch the model's.
//!
//! `SIM_SEED` and `SIM_STEPS` replay or lengthen a run; `soak.rs` runs many seeds
//! (`scripts/soak.sh`). Files: `model.rs` (the generator, the report, the run's state),
//! `checks.rs` (invariants 1 to 6 and the reads they use), `exit_checks.rs` (7 to 10),
//! `direct.rs` (the owner's exits through the proxy), `liquid.rs` and `swaps.rs` (the liquid
//! tokens' exits), this file (the set-up and the other steps).

use crate::ledger::{assert_conserved, Snapshot};
use crate::scenarios::{deposit, PROFILES};
use harness::backend::{call_json, Backend};
use harness::fixture::{reward_pool, u128_of, Fixture, RESTAKE_CALL_GAS};
use router_core::gas::TGAS;
use router_core::{AccountId, LstProtocol, ONE_NEAR};
use serde_json::json;

mod checks;
mod direct;
mod exit_checks;
mod liquid;
mod model;
pub mod soak;
mod swaps;

use checks::{check_all, ping_pools, random_policy, total_near};
use model::{Liquid, Sim};
pub use model::{LiquidReport, Report, Rng};

/// Users depositing and leaving.
const USERS: usize = 4;
/// Tokens (and their value in wNEAR) seeding each exchange pool.
const VENUE_DEPTH: u128 = 500 * ONE_NEAR;
/// NEAR seeding each Meta Pool-shaped token's liquidity pool.
const NSLP_SEED: u128 = 500 * ONE_NEAR;

/// Deploys the exit venues (wNEAR, the exchange with a pool per token, Meta Pool liquidity)
/// and the liquidity provider, and reads each token's shape and price.
async fn liquid_side<B: Backend>(b: &mut B, f: &Fixture, seed: u64) -> Liquid {
    let venues = harness::venues::deploy_exit_venues(b, f, VENUE_DEPTH, NSLP_SEED).await;
    let lp = b.create_account(&format!("sim-{seed}-lp"), 100_000 * ONE_NEAR).await;
    let (mut protocols, mut prices) = (Vec::new(), Vec::new());
    for lst in &f.lsts {
        let shape = b.view(lst, "get_mock_protocol", json!({})).await.unwrap();
        protocols.push(if shape == json!("meta_pool") { LstProtocol::MetaPool } else { LstProtocol::Linear });
        prices.push(u128_of(&b.view(lst, "ft_price", json!({})).await.unwrap()));
    }
    let mut reserves = Vec::new();
    for (_, pool_id) in &venues.pools {
        reserves.push(swaps::reserves(b, &venues.dex, *pool_id).await);
    }
    Liquid {
        lp,
        buckets: Default::default(),
        settled: vec![None; f.lsts.len()],
        transfers_failing: vec![false; f.lsts.len()],
        on_wnear: vec![false; USERS],
        wnear_kept: 0,
        wnear_surplus: None,
        reserves,
        epoch_offset: None,
        protocols,
        prices,
        venues,
    }
}

/// Runs `steps` random steps from `seed` on a deployed fixture and returns what it saw.
pub async fn run<B: Backend>(b: &mut B, f: &Fixture, seed: u64, steps: u64) -> Report {
    let mut rng = Rng::new(seed);
    let mut report = Report::default();
    let mut users = Vec::new();
    let mut proxies = Vec::new();
    for i in 0..USERS {
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
        liquid: liquid_side(b, f, seed).await,
    };
    sim.initial_near = total_near(b, f, &sim).await;
    for step in 0..steps {
        report.steps += 1;
        let action = rng.below(130);
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
                if let Some(i) = f.lsts.iter().position(|l| *l == mock).filter(|_| method == "set_fail_transfers") {
                    assert!(out.ok, "set_fail_transfers: {:?}", out.failure);
                    sim.liquid.transfers_failing[i] = on;
                }
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
            58..=67 => direct::unstake(b, f, &mut sim, &mut report, &mut rng, who).await,
            68..=77 => direct::withdraw(b, f, &mut sim, &mut report, who).await,
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
            86..=89 => direct::move_stake(b, f, &mut sim, &mut report, &mut rng, who).await,
            90..=91 => direct::finish_moves(b, f, &mut sim, &mut report, who).await,
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
            100..=105 => liquid::unstake(b, f, &mut sim, &mut report, &mut rng, who).await,
            106..=111 => liquid::withdraw(b, f, &mut sim, &mut report, &mut rng, who).await,
            112..=116 => liquid::liquid_unstake(b, f, &mut sim, &mut report, &mut rng, who).await,
            117..=122 => swaps::swap(b, f, &mut sim, &mut report, &mut rng, who).await,
            123..=125 => swaps::unwrap(b, &mut sim, &mut report, &mut rng, who).await,
            126..=127 => liquid::add_liquidity(b, f, &mut sim, &mut report, &mut rng).await,
            128..=129 => liquid::settle_epoch(b, f, &mut sim, &mut rng, who).await,
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
