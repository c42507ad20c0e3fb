//! [`SharedNode`]: the node behind a read-write lock. Requests that only read (`query`, `block`,
//! `status`, `validators`, ...) run side by side on read access; anything that may change the
//! state (transactions, sandbox methods, `tx`, a caller holding the node to set something up)
//! takes the write lock, one at a time.

use crate::node::Node;
use std::ops::{Deref, DerefMut};
use std::sync::{LockResult, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// The node, shared by the server's requests and by whoever started the devnet.
pub struct SharedNode {
    node: RwLock<Node>,
}

/// Write access to the node (from [`SharedNode::write`]).
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
    /// `node`, shared.
    pub fn new(node: Node) -> Self {
        SharedNode { node: RwLock::new(node) }
    }

    /// Read access, side by side with other readers (waits for a writer). Poisoned only if a
    /// writer panicked.
    pub fn read(&self) -> LockResult<RwLockReadGuard<'_, Node>> {
        self.node.read()
    }

    /// Write access, alone: waits for every reader and writer.
    /// Poisoned if an earlier writer panicked (the guard is still inside the error).
    pub fn write(&self) -> LockResult<NodeWriteGuard<'_>> {
        let (guard, poisoned) = match self.node.write() {
            Ok(guard) => (guard, false),
            Err(e) => (e.into_inner(), true),
        };
        let guard = NodeWriteGuard { guard };
        if poisoned {
            Err(PoisonError::new(guard))
        } else {
            Ok(guard)
        }
    }
}
