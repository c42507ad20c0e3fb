//! Unverified mints: a liquid protocol took a leg's NEAR but its `deposit_and_stake` answer could
//! not be read, so the minted tokens sit in the router under a record (`get_unverified_mints`).
//! Two ways release them, both bounded by what the router really holds of that token beyond
//! what it owes others (its `ft_balance_of`, read in the same call, less the tokens it holds
//! for deliveries in flight, claimables and claims in flight):
//!
//! - `resolve_unverified(id, minted)`: the owner names the amount read from the token's own
//!   records; refused when it is more than the surplus.
//! - `claim_unverified(id)`: the beneficiary (or anyone for them), once the router's timelock
//!   delay has passed since the record, without the owner: the NEAR the leg staked at the
//!   protocol's price view now (rounded down), capped by the surplus.
//!
//! While a deposit into the same token is settling (its mint is in the router's balance but
//! not yet counted as held), both are refused: the surplus would count another user's tokens.

use crate::gas::{GasSchedule, TGAS};
use crate::guards::PRICE_UNIT;
use crate::wide::mul_div_floor;

/// The router's own work in `resolve_unverified` / `claim_unverified` before the reads.
pub const UNVERIFIED_OWN: u64 = 5 * TGAS;
/// Gas each view on the token (`ft_balance_of`, the price view) is given.
pub const UNVERIFIED_VIEW: u64 = 3 * TGAS;
/// Gas the router attaches to `on_unverified_read`: the answers, a claimable record, events, a
/// payout of freed storage, or a failing `call_failed` when refused.
pub const UNVERIFIED_CALLBACK: u64 = 15 * TGAS;

/// The prepaid gas `resolve_unverified` and `claim_unverified` need (checked before the record
/// is touched, so the callback restoring it always runs).
pub const fn unverified_required(s: &GasSchedule) -> u64 {
    UNVERIFIED_OWN + 2 * (UNVERIFIED_VIEW + s.call_send + s.dependency_send) + s.call_send + UNVERIFIED_CALLBACK
}

/// Tokens `near_amount` buys at `price` (yoctoNEAR per [`PRICE_UNIT`] base units), rounded
/// down (in the router's favour: never more than the protocol minted at that price).
pub fn priced_tokens(near_amount: u128, price: u128) -> Option<u128> {
    if price == 0 {
        return None;
    }
    mul_div_floor(near_amount, PRICE_UNIT, price)
}

/// Why an unverified mint was not released.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The amount asked is more than the router holds of the token beyond what it owes.
    AboveSurplus {
        /// Asked for.
        asked: u128,
        /// What the router holds beyond what it owes (0 when it owes more than it holds).
        surplus: u128,
    },
    /// A deposit into the same token is settling; its tokens are not counted yet.
    MintSettling,
    /// Nothing to credit (the surplus or the priced amount is zero).
    Nothing,
}

impl Refusal {
    /// The refusal in words, for the failing call.
    pub fn describe(&self, token: &str) -> String {
        match self {
            Refusal::AboveSurplus { asked, surplus } => format!(
                "The router holds only {surplus} of {token} beyond what it owes others; {asked} cannot be credited"
            ),
            Refusal::MintSettling => {
                format!("A deposit into {token} is settling; its tokens are not counted yet. Try again in a few blocks")
            }
            Refusal::Nothing => format!("The router holds no {token} beyond what it owes others"),
        }
    }
}

/// What a release asks to credit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ask {
    /// The owner's figure: all of it or nothing.
    Named(u128),
    /// The beneficiary's priced amount: as much of it as the surplus covers.
    Priced(u128),
}

/// What may be credited for `ask`: `balance` is the router's `ft_balance_of`, `held` what it
/// owes of the token, `settling` whether a deposit into it is settling.
pub fn creditable(balance: u128, held: u128, settling: bool, ask: Ask) -> Result<u128, Refusal> {
    if settling {
        return Err(Refusal::MintSettling);
    }
    let surplus = balance.saturating_sub(held);
    let amount = match ask {
        Ask::Named(asked) if asked > surplus => return Err(Refusal::AboveSurplus { asked, surplus }),
        Ask::Named(asked) => asked,
        Ask::Priced(priced) => priced.min(surplus),
    };
    if amount == 0 {
        return Err(Refusal::Nothing);
    }
    Ok(amount)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ONE_NEAR;

    #[test]
    fn the_owner_cannot_credit_what_others_are_owed() {
        // 100 held for others, 130 in the balance: 30 is the surplus.
        assert_eq!(creditable(130, 100, false, Ask::Named(30)), Ok(30));
        assert_eq!(creditable(130, 100, false, Ask::Named(31)), Err(Refusal::AboveSurplus { asked: 31, surplus: 30 }));
        assert_eq!(creditable(90, 100, false, Ask::Named(1)), Err(Refusal::AboveSurplus { asked: 1, surplus: 0 }));
        assert_eq!(creditable(130, 100, true, Ask::Named(1)), Err(Refusal::MintSettling));
        assert_eq!(creditable(130, 100, false, Ask::Named(0)), Err(Refusal::Nothing));
    }

    #[test]
    fn the_beneficiary_gets_the_priced_amount_capped_by_the_surplus() {
        // 10 NEAR at 1.25 NEAR a token: 8 tokens.
        let priced = priced_tokens(10 * ONE_NEAR, ONE_NEAR + ONE_NEAR / 4).unwrap();
        assert_eq!(priced, 8 * ONE_NEAR);
        assert_eq!(creditable(20 * ONE_NEAR, 10 * ONE_NEAR, false, Ask::Priced(priced)), Ok(8 * ONE_NEAR));
        assert_eq!(creditable(15 * ONE_NEAR, 10 * ONE_NEAR, false, Ask::Priced(priced)), Ok(5 * ONE_NEAR));
        assert_eq!(creditable(10 * ONE_NEAR, 10 * ONE_NEAR, false, Ask::Priced(priced)), Err(Refusal::Nothing));
        // Rounded down; a zero price prices nothing.
        assert_eq!(priced_tokens(10, 3 * ONE_NEAR), Some(3));
        assert_eq!(priced_tokens(10, 0), None);
    }

    #[test]
    fn the_gas_is_what_the_docs_say() {
        // 5 own + 2 views x (3 + 1.4 send + 0.2 dependency) + 1.4 callback send + 15 callback.
        assert_eq!(unverified_required(&GasSchedule::DEFAULT), 30_600 * crate::gas::GGAS);
    }
}
