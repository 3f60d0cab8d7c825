//! Replays the fuzzing corpus (`fuzz/corpus/<target>/`, kept minimised) through the same
//! functions the fuzz targets in `fuzz/fuzz_targets/` call, on stable Rust, so every input
//! that once found new code paths (and every crash fixed since) stays a regression test.
//! Running the fuzzers themselves: see `fuzz/Cargo.toml`.

use std::fs;
use std::path::{Path, PathBuf};

use defiant::data::load;
use defiant::search::{Query, SearchIndex};

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut files: Vec<(PathBuf, Vec<u8>)> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.expect("directory entry").path();
            let bytes = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path, bytes)
        })
        .collect();
    files.sort();
    assert!(files.len() > 10, "{}: the corpus is missing", dir.display());
    files
}

fn is_bidi(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn is_hidden(c: char) -> bool {
    is_bidi(c) || defiant::sanitize::is_invisible(c)
}

/// `fuzz_targets/load_and_validate.rs`: any bytes load or fail with a report that renders,
/// and a loaded dataset holds only displayable strings.
#[test]
fn load_and_validate_corpus() {
    for (path, bytes) in corpus("load_and_validate") {
        match load::from_bytes("fuzz.json", &bytes) {
            Ok(loaded) => {
                let _ = loaded.report.render();
                let data = &loaded.dataset;
                for kind in defiant::data::Kind::ALL {
                    for r in data.records(kind) {
                        for s in [data.id(r), &data.label(r)] {
                            assert!(!s.chars().any(|c| c.is_control() || is_hidden(c)), "{}: {s:?}", path.display());
                        }
                    }
                }
            }
            Err(error) => {
                let report = error.0.render();
                assert!(!report.chars().any(|c| (c.is_control() && c != '\n') || is_bidi(c)), "{}", path.display());
            }
        }
    }
}

/// `fuzz_targets/sanitize.rs`: no control (but `\n` in prose), bidi or invisible character
/// survives either flavour. libFuzzer's `&str` targets skip inputs that are not UTF-8.
#[test]
fn sanitize_corpus() {
    for (path, bytes) in corpus("sanitize") {
        let Ok(input) = std::str::from_utf8(&bytes) else { continue };
        let line = defiant::sanitize::line(input);
        assert!(!line.chars().any(|c| c.is_control() || is_hidden(c)), "{}: line {line:?}", path.display());
        let text = defiant::sanitize::text(input);
        assert!(
            !text.chars().any(|c| (c.is_control() && c != '\n') || is_hidden(c)),
            "{}: text {text:?}",
            path.display()
        );
        let message = defiant::sanitize::message(input);
        assert!(!message.chars().any(|c| c.is_control() || is_hidden(c)), "{}: {message:?}", path.display());
    }
}

/// `fuzz_targets/parse_query.rs`: any query parses and runs (fuzzy and exact) over a tiny
/// dataset, and highlight positions stay inside their text.
#[test]
fn parse_query_corpus() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/unicode-names.json");
    let data = load::from_path(&fixture).unwrap_or_else(|e| panic!("{e}")).dataset;
    let index = SearchIndex::build(&data);
    for (path, bytes) in corpus("parse_query") {
        let Ok(input) = std::str::from_utf8(&bytes) else { continue };
        for exact in [false, true] {
            let query = Query::parse(input, exact);
            for hit in index.search(&query).iter().take(8) {
                for h in index.highlights(hit.record, &query) {
                    let len = h.text.chars().count();
                    assert!(h.positions.iter().all(|&p| p < len), "{}: position past {:?}", path.display(), h.text);
                }
            }
        }
    }
}

#[path = "../fuzz/fuzz_targets/render_case.rs"]
mod render_case;

/// `fuzz_targets/render_frame.rs`: any text in names and prose, any size, a few keys: the
/// frame's bytes hold no escape or control the app did not write.
#[test]
fn render_frame_corpus() {
    let mut drawn = 0;
    for (path, bytes) in corpus("render_frame") {
        let Some(case) = render_case::Case::from_bytes(&bytes) else { continue };
        let Some(data) = render_case::dataset(&case.text) else { continue };
        let frame = render_case::frame(&case, data);
        if let Err(problem) = render_case::check(&frame) {
            panic!("{}: {problem}", path.display());
        }
        drawn += usize::from(!frame.is_empty());
    }
    assert!(drawn >= 10, "only {drawn} corpus cases drew a frame");
}

/// The check the render fuzzer applies sees what it must.
#[test]
fn render_check_catches_escapes_and_passes_the_apps_own() {
    assert!(render_case::check(b"a\x1b[31mb\x1b[0m\r\n").is_ok());
    for bad in [&b"\x1b]0;pwned\x07"[..], b"\x1bP1|x", b"a\x07", "x\u{202e}y".as_bytes(), b"\x1b[2"] {
        assert!(render_case::check(bad).is_err(), "{bad:?}");
    }
}
