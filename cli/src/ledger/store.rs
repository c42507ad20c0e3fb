//! The ledger file: opening it safely (a corrupt, foreign or newer file is a clear error and
//! is never written to), its identity (one router and one account per file), and the rows the
//! sync, the export, the table and the watch read and write.

use super::schema::{self, APPLICATION_ID, SCHEMA_VERSION};
use router_core::AccountId;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use std::path::{Path, PathBuf};

/// The first 16 bytes of every SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// One epoch's first block, as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EpochRow {
    /// The epoch height.
    pub epoch: u64,
    /// The height of its first block (where the snapshot was read).
    pub start_height: u64,
    /// That block's hash.
    pub block_hash: String,
    /// That block's timestamp, nanoseconds since 1970 (UTC).
    pub start_time_ns: u64,
}

/// Whether a position is stake in a validator pool or a liquid token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Stake in a validator pool through the staking proxy.
    Pool,
    /// A liquid staking token.
    Token,
}

impl Kind {
    /// `pool` or `token`, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Pool => "pool",
            Kind::Token => "token",
        }
    }

    fn parse(text: &str) -> Kind {
        if text == "pool" {
            Kind::Pool
        } else {
            Kind::Token
        }
    }
}

/// One position at one epoch's first block. Amounts are yoctoNEAR (token units and prices as
/// the token gives them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SnapshotRow {
    /// The pool or token account.
    pub position: String,
    /// Pool or token.
    pub kind: Kind,
    /// Pool: staked, unstaked, principal, unstaked pending. Token: none.
    pub pool: Option<router_core::ledger::PoolFigures>,
    /// Token: units (wallet + claimable) and price. Pool: none.
    pub token: Option<router_core::ledger::TokenFigures>,
    /// yoctoNEAR: the pool's `staked + unstaked`, or the token's units at its price.
    pub value: u128,
}

/// One position's reward and flow over the interval ending at `epoch`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RewardRow {
    /// The epoch the interval ends at.
    pub epoch: u64,
    /// The previous recorded epoch (where the interval starts).
    pub since_epoch: u64,
    /// The pool or token account.
    pub position: String,
    /// Pool or token.
    pub kind: Kind,
    /// Earned, yoctoNEAR (negative: lost).
    pub reward: i128,
    /// Put in (positive) or taken out (negative), yoctoNEAR.
    pub flow: i128,
    /// The position's value at `epoch`, yoctoNEAR.
    pub value: u128,
}

/// An open ledger.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// Why a file is not (or not this) ledger, in words that name the file.
fn refuse(path: &Path, why: impl std::fmt::Display) -> String {
    format!("{}: {why}; the file was left untouched", path.display())
}

impl Store {
    /// Opens the ledger at `path` for `router` and `account`, creating it if the file does not
    /// exist (or is empty), and migrating an older schema. Refused without writing anything: a
    /// file that is not SQLite or is damaged, an SQLite database of another application, a
    /// ledger of a newer version, a ledger of another router or account.
    pub fn open(path: &Path, router: &AccountId, account: &AccountId) -> Result<Store, String> {
        let exists = std::fs::metadata(path).map(|m| m.len() > 0).unwrap_or(false);
        if exists {
            check_header(path)?;
        } else if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        let flags = if exists {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX
        };
        let mut conn = Connection::open_with_flags(path, flags).map_err(|e| refuse(path, e))?;
        if exists {
            let id =
                schema::application_id(&conn).map_err(|e| refuse(path, format!("not a readable database ({e})")))?;
            if id != APPLICATION_ID {
                return Err(refuse(path, "an SQLite database of another application, not a stake-router ledger"));
            }
            let version = schema::version(&conn).map_err(|e| refuse(path, e))?;
            if version > SCHEMA_VERSION {
                return Err(refuse(
                    path,
                    format!("a ledger of schema version {version}, written by a newer stake-router (this one reads up to {SCHEMA_VERSION})"),
                ));
            }
            let check: String = conn
                .query_row("PRAGMA quick_check", [], |r| r.get(0))
                .map_err(|e| refuse(path, format!("damaged ({e})")))?;
            if check != "ok" {
                return Err(refuse(path, format!("damaged ({check})")));
            }
        }
        schema::migrate(&mut conn).map_err(|e| format!("{}: migrating the ledger: {e}", path.display()))?;
        let store = Store { conn, path: path.to_path_buf() };
        store.claim_identity(router, account)?;
        Ok(store)
    }

    /// Records the router and account of a new ledger, or checks those of an existing one.
    fn claim_identity(&self, router: &AccountId, account: &AccountId) -> Result<(), String> {
        for (key, want) in [("router", router.as_str()), ("account", account.as_str())] {
            match self.meta(key)? {
                Some(have) if have != want => {
                    return Err(refuse(&self.path, format!("a ledger of {key} {have}, not {want}")));
                }
                Some(_) => {}
                None => {
                    self.conn
                        .execute("INSERT INTO meta (key, value) VALUES (?1, ?2)", params![key, want])
                        .map_err(|e| e.to_string())?;
                }
            }
        }
        Ok(())
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection (for the watch's own tables).
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// A `meta` value.
    pub fn meta(&self, key: &str) -> Result<Option<String>, String> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| e.to_string())
    }

    /// The recorded epochs, oldest first.
    pub fn epochs(&self) -> Result<Vec<EpochRow>, String> {
        let mut stmt = self
            .conn
            .prepare("SELECT epoch, start_height, block_hash, start_time_ns FROM epochs ORDER BY epoch")
            .map_err(|e| e.to_string())?;
        let rows = stmt
            .query_map([], |r| {
                Ok(EpochRow {
                    epoch: r.get::<_, i64>(0)? as u64,
                    start_height: r.get::<_, i64>(1)? as u64,
                    block_hash: r.get(2)?,
                    start_time_ns: r.get::<_, i64>(3)? as u64,
                })
            })
            .map_err(|e| e.to_string())?;
        rows.collect::<Result<_, _>>().map_err(|e| e.to_string())
    }

    /// Records one epoch and its snapshot in one transaction: all of it or nothing, so an
    /// interrupted sync leaves whole epochs. An epoch already recorded is left as it is.
    pub fn record_epoch(&mut self, epoch: &EpochRow, snapshot: &[SnapshotRow]) -> Result<bool, String> {
        let tx = self.conn.transaction().map_err(|e| e.to_string())?;
        let added = tx
            .execute(
                "INSERT OR IGNORE INTO epochs (epoch, start_height, block_hash, start_time_ns) VALUES (?1, ?2, ?3, ?4)",
                params![epoch.epoch as i64, epoch.start_height as i64, epoch.block_hash, epoch.start_time_ns as i64],
            )
            .map_err(|e| e.to_string())?;
        if added == 1 {
            for s in snapshot {
                let text = |v: Option<u128>| v.map(|v| v.to_string());
                tx.execute(
                    "INSERT INTO snapshots (epoch, position, kind, staked, unstaked, principal, unstaked_pending, units, price, value)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    params![
                        epoch.epoch as i64,
                        s.position,
                        s.kind.as_str(),
                        text(s.pool.map(|p| p.staked)),
                        text(s.pool.map(|p| p.unstaked)),
                        text(s.pool.map(|p| p.principal)),
                        text(s.pool.map(|p| p.unstaked_pending)),
                        text(s.token.map(|t| t.units)),
                        text(s.token.and_then(|t| t.price)),
                        s.value.to_string(),
                    ],
                )
                .map_err(|e| e.to_string())?;
            }
        }
        tx.commit().map_err(|e| e.to_string())?;
        Ok(added == 1)
    }

    /// The snapshot recorded at `epoch`, by position.
    pub fn snapshot(&self, epoch: u64) -> Result<Vec<SnapshotRow>, String> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT position, kind, staked, unstaked, principal, unstaked_pending, units, price, value
                 FROM snapshots WHERE epoch = ?1 ORDER BY position",
            )
            .map_err(|e| e.to_string())?;
        let rows = stmt
            .query_map([epoch as i64], |r| {
                let n = |i: usize| -> rusqlite::Result<Option<u128>> {
                    Ok(r.get::<_, Option<String>>(i)?.and_then(|t| t.parse().ok()))
                };
                let kind = Kind::parse(&r.get::<_, String>(1)?);
                let pool = (kind == Kind::Pool).then(|| -> rusqlite::Result<_> {
                    Ok(router_core::ledger::PoolFigures {
                        staked: n(2)?.unwrap_or(0),
                        unstaked: n(3)?.unwrap_or(0),
                        principal: n(4)?.unwrap_or(0),
                        unstaked_pending: n(5)?.unwrap_or(0),
                    })
                });
                let token = (kind == Kind::Token).then(|| -> rusqlite::Result<_> {
                    Ok(router_core::ledger::TokenFigures { units: n(6)?.unwrap_or(0), price: n(7)? })
                });
                Ok(SnapshotRow {
                    position: r.get(0)?,
                    kind,
                    pool: pool.transpose()?,
                    token: token.transpose()?,
                    value: n(8)?.unwrap_or(0),
                })
            })
            .map_err(|e| e.to_string())?;
        rows.collect::<Result<_, _>>().map_err(|e| e.to_string())
    }

    /// Replaces the derived rewards with `rows` in one transaction (they are a function of the
    /// snapshots, so deriving twice writes the same rows).
    pub fn write_rewards(&mut self, rows: &[RewardRow]) -> Result<(), String> {
        let tx = self.conn.transaction().map_err(|e| e.to_string())?;
        tx.execute("DELETE FROM rewards", []).map_err(|e| e.to_string())?;
        for r in rows {
            tx.execute(
                "INSERT INTO rewards (epoch, position, kind, since_epoch, reward, flow) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    r.epoch as i64,
                    r.position,
                    r.kind.as_str(),
                    r.since_epoch as i64,
                    r.reward.to_string(),
                    r.flow.to_string()
                ],
            )
            .map_err(|e| e.to_string())?;
        }
        tx.commit().map_err(|e| e.to_string())
    }

    /// Every derived reward with the position's value, by epoch then position.
    pub fn rewards(&self) -> Result<Vec<RewardRow>, String> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT r.epoch, r.since_epoch, r.position, r.kind, r.reward, r.flow, COALESCE(s.value, '0')
                 FROM rewards r LEFT JOIN snapshots s ON s.epoch = r.epoch AND s.position = r.position
                 ORDER BY r.epoch, r.position",
            )
            .map_err(|e| e.to_string())?;
        let rows = stmt
            .query_map([], |r| {
                let num = |i: usize| -> rusqlite::Result<String> { r.get(i) };
                Ok(RewardRow {
                    epoch: r.get::<_, i64>(0)? as u64,
                    since_epoch: r.get::<_, i64>(1)? as u64,
                    position: r.get(2)?,
                    kind: Kind::parse(&r.get::<_, String>(3)?),
                    reward: num(4)?.parse().unwrap_or(0),
                    flow: num(5)?.parse().unwrap_or(0),
                    value: num(6)?.parse().unwrap_or(0),
                })
            })
            .map_err(|e| e.to_string())?;
        rows.collect::<Result<_, _>>().map_err(|e| e.to_string())
    }

    /// Every row of every table as text, in a fixed order: two ledgers with the same dump
    /// hold the same data (tests compare an interrupted sync with an uninterrupted one).
    pub fn dump(&self) -> Result<String, String> {
        let mut out = String::new();
        for (table, order) in
            [("meta", "key"), ("epochs", "epoch"), ("snapshots", "epoch, position"), ("rewards", "epoch, position")]
        {
            let mut stmt =
                self.conn.prepare(&format!("SELECT * FROM {table} ORDER BY {order}")).map_err(|e| e.to_string())?;
            let columns = stmt.column_count();
            let mut rows = stmt.query([]).map_err(|e| e.to_string())?;
            while let Some(row) = rows.next().map_err(|e| e.to_string())? {
                let cells: Vec<String> = (0..columns)
                    .map(|i| match row.get_ref(i) {
                        Ok(v) => format!("{v:?}"),
                        Err(e) => e.to_string(),
                    })
                    .collect();
                out += &format!("{table}: {}\n", cells.join(" | "));
            }
        }
        Ok(out)
    }
}

/// Refuses a file that is not an SQLite database before SQLite sees it.
fn check_header(path: &Path) -> Result<(), String> {
    use std::io::Read;
    let mut head = [0u8; 16];
    let read = std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut head));
    match read {
        Ok(()) if &head == SQLITE_HEADER => Ok(()),
        Ok(()) | Err(_) => Err(refuse(path, "not a stake-router ledger (not an SQLite database)")),
    }
}

#[cfg(test)]
mod tests;
