//! An account's position across Stake Router: what its staking proxy holds in each validator
//! pool, its liquid staking tokens and what the router holds claimable for it.
//!
//! Pure functions over what the views return, so the CLI (`cli/src/commands/position.rs`), the
//! widget and tests compose the same figures:
//!
//! - (a) the proxy's `get_pools` ([`ProxyPool`]): principal, unstaked pending, unlock epoch;
//! - (b) each pool's `get_account(proxy)` ([`PoolAccount`]): staked, unstaked, can_withdraw;
//! - (c) the router's `get_claimables(account)`: token -> amount;
//! - (d) optionally, LST balances and prices ([`LiquidHolding`]);
//! - the current epoch.
//!
//! The pools are the source of truth for amounts; the proxy's records say what the owner put
//! in. Per pool, with `value = staked + unstaked` (the pool's figures) and
//! `recorded = principal + unstaked_pending` (the proxy's):
//!
//! - `rewards = value - recorded` when positive, else 0;
//! - `loss = recorded - value` when positive, else 0: the pool reports less than was put in
//!   (a slashing-like decrease of its share price, an accounting bug);
//! - so at most one of them is above 0, and `value = recorded + rewards - loss` exactly.
//!
//! **Share rounding.** `loss` is always exact, never rounded away. A loss of at most
//! [`ROUNDING_TOLERANCE`] yoctoNEAR in a pool is labelled
//! ([`DirectPosition::loss_within_rounding`], [`PositionTotals::rounding_loss`]) as what it most
//! likely is, share rounding, so a user interface can say so instead of alarming anyone.
//! The totals add `net_gain` / `net_loss`: the direct stake's value against its principal, all
//! pools together.
//!
//! **Transient figures.** The views are read one by one, not at one block: while an exit's
//! callbacks run (a block or two), a withdrawal the pool has paid and the proxy has not yet
//! recorded shows as a loss, and a stake the pool has taken and the proxy has not yet recorded
//! as rewards. Reading again once the transaction is final gives the settled figures.
//!
//! Amounts are [`Yocto`] (decimal strings in JSON). Fields added after the first version
//! (`loss`, `loss_within_rounding`, the totals' `loss`, `rounding_loss`, `net_gain`,
//! `net_loss`) default to 0 / `false` when absent, so JSON written by an older version parses.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::amount::Yocto;
use crate::wide::mul_div_floor;
use crate::{AccountId, ONE_NEAR};

mod loss;
pub use loss::{loss_within_rounding, rewards_and_loss, ROUNDING_TOLERANCE};

/// Epochs a core staking pool keeps unstaked NEAR locked after the last unstake.
pub const NUM_EPOCHS_TO_UNLOCK: u64 = 4;
/// LST prices are the yoctoNEAR value of this many token base units (10^24, one token).
pub const PRICE_UNIT: u128 = ONE_NEAR;

/// (a) One entry of the proxy's `get_pools` view. Fields a proxy of an older version does not
/// report default to 0 / `null`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProxyPool {
    /// The validator pool.
    pub pool_id: AccountId,
    /// yoctoNEAR of principal staked there, as the proxy recorded it.
    pub principal: Yocto,
    /// yoctoNEAR sent to the pool whose outcome the proxy has not seen yet.
    #[serde(default)]
    pub in_flight: Yocto,
    /// yoctoNEAR the owner unstaked there and has not withdrawn, as recorded.
    #[serde(default)]
    pub unstaked_pending: Yocto,
    /// The epoch from which the unstaked NEAR can be withdrawn, as recorded.
    #[serde(default)]
    pub unlock_epoch: Option<u64>,
    /// The pool a pending move takes this pool's unstaked NEAR to.
    #[serde(default)]
    pub moving_to: Option<AccountId>,
    /// yoctoNEAR withdrawn for that move and held by the proxy, staked nowhere yet.
    #[serde(default)]
    pub move_idle: Yocto,
}

impl ProxyPool {
    /// The record of a pool the proxy does not track.
    pub fn empty(pool_id: AccountId) -> ProxyPool {
        ProxyPool {
            pool_id,
            principal: Yocto(0),
            in_flight: Yocto(0),
            unstaked_pending: Yocto(0),
            unlock_epoch: None,
            moving_to: None,
            move_idle: Yocto(0),
        }
    }
}

/// (b) A pool's `get_account(account_id)` view of the proxy (the core staking pool's shape).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolAccount {
    /// The delegator (the proxy).
    pub account_id: AccountId,
    /// yoctoNEAR unstaked: withdrawable once `can_withdraw`.
    pub unstaked_balance: Yocto,
    /// yoctoNEAR staked, at the pool's current share price.
    pub staked_balance: Yocto,
    /// Whether the unstaked balance can be withdrawn now.
    pub can_withdraw: bool,
}

/// (d) A liquid staking token held by the account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiquidHolding {
    /// The token contract.
    pub token_id: AccountId,
    /// Base units in the account's wallet (`ft_balance_of`).
    pub balance: Yocto,
    /// yoctoNEAR per [`PRICE_UNIT`] base units (`ft_price` / `get_st_near_price`), if known.
    #[serde(default)]
    pub price: Option<Yocto>,
}

/// Everything a position is composed from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionInputs {
    /// The account (person or DAO) whose position this is.
    pub account_id: Option<AccountId>,
    /// Its staking proxy, if the router created one.
    pub proxy_id: Option<AccountId>,
    /// The current epoch height.
    pub current_epoch: u64,
    /// (a) The proxy's `get_pools`.
    pub proxy_pools: Vec<ProxyPool>,
    /// (b) Each pool's `get_account(proxy)`, by pool id (a pool that could not be read is
    /// absent: its figures then come from the proxy's records).
    pub pool_accounts: BTreeMap<AccountId, PoolAccount>,
    /// (c) The router's `get_claimables(account)`: token -> base units.
    pub claimables: BTreeMap<AccountId, Yocto>,
    /// (d) Liquid tokens in the wallet.
    pub liquid: Vec<LiquidHolding>,
}

/// The account's stake in one validator pool.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectPosition {
    /// The validator pool.
    pub pool_id: AccountId,
    /// yoctoNEAR staked (the pool's figure).
    pub staked: Yocto,
    /// yoctoNEAR unstaked in the pool (the pool's figure).
    pub unstaked: Yocto,
    /// The epoch from which `unstaked` can be withdrawn (`null`: nothing unstaked).
    pub available_from_epoch: Option<u64>,
    /// Whether `unstaked` can be withdrawn now.
    pub withdrawable_now: bool,
    /// yoctoNEAR of principal staked, as the proxy recorded it.
    pub principal: Yocto,
    /// yoctoNEAR unstaked and not withdrawn, as the proxy recorded it.
    pub unstaked_pending: Yocto,
    /// yoctoNEAR on its way to the pool.
    pub in_flight: Yocto,
    /// `staked + unstaked - principal - unstaked_pending`, at least 0.
    pub rewards: Yocto,
    /// `principal + unstaked_pending - staked - unstaked`, at least 0: how far the pool's
    /// figures are below the proxy's records, exactly (never above 0 together with `rewards`).
    #[serde(default)]
    pub loss: Yocto,
    /// Whether `loss` is above 0 but at most [`ROUNDING_TOLERANCE`]: share rounding rather
    /// than a loss (the figure in `loss` is still exact).
    #[serde(default)]
    pub loss_within_rounding: bool,
    /// The pool a pending move takes the unstaked NEAR to.
    pub moving_to: Option<AccountId>,
    /// yoctoNEAR withdrawn for the move, held by the proxy.
    pub move_idle: Yocto,
    /// Whether `staked` and `unstaked` are the pool's figures (`false`: its view could not be
    /// read and the proxy's records stand in).
    pub reported_by_pool: bool,
}

impl DirectPosition {
    /// yoctoNEAR the pool reports: `staked + unstaked` (saturating).
    pub fn value(&self) -> u128 {
        self.staked.0.saturating_add(self.unstaked.0)
    }

    /// yoctoNEAR the proxy recorded as put in: `principal + unstaked_pending` (saturating).
    pub fn recorded(&self) -> u128 {
        self.principal.0.saturating_add(self.unstaked_pending.0)
    }
}

/// One liquid staking token: in the wallet and claimable in the router.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiquidPosition {
    /// The token contract.
    pub token_id: AccountId,
    /// Base units in the wallet.
    pub balance: Yocto,
    /// Base units the router holds for the account (`claim` sends them).
    pub claimable: Yocto,
    /// yoctoNEAR per [`PRICE_UNIT`] base units, if known.
    pub price: Option<Yocto>,
    /// yoctoNEAR value of `balance + claimable` at `price`, rounded down (`null`: no price).
    pub value: Option<Yocto>,
}

/// Sums over the whole position.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionTotals {
    /// yoctoNEAR staked in every pool.
    pub staked: Yocto,
    /// yoctoNEAR unstaked in every pool.
    pub unstaked: Yocto,
    /// yoctoNEAR of that withdrawable now.
    pub withdrawable_now: Yocto,
    /// yoctoNEAR on its way to pools, or held by the proxy for moves.
    pub in_transit: Yocto,
    /// yoctoNEAR of principal (staked and unstaked pending) the proxy recorded.
    pub principal: Yocto,
    /// yoctoNEAR of rewards over every pool.
    pub rewards: Yocto,
    /// yoctoNEAR of losses over every pool, exact (`rounding_loss` included).
    #[serde(default)]
    pub loss: Yocto,
    /// The part of `loss` from pools whose loss is within [`ROUNDING_TOLERANCE`] (labelled as
    /// share rounding).
    #[serde(default)]
    pub rounding_loss: Yocto,
    /// `staked + unstaked - principal` when positive: what the direct stake gained, all pools
    /// together (rewards less losses).
    #[serde(default)]
    pub net_gain: Yocto,
    /// `principal - staked - unstaked` when positive: what the direct stake lost, all pools
    /// together (losses less rewards). At most one of `net_gain` and `net_loss` is above 0.
    #[serde(default)]
    pub net_loss: Yocto,
    /// yoctoNEAR value of every priced liquid token (wallet and claimable).
    pub liquid_value: Yocto,
    /// How many liquid tokens have no price (not in `liquid_value`).
    pub unpriced_tokens: u32,
    /// `staked + unstaked + in_transit + liquid_value`.
    pub total_near: Yocto,
}

/// An account's position.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// The account.
    pub account_id: Option<AccountId>,
    /// Its staking proxy.
    pub proxy_id: Option<AccountId>,
    /// The epoch the figures are for.
    pub current_epoch: u64,
    /// Per validator pool, sorted by pool id.
    pub direct: Vec<DirectPosition>,
    /// Per liquid token, sorted by token id.
    pub liquid: Vec<LiquidPosition>,
    /// Sums.
    pub totals: PositionTotals,
}

/// The value of `amount` base units at `price` yoctoNEAR per [`PRICE_UNIT`], rounded down
/// (`None` only if it exceeds `u128`).
pub fn liquid_value(amount: u128, price: u128) -> Option<u128> {
    mul_div_floor(amount, price, PRICE_UNIT)
}

/// One pool's position from the proxy's record (default if none) and the pool's view.
pub fn direct_position(
    pool_id: &AccountId,
    record: Option<&ProxyPool>,
    account: Option<&PoolAccount>,
    current_epoch: u64,
) -> DirectPosition {
    let record = record.cloned().unwrap_or_else(|| ProxyPool::empty(pool_id.clone()));
    let (staked, unstaked, can_withdraw) = match account {
        Some(a) => (a.staked_balance.0, a.unstaked_balance.0, a.can_withdraw),
        None => {
            let due = record.unlock_epoch.is_some_and(|e| e <= current_epoch);
            (record.principal.0, record.unstaked_pending.0, due)
        }
    };
    let available_from_epoch = (unstaked > 0).then(|| match (can_withdraw, record.unlock_epoch) {
        (true, Some(epoch)) => epoch.min(current_epoch),
        (true, None) => current_epoch,
        (false, Some(epoch)) if epoch > current_epoch => epoch,
        (false, _) => current_epoch.saturating_add(NUM_EPOCHS_TO_UNLOCK),
    });
    let recorded = record.principal.0.saturating_add(record.unstaked_pending.0);
    let (rewards, loss) = rewards_and_loss(staked.saturating_add(unstaked), recorded);
    DirectPosition {
        pool_id: pool_id.clone(),
        staked: Yocto(staked),
        unstaked: Yocto(unstaked),
        available_from_epoch,
        withdrawable_now: unstaked > 0 && can_withdraw,
        principal: record.principal,
        unstaked_pending: record.unstaked_pending,
        in_flight: record.in_flight,
        rewards: Yocto(rewards),
        loss: Yocto(loss),
        loss_within_rounding: loss_within_rounding(loss),
        moving_to: record.moving_to,
        move_idle: record.move_idle,
        reported_by_pool: account.is_some(),
    }
}

/// Composes the whole position. Pools come from the proxy's records and from the pool views
/// (a pool the proxy no longer tracks but that still reports a balance is listed too); tokens
/// from the wallet holdings and the claimables.
pub fn compose_position(inputs: &PositionInputs) -> Position {
    let records: BTreeMap<&AccountId, &ProxyPool> = inputs.proxy_pools.iter().map(|p| (&p.pool_id, p)).collect();
    let mut pool_ids: Vec<&AccountId> = records.keys().copied().collect();
    for (pool_id, account) in &inputs.pool_accounts {
        let holds = account.staked_balance.0 > 0 || account.unstaked_balance.0 > 0;
        if holds && !records.contains_key(pool_id) {
            pool_ids.push(pool_id);
        }
    }
    pool_ids.sort();
    let direct: Vec<DirectPosition> = pool_ids
        .into_iter()
        .map(|id| {
            let record = records.get(id).copied();
            direct_position(id, record, inputs.pool_accounts.get(id), inputs.current_epoch)
        })
        .collect();

    let mut tokens: BTreeMap<AccountId, LiquidPosition> = BTreeMap::new();
    let entry = |tokens: &mut BTreeMap<AccountId, LiquidPosition>, id: &AccountId| {
        tokens.entry(id.clone()).or_insert_with(|| LiquidPosition {
            token_id: id.clone(),
            balance: Yocto(0),
            claimable: Yocto(0),
            price: None,
            value: None,
        });
    };
    for holding in &inputs.liquid {
        entry(&mut tokens, &holding.token_id);
        let token = tokens.get_mut(&holding.token_id).expect("just inserted");
        token.balance = Yocto(token.balance.0.saturating_add(holding.balance.0));
        token.price = holding.price.or(token.price);
    }
    for (token_id, amount) in &inputs.claimables {
        entry(&mut tokens, token_id);
        let token = tokens.get_mut(token_id).expect("just inserted");
        token.claimable = Yocto(token.claimable.0.saturating_add(amount.0));
    }
    let liquid: Vec<LiquidPosition> = tokens
        .into_values()
        .map(|mut token| {
            let units = token.balance.0.saturating_add(token.claimable.0);
            token.value = token.price.and_then(|p| liquid_value(units, p.0)).map(Yocto);
            token
        })
        .collect();

    let totals = totals(&direct, &liquid);
    Position {
        account_id: inputs.account_id.clone(),
        proxy_id: inputs.proxy_id.clone(),
        current_epoch: inputs.current_epoch,
        direct,
        liquid,
        totals,
    }
}

/// The sums of a position (saturating).
pub fn totals(direct: &[DirectPosition], liquid: &[LiquidPosition]) -> PositionTotals {
    let add = |a: &mut Yocto, b: u128| a.0 = a.0.saturating_add(b);
    let mut t = PositionTotals::default();
    for d in direct {
        add(&mut t.staked, d.staked.0);
        add(&mut t.unstaked, d.unstaked.0);
        if d.withdrawable_now {
            add(&mut t.withdrawable_now, d.unstaked.0);
        }
        add(&mut t.in_transit, d.in_flight.0.saturating_add(d.move_idle.0));
        add(&mut t.principal, d.recorded());
        add(&mut t.rewards, d.rewards.0);
        add(&mut t.loss, d.loss.0);
        if d.loss_within_rounding {
            add(&mut t.rounding_loss, d.loss.0);
        }
    }
    let (net_gain, net_loss) = rewards_and_loss(t.staked.0.saturating_add(t.unstaked.0), t.principal.0);
    (t.net_gain, t.net_loss) = (Yocto(net_gain), Yocto(net_loss));
    for l in liquid {
        match l.value {
            Some(value) => add(&mut t.liquid_value, value.0),
            None => t.unpriced_tokens += 1,
        }
    }
    let near = [t.staked, t.unstaked, t.in_transit, t.liquid_value];
    t.total_near = Yocto(near.iter().fold(0u128, |s, v| s.saturating_add(v.0)));
    t
}

#[cfg(test)]
mod tests;
