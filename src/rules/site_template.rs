//! The site-template rule: what recurs on most pages of a site goes.

use rustc_hash::FxHashMap as HashMap;

use crate::block::{Block, BlockKind};
use crate::page::{Judgement, Page};
use crate::rules::{Phase, Rule};
use crate::vocabulary::words::fingerprint;

/// Drops the blocks of a page that its [`SiteProfile`](crate::SiteProfile)
/// knows as template: seen on enough of the site's pages (see the profile
/// for the thresholds). The reason gives the count: "seen on 41 of 50 pages
/// of the site".
///
/// Content that happens to recur (the site's name in a title, the same
/// disclaimer in every article) never empties a page: when the template
/// blocks are all that is left, those in the page's main region stay, and
/// when there is no region (plain text), they all stay. A template heading
/// or label right before the page's own content ("Reviews", "Condition:")
/// stays with it, and a block said more than once on the page (a label on
/// every card) is the form of its content, not template.
///
/// The rule does nothing on a page cleaned without a profile; it is in the
/// default set, so that a profile given to the cleaner or the input takes
/// effect.
///
/// Name: `site-template`.
#[derive(Debug, Clone, Copy, Default)]
pub struct SiteTemplate;

impl Rule for SiteTemplate {
    fn name(&self) -> &str {
        "site-template"
    }

    fn phase(&self) -> Phase {
        Phase::Repeats
    }

    fn apply(&self, page: &Page<'_>, judgement: &mut Judgement) {
        let Some(profile) = page.site_profile() else {
            return;
        };
        let fingerprints: Vec<(usize, Option<u64>)> = judgement
            .kept()
            .map(|block| (block, fingerprint(&page.blocks[block].text)))
            .collect();
        // As in learning, a block said more than once on the page is the
        // form of its content (a label on every card), not template.
        let mut said: HashMap<u64, usize> = HashMap::default();
        for &(_, fingerprint) in &fingerprints {
            *said.entry(fingerprint.unwrap_or(0)).or_default() += 1;
        }
        // Each kept block with the pages it was seen on when it is template.
        let kept: Vec<(usize, Option<u64>)> = fingerprints
            .iter()
            .map(|&(block, fingerprint)| {
                let pages = fingerprint
                    .filter(|f| said[f] == 1)
                    .map_or(0, |f| profile.seen_on_fingerprint(f));
                (block, profile.is_template_count(pages).then_some(pages))
            })
            .collect();
        let heads_content = |at: usize| {
            is_label(&page.blocks[kept[at].0])
                && kept.get(at + 1).is_some_and(|&(next, template)| {
                    template.is_none() && page.blocks[next].words > 0
                })
        };
        let mut template: Vec<(usize, u64)> = (0..kept.len())
            .filter(|&at| !heads_content(at))
            .filter_map(|at| Some((kept[at].0, kept[at].1?)))
            .collect();
        let content_left = kept
            .iter()
            .any(|&(block, pages)| pages.is_none() && page.blocks[block].words > 0);
        if !content_left {
            let Some(region) = page.main_region(judgement) else {
                return;
            };
            template.retain(|&(block, _)| !region.contains(block));
        }
        for (block, pages) in template {
            judgement.drop_block(
                block,
                format!("seen on {pages} of {} pages of the site", profile.pages()),
            );
        }
    }
}

/// A template block that comes right before content of the page's own and
/// is a heading or a label of at most this many words ("Reviews", "System
/// requirements", "Condition:") heads that content, and stays with it.
const LABEL_WORDS: usize = 4;

/// Whether `block` is a heading or a label: a heading, a table cell, or
/// text that ends with a colon, of at most [`LABEL_WORDS`] words.
fn is_label(block: &Block) -> bool {
    block.words <= LABEL_WORDS
        && (matches!(block.kind, BlockKind::Heading(_) | BlockKind::TableCell)
            || block.text.trim_end().ends_with(':'))
}

#[cfg(test)]
mod tests {
    use crate::{Cleaner, Input, SiteProfile};

    fn profile_of(pages: &[&str]) -> SiteProfile {
        let cleaner = Cleaner::default();
        let mut profile = SiteProfile::new();
        for page in pages {
            cleaner.learn(&mut profile, Input::html(page)).unwrap();
        }
        profile
    }

    const PAGES: [&str; 3] = [
        "<body><div class=x>Tuesday's Gazette, the paper of the valley</div><main><p>The bridge reopens after a year of repairs to its deck and railings.</p></main><div>Read the Gazette every morning, in print or on the web.</div></body>",
        "<body><div class=x>Tuesday's Gazette, the paper of the valley</div><main><p>A new library opens its doors in the old market hall this spring.</p></main><div>Read the Gazette every morning, in print or on the web.</div></body>",
        "<body><div class=x>Tuesday's Gazette, the paper of the valley</div><main><p>The harbour festival returns with boats from six countries and a fair.</p></main><div>Read the Gazette every morning, in print or on the web.</div></body>",
    ];

    #[test]
    fn template_blocks_go_with_their_count() {
        let profile = profile_of(&PAGES);
        let page = "<body><div class=x>Tuesday's Gazette, the paper of the valley</div><main><p>The council votes to plant a thousand trees along the river banks.</p></main><div>Read the Gazette every morning, in print or on the web.</div></body>";
        let cleaned = Cleaner::default()
            .clean(Input::html(page).site_profile(&profile))
            .unwrap();
        assert_eq!(
            cleaned.text(),
            "The council votes to plant a thousand trees along the river banks."
        );
        let removed = cleaned.removed();
        assert!(removed.iter().any(|r| r.rule() == "site-template"
            && r.reason() == "seen on 3 of 3 pages of the site"
            && r.block().text().starts_with("Read the Gazette")));
        // Without the profile, the template lines are not known.
        let plain = Cleaner::default().clean(Input::html(page)).unwrap();
        assert!(plain.text().contains("Read the Gazette"));
    }

    #[test]
    fn a_page_that_is_all_template_keeps_its_main_content() {
        let profile = profile_of(&[PAGES[0], PAGES[0], PAGES[0]]);
        let cleaned = Cleaner::default()
            .clean(Input::html(PAGES[0]).site_profile(&profile))
            .unwrap();
        assert!(cleaned.text().contains("The bridge reopens"));
        let text = "The same words on every page of this site, said again.";
        let mut profile = SiteProfile::new();
        for _ in 0..3 {
            Cleaner::default().learn(&mut profile, text).unwrap();
        }
        let cleaned = Cleaner::default()
            .clean(Input::text(text).site_profile(&profile))
            .unwrap();
        assert_eq!(cleaned.text(), text);
    }
}
