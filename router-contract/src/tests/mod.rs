//! Unit tests of the router on near-sdk's mocked blockchain, one file per concern; this file
//! holds the fixtures they share (helpers shared across crates come from `test-support`). The
//! real-VM checks and scenarios live under `tests/` at the repository root.

mod admins;
mod callbacks;
mod custody;
mod deposits;
mod guards;
mod proxy_code;
mod timelock;
mod unverified;
mod upgrades;

use crate::Router;
use near_sdk::json_types::{Base58CryptoHash, U128};
use near_sdk::mock::MockAction;
use near_sdk::serde_json::{self, Value};
use near_sdk::test_utils::{get_created_receipts, get_logs, VMContextBuilder};
use near_sdk::{testing_env, Gas, NearToken, PromiseResult};
use router_core::{LstProtocol, TargetCaps, TargetKind, Yocto, ONE_NEAR};

pub use test_support::{id, ALICE, BOB, OWNER, ROUTER};
pub const DAO: &str = "treasury.sputnik-dao.near";
pub const POOL_A: &str = "pool-a.poolv1.near";
pub const POOL_B: &str = "pool-b.poolv1.near";
pub const LINEAR: &str = "linear-protocol.near";
pub const META: &str = "meta-pool.near";
pub const REGISTRATION: u128 = 1_250_000_000_000_000_000_000;

pub fn code_hash() -> Base58CryptoHash {
    Base58CryptoHash::from([7u8; 32])
}

/// A context on the router with the given caller, attached deposit and prepaid gas.
pub fn context(predecessor: &str, deposit: u128, gas_tgas: u64) -> VMContextBuilder {
    let mut b = VMContextBuilder::new();
    b.current_account_id(id(ROUTER))
        .predecessor_account_id(id(predecessor))
        .signer_account_id(id(predecessor))
        .attached_deposit(NearToken::from_yoctonear(deposit))
        .prepaid_gas(Gas::from_tgas(gas_tgas))
        .account_balance(NearToken::from_near(1_000));
    b
}

/// Sets `ctx` with the latest protocol's fees.
pub fn set_context(ctx: near_sdk::VMContext) {
    test_support::testing_env!(ctx);
}

/// Sets the context for the next call.
pub fn call_as(predecessor: &str, deposit: u128) {
    set_context(context(predecessor, deposit, 1000).build());
}

/// Sets the context for a callback with these promise results (the router calling itself).
pub fn callback_with(results: Vec<PromiseResult>) {
    callback_with_balance(results, 1_000 * ONE_NEAR);
}

/// Same, with the router's balance set (to test refunds the router cannot fund yet).
pub fn callback_with_balance(results: Vec<PromiseResult>, balance: u128) {
    let mut b = context(ROUTER, 0, 100);
    b.account_balance(NearToken::from_yoctonear(balance));
    test_support::testing_env!(b.build(), results);
}

pub fn liquid(protocol: LstProtocol) -> TargetKind {
    TargetKind::Liquid { protocol, registration_deposit: Yocto(REGISTRATION) }
}

/// A router with two validators and two LSTs, proxy code hash set.
pub fn setup() -> Router {
    call_as(OWNER, 1);
    // Start from empty contract storage (a test may run several scenarios).
    near_sdk::mock::with_mocked_blockchain(|b| drop(b.take_storage()));
    call_as(OWNER, 1);
    let mut r = Router::new(id(OWNER), Some(code_hash()), Some(0), None);
    r.add_target(id(POOL_A), TargetKind::Validator, TargetCaps::default()).detach();
    r.add_target(id(POOL_B), TargetKind::Validator, TargetCaps::default()).detach();
    r.add_target(id(LINEAR), liquid(LstProtocol::Linear), TargetCaps::default()).detach();
    r.add_target(id(META), liquid(LstProtocol::MetaPool), TargetCaps::default()).detach();
    r
}

/// NEP-297 events logged by the last call, parsed.
pub fn events() -> Vec<Value> {
    get_logs().iter().filter_map(|l| l.strip_prefix("EVENT_JSON:")).map(|j| serde_json::from_str(j).unwrap()).collect()
}

/// Names of the events logged by the last call.
pub fn event_names() -> Vec<String> {
    events().iter().map(|e| e["event"].as_str().unwrap().to_string()).collect()
}

/// (method, args, deposit, gas) of every function call in created receipts to `receiver`.
pub fn calls_to(receiver: &str) -> Vec<(String, Value, u128, u64)> {
    test_support::calls()
        .into_iter()
        .filter(|c| c.receiver.as_str() == receiver)
        .map(|c| (c.method, serde_json::from_slice(&c.args).unwrap_or(Value::Null), c.deposit, c.gas))
        .collect()
}

/// The borsh arguments of every call the router made to its own `method`, decoded as `T` (a
/// tuple of the callback's arguments in signature order, `router_core::callback_args`).
pub fn callback_args<T: near_sdk::borsh::BorshDeserialize>(method: &str) -> Vec<T> {
    test_support::calls()
        .into_iter()
        .filter(|c| c.receiver.as_str() == ROUTER && c.method == method)
        .map(|c| c.borsh())
        .collect()
}

/// Amounts of plain transfers created to `receiver`.
pub fn transfers_to(receiver: &str) -> Vec<u128> {
    test_support::transfers().into_iter().filter(|(r, _)| r.as_str() == receiver).map(|(_, amount)| amount).collect()
}

pub fn u128_of(v: &Value) -> u128 {
    v.as_str().unwrap().parse().unwrap()
}

pub fn ok_u128(v: u128) -> PromiseResult {
    PromiseResult::Successful(serde_json::to_vec(&U128(v)).unwrap())
}

/// Sets the context for a call with this validator set (account -> stake) on the chain.
pub fn call_with_validators(predecessor: &str, deposit: u128, validators: &[(&str, u128)]) {
    let v = validators.iter().map(|(a, s)| (a.to_string(), NearToken::from_yoctonear(*s))).collect();
    testing_env!(
        context(predecessor, deposit, 1000).build(),
        near_sdk::test_vm_config(),
        test_support::protocol_fees(),
        v,
        Vec::new()
    );
}
