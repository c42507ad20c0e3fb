//! Finding each epoch's first block over standard JSON-RPC, newest first: the head's epoch
//! (`validators`: its height and first block), then, one epoch back at a time, the previous
//! epoch's first block: about `epoch_length` (`EXPERIMENTAL_genesis_config`) before, checked by
//! its `epoch_id` (its own is the previous epoch's, its predecessor's is not), nudged a few
//! heights if the boundary drifted. The walk stops at the genesis, at an epoch already
//! recorded, or where the node no longer keeps blocks (`status`'s `earliest_block_height`),
//! and says why.

use crate::jsonrpc::{At, Rpc};
use serde_json::{json, Value};

/// How far a boundary is searched from where `epoch_length` puts it.
const DRIFT: u64 = 64;

/// One epoch's first block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EpochStart {
    /// The epoch height.
    pub epoch: u64,
    /// The first block's height.
    pub height: u64,
    /// Its hash (base58).
    pub hash: String,
    /// Its timestamp, ns since 1970.
    pub time_ns: u64,
}

/// A block's fields the walk needs.
struct Header {
    height: u64,
    hash: String,
    prev_hash: String,
    epoch_id: String,
    time_ns: u64,
}

fn header(rpc: &Rpc, at: &At) -> Result<Header, String> {
    let block = rpc.block(at).map_err(|e| e.text)?;
    let h = &block["header"];
    let text = |v: &Value| v.as_str().map(str::to_string).ok_or_else(|| format!("block {at:?}: no {v}"));
    let time_ns = h["timestamp_nanosec"]
        .as_str()
        .and_then(|t| t.parse().ok())
        .or(h["timestamp"].as_u64())
        .ok_or_else(|| format!("block {at:?}: no timestamp"))?;
    Ok(Header {
        height: h["height"].as_u64().ok_or_else(|| format!("block {at:?}: no height"))?,
        hash: text(&h["hash"])?,
        prev_hash: text(&h["prev_hash"])?,
        epoch_id: text(&h["epoch_id"])?,
        time_ns,
    })
}

/// The epochs' first blocks found, newest first, and why the walk stopped before the genesis
/// (if it did): `stop_at` is an epoch already recorded (not returned), `limit` the most
/// epochs to go back.
pub fn epoch_starts(rpc: &Rpc, stop_at: Option<u64>) -> Result<(Vec<EpochStart>, Option<String>), String> {
    let validators = rpc.call("validators", json!([null]))?;
    let mut epoch = validators["epoch_height"].as_u64().ok_or("validators: no epoch_height")?;
    let start = validators["epoch_start_height"].as_u64().ok_or("validators: no epoch_start_height")?;
    let genesis = rpc.call("EXPERIMENTAL_genesis_config", json!({}))?;
    let epoch_length = genesis["epoch_length"].as_u64().ok_or("EXPERIMENTAL_genesis_config: no epoch_length")?;
    let genesis_height = genesis["genesis_height"].as_u64().unwrap_or(0);
    let earliest = rpc.call("status", json!([]))?["sync_info"]["earliest_block_height"].as_u64();

    let mut current = header(rpc, &At::Height(start))?;
    let mut found = Vec::new();
    loop {
        if stop_at == Some(epoch) {
            return Ok((found, None));
        }
        found.push(EpochStart { epoch, height: current.height, hash: current.hash.clone(), time_ns: current.time_ns });
        if current.height <= genesis_height || epoch <= 1 {
            return Ok((found, None));
        }
        let guess = current.height.saturating_sub(epoch_length).max(genesis_height);
        if let Some(earliest) = earliest.filter(|e| guess < *e) {
            let why = format!(
                "epochs up to {}: their first blocks (from height {guess} down) are older than the node keeps \
                 (its earliest block is {earliest}: its history window; an archival node answers them)",
                epoch - 1
            );
            return Ok((found, Some(why)));
        }
        let previous = match header(rpc, &At::Hash(current.prev_hash.clone())) {
            Ok(h) => h,
            Err(e) => return Ok((found, Some(format!("epochs up to {}: {e}", epoch - 1)))),
        };
        match first_block_of(rpc, &previous.epoch_id, guess, previous.height) {
            Ok(first) => current = first,
            Err(e) => return Ok((found, Some(format!("epochs up to {}: {e}", epoch - 1)))),
        }
        epoch -= 1;
    }
}

/// The first block of the epoch `epoch_id`, searched around `guess` (at most `last`, the
/// epoch's last block).
fn first_block_of(rpc: &Rpc, epoch_id: &str, guess: u64, last: u64) -> Result<Header, String> {
    let mut errors = Vec::new();
    for offset in 0..=DRIFT {
        for height in [guess + offset, guess.saturating_sub(offset)] {
            if height > last || (offset == 0 && height != guess + offset) {
                continue;
            }
            let Ok(block) = header(rpc, &At::Height(height)).map_err(|e| errors.push(e)) else { continue };
            if block.epoch_id != epoch_id {
                continue;
            }
            match header(rpc, &At::Hash(block.prev_hash.clone())) {
                Ok(prev) if prev.epoch_id == epoch_id => continue,
                _ => return Ok(block),
            }
        }
    }
    Err(format!("no first block found near height {guess}: {}", errors.first().map_or("", String::as_str)))
}
