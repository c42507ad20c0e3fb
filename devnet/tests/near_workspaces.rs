//! The unmodified near-workspaces 0.24 client on the devnet: attach as to a sandbox, create
//! accounts (sub-accounts and top-level dev accounts), deploy, call, view, patch state, fast
//! forward.

mod common;
use near_workspaces::network::ValidatorKey;
use near_workspaces::types::NearToken;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn near_workspaces_drives_the_devnet() {
    let d = common::devnet().await;
    let key: near_workspaces::types::SecretKey = d.secret_key.to_string().parse().unwrap();
    let root_id: near_workspaces::AccountId = d.root_account.as_str().parse().unwrap();
    let worker = near_workspaces::sandbox()
        .rpc_addr(&d.url)
        .validator_key(ValidatorKey::Known(root_id.clone(), key))
        .await
        .expect("attaches");
    let root = worker.root_account().unwrap();
    assert_eq!(root.id(), &root_id);

    let alice = root
        .create_subaccount("alice")
        .initial_balance(NearToken::from_near(50))
        .transact()
        .await
        .unwrap()
        .into_result()
        .unwrap();
    assert_eq!(worker.view_account(alice.id()).await.unwrap().balance, NearToken::from_near(50));

    let pool = worker.dev_deploy(&common::wasm("mock_staking_pool")).await.expect("dev account");
    let args = json!({
        "owner_id": alice.id(),
        "stake_public_key": "ed25519:3tysLvy7KGoE8pznUgXvSHa4vYyGvrDZFcT8jgb8PEQ6",
        "reward_fee_fraction": { "numerator": 0, "denominator": 1 },
    });
    let out = alice.call(pool.id(), "new").args_json(args).max_gas().transact().await.unwrap();
    assert!(out.is_success(), "{out:?}");
    let total: String = pool
        .view("get_account_total_balance")
        .args_json(json!({ "account_id": alice.id() }))
        .await
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(total, "0");
    let out = alice.call(pool.id(), "no_such_method").transact().await.unwrap();
    let failure = format!("{:?}", out.into_result().unwrap_err());
    assert!(failure.contains("MethodNotFound"), "{failure}");

    worker.patch_state(pool.id(), b"devnet-key", b"value").await.expect("patch_state");
    let state = worker.view_state(pool.id()).await.unwrap();
    assert_eq!(state.get(b"devnet-key".as_slice()).map(Vec::as_slice), Some(b"value".as_slice()));

    let before = worker.view_block().await.unwrap();
    worker.fast_forward(1_000).await.unwrap();
    let after = worker.view_block().await.unwrap();
    assert!(after.height() >= before.height() + 1_000);
    assert_ne!(after.epoch_id(), before.epoch_id());

    // A top-level dev account (created by the registrar, the root account here).
    let tla = worker.dev_create_tla().await.expect("top-level account");
    assert!(!tla.id().as_str().ends_with(".test.near"), "{}", tla.id());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn near_workspaces_reads_the_key_files_in_home() {
    let home = std::env::temp_dir().join(format!("devnet-home-{}", std::process::id()));
    let config = devnet::DevnetConfig { home: Some(home.clone()), ..Default::default() };
    let d = devnet::start(config).await.unwrap();
    let file = devnet::KeyFile::read(&home.join("validator_key.json")).unwrap();
    assert_eq!((&file.account_id, &file.secret_key), (&d.root_account, &d.secret_key));
    let worker = near_workspaces::sandbox()
        .rpc_addr(&d.url)
        .validator_key(ValidatorKey::HomeDir(home.clone()))
        .await
        .expect("attaches with the home's key files");
    let bob = worker.root_account().unwrap().create_subaccount("bob").transact().await.unwrap().into_result().unwrap();
    assert_eq!(bob.id().as_str(), "bob.test.near");
    worker.dev_create_tla().await.expect("registrar.json works");
    let _ = std::fs::remove_dir_all(home);
}
