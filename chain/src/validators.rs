//! Validators, epochs and the clock: the sets contracts read with `validator_stake`, the
//! uptime settings rewards are computed from, and moving forward block by block with the
//! epoch boundary (`epoch.rs`) run once per epoch crossed.

use crate::account::Account;
use crate::chain::{Chain, IntoAccountId};
use crate::epoch::{EpochInfo, Uptime};
use crate::rewards::ValidatorStats;
use near_primitives_core::types::{AccountId, Balance};
use std::collections::BTreeMap;
use std::sync::Arc;

impl Chain {
    /// Makes `id` a validator with `stake` in the current and the next epoch (0 removes it),
    /// as a genesis record: an account that does not exist is created holding `stake` locked;
    /// an existing account's balances are left as they are. From the epoch after next, the set
    /// follows the proposals (`Stake` actions) and rolls over as in nearcore.
    pub fn set_validator_stake(&mut self, id: impl IntoAccountId, stake: Balance) {
        let id = id.into_account_id();
        if !stake.is_zero() && !self.state.accounts.contains_key(&id) {
            let mut account = Account::new_empty(&self.runtime);
            account.locked = stake;
            self.state.put_account(id.clone(), account);
        }
        self.state.epochs_mut().set_stake(&id, stake);
    }

    /// `id`'s stake in the current epoch's validator set.
    pub fn validator_stake(&self, id: impl IntoAccountId) -> Option<Balance> {
        self.head().validators().get(&id.into_account_id()).copied()
    }

    /// The current epoch's validators and their stakes, in account order.
    pub fn validators(&self) -> impl Iterator<Item = (&AccountId, Balance)> {
        self.head().validators().iter().map(|(id, stake)| (id, *stake))
    }

    /// Total stake of the current epoch's validators.
    pub fn validator_total_stake(&self) -> Balance {
        self.head().validator_total_stake()
    }

    /// Every successful `Stake` action so far: (account, new total stake), in order.
    pub fn stake_proposals(&self) -> &[(AccountId, Balance)] {
        &self.state.stake_proposals
    }

    /// The current epoch's proposals: the latest stake each account proposed.
    pub fn epoch_proposals(&self) -> &BTreeMap<AccountId, Balance> {
        self.head().epoch_proposals()
    }

    /// The info of epoch `epoch_height`: kept from a few epochs back to the next epoch.
    pub fn epoch_info(&self, epoch_height: u64) -> Option<&EpochInfo> {
        self.head().epoch_info(epoch_height)
    }

    /// Sets how much of its expected work `id` does (validators not set do all of it).
    pub fn set_validator_uptime(&mut self, id: impl IntoAccountId, uptime: Uptime) {
        self.state.epochs_mut().uptime.insert(id.into_account_id(), uptime);
    }

    /// `id`'s uptime setting.
    pub fn validator_uptime(&self, id: impl IntoAccountId) -> Uptime {
        self.head().validator_uptime(id)
    }

    /// What each current validator has produced and was expected to, so far this epoch.
    pub fn validator_stats(&self) -> BTreeMap<AccountId, ValidatorStats> {
        self.head().validator_stats()
    }

    /// The total supply: every account's liquid and locked balance. It grows by what each
    /// epoch's rewards mint and shrinks by burnt gas.
    pub fn total_supply(&self) -> Balance {
        self.head().total_supply()
    }

    /// Moves `n` blocks forward.
    pub fn advance_blocks(&mut self, n: u64) {
        self.advance_to(self.block.height + n);
    }

    /// Moves to the first block of the epoch `n` epochs ahead.
    pub fn advance_epochs(&mut self, n: u64) {
        let target = self.config.first_block_of(self.block.epoch_height + n);
        self.advance_to(target);
    }

    /// Moves to block `height` (never backwards), ending each epoch on the way. The block left
    /// behind is kept in the history; a jump also keeps the last and first block around each
    /// epoch boundary it crosses (`history.rs`), and blocks outside the window are forgotten.
    pub(crate) fn advance_to(&mut self, height: u64) {
        let from = self.block.height;
        if height <= from {
            return;
        }
        let keep_from = self.window_start(height);
        self.record_block(self.block, keep_from);
        while self.config.epoch_of(height) > self.state.epochs.current {
            let ending = self.state.epochs.current;
            let first = self.config.first_block_of(ending);
            let last = self.config.first_block_of(ending + 1) - 1;
            if last > from {
                self.record_block(self.config.block_info(last), keep_from);
            }
            let duration = self.config.timestamp_of(last) - self.config.timestamp_of(first.saturating_sub(1));
            let blocks = last + 1 - first;
            let rewards = self.config.rewards.clone();
            let epochs = Arc::make_mut(&mut self.state.epochs);
            epochs.finish_epoch(&rewards, &mut self.state.accounts, last, blocks, duration);
            if last + 1 < height {
                self.record_block(self.config.block_info(last + 1), keep_from);
            }
        }
        self.block = self.config.block_info(height);
        self.history.prune(keep_from);
    }
}
