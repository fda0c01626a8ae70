//! What the engine computes once per page and offers every rule through
//! `Page`: phrase hits, the main region, the classifier's verdicts.

use std::sync::{Arc, Mutex};

use deboiler::rules::{self, Contribution, MainContent, Phrases};
use deboiler::{Cleaner, Input, Judgement, Page, Phase, Rule, RuleSet};

const PAGE: &str = "<body><div class=menu><p><a href=/a>Politics</a> <a href=/b>Sport</a></p></div>\
    <div class=story><p>The harbour was closed on Sunday as the storm brought waves of six metres.</p>\
    <p>Ferries to the islands were cancelled, and the coastguard asked owners to stay ashore.</p>\
    <p>Share this: Facebook Twitter</p></div></body>";

/// What a user rule saw of the page.
#[derive(Debug, Default, Clone)]
struct Seen {
    region: Option<String>,
    /// The region's share of the page's words.
    share: Option<f32>,
    /// Per block: (text, covered words, inside the region, probability).
    blocks: Vec<(String, usize, bool, Option<f32>)>,
}

/// A user rule of its own type that records the shared analyses.
struct Observer {
    phase: Phase,
    seen: Arc<Mutex<Seen>>,
}

impl Rule for Observer {
    fn name(&self) -> &str {
        "observer"
    }
    fn phase(&self) -> Phase {
        self.phase
    }
    fn apply(&self, page: &Page<'_>, judgement: &mut Judgement) {
        let region = page.main_region(judgement);
        let mut seen = Seen {
            region: region.as_ref().map(|r| r.describe()),
            share: region.as_ref().map(|r| r.share_of_words()),
            ..Seen::default()
        };
        for b in 0..page.blocks().len() {
            let covered = page
                .phrase_hits(b, judgement)
                .map_or(0, |h| h.covered_words());
            let inside = region.as_ref().is_some_and(|r| r.contains(b));
            let p = page.content_probability(b, judgement);
            seen.blocks
                .push((page.blocks()[b].text().to_string(), covered, inside, p));
        }
        *self.seen.lock().unwrap() = seen;
    }
}

fn observe(rules: RuleSet, phase: Phase) -> Seen {
    let seen = Arc::new(Mutex::new(Seen::default()));
    let rules = rules.with(Observer {
        phase,
        seen: seen.clone(),
    });
    let cleaner = Cleaner::builder().rules(rules).build().unwrap();
    cleaner.clean(Input::html(PAGE)).unwrap();
    seen.lock().unwrap().clone()
}

#[test]
fn a_user_rule_gets_phrase_hits_the_main_region_and_verdicts() {
    let rules = RuleSet::empty()
        .with(Phrases::new(["Share this:", "Facebook", "Twitter"]).named("share"))
        .with(rules::ContentClassifier::default());
    // After the classifier and the phrase rule: the same analyses they used.
    let seen = observe(rules.clone(), Phase::Region);
    assert_eq!(seen.region.as_deref(), Some("<div class=\"story\">"));
    assert!(seen.share.is_some_and(|s| s > 0.8 && s < 1.0), "{seen:?}");
    let share = seen
        .blocks
        .iter()
        .find(|b| b.0.starts_with("Share"))
        .unwrap();
    assert_eq!(share.1, 4, "{share:?}");
    let story = seen
        .blocks
        .iter()
        .find(|b| b.0.starts_with("The harbour"))
        .unwrap();
    assert_eq!(story.1, 0);
    assert!(story.2);
    assert!(story.3.is_some_and(|p| p > 0.5), "{story:?}");
    assert!(!seen.blocks[0].2, "the menu is outside the region");
    // Before the Region phase there is no region and no verdict yet: what
    // a rule sees does not depend on which rule asked first.
    let early = observe(rules, Phase::Blocks);
    assert_eq!(early.region, None);
    assert!(early.blocks.iter().all(|b| b.3.is_none()));
    let share = early
        .blocks
        .iter()
        .find(|b| b.0.starts_with("Share"))
        .unwrap();
    assert_eq!(share.1, 4, "phrase hits are there from the start");
}

#[test]
fn without_a_classifier_or_phrase_rules_there_is_nothing_to_share() {
    let seen = observe(RuleSet::empty(), Phase::Region);
    assert!(seen.blocks.iter().all(|b| b.1 == 0 && b.3.is_none()));
    assert!(seen.region.is_some());
}

#[test]
fn the_main_region_follows_the_sets_own_main_content_rule() {
    let with_default = observe(RuleSet::empty(), Phase::Leftovers);
    assert_eq!(
        with_default.region.as_deref(),
        Some("<div class=\"story\">")
    );
    // A cost per block so high that no element scores above zero: the
    // region falls back to the best element that holds prose.
    let costly = RuleSet::empty().with(MainContent::default().block_cost(10_000.0));
    let seen = observe(costly, Phase::Region);
    assert_eq!(seen.region.as_deref(), Some("<p>"));
}

/// A phrase rule of the user's own that runs last but lends its phrases.
struct LatePhrases(Phrases);

impl Rule for LatePhrases {
    fn name(&self) -> &str {
        "late-phrases"
    }
    fn phase(&self) -> Phase {
        Phase::Leftovers
    }
    fn contribution(&self) -> Option<Contribution<'_>> {
        Some(Contribution::Phrases(&self.0))
    }
    fn apply(&self, _: &Page<'_>, _: &mut Judgement) {}
}

#[test]
fn phrase_hits_are_there_whenever_asked_not_only_after_a_phrase_rule_ran() {
    let late = LatePhrases(Phrases::new(["Share this:", "Facebook", "Twitter"]));
    let seen = observe(RuleSet::empty().with(late), Phase::Region);
    let share = seen
        .blocks
        .iter()
        .find(|b| b.0.starts_with("Share"))
        .unwrap();
    assert_eq!(share.1, 4);
}

#[test]
fn a_main_content_rule_scoped_to_another_site_does_not_shape_the_region() {
    let costly = RuleSet::empty().merge(
        RuleSet::empty()
            .with(MainContent::default().block_cost(10_000.0))
            .scoped("example.org"),
    );
    let seen = Arc::new(Mutex::new(Seen::default()));
    let rules = costly.with(Observer {
        phase: Phase::Region,
        seen: seen.clone(),
    });
    let cleaner = Cleaner::builder().rules(rules).build().unwrap();
    cleaner
        .clean(Input::html(PAGE).url("https://example.com/"))
        .unwrap();
    let off_site = seen.lock().unwrap().region.clone();
    cleaner
        .clean(Input::html(PAGE).url("https://example.org/"))
        .unwrap();
    let on_site = seen.lock().unwrap().region.clone();
    assert_eq!(off_site.as_deref(), Some("<div class=\"story\">"));
    assert_eq!(on_site.as_deref(), Some("<p>"));
}

/// The classifier inside a rule of one's own that lends nothing.
struct Wrapped(rules::ContentClassifier);

impl Rule for Wrapped {
    fn name(&self) -> &str {
        "wrapped-classifier"
    }
    fn phase(&self) -> Phase {
        Phase::Region
    }
    fn apply(&self, page: &Page<'_>, judgement: &mut Judgement) {
        self.0.apply(page, judgement);
    }
}

#[test]
fn a_wrapped_classifier_judges_by_itself() {
    let plain = RuleSet::empty().with(rules::ContentClassifier::default());
    let wrapped = RuleSet::empty().with(Wrapped(rules::ContentClassifier::default()));
    // Long enough for the networks to judge (a small page's region decides).
    let paragraphs = (0..6)
        .map(|i| {
            format!(
                "<p>Paragraph {i} of the story, which goes on about the storm and the harbour.</p>"
            )
        })
        .collect::<String>();
    let page = PAGE.replace(
        "<div class=story>",
        &format!("<div class=story>{paragraphs}"),
    );
    let clean = |rules: RuleSet| {
        let cleaner = Cleaner::builder().rules(rules).build().unwrap();
        cleaner
            .clean(Input::html(&page))
            .unwrap()
            .text()
            .to_string()
    };
    let text = clean(plain);
    assert!(text.contains("The harbour was closed"), "{text}");
    assert_eq!(clean(wrapped), text);
}
