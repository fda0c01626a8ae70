//! The learned line model of plain text: a line is judged by its own words
//! and by its place among its neighbours.

use crate::block::{Block, BlockKind};
use crate::page::{Judgement, Page};
use crate::rules::{Phase, Rule};
use crate::vocabulary::punctuation::{ends_clause, punctuation_and_digits};
use crate::vocabulary::words::{hash_of, word_hashes, words};

use super::model::read_network;
use super::network::Model;
use crate::error::BuildError;

use rustc_hash::FxHashMap as HashMap;

feature_table! {
    /// What the line network reads for each block of a plain text.
    TextFeature, TEXT_FEATURE_COUNT, TEXT_FEATURE_NAMES {
        Words = "words": "ln(1 + the block's words)",
        EndsClause = "ends-clause": "1 when the block ends a sentence or a clause",
        EndsColon = "ends-colon": "1 when the block ends with a colon (a label, a heading of a list)",
        StartsCapital = "starts-capital": "1 when the block's first letter is a capital",
        Capitals = "capitals": "the share of the block's letters that are capitals",
        Digits = "digits": "the share of the block's characters that are digits",
        Punctuation = "punctuation": "punctuation marks per word",
        Separators = "separators": "separators between items (| • · / > »), per word",
        Address = "address": "1 when the block holds a web or e-mail address",
        Heading = "heading": "1 for a Markdown heading",
        ListItem = "list-item": "1 for a list item",
        PhraseShare = "phrase-share": "the share of the block's words that boilerplate phrases cover",
        PhraseMarkers = "phrase-markers": "ln(1 + marker phrases in the block)",
        Repeats = "repeats": "ln(1 + other blocks of the text with the same words)",
        Position = "position": "where the block is in the text, 0 to 1",
        FromStart = "from-start": "ln(1 + blocks before it)",
        FromEnd = "from-end": "ln(1 + blocks after it)",
        ProseBefore = "prose-before": "ln(1 + blocks back to the nearest prose block before it), 5 when none",
        ProseAfter = "prose-after": "ln(1 + blocks on to the nearest prose block after it), 5 when none",
        ShortRun = "short-run": "ln(1 + the run of short lines without sentence punctuation it is in)",
        PreviousWords = "previous-words": "ln(1 + words of the block before)",
        PreviousEnds = "previous-ends": "1 when the block before ends a sentence or clause",
        PreviousDropped = "previous-dropped": "1 when an earlier rule dropped the block before",
        NextWords = "next-words": "ln(1 + words of the block after)",
        NextEnds = "next-ends": "1 when the block after ends a sentence or clause",
        NextDropped = "next-dropped": "1 when an earlier rule dropped the block after",
        DroppedNear = "dropped-near": "the share of the four blocks around it that earlier rules dropped",
        TextWords = "text-words": "ln(1 + words of the text)",
        LongestBlock = "longest-block": "ln(1 + words of the text's longest block)",
        ProseShare = "prose-share": "the share of the text's words in prose blocks",
    }
}

/// A line of at most this many words without sentence punctuation is short.
const SHORT_WORDS: usize = 4;

/// The probability of being content below which a line inside the body
/// goes (the threshold judges the lines before and after it), and below
/// which a prose line does not bound the body (unless it repeats the
/// bounding prose next to it but for its numbers).
const SURE_BOILERPLATE_INSIDE: f32 = 0.25;

/// The probability of being content that a block's margin is measured
/// from when the body's densest span is sought: a line judged less likely
/// weighs against the span by its words.
const SPAN_THRESHOLD: f32 = 0.4;

/// How far below nothing (in words times margin) the blocks between the
/// densest span's outermost prose and the prose beyond it must sum for the
/// body to end at the span: a long menu before a teaser ends the article,
/// a doubtful list item or two before its last paragraph do not, and nor
/// does a run of prose alone.
const CUT_MARGIN: f32 = 10.0;

/// The distance feature when there is no prose on that side.
const NO_PROSE: f32 = 5.0;

/// One row of [`TextFeature`]s.
pub(crate) type TextRow = [f32; TEXT_FEATURE_COUNT];

/// The model that ships with the crate.
const SHIPPED_TEXT_MODEL: &str = include_str!("text_lines.model");

/// In plain text, drops the lines a learned model judges to be boilerplate.
///
/// A small network (one hidden layer) reads, for each block still kept,
/// general features of its own words (length, sentence punctuation,
/// capitals, digits, separators, addresses, the share of it that
/// boilerplate phrases cover, how often the text repeats it) and of its
/// place: where it is in the text, how far the nearest prose is before and
/// after it, the run of short lines it is in, its neighbours' length and
/// punctuation, and whether earlier rules dropped them.
///
/// The text's body runs from the line before its first prose (a block of
/// ten words or more that ends a sentence: the line before is its title)
/// to its last prose; the title stays. Where the lines between its first
/// or last prose and the densest run of content (the span with the most
/// words judged likely content, less those judged not) weigh clearly
/// against it and hold something besides prose, the body stops at that run
/// instead: a teaser after a footer's menu is not the article's end.
/// Before and after the body, a line goes when its probability of being
/// content is below
/// [`threshold`](TextLineClassifier::threshold), and an edge that is mostly
/// boilerplate (what earlier rules dropped and what the model judges so) is
/// one region whose short lines go with it: a comment form's field labels,
/// a share bar's network names. Inside the body, only the lines the model
/// is sure of (below 0.25) go; prose never does, and a heading, "Yes." or a
/// list item stays. A text without prose is left alone, and so is HTML.
/// The weights ship in the crate (`src/rules/classifier/text_lines.model`)
/// and are trained, reproducibly, by the lab's `train-lines` program on
/// text made from the WCXB development pages (see CONTRIBUTING.md).
///
/// ```
/// use deboiler::{Cleaner, Input};
///
/// let text = "The council voted on Tuesday to rebuild the harbour wall before the winter.\n\n\
///     Work starts in May, and the quay will stay open to fishing boats throughout.\n\n\
///     Leave a Reply\n\nName *\n\nEmail *\n\nWebsite\n\nPost Comment";
/// let page = Cleaner::default().clean(Input::text(text))?;
/// assert!(page.text().ends_with("throughout."));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Name: `text-lines`.
#[derive(Debug, Clone)]
pub struct TextLineClassifier {
    model: Model,
    threshold: f32,
}

impl Default for TextLineClassifier {
    /// The shipped model, threshold 0.5.
    fn default() -> Self {
        TextLineClassifier::from_model_text(SHIPPED_TEXT_MODEL)
            .expect("the shipped text model is valid")
    }
}

impl TextLineClassifier {
    /// A classifier with a model in the text format the lab's trainer
    /// writes: one network naming the features it reads.
    ///
    /// # Errors
    ///
    /// [`BuildError::InvalidRule`] naming `text-lines` when the network
    /// reads other features than this code computes, or its weights are not
    /// numbers or not as many as its header says.
    pub fn from_model_text(text: &str) -> Result<TextLineClassifier, BuildError> {
        let network = read_network(text, &TEXT_FEATURE_NAMES).map_err(|e| match e {
            BuildError::InvalidRule {
                message, source, ..
            } => BuildError::InvalidRule {
                rule: "text-lines".to_string(),
                message,
                source,
            },
            other => other,
        })?;
        Ok(TextLineClassifier {
            model: Model::from(&network),
            threshold: 0.5,
        })
    }

    /// The probability of being content (0 to 1, default 0.5) below which
    /// a block goes.
    pub fn threshold(mut self, threshold: f32) -> Self {
        self.threshold = threshold;
        self
    }

    /// The features of each block still kept in a plain text, as `(block
    /// index, features)` rows: a training hook, behind the `training`
    /// feature (the rows' shape changes whenever the features do).
    #[cfg(feature = "training")]
    #[cfg_attr(docsrs, doc(cfg(feature = "training")))]
    pub fn features(page: &Page<'_>, judgement: &Judgement) -> Vec<(usize, TextRow)> {
        text_features(page, judgement)
    }

    /// The names of the features, in row order (a training hook, behind the
    /// `training` feature).
    #[cfg(feature = "training")]
    #[cfg_attr(docsrs, doc(cfg(feature = "training")))]
    pub fn feature_names() -> &'static [&'static str] {
        &TEXT_FEATURE_NAMES
    }
}

impl Rule for TextLineClassifier {
    fn name(&self) -> &str {
        "text-lines"
    }

    fn phase(&self) -> Phase {
        Phase::Region
    }

    fn apply(&self, page: &Page<'_>, judgement: &mut Judgement) {
        if page.is_html() {
            return;
        }
        let prose: Vec<bool> = (0..page.blocks.len())
            .map(|b| judgement.is_kept(b) && page.blocks[b].is_prose())
            .collect();
        if !prose.contains(&true) {
            return;
        }
        let verdicts: Vec<(usize, f32)> = text_features(page, judgement)
            .iter()
            .map(|(b, row)| (*b, self.model.predict(row)))
            .collect();
        // The body is bounded by prose the model does not reject outright
        // (a reader comment or a teaser after the article is prose too);
        // content is prose, or what the model judges content.
        let (mut bounds, mut content) = (prose.clone(), prose.clone());
        for &(b, p) in &verdicts {
            bounds[b] &= p >= SURE_BOILERPLATE_INSIDE;
            content[b] |= p >= self.threshold;
        }
        if !bounds.contains(&true) {
            bounds.clone_from(&prose);
        }
        // Prose that says what the prose next to it says but for its
        // numbers ("Paragraph 17: ... Figure 88123.") is the same series,
        // and bounds the body with it however the model doubts it by its
        // place (the last paragraph of a text looks like a comment).
        let series =
            |a: usize, b: usize| same_but_numbers(&page.blocks[a].text, &page.blocks[b].text);
        for b in 1..bounds.len() {
            bounds[b] |= prose[b] && bounds[b - 1] && series(b - 1, b);
        }
        for b in (0..bounds.len().saturating_sub(1)).rev() {
            bounds[b] |= prose[b] && bounds[b + 1] && series(b, b + 1);
        }
        let (Some(mut first), Some(mut last)) = (
            bounds.iter().position(|&p| p),
            bounds.iter().rposition(|&p| p),
        ) else {
            return;
        };
        // A body that runs on through a menu or a run of widget lines to a
        // teaser beyond them ends before them: at the densest span's prose,
        // where the blocks cut off weigh clearly against it.
        let margins = margins(page, &verdicts, SPAN_THRESHOLD);
        let span = densest_span(&margins);
        // Only a run that holds something besides prose (a menu, a widget's
        // lines, what earlier rules dropped) is cut off: prose after prose
        // is the article going on, however the model doubts it.
        let weighs_against = |blocks: std::ops::Range<usize>| {
            blocks.clone().any(|b| !prose[b]) && margins[blocks].iter().sum::<f32>() <= -CUT_MARGIN
        };
        if let Some(end) = span.clone().rev().find(|&b| bounds[b]) {
            if end < last && weighs_against(end + 1..last) {
                last = end;
            }
        }
        if let Some(start) = span.clone().find(|&b| bounds[b]) {
            if start > first && weighs_against(first + 1..start) {
                first = start;
            }
        }
        // The body runs from the line before its first such prose (its title,
        // which stays) to its last. Inside it only the lines the model is
        // sure of go: a heading, "Yes.", a list item stay; and so does a line
        // whose two neighbours are content, as jusText judges a doubtful line
        // by its neighbours: a table's row among its rows.
        let in_body = |b: usize| b + 1 >= first && b <= last;
        let is_content = |b: usize| judgement.is_kept(b) && content.get(b) == Some(&true);
        let between_content = |b: usize| b > 0 && is_content(b - 1) && is_content(b + 1);
        let sure_inside: Vec<(usize, f32)> = verdicts
            .iter()
            .copied()
            .filter(|&(b, p)| in_body(b) && !prose[b] && p < SURE_BOILERPLATE_INSIDE)
            .filter(|&(b, _)| b + 1 != first && !between_content(b))
            .collect();
        for (block, p) in sure_inside {
            judgement.drop_block(
                block,
                format!("inside the text, judged boilerplate by the line model (p = {p:.2})"),
            );
        }
        // Before and after the body, the threshold decides.
        let judged: Vec<(usize, f32)> =
            verdicts.into_iter().filter(|&(b, _)| !in_body(b)).collect();
        for (top, range) in [
            (true, 0..first.saturating_sub(1)),
            (false, last + 1..page.blocks.len()),
        ] {
            let edge: Vec<(usize, f32)> = judged
                .iter()
                .copied()
                .filter(|(b, _)| range.contains(b))
                .collect();
            // An edge that is mostly boilerplate (what earlier rules dropped
            // and what the model judges so) is one region: its short lines
            // go with it.
            let boilerplate =
                range.len() - edge.iter().filter(|&&(_, p)| p >= self.threshold).count();
            let region = 2 * boilerplate >= range.len();
            let side = if top { "before" } else { "after" };
            for (block, p) in edge {
                if p < self.threshold {
                    judgement.drop_block(
                        block,
                        format!("judged boilerplate by the line model (p = {p:.2})"),
                    );
                } else if region && is_short(&page.blocks[block]) {
                    judgement.drop_block(
                        block,
                        format!("a short line in the boilerplate {side} the text (p = {p:.2})"),
                    );
                }
            }
        }
    }
}

/// Whether two texts have the same words once their numbers are left out.
fn same_but_numbers(a: &str, b: &str) -> bool {
    fn lettered(text: &str) -> impl Iterator<Item = &str> {
        words(text)
            .map(move |r| &text[r])
            .filter(|w| !w.bytes().all(|c| c.is_ascii_digit()))
    }
    lettered(a).eq(lettered(b))
}

/// Each block's words times its probability of being content less
/// `threshold`; a block no verdict judges (one an earlier rule dropped)
/// weighs nothing.
fn margins(page: &Page<'_>, verdicts: &[(usize, f32)], threshold: f32) -> Vec<f32> {
    let mut margin = vec![0.0f32; page.blocks.len()];
    for &(b, p) in verdicts {
        margin[b] = (p - threshold) * page.blocks[b].words as f32;
    }
    margin
}

/// The run of blocks with the largest sum of margins (Kadane's scan).
fn densest_span(margins: &[f32]) -> std::ops::Range<usize> {
    let (mut best, mut best_sum) = (0..0, f32::MIN);
    let (mut start, mut sum) = (0, 0.0f32);
    for (b, &m) in margins.iter().enumerate() {
        if sum <= 0.0 {
            (start, sum) = (b, 0.0);
        }
        sum += m;
        if sum > best_sum {
            (best, best_sum) = (start..b + 1, sum);
        }
    }
    best
}

/// Whether `block` is a short line: [`SHORT_WORDS`] or fewer, without
/// sentence punctuation at its end.
fn is_short(block: &Block) -> bool {
    block.words <= SHORT_WORDS && !ends_clause(&block.text)
}

/// The features of each kept block of a plain text.
fn text_features(page: &Page<'_>, judgement: &Judgement) -> Vec<(usize, TextRow)> {
    if page.is_html() {
        return Vec::new();
    }
    let blocks = &page.blocks;
    let n = blocks.len();
    let kept: Vec<bool> = (0..n).map(|b| judgement.is_kept(b)).collect();
    let ends: Vec<bool> = blocks.iter().map(|b| ends_clause(&b.text)).collect();
    let prose: Vec<bool> = blocks.iter().map(Block::is_prose).collect();
    let short: Vec<bool> = blocks.iter().map(is_short).collect();
    // How many blocks share each block's words.
    let hashes: Vec<u64> = blocks
        .iter()
        .map(|b| hash_of(word_hashes(&b.text)))
        .collect();
    let mut counts: HashMap<u64, usize> = HashMap::default();
    for &h in &hashes {
        *counts.entry(h).or_default() += 1;
    }
    // Distances to the nearest prose block on each side.
    let mut before = vec![None; n];
    let mut last = None;
    for b in 0..n {
        before[b] = last.map(|p: usize| b - p);
        if prose[b] {
            last = Some(b);
        }
    }
    let mut after = vec![None; n];
    let mut next = None;
    for b in (0..n).rev() {
        after[b] = next.map(|p: usize| p - b);
        if prose[b] {
            next = Some(b);
        }
    }
    // The run of short lines each block is in.
    let mut run = vec![0usize; n];
    let mut start = 0;
    while start < n {
        if !short[start] {
            start += 1;
            continue;
        }
        let end = (start..n).find(|&b| !short[b]).unwrap_or(n);
        for r in &mut run[start..end] {
            *r = end - start;
        }
        start = end;
    }
    let total: usize = blocks.iter().map(|b| b.words).sum();
    let longest = blocks.iter().map(|b| b.words).max().unwrap_or(0);
    let prose_words: usize = (0..n).filter(|&b| prose[b]).map(|b| blocks[b].words).sum();
    let ln1 = |x: f32| x.ln_1p();
    let distance = |d: Option<usize>| d.map_or(NO_PROSE, |d| ln1(d as f32));
    let flag = |b: bool| f32::from(u8::from(b));

    (0..n)
        .filter(|&b| kept[b])
        .map(|b| {
            use TextFeature::*;
            let block = &blocks[b];
            let text = &block.text;
            let mut row = [0.0f32; TEXT_FEATURE_COUNT];
            let mut put = |feature: TextFeature, value: f32| row[feature as usize] = value;
            let words = block.words.max(1) as f32;
            let (mut chars, mut letters, mut capitals, mut separators) =
                (0usize, 0usize, 0usize, 0usize);
            for c in text.chars() {
                chars += 1;
                letters += usize::from(c.is_alphabetic());
                capitals += usize::from(c.is_uppercase());
                separators += usize::from(matches!(c, '|' | '•' | '·' | '/' | '>' | '»'));
            }
            let chars = chars.max(1) as f32;
            let letters = letters.max(1) as f32;
            let (capitals, separators) = (capitals as f32, separators as f32);
            let (punctuation, digits) = punctuation_and_digits(text);
            put(Words, ln1(block.words as f32));
            put(EndsClause, flag(ends[b]));
            put(EndsColon, flag(text.trim_end().ends_with(':')));
            put(
                StartsCapital,
                flag(
                    text.chars()
                        .find(|c| c.is_alphabetic())
                        .is_some_and(char::is_uppercase),
                ),
            );
            put(Capitals, capitals / letters);
            put(Digits, digits as f32 / chars);
            put(Punctuation, punctuation as f32 / words);
            put(Separators, separators / words);
            put(
                Address,
                flag(text.contains("http") || text.contains("www.") || text.contains('@')),
            );
            put(Heading, flag(matches!(block.kind, BlockKind::Heading(_))));
            put(ListItem, flag(block.kind == BlockKind::ListItem));
            if let Some(hits) = page.phrase_hits(b, judgement) {
                put(
                    PhraseShare,
                    hits.covered_words() as f32 / hits.words().max(1) as f32,
                );
                put(PhraseMarkers, ln1(hits.markers() as f32));
            }
            put(Repeats, ln1((counts[&hashes[b]] - 1) as f32));
            put(Position, b as f32 / (n.max(2) - 1) as f32);
            put(FromStart, ln1(b as f32));
            put(FromEnd, ln1((n - 1 - b) as f32));
            put(ProseBefore, distance(before[b]));
            put(ProseAfter, distance(after[b]));
            put(ShortRun, ln1(run[b] as f32));
            if b > 0 {
                put(PreviousWords, ln1(blocks[b - 1].words as f32));
                put(PreviousEnds, flag(ends[b - 1]));
                put(PreviousDropped, flag(!kept[b - 1]));
            }
            if b + 1 < n {
                put(NextWords, ln1(blocks[b + 1].words as f32));
                put(NextEnds, flag(ends[b + 1]));
                put(NextDropped, flag(!kept[b + 1]));
            }
            // The up to four blocks around it, two on each side.
            let near = (b.saturating_sub(2)..(b + 3).min(n)).filter(|&x| x != b);
            let (around, dropped) = near.fold((0usize, 0usize), |(all, out), x| {
                (all + 1, out + usize::from(!kept[x]))
            });
            put(DroppedNear, dropped as f32 / around.max(1) as f32);
            put(TextWords, ln1(total as f32));
            put(LongestBlock, ln1(longest as f32));
            put(ProseShare, prose_words as f32 / total.max(1) as f32);
            (b, row)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Cleaner, RuleSet};

    /// A model of one hidden unit: `weights` on the features, then its
    /// bias, its output weight and the output's bias.
    fn model(weights: &[f32], hidden_bias: f32, output: f32, bias: f32) -> TextLineClassifier {
        let n = TEXT_FEATURE_COUNT;
        let numbers: Vec<String> = [vec![0.0; n], vec![1.0; n], weights.to_vec()]
            .concat()
            .into_iter()
            .chain([hidden_bias, output, bias])
            .map(|x| x.to_string())
            .collect();
        let text = format!(
            "deboiler-model features={n} hidden=1 names={}\n{}\n",
            TEXT_FEATURE_NAMES.join(","),
            numbers.join(" ")
        );
        TextLineClassifier::from_model_text(&text).expect("a valid model")
    }

    /// A model that doubts every line alike: p = sigmoid(-3), about 0.05.
    fn doubting_every_line() -> TextLineClassifier {
        model(&[0.0; TEXT_FEATURE_COUNT], 0.0, 0.0, -3.0)
    }

    fn cleaned(classifier: TextLineClassifier, lines: &[&str]) -> Vec<String> {
        let cleaner = Cleaner::builder()
            .rules(RuleSet::empty().with(classifier))
            .build()
            .unwrap();
        let page = cleaner.clean(lines.join("\n\n").as_str()).unwrap();
        page.blocks().iter().map(|b| b.text().to_string()).collect()
    }

    #[test]
    fn a_doubted_line_inside_the_body_stays_between_lines_that_stay() {
        let prose = [
            "The council voted on Tuesday to build a cycle path along the river.",
            "Work starts in the autumn and should be finished by the spring.",
            "The path will be four metres wide and lit at night for everyone.",
        ];
        let lines = [prose[0], "Why now?", prose[1], "Menu", "Search", prose[2]];
        // Between two prose lines the doubted line stays; a run of doubted
        // lines has no neighbour that stays on one side, and goes.
        assert_eq!(
            cleaned(doubting_every_line(), &lines),
            [prose[0], "Why now?", prose[1], prose[2]]
        );
    }

    #[test]
    fn prose_the_model_rejects_after_the_article_does_not_stretch_the_body() {
        // Content in the first half of the text, boilerplate after it.
        let mut weights = [0.0; TEXT_FEATURE_COUNT];
        weights[TextFeature::Position as usize] = -20.0;
        let by_position = model(&weights, 13.0, 5.0, 0.0);
        let article = [
            "The council voted on Tuesday to build a cycle path along the river.",
            "Work starts in the autumn and should be finished by the spring.",
            "The path will be four metres wide and lit at night for everyone.",
            "Cyclists will share it with people on foot and with the odd dog.",
            "The council will publish the plans at the town hall next month.",
        ];
        let comments = [
            "Great news, I have waited for this path for years and years now.",
            "Reply",
            "Agreed, though I doubt it will be finished by the spring at all.",
        ];
        let lines: Vec<&str> = article.iter().chain(&comments).copied().collect();
        assert_eq!(cleaned(by_position, &lines), article);
    }

    #[test]
    fn a_long_run_of_doubted_lines_ends_the_body_before_prose_beyond_it() {
        // Prose (ln(1 + words) about 2.6) is judged content (p about 0.8),
        // a line of two words (about 1.1) doubtful (p about 0.27): above the
        // 0.25 that lets a line go inside the body, below the span's 0.4.
        let mut weights = [0.0; TEXT_FEATURE_COUNT];
        weights[TextFeature::Words as usize] = 3.0;
        let by_length = model(&weights, -5.4, 1.2, 0.16);
        let article = [
            "The council voted on Tuesday to build a cycle path along the river.",
            "Work starts in the autumn and should be finished by the spring.",
            "The path will be four metres wide and lit at night for everyone.",
        ];
        let menu: Vec<String> = (1..=50).map(|n| format!("Section {n}")).collect();
        let teaser = "Read how a small team moved its whole shop to a new town in a week.";
        let lines: Vec<&str> = article
            .iter()
            .copied()
            .chain(menu.iter().map(String::as_str))
            .chain([teaser])
            .collect();
        // The menu is not inside the body, so the threshold judges it and
        // it goes; the teaser, which the model judges content, stays.
        let expected: Vec<&str> = article.iter().copied().chain([teaser]).collect();
        assert_eq!(cleaned(by_length, &lines), expected);
    }

    #[test]
    fn prose_after_prose_stays_however_the_model_doubts_it() {
        // Every line judged p = 0.3: above the 0.25 that lets a line go
        // inside the body, below the span's 0.4, so the densest span is one
        // paragraph; with nothing but prose around it, the body is all of it.
        let doubting = model(&[0.0; TEXT_FEATURE_COUNT], 0.0, 0.0, -0.847);
        let paragraphs: Vec<String> = (1..=20)
            .map(|n| format!("Paragraph {n}: the measured value stays within the expected range."))
            .collect();
        let lines: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
        assert_eq!(cleaned(doubting, &lines), lines);
    }
}
