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
            ..Seen::default()
        };
        for b in judgement.kept() {
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
    // In the Structure phase, before any phrase rule or the classifier ran.
    let seen = observe(rules, Phase::Structure);
    assert_eq!(seen.region.as_deref(), Some("<div class=\"story\">"));
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
}

#[test]
fn without_a_classifier_or_phrase_rules_there_is_nothing_to_share() {
    let seen = observe(RuleSet::empty(), Phase::Blocks);
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
    let seen = observe(costly, Phase::Structure);
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
