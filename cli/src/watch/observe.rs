//! What the watch reads at the final block, one value per key, so two runs compare key by key:
//! the router's pause and each target's status and depeg band, per pool the account holds its
//! commission (`get_reward_fee_fraction`), whether it validates and its uptime this epoch
//! (`validators`), whether unstaked NEAR is ready; per token held its price; per token the
//! router holds for the account, the claimable amount. View names come from router-core.

use crate::jsonrpc::Rpc;
use router_core::pool_api::{self, RewardFeeFraction};
use router_core::position::{PoolAccount, ProxyPool};
use router_core::views::{ProxyInfo, RouterConfigView, TargetView, GET_CLAIMABLES, GET_CONFIG, GET_PROXY, GET_TARGETS};
use router_core::{lst_api, proxy_api, AccountId, TargetKind, TargetStatus, Yocto};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// What one run saw.
#[derive(Clone, Debug, Default)]
pub struct Observation {
    /// The epoch height.
    pub epoch: u64,
    /// The account's proxy, if it has one.
    pub proxy: Option<AccountId>,
    /// key -> value (see the module docs); compared with the previous run's.
    pub values: BTreeMap<String, String>,
    /// The router's validator targets that take deposits (where stake can move to).
    pub active_pools: Vec<AccountId>,
    /// Pool -> the fee as words (for messages).
    pub fees: BTreeMap<AccountId, String>,
}

/// An uptime in basis points: the lowest of produced / expected over blocks, chunks and
/// endorsements (those expected at all), 10,000 when nothing was expected yet.
pub fn uptime_bps(v: &Value) -> u64 {
    ["blocks", "chunks", "endorsements"]
        .iter()
        .filter_map(|kind| {
            let produced = v[format!("num_produced_{kind}")].as_u64()?;
            let expected = v[format!("num_expected_{kind}")].as_u64().filter(|e| *e > 0)?;
            Some(produced.min(expected) * 10_000 / expected)
        })
        .min()
        .unwrap_or(10_000)
}

/// Reads everything for `account` on `router`.
pub fn observe(rpc: &Rpc, router: &AccountId, account: &AccountId) -> Result<Observation, String> {
    let mut o = Observation::default();
    let validators = rpc.call("validators", json!([null]))?;
    o.epoch = validators["epoch_height"].as_u64().ok_or("validators: no epoch_height")?;
    let config: RouterConfigView = rpc.view_as(router, GET_CONFIG, json!({}))?;
    o.values.insert("router:paused".into(), config.paused.to_string());
    let targets: Vec<TargetView> = rpc.view_as(router, GET_TARGETS, json!({}))?;
    let proxy: ProxyInfo = rpc.view_as(router, GET_PROXY, json!({ "beneficiary_id": account }))?;
    let records: Vec<ProxyPool> = match proxy.exists {
        true => rpc.view_as(&proxy.proxy_id, proxy_api::GET_POOLS, json!({}))?,
        false => Vec::new(),
    };
    o.proxy = proxy.exists.then_some(proxy.proxy_id.clone());
    let held: Vec<&ProxyPool> = records.iter().filter(|r| r.principal.0 > 0 || r.unstaked_pending.0 > 0).collect();
    let claimables: BTreeMap<AccountId, Yocto> =
        rpc.view_as(router, GET_CLAIMABLES, json!({ "account_id": account }))?;
    for t in &targets {
        let status = match t.status {
            TargetStatus::Active => "active",
            TargetStatus::Paused => "paused",
            TargetStatus::Retired => "retired",
        };
        if t.kind.is_validator() && t.status == TargetStatus::Active {
            o.active_pools.push(t.account_id.clone());
        }
        let mine = match &t.kind {
            TargetKind::Validator => held.iter().any(|r| r.pool_id == t.account_id),
            TargetKind::Liquid { protocol, .. } => {
                let balance: Yocto =
                    rpc.view_as(&t.account_id, lst_api::FT_BALANCE_OF, json!({ "account_id": account }))?;
                let claimable = claimables.get(&t.account_id).map_or(0, |c| c.0);
                if balance.0 + claimable > 0 {
                    if let Ok(price) = rpc.view_as::<Yocto>(&t.account_id, protocol.price_method(), json!({})) {
                        o.values.insert(format!("token:{}:price", t.account_id), price.0.to_string());
                        if let Some(band) = &t.depeg_band {
                            let out = !band.in_band(price.0) || band.last_price_out_of_band;
                            o.values.insert(format!("token:{}:out_of_band", t.account_id), out.to_string());
                        }
                    }
                }
                balance.0 + claimable > 0
            }
        };
        if mine {
            o.values.insert(format!("target:{}:status", t.account_id), status.into());
        }
    }
    let current: BTreeMap<String, &Value> = validators["current_validators"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| Some((v["account_id"].as_str()?.to_string(), v)))
        .collect();
    for r in &held {
        let pool = &r.pool_id;
        if let Ok(fee) = rpc.view_as::<RewardFeeFraction>(pool, pool_api::GET_REWARD_FEE_FRACTION, json!({})) {
            o.values.insert(format!("pool:{pool}:fee"), format!("{}/{}", fee.numerator, fee.denominator));
            o.fees.insert(pool.clone(), fee.describe());
        }
        let validating = current.get(pool.as_str());
        o.values.insert(format!("pool:{pool}:validator"), validating.is_some().to_string());
        if let Some(v) = validating {
            o.values.insert(format!("pool:{pool}:uptime_bps"), uptime_bps(v).to_string());
        }
        let args = json!(pool_api::AccountArgs { account_id: proxy.proxy_id.clone() });
        if let Ok(a) = rpc.view_as::<PoolAccount>(pool, pool_api::GET_ACCOUNT, args) {
            let ready = a.can_withdraw && a.unstaked_balance.0 > 0 && r.moving_to.is_none();
            let value = if ready { a.unstaked_balance.0.to_string() } else { "0".into() };
            o.values.insert(format!("pool:{pool}:withdrawable"), value);
        }
    }
    for (token, amount) in &claimables {
        o.values.insert(format!("claimable:{token}"), amount.0.to_string());
    }
    Ok(o)
}
