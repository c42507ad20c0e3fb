//! Views in Sputnik's JSON shapes.

use near_sdk::serde_json::{json, to_value};

use super::*;

#[test]
fn the_policy_is_sputniks_default_policy_with_the_bond() {
    let dao = new_dao(&[bob(), alice(), alice()]);
    let policy = to_value(dao.get_policy()).unwrap();
    assert_eq!(
        policy,
        json!({
            "roles": [
                { "name": "all", "kind": "Everyone", "permissions": ["*:AddProposal"], "vote_policy": {} },
                {
                    "name": "council",
                    "kind": { "Group": [alice(), bob()] },
                    "permissions": ["*:AddProposal", "*:VoteApprove", "*:VoteReject", "*:VoteRemove", "*:Finalize"],
                    "vote_policy": {}
                }
            ],
            "default_vote_policy": { "weight_kind": "RoleWeight", "quorum": "0", "threshold": [1, 2] },
            "proposal_bond": BOND.to_string(),
            "proposal_period": "604800000000000",
            "bounty_bond": ONE_NEAR.to_string(),
            "bounty_forgiveness_period": "86400000000000"
        })
    );
}

#[test]
fn a_proposal_shows_its_id_status_kind_and_votes() {
    let mut dao = new_dao(&[alice()]);
    let kind = deposit_kind(7, 9);
    let id = add(&mut dao, &bob(), kind.clone());
    act(&mut dao, &alice(), id, Action::VoteApprove, &kind);
    let shown = to_value(dao.get_proposal(id)).unwrap();
    assert_eq!(
        shown,
        json!({
            "id": 0,
            "proposer": bob(),
            "description": "test",
            "kind": { "FunctionCall": { "receiver_id": router(), "actions": [
                { "method_name": "deposit", "args": "eyJwcm9maWxlIjoiYmFsYW5jZWQifQ==", "deposit": "7", "gas": "9" }
            ] } },
            "status": "Approved",
            "vote_counts": { "council": ["1", "0", "0"] },
            "votes": { "alice.near": "Approve" },
            "submission_time": "1000",
            "last_actions_log": [{ "block_height": "0" }, { "block_height": "0" }]
        })
    );
}

#[test]
fn proposals_list_skips_removed_ones() {
    let mut dao = new_dao(&[alice()]);
    for _ in 0..3 {
        add(&mut dao, &bob(), ProposalKind::Vote);
    }
    act(&mut dao, &alice(), 1, Action::VoteRemove, &ProposalKind::Vote);
    let ids: Vec<u64> = dao.get_proposals(0, 10).iter().map(|p| p.id).collect();
    assert_eq!(ids, vec![0, 2]);
    assert_eq!(dao.get_proposals(1, 1).len(), 0);
    assert_eq!(dao.get_proposals(2, 5).len(), 1);
}

#[test]
fn available_amount_leaves_out_storage_and_bonds() {
    let mut dao = new_dao(&[alice()]);
    add(&mut dao, &bob(), ProposalKind::Vote);
    set_context(&bob(), 0);
    let storage = near_sdk::env::storage_byte_cost().as_yoctonear() * u128::from(near_sdk::env::storage_usage());
    assert_eq!(dao.get_available_amount().as_yoctonear(), TREASURY - storage - BOND);
}
