//! Owner-only test switches. Each panics with "Only owner can perform this action" (LiNEAR's
//! message) when called by another account.

use near_sdk::json_types::U128;
use near_sdk::{env, near, require};

use crate::{MockLst, MockLstExt, BPS_DENOMINATOR};

#[near]
impl MockLst {
    /// While `fail` is `true`, `deposit_and_stake` panics with "Mock LST: failing on purpose"
    /// (the attached NEAR is refunded by the runtime).
    pub fn set_fail(&mut self, fail: bool) {
        self.assert_owner();
        self.fail = fail;
    }

    /// While `paused` is `true`, `deposit_and_stake`, `ft_transfer` and `ft_transfer_call`
    /// panic with "The contract is paused now. Please try later" (as in LiNEAR). Views,
    /// storage management and the switches keep working.
    pub fn set_paused(&mut self, paused: bool) {
        self.assert_owner();
        self.paused = paused;
    }

    /// Sets the price of one whole token (1e24 units) in yoctoNEAR; must be positive.
    /// Existing balances are untouched; only later mints and the price views change.
    pub fn set_price(&mut self, price: U128) {
        self.assert_owner();
        require!(price.0 > 0, "Mock LST: the price must be positive");
        self.price = price.0;
        env::log_str(&format!("Mock LST: price set to {}", price.0));
    }

    /// From now on `deposit_and_stake` mints only `quoted * (10000 - bps) / 10000` (rounded
    /// down) of the price-based quote, and returns that smaller, actually minted amount.
    /// `bps` is at most 10000 (10000 mints nothing and keeps the NEAR).
    pub fn set_mint_shortfall_bps(&mut self, bps: u16) {
        self.assert_owner();
        require!(bps <= BPS_DENOMINATOR, "Mock LST: the shortfall must be at most 10000 bps");
        self.mint_shortfall_bps = bps;
    }

    /// While `on` is `true`, `deposit_and_stake` mints normally but returns the bytes
    /// `{not json` instead of a JSON `U128`.
    pub fn set_malformed_return(&mut self, on: bool) {
        self.assert_owner();
        self.malformed_return = on;
    }

    /// `deposit_and_stake` mints normally but returns `minted * (10000 + bps) / 10000`: a
    /// protocol reporting more than it minted. `bps` is at most 10000.
    pub fn set_overreport_bps(&mut self, bps: u16) {
        self.assert_owner();
        require!(bps <= BPS_DENOMINATOR, "Mock LST: the over-report must be at most 10000 bps");
        self.overreport_bps = bps;
    }

    /// While `fail` is `true`, `ft_transfer` and `ft_transfer_call` panic with
    /// "Mock LST: transfers failing on purpose".
    pub fn set_fail_transfers(&mut self, fail: bool) {
        self.assert_owner();
        self.fail_transfers = fail;
    }

    /// Sets the liquidity pool's fee curve (Meta Pool sets the same three values with
    /// `set_contract_params`): the liquidity target in yoctoNEAR and the fees in basis points.
    /// `max_bp` must be above `min_bp` (Meta Pool's assertion) and below 10000.
    pub fn set_nslp_params(&mut self, liquidity_target: U128, max_bp: u16, min_bp: u16) {
        self.assert_owner();
        require!(
            max_bp > min_bp,
            "assertion failed: params.nslp_max_discount_basis_points > params.nslp_min_discount_basis_points"
        );
        require!(max_bp < BPS_DENOMINATOR, "Mock LST: the fee must be below 10000 bps");
        self.nslp_liquidity_target = liquidity_target.0;
        self.nslp_max_discount_basis_points = max_bp;
        self.nslp_min_discount_basis_points = min_bp;
    }
}
