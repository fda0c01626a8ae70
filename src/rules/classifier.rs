//! A learned block classifier: content or boilerplate, from general features
//! of a block and its surroundings.
//!
//! Small neural networks (one hidden layer each) judge every block. The
//! first of a pair reads [`FEATURE_COUNT`] features that hold on any site
//! and in any language: the block's length, link density, punctuation and
//! kind; where it sits (landmarks, class and id words of its ancestors,
//! depth, position); its neighbours; whether it is inside the region
//! [`MainContent`] would choose; how many blocks share its place in the
//! template (listings); and the page's own link density, length and share
//! of words under comment classes (a discussion page). The
//! second reads the same features plus [`CONTEXT_FEATURE_COUNT`] more, made
//! of the first network's verdicts on the block's neighbours and on the
//! blocks that share its parent, its grandparent element or its place in
//! the template (the other cards of a listing), so that a block is
//! judged with its context (a short line inside a run of content is content).
//! The model is an ensemble of such pairs trained from different seeds; a
//! block's probability of being content is the mean of the pairs' verdicts.
//! The weights ship in the crate (`src/rules/classifier.model`) and are
//! trained, reproducibly, by `examples/train_classifier.rs` (see the README).

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap as HashMap, FxHasher};
use std::sync::Arc;

use once_cell::sync::Lazy;

use crate::block::BlockKind;
use crate::error::BuildError;
use crate::page::{Flags, Judgement, Page, any_class_word};
use crate::rules::main_content::drop_outside;
use crate::rules::{MainContent, Phase, Rule};

/// The number of features the first network reads per block.
pub const FEATURE_COUNT: usize = 39;

/// The number of context features the second network reads on top.
pub const CONTEXT_FEATURE_COUNT: usize = 9;

/// The model that ships with the crate.
const SHIPPED_MODEL: &str = include_str!("classifier.model");

/// Keeps the blocks a learned model judges to be content, and drops the
/// others. Each block gets a probability of being content; the page's
/// cutoff is the one that maximises its expected word F1 (so a page with a
/// long, sure article drops the doubtful short blocks around it), and never
/// below [`threshold`](ContentClassifier::threshold). On a page whose text is
/// all short links (navigation), it drops everything; on a page with three
/// blocks of text or fewer, the region [`MainContent`] chooses is kept
/// instead. It has no effect on plain text.
///
/// Name: `content-classifier`.
#[derive(Debug, Clone)]
pub struct ContentClassifier {
    /// Pairs of networks (block, context), trained from different seeds;
    /// their verdicts are averaged.
    networks: Arc<[(Model, Model)]>,
    threshold: f32,
}

impl Default for ContentClassifier {
    /// The shipped model, threshold 0.3.
    fn default() -> Self {
        ContentClassifier::from_model_text(SHIPPED_MODEL).expect("the shipped model is valid")
    }
}

impl ContentClassifier {
    /// A classifier with models in the text format that
    /// `examples/train_classifier.rs` writes: pairs of networks, each a
    /// block network then a context network.
    ///
    /// # Errors
    ///
    /// [`BuildError::InvalidRule`] when the text is not pairs of networks for
    /// [`FEATURE_COUNT`] and [`FEATURE_COUNT`] + [`CONTEXT_FEATURE_COUNT`]
    /// features.
    pub fn from_model_text(text: &str) -> Result<ContentClassifier, BuildError> {
        let sections: Vec<&str> = text
            .split("deboiler-model")
            .filter(|s| !s.trim().is_empty())
            .collect();
        if sections.is_empty() || sections.len() % 2 != 0 {
            return Err(invalid_model(
                "pairs of networks (block, context) expected".to_string(),
            ));
        }
        let networks = sections
            .chunks(2)
            .map(|pair| {
                Ok((
                    Model::parse(pair[0], FEATURE_COUNT)?,
                    Model::parse(pair[1], FEATURE_COUNT + CONTEXT_FEATURE_COUNT)?,
                ))
            })
            .collect::<Result<Vec<_>, BuildError>>()?;
        Ok(ContentClassifier {
            networks: networks.into(),
            threshold: 0.3,
        })
    }

    /// The probability (0 to 1, default 0.3) below which a block is never
    /// content, whatever the page's expected-F1 cutoff.
    pub fn threshold(mut self, threshold: f32) -> Self {
        self.threshold = threshold;
        self
    }

    /// What the networks read of the blocks still kept, for training a
    /// model: `(block index, features)` rows, and where the blocks sit
    /// relative to each other (for [`Layout::context_features`]).
    pub fn features(
        page: &Page<'_>,
        judgement: &Judgement,
    ) -> (Vec<(usize, [f32; FEATURE_COUNT])>, Layout) {
        let kept: Vec<usize> = judgement.kept().collect();
        let region = MainContent::default().region(page, &kept);
        let layout = Layout::new(page, &kept);
        let rows = features(page, &kept, region, &layout);
        (kept.into_iter().zip(rows).collect(), layout)
    }
}

impl Rule for ContentClassifier {
    fn name(&self) -> &str {
        "content-classifier"
    }

    fn phase(&self) -> Phase {
        Phase::Region
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
        let region = MainContent::default().region(page, &kept);
        let prose = kept
            .iter()
            .filter(|&&b| page.blocks[b].link_density() < 0.5)
            .count();
        let decisive_region = region.filter(|&r| {
            prose <= SMALL_PAGE_BLOCKS
                && page.word_counts(&kept).share(r) >= SMALL_PAGE_REGION_SHARE
        });
        if let Some(region) = decisive_region {
            // The page is too small for the model to judge by context: the
            // main-content region decides.
            drop_outside(page, judgement, &kept, region);
            return;
        }
        let layout = Layout::new(page, &kept);
        let rows = features(page, &kept, region, &layout);
        let mut probabilities = vec![0.0f32; kept.len()];
        let mut input = Vec::with_capacity(FEATURE_COUNT + CONTEXT_FEATURE_COUNT);
        for (blocks, context) in self.networks.iter() {
            let first: Vec<f32> = rows.iter().map(|row| blocks.predict(row)).collect();
            for ((sum, row), extra) in probabilities
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
        for p in &mut probabilities {
            *p /= count;
        }
        let cutoff = best_f1_cutoff(&probabilities, &layout.words).max(self.threshold);
        for (&block, &p) in kept.iter().zip(&probabilities) {
            if p < cutoff {
                let reason =
                    format!("classified as boilerplate (p = {p:.2}, page cutoff {cutoff:.2})");
                judgement.drop_block(block, reason);
            }
        }
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

/// Class and id words that say "content" and "boilerplate".
const POSITIVE_WORDS: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "main",
    "post",
    "story",
    "text",
    "blog",
    "prose",
    "description",
    "product",
    "thread",
    "message",
    "topic",
    "answer",
    "question",
    "docs",
    "markdown",
    "item",
    "result",
    "listing",
    "card",
];
const NEGATIVE_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "footer",
    "header",
    "sidebar",
    "share",
    "social",
    "related",
    "widget",
    "ad",
    "ads",
    "advert",
    "banner",
    "cookie",
    "newsletter",
    "breadcrumb",
    "breadcrumbs",
    "promo",
    "meta",
    "tags",
    "popup",
    "modal",
    "subscribe",
    "login",
    "signup",
    "search",
    "pagination",
    "toolbar",
    "copyright",
    "skip",
    "hidden",
    "consent",
    "cookies",
    "gdpr",
    "signature",
    "disclaimer",
    "legal",
    "tooltip",
    "popover",
    "sponsored",
    "recommended",
    "recommendations",
    "userinfo",
    "postprofile",
];
const COMMENT_WORDS: &[&str] = &["comment", "comments", "reply", "replies", "discussion"];
const REVIEW_WORDS: &[&str] = &[
    "review",
    "reviews",
    "rating",
    "ratings",
    "testimonial",
    "testimonials",
];

/// The class and id word groups, for one lookup per word.
static CLASS_WORD_GROUPS: Lazy<HashMap<&'static str, usize>> = Lazy::new(|| {
    let groups = [POSITIVE_WORDS, NEGATIVE_WORDS, COMMENT_WORDS, REVIEW_WORDS];
    let mut map = HashMap::default();
    for (group, words) in groups.iter().enumerate() {
        for &word in *words {
            map.insert(word, group);
        }
    }
    map
});

/// How many parts of an element's class and id are in each word group.
fn count_class_words(id: &str, class: &str) -> [f32; 4] {
    let mut counts = [0.0; 4];
    for token in id
        .split_ascii_whitespace()
        .chain(class.split_ascii_whitespace())
    {
        any_class_word(token, |word| {
            if let Some(&group) = CLASS_WORD_GROUPS.get(word) {
                counts[group] += 1.0;
            }
            false
        });
    }
    counts
}

fn ln1(x: f32) -> f32 {
    (1.0 + x.max(0.0)).ln()
}

/// The features of the `kept` blocks of `page`, in the same order.
fn features(
    page: &Page<'_>,
    kept: &[usize],
    region: Option<usize>,
    layout: &Layout,
) -> Vec<[f32; FEATURE_COUNT]> {
    let words_in = page.word_counts(kept);
    let page_words = words_in.total.max(1) as f32;
    let (mut chars, mut link_chars) = (0usize, 0usize);
    for &b in kept {
        chars += page.blocks[b].text.len();
        link_chars += page.blocks[b].link_chars;
    }
    let page_link_density = link_chars as f32 / chars.max(1) as f32;

    // Per element: its own class/id word counts, computed once, for the
    // elements that hold kept blocks only.
    let mut word_counts: Vec<Option<[f32; 4]>> = vec![None; page.elements.len()];
    let mut word_groups = |e: usize| {
        *word_counts[e].get_or_insert_with(|| {
            let (id, class) = (page.id_of(e), page.class_of(e));
            count_class_words(id, class)
        })
    };

    let count = kept.len().max(1) as f32;
    let mut rows = Vec::with_capacity(kept.len());
    // The share of the page's words under comment classes: when comments
    // are most of the page, they are what it is for (a discussion page).
    let mut comment_share = 0.0;
    for (position, &b) in kept.iter().enumerate() {
        let block = &page.blocks[b];
        let mut row = [0.0f32; FEATURE_COUNT];
        let words = block.words as f32;
        let text = block.text.as_str();
        let visible = block.chars.max(1) as f32;
        let (punctuation, digits) = punctuation_and_digits(text);
        row[0] = ln1(words);
        row[1] = block.link_density();
        row[2] = ln1(block.links as f32);
        row[3] = ln1(block.link_chars as f32 / block.links.max(1) as f32);
        row[4] = f32::from(text.ends_with(['.', '!', '?', '。', '！', '？', ':', '"', '”']));
        row[5] = punctuation / words.max(1.0);
        row[6] = digits / visible;
        row[7] = f32::from(matches!(block.kind, BlockKind::Heading(_)));
        row[8] = f32::from(block.kind == BlockKind::ListItem);
        row[9] = f32::from(block.kind == BlockKind::TableCell);
        row[10] = f32::from(matches!(block.kind, BlockKind::Code | BlockKind::Quote));
        row[11] = position as f32 / count;

        let mut depth = 0.0;
        let mut flags = Flags::default();
        let (mut positive, mut negative, mut comment, mut review) = (0.0, 0.0, 0.0, 0.0);
        let (mut in_form, mut in_list, mut in_table, mut in_region) = (false, false, false, false);
        let mut under_comments = false;
        for e in page.ancestors_of(b) {
            let element = &page.elements[e];
            depth += 1.0;
            flags.insert(element.flags);
            let [p, n, c, r] = word_groups(e);
            positive += p;
            negative += n;
            comment += c;
            review += r;
            // Page wrappers' classes (`comments-open`) are about the page.
            under_comments |= c > 0.0 && !matches!(&*element.tag, "html" | "body");
            match &*element.tag {
                "form" => in_form = true,
                "ul" | "ol" | "dl" => in_list = true,
                "table" => in_table = true,
                _ => {}
            }
            in_region |= Some(e) == region;
        }
        row[12] = ln1(depth);
        row[13] = f32::from(flags.contains(Flags::ARTICLE));
        row[14] = f32::from(flags.contains(Flags::NAV));
        row[15] = f32::from(flags.intersects(Flags::CHROME));
        row[16] = f32::from(in_form);
        row[17] = f32::from(in_list);
        row[18] = f32::from(in_table);
        row[19] = ln1(positive);
        row[20] = ln1(negative);
        row[21] = ln1(comment);
        row[22] = f32::from(in_region);
        let parent_share = block
            .element
            .and_then(|e| page.elements[e].parent)
            .map_or(0.0, |p| words_in.share(p));
        row[23] = parent_share;

        let neighbour = |offset: isize| {
            let at = position as isize + offset;
            (at >= 0 && (at as usize) < kept.len()).then(|| &page.blocks[kept[at as usize]])
        };
        if let Some(prev) = neighbour(-1) {
            row[24] = prev.link_density();
            row[25] = ln1(prev.words as f32);
        }
        if let Some(next) = neighbour(1) {
            row[26] = next.link_density();
            row[27] = ln1(next.words as f32);
        }
        if let Some(hits) = page.phrase_hits.get(b) {
            row[28] = hits.covered_words as f32 / hits.words.max(1) as f32;
            row[29] = hits.markers.min(3) as f32;
        }
        row[30] = page_link_density;
        row[31] = ln1(page_words);
        // How many other kept blocks share the block's place in the template.
        row[32] = ln1(layout.templates.size_of(position) as f32 - 1.0);
        row[33] = words / page_words;
        row[34] = f32::from(flags.contains(Flags::HIDDEN));
        row[35] = ln1(review);
        if under_comments {
            comment_share += row[33];
        }
        row[36] = f32::from(page.declared.discussion);
        row[37] = f32::from(page.declared.product);
        rows.push(row);
    }
    for row in &mut rows {
        row[38] = comment_share;
    }
    rows
}

/// Where the kept blocks of a page sit relative to each other: their order,
/// their words, and their groups by parent element, by grandparent element
/// and by place in the template (a hash of the tag and class of the block's
/// element and its parent: blocks with the same are items of one template,
/// a listing's cards).
#[derive(Debug, Clone)]
pub struct Layout {
    parents: Groups,
    grandparents: Groups,
    templates: Groups,
    words: Vec<f32>,
}

/// Blocks in groups: each block's group number (none for a block without
/// one), and how many blocks each group has.
#[derive(Debug, Clone, Default)]
struct Groups {
    of: Vec<Option<u32>>,
    sizes: Vec<u32>,
}

impl Groups {
    /// Numbers the distinct keys in the order they first come.
    fn new<K: Hash + Eq>(keys: impl Iterator<Item = Option<K>>) -> Groups {
        let mut numbers: HashMap<K, u32> = HashMap::default();
        let mut groups = Groups::default();
        for key in keys {
            let group = key.map(|key| {
                let next = numbers.len() as u32;
                let group = *numbers.entry(key).or_insert(next);
                if group == next {
                    groups.sizes.push(0);
                }
                groups.sizes[group as usize] += 1;
                group
            });
            groups.of.push(group);
        }
        groups
    }

    /// How many blocks the group of block `i` has (1 without a group).
    fn size_of(&self, i: usize) -> u32 {
        self.of[i].map_or(1, |g| self.sizes[g as usize])
    }

    /// The word-weighted mean of `values` over the other blocks of each
    /// block's group (the block's own value when it is alone).
    fn means(&self, values: &[f32], words: &[f32]) -> Vec<f32> {
        let mut sums = vec![(0.0f32, 0.0f32); self.sizes.len()];
        for ((group, &p), &w) in self.of.iter().zip(values).zip(words) {
            if let Some(g) = group {
                let sum = &mut sums[*g as usize];
                sum.0 += p * w;
                sum.1 += w;
            }
        }
        self.of
            .iter()
            .zip(values)
            .zip(words)
            .map(|((group, &p), &w)| match group.map(|g| sums[g as usize]) {
                Some((sum, weight)) if weight > w => (sum - p * w) / (weight - w),
                _ => p,
            })
            .collect()
    }
}

impl Layout {
    fn new(page: &Page<'_>, kept: &[usize]) -> Layout {
        let parent_of = |e: Option<usize>| e.and_then(|e| page.elements[e].parent);
        let parents: Vec<Option<usize>> = kept
            .iter()
            .map(|&b| parent_of(page.blocks[b].element))
            .collect();
        let template = |b: usize| {
            let mut hasher = FxHasher::default();
            if let Some(element) = page.blocks[b].element {
                (&page.elements[element].tag, page.class_of(element)).hash(&mut hasher);
                if let Some(parent) = page.elements[element].parent {
                    (&page.elements[parent].tag, page.class_of(parent)).hash(&mut hasher);
                }
            }
            hasher.finish()
        };
        Layout {
            grandparents: Groups::new(parents.iter().map(|&p| parent_of(p))),
            parents: Groups::new(parents.into_iter()),
            templates: Groups::new(kept.iter().map(|&b| Some(template(b)))),
            words: kept
                .iter()
                .map(|&b| page.blocks[b].words.max(1) as f32)
                .collect(),
        }
    }

    /// The context features of every block, given the first network's
    /// probabilities `first` (one per block, in order): its own, its
    /// neighbours' (one and three either side), the word-weighted mean over
    /// the other blocks of its parent, of its grandparent element and of its
    /// place in the template, and the share of the page's words that the
    /// first network calls content.
    pub fn context_features(&self, first: &[f32]) -> Vec<[f32; CONTEXT_FEATURE_COUNT]> {
        let n = first.len().min(self.words.len());
        let words = &self.words[..n];
        let first = &first[..n];
        let parent_mean = self.parents.means(first, words);
        let grandparent_mean = self.grandparents.means(first, words);
        let template_mean = self.templates.means(first, words);
        let total: f32 = words.iter().sum();
        let content: f32 = words
            .iter()
            .zip(first)
            .filter(|&(_, &p)| p > 0.5)
            .map(|(w, _)| w)
            .sum();
        // The mean verdict of the blocks `from..=to` away (0 when there are none).
        let window = |from: isize, to: isize, i: usize| {
            let start = (i as isize + from).max(0) as usize;
            let end = ((i as isize + to + 1).max(0) as usize).min(n);
            match first.get(start..end) {
                Some(values) if !values.is_empty() => {
                    values.iter().sum::<f32>() / values.len() as f32
                }
                _ => 0.0,
            }
        };
        (0..n)
            .map(|i| {
                [
                    first[i],
                    window(-1, -1, i),
                    window(1, 1, i),
                    window(-3, -1, i),
                    window(1, 3, i),
                    parent_mean[i],
                    grandparent_mean[i],
                    template_mean[i],
                    content / total.max(1.0),
                ]
            })
            .collect()
    }
}

fn invalid_model(message: String) -> BuildError {
    BuildError::InvalidRule {
        rule: "content-classifier".to_string(),
        message,
        source: None,
    }
}

/// Counts sentence punctuation and ASCII digits in `text`, in one pass.
fn punctuation_and_digits(text: &str) -> (f32, f32) {
    let (mut punctuation, mut digits) = (0u32, 0u32);
    for c in text.chars() {
        match c {
            ',' | '.' | ';' | ':' | '!' | '?' | '、' | '。' | '，' => punctuation += 1,
            '0'..='9' => digits += 1,
            _ => {}
        }
    }
    (punctuation as f32, digits as f32)
}

/// A network with one hidden layer of tanh units and a sigmoid output, over
/// standardised features.
#[derive(Debug, Clone)]
struct Model {
    features: usize,
    hidden: usize,
    /// `hidden` rows of `features` weights, for inputs as they come.
    w1: Vec<f32>,
    /// The same weights input by input, eight hidden units to a column,
    /// when the layer is eight wide (the shipped model's).
    columns8: Vec<[f32; 8]>,
    b1: Vec<f32>,
    w2: Vec<f32>,
    b2: f32,
}

impl Model {
    /// Reads one network of the text format: after the `deboiler-model`
    /// marker, `features=N hidden=H` on the first line, then the numbers of
    /// `mean`, `scale`, `w1`, `b1`, `w2` and `b2`, separated by whitespace.
    fn parse(section: &str, features: usize) -> Result<Model, BuildError> {
        let (header, body) = section.split_once('\n').unwrap_or((section, ""));
        let mut declared = None;
        let mut hidden = None;
        for part in header.split_whitespace() {
            match part.split_once('=') {
                Some(("features", n)) => declared = n.parse::<usize>().ok(),
                Some(("hidden", n)) => hidden = n.parse::<usize>().ok(),
                _ => {}
            }
        }
        if declared != Some(features) {
            return Err(invalid_model(format!(
                "expected a network for {features} features: {header:?}"
            )));
        }
        let hidden = hidden
            .filter(|&h| h > 0 && h <= MAX_HIDDEN)
            .ok_or_else(|| invalid_model(format!("hidden size missing or over {MAX_HIDDEN}")))?;
        let numbers: Vec<f32> = body
            .split_whitespace()
            .map(str::parse)
            .collect::<Result<_, _>>()
            .map_err(|e| invalid_model(format!("bad number: {e}")))?;
        let n = features;
        let expected = 2 * n + hidden * n + 2 * hidden + 1;
        if numbers.len() != expected {
            return Err(invalid_model(format!(
                "{} numbers, expected {expected}",
                numbers.len()
            )));
        }
        let mut rest = numbers.as_slice();
        let mut take = |k: usize| {
            let (head, tail) = rest.split_at(k);
            rest = tail;
            head.to_vec()
        };
        let (mean, scale, mut w1, mut b1) = (take(n), take(n), take(hidden * n), take(hidden));
        // The inputs are standardised, `(x - mean) / scale`: that is folded
        // into the first layer's weights and biases once, here.
        for h in 0..hidden {
            let weights = &mut w1[h * n..(h + 1) * n];
            for j in 0..n {
                weights[j] /= scale[j];
                b1[h] -= weights[j] * mean[j];
            }
        }
        let columns8 = if hidden == 8 {
            (0..n)
                .map(|j| std::array::from_fn(|h| w1[h * n + j]))
                .collect()
        } else {
            Vec::new()
        };
        Ok(Model {
            features,
            columns8,
            w1,
            b1,
            w2: take(hidden),
            b2: take(1)[0],
            hidden,
        })
    }

    fn predict(&self, row: &[f32]) -> f32 {
        let n = self.features;
        // The hidden layer in two passes, so that the second (tanh) is one
        // vectorised loop.
        let mut hidden = [0.0f32; MAX_HIDDEN];
        let hidden = &mut hidden[..self.hidden];
        if let (false, Ok(z)) = (
            self.columns8.is_empty(),
            <&mut [f32; 8]>::try_from(&mut *hidden),
        ) {
            // Input by input, each adding its column to all eight units:
            // one vector operation per input.
            z.copy_from_slice(&self.b1);
            for (&x, column) in row[..n].iter().zip(&self.columns8) {
                for lane in 0..8 {
                    z[lane] += x * column[lane];
                }
            }
        } else {
            for (h, z) in hidden.iter_mut().enumerate() {
                *z = self.b1[h] + dot(&self.w1[h * n..(h + 1) * n], &row[..n]);
            }
        }
        for z in hidden.iter_mut() {
            *z = tanh(*z);
        }
        let out = self.b2 + dot(&self.w2, hidden);
        1.0 / (1.0 + (-out).exp())
    }
}

/// The largest hidden layer a model may have.
const MAX_HIDDEN: usize = 64;

/// The dot product of two equally long slices, in eight lanes so that the
/// compiler can use vector instructions.
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut lanes = [0.0f32; 8];
    let (a_chunks, b_chunks) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = a_chunks
        .remainder()
        .iter()
        .zip(b_chunks.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (ca, cb) in a_chunks.zip(b_chunks) {
        for lane in 0..8 {
            lanes[lane] += ca[lane] * cb[lane];
        }
    }
    lanes.iter().sum::<f32>() + tail
}

/// `tanh` as a rational function (the approximation Eigen uses, exact to
/// float precision), with no call to `exp`: it vectorises.
fn tanh(x: f32) -> f32 {
    const CLAMP: f32 = 7.905_311;
    const ALPHA: [f32; 7] = [
        4.893_524_6e-3,
        6.372_619_3e-4,
        1.485_722_4e-5,
        5.122_297e-8,
        -8.604_672e-11,
        2.000_188e-13,
        -2.760_768_5e-16,
    ];
    const BETA: [f32; 4] = [4.893_525e-3, 2.268_434_6e-3, 1.185_347_1e-4, 1.198_258_4e-6];
    let x = x.clamp(-CLAMP, CLAMP);
    let x2 = x * x;
    let p = ALPHA.iter().rev().fold(0.0, |acc, &a| acc * x2 + a) * x;
    let q = BETA.iter().rev().fold(0.0, |acc, &b| acc * x2 + b);
    p / q
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
        let header = format!("deboiler-model features={FEATURE_COUNT} hidden=1\n");
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
            let (rows, _) = ContentClassifier::features(page, judgement);
            *self.0.lock().unwrap() = rows.into_iter().map(|(_, row)| row).collect();
        }
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
            assert!((row[38] - 0.5).abs() < 1e-6, "{}", row[38]);
        }
    }

    #[test]
    fn fast_tanh_matches_the_library() {
        for i in -400..=400 {
            let x = i as f32 / 20.0;
            assert!((tanh(x) - x.tanh()).abs() < 1e-5, "{x}");
        }
    }

    #[test]
    fn the_eight_wide_layer_matches_the_general_one() {
        let n = 11;
        let some = |count: usize, offset: f32| -> Vec<String> {
            (0..count)
                .map(|i| format!("{}", ((i * 37) % 23) as f32 / 10.0 - 1.0 + offset))
                .collect()
        };
        // mean, scale (kept positive), w1, b1, w2, b2
        let numbers = [
            some(n, 0.0),
            some(n, 2.5),
            some(8 * n, 0.0),
            some(8, 0.0),
            some(8, 0.0),
            some(1, 0.0),
        ];
        let section = format!("features={n} hidden=8\n{}", numbers.concat().join(" "));
        let fast = Model::parse(&section, n).expect("valid network");
        let general = Model {
            columns8: Vec::new(),
            ..fast.clone()
        };
        let row: Vec<f32> = (0..n).map(|j| j as f32 * 0.3 - 1.0).collect();
        assert!((fast.predict(&row) - general.predict(&row)).abs() < 1e-5);
    }

    #[test]
    fn dot_products_match_the_plain_sum() {
        let a: Vec<f32> = (0..43).map(|i| i as f32 * 0.25 - 3.0).collect();
        let b: Vec<f32> = (0..43).map(|i| 1.0 - i as f32 * 0.125).collect();
        let plain: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
        assert!((dot(&a, &b) - plain).abs() < 1e-3);
        assert_eq!(punctuation_and_digits("Hi, 42 times. \u{3001}"), (3.0, 2.0));
    }
}
