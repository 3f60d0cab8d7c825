//! When a missing or unusable snapshot is built: in the process that found it missing
//! (`inline`), by a detached child of the same binary once the command has answered
//! (`background`, the default, like git's `gc --auto`), or never (`off`).
//!
//! Writing a 1M-record snapshot costs seconds (encoding, and copying its bytes into the
//! page cache), which a command that loads the JSON anyway has no reason to wait for: in
//! the background the first run costs what a run without a cache costs, plus one
//! `fork`/`exec`. The child (`defiant --data FILE --cache DIR cache build`, hidden) has no
//! stdio and a process group of its own (a Ctrl-C at the shell does not reach it), and is
//! never waited for. It takes a lock per snapshot first, so a burst of first runs starts
//! one build, not one per run; and because a snapshot is written to a temporary file and
//! renamed, a reader never sees part of one whatever the builders do.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::{Cache, Check, store};
use crate::data::LoadError;

/// When a snapshot is built (see the module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Build {
    /// In this process, before the command answers (what a library caller gets: tests that
    /// call `cli::open` in their own process must never spawn the test binary).
    #[default]
    Inline,
    /// By a detached child of this binary, after the command has answered.
    Background,
    /// Never (the snapshots there are still read).
    Off,
}

impl Build {
    /// `DEFIANT_CACHE_BUILD=inline|background|off`; background when unset or anything else.
    pub fn from_env() -> Build {
        match std::env::var("DEFIANT_CACHE_BUILD").as_deref() {
            Ok("inline") => Build::Inline,
            Ok("off") => Build::Off,
            _ => Build::Background,
        }
    }
}

/// A background build to start once the command is done with its dataset: dropping it
/// spawns the builder (so a command starts it after it has written its answer, and the
/// builder does not compete with it for the cores).
#[derive(Debug)]
pub struct Pending {
    path: PathBuf,
    dir: PathBuf,
}

impl Pending {
    pub(super) fn new(path: &Path, dir: &Path) -> Self {
        Self { path: path.to_path_buf(), dir: dir.to_path_buf() }
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        // A builder that cannot start costs speed only, like a cache that cannot be written.
        let _ = spawn(&self.path, &self.dir);
    }
}

fn spawn(path: &Path, dir: &Path) -> io::Result<()> {
    let mut command = Command::new(std::env::current_exe()?);
    command.arg("--data").arg(path).arg("--cache").arg(dir).args(["cache", "build"]);
    command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        command.process_group(0);
    }
    let mut child = command.spawn()?;
    // Not waited for; reaped if this process outlives it (the browser), so no zombie stays.
    std::thread::spawn(move || child.wait());
    Ok(())
}

/// What `defiant cache build` does: build the snapshot of `path` in `dir` now unless a good
/// one is there (`Ok(true)`), or leave it to another builder that holds its lock
/// (`Ok(false)`, at once).
/// `notice` gets the line a cache that cannot be written costs.
pub fn build_now(path: &Path, dir: &Path, notice: &mut dyn FnMut(String)) -> Result<bool, LoadError> {
    // Work nobody waits for: the commands the user runs meanwhile come first.
    #[cfg(unix)]
    let _ = rustix::process::setpriority_process(None, NICE);
    let Some((_, target)) = super::locate(path, dir) else {
        // Not a regular file: the loader says what it is.
        return super::load(path, &Cache::Off, Check::First, Build::Off, notice).map(|_| true);
    };
    let lock = store::create_dir(dir)
        .and_then(|()| fs::OpenOptions::new().create(true).truncate(false).write(true).open(lock_path(&target)));
    // A directory that cannot be written: `load` says why.
    let _held = match lock {
        Ok(file) => match try_lock(&file) {
            Some(true) => Some(file),
            Some(false) => return Ok(false),
            None => None,
        },
        Err(_) => None,
    };
    super::load(path, &Cache::Dir(dir.to_path_buf()), Check::First, Build::Inline, notice).map(|_| true)
}

/// How much a builder lowers its priority (a CPU-bound process at nice 10 gets about a
/// tenth of a core that a nice-0 one also wants).
#[cfg(unix)]
const NICE: i32 = 10;

/// The lock a builder of `target` holds (an empty file next to it; the lock dies with the
/// process, so a killed builder never blocks the next).
pub fn lock_path(target: &Path) -> PathBuf {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    target.with_file_name(format!(".{name}.lock"))
}

/// Take the builder's lock: `Some(false)` when another process holds it, `None` when
/// locks are not to be had here (then building goes ahead: it is safe, only wasteful).
#[cfg(unix)]
fn try_lock(file: &fs::File) -> Option<bool> {
    use rustix::fs::{FlockOperation, flock};
    match flock(file, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => Some(true),
        Err(rustix::io::Errno::WOULDBLOCK) => Some(false),
        Err(_) => None,
    }
}

#[cfg(not(unix))]
fn try_lock(_: &fs::File) -> Option<bool> {
    None
}
