//! The built mock staking pool (`res/mock_staking_pool.wasm`) on the real VM: its panics reach
//! the caller with their messages and its switches are owner-only.

use serde_json::json;
use wasm_checks::{load_wasm, ContractAccount, ONE_NEAR};

const POOL: &str = "pool.near";
const OWNER: &str = "owner.near";

/// `tests/mock-staking-pool/src/lib.rs` (the real pool's and the mock's messages).
const ERR_NOT_OWNER: &str = "Can only be called by the owner";
const ERR_MOCK_FAILING: &str = "Mock pool: failing on purpose";

#[test]
fn fail_switch_is_owner_only_and_its_panic_reaches_the_caller() {
    let mut pool = ContractAccount::deploy(POOL, load_wasm("mock_staking_pool"));
    let init = json!({
        "owner_id": OWNER,
        "stake_public_key": "ed25519:3tysLvy7KGoE8pznUgXvSHa4vYyGvrDZFcT8jgb8PEQ6",
        "reward_fee_fraction": { "numerator": 0, "denominator": 1 },
    });
    pool.call("new", init.clone(), OWNER, 0).assert_ok();
    pool.call("new", init, OWNER, 0).assert_panic_contains("Already initialized");

    let out = pool.call("set_fail", json!({ "fail": true }), "attacker.near", 0);
    out.assert_panic_contains(ERR_NOT_OWNER);
    println!("{}", out.gas_line("pool set_fail by a stranger (refused)"));

    let out = pool.call("deposit_and_stake", json!({}), "proxy.router.near", 5 * ONE_NEAR);
    out.assert_ok();
    println!("{}", out.gas_line("pool deposit_and_stake (5 NEAR)"));

    pool.call("set_fail", json!({ "fail": true }), OWNER, 0).assert_ok();
    let out = pool.call("deposit_and_stake", json!({}), "proxy.router.near", 5 * ONE_NEAR);
    out.assert_panic_contains(ERR_MOCK_FAILING);
    println!("{}", out.gas_line("pool deposit_and_stake while failing (refused)"));
}
