//! Words: how text is split into them, counted and hashed.
//!
//! A word is a run of letters and digits (Unicode alphanumerics), so
//! `don't` is two words and `42` is one. Every stage counts and compares
//! words this way.

use std::hash::{Hash, Hasher};
use std::ops::Range;

use rustc_hash::FxHasher;

/// The words from which a block is prose (a sentence or more, not a label
/// or a menu entry), for the rules of plain text.
pub(crate) const PROSE_WORDS: usize = 10;

/// The number of words of `text`, and of its characters that are not
/// whitespace, in one pass.
pub(crate) fn text_stats(text: &str) -> (usize, usize) {
    let (mut words, mut visible, mut in_word) = (0, 0, false);
    let mut count = |alphanumeric: bool, whitespace: bool| {
        words += usize::from(alphanumeric && !in_word);
        in_word = alphanumeric;
        visible += usize::from(!whitespace);
    };
    if text.is_ascii() {
        for b in text.bytes() {
            count(b.is_ascii_alphanumeric(), b.is_ascii_whitespace());
        }
    } else {
        for c in text.chars() {
            count(c.is_alphanumeric(), c.is_whitespace());
        }
    }
    (words, visible)
}

/// The words of `text`, as byte ranges.
pub(crate) fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let (i, c) = chars.next()?;
            if c.is_alphanumeric() {
                break i;
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                end = i;
                break;
            }
            chars.next();
        }
        Some(start..end)
    })
}

/// Whether `c` is a letter or digit of a script that puts spaces between
/// words: not Chinese, Japanese or Thai, where side-by-side items of one
/// word stay joined.
pub(crate) fn spaces_words(c: char) -> bool {
    c.is_alphanumeric()
        && !matches!(c,
            '\u{0E00}'..='\u{0E7F}'   // Thai
            | '\u{3040}'..='\u{30FF}' // Hiragana, Katakana
            | '\u{3400}'..='\u{4DBF}' // CJK extension A
            | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
            | '\u{F900}'..='\u{FAFF}' // CJK compatibility ideographs
        )
}

/// The FNV-1a hash's starting value; with [`fnv_step`] it hashes words and
/// tag names: they are short, and this runs for every one of them.
pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// One step of FNV-1a: `hash` with the character `c` added.
pub(crate) const fn fnv_step(hash: u64, c: u32) -> u64 {
    (hash ^ c as u64).wrapping_mul(0x0100_0000_01b3)
}

/// FNV-1a of ASCII `name`, lowercased on the way; a `const fn`, so that the
/// tag names the pre-parse pass compares are hashed at compile time.
pub(crate) const fn name_hash(name: &[u8]) -> u64 {
    let mut hash = FNV_OFFSET;
    let mut i = 0;
    while i < name.len() {
        hash = fnv_step(hash, name[i].to_ascii_lowercase() as u32);
        i += 1;
    }
    hash
}

/// A fast hash of any value (FxHash): of a block's word hashes, of a place
/// in a page's template.
pub(crate) fn hash_of(value: impl Hash) -> u64 {
    let mut hasher = FxHasher::default();
    value.hash(&mut hasher);
    hasher.finish()
}

/// A hash of each word of `text`, lowercased: equal for words that differ
/// only in case.
pub(crate) fn word_hashes(text: &str) -> Vec<u64> {
    hash_words(text, false)
}

/// What every word with a digit in it hashes to in a [`fingerprint`].
const NUMBER_WORD: u64 = 0x6e75_6d62_6572_0023;

/// A block's fingerprint as a site's template knows it: its words as
/// [`word_hashes`] gives them (so case, whitespace and punctuation do not
/// matter), with every word that holds a digit taken as the same word, so
/// that a footer whose year or counter changes from page to page is the
/// same block. (The repeat rule compares the words as they are: on one
/// page, a number that differs makes distinct content.) `None` for a block
/// with no word but numbers: there is nothing of the template to know it by.
pub(crate) fn fingerprint(text: &str) -> Option<u64> {
    let words = hash_words(text, true);
    words
        .iter()
        .any(|&word| word != NUMBER_WORD)
        .then(|| hash_of(words))
}

/// The word hashes of `text`; with `numbers_alike`, every word with a digit
/// hashes to [`NUMBER_WORD`].
fn hash_words(text: &str, numbers_alike: bool) -> Vec<u64> {
    if text.is_ascii() {
        // The common case, by bytes.
        let mut hashes = Vec::new();
        let mut current: Option<u64> = None;
        let mut digit = false;
        for b in text.bytes() {
            if b.is_ascii_alphanumeric() {
                let hash = current.unwrap_or(FNV_OFFSET);
                current = Some(fnv_step(hash, u32::from(b.to_ascii_lowercase())));
                digit |= b.is_ascii_digit();
            } else if let Some(hash) = current.take() {
                hashes.push(if numbers_alike && digit {
                    NUMBER_WORD
                } else {
                    hash
                });
                digit = false;
            }
        }
        hashes.extend(current.map(|hash| {
            if numbers_alike && digit {
                NUMBER_WORD
            } else {
                hash
            }
        }));
        return hashes;
    }
    words(text)
        .map(|range| {
            let word = &text[range];
            if numbers_alike && word.chars().any(|c| c.is_numeric()) {
                return NUMBER_WORD;
            }
            word.chars()
                .flat_map(char::to_lowercase)
                .fold(FNV_OFFSET, |hash, c| fnv_step(hash, u32::from(c)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_alphanumeric_runs() {
        let text = "Héllo, wörld! 42 times--ok";
        let got: Vec<&str> = words(text).map(|r| &text[r]).collect();
        assert_eq!(got, ["Héllo", "wörld", "42", "times", "ok"]);
        assert_eq!(text_stats(text), (5, 23));
        assert_eq!(text_stats(" a-b  c "), (3, 4));
        assert_eq!(text_stats("  ...  "), (0, 3));
    }

    #[test]
    fn word_hashes_are_the_same_for_ascii_and_other_text() {
        let ascii = word_hashes("Hello, WORLD 42");
        let other = word_hashes("hello — world 42");
        assert_eq!(ascii.len(), 3);
        assert_eq!(ascii, other);
        assert_eq!(name_hash(b"DIV"), name_hash(b"div"));
        assert_eq!(name_hash(b"div"), word_hashes("div")[0]);
    }

    #[test]
    fn fingerprints_take_numbers_alike_and_nothing_else() {
        assert_eq!(
            fingerprint("© 2025 Example News. 1204 readers online"),
            fingerprint("© 2026 example news -- 998 readers online")
        );
        // Digits of other scripts too, on the path for text that is not ASCII.
        assert_eq!(fingerprint("Seite 3 von 12"), fingerprint("Seite ٣ von ١٢"));
        assert_ne!(fingerprint("Example News"), fingerprint("Example Views"));
        assert_ne!(
            fingerprint("Example News 2026"),
            fingerprint("Example News")
        );
        assert_eq!(fingerprint("1,204 — 2026"), None);
    }
}
