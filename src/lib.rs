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
//! sanitize, text ← data ← search ← present ← app ← ui ← config ← tui
//!                                 cli uses data, search, present and config only
//! ```
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
pub mod search;
pub mod text;
pub mod tui;
pub mod ui;
