//! Mock liquid staking token (LST) in the LiNEAR / Meta Pool shape, for Stake Router tests.
//!
//! `deposit_and_stake` mints tokens at a fixed, owner-set price (yoctoNEAR per 1e24 token
//! units) and the token is a plain NEP-141 / NEP-145 / NEP-148 fungible token built on
//! near-contract-standards' `FungibleToken`. There is no validator pool behind it, no
//! unstake and no liquidity pool; owner-only switches inject failures. See `tests/MOCKS.md`.
//!
//! Files: `lib.rs` (state and init), `staking.rs` (`deposit_and_stake` and price views),
//! `token.rs` (NEP-141 / NEP-145 / NEP-148 trait impls), `switches.rs` (owner-only test
//! switches), 256-bit `a * b / d` from `router_core::wide`.

use near_contract_standards::fungible_token::FungibleToken;
use near_sdk::json_types::U128;
use near_sdk::{env, near, require, AccountId, BorshStorageKey, PanicOnDefault};

mod staking;
mod switches;
mod token;

#[cfg(test)]
mod tests;

pub use staking::MALFORMED_RETURN;

/// Token units in one whole token (24 decimals, like NEAR, LiNEAR and stNEAR).
pub const ONE_TOKEN: u128 = 1_000_000_000_000_000_000_000_000;

/// Basis-point denominator of the mint shortfall switch.
pub const BPS_DENOMINATOR: u16 = 10_000;

/// Panic message of `deposit_and_stake` while the fail switch is on.
pub const ERR_MOCK_FAILING: &str = "Mock LST: failing on purpose";

/// Panic message of `ft_transfer` / `ft_transfer_call` while the fail-transfers switch is on.
pub const ERR_TRANSFERS_FAILING: &str = "Mock LST: transfers failing on purpose";

/// LiNEAR's panic message while the contract is paused.
pub const ERR_PAUSED: &str = "The contract is paused now. Please try later";

/// LiNEAR's panic message for owner-only methods called by another account.
pub const ERR_NOT_OWNER: &str = "Only owner can perform this action";

/// Storage prefixes of the contract's collections.
#[near]
#[derive(BorshStorageKey)]
enum StorageKey {
    /// Token balances of `FungibleToken`.
    Accounts,
}

/// Contract state of the mock LST.
#[near(contract_state)]
#[derive(PanicOnDefault)]
pub struct MockLst {
    /// Account allowed to use the test switches.
    pub(crate) owner_id: AccountId,
    /// NEP-141 balances, total supply and NEP-145 registrations.
    pub(crate) token: FungibleToken,
    /// Smallest accepted `deposit_and_stake` deposit, in yoctoNEAR.
    pub(crate) min_deposit: u128,
    /// Price of one whole token (1e24 units) in yoctoNEAR; always positive.
    pub(crate) price: u128,
    /// Switch: `deposit_and_stake` panics with [`ERR_MOCK_FAILING`].
    pub(crate) fail: bool,
    /// Switch: `deposit_and_stake`, `ft_transfer` and `ft_transfer_call` panic with
    /// [`ERR_PAUSED`], as in LiNEAR.
    pub(crate) paused: bool,
    /// Switch: `deposit_and_stake` mints `quoted * (10000 - bps) / 10000`.
    pub(crate) mint_shortfall_bps: u16,
    /// Switch: `deposit_and_stake` returns bytes that are not a JSON `U128`.
    pub(crate) malformed_return: bool,
    /// Switch: `ft_transfer` / `ft_transfer_call` panic with [`ERR_TRANSFERS_FAILING`].
    pub(crate) fail_transfers: bool,
    /// yoctoNEAR taken by `deposit_and_stake` so far (LiNEAR's `get_total_staked_balance`).
    pub(crate) total_staked: u128,
}

#[near]
impl MockLst {
    /// Initializes the token. `price` is the yoctoNEAR value of 1e24 token units (the
    /// value LiNEAR's `ft_price` and Meta Pool's `get_st_near_price` report) and must be
    /// positive; `min_deposit` is the smallest `deposit_and_stake` deposit in yoctoNEAR.
    #[init]
    pub fn new(owner_id: AccountId, min_deposit: U128, price: U128) -> Self {
        require!(price.0 > 0, "Mock LST: the price must be positive");
        Self {
            owner_id,
            token: FungibleToken::new(StorageKey::Accounts),
            min_deposit: min_deposit.0,
            price: price.0,
            fail: false,
            paused: false,
            mint_shortfall_bps: 0,
            malformed_return: false,
            fail_transfers: false,
            total_staked: 0,
        }
    }

    /// Owner of the contract (the account allowed to use the test switches).
    pub fn get_owner_id(&self) -> AccountId {
        self.owner_id.clone()
    }
}

impl MockLst {
    /// Panics unless the predecessor is the owner.
    pub(crate) fn assert_owner(&self) {
        require!(env::predecessor_account_id() == self.owner_id, ERR_NOT_OWNER);
    }

    /// Panics while the contract is paused.
    pub(crate) fn assert_not_paused(&self) {
        require!(!self.paused, ERR_PAUSED);
    }
}
