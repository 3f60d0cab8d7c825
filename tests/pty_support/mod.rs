//! A small pseudo-terminal harness for end-to-end tests of the real `defiant` binary
//! (modelled on television's `PtyTester`).
//!
//! The binary runs in a pty of a fixed size. A reader thread appends every byte it writes to
//! a shared buffer and feeds a `vt100::Parser`, so a test can assert both on what a terminal
//! would show and on the raw escape sequences. Every wait is a wait *for a condition* with a
//! generous deadline, polled every 20 ms: on a loaded CI machine a step may take seconds, and
//! nothing here measures time.

#![allow(dead_code)] // Each test binary uses a different subset.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use nix::sys::signal::{self, Signal};
use nix::sys::termios::{LocalFlags, Termios};
use nix::unistd::Pid;
use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How long to wait for a condition before failing. Only reached when something is wrong.
pub const TIMEOUT: Duration = Duration::from_secs(15);
/// How often conditions are re-checked.
const POLL: Duration = Duration::from_millis(20);

pub const BIN: &str = env!("CARGO_BIN_EXE_defiant");

/// The config every test reads unless it names another: an empty file, the defaults.
pub const NO_CONFIG: &str = "/dev/null";

/// Keys as a terminal sends them.
pub mod keys {
    pub const ENTER: &str = "\r";
    pub const BACKSPACE: &str = "\x7f";
    pub const ESC: &str = "\x1b";
    pub const CTRL_C: &str = "\x03";
    pub const CTRL_Z: &str = "\x1a";
    pub const TAB: &str = "\t";
    pub const DOWN: &str = "\x1b[B";
    pub const UP: &str = "\x1b[A";
    pub const ALT_RIGHT: &str = "\x1b[1;3C";
    pub const ALT_LEFT: &str = "\x1b[1;3D";
}

/// Escape sequences the tests look for.
pub mod seq {
    pub const ENTER_ALT: &[u8] = b"\x1b[?1049h";
    pub const LEAVE_ALT: &[u8] = b"\x1b[?1049l";
    pub const HIDE_CURSOR: &[u8] = b"\x1b[?25l";
    pub const SHOW_CURSOR: &[u8] = b"\x1b[?25h";
    pub const PASTE_ON: &[u8] = b"\x1b[?2004h";
    pub const PASTE_OFF: &[u8] = b"\x1b[?2004l";
    /// Every mouse mode crossterm's `EnableMouseCapture` turns on, with its "off" twin.
    pub const MOUSE_MODES: &[(&[u8], &[u8])] = &[
        (b"\x1b[?1000h", b"\x1b[?1000l"),
        (b"\x1b[?1002h", b"\x1b[?1002l"),
        (b"\x1b[?1003h", b"\x1b[?1003l"),
        (b"\x1b[?1006h", b"\x1b[?1006l"),
        (b"\x1b[?1015h", b"\x1b[?1015l"),
    ];
    /// Cursor-position query; the harness never answers it (T14).
    pub const CURSOR_QUERY: &[u8] = b"\x1b[6n";
}

/// What the emulator was asked to do besides drawing: set the window title, touch the
/// clipboard, ring the bell, or anything it did not understand. A sanitized app asks for
/// none of these; the tests compare against [`TermEvents::default`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermEvents {
    pub titles: Vec<Vec<u8>>,
    pub icon_names: Vec<Vec<u8>>,
    pub clipboard_writes: Vec<Vec<u8>>,
    pub clipboard_reads: usize,
    pub bells: usize,
    pub resize_requests: Vec<(u16, u16)>,
    pub unhandled_osc: Vec<Vec<Vec<u8>>>,
    pub unhandled_controls: Vec<u8>,
    /// Printable characters vt100 refuses to draw: U+FFFD and C1 controls.
    pub unhandled_chars: Vec<char>,
}

impl TermEvents {
    /// The events without the app's own OSC 8 hyperlinks: `8 ; ; URL` where the URL is a
    /// checked http(s) address of printable ASCII, and the empty `8 ; ;` that closes one.
    /// Anything else in an OSC stays, so a sequence smuggled in by data still shows.
    pub fn without_hyperlinks(mut self) -> Self {
        self.unhandled_osc.retain(|params| {
            let url = match params.as_slice() {
                [eight, empty, url] if eight.as_slice() == b"8" && empty.is_empty() => url,
                [eight, empty] if eight.as_slice() == b"8" && empty.is_empty() => return false,
                _ => return true,
            };
            let checked = url.iter().all(u8::is_ascii_graphic)
                && (url.is_empty() || url.starts_with(b"https://") || url.starts_with(b"http://"));
            !checked
        });
        self
    }
}

impl vt100::Callbacks for TermEvents {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn visual_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn resize(&mut self, _: &mut vt100::Screen, request: (u16, u16)) {
        self.resize_requests.push(request);
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, icon_name: &[u8]) {
        self.icon_names.push(icon_name.to_vec());
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.clipboard_writes.push(data.to_vec());
    }
    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8]) {
        self.clipboard_reads += 1;
    }
    fn unhandled_char(&mut self, _: &mut vt100::Screen, c: char) {
        self.unhandled_chars.push(c);
    }
    fn unhandled_control(&mut self, _: &mut vt100::Screen, b: u8) {
        self.unhandled_controls.push(b);
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        self.unhandled_osc.push(params.iter().map(|p| p.to_vec()).collect());
    }
}

/// vt100 never draws U+FFFD (it keeps it for malformed UTF-8 and reports it as an unhandled
/// character without moving the cursor), while real terminals draw it as a one-cell glyph;
/// the app uses it as the placeholder for C1 controls. So before parsing, its UTF-8 bytes
/// become those of U+E000 (a private-use character vt100 draws in one cell, and no test
/// data uses), and [`Pty::screen_rows`] turns it back. The raw bytes are kept unchanged.
#[derive(Default)]
struct ReplacementChar {
    /// A partial `EF BF` at the end of the previous read.
    carry: Vec<u8>,
}

const FFFD_UTF8: &[u8] = "\u{fffd}".as_bytes();
const STAND_IN: char = '\u{e000}';

impl ReplacementChar {
    fn feed(&mut self, bytes: &[u8]) -> Vec<u8> {
        let mut input = std::mem::take(&mut self.carry);
        input.extend_from_slice(bytes);
        let mut out = Vec::with_capacity(input.len());
        let mut i = 0;
        while i < input.len() {
            if input[i..].starts_with(FFFD_UTF8) {
                let mut utf8 = [0u8; 4];
                out.extend_from_slice(STAND_IN.encode_utf8(&mut utf8).as_bytes());
                i += FFFD_UTF8.len();
            } else if FFFD_UTF8.starts_with(&input[i..]) {
                self.carry = input[i..].to_vec();
                break;
            } else {
                out.push(input[i]);
                i += 1;
            }
        }
        out
    }
}

/// What the reader thread shares with the test.
struct Shared {
    bytes: Vec<u8>,
    parser: vt100::Parser<TermEvents>,
    /// The pty reported end of file: every slave descriptor is closed (the child is gone).
    eof: bool,
}

/// How to start the binary.
pub struct Spawn<'a> {
    pub args: &'a [&'a str],
    pub env: &'a [(&'a str, &'a str)],
    pub cols: u16,
    pub rows: u16,
    /// Start it as a job in the test's session instead of as the session leader of the pty
    /// (see [`Pty::spawn`]).
    pub job: bool,
    /// Run the binary under this command (e.g. `setpriv …`), not directly.
    pub wrap: &'a [&'a str],
}

impl Default for Spawn<'_> {
    fn default() -> Self {
        Self { args: &[], env: &[], cols: 100, rows: 30, job: false, wrap: &[] }
    }
}

/// The binary running in a pseudo-terminal.
pub struct Pty {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    shared: Arc<Mutex<Shared>>,
    reader: Option<JoinHandle<()>>,
    status: Option<ExitStatus>,
    /// The pty's termios as it was before the child started.
    termios_before: Termios,
    /// The state directory the binary was given when the test named none (never the
    /// real one), removed with the `Pty`.
    _state: Option<tempfile::TempDir>,
}

/// A fresh state directory for one run of the binary.
pub fn state_dir() -> tempfile::TempDir {
    tempfile::Builder::new().prefix("defiant-pty-state").tempdir().expect("a temporary state directory")
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }
}

fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("terminal sizes in these tests are never 0")
}

impl Pty {
    /// Start `defiant` with default options (no arguments, 100×30).
    pub fn start(args: &[&str]) -> Self {
        Self::spawn(Spawn { args, ..Spawn::default() })
    }

    pub fn spawn(spec: Spawn<'_>) -> Self {
        let pair = native_pty_system().openpty(size(spec.cols, spec.rows)).expect("openpty");
        let termios_before = pair.master.get_termios().expect("tcgetattr on a fresh pty");

        // (name, Some(value)) sets a variable, (name, None) removes it. Removed: anything in
        // the test runner's environment that changes what the app draws or does.
        // Never the real config (`~/.config/defiant/config.toml`): an empty one, unless
        // the test names its own with `DEFIANT_CONFIG` or `--config`.
        let mut env: Vec<(&str, Option<&str>)> =
            vec![("TERM", Some("xterm-256color")), ("DEFIANT_CONFIG", Some(NO_CONFIG))];
        // No snapshot builder left running after a test: snapshots are built inline.
        env.push(("DEFIANT_CACHE_BUILD", Some("inline")));
        // No display either: `o` must never start a real browser from a test.
        for var in [
            "NO_COLOR",
            "DEFIANT_TEST_PANIC",
            "RUST_BACKTRACE",
            "RUST_LIB_BACKTRACE",
            "COLUMNS",
            "LINES",
            "DISPLAY",
            "WAYLAND_DISPLAY",
        ] {
            env.push((var, None));
        }
        env.extend(spec.env.iter().map(|&(key, value)| (key, Some(value))));
        let state = (!spec.env.iter().any(|(key, _)| *key == "DEFIANT_STATE")).then(state_dir);
        let state_path = state.as_ref().map(|d| d.path().to_string_lossy().into_owned());
        if let Some(path) = &state_path {
            env.push(("DEFIANT_STATE", Some(path.as_str())));
        }

        let child: Box<dyn Child + Send + Sync> = if spec.job {
            // Like a shell with job control starting a job: a process group of its own in
            // our session (so stop signals are not discarded as they are for an orphaned
            // group), the pty as its stdin/stdout/stderr but not as its controlling
            // terminal, which also means no SIGWINCH on resize.
            use std::os::unix::process::CommandExt;
            let path = pair.master.tty_name().expect("pty slave path");
            let slave = std::fs::OpenOptions::new().read(true).write(true).open(&path).expect("open the pty slave");
            let tty = || std::process::Stdio::from(slave.try_clone().expect("dup the pty slave"));
            let mut cmd = std::process::Command::new(BIN);
            cmd.args(spec.args).current_dir(env!("CARGO_MANIFEST_DIR")).process_group(0);
            for &(key, value) in &env {
                match value {
                    Some(value) => cmd.env(key, value),
                    None => cmd.env_remove(key),
                };
            }
            cmd.stdin(tty()).stdout(tty()).stderr(tty());
            let child = cmd.spawn().expect("spawn defiant on the pty");
            // `cmd` keeps the descriptors it was given; they must close for end of file.
            drop(cmd);
            Box::new(child)
        } else {
            let mut cmd = match spec.wrap.split_first() {
                Some((program, args)) => {
                    let mut cmd = CommandBuilder::new(program);
                    cmd.args(args);
                    cmd.arg(BIN);
                    cmd
                }
                None => CommandBuilder::new(BIN),
            };
            cmd.args(spec.args);
            cmd.cwd(env!("CARGO_MANIFEST_DIR"));
            for &(key, value) in &env {
                match value {
                    Some(value) => cmd.env(key, value),
                    None => cmd.env_remove(key),
                }
            }
            pair.slave.spawn_command(cmd).expect("spawn defiant in a pty")
        };
        // Close our copy of the slave: once the child exits, reads on the master end with
        // EOF, which tells the reader thread (and `wait_exit`) that all output has arrived.
        drop(pair.slave);

        let shared = Arc::new(Mutex::new(Shared {
            bytes: Vec::new(),
            parser: vt100::Parser::new_with_callbacks(nonzero(spec.rows), nonzero(spec.cols), 0, TermEvents::default()),
            eof: false,
        }));
        let mut source = pair.master.try_clone_reader().expect("pty reader");
        let sink = Arc::clone(&shared);
        let reader = thread::spawn(move || {
            let mut replacement = ReplacementChar::default();
            let mut buf = [0u8; 8192];
            loop {
                let n = match source.read(&mut buf) {
                    Ok(n) => n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(_) => 0,
                };
                let mut shared = sink.lock().unwrap_or_else(|p| p.into_inner());
                if n == 0 {
                    shared.eof = true;
                    return;
                }
                shared.bytes.extend_from_slice(&buf[..n]);
                let shown = replacement.feed(&buf[..n]);
                shared.parser.process(&shown);
            }
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Self {
            master: pair.master,
            writer,
            child,
            shared,
            reader: Some(reader),
            status: None,
            termios_before,
            _state: state,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Shared> {
        self.shared.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Type `keys` into the terminal.
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    /// What the terminal shows now, one line per row.
    pub fn screen(&self) -> String {
        self.lock().parser.screen().contents()
    }

    /// One row of the screen, trailing blanks removed.
    pub fn row(&self, row: u16) -> String {
        let shared = self.lock();
        let (_, cols) = shared.parser.screen().size();
        shared.parser.screen().contents_between(row, 0, row, cols.get()).trim_end().to_string()
    }

    /// The screen as one string per row, cell by cell (the second half of a wide character
    /// skipped, an empty cell as a space), trailing blanks removed: comparable with a
    /// ratatui buffer rendered the same way.
    pub fn screen_rows(&self) -> Vec<String> {
        let shared = self.lock();
        let screen = shared.parser.screen();
        let (rows, cols) = screen.size();
        (0..rows.get())
            .map(|row| {
                let mut line = String::new();
                for col in 0..cols.get() {
                    match screen.cell(row, col) {
                        Some(cell) if cell.is_wide_continuation() => {}
                        Some(cell) if cell.has_contents() => {
                            line.push_str(&cell.contents().replace(STAND_IN, "\u{fffd}"))
                        }
                        _ => line.push(' '),
                    }
                }
                line.trim_end().to_string()
            })
            .collect()
    }

    /// The columns of each row that hold one of `symbols` (box drawing, say).
    pub fn columns_of(&self, symbols: &[&str]) -> Vec<Vec<u16>> {
        let shared = self.lock();
        let screen = shared.parser.screen();
        let (rows, cols) = screen.size();
        (0..rows.get())
            .map(|row| {
                (0..cols.get())
                    .filter(|&col| screen.cell(row, col).is_some_and(|c| symbols.contains(&c.contents())))
                    .collect()
            })
            .collect()
    }

    /// Title changes, clipboard access, bells and unknown sequences the emulator saw.
    pub fn term_events(&self) -> TermEvents {
        self.lock().parser.callbacks().clone()
    }

    /// Every byte the child has written so far.
    pub fn bytes(&self) -> Vec<u8> {
        self.lock().bytes.clone()
    }

    /// Run `check` on the vt100 screen (read-only) under the lock.
    pub fn with_screen<T>(&self, check: impl FnOnce(&vt100::Screen) -> T) -> T {
        check(self.lock().parser.screen())
    }

    /// Wait until `cond` holds, polling; `cond` may read the screen or the bytes. Fails with
    /// the screen and the last bytes when the deadline passes or the child exits first.
    pub fn wait_until(&self, what: &str, cond: impl Fn(&Self) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            // Read `eof` first: if it was already set, `cond` saw the final state.
            let eof = self.lock().eof;
            if cond(self) {
                return;
            }
            if eof {
                self.fail(&format!("the program ended before {what}"));
            }
            if Instant::now() > deadline {
                self.fail(&format!("timed out after {TIMEOUT:?} waiting until {what}"));
            }
            thread::sleep(POLL);
        }
    }

    /// Wait until the screen text satisfies `pred`; returns that screen.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        self.wait_until(&format!("the screen shows {what}"), |p| pred(&p.screen()));
        self.screen()
    }

    /// Wait until the screen contains `needle`; returns that screen.
    pub fn wait_for_text(&self, needle: &str) -> String {
        self.wait_for(&format!("{needle:?}"), |s| s.contains(needle))
    }

    /// Wait until row `row` satisfies `pred`; returns that row.
    pub fn wait_for_row(&self, row: u16, what: &str, pred: impl Fn(&str) -> bool) -> String {
        self.wait_until(&format!("row {row} shows {what}"), |p| pred(&p.row(row)));
        self.row(row)
    }

    /// Resize the terminal: the emulator first, then the pty (which sends SIGWINCH), under
    /// one lock so no byte drawn for the new size is parsed at the old one.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        let mut shared = self.lock();
        shared.parser.screen_mut().set_size(nonzero(rows), nonzero(cols));
        self.master.resize(size(cols, rows)).expect("resize pty");
    }

    /// Resize the pty only, leaving the emulator's screen as it is: for sizes no emulator
    /// should allocate (65535×65535).
    pub fn resize_pty_only(&mut self, cols: u16, rows: u16) {
        self.master.resize(size(cols, rows)).expect("resize pty");
    }

    /// The child's scheduler state from `/proc/<pid>/stat` (`'T'` = stopped), if readable.
    pub fn proc_state(&self) -> Option<char> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).ok()?;
        // "pid (comm) S ...": the state follows the last ')'.
        stat.rsplit_once(')')?.1.trim_start().chars().next()
    }

    pub fn pid(&self) -> Pid {
        let pid = self.child.process_id().expect("child pid");
        Pid::from_raw(i32::try_from(pid).expect("pid fits in i32"))
    }

    /// Send `sig` to the child process.
    pub fn signal(&self, sig: Signal) {
        signal::kill(self.pid(), sig).expect("kill(2) the child");
    }

    /// The pty's termios now (the slave's settings, read through the master).
    pub fn termios(&self) -> Termios {
        self.master.get_termios().expect("tcgetattr on the pty")
    }

    /// The pty's termios as it was before the child started.
    pub fn termios_before(&self) -> &Termios {
        &self.termios_before
    }

    /// Wait for the child to exit and for all its output to be read; returns the status.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            match self.child.try_wait().expect("try_wait") {
                Some(status) => break status,
                None if Instant::now() > deadline => {
                    self.fail(&format!("timed out after {TIMEOUT:?} waiting for the program to exit"))
                }
                None => thread::sleep(POLL),
            }
        };
        while !self.lock().eof {
            if Instant::now() > deadline + TIMEOUT {
                self.fail("the program exited but its output never reached end of file");
            }
            thread::sleep(POLL);
        }
        if let Some(reader) = self.reader.take() {
            reader.join().expect("reader thread");
        }
        self.status = Some(status.clone());
        status
    }

    /// Wait for a normal exit with `code` (not death by a signal); returns the status.
    pub fn expect_exit(&mut self, code: u32) -> ExitStatus {
        let status = self.wait_exit();
        if status.signal().is_some() || status.exit_code() != code {
            self.fail(&format!("expected exit code {code}, got {status:?}"));
        }
        status
    }

    /// Panic with everything useful for diagnosing a failure.
    pub fn fail(&self, why: &str) -> ! {
        let (screen, bytes) = {
            let shared = self.lock();
            (shared.parser.screen().contents(), shared.bytes.clone())
        };
        panic!("{why}\n--- screen ---\n{screen}\n--- output ---\n{}\n", show(&bytes));
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        // A failed test must not leave the binary running.
        if self.status.is_none() && matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Position of the last occurrence of `needle` in `hay`.
pub fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Position of the first occurrence of `needle` in `hay`.
pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    find(hay, needle).is_some()
}

/// Show bytes readably in assertion messages: escaped, and only the last 500 when longer.
pub fn show(bytes: &[u8]) -> String {
    const KEEP: usize = 500;
    let cut = bytes.len().saturating_sub(KEEP);
    let prefix = if cut > 0 { format!("[{cut} bytes before] …") } else { String::new() };
    format!("{prefix}{}", String::from_utf8_lossy(&bytes[cut..]).escape_debug())
}

/// The terminal was restored (RELIABILITY.md §6.2): after the last enter-alternate-screen
/// come leave-alternate-screen and show-cursor, bracketed paste is switched off, and every
/// mode that was switched on (mouse included when `mouse`) was switched off again after its
/// last "on". The vt100 emulator, which tracks the same modes, must agree.
pub fn assert_restored(pty: &Pty, mouse: bool) {
    let bytes = pty.bytes();
    let start = rfind(&bytes, seq::ENTER_ALT)
        .unwrap_or_else(|| panic!("the program never entered the alternate screen: {}", show(&bytes)));
    let tail = &bytes[start..];
    let mut required = vec![seq::LEAVE_ALT, seq::SHOW_CURSOR, seq::PASTE_OFF];
    if mouse {
        required.extend(seq::MOUSE_MODES.iter().map(|(_, off)| *off));
    }
    for want in required {
        assert!(
            contains(tail, want),
            "restore sequence {} missing after the last {}; tail: {}",
            show(want),
            show(seq::ENTER_ALT),
            show(tail)
        );
    }
    let pairs =
        [(seq::ENTER_ALT, seq::LEAVE_ALT), (seq::HIDE_CURSOR, seq::SHOW_CURSOR), (seq::PASTE_ON, seq::PASTE_OFF)];
    for (on, off) in pairs.iter().copied().chain(seq::MOUSE_MODES.iter().copied()) {
        if let Some(last_on) = rfind(&bytes, on) {
            let last_off = rfind(&bytes, off);
            assert!(
                last_off.is_some_and(|off_at| off_at > last_on),
                "{} is still on at exit (last on at byte {last_on}, last off at {last_off:?}); tail: {}",
                show(on),
                show(tail)
            );
        }
    }
    pty.with_screen(|s| {
        assert!(!s.alternate_screen(), "emulator still on the alternate screen");
        assert!(!s.hide_cursor(), "emulator cursor still hidden");
        assert!(!s.bracketed_paste(), "emulator still in bracketed-paste mode");
        assert_eq!(s.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "emulator still reports the mouse");
    });
}

/// ICANON, ECHO and ISIG are set after the run, as they were before it.
pub fn assert_termios_restored(pty: &Pty) {
    let wanted = LocalFlags::ICANON | LocalFlags::ECHO | LocalFlags::ISIG;
    let before = pty.termios_before().local_flags;
    assert!(before.contains(wanted), "a fresh pty should be cooked: {before:?}");
    let after = pty.termios().local_flags;
    assert!(after.contains(wanted), "termios not restored: before {before:?}, after {after:?}");
}

/// The app never asked the terminal where the cursor is (T14: the harness never answers).
pub fn assert_no_cursor_query(pty: &Pty) {
    let bytes = pty.bytes();
    assert!(!contains(&bytes, seq::CURSOR_QUERY), "the app queried the cursor position (ESC[6n)");
}

/// Which standard streams of a [`run_with_stdio`] child are the pty.
#[derive(Debug, Clone, Copy)]
pub struct OnTty {
    pub stdin: bool,
    pub stdout: bool,
}

/// Result of [`run_with_stdio`].
pub struct StdioRun {
    pub status: std::process::ExitStatus,
    /// Piped stdout (empty when stdout was the pty).
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// Every byte that reached the pty.
    pub pty_bytes: Vec<u8>,
    pub termios_before: Termios,
    pub termios_after: Termios,
}

/// Run `defiant` (no subcommand) with `std::process::Command`: the streams chosen by `on_tty`
/// are a fresh pty (opened through its path), stdin otherwise `/dev/null`, stdout otherwise a
/// pipe; stderr is always a pipe. This is "not a terminal" (T01–T03) without a shell.
pub fn run_with_stdio(on_tty: OnTty) -> StdioRun {
    use std::process::{Command, Stdio};

    let pair = native_pty_system().openpty(size(100, 30)).expect("openpty");
    let termios_before = pair.master.get_termios().expect("tcgetattr on a fresh pty");
    let path = pair.master.tty_name().expect("pty slave path");
    let slave = std::fs::OpenOptions::new().read(true).write(true).open(&path).expect("open the pty slave");
    drop(pair.slave);

    let mut source = pair.master.try_clone_reader().expect("pty reader");
    let reader = thread::spawn(move || {
        let mut all = Vec::new();
        let _ = source.read_to_end(&mut all);
        all
    });

    let tty = || Stdio::from(slave.try_clone().expect("dup the pty slave"));
    let mut cmd = Command::new(BIN);
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("DEFIANT_CACHE_BUILD", "inline")
        .env("TERM", "xterm-256color")
        .env("DEFIANT_CONFIG", NO_CONFIG)
        .env_remove("NO_COLOR")
        .env_remove("DEFIANT_TEST_PANIC")
        .env(
            "DEFIANT_STATE",
            std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("state-{}", std::process::id())),
        )
        .stdin(if on_tty.stdin { tty() } else { Stdio::null() })
        .stdout(if on_tty.stdout { tty() } else { Stdio::piped() })
        .stderr(Stdio::piped());
    let child = cmd.spawn().expect("spawn defiant");
    // `cmd` still holds the pty descriptors it was given; they must close for end of file.
    drop(cmd);
    let pid = Pid::from_raw(i32::try_from(child.id()).expect("pid fits in i32"));
    let (tx, rx) = std::sync::mpsc::channel();
    thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    let output = match rx.recv_timeout(TIMEOUT) {
        Ok(output) => output.expect("wait for defiant"),
        Err(_) => {
            let _ = signal::kill(pid, Signal::SIGKILL);
            panic!("defiant did not exit within {TIMEOUT:?} without a terminal ({on_tty:?})");
        }
    };
    // The child's copies are closed; closing ours ends the pty's output.
    drop(slave);
    let pty_bytes = reader.join().expect("pty reader thread");
    let termios_after = pair.master.get_termios().expect("tcgetattr on the pty");
    StdioRun {
        status: output.status,
        stdout: output.stdout,
        stderr: output.stderr,
        pty_bytes,
        termios_before,
        termios_after,
    }
}
