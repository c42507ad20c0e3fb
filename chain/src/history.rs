//! The states of past blocks, for views at an older height: as a non-archival nearcore node,
//! the chain keeps the blocks of the last `ChainConfig::history_epochs` epochs (the head's
//! included; nearcore's `gc_num_epochs_to_keep`, 5) and forgets older ones.
//!
//! Each past block keeps a [`Version`]: persistent maps that share every node the later blocks
//! did not change, so keeping a block costs what changed in it, not a copy of the state. Code
//! is content-addressed and shared by all blocks.
//!
//! Blocks: every height the chain stops at has a block (a transaction's receipts run one block
//! after another). A jump (`advance_blocks(n)` with `n > 1`, the devnet's `sandbox_fast_forward`)
//! produces, like nearcore's sandbox fast-forward, no blocks at the heights it skips, except at
//! each epoch boundary it crosses: the last block of the epoch that ends and the first block of
//! the next one (where the epoch's rewards are paid) exist, so every epoch has its blocks.

use crate::chain::Chain;
use crate::state::{BlockInfo, Version};
use std::collections::VecDeque;
use std::fmt;

/// Why the state of a block cannot be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryError {
    /// The block is older than the kept window (nearcore's `GARBAGE_COLLECTED_BLOCK`), or older
    /// than the state this chain was loaded from.
    GarbageCollected,
    /// No block was produced at this height (a jump skipped it).
    NoBlock,
    /// The height is above the head.
    Unknown,
}

impl fmt::Display for HistoryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            HistoryError::GarbageCollected => "the block's state is no longer kept (garbage collected)",
            HistoryError::NoBlock => "no block at this height",
            HistoryError::Unknown => "the height is above the head",
        })
    }
}

impl std::error::Error for HistoryError {}

/// Past blocks' states inside the window, oldest first.
#[derive(Default)]
pub(crate) struct History {
    versions: VecDeque<Version>,
    /// The last block produced before the head (kept or not), if known.
    pub last: Option<u64>,
    /// The lowest height whose state the chain has had: genesis, or the head it was loaded at.
    pub start: u64,
}

impl History {
    /// An empty history starting at `height`.
    pub fn starting_at(height: u64) -> Self {
        History { versions: VecDeque::new(), last: None, start: height }
    }

    /// Keeps `version` (heights only grow).
    pub fn push(&mut self, version: Version) {
        debug_assert!(self.versions.back().is_none_or(|v| v.block.height < version.block.height));
        self.versions.push_back(version);
    }

    /// Forgets every block below `height`.
    pub fn prune(&mut self, height: u64) {
        while self.versions.front().is_some_and(|v| v.block.height < height) {
            self.versions.pop_front();
        }
    }

    /// The state at the end of past block `height`, if it was produced and is kept.
    pub fn get(&self, height: u64) -> Option<&Version> {
        let i = self.versions.binary_search_by_key(&height, |v| v.block.height).ok()?;
        self.versions.get(i)
    }

    /// Past blocks kept.
    pub fn len(&self) -> usize {
        self.versions.len()
    }

    /// The oldest kept block's height.
    pub fn first(&self) -> Option<u64> {
        self.versions.front().map(|v| v.block.height)
    }
}

impl Chain {
    /// The lowest height whose state is kept: the first block of the epoch
    /// `history_epochs - 1` epochs before the head's (nearcore's GC stop height), or the
    /// height the chain was loaded at if that is later. Views below it are
    /// [`HistoryError::GarbageCollected`].
    pub fn oldest_kept_height(&self) -> u64 {
        self.window_start(self.block.height)
    }

    /// How many epochs of blocks are kept (at least 1: the head's).
    pub fn history_epochs(&self) -> u64 {
        self.config.history_epochs.max(1)
    }

    /// Keeps `epochs` epochs of blocks from now on (a node setting, like nearcore's
    /// `gc_num_epochs_to_keep`); blocks outside the new window are forgotten at once.
    pub fn set_history_epochs(&mut self, epochs: u64) {
        self.config.history_epochs = epochs;
        let start = self.oldest_kept_height();
        self.history.prune(start);
    }

    /// How many past blocks' states are kept (the head's is the live state).
    pub fn history_len(&self) -> usize {
        self.history.len()
    }

    /// Whether block `height` exists and its state is kept (the head included).
    pub fn has_block(&self, height: u64) -> bool {
        self.at(height).is_ok()
    }

    /// The oldest block whose state is kept (the head if no past block is).
    pub fn earliest_block_height(&self) -> u64 {
        self.history.first().unwrap_or(self.block.height)
    }

    /// The window's first height when the head is at `head`.
    pub(crate) fn window_start(&self, head: u64) -> u64 {
        let epoch = self.config.epoch_of(head).saturating_sub(self.history_epochs() - 1);
        self.config.first_block_of(epoch).max(self.history.start)
    }

    /// Keeps the current state as `block`'s, if it is inside the window starting at `keep_from`.
    pub(crate) fn record_block(&mut self, block: BlockInfo, keep_from: u64) {
        let prev = self.history.last.replace(block.height);
        if block.height >= keep_from {
            let version = self.state.version(block, prev);
            self.history.push(version);
        }
    }

    /// Where block `height`'s state is: the live state for the head, a kept version before.
    pub(crate) fn version_at(&self, height: u64) -> Result<Option<&Version>, HistoryError> {
        if height > self.block.height {
            return Err(HistoryError::Unknown);
        }
        if height == self.block.height {
            return Ok(None);
        }
        if height < self.oldest_kept_height() {
            return Err(HistoryError::GarbageCollected);
        }
        self.history.get(height).map(Some).ok_or(HistoryError::NoBlock)
    }
}
