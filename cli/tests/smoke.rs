//! The benchmarks and the report in their smoke modes, so they cannot rot: each runs once,
//! tiny, and must produce sane output. Nothing is asserted about speed. Needs `res/*.wasm`
//! (scripts/build-contracts.sh).

use std::process::Command;

fn run(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_stake-router")).args(args).output().expect("runs");
    let (stdout, stderr) = (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap());
    assert!(out.status.success(), "stake-router {args:?} failed:\n{stdout}\n{stderr}");
    stdout
}

#[test]
fn devnet_bench_smoke_measures_every_row() {
    let out = std::env::temp_dir().join(format!("devnet-bench-smoke-{}.md", std::process::id()));
    let table = run(&["devnet-bench", "--smoke", "--out", out.to_str().unwrap()]);
    let rows: Vec<&str> = table.lines().filter(|l| l.starts_with("| signed") || l.starts_with("| view")).collect();
    assert_eq!(rows.len(), 8, "2 signed calls and 2 views, 1 and 2 clients each:\n{table}");
    for row in &rows {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let requests: usize = cells[3].parse().unwrap();
        assert!(requests >= 1, "{row}");
    }
    assert!(table.contains("`deposit` 20 NEAR, `balanced` (4 legs"), "{table}");
    assert_eq!(std::fs::read_to_string(&out).unwrap().trim(), table.trim(), "--out holds the table");
    let _ = std::fs::remove_file(out);
}

#[test]
fn history_bench_smoke_measures_both_runs() {
    let table = run(&["history-bench", "--smoke"]);
    let rows: Vec<&str> = table.lines().filter(|l| l.starts_with("| every") || l.starts_with("| baseline")).collect();
    assert_eq!(rows.len(), 2, "{table}");
    for row in &rows {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        assert!(cells[2].parse::<u64>().unwrap() >= 200, "200 blocks or more: {row}");
        assert!(cells[3].parse::<u64>().unwrap() >= 1, "deposits: {row}");
    }
    let kept = |row: &str| row.split('|').map(str::trim).nth(4).unwrap().parse::<u64>().unwrap();
    assert!(kept(rows[0]) >= 200, "every block kept: {}", rows[0]);
    assert!(kept(rows[1]) <= 100, "one 100-block epoch kept: {}", rows[1]);
    assert!(table.contains("MiB per 10,000 blocks"), "{table}");
}

#[test]
fn gas_report_smoke_measures_two_shapes_without_touching_docs() {
    let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/gas.md");
    let before = std::fs::read_to_string(&docs).ok();
    let md = run(&["gas-report", "--smoke"]);
    assert_eq!(std::fs::read_to_string(&docs).ok(), before, "a smoke run leaves docs/gas.md alone");
    assert!(md.starts_with("# Gas report\n"), "{md}");
    let deposits: Vec<&str> = md.lines().filter(|l| l.contains("creates proxy") || l.contains("| later |")).collect();
    assert_eq!(deposits.len(), 4, "two shapes, first and later:\n{md}");
    assert!(deposits.iter().all(|l| l.ends_with("| yes |")), "{md}");
    for section in ["## Callbacks", "## Exits through the proxy", "## Schedule"] {
        assert!(md.contains(section), "{section} in\n{md}");
    }
}

#[test]
fn ledger_bench_smoke_syncs_every_epoch_twice() {
    let report = run(&["ledger-bench", "--smoke"]);
    let rows: Vec<Vec<&str>> = report
        .lines()
        .filter(|l| l.starts_with("| into") || l.starts_with("| again"))
        .map(|l| l.split('|').map(str::trim).collect())
        .collect();
    assert_eq!(rows.len(), 2, "{report}");
    assert_eq!(rows[0][2], "5", "the first sync records the 5 epochs kept: {report}");
    assert_eq!(rows[1][2], "0", "the second records nothing: {report}");
    assert!(rows[0][5].parse::<u64>().unwrap() > 0, "JSON-RPC calls are counted: {report}");
    assert!(report.contains("10 snapshot rows"), "5 epochs × 2 positions: {report}");
    assert!(report.contains("MiB after the epochs"), "{report}");
}
