//! The composed position on chain: an account's position read from the same views the CLI and
//! the widget read, composed by `router_core::position`, and the identities every composed
//! position must keep (checked by the pool-loss scenario and after every simulation step).

use harness::backend::Backend;
use harness::fixture::{u128_of, Fixture};
use router_core::position::{
    compose_position, loss_within_rounding, LiquidHolding, PoolAccount, Position, PositionInputs, ProxyPool,
};
use router_core::{AccountId, Yocto};
use serde_json::json;

/// The inputs of the direct part of `proxy`'s position: its `get_pools` records and each of
/// `pools`' (and each recorded pool's) `get_account(proxy)`; a pool that cannot be read is left
/// out, as the CLI does. Epoch 0: unlock epochs are not checked here. `None` if the proxy does
/// not answer (not created yet).
async fn direct_inputs<B: Backend>(b: &B, proxy: &AccountId, pools: &[AccountId]) -> Option<PositionInputs> {
    let records = b.view(proxy, "get_pools", json!({})).await.ok()?;
    let proxy_pools: Vec<ProxyPool> = serde_json::from_value(records).expect("get_pools parses as ProxyPool");
    let mut ids: Vec<AccountId> = proxy_pools.iter().map(|p| p.pool_id.clone()).chain(pools.iter().cloned()).collect();
    ids.sort();
    ids.dedup();
    let mut inputs = PositionInputs { proxy_id: Some(proxy.clone()), proxy_pools, ..PositionInputs::default() };
    for pool in ids {
        if let Ok(view) = b.view(&pool, "get_account", json!({ "account_id": proxy })).await {
            let account: PoolAccount = serde_json::from_value(view).expect("get_account parses as PoolAccount");
            inputs.pool_accounts.insert(pool, account);
        }
    }
    Some(inputs)
}

/// The direct part of `proxy`'s position (see [`direct_inputs`]), or `None` without a proxy.
pub async fn read_direct<B: Backend>(b: &B, proxy: &AccountId, pools: &[AccountId]) -> Option<Position> {
    direct_inputs(b, proxy, pools).await.map(|inputs| compose_position(&inputs))
}

/// `account`'s whole position: the direct part over `pools` and its proxy's records, the
/// router's claimables, and the fixture's LSTs in the wallet priced by `ft_price`.
pub async fn read_position<B: Backend>(b: &B, f: &Fixture, account: &AccountId, pools: &[AccountId]) -> Position {
    let (proxy, exists) = f.proxy_of(b, account).await;
    let mut inputs = match exists {
        true => direct_inputs(b, &proxy, pools).await.unwrap_or_default(),
        false => PositionInputs::default(),
    };
    inputs.account_id = Some(account.clone());
    let claimables = f.view(b, "get_claimables", json!({ "account_id": account })).await;
    inputs.claimables = serde_json::from_value(claimables).expect("get_claimables parses");
    for lst in &f.lsts {
        let balance = b.view(lst, "ft_balance_of", json!({ "account_id": account })).await.unwrap();
        let price = b.view(lst, "ft_price", json!({})).await.ok();
        inputs.liquid.push(LiquidHolding {
            token_id: lst.clone(),
            balance: Yocto(u128_of(&balance)),
            price: price.map(|p| Yocto(u128_of(&p))),
        });
    }
    compose_position(&inputs)
}

/// The identities of a composed position: per pool, rewards or a loss but not both,
/// `value + loss = recorded + rewards` exactly and the rounding label by the tolerance; the
/// totals are the sums, and the net is the rewards less the losses.
pub fn assert_identities(p: &Position) {
    let who = p.proxy_id.as_ref().map_or("?", |a| a.as_str());
    let (mut rewards, mut loss, mut rounding, mut value, mut recorded) = (0u128, 0u128, 0u128, 0u128, 0u128);
    for d in &p.direct {
        assert!(d.rewards.0 == 0 || d.loss.0 == 0, "{who} in {}: rewards and a loss: {d:?}", d.pool_id);
        assert_eq!(d.value() + d.loss.0, d.recorded() + d.rewards.0, "{who} in {}: {d:?}", d.pool_id);
        assert_eq!(d.loss_within_rounding, loss_within_rounding(d.loss.0), "{who} in {}", d.pool_id);
        rewards += d.rewards.0;
        loss += d.loss.0;
        rounding += if d.loss_within_rounding { d.loss.0 } else { 0 };
        value += d.value();
        recorded += d.recorded();
    }
    let t = &p.totals;
    assert_eq!(
        (t.rewards.0, t.loss.0, t.rounding_loss.0, t.staked.0 + t.unstaked.0, t.principal.0),
        (rewards, loss, rounding, value, recorded),
        "{who}: totals"
    );
    assert!(t.net_gain.0 == 0 || t.net_loss.0 == 0, "{who}: net both ways {t:?}");
    assert_eq!(value + t.net_loss.0, recorded + t.net_gain.0, "{who}: net {t:?}");
}
