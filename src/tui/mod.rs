//! The interactive browser's run loop: set up the terminal, then draw → wait for messages
//! → update → run the effects update returned, until the app quits or a signal arrives.

mod background;
pub mod clipboard;
mod event;
mod keep;
mod later;
mod opener;
mod terminal;

use std::collections::VecDeque;
use std::io;
use std::sync::Arc;
use std::time::Duration;

pub use later::SnapshotCheck;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
pub use terminal::{StartError, check_tty, restore};

use crate::app::{App, Effect, Effects, Internal, Message as AppMessage, layout};
use crate::config::{Config, ThemeChoice};
use crate::data::{Dataset, RecordRef};
use crate::search::SearchIndex;
use crate::search::worker::SearchWorker;
use crate::ui::{self, Styles};
use event::Message;

/// Start-up choices from the command line and the config file.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub mouse: bool,
    pub open: Option<RecordRef>,
    /// The state directory (`None`: nothing is saved this run).
    pub state: Option<std::path::PathBuf>,
    /// The dataset's identity in the store (`saved::dataset_key`).
    pub dataset: String,
    /// Start clean instead of where the last session ended.
    pub fresh: bool,
    /// Print source URLs as OSC 8 hyperlinks.
    pub hyperlinks: bool,
    /// Colour off (`NO_COLOR`, `--color never`).
    pub monochrome: bool,
    /// The config in force (the defaults for anything it got wrong).
    pub config: Config,
    /// What to say in the status bar at start (a config with problems).
    pub notice: Option<String>,
}

/// Set by tests to check the terminal is restored after a panic mid-frame (T06).
const PANIC_TRIGGER: &str = "DEFIANT_TEST_PANIC";

/// After a keystroke starts a search, wait this long for its results before drawing, so a
/// fast search (the bundled data: well under 1 ms) shows results instead of a flash of
/// "searching…". Slow searches draw at once and fill in as results arrive.
const SEARCH_GRACE: Duration = Duration::from_millis(8);

/// How the loop ends.
enum Exit {
    Quit,
    Signal(i32),
}

/// Run the browser until the user quits. Returns the process exit code: 0 after a normal
/// quit, 128+n after signal n.
/// `index` is the dataset's search index when it came with it (from a snapshot), `verify`
/// what is left to check of that snapshot.
pub fn run(
    data: Arc<Dataset<'static>>,
    index: Option<SearchIndex<'static>>,
    verify: Option<SnapshotCheck>,
    options: &Options,
) -> Result<u8, StartError> {
    check_tty()?;
    let config = &options.config;
    let notice = options.notice.clone();
    let styles = Styles { monochrome: options.monochrome, overrides: config.styles.clone() };
    let index = Arc::new(index.unwrap_or_else(|| SearchIndex::build(&data)));
    let mut app = App::with_index_counting_later(data.clone(), index.clone());
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64);
    app.seed_random(now);
    app.set_hyperlinks(options.hyperlinks);
    // Asked before raw mode and the input thread, which would otherwise read the answer.
    let auto = match config.theme {
        ThemeChoice::Auto if !options.monochrome => background::theme(),
        _ => crate::app::Theme::Dark,
    };
    config.apply(&mut app, auto);
    let (tx, rx) = event::channel();
    let mut later = later::AfterFirstFrame::default();
    // The Overview's charts read every quote, the Timeline every person: made after the
    // first frame, not before it.
    let (counted, counting_data) = (tx.clone(), data.clone());
    later.push(move || {
        let story = Arc::new(crate::app::Story::build(&counting_data));
        let _ = counted.send(Message::App(Internal::StoryCounted(story).into()));
    });
    if let Some(verify) = verify {
        later.push(later::verify(verify, tx.clone()));
    }
    let start = keep::start(options.state.as_deref(), &options.dataset, tx.clone());
    let mut keeper = start.keeper;
    app.keep(&options.dataset, start.saved, start.persistence);
    app.set_clock(crate::store::now());
    // A deep link wins over the last session.
    let opening = match options.open {
        Some(record) => app.open(record),
        None if !options.fresh => app.restore_session(),
        None => Effects::default(),
    };
    for effect in opening {
        if let Effect::Save(change) = effect {
            keeper.save(change);
        }
    }
    for notice in start.notices {
        let _ = app.update(Internal::Notice(notice));
    }
    event::spawn_signals(tx.clone())?;
    let results = tx.clone();
    let worker = SearchWorker::spawn(index, move |update| {
        let _ = results.send(Message::Search(update));
    });
    let _guard = terminal::TerminalGuard::enter(options.mouse)?;
    // Start crossterm's event source (and its SIGWINCH handler) before asking for the size:
    // it is made lazily by the first read, on the input thread, and a resize that came
    // before it was lost, leaving the app drawing for the old size (seen under load when a
    // window changed size just after the first frame).
    let _ = ratatui::crossterm::event::poll(Duration::ZERO)?;
    // A fixed viewport, resized by the loop, so no frame is bigger than the app ever draws.
    let size = ratatui::crossterm::terminal::size()?;
    let area = layout::drawable(Rect::new(0, 0, size.0, size.1));
    let options = TerminalOptions { viewport: Viewport::Fixed(area) };
    let mut terminal = Terminal::with_options(CrosstermBackend::new(io::stdout()), options)?;
    let _ = app.update(Internal::Resized { width: size.0, height: size.1 });
    if let Some(notice) = notice {
        app.notify(notice);
    }
    event::spawn_input(tx);

    let mut system_clipboard = clipboard::System::default();
    let mut world = World { terminal: &mut terminal, keeper: &mut keeper, clipboard: &mut system_clipboard, later };
    let exit = event_loop(&mut world, &mut app, &styles, &rx, &worker);
    keeper.save(crate::saved::Change::Session(app.session()));
    terminal::restore();
    keeper.finish();
    let exit = exit?;
    match exit {
        Exit::Quit => {
            // Leave the records to the OS, as `defiant search` does: freeing a million of
            // them one by one kept the shell waiting ≈ 54 ms after the screen was restored.
            std::mem::forget(app);
            Ok(0)
        }
        Exit::Signal(signal) => Ok(128u8.saturating_add(u8::try_from(signal).unwrap_or(0))),
    }
}

/// What the loop acts on besides the app: the screen, the store, the clipboard, and the
/// work waiting for the first frame.
struct World<'a> {
    terminal: &'a mut Terminal<CrosstermBackend<io::Stdout>>,
    keeper: &'a mut keep::Keeper,
    clipboard: &'a mut clipboard::System,
    later: later::AfterFirstFrame,
}

fn event_loop(
    world: &mut World,
    app: &mut App,
    styles: &Styles,
    rx: &std::sync::mpsc::Receiver<Message>,
    worker: &SearchWorker,
) -> Result<Exit, StartError> {
    let panic_on_draw = std::env::var(PANIC_TRIGGER).is_ok_and(|v| v == "draw");
    let World { terminal, keeper, clipboard: system_clipboard, later } = world;
    loop {
        terminal.draw(|frame| {
            if panic_on_draw {
                panic!("test-triggered panic while drawing ({PANIC_TRIGGER}=draw)");
            }
            ui::view(frame, app, &styles.palette(app.theme()));
        })?;
        later.start();
        // Block for one message, then drain whatever else is pending before redrawing, so a
        // burst of keys or resizes costs one frame.
        let Ok(first) = rx.recv() else { return Ok(Exit::Quit) };
        let mut queue: VecDeque<Message> = std::iter::once(first).chain(rx.try_iter()).collect();
        while let Some(message) = queue.pop_front() {
            let effects = match message {
                Message::Input(ev) => match event::to_message(&ev).inspect(|_| app.set_clock(crate::store::now())) {
                    Some(message @ AppMessage::Internal(Internal::Resized { width, height })) => {
                        terminal.resize(layout::drawable(Rect::new(0, 0, width, height)))?;
                        app.update(message)
                    }
                    Some(message) => app.update(message),
                    None => Effects::default(),
                },
                Message::Search(update) => {
                    let (generation, hits, done) = (update.generation, update.hits, update.done);
                    app.update(Internal::SearchFinished { generation, hits, done })
                }
                Message::Signal(signal) => return Ok(Exit::Signal(signal)),
                Message::App(message) => {
                    if let AppMessage::Internal(Internal::PersistenceFailed(reason)) = &message {
                        keeper.failed(reason);
                    }
                    app.set_clock(crate::store::now());
                    app.update(message)
                }
                Message::InputClosed(reason) => {
                    terminal::restore();
                    return Err(StartError::Io(io::Error::other(format!("terminal input closed: {reason}"))));
                }
            };
            for effect in effects {
                match effect {
                    Effect::Quit => return Ok(Exit::Quit),
                    Effect::Copy(text) => {
                        copy(&text);
                        system_clipboard.set(&text);
                    }
                    Effect::OpenUrl(url) => {
                        if let Err(why) = opener::open(&url) {
                            copy(&url);
                            let _ = app.update(Internal::Notice(format!("{why}; copied the URL instead")));
                        }
                    }
                    Effect::Suspend => {
                        terminal::suspend()?;
                        // The shell drew over the screen, and the window may have changed size:
                        // resize clears the viewport and forgets the last frame, so the next draw
                        // is whole (`Terminal::clear` would ask the terminal where its cursor is).
                        let (width, height) = ratatui::crossterm::terminal::size()?;
                        terminal.resize(layout::drawable(Rect::new(0, 0, width, height)))?;
                        queue.push_back(Message::Input(ratatui::crossterm::event::Event::Resize(width, height)));
                    }
                    Effect::Save(change) => keeper.save(change),
                    Effect::Export { file, text } => {
                        let said = keep::export(&file, &text);
                        queue.push_back(Message::App(Internal::Notice(said).into()));
                    }
                    Effect::Search { generation, query } => {
                        worker.submit(generation, query);
                        if let Ok(next) = rx.recv_timeout(SEARCH_GRACE) {
                            queue.push_back(next);
                        }
                    }
                }
            }
        }
    }
}

/// Send text to the terminal's clipboard (OSC 52). The text was sanitized at load and is
/// capped in size (`present::citation`).
fn copy(text: &str) {
    let inside_tmux = std::env::var_os("TMUX").is_some();
    let mut out = io::stdout();
    let _ = io::Write::write_all(&mut out, &clipboard::osc52(text, inside_tmux));
    let _ = io::Write::flush(&mut out);
}
