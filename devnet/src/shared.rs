//! [`SharedNode`]: the node behind a read-write lock. Requests that only read (`query`, `block`,
//! `status`, `validators`, ...) run side by side on read access; anything that may change the
//! state (transactions, sandbox methods, `tx`, a caller holding the node to set something up)
//! takes the write lock, one at a time.
//!
//! Taking the write lock empties the view cache (`view_cache.rs`) before the caller can change
//! anything, and answers are cached only under the read lock, so a cached answer is always
//! one of the state as it is now.

use crate::node::Node;
use crate::view_cache::ViewCache;
use std::ops::{Deref, DerefMut};
use std::sync::{LockResult, Mutex, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard, TryLockError};

/// The node, shared by the server's requests and by whoever started the devnet.
pub struct SharedNode {
    node: RwLock<Node>,
    pub(crate) views: Mutex<ViewCache>,
}

/// Write access to the node (from [`SharedNode::write`]); the view cache was emptied when it
/// was taken.
pub struct NodeWriteGuard<'a> {
    guard: RwLockWriteGuard<'a, Node>,
}

impl Deref for NodeWriteGuard<'_> {
    type Target = Node;

    fn deref(&self) -> &Node {
        &self.guard
    }
}

impl DerefMut for NodeWriteGuard<'_> {
    fn deref_mut(&mut self) -> &mut Node {
        &mut self.guard
    }
}

impl SharedNode {
    /// `node`, shared, with an empty view cache.
    pub fn new(node: Node) -> Self {
        SharedNode { node: RwLock::new(node), views: Mutex::new(ViewCache::default()) }
    }

    /// Read access, side by side with other readers (waits for a writer). Poisoned only if a
    /// writer panicked.
    pub fn read(&self) -> LockResult<RwLockReadGuard<'_, Node>> {
        self.node.read()
    }

    /// Read access if no writer holds or awaits the node now, else `None` (never waits: for
    /// the HTTP server's own tasks, which must not block).
    pub fn try_read(&self) -> Option<RwLockReadGuard<'_, Node>> {
        match self.node.try_read() {
            Ok(guard) => Some(guard),
            Err(TryLockError::Poisoned(e)) => Some(e.into_inner()),
            Err(TryLockError::WouldBlock) => None,
        }
    }

    /// Write access, alone: waits for every reader and writer, then empties the view cache.
    /// Poisoned if an earlier writer panicked (the guard is still inside the error).
    pub fn write(&self) -> LockResult<NodeWriteGuard<'_>> {
        let (guard, poisoned) = match self.node.write() {
            Ok(guard) => (guard, false),
            Err(e) => (e.into_inner(), true),
        };
        self.views.lock().unwrap_or_else(PoisonError::into_inner).clear();
        let guard = NodeWriteGuard { guard };
        if poisoned {
            Err(PoisonError::new(guard))
        } else {
            Ok(guard)
        }
    }

    /// View answers cached now (for tests and diagnostics).
    pub fn cached_views(&self) -> usize {
        self.views.lock().unwrap_or_else(PoisonError::into_inner).len()
    }
}
