//! Unit tests of the position composition.

use super::*;
use serde_json::json;

fn id(s: &str) -> AccountId {
    s.parse().unwrap()
}

fn record(pool: &str, principal: u128, unstaked: u128, unlock: Option<u64>) -> ProxyPool {
    ProxyPool {
        pool_id: id(pool),
        principal: Yocto(principal),
        unstaked_pending: Yocto(unstaked),
        unlock_epoch: unlock,
        ..ProxyPool::empty(id(pool))
    }
}

fn account(staked: u128, unstaked: u128, can_withdraw: bool) -> PoolAccount {
    PoolAccount {
        account_id: id("proxy.router.near"),
        staked_balance: Yocto(staked),
        unstaked_balance: Yocto(unstaked),
        can_withdraw,
    }
}

#[test]
fn rewards_are_what_the_pool_holds_beyond_the_principal() {
    let r = record("a.pool.near", 10 * ONE_NEAR, 0, None);
    let p = direct_position(&id("a.pool.near"), Some(&r), Some(&account(10 * ONE_NEAR + 7, 0, true)), 5);
    assert_eq!(p.rewards, Yocto(7));
    assert_eq!(p.available_from_epoch, None);
    assert!(!p.withdrawable_now && p.reported_by_pool);
}

#[test]
fn rounding_drift_below_the_principal_is_an_exact_loss_labelled_as_rounding() {
    let r = record("a.pool.near", 10 * ONE_NEAR, 2 * ONE_NEAR, Some(9));
    let p = direct_position(&id("a.pool.near"), Some(&r), Some(&account(10 * ONE_NEAR - 1, 2 * ONE_NEAR, false)), 6);
    assert_eq!((p.rewards, p.loss, p.loss_within_rounding), (Yocto(0), Yocto(1), true));
    assert_eq!(p.available_from_epoch, Some(9));
    assert!(!p.withdrawable_now);
}

#[test]
fn a_pool_decrease_is_reported_as_an_exact_loss() {
    // The pool lost 0.1% of the staked 10 NEAR; the 2 NEAR unstaked are untouched.
    let r = record("a.pool.near", 10 * ONE_NEAR, 2 * ONE_NEAR, Some(9));
    let a = account(10 * ONE_NEAR - ONE_NEAR / 1_000, 2 * ONE_NEAR, false);
    let p = direct_position(&id("a.pool.near"), Some(&r), Some(&a), 6);
    assert_eq!((p.rewards, p.loss, p.loss_within_rounding), (Yocto(0), Yocto(ONE_NEAR / 1_000), false));
    assert_eq!(p.value(), 12 * ONE_NEAR - ONE_NEAR / 1_000, "the pool's figure");
    assert_eq!(p.recorded(), 12 * ONE_NEAR);
}

#[test]
fn the_rounding_label_stops_at_the_tolerance() {
    let r = record("a.pool.near", 1_000, 0, None);
    let label = |held: u128| {
        let p = direct_position(&id("a.pool.near"), Some(&r), Some(&account(held, 0, true)), 1);
        (p.rewards.0, p.loss.0, p.loss_within_rounding)
    };
    assert_eq!(ROUNDING_TOLERANCE, 8);
    assert_eq!(label(1_000), (0, 0, false), "even: neither");
    assert_eq!(label(1_001), (1, 0, false));
    assert_eq!(label(999), (0, 1, true));
    assert_eq!(label(992), (0, 8, true), "at the tolerance: rounding");
    assert_eq!(label(991), (0, 9, false), "one more: a loss");
    assert_eq!(label(0), (0, 1_000, false), "everything lost");
}

#[test]
fn an_unreadable_pool_shows_neither_rewards_nor_loss() {
    let r = record("a.pool.near", 7, 3, Some(2));
    let p = direct_position(&id("a.pool.near"), Some(&r), None, 1);
    assert_eq!((p.rewards, p.loss, p.loss_within_rounding, p.reported_by_pool), (Yocto(0), Yocto(0), false, false));
}

#[test]
fn an_unstake_of_everything_counts_the_rewards_it_took_out() {
    // The proxy recorded its 10 NEAR principal as unstaking; the pool paid 10.5 into the bucket.
    let r = record("a.pool.near", 0, 10 * ONE_NEAR, Some(14));
    let p = direct_position(&id("a.pool.near"), Some(&r), Some(&account(0, 10 * ONE_NEAR + ONE_NEAR / 2, true)), 15);
    assert_eq!(p.rewards, Yocto(ONE_NEAR / 2));
    assert_eq!(p.available_from_epoch, Some(14));
    assert!(p.withdrawable_now);
}

#[test]
fn availability_follows_the_pool_and_falls_back_to_the_unlock_delay() {
    let pool = id("a.pool.near");
    // The pool says locked but the proxy has no record: current + 4.
    let p = direct_position(&pool, None, Some(&account(0, 5, false)), 20);
    assert_eq!(p.available_from_epoch, Some(24));
    // Withdrawable, no record: now.
    let p = direct_position(&pool, None, Some(&account(0, 5, true)), 20);
    assert_eq!(p.available_from_epoch, Some(20));
    assert_eq!(p.rewards, Yocto(5), "nothing recorded: all of it is beyond the principal");
    // No pool view: the records stand in, due once the recorded epoch has come.
    let r = record("a.pool.near", 3, 4, Some(20));
    let p = direct_position(&pool, Some(&r), None, 20);
    assert_eq!((p.staked, p.unstaked, p.withdrawable_now, p.reported_by_pool), (Yocto(3), Yocto(4), true, false));
    assert_eq!(p.rewards, Yocto(0));
}

#[test]
fn liquid_values_use_the_price_per_token_rounded_down() {
    assert_eq!(liquid_value(2 * ONE_NEAR, 1_100_000_000_000_000_000_000_000), Some(2_200_000_000_000_000_000_000_000));
    assert_eq!(liquid_value(3, ONE_NEAR / 2), Some(1));
    assert_eq!(liquid_value(u128::MAX, 2 * ONE_NEAR), None);
}

fn inputs() -> PositionInputs {
    let mut moving = record("b.pool.near", 0, 2 * ONE_NEAR, Some(14));
    moving.moving_to = Some(id("a.pool.near"));
    moving.move_idle = Yocto(ONE_NEAR);
    let mut staking = record("a.pool.near", 10 * ONE_NEAR, 0, None);
    staking.in_flight = Yocto(3);
    PositionInputs {
        account_id: Some(id("alice.near")),
        proxy_id: Some(id("proxy.router.near")),
        current_epoch: 12,
        proxy_pools: vec![staking, moving],
        pool_accounts: [
            (id("a.pool.near"), account(10 * ONE_NEAR + 100, 0, true)),
            (id("b.pool.near"), account(0, 2 * ONE_NEAR, false)),
            (id("c.pool.near"), account(0, 9, true)),
            (id("d.pool.near"), account(0, 0, true)),
        ]
        .into_iter()
        .collect(),
        claimables: [(id("linear.near"), Yocto(ONE_NEAR)), (id("meta.near"), Yocto(5))].into_iter().collect(),
        liquid: vec![LiquidHolding {
            token_id: id("linear.near"),
            balance: Yocto(ONE_NEAR),
            price: Some(Yocto(ONE_NEAR + ONE_NEAR / 10)),
        }],
    }
}

#[test]
fn a_whole_position_with_totals() {
    let p = compose_position(&inputs());
    let pools: Vec<&str> = p.direct.iter().map(|d| d.pool_id.as_str()).collect();
    assert_eq!(pools, ["a.pool.near", "b.pool.near", "c.pool.near"], "an empty untracked pool is left out");
    assert_eq!(p.direct[0].rewards, Yocto(100));
    assert_eq!(p.direct[1].moving_to, Some(id("a.pool.near")));
    assert_eq!(p.direct[1].available_from_epoch, Some(14));
    assert_eq!(p.direct[2].rewards, Yocto(9));
    assert_eq!(p.liquid.len(), 2);
    assert_eq!(p.liquid[0].value, Some(Yocto(2 * (ONE_NEAR + ONE_NEAR / 10))), "wallet and claimable");
    assert_eq!((p.liquid[1].claimable, p.liquid[1].value), (Yocto(5), None));
    let t = &p.totals;
    assert_eq!(t.staked, Yocto(10 * ONE_NEAR + 100));
    assert_eq!(t.unstaked, Yocto(2 * ONE_NEAR + 9));
    assert_eq!(t.withdrawable_now, Yocto(9));
    assert_eq!(t.in_transit, Yocto(ONE_NEAR + 3));
    assert_eq!(t.principal, Yocto(12 * ONE_NEAR));
    assert_eq!(t.rewards, Yocto(109));
    assert_eq!(t.liquid_value, Yocto(2 * (ONE_NEAR + ONE_NEAR / 10)));
    assert_eq!(t.unpriced_tokens, 1);
    let total = t.staked.0 + t.unstaked.0 + t.in_transit.0 + t.liquid_value.0;
    assert_eq!(t.total_near, Yocto(total));
    assert_eq!((t.loss, t.rounding_loss, t.net_gain, t.net_loss), (Yocto(0), Yocto(0), Yocto(109), Yocto(0)));
}

#[test]
fn totals_add_losses_apart_from_rewards_and_net_them() {
    let mut i = inputs();
    // b.pool lost 1.5 of its 2 NEAR unstaking; c.pool, untracked, holds 9 yocto of rewards.
    i.pool_accounts.insert(id("b.pool.near"), account(0, ONE_NEAR / 2, false));
    // e.pool drifted 3 yocto below its records: rounding.
    i.proxy_pools.push(record("e.pool.near", 50, 0, None));
    i.pool_accounts.insert(id("e.pool.near"), account(47, 0, true));
    let t = compose_position(&i).totals;
    assert_eq!(t.rewards, Yocto(109));
    assert_eq!(t.loss, Yocto(3 * ONE_NEAR / 2 + 3));
    assert_eq!(t.rounding_loss, Yocto(3));
    assert_eq!((t.net_gain, t.net_loss), (Yocto(0), Yocto(3 * ONE_NEAR / 2 + 3 - 109)));
    assert_eq!(t.staked.0 + t.unstaked.0 + t.loss.0, t.principal.0 + t.rewards.0, "exact over the totals");

    // Only the rounding: the net is a loss of 3 yocto less the rewards, i.e. a gain.
    let mut i = inputs();
    i.proxy_pools.push(record("e.pool.near", 50, 0, None));
    i.pool_accounts.insert(id("e.pool.near"), account(47, 0, true));
    let t = compose_position(&i).totals;
    assert_eq!((t.loss, t.rounding_loss, t.net_gain, t.net_loss), (Yocto(3), Yocto(3), Yocto(106), Yocto(0)));
}

#[test]
fn amounts_are_decimal_strings_and_views_of_older_proxies_parse() {
    let p = compose_position(&inputs());
    let v = serde_json::to_value(&p).unwrap();
    assert_eq!(v["direct"][0]["staked"], json!("10000000000000000000000100"));
    assert_eq!(v["totals"]["rewards"], json!("109"));
    assert_eq!(v["liquid"][1]["value"], json!(null));
    assert_eq!((&v["direct"][0]["loss"], &v["direct"][0]["loss_within_rounding"]), (&json!("0"), &json!(false)));
    assert_eq!((&v["totals"]["loss"], &v["totals"]["net_gain"]), (&json!("0"), &json!("109")));
    let back: Position = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(back, p);
    // A position written before losses were reported (no loss fields) still parses.
    let mut old = v;
    for d in old["direct"].as_array_mut().unwrap() {
        let d = d.as_object_mut().unwrap();
        d.remove("loss").unwrap();
        d.remove("loss_within_rounding").unwrap();
    }
    for key in ["loss", "rounding_loss", "net_gain", "net_loss"] {
        old["totals"].as_object_mut().unwrap().remove(key).unwrap();
    }
    let back: Position = serde_json::from_value(old).unwrap();
    assert_eq!(back.direct, p.direct, "no pool of this position has a loss");
    assert_eq!((back.totals.loss, back.totals.net_gain), (Yocto(0), Yocto(0)), "absent: 0");

    // A proxy's get_pools entry without the move fields (layout before moves).
    let old: ProxyPool = serde_json::from_value(json!({"pool_id": "a.pool.near", "principal": "10",
        "in_flight": "0", "unstaked_pending": "4", "unlock_epoch": 17}))
    .unwrap();
    assert_eq!(old.move_idle, Yocto(0));
    assert_eq!(old.moving_to, None);
    // A pool's get_account as the core staking pool returns it.
    let a: PoolAccount = serde_json::from_value(json!({"account_id": "p.router.near",
        "unstaked_balance": "1", "staked_balance": "2", "can_withdraw": true}))
    .unwrap();
    assert_eq!(
        a,
        PoolAccount {
            account_id: id("p.router.near"),
            unstaked_balance: Yocto(1),
            staked_balance: Yocto(2),
            can_withdraw: true
        }
    );
}

#[test]
fn an_account_without_a_proxy_or_tokens_has_an_empty_position() {
    let p = compose_position(&PositionInputs { current_epoch: 3, ..PositionInputs::default() });
    assert!(p.direct.is_empty() && p.liquid.is_empty());
    assert_eq!(p.totals, PositionTotals::default());
}

#[test]
fn totals_saturate_instead_of_overflowing() {
    let big = DirectPosition {
        staked: Yocto(u128::MAX),
        unstaked: Yocto(1),
        ..direct_position(&id("a.pool.near"), None, None, 0)
    };
    let t = totals(&[big.clone(), big], &[]);
    assert_eq!((t.staked, t.total_near), (Yocto(u128::MAX), Yocto(u128::MAX)));
}
