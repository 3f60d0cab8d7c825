//! How ids are shown in messages: whole when short, shortened when long (a 4 KiB id in a
//! message buries it), never changed otherwise.

/// Ids longer than this (in characters) are shortened in messages.
const SHOWN_ID_CHARS: usize = 64;

/// An id as a message shows it: shortened with `…` and its length when long.
pub fn shown_id(id: &str) -> String {
    match id.char_indices().nth(SHOWN_ID_CHARS) {
        None => id.to_string(),
        Some((end, _)) => format!("{}… ({} bytes)", &id[..end], id.len()),
    }
}
