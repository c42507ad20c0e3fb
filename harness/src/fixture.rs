//! The deployment every scenario starts from: the router with the proxy code deployed as a
//! global contract by hash, two mock validator pools and two mock LSTs on its allow-list.

use crate::backend::{call_json, Backend, Outcome};
use router_core::gas::TGAS;
use router_core::{AccountId, ONE_NEAR};
use serde_json::{json, Value};

/// yoctoNEAR per byte burnt when deploying a global contract (protocol 88).
const GLOBAL_CONTRACT_PRICE_PER_BYTE: u128 = 100_000_000_000_000_000_000;
/// The validator key the mock pools stake with (an ED25519 key the real pool's own
/// simulation tests pass to `new`).
pub const POOL_STAKE_KEY: &str = "ed25519:3tysLvy7KGoE8pznUgXvSHa4vYyGvrDZFcT8jgb8PEQ6";
/// What a fixture pool's account holds when `new` stakes it: the pool's own stake, which no
/// delegator owns, plus the real pool's 10^12 yoctoNEAR share price guarantee fund.
pub const POOL_BALANCE: u128 = 10 * ONE_NEAR;
/// Gas for a call that restakes: the pool's own work, a `Stake` action and the 20 TGas
/// `on_stake_action` callback (`new`, `ping`).
pub const RESTAKE_CALL_GAS: u64 = 50 * TGAS;
/// The LSTs' registration deposit (NEP-145 `storage_balance_bounds().min` of near-contract-standards).
pub const REGISTRATION: u128 = 1_250_000_000_000_000_000_000;

/// Accounts of a deployed router and its targets.
pub struct Fixture {
    /// The router contract.
    pub router: AccountId,
    /// Its owner (also owner of the mocks, to flip their switches).
    pub owner: AccountId,
    /// Validator pools (mock core staking pools).
    pub pools: Vec<AccountId>,
    /// Mock LSTs, alternately LiNEAR-shaped and Meta Pool-shaped.
    pub lsts: Vec<AccountId>,
}

/// Deploys the router, the proxy code, two pools and two LSTs, and allow-lists the targets.
pub async fn deploy<B: Backend>(b: &mut B) -> Fixture {
    deploy_with(b, 2, 2).await
}

/// Deploys the router and the proxy code with `pools` validator pools and `lsts` LSTs.
pub async fn deploy_with<B: Backend>(b: &mut B, pool_count: usize, lst_count: usize) -> Fixture {
    let owner = b.create_account("owner", 10_000 * ONE_NEAR).await;
    let router = b.create_account("router", 100 * ONE_NEAR).await;
    b.deploy(&router, &crate::contracts::load_wasm("router_contract")).await;
    let out =
        call_json(b, &owner, &router, "new", json!({ "owner_id": owner, "timelock_seconds": 0 }), 0, 30 * TGAS).await;
    assert!(out.ok, "router new: {:?}", out.failure);

    let proxy_wasm = crate::contracts::load_wasm("staking_proxy");
    let cost = proxy_wasm.len() as u128 * GLOBAL_CONTRACT_PRICE_PER_BYTE;
    // One NEAR more than the burn: it comes back to the owner.
    let before = b.balance(&owner).await.expect("the owner exists");
    let out = b.call(&owner, &router, "deploy_proxy_code", proxy_wasm, cost + ONE_NEAR, 300 * TGAS).await;
    assert!(out.ok, "deploy_proxy_code: {:?}", out.failure);
    assert!(out.json().is_string(), "the proxy code hash is recorded: {:?}", out.value);
    assert!(out.failed_receipts.is_empty(), "{:?}", out.failed_receipts);
    let refunded: Vec<_> = out.events().into_iter().filter(|e| e["event"] == "refunded").collect();
    assert_eq!(refunded.len(), 1, "the surplus is refunded once");
    assert_eq!(refunded[0]["data"]["account"], owner.as_str());
    assert_eq!(refunded[0]["data"]["amount"], ONE_NEAR.to_string());
    let spent = before - b.balance(&owner).await.expect("the owner exists");
    assert!(spent >= cost && spent < cost + ONE_NEAR / 10, "the burn and gas only: {spent} for {cost}");

    let mut pools = Vec::new();
    for i in 0..pool_count {
        let pool = deploy_pool(b, &owner, &format!("pool-{}", (b'a' + i as u8) as char)).await;
        add_target(b, &owner, &router, &pool, json!({ "type": "validator" })).await;
        pools.push(pool);
    }
    let mut lsts = Vec::new();
    for i in 0..lst_count {
        let (name, protocol, price) =
            if i % 2 == 0 { ("linear", "linear", 1_100_000u128) } else { ("metapool", "meta_pool", 1_250_000u128) };
        let lst = b.create_account(&format!("{name}-{}", i / 2), 10 * ONE_NEAR).await;
        b.deploy(&lst, &crate::contracts::load_wasm("mock_lst")).await;
        let price = (price * 1_000_000_000_000_000_000).to_string();
        let args =
            json!({ "owner_id": owner, "min_deposit": ONE_NEAR.to_string(), "price": price, "protocol": protocol });
        let out = call_json(b, &owner, &lst, "new", args, 0, 30 * TGAS).await;
        assert!(out.ok, "lst new: {:?}", out.failure);
        let kind = json!({ "type": "liquid", "protocol": protocol, "registration_deposit": REGISTRATION.to_string() });
        add_target(b, &owner, &router, &lst, kind).await;
        lsts.push(lst);
    }
    Fixture { router, owner, pools, lsts }
}

/// Creates the account `name` with [`POOL_BALANCE`], deploys the mock staking pool there and
/// initialises it as the real pool is: owned by `owner`, staking with [`POOL_STAKE_KEY`], no
/// reward fee. `new` stakes the account's balance less the guarantee fund.
pub async fn deploy_pool<B: Backend>(b: &mut B, owner: &AccountId, name: &str) -> AccountId {
    let pool = b.create_account(name, POOL_BALANCE).await;
    b.deploy(&pool, &crate::contracts::load_wasm("mock_staking_pool")).await;
    let out = call_json(b, owner, &pool, "new", pool_init_args(owner), 0, RESTAKE_CALL_GAS).await;
    assert!(out.ok, "pool new: {:?}", out.failure);
    pool
}

/// The arguments of the mock pool's `new` (the real pool's): `owner`, [`POOL_STAKE_KEY`], no fee.
pub fn pool_init_args(owner: &AccountId) -> Value {
    json!({
        "owner_id": owner,
        "stake_public_key": POOL_STAKE_KEY,
        "reward_fee_fraction": { "numerator": 0, "denominator": 1 },
    })
}

/// Pays `pool` a reward of `amount` the way the chain's rewards reach a real pool: `from`
/// sends it to the pool's account in a plain transfer, the chain moves to the next epoch, and
/// `from` pings the pool, which counts the growth of its balance as the epoch's reward (less
/// the owner's fee) and restakes. Returns the outcomes of the transfer and of the ping.
pub async fn reward_pool<B: Backend>(
    b: &mut B,
    from: &AccountId,
    pool: &AccountId,
    amount: u128,
) -> (Outcome, Outcome) {
    let transfer = b.transfer(from, pool, amount).await;
    assert!(transfer.ok, "transfer to {pool}: {:?}", transfer.failure);
    b.advance_epochs(1).await;
    let ping = call_json(b, from, pool, "ping", json!({}), 0, RESTAKE_CALL_GAS).await;
    assert!(ping.ok, "ping {pool}: {:?}", ping.failure);
    (transfer, ping)
}

/// Allow-lists `target` (of `kind`) on the router, with the fixture's caps (1 NEAR minimum leg).
pub async fn add_target<B: Backend>(b: &mut B, owner: &AccountId, router: &AccountId, target: &AccountId, kind: Value) {
    let caps = json!({ "max_share_bps": 10_000, "max_total_routed": null, "min_leg": ONE_NEAR.to_string() });
    let out = call_json(
        b,
        owner,
        router,
        "add_target",
        json!({ "account_id": target, "kind": kind, "caps": caps }),
        1,
        30 * TGAS,
    )
    .await;
    assert!(out.ok, "add_target {target}: {:?}", out.failure);
}

/// (validator legs, liquid legs) of the deposit shapes the gas report and the gas tests run:
/// every shape of up to 4 legs, 4 + 4, and the most of each kind (a fixture of 8 pools and 8
/// tokens, `deploy_with(b, 8, 8)`, has them all).
pub const SPLIT_SHAPES: [(usize, usize); 18] = [
    (1, 0),
    (0, 1),
    (1, 1),
    (2, 0),
    (0, 2),
    (2, 1),
    (1, 2),
    (3, 0),
    (0, 3),
    (2, 2),
    (3, 1),
    (1, 3),
    (4, 0),
    (0, 4),
    (4, 4),
    (8, 0),
    (0, 8),
    (8, 8),
];

impl Fixture {
    /// Deposit arguments splitting evenly over the first `validators` pools and `liquid`
    /// tokens (the first leg takes the remainder of the basis points).
    pub fn even_policy(&self, validators: usize, liquid: usize) -> Value {
        let targets: Vec<&AccountId> =
            self.pools.iter().take(validators).chain(self.lsts.iter().take(liquid)).collect();
        let n = targets.len() as u16;
        let legs: Vec<Value> = targets
            .iter()
            .enumerate()
            .map(|(i, t)| json!({ "target": t, "bps": 10_000 / n + if i == 0 { 10_000 % n } else { 0 } }))
            .collect();
        json!({ "policy": { "legs": legs } })
    }

    /// Calls a router view.
    pub async fn view<B: Backend>(&self, b: &B, method: &str, args: Value) -> Value {
        b.view(&self.router, method, args).await.unwrap_or_else(|e| panic!("{method}: {e}"))
    }

    /// The proxy account of `beneficiary` and whether the router created it.
    pub async fn proxy_of<B: Backend>(&self, b: &B, beneficiary: &AccountId) -> (AccountId, bool) {
        let v = self.view(b, "get_proxy", json!({ "beneficiary_id": beneficiary })).await;
        (v["proxy_id"].as_str().unwrap().parse().unwrap(), v["exists"].as_bool().unwrap())
    }

    /// Flips a mock switch (owner only, as the mocks require).
    pub async fn switch<B: Backend>(&self, b: &mut B, mock: &AccountId, method: &str, args: Value) {
        let out = call_json(b, &self.owner, mock, method, args, 0, 30 * TGAS).await;
        assert!(out.ok, "{mock}.{method}: {:?}", out.failure);
    }

    /// `account` registers itself with `token` (NEP-145 `storage_deposit`, registration only).
    pub async fn register<B: Backend>(&self, b: &mut B, token: &AccountId, account: &AccountId) -> Outcome {
        let args = json!({ "account_id": account, "registration_only": true });
        call_json(b, account, token, "storage_deposit", args, REGISTRATION, 30 * TGAS).await
    }

    /// Deposits `amount` with router-call `args`, attaching `gas`.
    pub async fn deposit<B: Backend>(
        &self,
        b: &mut B,
        from: &AccountId,
        amount: u128,
        args: Value,
        gas: u64,
    ) -> Outcome {
        call_json(b, from, &self.router, "deposit", args, amount, gas).await
    }
}

/// Reads a JSON `U128` string.
pub fn u128_of(v: &Value) -> u128 {
    v.as_str().unwrap_or_else(|| panic!("not a U128 string: {v}")).parse().unwrap()
}
