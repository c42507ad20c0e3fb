//! What signing a transaction takes from the signer beyond the NEAR it attaches, and so the
//! most a deposit can attach.
//!
//! nearcore charges the signer, when the transaction is converted (`calculate_tx_cost`): the
//! send fees at the block's gas price, and the prepaid gas plus the execution fees at the
//! purchase price `max(gas_price, min_gas_purchase_price)` (protocol 85 set
//! `min_gas_purchase_price` to 10^9, ten times mainnet's minimum gas price); unused gas and
//! the price surplus come back afterwards. A balance of exactly the deposit is refused with
//! `NotEnoughBalance` before anything runs. [`GasPrices::reserve`] is an upper bound of that
//! charge, and [`max_deposit`] the most a deposit can attach so that the transaction is
//! accepted.

use crate::gas::{MAX_TX_GAS, TGAS};

/// Gas counted for the send and execution fees of a transaction of one function call: its
/// action receipt (about 0.22 TGas), the call's base fees (about 0.98 TGas) and its method name
/// and arguments (4.5 MGas a byte), with room for a kilobyte of arguments and later fee
/// changes.
pub const FEES_ALLOWANCE_GAS: u64 = 5 * TGAS;

/// How far the gas price may rise between reading it and the transaction's block, in percent
/// (NEAR's price moves by at most 1% a block, and only when blocks are more than half full).
pub const PRICE_MARGIN_PERCENT: u128 = 10;

/// The chain's gas prices (yoctoNEAR per gas): RPC `gas_price` and the runtime config's
/// `min_gas_purchase_price` (`EXPERIMENTAL_protocol_config`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GasPrices {
    /// The current block's gas price.
    pub gas_price: u128,
    /// The least price prepaid gas is bought at (0 before protocol 85).
    pub min_purchase_price: u128,
}

impl GasPrices {
    /// Used when the node's figures cannot be read: mainnet's minimum gas price (10^8) and
    /// protocol 85's purchase price (10^9).
    pub const FALLBACK: GasPrices = GasPrices { gas_price: 100_000_000, min_purchase_price: 1_000_000_000 };

    /// The price the reserve counts every gas unit at: the gas price with
    /// [`PRICE_MARGIN_PERCENT`], or the purchase price when that is higher.
    pub fn reserve_price(&self) -> u128 {
        let rising = self.gas_price.saturating_add(self.gas_price.saturating_mul(PRICE_MARGIN_PERCENT) / 100);
        rising.max(self.min_purchase_price)
    }

    /// What a transaction of one call with `prepaid_gas` takes from the signer at most, beyond
    /// its attached deposit (most of it is refunded once the call has run).
    pub fn reserve(&self, prepaid_gas: u64) -> u128 {
        u128::from(prepaid_gas.saturating_add(FEES_ALLOWANCE_GAS)).saturating_mul(self.reserve_price())
    }
}

/// The most a deposit can attach from `spendable` (the balance less what the account's own
/// storage locks) so that the deposit and its gas [`GasPrices::reserve`] fit. `gas_of(amount)`
/// is the prepaid gas the deposit of `amount` needs (its plan's `gas_required`; `None` when
/// the router would refuse that amount). The plan's gas depends on its legs, which depend on
/// the amount: the answer is an amount whose own gas fits, or the one that fits the protocol's
/// most gas. `None` when not even the fees fit.
pub fn max_deposit(spendable: u128, prices: GasPrices, gas_of: impl Fn(u128) -> Option<u64>) -> Option<u128> {
    let mut gas = gas_of(spendable).unwrap_or(MAX_TX_GAS);
    for _ in 0..4 {
        let amount = spendable.checked_sub(prices.reserve(gas))?;
        match gas_of(amount) {
            Some(needed) if needed > gas => gas = needed,
            // Its own gas fits (or the router refuses this amount anyway, and says why).
            _ => return Some(amount),
        }
    }
    spendable.checked_sub(prices.reserve(MAX_TX_GAS))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ONE_NEAR;

    const PRICES: GasPrices = GasPrices { gas_price: 100_000_000, min_purchase_price: 1_000_000_000 };

    #[test]
    fn the_reserve_is_bought_at_the_purchase_price() {
        // 300 TGas + the fee allowance at 10^9 yocto a gas: 0.305 NEAR.
        assert_eq!(PRICES.reserve(300 * TGAS), 305 * TGAS as u128 * 1_000_000_000);
        // Without a purchase price, the gas price and its margin.
        let old = GasPrices { gas_price: 100_000_000, min_purchase_price: 0 };
        assert_eq!(old.reserve_price(), 110_000_000);
    }

    #[test]
    fn the_most_a_deposit_attaches_leaves_its_own_gas() {
        let spendable = 1_000 * ONE_NEAR;
        // Gas grows with the amount (more legs above 500 NEAR).
        let gas_of = |a: u128| Some(if a > 500 * ONE_NEAR { 250 * TGAS } else { 150 * TGAS });
        let max = max_deposit(spendable, PRICES, gas_of).unwrap();
        assert_eq!(max, spendable - PRICES.reserve(250 * TGAS));
        assert!(max + PRICES.reserve(gas_of(max).unwrap()) <= spendable);
        // Near a step, the larger gas wins and the answer still fits.
        let step = spendable - PRICES.reserve(150 * TGAS);
        let jumpy = |a: u128| Some(if a >= step { 150 * TGAS } else { 900 * TGAS });
        let max = max_deposit(spendable, PRICES, jumpy).unwrap();
        assert!(max + PRICES.reserve(jumpy(max).unwrap()) <= spendable, "{max}");
        // Not even the fees fit.
        assert_eq!(max_deposit(PRICES.reserve(0) - 1, PRICES, |_| None), None);
    }
}
