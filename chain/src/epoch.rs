//! Validator sets and the epoch boundary, as nearcore's epoch manager and runtime run them.
//!
//! Followed:
//! - `near/nearcore:chain/epoch-manager/src/lib.rs`: `finalize_epoch` (rewards for the epoch that ends, by
//!   its validators' stakes; the set of the epoch after next from this epoch's proposals),
//!   `collect_blocks_info` (a proposal of 0 by a validator of the next epoch kicks it out,
//!   `Unstaked`) and `compute_stake_return_info` (per account, the largest `stake_change` of
//!   the epoch that ends, the next one and the one after).
//! - `near/nearcore:chain/epoch-manager/src/validator_selection.rs`: `apply_epoch_update_to_proposals` (the
//!   next epoch's validators roll over unless they proposed; rewards are added to the stake
//!   they carry over).
//! - `runtime/runtime/src/lib.rs`: `update_validator_accounts`, run on the first block of the
//!   new epoch (each reward is added to the locked balance; locked stake above both the largest
//!   of those three stakes and the account's proposal in the last block returns to the liquid
//!   balance; the treasury's share is paid to its liquid balance).
//!
//! So stake lowered by a `Stake` action in epoch T stays locked while epochs T, T+1 and T+2
//! count it and is liquid again from the first block of epoch T+3.

use crate::account::Accounts;
use crate::rewards::{calculate_reward, RewardConfig, ValidatorStats, Work};
use near_primitives_core::types::{AccountId, Balance};
use primitive_types::U256;
use std::collections::{BTreeMap, BTreeSet};

/// Epoch infos kept behind the current one (for views of past epochs).
const PAST_EPOCHS_KEPT: u64 = 6;

/// Why a validator leaves the set (nearcore's `ValidatorKickoutReason`, the reasons modelled).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kickout {
    /// It proposed a stake of 0.
    Unstaked,
}

/// One epoch's validator set and what the epoch manager decided for it (the parts of
/// nearcore's `EpochInfo` this chain uses).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EpochInfo {
    /// The validators and their stakes.
    pub validators: BTreeMap<AccountId, Balance>,
    /// Every account whose stake this epoch settles, with that stake (0 for one that left).
    pub stake_change: BTreeMap<AccountId, Balance>,
    /// Rewards for the work of the epoch two before this one (paid when the one before began),
    /// the treasury's share included.
    pub validator_reward: BTreeMap<AccountId, Balance>,
    /// Everything those rewards minted.
    pub minted: Balance,
    /// Validators of the epoch before that leave the set, and why.
    pub kickout: BTreeMap<AccountId, Kickout>,
}

/// How much of its share of the work a validator does: produced out of expected, for blocks,
/// chunks and chunk endorsements. The chain has one shard and every validator does every kind
/// of work, expected in proportion to its stake.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Uptime {
    /// Blocks produced per blocks expected.
    pub blocks: Work,
    /// Chunks produced per chunks expected.
    pub chunks: Work,
    /// Endorsements produced per endorsements expected.
    pub endorsements: Work,
}

impl Uptime {
    /// Everything expected is produced.
    pub const FULL: Uptime = Uptime::all(1, 1);

    /// The same `produced` out of `expected` for every kind of work.
    pub const fn all(produced: u64, expected: u64) -> Uptime {
        let w = Work { produced, expected };
        Uptime { blocks: w, chunks: w, endorsements: w }
    }

    /// What a validator with `stake` out of `total` does in `blocks` blocks.
    pub fn stats(&self, blocks: u64, stake: Balance, total: Balance) -> ValidatorStats {
        let expected = share(blocks, stake, total);
        let done = |w: Work| Work {
            produced: (u128::from(expected) * u128::from(w.produced) / u128::from(w.expected.max(1))) as u64,
            expected,
        };
        ValidatorStats { blocks: done(self.blocks), chunks: done(self.chunks), endorsements: done(self.endorsements) }
    }
}

/// `ceil(blocks * stake / total)`: a validator with any stake is expected at least once.
fn share(blocks: u64, stake: Balance, total: Balance) -> u64 {
    if total.is_zero() {
        return 0;
    }
    let num = U256::from(blocks) * U256::from(stake.as_yoctonear());
    let den = U256::from(total.as_yoctonear());
    let ceil = (num + den - U256::one()) / den;
    ceil.min(U256::from(blocks)).as_u64()
}

/// The chain's epochs: infos from a few epochs back to the next one, the current epoch's
/// proposals and each validator's uptime setting.
#[derive(Clone, Debug, Default)]
pub(crate) struct Epochs {
    /// The current epoch's height.
    pub current: u64,
    /// Epoch infos by epoch height, up to `current + 1`.
    pub infos: BTreeMap<u64, EpochInfo>,
    /// The current epoch's proposals: the latest stake each account proposed.
    pub proposals: BTreeMap<AccountId, Balance>,
    /// Proposals of one block: (height, proposals), the last block's at a boundary.
    pub block_proposals: (u64, BTreeMap<AccountId, Balance>),
    /// Uptime settings; validators not listed do all their work.
    pub uptime: BTreeMap<AccountId, Uptime>,
}

impl Epochs {
    /// Epochs starting at `genesis_epoch`, with no validators.
    pub fn new(genesis_epoch: u64) -> Self {
        let mut infos = BTreeMap::new();
        infos.insert(genesis_epoch, EpochInfo::default());
        infos.insert(genesis_epoch + 1, EpochInfo::default());
        Epochs { current: genesis_epoch, infos, ..Epochs::default() }
    }

    /// The current epoch's validators.
    pub fn validators(&self) -> &BTreeMap<AccountId, Balance> {
        &self.infos[&self.current].validators
    }

    /// Records `account`'s proposal of `stake` at block `height`.
    pub fn propose(&mut self, height: u64, account: &AccountId, stake: Balance) {
        self.proposals.insert(account.clone(), stake);
        if self.block_proposals.0 != height {
            self.block_proposals = (height, BTreeMap::new());
        }
        self.block_proposals.1.insert(account.clone(), stake);
    }

    /// Sets `account`'s stake in the current and the next epoch's sets (0 removes it), as a
    /// genesis record would.
    pub fn set_stake(&mut self, account: &AccountId, stake: Balance) {
        for epoch in [self.current, self.current + 1] {
            let info = self.infos.get_mut(&epoch).expect("current and next are kept");
            if stake.is_zero() {
                info.validators.remove(account);
            } else {
                info.validators.insert(account.clone(), stake);
            }
            info.stake_change.insert(account.clone(), stake);
        }
    }

    /// What each current validator has done in the first `blocks` blocks of the epoch.
    pub fn stats(&self, blocks: u64) -> BTreeMap<AccountId, ValidatorStats> {
        self.stats_of(self.validators(), blocks)
    }

    /// What each validator of `set` does in `blocks` blocks, by its uptime setting.
    pub fn stats_of(&self, set: &BTreeMap<AccountId, Balance>, blocks: u64) -> BTreeMap<AccountId, ValidatorStats> {
        let total = total(set);
        set.iter()
            .map(|(id, stake)| {
                let uptime = self.uptime.get(id).copied().unwrap_or(Uptime::FULL);
                (id.clone(), uptime.stats(blocks, *stake, total))
            })
            .collect()
    }

    /// Ends the current epoch (its last block is `last_height`, it lasted `duration_ns` and
    /// held `blocks` blocks) and starts the next: the set of the epoch after next, rewards,
    /// and every account's locked balance as nearcore sets it.
    pub fn finish_epoch(
        &mut self,
        config: &RewardConfig,
        accounts: &mut Accounts,
        last_height: u64,
        blocks: u64,
        duration_ns: u64,
    ) {
        let e = self.current;
        let next = self.infos[&(e + 1)].clone();
        let proposals = std::mem::take(&mut self.proposals);
        let mut kickout = BTreeMap::new();
        for (id, stake) in &proposals {
            if stake.is_zero() && !next.stake_change.get(id).copied().unwrap_or_default().is_zero() {
                kickout.insert(id.clone(), Kickout::Unstaked);
            }
        }
        let supply = total_supply(accounts);
        let reward = calculate_reward(config, &self.stats(blocks), self.validators(), supply, duration_ns);
        let after_next = next_set(&proposals, &next, &reward.rewards, kickout, reward.minted);
        self.infos.insert(e + 2, after_next);

        let last_proposals = match &self.block_proposals {
            (height, p) if *height == last_height => p.clone(),
            _ => BTreeMap::new(),
        };
        let stake_info = max_of_stakes([&self.infos[&e], &self.infos[&(e + 1)], &self.infos[&(e + 2)]]);
        update_accounts(accounts, &stake_info, &reward.rewards, &last_proposals, config);

        self.current = e + 1;
        self.infos = self.infos.split_off(&self.current.saturating_sub(PAST_EPOCHS_KEPT));
    }
}

/// Sum of stakes.
pub(crate) fn total(set: &BTreeMap<AccountId, Balance>) -> Balance {
    set.values().fold(Balance::ZERO, |acc, s| acc.saturating_add(*s))
}

/// Every account's liquid and locked balance: the supply (nothing is in flight between
/// transactions).
pub(crate) fn total_supply(accounts: &Accounts) -> Balance {
    accounts.values().fold(Balance::ZERO, |acc, a| acc.saturating_add(a.balance).saturating_add(a.locked))
}

/// The set of the epoch after next (`apply_epoch_update_to_proposals` and the selection):
/// this epoch's proposals, then the next epoch's validators that did not propose, each with
/// the reward it earned; kicked-out accounts and stakes of 0 leave. Every account with stake
/// is a validator (no seats).
fn next_set(
    proposals: &BTreeMap<AccountId, Balance>,
    next: &EpochInfo,
    rewards: &BTreeMap<AccountId, Balance>,
    kickout: BTreeMap<AccountId, Kickout>,
    minted: Balance,
) -> EpochInfo {
    let mut stake_change = BTreeMap::new();
    let mut set = BTreeMap::new();
    for (id, stake) in proposals {
        stake_change.insert(id.clone(), if kickout.contains_key(id) { Balance::ZERO } else { *stake });
        if !kickout.contains_key(id) {
            set.insert(id.clone(), *stake);
        }
    }
    for (id, stake) in &next.validators {
        if kickout.contains_key(id) {
            stake_change.insert(id.clone(), Balance::ZERO);
            continue;
        }
        let carried = set.entry(id.clone()).or_insert(*stake);
        *carried = carried.saturating_add(rewards.get(id).copied().unwrap_or_default());
        stake_change.insert(id.clone(), *carried);
    }
    set.retain(|_, stake| !stake.is_zero());
    EpochInfo { validators: set, stake_change, validator_reward: rewards.clone(), minted, kickout }
}

/// Per account, the largest stake any of the three infos settles (`compute_stake_return_info`).
fn max_of_stakes(infos: [&EpochInfo; 3]) -> BTreeMap<AccountId, Balance> {
    let ids: BTreeSet<&AccountId> = infos.iter().flat_map(|i| i.stake_change.keys()).collect();
    ids.into_iter()
        .map(|id| {
            let max = infos.iter().filter_map(|i| i.stake_change.get(id)).copied().max().unwrap_or_default();
            (id.clone(), max)
        })
        .collect()
}

/// `update_validator_accounts`: rewards onto the locked balance, stake no epoch needs back to
/// the liquid balance, the treasury's share to the treasury.
fn update_accounts(
    accounts: &mut Accounts,
    stake_info: &BTreeMap<AccountId, Balance>,
    rewards: &BTreeMap<AccountId, Balance>,
    last_proposals: &BTreeMap<AccountId, Balance>,
    config: &RewardConfig,
) {
    for (id, max) in stake_info {
        let Some(account) = accounts.get_mut(id).map(std::sync::Arc::make_mut) else { continue };
        if let Some(reward) = rewards.get(id) {
            account.locked = account.locked.saturating_add(*reward);
        }
        let keep = (*max).max(last_proposals.get(id).copied().unwrap_or_default());
        let returned = account.locked.saturating_sub(keep);
        account.locked = account.locked.saturating_sub(returned);
        account.balance = account.balance.saturating_add(returned);
    }
    let treasury = &config.protocol_treasury_account;
    if !stake_info.contains_key(treasury) {
        let share = rewards.get(treasury).copied().unwrap_or_default();
        if let (false, Some(account)) = (share.is_zero(), accounts.get_mut(treasury).map(std::sync::Arc::make_mut)) {
            account.balance = account.balance.saturating_add(share);
        }
    }
}
