//! Decoding: from what the crawler fetched to a `str`, and whether it is
//! HTML or plain text.

use std::borrow::Cow;

use aho_corasick::AhoCorasick;
use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};
use once_cell::sync::Lazy;

/// How far into the input HTML detection and the `<meta charset>` scan look.
const SNIFF_BYTES: usize = 64 * 1024;

/// Decodes what a crawler fetched to text.
///
/// The encoding is, in order: the byte-order mark; the `charset` of
/// `content_type` (an HTTP `Content-Type` value); a `<meta charset>` or
/// `http-equiv` declaration in the first 64 KiB; else UTF-8 when the bytes
/// are valid UTF-8; else a statistical guess (`chardetng`, as Firefox does).
/// Declarations can lie, so they are checked against the bytes: a page
/// declared UTF-8 whose bytes are not is guessed instead, and a page declared
/// in a legacy encoding whose bytes are valid UTF-8 with non-ASCII
/// characters in them is UTF-8 (legacy text almost never is valid UTF-8 by
/// chance). Invalid sequences become U+FFFD; decoding never fails.
///
/// ```
/// let text = deboiler::decode(b"caf\xe9", Some("text/html; charset=ISO-8859-1"));
/// assert_eq!(text, "café");
/// ```
pub fn decode<'a>(bytes: &'a [u8], content_type: Option<&str>) -> Cow<'a, str> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom_len..]).0;
    }
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    let declared = content_type
        .and_then(|ct| charset_after(ct.as_bytes()))
        .or_else(|| meta_charset(&bytes[..bytes.len().min(SNIFF_BYTES)]))
        // A page cannot be UTF-16 without a BOM once it declared it in ASCII.
        .map(|e| {
            if e == UTF_16LE || e == UTF_16BE {
                UTF_8
            } else {
                e
            }
        });
    let encoding = match declared {
        Some(e) if e == UTF_8 && !valid_utf8 => guess(bytes),
        Some(e) if e != UTF_8 && valid_utf8 && !bytes.is_ascii() => UTF_8,
        Some(e) => e,
        None if valid_utf8 => UTF_8,
        None => guess(bytes),
    };
    encoding.decode_without_bom_handling(bytes).0
}

/// How much of an undeclared legacy page the statistical guess reads.
const GUESS_BYTES: usize = 1024 * 1024;

/// The likeliest legacy encoding of `bytes`.
fn guess(bytes: &[u8]) -> &'static Encoding {
    // We do not run scripts, so ISO-2022-JP is safe to allow.
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Allow);
    let sample = &bytes[..bytes.len().min(GUESS_BYTES)];
    detector.feed(sample, sample.len() == bytes.len());
    detector.guess(None, Utf8Detection::Deny)
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

/// How far into the input [`looks_binary`] looks.
const BINARY_SNIFF_BYTES: usize = 4096;

/// Whether `bytes` are binary data rather than text: no byte-order mark,
/// and among the first 4 KiB a NUL byte, or more than one byte in ten a
/// control character that text does not use.
///
/// ```
/// assert!(deboiler::looks_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
/// assert!(!deboiler::looks_binary("<p>Grüße</p>".as_bytes()));
/// ```
pub fn looks_binary(bytes: &[u8]) -> bool {
    if Encoding::for_bom(bytes).is_some() {
        return false;
    }
    let head = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
    let control = |b: &&u8| matches!(**b, 0..=8 | 0x0E..=0x1A | 0x1C..=0x1F);
    head.contains(&0) || head.iter().filter(control).count() * 10 > head.len()
}

/// Repairs text that was UTF-8 read as Latin-1 or Windows-1252 and saved
/// again (double-encoded, "mojibake": `Earthâ€™s` for `Earth’s`, `cafÃ©`
/// for `café`), as a crawler that guessed the wrong encoding stores it.
/// Each run of characters that, taken back to the bytes that encoding
/// gave them, is one valid UTF-8 sequence of two to four bytes becomes the
/// character it encodes; all else is left as it is (a lone `é`, `Â` before
/// a letter). Gives the text and how many characters were repaired.
///
/// ```
/// # use deboiler::repair_double_encoding;
/// let (text, repaired) = repair_double_encoding("Earthâ€™s cafÃ© and Ã¼ber");
/// assert_eq!((text.as_ref(), repaired), ("Earth’s café and über", 3));
/// assert_eq!(repair_double_encoding("Grüße, Â is a letter").1, 0);
/// ```
pub fn repair_double_encoding(text: &str) -> (Cow<'_, str>, usize) {
    let mut repaired_text = String::new();
    let mut repaired = 0;
    let mut copied_to = 0;
    // Every sequence starts with a lead byte read as one of U+00C2..=U+00F4,
    // which UTF-8 writes as 0xC3 then 0x82..=0xB4.
    for at in memchr::memchr_iter(0xC3, text.as_bytes()) {
        if at < copied_to {
            continue;
        }
        // 0xC3 only ever starts a character.
        let mut read = text[at..].chars();
        let Some((lead, length)) = read.next().and_then(misread_lead) else {
            continue;
        };
        // The lead, U+00C2..=U+00F4, is two bytes of the text.
        let (mut bytes, mut filled, mut end) = ([lead, 0, 0, 0], 1, at + 2);
        for c in read.take(length - 1) {
            match misread_byte(c) {
                Some(byte @ 0x80..=0xBF) => bytes[filled] = byte,
                _ => break,
            }
            filled += 1;
            end += c.len_utf8();
        }
        // A sequence cut short is left alone; from_utf8 refuses overlong
        // forms and surrogates.
        if filled < length {
            continue;
        }
        let Ok(character) = std::str::from_utf8(&bytes[..length]) else {
            continue;
        };
        repaired_text.push_str(&text[copied_to..at]);
        repaired_text.push_str(character);
        copied_to = end;
        repaired += 1;
    }
    if repaired == 0 {
        return (Cow::Borrowed(text), 0);
    }
    repaired_text.push_str(&text[copied_to..]);
    (Cow::Owned(repaired_text), repaired)
}

/// The lead byte of a UTF-8 sequence that Latin-1 reads as `c`, and the
/// sequence's length in bytes, when `c` is such a reading.
fn misread_lead(c: char) -> Option<(u8, usize)> {
    let length = match c {
        '\u{c2}'..='\u{df}' => 2,
        '\u{e0}'..='\u{ef}' => 3,
        '\u{f0}'..='\u{f4}' => 4,
        _ => return None,
    };
    Some((u8::try_from(u32::from(c)).ok()?, length))
}

/// The byte that Latin-1 or Windows-1252 reads as `c`, when one does.
fn misread_byte(c: char) -> Option<u8> {
    match u8::try_from(u32::from(c)) {
        Ok(byte) if byte >= 0x80 => Some(byte),
        Ok(_) => None,
        Err(_) => WINDOWS_1252_HIGH
            .iter()
            .position(|&high| high == c)
            .map(|i| 0x80 + i as u8),
    }
}

/// What Windows-1252 reads bytes 0x80..=0x9F as (`€`, `‚`, ... `Ÿ`; the
/// five it leaves undefined read as the Latin-1 control they are).
static WINDOWS_1252_HIGH: Lazy<Vec<char>> = Lazy::new(|| {
    (0x80..=0x9Fu8)
        .map(|byte| {
            let byte = [byte];
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(&byte);
            text.chars().next().unwrap_or(char::from(byte[0]))
        })
        .collect()
});

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
    fn double_encoded_utf8_is_repaired_and_real_latin_text_left_alone() {
        // Read as Latin-1 (C1 controls) and as Windows-1252 (curly quotes).
        let latin1 = "Earth\u{e2}\u{80}\u{99}s natural";
        assert_eq!(repair_double_encoding(latin1).0, "Earth’s natural");
        assert_eq!(repair_double_encoding("â€œQuotedâ€\u{9d}").0, "“Quoted”");
        assert_eq!(repair_double_encoding("emoji ðŸ˜€ here").0, "emoji 😀 here");
        assert_eq!(repair_double_encoding("a\u{c2}\u{a0}b").0, "a\u{a0}b");
        for real in [
            "Grüße aus Köln",
            "Â la carte",
            "Ã",
            "déjà vu",
            "£5 ©2025",
            "naïve café",
        ] {
            assert_eq!(repair_double_encoding(real), (Cow::Borrowed(real), 0));
        }
        // A sequence cut short stays as it is.
        assert_eq!(repair_double_encoding("â€ end").1, 0);
    }

    #[test]
    fn encodings_come_from_bom_header_meta_then_utf8() {
        let latin1 = b"<meta charset=\"iso-8859-1\"><p>m\xf6se</p>";
        assert!(decode(latin1, None).contains("möse"));
        assert!(decode(b"caf\xe9", Some("text/html; charset=windows-1252")).contains("café"));
        assert_eq!(decode("żółw".as_bytes(), None), "żółw");
        assert_eq!(decode(b"\xef\xbb\xbfhi", None), "hi");
        assert!(decode(b"caf\xe9", None).contains("café"));
        // A meta charset that lies either way.
        let lying_utf8 = b"<meta charset=utf-8><p>Gr\xfc\xdfe aus K\xf6ln und M\xfcnchen</p>";
        assert!(decode(lying_utf8, None).contains("Grüße aus Köln"));
        let lying_latin1 = "<meta charset=iso-8859-1><p>Grüße</p>".as_bytes();
        assert!(decode(lying_latin1, None).contains("Grüße"));
    }
}
