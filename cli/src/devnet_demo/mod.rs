//! The one-command local demo: a devnet on 127.0.0.1 with the router, the proxy code (global
//! contract), two mock pools and two mock LSTs deployed, demo accounts whose keys are written
//! to `<home>/credentials/<chain id>/`, and a page (`cli/devnet-demo/`) embedding the
//! widget (`/pkg/` = `widget/pkg/`) pointed at the devnet, with a DEVELOPMENT WALLET
//! (`POST /dev-wallet/send`) that signs with the demo accounts' keys.
//!
//! Files: `rpc.rs` (JSON-RPC client, signing), `setup.rs` (deployment, accounts,
//! credentials), `wallet.rs` (the development wallet), `server.rs` (the page server).

pub mod rpc;
pub mod server;
pub mod setup;
pub mod wallet;

use rpc::{DemoKey, RpcClient};
use serde_json::json;
use std::path::PathBuf;
use std::sync::Arc;

/// How to start the demo.
#[derive(Clone, Debug)]
pub struct DemoConfig {
    /// The devnet's port (0 = any free one).
    pub rpc_port: u16,
    /// The page's port (0 = any free one).
    pub page_port: u16,
    /// Where the root key and the demo accounts' credentials go.
    pub home: PathBuf,
    /// The page's folder.
    pub page_dir: PathBuf,
    /// The widget package's folder.
    pub pkg_dir: PathBuf,
    /// Blocks per epoch (default 43,200: mainnet's 12-hour epochs).
    pub epoch_length: u64,
    /// Epochs of past blocks the devnet answers `query` at a `block_id` for (default 5).
    pub history_epochs: u64,
}

impl DemoConfig {
    /// Defaults: free ports, `home`, this repository's `cli/devnet-demo` and `widget/pkg`.
    pub fn new(home: PathBuf) -> Self {
        let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
        DemoConfig {
            rpc_port: 0,
            page_port: 0,
            home,
            page_dir: repo.join("cli/devnet-demo"),
            pkg_dir: repo.join("widget/pkg"),
            epoch_length: 43_200,
            history_epochs: near_chain::DEFAULT_HISTORY_EPOCHS,
        }
    }
}

/// A running demo; dropping it stops the page server and the devnet.
pub struct Demo {
    /// The devnet (RPC at `devnet.url`).
    pub devnet: devnet::Devnet,
    /// The page's URL.
    pub page_url: String,
    /// The deployment.
    pub deployment: setup::Deployment,
    /// The demo accounts, their roles and credential files.
    pub accounts: Vec<(DemoKey, String, PathBuf)>,
    /// The chain id (the credentials' network folder).
    pub network: String,
    page_task: tokio::task::JoinHandle<()>,
}

impl Drop for Demo {
    fn drop(&mut self) {
        self.page_task.abort();
    }
}

/// Starts everything (needs a multi-threaded tokio runtime: near-workspaces talks to the
/// devnet served by this same process).
pub async fn start(config: DemoConfig) -> Result<Demo, String> {
    let devnet_config = devnet::DevnetConfig {
        port: config.rpc_port,
        home: Some(config.home.clone()),
        root_balance: near_primitives::types::Balance::from_near(setup::ROOT_BALANCE_NEAR),
        root_stake: near_primitives::types::Balance::from_near(setup::ROOT_STAKE_NEAR),
        // Mainnet's 12-hour epochs by default: rewards per epoch and the 4-epoch unstaking delay
        // (2 days) come out as on mainnet.
        epoch_length: config.epoch_length,
        history_epochs: config.history_epochs,
        ..Default::default()
    };
    let network = devnet_config.chain_id.clone();
    let epoch_length = devnet_config.epoch_length;
    let devnet = devnet::start(devnet_config).await.map_err(|e| format!("devnet: {e}"))?;
    let deployment = setup::deploy(&devnet.url, &devnet.root_account, &devnet.secret_key).await?;
    {
        // The pools are validators from now on with what they locked (genesis-style; their own
        // `Stake` proposals would make them validators two epochs on).
        let mut node = devnet.node.write().map_err(|_| "devnet lock poisoned".to_string())?;
        for pool in &deployment.pools {
            let locked = node.chain.account(pool.as_str()).map(|a| a.locked).unwrap_or_default();
            node.chain.set_validator_stake(pool.clone(), locked);
        }
    }
    let rpc = RpcClient::new(&devnet.url);
    let root = DemoKey { account_id: devnet.root_account.clone(), secret_key: devnet.secret_key.clone() };
    let (rpc2, root2, dep) = (rpc.clone(), root.clone(), deployment.clone());
    let created = tokio::task::spawn_blocking(move || setup::create_accounts(&rpc2, &root2, &dep))
        .await
        .map_err(|e| e.to_string())??;
    let mut accounts = Vec::new();
    for (key, role) in created.into_iter().chain([(root.clone(), "root (registrar)".to_string())]) {
        let path = setup::write_credentials(&config.home, &network, &key).map_err(|e| format!("credentials: {e}"))?;
        accounts.push((key, role, path));
    }
    let page_config = json!({
        "rpcUrl": devnet.url,
        "routerId": deployment.router,
        "network": network,
        "epochLength": epoch_length,
        "pools": deployment.pools,
        "lsts": deployment.lsts,
        // The widget's `exchange`: where the liquid tokens sell at once.
        "exchange": {
            "accountId": deployment.dex,
            "wnearId": deployment.wnear,
            "pools": deployment.dex_pools.iter().map(|(t, p)| (t.to_string(), json!(p))).collect::<serde_json::Map<_, _>>(),
        },
        "accounts": accounts.iter().filter(|(k, _, _)| k.account_id != root.account_id)
            .map(|(k, role, _)| json!({ "accountId": k.account_id, "publicKey": k.secret_key.public_key(), "role": role }))
            .collect::<Vec<_>>(),
    });
    let wallet = wallet::DevWallet::new(
        rpc,
        accounts.iter().map(|(k, _, _)| k.clone()).filter(|k| k.account_id != root.account_id),
    );
    let site =
        Arc::new(server::Site { page_dir: config.page_dir, pkg_dir: config.pkg_dir, config: page_config, wallet });
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", config.page_port))
        .await
        .map_err(|e| format!("page server: {e}"))?;
    let page_url = format!("http://{}/", listener.local_addr().map_err(|e| e.to_string())?);
    let page_task = tokio::spawn(server::serve(listener, site));
    Ok(Demo { devnet, page_url, deployment, accounts, network, page_task })
}
