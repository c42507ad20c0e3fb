//! A DAO routes treasury NEAR through the router in one proposal: the mock Sputnik DAO v2
//! (`tests/mock-dao`) with one council member adds a `FunctionCall` proposal to the router's
//! `deposit`, and the member's `act_proposal` `VoteApprove`, prepaid exactly 300 TGas (what DAO
//! apps send), executes it in that transaction. Every routing is checked for conservation from
//! the DAO's side ([`crate::ledger`]), and the gas the DAO burns is printed.

use crate::ledger::{assert_conserved_paying, Accounting, Snapshot};
use crate::scenarios::{ft_balance, legs_of, pool_total};
use harness::backend::{call_json, Backend, Outcome};
use harness::dao::{deploy_dao, function_call, Dao, DAO_BOND};
use harness::fixture::{u128_of, Fixture};
use router_core::exit_gas::{UNSTAKE_GAS, WITHDRAW_GAS};
use router_core::gas::TGAS;
use router_core::position::NUM_EPOCHS_TO_UNLOCK;
use router_core::{proxy_api, ONE_NEAR};
use serde_json::{json, Value};

/// What DAO apps and many wallets prepay at most, and what every `act_proposal` here gets.
const ACT_GAS: u64 = 300 * TGAS;
/// The treasury NEAR each DAO routes.
const AMOUNT: u128 = 1_000 * ONE_NEAR;
/// The DAO's treasury: the amount and room for a second try.
const TREASURY: u128 = 1_200 * ONE_NEAR;

/// A routing proposal and its execution.
struct Routed {
    /// The proposal's id.
    id: u64,
    /// Its kind, as `act_proposal` must name it.
    kind: Value,
    /// The router's plan for it, read before the proposal was added.
    plan: Value,
    /// The `act_proposal` transaction.
    act: Outcome,
    /// Where the treasury NEAR went.
    accounting: Accounting,
    /// What the member received in the `act_proposal` transaction besides its gas refunds
    /// (the bond, when the proposal is approved).
    bond_back: i128,
}

/// Proposes a `deposit(deposit_args)` of [`AMOUNT`] with the gas the router's preview asks
/// for (the DAO as depositor and beneficiary). With `paused`, the router's owner pauses the
/// router after the proposal is added. Then the member approves it with exactly [`ACT_GAS`].
async fn route<B: Backend>(b: &mut B, f: &Fixture, dao: &Dao, deposit_args: Value, paused: bool) -> Routed {
    let mut preview = deposit_args.clone();
    preview["amount"] = json!(AMOUNT.to_string());
    preview["account_id"] = json!(dao.account);
    let plan = f.view(b, "preview_deposit", preview).await;
    let gas = plan["gas_required"].as_u64().expect("gas_required");
    let kind = function_call(&f.router, "deposit", &deposit_args, AMOUNT, gas);
    let (_, id) = dao.propose(b, "Stake 1,000 NEAR of the treasury through Stake Router", &kind).await;
    if paused {
        owner_call(b, f, "pause").await;
    }
    let (act, accounting, bond_back) = act(b, f, dao, id, "VoteApprove", &kind, &plan).await;
    Routed { id, kind, plan, act, accounting, bond_back }
}

/// The member acts on proposal `id` with [`ACT_GAS`]; checks that the DAO's treasury NEAR is
/// all accounted for (the DAO pays the member's bond back when the proposal is approved) and
/// prints the gas. Returns the outcome, the accounting and what the member received besides
/// its gas refunds.
async fn act<B: Backend>(
    b: &mut B,
    f: &Fixture,
    dao: &Dao,
    id: u64,
    action: &str,
    kind: &Value,
    plan: &Value,
) -> (Outcome, Accounting, i128) {
    let before = Snapshot::take(b, f, &dao.account, &dao.account).await;
    let member_before = b.balance(&dao.member).await.unwrap();
    let out = dao.act(b, id, action, kind, ACT_GAS).await;
    assert!(out.ok, "act_proposal {action}: {:?}", out.failure);
    let after = Snapshot::take(b, f, &dao.account, &dao.account).await;
    let member_after = b.balance(&dao.member).await.unwrap();
    let bond_back = member_after as i128 - member_before as i128 + out.tokens_burnt as i128;
    let approved = dao.status(b, id).await == "Approved";
    let paid = if approved { DAO_BOND } else { 0 };
    let accounting = assert_conserved_paying(b, AMOUNT, &out, paid, &before, &after);
    print_gas(b, dao, action, &out, plan);
    (out, accounting, bond_back)
}

/// Prints the `act_proposal` transaction's burnt gas and the DAO's own share.
fn print_gas<B: Backend>(b: &B, dao: &Dao, action: &str, out: &Outcome, plan: &Value) {
    let tgas = |g: u64| g as f64 / TGAS as f64;
    let dao_receipts: Vec<u64> = out.receipt_gas.iter().filter(|r| r.0 == dao.account).map(|r| r.2).collect();
    let (own, callback) = (dao_receipts.first().copied().unwrap_or(0), dao_receipts.get(1).copied().unwrap_or(0));
    println!(
        "[{}] DAO act_proposal {action} (prepaid {:.0} TGas, the deposit's gas {:.1}): the transaction burnt \
         {:.1} TGas; the mock DAO burnt {:.2} TGas in act_proposal (with its receipts' send costs) and {:.2} in \
         on_proposal_callback (given 10 TGas static and the unused gas)",
        b.name(),
        tgas(ACT_GAS),
        tgas(plan["gas_required"].as_u64().unwrap_or(0)),
        tgas(out.gas_burnt),
        tgas(own),
        tgas(callback),
    );
}

async fn owner_call<B: Backend>(b: &mut B, f: &Fixture, method: &str) {
    let out = call_json(b, &f.owner, &f.router, method, json!({}), 1, 30 * TGAS).await;
    assert!(out.ok, "{method}: {:?}", out.failure);
}

/// The DAO's proxy holds each direct leg of `plan` in its pool, and the DAO holds the tokens
/// each liquid leg minted; both pools and both LSTs of the fixture are used.
async fn assert_routed<B: Backend>(b: &B, f: &Fixture, dao: &Dao, plan: &Value, out: &Outcome) {
    assert!(out.failed_receipts.is_empty(), "{:?}", out.failed_receipts);
    for failed in ["direct_failed", "direct_leg_failed", "liquid_leg_failed", "claimable_recorded"] {
        assert!(out.events_named(failed).is_empty(), "{failed}: {:?}", out.logs);
    }
    let (proxy, exists) = f.proxy_of(b, &dao.account).await;
    assert!(exists, "the DAO's proxy was created");
    let direct = legs_of(plan, "validator");
    assert_eq!(direct.len(), f.pools.len(), "both pools");
    for leg in direct {
        let pool = leg["target"].as_str().unwrap().parse().unwrap();
        assert_eq!(pool_total(b, &pool, &proxy).await, u128_of(&leg["amount"]), "{pool}");
    }
    let staked = out.events_named("liquid_leg_staked");
    assert_eq!(staked.len(), f.lsts.len(), "both LSTs");
    for e in &staked {
        let token = e["token"].as_str().unwrap().parse().unwrap();
        assert_eq!(ft_balance(b, &token, &dao.account).await, u128_of(&e["minted"]), "{token}");
    }
    assert_eq!(out.events_named("tokens_delivered").len(), f.lsts.len());
}

/// The DAO routes 1,000 NEAR by the default profile (`balanced`: both pools, both LSTs) in one
/// proposal approved with exactly 300 TGas; the member's bond comes back.
pub async fn dao_routes_by_profile<B: Backend>(b: &mut B, f: &Fixture) {
    let dao = deploy_dao(b, "profile-dao", TREASURY).await;
    let r = route(b, f, &dao, json!({ "profile": "balanced" }), false).await;
    assert_eq!(dao.status(b, r.id).await, "Approved");
    assert_eq!(r.act.events_named("deposit_accepted")[0]["source"], "profile:balanced");
    assert_routed(b, f, &dao, &r.plan, &r.act).await;
    assert_eq!(r.bond_back, DAO_BOND as i128, "the bond came back to the member");
}

/// The DAO first stores its routing policy on the router through a proposal
/// (`set_account_policy`), then routes 1,000 NEAR in a proposal naming no profile or policy.
pub async fn dao_routes_by_its_stored_policy<B: Backend>(b: &mut B, f: &Fixture) {
    let dao = deploy_dao(b, "policy-dao", TREASURY).await;
    let policy = json!({ "legs": [
        { "target": f.pools[0], "bps": 4_000 }, { "target": f.pools[1], "bps": 2_000 },
        { "target": f.lsts[0], "bps": 2_000 }, { "target": f.lsts[1], "bps": 2_000 },
    ] });
    let kind = function_call(&f.router, "set_account_policy", &json!({ "policy": policy }), ONE_NEAR / 100, 30 * TGAS);
    let (_, id) = dao.propose(b, "Store the treasury's routing policy on Stake Router", &kind).await;
    let out = dao.act(b, id, "VoteApprove", &kind, ACT_GAS).await;
    assert!(out.ok && out.failed_receipts.is_empty(), "{:?} {:?}", out.failure, out.failed_receipts);
    assert_eq!(dao.status(b, id).await, "Approved");
    let stored = f.view(b, "get_account_policy", json!({ "account_id": dao.account })).await;
    assert_eq!(stored, policy);

    let r = route(b, f, &dao, json!({}), false).await;
    assert_eq!(dao.status(b, r.id).await, "Approved");
    assert_eq!(r.act.events_named("deposit_accepted")[0]["source"], "stored");
    assert_routed(b, f, &dao, &r.plan, &r.act).await;
    let shares: Vec<(&str, u64)> = r.plan["legs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["target"].as_str().unwrap(), l["policy_bps"].as_u64().unwrap()))
        .collect();
    let wanted: Vec<(&str, u64)> = policy["legs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["target"].as_str().unwrap(), l["bps"].as_u64().unwrap()))
        .collect();
    assert_eq!(shares, wanted, "routed by the stored policy");
}

/// The router is paused before the vote: the router call fails, the proposal ends Failed with
/// the bond kept, and every yoctoNEAR of the treasury's 1,000 NEAR comes back to the DAO.
/// Once the router is unpaused, `Finalize` executes the same proposal again and it is routed.
pub async fn dao_proposal_failing_keeps_the_treasury<B: Backend>(b: &mut B, f: &Fixture) {
    let dao = deploy_dao(b, "failing-dao", TREASURY).await;
    let r = route(b, f, &dao, json!({ "profile": "balanced" }), true).await;
    assert_eq!(dao.status(b, r.id).await, "Failed");
    let failed = &r.act.failed_receipts;
    assert!(
        failed.iter().any(|(who, why)| *who == f.router && why.contains("The router is paused")),
        "the router refused it: {failed:?}"
    );
    // The DAO's balance is what it was before the vote: all 1,000 NEAR came back.
    assert_eq!(r.accounting.refunded, AMOUNT as i128, "all 1,000 NEAR back: {:?}", r.accounting);
    assert_eq!(r.bond_back, 0, "the bond stays with the failed proposal");
    let (_, exists) = f.proxy_of(b, &dao.account).await;
    assert!(!exists, "nothing was created");

    owner_call(b, f, "unpause").await;
    let (out, accounting, bond_back) = act(b, f, &dao, r.id, "Finalize", &r.kind, &r.plan).await;
    assert_eq!(dao.status(b, r.id).await, "Approved");
    assert_routed(b, f, &dao, &r.plan, &out).await;
    let staked = accounting.staked_direct + accounting.staked_liquid;
    assert!(staked > (AMOUNT - ONE_NEAR) as i128, "routed this time: {accounting:?}");
    assert_eq!(bond_back, DAO_BOND as i128, "the bond came back with the approval");
}

/// The member proposes `kind` and approves it with [`ACT_GAS`]; returns the proposal's id and
/// the `act_proposal` outcome (whose transaction itself succeeds: the DAO records the result).
async fn propose_and_approve<B: Backend>(b: &mut B, dao: &Dao, description: &str, kind: &Value) -> (u64, Outcome) {
    let (_, id) = dao.propose(b, description, kind).await;
    let out = dao.act(b, id, "VoteApprove", kind, ACT_GAS).await;
    assert!(out.ok, "act_proposal: {:?}", out.failure);
    (id, out)
}

/// The proxy's `get_pools` records.
async fn pool_records<B: Backend>(b: &B, proxy: &router_core::AccountId) -> Value {
    b.view(proxy, "get_pools", json!({})).await.expect("get_pools")
}

/// A DAO's exit that did not happen fails for the DAO. The DAO routes 1,000 NEAR, unstakes
/// everything from its first pool by proposal (Approved) and, once unlocked, proposes the
/// withdrawal while the pool refuses every call: the proxy's callback keeps its records and
/// returns `exit_failed`, so the proposal ends **Failed** with the reason in the failed receipt,
/// the proxy's records are unchanged and the DAO's balance only lost the confirmation yoctoNEAR
/// (which the proxy keeps on success too). Once the pool works again, a new withdrawal proposal
/// is Approved and the unstaked NEAR reaches the DAO.
pub async fn dao_exit_refused_by_the_pool_fails_the_proposal<B: Backend>(b: &mut B, f: &Fixture) {
    let dao = deploy_dao(b, "exit-dao", TREASURY).await;
    let r = route(b, f, &dao, json!({ "profile": "balanced" }), false).await;
    assert_eq!(dao.status(b, r.id).await, "Approved");
    let (proxy, _) = f.proxy_of(b, &dao.account).await;
    let pool = f.pools[0].clone();
    let unstake = function_call(&proxy, proxy_api::UNSTAKE, &json!({ "pool_id": pool }), 1, UNSTAKE_GAS);
    let (id, _) = propose_and_approve(b, &dao, "Unstake the treasury from the first pool", &unstake).await;
    assert_eq!(dao.status(b, id).await, "Approved");
    let unstaked = pool_records(b, &proxy).await;
    let pending = unstaked.as_array().unwrap().iter().find(|p| p["pool_id"] == json!(pool)).unwrap().clone();
    let pending = u128_of(&pending["unstaked_pending"]);
    assert!(pending > 0, "the unstake is recorded: {unstaked}");
    b.advance_epochs(NUM_EPOCHS_TO_UNLOCK + 1).await;

    f.switch(b, &pool, "set_fail", json!({ "fail": true })).await;
    let withdraw = function_call(&proxy, proxy_api::WITHDRAW, &json!({ "pool_id": pool }), 1, WITHDRAW_GAS);
    let treasury = b.balance(&dao.account).await.unwrap();
    let (id, out) = propose_and_approve(b, &dao, "Withdraw the unstaked NEAR (the pool refuses)", &withdraw).await;
    assert_eq!(dao.status(b, id).await, "Failed", "a withdrawal that did not happen fails the proposal");
    let reason = format!("The pool {pool} did not report the proxy's unstaked balance; nothing was withdrawn");
    let refused = format!("The pool {pool} refused the withdrawal; nothing moved and the unstaked NEAR is still there");
    assert!(
        out.failed_receipts.iter().any(|(who, why)| *who == proxy && (why.contains(&reason) || why.contains(&refused))),
        "the proxy's exit_failed names the reason: {:?}",
        out.failed_receipts
    );
    assert_eq!(out.events_named("withdraw_failed").len(), 1, "{:?}", out.logs);
    assert_eq!(pool_records(b, &proxy).await, unstaked, "the proxy's records are unchanged");
    // The failed proposal keeps the member's bond; besides it, the DAO lost the yoctoNEAR.
    let after = b.balance(&dao.account).await.unwrap();
    assert_eq!(after, treasury + DAO_BOND - 1, "the DAO lost only the confirmation yoctoNEAR");

    f.switch(b, &pool, "set_fail", json!({ "fail": false })).await;
    let (id, out) = propose_and_approve(b, &dao, "Withdraw the unstaked NEAR", &withdraw).await;
    assert_eq!(dao.status(b, id).await, "Approved", "{:?}", out.failed_receipts);
    let withdrawn = u128_of(&out.events_named("withdrawn")[0]["amount"]);
    assert!(withdrawn >= pending, "the pool paid at least what was unstaked ({withdrawn} < {pending})");
    let gained = b.balance(&dao.account).await.unwrap() - treasury;
    assert_eq!(
        gained,
        DAO_BOND + withdrawn - 2,
        "the NEAR reached the DAO (besides the kept bond, less two yoctoNEAR)"
    );
}
