//! Issue #15, "Hardening, round two": the data layer's faults, one test (or more) per fault,
//! named `rNN_…` after the numbers. Fixtures are generated from
//! `tests/fixtures/minimal.json` (two people `ann-lee` and `bo-ray`, two quotes, …) or
//! written into a temp dir; nothing here is timed (the timings are in BENCHMARKS.md).

mod bin_support;

use std::fs;
use std::path::Path;

use bin_support::{defiant_in, minimal, run};
use defiant::data::diagnostic::{Diagnostic, Report, Severity};
use defiant::data::{Kind, load};
use serde_json::Value;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

fn minimal_value() -> Value {
    serde_json::from_str(&fs::read_to_string(minimal()).expect("minimal.json")).expect("minimal.json is JSON")
}

fn to_bytes(value: &Value) -> Vec<u8> {
    serde_json::to_vec_pretty(value).expect("serialize")
}

/// The report of a file that must be refused.
fn refused(bytes: &[u8]) -> Report {
    match load::from_bytes("t.json", bytes) {
        Ok(loaded) => panic!("loaded, but must be refused:\n{}", loaded.report),
        Err(error) => error.0,
    }
}

fn errors_at<'r>(report: &'r Report, path: &str) -> Vec<&'r Diagnostic> {
    report.diagnostics.iter().filter(|d| d.severity == Severity::Error && d.path == path).collect()
}

/// A dataset whose `quotes` array holds `count` entries `0` (each a wrong type).
fn zeros(count: usize) -> Vec<u8> {
    let mut value = minimal_value();
    value["quotes"] = Value::String("@ZEROS@".into());
    let text = serde_json::to_string_pretty(&value).expect("serialize");
    let mut list = "0,".repeat(count);
    list.pop();
    text.replace("\"@ZEROS@\"", &format!("[{list}]")).into_bytes()
}

// ---------------------------------------------------------------------------------------
// 1. A broken file costs bounded memory
// ---------------------------------------------------------------------------------------

/// Only a bounded number of diagnostics is kept; the rest are counted, exactly.
#[test]
fn r01_bad_records_beyond_the_kept_diagnostics_are_only_counted() {
    let report = refused(&zeros(200_000));
    assert!(report.diagnostics.len() <= 10_000, "kept {} diagnostics", report.diagnostics.len());
    assert_eq!(report.error_count(), 200_000);
    let text = report.render();
    assert_eq!(text.lines().filter(|l| l.contains(": error: ")).count(), 50, "{}", &text[..2000]);
    assert!(text.contains("... and 199950 more\n"), "{}", &text[text.len() - 300..]);
    assert!(text.ends_with("t.json: 200000 errors, 0 warnings\n"));
    // The first shown is the first in the file, at its place.
    assert!(text.contains(": quotes[0]: error: expected an object (Quote), found integer '0'"), "{}", &text[..600]);
}

/// The real binary refuses 5 million bad records (10 MB) under a 400 MB address-space
/// limit (it needed 1.1 GB; 50 MB of them aborted with an allocation failure).
#[cfg(unix)]
#[test]
fn r01_a_broken_file_costs_bounded_memory() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("zeros.json"), zeros(5_000_000)).expect("write");
    let result = run(std::process::Command::new("sh")
        .current_dir(dir.path())
        .stdin(std::process::Stdio::null())
        .arg("-c")
        .arg("ulimit -v 400000 && exec \"$0\" validate zeros.json")
        .arg(env!("CARGO_BIN_EXE_defiant")));
    assert_eq!(result.code, Some(2), "{}", &result.stderr[result.stderr.len().saturating_sub(500)..]);
    assert!(result.stderr.ends_with("... and 4999950 more\nzeros.json: 5000000 errors, 0 warnings\n"));
}

// ---------------------------------------------------------------------------------------
// 2. "Did you mean" is bounded
// ---------------------------------------------------------------------------------------

/// Suggestions are computed for the diagnostics shown, not for every dangling reference.
#[test]
fn r02_suggestions_only_for_the_diagnostics_shown() {
    let mut value = minimal_value();
    let person = value["people"][0].clone();
    let quote = value["quotes"][0].clone();
    for i in 0..2000 {
        let mut p = person.clone();
        p["id"] = Value::String(format!("person-{i:04}"));
        value["people"].as_array_mut().expect("people").push(p);
        let mut q = quote.clone();
        q["id"] = Value::String(format!("x{i}"));
        q["speaker"] = Value::String(format!("persn-{i:04}"));
        value["quotes"].as_array_mut().expect("quotes").push(q);
    }
    let report = refused(&to_bytes(&value));
    let dangling: Vec<&Diagnostic> =
        report.diagnostics.iter().filter(|d| d.message.starts_with("unknown person id")).collect();
    assert_eq!(dangling.len(), 2000);
    assert_eq!(dangling[0].message, "unknown person id 'persn-0000'; did you mean 'person-0000'?");
    let suggested = dangling.iter().filter(|d| d.message.contains("did you mean")).count();
    assert_eq!(suggested, 50, "only the shown diagnostics get a suggestion");
    assert!(report.render().contains("unknown person id 'persn-0049'; did you mean 'person-0049'?"));
}

/// Ids too long to be a typo of anything get no suggestion (scoring two 4 KB ids took 25 ms).
#[test]
fn r02_no_suggestion_for_overlong_ids() {
    let mut value = minimal_value();
    let long = "p".repeat(4000);
    value["people"][1]["id"] = Value::String(format!("{long}-a"));
    value["quotes"][0]["speaker"] = Value::String(format!("{long}-b"));
    let report = refused(&to_bytes(&value));
    let d = errors_at(&report, "quotes[0].speaker");
    assert_eq!(d.len(), 1, "{report}");
    assert!(d[0].message.starts_with("unknown person id 'pppp"), "{}", d[0].message);
    assert!(!d[0].message.contains("did you mean"), "{}", d[0].message);
    assert!(d[0].message.len() < 300, "the id is shown shortened: {}", d[0].message.len());
}

// ---------------------------------------------------------------------------------------
// 3. The size limit cannot be bypassed
// ---------------------------------------------------------------------------------------

/// `/proc` files say they are empty; what is read is bounded, not what the size says.
#[cfg(target_os = "linux")]
#[test]
fn r03_the_limit_bounds_what_is_read_not_the_stated_size() {
    let path = Path::new("/proc/self/status");
    assert_eq!(fs::metadata(path).map(|m| m.len()).ok(), Some(0), "a /proc file states size 0");
    let report = match load::from_path_within(path, 64) {
        Ok(_) => panic!("read past the limit"),
        Err(error) => error.0,
    };
    let text = report.render();
    assert!(text.contains(": error: file is larger than 64 bytes (the limit)"), "{text}");
}

/// A FIFO, directly or behind a symlink, is refused without blocking on the open.
#[cfg(unix)]
#[test]
fn r03_a_fifo_is_refused_without_hanging() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("pipe.json");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    std::os::unix::fs::symlink(&fifo, dir.path().join("link.json")).expect("symlink");
    for name in ["pipe.json", "link.json"] {
        let result = run(defiant_in(dir.path()).args(["validate", name]));
        assert_eq!(result.code, Some(2), "{}", result.stderr);
        assert!(result.stderr.contains("not a regular file"), "{}", result.stderr);
    }
}

// ---------------------------------------------------------------------------------------
// 7. Look-alike ids
// ---------------------------------------------------------------------------------------

/// Characters that print as nothing (or as a plain space) and that sanitizing keeps.
const INVISIBLE_IN_IDS: [char; 16] = [
    '\u{200d}',  // zero width joiner
    '\u{200c}',  // zero width non-joiner
    '\u{fe0f}',  // variation selector 16
    '\u{fe00}',  // variation selector 1
    '\u{e0100}', // variation selector 17
    '\u{1d173}', // musical symbol begin beam
    '\u{13430}', // Egyptian hieroglyph vertical joiner
    '\u{180b}',  // Mongolian free variation selector one
    '\u{180f}',  // Mongolian free variation selector four
    '\u{a0}',    // no-break space
    '\u{3000}',  // ideographic space
    '\u{2007}',  // figure space
    '\u{202f}',  // narrow no-break space
    '\u{600}',   // Arabic number sign (a prepended format mark)
    '\u{2800}',  // braille pattern blank
    ' ',         // a plain trailing space
];

#[test]
fn r07_ids_that_differ_only_by_invisible_characters_are_refused() {
    for c in INVISIBLE_IN_IDS {
        let mut value = minimal_value();
        let mut twin = value["people"][0].clone();
        twin["id"] = Value::String(format!("ann-lee{c}"));
        value["people"].as_array_mut().expect("people").push(twin);
        let report = refused(&to_bytes(&value));
        let d = errors_at(&report, "people[2].id");
        assert_eq!(d.len(), 1, "U+{:04X}: {report}", c as u32);
        assert!(d[0].message.contains("only by"), "U+{:04X}: {}", c as u32, d[0].message);
        assert!(d[0].message.contains(&format!("U+{:04X}", c as u32)), "{}", d[0].message);
        let related = d[0].related.as_ref().map(|r| r.path.to_string());
        assert_eq!(related.as_deref(), Some("people[0].id"), "U+{:04X}", c as u32);
        // Both places are printed as line:col.
        let text = report.render();
        assert!(text.contains("(first at "), "{text}");
    }
}

#[test]
fn r07_ids_must_be_visible_text_even_without_a_twin() {
    for c in INVISIBLE_IN_IDS {
        let mut value = minimal_value();
        value["sources"][1]["id"] = Value::String(format!("src-c{c}"));
        let report = refused(&to_bytes(&value));
        let d = errors_at(&report, "sources[1].id");
        assert_eq!(d.len(), 1, "U+{:04X}: {report}", c as u32);
        assert!(d[0].message.contains(&format!("U+{:04X}", c as u32)), "{}", d[0].message);
        assert!(!d[0].message.contains(c) || c == ' ', "the message shows the character: {}", d[0].message);
    }
}

// ---------------------------------------------------------------------------------------
// 8. Blank-looking required text
// ---------------------------------------------------------------------------------------

#[test]
fn r08_required_text_needs_a_visible_grapheme() {
    for blank in [
        "\u{200d}\u{200d}\u{200d}",
        "\u{301}\u{302}\u{303}",
        "\u{3164}\u{3164}",
        "\u{2800}\u{2800}",
        "\u{115f}\u{1160}\u{ffa0}",
        "\u{a0}\u{3000}\u{2007}",
        "\u{fe0f}",
    ] {
        let mut value = minimal_value();
        value["people"][1]["name"] = Value::String(blank.into());
        value["episodes"][0]["title"] = Value::String(format!(" {blank} "));
        let report = refused(&to_bytes(&value));
        for path in ["people[1].name", "episodes[0].title"] {
            let d = errors_at(&report, path);
            assert_eq!(d.len(), 1, "{blank:?} at {path}: {report}");
            assert!(d[0].message.contains("must not be"), "{}", d[0].message);
        }
    }
    // Visible text of any script, alone or with marks, is fine.
    for name in ["é", "e\u{301}", "中", "👨\u{200d}👩\u{200d}👧", "\u{2764}\u{fe0f}", "ㄱ", "-"] {
        let mut value = minimal_value();
        value["people"][1]["name"] = Value::String(name.into());
        if let Err(error) = load::from_bytes("t.json", &to_bytes(&value)) {
            panic!("{name:?} is visible: {error}");
        }
    }
}

// ---------------------------------------------------------------------------------------
// 9. Impossible dates
// ---------------------------------------------------------------------------------------

#[test]
fn r09_dates_are_calendar_dates() {
    let mut value = minimal_value();
    value["series"]["premiere"] = Value::String("2020-02-31".into());
    value["series"]["finale"] = Value::String("0000-01-01".into());
    value["episodes"][0]["air_date"] = Value::String("2019-02-29".into());
    value["episodes"][1]["air_date"] = Value::String("2021-04-31".into());
    let report = refused(&to_bytes(&value));
    for path in ["series.premiere", "series.finale", "episodes[0].air_date", "episodes[1].air_date"] {
        let d = errors_at(&report, path);
        assert_eq!(d.len(), 1, "{path}: {report}");
        assert!(d[0].message.contains("not a calendar date"), "{path}: {}", d[0].message);
    }
    assert_eq!(report.error_count(), 4, "{report}");
    // A leap day is a date.
    let mut value = minimal_value();
    value["series"]["premiere"] = Value::String("2020-02-29".into());
    value["episodes"][0]["air_date"] = Value::String("2000-02-29".into());
    if let Err(error) = load::from_bytes("t.json", &to_bytes(&value)) {
        panic!("leap days: {error}");
    }
}

// ---------------------------------------------------------------------------------------
// 11. Invalid UTF-8 and raw control bytes are errors among others
// ---------------------------------------------------------------------------------------

/// Where `needle` starts in `bytes`, as 1-based line and column (in characters).
fn line_col_of(bytes: &[u8], needle: &[u8]) -> (usize, usize) {
    let at = bytes.windows(needle.len()).position(|w| w == needle).expect("needle");
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    (line, String::from_utf8_lossy(&before[start..]).chars().count() + 1)
}

#[test]
fn r11_invalid_utf8_and_raw_controls_are_reported_with_everything_else() {
    let mut value = minimal_value();
    value["episodes"][1]["title"] = Value::String("Part @BAD-UTF8@".into());
    value["people"][0]["description"] = Value::String("Directs @RAW-CONTROL@ the series.".into());
    value["people"][1]["roles"] = Value::String("@WRONG-TYPE@".into());
    value["quotes"][1]["speaker"] = Value::String("nobody".into());
    let text = serde_json::to_string_pretty(&value).expect("serialize");
    let bytes = text.replace("\"@WRONG-TYPE@\"", "7").into_bytes();
    // Byte-level edits that serde_json would not write.
    let bytes = replace(&bytes, b"@BAD-UTF8@", b"\xff\xfe2");
    let bytes = replace(&bytes, b"@RAW-CONTROL@", b"\x01\x1b");
    let report = refused(&bytes);
    let text = report.render();
    let (l1, c1) = line_col_of(&bytes, b"\xff");
    let (l2, c2) = line_col_of(&bytes, b"\x01");
    let (l3, c3) = line_col_of(&bytes, b"7,");
    for line in [
        format!("t.json:{l1}:{c1}: episodes[1].title: error: invalid UTF-8 in string"),
        format!("t.json:{l2}:{c2}: people[0].description: error: raw control character inside a string"),
        format!("t.json:{l3}:{c3}: people[1].roles: error: expected an array, found integer '7'"),
        "quotes[1].speaker: error: unknown person id 'nobody'".to_string(),
    ] {
        assert!(text.contains(&line), "missing {line:?} in\n{text}");
    }
    assert!(!text.contains(" $: "), "{text}");
    // Two bad bytes in a row are one problem; two raw controls in a row are one problem.
    assert_eq!(report.error_count(), 4, "{text}");
}

fn replace(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let at = bytes.windows(from.len()).position(|w| w == from).expect("marker");
    [&bytes[..at], to, &bytes[at + from.len()..]].concat()
}

/// Every bad byte of a file is a problem at its own place, however many there are; the
/// loader still answers in bounded memory (counted past the kept diagnostics).
#[test]
fn r11_many_bad_strings_are_each_reported() {
    let mut value = minimal_value();
    let source = value["sources"][0].clone();
    for i in 0..300 {
        let mut s = source.clone();
        s["id"] = Value::String(format!("s{i}"));
        s["title"] = Value::String("T @BAD@".into());
        value["sources"].as_array_mut().expect("sources").push(s);
    }
    let text = serde_json::to_string_pretty(&value).expect("serialize");
    let mut bytes = Vec::new();
    for (n, piece) in text.split("@BAD@").enumerate() {
        if n > 0 {
            bytes.extend_from_slice(if n % 2 == 0 { b"\xc3" } else { b"\x07" });
        }
        bytes.extend_from_slice(piece.as_bytes());
    }
    let report = refused(&bytes);
    assert_eq!(report.error_count(), 300, "{report}");
    assert_eq!(errors_at(&report, "sources[2].title").len(), 1, "{report}");
    assert!(errors_at(&report, "sources[2].title")[0].message.contains("raw control"));
    assert!(errors_at(&report, "sources[3].title")[0].message.contains("UTF-8"));
}

// ---------------------------------------------------------------------------------------
// 12. Long ids are never changed
// ---------------------------------------------------------------------------------------

#[test]
fn r12_ids_are_never_truncated() {
    // Two over-long ids that differ only at the end: refused as too long, not as duplicates.
    let mut value = minimal_value();
    let long = "a".repeat(5000);
    value["people"][0]["id"] = Value::String(format!("{long}-1"));
    value["people"][1]["id"] = Value::String(format!("{long}-2"));
    let report = refused(&to_bytes(&value));
    assert!(!report.diagnostics.iter().any(|d| d.message.contains("duplicate")), "{report}");
    for path in ["people[0].id", "people[1].id"] {
        let d = errors_at(&report, path);
        assert_eq!(d.len(), 1, "{path}: {report}");
        assert!(d[0].message.contains("too long"), "{}", d[0].message);
        assert!(d[0].message.contains("4 KiB"), "{}", d[0].message);
    }
    // At the limit an id is kept whole, and a reference to it resolves.
    let mut value = minimal_value();
    let id = format!("{}-x", "b".repeat(4094));
    assert_eq!(id.len(), 4096);
    value["people"][0]["id"] = Value::String(id.clone());
    let text = serde_json::to_string_pretty(&value).expect("serialize").replace("\"ann-lee\"", &format!("\"{id}\""));
    let loaded = load::from_bytes("t.json", text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let data = &loaded.dataset;
    let person = data.find(Kind::Person, &id).expect("the whole id resolves");
    assert_eq!(data.id(person), id);
    assert_eq!(data.speaker(&data.quotes[0]).map(|p| p.id.as_str()), Some(id.as_str()));
}

// ---------------------------------------------------------------------------------------
// 13. The caret sits under the column, by display width
// ---------------------------------------------------------------------------------------

/// The excerpt and caret lines of the first diagnostic of a report: the caret's display
/// column, and the character of the excerpt shown at that column.
fn char_under_caret(text: &str) -> char {
    let lines: Vec<&str> = text.lines().collect();
    let caret_line = lines.iter().position(|l| l.trim_end().ends_with('^')).expect("caret line");
    let excerpt = lines[caret_line - 1];
    let bar = excerpt.find(" | ").expect("gutter") + 3;
    let caret = lines[caret_line][bar..].find('^').expect("caret");
    // The caret's column is the display width of what comes before it (a ZWJ family is
    // one wide character, not three).
    let shown = &excerpt[bar..];
    shown
        .char_indices()
        .find(|&(i, c)| shown[..i].width() == caret && c.width() != Some(0))
        .map(|(_, c)| c)
        .unwrap_or_else(|| panic!("caret past the excerpt: {text}"))
}

#[test]
fn r13_the_caret_is_placed_by_display_width() {
    // Tabs outside strings (inside one they are an error of their own), wide characters,
    // a ZWJ family, a combining accent and a bidi control (removed from the excerpt).
    for prefix in ["ab", "中文中文", "中👨\u{200d}👩\u{200d}👧 e\u{301}", "\u{202e}x"] {
        let json = format!("{{\n\t\t\"title\":\t\"{prefix}\"\t\"x\": 1\n}}\n");
        let report = refused(json.as_bytes());
        let text = report.render();
        assert!(text.contains("t.json:2:"), "{text}");
        assert_eq!(char_under_caret(&text), '"', "{prefix:?}:\n{text}");
    }
}
