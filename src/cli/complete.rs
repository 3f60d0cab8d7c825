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
    if shell == clap_complete::Shell::Bash {
        script = bash_colons(&String::from_utf8_lossy(&script)).into_bytes();
    }
    out.write_all(&script)
}

/// clap's bash words as bash split them.
const BASH_WORDS: &str = r#"    local words=("${COMP_WORDS[@]}")
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        words[COMP_CWORD]="$2"
    fi
"#;

/// bash splits words at `:` (it is in COMP_WORDBREAKS), so `show person:dr` reached
/// defiant as `person` `:` `dr`, and nothing completed. The words are taken from the line
/// up to the cursor instead, split at white space only, and the part up to the last `:`,
/// which bash keeps, is taken off the answers (as bash-completion's
/// `__ltrim_colon_completions` does).
const BASH_WORDS_BY_LINE: &str = r#"    local _defiant_line="${COMP_LINE:0:COMP_POINT}" words=()
    IFS=$' \t\n' read -r -a words <<< "$_defiant_line"
    if [[ ${#words[@]} -eq 0 || "$_defiant_line" =~ [[:space:]]$ ]]; then
        words+=("")
    fi
    _CLAP_COMPLETE_INDEX=$(( ${#words[@]} - 1 ))
    local _defiant_cur="${words[_CLAP_COMPLETE_INDEX]}" _defiant_prefix=""
    if [[ "$COMP_WORDBREAKS" == *:* && "$_defiant_cur" == *:* ]]; then
        _defiant_prefix="${_defiant_cur%"${_defiant_cur##*:}"}"
    fi
"#;

const BASH_END: &str = "        compopt -o nospace\n    fi\n}\n";
const BASH_TRIM: &str = r#"        compopt -o nospace
    fi
    if [[ -n "$_defiant_prefix" && -n "${COMPREPLY-}" ]]; then
        COMPREPLY=("${COMPREPLY[@]#"$_defiant_prefix"}")
    fi
}
"#;

fn bash_colons(script: &str) -> String {
    if !script.contains(BASH_WORDS) || !script.contains(BASH_END) {
        return script.to_string(); // another clap_complete: its script as it is
    }
    script.replacen(BASH_WORDS, BASH_WORDS_BY_LINE, 1).replacen(BASH_END, BASH_TRIM, 1)
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
