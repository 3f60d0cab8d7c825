//! The command line's shape (clap derive). `defiant --help` is generated from here.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use clap_complete::ArgValueCompleter;

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

    /// Keep dataset snapshots in DIR (default: DEFIANT_CACHE, else the platform's cache
    /// directory, e.g. ~/.cache/defiant)
    #[arg(long, global = true, value_name = "DIR")]
    pub cache: Option<PathBuf>,

    /// Neither read nor write dataset snapshots: load the JSON every time
    #[arg(long, global = true)]
    pub no_cache: bool,

    /// When a missing snapshot is built: not an option but `DEFIANT_CACHE_BUILD`, which
    /// `main` reads (a library caller, such as a test, builds inline).
    #[arg(skip)]
    pub build: crate::snapshot::Build,

    /// Open the browser on this record's detail, e.g. person:dr-dre
    #[arg(long, value_name = "KIND:ID", add = ArgValueCompleter::new(super::complete::references))]
    pub open: Option<String>,

    /// Do not capture the mouse (lets the terminal select text)
    #[arg(long)]
    pub no_mouse: bool,

    /// Keep marks, collections and history in DIR (default: $DEFIANT_STATE, else the
    /// platform's state directory, e.g. ~/.local/state/defiant)
    #[arg(long, global = true, value_name = "DIR")]
    pub state: Option<PathBuf>,

    /// Start clean instead of where the last session ended (marks and collections stay)
    #[arg(long)]
    pub fresh: bool,
    /// Print source URLs as plain text, not as terminal hyperlinks (OSC 8)
    #[arg(long)]
    pub no_hyperlinks: bool,

    /// Read this config file (default: $DEFIANT_CONFIG, else the platform's config directory)
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Colour in the browser: auto (when NO_COLOR is unset), always, never (NO_COLOR still wins)
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

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
    #[command(after_help = "Examples:\n  defiant list person\n  defiant list event\n  defiant list series\n  \
defiant list quote | grep -i chronic | cut -f1\n  defiant list -0 | cut -z -f1 | xargs -0 -n1 defiant show")]
    List {
        /// Only this kind of record (`event` and `series` are listed only when asked for, or with --all)
        #[arg(value_enum)]
        kind: Option<Kind>,
        /// Also list the events (nested in their episodes) and the series record
        #[arg(long, conflicts_with = "kind")]
        all: bool,
        /// Print a JSON array of {kind, id, label}
        #[arg(long)]
        json: bool,
        /// End each record with NUL instead of a newline (for xargs -0, cut -z, fzf --read0)
        #[arg(short = '0', long, conflicts_with = "json")]
        null: bool,
    },
    /// Show one record with all its fields and its links
    #[command(after_help = "Examples:\n  defiant show person:dr-dre\n  defiant show q05 --json")]
    Show {
        /// KIND:ID (e.g. episode:part-3), or a bare ID when it is unique
        #[arg(add = ArgValueCompleter::new(super::complete::references))]
        reference: String,
        /// Print the record and its resolved links as JSON
        #[arg(long)]
        json: bool,
    },
    /// Fuzzy-search every record: KIND:ID<TAB>label<TAB>matched field, best first
    #[command(after_help = query_help())]
    Search {
        /// The query; several words are joined with spaces
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Only this kind of record (same as a `kind:` facet in the query)
        #[arg(long, value_enum)]
        kind: Option<Kind>,
        /// At most this many results (0 = all)
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// Exact substrings: no fuzzy matching (as fzf --exact, where 'term is fuzzy)
        #[arg(long)]
        exact: bool,
        /// Print a JSON array with kind, id, label, score, tier, field and matched positions
        #[arg(long)]
        json: bool,
        /// Print load, index and search times (ms) on stderr
        #[arg(long)]
        timings: bool,
        /// End each record with NUL instead of a newline (for xargs -0, cut -z, fzf --read0)
        #[arg(short = '0', long, conflicts_with = "json")]
        null: bool,
    },
    /// The events in time, one a line: YEAR  event:ID  text (undated ones last)
    #[command(after_help = "Years come only from sources (`~` = approximate); where sources give different \
dates, the line says so.\n\nExamples:\n  defiant timeline\n  defiant timeline --from 1990 --to 1999\n  \
defiant timeline --person dr-dre --json\n\nExit codes: 0 events listed · 1 none in range · 2 usage or data error")]
    Timeline {
        /// Only events from this year on (undated events are left out)
        #[arg(long, value_name = "YEAR")]
        from: Option<i32>,
        /// Only events up to this year (undated events are left out)
        #[arg(long, value_name = "YEAR")]
        to: Option<i32>,
        /// Only events involving this person (an id, e.g. dr-dre)
        #[arg(long, value_name = "ID")]
        person: Option<String>,
        /// Print a JSON array with year, id, text, episode, lane, dates (with sources) and people
        #[arg(long)]
        json: bool,
    },
    /// Print a quote with its citation (a random one without ID)
    #[command(after_help = "Examples:\n  defiant quote q71\n  defiant quote --random\n  defiant quote q06 --json")]
    Quote {
        /// The quote's id, e.g. q71 (or quote:q71)
        #[arg(add = ArgValueCompleter::new(super::complete::quotes))]
        id: Option<String>,
        /// A random quote (the default when no id is given)
        #[arg(long, conflicts_with = "id")]
        random: bool,
        /// Print the quote, speaker and source as JSON
        #[arg(long)]
        json: bool,
    },
    /// Show or clear the dataset snapshots kept in the cache directory
    #[command(after_help = "A snapshot is the loaded, checked and indexed dataset of a --data file, kept so the \
next run starts from it instead of the JSON. It is used only while the file is unchanged (same device, inode, \
size, mtime and ctime), and rebuilt otherwise. At most 4 snapshots and 1 GiB are kept, the newest first.")]
    Cache {
        #[command(subcommand)]
        action: CacheAction,
    },
    /// Named collections of records (what `m` and `M` keep in the browser)
    #[command(subcommand, after_help = collection_help())]
    Collection(CollectionCommand),
    /// Print the default config, check a config file, or show where it is read from
    Config {
        #[command(subcommand)]
        command: super::config::ConfigCommand,
    },
    /// Print a shell completion script
    #[command(after_help = "The script asks defiant itself while completing, so record ids complete from the \
dataset (show, quote, --open).\n\nExample:\n  defiant completions bash > ~/.local/share/bash-completion/completions/defiant")]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Subcommand)]
pub enum CacheAction {
    /// The cache directory, its limits, and each snapshot with its file and state
    Info,
    /// Remove every snapshot
    Clear,
    /// Build the snapshot of --data now (what a first run starts in the background)
    #[command(hide = true)]
    Build,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// A quote sheet: block quotes with speaker, occasion, source and URL, and your notes
    Md,
    /// Ids, labels and notes; `collection import` reads it back
    Json,
    /// kind,id,label,note; `collection import` reads it back
    Csv,
}

#[derive(Debug, Subcommand)]
pub enum CollectionCommand {
    /// One collection a line: name<TAB>count
    List {
        #[arg(long)]
        json: bool,
    },
    /// One record a line, in order: KIND:ID<TAB>label (missing records as "missing: KIND:ID")
    Show {
        name: String,
        #[arg(long)]
        json: bool,
    },
    /// Add records (made if new; records already there stay where they are)
    Add {
        name: String,
        #[arg(required = true, num_args = 1.., value_name = "KIND:ID")]
        records: Vec<String>,
    },
    /// Take records out of a collection
    Remove {
        name: String,
        #[arg(required = true, num_args = 1.., value_name = "KIND:ID")]
        records: Vec<String>,
    },
    /// Rename a collection
    Rename { from: String, to: String },
    /// Delete a collection and its notes
    Delete { name: String },
    /// Write a collection as Markdown, JSON or CSV
    Export {
        name: String,
        #[arg(long, value_enum, default_value = "md")]
        format: ExportFormat,
        /// Write to FILE instead of stdout
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Read a collection from an export (JSON, CSV, or the Markdown sheet's ids and notes),
    /// added to any collection of the same name
    Import {
        file: PathBuf,
        /// The collection to import into (default: the name in a JSON file, else the file's name)
        #[arg(long)]
        name: Option<String>,
    },
}

fn collection_help() -> &'static str {
    "Examples:\n  defiant collection list\n  defiant collection add reading quote:q06 person:dr-dre\n  \
defiant collection export reading --format md --out reading.md\n  defiant collection import reading.json --state /tmp/other\n\n\
Exit codes: 0 success · 1 no such collection · 2 usage, data or state error"
}

/// `--color`: whether the browser uses colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorWhen {
    #[default]
    Auto,
    Always,
    Never,
}

/// The query language for `defiant search --help`, from the one table in `search::query`.
pub fn query_help() -> String {
    let mut out = String::from("Query language:\n");
    for row in crate::search::query::SYNTAX {
        out.push_str(&format!("  {:<20} {}\n", row.example, row.meaning));
    }
    out.push_str(&format!("  {}\n", crate::search::query::SMART_CASE));
    out.push_str(
        "
Output: KIND:ID<TAB>label<TAB>matched field, best first; with -0 each record ends with NUL.
Exit codes: 0 results · 1 nothing found · 2 usage or data error

Examples:
  defiant search iovine
  defiant search 'quote: chronic !hughes'
  defiant search levitator --json --limit 3",
    );
    out
}

/// `--kind` takes a record kind by its singular name (`quote`, `person`, …), the same name
/// `kind:id` references use.
impl ValueEnum for Kind {
    fn value_variants<'a>() -> &'a [Self] {
        &Kind::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.name()))
    }
}
