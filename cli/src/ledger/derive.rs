//! Rewards and flows from the recorded snapshots: for each recorded epoch and the one recorded
//! before it, per position, `router_core::ledger::pool_change` or `token_change`. A position
//! missing at one end counts as holding nothing there (its first deposit, its last exit). A
//! gap (epochs the node could not answer) makes one interval of several epochs, named by
//! `since_epoch`. A position that held nothing at both ends gets no row.

use super::store::{Kind, RewardRow, SnapshotRow, Store};
use router_core::ledger::{pool_change, token_change, Change};
use std::collections::{BTreeMap, BTreeSet};

/// The change of one position between two snapshots (either may be absent: nothing held).
pub fn change(before: Option<&SnapshotRow>, after: Option<&SnapshotRow>) -> Change {
    let kind = after.or(before).map_or(Kind::Pool, |s| s.kind);
    match kind {
        Kind::Pool => {
            let figures = |s: Option<&SnapshotRow>| s.and_then(|s| s.pool).unwrap_or_default();
            pool_change(&figures(before), &figures(after))
        }
        Kind::Token => {
            let figures = |s: Option<&SnapshotRow>, other: Option<&SnapshotRow>| {
                // Nothing held: no units, at the other end's price (so no price change counts).
                let price = other.and_then(|o| o.token).and_then(|t| t.price);
                s.and_then(|s| s.token).unwrap_or(router_core::ledger::TokenFigures { units: 0, price })
            };
            token_change(&figures(before, after), &figures(after, before))
        }
    }
}

/// Every reward row the snapshots in `store` give, by epoch then position.
pub fn derive(store: &Store) -> Result<Vec<RewardRow>, String> {
    let epochs = store.epochs()?;
    let mut rows = Vec::new();
    let mut previous: Option<(u64, BTreeMap<String, SnapshotRow>)> = None;
    for e in epochs {
        let now: BTreeMap<String, SnapshotRow> =
            store.snapshot(e.epoch)?.into_iter().map(|s| (s.position.clone(), s)).collect();
        if let Some((since, before)) = &previous {
            let positions: BTreeSet<&String> = before.keys().chain(now.keys()).collect();
            for position in positions {
                let (b, a) = (before.get(position), now.get(position));
                let c = change(b, a);
                let value = a.map_or(0, |s| s.value);
                if c == Change::default() && value == 0 && b.map_or(0, |s| s.value) == 0 {
                    continue;
                }
                rows.push(RewardRow {
                    epoch: e.epoch,
                    since_epoch: *since,
                    position: position.clone(),
                    kind: a.or(b).map_or(Kind::Pool, |s| s.kind),
                    reward: c.reward,
                    flow: c.flow,
                    value,
                });
            }
        }
        previous = Some((e.epoch, now));
    }
    Ok(rows)
}
