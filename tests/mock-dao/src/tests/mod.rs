//! Unit tests of the mock DAO (near-sdk mocked blockchain). One file per concern:
//! `add.rs` (`add_proposal`), `vote.rs` (votes and permissions), `execute.rs` (the promise,
//! its callback and `Finalize`), `views.rs`.

use near_sdk::json_types::{Base64VecU8, U128, U64};
use near_sdk::{serde_json, AccountId, PromiseResult};
use test_support::{calls, id, transfers, ALICE, BOB, ROUTER};
pub use test_support::{panic_message, ONE_NEAR};

use crate::{Action, ActionCall, KindInput, MockDao, ProposalInput, ProposalKind, ProposalStatus};

mod add;
mod execute;
mod views;
mod vote;

/// The policy's bond in these tests.
pub const BOND: u128 = ONE_NEAR;

/// The DAO's balance in these tests.
pub const TREASURY: u128 = 5_000 * ONE_NEAR;

/// The DAO's account.
pub fn dao_id() -> AccountId {
    id("dao.sputnik-dao.near")
}

/// The council member.
pub fn alice() -> AccountId {
    id(ALICE)
}

/// An account outside the council.
pub fn bob() -> AccountId {
    id(BOB)
}

/// The router the proposals call.
pub fn router() -> AccountId {
    id(ROUTER)
}

/// Sets the mocked context: `caller` calls the DAO with `deposit` attached at `timestamp`,
/// with the callback's `results` if any.
pub fn set_context_at(caller: &AccountId, deposit: u128, timestamp: u64, results: Vec<PromiseResult>) {
    let mut ctx = test_support::context(&dao_id(), caller, deposit, TREASURY);
    ctx.block_timestamp(timestamp);
    test_support::testing_env!(ctx.build(), results);
}

/// Sets the mocked context: `caller` calls the DAO with `deposit` attached.
pub fn set_context(caller: &AccountId, deposit: u128) {
    set_context_at(caller, deposit, 1_000, Vec::new());
}

/// A DAO whose council is `council`, with [`BOND`].
pub fn new_dao(council: &[AccountId]) -> MockDao {
    set_context(&dao_id(), 0);
    MockDao::new(council.to_vec(), U128(BOND))
}

/// A `FunctionCall` kind: the router's `deposit` by the balanced profile with `amount`
/// attached and `gas`.
pub fn deposit_kind(amount: u128, gas: u64) -> ProposalKind {
    ProposalKind::FunctionCall {
        receiver_id: router(),
        actions: vec![ActionCall {
            method_name: "deposit".into(),
            args: Base64VecU8(br#"{"profile":"balanced"}"#.to_vec()),
            deposit: U128(amount),
            gas: U64(gas),
        }],
    }
}

/// `caller` adds a proposal of `kind` with the bond; returns its id.
pub fn add(dao: &mut MockDao, caller: &AccountId, kind: ProposalKind) -> u64 {
    set_context(caller, BOND);
    dao.add_proposal(ProposalInput { description: "test".into(), kind: KindInput::Supported(kind) })
}

/// `caller` acts on proposal `id`, naming `kind` (at timestamp 2,000).
pub fn act(dao: &mut MockDao, caller: &AccountId, id: u64, action: Action, kind: &ProposalKind) {
    set_context_at(caller, 0, 2_000, Vec::new());
    dao.act_proposal(id, action, KindInput::Supported(kind.clone()), None);
}

/// The DAO's callback for proposal `id` runs with `result`.
pub fn callback(dao: &mut MockDao, id: u64, result: PromiseResult) {
    set_context_at(&dao_id(), 0, 3_000, vec![result]);
    let _ = dao.on_proposal_callback(id);
}

/// The status of proposal `id`.
pub fn status(dao: &MockDao, id: u64) -> ProposalStatus {
    dao.get_proposal(id).proposal.status
}

/// Asserts that `f` panics with a message containing `expected`.
pub fn assert_panics_with<F: FnOnce()>(expected: &str, f: F) {
    let message = panic_message(f);
    assert!(message.contains(expected), "expected {expected:?}, got {message:?}");
}

/// Parses JSON into `T` as near-sdk parses arguments.
pub fn parse<T: near_sdk::serde::de::DeserializeOwned>(json: &str) -> Result<T, serde_json::Error> {
    serde_json::from_str(json)
}

/// Every transfer and function call created in this context.
pub fn receipts() -> (Vec<(AccountId, u128)>, Vec<test_support::Call>) {
    (transfers(), calls())
}
