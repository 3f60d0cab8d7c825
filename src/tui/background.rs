//! `theme = "auto"`: dark or light from the terminal's background colour (OSC 11, through
//! terminal-colorsaurus), asked once before the screen opens. A terminal that does not
//! answer costs at most [`TIMEOUT`], and the answer is then dark.

use std::time::Duration;

use crate::app::Theme;

/// How long to wait for the terminal's answer. A local terminal answers in well under a
/// millisecond, and most that do not support the query say so at once (colorsaurus also
/// asks for the device attributes, which nearly every terminal answers).
pub const TIMEOUT: Duration = Duration::from_millis(100);

pub fn theme() -> Theme {
    let mut options = terminal_colorsaurus::QueryOptions::default();
    options.timeout = TIMEOUT;
    match terminal_colorsaurus::theme_mode(options) {
        Ok(terminal_colorsaurus::ThemeMode::Light) => Theme::Light,
        _ => Theme::Dark,
    }
}
