//! A contract's key-value storage as the VM sees it during one call, with an undo journal so a
//! failed receipt leaves no trace.

use near_vm_runner::logic::{HostError, StorageAccessTracker, VMLogicError, ValuePtr};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Bytes of a storage key or value, shared between the states of the blocks that hold them.
pub type Bytes = Arc<[u8]>;

/// A contract's key-value storage: a persistent map (`imbl::OrdMap`), so the state of a past
/// block shares every unchanged node with the head's.
pub type ContractData = imbl::OrdMap<Bytes, Bytes>;

/// The first value each key had in the current receipt, so a failed receipt can be undone.
#[derive(Default)]
pub(crate) struct Journal {
    old: BTreeMap<Bytes, Option<Bytes>>,
}

impl Journal {
    /// Notes `key`'s value before its first change.
    pub fn record(&mut self, key: &[u8], old: Option<&Bytes>) {
        if !self.old.contains_key(key) {
            self.old.insert(key.into(), old.cloned());
        }
    }

    /// Puts every touched key back as it was.
    pub fn undo(self, data: &mut ContractData) {
        for (key, old) in self.old {
            match old {
                Some(value) => data.insert(key, value),
                None => data.remove(&key),
            };
        }
    }
}

/// Storage access of a function call: writable with a journal, or read-only for views.
pub(crate) enum DataAccess<'a> {
    Read(&'a ContractData),
    Write(&'a mut ContractData, &'a mut Journal),
}

/// A stored value handed to the VM (it charges by length before reading).
pub(crate) struct ValueRef<'b>(pub &'b [u8]);

impl ValuePtr for ValueRef<'_> {
    fn len(&self) -> u32 {
        self.0.len() as u32
    }

    fn deref(&self, _: &mut dyn StorageAccessTracker) -> Result<Vec<u8>, VMLogicError> {
        Ok(self.0.to_vec())
    }
}

fn read_only(method: &str) -> VMLogicError {
    HostError::ProhibitedInView { method_name: method.into() }.into()
}

impl DataAccess<'_> {
    /// The storage.
    pub fn map(&self) -> &ContractData {
        match self {
            DataAccess::Read(map) => map,
            DataAccess::Write(map, _) => map,
        }
    }

    /// Writes `key`, returning the value it replaced.
    pub fn set(&mut self, key: &[u8], value: &[u8]) -> Result<Option<Vec<u8>>, VMLogicError> {
        match self {
            DataAccess::Write(map, journal) => {
                journal.record(key, map.get(key));
                Ok(map.insert(key.into(), value.into()).map(|old| old.to_vec()))
            }
            DataAccess::Read(_) => Err(read_only("storage_write")),
        }
    }

    /// Removes `key`, returning its value.
    pub fn remove(&mut self, key: &[u8]) -> Result<Option<Vec<u8>>, VMLogicError> {
        match self {
            DataAccess::Write(map, journal) => {
                journal.record(key, map.get(key));
                Ok(map.remove(key).map(|old| old.to_vec()))
            }
            DataAccess::Read(_) => Err(read_only("storage_remove")),
        }
    }
}
