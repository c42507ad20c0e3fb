//! Reading the position: the RPC views of the router, the proxy, its pools and the liquid
//! tokens, composed by `router_core::position::compose_position` into [`PositionData`].

use crate::config::Exchange;
use crate::data::Load;
use crate::data::PositionData;
use crate::inner::{live, Inner};
use crate::rpc::{with_retry, Rpc, RpcError};
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

fn rpc_of(inner: &Inner) -> Rpc {
    let st = inner.state.borrow();
    Rpc { url: st.config.rpc_url.clone(), transport: st.config.rpc_transport.clone() }
}

/// Starts reading the position once the router's views and the account's proxy are known
/// (called when either arrives; runs once per account load).
pub(crate) fn maybe_load(inner: &Rc<Inner>) {
    let rpc = rpc_of(inner);
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
    let claimables: BTreeMap<AccountId, Yocto> =
        with_retry(|| rpc.view(router.as_str(), "get_claimables", &account_args), quiet).await?;
    let proxy_pools: Vec<ProxyPool> = match proxy {
        Some(p) => with_retry(|| rpc.view(p.as_str(), "get_pools", "{}"), quiet).await?,
        None => Vec::new(),
    };
    let mut pool_accounts = BTreeMap::new();
    if let Some(p) = proxy {
        let proxy_args = by_account(p);
        for pool in &proxy_pools {
            let got: Result<PoolAccount, _> =
                with_retry(|| rpc.view(pool.pool_id.as_str(), "get_account", &proxy_args), quiet).await;
            if let Ok(a) = got {
                pool_accounts.insert(pool.pool_id.clone(), a);
            }
        }
    }
    let mut liquid = Vec::new();
    let mut registered = BTreeMap::new();
    let clock = with_retry(|| rpc.epoch_clock(), quiet).await.ok();
    let mut pending = Vec::new();
    for t in targets {
        let TargetKind::Liquid { protocol, .. } = t.kind else { continue };
        let id = t.account_id.as_str();
        // A liquid unstake under way, from the protocol's own account view.
        let view = PendingUnstake::view_method(protocol);
        let waiting = match protocol {
            LstProtocol::Linear => with_retry(|| rpc.view::<LinearAccountDetails>(id, view, &account_args), quiet)
                .await
                .ok()
                .and_then(|d| PendingUnstake::linear(&t.account_id, &d, clock.as_ref())),
            LstProtocol::MetaPool => with_retry(|| rpc.view::<MetaAccountInfo>(id, view, &account_args), quiet)
                .await
                .ok()
                .and_then(|i| PendingUnstake::meta_pool(&t.account_id, &i, clock.as_ref())),
        };
        pending.extend(waiting);
        let balance: Yocto =
            with_retry(|| rpc.view(id, "ft_balance_of", &account_args), quiet).await.unwrap_or(Yocto(0));
        let claimable = claimables.get(&t.account_id).is_some_and(|c| c.0 > 0);
        if balance.0 == 0 && !claimable {
            continue;
        }
        let price: Option<Yocto> = with_retry(|| rpc.view(id, protocol.price_method(), "{}"), quiet).await.ok();
        if claimable {
            let reg: Result<Option<StorageBalance>, _> =
                with_retry(|| rpc.view(id, "storage_balance_of", &account_args), quiet).await;
            if let Ok(r) = reg {
                registered.insert(t.account_id.clone(), r.is_some());
            }
        }
        liquid.push(LiquidHolding { token_id: t.account_id.clone(), balance, price });
    }
    let epoch = match clock {
        Some(c) => Some(c.epoch_height),
        None => with_retry(|| rpc.epoch_height(), quiet).await.ok(),
    };
    let wnear_registration = match exchange {
        Some(x) => wnear_registration(rpc, &x.wnear_id, &account_args).await,
        None => None,
    };
    let inputs = PositionInputs {
        account_id: Some(account.clone()),
        proxy_id: proxy.cloned(),
        current_epoch: epoch.unwrap_or(0),
        proxy_pools,
        pool_accounts,
        claimables: claimables.into_iter().filter(|(_, v)| v.0 > 0).collect(),
        liquid,
    };
    let position = compose_position(&inputs);
    Ok(PositionData { position, epoch_known: epoch.is_some(), registered, clock, pending, wnear_registration })
}

#[derive(Deserialize)]
struct StorageBounds {
    min: Yocto,
}

/// wNEAR's `storage_balance_bounds().min` when the account is not registered on it
/// (`storage_balance_of` is `null`); `None` when registered or when it cannot tell (the swap
/// then says why it failed).
async fn wnear_registration(rpc: &Rpc, wnear: &AccountId, account_args: &str) -> Option<u128> {
    let quiet = |_: u32, _: i32, _: &RpcError| {};
    let balance: Option<StorageBalance> =
        with_retry(|| rpc.view(wnear.as_str(), lst_api::STORAGE_BALANCE_OF, account_args), quiet).await.ok()?;
    if balance.is_some() {
        return None;
    }
    let bounds: StorageBounds =
        with_retry(|| rpc.view(wnear.as_str(), STORAGE_BALANCE_BOUNDS, "{}"), quiet).await.ok()?;
    Some(bounds.min.0)
}
