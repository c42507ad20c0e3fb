//! Executing an approved `FunctionCall` proposal: one promise, its callback, `Finalize`.

use super::*;
use crate::*;

const TGAS: u64 = 1_000_000_000_000;

#[test]
fn an_approved_call_is_one_promise_then_the_callback() {
    let mut dao = new_dao(&[alice()]);
    let kind = ProposalKind::FunctionCall {
        receiver_id: router(),
        actions: vec![
            ActionCall {
                method_name: "set_account_policy".into(),
                args: Base64VecU8(b"{}".to_vec()),
                deposit: U128(ONE_NEAR / 100),
                gas: U64(30 * TGAS),
            },
            ActionCall {
                method_name: "deposit".into(),
                args: Base64VecU8(b"{}".to_vec()),
                deposit: U128(1_000 * ONE_NEAR),
                gas: U64(180 * TGAS),
            },
        ],
    };
    let id = add(&mut dao, &bob(), kind.clone());
    act(&mut dao, &alice(), id, Action::VoteApprove, &kind);
    assert_eq!(status(&dao, id), ProposalStatus::Approved, "stored as approved before the callback");

    let (transfers, calls) = receipts();
    assert!(transfers.is_empty(), "the bond waits for the callback");
    assert_eq!(calls.len(), 3);
    let (policy, deposit, cb) = (&calls[0], &calls[1], &calls[2]);
    assert_eq!(policy.receipt, deposit.receipt, "both actions in one receipt");
    assert_eq!(
        (policy.receiver.clone(), policy.method.as_str(), policy.args.as_slice()),
        (router(), "set_account_policy", &b"{}"[..])
    );
    assert_eq!((policy.deposit, policy.gas, policy.weight), (ONE_NEAR / 100, 30 * TGAS, 0));
    assert_eq!(
        (deposit.method.as_str(), deposit.deposit, deposit.gas, deposit.weight),
        ("deposit", 1_000 * ONE_NEAR, 180 * TGAS, 0)
    );
    assert_eq!((cb.receiver.clone(), cb.method.as_str()), (dao_id(), "on_proposal_callback"));
    assert_eq!((cb.gas, cb.weight, cb.deposit), (10 * TGAS, 1, 0), "Sputnik's 10 TGas, near-sdk 5's default weight");
    assert_eq!(cb.after, vec![deposit.receipt as u64]);
    assert_eq!(cb.json(), near_sdk::serde_json::json!({ "proposal_id": id }));
}

#[test]
fn a_successful_promise_approves_and_returns_the_bond() {
    let mut dao = new_dao(&[alice()]);
    let kind = deposit_kind(100 * ONE_NEAR, 180 * TGAS);
    let id = add(&mut dao, &bob(), kind.clone());
    act(&mut dao, &alice(), id, Action::VoteApprove, &kind);
    callback(&mut dao, id, PromiseResult::Successful(b"{}".to_vec()));
    assert_eq!(status(&dao, id), ProposalStatus::Approved);
    assert_eq!(receipts().0, vec![(bob(), BOND)]);
    assert_eq!(dao.locked_amount.as_yoctonear(), 0);
}

#[test]
fn a_failed_promise_fails_the_proposal_and_finalize_runs_it_again() {
    let mut dao = new_dao(&[alice()]);
    let kind = deposit_kind(100 * ONE_NEAR, 180 * TGAS);
    let id = add(&mut dao, &bob(), kind.clone());
    act(&mut dao, &alice(), id, Action::VoteApprove, &kind);
    callback(&mut dao, id, PromiseResult::Failed);
    assert_eq!(status(&dao, id), ProposalStatus::Failed);
    assert!(receipts().0.is_empty(), "the bond is kept");
    assert_eq!(dao.locked_amount.as_yoctonear(), BOND);
    assert_panics_with(ERR_PROPOSAL_NOT_READY_FOR_VOTE, || act(&mut dao, &alice(), id, Action::VoteApprove, &kind));

    act(&mut dao, &alice(), id, Action::Finalize, &kind);
    assert_eq!(status(&dao, id), ProposalStatus::Approved);
    let calls = receipts().1;
    assert_eq!(calls.iter().map(|c| c.method.as_str()).collect::<Vec<_>>(), ["deposit", "on_proposal_callback"]);
    callback(&mut dao, id, PromiseResult::Successful(Vec::new()));
    assert_eq!(receipts().0, vec![(bob(), BOND)]);
    // Approved for good: Finalize refuses it now.
    assert_panics_with(ERR_PROPOSAL_NOT_IN_PROGRESS, || act(&mut dao, &alice(), id, Action::Finalize, &kind));
}

#[test]
fn finalize_refuses_a_proposal_in_its_period_and_expires_a_late_one() {
    let mut dao = new_dao(&[alice()]);
    let kind = deposit_kind(100 * ONE_NEAR, 180 * TGAS);
    let id = add(&mut dao, &bob(), kind.clone());
    assert_panics_with(ERR_PROPOSAL_NOT_EXPIRED_OR_FAILED, || act(&mut dao, &alice(), id, Action::Finalize, &kind));

    set_context_at(&alice(), 0, 1_000 + PROPOSAL_PERIOD_NS + 1, Vec::new());
    dao.act_proposal(id, Action::Finalize, KindInput::Supported(kind.clone()), None);
    assert_eq!(status(&dao, id), ProposalStatus::Expired);
    let (transfers, calls) = receipts();
    assert_eq!((transfers, calls.len()), (vec![(bob(), BOND)], 0), "bond back, nothing executed");
}

#[test]
fn a_late_vote_expires_the_proposal_without_executing_it() {
    let mut dao = new_dao(&[alice()]);
    let kind = deposit_kind(100 * ONE_NEAR, 180 * TGAS);
    let id = add(&mut dao, &bob(), kind.clone());
    set_context_at(&alice(), 0, 1_000 + PROPOSAL_PERIOD_NS + 1, Vec::new());
    dao.act_proposal(id, Action::VoteApprove, KindInput::Supported(kind.clone()), None);
    assert_eq!(status(&dao, id), ProposalStatus::Expired);
    let (transfers, calls) = receipts();
    assert!(transfers.is_empty() && calls.is_empty(), "Sputnik returns the bond only on Finalize");
}

#[test]
fn the_callback_wants_one_result() {
    let mut dao = new_dao(&[alice()]);
    let kind = deposit_kind(100 * ONE_NEAR, 180 * TGAS);
    let id = add(&mut dao, &bob(), kind.clone());
    act(&mut dao, &alice(), id, Action::VoteApprove, &kind);
    set_context_at(&dao_id(), 0, 3_000, Vec::new());
    assert_panics_with(ERR_UNEXPECTED_CALLBACK_PROMISES, || {
        let _ = dao.on_proposal_callback(id);
    });
}
