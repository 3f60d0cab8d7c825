//! The config file (issue 13): every problem at once with `file:line:col`, the key path and
//! a suggestion; `config default` reads back as the built-in defaults; `config check` exit
//! codes; a config's bindings, theme and settings reach the app.

mod bin_support;

use bin_support::{defiant, run};
use defiant::app::keymap::{Context, ch, ctrl};
use defiant::app::{Action, Keymap, Pane};
use defiant::config::{self, Config, Severity, ThemeChoice};
use defiant::ui::Role;
use ratatui::style::{Color, Modifier, Style};

/// Five mistakes made on purpose: a misspelt action, an unknown context, a bad colour, a
/// key that hides another, and two spellings of one key.
const FIVE_MISTAKES: &str = r#"[keys.list]
"ctrl-j" = "dwon"
"/" = "quit"
"C-k" = "up"
"ctrl-k" = "down"

[keys.lsit]
"x" = "quit"

[theme]
name = "light"
link = "bleu underlined"
"#;

#[test]
fn five_mistakes_are_reported_at_once_with_exact_messages() {
    let loaded = config::parse(FIVE_MISTAKES, "bad.toml");
    let report = &loaded.report;
    let lines: Vec<String> = report.problems.iter().map(|p| report.format_one(p)).collect();
    assert_eq!(
        lines,
        [
            "bad.toml:2:12: keys.list.\"ctrl-j\": error: unknown action 'dwon' — did you mean 'down'? \
             (`defiant config default` lists every action; \"none\" unbinds)",
            "bad.toml:3:1: keys.list.\"/\": warning: \"/\" = \"quit\" hides filter (/) in list; filter has no key left there",
            "bad.toml:5:1: keys.list.\"ctrl-k\": error: \"ctrl-k\" is the same key as \"C-k\" (line 4:1) in list; \
             this binding is ignored",
            "bad.toml:7:7: keys.lsit: error: unknown context 'lsit' — did you mean 'list'? \
             (one of: global, list, detail, filter, search, reader, help, palette, collections, prompt, history)",
            "bad.toml:12:9: theme.link: error: unknown colour or modifier 'bleu' — did you mean 'blue'? \
             (a colour name, #rrggbb, or bold dim italic underlined reversed crossed-out)",
        ]
    );
    let rendered = report.render();
    assert!(rendered.contains("2 | \"ctrl-j\" = \"dwon\"\n  |            ^\n"), "{rendered}");
    assert!(rendered.ends_with("bad.toml: 4 errors, 1 warning\n"), "{rendered}");
    // The broken parts keep their defaults; the good ones apply.
    let keys = &loaded.config.keys;
    assert_eq!(loaded.config.theme, ThemeChoice::Light);
    assert!(loaded.config.styles.is_empty(), "the bad colour is not used");
    assert_eq!(keys.keys_for(Action::Quit, Context::List).as_deref(), Some("//q"));
    assert_eq!(keys.keys_for(Action::SelectPrevious, Context::List).as_deref(), Some("Ctrl-k/k/↑"));
    assert_eq!(keys.keys_for(Action::SelectNext, Context::List).as_deref(), Some("j/↓"), "dwon bound nothing");
    assert_eq!(keys.keys_for(Action::StartFilter, Context::List), None);
}

#[test]
fn the_default_config_reads_back_as_the_built_in_defaults() {
    let text = config::default_text();
    let loaded = config::parse(&text, "default.toml");
    assert_eq!(loaded.report.problems, [], "{}", loaded.report.render());
    assert_eq!(loaded.config, Config::default());
    assert_eq!(loaded.config.keys, Keymap::default());
    // Complete: every section, setting, role and context is written.
    for piece in ["[ui]", "mouse = true", "hyperlinks = true", "reader-width = 66", "start-pane = \"overview\""] {
        assert!(text.contains(piece), "{piece}");
    }
    for piece in ["list-width = 40", "[search]", "mode = \"fuzzy\"", "[theme]", "name = \"dark\""] {
        assert!(text.contains(piece), "{piece}");
    }
    for role in Role::ALL {
        assert!(text.contains(&format!("# {} = ", role.name())), "{}", role.name());
    }
    for context in Context::ALL {
        assert!(text.contains(&format!("[keys.{}]", context.name())), "{}", context.name());
    }
    // Uncommenting the theme lines gives the dark theme's own styles.
    let uncommented: String = text
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if Role::ALL.iter().any(|r| rest.starts_with(&format!("{} = ", r.name()))) => {
                rest.split(" #").next().unwrap_or(rest).to_string()
            }
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let loaded = config::parse(&uncommented, "uncommented.toml");
    assert_eq!(loaded.report.problems, []);
    let styles = defiant::ui::Styles { monochrome: false, overrides: loaded.config.styles };
    assert_eq!(styles.palette(defiant::app::Theme::Dark), defiant::ui::Palette::colour());
}

#[test]
fn settings_bindings_and_roles_apply() {
    let text = r##"
[ui]
mouse = false
hyperlinks = false
reader-width = 72
start-pane = "quotes"
list-width = 30
[search]
mode = "exact"
[theme]
name = "auto"
link = "#1e90ff underlined"
matched = "black on light-yellow bold"
[keys.global]
"ctrl-q" = "quit"
[keys.list]
"ctrl-j" = "down"
"x" = "none"
"q" = "none"
"##;
    let loaded = config::parse(text, "good.toml");
    let notes: Vec<_> = loaded.report.problems.iter().map(|p| (p.severity, p.message.as_str())).collect();
    assert_eq!(notes, [(Severity::Note, "x is not bound in list; nothing to unbind")]);
    assert!(!loaded.report.has_problems());
    let config = loaded.config;
    assert_eq!((config.ui.mouse, config.ui.hyperlinks, config.ui.reader_width), (false, false, 72));
    assert_eq!((config.ui.start_pane, config.ui.list_width, config.exact), (Pane::Quotes, 30, true));
    assert_eq!(config.theme, ThemeChoice::Auto);
    assert_eq!(
        config.styles,
        [
            (Role::Link, Style::new().fg(Color::Rgb(0x1e, 0x90, 0xff)).add_modifier(Modifier::UNDERLINED)),
            (Role::Matched, Style::new().fg(Color::Black).bg(Color::LightYellow).add_modifier(Modifier::BOLD)),
        ]
    );
    let keys = &config.keys;
    assert_eq!(keys.keys_for(Action::SelectNext, Context::List).as_deref(), Some("Ctrl-j/j/↓"));
    assert_eq!(keys.keys_for(Action::Quit, Context::List).as_deref(), Some("Ctrl-q"));
    assert_eq!(keys.keys_for(Action::Quit, Context::Search).as_deref(), Some("Ctrl-q/Ctrl-c"));
    assert_eq!(keys.keys_for(Action::Quit, Context::Detail).as_deref(), Some("Ctrl-q/q"), "q unbound in list only");
    let _ = (ch('x'), ctrl('q'));
}

#[test]
fn wrong_types_unknown_keys_and_syntax_errors_are_all_reported() {
    let text = r#"colour = "dark"
[ui]
mouse = "yes"
reader-width = 500
start-pane = "quotse"
widht = 3
[search]
mode = "fuzy"
[theme]
name = "lihgt"
lnk = "blue"
text = 5
[keys.list]
"hyper-j" = "down"
"k" = 3
[keys]
detail = "j"
"#;
    let loaded = config::parse(text, "types.toml");
    let report = &loaded.report;
    let lines: Vec<String> = report.problems.iter().map(|p| report.format_one(p)).collect();
    let expected = [
        "types.toml:1:1: colour: error: unknown section 'colour' (one of: keys, theme, ui, search)",
        "types.toml:3:9: ui.mouse: error: expected true or false, found a string",
        "types.toml:4:16: ui.reader-width: error: expected a whole number from 24 to 120, found 500",
        "types.toml:5:14: ui.start-pane: error: unknown pane 'quotse' — did you mean 'quotes'? \
         (one of: overview, episodes, themes, people, footage, quotes, timeline)",
        "types.toml:6:1: ui.widht: error: unknown setting 'widht' \
         (one of: mouse, hyperlinks, reader-width, start-pane, list-width)",
        "types.toml:8:8: search.mode: error: unknown search mode 'fuzy' — did you mean 'fuzzy'? (fuzzy or exact)",
        "types.toml:10:8: theme.name: error: unknown theme 'lihgt' — did you mean 'light'? \
         (one of: dark, light, high-contrast, auto)",
    ];
    assert_eq!(lines[..expected.len()], expected);
    let rest = &lines[expected.len()..];
    assert!(
        rest[0].starts_with(
            "types.toml:11:1: theme.lnk: error: unknown theme setting or palette role 'lnk' — did you mean 'link'?"
        ),
        "{rest:?}"
    );
    assert_eq!(rest[1], "types.toml:12:8: theme.text: error: expected a string, found an integer");
    assert!(rest[2].starts_with("types.toml:14:1: keys.list.\"hyper-j\": error: unknown modifier `hyper`"), "{rest:?}");
    assert_eq!(rest[3], "types.toml:15:7: keys.list.\"k\": error: expected a string, found an integer");
    assert!(rest[4].starts_with("types.toml:17:10: keys.detail: error: expected a table of bindings"), "{rest:?}");
    assert_eq!(rest.len(), 5, "{rest:?}");
    assert_eq!(loaded.config, Config::default(), "nothing valid was set");

    let broken = config::parse("[ui\nmouse = true\n", "syntax.toml");
    assert!(broken.report.has_problems());
    assert!(broken.report.format_one(&broken.report.problems[0]).starts_with("syntax.toml:1:"), "{:?}", broken.report);
}

#[test]
fn hostile_text_in_a_config_is_sanitized_in_the_report() {
    let loaded = config::parse("[keys.list]\n\"\u{1b}[2J\" = \"\u{1b}]0;owned\u{7}\"\n", "evil.toml");
    let rendered = loaded.report.render();
    assert!(!rendered.contains('\u{1b}') && !rendered.contains('\u{7}'), "{rendered:?}");
    assert!(loaded.report.has_problems());
    // A single control or bidi character would otherwise be a key, and its label would
    // reach the hints and help as it is.
    for key in ["\\u001b", "\\u202e", "\\u200b", "\\u0007"] {
        let loaded = config::parse(&format!("[keys.list]\n\"{key}\" = \"quit\"\n"), "evil.toml");
        let lines: Vec<String> = loaded.report.problems.iter().map(|p| loaded.report.format_one(p)).collect();
        assert_eq!(lines.len(), 1, "{key}: {lines:?}");
        assert!(
            lines[0].ends_with("error: not a key: a control or invisible character (write ctrl-x, esc, tab, enter…)"),
            "{lines:?}"
        );
        assert_eq!(loaded.config.keys, Keymap::default(), "{key}");
    }
}

// --- the command line ---

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write config");
    path
}

#[test]
fn config_default_round_trips_through_config_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let printed = run(defiant().args(["config", "default"]));
    assert_eq!(printed.code, Some(0));
    assert_eq!(printed.stdout, config::default_text());
    let path = write(&dir, "default.toml", &printed.stdout);
    let checked = run(defiant().args(["config", "check"]).arg(&path));
    assert_eq!((checked.code, checked.stderr.as_str()), (Some(0), ""));
    assert_eq!(checked.stdout, format!("{}: ok\n", path.display()));
}

#[test]
fn config_check_exit_codes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = write(&dir, "bad.toml", FIVE_MISTAKES);
    let result = run(defiant().args(["config", "check"]).arg(&bad));
    assert_eq!(result.code, Some(2));
    assert_eq!(result.stdout, "");
    assert!(
        result.stderr.contains(":7:7: keys.lsit: error: unknown context 'lsit' — did you mean 'list'?"),
        "{}",
        result.stderr
    );
    assert!(result.stderr.ends_with(": 4 errors, 1 warning\n"), "{}", result.stderr);

    // Only a warning is still a problem; only notes are not.
    let warning = write(&dir, "warning.toml", "[keys.list]\n\"/\" = \"quit\"\n");
    assert_eq!(run(defiant().args(["config", "check"]).arg(&warning)).code, Some(2));
    let note = write(&dir, "note.toml", "[keys.list]\n\"j\" = \"quit\"\n");
    let noted = run(defiant().args(["config", "check"]).arg(&note));
    assert_eq!(noted.code, Some(0), "{}", noted.stderr);
    assert!(
        noted.stderr.contains("keys.list.\"j\": note: \"j\" = \"quit\" hides down (j) in list (down keeps ↓)"),
        "{}",
        noted.stderr
    );

    // The file comes from the argument, else --config, else DEFIANT_CONFIG.
    let by_flag = run(defiant().args(["--config"]).arg(&bad).args(["config", "check"]));
    assert_eq!(by_flag.code, Some(2));
    let by_env = run(defiant().env("DEFIANT_CONFIG", &bad).args(["config", "check"]));
    assert_eq!(by_env.code, Some(2));
    let flag_wins = run(defiant().env("DEFIANT_CONFIG", &bad).arg("--config").arg(&note).args(["config", "check"]));
    assert_eq!(flag_wins.code, Some(0), "{}", flag_wins.stderr);

    // A named file that is not there is a problem; the default location's absence is not.
    let missing = dir.path().join("missing.toml");
    let result = run(defiant().args(["config", "check"]).arg(&missing));
    assert_eq!(result.code, Some(2));
    assert_eq!(result.stderr, format!("{0}: error: no such file\n{0}: 1 error, 0 warnings\n", missing.display()));
    let home = tempfile::tempdir().expect("home");
    let result = run(defiant()
        .env_remove("DEFIANT_CONFIG")
        .env("XDG_CONFIG_HOME", home.path())
        .env("HOME", home.path())
        .args(["config", "check"]));
    assert_eq!(result.code, Some(0), "{}", result.stderr);
    assert!(
        result.stdout.ends_with("defiant/config.toml: no such file; the built-in defaults are in use\n"),
        "{}",
        result.stdout
    );
    let path = run(defiant().env_remove("DEFIANT_CONFIG").env("XDG_CONFIG_HOME", home.path()).args(["config", "path"]));
    assert_eq!(path.stdout, format!("{}\n", home.path().join("defiant").join("config.toml").display()));
}

#[test]
fn the_readme_shows_the_real_report() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let start = readme.find("$ defiant config check bad.toml\n").expect("the README's example") + 32;
    let shown = &readme[start..start + readme[start..].find("```").expect("end of the example")];
    assert_eq!(shown, config::parse(FIVE_MISTAKES, "bad.toml").report.render());
}
