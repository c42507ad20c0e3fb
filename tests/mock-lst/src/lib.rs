//! Mock liquid staking token (LST) in the LiNEAR / Meta Pool shape, for Stake Router tests.
//!
//! `deposit_and_stake` mints tokens at a fixed, owner-set price (yoctoNEAR per 1e24 token
//! units) and the token is a plain NEP-141 / NEP-145 / NEP-148 fungible token built on
//! near-contract-standards' `FungibleToken`. There is no validator pool behind it: the
//! deposited NEAR stays in the contract, and pays the exits. Each deployment takes the exit
//! shape of one protocol ([`Protocol`], chosen at `new`): LiNEAR's delayed `unstake` /
//! `withdraw`, or Meta Pool's delayed `unstake` / `withdraw_unstaked` and its instant
//! `liquid_unstake` through a NEAR liquidity pool. Owner-only switches inject failures. See
//! `tests/MOCKS.md`.
//!
//! Files: `lib.rs` (state and init), `staking.rs` (`deposit_and_stake` and price views),
//! `token.rs` (NEP-141 / NEP-145 / NEP-148 trait impls), `switches.rs` (owner-only test
//! switches), `exits.rs` (the unstaked bucket, `unstake` / `withdraw` of both shapes, the
//! account views), `linear.rs` (LiNEAR's rounding and messages), `meta_pool.rs` (Meta Pool's
//! rounding and messages), `liquidity.rs` (Meta Pool's liquidity pool and `liquid_unstake`),
//! `math.rs` (token/NEAR conversions and the swap fee curve, integer only, 256-bit
//! `a * b / d` from `router_core::wide`).

use near_contract_standards::fungible_token::FungibleToken;
use near_sdk::json_types::U128;
use near_sdk::store::LookupMap;
use near_sdk::{env, near, require, AccountId, BorshStorageKey, EpochHeight, PanicOnDefault};

mod exits;
mod linear;
mod liquidity;
pub mod math;
mod meta_pool;
mod staking;
mod switches;
mod token;

#[cfg(test)]
mod tests;

pub use exits::{ExitAccount, HumanReadableAccount};
pub use liquidity::{GetAccountInfoResult, LiquidUnstakeResult};
pub use staking::MALFORMED_RETURN;

/// Token units in one whole token (24 decimals, like NEAR, LiNEAR and stNEAR).
pub const ONE_TOKEN: u128 = 1_000_000_000_000_000_000_000_000;

/// Basis-point denominator of the mint shortfall switch.
pub const BPS_DENOMINATOR: u16 = 10_000;

/// Panic message of `deposit_and_stake` while the fail switch is on.
pub const ERR_MOCK_FAILING: &str = "Mock LST: failing on purpose";

/// Panic message of `ft_transfer` / `ft_transfer_call` while the fail-transfers switch is on.
pub const ERR_TRANSFERS_FAILING: &str = "Mock LST: transfers failing on purpose";

/// LiNEAR's panic message while the contract is paused.
pub const ERR_PAUSED: &str = "The contract is paused now. Please try later";

/// LiNEAR's panic message for owner-only methods called by another account.
pub const ERR_NOT_OWNER: &str = "Only owner can perform this action";

/// Epochs between an unstake and its withdrawal, in LiNEAR and Meta Pool alike
/// (`NUM_EPOCHS_TO_UNLOCK`; both double it when too few validators can unstake, which the
/// mock, having no validators, never does).
pub const NUM_EPOCHS_TO_UNLOCK: EpochHeight = 4;

/// The exit shape a deployment takes. JSON: `"linear"` or `"meta_pool"` (the router's
/// `LstProtocol` names).
#[near(serializers = [json, borsh])]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Protocol {
    /// LiNEAR (linear-protocol/LiNEAR `contracts/linear`).
    #[default]
    #[serde(rename = "linear")]
    Linear,
    /// Meta Pool (Meta-Pool/liquid-staking-contract `metapool`).
    #[serde(rename = "meta_pool")]
    MetaPool,
}

/// Storage prefixes of the contract's collections.
#[near]
#[derive(BorshStorageKey)]
enum StorageKey {
    /// Token balances of `FungibleToken`.
    Accounts,
    /// Unstaked buckets ([`ExitAccount`]).
    Exits,
    /// Liquidity pool shares of the providers (Meta Pool's `nslp_shares`).
    NslpShares,
}

/// Contract state of the mock LST.
#[near(contract_state)]
#[derive(PanicOnDefault)]
pub struct MockLst {
    /// Account allowed to use the test switches.
    pub(crate) owner_id: AccountId,
    /// NEP-141 balances, total supply and NEP-145 registrations.
    pub(crate) token: FungibleToken,
    /// Smallest accepted `deposit_and_stake` deposit, in yoctoNEAR.
    pub(crate) min_deposit: u128,
    /// Price of one whole token (1e24 units) in yoctoNEAR; always positive.
    pub(crate) price: u128,
    /// Switch: `deposit_and_stake` panics with [`ERR_MOCK_FAILING`].
    pub(crate) fail: bool,
    /// Switch: `deposit_and_stake`, `ft_transfer` and `ft_transfer_call` panic with
    /// [`ERR_PAUSED`], as in LiNEAR.
    pub(crate) paused: bool,
    /// Switch: `deposit_and_stake` mints `quoted * (10000 - bps) / 10000`.
    pub(crate) mint_shortfall_bps: u16,
    /// Switch: `deposit_and_stake` returns bytes that are not a JSON `U128`.
    pub(crate) malformed_return: bool,
    /// Switch: `deposit_and_stake` mints normally but returns `minted * (10000 + bps) / 10000`
    /// (a protocol reporting more than it minted).
    pub(crate) overreport_bps: u16,
    /// Switch: `ft_transfer` / `ft_transfer_call` panic with [`ERR_TRANSFERS_FAILING`].
    pub(crate) fail_transfers: bool,
    /// yoctoNEAR taken by `deposit_and_stake` less what unstakes took out (LiNEAR's
    /// `get_total_staked_balance`).
    pub(crate) total_staked: u128,
    /// The exit shape of this deployment.
    pub(crate) protocol: Protocol,
    /// Unstaked NEAR waiting for withdrawal, per account.
    pub(crate) exits: LookupMap<AccountId, ExitAccount>,
    /// LiNEAR: the epoch of the last `epoch_stake` / `epoch_unstake` settlement. An unstake
    /// in that same epoch waits one epoch more.
    pub(crate) last_settlement_epoch: EpochHeight,
    /// Meta Pool: NEAR available in the liquidity pool (`nslp_account.available`).
    pub(crate) nslp_available: u128,
    /// Meta Pool: total liquidity pool shares.
    pub(crate) nslp_total_shares: u128,
    /// Meta Pool: liquidity pool shares per provider.
    pub(crate) nslp_shares: LookupMap<AccountId, u128>,
    /// Meta Pool: liquidity at and above which the swap fee is the minimum.
    pub(crate) nslp_liquidity_target: u128,
    /// Meta Pool: the swap fee with no liquidity left, in basis points.
    pub(crate) nslp_max_discount_basis_points: u16,
    /// Meta Pool: the swap fee at or above the liquidity target, in basis points.
    pub(crate) nslp_min_discount_basis_points: u16,
}

#[near]
impl MockLst {
    /// Initializes the token. `price` is the yoctoNEAR value of 1e24 token units (the
    /// value LiNEAR's `ft_price` and Meta Pool's `get_st_near_price` report) and must be
    /// positive; `min_deposit` is the smallest `deposit_and_stake` deposit in yoctoNEAR.
    /// `protocol` picks the exit shape (default `"linear"`). The liquidity pool of the Meta
    /// Pool shape starts empty, with Meta Pool's initial curve: target 10,000 NEAR, fee
    /// 1.8 % (180 bp) down to 0.25 % (25 bp).
    #[init]
    pub fn new(owner_id: AccountId, min_deposit: U128, price: U128, protocol: Option<Protocol>) -> Self {
        require!(price.0 > 0, "Mock LST: the price must be positive");
        Self {
            owner_id,
            token: FungibleToken::new(StorageKey::Accounts),
            min_deposit: min_deposit.0,
            price: price.0,
            fail: false,
            paused: false,
            mint_shortfall_bps: 0,
            malformed_return: false,
            overreport_bps: 0,
            fail_transfers: false,
            total_staked: 0,
            protocol: protocol.unwrap_or_default(),
            exits: LookupMap::new(StorageKey::Exits),
            last_settlement_epoch: 0,
            nslp_available: 0,
            nslp_total_shares: 0,
            nslp_shares: LookupMap::new(StorageKey::NslpShares),
            nslp_liquidity_target: liquidity::DEFAULT_LIQUIDITY_TARGET,
            nslp_max_discount_basis_points: liquidity::DEFAULT_MAX_DISCOUNT_BP,
            nslp_min_discount_basis_points: liquidity::DEFAULT_MIN_DISCOUNT_BP,
        }
    }

    /// The exit shape of this deployment.
    pub fn get_mock_protocol(&self) -> Protocol {
        self.protocol
    }

    /// Owner of the contract (the account allowed to use the test switches).
    pub fn get_owner_id(&self) -> AccountId {
        self.owner_id.clone()
    }
}

impl MockLst {
    /// Panics unless the predecessor is the owner.
    pub(crate) fn assert_owner(&self) {
        require!(env::predecessor_account_id() == self.owner_id, ERR_NOT_OWNER);
    }

    /// Panics while the contract is paused.
    pub(crate) fn assert_not_paused(&self) {
        require!(!self.paused, ERR_PAUSED);
    }

    /// Panics unless this deployment has the `protocol` shape: `method` belongs to the other
    /// protocol only (the real contract of this shape has no such method).
    pub(crate) fn require_protocol(&self, protocol: Protocol, method: &str) {
        if self.protocol != protocol {
            env::panic_str(&format!("Mock LST: {method} is not a method of the {:?} shape", self.protocol));
        }
    }
}
