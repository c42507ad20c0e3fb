//! An in-process NEAR chain on the VM nearcore runs (`near-vm-runner` with the latest
//! protocol's `near-parameters` config): accounts, transactions, receipts, promises, gas,
//! refunds and storage staking, modeled after nearcore's runtime. See `README.md` for exactly
//! what is modeled and what is not.
//!
//! ```no_run
//! use near_chain::{Chain, Balance, Gas};
//! let mut chain = Chain::new();
//! chain.create_account("alice.near", Balance::from_near(100));
//! chain.create_account("app.near", Balance::from_near(10));
//! chain.deploy("app.near", &std::fs::read("app.wasm").unwrap());
//! let outcome = chain
//!     .call("alice.near", "app.near", "set_value", r#"{"value":"x"}"#, Balance::ZERO, Gas::from_teragas(30))
//!     .unwrap();
//! assert!(outcome.is_success());
//! let value: String = chain.view_json("app.near", "get_value", serde_json::json!({})).unwrap();
//! ```
//!
//! Files: `chain.rs` (setup, views), `block_state.rs` (reads of one block's state, the head's
//! or a past one's), `history.rs` (past blocks' states), `kept_blocks.rs` (the kept window, recording a block), `validators.rs` (validator sets, uptime, the clock),
//! `epoch.rs` (the epoch boundary: validator sets, stake returned, rewards paid), `rewards.rs`
//! (nearcore's reward calculator), `transaction.rs` (transactions and the
//! receipt loop), `runtime.rs` (one action receipt), `actions.rs` (non-call actions),
//! `external.rs` (the VM's `External`), `storage.rs` (contract storage and its undo journal),
//! `receipt_manager.rs` (receipts a call creates, gas weights), `vm.rs` (running code, module
//! cache), `gas.rs` (fees, refunds), `receipt.rs` (receipts, pending data), `account.rs`,
//! `action.rs`, `outcome.rs`, `events.rs` (NEP-297), `error.rs`, `config.rs`, `state.rs`,
//! `snapshot.rs` (save/load), `signed.rs` (access-key records, transaction cost, a transaction
//! with a given key, data patches: for a node in front).

#![warn(missing_docs)]

mod account;
mod action;
mod actions;
mod block_state;
mod chain;
mod config;
mod epoch;
mod error;
mod events;
mod external;
mod gas;
mod history;
mod kept_blocks;
mod outcome;
mod receipt;
mod receipt_manager;
mod rewards;
mod runtime;
mod signed;
mod snapshot;
mod snapshot_epochs;
mod state;
mod storage;
mod transaction;
mod validators;
mod vm;

pub use account::{
    data_storage, full_access_key, key_storage, storage_shortfall, Account, ContractRef,
    MAX_ACCOUNT_DELETION_STORAGE_USAGE, ZERO_BALANCE_ACCOUNT_STORAGE_LIMIT,
};
pub use action::{test_public_key, Action};
pub use block_state::BlockState;
pub use chain::{Chain, IntoAccountId};
pub use config::{ChainConfig, DEFAULT_HISTORY_EPOCHS};
pub use epoch::{EpochInfo, Kickout, Uptime};
pub use error::{ActionsValidationError, InvalidTx, ViewError};
pub use events::{parse_event, parse_events, Event, EVENT_PREFIX};
pub use history::HistoryError;
pub use outcome::{ActionError, ActionErrorKind, ExecutionStatus, FinalStatus, ReceiptId, ReceiptOutcome, TxOutcome};
pub use receipt::TxId;
pub use rewards::{calculate_reward, online_ratio, EpochReward, Ratio, RewardConfig, ValidatorStats, Work};
pub use snapshot::{SNAPSHOT_MAGIC, SNAPSHOT_VERSION};
pub use state::BlockInfo;
pub use storage::{Bytes, ContractData};
pub use vm::cache_dir;

pub use near_crypto::PublicKey;
pub use near_parameters::RuntimeConfig;
pub use near_primitives_core::account::{AccessKey, AccessKeyPermission, FunctionCallPermission};
pub use near_primitives_core::hash::CryptoHash;
pub use near_primitives_core::types::{AccountId, Balance, Gas};
