//! What several subcommands take from the command line: exact NEAR amounts, a routing
//! policy, and where the JSON-RPC endpoint is (`--rpc URL` or `--network NAME`).

use router_core::{AccountId, Leg, Policy, Yocto};

/// A clap value parser: an amount in NEAR parsed exactly by `router_core::parse_near`
/// (`12.345` is 12.345 × 10^24 yoctoNEAR; no floating point anywhere).
pub fn near_amount(text: &str) -> Result<Yocto, String> {
    router_core::parse_near(text).map(Yocto).map_err(|e| format!("`{text}` is not an amount of NEAR: {e}"))
}

/// A clap value parser: `"pool.near=6000,linear-protocol.near=4000"` (target=basis points).
pub fn policy(text: &str) -> Result<Policy, String> {
    let legs = text
        .split(',')
        .map(|part| {
            let (target, bps) = part.split_once('=').ok_or_else(|| format!("`{part}` is not target=bps"))?;
            let target: AccountId = target.trim().parse().map_err(|e| format!("`{target}`: {e}"))?;
            let bps: u16 = bps.trim().parse().map_err(|_| format!("`{bps}` is not a number of basis points"))?;
            Ok(Leg { target, bps })
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(Policy { legs })
}

/// A public NEAR network with a known RPC endpoint (see [`RpcArgs::url`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Network {
    // No doc comments on the variants: clap then lists them on one line.
    Testnet,
    Mainnet,
}

impl Network {
    /// Its name, as near-cli-rs's `network-config` knows it.
    pub fn name(self) -> &'static str {
        match self {
            Network::Testnet => "testnet",
            Network::Mainnet => "mainnet",
        }
    }
}

/// Where to read from: exactly one of `--rpc URL` or `--network testnet|mainnet`.
#[derive(Clone, Debug, clap::Args)]
#[group(required = true, multiple = false)]
pub struct RpcArgs {
    /// A NEAR JSON-RPC endpoint, e.g. the devnet's http://127.0.0.1:3030
    #[arg(long, value_name = "URL")]
    pub rpc: Option<String>,
    /// A public network's RPC endpoint (rpc.testnet.near.org, rpc.mainnet.near.org)
    #[arg(long, value_enum)]
    pub network: Option<Network>,
}

impl RpcArgs {
    /// The endpoint's URL.
    pub fn url(&self) -> String {
        match (&self.rpc, self.network) {
            (Some(url), _) => url.clone(),
            (None, Some(Network::Mainnet)) => "https://rpc.mainnet.near.org".to_string(),
            (None, _) => "https://rpc.testnet.near.org".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_exact_and_policies_are_checked() {
        assert_eq!(near_amount("12.345").unwrap(), Yocto(12_345 * 10u128.pow(21)));
        assert_eq!(near_amount("0.000000000000000000000001").unwrap(), Yocto(1));
        assert!(near_amount("1e3").is_err());
        assert!(near_amount("-1").is_err());
        let p = policy("a.near=6000, b.near=4000").unwrap();
        assert_eq!((p.legs.len(), p.legs[1].bps), (2, 4_000));
        assert!(policy("a.near").unwrap_err().contains("target=bps"));
        assert!(policy("a.near=lots").unwrap_err().contains("basis points"));
    }
}
