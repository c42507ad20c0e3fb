//! The gas a deposit needs: what the router attaches to every call it makes, plus its own work.
//!
//! The figures are measured on the real VM (see `docs/gas.md`) and carry margins; the router
//! refuses a deposit whose prepaid gas is below [`GasSchedule::required`] before it creates any
//! promise, so a short transaction fails whole and the runtime refunds the deposit.

use borsh::{BorshDeserialize, BorshSerialize};
use serde::{Deserialize, Serialize};

/// One teragas.
pub const TGAS: u64 = 1_000_000_000_000;
/// The most gas one transaction may carry (protocol 83 and later: 1 PGas).
pub const MAX_TX_GAS: u64 = 1_000 * TGAS;
/// Send cost of a receipt carrying one transfer (protocol 88: 0.45 TGas with its execution
/// fee; the margin covers fee changes).
pub const TRANSFER_SEND: u64 = TGAS;
/// Gas attached to the callback that confirms a payout (`on_payout` on the proxy,
/// `on_refund_released` on the router). It reads one promise result and, only when the
/// transfer bounced, records the amount as owed: about 1 TGas of wasm on the real VM
/// (`docs/gas.md`).
pub const PAYOUT_CALLBACK: u64 = 3 * TGAS;
/// The router's own work in `claim` (reading and rewriting one claimable record).
pub const CLAIM_OWN: u64 = 5 * TGAS;

/// Gas per call, in gas units. Two kinds of figure:
/// - *send* costs, which the caller burns when it creates a receipt and prepays its execution
///   fees (protocol 88: a new receipt with one function call is about 1.2 TGas plus its
///   argument bytes; a `.then` dependency adds a data receipt of about 0.07 TGas), and
/// - *work*: gas attached to a method for its own execution, which must also cover the send
///   costs of the receipts that method creates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, BorshSerialize, BorshDeserialize)]
pub struct GasSchedule {
    /// Send cost of one function call in a new receipt (receipt + call, send + execution fees).
    pub call_send: u64,
    /// Send cost of one promise dependency (a data receipt, send + execution fees).
    pub dependency_send: u64,
    /// Send cost of the create-account, transfer and use-global-contract actions of a new proxy.
    pub create_account_send: u64,
    /// The router's own `deposit` work before any leg.
    pub deposit_base: u64,
    /// The router's own `deposit` work per leg (planning, events, state).
    pub deposit_per_leg: u64,
    /// The proxy's `new` initialiser.
    pub proxy_init: u64,
    /// The proxy's own `stake` work before its legs.
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
    /// The router's own work in the callback after an LST minted.
    pub router_on_liquid_staked: u64,
    /// An LST's `storage_deposit` registering the beneficiary.
    pub lst_storage_deposit: u64,
    /// An LST's `ft_transfer` to the beneficiary.
    pub lst_ft_transfer: u64,
    /// The router's callback after the token delivery.
    pub router_on_delivered: u64,
}

impl GasSchedule {
    /// Everything one *tracked payout* needs on top of the paying method's own work: the
    /// transfer receipt, the callback receipt and its dependency, and [`PAYOUT_CALLBACK`].
    ///
    /// Every NEAR transfer either contract makes is tracked this way: a transfer to an account
    /// that no longer exists bounces back to the sender, and without a callback that NEAR would
    /// be back on the contract with no record of whose it is. The callback records it as owed.
    pub const fn payout(&self) -> u64 {
        TRANSFER_SEND + self.call_send + self.dependency_send + PAYOUT_CALLBACK
    }

    /// Gas the proxy attaches to `on_pool_staked`: its own work and, for a refused leg, the
    /// refund to the depositor.
    pub const fn proxy_pool_callback_attached(&self) -> u64 {
        self.proxy_on_pool_staked + self.payout()
    }

    /// Gas the router attaches to `on_direct_settled`: its own work and, if the proxy refused
    /// the direct part, the refund.
    pub const fn direct_callback_attached(&self) -> u64 {
        self.router_on_direct + self.payout()
    }

    /// Gas the router attaches to `on_liquid_delivered` (and `on_claim_resolved`): its own work
    /// and the payout of the unused reserve (or of the storage a claim freed).
    pub const fn delivery_callback_attached(&self) -> u64 {
        self.router_on_delivered + self.payout()
    }

    /// The prepaid gas the router's `claim` needs: its own work ([`CLAIM_OWN`]), the token's
    /// `ft_transfer`, `on_claim_resolved` with its payout, and their sends.
    pub const fn claim_required(&self) -> u64 {
        CLAIM_OWN + self.lst_ft_transfer + self.delivery_callback_attached() + 2 * self.call_send + self.dependency_send
    }

    /// The schedule the router ships with. Send costs are protocol 88's fees; work figures are
    /// measured on the real VM with margins (`docs/gas.md`).
    pub const DEFAULT: GasSchedule = GasSchedule {
        call_send: 2 * TGAS,
        dependency_send: TGAS,
        create_account_send: 8 * TGAS,
        deposit_base: 10 * TGAS,
        deposit_per_leg: 2 * TGAS,
        proxy_init: 5 * TGAS,
        proxy_stake_base: 5 * TGAS,
        // The core staking pool's deposit_and_stake restakes: a stake action and a 20 TGas
        // `on_stake_action` callback on top of its own work. The mock pool restakes the same way.
        pool_deposit_and_stake: 50 * TGAS,
        proxy_on_pool_staked: 5 * TGAS,
        router_on_direct: 5 * TGAS,
        lst_deposit_and_stake: 20 * TGAS,
        lst_storage_view: 3 * TGAS,
        router_on_liquid_staked: 5 * TGAS,
        lst_storage_deposit: 5 * TGAS,
        lst_ft_transfer: 5 * TGAS,
        router_on_delivered: 5 * TGAS,
    };

    /// Gas the router attaches to the proxy's `stake` for `validator_legs` pools: its own work
    /// plus, per leg, the pool call, the callback and their send costs.
    pub const fn proxy_stake_attached(&self, validator_legs: u64) -> u64 {
        let per_leg = self.pool_deposit_and_stake
            + self.proxy_pool_callback_attached()
            + 2 * self.call_send
            + self.dependency_send;
        self.proxy_stake_base + validator_legs * per_leg
    }

    /// Gas the router attaches to `on_liquid_staked`: its own work, the delivery batch
    /// (`storage_deposit` + `ft_transfer`), the `on_liquid_delivered` callback, and their sends.
    /// A failed leg takes the other path, one payout, which needs less.
    pub const fn liquid_callback_attached(&self) -> u64 {
        self.router_on_liquid_staked
            + 3 * self.call_send
            + self.dependency_send
            + self.lst_storage_deposit
            + self.lst_ft_transfer
            + self.delivery_callback_attached()
    }

    /// Everything one liquid leg needs: the router's sends (deposit, view, callback and two
    /// dependencies) and the gas attached to each call.
    pub const fn liquid_leg_total(&self) -> u64 {
        3 * self.call_send
            + 2 * self.dependency_send
            + self.lst_deposit_and_stake
            + self.lst_storage_view
            + self.liquid_callback_attached()
    }

    /// Everything the direct part needs: the proxy batch (created or not), the callback, and
    /// their sends.
    pub const fn direct_total(&self, validator_legs: u64, creates_proxy: bool) -> u64 {
        if validator_legs == 0 {
            return 0;
        }
        let create = if creates_proxy { self.create_account_send + self.call_send + self.proxy_init } else { 0 };
        create
            + self.call_send
            + self.proxy_stake_attached(validator_legs)
            + self.call_send
            + self.dependency_send
            + self.direct_callback_attached()
    }

    /// The prepaid gas a deposit with these legs needs (the router checks it before any
    /// promise). `creates_proxy` adds the creation batch.
    pub const fn required(&self, validator_legs: u64, liquid_legs: u64, creates_proxy: bool) -> u64 {
        self.deposit_base
            + (validator_legs + liquid_legs) * self.deposit_per_leg
            + self.direct_total(validator_legs, creates_proxy)
            + liquid_legs * self.liquid_leg_total()
    }
}

impl Default for GasSchedule {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// The most gas many wallets, DAO apps and relayers attach to one transaction (300 TGas, the
/// limit before protocol 83): a plan needing more is said so before a wallet is asked.
pub const WALLET_GAS: u64 = 300 * TGAS;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_profiles_fit_one_transaction_and_small_splits_fit_300_tgas() {
        let g = GasSchedule::DEFAULT;
        assert!(g.required(2, 2, true) <= MAX_TX_GAS);
        assert!(g.required(2, 1, true) <= 300 * TGAS, "needs {} TGas", g.required(2, 1, true) / TGAS);
    }

    #[test]
    fn every_paying_callback_can_afford_a_tracked_payout() {
        let g = GasSchedule::DEFAULT;
        let failed_liquid_path = g.router_on_liquid_staked + g.payout();
        assert!(failed_liquid_path <= g.liquid_callback_attached());
        assert_eq!(g.proxy_pool_callback_attached() - g.proxy_on_pool_staked, g.payout());
        assert_eq!(g.direct_callback_attached() - g.router_on_direct, g.payout());
        assert_eq!(g.delivery_callback_attached() - g.router_on_delivered, g.payout());
        assert!(g.payout() > PAYOUT_CALLBACK + TRANSFER_SEND);
    }

    #[test]
    fn proxy_creation_costs_gas_only_with_validator_legs() {
        let s = GasSchedule::DEFAULT;
        assert_eq!(s.required(0, 2, true), s.required(0, 2, false));
        assert!(s.required(1, 0, true) > s.required(1, 0, false));
    }
}
