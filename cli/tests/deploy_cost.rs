//! The README's deploy recipe pays for the code it deploys: the deposit attached to
//! `deploy_proxy_code` covers the built proxy at nearcore's global-contract storage price
//! (`global_contract_storage_amount_per_byte`, 10^20 yocto per byte since protocol 77,
//! near-parameters' `res/runtime_configs/77.yaml`). Needs `res/staking_proxy.wasm`
//! (scripts/build-contracts.sh); `docs/size.md` lists the same figures.

use std::path::Path;

const GLOBAL_PER_BYTE: u128 = 10u128.pow(20);
const NEAR: u128 = 10u128.pow(24);

#[test]
fn readme_deposit_covers_the_proxy_global_contract() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let line = readme
        .lines()
        .find(|l| l.contains("deploy_proxy_code file-args res/staking_proxy.wasm"))
        .expect("the README deploys the proxy code with deploy_proxy_code");
    let near: u128 = line
        .split("attached-deposit '")
        .nth(1)
        .and_then(|rest| rest.split(" NEAR'").next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no whole-NEAR attached-deposit in: {line}"));
    let wasm = std::fs::metadata(root.join("res/staking_proxy.wasm"))
        .expect("res/staking_proxy.wasm: run scripts/build-contracts.sh");
    let cost = u128::from(wasm.len()) * GLOBAL_PER_BYTE;
    assert!(near * NEAR >= cost, "README attaches {near} NEAR; the {}-byte proxy needs {cost} yocto", wasm.len());
}
