//! RELIABILITY.md §6.1 D25–D32 and §6.2 T04, T05, T11, T13–T15, plus the README's exit-code
//! table: the cases the other test files did not cover yet (see each test's comment for
//! the case it stands for; the report that introduced this file lists where the others are).
//!
//! Hostile datasets are generated from `tests/fixtures/all-fields.json` (a small dataset
//! that fills every optional field): one payload class (escapes, C1, bidi, invisible,
//! whitespace) is put into *every* string of the file — ids, references, titles, prose,
//! notes, URLs — except enumerations and dates. References stay consistent because the
//! same transformation is applied to an id and to every reference to it. Each class is
//! then checked through the loader (one warning per field), the command line (every
//! command's output bytes), the TUI's byte stream in-process, and the real binary in a
//! pseudo-terminal whose vt100 screen must equal the TestBackend rendering of the same
//! state (T15).
//!
//! Round two (issue #15), one number per fault, each test named after it:
//!
//! | case | fault | where |
//! |---|---|---|
//! | R01 | a broken file costs bounded memory | `hardening_data.rs` `r01_*` |
//! | R02 | "did you mean" is bounded | `hardening_data.rs` `r02_*` |
//! | R03 | the size limit bounds the read, on the opened file | `hardening_data.rs` `r03_*` |
//! | R04 | a burst of input over 1024 bytes | `hardening_tui.rs` `r04_*` (pty) |
//! | R05 | a huge window | `hardening_tui.rs` `r05_*` (pty) |
//! | R06 | unwritable output, a gone reader, a closed stdout | `hardening_cli.rs` `r06_*` |
//! | R07 | look-alike ids | `hardening_data.rs` `r07_*` |
//! | R08 | blank-looking required text | `hardening_data.rs` `r08_*` |
//! | R09 | impossible dates | `hardening_data.rs` `r09_*` |
//! | R10 | data forging the structure of `show` and `quote` | `hardening_cli.rs` `r10_*` |
//! | R11 | invalid UTF-8 hiding every other error | `hardening_data.rs` `r11_*` |
//! | R12 | ids over 4 KiB | `hardening_data.rs` `r12_*` |
//! | R13 | the caret under an excerpt | `hardening_data.rs` `r13_*` |
//! | R14 | every terminating signal | `hardening_tui.rs` `r14_*` (pty) |
//! | R15 | a page with a million links | `hardening_tui.rs` `r15_*` |
//! | R16 | bracketed paste | `hardening_tui.rs` `r16_*` (pty), `messages.rs` `r16_*` |
//! | R17 | emoji widths in tmux, xterm and vt100 | this file `d29_r17_*` (pty), `sanitize.rs` unit test |
//! | R18 | ids in pipes (`-0`) | `hardening_cli.rs` `r18_*` |

mod bin_support;
mod common;
#[cfg(unix)]
mod pty_support;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bin_support::{Run, defiant_in, run};
use common::bytes::{assert_no_injected_controls, frame_bytes, is_bidi, is_invisible};
use defiant::app::{Action, App, Context, Effect, Effects, Internal};
use defiant::data::{Dataset, load};
use defiant::search::{Query, SearchIndex};
use defiant::ui::{self, Palette};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

// ---------------------------------------------------------------------------------------
// Hostile datasets
// ---------------------------------------------------------------------------------------

/// Keys whose values are enumerations or dates: poisoning them would make the file invalid
/// rather than hostile.
const NOT_TEXT: &[&str] =
    &["placement", "support", "setting", "kind", "result", "reliability", "roles", "premiere", "finale", "air_date"];

/// Stands for the six characters `\u009b` in the JSON text (an *escaped* C1 control), which
/// serde_json would otherwise write raw.
const ESCAPED_C1_MARK: char = '\u{e000}';

/// One payload class: `mid` goes after a string's first character, `end` at its end.
struct Class {
    name: &'static str,
    mid: &'static str,
    end: &'static str,
    /// The word the loader's warning uses for this class.
    finding: &'static str,
}

/// D25: OSC title, CSI clear, OSC 52 clipboard, OSC 8 hyperlink, DCS, BEL, NUL, BS and a
/// carriage-return overwrite.
const ESCAPES: Class = Class {
    name: "escapes",
    mid: "",
    end: "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}]52;c;cm0gLXJmIH4=\u{7}\u{1b}]8;;http://evil\u{7}click\u{1b}]8;;\u{7}\
          \u{1b}P1;2|x\u{1b}\\\u{0}\u{8}ok\rEVIL",
    finding: "control",
};

/// D26: raw C1 CSI, OSC, ST and NEL, plus an escaped `\u009b`.
const C1: Class = Class { name: "c1", mid: "\u{9b}", end: "\u{9d}0;t\u{9c}\u{85}NEL\u{e000}31m", finding: "control" };

/// D27: every bidi control, overrides and isolates, in the middle and at the end.
const BIDI: Class = Class {
    name: "bidi",
    mid: "\u{202e}\u{2066}",
    end: "\u{2069}\u{202c}\u{200e}\u{200f}\u{61c}\u{202d}\u{2067}\u{2068}\u{202a}\u{202b}\u{2069}",
    finding: "bidirectional",
};

/// D28: zero-width space, word joiner, a BOM mid-string, soft hyphen, Hangul fillers,
/// Mongolian vowel separator, tag characters, the combining grapheme joiner.
const INVISIBLE: Class = Class {
    name: "invisible",
    mid: "\u{200b}\u{2060}\u{feff}\u{ad}",
    end: "\u{3164}\u{115f}\u{1160}\u{ffa0}\u{180e}\u{e0041}\u{e007f}\u{34f}\u{2061}",
    finding: "invisible",
};

const HOSTILE: [&Class; 4] = [&ESCAPES, &C1, &BIDI, &INVISIBLE];

fn fixture_path(name: &str) -> PathBuf {
    bin_support::fixtures().join(name)
}

fn poison_str(s: &str, class: &Class) -> String {
    let mut chars = s.chars();
    let first: String = chars.next().map(String::from).unwrap_or_default();
    format!("{first}{}{}{}", class.mid, chars.as_str(), class.end)
}

/// Poison every string under `value`, collecting the JSON paths (in the loader's notation).
fn poison(value: &mut Value, path: &str, class: &Class, paths: &mut Vec<String>) {
    match value {
        Value::String(s) => {
            *s = poison_str(s, class);
            paths.push(path.to_string());
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                poison(item, &format!("{path}[{i}]"), class, paths);
            }
        }
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                if NOT_TEXT.contains(&key.as_str()) {
                    continue;
                }
                let path = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                poison(item, &path, class, paths);
            }
        }
        _ => {}
    }
}

/// A generated dataset in a temp dir.
struct Generated {
    dir: tempfile::TempDir,
    /// File name inside `dir`.
    name: String,
    /// JSON paths of every poisoned string.
    paths: Vec<String>,
}

impl Generated {
    fn path(&self) -> PathBuf {
        self.dir.path().join(&self.name)
    }

    fn load(&self) -> load::Loaded<'static> {
        load::from_path(&self.path()).unwrap_or_else(|e| panic!("{}: {e}", self.name))
    }

    fn dataset(&self) -> Arc<Dataset<'static>> {
        Arc::new(self.load().dataset)
    }

    /// Run the binary from the temp dir with `--data FILE` and `args`.
    fn cli(&self, args: &[&str]) -> Run {
        run(defiant_in(self.dir.path()).arg("--data").arg(&self.name).args(args))
    }
}

fn all_fields() -> Value {
    let text = fs::read_to_string(fixture_path("all-fields.json")).expect("all-fields.json");
    serde_json::from_str(&text).expect("all-fields.json is JSON")
}

fn generate(class: &Class) -> Generated {
    let mut value = all_fields();
    let mut paths = Vec::new();
    poison(&mut value, "", class, &mut paths);
    let text = serde_json::to_string_pretty(&value).expect("serialize").replace(ESCAPED_C1_MARK, "\\u009b");
    let dir = tempfile::tempdir().expect("temp dir");
    let name = format!("{}.json", class.name);
    fs::write(dir.path().join(&name), text).expect("write");
    Generated { dir, name, paths }
}

fn clean() -> Generated {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::copy(fixture_path("all-fields.json"), dir.path().join("clean.json")).expect("copy");
    Generated { dir, name: "clean.json".into(), paths: Vec::new() }
}

/// A string that may reach a terminal: no C0 (but `\n`), DEL, C1, bidi or invisible character.
fn assert_displayable(what: &str, s: &str) {
    if let Some(c) = s.chars().find(|&c| (c.is_control() && c != '\n') || is_bidi(c) || is_invisible(c)) {
        panic!("{what}: raw U+{:04X} in {s:?}", c as u32);
    }
}

/// Every string inside a JSON value (keys included), decoded: what `jq -r` would print.
fn assert_json_displayable(what: &str, value: &Value) {
    match value {
        Value::String(s) => assert_displayable(what, s),
        Value::Array(items) => items.iter().for_each(|v| assert_json_displayable(what, v)),
        Value::Object(map) => map.iter().for_each(|(k, v)| {
            assert_displayable(what, k);
            assert_json_displayable(what, v);
        }),
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------
// D25–D28: loader
// ---------------------------------------------------------------------------------------

/// D25–D28 (and D30's whitespace, below): every string field kind is visited, sanitized and
/// warned about once, naming the field. A field the loader forgets (a new schema field not
/// added to `data::schema`) fails here.
#[test]
fn d25_d28_every_string_field_is_sanitized_and_warned_about() {
    for class in HOSTILE {
        let generated = generate(class);
        assert!(generated.paths.len() > 100, "the generator reached every field: {}", generated.paths.len());
        let loaded = generated.load();
        let report = &loaded.report;
        assert_eq!(report.error_count(), 0, "{}: {report}", class.name);
        for path in &generated.paths {
            let warned = report.diagnostics.iter().filter(|d| &d.path == path).collect::<Vec<_>>();
            assert_eq!(warned.len(), 1, "{}: one warning for {path}: {warned:?}", class.name);
            assert!(warned[0].message.contains(class.finding), "{}: {path}: {}", class.name, warned[0].message);
        }
        assert_eq!(report.warning_count(), generated.paths.len(), "{}: {report}", class.name);
        let data = &loaded.dataset;
        for (section, value) in [
            ("series", serde_json::to_value(&data.series)),
            ("episodes", serde_json::to_value(&data.episodes)),
            ("themes", serde_json::to_value(&data.themes)),
            ("people", serde_json::to_value(&data.people)),
            ("footage", serde_json::to_value(&data.footage)),
            ("quotes", serde_json::to_value(&data.quotes)),
            ("sources", serde_json::to_value(&data.sources)),
        ] {
            assert_json_displayable(&format!("{} {section}", class.name), &value.expect("serialize"));
        }
    }
}

/// D27/D28: with bidi and invisible characters removed, the dataset is the clean one:
/// ids compare equal (references resolve), labels read the same.
#[test]
fn d27_d28_removed_characters_leave_the_visible_dataset() {
    let clean = clean().dataset();
    for class in [&BIDI, &INVISIBLE] {
        let data = generate(class).dataset();
        for kind in defiant::data::Kind::ALL {
            let ids: Vec<(&str, String)> =
                data.records(kind).map(|r| (data.id(r), data.label(r).into_owned())).collect();
            let want: Vec<(&str, String)> =
                clean.records(kind).map(|r| (clean.id(r), clean.label(r).into_owned())).collect();
            assert_eq!(ids, want, "{}: {kind:?}", class.name);
        }
    }
}

/// D28/D13: ids that differ only by an invisible character collide once it is removed, and
/// are reported as duplicates (both places), for each kind of invisible character.
#[test]
fn d28_look_alike_ids_are_duplicates() {
    let look_alikes = [
        "b\u{2060}o-ray",
        "bo-ray\u{feff}",
        "bo\u{ad}-ray",
        "bo-\u{3164}ray",
        "bo-ray\u{e0041}",
        "\u{200b}bo-ray",
        "bo\u{34f}-ray",
        "bo-r\u{115f}ay",
        "bo\u{202e}-ray",
    ];
    let mut value: Value = serde_json::from_str(&fs::read_to_string(bin_support::minimal()).expect("minimal"))
        .expect("minimal.json is JSON");
    let people = value["people"].as_array_mut().expect("people");
    let template = people[1].clone();
    for id in look_alikes {
        let mut person = template.clone();
        person["id"] = Value::String(id.to_string());
        people.push(person);
    }
    let bytes = serde_json::to_vec_pretty(&value).expect("serialize");
    let error = match load::from_bytes("look-alike.json", &bytes) {
        Ok(_) => panic!("look-alike ids must be refused"),
        Err(error) => error.0,
    };
    let duplicates: Vec<_> =
        error.diagnostics.iter().filter(|d| d.message.starts_with("duplicate person id 'bo-ray'")).collect();
    assert_eq!(duplicates.len(), look_alikes.len(), "{error}");
    for (n, d) in duplicates.iter().enumerate() {
        assert_eq!(d.path, format!("people[{}].id", n + 2), "{error}");
        assert_eq!(d.related.as_ref().map(|r| r.path.to_string()).as_deref(), Some("people[1].id"), "{error}");
    }
    // The command line says the same, and exits 2.
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("look-alike.json"), &bytes).expect("write");
    let result = run(defiant_in(dir.path()).args(["validate", "look-alike.json"]));
    assert_eq!(result.code, Some(2), "{}", result.stderr);
    assert!(result.stderr.contains(&format!("{} errors", look_alikes.len())), "{}", result.stderr);
}

// ---------------------------------------------------------------------------------------
// D25–D28: command line
// ---------------------------------------------------------------------------------------

/// The `kind:id` of every record, as `list --json` prints them.
fn deep_links(generated: &Generated) -> Vec<String> {
    let list = generated.cli(&["list", "--json"]);
    assert_eq!(list.code, Some(0), "{}", list.stderr);
    let entries: Value = serde_json::from_str(&list.stdout).expect("list --json");
    entries
        .as_array()
        .expect("array")
        .iter()
        .map(|e| format!("{}:{}", e["kind"].as_str().expect("kind"), e["id"].as_str().expect("id")))
        .collect()
}

/// Every command's output for a dataset: list, list --json, show and show --json of every
/// record (by the ids in `links`), search and search --json. Each run is checked by
/// `bin_support::run` (no raw control or bidi byte on either stream, no panic); JSON output
/// is decoded and checked again, since `\u001b` in JSON is an escape once decoded.
fn outputs(generated: &Generated, links: &[String]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut record = |args: Vec<String>| {
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let result = generated.cli(&refs);
        assert_eq!(result.code, Some(0), "{} {args:?}: {}", generated.name, result.stderr);
        if args.iter().any(|a| a == "--json") {
            let value: Value = serde_json::from_str(&result.stdout).expect("JSON output");
            assert_json_displayable(&format!("{} {args:?}", generated.name), &value);
        }
        out.push((args.join(" "), result.stdout));
    };
    record(vec!["list".into()]);
    record(vec!["list".into(), "--json".into()]);
    for link in links {
        record(vec!["show".into(), link.clone()]);
        record(vec!["show".into(), link.clone(), "--json".into()]);
    }
    for query in ["trust", "'ray", "interview"] {
        record(vec!["search".into(), query.into(), "--limit".into(), "0".into()]);
        record(vec!["search".into(), query.into(), "--limit".into(), "0".into(), "--json".into()]);
    }
    out
}

/// D25/D26: every command prints the hostile data with visible placeholders and no raw
/// control byte; `validate` warns once per field and exits 0 (2 with `--strict`).
#[test]
fn d25_d26_cli_output_is_sanitized_with_visible_placeholders() {
    for (class, placeholder) in
        [(&ESCAPES, "␛]0;pwned␇␛[2J␛]52;c;cm0gLXJmIH4=␇␛]8;;http://evil␇click"), (&C1, "\u{fffd}")]
    {
        let generated = generate(class);
        let links = deep_links(&generated);
        assert_eq!(links.len(), 10);
        for (args, stdout) in outputs(&generated, &links) {
            if args == "list" {
                assert_eq!(stdout.lines().count(), 10, "{}: {stdout}", class.name);
                for line in stdout.lines() {
                    assert!(line.contains(placeholder), "{}: {line}", class.name);
                }
            }
            if args.starts_with("show ") && !args.ends_with("--json") {
                // The id, the title and every field shown carry the placeholder.
                let first = stdout.lines().next().unwrap_or_default();
                assert!(first.contains(placeholder), "{} {args}: {stdout}", class.name);
            }
        }
        // Searching for the payload's visible text finds every record.
        if class.name == "escapes" {
            let all = generated.cli(&["search", "'pwned", "--limit", "0"]);
            assert_eq!(all.code, Some(0), "{}", all.stderr);
            // Every record: the ten of the file's sections, the series and its events.
            let every = generated.cli(&["list", "--all"]).stdout.lines().count();
            assert!(every > 10);
            assert_eq!(all.stdout.lines().count(), every, "{}", all.stdout);
        }
        // A reference typed raw (as the file holds it) finds the record too.
        if class.name == "c1" {
            let raw = format!("person:{}", poison_str("ann-lee", class).replace(ESCAPED_C1_MARK, "\u{9b}"));
            let show = generated.cli(&["show", &raw]);
            assert_eq!(show.code, Some(0), "{}", show.stderr);
            assert!(show.stdout.starts_with("person:a\u{fffd}nn-lee\u{fffd}0;t"), "{}", show.stdout);
        }
        let validate = run(defiant_in(generated.dir.path()).args(["validate", &generated.name]));
        assert_eq!(validate.code, Some(0), "{}", validate.stderr);
        let summary = format!("{}: 0 errors, {} warnings\n", generated.name, generated.paths.len());
        assert!(validate.stderr.ends_with(&summary), "{}", validate.stderr);
        assert!(validate.stderr.contains(&format!("and {} more", generated.paths.len() - 50)), "capped at 50");
        let strict = run(defiant_in(generated.dir.path()).args(["validate", "--strict", &generated.name]));
        assert_eq!(strict.code, Some(2), "{}", strict.stderr);
    }
}

/// D27/D28: bidi and invisible characters are removed everywhere, so every command prints
/// exactly what it prints for the clean dataset, and the records are found by their
/// visible ids (`show person:ann-lee`) and visible text (`search 'ray`).
#[test]
fn d27_d28_cli_output_equals_the_clean_output() {
    let clean = clean();
    let links = deep_links(&clean);
    let want = outputs(&clean, &links);
    for class in [&BIDI, &INVISIBLE] {
        let generated = generate(class);
        assert_eq!(deep_links(&generated), links, "{}", class.name);
        let got = outputs(&generated, &links);
        for ((args, got), (_, want)) in got.iter().zip(&want) {
            assert_eq!(got, want, "{} {args}", class.name);
        }
        // The raw id (with its bidi or invisible characters) is sanitized the same way.
        let raw = format!("person:{}", poison_str("ann-lee", class));
        let show = generated.cli(&["show", &raw]);
        assert_eq!(show.code, Some(0), "{}: {}", class.name, show.stderr);
        assert!(show.stdout.starts_with("person:ann-lee\nAnn Lee\n"), "{}", show.stdout);
    }
}

// ---------------------------------------------------------------------------------------
// D25–D28: the TUI's byte stream, in-process
// ---------------------------------------------------------------------------------------

/// Key scripts reaching every screen: each pane's list and detail, a followed link, help,
/// a global search with results and an opened result.
const SCREENS: &[&str] = &[
    "",
    "2",
    "3",
    "3 <enter>",
    "3 <enter> j <enter>",
    "4 <enter>",
    "5",
    "5 <enter>",
    "5 <enter> G <enter>",
    "1 <enter> <c-d>",
    "?",
    "3 <enter> ?",
    "s",
    "s r a y",
    "s r a y <enter>",
    "/ t",
];

fn screen_app(data: &Arc<Dataset<'static>>, w: u16, h: u16, script: &str) -> App {
    let mut app = common::app(data.clone(), w, h);
    common::press(&mut app, script);
    app
}

/// The screen as rows of text, wide characters once (their second cell skipped), trailing
/// blanks removed: the form the vt100 emulator's screen is compared in.
fn buffer_rows(buffer: &Buffer) -> Vec<String> {
    let area = buffer.area;
    (area.y..area.bottom())
        .map(|y| {
            let mut line = String::new();
            let mut x = area.x;
            while x < area.right() {
                let symbol = buffer[(x, y)].symbol();
                line.push_str(if symbol.is_empty() { " " } else { symbol });
                x += symbol.width().max(1) as u16;
            }
            line.trim_end().to_string()
        })
        .collect()
}

fn app_rows(app: &App) -> Vec<String> {
    buffer_rows(common::terminal(app, &Palette::colour()).backend().buffer())
}

/// D25–D27 in the TUI: on every screen, the bytes a real backend writes hold no control,
/// bidi or invisible character from the data — List, Table, Block titles and the search
/// prompt included (ratatui passes bidi through `Span`s, RELIABILITY §0.1).
#[test]
fn d25_d28_tui_byte_stream_is_clean_on_every_screen() {
    for class in HOSTILE {
        let data = generate(class).dataset();
        for (w, h) in [(120, 40), (80, 24), (40, 12)] {
            for script in SCREENS {
                let app = screen_app(&data, w, h, script);
                assert_no_injected_controls(&format!("{} {w}x{h} {script:?}", class.name), &frame_bytes(&app));
            }
        }
    }
}

/// D25/D26: the placeholders are on screen. D27/D28: the screens are those of the clean
/// dataset, cell for cell.
#[test]
fn d25_d28_tui_shows_placeholders_or_the_clean_screen() {
    let clean = clean().dataset();
    let escapes = generate(&ESCAPES).dataset();
    let c1 = generate(&C1).dataset();
    let removed = [generate(&BIDI).dataset(), generate(&INVISIBLE).dataset()];
    for script in SCREENS {
        let want = app_rows(&screen_app(&clean, 120, 40, script));
        for data in &removed {
            assert_eq!(app_rows(&screen_app(data, 120, 40, script)), want, "{script:?}");
        }
    }
    let people = app_rows(&screen_app(&escapes, 120, 40, "3 <enter>")).join("\n");
    assert!(people.contains("Ann Lee␛]0;pwned␇␛[2J␛]52;c;cm0gLXJmIH4=␇"), "{people}");
    let people = app_rows(&screen_app(&c1, 120, 40, "3 <enter>")).join("\n");
    assert!(people.contains("A\u{fffd}nn Lee\u{fffd}0;t\u{fffd}\u{fffd}NEL\u{fffd}31m"), "{people}");
}

// ---------------------------------------------------------------------------------------
// D25–D29 and T14/T15: the real binary in a pseudo-terminal
// ---------------------------------------------------------------------------------------

#[cfg(unix)]
mod pty_e2e {
    use super::*;
    use pty_support::{Pty, Spawn, TermEvents, assert_no_cursor_query, assert_restored, assert_termios_restored};

    const COLS: u16 = 100;
    const ROWS: u16 = 30;

    /// What a terminal sends for one token of a `common::press` script.
    fn key_bytes(token: &str) -> &str {
        match token {
            "<enter>" => "\r",
            "<esc>" => "\x1b",
            "<bs>" => "\x7f",
            "<tab>" => "\t",
            "<down>" => "\x1b[B",
            "<up>" => "\x1b[A",
            "<c-d>" => "\x04",
            other if other.chars().count() == 1 => other,
            other => panic!("no bytes for key {other}"),
        }
    }

    /// How the emulator's screen is compared with the TestBackend's.
    #[derive(Clone, Copy, PartialEq, Eq)]
    pub enum Compare {
        /// Cell for cell.
        Exact,
        /// vt100 draws a ZWJ sequence or a skin tone as separate emoji (ratatui's cursor
        /// moves after each wide grapheme repair what follows): the borders must be in the
        /// same columns, and the text without emoji and whitespace must be the same.
        WithoutEmoji,
    }

    const BOX: &[&str] = &["│", "─", "┌", "┐", "└", "┘", "█", "║"];

    fn is_emoji_part(c: char) -> bool {
        c >= '\u{1f000}' || matches!(c, '\u{200d}' | '\u{fe0f}' | '\u{2600}'..='\u{27bf}' | '\u{e0000}'..='\u{e007f}')
    }

    fn normalise(rows: &[String], compare: Compare) -> Vec<String> {
        let keep = |c: &char| match compare {
            Compare::Exact => true,
            Compare::WithoutEmoji => !c.is_whitespace() && !is_emoji_part(*c),
        };
        rows.iter().map(|r| r.chars().filter(keep).collect()).collect()
    }

    /// The columns of each row of the app's screen that hold box drawing.
    fn app_box_columns(app: &App) -> Vec<Vec<u16>> {
        let terminal = common::terminal(app, &Palette::colour());
        let buffer = terminal.backend().buffer();
        (0..buffer.area.height)
            .map(|y| (0..buffer.area.width).filter(|&x| BOX.contains(&buffer[(x, y)].symbol())).collect())
            .collect()
    }

    /// Drive the real binary on `file` and an in-process app on the same data through the
    /// same steps; after each step the emulator's screen must become the TestBackend's
    /// (T15: the terminal shows what the app drew; nothing was moved, erased or reordered
    /// by data). Then quit and check the byte stream and the emulator state.
    pub fn session(dir: &Path, file: &str, steps: &[&str], compare: Compare) {
        let path = dir.join(file);
        let data = Arc::new(load::from_path(&path).unwrap_or_else(|e| panic!("{e}")).dataset);
        let path_arg = path.to_str().expect("UTF-8 temp path");
        let mut pty = Pty::spawn(Spawn { args: &["--data", path_arg], cols: COLS, rows: ROWS, ..Spawn::default() });
        let mut app = common::app(data, COLS, ROWS);
        for step in steps {
            for token in step.split_whitespace() {
                pty.send(key_bytes(token));
            }
            common::press(&mut app, step);
            let want = normalise(&app_rows(&app), compare);
            let want_box = app_box_columns(&app);
            let matches = |pty: &Pty| {
                normalise(&pty.screen_rows(), compare) == want
                    && (compare != Compare::WithoutEmoji || pty.columns_of(BOX) == want_box)
            };
            let deadline = std::time::Instant::now() + pty_support::TIMEOUT;
            while !matches(&pty) {
                if std::time::Instant::now() > deadline {
                    let got = normalise(&pty.screen_rows(), compare);
                    let diff: Vec<String> = got
                        .iter()
                        .zip(&want)
                        .enumerate()
                        .filter(|(_, (g, w))| g != w)
                        .map(|(i, (g, w))| format!("row {i}:\n  pty:  {g:?}\n  want: {w:?}"))
                        .collect();
                    pty.fail(&format!("{file} after {step:?}: screen differs from TestBackend\n{}", diff.join("\n")));
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
        }
        pty.send("q");
        pty.expect_exit(0);
        assert_no_injected_controls(file, &pty.bytes());
        assert_eq!(
            pty.term_events().without_hyperlinks(),
            TermEvents::default(),
            "{file}: title, clipboard, bell or unknown sequence"
        );
        assert_restored(&pty, true);
        assert_termios_restored(&pty);
        assert_no_cursor_query(&pty);
    }

    const STEPS: &[&str] = &[
        "",
        "2",
        "3",
        "<enter>",
        "j",
        "<enter>",
        "<bs>",
        "?",
        "<esc>",
        "4 <enter>",
        "5 <enter>",
        // A lone ESC: sent with the next key it would read as Alt+key.
        "<esc>",
        "s",
        "r a y",
        "<down>",
        "<enter>",
    ];

    /// D25–D28 + T14 + T15 in a real terminal, one class at a time.
    #[test]
    fn d25_d28_t15_hostile_data_in_a_real_terminal() {
        for class in HOSTILE {
            let generated = generate(class);
            session(generated.dir.path(), &generated.name, STEPS, Compare::Exact);
        }
    }

    /// D25 and the reader's copy key: copying a hostile quote (`y`, OSC 52, the one escape
    /// sequence the app itself sends with data in it) puts only sanitized text on the
    /// clipboard, and nothing else reaches the terminal.
    #[test]
    fn d25_copying_a_hostile_quote_copies_sanitized_text() {
        use base64::Engine;
        let generated = generate(&ESCAPES);
        let path = generated.path();
        let args = ["--data", path.to_str().expect("UTF-8 temp path")];
        let mut pty = Pty::spawn(Spawn { args: &args, cols: COLS, rows: ROWS, ..Spawn::default() });
        pty.wait_for_text("Who speaks");
        pty.send("5");
        pty.wait_for_text("Quotes (2) ─");
        pty.send("\r");
        pty.wait_for_text("1 / 2 · all quotes");
        pty.send("yy");
        pty.wait_until("the quote is copied", |p| !p.term_events().clipboard_writes.is_empty());
        let events = pty.term_events();
        let copied = base64::engine::general_purpose::STANDARD.decode(&events.clipboard_writes[0]).expect("base64");
        let copied = String::from_utf8(copied).expect("UTF-8");
        assert!(copied.contains("Trust is earned, not given.␛]0;pwned␇␛[2J"), "{copied}");
        assert_displayable("clipboard", &copied);
        assert_eq!(TermEvents { clipboard_writes: Vec::new(), ..events }.without_hyperlinks(), TermEvents::default());
        pty.send("\x1b");
        pty.wait_for_text("┌ Quotes (2)");
        pty.send("q");
        pty.expect_exit(0);
        assert_restored(&pty, true);
    }

    /// D29 + T15: wide (CJK), combining (accents, capped Zalgo), Arabic and Hebrew text,
    /// Hangul jamo and U+2028 land in the same cells in a vt100 emulator as in the
    /// TestBackend. Emoji are taken out of the fixture here: see the next test.
    #[test]
    fn d29_t15_unicode_layout_without_emoji_in_a_real_terminal() {
        let text = fs::read_to_string(fixture_path("unicode-layout.json")).expect("fixture");
        let mut value: Value = serde_json::from_str(&text).expect("JSON");
        strip_emoji(&mut value);
        let dir = tempfile::tempdir().expect("temp dir");
        fs::write(dir.path().join("no-emoji.json"), serde_json::to_vec(&value).expect("JSON")).expect("write");
        session(dir.path(), "no-emoji.json", STEPS, Compare::Exact);
    }

    fn strip_emoji(value: &mut Value) {
        match value {
            Value::String(s) => *s = s.chars().filter(|&c| !is_emoji_part(c)).collect(),
            Value::Array(items) => items.iter_mut().for_each(strip_emoji),
            Value::Object(map) => map.values_mut().for_each(strip_emoji),
            _ => {}
        }
    }

    /// D29 + T15 with emoji, and R17: vt100 (like tmux and xterm) gives ZWJ sequences, skin
    /// tones and VS16 emoji other widths than unicode-width does (RELIABILITY §1.2: ratatui
    /// #75, #2431, #2585). The loader now puts them in a form every one of them draws at
    /// unicode-width's width (`sanitize::emoji_terminal_form`), so the emulator's screen
    /// equals the app's buffer cell for cell, emoji and all.
    #[test]
    fn d29_r17_unicode_layout_with_emoji_in_a_real_terminal() {
        session(&bin_support::fixtures(), "unicode-layout.json", STEPS, Compare::Exact);
    }
}

// ---------------------------------------------------------------------------------------
// D29: Unicode layout
// ---------------------------------------------------------------------------------------

fn is_combining(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// Every grapheme drawn whole, nothing overflowing a border, combining floods capped.
fn assert_layout_intact(what: &str, app: &App) {
    let terminal = common::terminal(app, &Palette::colour());
    let buffer = terminal.backend().buffer();
    // The help overlay is drawn over the blocks, and the quote reader replaces them: the
    // blocks' borders are checked on the other screens.
    let blocks = match app.layout() {
        Some(layout)
            if matches!(app.context(), Context::List | Context::Detail | Context::Filter | Context::Search) =>
        {
            [layout.list, layout.detail]
        }
        _ => [None, None],
    };
    for block in blocks.into_iter().flatten() {
        let (left, right, top, bottom) = (block.x, block.right() - 1, block.y, block.bottom() - 1);
        assert_eq!(buffer[(left, top)].symbol(), "┌", "{what}: top-left corner of {block:?}");
        assert_eq!(buffer[(right, top)].symbol(), "┐", "{what}: top-right corner of {block:?}");
        assert_eq!(buffer[(left, bottom)].symbol(), "└", "{what}: bottom-left corner of {block:?}");
        assert_eq!(buffer[(right, bottom)].symbol(), "┘", "{what}: bottom-right corner of {block:?}");
        for y in top + 1..bottom {
            assert_eq!(buffer[(left, y)].symbol(), "│", "{what}: left border at row {y}");
            let r = buffer[(right, y)].symbol();
            assert!(matches!(r, "│" | "█" | "║" | "▲" | "▼"), "{what}: right border at row {y}: {r:?}");
            // A wide character's second column must not be the border.
            for x in left + 1..right {
                let w = buffer[(x, y)].symbol().width() as u16;
                assert!(x + w.max(1) <= right, "{what}: cell ({x},{y}) {:?} overflows", buffer[(x, y)].symbol());
            }
        }
    }
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            let first = symbol.chars().next();
            assert!(
                !first.is_some_and(
                    |c| is_combining(c) || matches!(c, '\u{200d}' | '\u{fe0f}' | '\u{1f3fb}'..='\u{1f3ff}')
                ),
                "{what}: cell ({x},{y}) starts mid-grapheme: {symbol:?}"
            );
            let marks = symbol.chars().filter(|&c| is_combining(c) && c != '\u{fe0f}').count();
            assert!(marks <= defiant::sanitize::MAX_COMBINING_MARKS, "{what}: {marks} marks in ({x},{y})");
            let indicators = symbol.chars().filter(|c| ('\u{1f1e6}'..='\u{1f1ff}').contains(c)).count();
            assert!(indicators % 2 == 0, "{what}: flag split at ({x},{y}): {symbol:?}");
            assert!(!symbol.contains(['\u{2028}', '\u{2029}']), "{what}: line separator at ({x},{y})");
        }
    }
}

/// D29: ZWJ families, skin tones, VS16, flags, CJK, Arabic, `e`+U+0301, 100-mark Zalgo and
/// U+2028 at 40×12 (narrow: one block), 80×24 and 120×30, on every screen.
#[test]
fn d29_unicode_layout_keeps_borders_and_graphemes() {
    let data = common::fixture("unicode-layout.json");
    for (w, h) in [(40, 12), (80, 24), (120, 30)] {
        for script in SCREENS.iter().chain(&["s c a f e", "3 j <enter> G", "4 <enter> <c-d>", "5 j <enter>"]) {
            let app = screen_app(&data, w, h, script);
            assert_layout_intact(&format!("{w}x{h} {script:?}"), &app);
        }
    }
}

/// D29: the Zalgo flood is capped at load, with a warning naming the field.
#[test]
fn d29_combining_floods_are_capped_with_a_warning() {
    let loaded = load::from_path(&fixture_path("unicode-layout.json")).unwrap_or_else(|e| panic!("{e}"));
    let description = &loaded.dataset.themes[0].description;
    let zalgo = description.split(' ').next_back().expect("the Zalgo word");
    assert_eq!(zalgo, format!("Z{}algo", "\u{301}".repeat(defiant::sanitize::MAX_COMBINING_MARKS)));
    let warned: Vec<String> = loaded
        .report
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("combining"))
        .map(|d| d.path.to_string())
        .collect();
    assert_eq!(warned, ["themes[0].description", "people[0].description", "quotes[0].text"]);
    // U+2028 in a one-line field is a space, in prose a line break.
    assert_eq!(loaded.dataset.episodes[0].title.matches('\u{2028}').count(), 0);
    assert!(loaded.dataset.episodes[0].title.contains("e\u{301}pisode un"), "{}", loaded.dataset.episodes[0].title);
    assert!(loaded.dataset.episodes[0].summary.starts_with("Line one\nline two\npara."));
}

/// D29: NFC and NFD forms of an accented letter, in the query or in the data, match the
/// same records.
#[test]
fn d29_nfc_and_nfd_forms_match_the_same_records() {
    let data = common::fixture("unicode-layout.json");
    let index = SearchIndex::build(&data);
    let hits = |q: &str| {
        let mut records: Vec<String> =
            index.search(&Query::parse(q, false)).iter().map(|h| data.deep_link(h.record)).collect();
        records.sort();
        records
    };
    // The data holds "cafe\u{301}" (NFD) and "e\u{301}pisode".
    for (nfc, nfd) in
        [("'caf\u{e9}", "'cafe\u{301}"), ("'\u{e9}pisode", "'e\u{301}pisode"), ("'ro\u{301}bert", "'r\u{f3}bert")]
    {
        let want = hits(nfc);
        assert!(!want.is_empty(), "{nfc:?} finds something");
        assert_eq!(hits(nfd), want, "{nfd:?} vs {nfc:?}");
    }
}

// ---------------------------------------------------------------------------------------
// D30: whitespace
// ---------------------------------------------------------------------------------------

const WHITESPACE: Class = Class { name: "whitespace", mid: "\t", end: "\r\nnext\rline\n\tend", finding: "" };

/// D30: tabs become spaces, one-line fields never break, prose keeps its line breaks with
/// `\r\n` and lone `\r` folded to one `\n` each.
#[test]
fn d30_whitespace_in_one_line_and_prose_fields() {
    let generated = generate(&WHITESPACE);
    let loaded = generated.load();
    assert!(loaded.report.diagnostics.is_empty(), "whitespace is not suspicious: {}", loaded.report);
    let data = &loaded.dataset;
    let line = "A    nn Lee next line     end";
    let prose = |s: &str| format!("{}    {}\nnext\nline\n    end", &s[..1], &s[1..]);
    assert_eq!(data.people[0].name, line);
    assert_eq!(data.people[0].id.as_str(), "a    nn-lee next line     end");
    assert_eq!(data.episodes[0].title, "P    art 1 next line     end");
    assert_eq!(data.sources[0].url, "h    ttps://example.org/a next line     end");
    assert_eq!(data.people[0].description, prose("Directs the series."));
    assert_eq!(data.quotes[0].text, prose("Trust is earned, not given."));
    assert_eq!(data.series.facts[0].value, prose("Two hours"));

    // The command line: one record per line, exactly one tab (the separator) in each.
    let list = generated.cli(&["list"]);
    assert_eq!(list.code, Some(0), "{}", list.stderr);
    assert_eq!(list.stdout.lines().count(), 10, "{}", list.stdout);
    assert!(list.stdout.lines().all(|l| l.matches('\t').count() == 1), "{}", list.stdout);
    assert!(list.stdout.contains("person:a    nn-lee next line     end\tA    nn Lee next line     end\n"));
    // `show`: a one-line pair stays on its line; prose is indented line by line.
    let show = generated.cli(&["show", "person:a    nn-lee next line     end"]);
    assert_eq!(show.code, Some(0), "{}", show.stderr);
    assert!(show.stdout.starts_with(&format!("person:a    nn-lee next line     end\n{line}\n")), "{}", show.stdout);
    assert!(show.stdout.contains("  D    irects the series.\n  next\n  line\n      end\n"), "{}", show.stdout);

    // The TUI: the name is one row of the list, the borders hold.
    let app = screen_app(&Arc::new(loaded.dataset), 120, 40, "3");
    let rows = app_rows(&app);
    assert!(rows.iter().any(|r| r.contains(&format!("│{line}")) || r.contains(line)), "{}", rows.join("\n"));
    for script in SCREENS {
        assert_layout_intact(&format!("whitespace {script:?}"), &screen_app(&generated.dataset(), 80, 24, script));
    }
}

// ---------------------------------------------------------------------------------------
// D31: a huge field
// ---------------------------------------------------------------------------------------

/// D31: one 5 MB description (and a 1 MB name) load with a truncation warning each; the
/// detail renders the capped text ending in `…`; search and `show` work. Nothing timed.
#[test]
fn d31_huge_field_is_truncated_with_a_warning_and_renders() {
    let mut value: Value = serde_json::from_str(&fs::read_to_string(bin_support::minimal()).expect("minimal"))
        .expect("minimal.json is JSON");
    value["people"][0]["description"] = Value::String("lorem ipsum ".repeat(5 * 1024 * 1024 / 12));
    value["people"][1]["name"] = Value::String(format!("Bo {}", "x".repeat(1024 * 1024)));
    // Leaked: the app needs a dataset that lives as long as the process (as `from_path`'s).
    let bytes: &'static [u8] = serde_json::to_vec(&value).expect("serialize").leak();
    let loaded = load::from_bytes("huge.json", bytes).unwrap_or_else(|e| panic!("{e}"));
    let warnings: Vec<String> =
        loaded.report.diagnostics.iter().map(|d| format!("{}: {}", d.path, d.message)).collect();
    assert_eq!(
        warnings,
        [
            "people[0].description: field is 5.0 MiB; shown and searched truncated to 64 KiB",
            "people[1].name: field is 1.0 MiB; shown and searched truncated to 4 KiB",
        ]
    );
    let description = &loaded.dataset.people[0].description;
    assert!(description.len() <= load::MAX_TEXT_BYTES + '…'.len_utf8() && description.ends_with('…'));
    assert!(loaded.dataset.people[1].name.len() <= load::MAX_LINE_BYTES + '…'.len_utf8());

    let data = Arc::new(loaded.dataset);
    let mut app = common::app(data.clone(), 80, 24);
    common::press(&mut app, "3 <enter>");
    assert!(app.doc().expect("detail").lines.len() > 100, "the capped description is laid out");
    common::press(&mut app, "G");
    let bottom = app_rows(&app).join("\n");
    assert!(bottom.contains('…'), "the cut is visible at the end: {bottom}");
    assert_layout_intact("huge", &app);
    common::press(&mut app, "<esc> s l o r e m");
    assert!(app.search().is_some_and(|s| !s.shown.is_empty()), "the capped text is searchable");
    let _ = app_rows(&app);

    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("huge.json"), bytes).expect("write");
    let show = run(defiant_in(dir.path()).args(["--data", "huge.json", "show", "person:ann-lee"]));
    assert_eq!(show.code, Some(0), "{}", show.stderr);
    assert!(show.stdout.len() < 2 * load::MAX_TEXT_BYTES, "show prints the capped text: {} bytes", show.stdout.len());
    assert!(show.stderr.contains("2 warnings"), "{}", show.stderr);
}

// ---------------------------------------------------------------------------------------
// D32: pathological queries in the TUI
// ---------------------------------------------------------------------------------------

/// Type `text` into the open search box, one `InsertChar` per character, as a paste would
/// arrive; run the search once at the end (and every `every` characters).
fn type_query(app: &mut App, text: &str, every: usize) {
    // Like the run loop under a burst of input: only the newest search asked for runs.
    let mut newest = None;
    for (i, c) in text.chars().enumerate() {
        newest = app.update(Action::InsertChar(c)).into_iter().last().or(newest);
        if (i + 1) % every == 0 || i == 4 {
            run_search(app, newest.take());
        }
    }
    run_search(app, newest);
}

fn run_search(app: &mut App, effect: Option<Effect>) {
    if let Some(effect) = effect {
        let mut effects = Effects::default();
        effects.push(effect);
        common::execute(app, effects, &mut common::Ran::default());
    }
}

/// D32: a 10 000-character paste, only spaces, regex metacharacters, emoji, RTL text: no
/// panic, the screen draws at every size class, the byte stream stays clean. (The long
/// paste matches nothing after its first word, so the test does not spend minutes
/// re-highlighting stale results in a debug build; a 400-character paste of matching words
/// covers the cut at `MAX_QUERY_CHARS`.)
#[test]
fn d32_pathological_queries_in_the_tui() {
    let data = common::bundled();
    let long: String = "zqxj ".repeat(2_000);
    assert_eq!(long.chars().count(), 10_000);
    let matching = "dre jimmy ".repeat(40);
    let queries = [
        long.as_str(),
        matching.as_str(),
        "                                                  ",
        "(.*)+[a-z]{2,} \\d+ $^ .* ?? [[ ]] {{ }} \\ ' ^ $ ! | :",
        "👨‍👩‍👧‍👦 👍🏽 ❤️ 🇯🇵 emoji",
        "مرحبا بالعالم שלום",
        "'^$!|' person: quote:!x ^$ '",
        // Typed or pasted controls and bidi: never reach the terminal raw.
        "\u{1b}]0;pwned\u{7}dre \u{1b}[2J",
        "\u{202e}erd \u{2066}x\u{2069} \u{200f}",
        "a\u{9b}31m\u{85}b\u{9d}0;t\u{7}",
    ];
    for query in queries {
        for scope in ["s", "3 /"] {
            let mut app = common::app(data.clone(), 120, 40);
            common::press(&mut app, scope);
            type_query(&mut app, query, 1000);
            assert_eq!(app.search().map(|s| s.input().chars().count()), Some(query.chars().count()));
            for (w, h) in [(120, 40), (80, 24), (40, 12)] {
                common::send(&mut app, Internal::Resized { width: w, height: h });
                let what = format!("{:?}… at {w}x{h}", query.chars().take(20).collect::<String>());
                assert_no_injected_controls(&what, &frame_bytes(&app));
                let rows = app_rows(&app);
                assert!(rows[1].starts_with(" search:") || rows[1].starts_with(" /"), "{what}: prompt {:?}", rows[1]);
                assert_layout_intact(&what, &app);
            }
            // Editing a huge query stays possible.
            common::press(&mut app, "<c-u>");
            assert!(app.search().is_some_and(|s| s.input().is_empty()), "Ctrl-u clears the query");
        }
    }
}

/// D32: control characters typed or pasted into the search box are shown in the prompt as
/// the sanitizer shows them in data (`␛`, `␇`, `�`), so the echo cannot hide them.
/// (That they never reach the terminal raw is checked above.)
#[test]
fn d32_query_echo_shows_placeholders() {
    let data = common::bundled();
    for query in ["\u{1b}]0;pwned\u{7}dre", "a\u{9b}31m\u{85}b", "\u{202e}erd \u{2066}x\u{2069}"] {
        let mut app = common::app(data.clone(), 120, 40);
        common::press(&mut app, "s");
        type_query(&mut app, query, 1);
        let prompt = &app_rows(&app)[1];
        let shown = defiant::sanitize::line(query);
        assert!(prompt.contains(shown.as_ref()), "prompt {prompt:?} should show {shown:?}");
    }
}

// ---------------------------------------------------------------------------------------
// T04: tiny, odd and huge sizes on every screen
// ---------------------------------------------------------------------------------------

/// T04: every size up to 12×12, plus 1×50, 50×1, 80×1, 2×2, 39×9 and 500×200, on the list,
/// a detail, help, a global search with results and a pane filter: no panic, a "too small"
/// notice below 40×10 (where a word fits), a normal frame above it.
#[test]
fn t04_every_screen_at_tiny_odd_and_huge_sizes() {
    let mut sizes: Vec<(u16, u16)> = (0..=12).flat_map(|w| (0..=12).map(move |h| (w, h))).collect();
    sizes.extend([(1, 50), (50, 1), (80, 1), (39, 9), (40, 9), (39, 10), (40, 10), (500, 200), (0, 200), (500, 0)]);
    let data = common::bundled();
    for script in ["", "3 <enter>", "?", "3 <enter> ?", "s d r e", "s d r e <down> <enter>", "3 / j i m", "s z q x j"] {
        let mut app = common::app(data.clone(), 120, 40);
        common::press(&mut app, script);
        for &(w, h) in &sizes {
            common::send(&mut app, Internal::Resized { width: w, height: h });
            let rows = app_rows(&app);
            assert_eq!(rows.len(), usize::from(h));
            let text = rows.join("\n");
            if w < 40 || h < 10 {
                if w >= 8 && h >= 1 {
                    assert!(text.contains("Terminal"), "{script:?} at {w}x{h}: {text}");
                }
            } else {
                assert!(!text.contains("Terminal too small"), "{script:?} at {w}x{h}");
                assert_layout_intact(&format!("{script:?} at {w}x{h}"), &app);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// T05: resize storm through a TestBackend
// ---------------------------------------------------------------------------------------

/// A small deterministic generator (no dependency, same sequence on every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// T05: 1 000 random resizes (0×0 included) interleaved with keys, drawn on one long-lived
/// terminal as the real loop does (ratatui diffs each frame against the previous one):
/// no panic, and the buffer always equals a fresh render of the same state at that size,
/// so no stale cell survives a resize.
#[test]
fn t05_resize_storm_ends_on_a_fresh_frame() {
    const KEYS: &[&str] = &["j", "k", "<enter>", "<esc>", "<tab>", "3", "5", "G", "?", "<bs>", "<c-d>", "s", "d", "r"];
    let data = common::bundled();
    let mut rng = Lcg(0x5eed);
    let mut app = common::app(data, 120, 40);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let palette = Palette::colour();
    for step in 0..1_000 {
        let (w, h) = match rng.below(10) {
            0 => (0, 0),
            1 => (rng.below(13) as u16, rng.below(13) as u16),
            2 => (rng.below(501) as u16, rng.below(201) as u16),
            _ => (rng.below(161) as u16, rng.below(61) as u16),
        };
        terminal.backend_mut().resize(w, h);
        common::send(&mut app, Internal::Resized { width: w, height: h });
        for _ in 0..rng.below(3) {
            let key = KEYS[rng.below(KEYS.len() as u64) as usize];
            common::press(&mut app, key);
        }
        terminal.draw(|frame| ui::view(frame, &app, &palette)).expect("draw");
        if step % 25 == 24 || step == 999 {
            let fresh = common::terminal(&app, &palette);
            assert_eq!(
                buffer_rows(terminal.backend().buffer()),
                buffer_rows(fresh.backend().buffer()),
                "step {step} at {w}x{h}"
            );
            assert_eq!(terminal.backend().buffer().area, Rect::new(0, 0, w, h));
        }
    }
}

// ---------------------------------------------------------------------------------------
// T11, T13: runtime errors and closed pipes
// ---------------------------------------------------------------------------------------

/// T13: `search` and `show` (text and JSON) into a pipe whose reader goes away after one
/// line end quietly with 0, like `list` (tests/cli.rs). A 100 000-quote dataset makes the
/// output far bigger than the pipe buffer, so the writer really meets the closed pipe.
#[test]
fn t13_search_and_show_into_a_closed_pipe_end_quietly() {
    use std::io::{BufRead, BufReader, Read};
    use std::process::Stdio;

    let dir = tempfile::tempdir().expect("temp dir");
    bin_support::write_big(&dir.path().join("big.json"), 100_000, bin_support::Last::Valid);
    let cases: [(&[&str], &str); 4] = [
        (&["search", "'long interview", "--limit", "0"], "quote:g"),
        (&["search", "'long interview", "--limit", "0", "--json"], "["),
        (&["show", "person:bo-ray"], "person:bo-ray"),
        (&["show", "person:bo-ray", "--json"], "{"),
    ];
    for (args, first_line) in cases {
        let mut command = defiant_in(dir.path());
        command.arg("--data").arg("big.json").args(args);
        let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
        let mut reader = BufReader::new(child.stdout.take().expect("stdout"));
        let mut first = String::new();
        reader.read_line(&mut first).expect("read a line");
        assert!(first.starts_with(first_line), "{args:?}: {first:?}");
        assert!(first.ends_with('\n'), "{args:?}: a whole line: {first:?}");
        drop(reader);
        let mut stderr = Vec::new();
        child.stderr.take().expect("stderr").read_to_end(&mut stderr).expect("read stderr");
        let status = child.wait().expect("wait");
        let stderr = String::from_utf8_lossy(&stderr);
        assert_eq!(status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked") && !stderr.contains("Broken pipe"), "{args:?}: {stderr}");
    }
}

/// T11: a runtime error after the terminal was set up. The real trigger: the terminal the
/// screen is drawn on goes away while the input terminal stays (stdout is a second pty
/// whose master is closed, so no SIGHUP arrives and the next draw fails with EIO). The
/// browser must restore the input terminal (raw mode off) and print a sanitized error on
/// stderr, exit 2, and not panic.
///
/// Not covered: the input side failing. crossterm 0.29's reader ignores read errors other
/// than `WouldBlock` (and EOF) and polls again, so `event::read()` never returns an error
/// for a hung-up terminal; the session leader gets SIGHUP instead (tests/pty.rs, T08).
#[cfg(unix)]
#[test]
fn t11_output_terminal_gone_restores_and_exits_2() {
    use std::io::Read;
    use std::process::{Command, Stdio};

    use nix::sys::termios::LocalFlags;
    use portable_pty::{PtySize, native_pty_system};

    let size = PtySize { rows: 30, cols: 100, pixel_width: 0, pixel_height: 0 };
    let input = native_pty_system().openpty(size).expect("openpty (input)");
    let output = native_pty_system().openpty(size).expect("openpty (output)");
    let open = |pair: &portable_pty::PtyPair| {
        let path = pair.master.tty_name().expect("pty slave path");
        fs::OpenOptions::new().read(true).write(true).open(path).expect("open the pty slave")
    };
    let (input_slave, output_slave) = (open(&input), open(&output));
    // The reader owns the only other descriptor of the output master: it reads until the
    // first frame is complete with the Overview's chart (counted beside the first frame, so
    // the frame with its bars: the first speaker's name), then closes it.
    let mut output_reader = output.master.try_clone_reader().expect("reader");
    let first_frame = std::thread::spawn(move || {
        let (mut all, mut buf) = (Vec::new(), [0u8; 4096]);
        while !String::from_utf8_lossy(&all).contains("Allen Hughes") {
            match output_reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => all.extend_from_slice(&buf[..n]),
            }
        }
        all
    });
    let mut writer = input.master.take_writer().expect("writer");
    let mut child = Command::new(env!("CARGO_BIN_EXE_defiant"))
        .env("TERM", "xterm-256color")
        .env(
            "DEFIANT_STATE",
            std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("state-{}", std::process::id())),
        )
        .env("DEFIANT_CONFIG", pty_support::NO_CONFIG)
        .env_remove("DEFIANT_TEST_PANIC")
        .stdin(Stdio::from(input_slave))
        .stdout(Stdio::from(output_slave))
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let deadline = std::time::Instant::now() + pty_support::TIMEOUT;
    while !first_frame.is_finished() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("no first frame");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let drawn = first_frame.join().expect("reader thread");
    assert!(String::from_utf8_lossy(&drawn).contains("Who speaks"), "first frame");
    let raw = input.master.get_termios().expect("termios").local_flags;
    assert!(!raw.contains(LocalFlags::ICANON), "raw mode on the input terminal while running");
    drop(output); // The screen goes away: its master's last descriptor is closed.
    std::io::Write::write_all(&mut writer, b"j").expect("a key, so the app draws");
    let mut stderr = String::new();
    child.stderr.take().expect("stderr").read_to_string(&mut stderr).expect("stderr");
    let status = loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            break status;
        }
        if std::time::Instant::now() > deadline + pty_support::TIMEOUT {
            let _ = child.kill();
            panic!("the browser did not exit after losing its screen; stderr: {stderr}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(2), "stderr: {stderr}");
    bin_support::assert_clean("stderr", stderr.as_bytes());
    // ratatui's own `Drop for Terminal` may first report that it could not show the cursor
    // on the vanished screen; the app's message is the last line.
    let last = stderr.lines().last().unwrap_or_default();
    assert_eq!(last, "defiant: terminal error: Input/output error (os error 5)", "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let after = input.master.get_termios().expect("termios").local_flags;
    assert!(after.contains(LocalFlags::ICANON | LocalFlags::ECHO | LocalFlags::ISIG), "input not restored: {after:?}");
}

// ---------------------------------------------------------------------------------------
// README exit codes
// ---------------------------------------------------------------------------------------

/// The README's exit-code table, row by row, for the command line (the browser's rows are
/// below and in tests/pty.rs: 2 without a terminal, 128+n after a signal, 0 after Ctrl-c).
#[test]
fn exit_codes_match_the_readme() {
    let minimal = ["--data", "minimal.json"];
    let with = |args: &[&'static str]| -> Vec<&'static str> { [&minimal[..], args].concat() };
    let rows: Vec<(Vec<&str>, i32)> = vec![
        // 0: success, also validate with warnings only.
        (with(&["list"]), 0),
        (with(&["show", "q01"]), 0),
        (with(&["search", "trust"]), 0),
        (with(&["search", "trust", "--json"]), 0),
        (vec!["validate", "minimal.json"], 0),
        (vec!["validate", "escapes-everywhere.json"], 0),
        (vec!["completions", "bash"], 0),
        (vec!["--help"], 0),
        (vec!["--version"], 0),
        // 1: the command ran but found nothing.
        (with(&["search", "zqxjzqxj"]), 1),
        (with(&["search", "zqxjzqxj", "--json"]), 1),
        (with(&["search", "trust", "--kind", "footage"]), 1),
        // 2: usage errors.
        (vec!["frobnicate"], 2),
        (vec!["show"], 2),
        (vec!["list", "fish"], 2),
        (vec!["completions", "tcsh"], 2),
        (with(&["search", "   "]), 2),
        // 2: unknown or ambiguous id.
        (with(&["show", "person:nobody"]), 2),
        (with(&["show", "nobody"]), 2),
        // 2: unusable data, for every command that reads it.
        (vec!["--data", "empty.json", "list"], 2),
        (vec!["--data", "syntax-missing-comma.json", "show", "q01"], 2),
        (vec!["--data", "dangling-refs.json", "search", "trust"], 2),
        (vec!["--data", "no-such-file.json", "list"], 2),
        (vec!["validate", "duplicate-ids.json"], 2),
        (vec!["validate", "--strict", "escapes-everywhere.json"], 2),
        // 2: no terminal for the browser (stdin is /dev/null here).
        (minimal.to_vec(), 2),
    ];
    for (args, code) in rows {
        let result = bin_support::run_args(&args);
        assert_eq!(result.code, Some(code), "{args:?}\nstdout: {}\nstderr: {}", result.stdout, result.stderr);
        if code == 1 {
            assert!(result.stdout.is_empty() || result.stdout.trim() == "[]", "{args:?}: {}", result.stdout);
        }
    }
}

/// Not in the README's table: output that cannot be written for another reason than a
/// closed pipe (a full disk) is an error, exit 2, with a message; never a panic.
#[cfg(unix)]
#[test]
fn exit_2_when_output_cannot_be_written() {
    let full = fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
    let output = bin_support::defiant()
        .args(["--data", "minimal.json", "list"])
        .stdout(full)
        .stderr(std::process::Stdio::piped())
        .output()
        .expect("run defiant");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr, "defiant: cannot write output: No space left on device (os error 28)\n");
}

/// The browser's rows of the table in a terminal: bad data (D01's "the TUI never starts")
/// and an unknown `--open` id exit 2 with the message on the normal screen, and the
/// terminal is never touched (no alternate screen, termios as before).
#[cfg(unix)]
#[test]
fn exit_2_in_a_terminal_before_the_browser_starts() {
    use pty_support::{Pty, contains, seq};
    for (args, message) in [
        (&["--data", "tests/fixtures/syntax-missing-comma.json"][..], "syntax error: expected ',' or '}'"),
        (&["--open", "person:nobody"][..], "no person with id 'nobody'"),
        (&["--data", "tests/fixtures/minimal.json", "--open", "q0"][..], "no record with id 'q0'"),
    ] {
        let mut pty = Pty::start(args);
        pty.expect_exit(2);
        let bytes = pty.bytes();
        assert!(!contains(&bytes, seq::ENTER_ALT), "{args:?}: the browser started");
        assert!(!bytes.contains(&0x1b), "{args:?}: escape bytes: {}", pty_support::show(&bytes));
        assert!(pty.screen().contains(message), "{args:?}: {}", pty.screen());
        assert_eq!(pty.termios().local_flags, pty.termios_before().local_flags, "{args:?}: termios changed");
    }
}
