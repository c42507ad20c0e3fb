//! Reading the position: the RPC views of the router, the proxy, its pools and the liquid
//! tokens, composed by `router_core::position::compose_position` into [`PositionData`].

use crate::data::Load;
use crate::data::PositionData;
use crate::inner::{live, Inner};
use crate::rpc::{with_retry, Rpc, RpcError};
use router_core::position::{compose_position, LiquidHolding, PoolAccount, PositionInputs, ProxyPool};
use router_core::{AccountId, Target, TargetKind, Yocto};
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
    let (router, account, proxy, targets, epoch) = {
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
        (router, account, proxy, targets, st.account_epoch)
    };
    inner.render();
    let weak = Rc::downgrade(inner);
    wasm_bindgen_futures::spawn_local(async move {
        let result = read(&rpc, &router, &account, proxy.as_ref(), &targets).await;
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
    });
}

async fn read(
    rpc: &Rpc,
    router: &AccountId,
    account: &AccountId,
    proxy: Option<&AccountId>,
    targets: &[Target],
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
    for t in targets {
        let TargetKind::Liquid { protocol, .. } = t.kind else { continue };
        let id = t.account_id.as_str();
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
    let epoch = with_retry(|| rpc.epoch_height(), quiet).await.ok();
    let inputs = PositionInputs {
        account_id: Some(account.clone()),
        proxy_id: proxy.cloned(),
        current_epoch: epoch.unwrap_or(0),
        proxy_pools,
        pool_accounts,
        claimables: claimables.into_iter().filter(|(_, v)| v.0 > 0).collect(),
        liquid,
    };
    Ok(PositionData { position: compose_position(&inputs), epoch_known: epoch.is_some(), registered })
}
