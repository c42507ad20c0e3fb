//! `deposit_and_stake` (mint at the fixed price) and the price views.

use near_contract_standards::fungible_token::events::FtMint;
use near_sdk::json_types::U128;
use near_sdk::{env, near, require, serde_json};

use crate::{MockLst, MockLstExt, BPS_DENOMINATOR, ERR_MOCK_FAILING, ONE_TOKEN};
use router_core::wide::mul_div_floor;

/// Bytes `deposit_and_stake` returns while the malformed-return switch is on.
pub const MALFORMED_RETURN: &[u8] = b"{not json";

/// Panic message when a conversion does not fit in a `u128`.
const ERR_MATH: &str = "Mock LST: arithmetic overflow";

#[near]
impl MockLst {
    /// Stakes the attached NEAR and mints `attached * 1e24 / price` tokens (rounded down) to
    /// the predecessor, registering it if needed (no `storage_deposit` required, as in
    /// LiNEAR). Emits an NEP-141 `ft_mint` event.
    ///
    /// Returns the minted amount as a JSON `U128` string, i.e. `"123"`. The method has no
    /// Rust return type and writes the result itself with `env::value_return`, so that the
    /// malformed-return switch can return raw bytes instead; its JSON interface is the same
    /// as `fn deposit_and_stake(&mut self) -> U128`.
    ///
    /// Panics, in this order: fail switch ("Mock LST: failing on purpose"), paused
    /// ("The contract is paused now. Please try later"), zero deposit, deposit below
    /// `min_deposit`, zero tokens quoted. With the shortfall switch it mints fewer tokens
    /// than quoted and returns what it actually minted.
    #[payable]
    pub fn deposit_and_stake(&mut self) {
        let result = self.internal_deposit_and_stake();
        env::value_return(result);
    }

    /// Price of one whole token (1e24 units) in yoctoNEAR, as LiNEAR's `ft_price`.
    pub fn ft_price(&self) -> U128 {
        U128(self.price)
    }

    /// Price of one whole token (1e24 units) in yoctoNEAR, as Meta Pool's
    /// `get_st_near_price`. Always equal to `ft_price`.
    pub fn get_st_near_price(&self) -> U128 {
        U128(self.price)
    }

    /// yoctoNEAR staked through `deposit_and_stake` so far (LiNEAR's view of the same name;
    /// the mock never unstakes, so it only grows).
    pub fn get_total_staked_balance(&self) -> U128 {
        U128(self.total_staked)
    }

    /// Smallest accepted `deposit_and_stake` deposit, in yoctoNEAR.
    pub fn get_min_deposit(&self) -> U128 {
        U128(self.min_deposit)
    }
}

impl MockLst {
    /// Tokens `amount` yoctoNEAR buys at the current price, rounded down.
    pub(crate) fn quote(&self, amount: u128) -> u128 {
        mul_div_floor(amount, ONE_TOKEN, self.price).unwrap_or_else(|| env::panic_str(ERR_MATH))
    }

    /// Applies the mint shortfall switch to a quoted amount (rounded down).
    pub(crate) fn apply_shortfall(&self, quoted: u128) -> u128 {
        let kept = u128::from(BPS_DENOMINATOR - self.mint_shortfall_bps);
        mul_div_floor(quoted, kept, u128::from(BPS_DENOMINATOR)).unwrap_or_else(|| env::panic_str(ERR_MATH))
    }

    /// Body of `deposit_and_stake`: mints and returns the exact bytes the method returns.
    pub(crate) fn internal_deposit_and_stake(&mut self) -> Vec<u8> {
        let minted = self.mint_for_deposit();
        self.deposit_and_stake_result(minted)
    }

    /// Checks the switches and the deposit, mints to the predecessor and returns the amount
    /// actually minted.
    pub(crate) fn mint_for_deposit(&mut self) -> u128 {
        require!(!self.fail, ERR_MOCK_FAILING);
        self.assert_not_paused();
        let amount = env::attached_deposit().as_yoctonear();
        require!(amount > 0, "Staking amount should be positive");
        if amount < self.min_deposit {
            env::panic_str(&format!("Deposit is below the minimum deposit of {} yoctoNEAR", self.min_deposit));
        }
        let quoted = self.quote(amount);
        require!(quoted > 0, "The calculated number of \"stake\" shares received for staking should be positive");
        let minted = self.apply_shortfall(quoted);
        self.total_staked += amount;

        let account_id = env::predecessor_account_id();
        if !self.token.accounts.contains_key(&account_id) {
            self.token.internal_register_account(&account_id);
        }
        if minted > 0 {
            self.token.internal_deposit(&account_id, minted);
            FtMint { owner_id: &account_id, amount: U128(minted), memo: Some("deposit_and_stake") }.emit();
        }
        env::log_str(&format!("@{account_id} deposited {amount} yoctoNEAR, quoted {quoted}, minted {minted}"));
        minted
    }

    /// Bytes `deposit_and_stake` returns: the JSON `U128` of `minted` (raised by the
    /// over-report switch), or [`MALFORMED_RETURN`] while the malformed-return switch is on.
    pub(crate) fn deposit_and_stake_result(&self, minted: u128) -> Vec<u8> {
        if self.malformed_return {
            MALFORMED_RETURN.to_vec()
        } else {
            let reported =
                mul_div_floor(minted, u128::from(BPS_DENOMINATOR + self.overreport_bps), u128::from(BPS_DENOMINATOR))
                    .unwrap_or(minted);
            serde_json::to_vec(&U128(reported))
                .unwrap_or_else(|_| env::panic_str("Mock LST: cannot serialize the result"))
        }
    }
}
