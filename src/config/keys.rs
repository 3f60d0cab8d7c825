//! `[keys.<context>]`: `"ctrl-j" = "down"` binds, `"x" = "none"` unbinds. Contexts are
//! the ones help names (`global` for all of them); actions are the names help and the
//! palette show. Each binding is applied to the key table as the file reads, `global`
//! first so a context's own binding wins; what a binding takes from another is reported.

use std::collections::HashMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::parse::{kind_of, path, string, unknown};
use super::report::{Report, Severity, suggest};
use crate::app::bindings::{Resolved, Scope};
use crate::app::keymap::{Chord, Context};
use crate::app::{Action, Keymap};

pub(super) fn apply(table: &DeTable<'_>, keys: &mut Keymap, report: &mut Report) {
    let scopes = Scope::names();
    let mut sections = Vec::new();
    for (key, value) in table {
        let name = key.get_ref().as_ref();
        let at = path("keys", name);
        let Some(scope) = Scope::parse(name) else {
            unknown(key, "keys", "context", &scopes, report);
            continue;
        };
        match value.get_ref() {
            DeValue::Table(bindings) => sections.push((scope, at, bindings)),
            other => report.error(
                Some(value.span()),
                &at,
                format!("expected a table of bindings ([keys.{name}]), found {}", kind_of(other)),
            ),
        }
    }
    sections.sort_by_key(|(scope, ..)| *scope != Scope::Global);
    for (scope, at, bindings) in sections {
        section(scope, &at, bindings, keys, report);
    }
}

fn section(scope: Scope, prefix: &str, bindings: &DeTable<'_>, keys: &mut Keymap, report: &mut Report) {
    let mut seen: HashMap<Chord, (String, Range<usize>)> = HashMap::new();
    let names = Action::names();
    for (key, value) in bindings {
        let text = key.get_ref().as_ref();
        let at = path_key(prefix, text);
        let chord = match Chord::parse(text) {
            Ok(chord) => chord,
            Err(error) => {
                report.error(Some(key.span()), &at, error.to_string());
                continue;
            }
        };
        // Key labels reach the screen (hints, help): a control, bidi or invisible character
        // is no key one can type anyway.
        if [Some(chord.first), chord.then].into_iter().flatten().any(|k| !printable(k)) {
            report.error(
                Some(key.span()),
                &at,
                "not a key: a control or invisible character (write ctrl-x, esc, tab, enter…)",
            );
            continue;
        }
        if let Some((first, span)) = seen.get(&chord) {
            let (line, column) = report.line_col(span.start);
            report.error(
                Some(key.span()),
                &at,
                format!(
                    "\"{text}\" is the same key as \"{first}\" (line {line}:{column}) in {}; this binding is ignored",
                    scope_name(scope)
                ),
            );
            continue;
        }
        seen.insert(chord, (text.to_string(), key.span()));
        let Some(name) = string(value, &at, report) else { continue };
        let action = if name == "none" {
            None
        } else {
            match Action::from_name(name) {
                Some(action) => Some(action),
                None => {
                    let message = suggest(
                        &format!("unknown action '{name}'"),
                        name,
                        names.iter().map(String::as_str),
                        "`defiant config default` lists every action; \"none\" unbinds",
                    );
                    report.error(Some(value.span()), &at, message);
                    continue;
                }
            }
        };
        if let (Scope::Only(context), Some(action)) = (scope, action)
            && bound_to(keys, context, chord) == Some(action)
        {
            continue; // already so (the default config writes every binding out)
        }
        let displaced = keys.rebind(scope, chord, action);
        if action.is_none() && displaced.is_empty() {
            report.push(
                Severity::Note,
                Some(key.span()),
                &at,
                format!("{} is not bound in {}; nothing to unbind", chord.label(), scope_name(scope)),
            );
        }
        let Some(action) = action else { continue };
        let bound = action.name().unwrap_or_default();
        for hidden in displaced {
            let other = hidden.action.name().unwrap_or_default();
            let context = hidden.context.name();
            let mut message = format!("\"{text}\" = \"{bound}\" hides {other} ({}) in {context}", hidden.chord.label());
            let severity = if hidden.unreachable {
                message.push_str(&format!("; {other} has no key left there"));
                Severity::Warning
            } else {
                if let Some(rest) = keys.keys_for(hidden.action, hidden.context) {
                    message.push_str(&format!(" ({other} keeps {rest})"));
                }
                Severity::Note
            };
            report.push(severity, Some(key.span()), &at, message);
        }
    }
}

fn printable(key: crate::app::keymap::Key) -> bool {
    match key.code {
        ratatui::crossterm::event::KeyCode::Char(c) => {
            let text = c.to_string();
            c == ' ' || (crate::sanitize::line(&text) == text && crate::text::width(&text) > 0)
        }
        _ => true,
    }
}

/// `keys.list."ctrl-j"`: a key name is always quoted, as the file must write most of them.
fn path_key(prefix: &str, key: &str) -> String {
    format!("{prefix}.{}", super::report::quoted(key))
}

fn scope_name(scope: Scope) -> &'static str {
    match scope {
        Scope::Global => "global",
        Scope::Only(context) => context.name(),
    }
}

/// The action `chord` has in `context` now.
fn bound_to(keys: &Keymap, context: Context, chord: Chord) -> Option<Action> {
    let resolved = match chord.then {
        None => keys.resolve(context, None, chord.first),
        Some(then) => keys.resolve(context, Some(chord.first), then),
    };
    match resolved {
        Resolved::Action(Action::InsertChar(_)) => None,
        Resolved::Action(action) => Some(action),
        _ => None,
    }
}
