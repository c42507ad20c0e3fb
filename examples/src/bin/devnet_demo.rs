//! The one-command local demo: a devnet on 127.0.0.1 with Stake Router deployed, demo
//! accounts (keys in `<home>/credentials/localnet/`), and the widget's page with a
//! DEVELOPMENT WALLET. Runs until Ctrl-C.
//!
//! ```text
//! bash scripts/devnet-demo.sh          # builds the contracts and the widget, then runs this
//! cargo run -p examples --bin devnet-demo -- [--port N] [--page-port N] [--home DIR]
//! ```

use examples::devnet_demo::{start, DemoConfig};

fn usage() -> ! {
    eprintln!("usage: devnet-demo [--port N (devnet RPC; 0 = any, the default)] [--page-port N (0 = any, the default)] [--home DIR (default .devnet-demo)]");
    std::process::exit(2)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let mut config = DemoConfig::new(".devnet-demo".into());
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        match flag.as_str() {
            "--port" => config.rpc_port = value().parse().unwrap_or_else(|_| usage()),
            "--page-port" => config.page_port = value().parse().unwrap_or_else(|_| usage()),
            "--home" => config.home = value().into(),
            _ => usage(),
        }
    }
    if !config.pkg_dir.join("stake-router-widget.js").exists() {
        eprintln!("warning: {} has no widget build; run `bash scripts/build-widget.sh`", config.pkg_dir.display());
    }
    println!("Starting the devnet and deploying the router, the proxy code, 2 pools and 2 LSTs...");
    let demo = start(config.clone()).await.unwrap_or_else(|e| {
        eprintln!("devnet-demo: {e}");
        std::process::exit(1)
    });
    let d = &demo.deployment;
    println!("devnet RPC   {}  (chain id {}, root {})", demo.devnet.url, demo.network, demo.devnet.root_account);
    println!("router       {}  (owner {})", d.router, d.owner);
    println!("pools        {}", d.pools.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(", "));
    println!("LSTs         {}", d.lsts.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(", "));
    println!("demo accounts (full-access keys in NEAR credential files):");
    for (key, role, path) in &demo.accounts {
        println!("  {:<28} {:<34} {}", key.account_id.as_str(), role, path.display());
    }
    println!();
    println!("Open the page:  {}", demo.page_url);
    println!("(its wallet is a DEVELOPMENT WALLET: the demo server signs with the keys above)");
    println!("Ctrl-C stops the demo (the chain lives in memory only).");
    let _ = tokio::signal::ctrl_c().await;
    drop(demo);
}
