//! `add_proposal`: the bond, the supported kinds, who may propose, what is stored.

use super::*;
use crate::{ERR_MIN_BOND, ERR_UNSUPPORTED_KIND};

#[test]
fn a_proposal_is_stored_in_progress_with_its_bond_locked() {
    let mut dao = new_dao(&[alice()]);
    let kind = deposit_kind(1_000 * ONE_NEAR, 180_000_000_000_000);
    assert_eq!(add(&mut dao, &alice(), kind.clone()), 0);
    assert_eq!(add(&mut dao, &alice(), ProposalKind::Vote), 1);
    assert_eq!(dao.get_last_proposal_id(), 2);
    let p = dao.get_proposal(0).proposal;
    assert_eq!((p.status, p.kind, p.proposer), (ProposalStatus::InProgress, kind, alice()));
    assert_eq!(p.submission_time, U64(1_000));
    assert!(p.votes.is_empty() && p.vote_counts.is_empty());
    assert_eq!(p.last_actions_log.len(), 1);
    assert_eq!(dao.locked_amount.as_yoctonear(), 2 * BOND);
    let (transfers, calls) = receipts();
    assert!(transfers.is_empty() && calls.is_empty(), "adding executes nothing");
}

#[test]
fn the_bond_must_be_attached_exactly() {
    let mut dao = new_dao(&[alice()]);
    for attached in [0, BOND - 1, BOND + 1] {
        set_context(&alice(), attached);
        let input = ProposalInput { description: "d".into(), kind: KindInput::Supported(ProposalKind::Vote) };
        assert_panics_with(ERR_MIN_BOND, || {
            dao.add_proposal(input);
        });
    }
    assert_eq!(dao.get_last_proposal_id(), 0);
}

#[test]
fn anyone_may_propose_by_the_default_policy() {
    let mut dao = new_dao(&[alice()]);
    assert_eq!(add(&mut dao, &bob(), ProposalKind::Vote), 0);
    assert_eq!(dao.get_proposal(0).proposal.proposer, bob());
}

#[test]
fn other_sputnik_kinds_are_refused() {
    let mut dao = new_dao(&[alice()]);
    let kinds = [
        r#"{"Transfer": {"token_id": "", "receiver_id": "bob.near", "amount": "1", "msg": null}}"#,
        r#"{"AddMemberToRole": {"member_id": "bob.near", "role": "council"}}"#,
        r#"{"ChangePolicy": {"policy": ["bob.near"]}}"#,
        r#"{"UpgradeSelf": {"hash": "11111111111111111111111111111111"}}"#,
    ];
    for kind in kinds {
        let input: ProposalInput = parse(&format!(r#"{{"description": "d", "kind": {kind}}}"#)).expect(kind);
        set_context(&alice(), BOND);
        assert_panics_with(ERR_UNSUPPORTED_KIND, || {
            dao.add_proposal(input);
        });
    }
    assert_eq!(dao.get_last_proposal_id(), 0);
}

#[test]
fn sputnik_json_parses_and_mistakes_do_not() {
    let call = r#"{"description": "route", "kind": {"FunctionCall": {"receiver_id": "router.near",
        "actions": [{"method_name": "deposit", "args": "eyJwcm9maWxlIjoiYmFsYW5jZWQifQ==",
        "deposit": "1000", "gas": "180000000000000"}]}}}"#;
    let input: ProposalInput = parse(call).unwrap();
    let KindInput::Supported(ProposalKind::FunctionCall { receiver_id, actions }) = input.kind else {
        panic!("a FunctionCall");
    };
    assert_eq!(receiver_id, router());
    assert_eq!(actions[0].args.0, br#"{"profile":"balanced"}"#.to_vec());
    assert_eq!((actions[0].deposit, actions[0].gas), (U128(1000), U64(180_000_000_000_000)));
    assert!(matches!(
        parse::<ProposalInput>(r#"{"description": "", "kind": "Vote"}"#).unwrap().kind,
        KindInput::Supported(ProposalKind::Vote)
    ));

    let unknown_field = call.replace(r#""gas""#, r#""weight": "1", "gas""#);
    let unknown_kind = r#"{"description": "", "kind": {"Teleport": {}}}"#;
    for bad in [unknown_field.as_str(), unknown_kind] {
        assert!(parse::<ProposalInput>(bad).is_err(), "{bad}");
    }
}
