use super::*;
use router_core::ledger::{PoolFigures, TokenFigures};

fn id(s: &str) -> AccountId {
    s.parse().unwrap()
}

/// A fresh folder under the system's temp dir, named for the test.
fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ledger-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn open(path: &Path) -> Result<Store, String> {
    Store::open(path, &id("router.near"), &id("alice.near"))
}

fn epoch(n: u64) -> EpochRow {
    EpochRow { epoch: n, start_height: n * 100, block_hash: format!("hash-{n}"), start_time_ns: n * 1_000 }
}

fn snapshot() -> Vec<SnapshotRow> {
    vec![
        SnapshotRow {
            position: "pool-a.near".into(),
            kind: Kind::Pool,
            pool: Some(PoolFigures { staked: u128::MAX - 1, unstaked: 2, principal: 3, unstaked_pending: 4 }),
            token: None,
            value: u128::MAX,
        },
        SnapshotRow {
            position: "linear.near".into(),
            kind: Kind::Token,
            pool: None,
            token: Some(TokenFigures { units: 5, price: None }),
            value: 0,
        },
    ]
}

#[test]
fn a_new_ledger_is_created_and_reopened_with_exact_amounts() {
    let path = temp("new").join("sub/alice.sqlite3");
    let mut store = open(&path).unwrap();
    assert!(store.record_epoch(&epoch(7), &snapshot()).unwrap());
    drop(store);
    let store = open(&path).unwrap();
    assert_eq!(store.epochs().unwrap(), vec![epoch(7)]);
    let mut back = store.snapshot(7).unwrap();
    back.sort_by(|a, b| b.position.cmp(&a.position));
    assert_eq!(back, snapshot(), "u128 amounts survive as decimal text");
    assert_eq!(schema::version(store.conn()).unwrap(), SCHEMA_VERSION);
}

#[test]
fn recording_an_epoch_twice_adds_nothing() {
    let path = temp("twice").join("l.sqlite3");
    let mut store = open(&path).unwrap();
    assert!(store.record_epoch(&epoch(1), &snapshot()).unwrap());
    let before = store.dump().unwrap();
    let mut other = epoch(1);
    other.block_hash = "another".into();
    assert!(!store.record_epoch(&other, &snapshot()[..1]).unwrap(), "already recorded: left as it is");
    assert_eq!(store.dump().unwrap(), before);
    let rows = vec![RewardRow {
        epoch: 1,
        since_epoch: 1,
        position: "pool-a.near".into(),
        kind: Kind::Pool,
        reward: -5,
        flow: 7,
        value: 0,
    }];
    store.write_rewards(&rows).unwrap();
    let once = store.dump().unwrap();
    store.write_rewards(&rows).unwrap();
    assert_eq!(store.dump().unwrap(), once);
    assert_eq!(store.rewards().unwrap()[0].reward, -5);
}

#[test]
fn foreign_and_damaged_files_are_refused_and_left_untouched() {
    let dir = temp("foreign");
    let check = |path: &Path, needle: &str| {
        let before = std::fs::read(path).unwrap();
        let err = open(path).err().expect("refused");
        assert!(err.contains(needle) && err.contains("left untouched"), "{err}");
        assert_eq!(std::fs::read(path).unwrap(), before, "not written to");
    };
    let text = dir.join("notes.txt");
    std::fs::write(&text, "my tax notes\n").unwrap();
    check(&text, "not an SQLite database");

    let other = dir.join("other.sqlite3");
    Connection::open(&other).unwrap().execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").unwrap();
    check(&other, "another application");

    let good = dir.join("good.sqlite3");
    let mut store = open(&good).unwrap();
    store.record_epoch(&epoch(1), &snapshot()).unwrap();
    drop(store);
    let bytes = std::fs::read(&good).unwrap();
    let truncated = dir.join("truncated.sqlite3");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let err = open(&truncated).err().expect("refused");
    assert!(err.contains("left untouched"), "{err}");
    let mut scrambled = bytes.clone();
    for b in &mut scrambled[100..] {
        *b = b.wrapping_mul(31).wrapping_add(7);
    }
    let damaged = dir.join("damaged.sqlite3");
    std::fs::write(&damaged, &scrambled).unwrap();
    let err = open(&damaged).err().expect("refused");
    assert!(err.contains("left untouched"), "{err}");

    let newer = dir.join("newer.sqlite3");
    std::fs::copy(&good, &newer).unwrap();
    Connection::open(&newer).unwrap().execute_batch("PRAGMA user_version = 99;").unwrap();
    check(&newer, "schema version 99, written by a newer stake-router");

    let before = std::fs::read(&good).unwrap();
    let err = Store::open(&good, &id("router.near"), &id("bob.near")).err().expect("another account");
    assert!(err.contains("a ledger of account alice.near, not bob.near"), "{err}");
    assert_eq!(std::fs::read(&good).unwrap(), before);
}

#[test]
fn an_older_ledger_is_migrated_and_keeps_its_rows() {
    let path = temp("migrate").join("v1.sqlite3");
    let mut conn = Connection::open(&path).unwrap();
    schema::migrate_to(&mut conn, 1).unwrap();
    conn.execute("INSERT INTO epochs VALUES (3, 300, 'h', 3000)", []).unwrap();
    conn.execute("INSERT INTO meta VALUES ('router', 'router.near'), ('account', 'alice.near')", []).unwrap();
    drop(conn);
    let store = open(&path).unwrap();
    assert_eq!(schema::version(store.conn()).unwrap(), 2);
    assert_eq!(
        store.epochs().unwrap(),
        vec![EpochRow { epoch: 3, start_height: 300, block_hash: "h".into(), start_time_ns: 3000 }]
    );
    store.conn().execute("INSERT INTO watch_state VALUES ('k', 'v')", []).unwrap();
}
