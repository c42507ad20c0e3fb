//! Rewards and losses of a pool's figures against the proxy's records, and how small a loss
//! is labelled as share rounding (see the module docs of [`crate::position`]).

/// The largest loss in one pool, in yoctoNEAR, labelled as share rounding rather than as a
/// loss. The figure itself stays exact in `loss`; only the label depends on this bound.
///
/// Why a bound, and why 8: a staking pool converts NEAR to shares and back with rounded integer
/// division, and the staking proxy documents its records as matching the pool's figures only
/// to within 1 yoctoNEAR of share rounding per stake or unstake (the pools also drift by a few
/// yoctoNEAR, which the test pool's `set_balance_delta` simulates). How many operations the
/// records have seen since they were last empty is not in any view, so the bound is fixed:
/// eight operations' worth. Any loss worth reporting (a slashing, an accounting bug) is many
/// orders of magnitude larger: 8 yoctoNEAR is 8·10⁻²⁴ NEAR.
pub const ROUNDING_TOLERANCE: u128 = 8;

/// `(rewards, loss)` of `value` (what a pool reports) against `recorded` (what was put in):
/// `(value - recorded, 0)` or `(0, recorded - value)`, so at most one is above 0 and
/// `value + loss = recorded + rewards`.
pub fn rewards_and_loss(value: u128, recorded: u128) -> (u128, u128) {
    (value.saturating_sub(recorded), recorded.saturating_sub(value))
}

/// Whether `loss` is labelled as share rounding: above 0 and at most [`ROUNDING_TOLERANCE`].
pub fn loss_within_rounding(loss: u128) -> bool {
    loss > 0 && loss <= ROUNDING_TOLERANCE
}
