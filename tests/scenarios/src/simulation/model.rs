//! The simulation's model: the deterministic generator, the report of a run, and the run's
//! state (users, proxies, pending exits, NEAR burnt and minted, loss allowances).

use router_core::AccountId;

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
}
