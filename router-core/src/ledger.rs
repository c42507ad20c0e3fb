//! The reward ledger's arithmetic: what one position earned between two epochs, from two
//! snapshots of the same views the position is composed from (`crate::position`). Pure and
//! integer only; `stake-router ledger` stores the snapshots and these results.
//!
//! **A pool** ([`PoolFigures`]): the pool's `staked + unstaked` is the value; the proxy's
//! `principal + unstaked_pending` is what the owner put in (`recorded`). Between two snapshots
//!
//! - `flow   = Δrecorded` (a deposit adds principal, a withdrawal takes unstaked pending away;
//!   an unstake moves principal to unstaked pending and is no flow), and
//! - `reward = Δvalue − Δrecorded`: the growth of the pool's figures beyond what was put in or
//!   taken out. Negative when the pool reports less (a loss, see `crate::position`).
//!
//! So `value_after = value_before + reward + flow` exactly, and the rewards of consecutive
//! intervals add up to the growth of the value less the net flows, to the yoctoNEAR.
//!
//! **A liquid token** ([`TokenFigures`]): the units held (wallet and claimable) and the
//! protocol's price (yoctoNEAR per [`PRICE_UNIT`] units). Its value is `floor(units × price /
//! 10^24)`. Between two snapshots
//!
//! - `reward = units_before × (price_after − price_before) / 10^24`, **rounded toward zero**
//!   (a reward or a price fall is never shown larger than it is): what the price change
//!   earned on what was held at the start;
//! - `flow = Δvalue − reward`: everything else, i.e. units bought, received or sent at the new
//!   price, and the rounding of the two values (at most 2 yoctoNEAR), so that again
//!   `value_after = value_before + reward + flow` exactly.
//!
//! A token without a readable price at either end earns 0 and its whole change is a flow.
//!
//! Signed results are `i128` yoctoNEAR: the total supply (about 10^33) is far below `i128::MAX`
//! (about 1.7 × 10^38); a difference beyond it saturates.

use crate::position::PRICE_UNIT;
use crate::wide::mul_div_floor;

/// One pool's figures at one block.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PoolFigures {
    /// yoctoNEAR staked (the pool's `get_account`).
    pub staked: u128,
    /// yoctoNEAR unstaked in the pool (the pool's `get_account`).
    pub unstaked: u128,
    /// yoctoNEAR of principal, as the proxy recorded it (`get_pools`).
    pub principal: u128,
    /// yoctoNEAR unstaked and not withdrawn, as the proxy recorded it (`get_pools`).
    pub unstaked_pending: u128,
}

impl PoolFigures {
    /// `staked + unstaked` (saturating).
    pub fn value(&self) -> u128 {
        self.staked.saturating_add(self.unstaked)
    }

    /// `principal + unstaked_pending` (saturating): what the owner has put in and not taken out.
    pub fn recorded(&self) -> u128 {
        self.principal.saturating_add(self.unstaked_pending)
    }
}

/// One liquid token's figures at one block.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TokenFigures {
    /// Base units held: the wallet's `ft_balance_of` plus what the router holds claimable.
    pub units: u128,
    /// yoctoNEAR per [`PRICE_UNIT`] units, if the protocol's price view answered.
    pub price: Option<u128>,
}

impl TokenFigures {
    /// `floor(units × price / 10^24)`; 0 without a price (saturating).
    pub fn value(&self) -> u128 {
        self.price.map_or(0, |p| token_value(self.units, p))
    }
}

/// What one position did over one interval, in yoctoNEAR.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Change {
    /// Earned (negative: lost).
    pub reward: i128,
    /// Put in (positive) or taken out (negative).
    pub flow: i128,
}

/// `a − b` as `i128`, saturating.
pub fn signed_diff(a: u128, b: u128) -> i128 {
    if a >= b {
        i128::try_from(a - b).unwrap_or(i128::MAX)
    } else {
        i128::try_from(b - a).map(|d| -d).unwrap_or(i128::MIN)
    }
}

/// `floor(units × price / 10^24)`, saturating.
pub fn token_value(units: u128, price: u128) -> u128 {
    mul_div_floor(units, price, PRICE_UNIT).unwrap_or(u128::MAX)
}

/// A pool's change from `before` to `after`: `flow = Δrecorded`, `reward = Δvalue − Δrecorded`.
pub fn pool_change(before: &PoolFigures, after: &PoolFigures) -> Change {
    let flow = signed_diff(after.recorded(), before.recorded());
    let growth = signed_diff(after.value(), before.value());
    Change { reward: growth.saturating_sub(flow), flow }
}

/// `units × (price_after − price_before) / 10^24`, rounded toward zero, saturating.
pub fn token_reward(units: u128, price_before: u128, price_after: u128) -> i128 {
    let magnitude = token_value(units, price_after.abs_diff(price_before));
    let magnitude = i128::try_from(magnitude).unwrap_or(i128::MAX);
    if price_after >= price_before {
        magnitude
    } else {
        -magnitude
    }
}

/// A token's change from `before` to `after`: the price's effect on the units held before is
/// the reward, the rest of the value's change the flow (module docs).
pub fn token_change(before: &TokenFigures, after: &TokenFigures) -> Change {
    let reward = match (before.price, after.price) {
        (Some(p0), Some(p1)) => token_reward(before.units, p0, p1),
        _ => 0,
    };
    let growth = signed_diff(after.value(), before.value());
    Change { reward, flow: growth.saturating_sub(reward) }
}

/// A signed yoctoNEAR amount in NEAR, exactly (`-1500000000000000000000000` -> `"-1.5"`).
pub fn format_signed_near(yocto: i128) -> String {
    let text = crate::format_near(yocto.unsigned_abs());
    if yocto < 0 {
        format!("-{text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ONE_NEAR;

    fn pool(staked: u128, unstaked: u128, principal: u128, pending: u128) -> PoolFigures {
        PoolFigures { staked, unstaked, principal, unstaked_pending: pending }
    }

    #[test]
    fn a_pool_reward_is_the_growth_beyond_the_principal() {
        // 100 staked grows to 101 with no flow: a reward of 1.
        let c = pool_change(&pool(100, 0, 100, 0), &pool(101, 0, 100, 0));
        assert_eq!(c, Change { reward: 1, flow: 0 });
        // A deposit of 50 in the same interval: only the growth beyond it is a reward.
        let c = pool_change(&pool(101, 0, 100, 0), &pool(153, 0, 150, 0));
        assert_eq!(c, Change { reward: 2, flow: 50 });
        // An unstake moves principal to unstaked pending: no flow, no reward.
        let c = pool_change(&pool(153, 0, 150, 0), &pool(103, 50, 100, 50));
        assert_eq!(c, Change { reward: 0, flow: 0 });
        // A withdrawal takes the unstaked NEAR away: a flow out, no reward.
        let c = pool_change(&pool(103, 50, 100, 50), &pool(104, 0, 100, 0));
        assert_eq!(c, Change { reward: 1, flow: -50 });
        // A loss (the pool reports less): a negative reward.
        let c = pool_change(&pool(104, 0, 100, 0), &pool(90, 0, 100, 0));
        assert_eq!(c, Change { reward: -14, flow: 0 });
    }

    #[test]
    fn pool_rewards_telescope_to_the_growth_less_the_flows() {
        let steps = [pool(0, 0, 0, 0), pool(10, 0, 10, 0), pool(13, 0, 10, 0), pool(20, 5, 15, 5), pool(21, 0, 15, 0)];
        let (mut rewards, mut flows) = (0i128, 0i128);
        for w in steps.windows(2) {
            let c = pool_change(&w[0], &w[1]);
            assert_eq!(signed_diff(w[1].value(), w[0].value()), c.reward + c.flow);
            rewards += c.reward;
            flows += c.flow;
        }
        assert_eq!((rewards, flows), (21 - 15, 15));
    }

    #[test]
    fn a_token_reward_is_the_price_change_on_what_was_held() {
        let before = TokenFigures { units: 2 * ONE_NEAR, price: Some(ONE_NEAR) };
        let after = TokenFigures { units: 2 * ONE_NEAR, price: Some(ONE_NEAR + 3) };
        assert_eq!(token_change(&before, &after), Change { reward: 6, flow: 0 });
        // Units bought in the interval are a flow at the new price.
        let bought = TokenFigures { units: 3 * ONE_NEAR, price: Some(ONE_NEAR + 3) };
        let c = token_change(&before, &bought);
        assert_eq!(c.reward, 6);
        assert_eq!(c.flow, (ONE_NEAR + 3) as i128);
        // A price fall is a negative reward; no price: no reward.
        let fell = TokenFigures { units: 2 * ONE_NEAR, price: Some(ONE_NEAR - 1) };
        assert_eq!(token_change(&before, &fell).reward, -2);
        let unpriced = TokenFigures { units: 2 * ONE_NEAR, price: None };
        assert_eq!(token_change(&before, &unpriced), Change { reward: 0, flow: -2 * ONE_NEAR as i128 });
    }

    #[test]
    fn token_rewards_round_toward_zero_and_the_identity_holds() {
        // 1 unit at a price rise of 1.5 yocto per 10^24 units: 0, both ways.
        assert_eq!(token_reward(1, 10, 11), 0);
        assert_eq!(token_reward(ONE_NEAR / 2 + 1, 10, 13), 1);
        assert_eq!(token_reward(ONE_NEAR / 2 + 1, 13, 10), -1);
        let before = TokenFigures { units: 7 * ONE_NEAR / 3, price: Some(1_100_000_000_000_000_000_000_001) };
        let after = TokenFigures { units: 5 * ONE_NEAR / 7, price: Some(1_099_999_999_999_999_999_999_997) };
        let c = token_change(&before, &after);
        assert_eq!(signed_diff(after.value(), before.value()), c.reward + c.flow);
    }

    #[test]
    fn signed_amounts_format_exactly() {
        assert_eq!(format_signed_near(-(ONE_NEAR as i128) * 3 / 2), "-1.5");
        assert_eq!(format_signed_near(1), "0.000000000000000000000001");
        assert_eq!(format_signed_near(0), "0");
        assert_eq!(signed_diff(0, u128::MAX), i128::MIN);
        assert_eq!(signed_diff(u128::MAX, 0), i128::MAX);
    }
}
