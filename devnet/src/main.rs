//! `devnet`: a local NEAR devnet on 127.0.0.1 (see the crate's README and `devnet --help`).

use clap::Parser;
use devnet::DevnetConfig;
use std::path::PathBuf;

/// A local NEAR devnet: the in-process chain behind nearcore's JSON-RPC on 127.0.0.1, offline.
#[derive(Parser, Debug)]
#[command(name = "devnet", version)]
struct Args {
    /// TCP port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 3030)]
    port: u16,
    /// Where the root account's key (`validator_key.json`) is written.
    #[arg(long, default_value = ".devnet")]
    home: PathBuf,
    /// The root account (also the registrar of top-level accounts).
    #[arg(long, default_value = "test.near")]
    root: near_chain::AccountId,
    /// Blocks per epoch.
    #[arg(long, default_value_t = devnet::DEFAULT_EPOCH_LENGTH)]
    epoch_length: u64,
    /// The chain id `status` and the genesis config report.
    #[arg(long, default_value = "localnet")]
    chain_id: String,
    /// Load FILE at start if it exists; save it after every transaction and on Ctrl-C.
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
    /// A genesis validator, repeatable: ACCOUNT=STAKE with STAKE in yoctoNEAR, or whole NEAR
    /// with a NEAR suffix, and optionally the share of its expected blocks, chunks and
    /// endorsements it produces, in percent (pool-a.test.near=300000NEAR,95%; default 100%).
    #[arg(long, value_name = "ACCOUNT=STAKE[,UPTIME%]", value_parser = validator)]
    validator: Vec<(near_chain::AccountId, near_chain::Balance, Option<near_chain::Uptime>)>,
    /// Epochs of blocks whose state queries at a block_id answer (the head's included); older
    /// blocks are GARBAGE_COLLECTED_BLOCK, as on a non-archival nearcore node.
    #[arg(long, value_name = "N", default_value_t = near_chain::DEFAULT_HISTORY_EPOCHS,
          value_parser = clap::value_parser!(u64).range(1..))]
    history_epochs: u64,
}

/// `ACCOUNT=STAKE[,UPTIME%]`: STAKE in yoctoNEAR, or in whole NEAR with a `NEAR` suffix;
/// UPTIME a percentage with up to two decimals.
fn validator(arg: &str) -> Result<(near_chain::AccountId, near_chain::Balance, Option<near_chain::Uptime>), String> {
    let (account, rest) = arg.split_once('=').ok_or("expected ACCOUNT=STAKE[,UPTIME%]")?;
    let (stake, uptime) = match rest.split_once(',') {
        Some((stake, uptime)) => (stake, Some(percent(uptime)?)),
        None => (rest, None),
    };
    let stake = match stake.strip_suffix("NEAR") {
        Some(near) => near
            .trim()
            .parse::<u128>()
            .ok()
            .and_then(|n| n.checked_mul(10u128.pow(24)))
            .ok_or_else(|| format!("`{stake}` is not a whole number of NEAR"))?,
        None => stake.parse::<u128>().map_err(|_| format!("`{stake}` is not a number of yoctoNEAR"))?,
    };
    let account = account.parse().map_err(|e| format!("`{account}`: {e}"))?;
    Ok((account, near_chain::Balance::from_yoctonear(stake), uptime))
}

/// `95%` or `99.5%`: the same share of every kind of work, out of 10,000.
fn percent(arg: &str) -> Result<near_chain::Uptime, String> {
    let bad = || format!("`{arg}` is not an uptime like 95% or 99.5%");
    let number = arg.trim().strip_suffix('%').ok_or_else(bad)?;
    let (whole, frac) = number.split_once('.').unwrap_or((number, ""));
    if frac.len() > 2 {
        return Err(bad());
    }
    let whole: u64 = whole.parse().map_err(|_| bad())?;
    let frac: u64 = if frac.is_empty() { 0 } else { format!("{frac:0<2}").parse().map_err(|_| bad())? };
    let basis_points = whole * 100 + frac;
    if basis_points > 10_000 {
        return Err(format!("`{arg}`: an uptime is at most 100%"));
    }
    Ok(near_chain::Uptime::all(basis_points, 10_000))
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let config = DevnetConfig {
        port: args.port,
        home: Some(args.home),
        root_account: args.root,
        epoch_length: args.epoch_length,
        chain_id: args.chain_id,
        state: args.state,
        validators: args.validator.iter().map(|(id, stake, _)| (id.clone(), *stake)).collect(),
        uptime: args.validator.iter().filter_map(|(id, _, up)| up.map(|u| (id.clone(), u))).collect(),
        history_epochs: args.history_epochs,
        ..DevnetConfig::default()
    };
    let devnet = devnet::start(config).await.unwrap_or_else(|e| {
        eprintln!("devnet: {e}");
        std::process::exit(1)
    });
    println!("devnet listening on {}", devnet.url);
    println!("root account {} ({})", devnet.root_account, devnet.secret_key.public_key());
    if let Some(path) = &devnet.key_file {
        println!("root key written to {}", path.display());
    }
    if let Some(path) = &devnet.node.read().unwrap().state_file {
        println!("state saved to {} after every transaction", path.display());
    }
    let _ = tokio::signal::ctrl_c().await;
    let mut node = devnet.node.write().unwrap_or_else(|p| p.into_inner());
    devnet::transactions::complete_all(&mut node);
    if let Err(e) = node.persist() {
        eprintln!("devnet: {e}");
        std::process::exit(1);
    }
}
