//! What waits for what among the widget's reads: a read that does not need another's answer is
//! not held up by it.

use crate::harness::*;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
async fn the_positions_second_wave_does_not_wait_for_the_epoch_clock() {
    let stub = Stub::new(fixtures());
    // Blocks are held unanswered: the epoch clock (its head block, then its reference block)
    // cannot complete, nor can the figures' window.
    *stub.hold.borrow_mut() = Some("block");
    let wallet = TestWallet::new("bob.test.near");
    let (host, mut handle) = mounted(&stub, Some(&wallet)).await;
    // The position's second wave (each pool's `get_account` for the proxy) follows the first
    // wave's answers, not the clock's.
    wait_until(|| stub.asked.borrow().iter().any(|m| m == "get_account"), "the pools' accounts asked").await;
    assert!(stub.held() >= 1, "the clock's block is still held");
    assert!(q(&host, "[data-srw=totals]").is_none(), "the position waits for the clock to compose");
    stub.release();
    wait_until(|| q(&host, "[data-srw=totals]").is_some(), "the position").await;
    handle.unmount();
}
