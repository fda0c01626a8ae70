//! Phrase rules: blocks made of boilerplate phrases ("Please enter your
//! comment!", "Share this:", "We use cookies", "© 2024 ... All rights
//! reserved").
//!
//! Every phrase of every phrase rule in a rule set goes into one
//! Aho-Corasick automaton, built once with the [`Cleaner`](crate::Cleaner);
//! each block is lowercased once and searched once, and the rules share the
//! result (see [`Phrases`] for when a block counts as boilerplate).

use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use rustc_hash::FxHashMap as HashMap;

use crate::error::BuildError;
use crate::page::{Judgement, Page, PhraseHits};
use crate::rules::{Contribution, Rule};
use crate::vocabulary::words::words;

/// A block with a marker phrase and at most this many words is boilerplate
/// when the marker is a strong one or phrases cover [`LONE_MARKER_SHARE`]
/// of its words.
const MARKER_MAX_WORDS: usize = 16;
/// The share of a short block's words that phrases must cover for a weak
/// marker to condemn it: "Learn more" is a button, "Learn more about index
/// funds in our guide." a sentence of the text.
const LONE_MARKER_SHARE: f32 = 1.0 / 3.0;
/// A block with two different marker phrases and at most this many words is
/// boilerplate.
const TWO_MARKERS_MAX_WORDS: usize = 50;
/// A block with three different marker phrases and at most this many words is
/// boilerplate (cookie and consent banners are long, and dense with them).
const THREE_MARKERS_MAX_WORDS: usize = 200;

/// A rule that drops blocks made of the given phrases.
///
/// Phrases match case-insensitively, on whole words, with typographic
/// apostrophes and quotes treated as plain ones. A block is boilerplate
/// when, counting the phrases of all phrase rules of the set together,
///
/// - phrases cover more than half of its words (words with a letter), or
/// - it has a *marker* phrase and at most 16 words, and the marker is a
///   strong one or phrases cover a third of the words, or
/// - it has two different marker phrases and at most 50 words, or
/// - it has three different marker phrases and at most 200 words (cookie
///   banners),
///
/// and the rule whose phrases cover most of it drops it. A marker is a phrase
/// of several words, or one with a sign such as `©`; a strong one has three
/// words or more, or a sign; a phrase written with a leading `~ ` is never a
/// marker. So "Subscribe to our newsletter!" goes,
/// while a long paragraph that mentions subscribing stays.
///
/// All phrases of a rule set are matched with one Aho-Corasick automaton,
/// built once when the [`Cleaner`](crate::Cleaner) is built.
///
/// ```
/// use deboiler::{rules::Phrases, Cleaner, RuleSet};
///
/// let rules = RuleSet::empty().with(Phrases::new(["Support our journalism"]).named("donate"));
/// let cleaner = Cleaner::builder().rules(rules).build()?;
/// let page = cleaner.clean(deboiler::Input::text("Support our journalism today!\n\nThe news itself, at length."))?;
/// assert_eq!(page.text(), "The news itself, at length.");
/// assert_eq!(page.removed()[0].rule(), "donate");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Phrases {
    name: String,
    phrases: Vec<Phrase>,
}

#[derive(Debug, Clone)]
struct Phrase {
    text: String,
    marker: bool,
    /// A marker of three words or more, or with a sign: specific enough to
    /// condemn a short block alone ("Learn more" is not; "This post
    /// contains affiliate links" and "©" are).
    strong: bool,
}

impl Phrases {
    /// A rule named `phrases` for the given phrases. A phrase that starts
    /// with `~ ` only counts toward coverage (it is never a marker).
    pub fn new<I, S>(phrases: I) -> Phrases
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let phrases = phrases
            .into_iter()
            .filter_map(|p| Phrase::parse(p.as_ref()))
            .collect();
        Phrases {
            name: "phrases".to_string(),
            phrases,
        }
    }

    /// The same rule under another name.
    pub fn named(mut self, name: impl Into<String>) -> Phrases {
        self.name = name.into();
        self
    }

    /// The phrases, normalised (lowercase, plain apostrophes).
    pub fn phrases(&self) -> impl Iterator<Item = &str> {
        self.phrases.iter().map(|p| p.text.as_str())
    }

    /// The built-in phrase rules, in English, German, French, Spanish,
    /// Portuguese, Italian and Dutch: `comment-form`, `share-buttons`,
    /// `newsletter`, `cookie-notice`, `related-content`, `advertisement`,
    /// `site-footer`, `loading-placeholder`, `navigation-links`,
    /// `shop-controls`, `photo-credit`, `post-chrome`.
    pub fn builtin() -> Vec<Phrases> {
        BUILTIN
            .iter()
            .map(|(name, list)| {
                let lines = list
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'));
                Phrases::new(lines).named(*name)
            })
            .collect()
    }
}

const BUILTIN: &[(&str, &str)] = &[
    ("comment-form", include_str!("phrases/comment-form.txt")),
    ("share-buttons", include_str!("phrases/share-buttons.txt")),
    ("newsletter", include_str!("phrases/newsletter.txt")),
    ("cookie-notice", include_str!("phrases/cookie-notice.txt")),
    (
        "related-content",
        include_str!("phrases/related-content.txt"),
    ),
    ("advertisement", include_str!("phrases/advertisement.txt")),
    ("site-footer", include_str!("phrases/site-footer.txt")),
    (
        "loading-placeholder",
        include_str!("phrases/loading-placeholder.txt"),
    ),
    (
        "navigation-links",
        include_str!("phrases/navigation-links.txt"),
    ),
    ("shop-controls", include_str!("phrases/shop-controls.txt")),
    ("photo-credit", include_str!("phrases/photo-credit.txt")),
    ("post-chrome", include_str!("phrases/post-chrome.txt")),
];

impl Phrase {
    fn parse(raw: &str) -> Option<Phrase> {
        let (raw, weak) = match raw.trim().strip_prefix("~ ") {
            Some(rest) => (rest, true),
            None => (raw, false),
        };
        let mut text = String::new();
        normalize(raw, &mut text);
        if text.is_empty() {
            return None;
        }
        let spaces = text.matches(' ').count();
        let has_sign = text
            .chars()
            .any(|c| !c.is_alphanumeric() && !" '-.".contains(c));
        let marker = !weak && (spaces >= 1 || has_sign);
        Some(Phrase {
            marker,
            strong: marker && (spaces >= 2 || has_sign),
            text,
        })
    }
}

impl Rule for Phrases {
    fn name(&self) -> &str {
        &self.name
    }

    fn contribution(&self) -> Option<Contribution<'_>> {
        Some(Contribution::Phrases(self))
    }

    fn apply(&self, page: &Page<'_>, judgement: &mut Judgement) {
        let me = judgement.rule_index;
        // A table row is judged whole: a cell naming a network or saying
        // "Share" beside a price or a figure is data, and only a row of
        // boilerplate cells goes.
        let kept: Vec<(usize, Option<usize>)> = judgement
            .kept()
            .map(|block| (block, page.table_row(block)))
            .collect();
        let mut row_holds_data: HashMap<usize, bool> = HashMap::default();
        for &(block, row) in &kept {
            if let Some(row) = row {
                let data = !page.blocks[block].text.trim().is_empty()
                    && page
                        .phrase_hits(block, judgement)
                        .is_none_or(|hits| condemning_owner(hits).is_none());
                *row_holds_data.entry(row).or_default() |= data;
            }
        }
        let drops: Vec<(usize, String)> = kept
            .into_iter()
            .filter(|&(_, row)| row.is_none_or(|row| !row_holds_data[&row]))
            .filter_map(|(block, _)| {
                let hits = page.phrase_hits(block, judgement)?;
                let letter_words = hits.words;
                let (owner, covered, phrase) = condemning_owner(hits)?;
                (owner == me).then(|| {
                    let reason = format!(
                        "boilerplate phrases (\"{phrase}\"...) cover {} of {letter_words} words",
                        covered.min(letter_words)
                    );
                    (block, reason)
                })
            })
            .collect();
        for (block, reason) in drops {
            judgement.drop_block(block, reason);
        }
    }
}

/// The rule that should drop a block with these hits, if the block is
/// boilerplate: the one whose phrases cover most of it.
fn condemning_owner(hits: &PhraseHits) -> Option<(usize, usize, &str)> {
    if hits.owners.is_empty() {
        return None;
    }
    let words = hits.words;
    let condemned = hits.covered_words * 2 > words
        || (hits.markers >= 1
            && words <= MARKER_MAX_WORDS
            && (hits.strong_markers >= 1
                || hits.covered_words as f32 >= LONE_MARKER_SHARE * words as f32))
        || (hits.different_markers >= 2 && words <= TWO_MARKERS_MAX_WORDS)
        || (hits.different_markers >= 3 && words <= THREE_MARKERS_MAX_WORDS);
    if !condemned {
        return None;
    }
    let mut best: Option<&(usize, usize, Arc<str>)> = None;
    for owner in &hits.owners {
        if best.is_none_or(|b| owner.1 > b.1) {
            best = Some(owner);
        }
    }
    best.map(|(owner, covered, phrase)| (*owner, *covered, &**phrase))
}

/// Lowercases `text` into `out`, with typographic quotes made plain and
/// whitespace collapsed, so that phrases and blocks compare alike.
fn normalize(text: &str, out: &mut String) {
    out.clear();
    if text.is_ascii() {
        // The common case, by bytes: no typographic quotes to map.
        let mut space = false;
        for b in text.trim().bytes() {
            if b.is_ascii_whitespace() {
                space = true;
                continue;
            }
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(char::from(if b == b'`' {
                b'\''
            } else {
                b.to_ascii_lowercase()
            }));
        }
        return;
    }
    let mut space = false;
    for c in text.trim().chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{00AB}' | '\u{00BB}' => '"',
            c if c.is_whitespace() => {
                space = true;
                continue;
            }
            c => c,
        };
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.extend(c.to_lowercase());
    }
}

/// The phrases of all phrase rules of a set, in one automaton.
#[derive(Debug)]
pub(crate) struct PhraseMatcher {
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
}

#[derive(Debug)]
struct Pattern {
    /// Index of the owning rule in the set.
    owner: usize,
    text: Arc<str>,
    marker: bool,
    strong: bool,
    /// Whether the phrase starts (ends) with a letter or digit, so that the
    /// match must start (end) at a word boundary.
    starts_word: bool,
    ends_word: bool,
}

impl PhraseMatcher {
    /// The matcher for phrase rules given with their index in the set;
    /// `None` when there is none.
    pub fn build<'a>(
        rules: impl Iterator<Item = (usize, &'a Phrases)>,
    ) -> Result<Option<PhraseMatcher>, BuildError> {
        let mut patterns = Vec::new();
        let mut names = Vec::new();
        for (owner, phrases) in rules {
            names.push(phrases.name.as_str());
            for phrase in &phrases.phrases {
                patterns.push(Pattern {
                    owner,
                    text: Arc::from(phrase.text.as_str()),
                    marker: phrase.marker,
                    strong: phrase.strong,
                    starts_word: phrase.text.starts_with(char::is_alphanumeric),
                    ends_word: phrase.text.ends_with(char::is_alphanumeric),
                });
            }
        }
        if patterns.is_empty() {
            return Ok(None);
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(patterns.iter().map(|p| &*p.text))
            .map_err(|e| BuildError::InvalidRule {
                // One automaton holds the phrases of all these rules.
                rule: names.join(", "),
                message: "the phrases of the set do not compile into one automaton".to_string(),
                source: Some(Box::new(e)),
            })?;
        Ok(Some(PhraseMatcher {
            automaton,
            patterns,
        }))
    }

    /// The phrase hits in `text`, counting only the rules marked `active`.
    /// `scratch` is reused between calls to avoid allocating.
    pub fn hits(&self, text: &str, active: &[bool], scratch: &mut String) -> PhraseHits {
        // Block text is already trimmed, with single spaces: plain ASCII text
        // is searched as it is (the automaton ignores ASCII case), the rest
        // through a normalised copy.
        let plain = text.is_ascii() && !text.contains(['\n', '\t', '`']);
        let text = if plain {
            text
        } else {
            normalize(text, scratch);
            scratch.as_str()
        };
        let mut hits = PhraseHits::default();
        let mut word_ranges =
            words(text).filter(|r| text[r.clone()].chars().any(char::is_alphabetic));
        let mut word = word_ranges.next();
        let mut counted = 0;
        let mut markers_seen: Vec<usize> = Vec::new();
        for found in self.automaton.find_iter(text) {
            let id = found.pattern().as_usize();
            let pattern = &self.patterns[id];
            if !active[pattern.owner] || !at_boundaries(text, found.range(), pattern) {
                continue;
            }
            // Words that start inside the match are covered by it.
            let mut covered = 0;
            while let Some(range) = word.clone() {
                if range.start >= found.end() {
                    break;
                }
                if range.start >= found.start() {
                    covered += 1;
                }
                counted += 1;
                word = word_ranges.next();
            }
            hits.covered_words += covered;
            hits.markers += usize::from(pattern.marker);
            hits.strong_markers += usize::from(pattern.strong);
            // A marker said twice ("terms and conditions ... terms and
            // conditions") is one sign of boilerplate, not two.
            if pattern.marker && !markers_seen.contains(&id) {
                markers_seen.push(id);
                hits.different_markers += 1;
            }
            match hits.owners.iter_mut().find(|o| o.0 == pattern.owner) {
                Some(owner) => owner.1 += covered,
                None => hits
                    .owners
                    .push((pattern.owner, covered, pattern.text.clone())),
            }
        }
        if !hits.owners.is_empty() {
            hits.words = counted + usize::from(word.is_some()) + word_ranges.count();
        }
        hits
    }
}

fn at_boundaries(text: &str, range: std::ops::Range<usize>, pattern: &Pattern) -> bool {
    let before_ok = !pattern.starts_word
        || text[..range.start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
    let after_ok = !pattern.ends_word
        || text[range.end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
    before_ok && after_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn matcher() -> (PhraseMatcher, Vec<bool>) {
        let set = RuleSet::default();
        let active = vec![true; set.entries.len()];
        let phrase_rules =
            set.entries
                .iter()
                .enumerate()
                .filter_map(|(i, e)| match e.rule.contribution() {
                    Some(Contribution::Phrases(phrases)) => Some((i, phrases)),
                    _ => None,
                });
        (PhraseMatcher::build(phrase_rules).unwrap().unwrap(), active)
    }

    fn is_boilerplate(text: &str) -> bool {
        let (matcher, active) = matcher();
        let hits = matcher.hits(text, &active, &mut String::new());
        condemning_owner(&hits).is_some()
    }

    #[test]
    fn a_table_row_goes_only_when_all_its_cells_are_boilerplate() {
        let share = Phrases::new(["facebook", "linkedin", "share"]).named("share-buttons");
        let html = "<body><table>\
                    <tr><td>LinkedIn</td><td>$2.50 to $7.00 per click</td></tr>\
                    <tr><td>Share</td><td>Facebook</td><td>LinkedIn</td></tr>\
                    </table><p>Facebook</p></body>";
        let cleaned = crate::rules::clean_with(share, html);
        let kept: Vec<&str> = cleaned.blocks().iter().map(|b| b.text()).collect();
        assert_eq!(kept, ["LinkedIn", "$2.50 to $7.00 per click"]);
        assert_eq!(cleaned.removed().len(), 4);
    }

    #[test]
    fn shop_controls_go_only_when_they_are_most_of_the_block() {
        for control in [
            "Add to cart",
            "Quick view",
            "In den Warenkorb",
            "Sort by: Featured",
        ] {
            assert!(is_boilerplate(control), "{control}");
        }
        for card in [
            "Trail runner with a rock plate, light and fast. Shop now",
            "Ceramic mug, 350 ml, dishwasher safe. Add to cart",
        ] {
            assert!(!is_boilerplate(card), "{card}");
        }
    }

    #[test]
    fn whole_boilerplate_blocks_are_condemned() {
        for text in [
            "Please enter your comment!",
            "Please enter your name here",
            "Leave a Reply Cancel reply",
            "Share this: Facebook Twitter WhatsApp",
            "Subscribe to our newsletter for weekly updates",
            "We use cookies to give you the best experience. Accept all",
            "© 2024 Example Corp. All rights reserved.",
            "Loading...",
            "Advertisement",
            "Related posts",
            "Hinterlasse einen Kommentar",
            "Deja un comentario",
            "Laisser une réponse",
            "Lascia un commento",
            "Deixe um comentário",
            "Laat een reactie achter",
            "Comments (3)",
            "Learn more",
            "Learn more about cookies",
            "This post may contain affiliate links, view my full disclosure policy.",
            "Customers who viewed this item also viewed",
            "Thank you! Your submission has been received!",
            "Oops! Something went wrong while submitting the form.",
            "We use cookies and other technologies that are essential to provide you our services and \
             site functionality, as described in our Cookie Notice. If you agree and click Accept all, we \
             will also allow third-party companies, who we partner with, to store cookies on your device \
             and use similar technologies to collect and use your personal data for advertising \
             personalisation, measurement and analytics, on and off our sites. You may decline consent by \
             clicking Decline all or make granular choices.",
        ] {
            assert!(is_boilerplate(text), "{text}");
        }
    }

    #[test]
    fn real_sentences_that_mention_phrases_stay() {
        for text in [
            "Readers who subscribe to the print edition will notice that the comment section \
             of the paper has moved to page four, where letters from the community now run daily.",
            "Related Work",
            "Tweeting about the ad campaign, the company said its sales rose by a third in a year.",
            "The shareholder meeting was postponed.",
            "How affiliate links work",
            // A short sentence whose only phrase is a small part of it.
            "Learn more about frontline communities and their activism.",
            "Wilgus walks us through a few of the most popular meditation options.",
            // One marker said twice is one marker: the sentence stays.
            "Such an app scans the terms and conditions that alert the users and protect \
             them from any uncertain terms and conditions.",
        ] {
            assert!(!is_boilerplate(text), "{text}");
        }
        // Two different markers in a block of that length still condemn it.
        assert!(is_boilerplate(
            "Such an app scans the terms and conditions that alert the users and protect \
             them from any uncertain privacy policy."
        ));
    }

    #[test]
    fn phrases_match_whole_words_and_plain_apostrophes() {
        let (matcher, active) = matcher();
        let mut scratch = String::new();
        assert_eq!(
            matcher
                .hits("Shareholders", &active, &mut scratch)
                .owners
                .len(),
            0
        );
        let hits = matcher.hits("Don\u{2019}t miss", &active, &mut scratch);
        assert_eq!(hits.covered_words, 3);
    }

    #[test]
    fn normalising_is_the_same_for_ascii_and_other_text() {
        let mut ascii = String::new();
        let mut other = String::new();
        normalize("  Don`t  MISS\nthis ", &mut ascii);
        normalize("  Don\u{2019}t  MISS\nthis é", &mut other);
        assert_eq!(ascii, "don't miss this");
        assert_eq!(other, "don't miss this é");
    }

    #[test]
    fn weak_phrases_are_not_markers() {
        let phrases = Phrases::new(["~ read more", "read on now", "©"]);
        let markers: Vec<bool> = phrases.phrases.iter().map(|p| p.marker).collect();
        assert_eq!(markers, [false, true, true]);
    }
}
