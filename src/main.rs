//! Entry point: parse the command line, then run a command or the terminal browser.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use defiant::cli::{self, Cli, Outcome};

fn main() -> ExitCode {
    // A shell asking for completions (the script `defiant completions` printed): answer, exit.
    cli::complete_if_asked();
    let mut cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error),
    };
    // This binary can start itself to build a snapshot in the background (see `snapshot::Build`).
    cli.build = defiant::snapshot::Build::from_env();
    if cli.command.is_none() {
        return browse(&cli);
    }
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    // `run` flushes `out` itself and reports a failed write.
    ExitCode::from(cli::run(&cli, &mut out, &mut err).code())
}

/// No command: open the terminal browser (after the data and `--open` are known good, so
/// errors print on a normal screen).
fn browse(cli: &Cli) -> ExitCode {
    let mut err = std::io::stderr().lock();
    if let Err(e) = defiant::tui::check_tty() {
        let _ = writeln!(err, "defiant: {e}");
        return ExitCode::from(Outcome::Failure.code());
    }
    let (loaded, index, verify) = match cli::open(cli, &mut err, true) {
        Ok(Some(opened)) => {
            let verify = opened.verify.map(|v| Box::new(move || v.run()) as defiant::tui::SnapshotCheck);
            (opened.loaded, opened.index, verify)
        }
        _ => return ExitCode::from(Outcome::Failure.code()),
    };
    let open = match cli.open.as_deref().map(|r| cli::resolve_or_explain(&loaded.dataset, r, &mut err)) {
        Some(Some(record)) => Some(record),
        Some(None) => return ExitCode::from(Outcome::Failure.code()),
        None => None,
    };
    let cli::ForBrowser { config, notice, monochrome } = cli::for_browser(cli, &mut err);
    let options = defiant::tui::Options {
        mouse: !cli.no_mouse && config.ui.mouse,
        open,
        hyperlinks: config.ui.hyperlinks && !cli.no_hyperlinks,
        monochrome,
        config,
        notice,
        state: defiant::store::state_dir(cli.state.as_deref()),
        dataset: defiant::saved::dataset_key(&loaded.dataset, cli.data.is_none()),
        fresh: cli.fresh,
    };
    match defiant::tui::run(std::sync::Arc::new(loaded.dataset), index, verify, &options) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let _ = writeln!(err, "defiant: {}", defiant::sanitize::message(&e.to_string()));
            ExitCode::from(Outcome::Failure.code())
        }
    }
}

/// Print clap's message (help, version or a usage error) with anything echoed from the
/// arguments sanitized, and exit 2 for errors. Help and version go to stdout and are
/// output like any command's: 0 when written (or the reader went away), 2 when they cannot
/// be written (a full disk).
fn usage_error(error: &clap::Error) -> ExitCode {
    let text = error.render().to_string();
    let safe = defiant::sanitize::text(&text);
    if error.use_stderr() {
        let _ = write!(std::io::stderr(), "{safe}");
        return ExitCode::from(Outcome::Failure.code());
    }
    let mut out = std::io::stdout().lock();
    match out.write_all(safe.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => ExitCode::from(cli::write_failed(&e, &mut std::io::stderr()).code()),
    }
}
