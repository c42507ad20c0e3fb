//! `devnet [--port N] [--home DIR] [--root ACCOUNT] [--epoch-length N] [--validator ACCOUNT=STAKE]`: a local NEAR devnet
//! on 127.0.0.1 (see the crate's README).

use devnet::DevnetConfig;

fn usage() -> ! {
    eprintln!("usage: devnet [--port N (0 = any)] [--home DIR] [--root ACCOUNT] [--epoch-length N] [--chain-id ID] [--state FILE] [--validator ACCOUNT=STAKE ...]");
    eprintln!("  STAKE: yoctoNEAR, or whole NEAR with a NEAR suffix (pool.test.near=300000NEAR)");
    std::process::exit(2)
}

fn parse_args() -> DevnetConfig {
    let mut config = DevnetConfig { home: Some(".devnet".into()), port: 3030, ..DevnetConfig::default() };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        match flag.as_str() {
            "--port" => config.port = value().parse().unwrap_or_else(|_| usage()),
            "--home" => config.home = Some(value().into()),
            "--root" => config.root_account = value().parse().unwrap_or_else(|_| usage()),
            "--epoch-length" => config.epoch_length = value().parse().unwrap_or_else(|_| usage()),
            "--chain-id" => config.chain_id = value(),
            "--state" => config.state = Some(value().into()),
            "--validator" => config.validators.push(validator(&value()).unwrap_or_else(|| usage())),
            _ => usage(),
        }
    }
    config
}

/// `ACCOUNT=STAKE`: STAKE in yoctoNEAR, or in whole NEAR with a `NEAR` suffix.
fn validator(arg: &str) -> Option<(near_chain::AccountId, near_chain::Balance)> {
    let (account, stake) = arg.split_once('=')?;
    let stake = match stake.strip_suffix("NEAR") {
        Some(near) => near.trim().parse::<u128>().ok()?.checked_mul(10u128.pow(24))?,
        None => stake.parse::<u128>().ok()?,
    };
    Some((account.parse().ok()?, near_chain::Balance::from_yoctonear(stake)))
}

#[tokio::main]
async fn main() {
    let config = parse_args();
    let devnet = devnet::start(config).await.unwrap_or_else(|e| {
        eprintln!("devnet: {e}");
        std::process::exit(1)
    });
    println!("devnet listening on {}", devnet.url);
    println!("root account {} ({})", devnet.root_account, devnet.secret_key.public_key());
    if let Some(path) = &devnet.key_file {
        println!("root key written to {}", path.display());
    }
    if let Some(path) = &devnet.node.lock().unwrap().state_file {
        println!("state saved to {} after every transaction", path.display());
    }
    let _ = tokio::signal::ctrl_c().await;
    let node = devnet.node.lock().unwrap_or_else(|p| p.into_inner());
    node.persist();
}
