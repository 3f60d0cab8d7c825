//! Snapshots: the loaded, sanitized, validated and indexed dataset, kept in the user's
//! cache directory so the next run with the same file starts from it instead of the JSON.
//!
//! The JSON stays the only source of truth. A snapshot is derived and disposable: it is
//! used only when its header names this format and this defiant, its checksums hold, and
//! its key (device, inode, size, mtime and ctime of the file, in nanoseconds) equals the
//! file's key now; otherwise the file is loaded as before and a new snapshot written.
//!
//! Why a key of metadata and not a hash of the content: the hash needs the bytes, and
//! reading them is most of what a snapshot saves (a 1M-record file is 269 MB: reading it
//! costs ≈ 110 ms; `stat` costs microseconds). ctime cannot be set back by `touch`, so an
//! edit made in place and touched back to the old size and mtime still changes the key; a
//! file replaced by a rename is another inode. What metadata cannot show is a write in the
//! same clock tick as the read the snapshot was made from (git's "racily clean" index
//! entries): so no snapshot is written of a file that changed less than [`RACY`] before it
//! was read. A write after the read then always moves ctime past the recorded one.
//!
//! Writing cannot fail a command: a read-only or full cache directory costs speed only,
//! with one line on stderr in the command line (none in the browser).

mod build;
mod checks;
mod codec;
mod format;
mod map;
mod pread;
pub mod store;
mod text;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

pub use build::{Build, Pending, build_now, lock_path};
pub use format::{HEADER_LEN, Reject};
use format::{Header, Key};

use crate::data::{self, LoadError, Loaded};
use crate::search::SearchIndex;

/// A file changed less than this before it is read gets no snapshot (see the module doc).
/// Timestamps move in clock ticks of a few milliseconds on local file systems; a second
/// leaves room for coarser ones.
pub const RACY: Duration = Duration::from_secs(1);

/// Where snapshots are kept, if anywhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cache {
    Off,
    Dir(PathBuf),
}

impl Cache {
    /// `--no-cache`, else `--cache DIR`, else `DEFIANT_CACHE`, else the platform's cache
    /// directory (off when there is none, e.g. no home directory).
    pub fn choose(dir: Option<&Path>, off: bool) -> Cache {
        if off {
            return Cache::Off;
        }
        match dir.map(Path::to_path_buf).or_else(store::default_dir) {
            Some(dir) => Cache::Dir(dir),
            None => Cache::Off,
        }
    }
}

/// A dataset ready to use, and its search index when one came with it.
#[derive(Debug)]
pub struct Opened {
    pub loaded: Loaded<'static>,
    pub index: Option<SearchIndex<'static>>,
    /// Read from a snapshot (not from the JSON).
    pub from_snapshot: bool,
    /// A background build, started when this is dropped (see [`Build::Background`]).
    pub pending: Option<Pending>,
    /// What is left to check of the snapshot ([`Check::Later`]).
    pub verify: Option<Verify>,
}

impl Opened {
    /// A dataset loaded without a cache.
    pub fn plain(loaded: Loaded<'static>) -> Self {
        Self { loaded, index: None, from_snapshot: false, pending: None, verify: None }
    }
}

/// Load the dataset file at `path`, from its snapshot when there is a good one, else from
/// the JSON, a snapshot then being built as `build` says (see [`Build`]). `notice` gets one
/// line when the cache cannot be written.
///
/// `check` says when the snapshot's big parts (its text, records and index) are checked:
/// [`Check::First`] before anything is used, so a damaged snapshot is rebuilt (the command
/// line); [`Check::Later`]: the records, names and links now, the text chunk by chunk as it
/// is read (a chunk that fails reads as empty strings), and the text and index whole when
/// the caller runs [`Opened::verify`] (the browser: once its first frame is drawn).
pub fn load(
    path: &Path,
    cache: &Cache,
    check: Check,
    build: Build,
    notice: &mut dyn FnMut(String),
) -> Result<Opened, LoadError> {
    let plain = || data::load::from_path(path).map(Opened::plain);
    let Cache::Dir(dir) = cache else { return plain() };
    let Some((key, target)) = locate(path, dir) else { return plain() };
    let name = path.display().to_string();
    if let Ok((loaded, index, verify)) = open(&target, key, &name, check) {
        return Ok(Opened { loaded, index: Some(index), from_snapshot: true, pending: None, verify });
    }
    let cannot = |e: std::io::Error| {
        format!(
            "defiant: cannot write a snapshot in {}: {e} (running without it)",
            crate::sanitize::message(&dir.display().to_string())
        )
    };
    match build {
        Build::Off => plain(),
        Build::Background => {
            let mut opened = plain()?;
            if worth_writing(path, &key) {
                // The one failure the parent can see cheaply; the child's own are silent.
                match store::create_dir(dir) {
                    Ok(()) => opened.pending = Some(Pending::new(path, dir)),
                    Err(e) => notice(cannot(e)),
                }
            }
            Ok(opened)
        }
        Build::Inline => {
            let loaded = data::load::from_path(path)?;
            let index = SearchIndex::build(&loaded.dataset);
            if worth_writing(path, &key) {
                let source = path_text(path);
                let written =
                    store::write_atomically(&target, |mut out| format::write(&loaded, &index, key, &source, &mut out));
                match written {
                    Ok(()) => store::prune(dir, &target),
                    Err(e) => notice(cannot(e)),
                }
            }
            Ok(Opened { loaded, index: Some(index), from_snapshot: false, pending: None, verify: None })
        }
    }
}

/// A snapshot may be made of the file just read: it still has the key it had before the
/// read, and had it for at least [`RACY`].
fn worth_writing(path: &Path, key: &Key) -> bool {
    let unchanged = fs::metadata(path).is_ok_and(|m| store::key_of(&m) == *key);
    let settled = SystemTime::now().duration_since(store::changed_at(key)).is_ok_and(|age| age >= RACY);
    unchanged && settled
}

/// The file's key and its snapshot's path; `None` when the file is not a regular file
/// (the loader reports what it is).
fn locate(path: &Path, dir: &Path) -> Option<(Key, PathBuf)> {
    let metadata = fs::metadata(path).ok().filter(fs::Metadata::is_file)?;
    let canonical = fs::canonicalize(path).ok()?;
    Some((store::key_of(&metadata), store::snapshot_path(dir, &canonical)))
}

fn path_text(path: &Path) -> String {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()).display().to_string()
}

/// When a snapshot's big parts are checked (see [`load`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    First,
    Later,
}

/// The rest of a snapshot's check (its text and index), left for when it competes with
/// nothing: at 1M records it is 153 MiB to hash, which took a core from the first frame
/// (BENCHMARKS §16).
pub struct Verify {
    rest: checks::Rest,
    target: PathBuf,
    /// The key of the file that was mapped.
    mapped: Option<Key>,
}

impl Verify {
    /// Check the text and the index now; a damaged snapshot is removed, for the next run to
    /// rebuild. True when every checksum holds.
    pub fn run(self) -> bool {
        if self.rest.check() {
            return true;
        }
        // Only the file that was mapped: another process may have replaced it since.
        if fs::metadata(&self.target).ok().map(|m| store::key_of(&m)) == self.mapped {
            let _ = fs::remove_file(&self.target);
        }
        false
    }
}

impl std::fmt::Debug for Verify {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Verify({})", self.target.display())
    }
}

/// A snapshot's dataset and index, when every check `check` asks for now passes, and what
/// is left to check.
fn open(
    target: &Path,
    key: Key,
    name: &str,
    check: Check,
) -> Result<(Loaded<'static>, SearchIndex<'static>, Option<Verify>), Reject> {
    let file = fs::File::open(target).map_err(|_| Reject::Foreign)?;
    let bytes = map::map(&file).map_err(|e| Reject::Corrupt(e.to_string()))?;
    let header = format::header(bytes)?;
    if header.key != key {
        return Err(Reject::Stale);
    }
    // A command's links, records and index are hashed from the file, not the map, so
    // checking them does not make them resident (the text is read in full by any search
    // anyway). Not the browser's: its first frame reads the links, and the `pread`s cost it
    // ≈ 10 ms at 1M (BENCHMARKS §12); what it checks later is hashed from the map.
    let reader = file.try_clone().ok().filter(|_| check == Check::First).map(|again| pread::Reader::new(again, bytes));
    let (loaded, index, rest) = format::decode(bytes, &header, name, reader)?;
    match check {
        Check::First if !rest.check() => Err(Reject::Corrupt("checksum".into())),
        Check::First => Ok((loaded, index, None)),
        Check::Later => {
            let mapped = file.metadata().ok().map(|m| store::key_of(&m));
            Ok((loaded, index, Some(Verify { rest, target: target.to_path_buf(), mapped })))
        }
    }
}

/// What `defiant cache info` says about one snapshot.
#[derive(Debug, Clone)]
pub struct Described {
    pub entry: store::Entry,
    /// The dataset file it was made from, when the header is good.
    pub source: Option<String>,
    /// `fresh` (matches the file now), or why it would not be used.
    pub state: String,
}

/// Every snapshot in `dir`, newest first, with its state.
pub fn describe(dir: &Path) -> Vec<Described> {
    store::entries(dir)
        .into_iter()
        .map(|entry| {
            let (source, state) = match read_header(&entry.path) {
                Err(reject) => (None, reject.to_string()),
                Ok((header, bytes)) => match header.source(bytes) {
                    Err(reject) => (None, reject.to_string()),
                    Ok(source) => {
                        let now = fs::metadata(&source).map(|m| store::key_of(&m));
                        let state = match now {
                            Ok(key) if key == header.key => "fresh".to_string(),
                            Ok(_) => Reject::Stale.to_string(),
                            Err(_) => "stale (the file is gone)".to_string(),
                        };
                        (Some(source), state)
                    }
                },
            };
            Described { entry, source, state }
        })
        .collect()
}

fn read_header(path: &Path) -> Result<(Header, &'static [u8]), Reject> {
    let file = fs::File::open(path).map_err(|e| Reject::Corrupt(e.to_string()))?;
    let bytes = map::map(&file).map_err(|e| Reject::Corrupt(e.to_string()))?;
    Ok((format::header(bytes)?, bytes))
}

#[cfg(test)]
mod tests;
