//! The repeated-block rule: a block said twice on one page is said once.

use std::collections::hash_map::Entry;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::block::BlockKind;
use crate::page::{Judgement, Page};
use crate::rules::{Phase, Rule};
use crate::vocabulary::punctuation::ends_clause;
use crate::vocabulary::words::{hash_of, word_hashes, words};

/// Drops exact and near repeats of an earlier block, keeping the first
/// occurrence.
///
/// Blocks are compared by their words, lowercased, so that whitespace, case
/// and punctuation do not matter. Two blocks are near repeats when the share
/// of word pairs (bigrams) they have in common, over the larger block's
/// bigrams, is at least [`similarity`](RepeatedBlocks::similarity) (default
/// 0.8) and the later one says nothing new: it is the earlier one cut short
/// at its end or its start ("...", and then at any length: a teaser of it;
/// a title without its first words is another title unless they were a
/// label: "Cons of renting" after "Pros & Cons of renting" stays),
/// with a label or a date put before it ("Breaking:", "3 March 2026, by Ann
/// Writer:"), with a few words after it ("Read more"), or said twice. A
/// block that changes or adds a word inside the text or before it ("item 2"
/// after "item 1", "Monday" for "Tuesday", "Comprehensive" put first),
/// leaves a word out inside it, changes its ending ("easy to move on" for
/// "easy to reposition"), or differs by a number ("Figure 88124." after
/// "Figure 88123.") is distinct content and stays. Blocks of fewer than
/// [`min_words`](RepeatedBlocks::min_words) words (default 6) are never
/// dropped for repeating: table cells, "Yes", the items of a specification
/// list repeat legitimately; and neither is code (the same command for
/// another shell).
///
/// Cost is linear in the page: each block is hashed once. Candidates for
/// near repeats come from an index of each block's sketch, its eight
/// smallest bigram hashes (blocks that share most bigrams share most of
/// their sketch; a hash found in more than 64 earlier blocks is too common
/// to point at any one of them), and the best few candidates are compared
/// on all their bigrams.
///
/// Name: `repeated-blocks`.
#[derive(Debug, Clone, Copy)]
pub struct RepeatedBlocks {
    min_words: usize,
    similarity: f32,
}

impl Default for RepeatedBlocks {
    fn default() -> Self {
        RepeatedBlocks {
            min_words: 6,
            similarity: 0.8,
        }
    }
}

/// Postings lists longer than this are not used to find candidates.
const MAX_POSTINGS: usize = 64;

/// How many of a block's smallest bigram hashes index it.
const SKETCH: usize = 8;

/// How many candidates, those sharing most of the sketch, are compared in full.
const MAX_COMPARED: usize = 8;

impl RepeatedBlocks {
    /// Blocks with fewer words than this are never dropped (default 6).
    pub fn min_words(mut self, words: usize) -> Self {
        self.min_words = words.max(1);
        self
    }

    /// The bigram overlap (0 to 1, default 0.8) from which two blocks are near
    /// repeats; 1 means exact repeats only.
    pub fn similarity(mut self, similarity: f32) -> Self {
        self.similarity = similarity.clamp(0.0, 1.0);
        self
    }
}

/// A block already kept, as the index remembers it.
struct Seen {
    block: usize,
    /// The block's word hashes, in order.
    words: Vec<u64>,
    /// The block's bigram hashes, sorted, without repeats.
    bigrams: Vec<u64>,
}

impl Rule for RepeatedBlocks {
    fn phase(&self) -> Phase {
        Phase::Repeats
    }

    fn name(&self) -> &str {
        "repeated-blocks"
    }

    fn apply(&self, page: &Page<'_>, judgement: &mut Judgement) {
        let mut exact: HashMap<u64, usize> = HashMap::default();
        let mut postings = Postings::default();
        let mut seen: Vec<Seen> = Vec::new();
        let mut overlap: HashMap<usize, usize> = HashMap::default();
        let mut candidates: Vec<(usize, usize)> = Vec::new();
        let mut drops = Vec::new();
        for block in judgement.kept() {
            // Code repeats legitimately: the same command for another shell,
            // the same call in another example.
            let judged = &page.blocks[block];
            if judged.words < self.min_words || judged.kind == BlockKind::Code {
                continue;
            }
            let tokens = word_hashes(&judged.text);
            let key = hash_of(&tokens);
            if let Some(&first) = exact.get(&key) {
                drops.push((
                    block,
                    format!("repeats {}", quote(&page.blocks[first].text)),
                ));
                continue;
            }
            let mut bigrams: Vec<u64> = tokens.windows(2).map(hash_of).collect();
            bigrams.sort_unstable();
            bigrams.dedup();
            let sketch = &bigrams[..bigrams.len().min(SKETCH)];
            for hash in sketch {
                for candidate in postings.get(*hash) {
                    *overlap.entry(candidate).or_default() += 1;
                }
            }
            candidates.clear();
            candidates.extend(overlap.drain());
            // Most of the sketch shared first, then the earliest block.
            candidates.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let best = candidates
                .iter()
                .take(MAX_COMPARED)
                .map(|&(candidate, _)| {
                    let other = &seen[candidate].bigrams;
                    let larger = bigrams.len().max(other.len());
                    (
                        candidate,
                        shared_count(&bigrams, other) as f32 / larger as f32,
                    )
                })
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
            let repeat = best.filter(|&(candidate, alike)| {
                let earlier = &seen[candidate].words;
                let earlier_text = &page.blocks[seen[candidate].block].text;
                (alike >= self.similarity || is_teaser_of(&tokens, earlier, &judged.text))
                    && says_nothing_new(&tokens, earlier, &judged.text, earlier_text)
            });
            if let Some((candidate, alike)) = repeat {
                let earlier_text = &page.blocks[seen[candidate].block].text;
                let reason = format!(
                    "near repeat ({:.0}% alike) of {}",
                    alike * 100.0,
                    quote(earlier_text)
                );
                drops.push((block, reason));
                continue;
            }
            exact.insert(key, block);
            let id = seen.len();
            for hash in sketch {
                postings.insert(*hash, id);
            }
            seen.push(Seen {
                block,
                words: tokens,
                bigrams,
            });
        }
        for (block, reason) in drops {
            judgement.drop_block(block, reason);
        }
    }
}

/// Which kept blocks each sketch hash occurs in. Most hashes occur in one
/// block, so the first block is kept apart and only the others need a list.
#[derive(Default)]
struct Postings {
    first: HashMap<u64, usize>,
    more: HashMap<u64, Vec<usize>>,
}

impl Postings {
    /// Notes that `hash` occurs in `block` (once per block: sketches have no
    /// repeats).
    fn insert(&mut self, hash: u64, block: usize) {
        match self.first.entry(hash) {
            Entry::Occupied(_) => self.more.entry(hash).or_default().push(block),
            Entry::Vacant(slot) => {
                slot.insert(block);
            }
        }
    }

    /// The blocks a hash occurs in; none when it is in too many to point at
    /// any one of them.
    fn get(&self, hash: u64) -> impl Iterator<Item = usize> + '_ {
        let more = self.more.get(&hash).map_or(&[][..], Vec::as_slice);
        let useful = more.len() < MAX_POSTINGS;
        let first = self.first.get(&hash).copied();
        first
            .into_iter()
            .chain(more.iter().copied())
            .filter(move |_| useful)
    }
}

/// Whether the words of a `later` block say nothing that the `earlier`
/// block's do not: once their common start and common end are set aside,
/// what remains of `later` is
///
/// - nothing, with words left out at its end (a copy cut short), or at
///   its start where `later` ends a sentence or what it left out is a label
///   (see [`is_label`]); words left out inside make another sentence, and
///   a title without its first words another title ("Cons of renting"
///   after "Pros & Cons of renting");
/// - at its start in place of nothing, and a label or a date;
/// - at its end in place of nothing, a few words without a number ("Read
///   more", "Continue reading"), or only words of `earlier` (the paragraph
///   said again in the same block);
/// - at its end after an ellipsis where `later` was cut short ("... Read
///   more" for the rest of the text).
///
/// Anything else is new: a word changed or added inside the text or before
/// it ("Comprehensive"), an ending changed ("easy to move on" for "easy to
/// reposition"), a number in place of another (a figure, a date, a step, a
/// score). `later_text` and `earlier_text` are the blocks' texts, whose
/// words `later` and `earlier` hash.
fn says_nothing_new(later: &[u64], earlier: &[u64], later_text: &str, earlier_text: &str) -> bool {
    let start = later
        .iter()
        .zip(earlier)
        .take_while(|(a, b)| a == b)
        .count();
    let end = later[start..]
        .iter()
        .rev()
        .zip(earlier[start..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let later_rest = later.len() - start - end;
    let earlier_rest = earlier.len() - start - end;
    if later_rest == 0 {
        // Cut short at its end, or at its start: a sentence, or anything
        // without the label the earlier one had (the common start and end
        // may overlap by a word: "The" of "The latest: The council…").
        // Words left out inside ("different plants" for "different-sized
        // plants") make another sentence, and a title without its first
        // words another title ("Cons of renting" after "Pros & Cons of
        // renting").
        if earlier.starts_with(later) || (earlier.ends_with(later) && ends_clause(later_text)) {
            return true;
        }
        let earlier_words: Vec<std::ops::Range<usize>> = words(earlier_text).collect();
        return earlier.ends_with(later)
            && earlier_words.len() == earlier.len()
            && is_label(earlier_text, &earlier_words, earlier.len() - later.len());
    }
    let ranges: Vec<std::ops::Range<usize>> = words(later_text).collect();
    if ranges.len() != later.len() {
        // Not the words `later` hashes: judge it new, which keeps it.
        return false;
    }
    if start == 0 && earlier_rest == 0 {
        // A label or a date before the text.
        return is_label(later_text, &ranges, later_rest);
    }
    if end != 0 {
        return false;
    }
    if has_figure(later_text, &ranges[start..]) {
        return false;
    }
    let cut_short = start > 0 && {
        let after = later_text[ranges[start - 1].end..].trim_start();
        after.starts_with("...") || after.starts_with('…')
    };
    // A tail made of the earlier block's own words says nothing new either
    // (a paragraph scraped twice into one block).
    let known: HashSet<u64> = earlier.iter().copied().collect();
    let tail_is_known = || later[start..].iter().all(|w| known.contains(w));
    cut_short || (earlier_rest == 0 && (later_rest <= ADDED_TAIL_WORDS || tail_is_known()))
}

/// Whether the first `count` words (`ranges` of `text`) are a label or a
/// date before the rest: they hold a digit, end with a separator or are a
/// line of their own (`Breaking:`, `3 March 2026, by Ann Writer:`,
/// `Updated 14:02 |`, a tab's title).
fn is_label(text: &str, ranges: &[std::ops::Range<usize>], count: usize) -> bool {
    let label = &text[..ranges[count].start];
    let on_its_own_line = label.trim_end_matches([' ', '\t']).ends_with('\n');
    on_its_own_line
        || label
            .trim_end()
            .ends_with([':', '|', '-', '–', '—', '·', '•', ','])
        || has_figure(text, &ranges[..count])
}

/// Whether any of the `words` (ranges of `text`) holds a figure.
fn has_figure(text: &str, words: &[std::ops::Range<usize>]) -> bool {
    words
        .iter()
        .any(|w| text[w.clone()].bytes().any(|b| b.is_ascii_digit()))
}

/// Whether a `later` block is a teaser of an `earlier` one: its start,
/// however short a part of it, cut off with an ellipsis ("... the quiet
/// mainstreaming…"). Such a copy is a near repeat at any length; a start
/// without the ellipsis is only one when it is most of the block.
fn is_teaser_of(later: &[u64], earlier: &[u64], later_text: &str) -> bool {
    let text = later_text.trim_end();
    later.len() < earlier.len()
        && earlier.starts_with(later)
        && (text.ends_with('…') || text.ends_with("..."))
}

/// The most words a repeat may add at its end ("Read more", "Continue
/// reading the full story").
const ADDED_TAIL_WORDS: usize = 5;

/// How many values two sorted lists without repeats have in common.
fn shared_count(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// The start of a block's text, quoted, for reasons.
pub(crate) fn quote(text: &str) -> String {
    let mut short: String = text.chars().take(40).collect();
    if short.len() < text.len() {
        short.push_str("...");
    }
    format!("\"{short}\"")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::clean_with;

    const PARAGRAPH: &str =
        "The council voted on Tuesday to build a cycle path along the river bank.";

    #[test]
    fn code_is_never_a_repeat() {
        let html = "<body><pre>export API_TOKEN=your_token_here and then run the tool</pre>\
                    <pre>set API_TOKEN=your_token_here and then run the tool</pre>\
                    <pre>export API_TOKEN=your_token_here and then run the tool</pre>\
                    <p>The council voted on Tuesday to build a cycle path.</p>\
                    <p>The council voted on Tuesday to build a cycle path.</p></body>";
        let page = clean_with(RepeatedBlocks::default(), html);
        assert_eq!(page.blocks().len(), 4);
        assert_eq!(page.removed().len(), 1);
    }

    #[test]
    fn exact_repeats_go_whatever_the_case_spacing_and_punctuation() {
        let text = format!(
            "{PARAGRAPH}\n\nSomething else entirely, said once.\n\n{}",
            PARAGRAPH
                .to_uppercase()
                .replace(' ', "  ")
                .replace('.', "!")
        );
        let page = clean_with(RepeatedBlocks::default(), &text);
        assert_eq!(page.blocks().len(), 2);
        assert_eq!(page.blocks()[0].text(), PARAGRAPH);
        assert!(page.removed()[0].reason().starts_with("repeats"));
    }

    #[test]
    fn near_repeats_go_and_the_first_occurrence_stays() {
        let cut_short = PARAGRAPH.replace(" along the river bank.", "...");
        let text = format!(
            "{PARAGRAPH}\n\n{PARAGRAPH} Read more\n\nBreaking: {PARAGRAPH}\n\n{cut_short} Continue reading\n\n\
             3 March 2026, by Ann Writer: {PARAGRAPH}"
        );
        let page = clean_with(RepeatedBlocks::default().similarity(0.6), &text);
        assert_eq!(page.text(), PARAGRAPH);
        assert_eq!(page.removed().len(), 4);
        assert!(page.removed()[0].reason().contains("near repeat"));
        // The copy without the label its first occurrence had, though both
        // start with "The".
        let labelled = format!("The latest: {PARAGRAPH}");
        let page = clean_with(
            RepeatedBlocks::default(),
            &format!("{labelled}\n\n{PARAGRAPH}"),
        );
        assert_eq!(page.text(), labelled, "{:?}", page.removed());
    }

    #[test]
    fn a_teaser_cut_off_with_an_ellipsis_is_a_repeat_at_any_length() {
        let words: Vec<&str> = PARAGRAPH.split(' ').collect();
        let teaser = format!("{}…", words[..words.len() / 2].join(" "));
        let page = clean_with(
            RepeatedBlocks::default(),
            &format!("{PARAGRAPH}\n\n{teaser}"),
        );
        assert_eq!(page.text(), PARAGRAPH, "{:?}", page.removed());
        // Without the ellipsis the same start is a sentence of its own.
        let start = words[..words.len() / 2].join(" ");
        let page = clean_with(
            RepeatedBlocks::default(),
            &format!("{PARAGRAPH}\n\n{start}"),
        );
        assert_eq!(page.blocks().len(), 2);
        // A teaser before the full text: the full text says more, and stays.
        let page = clean_with(
            RepeatedBlocks::default(),
            &format!("{teaser}\n\n{PARAGRAPH}"),
        );
        assert_eq!(page.blocks().len(), 2);
    }

    #[test]
    fn a_title_without_its_first_words_is_another_title_unless_they_were_a_label() {
        let both = "Pros & Cons of Self-Drive Tours in Iceland";
        let cons = "Cons of Self-Drive Tours in Iceland";
        let page = clean_with(RepeatedBlocks::default(), &format!("{both}\n\n{cons}"));
        assert_eq!(page.text(), format!("{both}\n\n{cons}"));
        let numbered = "4. Residential spending on cleaning is rising";
        let heading = "Residential spending on cleaning is rising";
        let page = clean_with(
            RepeatedBlocks::default(),
            &format!("{numbered}\n\n{heading}"),
        );
        assert_eq!(page.text(), numbered, "{:?}", page.removed());
    }

    #[test]
    fn a_word_changed_inside_is_distinct_content() {
        let monday = PARAGRAPH.replace("Tuesday", "Monday");
        let inserted = PARAGRAPH.replace("a cycle path", "a wide cycle path");
        let left_out = PARAGRAPH.replace("a cycle path", "a path");
        let figure = |n: u32| format!("{PARAGRAPH} Figure {n}.");
        let text = format!(
            "{PARAGRAPH}\n\n{monday}\n\n{inserted}\n\n{left_out}\n\n{}\n\n{}",
            figure(88123),
            figure(88124)
        );
        let page = clean_with(RepeatedBlocks::default().similarity(0.6), &text);
        assert_eq!(page.blocks().len(), 6, "{:?}", page.removed());
        // A changed ending, a word put first, an ending that says more.
        let test = "Response test: quick response of the screen, easy to reposition the cursor.";
        let text = format!(
            "{test}\n\n{}\n\nComprehensive {PARAGRAPH}\n\n{PARAGRAPH}\n\n{} \
             It will be finished by the spring, if the weather allows.",
            test.replace("reposition the cursor.", "move on."),
            PARAGRAPH.trim_end_matches('.'),
        );
        let page = clean_with(RepeatedBlocks::default().similarity(0.6), &text);
        assert_eq!(page.blocks().len(), 4, "{:?}", page.removed());
    }

    #[test]
    fn a_paragraph_said_twice_in_one_block_is_a_repeat() {
        let text = format!(
            "<p>{PARAGRAPH}</p><p>{PARAGRAPH} {PARAGRAPH}</p><p>Tab title<br>{PARAGRAPH}</p>"
        );
        let page = clean_with(RepeatedBlocks::default().similarity(0.6), &text);
        assert_eq!(page.text(), PARAGRAPH);
        assert_eq!(page.removed().len(), 2);
    }

    #[test]
    fn short_blocks_may_repeat() {
        let text = "Yes\n\nNo\n\nYes\n\nAvailable in three sizes\n\nAvailable in three sizes";
        let page = clean_with(RepeatedBlocks::default(), text);
        assert_eq!(page.removed().len(), 0);
        let strict = clean_with(RepeatedBlocks::default().min_words(2), text);
        assert_eq!(strict.removed().len(), 1);
    }

    #[test]
    fn different_paragraphs_stay() {
        let other = "The mayor said the path would be finished by spring, weather permitting.";
        let page = clean_with(
            RepeatedBlocks::default(),
            &format!("{PARAGRAPH}\n\n{other}"),
        );
        assert_eq!(page.blocks().len(), 2);
        let exact_only = RepeatedBlocks::default().similarity(1.0);
        let edited = format!("{PARAGRAPH}\n\n{PARAGRAPH} Read more");
        assert_eq!(clean_with(exact_only, &edited).blocks().len(), 2);
    }
}
