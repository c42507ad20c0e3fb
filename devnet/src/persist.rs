//! The state file (`--state FILE`): the chain and the node's own records, saved atomically
//! (`FILE.tmp`, then rename) and loaded at start.
//!
//! Format (README "State file"): the 8 bytes `NDEVNET\0`, a version byte (1), then the borsh of
//! [`DevnetStateV1`]: the root account and its secret key, near-chain's own snapshot
//! (`Chain::save_state`, with its own magic and version), the block hashes handed out, and
//! every executed transaction's outcome as nearcore's JSON.

use crate::config::DevnetConfig;
use crate::node::Node;
use borsh::{BorshDeserialize, BorshSerialize};
use near_chain::Chain;
use near_crypto::SecretKey;
use near_primitives::hash::CryptoHash;
use near_primitives::views::FinalExecutionOutcomeView;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

/// The first bytes of a devnet state file.
pub const STATE_MAGIC: &[u8; 8] = b"NDEVNET\0";
/// The state file version written (and the only one read).
pub const STATE_VERSION: u8 = 1;

/// Version 1 of the state file's body.
#[derive(BorshSerialize, BorshDeserialize)]
pub struct DevnetStateV1 {
    /// The root account id.
    pub root: String,
    /// Its secret key, `ed25519:<base58>`.
    pub root_key: String,
    /// `Chain::save_state` bytes.
    pub chain: Vec<u8>,
    /// Block hashes handed out (so transactions signed against them stay valid), by height.
    pub block_hashes: Vec<(CryptoHash, u64)>,
    /// Executed transactions: hash and `FinalExecutionOutcomeView` JSON.
    pub txs: Vec<(CryptoHash, String)>,
}

/// The node's state as a state file's bytes.
pub fn encode(node: &Node) -> Vec<u8> {
    let mut block_hashes: Vec<(CryptoHash, u64)> =
        node.hashes.lock().unwrap_or_else(std::sync::PoisonError::into_inner).iter().map(|(h, n)| (*h, *n)).collect();
    block_hashes.sort_by_key(|(_, n)| *n);
    let mut txs: Vec<(CryptoHash, String)> =
        node.txs.iter().map(|(h, o)| (*h, serde_json::to_string(o).expect("outcome JSON"))).collect();
    txs.sort();
    let state = DevnetStateV1 {
        root: node.root.to_string(),
        root_key: node.root_key.to_string(),
        chain: node.chain.save_state(),
        block_hashes,
        txs,
    };
    let mut out = STATE_MAGIC.to_vec();
    out.push(STATE_VERSION);
    borsh::to_writer(&mut out, &state).expect("borsh to a Vec");
    out
}

/// A node from a state file's bytes; a readable error for anything else.
pub fn decode(bytes: &[u8], config: &DevnetConfig) -> Result<Node, String> {
    let rest = bytes.strip_prefix(STATE_MAGIC.as_slice()).ok_or("not a devnet state file (bad magic header)")?;
    let (&version, body) = rest.split_first().ok_or("truncated devnet state file (no version byte)")?;
    if version != STATE_VERSION {
        return Err(format!(
            "unsupported devnet state file version {version} (this devnet reads version {STATE_VERSION})"
        ));
    }
    let state = DevnetStateV1::try_from_slice(body).map_err(|e| format!("corrupt devnet state file: {e}"))?;
    let mut chain = Chain::load_state(&state.chain)?;
    chain.set_history_epochs(config.history_epochs);
    let root = state.root.parse().map_err(|e| format!("corrupt devnet state file: root account: {e}"))?;
    let root_key: SecretKey =
        state.root_key.parse().map_err(|e| format!("corrupt devnet state file: root key: {e}"))?;
    let mut txs = std::collections::HashMap::new();
    for (hash, json) in state.txs {
        let outcome: FinalExecutionOutcomeView =
            serde_json::from_str(&json).map_err(|e| format!("corrupt devnet state file: outcome of {hash}: {e}"))?;
        txs.insert(hash, outcome);
    }
    Ok(Node {
        chain,
        root,
        root_key,
        rpc_addr: None,
        txs,
        running: std::collections::HashMap::new(),
        hashes: std::sync::Mutex::new(state.block_hashes.into_iter().collect()),
        started: Instant::now(),
        state_file: config.state.clone(),
    })
}

/// The node from `config.state` if that file exists, else a fresh one.
pub fn load_or_new(config: &DevnetConfig) -> std::io::Result<Node> {
    let Some(path) = &config.state else {
        return Ok(Node::new(config));
    };
    match std::fs::read(path) {
        Ok(bytes) => decode(&bytes, config)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, format!("{}: {e}", path.display()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let node = Node::new(config);
            save(&node, path)?;
            Ok(node)
        }
        Err(e) => Err(std::io::Error::new(e.kind(), format!("{}: {e}", path.display()))),
    }
}

/// Writes the state to `path` durably and atomically: `path.tmp` written and synced to disk,
/// renamed over `path`, then the folder synced, so a crash at any point leaves either the old
/// or the new state, whole.
pub fn save(node: &Node, path: &Path) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let mut file = std::fs::File::create(&tmp)?;
    file.write_all(&encode(node))?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&tmp, path)?;
    std::fs::File::open(dir)?.sync_all()
}

impl Node {
    /// Saves to the state file, if there is one. The request that changed the state is
    /// answered only after this returns: an error here becomes the request's error, so no
    /// answer claims a transaction whose state is not on disk.
    pub fn persist(&self) -> Result<(), String> {
        match &self.state_file {
            Some(path) => save(self, path).map_err(|e| format!("saving the state to {}: {e}", path.display())),
            None => Ok(()),
        }
    }
}
