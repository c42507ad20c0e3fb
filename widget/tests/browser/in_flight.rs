//! Identical reads asked while the first is on its way are one request (`widget::in_flight`):
//! each asker gets that request's answer or its error, a later read asks again, and another
//! route (another host transport) is never shared with.

use crate::harness::*;
use futures_util::future::{join, join3};
use wasm_bindgen_test::wasm_bindgen_test;
use widget::rpc::{Rpc, RpcError};

/// Each test's own URL, so that reads other tests' widgets still make are not counted.
fn rpc(stub: &Stub, url: &str) -> Rpc {
    Rpc { url: url.into(), transport: Some(stub.transport.clone()) }
}

/// Holds `validators` until three asks are under way, then answers.
async fn asked_together(
    stub: &Stub,
    url: &str,
    asks: impl core::future::Future<Output = [Result<u64, RpcError>; 3]>,
) -> [Result<u64, RpcError>; 3] {
    *stub.hold.borrow_mut() = Some("validators");
    let release = async {
        wait_until(|| stub.held() >= 1, "the first ask sent").await;
        // Time for any further ask to be sent, were it not shared.
        widget::rpc::sleep(50).await;
        assert_eq!(stub.held(), 1, "one request held for three asks");
        assert_eq!(widget::in_flight::in_flight(url), 1);
        stub.release();
    };
    join(asks, release).await.0
}

#[wasm_bindgen_test]
async fn identical_reads_asked_together_are_one_request_and_each_asker_gets_its_answer() {
    const URL: &str = "https://together.test.invalid";
    let stub = Stub::new(fixtures());
    let node = rpc(&stub, URL);
    let expected = {
        let plain = Stub::new(fixtures());
        rpc(&plain, "https://plain.test.invalid").epoch_height().await.unwrap()
    };
    let asks = async {
        let (a, b, c) = join3(node.epoch_height(), node.epoch_height(), node.epoch_height()).await;
        [a, b, c]
    };
    let answers = asked_together(&stub, URL, asks).await;
    assert_eq!(answers, [Ok(expected), Ok(expected), Ok(expected)]);
    assert_eq!(stub.requests.get(), 1);
    assert_eq!(widget::in_flight::in_flight(URL), 0, "an answered request is not kept");
    // Asked again once answered: a request of its own.
    assert_eq!(node.epoch_height().await, Ok(expected));
    assert_eq!(stub.requests.get(), 2);
}

#[wasm_bindgen_test]
async fn a_shared_request_that_fails_fails_for_every_asker_and_the_next_read_asks_again() {
    const URL: &str = "https://failing.test.invalid";
    let stub = Stub::new(fixtures());
    let node = rpc(&stub, URL);
    stub.fail_next.set(1);
    let (a, b) = join(node.epoch_height(), node.epoch_height()).await;
    assert_eq!(stub.requests.get(), 1, "one request for both asks");
    assert!(matches!(&a, Err(RpcError::Network(m)) if m.contains("Failed to fetch")), "{a:?}");
    assert_eq!(a, b);
    assert_eq!(widget::in_flight::in_flight(URL), 0);
    assert!(node.epoch_height().await.is_ok(), "the next read is a request of its own");
    assert_eq!(stub.requests.get(), 2);
}

#[wasm_bindgen_test]
async fn the_same_read_by_another_route_is_not_shared() {
    let (one, two) = (Stub::new(fixtures()), Stub::new(fixtures()));
    *one.hold.borrow_mut() = Some("validators");
    const URL: &str = "https://routes.test.invalid";
    let first = rpc(&one, URL);
    let held = async { first.epoch_height().await };
    let other = async {
        wait_until(|| one.held() == 1, "the first route's ask").await;
        // The same body to the same URL through another transport: its own request.
        let answer = rpc(&two, URL).epoch_height().await;
        // And to another URL through the first transport: its own request too.
        let elsewhere = Rpc { url: "https://other.test.invalid".into(), transport: Some(one.transport.clone()) };
        let before = one.requests.get();
        let (answer2, ()) = join(elsewhere.epoch_height(), async {
            wait_until(|| one.held() == 2, "the second URL's ask").await;
            one.release();
        })
        .await;
        assert_eq!(one.requests.get(), before + 1);
        (answer, answer2)
    };
    let (a, (b, c)) = join(held, other).await;
    assert_eq!(two.requests.get(), 1);
    assert!(a.is_ok() && b.is_ok() && c.is_ok(), "{a:?} {b:?} {c:?}");
    assert_eq!(one.requests.get(), 2);
}
