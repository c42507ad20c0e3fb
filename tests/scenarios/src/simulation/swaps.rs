//! Exchange swaps and unwraps, as random steps: a holder sells a liquid token for wNEAR on the
//! Ref-shaped exchange (or, one in four, buys a token back with wNEAR), with
//! `min_amount_out` met (the quote less 0.5%) or missed by one unit (the exchange refuses with
//! E68 and the token refunds every unit: nothing lost); then `near_withdraw` turns wNEAR into
//! NEAR. Calls built by `router_core::exit_calls`. `get_return`'s quote is exactly what
//! arrives, and the pool's reserves move by exactly the amounts swapped.

use super::liquid::{ft, near, send, SLIPPAGE_BPS};
use super::model::{Report, Rng, Sim};
use harness::backend::Backend;
use harness::fixture::{u128_of, Fixture};
use router_core::exit_calls;
use router_core::exit_quote::min_out;
use router_core::{AccountId, ONE_NEAR};
use serde_json::json;

/// The message the exchange refuses a missed `min_amount_out` with.
const E68: &str = "E68: slippage error";

/// An exchange pool's reserves: (token, wNEAR).
pub(super) async fn reserves<B: Backend>(b: &B, dex: &AccountId, pool_id: u64) -> (u128, u128) {
    let pool = b.view(dex, "get_pool", json!({ "pool_id": pool_id })).await.unwrap();
    (u128_of(&pool["amounts"][0]), u128_of(&pool["amounts"][1]))
}

/// Registers `who` on wNEAR once (a swap's output token must know its receiver); the deposit
/// it leaves there is counted for the wNEAR invariant.
async fn register_on_wnear<B: Backend>(b: &mut B, f: &Fixture, sim: &mut Sim, who: usize) {
    if sim.liquid.on_wnear[who] {
        return;
    }
    let (user, wnear) = (sim.users[who].clone(), sim.liquid.venues.wnear.clone());
    let before = near(b, &user).await;
    let out = f.register(b, &wnear, &user).await;
    sim.burnt += out.tokens_burnt;
    assert!(out.ok, "register on wNEAR: {:?}", out.failure);
    sim.liquid.wnear_kept += before - near(b, &user).await - out.tokens_burnt;
    sim.liquid.on_wnear[who] = true;
}

/// A holder swaps on the exchange (see the module's docs).
pub(super) async fn swap<B: Backend>(
    b: &mut B,
    f: &Fixture,
    sim: &mut Sim,
    report: &mut Report,
    rng: &mut Rng,
    who: usize,
) {
    register_on_wnear(b, f, sim, who).await;
    let i = rng.below(f.lsts.len() as u64) as usize;
    let (lst, user) = (f.lsts[i].clone(), sim.users[who].clone());
    let (dex, wnear) = (sim.liquid.venues.dex.clone(), sim.liquid.venues.wnear.clone());
    let pool_id = sim.liquid.venues.pools[i].1;
    let failing = sim.liquid.transfers_failing[i];
    // Back to the token only when it can be delivered (the mock exchange, unlike Ref, has no
    // lost-and-found for an output transfer that fails).
    let back = rng.below(4) == 0 && !failing && ft(b, &wnear, &user).await > 0;
    let (token_in, token_out) = if back { (wnear.clone(), lst.clone()) } else { (lst.clone(), wnear.clone()) };
    let held = ft(b, &token_in, &user).await;
    if held < ONE_NEAR / 1_000 {
        return;
    }
    let amount = held / (1 + rng.below(4) as u128);
    let args =
        json!({ "pool_id": pool_id, "token_in": token_in, "amount_in": amount.to_string(), "token_out": token_out });
    let quote = u128_of(&b.view(&dex, exit_calls::DEX_GET_RETURN, args).await.unwrap());
    if quote == 0 {
        return;
    }
    let missed = rng.below(4) == 0;
    let min = if missed { quote + 1 } else { min_out(quote, SLIPPAGE_BPS) };
    let pool = reserves(b, &dex, pool_id).await;
    let out_before = ft(b, &token_out, &user).await;
    let near_before = near(b, &user).await;
    let out = send(b, &user, &exit_calls::swap(&token_in, &dex, pool_id, &token_out, amount, min)).await;
    sim.burnt += out.tokens_burnt;
    // The confirming yoctoNEAR stays with the token sent (unless that token refused the call).
    sim.liquid.wnear_kept += u128::from(back);
    let (in_after, out_after) = (ft(b, &token_in, &user).await, ft(b, &token_out, &user).await);
    let spent = near_before - near(b, &user).await - out.tokens_burnt;
    if failing && token_in == lst {
        // The token refuses the transfer itself: the call fails, its yoctoNEAR comes back.
        assert!(!out.ok, "{lst}: a swap while its transfers fail went through");
        assert_eq!((in_after, out_after, spent), (held, out_before, 0), "a refused swap moved something");
        report.liquid.swaps_token_refused += 1;
    } else if missed {
        assert!(out.ok, "ft_transfer_call itself succeeds: {:?}", out.failure);
        assert!(
            out.failed_receipts.iter().any(|(by, m)| *by == dex && m.contains(E68)),
            "missed min_amount_out: {:?}",
            out.failed_receipts
        );
        assert_eq!((in_after, out_after), (held, out_before), "a refused swap: every unit refunded");
        assert_eq!(reserves(b, &dex, pool_id).await, pool, "a refused swap moved the pool");
        assert_eq!(spent, 1, "a swap costs its confirming yoctoNEAR and gas only");
        report.liquid.swaps_min_missed += 1;
    } else {
        assert!(out.ok && out.failed_receipts.is_empty(), "swap: {:?} {:?}", out.failure, out.failed_receipts);
        assert_eq!(in_after, held - amount, "{token_in} sent to the exchange");
        assert_eq!(out_after, out_before + quote, "get_return's quote is what arrived");
        let expected = if back { (pool.0 - quote, pool.1 + amount) } else { (pool.0 + amount, pool.1 - quote) };
        assert_eq!(reserves(b, &dex, pool_id).await, expected, "the pool keeps the input, pays the output");
        assert_eq!(spent, 1, "a swap costs its confirming yoctoNEAR and gas only");
        if back {
            report.liquid.swaps_back += 1;
        } else {
            // The exchange confirms its wNEAR transfer with a yoctoNEAR of its own.
            sim.liquid.wnear_kept += 1;
            report.liquid.swaps += 1;
        }
    }
}

/// A holder unwraps all or half of its wNEAR (`near_withdraw`): exactly that NEAR, and the
/// confirming yoctoNEAR, come back.
pub(super) async fn unwrap<B: Backend>(b: &mut B, sim: &mut Sim, report: &mut Report, rng: &mut Rng, who: usize) {
    let (user, wnear) = (sim.users[who].clone(), sim.liquid.venues.wnear.clone());
    let held = ft(b, &wnear, &user).await;
    if held == 0 {
        return;
    }
    let amount = if rng.below(2) == 0 { held } else { held.div_ceil(2) };
    let before = near(b, &user).await;
    let call = exit_calls::unwrap_near(&wnear, amount);
    let out = send(b, &user, &call).await;
    sim.burnt += out.tokens_burnt;
    assert!(out.ok && out.failed_receipts.is_empty(), "near_withdraw: {:?}", out.failure);
    assert_eq!(near(b, &user).await + out.tokens_burnt + call.deposit.0, before + amount + 1, "unwrapped NEAR");
    assert_eq!(ft(b, &wnear, &user).await, held - amount);
    report.liquid.unwraps += 1;
    report.liquid.unwrapped += amount;
}
