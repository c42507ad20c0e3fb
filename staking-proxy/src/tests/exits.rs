//! Unit tests of `exits.rs`.

use crate::exits::*;

#[test]
fn amount_args_are_the_json_the_pool_expects() {
    let args: near_sdk::serde_json::Value = near_sdk::serde_json::from_slice(&amount_args(u128::MAX)).unwrap();
    assert_eq!(args, near_sdk::serde_json::json!({"amount": u128::MAX.to_string()}));
}
