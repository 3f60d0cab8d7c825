//! View-models shared by the command line and the browser: what a record, a quote or a
//! page of text says, laid out as lines of toned text. Nothing here knows about terminals,
//! widgets or the app's state; `app` builds these in `update` when their inputs change,
//! `ui` draws them, and `cli` prints the same models as plain text.

pub mod citation;
pub mod detail;
pub mod export;
pub mod overview;
pub mod reader;
pub mod record;
pub mod story;
pub mod timeline;
mod tone;
pub mod url;

pub use tone::{Spans, Tone};
