//! # router-core
//!
//! The shared vocabulary and the pure split planner of Stake Router.
//!
//! This crate decides; it never does. The on-chain router calls [`plan_deposit`] to decide how
//! a deposit is split, and the browser widget calls the very same function to preview it, so
//! the two can never disagree. It has no NEAR runtime dependency: it compiles for the contract
//! (`wasm32-unknown-unknown` with `--cfg near`), for the browser and natively.
//!
//! Amounts are yoctoNEAR (`u128`), carried in JSON as decimal strings ([`Yocto`]).

pub mod amount;
pub mod callback_args;
pub mod costs;
pub mod dao_proposal;
pub mod deposit_check;
pub mod error;
pub mod events;
pub mod exit_calls;
pub mod exit_gas;
pub mod exit_quote;
pub mod exit_track;
pub mod figure_legs;
pub mod figure_reads;
pub mod figures;
pub mod fold;
pub mod gas;
pub mod guard_reads;
pub mod guards;
pub mod ledger;
pub mod limits;
pub mod lst_api;
pub mod market;
pub mod naming;
pub mod payout;
pub mod plan;
pub mod policy;
pub mod pool_api;
pub mod position;
pub mod profile;
pub mod proxy_api;
pub mod signer_cost;
mod tagged_json;
pub mod target;
pub mod unverified;
pub mod views;
pub mod wide;

pub use amount::{format_near, format_near_at_least, format_near_display, parse_near, AmountError, Yocto};
pub use costs::{CostSchedule, MAX_DEPOSIT_FEE_BPS};
pub use error::{PlanError, PolicyError};
pub use fold::{FoldReason, FoldedLeg};
pub use gas::GasSchedule;
pub use guard_reads::{read_guards, GuardReads, Observed};
pub use guards::{DepegBand, GuardOptions, PlanGuards};
pub use limits::PlanLimits;
pub use naming::{proxy_account_id, PROXY_LABEL_HEX_LEN};
pub use plan::{plan_deposit, PlanCosts, PlannedLeg, SplitPlan};
pub use policy::{Leg, Policy, BPS_TOTAL, MAX_LEGS};
pub use profile::{default_profiles, Allocation, Profile};
pub use target::{LstProtocol, Target, TargetCaps, TargetKind, TargetStatus, MAX_REGISTRATION_DEPOSIT};

/// Account ids, re-exported so every user of this crate names the same type as near-sdk.
pub use near_account_id::{AccountId, AccountIdRef};

/// One NEAR in yoctoNEAR.
pub const ONE_NEAR: u128 = 1_000_000_000_000_000_000_000_000;
/// One milliNEAR in yoctoNEAR.
pub const ONE_MILLINEAR: u128 = ONE_NEAR / 1_000;
/// The NEP-297 `standard` name of every event the router and the proxies emit.
pub const EVENT_STANDARD: &str = "stake-router";
/// The NEP-297 `version` of the events.
pub const EVENT_VERSION: &str = "1.0.0";
/// The most pools one staking proxy holds stake in; its storage for that many is prepaid.
pub const MAX_PROXY_POOLS: usize = 8;
