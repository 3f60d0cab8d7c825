//! The cache directory: where snapshots live, how one is written so that no reader ever
//! sees half of it, and how many are kept.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::format::Key;

/// At most this many snapshots are kept: the newest (by modification time) win.
pub const MAX_SNAPSHOTS: usize = 4;
/// ... and at most this many bytes of them (a 1M-record snapshot is 433 MiB); the newest
/// snapshot is kept even when it alone is bigger.
pub const MAX_BYTES: u64 = 1024 * 1024 * 1024;
/// A temporary file older than this is a killed writer's, and is removed.
const STALE_TEMP: Duration = Duration::from_secs(600);
pub const EXTENSION: &str = "snap";

/// The platform's cache directory for defiant (`$XDG_CACHE_HOME/defiant` or
/// `~/.cache/defiant` on Linux, `~/Library/Caches/defiant` on macOS, `%LOCALAPPDATA%\defiant\cache`
/// on Windows), unless `DEFIANT_CACHE` names another.
pub fn default_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("DEFIANT_CACHE").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "defiant").map(|d| d.cache_dir().to_path_buf())
}

/// The key of the file as it is now.
pub fn key_of(metadata: &fs::Metadata) -> Key {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Key {
            device: metadata.dev(),
            inode: metadata.ino(),
            size: metadata.size(),
            mtime: (metadata.mtime(), metadata.mtime_nsec() as u32),
            ctime: (metadata.ctime(), metadata.ctime_nsec() as u32),
        }
    }
    #[cfg(not(unix))]
    {
        let since = |t: io::Result<SystemTime>| {
            t.ok()
                .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                .map_or((0, 0), |d| (d.as_secs() as i64, d.subsec_nanos()))
        };
        Key {
            device: 0,
            inode: 0,
            size: metadata.len(),
            mtime: since(metadata.modified()),
            ctime: since(metadata.created()),
        }
    }
}

/// When the file last changed (the later of mtime and ctime).
pub fn changed_at(key: &Key) -> SystemTime {
    let at = |(s, ns): (i64, u32)| {
        if s >= 0 { SystemTime::UNIX_EPOCH + Duration::new(s as u64, ns) } else { SystemTime::UNIX_EPOCH }
    };
    at(key.mtime).max(at(key.ctime))
}

/// The snapshot file for a dataset file (named by its canonical path, so a file replaced
/// in place or by a rename has one snapshot, rewritten).
pub fn snapshot_path(dir: &Path, canonical: &Path) -> PathBuf {
    let hash = xxhash_rust::xxh3::xxh3_64(canonical.as_os_str().as_encoded_bytes());
    dir.join(format!("{hash:016x}.{EXTENSION}"))
}

/// Write `bytes` as `target` atomically: a temporary file in the same directory, flushed
/// to disk, then renamed over the target (and the directory flushed), so a reader sees the
/// old snapshot or the new one, never part of one, and a killed writer leaves only a
/// temporary file that is never read (and is removed later).
pub fn write_atomically(target: &Path, contents: impl FnOnce(&mut dyn io::Write) -> io::Result<()>) -> io::Result<()> {
    let dir = target.parent().unwrap_or(Path::new("."));
    create_dir(dir)?;
    let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.{nanos}.tmp", std::process::id()));
    let written = (|| {
        let file = fs::OpenOptions::new().write(true).create_new(true).open(&temp)?;
        let mut buffered = io::BufWriter::with_capacity(1 << 20, file);
        contents(&mut buffered)?;
        let file = buffered.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.sync_all()?;
        fs::rename(&temp, target)?;
        sync_dir(dir);
        Ok(())
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

pub fn create_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
    }
    #[cfg(not(unix))]
    {
        fs::create_dir_all(dir)
    }
}

#[cfg(unix)]
fn sync_dir(dir: &Path) {
    if let Ok(handle) = fs::File::open(dir) {
        let _ = handle.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_dir(_: &Path) {}

/// One snapshot file in the cache directory.
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: PathBuf,
    pub bytes: u64,
    pub modified: SystemTime,
}

/// The snapshots in `dir`, newest first (other files are not ours and are left alone).
pub fn entries(dir: &Path) -> Vec<Entry> {
    let mut found: Vec<Entry> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == EXTENSION))
        .filter_map(|e| {
            let metadata = e.metadata().ok().filter(fs::Metadata::is_file)?;
            Some(Entry { path: e.path(), bytes: metadata.len(), modified: metadata.modified().ok()? })
        })
        .collect();
    found.sort_by(|a, b| b.modified.cmp(&a.modified).then_with(|| a.path.cmp(&b.path)));
    found
}

/// Keep the newest [`MAX_SNAPSHOTS`] snapshots within [`MAX_BYTES`] (always `keep`), and
/// remove killed writers' temporary files.
pub fn prune(dir: &Path, keep: &Path) {
    let mut total = 0u64;
    let mut kept = 0usize;
    for entry in entries(dir) {
        let mine = entry.path == keep;
        if mine || (kept < MAX_SNAPSHOTS - 1 && total + entry.bytes <= MAX_BYTES) {
            total += entry.bytes;
            kept += usize::from(!mine);
            continue;
        }
        let _ = fs::remove_file(&entry.path);
    }
    for e in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = e.path();
        let ours = path.file_name().is_some_and(|n| {
            let n = n.to_string_lossy();
            n.starts_with('.') && n.ends_with(".tmp") && n.contains(&format!(".{EXTENSION}."))
        });
        let old = e.metadata().ok().and_then(|m| m.modified().ok()).and_then(|m| m.elapsed().ok());
        if ours && old.is_some_and(|age| age > STALE_TEMP) {
            let _ = fs::remove_file(&path);
        }
    }
}

/// Remove every snapshot (and temporary and lock file) in `dir`; returns how many and their bytes.
pub fn clear(dir: &Path) -> io::Result<(usize, u64)> {
    let mut removed = (0, 0);
    for entry in entries(dir) {
        fs::remove_file(&entry.path)?;
        removed.0 += 1;
        removed.1 += entry.bytes;
    }
    for e in fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let ours = name.ends_with(".tmp") || name.ends_with(".lock");
        if name.starts_with('.') && ours && name.contains(&format!(".{EXTENSION}.")) {
            let _ = fs::remove_file(e.path());
        }
    }
    Ok(removed)
}
