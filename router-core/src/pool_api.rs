//! The validator staking pool's interface the tools read (the core `staking-pool` contract's
//! names and JSON shapes), defined once: the ledger and the watch read these views.

use crate::AccountId;
use serde::{Deserialize, Serialize};

/// `get_account(account_id)`: `crate::position::PoolAccount`.
pub const GET_ACCOUNT: &str = "get_account";
/// `get_reward_fee_fraction()`: [`RewardFeeFraction`], the pool owner's commission.
pub const GET_REWARD_FEE_FRACTION: &str = "get_reward_fee_fraction";
/// `ping()`: anyone makes the pool count the epoch's rewards.
pub const PING: &str = "ping";

/// Arguments of `get_account` (and the other per-account views).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountArgs {
    /// The delegator.
    pub account_id: AccountId,
}

/// The pool owner's share of each epoch's rewards: `numerator / denominator`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RewardFeeFraction {
    /// The fee's numerator.
    pub numerator: u32,
    /// The fee's denominator (positive).
    pub denominator: u32,
}

impl RewardFeeFraction {
    /// The fee in basis points, rounded down (0 for a zero denominator).
    pub fn bps(&self) -> u64 {
        (u64::from(self.numerator) * 10_000).checked_div(u64::from(self.denominator)).unwrap_or(0)
    }

    /// `"10/100 (10%)"`.
    pub fn describe(&self) -> String {
        format!("{}/{} ({}%)", self.numerator, self.denominator, crate::amount::format_decimal(self.bps() as u128, 2))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fee_reads_as_the_pool_writes_it() {
        let fee: RewardFeeFraction = serde_json::from_str(r#"{"numerator":10,"denominator":100}"#).unwrap();
        assert_eq!((fee.bps(), fee.describe()), (1_000, "10/100 (10%)".to_string()));
        let odd = RewardFeeFraction { numerator: 1, denominator: 3 };
        assert_eq!(odd.describe(), "1/3 (33.33%)");
        assert_eq!(RewardFeeFraction { numerator: 1, denominator: 0 }.bps(), 0);
    }
}

/// The staking-pool whitelist's `is_whitelisted(staking_pool_account_id) -> bool` (the
/// core-contracts `staking-pool-whitelist`, `lockup-whitelist.near` on mainnet), which
/// lockups and liquid staking protocols check before delegating to a pool.
pub const IS_WHITELISTED: &str = "is_whitelisted";

/// Arguments of [`IS_WHITELISTED`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IsWhitelistedArgs {
    /// The pool asked about.
    pub staking_pool_account_id: AccountId,
}
