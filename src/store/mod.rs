//! Saved state in one SQLite database, `state.db` in the state directory.
//!
//! - Where: `--state DIR`, else `$DEFIANT_STATE`, else the platform's state directory
//!   (`$XDG_STATE_HOME/defiant`, `~/.local/state/defiant`; the local data directory where
//!   a platform has no state directory).
//! - How: WAL, so readers never wait for the writer; a busy timeout and a retry loop, so
//!   several browsers and the command line can write at once; every edit in a transaction.
//! - Never lost: a file that is not a database, is corrupt, or comes from a newer program
//!   is moved aside (`state.db.broken-<time>`) and reported, never overwritten. A directory
//!   that cannot be written turns persistence off; the caller says so and goes on.
//! - Everything read back goes through the sanitizer (a database edited by hand is data).

mod ops;
pub mod schema;
mod writer;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};
pub use writer::{Writer, WriterEvent};

use crate::saved::{Change, Saved};

pub const FILE_NAME: &str = "state.db";
/// The environment variable that names the state directory.
pub const ENV: &str = "DEFIANT_STATE";
/// How long one statement waits for another process's write lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// How often a busy write is tried again (after the busy timeout each time).
const RETRIES: usize = 5;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the state database was written by a newer defiant (schema version {0})")]
    Newer(i64),
    #[error("{0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl StoreError {
    /// A file that is not (or no longer) a database we can use.
    fn is_broken(&self) -> bool {
        match self {
            StoreError::Newer(_) => true,
            StoreError::Sqlite(e) => {
                matches!(e.sqlite_error_code(), Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt))
            }
            StoreError::Io(_) => false,
        }
    }

    fn is_busy(&self) -> bool {
        matches!(self, StoreError::Sqlite(e)
            if matches!(e.sqlite_error_code(), Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)))
    }
}

/// The state directory: the flag, the environment, or the platform's default.
pub fn state_dir(flag: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = flag {
        return Some(dir.to_path_buf());
    }
    if let Some(dir) = std::env::var_os(ENV).filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let dirs = directories::ProjectDirs::from("", "", "defiant")?;
    Some(dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir()).to_path_buf())
}

/// An open database for one dataset.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    dataset: String,
    path: PathBuf,
}

/// What opening found besides the database: things to tell the user once.
#[derive(Debug, Default)]
pub struct Opening {
    pub store: Option<Store>,
    pub notices: Vec<String>,
}

impl Store {
    /// Open (or create) `dir/state.db` for `dataset`. A broken file is moved aside and a
    /// fresh database made; a directory that cannot be written gives no store and a notice.
    pub fn open(dir: &Path, dataset: &str) -> Opening {
        let mut notices = Vec::new();
        let path = dir.join(FILE_NAME);
        match Self::try_open(dir, &path, dataset) {
            Ok(store) => return Opening { store: Some(store), notices },
            Err(e) if e.is_broken() => match move_aside(&path) {
                Ok(aside) => notices.push(format!(
                    "the state database could not be used ({}); it was moved to {} and a new one started",
                    crate::sanitize::message(&e.to_string()),
                    crate::sanitize::message(&aside.display().to_string())
                )),
                Err(move_error) => {
                    notices.push(format!(
                        "state not saved: {} is unusable ({e}) and could not be moved aside ({move_error})",
                        crate::sanitize::message(&path.display().to_string())
                    ));
                    return Opening { store: None, notices };
                }
            },
            Err(e) => {
                notices.push(format!(
                    "state not saved: cannot write {} ({})",
                    crate::sanitize::message(&path.display().to_string()),
                    crate::sanitize::message(&e.to_string())
                ));
                return Opening { store: None, notices };
            }
        }
        match Self::try_open(dir, &path, dataset) {
            Ok(store) => Opening { store: Some(store), notices },
            Err(e) => {
                notices.push(format!("state not saved: {}", crate::sanitize::message(&e.to_string())));
                Opening { store: None, notices }
            }
        }
    }

    fn try_open(dir: &Path, path: &Path, dataset: &str) -> Result<Store, StoreError> {
        create_dir(dir)?;
        // Refuse anything that is not SQLite before SQLite sees it (it would happily
        // treat an empty or foreign file as a new database on the first write).
        if let Ok(meta) = std::fs::metadata(path)
            && meta.len() > 0
        {
            let mut header = [0u8; 16];
            let read = std::io::Read::read(&mut std::fs::File::open(path)?, &mut header)?;
            if read < 16 || &header != b"SQLite format 3\0" {
                return Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_NOTADB),
                    Some("not a database".into()),
                )));
            }
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Look before writing anything: switching to WAL rewrites the header, so a file
        // from a newer program or a corrupt one must be recognised first.
        let found = retry(|| Ok(schema::version(&conn)?))?;
        if found > schema::VERSION {
            return Err(StoreError::Newer(found));
        }
        let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
                Some(check),
            )));
        }
        retry(|| {
            let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                // A read-only directory cannot hold the WAL's files.
                return Err(StoreError::Io(std::io::Error::other(format!("cannot use WAL (journal mode {mode})"))));
            }
            Ok(())
        })?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        retry(|| schema::migrate(&mut conn))?;
        Ok(Store { conn, dataset: dataset.to_string(), path: path.to_path_buf() })
    }

    /// What is kept for `dataset` in `dir/state.db`, read without writing anything (no
    /// WAL, no lock): for a directory that cannot be written, so the marks still show
    /// while saving is off. `None` when there is no readable database.
    pub fn read_only(dir: &Path, dataset: &str) -> Option<Saved> {
        let path = dir.join(FILE_NAME);
        if !path.is_file() {
            return None;
        }
        let uri = format!("file:{}?immutable=1", uri_path(&path));
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(uri, flags).ok()?;
        let version = schema::version(&conn).ok()?;
        if version != schema::VERSION {
            return None;
        }
        ops::load(&conn, dataset).ok()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn dataset(&self) -> &str {
        &self.dataset
    }

    /// Everything kept for this dataset, sanitized.
    pub fn load(&self) -> Result<Saved, StoreError> {
        retry(|| ops::load(&self.conn, &self.dataset))
    }

    /// Apply edits in one transaction, retried while another process holds the lock.
    /// When this returns Ok, the edits are on disk.
    pub fn apply(&mut self, changes: &[Change]) -> Result<(), StoreError> {
        let (conn, dataset) = (&mut self.conn, &self.dataset);
        retry(|| ops::apply(conn, dataset, changes))
    }

    /// The names of every dataset with saved state (for `collection list --all` style
    /// diagnostics and tests).
    pub fn conn(&self) -> &Connection {
        &self.conn
    }
}

fn retry<T>(mut attempt: impl FnMut() -> Result<T, StoreError>) -> Result<T, StoreError> {
    let mut tries = 0;
    loop {
        match attempt() {
            Err(e) if e.is_busy() && tries < RETRIES => {
                tries += 1;
                std::thread::sleep(Duration::from_millis(20 * tries as u64));
            }
            other => return other,
        }
    }
}

#[cfg(unix)]
fn create_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    if dir.is_dir() {
        return Ok(());
    }
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
}

#[cfg(not(unix))]
fn create_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

/// Rename the database (and its WAL and shared-memory files) to `state.db.broken-<time>`.
fn move_aside(path: &Path) -> std::io::Result<PathBuf> {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let mut aside = path.with_file_name(format!("{FILE_NAME}.broken-{secs}"));
    let mut n = 1;
    while aside.exists() {
        aside = path.with_file_name(format!("{FILE_NAME}.broken-{secs}-{n}"));
        n += 1;
    }
    std::fs::rename(path, &aside)?;
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", path.display()));
        if side.exists() {
            let _ = std::fs::rename(&side, PathBuf::from(format!("{}{suffix}", aside.display())));
        }
    }
    Ok(aside)
}

/// A path as a `file:` URI's path: everything but letters, digits and `/-_.~` escaped.
fn uri_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Unix seconds now (for visits and queries).
pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}
