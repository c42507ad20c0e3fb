//! Reading the position: the RPC views of the router, the proxy, its pools and the liquid
//! tokens, composed by `router_core::position::compose_position` into [`PositionData`].

use crate::config::Exchange;
use crate::data::Load;
use crate::data::PositionData;
use crate::inner::{live, Inner};
use crate::rpc::{with_retry, Rpc, RpcError};
use crate::view_batch::ViewBatch;
use futures_util::future::join;
use router_core::exit_track::{LinearAccountDetails, MetaAccountInfo, PendingUnstake, STORAGE_BALANCE_BOUNDS};
use router_core::lst_api;
use router_core::position::{compose_position, LiquidHolding, PoolAccount, PositionInputs, ProxyPool};
use router_core::{AccountId, LstProtocol, Target, TargetKind, Yocto};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::rc::Rc;

#[derive(Deserialize)]
struct StorageBalance {
    #[allow(dead_code)]
    total: Yocto,
}

/// Starts reading the position once the router's views and the account's proxy are known
/// (called when either arrives; runs once per account load).
pub(crate) fn maybe_load(inner: &Rc<Inner>) {
    let rpc = inner.state.borrow().config.rpc();
    let (router, account, proxy, targets, epoch, exchange) = {
        let mut st = inner.state.borrow_mut();
        if !matches!(st.position, Load::Idle) {
            return;
        }
        let (Some(data), Some(proxy), Some(account)) = (st.data.ready(), st.proxy.ready(), st.account.clone()) else {
            return;
        };
        let proxy = proxy.exists.then(|| proxy.proxy_id.clone());
        let targets: Vec<Target> = data.targets.clone();
        st.position = Load::Loading;
        let router = st.config.router_id.clone().expect("checked by Config::apply");
        (router, account, proxy, targets, st.account_epoch, st.config.exchange.clone())
    };
    inner.render();
    let weak = Rc::downgrade(inner);
    wasm_bindgen_futures::spawn_local(async move {
        let result = read(&rpc, &router, &account, proxy.as_ref(), &targets, exchange.as_ref()).await;
        let Some(inner) = live(&weak) else { return };
        {
            let mut st = inner.state.borrow_mut();
            if st.account_epoch != epoch {
                return;
            }
            st.position = match result {
                Ok(d) => Load::Ready(d),
                Err(e) => Load::Failed(e.to_string()),
            };
        }
        inner.render();
        super::exit_load::load_all(&inner);
    });
}

/// Reads the position with the views that do not depend on each other at once: two round
/// trips to the node (the proxy's pools, the claimables and wNEAR's registration first; then
/// each pool's account, the storage of each token with something to claim and wNEAR's storage
/// bounds) instead of one per view.
async fn read(
    rpc: &Rpc,
    router: &AccountId,
    account: &AccountId,
    proxy: Option<&AccountId>,
    targets: &[Target],
    exchange: Option<&Exchange>,
) -> Result<PositionData, RpcError> {
    let quiet = |_: u32, _: i32, _: &RpcError| {};
    let by_account = |a: &AccountId| format!("{{\"account_id\":\"{}\"}}", a.as_str());
    let account_args = by_account(account);
    let tokens: Vec<(&AccountId, LstProtocol)> = targets
        .iter()
        .filter_map(|t| match t.kind {
            TargetKind::Liquid { protocol, .. } => Some((&t.account_id, protocol)),
            TargetKind::Validator => None,
        })
        .collect();
    let mut first = ViewBatch::default();
    let claims = first.add(router.as_str(), "get_claimables", &account_args);
    let pools = proxy.map(|p| first.add(p.as_str(), "get_pools", "{}"));
    // Each token: an unstake under way (the protocol's own account view), the balance, the price.
    let token_views: Vec<[usize; 3]> = tokens
        .iter()
        .map(|(id, protocol)| {
            [
                first.add(id.as_str(), PendingUnstake::view_method(*protocol), &account_args),
                first.add(id.as_str(), "ft_balance_of", &account_args),
                first.add(id.as_str(), protocol.price_method(), "{}"),
            ]
        })
        .collect();
    let wnear = exchange.map(|x| (x, first.add(x.wnear_id.as_str(), lst_api::STORAGE_BALANCE_OF, &account_args)));
    // The epoch clock (two round trips of its own) goes beside both waves: only what is
    // composed after them needs it, so the second wave does not wait for it.
    let clock = async { with_retry(|| rpc.epoch_clock(), quiet).await.ok() };
    let waves = async {
        first.read(rpc).await;
        let claimables: BTreeMap<AccountId, Yocto> = first.get(claims)?;
        let proxy_pools: Vec<ProxyPool> = match pools {
            Some(i) => first.get(i)?,
            None => Vec::new(),
        };

        let mut then = ViewBatch::default();
        let proxy_args = proxy.map(by_account).unwrap_or_default();
        let pool_views: Vec<usize> =
            proxy_pools.iter().map(|pool| then.add(pool.pool_id.as_str(), "get_account", &proxy_args)).collect();
        // Whether the account can receive each token it has to claim.
        let storage_views: Vec<(AccountId, usize)> = tokens
            .iter()
            .filter(|(id, _)| has_claim(&claimables, id))
            .map(|(id, _)| ((*id).clone(), then.add(id.as_str(), "storage_balance_of", &account_args)))
            .collect();
        // wNEAR's storage minimum, when the account is not registered on it (`null`); unknown when
        // it cannot tell (the swap then says why it failed).
        let bounds = wnear.and_then(|(x, i)| match first.get::<Option<StorageBalance>>(i) {
            Ok(None) => Some(then.add(x.wnear_id.as_str(), STORAGE_BALANCE_BOUNDS, "{}")),
            _ => None,
        });
        then.read(rpc).await;
        Ok::<_, RpcError>((claimables, proxy_pools, then, pool_views, storage_views, bounds))
    };
    let (clock, waves) = join(clock, waves).await;
    let (claimables, proxy_pools, then, pool_views, storage_views, bounds) = waves?;

    // Inserted one by one: collecting into a map would sort, and link a sort for each type.
    let mut pool_accounts: BTreeMap<AccountId, PoolAccount> = BTreeMap::new();
    for (pool, &i) in proxy_pools.iter().zip(&pool_views) {
        if let Ok(a) = then.get(i) {
            pool_accounts.insert(pool.pool_id.clone(), a);
        }
    }
    let mut registered: BTreeMap<AccountId, bool> = BTreeMap::new();
    for (id, i) in storage_views {
        if let Ok(r) = then.get::<Option<StorageBalance>>(i) {
            registered.insert(id, r.is_some());
        }
    }
    let wnear_registration = bounds.and_then(|i| then.get::<StorageBounds>(i).ok()).map(|b| b.min.0);
    let mut liquid = Vec::new();
    let mut pending = Vec::new();
    for ((token, protocol), [unstaking, balance, price]) in tokens.iter().zip(token_views) {
        pending.extend(match protocol {
            LstProtocol::Linear => first
                .get::<LinearAccountDetails>(unstaking)
                .ok()
                .and_then(|d| PendingUnstake::linear(token, &d, clock.as_ref())),
            LstProtocol::MetaPool => first
                .get::<MetaAccountInfo>(unstaking)
                .ok()
                .and_then(|i| PendingUnstake::meta_pool(token, &i, clock.as_ref())),
        });
        let balance: Yocto = first.get(balance).unwrap_or(Yocto(0));
        if balance.0 == 0 && !has_claim(&claimables, token) {
            continue;
        }
        liquid.push(LiquidHolding { token_id: (*token).clone(), balance, price: first.get(price).ok() });
    }
    let mut claimables = claimables;
    claimables.retain(|_, v| v.0 > 0);
    let epoch = match clock {
        Some(c) => Some(c.epoch_height),
        None => with_retry(|| rpc.epoch_height(), quiet).await.ok(),
    };
    let inputs = PositionInputs {
        account_id: Some(account.clone()),
        proxy_id: proxy.cloned(),
        current_epoch: epoch.unwrap_or(0),
        proxy_pools,
        pool_accounts,
        claimables,
        liquid,
    };
    let position = compose_position(&inputs);
    Ok(PositionData { position, epoch_known: epoch.is_some(), registered, clock, pending, wnear_registration })
}

/// Whether `claimables` holds something of `token` to claim.
fn has_claim(claimables: &BTreeMap<AccountId, Yocto>, token: &AccountId) -> bool {
    claimables.get(token).is_some_and(|c| c.0 > 0)
}

#[derive(Deserialize)]
struct StorageBounds {
    min: Yocto,
}
