//! A devnet with the demo's deployment for the ledger and watch tests: the router, two pools
//! that are validators (the chain pays them epoch rewards at every boundary), two LSTs, alice
//! and the demo accounts, a history window long enough for every epoch the tests make, and the
//! owner's key (added with `sandbox_patch_state`) to flip the mocks' switches.
#![allow(dead_code)]

use near_crypto::{KeyType, SecretKey};
use near_primitives::account::AccessKey;
use near_primitives::action::{Action, FunctionCallAction};
use near_primitives::state_record::StateRecord;
use near_primitives::types::{AccountId, Balance, Gas};
use serde_json::{json, Value};
use stake_router_cli::devnet_demo::rpc::{DemoKey, RpcClient};
use stake_router_cli::devnet_demo::setup::expect_success;
use stake_router_cli::devnet_demo::{start, Demo, DemoConfig};
use std::process::Command;
use std::time::Duration;

/// One NEAR.
pub const NEAR: u128 = 10u128.pow(24);
/// Blocks per epoch (mainnet's; a fast-forward crosses one boundary, so the length only sets
/// how much each epoch pays).
pub const EPOCH_LENGTH: u64 = 43_200;

/// The running devnet and what the tests use.
pub struct Net {
    /// The demo (devnet, deployment, accounts).
    pub demo: Demo,
    /// Its JSON-RPC URL.
    pub url: String,
    /// A client.
    pub rpc: RpcClient,
    /// alice (a user with 1,000 NEAR).
    pub alice: DemoKey,
    /// The router's (and the mocks') owner.
    pub owner: DemoKey,
    /// The router.
    pub router: String,
    /// The validator pools.
    pub pools: Vec<String>,
    /// The LSTs.
    pub lsts: Vec<String>,
    home: std::path::PathBuf,
}

impl Drop for Net {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.home);
    }
}

/// Starts the devnet keeping `history_epochs` epochs of blocks.
pub async fn start_net(name: &str, history_epochs: u64) -> Net {
    let home = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
    let mut config = DemoConfig::new(home.clone());
    config.epoch_length = EPOCH_LENGTH;
    config.history_epochs = history_epochs;
    let demo = tokio::time::timeout(Duration::from_secs(300), start(config))
        .await
        .expect("the devnet starts in time")
        .expect("the devnet starts");
    let url = demo.devnet.url.clone();
    let rpc = RpcClient::new(&url);
    let alice = demo.accounts.iter().find(|(k, _, _)| k.account_id.as_str().starts_with("alice.")).unwrap().0.clone();
    let owner_id: AccountId = demo.deployment.owner.clone();
    let owner = DemoKey { account_id: owner_id.clone(), secret_key: SecretKey::from_random(KeyType::ED25519) };
    let record = StateRecord::AccessKey {
        account_id: owner_id,
        public_key: owner.secret_key.public_key().into(),
        access_key: AccessKey::full_access(),
    };
    rpc.call("sandbox_patch_state", json!({ "records": [record] })).expect("the owner's key is added");
    Net {
        router: demo.deployment.router.to_string(),
        pools: demo.deployment.pools.iter().map(|p| p.to_string()).collect(),
        lsts: demo.deployment.lsts.iter().map(|p| p.to_string()).collect(),
        demo,
        url,
        rpc,
        alice,
        owner,
        home,
    }
}

impl Net {
    /// `key` calls `receiver.method(args)` with `deposit` and `tgas`; panics on a failure.
    pub fn call(&self, key: &DemoKey, receiver: &str, method: &str, args: Value, deposit: u128, tgas: u64) -> Value {
        let action = Action::FunctionCall(Box::new(FunctionCallAction {
            method_name: method.into(),
            args: args.to_string().into_bytes(),
            gas: Gas::from_teragas(tgas),
            deposit: Balance::from_yoctonear(deposit),
        }));
        let receiver: AccountId = receiver.parse().unwrap();
        expect_success(self.rpc.sign_and_send(key, &receiver, vec![action]), &format!("{receiver}.{method}")).unwrap()
    }

    /// `key` deposits `near` NEAR by the router's `profile`, with the plan's gas.
    pub fn deposit(&self, key: &DemoKey, near: u128, profile: &str) {
        let args = json!({ "amount": (near * NEAR).to_string(), "account_id": key.account_id, "profile": profile });
        let plan = self.rpc.view(&self.router, "preview_deposit", args).unwrap();
        let gas: u64 =
            plan["gas_required"].as_u64().or(plan["gas_required"].as_str().and_then(|g| g.parse().ok())).unwrap();
        self.call(
            key,
            &self.router,
            "deposit",
            json!({ "profile": profile }),
            near * NEAR,
            gas.div_ceil(10u64.pow(12)),
        );
    }

    /// Moves to the next epoch (the chain pays the validators at the boundary) and pings
    /// every pool, as a keeper would, so the rewards show in the pools' views.
    pub fn next_epoch(&self) {
        self.rpc.call("sandbox_fast_forward", json!({ "delta_height": EPOCH_LENGTH })).unwrap();
        for pool in &self.pools {
            self.call(&self.alice, pool, "ping", json!({}), 0, 100);
        }
    }

    /// The current epoch height.
    pub fn epoch(&self) -> u64 {
        self.rpc.call("validators", json!([null])).unwrap()["epoch_height"].as_u64().unwrap()
    }

    /// A view at block `height`, read with a plain `query` (not the command's reader).
    pub fn view_at(&self, contract: &str, method: &str, args: Value, height: u64) -> Value {
        use base64::Engine;
        let params = json!({ "request_type": "call_function", "block_id": height, "account_id": contract,
            "method_name": method, "args_base64": base64::engine::general_purpose::STANDARD.encode(args.to_string()) });
        let result = self.rpc.call("query", params).unwrap_or_else(|e| panic!("{contract}.{method} at {height}: {e}"));
        let bytes: Vec<u8> = serde_json::from_value(result["result"].clone()).unwrap();
        serde_json::from_slice(&bytes).unwrap()
    }
}

/// Runs the binary: (success, stdout, stderr).
pub fn cli(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stake-router")).args(args).output().expect("runs");
    (out.status.success(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// A decimal string as u128.
pub fn u128_of(v: &Value) -> u128 {
    v.as_str().unwrap_or_else(|| panic!("not a decimal string: {v}")).parse().unwrap()
}
