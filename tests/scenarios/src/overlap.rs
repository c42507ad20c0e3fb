//! Deposits sent together: the simulation's step where two transactions reach the chain in one
//! block and their receipts interleave, as on NEAR. No per-deposit ledger can tell which
//! interleaved receipt paid what, so the simulation's global invariants (NEAR and tokens
//! conserved, the router solvent, proxies matching their pools) judge the step.

use harness::backend::{Backend, Call, Outcome};
use harness::fixture::Fixture;
use router_core::AccountId;
use serde_json::{json, Value};

/// Sends each `(user, amount, args)` deposit the router's preview accepts, all in one block,
/// with the gas its preview asks for; returns their outcomes (refused previews are left out).
pub async fn deposits_together<B: Backend>(
    b: &mut B,
    f: &Fixture,
    deposits: Vec<(AccountId, u128, Value)>,
) -> Vec<Outcome> {
    let mut calls = Vec::new();
    for (user, amount, args) in deposits {
        let mut preview = args.clone();
        preview["amount"] = json!(amount.to_string());
        preview["account_id"] = json!(user);
        let Ok(plan) = b.view(&f.router, "preview_deposit", preview).await else { continue };
        let gas = plan["gas_required"].as_u64().expect("the plan's gas");
        calls.push(Call {
            signer: user,
            receiver: f.router.clone(),
            method: "deposit".into(),
            args,
            deposit: amount,
            gas,
        });
    }
    let outcomes = b.call_together(calls).await;
    for out in &outcomes {
        assert!(out.ok, "a deposit sent together with another failed: {:?}", out.failure);
    }
    outcomes
}
