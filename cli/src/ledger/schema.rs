//! The ledger database's schema, its version and its migrations.
//!
//! A ledger is one SQLite file marked with [`APPLICATION_ID`] (`PRAGMA application_id`), so a
//! file of another application is recognised and left alone. `PRAGMA user_version` is the
//! schema version: [`MIGRATIONS`]`[n]` takes version `n` to `n + 1`, each in one transaction
//! with its version bump, so a ledger is always at a whole version. A file at a version above
//! [`SCHEMA_VERSION`] was written by a newer `stake-router` and is refused, not touched.
//!
//! Amounts are TEXT decimal strings of yoctoNEAR (signed for rewards and flows): exact, where
//! SQLite's INTEGER (64 bits) is not wide enough. `cli/README.md` documents every table.

use rusqlite::Connection;

/// `PRAGMA application_id` of a ledger: "SRLG" in ASCII.
pub const APPLICATION_ID: i32 = 0x5352_4c47;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;

/// Version 1: the ledger. Version 2: what `stake-router watch` saw last and the alerts it
/// raised.
pub const MIGRATIONS: [&str; 2] = [
    "CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
     );
     CREATE TABLE epochs (
        epoch         INTEGER PRIMARY KEY,
        start_height  INTEGER NOT NULL,
        block_hash    TEXT NOT NULL,
        start_time_ns INTEGER NOT NULL
     );
     CREATE TABLE snapshots (
        epoch            INTEGER NOT NULL REFERENCES epochs(epoch),
        position         TEXT NOT NULL,
        kind             TEXT NOT NULL CHECK (kind IN ('pool', 'token')),
        staked           TEXT,
        unstaked         TEXT,
        principal        TEXT,
        unstaked_pending TEXT,
        units            TEXT,
        price            TEXT,
        value            TEXT NOT NULL,
        PRIMARY KEY (epoch, position)
     );
     CREATE TABLE rewards (
        epoch       INTEGER NOT NULL REFERENCES epochs(epoch),
        position    TEXT NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('pool', 'token')),
        since_epoch INTEGER NOT NULL REFERENCES epochs(epoch),
        reward      TEXT NOT NULL,
        flow        TEXT NOT NULL,
        PRIMARY KEY (epoch, position)
     );",
    "CREATE TABLE watch_state (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
     );
     CREATE TABLE alerts (
        key     TEXT PRIMARY KEY,
        epoch   INTEGER NOT NULL,
        kind    TEXT NOT NULL,
        subject TEXT NOT NULL,
        message TEXT NOT NULL
     );",
];

/// The file's `user_version`.
pub fn version(conn: &Connection) -> rusqlite::Result<i32> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// The file's `application_id`.
pub fn application_id(conn: &Connection) -> rusqlite::Result<i32> {
    conn.query_row("PRAGMA application_id", [], |r| r.get(0))
}

/// Brings a ledger (or a new, empty database) up to [`SCHEMA_VERSION`], one migration per
/// transaction; returns the version it started from.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<i32> {
    migrate_to(conn, SCHEMA_VERSION)
}

/// Brings a ledger up to `target` (tests build older versions with it).
pub fn migrate_to(conn: &mut Connection, target: i32) -> rusqlite::Result<i32> {
    let from = version(conn)?;
    for v in from..target.min(SCHEMA_VERSION) {
        let tx = conn.transaction()?;
        if v == 0 {
            tx.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID};"))?;
        }
        tx.execute_batch(MIGRATIONS[v as usize])?;
        tx.execute_batch(&format!("PRAGMA user_version = {};", v + 1))?;
        tx.commit()?;
    }
    Ok(from)
}
