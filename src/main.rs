//! Entry point: parse the command line, then run a command or the terminal browser.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use defiant::cli::{self, Cli, Outcome};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error),
    };
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    let outcome = cli::run(&cli, &mut out, &mut err);
    let _ = out.flush();
    ExitCode::from(outcome.code())
}

/// Print clap's message (help, version or a usage error) with anything echoed from the
/// arguments sanitized, and exit 0 for help/version, 2 for errors.
fn usage_error(error: &clap::Error) -> ExitCode {
    let text = error.render().to_string();
    let safe = defiant::sanitize::text(&text);
    if error.use_stderr() {
        let _ = write!(std::io::stderr(), "{safe}");
        ExitCode::from(Outcome::Failure.code())
    } else {
        let _ = write!(std::io::stdout(), "{safe}");
        ExitCode::SUCCESS
    }
}
