//! Destinations the router may send NEAR to: validator pools and liquid staking protocols.

use crate::amount::Yocto;
use crate::AccountId;
use borsh::{BorshDeserialize, BorshSerialize};
use serde::{Deserialize, Serialize};

/// The call shape of a liquid staking protocol (one adapter per shape).
///
/// Both supported shapes take a payable `deposit_and_stake()` that mints a NEP-141 token to the
/// caller and returns the minted amount as a JSON `U128` string; they differ in how a receiver of
/// `ft_transfer` must be registered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, BorshSerialize, BorshDeserialize)]
#[serde(rename_all = "snake_case")]
pub enum LstProtocol {
    /// LiNEAR (`linear-protocol.near`): receivers of `ft_transfer` must hold a NEP-145 storage
    /// registration; price view `ft_price`.
    Linear,
    /// Meta Pool (`meta-pool.near`, stNEAR): accounts are registered on deposit; the router
    /// still registers receivers through NEP-145 to be safe; price view `get_st_near_price`.
    MetaPool,
}

impl LstProtocol {
    /// The view that returns the price in yoctoNEAR per 10^24 token units.
    pub const fn price_method(self) -> &'static str {
        match self {
            LstProtocol::Linear => "ft_price",
            LstProtocol::MetaPool => "get_st_near_price",
        }
    }

    /// The epochs between a delayed unstake and its withdrawal, soonest and latest.
    ///
    /// LiNEAR: 4, or 5 when requested after that epoch's settlement (its `epoch_unstake` has
    /// run). Meta Pool: 4 to 6 (it waits for the validators it unstakes from, and a new unstake
    /// restarts the account's wait).
    pub const fn unlock_epochs(self) -> (u64, u64) {
        match self {
            LstProtocol::Linear => (4, 5),
            LstProtocol::MetaPool => (4, 6),
        }
    }

    /// A human name for previews.
    pub const fn display_name(self) -> &'static str {
        match self {
            LstProtocol::Linear => "LiNEAR",
            LstProtocol::MetaPool => "Meta Pool",
        }
    }
}

/// What kind of destination a target is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, BorshSerialize, BorshDeserialize)]
#[serde(tag = "type", rename_all = "snake_case", try_from = "crate::tagged_json::TargetKindJson")]
pub enum TargetKind {
    /// A standard staking pool (core-contracts `staking-pool` interface). Stake sits in the
    /// beneficiary's own staking proxy: direct, non-custodial, about four epochs to unstake.
    Validator,
    /// A liquid staking protocol; its token goes to the beneficiary.
    Liquid {
        /// The protocol's call shape.
        protocol: LstProtocol,
        /// NEP-145 storage deposit the router pays to register a receiver (yoctoNEAR), at
        /// most [`MAX_REGISTRATION_DEPOSIT`].
        registration_deposit: Yocto,
    },
}

/// The largest registration deposit a liquid target may ask of each depositor: 0.01 NEAR, eight
/// times what a NEP-141 token's registration costs (0.00125 NEAR for near-contract-standards'
/// 125 bytes). The router holds it back from the depositor's leg, so a target cannot make it
/// larger than registering could need.
pub const MAX_REGISTRATION_DEPOSIT: Yocto = Yocto(10_000_000_000_000_000_000_000);

impl TargetKind {
    /// Whether this is a validator pool.
    pub const fn is_validator(&self) -> bool {
        matches!(self, TargetKind::Validator)
    }
}

/// Whether a target takes new deposits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, BorshSerialize, BorshDeserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetStatus {
    /// Takes deposits.
    Active,
    /// Temporarily takes none; policies naming it are refused until it is resumed.
    Paused,
    /// Permanently takes none (a validator leaving the allow-list); delegators should move.
    Retired,
}

/// Limits on what the router sends to one target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, BorshSerialize, BorshDeserialize)]
pub struct TargetCaps {
    /// The largest share of one deposit this target may receive, in basis points (10,000 = all).
    pub max_share_bps: u16,
    /// A ceiling on everything the router has ever routed to this target; `None` for none.
    pub max_total_routed: Option<Yocto>,
    /// The smallest leg worth sending (at least the protocol's own minimum deposit).
    pub min_leg: Yocto,
}

impl Default for TargetCaps {
    fn default() -> Self {
        TargetCaps { max_share_bps: crate::BPS_TOTAL, max_total_routed: None, min_leg: Yocto(crate::ONE_NEAR) }
    }
}

/// An allow-listed destination together with what the router has routed to it so far.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, BorshSerialize, BorshDeserialize)]
pub struct Target {
    /// The pool or protocol contract.
    pub account_id: AccountId,
    /// Validator or liquid protocol.
    pub kind: TargetKind,
    /// Whether it takes deposits.
    pub status: TargetStatus,
    /// Its limits.
    pub caps: TargetCaps,
    /// NEAR the router has sent to it (deposits, not the owners' later exits).
    pub routed_total: Yocto,
}

impl Target {
    /// How much more the routed ceiling admits (`u128::MAX` without a ceiling).
    pub fn headroom(&self) -> u128 {
        match self.caps.max_total_routed {
            Some(cap) => cap.0.saturating_sub(self.routed_total.0),
            None => u128::MAX,
        }
    }
}
