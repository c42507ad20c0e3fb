//! Votes: permissions, the kind check, thresholds, reject and remove.

use near_sdk::test_utils::get_logs;

use super::*;
use crate::*;

#[test]
fn one_council_member_approves_a_vote_proposal_and_gets_the_bond_back() {
    let mut dao = new_dao(&[alice()]);
    let id = add(&mut dao, &bob(), ProposalKind::Vote);
    act(&mut dao, &alice(), id, Action::VoteApprove, &ProposalKind::Vote);
    let p = dao.get_proposal(id).proposal;
    assert_eq!(p.status, ProposalStatus::Approved);
    assert_eq!(p.vote_counts["council"], [U128(1), U128(0), U128(0)]);
    assert_eq!(p.votes[&alice()], Vote::Approve);
    assert_eq!(p.last_actions_log.len(), 2);
    let (transfers, calls) = receipts();
    assert_eq!(transfers, vec![(bob(), BOND)], "the bond back to the proposer");
    assert!(calls.is_empty());
    assert_eq!(dao.locked_amount.as_yoctonear(), 0);
}

#[test]
fn only_the_council_votes() {
    let mut dao = new_dao(&[alice()]);
    let id = add(&mut dao, &alice(), ProposalKind::Vote);
    for action in [Action::VoteApprove, Action::VoteReject, Action::VoteRemove, Action::Finalize] {
        set_context(&bob(), 0);
        assert_panics_with(ERR_PERMISSION_DENIED, || {
            dao.act_proposal(id, action, KindInput::Supported(ProposalKind::Vote), None)
        });
    }
    // No role of the default policy may remove a proposal at once or move it.
    for action in [Action::RemoveProposal, Action::MoveToHub] {
        set_context(&alice(), 0);
        assert_panics_with(ERR_PERMISSION_DENIED, || {
            dao.act_proposal(id, action, KindInput::Supported(ProposalKind::Vote), None)
        });
    }
    assert_eq!(status(&dao, id), ProposalStatus::InProgress);
}

#[test]
fn the_named_kind_must_be_the_stored_one() {
    let mut dao = new_dao(&[alice()]);
    let kind = deposit_kind(10 * ONE_NEAR, 100_000_000_000_000);
    let id = add(&mut dao, &alice(), kind);
    let other = deposit_kind(10 * ONE_NEAR + 1, 100_000_000_000_000);
    for named in [ProposalKind::Vote, other] {
        set_context(&alice(), 0);
        assert_panics_with(ERR_WRONG_KIND, || {
            dao.act_proposal(id, Action::VoteApprove, KindInput::Supported(named), None)
        });
    }
    let input: ProposalInput = parse(r#"{"description": "", "kind": {"Transfer": {}}}"#).unwrap();
    set_context(&alice(), 0);
    assert_panics_with(ERR_WRONG_KIND, || dao.act_proposal(id, Action::VoteApprove, input.kind, None));
    assert_eq!(status(&dao, id), ProposalStatus::InProgress);
}

#[test]
fn refused_actions_and_missing_proposals() {
    let mut dao = new_dao(&[alice()]);
    let id = add(&mut dao, &alice(), ProposalKind::Vote);
    set_context(&alice(), 0);
    assert_panics_with(ERR_WRONG_ACTION, || {
        dao.act_proposal(id, Action::AddProposal, KindInput::Supported(ProposalKind::Vote), None)
    });
    assert_panics_with(ERR_NO_PROPOSAL, || {
        dao.act_proposal(7, Action::VoteApprove, KindInput::Supported(ProposalKind::Vote), None)
    });
    assert_panics_with(ERR_NO_PROPOSAL, || {
        dao.get_proposal(7);
    });
}

#[test]
fn a_decided_proposal_takes_no_more_votes() {
    let mut dao = new_dao(&[alice(), bob()]);
    let id = add(&mut dao, &alice(), ProposalKind::Vote);
    act(&mut dao, &alice(), id, Action::VoteApprove, &ProposalKind::Vote);
    assert_panics_with(ERR_ALREADY_VOTED, || act(&mut dao, &alice(), id, Action::VoteReject, &ProposalKind::Vote));
    act(&mut dao, &bob(), id, Action::VoteApprove, &ProposalKind::Vote);
    assert_eq!(status(&dao, id), ProposalStatus::Approved);
    assert_panics_with(ERR_PROPOSAL_NOT_READY_FOR_VOTE, || {
        act(&mut dao, &bob(), id, Action::VoteReject, &ProposalKind::Vote)
    });
}

#[test]
fn the_threshold_is_half_the_council_plus_one() {
    let carol = test_support::id("carol.near");
    let dave = test_support::id("dave.near");
    // 2 of 2, 2 of 3, 3 of 4.
    for (council, needed) in [
        (vec![alice(), bob()], 2),
        (vec![alice(), bob(), carol.clone()], 2),
        (vec![alice(), bob(), carol.clone(), dave.clone()], 3),
    ] {
        let mut dao = new_dao(&council);
        let id = add(&mut dao, &alice(), ProposalKind::Vote);
        for (i, member) in council.iter().enumerate().take(needed) {
            assert_eq!(status(&dao, id), ProposalStatus::InProgress, "{i} of {}", council.len());
            act(&mut dao, member, id, Action::VoteApprove, &ProposalKind::Vote);
        }
        assert_eq!(status(&dao, id), ProposalStatus::Approved, "{needed} of {}", council.len());
    }
}

#[test]
fn a_rejected_proposal_returns_the_bond() {
    let mut dao = new_dao(&[alice()]);
    let kind = deposit_kind(10 * ONE_NEAR, 100_000_000_000_000);
    let id = add(&mut dao, &bob(), kind.clone());
    act(&mut dao, &alice(), id, Action::VoteReject, &kind);
    assert_eq!(status(&dao, id), ProposalStatus::Rejected);
    let (transfers, calls) = receipts();
    assert_eq!(transfers, vec![(bob(), BOND)]);
    assert!(calls.is_empty(), "nothing executed");
}

#[test]
fn a_removed_proposal_is_deleted_and_its_bond_kept() {
    let mut dao = new_dao(&[alice()]);
    let id = add(&mut dao, &bob(), ProposalKind::Vote);
    set_context_at(&alice(), 0, 2_000, Vec::new());
    dao.act_proposal(id, Action::VoteRemove, KindInput::Supported(ProposalKind::Vote), Some("spam".into()));
    assert_eq!(get_logs(), vec!["Memo: spam".to_string()]);
    assert_panics_with(ERR_NO_PROPOSAL, || {
        dao.get_proposal(id);
    });
    assert!(receipts().0.is_empty(), "no bond back");
    assert_eq!(dao.locked_amount.as_yoctonear(), BOND, "Sputnik keeps it counted as locked");
    assert_eq!(dao.get_last_proposal_id(), 1);
}
