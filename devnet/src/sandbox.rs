//! The sandbox methods: `sandbox_patch_state` (genesis-style state records) and
//! `sandbox_fast_forward` (move the head forward).

use crate::node::Node;
use near_crypto::{PublicKey, PublicKeyHandle};
use near_primitives::state_record::StateRecord;

/// Applies state records: `Account` (creates the account or sets its balance), `Data`,
/// `Contract` and `AccessKey`. Other records (receipts, gas keys) are refused. Records for
/// a missing account (other than `Account`) are refused too; earlier records stay applied.
pub fn patch_state(node: &mut Node, records: Vec<StateRecord>) -> Result<(), String> {
    for record in records {
        match record {
            StateRecord::Account { account_id, account } => {
                if node.chain.account(&account_id).is_some() {
                    node.chain.set_balance(&account_id, account.amount());
                } else {
                    node.chain.create_account(account_id, account.amount());
                }
            }
            StateRecord::Data { account_id, data_key, value } => {
                exists(node, &account_id)?;
                node.chain.set_contract_data(&account_id, &data_key, Some(&value));
            }
            StateRecord::Contract { account_id, code } => {
                exists(node, &account_id)?;
                node.chain.deploy(&account_id, &code);
            }
            StateRecord::AccessKey { account_id, public_key, access_key } => {
                exists(node, &account_id)?;
                let pk = match public_key {
                    PublicKeyHandle::ED25519(k) => PublicKey::ED25519(k),
                    PublicKeyHandle::SECP256K1(k) => PublicKey::SECP256K1(k),
                    other => return Err(format!("unsupported access key {other:?}")),
                };
                if !node.chain.set_access_key(&account_id, &pk, access_key.clone()) {
                    node.chain.add_access_key(&account_id, pk, access_key);
                }
            }
            other => {
                let what: String = format!("{other:?}").chars().take(80).collect();
                return Err(format!("state record not supported by the devnet: {what}"));
            }
        }
    }
    Ok(())
}

fn exists(node: &Node, account_id: &near_primitives::types::AccountId) -> Result<(), String> {
    match node.chain.account(account_id) {
        Some(_) => Ok(()),
        None => Err(format!("account {account_id} does not exist")),
    }
}

/// Moves the head `delta_height` blocks forward (epochs follow from the epoch length).
pub fn fast_forward(node: &mut Node, delta_height: u64) {
    node.chain.advance_blocks(delta_height);
    node.head();
}
