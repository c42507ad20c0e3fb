//! Unit tests of the mock staking pool on near-sdk's mocked blockchain.
//!
//! [`Sim`] keeps the pool account's liquid and locked balances and the epoch from call to call,
//! as the real pool's own unit tests do (their `Emulator`): an attached deposit lands in the
//! liquid balance, a transfer the pool creates leaves it, and a `Stake` action moves NEAR
//! between liquid and locked at once (nearcore releases a lowered stake only at an epoch
//! boundary; the pool's books do not depend on when).

use near_sdk::mock::MockAction;
use near_sdk::test_utils::get_created_receipts;
use near_sdk::{testing_env, AccountId, EpochHeight, NearToken, PublicKey};

use crate::{MockStakingPool, RewardFeeFraction, STAKE_SHARE_PRICE_GUARANTEE_FUND};

mod accounting;
mod drift;
mod init;
mod ping;
mod restake;
mod switches;
mod unlock;

pub use test_support::{calls, panic_message, transfers, ONE_NEAR};
use test_support::{id, ALICE, BOB, OWNER};

/// The pool's account.
pub fn pool() -> AccountId {
    "pool.test.near".parse().unwrap()
}

/// The pool owner.
pub fn owner() -> AccountId {
    id(OWNER)
}

/// A delegator.
pub fn alice() -> AccountId {
    id(ALICE)
}

/// Another delegator.
pub fn bob() -> AccountId {
    id(BOB)
}

/// The validator key of the tests (the real pool's tests use the same one).
pub const KEY: &str = "ed25519:KuTCtARNzxZQ3YvXDeLjx83FDqxv2SdQTSbiq876zR7";

/// The validator key, parsed.
pub fn key() -> PublicKey {
    KEY.parse().unwrap()
}

/// The pool's own stake after `new`: its balance at `new` is this plus the guarantee fund.
pub const OWN_STAKE: u128 = 10 * ONE_NEAR;

/// The epoch `new` runs at.
pub const FIRST_EPOCH: EpochHeight = 10;

/// A fee fraction.
pub fn fee(numerator: u32, denominator: u32) -> RewardFeeFraction {
    RewardFeeFraction { numerator, denominator }
}

/// A boxed call on the contract, for tables of calls that must all panic.
pub type Call = Box<dyn FnOnce(&mut MockStakingPool)>;

/// A pool and its account's balances, carried from call to call.
pub struct Sim {
    /// The contract.
    pub pool: MockStakingPool,
    /// Liquid balance of the pool's account.
    pub balance: u128,
    /// Locked (staked) balance of the pool's account.
    pub locked: u128,
    /// Current epoch.
    pub epoch: EpochHeight,
}

impl Sim {
    /// A pool with no fee whose account held `OWN_STAKE` plus the guarantee fund, after `new`
    /// and its `Stake` action.
    pub fn new() -> Sim {
        Sim::with_fee(fee(0, 1))
    }

    /// As [`Sim::new`], with the owner's `reward_fee_fraction`.
    pub fn with_fee(fraction: RewardFeeFraction) -> Sim {
        let balance = OWN_STAKE + STAKE_SHARE_PRICE_GUARANTEE_FUND;
        set_context(&owner(), 0, balance, 0, FIRST_EPOCH);
        let pool = MockStakingPool::new(owner(), key(), fraction);
        let mut sim = Sim { pool, balance, locked: 0, epoch: FIRST_EPOCH };
        sim.apply_receipts();
        sim
    }

    /// Sets the context of a call by `caller` with `deposit` attached (the VM adds it to the
    /// balance the contract sees).
    pub fn context(&self, caller: &AccountId, deposit: u128) {
        set_context(caller, deposit, self.balance, self.locked, self.epoch);
    }

    /// Runs `f` as a call by `caller` with `deposit` attached, then applies the transfers and
    /// `Stake` actions it created to the account's balances. The receipts stay readable
    /// ([`created`], [`calls`]) until the next call.
    pub fn call<R>(&mut self, caller: &AccountId, deposit: u128, f: impl FnOnce(&mut MockStakingPool) -> R) -> R {
        self.context(caller, deposit);
        self.balance += deposit;
        let result = f(&mut self.pool);
        self.apply_receipts();
        result
    }

    /// Runs `f` as a call that must panic (the runtime then refunds the deposit and undoes
    /// every receipt) and returns its message.
    pub fn refused(&mut self, caller: &AccountId, deposit: u128, f: impl FnOnce(&mut MockStakingPool)) -> String {
        self.context(caller, deposit);
        panic_message(|| f(&mut self.pool))
    }

    /// Someone sends `amount` to the pool's account (a plain `Transfer`).
    pub fn transfer_in(&mut self, amount: u128) {
        self.balance += amount;
    }

    /// The chain pays `amount` of epoch reward into the locked balance.
    pub fn epoch_reward(&mut self, amount: u128) {
        self.locked += amount;
    }

    /// Moves `n` epochs forward.
    pub fn next_epochs(&mut self, n: EpochHeight) {
        self.epoch += n;
    }

    /// The staked balance of `account_id`, as the view reports it.
    pub fn staked(&self, account_id: AccountId) -> u128 {
        self.pool.get_account_staked_balance(account_id).0
    }

    /// The unstaked balance of `account_id`, as the view reports it.
    pub fn unstaked(&self, account_id: AccountId) -> u128 {
        self.pool.get_account_unstaked_balance(account_id).0
    }

    fn apply_receipts(&mut self) {
        for c in created() {
            match c {
                Created::Transfer { amount, .. } => {
                    assert!(self.balance >= amount, "the pool sent more than it holds liquid");
                    self.balance -= amount;
                }
                Created::Stake { receiver, stake, .. } => {
                    assert_eq!(receiver, pool(), "a pool stakes only its own account");
                    let available = self.balance + self.locked;
                    assert!(stake <= available, "the pool stakes {stake}, more than it holds ({available})");
                    self.balance = available - stake;
                    self.locked = stake;
                }
                Created::Call { .. } => {}
            }
        }
    }
}

/// Sets the mocked context: `caller` calls with `deposit` attached, the pool's account holding
/// `balance` before the deposit (the mocked VM adds the deposit, as nearcore's does) and
/// `locked`, at `epoch`.
pub fn set_context(caller: &AccountId, deposit: u128, balance: u128, locked: u128, epoch: EpochHeight) {
    testing_env!(test_support::context(&pool(), caller, deposit, balance)
        .account_locked_balance(NearToken::from_yoctonear(locked))
        .epoch_height(epoch)
        .build());
}

/// One action the current call created, in creation order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Created {
    /// `Stake` of `stake` yoctoNEAR on `receiver` with `key` (as "ed25519:...").
    Stake { receiver: AccountId, stake: u128, key: String },
    /// A transfer of `amount` to `receiver`.
    Transfer { receiver: AccountId, amount: u128 },
    /// A function call of `method` on `receiver` (gas and order in [`calls`]).
    Call { receiver: AccountId, method: String },
}

/// Every action the current call created, in order.
pub fn created() -> Vec<Created> {
    let mut out = Vec::new();
    for r in get_created_receipts() {
        for action in &r.actions {
            let receiver = r.receiver_id.clone();
            match action {
                MockAction::Stake { stake, public_key, .. } => {
                    out.push(Created::Stake { receiver, stake: stake.as_yoctonear(), key: public_key.to_string() })
                }
                MockAction::Transfer { deposit, .. } => {
                    out.push(Created::Transfer { receiver, amount: deposit.as_yoctonear() })
                }
                MockAction::FunctionCallWeight { method_name, .. } => out.push(Created::Call {
                    receiver,
                    method: String::from_utf8(method_name.clone()).expect("a UTF-8 method name"),
                }),
                other => panic!("unexpected action {other:?}"),
            }
        }
    }
    out
}

/// The two actions of the real `internal_restake` staking `stake`.
pub fn restake_of(stake: u128) -> Vec<Created> {
    vec![
        Created::Stake { receiver: pool(), stake, key: KEY.to_string() },
        Created::Call { receiver: pool(), method: "on_stake_action".to_string() },
    ]
}

#[test]
fn panic_messages_are_visible_to_tests() {
    let mut sim = Sim::new();
    let message = sim.refused(&alice(), 0, |c| c.stake(near_sdk::json_types::U128(0)));
    assert!(message.contains("Staking amount should be positive"), "{message}");
}
