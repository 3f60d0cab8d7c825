//! Web addresses as they may leave the program: to the system opener, the clipboard, or a
//! terminal hyperlink (OSC 8). Only `http` and `https`; every byte outside printable ASCII,
//! and the few printable ones a URL may not hold raw, percent-encoded. So a URL from the
//! data can never carry an escape, a control character or a space into a terminal.

/// The URL ready to hand out, or `None` when it is not an `http(s)` address with a host.
pub fn checked(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let lower = raw.get(..8).unwrap_or(raw).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &raw[8..]
    } else if lower.starts_with("http://") {
        &raw[7..]
    } else {
        return None;
    };
    if rest.is_empty() || rest.starts_with('/') {
        return None;
    }
    let mut out = String::with_capacity(raw.len());
    out.push_str(&lower[..raw.len() - rest.len()]);
    let bytes = rest.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let escaped_percent = b == b'%' && bytes.get(i + 1..i + 3).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
        if escaped_percent
            || (b.is_ascii_graphic()
                && !matches!(b, b'"' | b'<' | b'>' | b'\\' | b'^' | b'`' | b'{' | b'|' | b'}' | b'%'))
        {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_pass_and_nothing_else_does() {
        assert_eq!(checked(" https://example.com/a?b=c#d ").as_deref(), Some("https://example.com/a?b=c#d"));
        assert_eq!(checked("HTTP://Example.com/").as_deref(), Some("http://Example.com/"));
        assert_eq!(checked("javascript:alert(1)"), None);
        assert_eq!(checked("file:///etc/passwd"), None);
        assert_eq!(checked("https://"), None);
        assert_eq!(checked("https:///path"), None);
    }

    #[test]
    fn controls_spaces_and_unicode_are_percent_encoded() {
        let url = checked("https://ex.com/a b\u{1b}]8;;x\u{7}ü%zz%41").unwrap_or_default();
        assert_eq!(url, "https://ex.com/a%20b%1B]8;;x%07%C3%BC%25zz%41");
        assert!(url.bytes().all(|b| b.is_ascii_graphic()));
    }
}
