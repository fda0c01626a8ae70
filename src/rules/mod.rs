//! Rules and rule sets: the plug-in point of the pipeline.
//!
//! A [`Rule`] looks at a [`Page`] and drops blocks through a [`Judgement`],
//! saying why. A [`RuleSet`] is an ordered list of rules: each rule sees only
//! the blocks that the rules before it kept. Rules run by [`Phase`] (where a
//! block sits, then what a block says, then which region is the content,
//! then repeats, then what is left as a whole), and within a phase in the
//! order they were added.
//!
//! Rule sets are values: start from a preset, add rules with
//! [`RuleSet::with`], take them out by name with [`RuleSet::without`],
//! [`merge`](RuleSet::merge) two sets, and scope a set to one site with
//! [`RuleSet::scoped`].
//!
//! # Built-in rules
//!
//! Marked "strict" or "opt-in": not in [`RuleSet::default`].
//!
//! | name | what it drops |
//! |---|---|
//! | `non-content` | text of `<head>`, scripts, styles, `noscript`, `template`, `svg`, `iframe`, media fallbacks, form controls |
//! | `hidden` (strict) | elements with `hidden`, `aria-hidden="true"`, inline `display:none` / `visibility:hidden`, a hiding class (`hide`, `d-none`) |
//! | `page-chrome` | `<nav>`, `<header>`, `<footer>`, `<aside>` (and their ARIA roles), comment forms, forum signatures and author statistics, unless they hold most of the page's text; comment sections go as reader comments, under [`COMMENTS_RULE`](crate::COMMENTS_RULE) |
//! | `content-classifier` | blocks a learned model judges not to be content ([`ContentClassifier`]) |
//! | `article-body` | on a page the classifier judges an article: what lies outside the article's region (story lists, promos) and the links of boilerplate boxes inside it ([`ArticleBody`]) |
//! | `main-content` (opt-in) | blocks outside the page's main content region ([`MainContent`]) |
//! | `comment-form`, `share-buttons`, `newsletter`, `cookie-notice`, `related-content`, `advertisement`, `site-footer`, `loading-placeholder`, `navigation-links`, `shop-controls`, `photo-credit`, `post-chrome` | blocks made of boilerplate phrases ([`Phrases`]) |
//! | `text-navigation` | runs of very short lines at the top or bottom of a plain text ([`TextNavigation`]) |
//! | `text-lines` | lines of a plain text a learned model judges to be boilerplate, by their words and their neighbours ([`TextLineClassifier`]) |
//! | `site-template` | blocks that recur on most pages of the site, when the cleaner or the input has a [`SiteProfile`](crate::SiteProfile) ([`SiteTemplate`]) |
//! | `repeated-blocks` | exact and near repeats of an earlier block ([`RepeatedBlocks`]) |
//! | `orphan-headings` | the heading of a section whose content was all dropped ("Related posts" over a dropped story list) ([`OrphanHeadings`]) |
//! | `datelines` | the date, byline and reading-time lines before the first paragraph of a plain text ([`Datelines`]) |
//! | `minimum-text` | everything left of an HTML page that keeps fewer than twenty words of the many it shows ([`MinimumText`]) |
//! | `boilerplate-classes` (strict) | elements whose class or id says share, social, newsletter, cookie, related, sidebar, ... ([`BoilerplateClasses`]) |
//! | `link-lists` (strict) | blocks that are mostly link text ([`LinkLists`]) |

mod article;
pub(crate) mod classifier;
mod datelines;
mod leftovers;
mod main_content;
pub(crate) mod page_chrome;
mod phrases;
mod repeats;
mod selector;
mod site_template;
mod structure;

use std::fmt;
use std::sync::Arc;

pub use article::ArticleBody;
pub use classifier::{ContentClassifier, TextLineClassifier};
pub use datelines::Datelines;
/// Training hooks (feature `training`): what the lab's trainer needs to
/// read features and write models. Not a stable API: it changes whenever
/// the classifier's features do.
#[cfg(feature = "training")]
pub mod training {
    pub use super::classifier::model::{Network, Networks, PAGE_NETWORKS, read_pairs_only, write};
    pub use super::classifier::{
        CONTEXT_FEATURE_COUNT, FEATURE_COUNT, Layout, PAGE_FEATURE_COUNT, TEXT_FEATURE_COUNT,
        TrainingRows,
    };

    /// The default rules with `classifier` in the classifier's place,
    /// without loading the shipped model (which a change of features makes
    /// unreadable until the model is retrained).
    pub fn default_rules_with(classifier: impl super::Rule) -> super::RuleSet {
        super::RuleSet::default_around(classifier, super::TextLineClassifier::default())
    }

    /// The default rules with `text_lines` in the text-line model's place
    /// (the trainer's recorder), without loading the shipped text model.
    pub fn default_rules_with_text_lines(text_lines: impl super::Rule) -> super::RuleSet {
        super::RuleSet::default_around(super::ContentClassifier::default(), text_lines)
    }
}
pub use leftovers::{MinimumText, OrphanHeadings};
pub use main_content::MainContent;
pub use page_chrome::PageChrome;
pub(crate) use phrases::PhraseMatcher;
pub use phrases::Phrases;
pub use repeats::RepeatedBlocks;
pub use selector::Selector;
pub use site_template::SiteTemplate;
pub use structure::{BoilerplateClasses, Hidden, LinkLists, NonContent, TextNavigation};

use crate::block::Block;
use crate::page::{Judgement, Page};

/// A rule that judges the blocks of a page.
///
/// A rule drops blocks with [`Judgement::drop_block`], giving a short reason;
/// the cleaner records the rule's [`name`](Rule::name) with it. Blocks that
/// an earlier rule dropped are already out of [`Judgement::kept`].
///
/// Most custom rules judge one block at a time and are easiest written as a
/// closure with [`from_fn`]. Implement the trait for rules that need the
/// whole page (for example, to compare blocks with each other).
///
/// ```
/// use deboiler::{Judgement, Page, Rule, RuleSet, Cleaner};
///
/// /// Drops everything after a block that says "THE END".
/// struct StopAtTheEnd;
///
/// impl Rule for StopAtTheEnd {
///     fn name(&self) -> &str {
///         "stop-at-the-end"
///     }
///     fn apply(&self, page: &Page<'_>, judgement: &mut Judgement) {
///         let end = page.blocks().iter().position(|b| b.text() == "THE END");
///         if let Some(end) = end {
///             for i in end + 1..page.blocks().len() {
///                 judgement.drop_block(i, "after THE END");
///             }
///         }
///     }
/// }
///
/// let cleaner = Cleaner::builder()
///     .rules(RuleSet::default().with(StopAtTheEnd))
///     .build()?;
/// let page = cleaner.clean(deboiler::Input::text("A story that ends well.\n\nTHE END\n\nBuy our next book!"))?;
/// assert_eq!(page.text(), "A story that ends well.\n\nTHE END");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Rule: Send + Sync + 'static {
    /// The rule's name: what removal records carry and what
    /// [`RuleSet::without`] takes.
    fn name(&self) -> &str;

    /// Judges the blocks of `page` that are still kept.
    fn apply(&self, page: &Page<'_>, judgement: &mut Judgement);

    /// When the rule runs (default [`Phase::Blocks`]).
    fn phase(&self) -> Phase {
        Phase::Blocks
    }

    /// What the rule lends to the analyses that the engine shares between
    /// all rules of its set (default: nothing). The built-in [`Phrases`],
    /// [`MainContent`] and [`ContentClassifier`] rules lend themselves; a
    /// rule of your own that wraps one of them can lend it too.
    fn contribution(&self) -> Option<Contribution<'_>> {
        None
    }
}

/// What a rule lends to the analyses shared by the rules of its set: see
/// [`Rule::contribution`].
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Contribution<'a> {
    /// Phrases, matched together with those of every other phrase rule
    /// ([`Page::phrase_hits`]).
    Phrases(&'a Phrases),
    /// How the main region is chosen ([`Page::main_region`]); the first
    /// such rule of a set counts, and a set without one uses
    /// [`MainContent::default`].
    MainContent(&'a MainContent),
    /// The model that judges blocks ([`Page::content_probability`]).
    Classifier(&'a ContentClassifier),
}

/// When a rule runs. A rule set runs its rules phase by phase, so that
/// each phase works on what the earlier ones left: the main-content region
/// is chosen among blocks that are not already known boilerplate, and
/// repeats are judged among the blocks that remain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Phase {
    /// Rules about where a block sits: scripts, hidden elements, landmarks,
    /// CSS selectors.
    Structure,
    /// Rules about what a block says: phrases, link density, closures.
    Blocks,
    /// The choice of the main-content region.
    Region,
    /// Rules that compare the remaining blocks with each other: repeats.
    Repeats,
    /// Rules about what is left as a whole: too little to be a main text.
    Leftovers,
}

/// A rule that judges one block at a time with a closure returning the reason
/// to drop it, or `None` to keep it.
///
/// ```
/// use deboiler::{rules, Cleaner, RuleSet};
///
/// let shouting = rules::from_fn("shouting", |block| {
///     let letters = block.text().chars().filter(|c| c.is_alphabetic());
///     letters.clone().all(char::is_uppercase).then(|| "all capitals".to_string())
/// });
/// let cleaner = Cleaner::builder().rules(RuleSet::empty().with(shouting)).build()?;
/// let page = cleaner.clean(deboiler::Input::text("BUY NOW\n\nA calm sentence."))?;
/// assert_eq!(page.text(), "A calm sentence.");
/// assert_eq!(page.removed()[0].rule(), "shouting");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn from_fn<F>(name: impl Into<String>, judge: F) -> FnRule<F>
where
    F: Fn(&Block) -> Option<String> + Send + Sync + 'static,
{
    FnRule {
        name: name.into(),
        judge,
    }
}

/// A rule made from a closure by [`from_fn`].
pub struct FnRule<F> {
    name: String,
    judge: F,
}

impl<F> fmt::Debug for FnRule<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FnRule").field("name", &self.name).finish()
    }
}

impl<F> Rule for FnRule<F>
where
    F: Fn(&Block) -> Option<String> + Send + Sync + 'static,
{
    fn name(&self) -> &str {
        &self.name
    }

    fn apply(&self, page: &Page<'_>, judgement: &mut Judgement) {
        let blocks = page.blocks();
        let drops: Vec<(usize, String)> = judgement
            .kept()
            .filter_map(|i| (self.judge)(&blocks[i]).map(|reason| (i, reason)))
            .collect();
        for (i, reason) in drops {
            judgement.drop_block(i, reason);
        }
    }
}

/// The sites a scoped rule applies to: a host and its subdomains.
///
/// `Scope::new("example.com")` matches `example.com` and
/// `news.example.com`, not `badexample.com`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    domain: String,
}

impl Scope {
    /// A scope for `domain` and its subdomains (a leading dot is ignored).
    pub fn new(domain: &str) -> Scope {
        Scope {
            domain: domain.trim().trim_start_matches('.').to_ascii_lowercase(),
        }
    }

    /// Whether the page at `url` is in scope.
    pub fn matches_url(&self, url: &str) -> bool {
        host_of(url).is_some_and(|host| self.matches_host(&host))
    }

    fn matches_host(&self, host: &str) -> bool {
        host == self.domain
            || host
                .strip_suffix(self.domain.as_str())
                .is_some_and(|rest| rest.ends_with('.'))
    }
}

/// The lowercased host of an absolute URL (`scheme://[user@]host[:port]/...`).
pub(crate) fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = host.split(':').next()?.trim_end_matches('.');
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// One rule of a set, with the sites it is limited to.
#[derive(Clone)]
pub(crate) struct Entry {
    pub rule: Arc<dyn Rule>,
    pub scope: Option<Scope>,
}

impl Entry {
    pub fn applies_to(&self, url: Option<&str>) -> bool {
        match (&self.scope, url) {
            (None, _) => true,
            (Some(scope), Some(url)) => scope.matches_url(url),
            (Some(_), None) => false,
        }
    }
}

/// An ordered, composable list of rules.
///
/// ```
/// use deboiler::{rules, RuleSet};
///
/// let set = RuleSet::default()
///     .without("share-buttons")
///     .with(rules::Phrases::new(["Subscribe to our newsletter"]).named("my-newsletter"))
///     .merge(RuleSet::empty().with(rules::Selector::parse(".promo")?).scoped("example.com"));
/// assert!(set.names().any(|n| n == "my-newsletter"));
/// assert!(!set.names().any(|n| n == "share-buttons"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct RuleSet {
    pub(crate) entries: Vec<Entry>,
}

impl fmt::Debug for RuleSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.names()).finish()
    }
}

impl Default for RuleSet {
    /// Rules that are right on any site; see the [module docs](self) for the list.
    fn default() -> RuleSet {
        RuleSet::default_around(ContentClassifier::default(), TextLineClassifier::default())
    }
}

impl RuleSet {
    /// The default rules with `classifier` in the classifier's place and
    /// `text_lines` in the text-line model's (the trainers' recorders, or
    /// models that do not fit the shipped ones' features).
    pub(crate) fn default_around(classifier: impl Rule, text_lines: impl Rule) -> RuleSet {
        let mut set = RuleSet::empty()
            .with(NonContent)
            .with(PageChrome::default())
            .with(classifier)
            .with(ArticleBody);
        for phrases in Phrases::builtin() {
            set = set.with(phrases);
        }
        set.with(TextNavigation::default())
            .with(text_lines)
            .with(SiteTemplate)
            .with(RepeatedBlocks::default())
            .with(OrphanHeadings)
            .with(MinimumText::default())
            .with(Datelines)
    }
}

impl RuleSet {
    /// A set with no rules: everything is kept.
    pub fn empty() -> RuleSet {
        RuleSet {
            entries: Vec::new(),
        }
    }

    /// The default rules plus the aggressive ones: hidden elements
    /// ([`Hidden`]), class/id patterns ([`BoilerplateClasses`]), link lists
    /// ([`LinkLists`]) and a looser near-duplicate threshold. More
    /// precision, some risk to recall.
    pub fn strict() -> RuleSet {
        RuleSet::default()
            .with(Hidden)
            .with(BoilerplateClasses)
            .with(LinkLists::default())
            .with(RepeatedBlocks::default().similarity(0.7))
    }

    /// The default rules plus the selectors and phrases of WordPress themes
    /// and plugins (comment form, Jetpack share and related-posts boxes,
    /// post navigation, widget areas).
    pub fn wordpress() -> RuleSet {
        let selectors = Selector::parse(
            "#respond, .comment-respond, #comments, .comments-area, .sharedaddy, \
             .jp-relatedposts, .post-navigation, .nav-links, .widget-area, #secondary, \
             .entry-footer, .screen-reader-text, .wp-block-latest-posts, .addtoany_share_save_container",
        )
        .expect("built-in WordPress selectors parse")
        .named("wordpress-elements");
        let phrases = Phrases::new([
            "Posted in",
            "Tagged",
            "Bookmark the permalink",
            "Like this:",
            "Like Loading...",
            "Share this:",
            "Related",
            "Proudly powered by WordPress",
        ])
        .named("wordpress-phrases");
        RuleSet::default().with(selectors).with(phrases)
    }

    /// The preset called `name`: `default`, `strict`, `wordpress` or `none`.
    pub fn preset(name: &str) -> Option<RuleSet> {
        match name {
            "default" => Some(RuleSet::default()),
            "strict" => Some(RuleSet::strict()),
            "wordpress" => Some(RuleSet::wordpress()),
            "none" | "empty" => Some(RuleSet::empty()),
            _ => None,
        }
    }

    /// The set with `rule` added after the rules of its [`Phase`] (rules of
    /// later phases still run after it). A rule of the same name that is
    /// already in the set is replaced: in place when it runs in the same
    /// phase, else by the new rule at the end of the new rule's phase.
    pub fn with(mut self, rule: impl Rule) -> RuleSet {
        self.push(Entry {
            rule: Arc::new(rule),
            scope: None,
        });
        self
    }

    /// The set without the rules called `name`.
    pub fn without(mut self, name: &str) -> RuleSet {
        self.entries.retain(|e| e.rule.name() != name);
        self
    }

    /// The set with the rules of `other` added, each as by
    /// [`with`](RuleSet::with): a rule with a name already in this set
    /// replaces it (where it stands when both run in the same phase), the
    /// others go after the rules of their phase.
    pub fn merge(mut self, other: RuleSet) -> RuleSet {
        for entry in other.entries {
            self.push(entry);
        }
        self
    }

    /// The set limited to `domain` and its subdomains: its rules apply only
    /// to pages cleaned with a URL on that site. Merge it into a general set
    /// to add site-specific rules.
    pub fn scoped(mut self, domain: &str) -> RuleSet {
        let scope = Scope::new(domain);
        for entry in &mut self.entries {
            entry.scope = Some(scope.clone());
        }
        self
    }

    /// The names of the rules, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.rule.name())
    }

    /// The number of rules.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the set has no rule.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn push(&mut self, entry: Entry) {
        let name = entry.rule.name();
        let phase = entry.rule.phase();
        if let Some(at) = self.entries.iter().position(|e| e.rule.name() == name) {
            if self.entries[at].rule.phase() == phase {
                self.entries[at] = entry;
                return;
            }
            self.entries.remove(at);
        }
        let at = self
            .entries
            .iter()
            .rposition(|e| e.rule.phase() <= phase)
            .map_or(0, |i| i + 1);
        self.entries.insert(at, entry);
    }
}

/// What `read` says of the page that `html` is (segmented, with no rules),
/// for the rules' tests of what they read in a page.
#[cfg(test)]
pub(crate) fn read_page<T>(html: &str, read: impl FnOnce(&crate::page::Page<'_>) -> T) -> T {
    let engine = crate::engine::Engine::new(RuleSet::empty()).expect("no rules compile");
    let document = crate::segment::html::parse(html, false);
    let page = crate::page::Page::new(
        crate::segment::html::segment(&document),
        Some(&document),
        None,
        &engine,
    );
    read(&page)
}

/// Cleans `input` (HTML or text) with `rule` alone, for the rules' tests.
#[cfg(test)]
pub(crate) fn clean_with(rule: impl Rule, input: &str) -> crate::Cleaned {
    crate::Cleaner::builder()
        .rules(RuleSet::empty().with(rule))
        .build()
        .expect("rule compiles")
        .clean(input)
        .expect("input cleans")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_match_host_and_subdomains_only() {
        let scope = Scope::new(".Example.com");
        assert!(scope.matches_url("https://example.com/a"));
        assert!(scope.matches_url("http://user@news.example.com:8080/x?y"));
        assert!(!scope.matches_url("https://badexample.com/"));
        assert!(!scope.matches_url("not a url"));
    }

    #[test]
    fn with_replaces_a_rule_of_the_same_name() {
        let set = RuleSet::default();
        let before = set.len();
        let set = set.with(RepeatedBlocks::default().min_words(3));
        assert_eq!(set.len(), before);
        let set = set.without("repeated-blocks");
        assert_eq!(set.len(), before - 1);
    }

    #[test]
    fn a_replacement_from_another_phase_keeps_the_phase_order() {
        /// A rule named like the built-in repeat rule, but of the Blocks phase.
        struct Early;
        impl Rule for Early {
            fn name(&self) -> &str {
                "repeated-blocks"
            }
            fn apply(&self, _: &Page<'_>, _: &mut Judgement) {}
        }
        let set = RuleSet::default().with(Early);
        let phases: Vec<Phase> = set.entries.iter().map(|e| e.rule.phase()).collect();
        assert!(phases.windows(2).all(|w| w[0] <= w[1]), "{phases:?}");
        assert_eq!(set.names().filter(|&n| n == "repeated-blocks").count(), 1);
        let at = set.names().position(|n| n == "repeated-blocks").unwrap();
        assert_eq!(set.entries[at].rule.phase(), Phase::Blocks);
    }

    #[test]
    fn merge_appends_new_rules_and_scoped_entries_apply_by_url() {
        let site = RuleSet::empty()
            .with(from_fn("x", |_| None))
            .scoped("example.org");
        let set = RuleSet::empty().merge(site);
        assert_eq!(set.names().collect::<Vec<_>>(), ["x"]);
        assert!(set.entries[0].applies_to(Some("https://www.example.org/")));
        assert!(!set.entries[0].applies_to(Some("https://example.net/")));
        assert!(!set.entries[0].applies_to(None));
    }

    #[test]
    fn rules_run_phase_by_phase() {
        let set = RuleSet::empty()
            .with(RepeatedBlocks::default())
            .with(from_fn("closure", |_| None))
            .with(MainContent::default())
            .with(Selector::parse("p").unwrap());
        assert_eq!(
            set.names().collect::<Vec<_>>(),
            ["p", "closure", "main-content", "repeated-blocks"]
        );
    }

    #[cfg(feature = "training")]
    #[test]
    fn the_default_rules_around_a_stand_in_keep_its_place() {
        /// What the trainer puts where the classifier goes.
        struct StandIn;
        impl Rule for StandIn {
            fn name(&self) -> &str {
                "content-classifier"
            }
            fn phase(&self) -> Phase {
                Phase::Region
            }
            fn apply(&self, _: &Page<'_>, _: &mut Judgement) {}
        }
        let around = training::default_rules_with(StandIn);
        assert!(around.names().eq(RuleSet::default().names()));
        // No classifier in it: the shipped model was not needed.
        let lends_a_classifier =
            |e: &Entry| matches!(e.rule.contribution(), Some(Contribution::Classifier(_)));
        assert!(!around.entries.iter().any(lends_a_classifier));
    }

    #[test]
    fn presets_are_found_by_name() {
        for name in ["default", "strict", "wordpress", "none"] {
            assert!(RuleSet::preset(name).is_some(), "{name}");
        }
        assert!(RuleSet::preset("nope").is_none());
        assert!(RuleSet::strict().len() > RuleSet::default().len());
    }
}
