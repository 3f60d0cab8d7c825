//! Walking the parsed TOML: each section, each key, each value checked, every problem
//! reported with its place and key path, and a broken setting left at its default.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::report::{Report, quoted, suggest};
use super::{Config, LIST_WIDTH, Loaded, ThemeChoice, keys, style};
use crate::app::action_name::pane_slug;
use crate::app::{Pane, reader};
use crate::ui::Role;

const SECTIONS: [&str; 4] = ["keys", "theme", "ui", "search"];
const UI_KEYS: [&str; 5] = ["mouse", "hyperlinks", "reader-width", "start-pane", "list-width"];

/// Read a config file's text. `file` names it in the report.
pub fn parse(text: &str, file: &str) -> Loaded {
    let mut report = Report::new(file, text);
    let mut config = Config::default();
    let (document, errors) = DeTable::parse_recoverable(text);
    for error in errors {
        report.error(error.span(), "", format!("TOML syntax: {}", first_line(error.message())));
    }
    for (key, value) in document.get_ref() {
        let name = key.get_ref().as_ref();
        match name {
            "keys" => {
                if let Some(table) = table(value, "keys", &mut report) {
                    keys::apply(table, &mut config.keys, &mut report);
                }
            }
            "theme" => {
                if let Some(table) = table(value, "theme", &mut report) {
                    theme(table, &mut config, &mut report);
                }
            }
            "ui" => {
                if let Some(table) = table(value, "ui", &mut report) {
                    ui(table, &mut config, &mut report);
                }
            }
            "search" => {
                if let Some(table) = table(value, "search", &mut report) {
                    search(table, &mut config, &mut report);
                }
            }
            _ => unknown(key, "", "section", &SECTIONS, &mut report),
        }
    }
    report.sort();
    Loaded { config, report }
}

/// toml's messages can run over several lines (with its own excerpt); ours has the excerpt.
fn first_line(message: &str) -> &str {
    message.lines().next().unwrap_or(message)
}

pub(super) fn path(prefix: &str, key: &str) -> String {
    let bare = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let key = if bare { key.to_string() } else { quoted(key) };
    if prefix.is_empty() { key } else { format!("{prefix}.{key}") }
}

pub(super) fn unknown(
    key: &Spanned<std::borrow::Cow<'_, str>>,
    prefix: &str,
    what: &str,
    known: &[&str],
    report: &mut Report,
) {
    let name = key.get_ref().as_ref();
    let message = suggest(
        &format!("unknown {what} '{name}'"),
        name,
        known.iter().copied(),
        &format!("one of: {}", known.join(", ")),
    );
    report.error(Some(key.span()), &path(prefix, name), message);
}

pub(super) fn kind_of(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

fn table<'a, 'i>(value: &'a Spanned<DeValue<'i>>, at: &str, report: &mut Report) -> Option<&'a DeTable<'i>> {
    match value.get_ref() {
        DeValue::Table(table) => Some(table),
        other => {
            report.error(Some(value.span()), at, format!("expected a table ([{at}]), found {}", kind_of(other)));
            None
        }
    }
}

pub(super) fn string<'a>(value: &'a Spanned<DeValue<'_>>, at: &str, report: &mut Report) -> Option<&'a str> {
    match value.get_ref() {
        DeValue::String(text) => Some(text.as_ref()),
        other => {
            report.error(Some(value.span()), at, format!("expected a string, found {}", kind_of(other)));
            None
        }
    }
}

fn boolean(value: &Spanned<DeValue<'_>>, at: &str, report: &mut Report) -> Option<bool> {
    match value.get_ref() {
        DeValue::Boolean(b) => Some(*b),
        other => {
            report.error(Some(value.span()), at, format!("expected true or false, found {}", kind_of(other)));
            None
        }
    }
}

fn number(
    value: &Spanned<DeValue<'_>>,
    at: &str,
    range: std::ops::RangeInclusive<u16>,
    report: &mut Report,
) -> Option<u16> {
    let span = Some(value.span());
    let out_of_range = format!("expected a whole number from {} to {}", range.start(), range.end());
    match value.get_ref() {
        DeValue::Integer(n) => {
            let digits = n.as_str().replace('_', "");
            match i64::from_str_radix(&digits, n.radix()).ok().and_then(|n| u16::try_from(n).ok()) {
                Some(n) if range.contains(&n) => Some(n),
                _ => {
                    report.error(span, at, format!("{out_of_range}, found {}", n.as_str()));
                    None
                }
            }
        }
        other => {
            report.error(span, at, format!("{out_of_range}, found {}", kind_of(other)));
            None
        }
    }
}

fn theme(table: &DeTable<'_>, config: &mut Config, report: &mut Report) {
    let mut known: Vec<&str> = vec!["name"];
    known.extend(Role::ALL.iter().map(|r| r.name()));
    for (key, value) in table {
        let name = key.get_ref().as_ref();
        let at = path("theme", name);
        if name == "name" {
            let Some(text) = string(value, &at, report) else { continue };
            match ThemeChoice::from_name(text) {
                Some(choice) => config.theme = choice,
                None => report.error(
                    Some(value.span()),
                    &at,
                    suggest(
                        &format!("unknown theme '{text}'"),
                        text,
                        ThemeChoice::NAMES,
                        &format!("one of: {}", ThemeChoice::NAMES.join(", ")),
                    ),
                ),
            }
        } else if let Some(role) = Role::from_name(name) {
            let Some(text) = string(value, &at, report) else { continue };
            match style::parse(text) {
                Ok(style) => config.styles.push((role, style)),
                Err(error) => report.error(Some(word_span(value.span(), text, &error.word)), &at, error.message),
            }
        } else {
            unknown(key, "theme", "theme setting or palette role", &known, report);
        }
    }
}

/// Where `word` starts inside a string value (after its opening quote), for the column.
fn word_span(value: Range<usize>, text: &str, word: &str) -> Range<usize> {
    match text.find(word).filter(|_| !word.is_empty()) {
        Some(at) => value.start + 1 + at..value.start + 1 + at + word.len(),
        None => value,
    }
}

fn ui(table: &DeTable<'_>, config: &mut Config, report: &mut Report) {
    for (key, value) in table {
        let name = key.get_ref().as_ref();
        let at = path("ui", name);
        let ui = &mut config.ui;
        match name {
            "mouse" => ui.mouse = boolean(value, &at, report).unwrap_or(ui.mouse),
            "hyperlinks" => ui.hyperlinks = boolean(value, &at, report).unwrap_or(ui.hyperlinks),
            "reader-width" => {
                ui.reader_width =
                    number(value, &at, reader::MIN_WIDTH..=reader::MAX_WIDTH, report).unwrap_or(ui.reader_width);
            }
            "list-width" => ui.list_width = number(value, &at, LIST_WIDTH, report).unwrap_or(ui.list_width),
            "start-pane" => {
                let Some(text) = string(value, &at, report) else { continue };
                let names: Vec<String> = Pane::ALL.iter().map(|&p| pane_slug(p)).collect();
                match Pane::ALL.into_iter().find(|&p| pane_slug(p) == text) {
                    Some(pane) => ui.start_pane = pane,
                    None => report.error(
                        Some(value.span()),
                        &at,
                        suggest(
                            &format!("unknown pane '{text}'"),
                            text,
                            names.iter().map(String::as_str),
                            &format!("one of: {}", names.join(", ")),
                        ),
                    ),
                }
            }
            _ => unknown(key, "ui", "setting", &UI_KEYS, report),
        }
    }
}

fn search(table: &DeTable<'_>, config: &mut Config, report: &mut Report) {
    for (key, value) in table {
        let name = key.get_ref().as_ref();
        let at = path("search", name);
        if name != "mode" {
            unknown(key, "search", "setting", &["mode"], report);
            continue;
        }
        match string(value, &at, report) {
            Some("fuzzy") => config.exact = false,
            Some("exact") => config.exact = true,
            Some(other) => report.error(
                Some(value.span()),
                &at,
                suggest(&format!("unknown search mode '{other}'"), other, ["fuzzy", "exact"], "fuzzy or exact"),
            ),
            None => {}
        }
    }
}
