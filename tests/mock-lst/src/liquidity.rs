//! Meta Pool's NEAR/stNEAR liquidity pool ("NSLP", Meta-Pool/liquid-staking-contract
//! `metapool/src/lib.rs` `liquid_unstake`, `nslp_add_liquidity`, `get_near_amount_sell_stnear`;
//! `internal.rs` `internal_get_discount_basis_points`; `owner.rs` `get_account_info`):
//! an instant exit that sells tokens to the pool's NEAR for a fee set by the liquidity left.
//!
//! The pool's NEAR is in the contract's balance; the tokens it buys are held by the
//! contract's own account (Meta Pool credits them to its internal `..NSLP..` account, less
//! the treasury's, operator's and developers' cuts of the fee, which the mock does not pay).

use near_sdk::json_types::{U128, U64};
use near_sdk::{env, near, require, AccountId, NearToken, Promise};

use crate::math::{apply_pct, is_close, near_floor, proportional, shares_floor, FeeCurve};
use crate::{MockLst, MockLstExt, Protocol, ONE_TOKEN};

/// Meta Pool's initial `nslp_liquidity_target` (10,000 NEAR, set in its `new`).
pub const DEFAULT_LIQUIDITY_TARGET: u128 = 10_000 * ONE_TOKEN;
/// Meta Pool's initial `nslp_max_discount_basis_points` (1.8 %).
pub const DEFAULT_MAX_DISCOUNT_BP: u16 = 180;
/// Meta Pool's initial `nslp_min_discount_basis_points` (0.25 %).
pub const DEFAULT_MIN_DISCOUNT_BP: u16 = 25;

/// Meta Pool: "Not enough liquidity in the liquidity pool".
pub const ERR_NOT_ENOUGH_LIQUIDITY: &str = "Not enough liquidity in the liquidity pool";

/// What `liquid_unstake` returns (Meta Pool's `LiquidUnstakeResult`).
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiquidUnstakeResult {
    /// yoctoNEAR transferred to the caller.
    pub near: U128,
    /// The fee, in tokens (`floor(fee_near * 1e24 / price)`), not in NEAR.
    pub fee: U128,
    /// META rewards: always 0 (disabled on Meta Pool too).
    pub meta: U128,
}

/// Meta Pool's `get_account_info` shape. The META, trip-meter and `available` fields are
/// always 0 in the mock.
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GetAccountInfoResult {
    /// The account.
    pub account_id: AccountId,
    /// NEAR withdrawable at once (always 0: the mock pays exits by transfer).
    pub available: U128,
    /// Tokens held.
    pub st_near: U128,
    /// Tokens held, valued in NEAR (rounded down).
    pub valued_st_near: U128,
    /// META (always 0).
    pub meta: U128,
    /// Realized META (always 0).
    pub realized_meta: U128,
    /// Unstaked NEAR waiting for withdrawal.
    pub unstaked: U128,
    /// The first epoch in which `unstaked` may be withdrawn.
    pub unstaked_requested_unlock_epoch: U64,
    /// Epochs left until then (0 once reached).
    pub unstake_full_epochs_wait_left: u16,
    /// Whether that epoch has been reached.
    pub can_withdraw: bool,
    /// `valued_st_near + unstaked`.
    pub total: U128,
    /// Trip meter (always 0).
    pub trip_start: U64,
    /// Trip meter (always 0).
    pub trip_start_stnear: U128,
    /// Trip meter (always 0).
    pub trip_accum_stakes: U128,
    /// Trip meter (always 0).
    pub trip_accum_unstakes: U128,
    /// Trip meter (always 0).
    pub trip_rewards: U128,
    /// Liquidity pool shares held.
    pub nslp_shares: U128,
    /// Their value in NEAR (rounded down).
    pub nslp_share_value: U128,
    /// Their part of the pool, in basis points (rounded down).
    pub nslp_share_bp: u16,
}

/// The liquidity pool's state (mock-only view `get_mock_liquidity_pool`).
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiquidityPoolView {
    /// NEAR available to pay `liquid_unstake`.
    pub available: U128,
    /// Tokens the pool bought.
    pub st_near: U128,
    /// Total provider shares.
    pub total_shares: U128,
    /// The fee curve's liquidity target.
    pub liquidity_target: U128,
    /// The fee with no liquidity left.
    pub max_discount_basis_points: u16,
    /// The fee at or above the target.
    pub min_discount_basis_points: u16,
}

#[near]
impl MockLst {
    /// Sells `st_near_to_burn` tokens (all of them when within 0.001 of the balance) to the
    /// liquidity pool for their value less the curve's fee, paid at once by a `Transfer`.
    /// Refused with Meta Pool's messages: "Not enough stNEAR. You own {owned}", "Price changed,
    /// your min amount {min} is not satisfied {near}. Try again", "Not enough liquidity in the
    /// liquidity pool" (in that order). No yoctoNEAR attached, as Meta Pool.
    pub fn liquid_unstake(&mut self, st_near_to_burn: U128, min_expected_near: U128) -> LiquidUnstakeResult {
        self.require_protocol(Protocol::MetaPool, "liquid_unstake");
        let account_id = env::predecessor_account_id();
        let owned = self.shares_of(&account_id);
        let to_sell = if is_close(st_near_to_burn.0, owned) { owned } else { st_near_to_burn.0 };
        env::log_str(&format!("st_near owned:{owned}, to_sell:{to_sell}"));
        if owned < to_sell {
            env::panic_str(&format!("Not enough stNEAR. You own {owned}"));
        }
        let nears_out = near_floor(to_sell, self.price);
        let fee_bp = self.fee_curve().basis_points(self.nslp_available, nears_out);
        let fee = apply_pct(fee_bp, nears_out);
        let near_to_receive = nears_out - fee;
        if near_to_receive < min_expected_near.0 {
            env::panic_str(&format!(
                "Price changed, your min amount {} is not satisfied {near_to_receive}. Try again",
                min_expected_near.0
            ));
        }
        require!(self.nslp_available >= near_to_receive, ERR_NOT_ENOUGH_LIQUIDITY);

        self.nslp_available -= near_to_receive;
        let pool = env::current_account_id();
        if to_sell > 0 {
            if !self.token.accounts.contains_key(&pool) {
                self.token.internal_register_account(&pool);
            }
            self.token.internal_transfer(&account_id, &pool, to_sell, Some("liquid_unstake".to_string()));
        }
        let fee_in_st_near = shares_floor(fee, self.price);
        env::log_str(&format!("@{account_id} liquid-unstaked {to_sell} stNEAR, got {near_to_receive} NEAR"));
        Promise::new(account_id).transfer(NearToken::from_yoctonear(near_to_receive)).detach();
        LiquidUnstakeResult { near: U128(near_to_receive), fee: U128(fee_in_st_near), meta: U128(0) }
    }

    /// Adds the attached NEAR to the liquidity pool for pool shares; returns the caller's part
    /// of the pool in basis points. Shares are priced on the pool's value (its NEAR plus its
    /// tokens valued rounded down), as Meta Pool's `nslp_shares_from_amount`. Refused below
    /// the minimum deposit ("minimum deposit amount is {min}", Meta Pool's message).
    #[payable]
    pub fn nslp_add_liquidity(&mut self) -> u16 {
        self.require_protocol(Protocol::MetaPool, "nslp_add_liquidity");
        let amount = env::attached_deposit().as_yoctonear();
        if amount < self.min_deposit {
            env::panic_str(&format!("minimum deposit amount is {}", self.min_deposit));
        }
        let num_shares = if self.nslp_total_shares == 0 {
            amount
        } else {
            proportional(self.nslp_total_shares, amount, self.nslp_value())
        };
        require!(num_shares > 0, "assertion failed: num_shares > 0");
        let account_id = env::predecessor_account_id();
        let shares = self.nslp_shares.get(&account_id).copied().unwrap_or(0) + num_shares;
        self.nslp_shares.insert(account_id.clone(), shares);
        self.nslp_available += amount;
        self.nslp_total_shares += num_shares;
        env::log_str(&format!("@{account_id} added {amount} yoctoNEAR of liquidity"));
        proportional(10_000, shares, self.nslp_total_shares) as u16
    }

    /// NEAR that selling `stnear_to_sell` tokens to the pool pays now: their value rounded
    /// down less the curve's fee (no 0.001 rounding to the balance, as Meta Pool's view).
    pub fn get_near_amount_sell_stnear(&self, stnear_to_sell: U128) -> U128 {
        self.require_protocol(Protocol::MetaPool, "get_near_amount_sell_stnear");
        let nears_out = near_floor(stnear_to_sell.0, self.price);
        let fee = apply_pct(self.fee_curve().basis_points(self.nslp_available, nears_out), nears_out);
        U128(nears_out - fee)
    }

    /// The fee in basis points selling `stnear_to_sell` tokens would pay now. Meta Pool passes
    /// the token amount itself (not its NEAR value) to the curve in this view; so does the mock.
    pub fn nslp_get_discount_basis_points(&self, stnear_to_sell: U128) -> u16 {
        self.require_protocol(Protocol::MetaPool, "nslp_get_discount_basis_points");
        self.fee_curve().basis_points(self.nslp_available, stnear_to_sell.0)
    }

    /// Meta Pool's `get_account_info` of `account_id`.
    pub fn get_account_info(&self, account_id: AccountId) -> GetAccountInfoResult {
        self.require_protocol(Protocol::MetaPool, "get_account_info");
        let st_near = self.shares_of(&account_id);
        let valued = near_floor(st_near, self.price);
        let exit = self.exit_account(&account_id);
        let epoch = env::epoch_height();
        let nslp_shares = self.nslp_shares.get(&account_id).copied().unwrap_or(0);
        let (nslp_share_value, nslp_share_bp) = if nslp_shares == 0 {
            (0, 0)
        } else {
            (
                proportional(nslp_shares, self.nslp_value(), self.nslp_total_shares),
                proportional(10_000, nslp_shares, self.nslp_total_shares) as u16,
            )
        };
        GetAccountInfoResult {
            account_id,
            available: U128(0),
            st_near: U128(st_near),
            valued_st_near: U128(valued),
            meta: U128(0),
            realized_meta: U128(0),
            unstaked: U128(exit.unstaked),
            unstaked_requested_unlock_epoch: U64(exit.unlock_epoch),
            unstake_full_epochs_wait_left: exit.unlock_epoch.saturating_sub(epoch) as u16,
            can_withdraw: epoch >= exit.unlock_epoch,
            total: U128(valued + exit.unstaked),
            trip_start: U64(0),
            trip_start_stnear: U128(0),
            trip_accum_stakes: U128(0),
            trip_accum_unstakes: U128(0),
            trip_rewards: U128(0),
            nslp_shares: U128(nslp_shares),
            nslp_share_value: U128(nslp_share_value),
            nslp_share_bp,
        }
    }

    /// Mock only: the liquidity pool's NEAR, tokens, shares and fee curve.
    pub fn get_mock_liquidity_pool(&self) -> LiquidityPoolView {
        LiquidityPoolView {
            available: U128(self.nslp_available),
            st_near: U128(self.shares_of(&env::current_account_id())),
            total_shares: U128(self.nslp_total_shares),
            liquidity_target: U128(self.nslp_liquidity_target),
            max_discount_basis_points: self.nslp_max_discount_basis_points,
            min_discount_basis_points: self.nslp_min_discount_basis_points,
        }
    }
}

impl MockLst {
    /// The fee curve in force.
    pub(crate) fn fee_curve(&self) -> FeeCurve {
        FeeCurve {
            liquidity_target: self.nslp_liquidity_target,
            max_bp: self.nslp_max_discount_basis_points,
            min_bp: self.nslp_min_discount_basis_points,
        }
    }

    /// The pool's value: its NEAR plus its tokens valued rounded down.
    fn nslp_value(&self) -> u128 {
        self.nslp_available + near_floor(self.shares_of(&env::current_account_id()), self.price)
    }
}
