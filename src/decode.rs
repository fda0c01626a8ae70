//! Decoding: from what the crawler fetched to a `str`, and whether it is
//! HTML or plain text.

use std::borrow::Cow;

use aho_corasick::AhoCorasick;
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use once_cell::sync::Lazy;

/// How far into the input HTML detection and the `<meta charset>` scan look.
const SNIFF_BYTES: usize = 64 * 1024;

/// Decodes what a crawler fetched to text: by byte-order mark, then the
/// `charset` of `content_type` (an HTTP `Content-Type` value), then a
/// `<meta charset>` or `http-equiv` declaration near the start, then UTF-8 if
/// the bytes are valid UTF-8, else windows-1252 (what browsers assume for
/// legacy pages). Invalid sequences become U+FFFD.
///
/// ```
/// let text = deboiler::decode(b"caf\xe9", Some("text/html; charset=ISO-8859-1"));
/// assert_eq!(text, "café");
/// ```
pub fn decode<'a>(bytes: &'a [u8], content_type: Option<&str>) -> Cow<'a, str> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom_len..]).0;
    }
    let declared = content_type
        .and_then(|ct| charset_after(ct.as_bytes()))
        .or_else(|| meta_charset(&bytes[..bytes.len().min(SNIFF_BYTES)]));
    let encoding = match declared {
        // A page cannot be UTF-16 without a BOM once it declared it in ASCII.
        Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => UTF_8,
        Some(e) => e,
        None if std::str::from_utf8(bytes).is_ok() => UTF_8,
        None => WINDOWS_1252,
    };
    encoding.decode_without_bom_handling(bytes).0
}

/// The encoding named after the first `charset=` in `haystack`.
fn charset_after(haystack: &[u8]) -> Option<&'static Encoding> {
    let at = find_ascii_case_insensitive(haystack, b"charset")?;
    let rest = &haystack[at + b"charset".len()..];
    let rest = rest
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| {
            matches!(
                b,
                b'"' | b'\'' | b';' | b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r'
            )
        })
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

/// The charset that a `<meta>` tag near the start declares.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let mut from = 0;
    while let Some(at) = find_ascii_case_insensitive(&head[from..], b"<meta") {
        let start = from + at;
        let end = head[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(head.len(), |e| start + e);
        if let Some(encoding) = charset_after(&head[start..end]) {
            return Some(encoding);
        }
        from = end;
    }
    None
}

fn find_ascii_case_insensitive(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// Markup that only HTML has.
static HTML_MARKERS: Lazy<AhoCorasick> = Lazy::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([
            "<!doctype",
            "<html",
            "<head",
            "<body",
            "<div",
            "<p>",
            "<p ",
            "</p>",
            "<br",
            "<span",
            "<a href",
            "<article",
            "<section",
            "<table",
            "<li>",
            "<h1",
            "<h2",
            "<meta",
        ])
        .expect("HTML markers build")
});

/// Whether `input` is HTML rather than plain text: it starts with a tag, or
/// has common HTML markup near the start. Text that merely uses `<` and `>`
/// (`a < b > c`) is text.
pub(crate) fn looks_like_html(input: &str) -> bool {
    let trimmed = input.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let mut chars = trimmed.chars();
    if chars.next() == Some('<')
        && chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '!')
    {
        return true;
    }
    let mut end = trimmed.len().min(SNIFF_BYTES);
    while !trimmed.is_char_boundary(end) {
        end -= 1;
    }
    HTML_MARKERS.is_match(&trimmed[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_told_from_text() {
        assert!(looks_like_html("<!DOCTYPE html><p>x"));
        assert!(looks_like_html("\u{feff}  <div>x</div>"));
        assert!(looks_like_html("Some text then <p>a paragraph</p>"));
        assert!(!looks_like_html("a < b > c, and 3 <= 4"));
        assert!(!looks_like_html("Plain text.\n\nMore text."));
    }

    #[test]
    fn encodings_come_from_bom_header_meta_then_utf8() {
        let latin1 = b"<meta charset=\"iso-8859-1\"><p>m\xf6se</p>";
        assert!(decode(latin1, None).contains("möse"));
        assert!(decode(b"caf\xe9", Some("text/html; charset=windows-1252")).contains("café"));
        assert_eq!(decode("żółw".as_bytes(), None), "żółw");
        assert_eq!(decode(b"\xef\xbb\xbfhi", None), "hi");
        assert!(decode(b"caf\xe9", None).contains("café"));
    }
}
