//! The chain `ledger-bench` syncs from: a devnet in this process keeping a history window of
//! `--epochs` epochs, the router with `--pools` validator pools and `--tokens` liquid tokens
//! (`harness::fixture::deploy_with` through near-workspaces), one account whose deposit is split
//! evenly over every target, then the epochs: each a fast-forward to the next epoch's first
//! block (the chain pays the validators there) and a keeper's `ping` of every pool (so the
//! rewards show in the pools' views); every so often a token's price rises 0.1% (the mock's
//! owner switch `set_price`). Every call is a signed transaction over JSON-RPC.

use crate::devnet_demo::rpc::{DemoKey, RpcClient};
use crate::devnet_demo::setup::{expect_success, ROOT_BALANCE_NEAR, ROOT_STAKE_NEAR};
use harness::fixture::RESTAKE_CALL_GAS;
use harness::sandbox_backend::SandboxBackend;
use near_crypto::{KeyType, SecretKey};
use near_primitives::account::AccessKey;
use near_primitives::action::{Action, AddKeyAction, CreateAccountAction, FunctionCallAction, TransferAction};
use near_primitives::state_record::StateRecord;
use near_primitives::types::{AccountId, Balance, Gas};
use near_workspaces::network::ValidatorKey;
use router_core::{LstProtocol, ONE_NEAR};
use serde_json::{json, Value};
use std::time::Instant;

/// The account's deposit, split evenly over every target (well above the 1 NEAR minimum leg).
pub const DEPOSIT_NEAR: u128 = 1_000;

/// The devnet and what was deployed on it.
pub struct BenchNet {
    /// The devnet (dropping it stops it).
    pub devnet: devnet::Devnet,
    /// The router.
    pub router: AccountId,
    /// The router's owner (also the mocks').
    pub owner: AccountId,
    /// The validator pools.
    pub pools: Vec<AccountId>,
    /// The liquid tokens (even: LiNEAR-shaped, odd: Meta Pool-shaped).
    pub lsts: Vec<AccountId>,
}

/// Starts the devnet (`epoch_length`-block epochs, `history_epochs` of them kept; the demo's
/// stakes, so rewards come near mainnet's rate) and deploys the router with `pools` pools and
/// `tokens` tokens. The pools are validators from now on with what they locked, as in the demo.
pub async fn start(epoch_length: u64, history_epochs: u64, pools: usize, tokens: usize) -> Result<BenchNet, String> {
    let config = devnet::DevnetConfig {
        root_balance: Balance::from_near(ROOT_BALANCE_NEAR),
        root_stake: Balance::from_near(ROOT_STAKE_NEAR),
        epoch_length,
        history_epochs,
        ..Default::default()
    };
    let devnet = devnet::start(config).await.map_err(|e| format!("devnet: {e}"))?;
    let secret_key: near_workspaces::types::SecretKey =
        devnet.secret_key.to_string().parse().map_err(|e| format!("root key: {e}"))?;
    let root: near_workspaces::AccountId = devnet.root_account.as_str().parse().map_err(|e| format!("root: {e}"))?;
    let worker = near_workspaces::sandbox()
        .rpc_addr(&devnet.url)
        .validator_key(ValidatorKey::Known(root, secret_key))
        .await
        .map_err(|e| format!("near-workspaces cannot attach to {}: {e}", devnet.url))?;
    let mut backend = SandboxBackend::from_worker(worker)?;
    let f = harness::fixture::deploy_with(&mut backend, pools, tokens).await;
    let id = |a: &router_core::AccountId| a.as_str().parse::<AccountId>().map_err(|e| format!("{a}: {e}"));
    let net = BenchNet {
        router: id(&f.router)?,
        owner: id(&f.owner)?,
        pools: f.pools.iter().map(id).collect::<Result<_, _>>()?,
        lsts: f.lsts.iter().map(id).collect::<Result<_, _>>()?,
        devnet,
    };
    {
        let mut node = net.devnet.node.write().map_err(|_| "devnet lock poisoned".to_string())?;
        for pool in &net.pools {
            let locked = node.chain.account(pool.as_str()).map(|a| a.locked).unwrap_or_default();
            node.chain.set_validator_stake(pool.clone(), locked);
        }
    }
    Ok(net)
}

/// `key` calls `receiver.method(args)`; an error unless the transaction and its receipts succeed.
pub fn call(
    rpc: &RpcClient,
    key: &DemoKey,
    receiver: &AccountId,
    method: &str,
    args: Value,
    deposit: u128,
    gas: u64,
) -> Result<Value, String> {
    let action = Action::FunctionCall(Box::new(FunctionCallAction {
        method_name: method.into(),
        args: args.to_string().into_bytes(),
        gas: Gas::from_gas(gas),
        deposit: Balance::from_yoctonear(deposit),
    }));
    let what = format!("{receiver}.{method}");
    let outcome = expect_success(rpc.sign_and_send(key, receiver, vec![action]), &what)?;
    let receipts = outcome["receipts_outcome"].as_array().ok_or_else(|| format!("{what}: no receipts_outcome"))?;
    match receipts.iter().find(|r| r["outcome"]["status"].get("Failure").is_some()) {
        Some(failed) => Err(format!("{what}: a receipt failed: {failed}")),
        None => Ok(outcome),
    }
}

/// Creates `holder.<root>` and has it deposit [`DEPOSIT_NEAR`] split evenly over every pool and
/// token (the router's `preview_deposit` gas); returns its key.
pub fn deposit_account(rpc: &RpcClient, net: &BenchNet) -> Result<DemoKey, String> {
    let root = DemoKey { account_id: net.devnet.root_account.clone(), secret_key: net.devnet.secret_key.clone() };
    let account_id: AccountId = format!("holder.{}", root.account_id).parse().map_err(|e| format!("holder: {e}"))?;
    let key = DemoKey { account_id: account_id.clone(), secret_key: SecretKey::from_random(KeyType::ED25519) };
    let actions = vec![
        Action::CreateAccount(CreateAccountAction {}),
        Action::Transfer(TransferAction { deposit: Balance::from_near(2 * DEPOSIT_NEAR) }),
        Action::AddKey(Box::new(AddKeyAction {
            public_key: key.secret_key.public_key(),
            access_key: AccessKey::full_access(),
        })),
    ];
    expect_success(rpc.sign_and_send(&root, &account_id, actions), "create the holder")?;
    let targets: Vec<&AccountId> = net.pools.iter().chain(&net.lsts).collect();
    let n = targets.len() as u16;
    let legs: Vec<Value> = targets
        .iter()
        .enumerate()
        .map(|(i, t)| json!({ "target": t, "bps": 10_000 / n + if i == 0 { 10_000 % n } else { 0 } }))
        .collect();
    let policy = json!({ "legs": legs });
    let amount = DEPOSIT_NEAR * ONE_NEAR;
    let preview = json!({ "amount": amount.to_string(), "account_id": account_id, "policy": policy });
    let plan = rpc.view(net.router.as_str(), "preview_deposit", preview)?;
    let gas = plan["gas_required"].as_u64().ok_or_else(|| format!("preview_deposit: no gas_required in {plan}"))?;
    call(rpc, &key, &net.router, "deposit", json!({ "policy": policy }), amount, gas)?;
    Ok(key)
}

/// A full-access key for the owner (`sandbox_patch_state`), to flip the mocks' switches.
pub fn owner_key(rpc: &RpcClient, net: &BenchNet) -> Result<DemoKey, String> {
    let owner = DemoKey { account_id: net.owner.clone(), secret_key: SecretKey::from_random(KeyType::ED25519) };
    let record = StateRecord::AccessKey {
        account_id: net.owner.clone(),
        public_key: owner.secret_key.public_key().into(),
        access_key: AccessKey::full_access(),
    };
    rpc.call("sandbox_patch_state", json!({ "records": [record] })).map_err(|e| format!("owner key: {e}"))?;
    Ok(owner)
}

/// What the epochs took.
#[derive(Clone, Debug)]
pub struct EpochsRun {
    /// The head's epoch after them.
    pub last_epoch: u64,
    /// Transactions sent (pings and price changes).
    pub transactions: usize,
    /// Price changes among them.
    pub price_changes: usize,
    /// Wall time, seconds.
    pub seconds: f64,
}

/// Moves `epochs` epochs on: per epoch a fast-forward to the next epoch's first block and a
/// `ping` of every pool by `keeper`; every `price_every` epochs one token's price rises 0.1%
/// (the tokens take turns).
pub fn run_epochs(
    rpc: &RpcClient,
    net: &BenchNet,
    keeper: &DemoKey,
    owner: &DemoKey,
    epochs: u64,
    epoch_length: u64,
    price_every: u64,
) -> Result<EpochsRun, String> {
    let clock = Instant::now();
    let (mut transactions, mut price_changes) = (0, 0);
    let mut last_epoch = 0;
    for i in 1..=epochs {
        last_epoch = next_epoch(rpc, epoch_length)?;
        for pool in &net.pools {
            call(rpc, keeper, pool, "ping", json!({}), 0, RESTAKE_CALL_GAS)?;
            transactions += 1;
        }
        if i.is_multiple_of(price_every) && !net.lsts.is_empty() {
            let k = (i / price_every) as usize % net.lsts.len();
            let protocol = if k.is_multiple_of(2) { LstProtocol::Linear } else { LstProtocol::MetaPool };
            let token = &net.lsts[k];
            let price = rpc.view(token.as_str(), protocol.price_method(), json!({}))?;
            let price: u128 = price.as_str().and_then(|p| p.parse().ok()).ok_or_else(|| format!("price: {price}"))?;
            let args = json!({ "price": (price + price / 1_000).to_string() });
            call(rpc, owner, token, "set_price", args, 0, 30 * router_core::gas::TGAS)?;
            (transactions, price_changes) = (transactions + 1, price_changes + 1);
        }
        if i.is_multiple_of(100) {
            eprintln!("  {i} epochs, {:.0} s", clock.elapsed().as_secs_f64());
        }
    }
    Ok(EpochsRun { last_epoch, transactions, price_changes, seconds: clock.elapsed().as_secs_f64() })
}

/// Fast-forwards to the next epoch's first block (`validators`' epoch start plus `length`);
/// returns the new epoch's height.
fn next_epoch(rpc: &RpcClient, length: u64) -> Result<u64, String> {
    let validators = rpc.call("validators", json!([null])).map_err(|e| format!("validators: {e}"))?;
    let start = validators["epoch_start_height"].as_u64().ok_or("validators: no epoch_start_height")?;
    let epoch = validators["epoch_height"].as_u64().ok_or("validators: no epoch_height")?;
    let head = rpc.call("block", json!({ "finality": "final" })).map_err(|e| format!("block: {e}"))?;
    let height = head["header"]["height"].as_u64().ok_or("block: no height")?;
    if height >= start + length {
        return Err(format!("the epoch's transactions took {} blocks: use a longer --epoch-length", height - start));
    }
    rpc.call("sandbox_fast_forward", json!({ "delta_height": start + length - height }))
        .map_err(|e| format!("sandbox_fast_forward: {e}"))?;
    let now = rpc.call("validators", json!([null])).map_err(|e| format!("validators: {e}"))?;
    match now["epoch_height"].as_u64() {
        Some(e) if e == epoch + 1 => Ok(e),
        other => Err(format!("after the fast-forward the epoch is {other:?}, not {}", epoch + 1)),
    }
}
