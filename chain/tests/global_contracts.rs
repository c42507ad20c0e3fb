//! Global contracts by hash (NEP-591): publishing burns storage, accounts use them by hash.

mod common;

use common::{balance, setup, test_contract_wasm, NEAR};
use near_chain::{Action, ActionErrorKind, Balance, ContractRef, Gas};
use serde_json::json;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn global_contracts_by_hash() {
    let mut chain = setup();
    let wasm = test_contract_wasm();
    // Publishing through a transaction burns 1e20 yoctoNEAR per byte of code.
    let before = balance(&chain, "alice.near");
    let out =
        chain.batch("alice.near", "alice.near", vec![Action::DeployGlobalContract { code: wasm.to_vec() }]).unwrap();
    assert!(out.is_success(), "{:?}", out.failure_message());
    let per_byte = chain.runtime_config().fees.storage_usage_config.global_contract_storage_amount_per_byte;
    let storage_burn = per_byte.checked_mul(wasm.len() as u128).unwrap();
    assert!(out.receipts[0].tokens_burnt > storage_burn);
    assert_eq!(before.checked_sub(balance(&chain, "alice.near")).unwrap(), out.total_tokens_burnt);
    let hash = near_chain::CryptoHash::hash_bytes(wasm);
    assert!(chain.has_global_contract(&hash));

    // A contract creates a sub-account running it, in one batch.
    let args = json!({"name": "proxy", "amount": NEAR.as_yoctonear().to_string(), "code_hash": hex(&hash.0)});
    let out = chain
        .call("alice.near", "caller.near", "create_sub_global", args.to_string(), NEAR, Gas::from_teragas(50))
        .unwrap();
    assert!(out.is_success(), "{:?}", out.failure_message());
    let proxy = chain.account("proxy.caller.near").unwrap();
    assert_eq!(proxy.contract, ContractRef::Global(hash));
    // Record (100) + global code hash (32) + the contract's STATE record (5 + 12 + 40).
    assert_eq!(proxy.storage_usage, 100 + 32 + 57);
    assert_eq!(common::value(&chain, "proxy.caller.near"), "born");

    let unknown = json!({"name": "other", "amount": "0", "code_hash": hex(&[7; 32])});
    let out = chain
        .call(
            "alice.near",
            "caller.near",
            "create_sub_global",
            unknown.to_string(),
            Balance::ZERO,
            Gas::from_teragas(50),
        )
        .unwrap();
    assert!(matches!(out.failure().unwrap().kind, ActionErrorKind::GlobalContractDoesNotExist(_)));
    assert!(chain.account("other.caller.near").is_none());
}
