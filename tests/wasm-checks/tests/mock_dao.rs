//! The built mock Sputnik DAO (`res/mock_dao.wasm`) on the real VM: its refusals reach the
//! caller with Sputnik's messages, and its proposal callback refuses outsiders.

use near_vm_runner::logic::types::PromiseResult;
use serde_json::json;
use wasm_checks::{load_wasm, CallOptions, ContractAccount, ONE_NEAR};

const DAO: &str = "dao.near";
const MEMBER: &str = "member.near";

/// A DAO whose council is [`MEMBER`], with a 1 NEAR bond, and one `Vote` proposal (id 0).
fn dao() -> ContractAccount {
    let mut dao = ContractAccount::deploy(DAO, load_wasm("mock_dao"));
    let out = dao.call("new", json!({ "council": [MEMBER], "proposal_bond": ONE_NEAR.to_string() }), MEMBER, 0);
    out.assert_ok();
    println!("{}", out.gas_line("mock DAO init"));
    let proposal = json!({ "proposal": { "description": "signal", "kind": "Vote" } });
    let out = dao.call("add_proposal", proposal, MEMBER, ONE_NEAR);
    out.assert_ok();
    assert_eq!(out.return_json(), json!(0));
    println!("{}", out.gas_line("add_proposal (Vote)"));
    dao
}

#[test]
fn refusals_carry_sputniks_messages() {
    let mut dao = dao();
    let proposal = json!({ "proposal": { "description": "signal", "kind": "Vote" } });
    dao.call("add_proposal", proposal, MEMBER, ONE_NEAR + 1).assert_panic_contains("ERR_MIN_BOND");
    let transfer = json!({ "Transfer": { "token_id": "", "receiver_id": MEMBER, "amount": "1", "msg": null } });
    let proposal = json!({ "proposal": { "description": "pay", "kind": transfer } });
    dao.call("add_proposal", proposal, MEMBER, ONE_NEAR).assert_panic_contains("ERR_UNSUPPORTED_KIND");
    let act = json!({ "id": 0, "action": "VoteApprove", "proposal": "Vote" });
    dao.call("act_proposal", act.clone(), "stranger.near", 0).assert_panic_contains("ERR_PERMISSION_DENIED");
    let wrong = json!({ "id": 0, "action": "VoteApprove", "proposal": transfer });
    dao.call("act_proposal", wrong, MEMBER, 0).assert_panic_contains("ERR_WRONG_KIND");
    let out = dao.call("act_proposal", act, MEMBER, 0);
    out.assert_ok();
    println!("{}", out.gas_line("act_proposal VoteApprove (Vote: the bond goes back)"));
    assert_eq!(dao.call("get_proposal", json!({ "id": 0 }), MEMBER, 0).return_json()["status"], "Approved");
}

#[test]
fn the_proposal_callback_is_private() {
    let mut dao = dao();
    let options = CallOptions::new(MEMBER, json!({ "proposal_id": 0 })).promise_results(vec![PromiseResult::Failed]);
    dao.call_with("on_proposal_callback", options).assert_panic_contains("Method on_proposal_callback is private");
    assert_eq!(dao.call("get_proposal", json!({ "id": 0 }), MEMBER, 0).return_json()["status"], "InProgress");
}
