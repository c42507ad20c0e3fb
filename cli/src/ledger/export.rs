//! `stake-router ledger export --csv`: one row per epoch and position, then totals per position
//! and calendar year (UTC), amounts in NEAR as exact decimal strings. With `--prices FILE`
//! (lines `YYYY-MM-DD,PRICE`: the user's own fiat price of one NEAR per day) two columns are
//! added: the price used and the reward in fiat, exactly `reward × price`.
//!
//! Columns: `row,epoch,start_time,position,kind,value_near,reward_near,flows_near`
//! (+ `near_price,reward_fiat`). `row` is `epoch` or `total`; a total row has no epoch, the
//! year in `start_time` and no value. A row's interval ends at that epoch's first block and
//! starts at the previous recorded epoch's; `--from`/`--to` (inclusive) select by the date of
//! `start_time`. The price of a day is the file's line for that date, else its latest earlier
//! line; none leaves the cells empty.

use super::dates::{day_of, format_date, format_time, parse_date};
use super::decimal::Decimal;
use super::{LedgerFile, RewardRow};
use router_core::ledger::format_signed_near;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// `stake-router ledger export` flags.
#[derive(Clone, Debug, clap::Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub file: LedgerFile,
    /// Write CSV (the format of the export)
    #[arg(long, required = true)]
    pub csv: bool,
    /// Only epochs starting on or after this date (YYYY-MM-DD, UTC)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<i64>,
    /// Only epochs starting on or before this date (YYYY-MM-DD, UTC)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub to: Option<i64>,
    /// A price file: lines `YYYY-MM-DD,PRICE` (fiat per NEAR); adds near_price and reward_fiat
    #[arg(long, value_name = "FILE")]
    pub prices: Option<PathBuf>,
    /// Write to FILE instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// Reads a price file: day -> price.
pub fn read_prices(text: &str) -> Result<BTreeMap<i64, Decimal>, String> {
    let mut prices = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (date, price) = line.split_once(',').ok_or_else(|| format!("line {}: not DATE,PRICE: {line}", n + 1))?;
        let day = match parse_date(date) {
            Ok(day) => day,
            Err(_) if n == 0 => continue, // a header line
            Err(e) => return Err(format!("line {}: {e}", n + 1)),
        };
        let price = Decimal::parse(price.trim().trim_matches('"')).map_err(|e| format!("line {}: {e}", n + 1))?;
        prices.insert(day, price);
    }
    Ok(prices)
}

/// The CSV of `rows` (with each epoch's start time) for the days in `from..=to`.
pub fn csv(
    rows: &[RewardRow],
    start_times: &BTreeMap<u64, u64>,
    from: Option<i64>,
    to: Option<i64>,
    prices: Option<&BTreeMap<i64, Decimal>>,
) -> String {
    let mut out = String::from("row,epoch,start_time,position,kind,value_near,reward_near,flows_near");
    if prices.is_some() {
        out += ",near_price,reward_fiat";
    }
    out += "\n";
    // (year, position) -> (kind, reward, flow, fiat)
    let mut totals: BTreeMap<(i64, &str), (&str, i128, i128, Decimal)> = BTreeMap::new();
    for r in rows {
        let time = start_times.get(&r.epoch).copied().unwrap_or(0);
        let day = day_of(time);
        if from.is_some_and(|f| day < f) || to.is_some_and(|t| day > t) {
            continue;
        }
        out += &format!(
            "epoch,{},{},{},{},{},{},{}",
            r.epoch,
            format_time(time),
            r.position,
            r.kind.as_str(),
            router_core::format_near(r.value),
            format_signed_near(r.reward),
            format_signed_near(r.flow)
        );
        let year: i64 = format_date(day)[..4].parse().unwrap_or(0);
        let total = totals.entry((year, &r.position)).or_insert((r.kind.as_str(), 0, 0, Decimal::zero()));
        total.1 = total.1.saturating_add(r.reward);
        total.2 = total.2.saturating_add(r.flow);
        if let Some(prices) = prices {
            match prices.range(..=day).next_back() {
                Some((_, price)) => {
                    let fiat = Decimal::from_scaled(r.reward, 24).mul(price);
                    out += &format!(",{price},{fiat}");
                    total.3 = total.3.add(&fiat);
                }
                None => out += ",,",
            }
        }
        out += "\n";
    }
    for ((year, position), (kind, reward, flow, fiat)) in totals {
        out += &format!("total,,{year},{position},{kind},,{},{}", format_signed_near(reward), format_signed_near(flow));
        if prices.is_some() {
            out += &format!(",,{fiat}");
        }
        out += "\n";
    }
    out
}

/// Runs `stake-router ledger export`.
pub fn run(args: ExportArgs) -> Result<(), String> {
    let store = args.file.open_existing()?;
    let start_times = store.epochs()?.into_iter().map(|e| (e.epoch, e.start_time_ns)).collect();
    let prices = match &args.prices {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            Some(read_prices(&text).map_err(|e| format!("{}: {e}", path.display()))?)
        }
        None => None,
    };
    let text = csv(&store.rewards()?, &start_times, args.from, args.to, prices.as_ref());
    match &args.out {
        Some(path) => std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display())),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}
