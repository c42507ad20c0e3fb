//! The proxy's storage stays within what the router prepays at creation.
//!
//! Worst case: a 64-character owner, a 39-character router (the longest that leaves room for
//! a proxy label), [`MAX_PROXY_POOLS`] pools with 64-character ids, each with stake and an
//! unstake waiting to unlock (the largest record), a refund owed to a 64-character depositor,
//! a withdrawal owed to the owner and the most moves pending, each naming a 64-character pool. The account record itself (100 bytes) is not part of
//! `env::storage_usage()` in the mock, so the budget is `PROXY_STORAGE_BYTES - 100`.

use super::done;
use super::testing_env;
use super::SettleOneLeg;
use near_sdk::json_types::U128;
use near_sdk::test_utils::VMContextBuilder;
use near_sdk::{env, AccountId, Gas, NearToken, PromiseError};
use router_core::costs::PROXY_STORAGE_BYTES;
use router_core::naming::MAX_ACCOUNT_ID_LEN;
use router_core::MAX_PROXY_POOLS;

use super::ONE_NEAR;
use crate::moves::MAX_PENDING_MOVES;
use crate::{PendingMove, PoolLeg, StakingProxy};

/// Bytes an account using a global contract by code hash is charged for the reference (the
/// 32-byte hash), counted from the start so the figure is what the account really uses.
const CODE_HASH_REFERENCE_BYTES: u64 = 32;
/// The account record, paid from `PROXY_STORAGE_BYTES` but not measured here.
const ACCOUNT_RECORD_BYTES: u64 = 100;

fn id(prefix: &str, fill: char, len: usize) -> AccountId {
    let suffix = ".near";
    let body: String = std::iter::repeat_n(fill, len - prefix.len() - suffix.len()).collect();
    format!("{prefix}{body}{suffix}").parse().unwrap()
}

struct Chain {
    proxy_id: AccountId,
    usage: u64,
}

impl Chain {
    /// A new call on the proxy, carrying over the storage usage measured so far.
    fn call(&self, predecessor: &AccountId, deposit: u128, balance: u128) {
        self.call_at(predecessor, deposit, balance, 0);
    }

    /// [`Chain::call`] at epoch `epoch`.
    fn call_at(&self, predecessor: &AccountId, deposit: u128, balance: u128, epoch: u64) {
        testing_env!(VMContextBuilder::new()
            .current_account_id(self.proxy_id.clone())
            .predecessor_account_id(predecessor.clone())
            .signer_account_id(predecessor.clone())
            .attached_deposit(NearToken::from_yoctonear(deposit))
            .account_balance(NearToken::from_yoctonear(balance))
            .storage_usage(self.usage)
            .prepaid_gas(Gas::from_tgas(1_000))
            .epoch_height(epoch)
            .build());
    }

    /// Writes the state as the contract would at the end of the call and measures it.
    fn persist(&mut self, proxy: &mut StakingProxy) -> u64 {
        proxy.owed_refunds.flush();
        env::state_write(proxy);
        self.usage = env::storage_usage();
        self.usage
    }

    /// A balance that exactly covers the storage used so far (no free NEAR).
    fn storage_only(&self) -> u128 {
        u128::from(self.usage) * env::storage_byte_cost().as_yoctonear()
    }
}

#[test]
fn worst_case_storage_fits_the_prepaid_bytes() {
    let owner = id("owner", 'o', MAX_ACCOUNT_ID_LEN);
    let router = id("router", 'r', 39);
    let label = "0123456789abcdef01234567";
    let proxy_id: AccountId = format!("{label}.{router}").parse().unwrap();
    assert_eq!(proxy_id.len(), MAX_ACCOUNT_ID_LEN);
    let pools: Vec<AccountId> =
        (0..MAX_PROXY_POOLS).map(|i| id(&format!("pool{i}"), 'p', MAX_ACCOUNT_ID_LEN)).collect();
    let depositor = id("depositor", 'd', MAX_ACCOUNT_ID_LEN);
    let budget = PROXY_STORAGE_BYTES - ACCOUNT_RECORD_BYTES;

    let mut chain = Chain { proxy_id: proxy_id.clone(), usage: CODE_HASH_REFERENCE_BYTES };
    chain.call(&router, 0, 10 * ONE_NEAR);
    let mut proxy = StakingProxy::new(owner.clone(), router.clone());
    let after_init = chain.persist(&mut proxy);

    let legs: Vec<PoolLeg> =
        pools.iter().map(|p| PoolLeg { pool_id: p.clone(), amount: router_core::Yocto(ONE_NEAR) }).collect();
    let total = ONE_NEAR * MAX_PROXY_POOLS as u128;
    chain.call(&router, total, 10 * ONE_NEAR + total);
    proxy.stake(legs, depositor.clone());
    let in_flight = chain.persist(&mut proxy);

    for p in &pools {
        chain.call(&proxy_id, 0, 10 * ONE_NEAR);
        proxy.on_pool_staked(p.clone(), U128(ONE_NEAR), depositor.clone(), Ok(()));
        chain.persist(&mut proxy);
    }
    let all_staked = chain.usage;

    // A second deposit into a held pool is refused before its refund arrives: owed.
    chain.call(&router, ONE_NEAR, 10 * ONE_NEAR + ONE_NEAR);
    proxy.stake(vec![PoolLeg { pool_id: pools[0].clone(), amount: router_core::Yocto(ONE_NEAR) }], depositor.clone());
    chain.persist(&mut proxy);
    let balance = chain.storage_only();
    chain.call(&proxy_id, 0, balance);
    assert!(!proxy.on_pool_staked(pools[0].clone(), U128(ONE_NEAR), depositor.clone(), Err(PromiseError::Failed)));
    let with_owed = chain.persist(&mut proxy);
    assert_eq!(proxy.get_owed_refund(depositor.clone()), U128(ONE_NEAR));
    assert_eq!(proxy.get_pools().len(), MAX_PROXY_POOLS);

    // The owner unstakes half of every pool at epoch 10 (unlock at 14); the pools accept.
    for p in &pools {
        chain.call_at(&owner, 1, 10 * ONE_NEAR, 10);
        drop(proxy.unstake(p.clone(), Some(U128(ONE_NEAR / 2)), None));
        chain.persist(&mut proxy);
        chain.call_at(&proxy_id, 0, 10 * ONE_NEAR, 10);
        assert!(done(proxy.on_unstaked(p.clone(), U128(ONE_NEAR / 2), U128(ONE_NEAR / 2), None, 14, Ok(()))));
        chain.persist(&mut proxy);
    }
    let all_unstaking = chain.usage;

    // At epoch 14 the owner withdraws from the first pool; the pool pays, but its transfer has
    // not arrived when the callback runs: nothing is recorded (the owner collects it later).
    chain.call_at(&proxy_id, 0, 10 * ONE_NEAR, 14);
    drop(proxy.on_unstaked_balance(
        pools[0].clone(),
        Some(14),
        Ok(crate::withdraw::ViewBytes(format!("\"{}\"", ONE_NEAR / 2).into_bytes())),
    ));
    chain.persist(&mut proxy);
    let balance = chain.storage_only();
    chain.call_at(&proxy_id, 0, balance, 14);
    assert!(done(proxy.on_pool_withdrawn(pools[0].clone(), U128(ONE_NEAR / 2), Some(14), Ok(()))));
    chain.persist(&mut proxy);
    assert_eq!(proxy.get_owed_refund(owner.clone()), U128(0));
    // ... and unstakes there again, so every record is at its largest once more.
    chain.call_at(&owner, 1, 10 * ONE_NEAR, 14);
    drop(proxy.unstake(pools[0].clone(), None, None));
    let worst = chain.persist(&mut proxy);
    assert!(proxy.get_pools().iter().all(|p| p.unlock_epoch.is_some()));
    assert_eq!(proxy.get_pools().len(), MAX_PROXY_POOLS);

    // The most moves pending, each naming a 64-character destination and holding idle NEAR.
    for i in 1..=MAX_PENDING_MOVES {
        let pending = PendingMove { to_pool: pools[i + 1].clone(), idle: ONE_NEAR };
        proxy.set_pending_move(&pools[i], Some(pending));
    }
    assert_eq!(proxy.moves_pending(), MAX_PENDING_MOVES);
    let with_moves = chain.persist(&mut proxy);

    println!(
        "proxy storage (bytes, incl. {CODE_HASH_REFERENCE_BYTES} for the code-hash reference, excl. the \
         {ACCOUNT_RECORD_BYTES}-byte account record): after init {after_init}, {MAX_PROXY_POOLS} legs in flight \
         {in_flight}, {MAX_PROXY_POOLS} pools staked {all_staked}, plus one owed refund {with_owed}, \
         all pools unstaking {all_unstaking}, plus a withdrawal owed to the owner {worst}, plus \
         {MAX_PENDING_MOVES} moves pending {with_moves}; budget {budget}"
    );
    for measured in [after_init, in_flight, all_staked, with_owed, all_unstaking, worst, with_moves] {
        assert!(measured < budget, "{measured} bytes >= budget {budget}");
    }
}
