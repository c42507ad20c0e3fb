//! What the widget reads from the chain, in the shapes the router's JSON views return.

use router_core::position::Position;
use router_core::{AccountId, CostSchedule, GasSchedule, PlanGuards, PlanLimits, Profile, Target, Yocto};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The part of the router's `get_config` view the widget uses (other fields are ignored).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouterConfig {
    /// The smallest deposit the router accepts.
    pub min_deposit: Yocto,
    /// Whether new deposits are stopped.
    #[serde(default)]
    pub paused: bool,
    /// One-off storage costs.
    pub costs: CostSchedule,
    /// Gas per call.
    pub gas: GasSchedule,
    /// The global contract hash new proxies use (base58); without one no proxy can be created.
    #[serde(default)]
    pub proxy_code_hash: Option<String>,
    /// The router's deposit fee in bps (`get_config`; 0 from a router without one).
    #[serde(default)]
    pub deposit_fee_bps: u16,
}

/// Everything the planner needs from the router: `get_targets`, `get_profiles`, `get_config`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouterData {
    /// The allow-list with routed totals.
    pub targets: Vec<Target>,
    /// The named profiles, in the router's order.
    pub profiles: Vec<Profile>,
    /// Minimum deposit, costs, gas, pause state.
    pub config: RouterConfig,
}

impl RouterData {
    /// The planner's limits for a beneficiary whose proxy does (not) exist yet, without guards.
    pub fn limits(&self, proxy_exists: bool) -> PlanLimits {
        self.limits_guarded(proxy_exists, PlanGuards::default())
    }

    /// The planner's limits with `guards` (see [`crate::guards`]).
    pub fn limits_guarded(&self, proxy_exists: bool, guards: PlanGuards) -> PlanLimits {
        PlanLimits::new(self.config.min_deposit.0, proxy_exists)
            .with_costs(self.config.costs)
            .with_gas(self.config.gas)
            .with_fee(self.config.deposit_fee_bps)
            .with_guards(guards)
    }

    /// The target with this account id.
    pub fn target(&self, id: &AccountId) -> Option<&Target> {
        self.targets.iter().find(|t| &t.account_id == id)
    }

    /// The profile with this name.
    pub fn profile(&self, name: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.name == name)
    }
}

/// The router's `get_proxy(beneficiary_id)` answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProxyInfo {
    /// `<label>.<router>`.
    pub proxy_id: AccountId,
    /// Whether the router created it (a first direct deposit creates it).
    pub exists: bool,
}

/// The fields of RPC `view_account` the widget uses.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct AccountView {
    /// Liquid balance (yoctoNEAR).
    pub amount: Yocto,
    /// Bytes the account stores; it must keep `storage_usage * 10^19` yocto for them.
    #[serde(default)]
    pub storage_usage: u64,
}

impl AccountView {
    /// What the account can attach: its balance less what its own storage locks.
    pub fn available(&self) -> u128 {
        let locked = u128::from(self.storage_usage) * router_core::costs::STORAGE_PRICE_PER_BYTE;
        self.amount.0.saturating_sub(locked)
    }
}

/// A value that arrives over the network.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Load<T> {
    /// Not asked for (or not applicable).
    Idle,
    /// Asked for, no answer yet.
    Loading,
    /// The answer.
    Ready(T),
    /// Gave up; the message says why.
    Failed(String),
}

impl<T> Load<T> {
    /// The value, when it arrived.
    pub fn ready(&self) -> Option<&T> {
        match self {
            Load::Ready(v) => Some(v),
            _ => None,
        }
    }
}

/// LST prices by token contract: yoctoNEAR per 10^24 token units.
pub type Prices = BTreeMap<AccountId, Load<u128>>;

/// What the position loader read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PositionData {
    /// The composed position.
    pub position: Position,
    /// Whether the epoch is known (otherwise unlock epochs are not shown).
    pub epoch_known: bool,
    /// Per token with something claimable: whether the account is registered with it
    /// (`storage_balance_of`; absent: could not tell).
    pub registered: BTreeMap<AccountId, bool>,
}
