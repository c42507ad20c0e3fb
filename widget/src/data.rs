//! What the widget reads from the chain, in the shapes the router's JSON views return.

use router_core::exit_quote::{EpochClock, InstantVenue};
use router_core::exit_track::PendingUnstake;
use router_core::position::Position;
/// The router's `get_config` and `get_proxy` answers, as the contract defines them.
pub use router_core::views::{ProxyInfo, RouterConfigView};
use router_core::{AccountId, LstProtocol, PlanGuards, PlanLimits, Profile, Target, Yocto};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything the planner needs from the router: `get_targets`, `get_profiles`, `get_config`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouterData {
    /// The allow-list with routed totals.
    pub targets: Vec<Target>,
    /// The named profiles, in the router's order.
    pub profiles: Vec<Profile>,
    /// Minimum deposit, costs, gas, pause state.
    pub config: RouterConfigView,
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
    /// The epoch clock (estimated unlock times), when the node answered every read.
    pub clock: Option<EpochClock>,
    /// Liquid unstakes waiting to unlock or to be withdrawn.
    pub pending: Vec<PendingUnstake>,
    /// The registration an exchange exit needs first: wNEAR's `storage_balance_bounds().min`
    /// when `storage_balance_of` is `null`.
    pub wnear_registration: Option<u128>,
}

/// What was read for one liquid token's exits; the quote itself is
/// `router_core::exit_quote::LiquidExitQuote::new` over it, with the slippage in force.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExitReads {
    /// The protocol's shape.
    pub protocol: LstProtocol,
    /// The protocol's rate (yoctoNEAR per 10^24 units).
    pub price: u128,
    /// Token units quoted.
    pub amount: u128,
    /// Whether that is the whole balance (the delayed exit is then `unstake_all`).
    pub all: bool,
    /// Each venue's quote for `amount`: Meta Pool's `get_near_amount_sell_stnear`, the
    /// exchange's `get_return`.
    pub instant: Vec<(InstantVenue, u128)>,
    /// What the exchange pays for one whole token (the depeg test), when it answered.
    pub market: Option<u128>,
    /// Venues that would not quote, and why.
    pub notes: Vec<String>,
}
