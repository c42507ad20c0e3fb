//! The invariants of the liquid exits, checked after every step with the others
//! (`checks::check_all`):
//!
//! 7. **wNEAR is backed and conserved**: its supply is exactly what the users, the owner, the
//!    provider and the exchange hold, and the contract's NEAR beyond that supply is exactly
//!    what it held at the start plus what was left there (the users' registrations, the
//!    confirming yoctoNEAR of every wNEAR transfer).
//! 8. **The exchange's reserves match its balances**: for each token, the exchange's balance
//!    on the token equals its pools' reserves plus the owner's deposits, to the unit; and no
//!    pool's product of reserves ever falls (the fee stays in the pool).
//! 9. **Each liquid token stays solvent**: its NEAR (liquid and locked) covers its storage,
//!    every holder's unstaked bucket and its liquidity pool's NEAR.
//! 10. **The buckets are what the model says**: each holder's unstaked NEAR equals the model's,
//!     and `can_withdraw` is true exactly from the model's unlock epoch on (so both shapes'
//!     waits, Meta Pool's reset and LiNEAR's settled epoch are the protocols').

use super::liquid::{bucket, ft, liquidity};
use super::model::Sim;
use super::swaps::reserves;
use harness::backend::Backend;
use harness::fixture::{u128_of, Fixture};
use router_core::wide::mul_div_floor;
use router_core::AccountId;
use serde_json::json;

/// yoctoNEAR per byte of storage (protocol 88).
const BYTE_COST: u128 = 10_000_000_000_000_000_000;

/// Checks invariants 7 to 10; returns how many were checked.
pub(super) async fn check_exits<B: Backend>(b: &B, f: &Fixture, sim: &mut Sim) -> u64 {
    let venues = sim.liquid.venues.clone();
    let (dex, wnear) = (&venues.dex, &venues.wnear);
    // 7. wNEAR.
    let mut holders: Vec<&AccountId> = vec![&f.owner, &sim.liquid.lp, dex];
    holders.extend(&sim.users);
    let supply = u128_of(&b.view(wnear, "ft_total_supply", json!({})).await.unwrap());
    let mut held = 0;
    for h in &holders {
        held += ft(b, wnear, h).await;
    }
    assert_eq!(held, supply, "wNEAR held outside the known holders");
    let surplus = b.balance(wnear).await.unwrap() - supply;
    let start = *sim.liquid.wnear_surplus.get_or_insert(surplus - sim.liquid.wnear_kept);
    assert_eq!(surplus, start + sim.liquid.wnear_kept, "wNEAR's NEAR beyond its supply changed");
    // 8. The exchange.
    let deposits = b.view(dex, "get_deposits", json!({ "account_id": f.owner })).await.unwrap();
    let deposit_of = |t: &AccountId| deposits.get(t.as_str()).map(u128_of).unwrap_or(0);
    let mut wnear_reserves = 0;
    for (i, (lst, pool_id)) in venues.pools.iter().enumerate() {
        let (token, wrapped) = reserves(b, dex, *pool_id).await;
        assert_eq!(ft(b, lst, dex).await, token + deposit_of(lst), "{dex}: {lst} balance != reserves + deposits");
        wnear_reserves += wrapped;
        let (t0, w0) = sim.liquid.reserves[i];
        assert!(
            t0 == 0 || mul_div_floor(token, wrapped, t0).unwrap() >= w0,
            "pool {pool_id}: the product of reserves fell: ({t0}, {w0}) -> ({token}, {wrapped})"
        );
        sim.liquid.reserves[i] = (token, wrapped);
    }
    assert_eq!(
        ft(b, wnear, dex).await,
        wnear_reserves + deposit_of(wnear),
        "{dex}: wNEAR balance != reserves + deposits"
    );
    // 9. and 10. Each token's solvency and the buckets.
    for (i, lst) in f.lsts.iter().enumerate() {
        let mut owed = liquidity(b, lst).await;
        for (u, user) in sim.users.iter().enumerate() {
            let (unstaked, can_withdraw) = bucket(b, lst, user).await;
            owed += unstaked;
            let (model, unlock) = sim.liquid.buckets.get(&(u, i)).copied().unwrap_or((0, 0));
            assert_eq!(unstaked, model, "{lst}: {user}'s unstaked NEAR differs from the model");
            if model > 0 {
                assert_eq!(can_withdraw, sim.epoch >= unlock, "{lst}: {user}'s bucket unlocks at run epoch {unlock}");
            }
        }
        for other in [&f.owner, &sim.liquid.lp] {
            owed += bucket(b, lst, other).await.0;
        }
        let storage = u128::from(b.storage_usage(lst).await.unwrap()) * BYTE_COST;
        let holds = b.balance(lst).await.unwrap() + b.locked(lst).await.unwrap_or(0);
        assert!(holds >= storage + owed, "{lst} holds {holds} but owes {owed} plus {storage} of storage");
    }
    4
}
