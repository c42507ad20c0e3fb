//! The simulation's model: the deterministic generator, the report of a run, and the run's
//! state (users, proxies, pending exits, NEAR burnt and minted, loss allowances, and the
//! liquid tokens' exits: unstaked buckets, unlock epochs, the venues).

use harness::venues::ExitVenues;
use router_core::{AccountId, LstProtocol};
use std::collections::BTreeMap;

/// A small deterministic generator (64-bit LCG), so a seed replays a run exactly.
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    /// The next value below `n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }
}

/// What a run saw, for the report.
#[derive(Debug, Default)]
pub struct Report {
    pub steps: u64,
    pub deposits: u64,
    /// Deposits the planner refused (each failed whole and was refunded).
    pub refusals: u64,
    pub failed_legs: u64,
    pub claims: u64,
    pub unstakes: u64,
    pub withdrawals: u64,
    pub moves: u64,
    pub moves_finished: u64,
    pub upgrades: u64,
    pub invariant_checks: u64,
    /// Epochs between an unstake and the withdrawal that paid it.
    pub unlock_delays: Vec<u64>,
    /// Gas burnt by `unstake` and `withdraw` transactions.
    pub unstake_gas: Vec<u64>,
    pub withdraw_gas: Vec<u64>,
    pub finish_move_gas: Vec<u64>,
    /// `set_balance_delta` calls: drifts of a few yoctoNEAR, and 0.1% decreases.
    pub drifts: u64,
    pub decreases: u64,
    /// yoctoNEAR the decreases took from all stakers.
    pub lost: u128,
    /// The largest `recorded - held` seen (how far below its records a pool paid or held).
    pub max_shortfall: u128,
    /// Withdrawals that followed a drift or a decrease of that pool since the unstake.
    pub withdrawals_after_loss: u64,
    /// Unstakes of everything (no amount).
    pub unstakes_all: u64,
    /// Unstakes of the recorded principal that the pool refused after a loss.
    pub principal_unstakes_refused: u64,
    /// yoctoNEAR the chain minted into the pools as epoch rewards.
    pub minted: u128,
    /// Deposits sent two at a time in one block (their receipts interleaving).
    pub deposits_together: u64,
    /// The liquid tokens' exits.
    pub liquid: LiquidReport,
}

/// What the liquid tokens' exits saw: holders' delayed exits, Meta Pool's `liquid_unstake`,
/// exchange swaps and unwraps.
#[derive(Debug, Default)]
pub struct LiquidReport {
    /// Delayed unstakes (`unstake` / `unstake_all`) that burnt tokens.
    pub unstakes: u64,
    /// Unstakes refused (more than held, or nothing to burn): nothing changed.
    pub unstakes_refused: u64,
    /// Unstakes that moved the unlock of a bucket already waiting (both protocols reset the
    /// whole bucket's wait).
    pub waits_reset: u64,
    /// ... of which the bucket was already withdrawable and is locked again.
    pub relocked: u64,
    /// LiNEAR unstakes after that epoch's `epoch_stake`, waiting one epoch more.
    pub settled_unstakes: u64,
    /// Withdrawals that paid the holder (all or part of the bucket).
    pub withdrawals: u64,
    /// Withdrawals refused before the unlock epoch: nothing moved.
    pub early_withdrawals_refused: u64,
    /// `liquid_unstake` calls that paid.
    pub liquid_unstakes: u64,
    /// `liquid_unstake` refused because `min_expected_near` was missed: tokens kept.
    pub liquid_min_missed: u64,
    /// `liquid_unstake` refused for too little liquidity: tokens kept.
    pub liquid_short: u64,
    /// NEAR paid by the liquidity pools.
    pub liquid_paid: u128,
    /// The fees they kept (the tokens' value less the payout).
    pub liquid_fees: u128,
    /// NEAR added to the liquidity pools by the provider.
    pub liquidity_added: u128,
    /// Swaps of a token to wNEAR delivered.
    pub swaps: u64,
    /// Swaps of wNEAR back to a token delivered.
    pub swaps_back: u64,
    /// Swaps refused by the exchange (E68, `min_amount_out` missed): everything refunded.
    pub swaps_min_missed: u64,
    /// Swaps refused by a token whose transfers fail: nothing moved.
    pub swaps_token_refused: u64,
    /// `near_withdraw` unwraps.
    pub unwraps: u64,
    /// The wNEAR they turned into NEAR.
    pub unwrapped: u128,
}

/// The liquid side of the run: the venues, the tokens' shapes and prices, and what the model
/// expects each holder's unstaked bucket to hold and when it unlocks.
pub(crate) struct Liquid {
    pub(crate) venues: ExitVenues,
    /// Adds NEAR to the Meta Pool-shaped tokens' liquidity pools.
    pub(crate) lp: AccountId,
    /// Per token of `Fixture::lsts`: its shape and its price (yoctoNEAR per 10^24 units; the
    /// run never changes it).
    pub(crate) protocols: Vec<LstProtocol>,
    pub(crate) prices: Vec<u128>,
    /// (user, token) -> (unstaked yoctoNEAR, the run's epoch it unlocks at).
    pub(crate) buckets: BTreeMap<(usize, usize), (u128, u64)>,
    /// Per LiNEAR-shaped token, the run's epoch of its last `epoch_stake`.
    pub(crate) settled: Vec<Option<u64>>,
    /// Per token, whether its transfers fail (the mock's switch).
    pub(crate) transfers_failing: Vec<bool>,
    /// Per user, whether it is registered on wNEAR.
    pub(crate) on_wnear: Vec<bool>,
    /// yoctoNEAR left with the wNEAR contract: the users' registrations and the confirming
    /// yoctoNEAR of every wNEAR transfer (a user's swap sending wNEAR, the exchange's delivery).
    pub(crate) wnear_kept: u128,
    /// The wNEAR contract's balance beyond its supply, at the first check.
    pub(crate) wnear_surplus: Option<u128>,
    /// Per exchange pool, its reserves (token, wNEAR) at the last check.
    pub(crate) reserves: Vec<(u128, u128)>,
    /// The chain's epoch height less the run's epoch count (learnt at the first unstake).
    pub(crate) epoch_offset: Option<u64>,
}

pub(crate) struct Sim {
    pub(crate) users: Vec<AccountId>,
    pub(crate) proxies: Vec<AccountId>,
    /// (user, pool, epoch of the unstake, pool changes then) awaiting withdrawal.
    pub(crate) unstaking: Vec<(usize, usize, u64, u64)>,
    /// (user, pool moved from, epoch of the request) awaiting a keeper.
    pub(crate) moving: Vec<(usize, usize, u64)>,
    pub(crate) epoch: u64,
    pub(crate) burnt: u128,
    pub(crate) initial_near: u128,
    /// NEAR the chain minted into the tracked accounts at epoch boundaries (epoch rewards in
    /// the pools' locked balances).
    pub(crate) minted: u128,
    /// The router's balance less its storage and what it owes, at the first check: its own.
    pub(crate) router_own: Option<u128>,
    /// (proxy, pool) -> yoctoNEAR the pool's decreases may have taken from that proxy.
    pub(crate) allowance: std::collections::BTreeMap<(usize, usize), u128>,
    /// Number of drifts and decreases per pool so far.
    pub(crate) pool_changes: Vec<u64>,
    /// The largest shortfall seen by the invariant.
    pub(crate) max_shortfall: u128,
    /// The liquid tokens' exits.
    pub(crate) liquid: Liquid,
}
