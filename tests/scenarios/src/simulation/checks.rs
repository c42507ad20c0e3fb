//! The simulation's invariants (`check_all`: 1 to 6 here, 7 to 10 of the liquid exits in
//! `exit_checks.rs`) and the reads and keeper steps they use.

use super::model::{Rng, Sim};
use harness::backend::{call_json, Backend};
use harness::fixture::{u128_of, Fixture};
use router_core::gas::TGAS;
use router_core::AccountId;
use serde_json::json;

pub(super) fn random_policy(rng: &mut Rng, f: &Fixture) -> serde_json::Value {
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

/// The proxy's `get_pools` entry for `pool`, if any.
pub(super) async fn record_of<B: Backend>(b: &B, proxy: &AccountId, pool: &AccountId) -> Option<serde_json::Value> {
    let pools = b.view(proxy, "get_pools", json!({})).await.ok()?;
    pools.as_array()?.iter().find(|r| r["pool_id"].as_str() == Some(pool.as_str())).cloned()
}

pub(super) async fn pool_total<B: Backend>(b: &B, pool: &AccountId, proxy: &AccountId) -> u128 {
    u128_of(&b.view(pool, "get_account_total_balance", json!({ "account_id": proxy })).await.unwrap())
}

/// Pings every pool that is not failing (a failing one refuses; it is pinged when it works again).
pub(super) async fn ping_pools<B: Backend>(b: &mut B, f: &Fixture, sim: &mut Sim) {
    for pool in &f.pools {
        if b.view(pool, "is_mock_failing", json!({})).await.unwrap() == json!(true) {
            continue;
        }
        let out = call_json(b, &f.owner, pool, "ping", json!({}), 0, 100 * TGAS).await;
        assert!(out.ok, "ping {pool}: {:?}", out.failure);
        sim.burnt += out.tokens_burnt;
    }
}

pub(super) async fn total_near<B: Backend>(b: &B, f: &Fixture, sim: &Sim) -> u128 {
    let mut accounts: Vec<&AccountId> = vec![&f.router, &f.owner, &sim.liquid.lp];
    accounts.extend([&sim.liquid.venues.dex, &sim.liquid.venues.wnear]);
    accounts.extend(f.pools.iter().chain(&f.lsts).chain(&sim.users).chain(&sim.proxies));
    let mut total = 0;
    for a in accounts {
        total += b.balance(a).await.unwrap_or(0) + b.locked(a).await.unwrap_or(0);
    }
    total
}

pub(super) async fn check_all<B: Backend>(b: &B, f: &Fixture, sim: &mut Sim) -> u64 {
    // 1. NEAR conserved.
    let now = total_near(b, f, sim).await;
    assert_eq!(
        now + sim.burnt,
        sim.initial_near + sim.minted,
        "NEAR appeared or vanished: {} yocto",
        now as i128 + sim.burnt as i128 - sim.initial_near as i128 - sim.minted as i128
    );
    // 2. Tokens conserved (every holder known); the router holds exactly the claimables.
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
        // The users, the exchange (its pools), the token's own liquidity pool (the tokens it
        // bought), the owner (what it kept from seeding the exchange) and the provider.
        let mut others_hold = 0;
        let others = [&sim.liquid.venues.dex, lst, &f.owner, &sim.liquid.lp];
        for holder in sim.users.iter().chain(others) {
            others_hold += u128_of(&b.view(lst, "ft_balance_of", json!({ "account_id": holder })).await.unwrap());
        }
        assert_eq!(others_hold + router_holds, supply, "{lst}: tokens outside the known holders");
        assert_eq!(
            router_holds,
            claimable_per_token.get(lst.as_str()).copied().unwrap_or(0),
            "{lst}: router tokens != claimables"
        );
    }
    // 3. Router solvent, with no leg's reserve left counted as in flight once every deposit has
    //    settled.
    let in_flight = u128_of(&b.view(&f.router, "get_reserves_in_flight", json!({})).await.unwrap());
    assert_eq!(in_flight, 0, "reserves still counted in flight after every leg settled");
    let storage = u128::from(b.storage_usage(&f.router).await.unwrap()) * 10_000_000_000_000_000_000;
    let balance = b.balance(&f.router).await.unwrap();
    assert!(balance >= storage + owed, "router cannot cover its storage and owed refunds");
    // ... and holds nothing beyond its storage, what it owes, and its own starting balance:
    // to the yoctoNEAR, nothing is left on it owed to no one.
    let own = balance - storage - owed;
    let start = *sim.router_own.get_or_insert(own);
    assert_eq!(own, start, "the router holds {} yoctoNEAR owed to no one", own as i128 - start as i128);
    // 4. Proxies match their pools, up to the losses the pools inflicted: the composed
    //    position's loss (exactly the records less the pool's figures) stays within them, and
    //    the position keeps its identities.
    for (q, proxy) in sim.proxies.clone().iter().enumerate() {
        let Some(position) = crate::position::read_direct(b, proxy, &f.pools).await else { continue };
        crate::position::assert_identities(&position);
        let mut seen = Vec::new();
        for d in &position.direct {
            let Some(pi) = f.pools.iter().position(|x| *x == d.pool_id) else { continue };
            let allowance = sim.allowance.get(&(q, pi)).copied().unwrap_or(0);
            assert!(
                d.loss.0 <= 16 + allowance,
                "{proxy} records {} in {} but the pool holds {} (losses allowed: {allowance})",
                d.recorded(),
                d.pool_id,
                d.value()
            );
            sim.max_shortfall = sim.max_shortfall.max(d.loss.0);
            if d.recorded() > 0 {
                seen.push(pi);
            }
        }
        // A record gone or emptied starts again without losses.
        sim.allowance.retain(|&(qq, pi), _| qq != q || seen.contains(&pi));
    }
    4 + super::exit_checks::check_exits(b, f, sim).await
}
