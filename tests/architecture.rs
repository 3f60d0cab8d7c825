//! The dependency rule of `src/lib.rs`, checked on the source: each layer may use only the
//! layers below it, so state never depends on drawing and the command line never on the
//! browser.
//!
//! ```text
//! sanitize, text ← data ← saved ← search ← present ← app ← ui ← config ← tui
//!                          saved ← store (SQLite): tui and cli only
//!                                 cli: data, saved, search, present, config, store
//! ```

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const FOUNDATION: &[&str] = &["sanitize", "text"];

/// What each top-level module may use, besides itself and the foundation.
fn allowed(module: &str) -> Option<&'static [&'static str]> {
    Some(match module {
        "sanitize" | "text" => &["sanitize", "text"],
        "data" => &[],
        "saved" => &["data"],
        "store" => &["data", "saved"],
        "search" => &["data"],
        "present" => &["data", "search", "saved"],
        "app" => &["data", "search", "present", "saved"],
        "ui" => &["data", "search", "present", "app", "saved"],
        "config" => &["data", "search", "present", "app", "ui"],
        "tui" => &["data", "search", "present", "app", "ui", "config", "saved", "store"],
        "cli" => &["data", "search", "present", "config", "saved", "store"],
        _ => return None,
    })
}

/// The parts of ratatui a layer that is not drawing may use: geometry and key events.
const NOT_DRAWING: &[&str] = &["app", "present", "data", "search", "cli", "saved", "store"];
const NON_DRAWING_RATATUI: &[&str] = &["ratatui::layout", "ratatui::crossterm"];
/// The config names styles (colours and modifiers) but draws nothing.
const CONFIG_RATATUI: &[&str] = &["ratatui::layout", "ratatui::crossterm", "ratatui::style"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its comments (doc comments describe the flow in words).
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines().map(|line| line.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// Every `crate::NAME` a piece of code refers to.
fn crate_modules(code: &str) -> BTreeSet<String> {
    code.match_indices("crate::")
        .map(|(at, _)| {
            code[at + "crate::".len()..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect()
        })
        .collect()
}

/// Every `ratatui::a::b` path a piece of code names, as `ratatui::a`.
fn ratatui_paths(code: &str) -> BTreeSet<String> {
    code.match_indices("ratatui::")
        .map(|(at, _)| {
            let rest: String = code[at + "ratatui::".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '{')
                .collect();
            format!("ratatui::{rest}")
        })
        .collect()
}

fn violations() -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut problems = Vec::new();
    for file in files {
        let relative = file.strip_prefix(&src).unwrap_or(&file);
        let first = relative.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned());
        let Some(module) = first.map(|m| m.trim_end_matches(".rs").to_string()) else { continue };
        let Some(allowed) = allowed(&module) else { continue }; // lib.rs, main.rs
        let code = code(&file);
        for used in crate_modules(&code) {
            if used != module && !allowed.contains(&used.as_str()) && !FOUNDATION.contains(&used.as_str()) {
                problems.push(format!("{}: `{module}` uses `crate::{used}`", relative.display()));
            }
        }
        if module == "config" {
            for path in ratatui_paths(&code) {
                if !CONFIG_RATATUI.iter().any(|ok| path.starts_with(ok)) {
                    problems.push(format!("{}: `config` draws with `{path}`", relative.display()));
                }
            }
        }
        if NOT_DRAWING.contains(&module.as_str()) {
            for path in ratatui_paths(&code) {
                if !NON_DRAWING_RATATUI.iter().any(|ok| path.starts_with(ok)) {
                    problems.push(format!("{}: `{module}` draws with `{path}`", relative.display()));
                }
            }
        }
    }
    problems
}

#[test]
fn every_layer_uses_only_the_layers_below_it() {
    let problems = violations();
    assert!(problems.is_empty(), "dependency rule broken:\n{}", problems.join("\n"));
}

#[test]
fn the_checks_see_a_violation() {
    // The scanners themselves, on code that breaks the rule, so the test above cannot pass
    // by seeing nothing.
    assert!(crate_modules("use crate::ui::layout;\nlet x = crate::tui::run();").contains("ui"));
    assert!(crate_modules("use crate::ui::layout;\nlet x = crate::tui::run();").contains("tui"));
    assert!(ratatui_paths("use ratatui::widgets::Block;").contains("ratatui::widgets"));
    assert_eq!(allowed("app").map(|a| a.contains(&"ui")), Some(false));
    assert_eq!(allowed("cli").map(|a| a.contains(&"app")), Some(false));
    assert_eq!(allowed("app").map(|a| a.contains(&"store")), Some(false), "the app does no I/O");
    assert_eq!(allowed("config").map(|a| a.contains(&"tui")), Some(false));
}
