//! Shared setup of the self-tests: the test contract's wasm and a chain with it deployed.
#![allow(dead_code)]

use near_chain::{Balance, Chain, Gas};
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

/// 30 TGas, enough for any single test-contract method.
pub const TGAS30: Gas = Gas::from_teragas(30);

/// 1 NEAR.
pub const NEAR: Balance = Balance::from_near(1);

/// The test contract's wasm: `$NEAR_CHAIN_TEST_CONTRACT_WASM` if set, else the workspace's
/// `res/near_chain_test_contract.wasm` when `scripts/build-contracts.sh` made it, else built
/// with the contract recipe into `<target dir>/near-chain-test-contract/` (its own target dir,
/// so the build never waits on the `cargo test` that runs this).
pub fn test_contract_wasm() -> &'static [u8] {
    static WASM: OnceLock<Vec<u8>> = OnceLock::new();
    WASM.get_or_init(|| {
        if let Some(path) = std::env::var_os("NEAR_CHAIN_TEST_CONTRACT_WASM") {
            return std::fs::read(&path).unwrap_or_else(|e| panic!("NEAR_CHAIN_TEST_CONTRACT_WASM={path:?}: {e}"));
        }
        // Read when the test runs (cargo sets it), not when it was built: see devnet's tests.
        let dir = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
        let workspace = dir.unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR"))).join("..");
        if let Ok(wasm) = std::fs::read(workspace.join("res/near_chain_test_contract.wasm")) {
            return wasm;
        }
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| workspace.join("target"))
            .join("near-chain-test-contract");
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let output = Command::new(&cargo)
            .current_dir(&workspace)
            .args(["build", "-p", "near-chain-test-contract", "--target", "wasm32-unknown-unknown", "--release"])
            .env("RUSTFLAGS", "-C link-arg=-s --cfg near")
            .env_remove("CARGO_ENCODED_RUSTFLAGS")
            .env("CARGO_TARGET_DIR", &target)
            .output()
            .unwrap_or_else(|e| panic!("could not run {cargo}: {e}"));
        assert!(
            output.status.success(),
            "building the test contract failed; build it by hand with\n  RUSTFLAGS=\"-C link-arg=-s --cfg near\" \
             cargo build -p near-chain-test-contract --target wasm32-unknown-unknown --release\nand set \
             NEAR_CHAIN_TEST_CONTRACT_WASM to the .wasm (rustup target add wasm32-unknown-unknown if missing).\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let path = target.join("wasm32-unknown-unknown/release/near_chain_test_contract.wasm");
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"))
    })
}

/// A chain with `alice.near` (1,000 NEAR, no code) and two instances of the test contract,
/// `caller.near` and `callee.near` (50 NEAR each), whose stored value is `"clean"`.
pub fn setup() -> Chain {
    let mut chain = Chain::new();
    chain.create_account("alice.near", Balance::from_near(1_000));
    for id in ["caller.near", "callee.near"] {
        chain.create_account(id, Balance::from_near(50));
        chain.deploy(id, test_contract_wasm());
        let out = chain.call("alice.near", id, "set_value", r#"{"value":"clean"}"#, Balance::ZERO, TGAS30).unwrap();
        assert!(out.is_success(), "{:?}", out.failure_message());
    }
    chain
}

/// `id`'s balance, which must exist.
pub fn balance(chain: &Chain, id: &str) -> Balance {
    chain.balance(id).unwrap_or_else(|| panic!("{id} does not exist"))
}

/// `id`'s stored value, through a view.
pub fn value(chain: &Chain, id: &str) -> String {
    chain.view_json(id, "get_value", serde_json::json!({})).unwrap()
}
