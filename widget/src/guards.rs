//! The planner's guards in the preview: what the widget read over JSON-RPC for them, and the
//! [`PlanGuards`] it plans with, built by `router_core::read_guards` exactly as the router
//! builds them in `deposit`:
//!
//! - a named profile has the options of the router's `get_profile_guards(name)`; a custom
//!   (explicit) split has none, as in the contract;
//! - the concentration guard needs the current epoch's validator stakes: RPC `validators`
//!   (`[null]`), `current_validators[].{account_id, stake}`; their sum is the total
//!   `env::validator_total_stake` returns (nearcore sums the current epoch's validators);
//! - the depeg guard needs the router's `get_depeg_bands`.
//!
//! Only what the chosen profile's options need is read. While it is being read the preview
//! waits; if it cannot be read, the preview says so instead of planning without the guard.

use crate::data::Load;
use router_core::market::MarketWatch;
use router_core::{read_guards, AccountId, DepegBand, GuardOptions, Observed, PlanGuards, Policy, Target, Yocto};
use serde::Deserialize;
use std::collections::BTreeMap;

/// One of the reads the guards need.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GuardRead {
    /// The router's `get_profile_guards(name)`.
    Options,
    /// RPC `validators`: the current epoch's validator stakes.
    Validators,
    /// The router's `get_depeg_bands` and `get_market_watches`.
    DepegBands,
}

/// Why the guards for the chosen profile are not known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GuardError {
    /// Still being read.
    Loading,
    /// A read the profile's guards need failed.
    Failed {
        /// Which read.
        read: GuardRead,
        /// The RPC's error.
        error: String,
    },
}

/// One entry of RPC `validators`' `current_validators` (other fields are ignored).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct CurrentValidator {
    /// The validator's account.
    pub account_id: AccountId,
    /// Its stake in the current epoch (yoctoNEAR, a decimal string).
    pub stake: Yocto,
}

/// The part of RPC `validators`' answer (nearcore's `EpochValidatorInfo`) the guards use.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct ValidatorsAnswer {
    /// The current epoch's validators.
    pub current_validators: Vec<CurrentValidator>,
}

impl ValidatorsAnswer {
    /// `(account, stake)` of each current validator.
    pub fn stakes(&self) -> Vec<(AccountId, u128)> {
        self.current_validators.iter().map(|v| (v.account_id.clone(), v.stake.0)).collect()
    }
}

/// What was read for the guards since the router's views were last loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GuardData {
    /// The router load these reads belong to (`State::source_epoch`).
    pub epoch: u32,
    /// `get_profile_guards(name)` per profile name.
    pub options: BTreeMap<String, Load<GuardOptions>>,
    /// The current validators' stakes (RPC `validators`).
    pub validators: Load<Vec<(AccountId, u128)>>,
    /// `get_depeg_bands`.
    pub bands: Load<Vec<(AccountId, DepegBand)>>,
    /// `get_market_watches`, read with the bands (empty for a router without market watches).
    pub markets: Vec<(AccountId, MarketWatch)>,
}

impl Default for GuardData {
    fn default() -> Self {
        GuardData::new(0)
    }
}

fn ready<T>(load: &Load<T>, read: GuardRead) -> Result<&T, GuardError> {
    match load {
        Load::Ready(v) => Ok(v),
        Load::Failed(error) => Err(GuardError::Failed { read, error: error.clone() }),
        Load::Idle | Load::Loading => Err(GuardError::Loading),
    }
}

/// Not asked for yet, or (with `retry_failed`) failed.
fn unread<T>(load: &Load<T>, retry_failed: bool) -> bool {
    matches!(load, Load::Idle) || (retry_failed && matches!(load, Load::Failed(_)))
}

impl GuardData {
    /// Nothing read yet, for router load `epoch`.
    pub fn new(epoch: u32) -> Self {
        GuardData { epoch, options: BTreeMap::new(), validators: Load::Idle, bands: Load::Idle, markets: Vec::new() }
    }

    /// The reads `profile`'s guards still need: none for a custom split; the options first,
    /// then the observations the options ask for. Reads that failed are needed again only with
    /// `retry_failed` (the person asked), so a failing node is not asked in a loop.
    pub fn missing(&self, profile: Option<&str>, retry_failed: bool) -> Vec<GuardRead> {
        let Some(name) = profile else { return Vec::new() };
        let options = match self.options.get(name) {
            Some(Load::Ready(o)) => *o,
            Some(Load::Loading) => return Vec::new(),
            None => return vec![GuardRead::Options],
            Some(l) => return if unread(l, retry_failed) { vec![GuardRead::Options] } else { Vec::new() },
        };
        let mut out = Vec::new();
        if options.max_validator_network_share_bps.is_some() && unread(&self.validators, retry_failed) {
            out.push(GuardRead::Validators);
        }
        if options.skip_out_of_band_liquid && unread(&self.bands, retry_failed) {
            out.push(GuardRead::DepegBands);
        }
        out
    }

    /// The guards a deposit by `profile` (`None`: a custom split) over `policy` plans with,
    /// built as the router builds them; an error while a read they need is missing.
    pub fn plan_guards(
        &self,
        profile: Option<&str>,
        policy: &Policy,
        targets: &[Target],
    ) -> Result<PlanGuards, GuardError> {
        let Some(name) = profile else { return Ok(PlanGuards::default()) };
        let options = *ready(self.options.get(name).unwrap_or(&Load::Idle), GuardRead::Options)?;
        let validators = match options.max_validator_network_share_bps {
            Some(_) => ready(&self.validators, GuardRead::Validators)?.as_slice(),
            None => &[],
        };
        let (depeg_bands, market_watches) = if options.skip_out_of_band_liquid {
            (ready(&self.bands, GuardRead::DepegBands)?.as_slice(), self.markets.as_slice())
        } else {
            (&[][..], &[][..])
        };
        let is_validator = |id: &AccountId| targets.iter().any(|t| &t.account_id == id && t.kind.is_validator());
        Ok(read_guards(options, policy, is_validator, &mut Observed { validators, depeg_bands, market_watches }))
    }
}
