//! `defiant config default | check [FILE] | path`: print the default config, check a
//! config file (exit 0 clean, 2 on any error or warning), or say which file is read.

use std::io::{self, Write};
use std::path::Path;

use clap::Subcommand;

use super::Outcome;
use crate::config::{self, Location};

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print a complete, commented config holding the built-in defaults
    #[command(after_help = "Example:\n  defiant config default > ~/.config/defiant/config.toml")]
    Default,
    /// Check a config file and report every problem at once (default: the one the browser reads)
    #[command(after_help = "Exit codes: 0 no errors or warnings (notes are listed) · 2 problems found")]
    Check {
        /// The file to check (default: --config, else $DEFIANT_CONFIG, else the platform's config file)
        file: Option<std::path::PathBuf>,
    },
    /// Print the path of the config file the browser reads
    Path,
}

pub fn run(
    command: &ConfigCommand,
    flag: Option<&Path>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<Outcome> {
    match command {
        ConfigCommand::Default => {
            out.write_all(config::default_text().as_bytes())?;
            Ok(Outcome::Success)
        }
        ConfigCommand::Path => match config::locate(flag) {
            Some(location) => {
                writeln!(out, "{}", crate::sanitize::message(&location.path.display().to_string()))?;
                Ok(Outcome::Success)
            }
            None => {
                writeln!(err, "defiant: no config directory (no home directory); use --config FILE")?;
                Ok(Outcome::Failure)
            }
        },
        ConfigCommand::Check { file } => {
            let location = match file {
                Some(path) => Some(Location { path: path.clone(), explicit: true }),
                None => config::locate(flag),
            };
            let Some(location) = location else {
                writeln!(err, "defiant: no config directory (no home directory); name a file")?;
                return Ok(Outcome::Failure);
            };
            let shown = crate::sanitize::message(&location.path.display().to_string());
            let Some(loaded) = config::load(&location) else {
                writeln!(out, "{shown}: no such file; the built-in defaults are in use")?;
                return Ok(Outcome::Success);
            };
            if loaded.report.problems.is_empty() {
                writeln!(out, "{shown}: ok")?;
                return Ok(Outcome::Success);
            }
            write!(err, "{}", loaded.report.render())?;
            Ok(if loaded.report.has_problems() { Outcome::Failure } else { Outcome::Success })
        }
    }
}

/// What the browser takes from the config and `--color`.
#[derive(Debug, Clone)]
pub struct ForBrowser {
    pub config: config::Config,
    /// One line for the status bar when the config has errors or warnings.
    pub notice: Option<String>,
    pub monochrome: bool,
}

/// Read the config for the browser. Its errors and warnings are printed in full on `err`
/// now, before the screen opens (they are on the normal screen again after quitting), and
/// summed up in a line for the status bar; broken settings keep their defaults.
pub fn for_browser(cli: &super::Cli, err: &mut impl Write) -> ForBrowser {
    let loaded = config::locate(cli.config.as_deref()).and_then(|location| config::load(&location));
    let (config, notice) = match loaded {
        Some(loaded) if loaded.report.has_problems() => {
            let _ = write!(err, "{}", loaded.report.render());
            let _ = err.flush();
            (loaded.config, Some(config::status_line(&loaded.report)))
        }
        Some(loaded) => (loaded.config, None),
        None => (config::Config::default(), None),
    };
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    let monochrome = config::no_color()
        || match cli.color {
            super::ColorWhen::Never => true,
            super::ColorWhen::Always => false,
            super::ColorWhen::Auto => dumb,
        };
    ForBrowser { config, notice, monochrome }
}
