//! Mock exchange in the shape of Ref Finance / Rhea (ref-finance/ref-contracts
//! `ref-exchange`): simple two-token constant-product pools with a fee in basis points,
//! deposits and `add_liquidity` to seed them, and the instant swap a token's
//! `ft_transfer_call` runs with a `{"actions": [...]}` message, whose output goes back with
//! `ft_transfer`. Names, arguments, JSON shapes, pool math and messages (`E68: slippage
//! error`, ...) are Ref's; see `tests/MOCKS.md` for what is left out.
//!
//! Files: `lib.rs` (state, init, messages), `pool.rs` (the simple pool's math),
//! `swap.rs` (`ft_on_transfer`: deposits and instant swaps), `liquidity.rs`
//! (`add_simple_pool`, `add_liquidity`), `storage.rs` (NEP-145 registration), `views.rs`.

use near_sdk::store::{LookupMap, Vector};
use near_sdk::{near, AccountId, BorshStorageKey, Gas, PanicOnDefault};
use std::collections::BTreeMap;

mod liquidity;
pub mod pool;
mod storage;
mod swap;
mod views;

#[cfg(test)]
mod tests;

pub use pool::SimplePool;
pub use swap::{SwapAction, TokenReceiverMessage};
pub use views::PoolInfo;

/// Gas given to each `ft_transfer` of a swap's output (Ref's `GAS_FOR_FT_TRANSFER`).
pub const GAS_FOR_FT_TRANSFER: Gas = Gas::from_tgas(20);

/// Ref's messages.
pub mod errors {
    /// Deposit from an account that never called `storage_deposit`.
    pub const ERR10_ACC_NOT_REGISTERED: &str = "E10: account not registered";
    /// A pool's storage is not covered by the attached NEAR.
    pub const ERR11_INSUFFICIENT_STORAGE: &str = "E11: insufficient $NEAR storage deposit";
    /// `storage_deposit` below the minimum.
    pub const ERR17_DEPOSIT_LESS_THAN_MIN_STORAGE: &str = "E17: deposit less than min storage";
    /// Taking a token the (virtual) account does not hold.
    pub const ERR21_TOKEN_NOT_REG: &str = "E21: token not registered";
    /// Taking more of a token than the (virtual) account holds.
    pub const ERR22_NOT_ENOUGH_TOKENS: &str = "E22: not enough tokens in deposit";
    /// `ft_on_transfer` with a message that is neither "" nor a swap message.
    pub const ERR28_WRONG_MSG_FORMAT: &str = "E28: Illegal msg in ft_transfer_call";
    /// Adding liquidity with a zero amount.
    pub const ERR31_ZERO_AMOUNT: &str = "E31: adding zero amount";
    /// Liquidity worth no share.
    pub const ERR32_ZERO_SHARES: &str = "E32: minting zero shares";
    /// `add_liquidity` without a yoctoNEAR attached.
    pub const ERR35_AT_LEAST_ONE_YOCTO: &str = "E35: requires attached deposit of at least 1 yoctoNEAR";
    /// The swap pays less than `min_amount_out`.
    pub const ERR68_SLIPPAGE: &str = "E68: slippage error";
    /// A swap message without actions.
    pub const ERR72_AT_LEAST_ONE_SWAP: &str = "E72: at least one swap";
    /// Swapping a token for itself.
    pub const ERR73_SAME_TOKEN: &str = "E73: same token swap";
    /// An empty pool side or a zero amount.
    pub const ERR76_INVALID_PARAMS: &str = "E76: invalid params";
    /// No pool with that id.
    pub const ERR85_NO_POOL: &str = "E85: invalid pool id";
    /// Liquidity added below `min_amounts`.
    pub const ERR86_MIN_AMOUNT: &str = "E86: amount need above min amount";
    /// A simple pool needs two tokens.
    pub const ERR89_WRONG_TOKEN_COUNT: &str = "E89: wrong token count";
    /// `add_liquidity` needs one amount per token.
    pub const ERR89_WRONG_AMOUNT_COUNT: &str = "E89: wrong amount count";
    /// A fee of 10000 bps or more.
    pub const ERR90_FEE_TOO_LARGE: &str = "E90: fee too large";
    /// The same token twice in a pool.
    pub const ERR92_TOKEN_DUPLICATES: &str = "E92: token duplicated";
    /// A token that is not in the pool.
    pub const ERR102_INVALID_TOKEN_ID: &str = "E102: invalid token id";
}

/// Storage prefixes of the contract's collections.
#[near]
#[derive(BorshStorageKey)]
enum StorageKey {
    /// The pools.
    Pools,
    /// Registered accounts and their deposits.
    Accounts,
    /// Liquidity shares per (pool, account).
    Shares,
}

/// A registered account: its storage deposit and its token deposits.
#[near(serializers = [borsh])]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DexAccount {
    /// NEAR paid through `storage_deposit`.
    pub near_amount: u128,
    /// Deposited tokens (received with an empty `ft_transfer_call` message).
    pub tokens: BTreeMap<AccountId, u128>,
}

/// Contract state of the mock exchange.
#[near(contract_state)]
#[derive(PanicOnDefault)]
pub struct MockDex {
    /// Owner (Ref's owner; the mock has no owner-only method).
    pub(crate) owner_id: AccountId,
    /// Simple pools, by id.
    pub(crate) pools: Vector<SimplePool>,
    /// Registered accounts.
    pub(crate) accounts: LookupMap<AccountId, DexAccount>,
    /// Liquidity shares held, per (pool id, account).
    pub(crate) shares: LookupMap<(u64, AccountId), u128>,
}

#[near]
impl MockDex {
    /// Initializes the exchange with no pool (Ref's `new(owner_id, exchange_fee, referral_fee)`
    /// without fees: the mock takes no admin fee).
    #[init]
    pub fn new(owner_id: AccountId) -> Self {
        Self {
            owner_id,
            pools: Vector::new(StorageKey::Pools),
            accounts: LookupMap::new(StorageKey::Accounts),
            shares: LookupMap::new(StorageKey::Shares),
        }
    }
}
