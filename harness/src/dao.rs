//! A DAO on the chain: the mock Sputnik DAO v2 (`res/mock_dao.wasm`) with one council member
//! and a treasury, and its proposals in Sputnik's JSON (`add_proposal`, `act_proposal`,
//! `get_proposal`), so scenarios route treasury NEAR through the router as a real DAO does.

use crate::backend::{call_json, Backend, Outcome};
use base64::Engine;
use router_core::gas::TGAS;
use router_core::{AccountId, ONE_NEAR};
use serde_json::{json, Value};

/// The bond the DAO's policy asks for (Sputnik's default `proposal_bond`, 1 NEAR).
pub const DAO_BOND: u128 = ONE_NEAR;
/// The gas `add_proposal` is sent with (it only stores the proposal).
pub const ADD_PROPOSAL_GAS: u64 = 100 * TGAS;
/// What the council member's account holds: its bonds and the gas of its transactions.
pub const MEMBER_BALANCE: u128 = 100 * ONE_NEAR;
/// yoctoNEAR per byte of storage.
const BYTE_COST: u128 = 10_000_000_000_000_000_000;
/// Storage the DAO's state may take beyond its code (its policy and a few proposals).
const STATE_RESERVE: u128 = ONE_NEAR;

/// A deployed DAO.
pub struct Dao {
    /// The DAO's account (the mock Sputnik DAO contract).
    pub account: AccountId,
    /// Its one council member, who proposes and votes.
    pub member: AccountId,
}

/// Creates `<name>` holding `treasury` spendable NEAR (plus what its code and state lock) and
/// a council member `<name>-member`, deploys the mock DAO there and initialises it with that
/// one member and [`DAO_BOND`].
pub async fn deploy_dao<B: Backend>(b: &mut B, name: &str, treasury: u128) -> Dao {
    let member = b.create_account(&format!("{name}-member"), MEMBER_BALANCE).await;
    let wasm = crate::contracts::load_wasm("mock_dao");
    let storage = wasm.len() as u128 * BYTE_COST + STATE_RESERVE;
    let account = b.create_account(name, treasury + storage).await;
    b.deploy(&account, &wasm).await;
    let args = json!({ "council": [member], "proposal_bond": DAO_BOND.to_string() });
    let out = call_json(b, &member, &account, "new", args, 0, 30 * TGAS).await;
    assert!(out.ok, "dao new: {:?}", out.failure);
    Dao { account, member }
}

/// A `FunctionCall` proposal kind: `receiver.method(args)` with `deposit` and `gas`.
pub fn function_call(receiver: &AccountId, method: &str, args: &Value, deposit: u128, gas: u64) -> Value {
    let args = base64::engine::general_purpose::STANDARD.encode(args.to_string());
    json!({ "FunctionCall": { "receiver_id": receiver, "actions": [
        { "method_name": method, "args": args, "deposit": deposit.to_string(), "gas": gas.to_string() }
    ] } })
}

impl Dao {
    /// The member proposes `kind` with the bond and [`ADD_PROPOSAL_GAS`]; returns the
    /// outcome and the new proposal's id.
    pub async fn propose<B: Backend>(&self, b: &mut B, description: &str, kind: &Value) -> (Outcome, u64) {
        let args = json!({ "proposal": { "description": description, "kind": kind } });
        let out = call_json(b, &self.member, &self.account, "add_proposal", args, DAO_BOND, ADD_PROPOSAL_GAS).await;
        assert!(out.ok, "add_proposal: {:?}", out.failure);
        let id = out.json().as_u64().expect("add_proposal returns the id");
        (out, id)
    }

    /// The member acts on proposal `id` of `kind` (`"VoteApprove"`, `"Finalize"`, ...),
    /// prepaying `gas`.
    pub async fn act<B: Backend>(&self, b: &mut B, id: u64, action: &str, kind: &Value, gas: u64) -> Outcome {
        let args = json!({ "id": id, "action": action, "proposal": kind });
        call_json(b, &self.member, &self.account, "act_proposal", args, 0, gas).await
    }

    /// Proposal `id` as `get_proposal` shows it.
    pub async fn proposal<B: Backend>(&self, b: &B, id: u64) -> Value {
        b.view(&self.account, "get_proposal", json!({ "id": id })).await.unwrap_or_else(|e| panic!("get_proposal: {e}"))
    }

    /// The status of proposal `id` (`"InProgress"`, `"Approved"`, `"Failed"`, ...).
    pub async fn status<B: Backend>(&self, b: &B, id: u64) -> String {
        self.proposal(b, id).await["status"].as_str().expect("a status").to_string()
    }
}
