//! RPC `validators`: nearcore's `EpochValidatorInfo` shape from the chain's validator set (the
//! set contracts read with `env::validator_stake` / `env::validator_total_stake`), its params,
//! `UNKNOWN_EPOCH`, and near-jsonrpc-client's typed method.

mod common;

use common::*;
use near_jsonrpc_client::{methods, JsonRpcClient};
use near_primitives::types::{Balance, EpochReference};
use serde_json::{json, Value};

const NEAR: u128 = 1_000_000_000_000_000_000_000_000;

async fn with_validators() -> devnet::Devnet {
    let validators = vec![
        ("pool-a.test.near".parse().unwrap(), Balance::from_near(300_000)),
        ("pool-b.test.near".parse().unwrap(), Balance::from_near(100_000)),
        ("test.near".parse().unwrap(), Balance::from_yoctonear(600_000 * NEAR + 1)),
    ];
    let config = devnet::DevnetConfig { epoch_length: 10, validators, ..Default::default() };
    devnet::start(config).await.expect("devnet starts")
}

fn stakes(answer: &Value) -> Vec<(String, u128)> {
    answer["current_validators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["account_id"].as_str().unwrap().to_string(), v["stake"].as_str().unwrap().parse().unwrap()))
        .collect()
}

#[tokio::test]
async fn validators_answers_the_chains_set_in_nearcores_shape() {
    let d = with_validators().await;
    let answer = ok(&d, "validators", json!([null])).await;
    let expected = vec![
        ("pool-a.test.near".to_string(), 300_000 * NEAR),
        ("pool-b.test.near".to_string(), 100_000 * NEAR),
        ("test.near".to_string(), 600_000 * NEAR + 1),
    ];
    assert_eq!(stakes(&answer), expected);
    // The stakes sum to what a contract's `env::validator_total_stake` reads.
    let total: u128 = expected.iter().map(|(_, s)| s).sum();
    assert_eq!(d.node.read().unwrap().chain.validator_total_stake().as_yoctonear(), total);
    let v = &answer["current_validators"][0];
    for field in ["public_key", "is_slashed", "shards", "num_produced_blocks", "num_expected_blocks"] {
        assert!(v.get(field).is_some(), "{field} missing: {v}");
    }
    assert!(v["public_key"].as_str().unwrap().starts_with("ed25519:"), "{v}");
    assert_eq!(answer["next_validators"].as_array().unwrap().len(), 3, "{answer}");
    for list in ["current_fishermen", "next_fishermen", "current_proposals", "prev_epoch_kickout"] {
        assert_eq!(answer[list], json!([]), "{list}");
    }
    let status = ok(&d, "status", json!([])).await;
    assert_eq!(answer["epoch_start_height"], status["sync_info"]["epoch_start_height"], "{answer}");
    // The other ways to name the latest epoch give the same answer.
    for params in [json!(null), json!([]), json!("latest"), json!({ "latest": null })] {
        assert_eq!(ok(&d, "validators", params.clone()).await, answer, "{params}");
    }
}

#[tokio::test]
async fn epochs_by_block_and_id_and_unknown_ones() {
    let d = with_validators().await;
    let first = ok(&d, "validators", json!([null])).await;
    let genesis = ok(&d, "block", json!({ "block_id": 1 })).await;
    ok(&d, "sandbox_fast_forward", json!({ "delta_height": 25 })).await;
    let later = ok(&d, "validators", json!([null])).await;
    let (e0, e1) = (first["epoch_height"].as_u64().unwrap(), later["epoch_height"].as_u64().unwrap());
    assert!(e1 > e0, "the epoch moved: {e0} -> {e1}");
    assert!(later["epoch_start_height"].as_u64().unwrap() > first["epoch_start_height"].as_u64().unwrap());
    // An older block answers from its own state: its epoch, and the work up to it.
    let by_height = ok(&d, "validators", json!([1])).await;
    assert_eq!(by_height["epoch_height"], first["epoch_height"]);
    let by_hash = ok(&d, "validators", json!({ "block_id": genesis["header"]["hash"] })).await;
    assert_eq!(by_hash, by_height);
    assert_eq!(by_height["current_validators"][0]["num_expected_blocks"], 1, "one block so far: {by_height}");
    // A past epoch by id is the epoch as its last block saw it (the fast-forward kept it).
    let by_epoch = ok(&d, "validators", json!({ "epoch_id": genesis["header"]["epoch_id"] })).await;
    let last_block = ok(&d, "validators", json!([10])).await;
    assert_eq!(by_epoch, last_block);
    assert!(by_epoch["current_validators"][0]["num_expected_blocks"].as_u64().unwrap() > 1, "{by_epoch}");
    assert_eq!(stakes(&by_epoch), stakes(&first), "a past epoch answers its own set");
    for ((id, was), (_, now)) in stakes(&first).into_iter().zip(stakes(&later)) {
        assert!(now > was, "{id}: epoch rewards are staked on ({was} -> {now})");
    }
    // Unknown: nearcore's handler error.
    for params in [json!([10_000]), json!({ "epoch_id": "11111111111111111111111111111111" })] {
        let answer = rpc(&d, "validators", params.clone()).await;
        assert_eq!(answer["error"]["cause"]["name"], "UNKNOWN_EPOCH", "{params}: {answer}");
        assert_eq!(answer["error"]["name"], "HANDLER_ERROR", "{answer}");
    }
    let bad = rpc(&d, "validators", json!({ "block_id": [] })).await;
    assert_eq!(bad["error"]["cause"]["name"], "PARSE_ERROR", "{bad}");
}

#[tokio::test]
async fn the_root_account_is_the_genesis_validator_by_default() {
    let d = devnet().await;
    let answer = ok(&d, "validators", json!([null])).await;
    let stake = 1_000_000_000 * NEAR;
    assert_eq!(stakes(&answer), vec![("test.near".to_string(), stake)]);
    let root =
        ok(&d, "query", json!({ "request_type": "view_account", "finality": "final", "account_id": "test.near" }))
            .await;
    assert_eq!(root["locked"], stake.to_string(), "the stake is locked, beside the liquid balance");
    assert_eq!(root["amount"], (1_000_000_000 * NEAR).to_string());
}

/// Uptime from `--validator ACCOUNT=STAKE,UPTIME%`, the work counts `validators` reports, and
/// the rewards of the epoch that ended, in `validator_reward_paid_prev_epoch` two epochs on.
#[tokio::test]
async fn uptime_settings_show_in_the_work_counts_and_the_rewards() {
    let mut config = devnet::DevnetConfig { epoch_length: 100, ..Default::default() };
    config.validators = vec![("pool-a.test.near".parse().unwrap(), Balance::from_near(1_000_000_000))];
    config.uptime = vec![("pool-a.test.near".parse().unwrap(), near_chain::Uptime::all(80, 100))];
    let d = devnet::start(config).await.expect("devnet starts");
    ok(&d, "sandbox_fast_forward", json!({ "delta_height": 49 })).await;
    let answer = ok(&d, "validators", json!([null])).await;
    let pool = &answer["current_validators"][0];
    assert_eq!(pool["account_id"], "pool-a.test.near");
    // Half the stake, 50 blocks so far: 25 expected, 20 produced.
    assert_eq!((pool["num_expected_blocks"].as_u64(), pool["num_produced_blocks"].as_u64()), (Some(25), Some(20)));
    assert_eq!((pool["num_expected_chunks"].as_u64(), pool["num_produced_chunks"].as_u64()), (Some(25), Some(20)));
    ok(&d, "sandbox_fast_forward", json!({ "delta_height": 200 })).await;
    let answer = ok(&d, "validators", json!([null])).await;
    let paid = &answer["validator_reward_paid_prev_epoch"];
    assert_eq!(paid["pool-a.test.near"], "0", "80% online is below the 90% threshold: {paid}");
    assert!(paid["test.near"].as_str().unwrap().parse::<u128>().unwrap() > 0, "{paid}");
    let config = ok(&d, "EXPERIMENTAL_protocol_config", json!({ "finality": "final" })).await;
    assert_eq!(config["max_inflation_rate"], json!([1, 40]));
    assert_eq!(config["protocol_reward_rate"], json!([1, 10]));
    assert_eq!(config["online_min_threshold"], json!([9, 10]), "reduced, as nearcore's Rational32 answers it");
    assert_eq!(config["protocol_treasury_account"], "protocol-treasury");
}

#[tokio::test]
async fn near_jsonrpc_client_parses_validators() {
    let d = with_validators().await;
    let client = JsonRpcClient::connect(&d.url);
    let info = client
        .call(methods::validators::RpcValidatorRequest { epoch_reference: EpochReference::Latest })
        .await
        .unwrap();
    let got: Vec<_> = info.current_validators.iter().map(|v| (v.account_id.to_string(), v.stake)).collect();
    assert_eq!(
        got,
        vec![
            ("pool-a.test.near".to_string(), Balance::from_near(300_000)),
            ("pool-b.test.near".to_string(), Balance::from_near(100_000)),
            ("test.near".to_string(), Balance::from_yoctonear(600_000 * NEAR + 1)),
        ]
    );
}
