//! Visit every string in a loaded dataset, with its JSON path.
//!
//! Used once at load time to sanitize all text into its display form (see
//! [`crate::sanitize`]) and to warn about suspicious characters, naming the field. Each
//! struct lists its string-bearing fields here, and whether each is one line or prose.

use super::model::*;

pub use crate::sanitize::Flavour;

/// One step of the path to the current field; formatted only when something is reported.
#[derive(Debug, Clone, Copy)]
pub enum Step {
    Key(&'static str),
    Index(usize),
}

/// The path from the document root to the field being visited.
#[derive(Debug, Default)]
pub struct PathStack(Vec<Step>);

impl PathStack {
    pub fn render(&self) -> String {
        let mut out = String::new();
        for step in &self.0 {
            match step {
                Step::Key(key) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                }
                Step::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        if out.is_empty() { "$".to_string() } else { out }
    }

    fn with<R>(&mut self, step: Step, f: impl FnOnce(&mut Self) -> R) -> R {
        self.0.push(step);
        let result = f(self);
        self.0.pop();
        result
    }
}

/// Something holding strings. `flavour` is the field's flavour, passed down to leaves.
pub trait VisitStrings<'a> {
    fn visit<F: FnMut(&PathStack, &mut Text<'a>, Flavour)>(&mut self, flavour: Flavour, at: &mut PathStack, f: &mut F);
}

impl<'a> VisitStrings<'a> for Text<'a> {
    fn visit<F: FnMut(&PathStack, &mut Text<'a>, Flavour)>(&mut self, flavour: Flavour, at: &mut PathStack, f: &mut F) {
        f(at, self, flavour);
    }
}

impl<'a, T: VisitStrings<'a>> VisitStrings<'a> for Option<T> {
    fn visit<F: FnMut(&PathStack, &mut Text<'a>, Flavour)>(&mut self, flavour: Flavour, at: &mut PathStack, f: &mut F) {
        if let Some(inner) = self {
            inner.visit(flavour, at, f);
        }
    }
}

impl<'a, T: VisitStrings<'a>> VisitStrings<'a> for Vec<T> {
    fn visit<F: FnMut(&PathStack, &mut Text<'a>, Flavour)>(&mut self, flavour: Flavour, at: &mut PathStack, f: &mut F) {
        for (i, item) in self.iter_mut().enumerate() {
            at.with(Step::Index(i), |at| item.visit(flavour, at, f));
        }
    }
}

macro_rules! visit_ids {
    ($($id:ident),*) => {$(
        impl<'a> VisitStrings<'a> for $id<'a> {
            fn visit<F: FnMut(&PathStack, &mut Text<'a>, Flavour)>(&mut self, _: Flavour, at: &mut PathStack, f: &mut F) {
                f(at, &mut self.0, Flavour::Line);
            }
        }
    )*};
}
visit_ids!(EpisodeId, ThemeId, PersonId, FootageId, QuoteId, SourceId);

macro_rules! visit_struct {
    ($name:ident { $($field:ident : $flavour:ident),* $(,)? }) => {
        impl<'a> VisitStrings<'a> for $name<'a> {
            fn visit<F: FnMut(&PathStack, &mut Text<'a>, Flavour)>(&mut self, _: Flavour, at: &mut PathStack, f: &mut F) {
                $( at.with(Step::Key(stringify!($field)), |at| self.$field.visit(Flavour::$flavour, at, f)); )*
            }
        }
    };
}

visit_struct!(Note { text: Text, sources: Line });
visit_struct!(Fact { label: Line, value: Text, sources: Line, notes: Text });
visit_struct!(Credit { role: Line, people: Line, sources: Line });
visit_struct!(Award { name: Line, category: Line, detail: Text, sources: Line });
visit_struct!(Event { text: Text, sources: Line, people: Line, themes: Line, notes: Text });
visit_struct!(Series {
    id: Line,
    title: Line,
    network: Line,
    format: Text,
    premiere: Line,
    finale: Line,
    directors: Line,
    summary: Text,
    facts: Text,
    credits: Text,
    awards: Text,
    unplaced_events: Text,
    notes: Text,
    sources: Line,
});
visit_struct!(Episode {
    id: Line,
    title: Line,
    air_date: Line,
    air_time: Line,
    summary: Text,
    events: Text,
    sources: Line,
    notes: Text,
});
visit_struct!(Theme {
    id: Line,
    name: Line,
    description: Text,
    episodes: Line,
    people: Line,
    sources: Line,
    notes: Text
});
visit_struct!(Person {
    id: Line,
    name: Line,
    aka: Line,
    description: Text,
    episodes: Line,
    sources: Line,
    notes: Text
});
visit_struct!(Footage {
    id: Line,
    title: Line,
    artist: Line,
    description: Text,
    people: Line,
    era: Line,
    album: Line,
    episode: Line,
    context: Text,
    sources: Line,
    notes: Text,
});
visit_struct!(Variant { text: Text, source: Line });
visit_struct!(Quote {
    id: Line,
    text: Text,
    speaker: Line,
    speaker_note: Line,
    occasion: Line,
    source: Line,
    sources: Line,
    episode: Line,
    themes: Line,
    context: Text,
    variants: Text,
    notes: Text,
});
visit_struct!(Source { id: Line, title: Line, publication: Line, url: Line, note: Text });
visit_struct!(DatasetFile {
    series: Text,
    episodes: Text,
    themes: Text,
    people: Text,
    footage: Text,
    quotes: Text,
    sources: Text,
});

/// Visit every string in the file, depth first, in field order.
pub fn visit_all<'a, F: FnMut(&PathStack, &mut Text<'a>, Flavour)>(file: &mut DatasetFile<'a>, f: &mut F) {
    file.visit(Flavour::Text, &mut PathStack::default(), f);
}
