//! The dataset schema as serde types.
//!
//! These files *are* the schema: the README's "Dataset schema" section describes the same
//! shapes. This one holds the file as a whole and how strings borrow; `ids` the typed
//! ids, `series` the series and what records share (notes, events), `records` the six
//! record kinds, `vocab` the closed vocabularies. Every struct denies unknown fields so a typo (`titel`) is an error, not a
//! silently ignored key. References between records are typed ids (`PersonId`, …) so a
//! quote's speaker can only ever be looked up among people.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

mod ids;
mod records;
mod series;
mod vocab;

pub use ids::*;
pub use records::*;
pub use series::*;
pub use vocab::*;

/// A string field: borrowed from the file's bytes when the JSON string has no escapes (the
/// common case, so loading allocates almost nothing per string), owned when it had escapes
/// or was changed by sanitizing.
///
/// Fields are declared as `Cow<'a, str>`, not as this alias: serde's derive borrows only a
/// field it can see is a `Cow<str>` (it matches the written type), and would copy every
/// string otherwise. `Option` and `Vec` fields borrow through [`borrowed`].
pub type Text<'a> = Cow<'a, str>;

/// Borrowing deserializers for `Option<Cow<str>>` and `Vec<Cow<str>>`, which serde's derive
/// would otherwise always copy.
mod borrowed {
    use std::borrow::Cow;

    use serde::{Deserialize, Deserializer};

    #[derive(Deserialize)]
    #[serde(transparent)]
    struct Borrowed<'a>(#[serde(borrow)] Cow<'a, str>);

    pub fn optional<'de: 'a, 'a, D: Deserializer<'de>>(d: D) -> Result<Option<Cow<'a, str>>, D::Error> {
        Ok(Option::<Borrowed<'a>>::deserialize(d)?.map(|b| b.0))
    }

    pub fn list<'de: 'a, 'a, D: Deserializer<'de>>(d: D) -> Result<Vec<Cow<'a, str>>, D::Error> {
        Ok(Vec::<Borrowed<'a>>::deserialize(d)?.into_iter().map(|b| b.0).collect())
    }
}

/// The whole file: one series and six record collections.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetFile<'a> {
    /// Schema version; this build reads version 1.
    pub schema_version: u32,
    #[serde(borrow)]
    pub series: Series<'a>,
    #[serde(borrow)]
    pub episodes: Vec<Episode<'a>>,
    #[serde(borrow)]
    pub themes: Vec<Theme<'a>>,
    #[serde(borrow)]
    pub people: Vec<Person<'a>>,
    #[serde(borrow)]
    pub footage: Vec<Footage<'a>>,
    #[serde(borrow)]
    pub quotes: Vec<Quote<'a>>,
    #[serde(borrow)]
    pub sources: Vec<Source<'a>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[allow(clippy::ptr_arg, reason = "the point is to look at the Cow, not the str")]
    fn is_borrowed(text: &Cow<'_, str>) -> bool {
        matches!(text, Cow::Borrowed(_))
    }

    /// Loading speed depends on strings borrowing from the file; a field type serde's derive
    /// does not recognise as `Cow<str>` (an alias, an `Option`) silently copies instead.
    #[test]
    fn unescaped_strings_of_every_shape_borrow_from_the_input() {
        let json = r#"{"id": "p1", "name": "Ann", "aka": ["A"], "roles": ["subject"], "description": "d",
            "episodes": ["e1"], "sources": ["s1"], "notes": [{"kind": "caveat", "text": "n", "sources": ["s1"]}]}"#;
        let person: Person = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}"));
        assert!(is_borrowed(&person.id.0) && is_borrowed(&person.name) && is_borrowed(&person.description));
        assert!(person.aka.iter().all(is_borrowed) && is_borrowed(&person.episodes[0].0));
        assert!(is_borrowed(&person.sources[0].0) && is_borrowed(&person.notes[0].text));
        let json = r#"{"id": "s1", "title": "T", "publication": "P", "url": "u", "note": "n"}"#;
        let source: Source = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}"));
        assert!(source.note.as_ref().is_some_and(is_borrowed));
        // An escape needs unescaping, so that string is owned.
        let json = json.replace("\"T\"", r#""T\n""#);
        let escaped: Source = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
        assert!(!is_borrowed(&escaped.title) && escaped.title == "T\n");
    }
}
