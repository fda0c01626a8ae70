//! The engine: a rule set compiled once, run phase by phase over a page,
//! with the analyses its rules share.

use std::sync::Arc;

use crate::assemble::{Cleaned, Output, assemble};
use crate::error::BuildError;
use crate::page::{Judgement, Page, PhraseHits};
use crate::rules::{ContentClassifier, Contribution, MainContent, Phase, PhraseMatcher, RuleSet};

/// A rule set ready to run: its phrase rules' phrases in one automaton, and
/// the configured parts that its analyses use.
pub(crate) struct Engine {
    pub rules: RuleSet,
    /// All phrases of the set's phrase rules, in one automaton.
    phrases: Option<PhraseMatcher>,
    /// The entries of the set's main-content rules: the first that applies
    /// to a page chooses the region every rule shares.
    main_contents: Vec<usize>,
    /// The entries of the set's classifiers: the first that applies to a
    /// page gives the verdicts every rule shares.
    classifiers: Vec<usize>,
    /// The names of the rules, shared by every removal record they make.
    names: Vec<Arc<str>>,
}

impl Engine {
    pub fn new(rules: RuleSet) -> Result<Engine, BuildError> {
        let contributions = || {
            rules
                .entries
                .iter()
                .enumerate()
                .filter_map(|(i, e)| e.rule.contribution().map(|c| (i, c)))
        };
        let phrase_rules = contributions().filter_map(|(i, c)| match c {
            Contribution::Phrases(phrases) => Some((i, phrases)),
            _ => None,
        });
        let phrases = PhraseMatcher::build(phrase_rules)?;
        let main_contents = contributions()
            .filter_map(|(i, c)| matches!(c, Contribution::MainContent(_)).then_some(i))
            .collect();
        let classifiers = contributions()
            .filter_map(|(i, c)| matches!(c, Contribution::Classifier(_)).then_some(i))
            .collect();
        let names = rules.names().map(Arc::from).collect();
        Ok(Engine {
            rules,
            phrases,
            main_contents,
            classifiers,
            names,
        })
    }

    /// Which rules apply to a page from `url`.
    pub fn active_for(&self, url: Option<&str>) -> Vec<bool> {
        self.rules
            .entries
            .iter()
            .map(|e| e.applies_to(url))
            .collect()
    }

    /// The main-content rule that chooses the region of a page to which the
    /// rules marked in `active` apply: the set's first that applies, or
    /// the default one.
    pub fn main_content(&self, active: &[bool]) -> MainContent {
        self.contributed(&self.main_contents, active)
            .find_map(|c| match c {
                Contribution::MainContent(main) => Some(*main),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// The classifier whose verdicts a page shares: the set's first that
    /// applies to it.
    pub fn classifier<'a>(&'a self, active: &'a [bool]) -> Option<&'a ContentClassifier> {
        self.contributed(&self.classifiers, active)
            .find_map(|c| match c {
                Contribution::Classifier(classifier) => Some(classifier),
                _ => None,
            })
    }

    /// What the given entries that are `active` contribute, in order.
    fn contributed<'a>(
        &'a self,
        entries: &'a [usize],
        active: &'a [bool],
    ) -> impl Iterator<Item = Contribution<'a>> + 'a {
        entries
            .iter()
            .filter(|&&i| active[i])
            .filter_map(|&i| self.rules.entries[i].rule.contribution())
    }

    /// The phrase hits of every block still kept (`None` for the others).
    pub fn phrase_hits(&self, page: &Page<'_>, judgement: &Judgement) -> Vec<Option<PhraseHits>> {
        let Some(matcher) = &self.phrases else {
            return Vec::new();
        };
        let mut scratch = String::new();
        page.blocks
            .iter()
            .enumerate()
            .map(|(i, block)| {
                judgement
                    .is_kept(i)
                    .then(|| matcher.hits(&block.text, &page.active, &mut scratch))
            })
            .collect()
    }

    /// Runs the rules that apply over the page, in order, and assembles the
    /// result.
    pub fn judge(&self, page: Page<'_>, output: Output) -> Cleaned {
        let mut judgement = Judgement::new(page.blocks.len());
        for (index, entry) in self.rules.entries.iter().enumerate() {
            if !page.active[index] {
                continue;
            }
            if entry.rule.phase() >= Phase::Region && judgement.region_start.is_none() {
                judgement.region_start = Some(judgement.kept().collect());
            }
            judgement.start_rule(index, &self.names[index]);
            entry.rule.apply(&page, &mut judgement);
        }
        assemble(page, judgement.into_verdicts(), output)
    }
}
