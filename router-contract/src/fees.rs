//! The deposit fee: owner-set, capped at `MAX_DEPOSIT_FEE_BPS` (1%), 0 by default. The planner
//! takes it off the top, rounded down (`router_core::guards::deposit_fee`), and `deposit`
//! sends it to the treasury in the same call as a tracked payout: if the treasury account
//! does not exist, the fee comes back and is owed to the treasury (`release_refund` pays it
//! once the account exists). It is not refunded when a leg later fails (the leg's NEAR is); a
//! refused deposit pays no fee at all.

use crate::errors::*;
use crate::events::RouterEvent;
use crate::timelock::Change;
use crate::{Router, RouterExt};
use near_sdk::json_types::U128;
use near_sdk::{env, near, require, AccountId};
use router_core::MAX_DEPOSIT_FEE_BPS;

#[near]
impl Router {
    /// Sets the deposit fee (0..=100 bps) and the treasury that receives it (required while
    /// the fee is above 0), after the timelock if any. Owner, 1 yoctoNEAR.
    #[payable]
    pub fn set_deposit_fee(&mut self, fee_bps: u16, treasury_id: Option<AccountId>) {
        self.assert_owner();
        require!(fee_bps <= MAX_DEPOSIT_FEE_BPS, ERR_FEE_TOO_HIGH);
        require!(fee_bps == 0 || treasury_id.is_some(), ERR_NO_TREASURY);
        self.govern(Change::SetDepositFee { fee_bps, treasury_id }).detach();
    }
}

impl Router {
    /// `set_deposit_fee`'s effect, the treasury checked against the allow-list of now.
    pub(crate) fn apply_deposit_fee(&mut self, fee_bps: u16, treasury_id: Option<AccountId>) {
        if let Some(t) = &treasury_id {
            let router = env::current_account_id();
            require!(
                t != &router && !router_core::naming::looks_like_proxy(&router, t) && !self.targets.contains_key(t),
                ERR_BAD_TREASURY
            );
        }
        self.deposit_fee_bps = fee_bps;
        self.treasury_id = treasury_id;
        RouterEvent::DepositFeeSet { fee_bps, treasury: self.treasury_id.as_ref(), by: &self.owner_id }.emit();
    }

    /// The fee the planner applies now (0 without a treasury).
    pub(crate) fn effective_fee_bps(&self) -> u16 {
        if self.treasury_id.is_some() {
            self.deposit_fee_bps
        } else {
            0
        }
    }

    /// Sends a deposit's fee to the treasury as a tracked payout (nothing when it is 0).
    pub(crate) fn send_fee(&self, depositor: &AccountId, fee: u128) {
        let Some(treasury) = self.treasury_id.as_ref().filter(|_| fee > 0) else { return };
        RouterEvent::DepositFeeCharged { depositor, treasury, amount: U128(fee) }.emit();
        self.tracked_transfer(treasury.clone(), fee).detach();
    }
}
