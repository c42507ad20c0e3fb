//! The gas a deposit needs: what the router attaches to every call it makes, plus its own work.
//!
//! The figures are measured on the real VM (see `docs/gas.md`) and carry margins; the router
//! refuses a deposit whose prepaid gas is below [`GasSchedule::required`] before it creates any
//! promise, so a short transaction fails whole and the runtime refunds the deposit.

use borsh::{BorshDeserialize, BorshSerialize};
use serde::{Deserialize, Serialize};

/// One teragas.
pub const TGAS: u64 = 1_000_000_000_000;
/// One gigagas (a thousandth of a teragas).
pub const GGAS: u64 = 1_000_000_000;
/// The most gas one transaction may carry (protocol 83 and later: 1 PGas).
pub const MAX_TX_GAS: u64 = 1_000 * TGAS;
/// Send cost of a receipt carrying one transfer (protocol 88: 0.45 TGas with its execution
/// fee).
pub const TRANSFER_SEND: u64 = 500 * GGAS;
/// Gas attached to the callback that confirms a payout (`on_payout` on the proxy,
/// `on_refund_released` on the router). It reads one promise result and, only when the
/// transfer bounced, records the amount as owed: about 0.9 TGas of wasm on the real VM
/// (`docs/gas.md`).
pub const PAYOUT_CALLBACK: u64 = 2 * TGAS;
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
    /// The proxy's one callback over a `stake` call's pool legs.
    pub proxy_on_pool_staked: u64,
    /// ... and per pool leg it settles.
    pub proxy_pool_per_leg: u64,
    /// The settling callback's work on the direct part (the proxy took or refused it).
    pub router_on_direct: u64,
    /// An LST's `deposit_and_stake`.
    pub lst_deposit_and_stake: u64,
    /// An LST's `storage_balance_of` view, called alongside the deposit.
    pub lst_storage_view: u64,
    /// The settling callback's work on the liquid legs, before any leg.
    pub router_on_liquid_staked: u64,
    /// ... and per liquid leg it settles (reading, events, a delivery or a record).
    pub router_liquid_per_leg: u64,
    /// An LST's `storage_deposit` registering the beneficiary.
    pub lst_storage_deposit: u64,
    /// An LST's `ft_transfer` to the beneficiary.
    pub lst_ft_transfer: u64,
    /// The router's one callback after the token deliveries.
    pub router_on_delivered: u64,
    /// ... and per delivery it settles.
    pub router_delivered_per_leg: u64,
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

    /// Gas the proxy attaches to `on_pools_staked` settling `legs` pool legs: its own work and,
    /// for the refused legs, one refund to the depositor.
    pub const fn proxy_pools_callback_attached(&self, legs: u64) -> u64 {
        self.proxy_on_pool_staked + legs * self.proxy_pool_per_leg + self.payout()
    }

    /// Gas the router attaches to `on_liquid_delivered` settling `deliveries` token deliveries
    /// (and to `on_claim_resolved`, one): its own work and one payout (the unused reserves, or
    /// the storage a claim freed).
    pub const fn delivery_callback_attached(&self, deliveries: u64) -> u64 {
        self.router_on_delivered + deliveries * self.router_delivered_per_leg + self.payout()
    }

    /// Everything one token delivery needs from the settling callback: the batch on the token
    /// (`storage_deposit` when the beneficiary is not registered, and `ft_transfer`), its two
    /// calls' sends and its dependency of `on_liquid_delivered`.
    pub const fn delivery_batch(&self) -> u64 {
        2 * self.call_send + self.dependency_send + self.lst_storage_deposit + self.lst_ft_transfer
    }

    /// The prepaid gas the router's `claim` needs: its own work ([`CLAIM_OWN`]), the token's
    /// `ft_transfer`, `on_claim_resolved` with its payout, and their sends.
    pub const fn claim_required(&self) -> u64 {
        CLAIM_OWN
            + self.lst_ft_transfer
            + self.delivery_callback_attached(1)
            + 2 * self.call_send
            + self.dependency_send
    }

    /// The schedule the router ships with. Send costs are protocol 88's fees rounded up; work
    /// figures are what the receipt was measured to burn on the real VM (`docs/gas.md`, which
    /// names each figure's source), rounded up with a margin. A receipt's own execution fee is
    /// paid by its sender (inside `call_send`), so each work figure covers wasm and the send
    /// fees of what the receipt creates.
    pub const DEFAULT: GasSchedule = GasSchedule {
        // Action receipt 0.108 + function call 0.2 to send, 0.108 + 0.78 to execute (66.yaml),
        // plus argument bytes: 1.2 TGas.
        call_send: 1_400 * GGAS,
        // A data receipt: 0.036 to send and 0.036 to execute, plus 17 MGas per byte of result.
        dependency_send: 200 * GGAS,
        // CreateAccount 0.5 + 7.2 (85.yaml), Transfer 0.23, UseGlobalContract 0.37: 8.3 TGas.
        create_account_send: 8_500 * GGAS,
        // Measured: 6.1 TGas for one liquid leg, 15.9 for eight (the sends included).
        deposit_base: 7 * TGAS,
        deposit_per_leg: 1_250 * GGAS,
        proxy_init: 2 * TGAS,
        proxy_stake_base: 4 * TGAS,
        // The core staking pool's deposit_and_stake restakes: a Stake action (0.46 TGas) and a
        // 20 TGas `on_stake_action` callback (1.3 TGas to send) on top of its own work (at most
        // 3 TGas for the real pool's wasm on the devnet; 2.4 for the mock's).
        pool_deposit_and_stake: 27 * TGAS,
        // Measured: 1.5 TGas for one leg, its execution fee included.
        proxy_on_pool_staked: 2 * TGAS,
        proxy_pool_per_leg: 500 * GGAS,
        // Measured: 1.9 TGas accepted, 2.8 refused (records undone, a refund) on the VM.
        router_on_direct: 3 * TGAS,
        // No real LST wasm runs here (the mocks burn 1.7 TGas): an assumed ceiling for LiNEAR's
        // and Meta Pool's deposit_and_stake, which make no cross-contract call.
        lst_deposit_and_stake: 10 * TGAS,
        lst_storage_view: 2 * TGAS,
        // Measured: 3.0 TGas for one leg, its execution fee (0.9) and sends included.
        router_on_liquid_staked: 2 * TGAS,
        router_liquid_per_leg: 1_500 * GGAS,
        lst_storage_deposit: 4 * TGAS,
        lst_ft_transfer: 4 * TGAS,
        // Measured: 2.5 TGas for one delivery, its execution fee and the payout's sends included.
        router_on_delivered: 2 * TGAS,
        router_delivered_per_leg: 750 * GGAS,
    };

    /// Gas the router attaches to the proxy's `stake` for `validator_legs` pools: its own work,
    /// per leg the pool call, its send and its dependency, and the one callback over them.
    pub const fn proxy_stake_attached(&self, validator_legs: u64) -> u64 {
        let per_leg = self.pool_deposit_and_stake + self.call_send + self.dependency_send;
        self.proxy_stake_base
            + validator_legs * per_leg
            + self.call_send
            + self.proxy_pools_callback_attached(validator_legs)
    }

    /// Gas the router attaches to the one `on_deposit_settled` of a deposit: settling the
    /// direct part (if it has validator legs), and for `liquid_legs` liquid legs a delivery
    /// batch each and the `on_liquid_delivered` callback over them, and one payout (every refund
    /// of the deposit goes back to the depositor in one transfer). Every path costs at most
    /// this: a leg that fails, mints nothing or cannot be read needs no delivery.
    pub const fn settle_callback_attached(&self, validator_legs: u64, liquid_legs: u64) -> u64 {
        let direct = if validator_legs > 0 { self.router_on_direct } else { 0 };
        let liquid = if liquid_legs > 0 {
            self.router_on_liquid_staked
                + liquid_legs * (self.router_liquid_per_leg + self.delivery_batch())
                + self.call_send
                + self.delivery_callback_attached(liquid_legs)
        } else {
            0
        };
        direct + liquid + self.payout()
    }

    /// What a deposit's `legs` liquid legs send: per leg, `deposit_and_stake` beside a
    /// `storage_balance_of` view, their sends and their dependencies of the settling callback.
    pub const fn liquid_total(&self, legs: u64) -> u64 {
        legs * (2 * self.call_send + 2 * self.dependency_send + self.lst_deposit_and_stake + self.lst_storage_view)
    }

    /// What the direct part sends: the proxy batch (creating the proxy or not) with the gas
    /// of its `stake`, and its dependency of the settling callback.
    pub const fn direct_total(&self, validator_legs: u64, creates_proxy: bool) -> u64 {
        if validator_legs == 0 {
            return 0;
        }
        let create = if creates_proxy { self.create_account_send + self.call_send + self.proxy_init } else { 0 };
        create + self.call_send + self.proxy_stake_attached(validator_legs) + self.dependency_send
    }

    /// The prepaid gas a deposit with these legs needs (the router checks it before any
    /// promise). `creates_proxy` adds the creation batch.
    pub const fn required(&self, validator_legs: u64, liquid_legs: u64, creates_proxy: bool) -> u64 {
        self.deposit_base
            + (validator_legs + liquid_legs) * self.deposit_per_leg
            + self.direct_total(validator_legs, creates_proxy)
            + self.liquid_total(liquid_legs)
            + self.call_send
            + self.settle_callback_attached(validator_legs, liquid_legs)
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

/// Gas a callback attaches to the `call_failed` it returns to fail its caller's transaction
/// with a reason (the method only panics with it).
pub const CALL_FAILED: u64 = 3 * TGAS;
/// Gas attached to the router's `on_proxy_code_deployed`: records the hash, a tracked refund
/// of what was attached beyond the burnt storage ([`PAYOUT_CALLBACK`] included) and, when the
/// deployment failed, the announcement put back and [`CALL_FAILED`]. Its dearest path (not
/// deployed, the deposit sent back) used 9.2 TGas on the real VM, what it attaches included
/// (`tests/wasm-checks`' callback_gas).
pub const PROXY_CODE_CALLBACK: u64 = 15 * TGAS;
/// Gas attached to the router's `on_pool_whitelist_read`: adds the target or, refused or
/// unread, puts the announcement back, emits `target_refused` and returns [`CALL_FAILED`]
/// (5.4 TGas on its dearest path, what it attaches included).
pub const WHITELIST_CALLBACK: u64 = 10 * TGAS;

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
        let failed_liquid_path = g.router_on_liquid_staked + g.router_liquid_per_leg + g.payout();
        assert!(failed_liquid_path <= g.settle_callback_attached(0, 1));
        assert_eq!(g.settle_callback_attached(1, 0) - g.router_on_direct, g.payout());
        assert_eq!(g.proxy_pools_callback_attached(1) - g.proxy_on_pool_staked - g.proxy_pool_per_leg, g.payout());
        assert_eq!(g.delivery_callback_attached(1) - g.router_on_delivered - g.router_delivered_per_leg, g.payout());
        assert!(g.payout() > PAYOUT_CALLBACK + TRANSFER_SEND);
    }

    #[test]
    fn proxy_creation_costs_gas_only_with_validator_legs() {
        let s = GasSchedule::DEFAULT;
        assert_eq!(s.required(0, 2, true), s.required(0, 2, false));
        assert!(s.required(1, 0, true) > s.required(1, 0, false));
    }
}
