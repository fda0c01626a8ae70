//! The characters that end sentences and clauses.

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
}
