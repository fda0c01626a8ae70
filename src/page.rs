//! The page model that rules judge: blocks, the elements that hold them,
//! the analyses rules share, and the verdicts so far.

use std::ops::Range;
use std::sync::Arc;

use html5ever::LocalName;
use once_cell::unsync::OnceCell;

use crate::block::Block;
use crate::engine::Engine;
use crate::metadata::HeadFacts;
use crate::profile::SiteProfile;
use crate::vocabulary::class_words::tokens;
use crate::vocabulary::tags::TagTraits;

/// A segmented page, as a rule sees it: its blocks in document order, and
/// the analyses that several rules need, computed once per page the first
/// time a rule asks for them.
///
/// Rules get a `&Page` in [`Rule::apply`](crate::Rule::apply); it cannot be
/// built outside the crate. The analyses take the rule's [`Judgement`], and
/// every rule that asks gets the same answer, whichever asked first:
///
/// - [`phrase_hits`](Page::phrase_hits): what the set's phrase rules find in
///   a block (each block's hits are its own, whenever they are computed);
/// - [`main_region`](Page::main_region) and
///   [`content_probability`](Page::content_probability): judged over the
///   blocks kept when the [`Phase::Region`](crate::Phase::Region) rules
///   start, so available to the rules of that phase and later ones (`None`
///   before it).
///
///
/// ```
/// use deboiler::{rules, Cleaner, Judgement, Page, Phase, Rule, RuleSet};
///
/// /// Drops kept blocks outside the main region that mention a phrase.
/// struct PhrasesOutsideTheStory;
///
/// impl Rule for PhrasesOutsideTheStory {
///     fn name(&self) -> &str {
///         "phrases-outside-the-story"
///     }
///     fn phase(&self) -> Phase {
///         Phase::Region
///     }
///     fn apply(&self, page: &Page<'_>, judgement: &mut Judgement) {
///         let region = page.main_region(judgement);
///         let drops: Vec<usize> = judgement
///             .kept()
///             .filter(|&b| region.as_ref().is_some_and(|r| !r.contains(b)))
///             .filter(|&b| page.phrase_hits(b, judgement).is_some_and(|h| h.covered_words() > 0))
///             .collect();
///         for block in drops {
///             judgement.drop_block(block, "a phrase outside the story");
///         }
///     }
/// }
///
/// let rules = RuleSet::empty()
///     .with(rules::Phrases::new(["Follow us"]).named("follow"))
///     .with(PhrasesOutsideTheStory);
/// let page = Cleaner::builder().rules(rules).build()?.clean(
///     "<div><p><a href=/radio>Follow us on the radio</a>, or anywhere at all</p></div>\
///      <article><p>The long story that this page is about, told in full, from its \
///      beginning in the harbour town to its end, years later, in the capital.</p>\
///      <p>And its second paragraph, which goes on about it at length, with the \
///      names of everyone who took part and what each of them said.</p></article>",
/// )?;
/// assert!(!page.text().contains("Follow us"));
/// assert_eq!(page.removed()[0].rule(), "phrases-outside-the-story");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Page<'a> {
    pub(crate) url: Option<&'a str>,
    pub(crate) blocks: Vec<Block>,
    /// The elements on the way from the root to each block (HTML only).
    pub(crate) elements: Vec<Element>,
    /// The `id` and `class` values of all elements as rules read them
    /// (lowercased, camelCase words split by `-`), end to end
    /// (one allocation per page rather than two per element).
    pub(crate) attributes: String,
    pub(crate) html: Option<&'a scraper::Html>,
    /// What the page's structured data (schema.org) says it is.
    pub(crate) declared: Declared,
    /// What the page says about itself, for its metadata.
    pub(crate) facts: HeadFacts,
    /// The rule set and what it shares between rules.
    pub(crate) engine: &'a Engine,
    /// Which rules of the set apply to this page (by its URL).
    pub(crate) active: Vec<bool>,
    /// The profile of the page's site, when the cleaner or the input has one.
    pub(crate) site_profile: Option<&'a SiteProfile>,
    analyses: Analyses,
}

/// The analyses of a page, each computed the first time it is asked for.
#[derive(Default)]
struct Analyses {
    roles: OnceCell<Vec<Flags>>,
    /// Per block; `None` for a block dropped before they were made.
    phrase_hits: OnceCell<Vec<Option<PhraseHits>>>,
    /// Words of the blocks kept when the Region phase started, by element.
    region_words: OnceCell<WordCounts>,
    main_region: OnceCell<Option<usize>>,
    /// Per element: whether it or an element around it is not shown.
    not_shown: OnceCell<Vec<bool>>,
    verdicts: OnceCell<Option<crate::rules::classifier::Probabilities>>,
}

impl std::fmt::Debug for Page<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Page")
            .field("url", &self.url)
            .field("blocks", &self.blocks.len())
            .field("elements", &self.elements.len())
            .finish_non_exhaustive()
    }
}

/// What segmentation found on a page, before any rule ran.
#[derive(Debug, Default)]
pub(crate) struct Segmented {
    pub blocks: Vec<Block>,
    pub elements: Vec<Element>,
    /// Lowercased `id` and `class` values of the elements, end to end.
    pub attributes: String,
    /// What the page says it is, in JSON-LD or microdata.
    pub declared: Declared,
    /// What the page says about itself, for its metadata.
    pub facts: HeadFacts,
}

impl<'a> Page<'a> {
    pub(crate) fn new(
        segmented: Segmented,
        html: Option<&'a scraper::Html>,
        url: Option<&'a str>,
        engine: &'a Engine,
    ) -> Page<'a> {
        Page {
            url,
            blocks: segmented.blocks,
            elements: segmented.elements,
            attributes: segmented.attributes,
            html,
            declared: segmented.declared,
            facts: segmented.facts,
            active: engine.active_for(url),
            engine,
            site_profile: None,
            analyses: Analyses::default(),
        }
    }

    /// The blocks of the page, in document order, kept or not.
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// The URL the caller gave for the page, if any.
    pub fn url(&self) -> Option<&str> {
        self.url
    }

    /// The profile of the page's site ([`SiteProfile`]), when the cleaner or
    /// the input was given one.
    pub fn site_profile(&self) -> Option<&SiteProfile> {
        self.site_profile
    }

    /// Whether the page came in as HTML (as opposed to plain text).
    pub fn is_html(&self) -> bool {
        self.html.is_some()
    }

    /// What the phrase rules of the set ([`Phrases`](crate::rules::Phrases),
    /// those that apply to this page) find in `block`: `None` for a block
    /// already dropped when the hits were first asked for, or when the set
    /// has no phrase rules. All phrases are matched in one automaton pass
    /// per block.
    pub fn phrase_hits(&self, block: usize, judgement: &Judgement) -> Option<&PhraseHits> {
        let hits = self
            .analyses
            .phrase_hits
            .get_or_init(|| self.engine.phrase_hits(self, judgement));
        hits.get(block)?.as_ref()
    }

    /// The region of an HTML page that holds its main content, as the set's
    /// [`MainContent`](crate::rules::MainContent) rule (the first that
    /// applies to the page, or the default one) chooses it among the blocks
    /// kept when the Region phase started; `None` before that phase, for
    /// plain text, and for a page of links only.
    pub fn main_region(&self, judgement: &Judgement) -> Option<Region<'_>> {
        let element = self.main_region_element(judgement)?;
        Some(Region {
            page: self,
            element,
            region_words: self.region_words(judgement)?,
        })
    }

    pub(crate) fn main_region_element(&self, judgement: &Judgement) -> Option<usize> {
        let kept = judgement.region_start.as_deref()?;
        *self
            .analyses
            .main_region
            .get_or_init(|| self.engine.main_content(&self.active).region(self, kept))
    }

    /// Words of the blocks kept when the Region phase started, in all and
    /// by element; `None` before that phase.
    pub(crate) fn region_words(&self, judgement: &Judgement) -> Option<&WordCounts> {
        let kept = judgement.region_start.as_deref()?;
        Some(
            self.analyses
                .region_words
                .get_or_init(|| self.word_counts(kept)),
        )
    }

    /// The probability (0 to 1) that `block` is content, as the set's
    /// [`ContentClassifier`](crate::rules::ContentClassifier) (the first
    /// that applies to the page) judges it among the blocks kept when the
    /// Region phase started; `None` before that phase, without a
    /// classifier, for plain text, and for a block dropped before.
    pub fn content_probability(&self, block: usize, judgement: &Judgement) -> Option<f32> {
        self.classifier_verdicts(judgement)?
            .blocks
            .get(block)
            .copied()
            .flatten()
    }

    /// The probability (0 to 1) that the page is an article (one text, and
    /// what is around it is not the content; not a listing, a forum thread
    /// or a product page), as the set's
    /// [`ContentClassifier`](crate::rules::ContentClassifier) judges it from
    /// the blocks kept when the Region phase started; `None` before that
    /// phase, without a classifier, and for plain text.
    ///
    /// ```
    /// use deboiler::{Judgement, Page, Phase, Rule};
    ///
    /// /// Notes what the classifier makes of the page.
    /// struct PageType;
    ///
    /// impl Rule for PageType {
    ///     fn name(&self) -> &str { "page-type" }
    ///     fn phase(&self) -> Phase { Phase::Region }
    ///     fn apply(&self, page: &Page<'_>, judgement: &mut Judgement) {
    ///         let article = page.article_probability(judgement);
    ///         assert!(article.is_some_and(|p| (0.0..=1.0).contains(&p)));
    ///     }
    /// }
    ///
    /// let rules = deboiler::RuleSet::default().with(PageType);
    /// let cleaner = deboiler::Cleaner::builder().rules(rules).build()?;
    /// cleaner.clean("<html><body><p>A page of one paragraph, long enough to judge.</p></body></html>")?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn article_probability(&self, judgement: &Judgement) -> Option<f32> {
        Some(self.classifier_verdicts(judgement)?.article)
    }

    /// The set's classifier's verdicts on the page, made once.
    fn classifier_verdicts(
        &self,
        judgement: &Judgement,
    ) -> Option<&crate::rules::classifier::Probabilities> {
        judgement.region_start.as_ref()?;
        self.analyses
            .verdicts
            .get_or_init(|| {
                let classifier = self.engine.classifier(&self.active)?;
                self.is_html()
                    .then(|| classifier.probabilities(self, judgement))
                    .flatten()
            })
            .as_ref()
    }

    /// What each element is, by its markup and its classes: landmark
    /// facts from segmentation, and what rules read in its classes
    /// (comment sections, consent banners, forum post chrome, slideshows,
    /// author bio boxes).
    pub(crate) fn roles(&self) -> &[Flags] {
        self.analyses
            .roles
            .get_or_init(|| crate::rules::page_chrome::roles(self))
    }

    /// The `<td>` or `<th>` that `element` is or sits in: a cell's text for
    /// screen readers only is a block of its own, inside the cell.
    pub(crate) fn cell_around(&self, element: Option<usize>) -> Option<usize> {
        self.element_and_ancestors(element)
            .find(|&e| self.elements[e].traits.kind == Some(crate::block::BlockKind::TableCell))
    }

    /// The `<table>` that `element` is or sits in.
    pub(crate) fn table_around(&self, element: Option<usize>) -> Option<usize> {
        self.element_and_ancestors(element)
            .find(|&e| self.elements[e].traits.group == Some(crate::vocabulary::tags::Group::Table))
    }

    /// Whether a cell (`<td>`, `<th>`) is a header cell by its markup: a
    /// `<th>`, or in `<thead>`.
    pub(crate) fn is_header_cell(&self, cell: usize) -> bool {
        &*self.elements[cell].tag == "th"
            || self
                .element_and_ancestors(Some(cell))
                .any(|e| &*self.elements[e].tag == "thead")
    }

    /// The `<tr>` (element) that a table-cell block sits in.
    pub(crate) fn table_row(&self, block: usize) -> Option<usize> {
        let block = &self.blocks[block];
        if block.kind != crate::block::BlockKind::TableCell {
            return None;
        }
        self.elements[self.cell_around(block.element)?].parent
    }

    /// The element chain of a block, innermost first.
    pub(crate) fn ancestors_of(&self, block: usize) -> impl Iterator<Item = usize> + '_ {
        self.element_and_ancestors(self.blocks[block].element)
    }

    /// Whether a reader sees the block: no element around it is one that
    /// `non-content` drops (the head, scripts, form controls, ...) or text
    /// for screen readers only.
    pub(crate) fn is_shown(&self, block: usize) -> bool {
        let not_shown = self.analyses.not_shown.get_or_init(|| {
            self.within_marked(|e| self.elements[e].flags.intersects(Flags::NOT_SHOWN))
        });
        !self.block_within(block, not_shown)
    }

    /// For each element, whether it or an element that holds it is
    /// `marked`: one pass, parents coming before their children.
    pub(crate) fn within_marked(&self, marked: impl Fn(usize) -> bool) -> Vec<bool> {
        let mut within = vec![false; self.elements.len()];
        for e in 0..self.elements.len() {
            let parent = self.elements[e].parent;
            debug_assert!(parent.is_none_or(|p| p < e), "parents come first");
            within[e] = marked(e) || parent.is_some_and(|p| within[p]);
        }
        within
    }

    /// Whether `block` is inside an element that `within` (made by
    /// [`Page::within_marked`]) says is.
    pub(crate) fn block_within(&self, block: usize, within: &[bool]) -> bool {
        self.blocks[block].element.is_some_and(|e| within[e])
    }

    /// `element` and the elements that hold it, innermost first.
    pub(crate) fn element_and_ancestors(
        &self,
        element: Option<usize>,
    ) -> impl Iterator<Item = usize> + '_ {
        let mut next = element;
        std::iter::from_fn(move || {
            let current = next?;
            next = self.elements[current].parent;
            Some(current)
        })
    }

    /// The `id` of an element, lowercased with camelCase words split by `-`
    /// (`mainContent` is `main-content`; "" when it has none).
    pub(crate) fn id_of(&self, element: usize) -> &str {
        &self.attributes[self.elements[element].id.clone()]
    }

    /// The `class` of an element, lowercased with camelCase words split by
    /// `-` (`commentBody` is `comment-body`; "" when it has none).
    pub(crate) fn class_of(&self, element: usize) -> &str {
        &self.attributes[self.elements[element].class.clone()]
    }

    /// The tokens of an element's `id`, then of its `class`, as rules read
    /// them (see [`Page::id_of`]).
    pub(crate) fn tokens_of(&self, element: usize) -> impl Iterator<Item = &str> {
        tokens(self.id_of(element)).chain(tokens(self.class_of(element)))
    }

    /// A short description like `<div id="comments" class="area">` for removal reasons.
    pub(crate) fn describe(&self, element: usize) -> String {
        let mut out = format!("<{}", self.elements[element].tag);
        let (id, class) = (self.id_of(element), self.class_of(element));
        if !id.is_empty() {
            out.push_str(&format!(" id=\"{id}\""));
        }
        if !class.is_empty() {
            out.push_str(&format!(" class=\"{class}\""));
        }
        out.push('>');
        out
    }

    /// Words of the given blocks, in all and summed into every element that
    /// holds them.
    pub(crate) fn word_counts(&self, blocks: &[usize]) -> WordCounts {
        let mut counts = WordCounts {
            per_element: vec![0; self.elements.len()],
            total: 0,
        };
        for &block in blocks {
            let words = self.blocks[block].words;
            counts.total += words;
            for element in self.ancestors_of(block) {
                counts.per_element[element] += words;
            }
        }
        counts
    }
}

/// The element of a page that holds its main content: see
/// [`Page::main_region`].
#[derive(Debug, Clone, Copy)]
pub struct Region<'p> {
    page: &'p Page<'p>,
    element: usize,
    region_words: &'p WordCounts,
}

impl Region<'_> {
    /// Whether the block at index `block` is inside the region (`false` for
    /// an index past the page's blocks).
    pub fn contains(&self, block: usize) -> bool {
        block < self.page.blocks.len() && self.page.ancestors_of(block).any(|e| e == self.element)
    }

    /// The share (0 to 1) of the words kept when the Region phase started
    /// that are inside the region.
    pub fn share_of_words(&self) -> f32 {
        self.region_words.share(self.element)
    }

    pub(crate) fn element(&self) -> usize {
        self.element
    }

    /// The region's element, as a short description such as
    /// `<div class="story">`.
    pub fn describe(&self) -> String {
        self.page.describe(self.element)
    }
}

/// Words of some blocks of a page: see [`Page::word_counts`].
#[derive(Debug)]
pub(crate) struct WordCounts {
    pub per_element: Vec<usize>,
    pub total: usize,
}

impl WordCounts {
    /// The share of the words (0 to 1) inside `element`; 0 when there are none.
    pub fn share(&self, element: usize) -> f32 {
        self.per_element[element] as f32 / self.total.max(1) as f32
    }
}

/// What a page says it is, in schema.org types (JSON-LD or microdata) and
/// its Open Graph type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Declared {
    /// A forum thread or Q&A page: `DiscussionForumPosting`, `QAPage`.
    pub discussion: bool,
    /// A product page: `Product`.
    pub product: bool,
    /// An article: `Article`, `NewsArticle`, `BlogPosting`, ..., or Open
    /// Graph's `og:type` `article`.
    pub article: bool,
}

/// An element of an HTML page that holds at least one block: what
/// segmentation found it to be, no verdicts.
#[derive(Debug)]
pub(crate) struct Element {
    /// The element that holds it; always one before it in
    /// [`Page::elements`] (they are numbered in document order).
    pub parent: Option<usize>,
    pub tag: LocalName,
    /// What its tag does ([`TagTraits`]).
    pub traits: TagTraits,
    /// The element in the parsed tree, for selector rules.
    pub node: ego_tree::NodeId,
    /// What its markup says it is (not its ancestors): the fact flags.
    pub flags: Flags,
    /// Where the `id` and `class` values, as rules read them, are in
    /// [`Page::attributes`] (see [`Page::id_of`], [`Page::class_of`]).
    pub id: Range<usize>,
    pub class: Range<usize>,
}

/// What an element is, as bits. Segmentation sets the facts (what the tag,
/// role and attributes say); the verdicts read in classes and ids are added
/// once per page ([`Page::roles`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Flags(u16);

impl Flags {
    /// Fact: its text is not shown as content (see [`TagTraits::non_content`]).
    pub const NON_CONTENT: Flags = Flags(1);
    /// Fact: `hidden`, `aria-hidden="true"`, or hidden by an inline style.
    pub const HIDDEN: Flags = Flags(1 << 1);
    /// Fact: `<nav>`, or a navigation or menu role.
    pub const NAV: Flags = Flags(1 << 2);
    /// Fact: `<header>`, or the banner role.
    pub const HEADER: Flags = Flags(1 << 3);
    /// Fact: `<footer>`, or the contentinfo role.
    pub const FOOTER: Flags = Flags(1 << 4);
    /// Fact: `<aside>`, or the complementary role.
    pub const ASIDE: Flags = Flags(1 << 5);
    /// Verdict: a comment section (by its classes and ids).
    pub const COMMENTS: Flags = Flags(1 << 6);
    /// Fact: `<article>`, `<main>`, their ARIA equivalents, and the
    /// schema.org `itemprop`s of an item's main text (`articleBody`,
    /// `text`, ...).
    pub const ARTICLE: Flags = Flags(1 << 7);
    /// Fact: `<dialog>`, ARIA dialogs and modals, `popover` elements.
    /// Verdict: consent managers' containers (by their classes and ids).
    pub const DIALOG: Flags = Flags(1 << 8);
    /// Verdict: what a forum repeats around every post: the author's
    /// signature (the sign-off, links and slogans under it) and statistics
    /// ("Joined", "Messages", "Reaction score").
    pub const POST_CHROME: Flags = Flags(1 << 9);
    /// Verdict: a slideshow or photo gallery (by its classes and ids).
    pub const SLIDESHOW: Flags = Flags(1 << 10);
    /// Verdict: an author's bio box (by its classes and ids).
    pub const AUTHOR_BIO: Flags = Flags(1 << 11);
    /// Fact: a class that leaves the element to screen readers
    /// (`sr-only`, `screen-reader-text`, ...): not shown on the page. Such
    /// an element is a block of its own.
    pub const SCREEN_READER_ONLY: Flags = Flags(1 << 12);
    /// Verdict: a consent manager's own container (OneTrust, Didomi,
    /// Complianz, by their prefixes): a [`DIALOG`](Flags::DIALOG) that is
    /// never content, however many words its cookie lists hold.
    pub const CONSENT_MANAGER: Flags = Flags(1 << 13);

    /// Landmarks that are page chrome unless they hold the content.
    pub const CHROME: Flags = Flags(
        Self::NAV.0
            | Self::HEADER.0
            | Self::FOOTER.0
            | Self::ASIDE.0
            | Self::COMMENTS.0
            | Self::DIALOG.0
            | Self::POST_CHROME.0,
    );

    /// What a reader of the page never sees: what is not content, and
    /// labels left to screen readers.
    pub const NOT_SHOWN: Flags = Self::NON_CONTENT.union(Self::SCREEN_READER_ONLY);

    pub fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }

    pub fn intersects(self, other: Flags) -> bool {
        self.0 & other.0 != 0
    }

    pub fn insert(&mut self, other: Flags) {
        self.0 |= other.0;
    }

    pub const fn union(self, other: Flags) -> Flags {
        Flags(self.0 | other.0)
    }

    pub fn intersection(self, other: Flags) -> Flags {
        Flags(self.0 & other.0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// What the phrase rules of a set find in one block: see
/// [`Page::phrase_hits`].
#[derive(Debug, Default, Clone)]
pub struct PhraseHits {
    /// Words of the block that have a letter (counted only when a phrase matched).
    pub(crate) words: usize,
    /// Words of the block covered by some phrase.
    pub(crate) covered_words: usize,
    /// Matches of marker phrases (several words, or a sign like `©`).
    pub(crate) markers: usize,
    /// Different marker phrases matched: a marker said twice counts once.
    pub(crate) different_markers: usize,
    /// Matches of strong markers (three words or more, or a sign).
    pub(crate) strong_markers: usize,
    /// Per owning rule (its index in the rule set): covered words and the
    /// first phrase that matched.
    pub(crate) owners: Vec<(usize, usize, Arc<str>)>,
}

impl PhraseHits {
    /// The block's words that have a letter (0 when no phrase matched).
    pub fn words(&self) -> usize {
        self.words
    }

    /// The block's words that some phrase covers.
    pub fn covered_words(&self) -> usize {
        self.covered_words
    }

    /// How many marker phrases matched (phrases of several words, or with
    /// a sign such as `©`).
    pub fn markers(&self) -> usize {
        self.markers
    }

    /// The first phrase that matched, if any.
    pub fn first_phrase(&self) -> Option<&str> {
        self.owners.first().map(|owner| &*owner.2)
    }
}

/// The verdicts on a page's blocks so far; rules drop blocks through it.
#[derive(Debug)]
pub struct Judgement {
    dropped: Vec<Option<(Arc<str>, String)>>,
    /// Which dropped blocks are reader comments (empty until one is).
    comments: Vec<bool>,
    rule_name: Arc<str>,
    pub(crate) rule_index: usize,
    /// The blocks kept when the first rule of the Region phase (or a later
    /// one) started: what the region and the classifier judge.
    pub(crate) region_start: Option<Vec<usize>>,
}

impl Judgement {
    pub(crate) fn new(blocks: usize) -> Judgement {
        Judgement {
            dropped: vec![None; blocks],
            comments: Vec::new(),
            rule_name: Arc::from(""),
            rule_index: 0,
            region_start: None,
        }
    }

    pub(crate) fn start_rule(&mut self, index: usize, name: &Arc<str>) {
        self.rule_index = index;
        self.rule_name = Arc::clone(name);
    }

    /// Whether the block at `index` is still kept.
    pub fn is_kept(&self, index: usize) -> bool {
        self.dropped.get(index).is_some_and(Option::is_none)
    }

    /// Indices of the blocks still kept, in document order.
    pub fn kept(&self) -> impl Iterator<Item = usize> + '_ {
        self.dropped
            .iter()
            .enumerate()
            .filter_map(|(i, d)| d.is_none().then_some(i))
    }

    /// Drops the block at `index`, recording the current rule and `reason`.
    /// A block already dropped keeps its first verdict.
    pub fn drop_block(&mut self, index: usize, reason: impl Into<String>) {
        if let Some(slot @ None) = self.dropped.get_mut(index) {
            *slot = Some((self.rule_name.clone(), reason.into()));
        }
    }

    /// Drops the block at `index` as a reader comment: it goes to
    /// [`Cleaned::comments`](crate::Cleaned::comments) when the cleaner
    /// includes comments ([`CleanerBuilder::include_comments`](crate::CleanerBuilder::include_comments)),
    /// else to [`Cleaned::removed`](crate::Cleaned::removed) under the rule
    /// [`COMMENTS_RULE`](crate::COMMENTS_RULE) with `reason`. A block already
    /// dropped keeps its first verdict.
    pub fn drop_comment(&mut self, index: usize, reason: impl Into<String>) {
        if let Some(slot @ None) = self.dropped.get_mut(index) {
            *slot = Some((Arc::from(crate::COMMENTS_RULE), reason.into()));
            if self.comments.is_empty() {
                self.comments = vec![false; self.dropped.len()];
            }
            self.comments[index] = true;
        }
    }

    pub(crate) fn into_verdicts(self) -> Verdicts {
        Verdicts {
            dropped: self.dropped,
            comments: self.comments,
        }
    }
}

/// What the rules decided of every block of a page.
#[derive(Debug)]
pub(crate) struct Verdicts {
    /// Per block: the rule that dropped it and why, or `None` when kept.
    pub dropped: Vec<Option<(Arc<str>, String)>>,
    /// Per block: whether it was dropped as a reader comment (empty when
    /// none was).
    pub comments: Vec<bool>,
}

impl Verdicts {
    pub fn is_comment(&self, block: usize) -> bool {
        self.comments.get(block).copied().unwrap_or(false)
    }
}
