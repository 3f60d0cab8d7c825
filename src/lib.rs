//! `defiant`: a keyboard-driven terminal browser for a documentary's companion data.
//!
//! Data flow, one way only:
//!
//! ```text
//! assets/*.json or --data FILE
//!     └─ data::load ── parse → sanitize every string → index → validate ──▶ Dataset
//!                                                                          │
//!     cli::run (search | show | list | validate | quote)  ◀────────────────┤
//!     tui: terminal event → keymap → Action → App::update → ui::view(&App) ┘
//! ```
//!
//! Every string is sanitized once, at load ([`sanitize`]), so nothing that reaches a
//! terminal — in the TUI or on the command line — can carry an escape sequence from data.

pub mod app;
pub mod citation;
pub mod cli;
pub mod data;
pub mod record_view;
pub mod sanitize;
pub mod search;
pub mod text;
pub mod tui;
pub mod ui;
