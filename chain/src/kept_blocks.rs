//! The chain's kept past blocks as `Chain` methods: the window, which heights are blocks,
//! recording a block, and the state a height names (`history.rs` holds the blocks).

use crate::chain::Chain;
use crate::history::HistoryError;
use crate::state::{BlockInfo, Version};

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
