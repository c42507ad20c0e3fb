//! Everything one mounted widget knows, and what follows from it (no DOM here).

use crate::config::Config;
use crate::data::{ExitReads, Load, PositionData, Prices, ProxyInfo, RouterData};
use crate::guards::GuardData;
use crate::input::{plan_inputs, Choice, InputError, Inputs, Planned};
use router_core::events::DepositOutcome;
use router_core::exit_quote::ExitTerms;
use router_core::signer_cost::{max_deposit, GasPrices};
use router_core::{AccountId, PlanError};
use std::collections::BTreeMap;

/// The status line's message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// Nothing to say.
    Idle,
    /// Loading the router's views.
    Loading,
    /// The RPC did not answer; trying again.
    Retrying { attempt: u32, seconds: String, error: String },
    /// Gave up loading.
    LoadFailed(String),
    /// Loaded.
    Ready,
    /// Waiting for the wallet.
    Pending,
    /// Sent (hash when known).
    Sent(Option<String>),
    /// The chain reports the transaction failed.
    ChainFailed(String),
    /// The person declined in the wallet.
    Rejected,
    /// DAO mode: a proposal was written instead of a transaction ([`crate::dao`]).
    Proposed,
    /// The wallet could not send.
    Failed(String),
}

/// One widget's state.
#[derive(Debug)]
pub struct State {
    /// The configuration in force.
    pub config: Config,
    /// The router's views.
    pub data: Load<RouterData>,
    /// The account whose proxy and balance were loaded.
    pub account: Option<AccountId>,
    /// `get_proxy(account)`.
    pub proxy: Load<ProxyInfo>,
    /// The account's balance less what its own storage locks (yoctoNEAR).
    pub balance: Load<u128>,
    /// The chain's gas prices (the gas a deposit leaves aside).
    pub gas_prices: Load<GasPrices>,
    /// What the last deposit did, leg by leg, read from its transaction's events (`None`
    /// before one, or when its outcome could not be read).
    pub deposit_outcome: Option<DepositOutcome>,
    /// The account's policy stored on the router (`get_account_policy`), offered first.
    pub stored_policy: Option<router_core::Policy>,
    /// LST prices by token contract.
    pub prices: Prices,
    /// The amount as typed.
    pub amount_text: String,
    /// Whether the person has typed or tried to stake (before that, "empty" is not an error).
    pub touched: bool,
    /// Profile or custom split.
    pub choice: Choice,
    /// The status line.
    pub status: Status,
    /// A transaction is with the wallet.
    pub sending: bool,
    /// Bumped on every reload of the router's views; late answers of older loads are dropped.
    pub source_epoch: u32,
    /// Bumped on every reload of the account; late answers of older loads are dropped.
    pub account_epoch: u32,
    /// The connected account's position ([`crate::position`]).
    pub position: Load<PositionData>,
    /// The position section's status line (exit calls).
    pub exit_status: Status,
    /// The button whose call is (or was last) with the wallet, as labelled.
    pub exit_action: String,
    /// An exit call is with the wallet.
    pub exit_sending: bool,
    /// The exit (`"<button>|<pool>"`) whose empty amount, meaning "all", was pressed once: a
    /// second press sends it; anything else asks again.
    pub exit_confirm_all: Option<String>,
    /// `get_targets`' `note` per retired target ("" without one).
    pub target_notes: BTreeMap<AccountId, String>,
    /// What was read for the chosen profile's guards ([`crate::guards`]).
    pub guards: GuardData,
    /// Per liquid token, what its exits' quote was read from.
    pub exit_quotes: BTreeMap<AccountId, Load<ExitReads>>,
    /// Per liquid token, the amount typed for its exits (empty: all).
    pub exit_amounts: BTreeMap<AccountId, String>,
    /// The instant exits' slippage chosen on the page (else the configured one).
    pub exit_slippage_bps: Option<u16>,
    /// The NEAR the last exit paid, when its answer told (`liquid_unstake`, an unwrap).
    pub exit_received: Option<u128>,
    /// What a staker chooses by: rates, fees, health, unlock times ([`crate::figures`]).
    pub figures: crate::figures::FigureData,
    /// DAO mode: the DAO's `proposal_bond` (`None` until read, or when it cannot be).
    pub dao_bond: Option<u128>,
    /// DAO mode: the deposit proposal last written.
    pub proposal: Option<crate::dao::Written>,
    /// DAO mode: the exit proposals last written (one per call, in order).
    pub exit_proposals: Vec<crate::dao::Written>,
}

impl State {
    /// A fresh state for `config`.
    pub fn new(config: Config) -> Self {
        State {
            config,
            data: Load::Idle,
            account: None,
            proxy: Load::Idle,
            balance: Load::Idle,
            gas_prices: Load::Idle,
            deposit_outcome: None,
            stored_policy: None,
            prices: Prices::new(),
            amount_text: String::new(),
            touched: false,
            choice: Choice::Profile(String::new()),
            status: Status::Idle,
            sending: false,
            source_epoch: 0,
            account_epoch: 0,
            position: Load::Idle,
            exit_status: Status::Idle,
            exit_action: String::new(),
            exit_sending: false,
            exit_confirm_all: None,
            target_notes: BTreeMap::new(),
            guards: GuardData::default(),
            exit_quotes: BTreeMap::new(),
            exit_amounts: BTreeMap::new(),
            exit_slippage_bps: None,
            exit_received: None,
            figures: Default::default(),
            dao_bond: None,
            proposal: None,
            exit_proposals: Vec::new(),
        }
    }

    /// DAO mode's proposal writer (`None` outside DAO mode).
    pub fn dao_writer(&self) -> Option<crate::dao::Writer> {
        crate::dao::Writer::new(self.config.dao.as_ref(), self.dao_bond)
    }

    /// Whether a deposit or an exit can be handed on: to the wallet, or (DAO mode) written as
    /// a proposal.
    pub fn can_hand_on(&self) -> bool {
        self.config.wallet.is_some() || self.config.dao.is_some()
    }

    /// The profile chosen when the router's profiles arrive: the configured default, else
    /// `balanced`, else the first.
    pub fn initial_profile(&self, data: &RouterData) -> Option<String> {
        let wanted = self.config.default_profile.as_deref();
        wanted
            .filter(|w| data.profile(w).is_some())
            .or_else(|| data.profile("balanced").map(|p| p.name.as_str()))
            .or_else(|| data.profiles.first().map(|p| p.name.as_str()))
            .map(str::to_string)
    }

    /// The plan for the current inputs; `None` until the router's views are loaded.
    pub fn planned(&self) -> Option<Result<Planned, InputError>> {
        let data = self.data.ready()?;
        let router = self.config.router_id.as_ref()?;
        let proxy_exists = self.proxy.ready().is_some_and(|p| p.exists);
        Some(plan_inputs(Inputs {
            amount_text: &self.amount_text,
            choice: &self.choice,
            data,
            router_id: router,
            account: self.account.as_ref(),
            proxy_exists,
            available: self.max_deposit(),
            guards: Some(&self.guards),
            stored: self.stored_policy.as_ref(),
        }))
    }

    /// The gas prices in force (the chain's, or `GasPrices::FALLBACK` when they could not be
    /// read).
    pub fn prices(&self) -> GasPrices {
        self.gas_prices.ready().copied().unwrap_or(GasPrices::FALLBACK)
    }

    /// The most the connected account can deposit with the current split: its balance less
    /// its storage and the gas this deposit's transaction takes up front
    /// (`router_core::signer_cost::max_deposit`); a DAO's treasury less its storage (the member
    /// whose vote executes the proposal pays the gas). `None` without a balance.
    pub fn max_deposit(&self) -> Option<u128> {
        let spendable = *self.balance.ready()?;
        if self.config.dao.is_some() {
            return Some(spendable);
        }
        let (Some(data), Some(router)) = (self.data.ready(), self.config.router_id.as_ref()) else {
            return max_deposit(spendable, self.prices(), |_| None);
        };
        let proxy_exists = self.proxy.ready().is_some_and(|p| p.exists);
        let gas_of = |amount: u128| {
            let text = router_core::format_near(amount);
            let inputs = Inputs {
                amount_text: &text,
                choice: &self.choice,
                data,
                router_id: router,
                account: self.account.as_ref(),
                proxy_exists,
                available: None,
                guards: Some(&self.guards),
                stored: self.stored_policy.as_ref(),
            };
            plan_inputs(inputs).ok().map(|p| p.plan.gas_required)
        };
        Some(max_deposit(spendable, self.prices(), gas_of).unwrap_or(0))
    }

    /// The smallest deposit the current split accepts, as the router plans it (its minimum,
    /// the one-off costs and the planner's folding counted); `None` until the views are loaded
    /// or when no amount works.
    pub fn minimum(&self) -> Option<u128> {
        let data = self.data.ready()?;
        let router = self.config.router_id.as_ref()?;
        let proxy_exists = self.proxy.ready().is_some_and(|p| p.exists);
        // Each refusal names a larger amount to try: the router's minimum, the one-off costs,
        // the planner's smallest workable deposit. Four tries reach the last.
        let mut amount = 1u128;
        for _ in 0..4 {
            let text = router_core::format_near(amount);
            let inputs = Inputs {
                amount_text: &text,
                choice: &self.choice,
                data,
                router_id: router,
                account: self.account.as_ref(),
                proxy_exists,
                available: None,
                guards: Some(&self.guards),
                stored: self.stored_policy.as_ref(),
            };
            amount = match plan_inputs(inputs) {
                Ok(_) => return Some(amount),
                Err(InputError::Plan(PlanError::BelowMinimumDeposit { minimum, .. })) => minimum,
                Err(InputError::Plan(PlanError::InsufficientForCosts { costs, .. })) => costs,
                Err(InputError::Plan(PlanError::NothingLeftToStake { smallest_workable_deposit: Some(m) })) => m,
                Err(_) => return None,
            };
        }
        None
    }

    /// The person changed the inputs: a refusal or failure of the last attempt no longer
    /// applies (a sent transaction's hash stays on screen).
    pub fn forget_failure(&mut self) {
        if matches!(self.status, Status::Rejected | Status::Failed(_) | Status::ChainFailed(_)) {
            self.status = Status::Idle;
        }
    }

    /// Whether the connected account's proxy or balance is still being read (the plan's
    /// costs and gas depend on the proxy).
    pub fn proxy_loading(&self) -> bool {
        matches!(self.proxy, Load::Loading) || matches!(self.balance, Load::Loading)
    }

    /// The instant exits' terms in force.
    pub fn exit_terms(&self) -> ExitTerms {
        let mut terms = self.config.exit_terms;
        terms.slippage_bps = self.exit_slippage_bps.unwrap_or(terms.slippage_bps);
        terms
    }

    /// The beneficiary's proxy id, when known.
    pub fn proxy_id(&self) -> Option<&str> {
        self.proxy.ready().map(|p| p.proxy_id.as_str())
    }
}
