//! Shell completion. `defiant completions SHELL` prints a script that asks the binary
//! while completing (clap_complete's `COMPLETE=SHELL defiant -- …`), so subcommands and
//! flags complete as before and record ids complete from the dataset: `show` and `--open`
//! take any `KIND:ID`, `quote` a quote's id. `--data FILE` on the line being completed is
//! honoured; a dataset that does not load completes nothing.

use std::ffi::{OsStr, OsString};
use std::io::{self, Write};
use std::path::PathBuf;

use clap::CommandFactory;
use clap_complete::CompletionCandidate;
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};

use super::Cli;
use crate::data::Kind;

/// The variable the registered script sets when it calls back.
const VAR: &str = "COMPLETE";

/// Answer a completion request and exit, when this run is one (`COMPLETE` is set);
/// otherwise return at once. `main` calls it before anything is written.
pub fn complete_if_asked() {
    clap_complete::CompleteEnv::with_factory(Cli::command).var(VAR).complete();
}

/// The script for `shell` that `defiant completions SHELL` prints.
pub fn registration(shell: clap_complete::Shell, out: &mut impl Write) -> io::Result<()> {
    let completer: &dyn EnvCompleter = match shell {
        clap_complete::Shell::Bash => &Bash,
        clap_complete::Shell::Elvish => &Elvish,
        clap_complete::Shell::Fish => &Fish,
        clap_complete::Shell::PowerShell => &Powershell,
        clap_complete::Shell::Zsh => &Zsh,
        _ => return Err(io::Error::other("this shell is not supported")),
    };
    let mut script = Vec::new();
    completer.write_registration(VAR, "defiant", "defiant", "defiant", &mut script)?;
    out.write_all(&script)
}

/// Every `KIND:ID` starting with what is typed; with no `:` typed yet, also bare ids (bash
/// splits words at `:`, so after `person:` it asks for the id alone).
pub fn references(current: &OsStr) -> Vec<CompletionCandidate> {
    candidates(current, None)
}

/// The quotes' ids, for `defiant quote`.
pub fn quotes(current: &OsStr) -> Vec<CompletionCandidate> {
    candidates(current, Some(Kind::Quote))
}

fn candidates(current: &OsStr, only: Option<Kind>) -> Vec<CompletionCandidate> {
    let Some(typed) = current.to_str() else { return Vec::new() };
    let Ok(loaded) = super::load_quietly(data_flag().as_deref()) else { return Vec::new() };
    let data = &loaded.dataset;
    let mut out = Vec::new();
    for kind in Kind::ALL.into_iter().filter(|k| only.is_none_or(|o| o == *k)) {
        for r in data.records(kind) {
            let id = data.id(r);
            let link = data.deep_link(r);
            let help = Some(data.label(r).into_owned().into());
            if link.starts_with(typed) {
                out.push(CompletionCandidate::new(link).help(help.clone()));
            }
            if !typed.contains(':') && id.starts_with(typed) && !typed.is_empty() {
                out.push(CompletionCandidate::new(id).help(help));
            }
        }
    }
    out
}

/// `--data FILE` (or `--data=FILE`) on the command line being completed.
fn data_flag() -> Option<PathBuf> {
    let args: Vec<OsString> = std::env::args_os().skip_while(|a| a != "--").collect();
    let mut found = None;
    for (i, arg) in args.iter().enumerate() {
        if arg == "--data" {
            found = args.get(i + 1).map(PathBuf::from);
        } else if let Some(value) = arg.to_str().and_then(|a| a.strip_prefix("--data=")) {
            found = Some(PathBuf::from(value));
        }
    }
    found
}
