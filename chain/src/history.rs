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

use crate::state::Version;
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
