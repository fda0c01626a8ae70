//! A learned block classifier: content or boilerplate, from general features
//! of a block and its surroundings.
//!
//! Small neural networks (one hidden layer each) judge every block. The
//! first of a pair reads [`FEATURE_COUNT`] features that hold on any site
//! and in any language: the block's length, link density, punctuation and
//! kind; where it sits (landmarks, class and id words of its ancestors,
//! depth, position); its neighbours; whether it is inside the region
//! [`MainContent`](crate::rules::MainContent) would choose; how many blocks share its place in the
//! template (listings); and the page's own link density, length and share
//! of words under comment classes (a discussion page). The
//! second reads the same features plus [`CONTEXT_FEATURE_COUNT`] more, made
//! of the first network's verdicts on the block's neighbours and on the
//! blocks that share its parent, its grandparent element or its place in
//! the template (the other cards of a listing), so that a block is
//! judged with its context (a short line inside a run of content is content).
//! The model is an ensemble of such pairs trained from different seeds; a
//! block's probability of being content is the mean of the pairs' verdicts.
//! A third kind of network, one per model, reads [`PAGE_FEATURE_COUNT`]
//! features of the whole page (its length, link density, how much of it
//! the main region, prose, lists, tables, repeated templates and comments
//! hold, its longest block, its dates and top headings, the types it
//! declares) and says whether the page is an article
//! ([`Page::article_probability`]), for
//! [`ArticleBody`](crate::rules::ArticleBody).
//! The weights ship in the crate (`src/rules/classifier/classifier.model`) and are
//! trained, reproducibly, by the lab's `train` program (see CONTRIBUTING.md).
//!
//! The parts: this module holds the rule and its decision; [`features`]
//! the named table of what the networks read; [`layout`] the blocks'
//! context; [`model`] the model file, which the trainer writes with the same
//! code; [`network`] inference.

/// Declares a table of features: an enum naming each (its index is its
/// place in a row, its doc comment what it measures), the number of them,
/// and each one's name as model files record it.
macro_rules! feature_table {
    ($(#[$doc:meta])* $table:ident, $count:ident, $names:ident {
        $($feature:ident = $name:literal: $meaning:literal,)*
    }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum $table {
            $(#[doc = $meaning] $feature,)*
        }

        /// How many features the table has.
        pub const $count: usize = [$($name),*].len();

        /// The features' names, in row order, as model files record them.
        pub(crate) const $names: [&str; $count] = [$($name),*];
    };
}

mod features;
mod layout;
#[cfg(feature = "training")]
pub mod model;
#[cfg(not(feature = "training"))]
mod model;
mod network;
mod text_lines;

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use crate::error::BuildError;
use crate::page::{Judgement, Page};
use crate::rules::main_content::drop_outside;
use crate::rules::{Contribution, Phase, Rule};
use crate::vocabulary::words::PROSE_WORDS;

pub use features::{CONTEXT_FEATURE_COUNT, FEATURE_COUNT};
// The trainers' (and these docs') sizes of the page and line features.
#[cfg(any(feature = "training", doc))]
pub use features::PAGE_FEATURE_COUNT;
pub use layout::Layout;
use network::Model;
#[cfg(any(feature = "training", doc))]
pub use text_lines::TEXT_FEATURE_COUNT;
pub use text_lines::TextLineClassifier;

/// The model that ships with the crate.
const SHIPPED_MODEL: &str = include_str!("classifier.model");

/// Keeps the blocks a learned model judges to be content, and drops the
/// others. Each block gets a probability of being content; the page's
/// cutoff is the one that maximises its expected word F1 (so a page with a
/// long, sure article drops the doubtful short blocks around it), and never
/// below [`threshold`](ContentClassifier::threshold) unless no block reaches
/// it (then the expected-F1 cutoff alone keeps the likeliest blocks rather
/// than none). On a page whose text is
/// all short links (navigation), it drops everything; on a page with three
/// blocks of text or fewer, the region [`MainContent`](crate::rules::MainContent) chooses is kept
/// instead. It has no effect on plain text.
///
/// Name: `content-classifier`.
#[derive(Debug, Clone)]
pub struct ContentClassifier {
    /// Pairs of networks (block, context), trained from different seeds;
    /// their verdicts are averaged.
    networks: Arc<[(Model, Model)]>,
    /// Say whether a page is an article; their verdicts are averaged.
    page_networks: Arc<[Model]>,
    threshold: f32,
}

/// What the networks read of a page, for training: `(block index, block
/// features)` rows, the blocks' layout, and the page's features.
#[cfg(feature = "training")]
pub type TrainingRows = (
    Vec<(usize, [f32; FEATURE_COUNT])>,
    Layout,
    [f32; PAGE_FEATURE_COUNT],
);

/// What a classifier makes of a page.
#[derive(Debug)]
pub(crate) struct Probabilities {
    /// Per block, the probability that it is content (`None` for the
    /// blocks dropped before the Region phase).
    pub blocks: Vec<Option<f32>>,
    /// The probability that the page is an article.
    pub article: f32,
}

impl Default for ContentClassifier {
    /// The shipped model, threshold 0.3.
    fn default() -> Self {
        ContentClassifier::from_model_text(SHIPPED_MODEL).expect("the shipped model is valid")
    }
}

impl ContentClassifier {
    /// A classifier with a model in the text format the lab's trainer
    /// writes: pairs of networks, each a block network then a context
    /// network, each naming the features it reads.
    ///
    /// # Errors
    ///
    /// [`BuildError::InvalidRule`] naming `content-classifier` when the text
    /// is not pairs of networks; when a network names no features, or reads
    /// other features than this code computes (a model trained for another
    /// version: the message names the first feature that differs); when its
    /// hidden layer is missing or wider than 64; or when its weights are not
    /// numbers (the parse error is the source), or not as many as its
    /// header says.
    pub fn from_model_text(text: &str) -> Result<ContentClassifier, BuildError> {
        let read = model::read(text)?;
        let networks = read
            .pairs
            .iter()
            .map(|(block, context)| (Model::from(block), Model::from(context)))
            .collect::<Vec<_>>();
        Ok(ContentClassifier {
            networks: networks.into(),
            page_networks: read.pages.iter().map(Model::from).collect(),
            threshold: 0.3,
        })
    }

    /// The probability (0 to 1, default 0.3) below which a block is never
    /// content, whatever the page's expected-F1 cutoff.
    pub fn threshold(mut self, threshold: f32) -> Self {
        self.threshold = threshold;
        self
    }

    /// What the networks read of the blocks kept when the Region phase
    /// started, for training a model: `(block index, features)` rows, where
    /// the blocks sit relative to each other (for
    /// [`Layout::context_features`]), and what the page network reads of
    /// the page; nothing before that phase.
    ///
    /// A training hook, behind the `training` feature: the rows' shape
    /// changes whenever the features do.
    #[cfg(feature = "training")]
    #[cfg_attr(docsrs, doc(cfg(feature = "training")))]
    pub fn features(page: &Page<'_>, judgement: &Judgement) -> Option<TrainingRows> {
        let (kept, rows, layout) = Self::rows(page, judgement)?;
        let page_row = features::page_features(page, kept, &rows, &layout);
        Some((kept.iter().copied().zip(rows).collect(), layout, page_row))
    }

    /// The blocks the classifier judges (those kept when the Region phase
    /// started), their features and their layout.
    fn rows<'j>(
        page: &Page<'_>,
        judgement: &'j Judgement,
    ) -> Option<(&'j [usize], Vec<features::Row>, Layout)> {
        let kept = judgement.region_start.as_deref()?;
        let words = page.region_words(judgement)?;
        let region = page.main_region_element(judgement);
        let layout = Layout::new(page, kept);
        let rows = features::features(page, judgement, kept, words, region, &layout);
        Some((kept, rows, layout))
    }

    /// The names of the features the block networks read, in row order
    /// (a training hook, behind the `training` feature).
    #[cfg(feature = "training")]
    #[cfg_attr(docsrs, doc(cfg(feature = "training")))]
    pub fn feature_names() -> &'static [&'static str] {
        &features::FEATURE_NAMES
    }

    /// The names of the features the context networks read, in row order
    /// (a training hook, behind the `training` feature).
    #[cfg(feature = "training")]
    #[cfg_attr(docsrs, doc(cfg(feature = "training")))]
    pub fn context_network_feature_names() -> Vec<&'static str> {
        model::context_network_features()
    }

    /// The names of the features the page network reads, in row order
    /// (a training hook, behind the `training` feature).
    #[cfg(feature = "training")]
    #[cfg_attr(docsrs, doc(cfg(feature = "training")))]
    pub fn page_feature_names() -> &'static [&'static str] {
        &features::PAGE_FEATURE_NAMES
    }

    /// The probability of being content of each block kept when the Region
    /// phase started (the mean of the network pairs' verdicts), and of the
    /// page being an article; `None` before that phase.
    pub(crate) fn probabilities(
        &self,
        page: &Page<'_>,
        judgement: &Judgement,
    ) -> Option<Probabilities> {
        let (kept, rows, layout) = Self::rows(page, judgement)?;
        let mut sums = vec![0.0f32; kept.len()];
        let mut input = Vec::with_capacity(FEATURE_COUNT + CONTEXT_FEATURE_COUNT);
        for (blocks, context) in self.networks.iter() {
            let first: Vec<f32> = rows.iter().map(|row| blocks.predict(row)).collect();
            for ((sum, row), extra) in sums
                .iter_mut()
                .zip(&rows)
                .zip(layout.context_features(&first))
            {
                input.clear();
                input.extend_from_slice(row);
                input.extend_from_slice(&extra);
                *sum += context.predict(&input);
            }
        }
        let count = self.networks.len() as f32;
        let mut blocks = vec![None; page.blocks.len()];
        for (&block, sum) in kept.iter().zip(sums) {
            blocks[block] = Some(sum / count);
        }
        let page_row = features::page_features(page, kept, &rows, &layout);
        Some(Probabilities {
            blocks,
            article: self
                .page_networks
                .iter()
                .map(|network| network.predict(&page_row))
                .sum::<f32>()
                / self.page_networks.len() as f32,
        })
    }
}

impl Rule for ContentClassifier {
    fn name(&self) -> &str {
        "content-classifier"
    }

    fn phase(&self) -> Phase {
        Phase::Region
    }

    fn contribution(&self) -> Option<Contribution<'_>> {
        Some(Contribution::Classifier(self))
    }

    fn apply(&self, page: &Page<'_>, judgement: &mut Judgement) {
        if !page.is_html() {
            return;
        }
        let kept: Vec<usize> = judgement.kept().collect();
        let navigation_only = kept.iter().all(|&b| {
            let block = &page.blocks[b];
            block.link_density() >= 0.5 && block.words < NAVIGATION_WORDS
        });
        if navigation_only {
            for block in kept {
                judgement.drop_block(block, "no content: the page is navigation only");
            }
            return;
        }
        let prose = kept
            .iter()
            .filter(|&&b| page.blocks[b].link_density() < 0.5)
            .count();
        let decisive_region = page.main_region(judgement).filter(|region| {
            prose <= SMALL_PAGE_BLOCKS && region.share_of_words() >= SMALL_PAGE_REGION_SHARE
        });
        if let Some(region) = decisive_region {
            // The page is too small for the model to judge by context: the
            // main-content region decides.
            drop_outside(page, judgement, &kept, region.element());
            return;
        }
        // The verdicts every rule shares, when this is the set's classifier
        // for the page; else (a classifier wrapped in a rule of one's own)
        // its own.
        let shared = page
            .engine
            .classifier(&page.active)
            .is_some_and(|c| std::ptr::eq(c, self));
        let own = (!shared)
            .then(|| self.probabilities(page, judgement))
            .flatten();
        let probability = |b: usize| match &own {
            Some(own) => own.blocks.get(b).copied().flatten(),
            None => page.content_probability(b, judgement),
        };
        let words: Vec<f32> = kept
            .iter()
            .map(|&b| page.blocks[b].words.max(1) as f32)
            .collect();
        let probabilities = by_table_row(
            page,
            &kept,
            kept.iter()
                .map(|&b| probability(b).unwrap_or(0.0))
                .collect(),
            &words,
        );
        let prose: Vec<bool> = kept
            .iter()
            .map(|&b| page.blocks[b].words >= PROSE_WORDS && page.blocks[b].link_density() < 0.5)
            .collect();
        let cutoff = page_cutoff(&probabilities, &words, &prose, self.threshold);
        for (&block, &p) in kept.iter().zip(&probabilities) {
            if p < cutoff {
                let reason =
                    format!("classified as boilerplate (p = {p:.2}, page cutoff {cutoff:.2})");
                judgement.drop_block(block, reason);
            }
        }
    }
}

/// The page's cutoff: the expected-F1 cutoff, and never below `threshold`;
/// but a page the model doubts throughout (no block reaches the threshold)
/// whose likeliest blocks, as the expected F1 chooses them, hold prose (a
/// forum post the model is unsure of) keeps those, rather than none. A page
/// of doubtful menu lines and headings alone still keeps nothing.
fn page_cutoff(probabilities: &[f32], words: &[f32], prose: &[bool], threshold: f32) -> f32 {
    let best = best_f1_cutoff(probabilities, words);
    let doubted_throughout = probabilities.iter().all(|&p| p < threshold);
    let likeliest_hold_prose = probabilities
        .iter()
        .zip(prose)
        .any(|(&p, &prose)| prose && p >= best);
    if doubted_throughout && likeliest_hold_prose {
        best
    } else {
        best.max(threshold)
    }
}

/// The probability cutoff that maximises a page's expected word F1, given
/// each block's probability of being content and its words: blocks are
/// taken most probable first, and the cutoff is the probability of the last
/// block taken when the expected F1 was highest. (Expected true positives
/// are the taken blocks' probable words; the expected reference is all
/// blocks' probable words.)
fn best_f1_cutoff(probabilities: &[f32], words: &[f32]) -> f32 {
    let mut order: Vec<usize> = (0..probabilities.len()).collect();
    order.sort_by(|&a, &b| probabilities[b].total_cmp(&probabilities[a]));
    let expected_truth: f32 = probabilities.iter().zip(words).map(|(p, w)| p * w).sum();
    let (mut hits, mut taken) = (0.0, 0.0);
    let (mut best, mut cutoff) = (0.0, 1.01);
    for &i in &order {
        hits += probabilities[i] * words[i];
        taken += words[i];
        let f1 = 2.0 * hits / (taken + expected_truth);
        if f1 > best {
            best = f1;
            cutoff = probabilities[i];
        }
    }
    cutoff
}

/// Links with fewer words than this are navigation (titles of listed items
/// are longer).
const NAVIGATION_WORDS: usize = 5;

/// Pages with at most this many blocks of text outside links are judged by
/// the main-content region alone: the networks learned from context, and a
/// page this small has none.
const SMALL_PAGE_BLOCKS: usize = 3;

/// ... unless the region holds less than this share of the page's words: on
/// a page of linked titles (a small listing) the region is a heading, and the
/// networks judge the rest.
const SMALL_PAGE_REGION_SHARE: f32 = 0.25;

/// The cells of a table row share one verdict: the mean of their
/// probabilities, weighted by words. A row is the table's unit: a row kept
/// without its number or its price says something else. A table's first
/// row, when its markup says it is the header (`<thead>`, `<th>`), is as
/// likely content as the row under it: the names
/// of the columns ("Rank", "Price") look like menu words, yet a table kept
/// without them is figures without meaning.
fn by_table_row(
    page: &Page<'_>,
    kept: &[usize],
    mut probabilities: Vec<f32>,
    words: &[f32],
) -> Vec<f32> {
    /// A row's probability sums, then its verdict.
    #[derive(Default)]
    struct Row {
        weighted: f32,
        words: f32,
        header: bool,
    }
    let row_of: Vec<Option<usize>> = kept.iter().map(|&b| page.table_row(b)).collect();
    let mut rows: HashMap<usize, Row> = HashMap::default();
    // Per table: its first two rows, in page order.
    let mut first_rows: HashMap<usize, Vec<usize>> = HashMap::default();
    for (at, row) in row_of.iter().enumerate() {
        let Some(row) = *row else { continue };
        let sums = rows.entry(row).or_insert_with(|| {
            let element = page.blocks[kept[at]].element;
            if let Some(table) = page.table_around(element) {
                let first = first_rows.entry(table).or_default();
                if first.len() < 2 {
                    first.push(row);
                }
            }
            let cell = page.cell_around(element);
            Row {
                header: cell.is_some_and(|cell| page.is_header_cell(cell)),
                ..Row::default()
            }
        });
        sums.weighted += probabilities[at] * words[at];
        sums.words += words[at];
    }
    let verdict = |row: &Row| row.weighted / row.words;
    let mut lifted: HashMap<usize, f32> = HashMap::default();
    for first in first_rows.values() {
        if let [header, below] = first[..]
            && rows[&header].header
        {
            lifted.insert(header, verdict(&rows[&header]).max(verdict(&rows[&below])));
        }
    }
    for (at, row) in row_of.iter().enumerate() {
        if let Some(row) = row {
            probabilities[at] = lifted
                .get(row)
                .copied()
                .unwrap_or_else(|| verdict(&rows[row]));
        }
    }
    probabilities
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_model_loads_and_bad_models_are_refused() {
        let _ = ContentClassifier::default();
        assert!(
            ContentClassifier::from_model_text("deboiler-model features=3 hidden=1\n1 2").is_err()
        );
        let names = features::FEATURE_NAMES.join(",");
        let header = format!("deboiler-model features={FEATURE_COUNT} hidden=1 names={names}\n");
        assert!(ContentClassifier::from_model_text(&(header + "1 2 3")).is_err());
        assert!(ContentClassifier::from_model_text("").is_err());
        // Networks come in pairs: a block network alone is refused.
        let first_network = SHIPPED_MODEL
            .match_indices("deboiler-model")
            .nth(1)
            .map(|(at, _)| &SHIPPED_MODEL[..at])
            .expect("the shipped model has several networks");
        assert!(ContentClassifier::from_model_text(first_network).is_err());
    }

    #[test]
    fn a_model_for_other_features_is_refused_with_the_feature_named() {
        let renamed = SHIPPED_MODEL.replacen("link-density", "link-share", 1);
        let error = ContentClassifier::from_model_text(&renamed).unwrap_err();
        let message = error.to_string();
        assert!(message.contains("content-classifier"), "{message}");
        assert!(
            message.contains("`link-share`") && message.contains("`link-density`"),
            "{message}"
        );
        let unnamed = SHIPPED_MODEL.replace(" names=", " nameless=");
        assert!(ContentClassifier::from_model_text(&unnamed).is_err());
    }

    #[test]
    fn the_cutoff_maximises_the_expected_f1() {
        // Two sure blocks, then a short doubtful one and a long doubtful
        // one: taking the long one costs more expected precision than it
        // brings recall, and the short one does not pay for itself either.
        let cutoff = best_f1_cutoff(&[0.9, 0.8, 0.35, 0.32], &[100.0, 100.0, 5.0, 200.0]);
        assert_eq!(cutoff, 0.8);
        // All sure: all taken.
        assert_eq!(best_f1_cutoff(&[0.95, 0.9], &[10.0, 10.0]), 0.9);
        // Nothing to take: a cutoff above every probability.
        assert!(best_f1_cutoff(&[], &[]) > 1.0);
    }

    #[test]
    fn the_threshold_holds_unless_no_block_reaches_it_and_prose_is_doubted() {
        let words = [120.0, 5.0, 5.0];
        let prose = [true, false, false];
        // A forum post the model doubts, among short menu lines: it stays.
        assert_eq!(page_cutoff(&[0.24, 0.04, 0.02], &words, &prose, 0.3), 0.24);
        // Doubtful menu lines alone do not.
        let menu = [false; 3];
        assert_eq!(page_cutoff(&[0.24, 0.04, 0.02], &words, &menu, 0.3), 0.3);
        // Once a block is sure enough, the doubtful ones go.
        assert_eq!(page_cutoff(&[0.9, 0.24, 0.02], &words, &prose, 0.3), 0.9);
        let cutoff = page_cutoff(&[0.9, 0.85, 0.02], &[5.0, 5.0, 120.0], &prose, 0.3);
        assert_eq!(cutoff, 0.85);
    }

    /// Records the features the classifier would read.
    struct Probe(std::sync::Arc<std::sync::Mutex<Vec<[f32; FEATURE_COUNT]>>>);

    impl Rule for Probe {
        fn name(&self) -> &str {
            "probe"
        }
        fn phase(&self) -> Phase {
            Phase::Region
        }
        fn apply(&self, page: &Page<'_>, judgement: &mut Judgement) {
            let kept: Vec<usize> = judgement.kept().collect();
            let layout = Layout::new(page, &kept);
            let words = page.word_counts(&kept);
            *self.0.lock().unwrap() =
                features::features(page, judgement, &kept, &words, None, &layout);
        }
    }

    #[test]
    fn a_rows_cells_share_its_verdict_and_a_marked_header_follows_the_row_below() {
        let verdicts = |html: &str, probabilities: Vec<f32>| -> Vec<f32> {
            crate::rules::read_page(html, |page| {
                let kept: Vec<usize> = (0..page.blocks.len()).collect();
                let words = vec![1.0; kept.len()];
                by_table_row(page, &kept, probabilities, &words)
            })
        };
        let body = "<tr><td>Acme</td><td>$3.2B</td></tr><tr><td>Bolt</td><td>$1.1B</td></tr>";
        let marked = format!(
            "<body><table><thead><tr><th>Company</th><th>Revenue</th></tr></thead>{body}</table></body>"
        );
        let got = verdicts(&marked, vec![0.2, 0.2, 0.9, 0.5, 0.4, 0.4]);
        let want = [0.7, 0.7, 0.7, 0.7, 0.4, 0.4];
        assert!(
            got.iter().zip(want).all(|(g, w)| (g - w).abs() < 1e-6),
            "{got:?}"
        );
        // A first row the markup does not call a header keeps its own.
        let unmarked =
            format!("<body><table><tr><td>Company</td><td>Revenue</td></tr>{body}</table></body>");
        let got = verdicts(&unmarked, vec![0.2, 0.2, 0.9, 0.5, 0.4, 0.4]);
        assert!((got[0] - 0.2).abs() < 1e-6, "{got:?}");
    }

    #[test]
    fn comment_share_is_the_share_of_words_under_comment_classes() {
        let rows = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let html = "<body><p>one two three four five six seven eight</p>\
                    <div class=commentList><p>a b</p></div>\
                    <div class=replies><p>c d e f g h</p></div></body>";
        crate::rules::clean_with(Probe(rows.clone()), html);
        let rows = rows.lock().unwrap();
        assert_eq!(rows.len(), 3);
        for row in rows.iter() {
            let share = row[features::Feature::CommentShare as usize];
            assert!((share - 0.5).abs() < 1e-6, "{share}");
        }
    }
}
