//! `defiant cache info|clear`: the snapshots kept in the cache directory.

use std::io::{self, Write};

use super::Outcome;
use super::args::CacheAction;
use crate::sanitize;
use crate::snapshot::{self, Cache, store};

const MIB: f64 = 1024.0 * 1024.0;

pub(super) fn run(
    cache: &Cache,
    data: Option<&std::path::Path>,
    action: &CacheAction,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<Outcome> {
    let Cache::Dir(dir) = cache else {
        writeln!(err, "defiant: the cache is off (--no-cache)")?;
        return Ok(Outcome::Failure);
    };
    let shown = sanitize::message(&dir.display().to_string());
    match action {
        CacheAction::Info => {
            let found = snapshot::describe(dir);
            let total: u64 = found.iter().map(|d| d.entry.bytes).sum();
            writeln!(out, "cache: {shown}")?;
            writeln!(
                out,
                "limits: {} snapshots, {:.0} MiB (newest kept first)",
                store::MAX_SNAPSHOTS,
                store::MAX_BYTES as f64 / MIB
            )?;
            let s = if found.len() == 1 { "" } else { "s" };
            writeln!(out, "{} snapshot{s}, {:.1} MiB", found.len(), total as f64 / MIB)?;
            for d in &found {
                let name = d.entry.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let source = d.source.as_deref().map_or_else(|| "-".to_string(), sanitize::message);
                writeln!(
                    out,
                    "{}\t{:.1} MiB\t{}\t{source}",
                    sanitize::message(&name),
                    d.entry.bytes as f64 / MIB,
                    d.state
                )?;
            }
            Ok(Outcome::Success)
        }
        CacheAction::Build => {
            let Some(path) = data else {
                writeln!(err, "defiant: cache build needs --data FILE")?;
                return Ok(Outcome::Failure);
            };
            let mut notices = Vec::new();
            let built = snapshot::build_now(path, dir, &mut |line| notices.push(line));
            for line in notices {
                writeln!(err, "{line}")?;
            }
            match built {
                Ok(true) => Ok(Outcome::Success),
                Ok(false) => {
                    writeln!(err, "defiant: another process is building this snapshot")?;
                    Ok(Outcome::Success)
                }
                Err(error) => {
                    write!(err, "{}", error.0.render())?;
                    Ok(Outcome::Failure)
                }
            }
        }
        CacheAction::Clear => match store::clear(dir) {
            Ok((n, bytes)) => {
                let s = if n == 1 { "" } else { "s" };
                writeln!(out, "removed {n} snapshot{s} ({:.1} MiB) from {shown}", bytes as f64 / MIB)?;
                Ok(Outcome::Success)
            }
            Err(e) => {
                writeln!(err, "defiant: cannot clear {shown}: {}", sanitize::message(&e.to_string()))?;
                Ok(Outcome::Failure)
            }
        },
    }
}
