//! The demo's deployment on a running devnet: `harness::fixture` (router, proxy code as a
//! global contract through `deploy_proxy_code`, two mock pools, two mock LSTs) through the
//! unmodified near-workspaces client attached to the devnet's JSON-RPC, then the demo
//! accounts, created by signed transactions of the root account, with their keys written in
//! NEAR's credential format.

use super::rpc::{DemoKey, RpcClient};
use harness::sandbox_backend::SandboxBackend;
use near_crypto::{KeyType, SecretKey};
use near_primitives::account::AccessKey;
use near_primitives::action::{Action, AddKeyAction, CreateAccountAction, FunctionCallAction, TransferAction};
use near_primitives::types::{AccountId, Balance, Gas};
use near_workspaces::network::ValidatorKey;
use router_core::ONE_NEAR;
use serde_json::json;
use std::path::Path;

/// The demo accounts: (name under the root account, role, balance in NEAR).
pub const DEMO_ACCOUNTS: [(&str, &str, u128); 3] =
    [("alice", "user", 1_000), ("bob", "user", 1_000), ("treasury-dao", "DAO (stored 40/30/20/10 policy)", 100_000)];

/// The profile the demo guards (concentration above 20% of the network's stake, depeg skip).
pub const GUARDED_PROFILE: &str = "direct-heavy";

/// What other delegators stake in the demo's two pools, in whole NEAR (real `deposit_and_stake`
/// calls, so the pools lock it with their own `Stake` actions): with the root account's
/// [`ROOT_STAKE_NEAR`] the first pool holds 30% of the network's stake (above the guarded
/// profile's 20%), the second 10%.
pub const DELEGATIONS_NEAR: [u128; 2] = [300_000, 100_000];

/// The root account's own stake (the devnet's genesis validator) in the demo, in whole NEAR.
pub const ROOT_STAKE_NEAR: u128 = 600_000;

/// The root account's liquid NEAR at genesis in the demo: with the stakes above, the network
/// stakes 60% of the supply, so epoch rewards come out near mainnet's yearly rate.
pub const ROOT_BALANCE_NEAR: u128 = 1_000_000;

/// What was deployed.
#[derive(Clone, Debug)]
pub struct Deployment {
    /// The router.
    pub router: AccountId,
    /// The router's owner (also owner of the mocks).
    pub owner: AccountId,
    /// Validator pools.
    pub pools: Vec<AccountId>,
    /// Liquid staking tokens.
    pub lsts: Vec<AccountId>,
    /// The mock exchange where they sell at once (one `token`/wNEAR pool each).
    pub dex: AccountId,
    /// Its wrapped NEAR.
    pub wnear: AccountId,
    /// Per liquid token, its pool id on the exchange.
    pub dex_pools: Vec<(AccountId, u64)>,
}

/// Deploys the fixture through near-workspaces attached to the devnet at `url`.
pub async fn deploy(url: &str, root: &AccountId, root_key: &SecretKey) -> Result<Deployment, String> {
    let secret_key: near_workspaces::types::SecretKey =
        root_key.to_string().parse().map_err(|e| format!("root key: {e}"))?;
    let root: near_workspaces::AccountId = root.as_str().parse().map_err(|e| format!("root: {e}"))?;
    let worker = near_workspaces::sandbox()
        .rpc_addr(url)
        .validator_key(ValidatorKey::Known(root, secret_key))
        .await
        .map_err(|e| format!("near-workspaces cannot attach to {url}: {e}"))?;
    let mut backend = SandboxBackend::from_worker(worker)?;
    let f = harness::fixture::deploy(&mut backend).await;
    // The guarded profile: `direct-heavy` leaves out validators above 20% of the network's
    // stake (the demo's validator set makes the first pool one) and skips out-of-band LSTs.
    let out = harness::backend::call_json(
        &mut backend,
        &f.owner,
        &f.router,
        "set_profile_guards",
        json!({ "name": GUARDED_PROFILE, "options": { "max_validator_network_share_bps": 2_000, "skip_out_of_band_liquid": true } }),
        1,
        30 * router_core::gas::TGAS,
    )
    .await;
    if !out.ok {
        return Err(format!("set_profile_guards: {:?}", out.failure));
    }
    // Other delegators' stake in the pools, staked like any deposit.
    let total: u128 = DELEGATIONS_NEAR.iter().sum();
    let delegators =
        harness::backend::Backend::create_account(&mut backend, "delegators", (total + 10) * ONE_NEAR).await;
    for (pool, near) in f.pools.iter().zip(DELEGATIONS_NEAR) {
        let out = harness::backend::call_json(
            &mut backend,
            &delegators,
            pool,
            "deposit_and_stake",
            json!({}),
            near * ONE_NEAR,
            200 * router_core::gas::TGAS,
        )
        .await;
        if !out.ok {
            return Err(format!("deposit_and_stake into {pool}: {:?}", out.failure));
        }
    }
    // The instant exits' venues: 500 tokens and 500 wNEAR per exchange pool, 300 NEAR in the
    // Meta Pool-shaped token's own pool.
    let venues = harness::venues::deploy_exit_venues(&mut backend, &f, 500 * ONE_NEAR, 300 * ONE_NEAR).await;
    let id = |a: &router_core::AccountId| a.as_str().parse::<AccountId>().expect("valid account id");
    Ok(Deployment {
        router: id(&f.router),
        owner: id(&f.owner),
        pools: f.pools.iter().map(id).collect(),
        lsts: f.lsts.iter().map(id).collect(),
        dex: id(&venues.dex),
        wnear: id(&venues.wnear),
        dex_pools: venues.pools.iter().map(|(t, p)| (id(t), *p)).collect(),
    })
}

/// Creates the demo accounts under `root` with fresh ed25519 keys (blocking: call it from
/// `spawn_blocking`), and has the DAO store its routing policy. Returns (key, role) pairs.
pub fn create_accounts(rpc: &RpcClient, root: &DemoKey, d: &Deployment) -> Result<Vec<(DemoKey, String)>, String> {
    let mut out = Vec::new();
    for (name, role, near) in DEMO_ACCOUNTS {
        let account_id: AccountId =
            format!("{name}.{}", root.account_id).parse().map_err(|e| format!("{name}: {e}"))?;
        let key = DemoKey { account_id: account_id.clone(), secret_key: SecretKey::from_random(KeyType::ED25519) };
        let actions = vec![
            Action::CreateAccount(CreateAccountAction {}),
            Action::Transfer(TransferAction { deposit: Balance::from_yoctonear(near * ONE_NEAR) }),
            Action::AddKey(Box::new(AddKeyAction {
                public_key: key.secret_key.public_key(),
                access_key: AccessKey::full_access(),
            })),
        ];
        expect_success(rpc.sign_and_send(root, &account_id, actions), &format!("create {account_id}"))?;
        out.push((key, role.to_string()));
    }
    // The DAO's stored policy: a `deposit` with no profile or policy routes by it.
    let dao = &out[2].0;
    let legs: Vec<_> = d
        .pools
        .iter()
        .chain(&d.lsts)
        .zip([4_000, 3_000, 2_000, 1_000])
        .map(|(t, bps)| json!({ "target": t, "bps": bps }))
        .collect();
    let call = Action::FunctionCall(Box::new(FunctionCallAction {
        method_name: "set_account_policy".into(),
        args: json!({ "policy": { "legs": legs } }).to_string().into_bytes(),
        gas: Gas::from_teragas(30),
        deposit: Balance::from_yoctonear(ONE_NEAR / 100),
    }));
    expect_success(rpc.sign_and_send(dao, &d.router, vec![call]), "set_account_policy")?;
    Ok(out)
}

/// `Ok` when the outcome's status is a success.
pub fn expect_success(
    result: Result<serde_json::Value, serde_json::Value>,
    what: &str,
) -> Result<serde_json::Value, String> {
    let outcome = result.map_err(|e| format!("{what}: {e}"))?;
    if outcome["status"].get("SuccessValue").is_some() {
        Ok(outcome)
    } else {
        Err(format!("{what}: {}", outcome["status"]))
    }
}

/// Writes `<home>/credentials/<network>/<account>.json` (`account_id`, `public_key`,
/// `private_key`: near-cli's format) and returns its path.
pub fn write_credentials(home: &Path, network: &str, key: &DemoKey) -> std::io::Result<std::path::PathBuf> {
    let dir = home.join("credentials").join(network);
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("{}.json", key.account_id));
    let json = json!({ "account_id": key.account_id, "public_key": key.secret_key.public_key(), "private_key": key.secret_key });
    std::fs::write(&path, serde_json::to_string_pretty(&json)?)?;
    Ok(path)
}
