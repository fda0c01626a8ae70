//! The characters that end sentences and clauses, and the markers that
//! start a list item written as text.

/// Characters that end a sentence, in the scripts with their own full stop.
const SENTENCE_END: &[char] = &['.', '!', '?', '…', '。', '！', '？'];

/// Characters that end a clause the next line may go on from.
const CLAUSE_END: &[char] = &[':', ';'];

/// Closing quotes and brackets, which may follow the end of a sentence.
const CLOSERS: &[char] = &['"', '”', '’', '\'', '»', ')', ']'];

/// The last character of `text` before closing quotes and brackets.
fn last_before_closers(text: &str) -> Option<char> {
    text.chars().rev().find(|c| !CLOSERS.contains(c))
}

/// Whether `text` ends a sentence: with [`SENTENCE_END`], or with it then
/// closing quotes or brackets (`He left."`).
pub(crate) fn ends_sentence(text: &str) -> bool {
    last_before_closers(text).is_some_and(|c| SENTENCE_END.contains(&c))
}

/// Whether `text` ends a sentence or a clause ([`CLAUSE_END`]).
pub(crate) fn ends_clause(text: &str) -> bool {
    last_before_closers(text).is_some_and(|c| SENTENCE_END.contains(&c) || CLAUSE_END.contains(&c))
}

/// Counts the punctuation inside sentences (commas, stops, colons,
/// semicolons, in Latin and CJK scripts) and the ASCII digits of `text`, in
/// one pass.
pub(crate) fn punctuation_and_digits(text: &str) -> (usize, usize) {
    let (mut punctuation, mut digits) = (0, 0);
    for c in text.chars() {
        match c {
            ',' | '.' | ';' | ':' | '!' | '?' | '、' | '。' | '，' => punctuation += 1,
            '0'..='9' => digits += 1,
            _ => {}
        }
    }
    (punctuation, digits)
}

/// Bullets that start a list item written as text (`• Tent`), before a
/// space. (`·` is left out: it separates a byline's parts.)
const BULLETS: &[char] = &[
    '-', '*', '+', '•', '▪', '►', '▸', '◦', '‣', '⁃', '➤', '→', '✓', '✔',
];

/// Digits at most in a list item's number: `100.` numbers an item, `2025.`
/// ends a sentence about a year.
const MAX_ITEM_NUMBER_DIGITS: usize = 3;

/// The marker of a list item written as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ListMarker<'a> {
    /// A bullet (`•`, `-`, `✓`, ...).
    Bullet,
    /// A number and its delimiter, as written (`3.`, `2)`, `01.`).
    Number(&'a str),
}

impl ListMarker<'_> {
    /// Whether it numbers an item other than the first (`2.`, `10)`):
    /// Markdown starts a list there only after a blank line.
    pub(crate) fn numbers_on(self) -> bool {
        match self {
            ListMarker::Number(n) => n[..n.len() - 1].trim_start_matches('0') != "1",
            ListMarker::Bullet => false,
        }
    }
}

/// The list marker `text` starts with, and where the item's own text
/// starts: a bullet then a space (`• Tent`, `- Stove`), or a number of
/// one to three digits then `.` or `)` and a space or a capital
/// (`2. Pitch it`, `01.Can it ...`). Not a decimal (`1.5 million`), not
/// a year (`2025. It was`), not footnote stars (`**Note`).
pub(crate) fn list_marker(text: &str) -> Option<(ListMarker<'_>, usize)> {
    let after = |at: usize| at + text[at..].len() - text[at..].trim_start().len();
    let first = text.chars().next()?;
    if BULLETS.contains(&first) {
        let rest = &text[first.len_utf8()..];
        let spaced = rest.starts_with(char::is_whitespace) && !rest.trim().is_empty();
        return spaced.then(|| (ListMarker::Bullet, after(first.len_utf8())));
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=MAX_ITEM_NUMBER_DIGITS).contains(&digits) {
        return None;
    }
    let rest = text[digits..].strip_prefix(['.', ')'])?;
    let next = rest.chars().next()?;
    let item = (next.is_whitespace() && !rest.trim().is_empty()) || next.is_uppercase();
    item.then(|| (ListMarker::Number(&text[..=digits]), after(digits + 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_with_a_stop_perhaps_inside_quotes() {
        assert!(ends_sentence("He left."));
        assert!(ends_sentence("He said \u{201C}no.\u{201D}"));
        assert!(ends_sentence("終わり。"));
        assert!(!ends_sentence("Home"));
        assert!(!ends_sentence("A \"quoted\""));
        assert!(!ends_sentence("Note:"));
        assert!(ends_clause("Note:"));
        assert!(ends_clause("one; two;"));
        assert!(!ends_clause("and then"));
    }

    #[test]
    fn punctuation_and_digits_are_counted() {
        assert_eq!(punctuation_and_digits("Hi, 42 times. \u{3001}"), (3, 2));
    }

    #[test]
    fn list_items_written_as_text_start_with_a_bullet_or_a_number() {
        fn marker(text: &str) -> Option<(ListMarker<'_>, &str)> {
            list_marker(text).map(|(m, at)| (m, &text[at..]))
        }
        assert_eq!(marker("• Tent"), Some((ListMarker::Bullet, "Tent")));
        assert_eq!(marker("-  Stove"), Some((ListMarker::Bullet, "Stove")));
        assert_eq!(
            marker("2. Pitch it"),
            Some((ListMarker::Number("2."), "Pitch it"))
        );
        assert_eq!(
            marker("10) Leave"),
            Some((ListMarker::Number("10)"), "Leave"))
        );
        assert!(!ListMarker::Number("01.").numbers_on() && ListMarker::Number("10)").numbers_on());
        assert_eq!(
            marker("01.Can it"),
            Some((ListMarker::Number("01."), "Can it"))
        );
        for not_an_item in [
            "1.5 million",
            "2025. It was",
            "**Note",
            "-5 degrees",
            "3.",
            "• ",
            "1.the",
            "·  5 min",
        ] {
            assert_eq!(marker(not_an_item), None, "{not_an_item}");
        }
    }
}
