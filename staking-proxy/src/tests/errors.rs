//! Unit tests of `errors.rs`.

use crate::errors::*;
use router_core::MAX_PROXY_POOLS;

#[test]
fn messages_naming_the_pool_limit_match_the_constant() {
    let max = MAX_PROXY_POOLS.to_string();
    assert!(ERR_TOO_MANY_LEGS.ends_with(&format!("at most {max} pool legs")));
    assert!(ERR_TOO_MANY_POOLS.ends_with(&format!("more than {max} pools")));
    assert!(ERR_EXIT_TOO_MANY_POOLS.contains(&format!("already tracks {max} pools")));
}

#[test]
fn exit_gas_messages_match_the_constants() {
    let tgas = |gas: u64| gas / router_core::gas::TGAS;
    assert_eq!(crate::exits::UNSTAKE_GAS % router_core::gas::TGAS, 0);
    assert_eq!(crate::exits::WITHDRAW_GAS % router_core::gas::TGAS, 0);
    let unstake = tgas(crate::exits::UNSTAKE_GAS);
    let withdraw = tgas(crate::exits::WITHDRAW_GAS);
    assert!(ERR_UNSTAKE_GAS.contains(&format!("at least {unstake} TGas")));
    assert!(ERR_WITHDRAW_GAS.contains(&format!("at least {withdraw} TGas")));
}

#[test]
fn epoch_messages_name_the_epochs() {
    assert_eq!(
        err_timer_reset(Some(12), 15),
        "An earlier unstake from this pool (unlocking at epoch 12) has not been withdrawn yet; \
         the pool keeps one unstaked balance per delegator and restarts its timer on every \
         unstake, so all of it would then unlock at epoch 15. Withdraw first, or call again \
         with confirm_timer_reset: true"
    );
    assert!(err_timer_reset(None, 15).starts_with("An earlier unstake from this pool has not been withdrawn yet;"));
    assert_eq!(
        err_not_unlocked(14, 11),
        "The unstaked NEAR in this pool becomes available at epoch 14 (now epoch 11); withdraw then"
    );
}

#[test]
fn messages_are_capitalised_sentences_without_a_final_period() {
    let all = [
        ERR_INIT_NOT_ROUTER,
        ERR_NOT_SUB_ACCOUNT,
        ERR_ONLY_ROUTER,
        ERR_NO_LEGS,
        ERR_TOO_MANY_LEGS,
        ERR_DUPLICATE_POOL,
        ERR_ZERO_AMOUNT,
        ERR_DEPOSIT_MISMATCH,
        ERR_TOO_MANY_POOLS,
        ERR_NOT_ENOUGH_GAS,
        ERR_NO_OWED_REFUND,
        ERR_REFUND_NOT_ARRIVED,
        ERR_RELEASE_GAS,
        ERR_ONLY_OWNER,
        ERR_ZERO_UNSTAKE,
        ERR_EXIT_TOO_MANY_POOLS,
        ERR_UNSTAKE_GAS,
        ERR_WITHDRAW_GAS,
        ERR_MOVE_PENDING,
        ERR_MOVE_SAME_POOL,
        ERR_MOVE_OTHER_TARGET,
        ERR_TOO_MANY_MOVES,
        ERR_MOVE_GAS,
        ERR_FINISH_MOVE_GAS,
        ERR_NO_MOVE,
        ERR_MOVE_NOT_ARRIVED,
        ERR_MOVE_TOO_MANY_POOLS,
    ];
    let formatted = [err_timer_reset(Some(1), 2), err_not_unlocked(2, 1), err_move_not_unlocked(2, 1)];
    for m in all.iter().copied().chain(formatted.iter().map(String::as_str)) {
        assert!(m.starts_with(|c: char| c.is_ascii_uppercase()), "{m}");
        assert!(!m.ends_with('.'), "{m}");
    }
}

#[test]
fn release_gas_message_matches_the_constant() {
    let tgas = crate::refunds::RELEASE_REFUND_GAS / router_core::gas::TGAS;
    assert!(ERR_RELEASE_GAS.contains(&format!("at least {tgas} TGas")));
}
