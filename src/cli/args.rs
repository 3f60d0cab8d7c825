//! The command line's shape (clap derive). `defiant --help` is generated from here.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::data::Kind;

#[derive(Debug, Parser)]
#[command(
    name = "defiant",
    version,
    about = "Browse the companion data of HBO's The Defiant Ones (2017) in the terminal",
    long_about = "Browse the companion data of HBO's The Defiant Ones (2017): episodes, themes, people, \
archival footage sessions and quotes.\n\nWith no command, opens the terminal browser. The commands \
answer the same questions for scripts and pipes: one record per line, or JSON with --json.",
    after_help = "Exit codes: 0 success · 1 nothing found · 2 usage or data error"
)]
pub struct Cli {
    /// Use this dataset file instead of the bundled one (same schema)
    #[arg(long, global = true, value_name = "FILE")]
    pub data: Option<PathBuf>,

    /// Open the browser on this record's detail, e.g. person:dr-dre
    #[arg(long, value_name = "KIND:ID")]
    pub open: Option<String>,

    /// Do not capture the mouse (lets the terminal select text)
    #[arg(long)]
    pub no_mouse: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a dataset and report every problem at once (compiler style)
    #[command(after_help = "Exit codes: 0 usable (warnings are listed) · 2 errors found, or warnings with --strict")]
    Validate {
        /// The file to check (default: --data, else the bundled dataset)
        file: Option<PathBuf>,
        /// Treat warnings (control or invisible characters, over-long fields) as errors
        #[arg(long)]
        strict: bool,
    },
    /// List records, one per line: KIND:ID<TAB>label
    #[command(after_help = "Examples:\n  defiant list person\n  defiant list quote | grep -i chronic | cut -f1")]
    List {
        /// Only this kind of record
        #[arg(value_enum)]
        kind: Option<KindArg>,
        /// Print a JSON array of {kind, id, label}
        #[arg(long)]
        json: bool,
    },
    /// Show one record with all its fields and its links
    #[command(after_help = "Examples:\n  defiant show person:dr-dre\n  defiant show q05 --json")]
    Show {
        /// KIND:ID (e.g. episode:part-3), or a bare ID when it is unique
        reference: String,
        /// Print the record and its resolved links as JSON
        #[arg(long)]
        json: bool,
    },
    /// Print a shell completion script
    #[command(after_help = "Example:\n  defiant completions bash > ~/.local/share/bash-completion/completions/defiant")]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// Record kinds as the command line spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Episode,
    Theme,
    Person,
    Footage,
    Quote,
    Source,
}

impl From<KindArg> for Kind {
    fn from(kind: KindArg) -> Kind {
        match kind {
            KindArg::Episode => Kind::Episode,
            KindArg::Theme => Kind::Theme,
            KindArg::Person => Kind::Person,
            KindArg::Footage => Kind::Footage,
            KindArg::Quote => Kind::Quote,
            KindArg::Source => Kind::Source,
        }
    }
}
