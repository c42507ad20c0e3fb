//! `stake-router ledger show`: the ledger as a compact table: per position its value at the
//! last recorded epoch, its rewards and flows over every recorded epoch and in the last one
//! (NEAR, 5 decimals rounded toward zero; `ledger export --csv` has the exact figures).

use super::dates::format_time;
use super::{LedgerFile, Store};
use router_core::ledger::format_signed_near;
use std::collections::BTreeMap;

/// `stake-router ledger show` flags.
#[derive(Clone, Debug, clap::Args)]
pub struct ShowArgs {
    #[command(flatten)]
    pub file: LedgerFile,
}

/// A signed yoctoNEAR amount with at most 5 decimals, rounded toward zero.
fn short(yocto: i128) -> String {
    let step = 10i128.pow(19);
    format_signed_near(yocto - yocto % step)
}

/// The table.
pub fn table(store: &Store) -> Result<String, String> {
    let epochs = store.epochs()?;
    let (Some(first), Some(last)) = (epochs.first(), epochs.last()) else {
        return Ok(format!("{}: no epochs recorded yet (run `stake-router ledger sync`).\n", store.path().display()));
    };
    let mut out = format!(
        "Ledger of {} on {} ({}): epochs {} to {} ({} recorded), {} to {}\n",
        store.meta("account")?.unwrap_or_default(),
        store.meta("router")?.unwrap_or_default(),
        store.path().display(),
        first.epoch,
        last.epoch,
        epochs.len(),
        format_time(first.start_time_ns),
        format_time(last.start_time_ns)
    );
    // position -> (kind, value now, rewards, flows, last epoch's reward)
    let mut rows: BTreeMap<String, (&str, u128, i128, i128, i128)> = BTreeMap::new();
    for s in store.snapshot(last.epoch)? {
        rows.insert(s.position.clone(), (s.kind.as_str(), s.value, 0, 0, 0));
    }
    for r in store.rewards()? {
        let row = rows.entry(r.position.clone()).or_insert((r.kind.as_str(), 0, 0, 0, 0));
        row.2 = row.2.saturating_add(r.reward);
        row.3 = row.3.saturating_add(r.flow);
        if r.epoch == last.epoch {
            row.4 = r.reward;
        }
    }
    rows.retain(|_, r| (r.1, r.2, r.3) != (0, 0, 0));
    let header = ["position", "kind", "value NEAR", "rewards NEAR", "flows NEAR", "last epoch"];
    let mut lines: Vec<[String; 6]> = vec![header.map(str::to_string)];
    let mut sums = (0u128, 0i128, 0i128, 0i128);
    for (position, (kind, value, reward, flow, latest)) in &rows {
        lines.push([
            position.clone(),
            kind.to_string(),
            short(*value as i128),
            short(*reward),
            short(*flow),
            short(*latest),
        ]);
        sums = (sums.0 + value, sums.1 + reward, sums.2 + flow, sums.3 + latest);
    }
    lines.push(["total".into(), String::new(), short(sums.0 as i128), short(sums.1), short(sums.2), short(sums.3)]);
    let widths: Vec<usize> = (0..6).map(|i| lines.iter().map(|l| l[i].len()).max().unwrap_or(0)).collect();
    for l in &lines {
        let cells: Vec<String> = l
            .iter()
            .enumerate()
            .map(|(i, c)| if i < 2 { format!("{c:<w$}", w = widths[i]) } else { format!("{c:>w$}", w = widths[i]) })
            .collect();
        out += cells.join("  ").trim_end();
        out += "\n";
    }
    Ok(out)
}

/// Runs `stake-router ledger show`.
pub fn run(args: ShowArgs) -> Result<(), String> {
    print!("{}", table(&args.file.open_existing()?)?);
    Ok(())
}
