//! The venues of the liquid tokens' instant exits, next to a [`Fixture`]: a mock wNEAR
//! (wrap.near's shape) and a mock Ref-shaped exchange with one `token`/wNEAR simple pool per
//! liquid token (pool id = the token's index in `Fixture::lsts`, 0.3% fee), each seeded by the
//! owner with `depth` tokens and their value in wNEAR at the protocol's rate (the market at
//! the peg); and liquidity in every Meta Pool-shaped
//! token's own pool (`nslp_add_liquidity`) for `liquid_unstake`.

use crate::backend::{call_json, Backend, Outcome};
use crate::contracts::load_wasm;
use crate::fixture::{Fixture, REGISTRATION};
use router_core::gas::TGAS;
use router_core::{AccountId, ONE_NEAR};
use serde_json::json;

/// Gas for a plain call on a mock.
const CALL_GAS: u64 = 30 * TGAS;
/// Gas for `ft_transfer_call` into the exchange.
const TRANSFER_CALL_GAS: u64 = 150 * TGAS;
/// Ref's fee of the simple pools, in bps.
pub const POOL_FEE_BPS: u32 = 30;

/// Where the fixture's liquid tokens can be sold at once.
#[derive(Clone, Debug)]
pub struct ExitVenues {
    /// The exchange.
    pub dex: AccountId,
    /// Wrapped NEAR, what the exchange pays in.
    pub wnear: AccountId,
    /// Per liquid token, its pool id on the exchange.
    pub pools: Vec<(AccountId, u64)>,
}

fn ok(out: &Outcome, what: &str) {
    assert!(out.ok && out.failed_receipts.is_empty(), "{what}: {:?} {:?}", out.failure, out.failed_receipts);
}

/// Deploys and seeds the venues (the owner pays: `depth` NEAR per pool side and
/// `nslp` NEAR per Meta Pool-shaped token's own pool, plus storage).
pub async fn deploy_exit_venues<B: Backend>(b: &mut B, f: &Fixture, depth: u128, nslp: u128) -> ExitVenues {
    let owner = f.owner.clone();
    let wnear = b.create_account("wnear", 10 * ONE_NEAR).await;
    b.deploy(&wnear, &load_wasm("mock_wnear")).await;
    ok(&call_json(b, &owner, &wnear, "new", json!({}), 0, CALL_GAS).await, "wnear new");
    let dex = b.create_account("dex", 10 * ONE_NEAR).await;
    b.deploy(&dex, &load_wasm("mock_dex")).await;
    ok(&call_json(b, &owner, &dex, "new", json!({ "owner_id": owner }), 0, CALL_GAS).await, "dex new");
    ok(&call_json(b, &owner, &dex, "storage_deposit", json!({}), ONE_NEAR / 10, CALL_GAS).await, "owner on the dex");
    let register = json!({ "account_id": dex, "registration_only": true });
    ok(
        &call_json(b, &owner, &wnear, "storage_deposit", register.clone(), REGISTRATION, CALL_GAS).await,
        "dex on wnear",
    );
    // Enough wNEAR for every pool at a rate of up to 2 NEAR per token.
    let wrapped = 2 * depth * f.lsts.len() as u128 + ONE_NEAR;
    ok(&call_json(b, &owner, &wnear, "near_deposit", json!({}), wrapped, CALL_GAS).await, "owner wraps NEAR");
    let mut pools = Vec::new();
    for lst in &f.lsts {
        let args = json!({ "tokens": [lst, wnear], "fee": POOL_FEE_BPS });
        let pool = call_json(b, &owner, &dex, "add_simple_pool", args, ONE_NEAR / 10, CALL_GAS).await;
        ok(&pool, "add_simple_pool");
        let pool_id = pool.json().as_u64().expect("a pool id");
        ok(&call_json(b, &owner, lst, "storage_deposit", register.clone(), REGISTRATION, CALL_GAS).await, "dex on lst");
        // The pool is seeded at the protocol's rate: `depth` tokens against their value in wNEAR.
        let shape = b.view(lst, "get_mock_protocol", json!({})).await.unwrap_or_default();
        let rate_view = if shape == json!("meta_pool") { "get_st_near_price" } else { "ft_price" };
        let rate = b.view(lst, rate_view, json!({})).await.expect("the token's rate");
        let rate: u128 = rate.as_str().and_then(|r| r.parse().ok()).expect("a rate");
        let value = router_core::exit_quote::redemption_value(depth, rate).expect("a value");
        // Enough NEAR for `depth` tokens at any price the fixture sets (at most 2 NEAR each).
        ok(&call_json(b, &owner, lst, "deposit_and_stake", json!({}), 2 * depth, CALL_GAS).await, "owner buys tokens");
        for (token, amount) in [(lst, depth), (&wnear, value)] {
            let args = json!({ "receiver_id": dex, "amount": amount.to_string(), "msg": "" });
            ok(&call_json(b, &owner, token, "ft_transfer_call", args, 1, TRANSFER_CALL_GAS).await, "deposit on dex");
        }
        let args = json!({ "pool_id": pool_id, "amounts": [depth.to_string(), value.to_string()] });
        ok(&call_json(b, &owner, &dex, "add_liquidity", args, 1, CALL_GAS).await, "add_liquidity");
        if shape == json!("meta_pool") && nslp > 0 {
            ok(&call_json(b, &owner, lst, "nslp_add_liquidity", json!({}), nslp, CALL_GAS).await, "nslp liquidity");
        }
        pools.push((lst.clone(), pool_id));
    }
    ExitVenues { dex, wnear, pools }
}
