//! `Ctrl-o`: the records visited, in this run and the ones before, newest first, with the
//! time of each visit; typing filters them (every word must appear in the label or the
//! `kind:id`). Enter jumps there as a new visit; the back/forward stack is not touched.

use tui_input::Input;

use super::super::browse::Motion;
use super::super::{Action, Cursor};
use crate::data::Dataset;
use crate::saved::{Key, Saved};

#[derive(Debug, Clone, Default)]
pub struct Trail {
    editor: Input,
    /// Indices into `Saved::visits` that match, newest first.
    rows: Vec<usize>,
    pub cursor: Cursor,
}

pub enum Outcome {
    Stay,
    Jump(Key),
    Close,
}

impl Trail {
    pub fn new(data: &Dataset, saved: &Saved) -> Self {
        let mut trail = Trail::default();
        trail.refilter(data, saved);
        trail
    }

    pub fn filter(&self) -> &str {
        self.editor.value()
    }

    pub fn cursor_column(&self) -> usize {
        self.editor.visual_cursor()
    }

    /// The visits shown, newest first, as indices into `Saved::visits`.
    pub fn rows(&self) -> &[usize] {
        &self.rows
    }

    fn refilter(&mut self, data: &Dataset, saved: &Saved) {
        let words: Vec<String> = self.editor.value().split_whitespace().map(str::to_lowercase).collect();
        self.rows = (0..saved.visits.len())
            .rev()
            .filter(|&i| {
                if words.is_empty() {
                    return true;
                }
                let key = &saved.visits[i].key;
                let text = format!("{} {key}", crate::present::export::label(data, key)).to_lowercase();
                words.iter().all(|w| text.contains(w.as_str()))
            })
            .collect();
        self.cursor = Cursor::default();
    }

    pub fn update(&mut self, data: &Dataset, saved: &Saved, action: Action, rows: usize) -> Outcome {
        let len = self.rows.len();
        let request = match action {
            Action::Open => {
                return match self.rows.get(self.cursor.selected) {
                    Some(&i) => Outcome::Jump(saved.visits[i].key.clone()),
                    None => Outcome::Stay,
                };
            }
            Action::Cancel => return Outcome::Close,
            Action::SelectNext => return self.go(Motion::By(1), len, rows),
            Action::SelectPrevious => return self.go(Motion::By(-1), len, rows),
            Action::PageDown => return self.go(Motion::By(rows as isize), len, rows),
            Action::PageUp => return self.go(Motion::By(-(rows as isize)), len, rows),
            action => match crate::app::picker::line_edit(action) {
                Some(request) => request,
                None => return Outcome::Stay,
            },
        };
        if self.editor.handle(request).is_some_and(|change| change.value) {
            self.refilter(data, saved);
        }
        Outcome::Stay
    }

    fn go(&mut self, motion: Motion, len: usize, rows: usize) -> Outcome {
        self.cursor.move_by(motion.delta(len), len, rows);
        Outcome::Stay
    }

    pub fn keep_visible(&mut self, rows: usize) {
        self.cursor.keep_visible(self.rows.len(), rows);
    }
}

/// `YYYY-MM-DD HH:MM` (UTC) for Unix seconds.
pub fn time_label(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rest = secs.rem_euclid(86_400);
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02} {:02}:{:02}", rest / 3600, rest % 3600 / 60)
}

#[cfg(test)]
mod tests {
    #[test]
    fn times_are_utc_dates() {
        assert_eq!(super::time_label(0), "1970-01-01 00:00");
        assert_eq!(super::time_label(1_764_610_200), "2025-12-01 17:30");
        assert_eq!(super::time_label(951_782_400), "2000-02-29 00:00");
    }
}
