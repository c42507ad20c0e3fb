//! `stake-router ledger export --csv` and `ledger show` on a fixed ledger (written with the
//! store's own API, no chain): a pool earning, a deposit, a second pool, a token whose price
//! rises and of which some is sold, a loss, across a year boundary, with a price file. The CSV
//! is compared with `tests/golden/ledger_export.csv` byte for byte.

mod common;

use common::{cli, NEAR};
use router_core::ledger::{PoolFigures, TokenFigures};
use stake_router_cli::ledger::{derive, EpochRow, Kind, SnapshotRow, Store};
use std::path::PathBuf;

/// 2024-12-31T12:00:00Z in ns.
const T0: u64 = 1_735_646_400 * 1_000_000_000;
const HALF_DAY: u64 = 43_200 * 1_000_000_000;
const MILLI: u128 = NEAR / 1_000;

fn pool(name: &str, staked: u128, principal: u128) -> SnapshotRow {
    let figures = PoolFigures { staked, unstaked: 0, principal, unstaked_pending: 0 };
    SnapshotRow { position: name.into(), kind: Kind::Pool, pool: Some(figures), token: None, value: figures.value() }
}

fn token(units: u128, price: u128) -> SnapshotRow {
    let figures = TokenFigures { units, price: Some(price) };
    SnapshotRow {
        position: "linear.near".into(),
        kind: Kind::Token,
        pool: None,
        token: Some(figures),
        value: figures.value(),
    }
}

/// The fixed scenario's ledger (epochs 99 to 103, 2024-12-31 to 2025-01-02); returns its path.
fn ledger(dir: &std::path::Path) -> PathBuf {
    let path = dir.join("fixed.sqlite3");
    let _ = std::fs::remove_file(&path);
    let mut store = Store::open(&path, &"router.near".parse().unwrap(), &"alice.near".parse().unwrap()).unwrap();
    let price = 1_100 * MILLI;
    let risen = 1_101_100 * (MILLI / 1_000);
    let epochs = [
        (99, T0 - HALF_DAY, vec![pool("pool-a.near", 100 * NEAR, 100 * NEAR), token(50 * NEAR, price)]),
        (100, T0, vec![pool("pool-a.near", 100 * NEAR + 4 * MILLI, 100 * NEAR), token(50 * NEAR, price)]),
        (101, T0 + HALF_DAY, vec![pool("pool-a.near", 100 * NEAR + 10 * MILLI, 100 * NEAR), token(50 * NEAR, risen)]),
        (
            102,
            T0 + 2 * HALF_DAY,
            vec![
                pool("pool-a.near", 120 * NEAR + 12_500 * (MILLI / 1_000), 120 * NEAR),
                pool("pool-b.near", 10 * NEAR, 10 * NEAR),
                token(40 * NEAR, risen),
            ],
        ),
        (
            103,
            T0 + 4 * HALF_DAY,
            vec![
                pool("pool-a.near", 120 * NEAR - 3, 120 * NEAR),
                pool("pool-b.near", 10 * NEAR + 1, 10 * NEAR),
                token(40 * NEAR, risen),
            ],
        ),
    ];
    for (epoch, time, snapshot) in epochs {
        let row =
            EpochRow { epoch, start_height: epoch * 43_200, block_hash: format!("hash{epoch}"), start_time_ns: time };
        store.record_epoch(&row, &snapshot).unwrap();
    }
    let rows = derive::derive(&store).unwrap();
    store.write_rewards(&rows).unwrap();
    path
}

#[test]
fn the_csv_of_a_fixed_scenario_is_the_golden_file() {
    let dir = std::env::temp_dir().join(format!("ledger-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = ledger(&dir);
    let prices = dir.join("prices.csv");
    std::fs::write(&prices, "date,price\n2024-12-31,3.51\n2025-01-01,4.2\n").unwrap();
    let base = ["ledger", "export", "--router", "router.near", "--account", "alice.near", "--db", db.to_str().unwrap()];
    let (ok, out, err) = cli(&[&base[..], &["--csv", "--prices", prices.to_str().unwrap()]].concat());
    assert!(ok, "{err}");
    let golden = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/ledger_export.csv");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &out).unwrap();
    }
    assert_eq!(out, std::fs::read_to_string(&golden).unwrap(), "UPDATE_GOLDEN=1 rewrites the golden file");

    // --from / --to select by the epoch's start date; without prices, no fiat columns.
    let (ok, out, err) = cli(&[&base[..], &["--csv", "--from", "2025-01-01", "--to", "2025-01-01"]].concat());
    assert!(ok, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "row,epoch,start_time,position,kind,value_near,reward_near,flows_near");
    assert!(lines.iter().filter(|l| l.starts_with("epoch,")).all(|l| l.contains(",2025-01-01T")), "{out}");
    assert!(!out.contains(",103,"), "{out}");
    assert!(out.contains("total,,2025,pool-a.near,pool,,0.0085,20\n"), "{out}");

    // Refusals: --csv is required; a bad date; a missing ledger is not created.
    let (ok, _, err) = cli(&base);
    assert!(!ok && err.contains("--csv"), "{err}");
    let (ok, _, err) = cli(&[&base[..], &["--csv", "--from", "2025-02-30"]].concat());
    assert!(!ok && err.contains("is not a date"), "{err}");
    let missing = dir.join("missing.sqlite3");
    let (ok, _, err) =
        cli(&["ledger", "show", "--router", "r.near", "--account", "a.near", "--db", missing.to_str().unwrap()]);
    assert!(!ok && err.contains("no ledger there yet") && !missing.exists(), "{err}");

    // The table.
    let (ok, out, err) =
        cli(&["ledger", "show", "--router", "router.near", "--account", "alice.near", "--db", db.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(out.starts_with("Ledger of alice.near on router.near"), "{out}");
    assert!(out.contains("epochs 99 to 103 (5 recorded), 2024-12-31T00:00:00Z to 2025-01-02T12:00:00Z"), "{out}");
    assert!(out.contains("pool-a.near  pool"), "{out}");
    assert!(out.lines().any(|l| l.starts_with("total")), "{out}");
    println!("{out}");
    let _ = std::fs::remove_dir_all(dir);
}
