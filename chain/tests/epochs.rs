//! The epoch boundary: stake returned when no epoch counts it any more, rewards by uptime,
//! the treasury's share, the supply, and a saved chain keeping all of it.

use near_chain::{
    test_public_key, AccountId, Action, Balance, Chain, ChainConfig, Kickout, Ratio, RewardConfig, Uptime, Work,
};

const EPOCH: u64 = 100;
const BLOCK_NS: u64 = 1_000_000_000;

fn near(n: u128) -> Balance {
    Balance::from_near(n)
}

fn id(s: &str) -> AccountId {
    s.parse().unwrap()
}

/// A chain with 100-block epochs of one second per block, and `rewards`.
fn chain_with(rewards: RewardConfig) -> Chain {
    let config = ChainConfig { epoch_length: EPOCH, block_time_ns: BLOCK_NS, rewards, ..ChainConfig::default() };
    let mut chain = Chain::with_config(config);
    chain.create_account("alice.near", near(1_000));
    chain
}

/// No inflation: locked balances move only by stake returns.
fn no_rewards() -> RewardConfig {
    RewardConfig { max_inflation_rate: Ratio::new(0, 1), ..RewardConfig::default() }
}

fn stake(chain: &mut Chain, id: &str, amount: Balance) {
    let action = Action::Stake { stake: amount, public_key: test_public_key(id) };
    let out = chain.batch(id, id, vec![action]).unwrap();
    assert!(out.is_success(), "{:?}", out.failure_message());
}

fn locked(chain: &Chain, id: &str) -> Balance {
    chain.account(id).unwrap().locked
}

#[test]
fn lowered_stake_returns_at_the_start_of_the_third_epoch_after_the_proposal() {
    let mut chain = chain_with(no_rewards());
    stake(&mut chain, "alice.near", near(100));
    assert_eq!(locked(&chain, "alice.near"), near(100), "raising locks at once");
    chain.advance_epochs(2);
    assert_eq!(chain.validator_stake("alice.near"), Some(near(100)), "a validator two epochs after proposing");

    let proposed_in = chain.epoch_height();
    stake(&mut chain, "alice.near", near(40));
    assert_eq!(locked(&chain, "alice.near"), near(100), "lowering does not unlock at once");
    let liquid = chain.balance("alice.near").unwrap();
    for epoch in proposed_in + 1..proposed_in + 3 {
        chain.advance_epochs(1);
        assert_eq!(chain.epoch_height(), epoch);
        assert_eq!(locked(&chain, "alice.near"), near(100), "epoch {epoch} still counts the old stake");
    }
    assert_eq!(chain.validator_stake("alice.near"), Some(near(40)), "the set changed two epochs after");
    chain.advance_epochs(1);
    assert_eq!(chain.epoch_height(), proposed_in + 3);
    assert_eq!(locked(&chain, "alice.near"), near(40));
    assert_eq!(chain.balance("alice.near").unwrap(), liquid.checked_add(near(60)).unwrap());
}

#[test]
fn unstaking_everything_kicks_out_and_returns_it_all() {
    let mut chain = chain_with(no_rewards());
    stake(&mut chain, "alice.near", near(100));
    chain.advance_epochs(2);
    let proposed_in = chain.epoch_height();
    stake(&mut chain, "alice.near", Balance::ZERO);
    chain.advance_epochs(1);
    let info = chain.epoch_info(proposed_in + 2).unwrap();
    assert_eq!(info.kickout.get(&id("alice.near")), Some(&Kickout::Unstaked));
    assert!(!info.validators.contains_key(&id("alice.near")));
    chain.advance_epochs(1);
    assert_eq!(locked(&chain, "alice.near"), near(100), "not before the third epoch");
    chain.advance_epochs(1);
    assert_eq!(locked(&chain, "alice.near"), Balance::ZERO);
    assert_eq!(chain.validator_stake("alice.near"), None);
}

/// Two genesis validators, 300 and 100 NEAR, the first always online, the second producing
/// 24 of every 25 blocks and chunks it is expected to.
fn two_validators() -> Chain {
    let mut chain = chain_with(RewardConfig::default());
    chain.create_account("protocol-treasury", Balance::ZERO);
    chain.set_validator_stake("v1.near", near(300));
    chain.set_validator_stake("v2.near", near(100));
    chain.set_validator_uptime("v2.near", Uptime::all(24, 25));
    chain
}

#[test]
fn rewards_are_the_calculators_figure_to_the_yocto_and_land_in_the_locked_balance() {
    let mut chain = two_validators();
    let supply = chain.total_supply().as_yoctonear();
    assert_eq!(supply, near(1_400).as_yoctonear());
    chain.advance_epochs(1);
    // The genesis epoch lasted 100 blocks of 1 s from the genesis block: 99 s. 2.5% a year.
    let duration_ns = 99 * u128::from(BLOCK_NS);
    let year_ns = 365 * 24 * 3600 * 1_000_000_000u128;
    let total = supply * duration_ns / (year_ns * 40);
    let treasury = total / 10;
    let share = total - treasury;
    let v1 = share * 300 / 400;
    // v2 was expected to produce 25 blocks and 25 chunks (a quarter of 100) and made 24 of
    // each; endorsements above the 70% cut-off count 1: online (24/25 + 24/25 + 1) / 3 =
    // 73/75, which is 22/27 of the way from 90% to 99%.
    let v2 = share * 22 * 100 / (27 * 400);
    let y = Balance::from_yoctonear;
    assert_eq!(locked(&chain, "v1.near"), near(300).checked_add(y(v1)).unwrap());
    assert_eq!(locked(&chain, "v2.near"), near(100).checked_add(y(v2)).unwrap());
    assert_eq!(chain.balance("protocol-treasury").unwrap(), y(treasury));
    assert_eq!(chain.total_supply().as_yoctonear(), supply + v1 + v2 + treasury, "the supply grows by the mint");
    let info = chain.epoch_info(chain.epoch_height() + 1).unwrap();
    assert_eq!(info.minted, y(v1 + v2 + treasury));
    assert_eq!(info.validators[&id("v1.near")], near(300).checked_add(y(v1)).unwrap(), "the reward is staked on");
}

#[test]
fn a_validator_below_the_online_threshold_earns_nothing() {
    let mut chain = two_validators();
    // 20 of 25 blocks and chunks: online (0.8 + 0.8 + 1) / 3, below 90%.
    chain.set_validator_uptime("v2.near", Uptime { chunks: Work { produced: 4, expected: 5 }, ..Uptime::all(80, 100) });
    chain.advance_epochs(1);
    assert_eq!(locked(&chain, "v2.near"), near(100));
    assert!(locked(&chain, "v1.near") > near(300));
    let stats = chain.validator_stats();
    assert_eq!(stats[&id("v2.near")].blocks.expected, 1, "1 block so far: at least one is expected of any validator");
}

#[test]
fn fast_forward_runs_every_boundary_and_a_saved_chain_keeps_the_epochs() {
    let mut chain = two_validators();
    chain.advance_epochs(5);
    let v1 = locked(&chain, "v1.near");
    let mut stepped = two_validators();
    for _ in 0..5 {
        stepped.advance_epochs(1);
    }
    assert_eq!(locked(&stepped, "v1.near"), v1, "one jump of 5 epochs = 5 steps");
    assert!(v1 > near(300));

    stake(&mut chain, "alice.near", near(50));
    let restored = Chain::load_state(&chain.save_state()).unwrap();
    assert_eq!(restored.epoch_proposals(), chain.epoch_proposals());
    for e in chain.epoch_height() - 2..=chain.epoch_height() + 1 {
        assert_eq!(restored.epoch_info(e), chain.epoch_info(e), "epoch {e}");
    }
    assert_eq!(restored.validator_uptime("v2.near"), Uptime::all(24, 25));
    assert_eq!(restored.config().rewards, chain.config().rewards);
}
