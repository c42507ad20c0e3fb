//! One account's positions at one past block, read with historical `query` calls only: the
//! router's `get_proxy`, `get_targets` and `get_claimables`, the proxy's `get_pools`, each
//! pool's `get_account(proxy)`, and per liquid token `ft_balance_of` and its price view (the
//! protocol's, `LstProtocol::price_method`). Every view name comes from router-core.

use super::store::{Kind, SnapshotRow};
use crate::jsonrpc::{At, Rpc, RpcFailure};
use router_core::ledger::{PoolFigures, TokenFigures};
use router_core::position::{PoolAccount, ProxyPool};
use router_core::views::{ProxyInfo, TargetView, GET_CLAIMABLES, GET_PROXY, GET_TARGETS};
use router_core::{lst_api, pool_api, proxy_api, AccountId, TargetKind, Yocto};
use serde_json::json;
use std::collections::BTreeMap;

/// Why an epoch has no snapshot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// The router was not deployed or initialised yet at that block.
    NoRouter(String),
    /// Any other failure (the sync stops there).
    Failed(String),
}

/// Errors from the node that mean the router was not there yet at that block.
fn router_missing(e: &RpcFailure) -> bool {
    let missing = matches!(e.name.as_deref(), Some("UNKNOWN_ACCOUNT" | "NO_CONTRACT_CODE"));
    missing || e.text.contains("not initialized") || e.text.contains("CodeDoesNotExist")
}

/// The positions of `account` on `router` at block `at`, sorted by position.
pub fn read_snapshot(
    rpc: &Rpc,
    router: &AccountId,
    account: &AccountId,
    at: &At,
) -> Result<Vec<SnapshotRow>, Unreadable> {
    let failed = |e: RpcFailure| Unreadable::Failed(e.text);
    let proxy: ProxyInfo = rpc
        .view_at_as(router, GET_PROXY, json!({ "beneficiary_id": account }), at)
        .map_err(|e| if router_missing(&e) { Unreadable::NoRouter(e.text) } else { Unreadable::Failed(e.text) })?;
    let mut rows = Vec::new();
    if proxy.exists {
        let records: Vec<ProxyPool> =
            rpc.view_at_as(&proxy.proxy_id, proxy_api::GET_POOLS, json!({}), at).map_err(failed)?;
        for record in records {
            let args = json!(pool_api::AccountArgs { account_id: proxy.proxy_id.clone() });
            // A pool that cannot be read is valued at the proxy's records, as `position` does.
            let account: Option<PoolAccount> = rpc.view_at_as(&record.pool_id, pool_api::GET_ACCOUNT, args, at).ok();
            let (staked, unstaked) = match &account {
                Some(a) => (a.staked_balance.0, a.unstaked_balance.0),
                None => (record.principal.0, record.unstaked_pending.0),
            };
            let figures = PoolFigures {
                staked,
                unstaked,
                principal: record.principal.0,
                unstaked_pending: record.unstaked_pending.0,
            };
            rows.push(SnapshotRow {
                position: record.pool_id.to_string(),
                kind: Kind::Pool,
                pool: Some(figures),
                token: None,
                value: figures.value(),
            });
        }
    }
    let targets: Vec<TargetView> = rpc.view_at_as(router, GET_TARGETS, json!({}), at).map_err(failed)?;
    let mut tokens: BTreeMap<AccountId, Option<&'static str>> = BTreeMap::new();
    for t in &targets {
        if let TargetKind::Liquid { protocol, .. } = &t.kind {
            tokens.insert(t.account_id.clone(), Some(protocol.price_method()));
        }
    }
    let claimables: BTreeMap<AccountId, Yocto> =
        rpc.view_at_as(router, GET_CLAIMABLES, json!({ "account_id": account }), at).map_err(failed)?;
    for token in claimables.keys() {
        tokens.entry(token.clone()).or_insert(None);
    }
    for (token, price_method) in tokens {
        let wallet: Yocto =
            rpc.view_at_as(&token, lst_api::FT_BALANCE_OF, json!({ "account_id": account }), at).map_err(failed)?;
        let units = wallet.0.saturating_add(claimables.get(&token).map_or(0, |c| c.0));
        let price_method = price_method.unwrap_or(router_core::LstProtocol::Linear.price_method());
        let price = rpc.view_at_as::<Yocto>(&token, price_method, json!({}), at).ok().map(|p| p.0);
        let figures = TokenFigures { units, price };
        rows.push(SnapshotRow {
            position: token.to_string(),
            kind: Kind::Token,
            pool: None,
            token: Some(figures),
            value: figures.value(),
        });
    }
    rows.sort_by(|a, b| a.position.cmp(&b.position));
    Ok(rows)
}
