//! `stake-router devnet-demo`: the one-command local demo. A devnet on 127.0.0.1 with Stake
//! Router deployed, demo accounts (keys in `<home>/credentials/localnet/`), and the widget's
//! page with a DEVELOPMENT WALLET. Runs until Ctrl-C.
//!
//! ```text
//! bash scripts/devnet-demo.sh          # builds the contracts and the widget, then runs this
//! stake-router devnet-demo [--port N] [--page-port N] [--home DIR]
//! ```

use crate::devnet_demo::{start, DemoConfig};
use std::path::PathBuf;

/// `stake-router devnet-demo` flags.
#[derive(Clone, Debug, clap::Args)]
pub struct DevnetDemoArgs {
    /// The devnet's JSON-RPC port (0: any free one)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub port: u16,
    /// The page's port (0: any free one)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub page_port: u16,
    /// Where the root key and the demo accounts' credentials go
    #[arg(long, value_name = "DIR", default_value = ".devnet-demo")]
    pub home: PathBuf,
}

/// Runs `stake-router devnet-demo` until Ctrl-C.
pub fn run(args: DevnetDemoArgs) -> Result<(), String> {
    let mut config = DemoConfig::new(args.home);
    config.rpc_port = args.port;
    config.page_port = args.page_port;
    if !config.pkg_dir.join("stake-router-widget.js").exists() {
        eprintln!("warning: {} has no widget build; run `bash scripts/build-widget.sh`", config.pkg_dir.display());
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        println!("Starting the devnet and deploying the router, the proxy code, 2 pools and 2 LSTs...");
        let demo = start(config).await?;
        let d = &demo.deployment;
        println!("devnet RPC   {}  (chain id {}, root {})", demo.devnet.url, demo.network, demo.devnet.root_account);
        println!("router       {}  (owner {})", d.router, d.owner);
        println!("pools        {}", d.pools.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(", "));
        println!("LSTs         {}", d.lsts.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(", "));
        println!("demo accounts (full-access keys in NEAR credential files):");
        for (key, role, path) in &demo.accounts {
            println!("  {:<28} {:<34} {}", key.account_id.as_str(), role, path.display());
        }
        if let Some((dao, _, _)) = demo.accounts.iter().find(|(_, role, _)| role.starts_with("DAO")) {
            println!(
                "a DAO proposal routing 1000 NEAR of the DAO by its stored policy:\n  \
                 stake-router dao-proposal --rpc {} --router {} --dao {} --amount 1000",
                demo.devnet.url, d.router, dao.account_id
            );
        }
        println!();
        println!("Open the page:  {}", demo.page_url);
        println!("(its wallet is a DEVELOPMENT WALLET: the demo server signs with the keys above)");
        println!("Ctrl-C stops the demo (the chain lives in memory only).");
        let _ = tokio::signal::ctrl_c().await;
        drop(demo);
        Ok(())
    })
}
