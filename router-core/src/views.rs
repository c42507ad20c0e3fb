//! The router's JSON views, defined once: the contract returns these types and the widget and
//! tools read them. Amounts are [`Yocto`] (a decimal string, like near-sdk's `U128`) and the
//! proxy code hash is its base58 text, so the JSON is what near-sdk's own types would give.
//!
//! Fields a reader can do without are `#[serde(default)]`, so a partial answer still parses;
//! that changes nothing in what the contract writes.

use crate::amount::Yocto;
use crate::costs::CostSchedule;
use crate::gas::GasSchedule;
use crate::guards::DepegBand;
use crate::target::Target;
use crate::AccountId;
use borsh::{BorshDeserialize, BorshSerialize};
use serde::{Deserialize, Serialize};

/// `get_config()`: [`RouterConfigView`].
pub const GET_CONFIG: &str = "get_config";
/// `get_targets()`: a list of [`TargetView`].
pub const GET_TARGETS: &str = "get_targets";
/// `get_proxy(beneficiary_id)`: [`ProxyInfo`].
pub const GET_PROXY: &str = "get_proxy";
/// `get_claimables(account_id)`: token -> base units the router holds for the account.
pub const GET_CLAIMABLES: &str = "get_claimables";

/// What the router says about a retired target, where people must not miss it.
pub const RETIRED_NOTE: &str = "Retired: takes no new deposits. The router has no power to move delegators' stake; \
    move yours through your own staking proxy (unstake, withdraw, then deposit elsewhere).";

/// The router's configuration (`get_config`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouterConfigView {
    /// The owner (often a DAO).
    pub owner_id: AccountId,
    /// The proposed new owner, during a two-step transfer.
    #[serde(default)]
    pub pending_owner_id: Option<AccountId>,
    /// Accounts that manage targets and profiles.
    #[serde(default)]
    pub operators: Vec<AccountId>,
    /// Accounts that may pause deposits.
    #[serde(default)]
    pub guardians: Vec<AccountId>,
    /// Whether new deposits are stopped.
    #[serde(default)]
    pub paused: bool,
    /// The smallest deposit accepted.
    pub min_deposit: Yocto,
    /// The global contract hash new proxies use (base58); without one no proxy can be created.
    #[serde(default)]
    pub proxy_code_hash: Option<String>,
    /// One-off storage costs.
    pub costs: CostSchedule,
    /// Gas per call.
    pub gas: GasSchedule,
    /// The layout version of the router's state.
    #[serde(default)]
    pub state_version: u8,
    /// The deposit fee in bps, taken off the top of each deposit (rounded down).
    #[serde(default)]
    pub deposit_fee_bps: u16,
    /// The most the owner may set the fee to.
    #[serde(default)]
    pub max_deposit_fee_bps: u16,
    /// Where the fee goes.
    #[serde(default)]
    pub treasury_id: Option<AccountId>,
    /// The staking-pool whitelist a validator target must be on when it is added (`None`: no
    /// check).
    #[serde(default)]
    pub pool_whitelist_id: Option<AccountId>,
    /// A proxy code hash that has been set but that new proxies use only from
    /// `next_proxy_code_from_ns` (the timelock's delay after the change): until then
    /// `proxy_code_hash` is the code new proxies get.
    #[serde(default)]
    pub next_proxy_code_hash: Option<String>,
    /// From when (block time, ns) new proxies use `next_proxy_code_hash`.
    #[serde(default)]
    pub next_proxy_code_from_ns: Option<u64>,
}

/// A target as `get_targets` shows it: every field of [`Target`], plus clear flags.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetView {
    /// The target itself (its fields sit at the top level of the JSON).
    #[serde(flatten)]
    pub target: Target,
    /// Whether it takes new deposits now (active).
    #[serde(default)]
    pub accepts_deposits: bool,
    /// Whether it is retired for good.
    #[serde(default)]
    pub retired: bool,
    /// For a retired target, what delegators should do ([`RETIRED_NOTE`]).
    #[serde(default)]
    pub note: Option<String>,
    /// Its depeg band and last observation (liquid targets with a band).
    #[serde(default)]
    pub depeg_band: Option<DepegBand>,
}

impl core::ops::Deref for TargetView {
    type Target = Target;
    fn deref(&self) -> &Target {
        &self.target
    }
}

/// A beneficiary's proxy account and whether the router created it (`get_proxy`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProxyInfo {
    /// `<label>.<router>`.
    pub proxy_id: AccountId,
    /// Whether the router created it (a first direct deposit creates it).
    pub exists: bool,
}

/// A mint whose amount could not be read, held for the owner to verify
/// (`get_unverified_mints`; also the router's stored record).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, BorshSerialize, BorshDeserialize)]
pub struct UnverifiedMint {
    /// Who the tokens are for.
    pub beneficiary: AccountId,
    /// The protocol's token contract.
    pub token: AccountId,
    /// NEAR staked for the mint.
    pub near_amount: Yocto,
    /// Who paid (refunded if the owner finds nothing was minted).
    pub depositor: AccountId,
}
