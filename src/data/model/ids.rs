//! Typed ids: a reference can only be looked up among records of its own kind (a quote's
//! speaker among people), and `data::schema` reads each id type's kind from here.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name<'a>(#[serde(borrow)] pub Cow<'a, str>);

        impl $name<'_> {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}

id_type!(
    /// Id of an episode, e.g. `part-3`.
    EpisodeId,
    /// Id of a theme, e.g. `american-dream`.
    ThemeId,
    /// Id of a person, e.g. `dr-dre`.
    PersonId,
    /// Id of an archival footage session, e.g. `jj-fad-session`.
    FootageId,
    /// Id of a quote, e.g. `q01`.
    QuoteId,
    /// Id of a source, e.g. `seed`.
    SourceId,
    /// Id of an event, e.g. `part-3/e04` (written in the data, or made from its place).
    EventId,
);
