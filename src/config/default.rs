//! `defiant config default`: every setting at its built-in value, with a comment for
//! each, so the printed file is both the documentation and a starting point. Reading it
//! back gives [`Config::default`](super::Config) exactly (tested).

use std::fmt::Write as _;

use super::report::quoted;
use super::{LIST_WIDTH, ThemeChoice, Ui, style};
use crate::app::action_name::pane_slug;
use crate::app::keymap::Context;
use crate::app::{Keymap, Pane, Theme, reader};
use crate::ui::{Palette, Role};

pub fn default_text() -> String {
    let mut out = String::new();
    let ui = Ui::default();
    let panes: Vec<String> = Pane::ALL.iter().map(|&p| pane_slug(p)).collect();
    let path = super::default_path()
        .map_or_else(|| "(no home directory)".into(), |p| crate::sanitize::message(&p.display().to_string()));
    let _ = write!(
        out,
        r#"# defiant's configuration. Every setting below is the built-in default.
#
# Read from {path}
# (`--config FILE` or DEFIANT_CONFIG=FILE reads another file; the flag wins).
# `defiant config check` lists every problem with its line and column; the browser
# starts anyway, with the defaults for whatever is wrong, and says so in the status bar.

[ui]
# Capture the mouse (clicks and the wheel); --no-mouse turns it off for one run.
mouse = {mouse}
# Print source URLs as clickable OSC 8 hyperlinks where the terminal supports them.
hyperlinks = {hyperlinks}
# The quote reader's text column ({min}..{max}; +, - and = change it while reading).
reader-width = {width}
# The pane the browser opens on: {panes}.
start-pane = "{pane}"
# The list's share of the width in percent ({lmin}..{lmax}) when list and detail sit side by side.
list-width = {list}

[search]
# How a new search matches: "fuzzy" (fzf-like) or "exact" (substrings); Alt-e toggles.
mode = "fuzzy"

[theme]
# "dark", "light", "high-contrast", or "auto" (dark or light from the terminal's
# background when it answers, else dark). NO_COLOR or --color never turn colour off.
name = "{theme}"
# Any palette role below can be set; it then replaces that role's style in every theme.
# A style is a colour (one of the 16 names below, or #rrggbb), `on` a background
# colour, and modifiers (bold dim italic underlined reversed crossed-out), or "default".
# Colours: {colours}.
# The values shown are the dark theme's.
"#,
        mouse = ui.mouse,
        hyperlinks = ui.hyperlinks,
        min = reader::MIN_WIDTH,
        max = reader::MAX_WIDTH,
        width = ui.reader_width,
        panes = panes.join(", "),
        pane = pane_slug(ui.start_pane),
        lmin = LIST_WIDTH.start(),
        lmax = LIST_WIDTH.end(),
        list = ui.list_width,
        theme = ThemeChoice::default().name(),
        colours = style::COLOURS.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(" "),
    );
    let dark = Palette::for_theme(Theme::Dark, true);
    for role in Role::ALL {
        let line = format!("# {} = {}", role.name(), quoted(&style::format(dark.role(role))));
        let _ = writeln!(out, "{line:<50} # {}", role.describe());
    }
    out.push_str(
        r#"
# Keys: one [keys.<context>] section per context, as help names them. A line binds a
# key to an action ("ctrl-j" = "down") or unbinds it ("x" = "none"). Keys are written
# j, G, ctrl-j, alt-left, shift-tab, f1, enter, esc, tab, backspace, space, pgup, pgdn,
# home, end, and a prefix key and the next as "g g". [keys.global] binds in the list,
# detail and reader (keys with ctrl or alt, and f-keys, also in prompts and help).
# A binding that takes a key from another action is reported by `defiant config check`.
# Below: every default binding.

[keys.global]
"#,
    );
    let keys = Keymap::default();
    for context in Context::ALL {
        let _ = writeln!(out, "\n[keys.{}]", context.name());
        for entry in keys.entries(context) {
            let Some(name) = entry.action.name() else { continue };
            for chord in &entry.chords {
                let line = format!("{} = {}", quoted(&chord.config_name()), quoted(&name));
                let _ = writeln!(out, "{line:<36} # {}", entry.help);
            }
        }
    }
    out
}
