//! Every built contract passes the VM's own validation and instrumentation
//! (`near_vm_runner::prepare::prepare_contract`) under the latest protocol's config: no SIMD,
//! no multi-value, no features the VM rejects (e.g. what `wasm-opt --all-features` emits).

use near_parameters::vm::VMKind;
use near_primitives_core::version::PROTOCOL_VERSION;
use wasm_checks::{latest_config, load_wasm};

fn assert_accepted(name: &str) {
    let config = latest_config();
    let wasm = load_wasm(name);
    match near_vm_runner::prepare::prepare_contract(&wasm, &config.wasm_config, VMKind::Wasmtime) {
        Ok(prepared) => println!(
            "{name}.wasm: {} bytes, accepted by protocol {PROTOCOL_VERSION} (instrumented: {} bytes)",
            wasm.len(),
            prepared.len()
        ),
        Err(e) => panic!("{name}.wasm is rejected by the VM of protocol {PROTOCOL_VERSION}: {e:?}"),
    }
}

#[test]
fn router_contract_is_accepted() {
    assert_accepted("router_contract");
}

#[test]
fn staking_proxy_is_accepted() {
    assert_accepted("staking_proxy");
}

#[test]
fn mock_staking_pool_is_accepted() {
    assert_accepted("mock_staking_pool");
}

#[test]
fn mock_lst_is_accepted() {
    assert_accepted("mock_lst");
}

#[test]
fn mock_dao_is_accepted() {
    assert_accepted("mock_dao");
}

#[test]
fn mock_dex_is_accepted() {
    assert_accepted("mock_dex");
}

#[test]
fn mock_wnear_is_accepted() {
    assert_accepted("mock_wnear");
}

#[test]
fn mock_whitelist_is_accepted() {
    assert_accepted("mock_whitelist");
}
