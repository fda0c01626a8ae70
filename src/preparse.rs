//! The pass before parsing: one linear scan of the markup that guards the
//! parser against deep nesting and spares it the text of scripts and styles.
//!
//! html5ever has no cap on nesting depth, and its tree builder is quadratic
//! in it (measured here: 32,000 nested `<div>`s take 1.5 s to parse, 32,000
//! `<ul><li>` 6 s). Browsers cap nesting at 512. The pass estimates how deep
//! every start tag nests and drops the start and end tags that would nest
//! deeper than the limit; the text inside them stays. The estimate follows
//! what a parser does where it matters: void elements and self-closed tags
//! do not nest, the text of `<script>`, `<style>`, `<textarea>` and `<title>`
//! is not markup, and a `<li>`, `<p>`, `<td>`, `<tr>`, `<dd>`, `<option>`, ...
//! closes an open element of its kind (looked for near the top only, so
//! that the pass stays linear).
//!
//! The pass also measures how much the page holds inside `<noscript>`,
//! which decides how it is parsed.
//!
//! Scripts and styles are about two fifths of a typical page's bytes, and
//! inline SVG drawings (icons, logos) a twelfth; none of it is content.
//! Script and style text is replaced by a short note of its length before
//! parsing (the parser would otherwise step through every byte of it),
//! except JSON-LD, which says what the page is. The note stays in the page
//! as the script's text, so the removal record of every script says how
//! much was left out. A drawing without text of its own (no `<title>`, no
//! `<text>`) is left out whole: it has no words to record. Long values of
//! attributes no stage reads (`srcset`, `data-...` state, `on...` handlers,
//! path data) are emptied, the attribute itself staying: on pages that
//! keep their state in the markup they are a tenth of what is parsed.

use std::borrow::Cow;
use std::ops::Range;

use memchr::{memchr, memchr3};

use crate::vocabulary::tags::{
    RAW_TEXT_ELEMENTS, SCRIPT_ELEMENTS, SVG_ELEMENTS, VOID_ELEMENTS, is_unread_attribute,
};
use crate::vocabulary::words::name_hash as hash;

/// How far down the stack an end tag, or a start tag that closes its own
/// kind, looks for its element. Bounded, so the pass stays linear.
const LOOKBACK: usize = 16;

/// What the pass did to a page.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Prepared {
    /// Start and end tags dropped for nesting too deep.
    pub dropped_tags: usize,
    /// Bytes of script and style text left out.
    pub left_out_bytes: usize,
    /// Bytes inside `<noscript>` elements.
    pub noscript_bytes: usize,
    /// Bytes of attribute values emptied.
    pub emptied_value_bytes: usize,
}

impl Prepared {
    /// Whether the page's `<noscript>` elements hold more than a tracking
    /// pixel or an "enable JavaScript" note: then they are markup to parse
    /// (the text a script-rendered site gives crawlers).
    pub fn noscript_holds_markup(&self) -> bool {
        self.noscript_bytes >= NOSCRIPT_MARKUP_BYTES
    }
}

/// From how many bytes inside `<noscript>` elements they hold markup.
const NOSCRIPT_MARKUP_BYTES: usize = 2048;

/// Script and style text, or an inline SVG drawing, shorter than this is
/// left as it is.
const LEAVE_OUT_BYTES: usize = 64;

/// An attribute value shorter than this is left as it is.
const LONG_VALUE_BYTES: usize = 128;

/// `html` with the tags that nest deeper than `max_depth` removed, the
/// text of scripts and styles (JSON-LD aside) replaced by a note, and the
/// long values of attributes never read emptied.
pub(crate) fn prepare(html: &str, max_depth: usize) -> (Cow<'_, str>, Prepared) {
    let mut stack: Vec<(u64, bool)> = Vec::new();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut report = Prepared::default();
    // Replaces `html[from..to]` with `with` in the output.
    let splice =
        |out: &mut Option<String>, copied: &mut usize, from: usize, to: usize, with: &str| {
            let out = out.get_or_insert_with(|| String::with_capacity(html.len()));
            out.push_str(&html[*copied..from]);
            out.push_str(with);
            *copied = to;
        };
    let mut at = 0;
    // Every position `at` takes is just past an ASCII byte, so slicing is safe.
    while let Some(offset) = memchr(b'<', &html.as_bytes()[at..]) {
        let start = at + offset;
        let tag = Tag::read(html, start);
        at = tag.end.max(start + 1);
        let Some(name) = tag.name else {
            continue;
        };
        if tag.closing {
            let from = stack.len().saturating_sub(LOOKBACK);
            if let Some(found) = stack[from..].iter().rposition(|e| e.0 == name) {
                let dropped = stack[from + found].1;
                stack.truncate(from + found);
                if dropped {
                    splice(&mut out, &mut copied, start, tag.end, "");
                    report.dropped_tags += 1;
                }
            }
            continue;
        }
        if name == NOSCRIPT {
            // Measured, not skipped: its text may be markup.
            report.noscript_bytes += end_of_raw_text(html, tag.end, "noscript") - tag.end;
        }
        if name == SVG && !tag.self_closing {
            // An inline drawing: its paths and shapes (and their titles) are
            // never content, and on many pages more bytes than the text.
            if let Some(end) = end_of_textless_drawing(html, tag.end) {
                let drawing_bytes = end - tag.end;
                if drawing_bytes >= LEAVE_OUT_BYTES {
                    splice(&mut out, &mut copied, tag.end, end, "");
                    report.left_out_bytes += drawing_bytes;
                    at = end;
                    continue;
                }
            }
        }
        if let Some(raw) = raw_text_name(name) {
            at = end_of_raw_text(html, tag.end, raw);
            let text_bytes = at - tag.end;
            let never_content = SCRIPT_ELEMENTS.contains(&raw);
            if never_content && text_bytes >= LEAVE_OUT_BYTES && !is_json_ld(&html[start..tag.end])
            {
                let note = format!("/* {text_bytes} bytes of {raw} left out before parsing */");
                splice(&mut out, &mut copied, tag.end, at, &note);
                report.left_out_bytes += text_bytes;
            }
            continue;
        }
        // The tag stays (a tag dropped for its depth goes whole, below).
        let mut empty_long_values = |out: &mut Option<String>, copied: &mut usize| {
            if tag.end - start >= LONG_VALUE_BYTES {
                unread_long_values(html, start, tag.end, |value| {
                    report.emptied_value_bytes += value.len();
                    splice(out, copied, value.start, value.end, "");
                });
            }
        };
        if tag.self_closing || is_void(name) {
            empty_long_values(&mut out, &mut copied);
            continue;
        }
        let mut kind = name;
        if let Some((own_kind, scope)) = closes_own_kind(name) {
            kind = own_kind;
            // The nearest open element of its kind, not past its scope.
            let from = stack.len().saturating_sub(LOOKBACK);
            for i in (from..stack.len()).rev() {
                if stack[i].0 == kind {
                    stack.truncate(i);
                    break;
                }
                if scope.contains(&stack[i].0) {
                    break;
                }
            }
        }
        let dropped = stack.len() >= max_depth;
        if dropped {
            splice(&mut out, &mut copied, start, tag.end, "");
            report.dropped_tags += 1;
        } else {
            empty_long_values(&mut out, &mut copied);
        }
        stack.push((kind, dropped));
    }
    match out {
        None => (Cow::Borrowed(html), report),
        Some(mut out) => {
            out.push_str(&html[copied..]);
            (Cow::Owned(out), report)
        }
    }
}

const NOSCRIPT: u64 = hash(b"noscript");
const SVG: u64 = hash(b"svg");

/// The name of an element whose text is not markup
/// ([`RAW_TEXT_ELEMENTS`]), from its name's hash.
fn raw_text_name(name: u64) -> Option<&'static str> {
    const HASHES: [u64; RAW_TEXT_ELEMENTS.len()] = hash_all(&RAW_TEXT_ELEMENTS);
    let at = HASHES.iter().position(|&h| h == name)?;
    Some(RAW_TEXT_ELEMENTS[at])
}

/// Whether an element has no end tag ([`VOID_ELEMENTS`]), from its name's hash.
fn is_void(name: u64) -> bool {
    const HASHES: [u64; VOID_ELEMENTS.len()] = hash_all(&VOID_ELEMENTS);
    HASHES.contains(&name)
}

/// The hashes of `names`, at compile time.
const fn hash_all<const N: usize>(names: &[&str; N]) -> [u64; N] {
    let mut hashes = [0; N];
    let mut i = 0;
    while i < N {
        hashes[i] = hash(names[i].as_bytes());
        i += 1;
    }
    hashes
}

/// For tags whose start closes an open element of the same kind: that
/// kind, and the elements that bound its scope (a `<li>` closes a `<li>` of
/// its own list, not of the list around it); all as name hashes.
fn closes_own_kind(name: u64) -> Option<(u64, &'static [u64])> {
    const LI: u64 = hash(b"li");
    const DT: u64 = hash(b"dt");
    const DD: u64 = hash(b"dd");
    const TD: u64 = hash(b"td");
    const TH: u64 = hash(b"th");
    const TR: u64 = hash(b"tr");
    const THEAD: u64 = hash(b"thead");
    const TBODY: u64 = hash(b"tbody");
    const TFOOT: u64 = hash(b"tfoot");
    const P: u64 = hash(b"p");
    const OPTION: u64 = hash(b"option");
    const OPTGROUP: u64 = hash(b"optgroup");
    const UL: u64 = hash(b"ul");
    const OL: u64 = hash(b"ol");
    const MENU: u64 = hash(b"menu");
    const DL: u64 = hash(b"dl");
    const TABLE: u64 = hash(b"table");
    const BUTTON: u64 = hash(b"button");
    const SELECT: u64 = hash(b"select");
    Some(match name {
        LI => (LI, &[UL, OL, MENU]),
        DT | DD => (DD, &[DL]),
        TD | TH => (TD, &[TR, TABLE]),
        TR => (TR, &[TABLE]),
        THEAD | TBODY | TFOOT => (TBODY, &[TABLE]),
        P => (P, &[TABLE, TD, TH, BUTTON]),
        OPTION => (OPTION, &[SELECT, OPTGROUP]),
        OPTGROUP => (OPTGROUP, &[SELECT]),
        _ => return None,
    })
}

/// Whether a `<script ...>` start tag says its text is JSON-LD.
fn is_json_ld(start_tag: &str) -> bool {
    start_tag
        .as_bytes()
        .windows(b"ld+json".len())
        .any(|w| w.eq_ignore_ascii_case(b"ld+json"))
}

/// Where the text of a raw-text element that starts at `from` ends: at its
/// end tag, or at the end of the input.
fn end_of_raw_text(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(offset) = memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        let after = &bytes[start + 1..];
        if after.len() > name.len()
            && after[0] == b'/'
            && after[1..=name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            return start;
        }
        at = start + 1;
    }
    html.len()
}

/// Where the drawing of an `<svg>` whose start tag ends at `from` ends: at
/// its own `</svg>`, when every tag before that is one of a drawing
/// ([`SVG_ELEMENTS`]) and there is no text between them (no `<title>` or
/// `<text>` of its own, so leaving it out leaves out no words). `None`
/// otherwise: HTML inside an `<svg>` (an end tag it forgot, a `<p>`) ends it
/// early in a parser, and the HTML after it is the page.
fn end_of_textless_drawing(html: &str, from: usize) -> Option<usize> {
    const HASHES: [u64; SVG_ELEMENTS.len()] = hash_all(&SVG_ELEMENTS);
    let bytes = html.as_bytes();
    let (mut at, mut open_drawings) = (from, 1usize);
    while let Some(offset) = memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        if !bytes[at..start].iter().all(u8::is_ascii_whitespace) {
            return None;
        }
        let tag = Tag::read(html, start);
        at = tag.end.max(start + 1);
        let Some(name) = tag.name else {
            continue;
        };
        if !HASHES.contains(&name) {
            return None;
        }
        if name == SVG && !tag.self_closing {
            match tag.closing {
                true if open_drawings == 1 => return Some(start),
                true => open_drawings -= 1,
                false => open_drawings += 1,
            }
        }
    }
    None
}

/// One `<...>` of the input, as much as the guard needs of it.
struct Tag {
    /// Hash of the lowercased name; `None` for comments, doctypes and a `<`
    /// that starts no tag.
    name: Option<u64>,
    closing: bool,
    self_closing: bool,
    /// Just past the tag's `>` (or the end of the input).
    end: usize,
}

impl Tag {
    fn read(html: &str, start: usize) -> Tag {
        let bytes = html.as_bytes();
        let mut tag = Tag {
            name: None,
            closing: false,
            self_closing: false,
            end: start + 1,
        };
        let rest = &bytes[start + 1..];
        if rest.starts_with(b"!--") {
            tag.end = find(html, start + 4, "-->").map_or(bytes.len(), |e| e + 3);
            return tag;
        }
        if rest.starts_with(b"!") || rest.starts_with(b"?") {
            tag.end = find(html, start + 1, ">").map_or(bytes.len(), |e| e + 1);
            return tag;
        }
        let mut at = start + 1;
        if bytes.get(at) == Some(&b'/') {
            tag.closing = true;
            at += 1;
        }
        if !bytes.get(at).is_some_and(u8::is_ascii_alphabetic) {
            return tag;
        }
        let name_start = at;
        while bytes
            .get(at)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b':')
        {
            at += 1;
        }
        tag.name = Some(hash(&bytes[name_start..at]));
        let name_end = at;
        // The end of the tag: the first `>` outside a quoted attribute value.
        at = bytes.len();
        let mut from = name_end;
        while let Some(offset) = memchr3(b'>', b'"', b'\'', &bytes[from..]) {
            let found = from + offset;
            if bytes[found] == b'>' {
                at = found;
                break;
            }
            let quote = bytes[found];
            match memchr(quote, &bytes[found + 1..]) {
                Some(close) => from = found + 1 + close + 1,
                None => break,
            }
        }
        tag.self_closing = at > name_end && bytes[at - 1] == b'/';
        tag.end = (at + 1).min(bytes.len());
        tag
    }
}

/// Calls `each` with the range of every quoted value of at least
/// [`LONG_VALUE_BYTES`] that an attribute no stage reads
/// ([`is_unread_attribute`]) has, in order, in the start tag
/// `html[start..end]`.
fn unread_long_values(html: &str, start: usize, end: usize, mut each: impl FnMut(Range<usize>)) {
    let bytes = &html.as_bytes()[..end];
    let is_name_byte = |b: u8| !(b.is_ascii_whitespace() || matches!(b, b'=' | b'>' | b'/'));
    // Past `<` and the tag's name.
    let mut at = start + 1;
    while at < end && is_name_byte(bytes[at]) {
        at += 1;
    }
    loop {
        while at < end && !is_name_byte(bytes[at]) && bytes[at] != b'=' {
            at += 1;
        }
        let name_start = at;
        while at < end && is_name_byte(bytes[at]) {
            at += 1;
        }
        if at >= end {
            return;
        }
        let name = &bytes[name_start..at];
        while at < end && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        if bytes.get(at) != Some(&b'=') {
            continue;
        }
        at += 1;
        while at < end && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        match bytes.get(at) {
            Some(&quote) if quote == b'"' || quote == b'\'' => {
                let Some(close) = memchr(quote, &bytes[at + 1..]) else {
                    return;
                };
                let value = at + 1..at + 1 + close;
                if value.len() >= LONG_VALUE_BYTES && is_unread_attribute(name) {
                    each(value.clone());
                }
                at = value.end + 1;
            }
            // An unquoted value: up to the next space.
            _ => {
                while at < end && !bytes[at].is_ascii_whitespace() && bytes[at] != b'>' {
                    at += 1;
                }
            }
        }
    }
}

/// Where `needle` is in `html` from byte `from` (which may be past the end).
fn find(html: &str, from: usize, needle: &str) -> Option<usize> {
    html.get(from..)?.find(needle).map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_and_style_text_is_left_out_with_a_note_but_json_ld_stays() {
        let code = "var tracking = true; ".repeat(10);
        let style =
            "body { color: red; margin: 0; padding: 0; font-size: 16px; line-height: 1.5; }";
        let json = r#"{"@type": "QAPage", "name": "A question that is long enough to count"}"#;
        let html = format!(
            "<head><style>{style}</style>\
             <script type=\"application/ld+json\">{json}</script></head>\
             <body><p>Text</p><SCRIPT>{code}</SCRIPT><script>short()</script></body>"
        );
        let (out, report) = prepare(&html, 512);
        assert!(out.contains(json));
        assert!(out.contains("<script>short()</script>"));
        assert!(!out.contains("tracking") && !out.contains("color: red"));
        assert!(out.contains(&format!(
            "/* {} bytes of script left out before parsing */",
            code.len()
        )));
        assert_eq!(report.left_out_bytes, code.len() + style.len());
        assert_eq!(report.dropped_tags, 0);
        // An unterminated script runs to the end, as the parser would read it.
        let unterminated = format!("<p>a</p><script>{code}");
        let (out, _) = prepare(&unterminated, 512);
        assert!(out.ends_with("left out before parsing */"));
    }

    #[test]
    fn long_values_of_unread_attributes_are_emptied() {
        let state = format!("{{\"items\": [{}]}}", "1, ".repeat(60));
        let candidates = "a.jpg 320w, b.jpg 640w, c.jpg 1280w, ".repeat(6);
        let alt = "A long description of the picture, read as its text. ".repeat(4);
        let html = format!(
            "<div data-state='{state}' class=card><img srcset=\"{candidates}\" alt=\"{alt}\" \
             data-src=\"{candidates}\"><p onclick=\"{candidates}\">Text</p></div>"
        );
        let (out, report) = prepare(&html, 512);
        assert_eq!(
            out,
            format!(
                "<div data-state='' class=card><img srcset=\"\" alt=\"{alt}\" \
                 data-src=\"{candidates}\"><p onclick=\"\">Text</p></div>"
            )
        );
        assert_eq!(
            report.emptied_value_bytes,
            state.len() + 2 * candidates.len()
        );
        // Short values, and tags dropped for their depth, are left alone.
        let short = "<img srcset=\"a.jpg 2x\">";
        assert!(matches!(prepare(short, 512).0, Cow::Borrowed(_)));
        let deep = format!("<div><div data-state='{state}'>x</div></div>");
        let (out, report) = prepare(&deep, 1);
        assert_eq!(
            (out.as_ref(), report.emptied_value_bytes),
            ("<div>x</div>", 0)
        );
    }

    #[test]
    fn shallow_pages_are_not_touched() {
        let html = "<html><body><ul><li>a<li>b</ul><p>x<p>y<table><tr><td>1<td>2<tr><td>3</table>\
                    <script>if (a<b) {}</script><br><img src=x /></body></html>";
        let (out, report) = prepare(html, 8);
        assert!(matches!(out, Cow::Borrowed(_)));
        assert_eq!(report.dropped_tags, 0);
    }

    #[test]
    fn tags_deeper_than_the_limit_are_dropped_and_text_kept() {
        let html = format!("{}deep{}", "<div>".repeat(10), "</div>".repeat(10));
        let (out, report) = prepare(&html, 4);
        assert_eq!(
            out,
            format!("{}deep{}", "<div>".repeat(4), "</div>".repeat(4))
        );
        assert_eq!(report.dropped_tags, 12);
    }

    #[test]
    fn unclosed_list_items_do_not_count_as_nesting() {
        let html = format!("<ul>{}</ul>", "<li>item".repeat(1000));
        let (_, report) = prepare(&html, 8);
        assert_eq!(report.dropped_tags, 0);
    }

    #[test]
    fn nested_lists_nest() {
        let html = format!("{}x{}", "<ul><li>".repeat(10), "</li></ul>".repeat(10));
        let (out, report) = prepare(&html, 6);
        assert_eq!(
            out,
            format!("{}x{}", "<ul><li>".repeat(3), "</li></ul>".repeat(3))
        );
        assert_eq!(report.dropped_tags, 28);
    }

    #[test]
    fn markup_inside_quotes_comments_and_scripts_is_not_counted() {
        let html =
            "<div title='<div><div>'><!-- <div><div> --><script>'<div><div>'</script>x</div>";
        let (out, report) = prepare(html, 1);
        assert_eq!(report.dropped_tags, 0, "{out}");
    }

    #[test]
    fn textless_drawings_are_left_out_and_the_others_stay() {
        let path = format!("<path d=\"{}\"/>", "M0 0 L10 10 ".repeat(10));
        let (start, end) = ("<svg viewBox=\"0 0 10 10\">", "</svg>");
        let drawing = format!("<!-- icon --><g>\n{path}</g><svg>{path}</svg>");
        let html = format!("<p>Share {start}{drawing}{end} this</p>");
        let (out, report) = prepare(&html, 512);
        assert_eq!(out, format!("<p>Share {start}{end} this</p>"));
        assert_eq!(report.left_out_bytes, drawing.len());
        // With words of its own, or HTML in it (an end tag it forgot, a
        // foreign object), a drawing stays as it is.
        for kept in [
            format!("<svg><title>Share on Facebook</title>{path}</svg>"),
            format!("<svg width=18>{path}</a><ul><li>Menu</li></ul><p>The whole page.</p>"),
            format!("<svg>{path}<foreignObject><p>Text</p></foreignObject></svg>"),
        ] {
            let (out, report) = prepare(&kept, 512);
            assert_eq!((out.as_ref(), report.left_out_bytes), (kept.as_str(), 0));
        }
    }

    #[test]
    fn truncated_input_ends_cleanly() {
        for html in [
            "<",
            "<div",
            "<div class='x",
            "</",
            "<!--",
            "<script>x",
            "<a href=\"",
            "<\u{e9}>",
            "<svg><path d='",
            "<svg><path/>",
        ] {
            let _ = prepare(html, 1);
        }
    }
}
