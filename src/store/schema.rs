//! The database's schema as forward-only migrations: `MIGRATIONS[n]` takes a database at
//! version `n` (`PRAGMA user_version`) to `n + 1`. A migration is never edited once
//! released; a change is a new step at the end. Tests open a database made at every earlier
//! version and check its data comes through.

use rusqlite::{Connection, TransactionBehavior};

use super::StoreError;

pub const MIGRATIONS: &[&str] = &[
    // 1: collections and their records, in order, with a note each.
    "CREATE TABLE collections (
        dataset TEXT NOT NULL,
        name TEXT NOT NULL,
        created INTEGER NOT NULL,
        PRIMARY KEY (dataset, name)
    );
    CREATE TABLE entries (
        dataset TEXT NOT NULL,
        collection TEXT NOT NULL,
        record TEXT NOT NULL,
        position INTEGER NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        added INTEGER NOT NULL,
        PRIMARY KEY (dataset, collection, record)
    );",
    // 2: visited records and queries, across runs.
    "CREATE TABLE visits (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        dataset TEXT NOT NULL,
        record TEXT NOT NULL,
        at INTEGER NOT NULL
    );
    CREATE INDEX visits_by_dataset ON visits (dataset, id);
    CREATE TABLE queries (
        dataset TEXT NOT NULL,
        text TEXT NOT NULL,
        at INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (dataset, text)
    );",
    // 3: where the last session ended.
    "CREATE TABLE sessions (
        dataset TEXT PRIMARY KEY,
        pane TEXT NOT NULL,
        selected TEXT,
        open TEXT,
        collection TEXT,
        at INTEGER NOT NULL
    );",
];

/// The version this program writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

pub fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
}

/// Bring a database up to [`VERSION`], each step in its own transaction (another process
/// may be migrating the same file: the version is read again inside the write lock).
/// A database from a newer program is refused, never touched.
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    migrate_to(conn, VERSION)
}

/// Migrate up to `target` only (tests build databases of earlier versions with this).
pub fn migrate_to(conn: &mut Connection, target: i64) -> Result<(), StoreError> {
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current = version(&tx)?;
        if current > VERSION {
            return Err(StoreError::Newer(current));
        }
        if current >= target {
            return Ok(());
        }
        let step = MIGRATIONS.get(current as usize).ok_or(StoreError::Newer(current))?;
        tx.execute_batch(step)?;
        tx.pragma_update(None, "user_version", current + 1)?;
        tx.commit()?;
    }
}
