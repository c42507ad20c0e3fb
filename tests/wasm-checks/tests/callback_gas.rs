//! Every callback of the built router and proxy on the real VM with **exactly** its guaranteed
//! gas (the static gas its caller attaches, `router_core::GasSchedule`), on each of its paths:
//! success, failure, unreadable answers, payouts and debts. A callback that ran out of gas would
//! abort (its state changes undone, nothing settled), so each must complete.
//!
//! The guaranteed figure is what a callback receives when its caller had no gas to spare; in a
//! deposit it also gets a share of the caller's unused gas. The harness charges no trie-node
//! gas (mainnet charges a little more), which the schedule's margins cover.

use near_primitives_core::types::{Balance, Gas};
use near_vm_runner::logic::types::PromiseResult;
use router_core::callback_args::{Announced, CodeDeposit, Delivery, DirectSettlement, LiquidLeg, Release};
use router_core::gas::{GasSchedule, PAYOUT_CALLBACK, PROXY_CODE_CALLBACK, WHITELIST_CALLBACK};
use router_core::proxy_api::PoolLeg;
use router_core::views::UnverifiedMint;
use router_core::{AccountId, Yocto};
use serde_json::json;
use wasm_checks::{load_wasm, CallOptions, CallOutcome, ContractAccount, ONE_NEAR};

const ROUTER: &str = "router.near";
const OWNER: &str = "owner.near";
const ALICE: &str = "alice.near";
const PROXY: &str = "0123456789abcdef01234567.router.near";
/// The most legs a callback settles: a policy has at most 16 legs, a proxy at most 8 pools.
const MOST_LIQUID_LEGS: usize = 16;
const MOST_POOL_LEGS: usize = 8;

fn token(i: usize) -> String {
    format!("lst{i}.near")
}

/// A router with `legs` liquid targets, each with a depeg band every mint falls outside (so
/// every settled leg also writes its band and logs a warning: the dearest path).
fn router_with_tokens(legs: usize) -> ContractAccount {
    let mut router = ContractAccount::deploy(ROUTER, load_wasm("router_contract"));
    router.call("new", json!({ "owner_id": OWNER, "timelock_seconds": 0 }), ROUTER, 0).assert_ok();
    for i in 0..legs {
        let kind = json!({ "type": "liquid", "protocol": "linear", "registration_deposit": "1250000000000000000000" });
        let caps = json!({ "max_share_bps": 10_000, "max_total_routed": null, "min_leg": "1" });
        router.call("add_target", json!({ "account_id": token(i), "kind": kind, "caps": caps }), OWNER, 1).assert_ok();
        let band = json!({ "account_id": token(i), "expected_price": ONE_NEAR.to_string(), "tolerance_bps": 1 });
        router.call("set_depeg_band", band, OWNER, 1).assert_ok();
    }
    router
}

fn id(s: &str) -> AccountId {
    s.parse().unwrap()
}

fn leg(i: usize, near: u128) -> LiquidLeg {
    LiquidLeg {
        depositor: id(ALICE),
        beneficiary: id(ALICE),
        token: id(&token(i)),
        near_amount: Yocto(near),
        reserve: Yocto(2_000_000_000_000_000_000_000),
        registration_deposit: Yocto(1_250_000_000_000_000_000_000),
    }
}

/// A callback's input: the borsh of its arguments in signature order (the router's
/// `router_core::callback_args`, the proxy's plain arguments).
fn borsh(args: impl borsh::BorshSerialize) -> Vec<u8> {
    borsh::to_vec(&args).unwrap()
}

/// Runs `method` as the contract itself with `gas` and `results`; asserts it completed.
fn run_exactly(
    account: &mut ContractAccount,
    method: &str,
    args: Vec<u8>,
    gas: u64,
    results: Vec<PromiseResult>,
    path: &str,
) {
    let caller = account.account_id.to_string();
    let options = CallOptions::raw(&caller, args).gas(Gas::from_gas(gas)).promise_results(results);
    let out: CallOutcome = account.call_with(method, options);
    assert!(out.aborted.is_none(), "{method} ({path}) with exactly {gas} gas: {:?}", out.aborted);
    println!("{}", out.gas_line(&format!("{method}, {path}, given {:.1} TGas", gas as f64 / 1e12)));
}

/// The direct part of a first deposit into the most pools a proxy holds, `amount` in all.
fn direct_settlement(amount: u128) -> DirectSettlement {
    DirectSettlement {
        depositor: id(ALICE),
        beneficiary: id(ALICE),
        proxy: id(PROXY),
        legs: (0..MOST_POOL_LEGS).map(|i| (id(&format!("pool{i}.near")), Yocto(1000))).collect(),
        amount: Yocto(amount),
        created: true,
        proxy_storage: Yocto(1000),
        proxy_record: Yocto(1000),
    }
}

fn ok(bytes: &[u8]) -> PromiseResult {
    PromiseResult::Successful(bytes.to_vec().into())
}

#[test]
fn the_settling_callback_completes_on_every_liquid_path_with_its_guaranteed_gas() {
    let g = GasSchedule::DEFAULT;
    for legs in [1, 2, 4, 8, MOST_LIQUID_LEGS] {
        let gas = g.settle_callback_attached(0, legs as u64);
        let args = || borsh((None::<DirectSettlement>, (0..legs).map(|i| leg(i, 10 * ONE_NEAR)).collect::<Vec<_>>()));
        // Every leg minted for an unregistered beneficiary but the last, which failed: a
        // registration and a delivery per leg, the joint callback, and a payout.
        let mut results = Vec::new();
        for i in 0..legs {
            if i + 1 == legs && legs > 1 {
                results.extend([PromiseResult::Failed, ok(b"null")]);
            } else {
                results.extend([ok(b"\"9000000000000000000000000\""), ok(b"null")]);
            }
        }
        let mut router = router_with_tokens(legs);
        run_exactly(&mut router, "on_deposit_settled", args(), gas, results, &format!("{legs} legs delivered"));
        // Every answer unreadable: an unverified-mint record per leg, and a payout.
        let unreadable = (0..legs).flat_map(|_| [ok(b"{oops"), ok(b"null")]).collect();
        let mut router = router_with_tokens(legs);
        run_exactly(&mut router, "on_deposit_settled", args(), gas, unreadable, &format!("{legs} unreadable"));
        // Every leg reported more than its band allows: held as unverified mints, each with
        // its warning, its record, and a payout.
        let above = (0..legs).flat_map(|_| [ok(b"\"11000000000000000000000000\""), ok(b"null")]).collect();
        let mut router = router_with_tokens(legs);
        run_exactly(
            &mut router,
            "on_deposit_settled",
            args(),
            gas,
            above,
            &format!("{legs} held: more tokens than the band allows"),
        );
        // Every leg failed: its total unrouted, and a payout.
        let failed = (0..legs).flat_map(|_| [PromiseResult::Failed, PromiseResult::Failed]).collect();
        let mut router = router_with_tokens(legs);
        run_exactly(&mut router, "on_deposit_settled", args(), gas, failed, &format!("{legs} failed"));
    }
}

#[test]
fn on_liquid_delivered_completes_on_every_path_with_its_guaranteed_gas() {
    let g = GasSchedule::DEFAULT;
    for legs in [1, 2, 4, 8, MOST_LIQUID_LEGS] {
        let gas = g.delivery_callback_attached(legs as u64);
        let deliveries: Vec<Delivery> = (0..legs)
            .map(|i| Delivery {
                leg: leg(i, 10 * ONE_NEAR),
                minted: Yocto(9),
                registration_paid: Yocto(1_250_000_000_000_000_000_000),
            })
            .collect();
        let args = || borsh(&deliveries);
        // Every delivery refused: a claimable record per leg, and a payout.
        let mut router = router_with_tokens(legs);
        let failed = (0..legs).map(|_| PromiseResult::Failed).collect();
        run_exactly(&mut router, "on_liquid_delivered", args(), gas, failed, &format!("{legs} refused"));
        let mut router = router_with_tokens(legs);
        let delivered = (0..legs).map(|_| ok(b"")).collect();
        run_exactly(&mut router, "on_liquid_delivered", args(), gas, delivered, &format!("{legs} delivered"));
    }
}

#[test]
fn the_routers_other_callbacks_complete_with_their_guaranteed_gas() {
    let g = GasSchedule::DEFAULT;
    let pools = MOST_POOL_LEGS as u64;
    let settlement = direct_settlement(8000);
    let direct_only = || borsh((Some(&settlement), Vec::<LiquidLeg>::new()));
    for (path, result) in
        [("direct refused: records undone and a refund", PromiseResult::Failed), ("accepted", ok(b"8"))]
    {
        let mut router = router_with_tokens(0);
        let gas = g.settle_callback_attached(pools, 0);
        run_exactly(&mut router, "on_deposit_settled", direct_only(), gas, vec![result], path);
    }
    // A refund larger than the router holds is recorded as owed instead of paid.
    let mut router = router_with_tokens(0);
    let owed = borsh((Some(direct_settlement(1_000 * ONE_NEAR)), Vec::<LiquidLeg>::new()));
    let gas = g.settle_callback_attached(pools, 0);
    run_exactly(&mut router, "on_deposit_settled", owed, gas, vec![PromiseResult::Failed], "direct refund owed");
    // Both parts: the direct part refused and every liquid leg delivered (registration
    // included), the dearest path of the joint callback.
    for liquid in [1, 4, 8] {
        let mut router = router_with_tokens(liquid);
        let legs: Vec<LiquidLeg> = (0..liquid).map(|i| leg(i, 10 * ONE_NEAR)).collect();
        let args = borsh((Some(&settlement), legs));
        let mut results = vec![PromiseResult::Failed];
        results.extend((0..liquid).flat_map(|_| [ok(b"\"9000000000000000000000000\""), ok(b"null")]));
        let gas = g.settle_callback_attached(pools, liquid as u64);
        let path = format!("8 pools refused, {liquid} legs delivered");
        run_exactly(&mut router, "on_deposit_settled", args, gas, results, &path);
    }

    let claim = || borsh((id(ALICE), id(&token(0)), Yocto(9), Yocto(1000)));
    for (path, result) in [("claim refused: restored and the yocto back", PromiseResult::Failed), ("claimed", ok(b""))]
    {
        let mut router = router_with_tokens(1);
        run_exactly(&mut router, "on_claim_resolved", claim(), g.delivery_callback_attached(1), vec![result], path);
    }
    // Releasing an unverified mint: credited (a new claimable and the record's storage back to
    // the depositor), refused (the record restored and `call_failed`), or a failed read.
    let mint = UnverifiedMint {
        beneficiary: id(ALICE),
        token: id(&token(0)),
        near_amount: Yocto(10 * ONE_NEAR),
        depositor: id(ALICE),
    };
    let owner = Release::Owner { minted: Yocto(9) };
    let paths: [(&str, Release, Vec<PromiseResult>); 5] = [
        ("owner's figure credited", owner.clone(), vec![ok(b"\"9\"")]),
        ("owner's figure refused", owner.clone(), vec![ok(b"\"8\"")]),
        ("balance unreadable", owner, vec![PromiseResult::Failed]),
        (
            "beneficiary's priced path",
            Release::Beneficiary,
            vec![ok(b"\"9000000000000000000000000\""), ok(b"\"1100000000000000000000000\"")],
        ),
        ("price unreadable", Release::Beneficiary, vec![ok(b"\"9\""), PromiseResult::Failed]),
    ];
    for (path, release, results) in paths {
        let mut router = router_with_tokens(1);
        let args = borsh((0u64, &mint, release, Yocto(3_000_000_000_000_000_000_000), id(OWNER)));
        let gas = router_core::unverified::UNVERIFIED_CALLBACK;
        run_exactly(&mut router, "on_unverified_read", args, gas, results, path);
    }
    for (path, result) in [("bounced: owed again", PromiseResult::Failed), ("delivered", ok(b""))] {
        let mut router = router_with_tokens(0);
        let payout = borsh((id(ALICE), Yocto(5)));
        run_exactly(&mut router, "on_refund_released", payout, PAYOUT_CALLBACK, vec![result], path);
    }
}

#[test]
fn the_proxys_stake_callback_completes_on_every_path_with_its_guaranteed_gas() {
    let g = GasSchedule::DEFAULT;
    for legs in 1..=MOST_POOL_LEGS {
        let gas = g.proxy_pools_callback_attached(legs as u64);
        let pool_legs: Vec<PoolLeg> =
            (0..legs).map(|i| PoolLeg { pool_id: id(&format!("pool{i}.near")), amount: Yocto(ONE_NEAR) }).collect();
        let paths: [(&str, Vec<PromiseResult>, u128); 3] = [
            ("all staked", (0..legs).map(|_| ok(b"")).collect(), 0),
            ("all refused, refund paid", (0..legs).map(|_| PromiseResult::Failed).collect(), 100 * ONE_NEAR),
            ("all refused, refund owed", (0..legs).map(|_| PromiseResult::Failed).collect(), 0),
        ];
        for (path, results, extra_balance) in paths {
            let mut proxy = ContractAccount::deploy(PROXY, load_wasm("staking_proxy"));
            proxy.call("new", json!({ "owner_id": OWNER, "router_id": ROUTER }), ROUTER, 0).assert_ok();
            let stake = json!({ "legs": pool_legs, "refund_to": ALICE });
            let deposit = ONE_NEAR * legs as u128;
            let options = CallOptions::new(ROUTER, stake).deposit(deposit).gas(Gas::from_teragas(1_000));
            proxy.call_with("stake", options).assert_ok();
            // The stake's NEAR left with the pool calls: the proxy holds `extra_balance` (the
            // pools' refunds, or nothing yet, so the refund is owed).
            proxy.balance = Balance::from_yoctonear(extra_balance);
            let args = borsh((&pool_legs, id(ALICE)));
            run_exactly(&mut proxy, "on_pools_staked", args, gas, results, &format!("{legs} legs, {path}"));
        }
    }
}

#[test]
fn the_proxys_payout_callback_completes_with_its_guaranteed_gas() {
    for (path, result) in [("bounced: owed again", PromiseResult::Failed), ("delivered", ok(b""))] {
        let mut proxy = ContractAccount::deploy(PROXY, load_wasm("staking_proxy"));
        proxy.call("new", json!({ "owner_id": OWNER, "router_id": ROUTER }), ROUTER, 0).assert_ok();
        let args = borsh((id(ALICE), Yocto(5)));
        run_exactly(&mut proxy, "on_payout", args, PAYOUT_CALLBACK, vec![result], path);
    }
}

#[test]
fn the_market_observation_completes_on_every_path_with_its_guaranteed_gas() {
    use router_core::market::ON_MARKET_READ_GAS;
    let rate = || ok(b"\"1100000000000000000000000\"");
    let paths: [(&str, Vec<PromiseResult>); 4] = [
        ("in band", vec![rate(), ok(b"\"1095000000000000000000000\"")]),
        ("out of band: a warning", vec![rate(), ok(b"\"900000000000000000000000\"")]),
        ("the exchange failed: the call fails", vec![rate(), PromiseResult::Failed]),
        ("the rate unreadable: the call fails", vec![ok(b"not json"), ok(b"\"1\"")]),
    ];
    for (path, results) in paths {
        let mut router = router_with_tokens(1);
        let watch =
            json!({ "token": token(0), "exchange": "dex.near", "pool_id": 0, "wnear": "wrap.near", "band_bps": 100 });
        router.call("set_market_watch", watch, OWNER, 1).assert_ok();
        run_exactly(&mut router, "on_market_read", borsh(id(&token(0))), ON_MARKET_READ_GAS, results, path);
    }
}

/// Whether the callback returned a call to the router's own `call_failed` (which fails the
/// caller's transaction with the reason).
fn fails_its_caller(out: &CallOutcome) -> bool {
    use near_vm_runner::logic::mocks::mock_external::MockAction;
    out.actions
        .iter()
        .any(|a| matches!(a, MockAction::FunctionCallWeight { method_name, .. } if method_name == b"call_failed"))
}

/// Like [`run_exactly`], returning the outcome.
fn run_checked(
    router: &mut ContractAccount,
    method: &str,
    args: Vec<u8>,
    gas: u64,
    results: Vec<PromiseResult>,
) -> CallOutcome {
    let options = CallOptions::raw(ROUTER, args).gas(Gas::from_gas(gas)).promise_results(results);
    let out = router.call_with(method, options);
    assert!(out.aborted.is_none(), "{method} with exactly {gas} gas: {:?}", out.aborted);
    out
}

/// An announcement put back by a callback whose change did not happen.
fn announced() -> Announced {
    Announced { id: 7, announced_by: id(OWNER), announced_at_ns: 1, executable_at_ns: 2 }
}

#[test]
fn the_owners_deployment_and_whitelist_callbacks_complete_on_every_path_with_their_guaranteed_gas() {
    let hash = [7u8; 32];
    // The proxy's global-contract burn: its length x 10^20 yoctoNEAR.
    let cost = 210_235 * 100_000_000_000_000_000_000u128;
    // Deployed or not, with a refund the router can pay now or one it must owe (more than it holds).
    for (path, result, extra) in [
        ("deployed: the hash recorded, the surplus sent back", ok(b""), ONE_NEAR),
        ("deployed: the surplus owed", ok(b""), 1_000 * ONE_NEAR),
        ("not deployed: the announcement back, the deposit sent back", PromiseResult::Failed, ONE_NEAR),
        ("not deployed: the deposit owed", PromiseResult::Failed, 1_000 * ONE_NEAR),
    ] {
        let mut router = router_with_tokens(0);
        let deposit = CodeDeposit { owner: id(OWNER), attached: Yocto(cost + extra), cost: Yocto(cost) };
        let failed = matches!(result, PromiseResult::Failed);
        let args = borsh((hash, deposit, Some(announced())));
        let out = run_checked(&mut router, "on_proxy_code_deployed", args, PROXY_CODE_CALLBACK, vec![result]);
        assert_eq!(fails_its_caller(&out), failed, "{path}");
        println!("{}", out.gas_line(&format!("on_proxy_code_deployed, {path}")));
    }
    // The whitelist said yes (the target added), no, or could not be read (the announcement back).
    let caps = router_core::TargetCaps::default();
    for (path, result, added) in [
        ("whitelisted: added", ok(b"true"), true),
        ("not whitelisted: refused", ok(b"false"), false),
        ("unreadable: the announcement back", ok(b"{oops"), false),
        ("the read failed: the announcement back", PromiseResult::Failed, false),
    ] {
        let mut router = router_with_tokens(0);
        let args = borsh((id("pool0.near"), &caps, id("whitelist.near"), Some(announced())));
        let out = run_checked(&mut router, "on_pool_whitelist_read", args, WHITELIST_CALLBACK, vec![result]);
        assert_eq!(fails_its_caller(&out), !added, "{path}");
        println!("{}", out.gas_line(&format!("on_pool_whitelist_read, {path}")));
    }
}
