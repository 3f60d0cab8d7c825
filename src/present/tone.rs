//! What a piece of text is, for whoever draws it to style. One palette maps each tone to
//! a style (`ui::Palette::tone`), so the detail, the reader and the help cannot disagree.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Title,
    Id,
    Label,
    Text,
    Dim,
    Heading,
    Link,
    LinkKind,
    /// A key name, in help and hints.
    Key,
    /// Characters matched by the search the text was found with.
    Match,
}

/// One line of text as runs of the same tone.
pub type Spans = Vec<(Tone, String)>;
