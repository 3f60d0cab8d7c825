//! `defiant`: a keyboard-driven terminal browser for a documentary's companion data.
//!
//! Data flow, one way only:
//!
//! ```text
//! assets/*.json or --data FILE
//!     └─ data::load ── parse → sanitize every string → index → validate ──▶ Dataset
//!                                                                          │
//!     cli::run (search | show | list | validate | quote)  ◀────────────────┤
//!     tui: terminal event → keymap → Action → App::update → Effects        │
//!          └─ ui::view(&App) draws the view-models update built  ◀─────────┘
//! ```
//!
//! Dependencies point one way (checked by `tests/architecture.rs`):
//!
//! ```text
//! sanitize, text ← data ← saved ← search ← present ← app ← ui ← config ← tui
//!                          saved ← store (SQLite; used by tui and cli only)
//!                                 cli uses data, saved, search, present, config and store only
//! ```
//!
//! - [`saved`] is what a user keeps across runs (collections, history, the last session) as
//!   plain values and edits; [`store`] keeps them in SQLite. The app holds a copy and emits
//!   each edit as an effect; the run loop hands it to the store's writer thread.
//!
//! - [`present`] holds the view-models the command line and the browser share (a record's
//!   fields, a detail page, the reader's page, citations) as lines of toned text.
//! - [`app`] is the browser's state and its one mutation point; it knows geometry
//!   (`ratatui::layout`) and key events, never widgets.
//! - [`config`] reads the config file into a key table, styles and start-up settings,
//!   with every problem at `file:line:col`; the browser and `defiant config` use it.
//! - [`ui`] only draws `&App`; [`tui`] owns the terminal and runs the effects `update` returns.
//!
//! Every string is sanitized once, at load ([`sanitize`]), so nothing that reaches a
//! terminal — in the TUI or on the command line — can carry an escape sequence from data.

pub mod app;
pub mod cli;
pub mod config;
pub mod data;
pub mod present;
pub mod sanitize;
pub mod saved;
pub mod search;
pub mod store;
pub mod text;
pub mod tui;
pub mod ui;
