//! A seeded random multi-user simulation on the in-process chain: deposits with random
//! profiles and policies, leg and delivery failures, pool rewards, claims, unstakes, withdrawals,
//! moves finished by keepers, router upgrades and epochs, with every invariant checked after
//! every step. (The mock pool cannot drift or lose stake; rounding drift comes from rewards.)
//!
//! Invariants (each a `check_*` below):
//! 1. **NEAR is conserved**: the balances (liquid + locked) of every account plus all NEAR burnt
//!    for gas never change (protocol 88 pays no gas rewards, so this is exact).
//! 2. **Tokens are conserved**: for each LST, the users' balances plus the router's equal the
//!    total supply, and the router holds exactly the users' claimables (it keeps no tokens of its
//!    own).
//! 3. **The router stays solvent**: its balance covers its storage plus every refund it owes.
//! 4. **Proxies match their pools**: for each proxy and pool, what the pool holds for the proxy
//!    is at least the proxy's recorded principal plus unstaking amount, minus 1 yoctoNEAR of
//!    share rounding per operation recorded (rewards only add).
//! 5. **Each deposit is conserved** (`ledger::assert_conserved`, run by every deposit) and the
//!    router's free balance never falls.
//!
//! `SIM_SEED` and `SIM_STEPS` replay or lengthen a run.

use crate::backend::{call_json, Backend};
use crate::fixture::{u128_of, Fixture, REGISTRATION};
use crate::ledger::{assert_conserved, Snapshot};
use crate::scenarios::{deposit, PROFILES};
use router_core::gas::TGAS;
use router_core::{AccountId, ONE_NEAR};
use serde_json::json;

/// A small deterministic generator (64-bit LCG), so a seed replays a run exactly.
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    /// The next value below `n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }
}

/// What a run saw, for the report.
#[derive(Debug, Default)]
pub struct Report {
    pub steps: u64,
    pub deposits: u64,
    /// Deposits the planner refused (each failed whole and was refunded).
    pub refusals: u64,
    pub failed_legs: u64,
    pub claims: u64,
    pub unstakes: u64,
    pub withdrawals: u64,
    pub moves: u64,
    pub moves_finished: u64,
    pub upgrades: u64,
    pub invariant_checks: u64,
    /// Epochs between an unstake and the withdrawal that paid it.
    pub unlock_delays: Vec<u64>,
    /// Gas burnt by `unstake` and `withdraw` transactions.
    pub unstake_gas: Vec<u64>,
    pub withdraw_gas: Vec<u64>,
    pub finish_move_gas: Vec<u64>,
}

struct Sim {
    users: Vec<AccountId>,
    proxies: Vec<AccountId>,
    /// (user, pool, epoch of the unstake) awaiting withdrawal.
    unstaking: Vec<(usize, usize, u64)>,
    /// (user, pool moved from, epoch of the request) awaiting a keeper.
    moving: Vec<(usize, usize, u64)>,
    epoch: u64,
    burnt: u128,
    initial_near: u128,
}

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
    let mut sim = Sim { users, proxies, unstaking: Vec::new(), moving: Vec::new(), epoch: 0, burnt: 0, initial_near: 0 };
    sim.initial_near = total_near(b, f, &sim).await;
    for step in 0..steps {
        report.steps += 1;
        let action = rng.below(100);
        let who = rng.below(sim.users.len() as u64) as usize;
        let user = sim.users[who].clone();
        match action {
            0..=39 => {
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
                    assert!(!out.ok && !why.is_empty() && (reason.contains(why.rsplit(": ").next().unwrap_or("?")) || reason.contains(&why)), "refused preview, deposit said {why:?} (preview: {reason})");
                    let acc = assert_conserved(b, amount, &out, &before, &after);
                    assert_eq!(acc.refunded, amount as i128);
                    report.refusals += 1;
                } else {
                    let d = deposit(b, f, &user, amount, args, 0).await;
                    sim.burnt += d.outcome.tokens_burnt;
                    report.deposits += 1;
                    report.failed_legs += (d.outcome.events_named("liquid_leg_failed").len()
                        + d.outcome.events_named("direct_leg_failed").len()) as u64;
                }
            }
            40..=49 => {
                let mocks: Vec<&AccountId> = f.pools.iter().chain(&f.lsts).collect();
                let mock = mocks[rng.below(mocks.len() as u64) as usize].clone();
                let method = if f.lsts.contains(&mock) && rng.below(2) == 0 { "set_fail_transfers" } else { "set_fail" };
                let on = rng.below(3) == 0;
                let out = call_json(b, &f.owner, &mock, method, json!({ "fail": on }), 0, 30 * TGAS).await;
                sim.burnt += out.tokens_burnt;
            }
            50..=57 => {
                let pool = f.pools[rng.below(f.pools.len() as u64) as usize].clone();
                let staked = u128_of(&b.view(&pool, "get_total_staked_balance", json!({})).await.unwrap());
                if staked > 0 {
                    let reward = staked / 1_000;
                    let out = call_json(b, &f.owner, &pool, "add_reward", json!({ "amount": reward.to_string() }), reward, 30 * TGAS).await;
                    sim.burnt += out.tokens_burnt;
                }
            }
            58..=67 => {
                let p = rng.below(f.pools.len() as u64) as usize;
                let held = pool_total(b, &f.pools[p], &sim.proxies[who]).await;
                if held > ONE_NEAR && !sim.unstaking.iter().any(|&(u, q, _)| u == who && q == p) && !sim.moving.iter().any(|&(u, q, _)| u == who && q == p) {
                    let amount = held / (1 + rng.below(3) as u128);
                    let args = json!({ "pool_id": f.pools[p], "amount": amount.to_string() });
                    let out = call_json(b, &user, &sim.proxies[who], "unstake", args, 1, 100 * TGAS).await;
                    sim.burnt += out.tokens_burnt;
                    if out.ok && out.failed_receipts.is_empty() {
                        sim.unstaking.push((who, p, sim.epoch));
                        report.unstakes += 1;
                        report.unstake_gas.push(out.gas_burnt);
                    }
                }
            }
            68..=77 => {
                if let Some(i) = sim.unstaking.iter().position(|&(u, _, _)| u == who) {
                    let (_, p, since) = sim.unstaking[i];
                    let out = call_json(b, &user, &sim.proxies[who], "withdraw", json!({ "pool_id": f.pools[p] }), 1, 150 * TGAS).await;
                    sim.burnt += out.tokens_burnt;
                    let paid = out.ok && out.events_named("withdrawn").len() == 1;
                    if paid {
                        sim.unstaking.remove(i);
                        report.withdrawals += 1;
                        report.unlock_delays.push(sim.epoch - since);
                        report.withdraw_gas.push(out.gas_burnt);
                    } else {
                        assert!(sim.epoch < since + 4 || !out.failed_receipts.is_empty(), "withdraw refused after unlock: {:?}", out.failure);
                    }
                }
            }
            78..=85 => {
                let claimables = f.view(b, "get_claimables", json!({ "account_id": user })).await;
                if let Some((token, _)) = claimables.as_object().and_then(|m| m.iter().next()) {
                    let token: AccountId = token.parse().unwrap();
                    let reg = call_json(b, &user, &token, "storage_deposit", json!({ "account_id": user, "registration_only": true }), REGISTRATION, 30 * TGAS).await;
                    let out = call_json(b, &user, &f.router, "claim", json!({ "token_id": token }), 1, 100 * TGAS).await;
                    sim.burnt += reg.tokens_burnt + out.tokens_burnt;
                    report.claims += out.events_named("claimed").len() as u64;
                }
            }
            86..=89 => {
                // Move stake to the other pool; keepers finish due moves below.
                let from = rng.below(f.pools.len() as u64) as usize;
                let to = (from + 1) % f.pools.len();
                let held = pool_total(b, &f.pools[from], &sim.proxies[who]).await;
                if held > ONE_NEAR && !sim.unstaking.iter().any(|&(u, q, _)| u == who && q == from) {
                    let args = json!({ "from_pool": f.pools[from], "to_pool": f.pools[to], "confirm_timer_reset": true });
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
                    let out = call_json(b, &keeper, &sim.proxies[u], "finish_move", json!({ "from_pool": f.pools[from] }), 0, 200 * TGAS).await;
                    sim.burnt += out.tokens_burnt;
                    if out.events_named("stake_moved").len() == 1 {
                        report.moves_finished += 1;
                        report.finish_move_gas.push(out.gas_burnt);
                    } else {
                        still.push((u, from, since));
                    }
                }
                sim.moving = still;
            }
            92 => {
                // The owner upgrades the live router (same code): nothing may change for users.
                let out = b.call(&f.owner, &f.router, "upgrade", wasm_checks::load_wasm("router_contract"), 1, 300 * TGAS).await;
                sim.burnt += out.tokens_burnt;
                assert!(out.ok && out.failed_receipts.is_empty(), "upgrade: {:?} {:?}", out.failure, out.failed_receipts);
                report.upgrades += 1;
            }
            93..=94 => {
                for contract in [&f.router, &sim.proxies[who]] {
                    if let Ok(owed) = b.view(contract, "get_owed_refund", json!({ "account_id": user })).await {
                        if u128_of(&owed) > 0 {
                            let out = call_json(b, &user, contract, "release_refund", json!({ "account_id": user }), 0, 50 * TGAS).await;
                            sim.burnt += out.tokens_burnt;
                        }
                    }
                }
            }
            _ => {
                b.advance_epochs(1).await;
                sim.epoch += 1;
            }
        }
        report.invariant_checks += check_all(b, f, &sim).await;
        let _ = step;
    }
    report
}

fn random_policy(rng: &mut Rng, f: &Fixture) -> serde_json::Value {
    let all: Vec<&AccountId> = f.pools.iter().chain(&f.lsts).collect();
    let n = 1 + rng.below(all.len() as u64) as usize;
    let start = rng.below(all.len() as u64) as usize;
    let chosen: Vec<&AccountId> = (0..n).map(|k| all[(start + k) % all.len()]).collect();
    let mut weights: Vec<u64> = chosen.iter().map(|_| 1 + rng.below(100)).collect();
    let total: u64 = weights.iter().sum();
    for w in &mut weights {
        *w = (*w * 10_000 / total).max(1);
    }
    let sum: u64 = weights.iter().sum();
    weights[0] = weights[0] + 10_000 - sum.min(10_000 + weights[0] - 1);
    let legs: Vec<_> = chosen.iter().zip(&weights).map(|(t, w)| json!({ "target": t, "bps": w })).collect();
    json!({ "legs": legs })
}

async fn pool_total<B: Backend>(b: &B, pool: &AccountId, proxy: &AccountId) -> u128 {
    u128_of(&b.view(pool, "get_account_total_balance", json!({ "account_id": proxy })).await.unwrap())
}

async fn total_near<B: Backend>(b: &B, f: &Fixture, sim: &Sim) -> u128 {
    let mut accounts: Vec<&AccountId> = vec![&f.router, &f.owner];
    accounts.extend(f.pools.iter().chain(&f.lsts).chain(&sim.users).chain(&sim.proxies));
    let mut total = 0;
    for a in accounts {
        total += b.balance(a).await.unwrap_or(0) + b.locked(a).await.unwrap_or(0);
    }
    total
}

async fn check_all<B: Backend>(b: &B, f: &Fixture, sim: &Sim) -> u64 {
    // 1. NEAR conserved.
    let now = total_near(b, f, sim).await;
    assert_eq!(now + sim.burnt, sim.initial_near, "NEAR appeared or vanished: {} yocto", now as i128 + sim.burnt as i128 - sim.initial_near as i128);
    // 2. Tokens conserved; the router holds exactly the claimables.
    let mut claimable_per_token = std::collections::BTreeMap::<String, u128>::new();
    let mut owed = 0;
    for user in &sim.users {
        let c = f.view(b, "get_claimables", json!({ "account_id": user })).await;
        for (token, amount) in c.as_object().unwrap() {
            *claimable_per_token.entry(token.clone()).or_default() += u128_of(amount);
        }
        owed += u128_of(&f.view(b, "get_owed_refund", json!({ "account_id": user })).await);
    }
    for lst in &f.lsts {
        let supply = u128_of(&b.view(lst, "ft_total_supply", json!({})).await.unwrap());
        let router_holds = u128_of(&b.view(lst, "ft_balance_of", json!({ "account_id": f.router })).await.unwrap());
        let mut users_hold = 0;
        for user in &sim.users {
            users_hold += u128_of(&b.view(lst, "ft_balance_of", json!({ "account_id": user })).await.unwrap());
        }
        assert_eq!(users_hold + router_holds, supply, "{lst}: tokens outside users and router");
        assert_eq!(router_holds, claimable_per_token.get(lst.as_str()).copied().unwrap_or(0), "{lst}: router tokens != claimables");
    }
    // 3. Router solvent.
    let storage = u128::from(b.storage_usage(&f.router).await.unwrap()) * 10_000_000_000_000_000_000;
    assert!(b.balance(&f.router).await.unwrap() >= storage + owed, "router cannot cover its storage and owed refunds");
    // 4. Proxies match their pools.
    for proxy in &sim.proxies {
        let Ok(pools) = b.view(proxy, "get_pools", json!({})).await else { continue };
        for p in pools.as_array().unwrap() {
            let pool: AccountId = p["pool_id"].as_str().unwrap().parse().unwrap();
            let recorded = u128_of(&p["principal"]) + p.get("unstaked_pending").map(u128_of).unwrap_or(0);
            let held = pool_total(b, &pool, proxy).await;
            assert!(held + 16 >= recorded, "{proxy} records {recorded} in {pool} but the pool holds {held}");
        }
    }
    4
}
