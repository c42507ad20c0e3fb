//! Property tests of the position's rewards and losses over random records and pool figures.

use proptest::prelude::*;
use router_core::position::*;
use router_core::{AccountId, Yocto};

fn id(s: &str) -> AccountId {
    s.parse().unwrap()
}

/// Amounts from a few yoctoNEAR to a billion NEAR, near each other often enough to hit the
/// rounding tolerance and the even case.
fn amount() -> impl Strategy<Value = u128> {
    prop_oneof![0u128..64, 0u128..10u128.pow(33)]
}

/// `(principal, unstaked_pending, staked, unstaked)` of one pool; the pool's figures are
/// sometimes the records moved by a few yoctoNEAR either way.
fn pool_figures() -> impl Strategy<Value = (u128, u128, u128, u128)> {
    (amount(), amount(), amount(), amount(), -20i64..20, any::<bool>()).prop_map(|(p, u, s, n, drift, near)| {
        if near {
            (p, u, p.saturating_add_signed(drift.into()), u)
        } else {
            (p, u, s, n)
        }
    })
}

fn position_of(pools: &[(u128, u128, u128, u128)]) -> Position {
    let mut inputs = PositionInputs { current_epoch: 10, ..PositionInputs::default() };
    for (k, &(principal, pending, staked, unstaked)) in pools.iter().enumerate() {
        let pool = id(&format!("pool-{k}.near"));
        inputs.proxy_pools.push(ProxyPool {
            principal: Yocto(principal),
            unstaked_pending: Yocto(pending),
            ..ProxyPool::empty(pool.clone())
        });
        inputs.pool_accounts.insert(
            pool,
            PoolAccount {
                account_id: id("proxy.near"),
                staked_balance: Yocto(staked),
                unstaked_balance: Yocto(unstaked),
                can_withdraw: false,
            },
        );
    }
    compose_position(&inputs)
}

proptest! {
    #[test]
    fn each_pool_has_rewards_or_a_loss_and_its_value_is_exact(pools in prop::collection::vec(pool_figures(), 1..8)) {
        let p = position_of(&pools);
        prop_assert_eq!(p.direct.len(), pools.len());
        for (d, &(principal, pending, staked, unstaked)) in p.direct.iter().zip(&pools) {
            prop_assert!(d.rewards.0 == 0 || d.loss.0 == 0, "both above 0: {:?}", d);
            // value = principal + rewards - loss, exactly (in i128-free form: no overflow).
            prop_assert_eq!(d.value() + d.loss.0, d.recorded() + d.rewards.0);
            prop_assert_eq!(d.value(), staked + unstaked, "the pool's figure");
            prop_assert_eq!(d.recorded(), principal + pending, "the proxy's records");
            prop_assert_eq!(d.loss_within_rounding, d.loss.0 > 0 && d.loss.0 <= ROUNDING_TOLERANCE);
        }
        let t = &p.totals;
        prop_assert_eq!(t.staked.0 + t.unstaked.0 + t.loss.0, t.principal.0 + t.rewards.0);
        prop_assert_eq!(t.loss.0, p.direct.iter().map(|d| d.loss.0).sum::<u128>());
        prop_assert_eq!(
            t.rounding_loss.0,
            p.direct.iter().filter(|d| d.loss_within_rounding).map(|d| d.loss.0).sum::<u128>()
        );
        prop_assert!(t.rounding_loss.0 <= t.loss.0);
        // The net is the rewards less the losses, on one side of 0.
        prop_assert!(t.net_gain.0 == 0 || t.net_loss.0 == 0);
        prop_assert_eq!(t.net_gain.0 + t.loss.0, t.net_loss.0 + t.rewards.0);
        prop_assert_eq!(t.staked.0 + t.unstaked.0 + t.net_loss.0, t.principal.0 + t.net_gain.0);
    }

    #[test]
    fn a_drift_of_a_few_yocto_is_labelled_by_its_size(recorded in 0u128..10u128.pow(30), drift in 0u128..40) {
        let held = recorded.saturating_sub(drift);
        let d = &position_of(&[(recorded, 0, held, 0)]).direct[0];
        let lost = recorded - held;
        prop_assert_eq!((d.rewards.0, d.loss.0), (0, lost));
        prop_assert_eq!(d.loss_within_rounding, (1..=ROUNDING_TOLERANCE).contains(&lost));
    }
}
