//! The widget in headless Chromium (wasm-bindgen-test; run by scripts/test-widget.sh):
//! the page shows exactly `plan_deposit`'s plan, the wallet gets exactly the deposit call,
//! bad input reads right, and mount/update/unmount behave.
#![cfg(target_arch = "wasm32")]

#[path = "../common/mod.rs"]
mod common;
mod harness;

mod dao;
mod errors;
mod exits;
mod figures;
mod guards;
mod in_flight;
mod lifecycle;
mod outcomes;
mod plan;
mod position;
mod read_order;
mod split_change;
mod transaction;
mod wallets;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
