//! The command line: the same core as the TUI, answering on stdout for scripts and pipes.
//!
//! Commands write to any `impl Write` (tests pass a `Vec<u8>`) and return an [`Outcome`]
//! that `main` turns into the exit code. Nothing here touches terminal modes. A closed
//! pipe (`defiant list | head -1`) ends the command quietly instead of panicking.

mod args;
mod cache;
mod collection;
mod complete;
mod config;
mod list;
mod quote;
mod search;
mod show;
mod timeline;

use std::io::{self, Write};
use std::path::Path;

pub use args::{CacheAction, Cli, CollectionCommand, ColorWhen, Command, ExportFormat};
pub use complete::complete_if_asked;
pub use config::{ConfigCommand, ForBrowser, for_browser};
pub use show::resolve_or_explain;

use crate::data::{self, Dataset, Kind, Loaded, RecordRef};
use crate::snapshot::{self, Cache, Opened};

/// How a command ended; `main` maps it to the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Success,
    /// Exit 1: the command ran but found nothing.
    NothingFound,
    /// Exit 2: bad usage or unusable data (a message was printed on stderr).
    Failure,
}

impl Outcome {
    pub fn code(self) -> u8 {
        match self {
            Outcome::Success => 0,
            Outcome::NothingFound => 1,
            Outcome::Failure => 2,
        }
    }
}

/// Run a parsed command line (not the TUI). `out` is stdout, `err` is stderr.
/// `out` is flushed here, so a write that fails only at the end (stdout's buffer) is
/// reported like any other.
pub fn run(cli: &Cli, out: &mut impl Write, err: &mut impl Write) -> Outcome {
    match dispatch(cli, out, err).and_then(|outcome| out.flush().map(|()| outcome)) {
        Ok(outcome) => outcome,
        Err(e) => write_failed(&e, err),
    }
}

/// What a failed write to stdout means: a reader that went away (`| head`) is not an error
/// and there is nothing more to say (exit 0); anything else (a full disk) is exit 2 with
/// one line on `err`. Shared with `main`, which prints clap's help and version itself.
pub fn write_failed(error: &io::Error, err: &mut impl Write) -> Outcome {
    if error.kind() == io::ErrorKind::BrokenPipe {
        return Outcome::Success;
    }
    let _ = writeln!(err, "defiant: cannot write output: {}", crate::sanitize::message(&error.to_string()));
    Outcome::Failure
}

fn dispatch(cli: &Cli, out: &mut impl Write, err: &mut impl Write) -> io::Result<Outcome> {
    // No command means the browser, which `main` opens itself (see main.rs `browse`).
    let Some(command) = &cli.command else {
        writeln!(err, "defiant: no command given; run `defiant --help`")?;
        return Ok(Outcome::Failure);
    };
    match command {
        Command::Validate { file, strict } => validate(file.as_deref().or(cli.data.as_deref()), *strict, out, err),
        Command::Config { command } => config::run(command, cli.config.as_deref(), out, err),
        Command::Completions { shell } => {
            // clap_complete panics when its writer fails ("failed to write completion
            // file"), so the script is built in memory and written here like any output.
            let mut script = Vec::new();
            complete::registration(*shell, &mut script)?;
            out.write_all(&script)?;
            Ok(Outcome::Success)
        }
        Command::List { kind, all, json, null } => {
            let Some(opened) = open(cli, err, false)? else { return Ok(Outcome::Failure) };
            let kinds = match kind {
                Some(kind) => vec![*kind],
                None if *all => Kind::ALL.to_vec(),
                None => Kind::FILED.to_vec(),
            };
            list::run(&opened.loaded.dataset, &kinds, *json, terminator(*null), out)
        }
        Command::Cache { action } => cache::run(&cache_of(cli), cli.data.as_deref(), action, out, err),
        Command::Search { query, kind, limit, exact, json, timings, null } => {
            let options = search::Options {
                query: query.join(" "),
                kind: *kind,
                limit: *limit,
                exact: *exact,
                json: *json,
                timings: *timings,
                terminator: terminator(*null),
            };
            search::run(cli, &options, out, err)
        }
        Command::Quote { id, random: _, json } => {
            let Some(opened) = open(cli, err, false)? else { return Ok(Outcome::Failure) };
            quote::run(&opened.loaded.dataset, id.as_deref(), *json, out, err)
        }
        Command::Collection(command) => collection::run(cli, command, out, err),
        Command::Timeline { from, to, person, json } => {
            let Some(loaded) = load(cli.data.as_deref(), err)? else { return Ok(Outcome::Failure) };
            let options = timeline::Options { from: *from, to: *to, person: person.as_deref(), json: *json };
            timeline::run(&loaded.dataset, &options, out, err)
        }
        Command::Show { reference, json } => {
            let Some(opened) = open(cli, err, false)? else { return Ok(Outcome::Failure) };
            show::run(&opened.loaded.dataset, reference, *json, out, err)
        }
    }
}

/// Where `--cache`, `--no-cache` and `DEFIANT_CACHE` say snapshots are kept.
pub fn cache_of(cli: &Cli) -> Cache {
    Cache::choose(cli.cache.as_deref(), cli.no_cache)
}

/// Load `--data` (from its snapshot when there is a good one) or the bundled dataset, as
/// [`load`] does. A cache that cannot be written costs one line on stderr, except for the
/// `browser`, which says nothing about it.
pub fn open(cli: &Cli, err: &mut impl Write, browser: bool) -> io::Result<Option<Opened>> {
    let Some(path) = cli.data.as_deref() else {
        return Ok(load(None, err)?.map(Opened::plain));
    };
    let mut notices = Vec::new();
    let check = if browser { snapshot::Check::Later } else { snapshot::Check::First };
    let opened = snapshot::load(path, &cache_of(cli), check, cli.build, &mut |line| notices.push(line));
    if !browser {
        for line in notices {
            writeln!(err, "{line}")?;
        }
    }
    match opened {
        Ok(opened) => {
            warn(&opened.loaded, Some(path), err)?;
            Ok(Some(opened))
        }
        Err(error) => {
            write!(err, "{}", error.0.render())?;
            Ok(None)
        }
    }
}

/// Load `--data` or the bundled dataset from the JSON. Errors are printed in full; warnings
/// as one line, pointing at `validate` for the details.
pub fn load(path: Option<&Path>, err: &mut impl Write) -> io::Result<Option<Loaded<'static>>> {
    match load_quietly(path) {
        Ok(loaded) => {
            warn(&loaded, path, err)?;
            Ok(Some(loaded))
        }
        Err(error) => {
            write!(err, "{}", error.0.render())?;
            Ok(None)
        }
    }
}

/// One line saying how many warnings loading found, pointing at `validate`.
fn warn(loaded: &Loaded, path: Option<&Path>, err: &mut impl Write) -> io::Result<()> {
    let warnings = loaded.report.warning_count();
    if warnings > 0 {
        let file = &loaded.report.file;
        let s = if warnings == 1 { "" } else { "s" };
        let command = match path {
            Some(path) => format!("defiant validate {}", crate::sanitize::message(&path.display().to_string())),
            None => "defiant validate".to_string(),
        };
        writeln!(err, "defiant: {warnings} warning{s} in {file} (run `{command}` to list them)")?;
    }
    Ok(())
}

/// Load without printing anything.
pub fn load_quietly(path: Option<&Path>) -> Result<Loaded<'static>, data::LoadError> {
    match path {
        Some(path) => data::load::from_path(path),
        None => Dataset::bundled(),
    }
}

fn validate(path: Option<&Path>, strict: bool, out: &mut impl Write, err: &mut impl Write) -> io::Result<Outcome> {
    match load_quietly(path) {
        Ok(loaded) => {
            let report = &loaded.report;
            if report.diagnostics.is_empty() {
                writeln!(out, "{}: ok ({} records)", report.file, loaded.dataset.total())?;
                return Ok(Outcome::Success);
            }
            write!(err, "{}", report.render())?;
            Ok(if strict { Outcome::Failure } else { Outcome::Success })
        }
        Err(error) => {
            write!(err, "{}", error.0.render())?;
            Ok(Outcome::Failure)
        }
    }
}

/// What ends a record of `list` and `search`: a newline, or NUL with `-0`. Ids may hold
/// quotes, `$` and backslashes, which `xargs` without `-0` interprets; labels never hold a
/// NUL (the sanitizer shows it as `␀`), so NUL is a safe separator.
fn terminator(null: bool) -> &'static [u8] {
    if null { b"\0" } else { b"\n" }
}

/// `KIND:ID<TAB>label`, how `list` and `search` start a record's line (no newline).
/// Written piece by piece: at 100k records `search de` prints 93,549 lines, and `writeln!`
/// with a formatted deep link took ≈ 45 ms of that run.
/// The terminal's width when stdout is one (at least 20), else none: output to a pipe or a
/// file is never wrapped.
fn terminal_width() -> Option<usize> {
    use std::io::IsTerminal;
    if !io::stdout().is_terminal() {
        return None;
    }
    let (columns, _) = ratatui::crossterm::terminal::size().ok()?;
    Some(usize::from(columns).max(20))
}

fn write_record(out: &mut impl Write, data: &Dataset, r: RecordRef) -> io::Result<()> {
    for piece in [r.kind.name(), ":", data.id(r), "\t", &data.label(r)] {
        out.write_all(piece.as_bytes())?;
    }
    Ok(())
}

/// Write a field's text as lines: the first after `first`, every further line (a `\n` kept
/// in a prose field) after `rest`. Text from data thus never starts a line at column 0,
/// where `show` puts its headings and `quote` its attribution, so a line break in a note
/// cannot forge a `Links:` section or a `— Someone [quote:q1]` line. With a width (a
/// terminal), each line is wrapped on words and the wrapped lines go after `rest` too.
/// Blank lines keep their indent, as a prose field's paragraph breaks always did.
fn write_block(out: &mut impl Write, text: &str, width: Option<usize>, first: &str, rest: &str) -> io::Result<()> {
    for (i, piece) in text.split('\n').enumerate() {
        let lead = if i == 0 { first } else { rest };
        match width {
            Some(width) if !piece.trim().is_empty() => {
                for line in crate::text::wrap(piece, width, lead, rest) {
                    writeln!(out, "{line}")?;
                }
            }
            _ => {
                for part in [lead, piece, "\n"] {
                    out.write_all(part.as_bytes())?;
                }
            }
        }
    }
    Ok(())
}
