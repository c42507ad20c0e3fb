//! The mock's owner-only test switches: the fail switch and the loss model.

use near_sdk::{env, near, require};

use crate::{MockStakingPool, MockStakingPoolExt};

#[near]
impl MockStakingPool {
    /// Test switch (owner only). While `fail` is `true`, every delegator call (`ping`,
    /// `deposit`, `deposit_and_stake`, `stake`, `stake_all`, `unstake`, `unstake_all`,
    /// `withdraw`, `withdraw_all`) panics with "Mock pool: failing on purpose"; an attached
    /// deposit is then refunded by the runtime. Views keep working.
    pub fn set_fail(&mut self, fail: bool) {
        self.assert_owner();
        self.fail = fail;
    }

    /// Test switch (owner only, payable). Moves `total_staked_balance` by the signed
    /// `delta` (an `i128` in decimal, e.g. `"3"` or `"-1000"`) without changing any share:
    /// every staker's staked balance moves in proportion. Models drift of a few yoctoNEAR and
    /// a loss (slashing, an accounting bug). Unstaked balances are not touched.
    ///
    /// - `delta > 0`: the owner must attach exactly `delta` (any amount, 1 yocto included),
    ///   so the pool stays fully backed; unlike a reward it takes no fee and needs no epoch.
    /// - `delta < 0`: nothing may be attached and no NEAR moves. The lost `|delta|` stays in
    ///   the contract's balance, owned by no share; `get_mock_unowned_balance` reports the
    ///   running total. The share price FALLS, which the real pool never allows (its price
    ///   only rises); the mock breaks that invariant on purpose. `|delta|` must be below the
    ///   total staked balance (the price stays positive).
    /// - `delta == 0` is refused. The pool's own initial shares (see `new`) move like any
    ///   delegator's.
    ///
    /// Like the real owner methods it pings first (so a pending reward is paid at the old
    /// price), and it ends with a restake, so the pool keeps staking `total_staked_balance`.
    #[payable]
    pub fn set_balance_delta(&mut self, delta: String) {
        self.assert_owner();
        let delta: i128 =
            delta.trim().parse().unwrap_or_else(|_| env::panic_str("Mock pool: delta must be a decimal i128"));
        require!(delta != 0, "Mock pool: the delta should not be zero");
        let attached = env::attached_deposit().as_yoctonear();
        let size = delta.unsigned_abs();
        if delta > 0 {
            require!(attached == size, "Mock pool: the attached deposit must equal a positive delta");
            self.internal_ping();
            self.total_staked_balance += size;
            self.last_total_balance += size;
        } else {
            require!(attached == 0, "Mock pool: attach nothing for a negative delta");
            require!(
                size < self.total_staked_balance,
                "Mock pool: a decrease must leave a positive total staked balance"
            );
            self.internal_ping();
            self.total_staked_balance -= size;
            self.unowned += size;
        }
        env::log_str(&format!(
            "Mock pool: total staked balance moved by {}. New total staked balance is {}. Total number of shares {}. Unowned {}",
            delta, self.total_staked_balance, self.total_stake_shares, self.unowned
        ));
        self.internal_restake();
    }
}
