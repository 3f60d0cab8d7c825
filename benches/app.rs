//! The browser's own cost per message and per frame, beside the search engine's
//! (benches/search.rs): a key through `App::update` with its effects run inline, and one
//! frame drawn to a `TestBackend`.
//!
//! ```text
//! cargo bench --bench app
//! ```

#[path = "../examples/synth/generate.rs"]
mod generate;

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use defiant::app::{Action, App, Effect, Effects, Internal, Message};
use defiant::data::{Dataset, load};
use defiant::ui::{self, Palette};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn app_on(data: Dataset<'static>) -> App {
    let mut app = App::new(Arc::new(data));
    let _ = app.update(Internal::Resized { width: 120, height: 40 });
    app
}

/// Run effects as the run loop would, with the search inline.
fn execute(app: &mut App, effects: Effects) {
    for effect in effects {
        if let Effect::Search { generation, query } = effect {
            let hits = Arc::new(app.index().search(&query));
            let more = app.update(Internal::SearchFinished { generation, hits, done: true });
            execute(app, more);
        }
    }
}

fn send(app: &mut App, action: Action) {
    let effects = app.update(action);
    execute(app, effects);
}

fn bundled() -> Dataset<'static> {
    Dataset::bundled().expect("the bundled dataset loads").dataset
}

/// One frame of each main screen at 120×40.
fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame/bundled/120x40");
    group.sample_size(50).measurement_time(Duration::from_secs(2)).warm_up_time(Duration::from_millis(500));
    let palette = Palette::colour();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    let screens: [(&str, &[Action]); 3] = [
        ("list", &[]),
        ("detail", &[Action::ShowPane(defiant::app::Pane::People), Action::Open]),
        ("search", &[Action::StartGlobalSearch, Action::InsertChar('d'), Action::InsertChar('r')]),
    ];
    for (name, actions) in screens {
        let mut app = app_on(bundled());
        for &action in actions {
            send(&mut app, action);
        }
        group.bench_function(name, |b| b.iter(|| terminal.draw(|f| ui::view(f, black_box(&app), &palette)).is_ok()));
    }
    group.finish();
}

/// Keys through update: a list step, and a search keystroke with its search run inline
/// (typing a letter and deleting it again: two keystrokes, two searches).
fn keys(c: &mut Criterion, label: &str, data: Dataset<'static>, query: &str) {
    let mut group = c.benchmark_group(format!("update/{label}"));
    group.sample_size(20).measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_millis(500));
    let mut app = app_on(data);
    group.bench_function("list_j_k", |b| {
        b.iter(|| {
            send(&mut app, Action::SelectNext);
            send(&mut app, Action::SelectPrevious);
        })
    });
    // The same step as key events, resolved through the key table in force (#13).
    group.bench_function("list_j_k_as_keys", |b| {
        b.iter(|| {
            for code in [KeyCode::Char('j'), KeyCode::Char('k')] {
                let effects = app.update(Message::Key(KeyEvent::new(code, KeyModifiers::NONE)));
                execute(&mut app, effects);
            }
        })
    });
    send(&mut app, Action::StartGlobalSearch);
    for c in query.chars() {
        send(&mut app, Action::InsertChar(c));
    }
    group.bench_function(format!("type_and_delete_{query}"), |b| {
        b.iter(|| {
            send(&mut app, Action::InsertChar('s'));
            send(&mut app, Action::DeleteCharBefore);
        })
    });
    group.finish();
}

fn keys_bundled(c: &mut Criterion) {
    keys(c, "bundled", bundled(), "dre");
}

fn keys_100k(c: &mut Criterion) {
    let bytes = generate::dataset_bytes(100_000, 42).leak();
    let data = load::from_bytes("synthetic", bytes).expect("the generator writes a valid dataset").dataset;
    keys(c, "100k", data, "kindnes");
}

criterion_group!(benches, frame, keys_bundled, keys_100k);
criterion_main!(benches);
