//! The gas a deposit needs: what the router attaches to every call it makes, plus its own work.
//!
//! The figures are measured on the real VM (see `docs/gas.md`) and carry margins; the router
//! refuses a deposit whose prepaid gas is below [`GasSchedule::required`] before it creates any
//! promise, so a short transaction fails whole and the runtime refunds the deposit.

use serde::{Deserialize, Serialize};

/// One teragas.
pub const TGAS: u64 = 1_000_000_000_000;
/// The most gas one transaction may carry (protocol 83 and later: 1 PGas).
pub const MAX_TX_GAS: u64 = 1_000 * TGAS;

/// Gas attached to each kind of call and used by the router itself (all in gas units).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GasSchedule {
    /// The router's own `deposit` execution, before any leg.
    pub deposit_base: u64,
    /// The router's own `deposit` execution per leg (planning, events, receipts sent).
    pub deposit_per_leg: u64,
    /// Extra router work when the deposit creates the beneficiary's proxy (account batch).
    pub proxy_create_send: u64,
    /// The proxy's `new` initialiser, in the creation batch.
    pub proxy_init: u64,
    /// The proxy's own `stake` execution before its legs.
    pub proxy_stake_base: u64,
    /// A pool's `deposit_and_stake` (the core staking pool also issues a stake action).
    pub pool_deposit_and_stake: u64,
    /// The proxy's callback for one pool leg.
    pub proxy_on_pool_staked: u64,
    /// The router's callback after the proxy took (or refused) the direct part.
    pub router_on_direct: u64,
    /// An LST's `deposit_and_stake`.
    pub lst_deposit_and_stake: u64,
    /// An LST's `storage_balance_of` view, called alongside the deposit.
    pub lst_storage_view: u64,
    /// The router's callback after an LST minted (own work only).
    pub router_on_liquid_staked: u64,
    /// An LST's `storage_deposit` registering the beneficiary.
    pub lst_storage_deposit: u64,
    /// An LST's `ft_transfer` to the beneficiary.
    pub lst_ft_transfer: u64,
    /// The router's callback after the token delivery.
    pub router_on_delivered: u64,
}

impl GasSchedule {
    /// The schedule the router ships with.
    pub const DEFAULT: GasSchedule = GasSchedule {
        deposit_base: 10 * TGAS,
        deposit_per_leg: 3 * TGAS,
        proxy_create_send: 5 * TGAS,
        proxy_init: 5 * TGAS,
        proxy_stake_base: 5 * TGAS,
        pool_deposit_and_stake: 40 * TGAS,
        proxy_on_pool_staked: 5 * TGAS,
        router_on_direct: 5 * TGAS,
        lst_deposit_and_stake: 30 * TGAS,
        lst_storage_view: 3 * TGAS,
        router_on_liquid_staked: 8 * TGAS,
        lst_storage_deposit: 8 * TGAS,
        lst_ft_transfer: 8 * TGAS,
        router_on_delivered: 5 * TGAS,
    };

    /// Gas the router attaches to the proxy's `stake` for `validator_legs` pools.
    pub const fn proxy_stake_attached(&self, validator_legs: u64) -> u64 {
        self.proxy_stake_base + validator_legs * (self.pool_deposit_and_stake + self.proxy_on_pool_staked)
    }

    /// Gas the router attaches to `on_liquid_staked` (its own work plus the delivery it starts).
    pub const fn liquid_callback_attached(&self) -> u64 {
        self.router_on_liquid_staked + self.lst_storage_deposit + self.lst_ft_transfer + self.router_on_delivered
    }

    /// Everything one liquid leg needs, attached calls included.
    pub const fn liquid_leg_total(&self) -> u64 {
        self.lst_deposit_and_stake + self.lst_storage_view + self.liquid_callback_attached()
    }

    /// The prepaid gas a deposit with these legs needs (the router checks it before any
    /// promise). `creates_proxy` adds the creation batch.
    pub const fn required(&self, validator_legs: u64, liquid_legs: u64, creates_proxy: bool) -> u64 {
        let own = self.deposit_base + (validator_legs + liquid_legs) * self.deposit_per_leg;
        let direct = if validator_legs == 0 {
            0
        } else {
            let create = if creates_proxy { self.proxy_create_send + self.proxy_init } else { 0 };
            create + self.proxy_stake_attached(validator_legs) + self.router_on_direct
        };
        own + direct + liquid_legs * self.liquid_leg_total()
    }
}

impl Default for GasSchedule {
    fn default() -> Self {
        Self::DEFAULT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_validators_two_lsts_first_deposit_fits_300_tgas() {
        let g = GasSchedule::DEFAULT.required(2, 2, true);
        assert!(g <= 300 * TGAS, "needs {} TGas", g / TGAS);
    }

    #[test]
    fn proxy_creation_costs_gas_only_with_validator_legs() {
        let s = GasSchedule::DEFAULT;
        assert_eq!(s.required(0, 2, true), s.required(0, 2, false));
        assert!(s.required(1, 0, true) > s.required(1, 0, false));
    }
}
