//! Site profiles: what recurs on the pages of one site, learned from them.

use rustc_hash::FxHashMap as HashMap;

use crate::rules::host_of;
use crate::vocabulary::words::fingerprint;

/// What recurs on the pages of one site: its template (menus, footers,
/// "about the author" boxes, newsletter pitches, legal lines), learned from
/// pages of the site, HTML or text, with [`Cleaner::learn`](crate::Cleaner::learn).
///
/// A block is template when it was seen on at least
/// [`min_pages`](SiteProfile::min_pages) pages (default 3) and on at least
/// [`min_share`](SiteProfile::min_share) of the pages learned (default
/// 60 %). Blocks are matched by a fingerprint of their words that takes
/// case, punctuation and every number alike, so that a footer whose year or
/// visitor counter changes is still the same block. A block said more than
/// once on a page (a label on every card of a listing) is the form of the
/// page's content, and never counts as template.
///
/// A cleaner given a profile (per cleaner with
/// [`CleanerBuilder::site_profile`](crate::CleanerBuilder::site_profile), or
/// per page with [`Input::site_profile`](crate::Input::site_profile)) drops
/// the template blocks of a page under the rule `site-template`
/// ([`SiteTemplate`](crate::rules::SiteTemplate)), never down to an empty
/// page.
///
/// **Memory is bounded.** The profile holds at most
/// [`capacity`](SiteProfile::capacity) fingerprints (default 20,000), however
/// many pages it learns: a hash table of at most 65,536 slots of 17 bytes,
/// 1.1 MB (measured on 100,000 pages of 40 blocks: 1.11 MB). When
/// it is full, it counts as the Misra–Gries summary does: a new block
/// lowers every count by one instead of being added, and counts that reach
/// zero go. A count is then at most `n / (capacity + 1)` below the truth,
/// where `n` is the number of (page, distinct block) pairs learned: for
/// pages of 40 blocks, 0.2 % of the pages learned, so the template (blocks
/// on most pages) is never lost. While the profile is not full (a site of a
/// few hundred pages), its counts are exact.
///
/// **Profiles merge** ([`merge`](SiteProfile::merge)): profiles learned on
/// parts of a crawl add up to the profile of the whole, exactly while the
/// counts are exact, so they can be learned on many machines. With the
/// `serde` feature they serialise, as a record whose fingerprints are sorted
/// (the same profile gives the same file).
///
/// ```
/// use deboiler::{Cleaner, Input, SiteProfile};
///
/// let cleaner = Cleaner::default();
/// let page = |story: &str| {
///     format!("Example Gazette, news since 1901\n\n{story}\n\nSign up for the Gazette's morning letter today")
/// };
/// let mut profile = SiteProfile::new();
/// for story in ["The bridge reopens after a year of repairs to its deck.",
///               "A new library opens its doors in the old market hall.",
///               "The harbour festival returns with boats from six countries."] {
///     cleaner.learn(&mut profile, Input::text(&page(story)))?;
/// }
/// assert_eq!(profile.pages(), 3);
/// assert_eq!(profile.seen_on("Sign up for the Gazette's morning letter today"), 3);
///
/// let text = page("The council votes to plant a thousand trees along the river.");
/// let cleaned = cleaner.clean(Input::text(&text).site_profile(&profile))?;
/// assert_eq!(cleaned.text(), "The council votes to plant a thousand trees along the river.");
/// assert_eq!(cleaned.removed()[0].rule(), "site-template");
/// # Ok::<(), deboiler::CleanError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SiteProfile {
    /// Pages learned.
    pages: u64,
    /// Pages each block (by its fingerprint) was seen on, a lower bound once
    /// the table has been full.
    seen: HashMap<u64, u64>,
    capacity: usize,
    min_pages: u64,
    min_share: f64,
}

impl Default for SiteProfile {
    fn default() -> Self {
        SiteProfile {
            pages: 0,
            seen: HashMap::default(),
            capacity: SiteProfile::DEFAULT_CAPACITY,
            min_pages: SiteProfile::DEFAULT_MIN_PAGES,
            min_share: SiteProfile::DEFAULT_MIN_SHARE,
        }
    }
}

impl SiteProfile {
    /// The default [`min_pages`](SiteProfile::min_pages): 3.
    pub const DEFAULT_MIN_PAGES: u64 = 3;

    /// The default [`min_share`](SiteProfile::min_share): 0.6. (At 0.5, the
    /// labels and guarantees that a shop prints on half of its product
    /// pages, and that readers count as the product's content, start to go.)
    pub const DEFAULT_MIN_SHARE: f64 = 0.6;

    /// The default [`capacity`](SiteProfile::capacity): 20,000 blocks.
    pub const DEFAULT_CAPACITY: usize = 20_000;

    /// An empty profile with the default thresholds and capacity.
    pub fn new() -> SiteProfile {
        SiteProfile::default()
    }

    /// The fewest pages a block must be seen on to be template (default 3;
    /// at least 1).
    pub fn min_pages(mut self, pages: u64) -> SiteProfile {
        self.min_pages = pages.max(1);
        self
    }

    /// The least share of the pages learned (0 to 1, default 0.6) a block
    /// must be seen on to be template.
    pub fn min_share(mut self, share: f64) -> SiteProfile {
        self.min_share = share.clamp(0.0, 1.0);
        self
    }

    /// The most blocks the profile remembers (default 20,000; at least 1):
    /// its bound on memory.
    pub fn capacity(mut self, blocks: usize) -> SiteProfile {
        self.capacity = blocks.max(1);
        self.shrink_to_capacity();
        self
    }

    /// The site a page's URL is on, as profiles are kept per site: its host,
    /// lowercased, without a leading `www.`; `None` for a URL without a host.
    ///
    /// ```
    /// use deboiler::SiteProfile;
    ///
    /// assert_eq!(SiteProfile::site_of("https://www.Example.com:8080/a?b").as_deref(), Some("example.com"));
    /// assert_eq!(SiteProfile::site_of("news.example.com/no-scheme"), None);
    /// ```
    pub fn site_of(url: &str) -> Option<String> {
        let host = host_of(url)?;
        Some(match host.strip_prefix("www.") {
            Some(rest) if !rest.is_empty() => rest.to_string(),
            _ => host,
        })
    }

    /// The number of pages learned.
    pub fn pages(&self) -> u64 {
        self.pages
    }

    /// The number of blocks the profile remembers (at most its capacity).
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    /// Whether the profile remembers no block.
    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }

    /// On how many of the pages learned a block with this text was seen.
    pub fn seen_on(&self, text: &str) -> u64 {
        fingerprint(text).map_or(0, |f| self.seen_on_fingerprint(f))
    }

    /// Whether a block with this text is template: `Some(pages it was seen
    /// on)` when it is, else `None`.
    pub fn template(&self, text: &str) -> Option<u64> {
        let pages = self.seen_on(text);
        self.is_template_count(pages).then_some(pages)
    }

    pub(crate) fn seen_on_fingerprint(&self, fingerprint: u64) -> u64 {
        self.seen.get(&fingerprint).copied().unwrap_or(0)
    }

    pub(crate) fn is_template_count(&self, pages: u64) -> bool {
        pages >= self.min_pages && pages as f64 >= self.min_share * self.pages as f64
    }

    /// Learns one page from the texts of its blocks.
    /// [`Cleaner::learn`](crate::Cleaner::learn) does this with the blocks a
    /// page segments into.
    ///
    /// A block said more than once on the page is not counted: a label
    /// that recurs within a page ("Weight:" on every card of a listing, "4
    /// reviews" and "12 reviews" alike) is the form of its content, not the
    /// site's template. Neither is a block with no word other than numbers.
    pub fn learn_blocks<'t>(&mut self, blocks: impl IntoIterator<Item = &'t str>) {
        let mut fingerprints: Vec<u64> = blocks.into_iter().filter_map(fingerprint).collect();
        fingerprints.sort_unstable();
        self.pages += 1;
        for run in fingerprints.chunk_by(|a, b| a == b) {
            if let [once] = run {
                self.count(*once, 1);
            }
        }
    }

    /// Adds `other`'s pages and counts to this profile: profiles learned on
    /// two parts of a crawl merge into the profile of the whole. This
    /// profile's thresholds and capacity stay.
    pub fn merge(&mut self, other: &SiteProfile) {
        self.pages += other.pages;
        for (&fingerprint, &pages) in &other.seen {
            *self.seen.entry(fingerprint).or_insert(0) += pages;
        }
        self.shrink_to_capacity();
    }

    /// Counts `pages` more for one block, as the Misra–Gries summary does
    /// once the table is full.
    fn count(&mut self, fingerprint: u64, pages: u64) {
        if let Some(seen) = self.seen.get_mut(&fingerprint) {
            *seen += pages;
        } else if self.seen.len() < self.capacity {
            self.seen.insert(fingerprint, pages);
        } else {
            // Each such step takes `capacity + 1` counts away, so there are
            // at most n / (capacity + 1) of them: linear in all.
            self.seen.retain(|_, seen| {
                *seen -= 1;
                *seen > 0
            });
        }
    }

    /// Brings the table back to its capacity after a merge: every count
    /// lowered by the largest count that does not fit (the mergeable form
    /// of the same summary), and those left at zero dropped.
    fn shrink_to_capacity(&mut self) {
        if self.seen.len() <= self.capacity {
            return;
        }
        let mut counts: Vec<u64> = self.seen.values().copied().collect();
        let (_, &mut cut, _) = counts.select_nth_unstable_by(self.capacity, |a, b| b.cmp(a));
        self.seen.retain(|_, seen| {
            *seen = seen.saturating_sub(cut);
            *seen > 0
        });
    }
}

#[cfg(feature = "serde")]
mod record {
    //! The serialised form: a versioned record with sorted fingerprints.

    use serde::{Deserialize, Serialize};

    use super::SiteProfile;

    /// The version of the record's layout.
    const VERSION: u32 = 1;

    #[derive(Serialize, Deserialize)]
    struct Record {
        version: u32,
        pages: u64,
        min_pages: u64,
        min_share: f64,
        capacity: usize,
        /// `(fingerprint, pages seen on)`, by fingerprint.
        blocks: Vec<(u64, u64)>,
    }

    impl Serialize for SiteProfile {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut blocks: Vec<(u64, u64)> = self.seen.iter().map(|(&f, &n)| (f, n)).collect();
            blocks.sort_unstable();
            Record {
                version: VERSION,
                pages: self.pages,
                min_pages: self.min_pages,
                min_share: self.min_share,
                capacity: self.capacity,
                blocks,
            }
            .serialize(serializer)
        }
    }

    impl<'de> Deserialize<'de> for SiteProfile {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let record = Record::deserialize(deserializer)?;
            if record.version != VERSION {
                return Err(serde::de::Error::custom(format!(
                    "site profile version {} (this deboiler reads version {VERSION})",
                    record.version
                )));
            }
            let profile = SiteProfile {
                pages: record.pages,
                seen: record.blocks.into_iter().collect(),
                ..SiteProfile::default()
            };
            Ok(profile
                .min_pages(record.min_pages)
                .min_share(record.min_share)
                .capacity(record.capacity))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn learned(pages: &[&[&str]]) -> SiteProfile {
        let mut profile = SiteProfile::new();
        for page in pages {
            profile.learn_blocks(page.iter().copied());
        }
        profile
    }

    #[test]
    fn a_block_on_enough_pages_is_template() {
        let profile = learned(&[
            &["Menu", "Story one.", "Weight:", "Weight:"],
            &["Menu", "Story two.", "Weight:", "Weight:"],
            &["Menu", "Story three.", "© 2025 Example", "Weight:"],
            &["Story four.", "© 2026 Example", "12", "Weight:", "Weight:"],
        ]);
        assert_eq!(profile.pages(), 4);
        assert_eq!(profile.template("menu"), Some(3));
        // Seen on 2 of 4 pages: fewer than 3 pages and not 60 %.
        assert_eq!(profile.seen_on("© 2031 Example"), 2);
        assert_eq!(profile.template("© 2031 Example"), None);
        assert_eq!(profile.template("Story one."), None);
        assert_eq!(
            profile.clone().min_pages(2).template("© 2031 Example"),
            None
        );
        assert_eq!(
            profile
                .clone()
                .min_pages(2)
                .min_share(0.5)
                .template("© 2031 Example"),
            Some(2)
        );
        assert_eq!(profile.clone().min_share(0.9).template("Menu"), None);
        // A label said twice on a page is the form of its content: only the
        // page that has it once counts it. Numbers alone are never counted.
        assert_eq!(profile.seen_on("Weight:"), 1);
        assert_eq!(profile.seen_on("12"), 0);
    }

    #[test]
    fn memory_stays_within_capacity_and_the_template_is_kept() {
        let mut profile = SiteProfile::new().capacity(100);
        for page in 0..5_000 {
            let own: Vec<String> = (0..20)
                .map(|b| format!("{} {}", word(page), word(b)))
                .collect();
            profile.learn_blocks(own.iter().map(String::as_str).chain(["The site's footer"]));
            assert!(profile.len() <= 100);
        }
        // Counted 5,000 times, lowered at most 5,000 * 21 / 101 times.
        assert!(profile.seen_on("The site's footer") > 3_900);
        assert!(profile.template("The site's footer").is_some());
        assert_eq!(profile.template("aab aab"), None);
    }

    /// A word made of letters only, so that fingerprints tell pages apart.
    fn word(mut n: usize) -> String {
        let mut word = String::new();
        loop {
            word.push((b'a' + (n % 26) as u8) as char);
            n /= 26;
            if n == 0 {
                return word;
            }
        }
    }

    #[test]
    fn merged_halves_are_the_profile_of_the_whole() {
        let pages: Vec<Vec<String>> = (0..40)
            .map(|p| {
                let mut blocks = vec!["Footer line".to_string(), format!("Story {}", word(p))];
                if p % 3 == 0 {
                    blocks.push("Sometimes a promo".to_string());
                }
                blocks
            })
            .collect();
        let learn = |pages: &[Vec<String>]| {
            let mut profile = SiteProfile::new();
            for page in pages {
                profile.learn_blocks(page.iter().map(String::as_str));
            }
            profile
        };
        let mut merged = learn(&pages[..17]);
        merged.merge(&learn(&pages[17..]));
        assert_eq!(merged, learn(&pages));
    }

    #[test]
    fn a_merge_over_capacity_keeps_the_heaviest_blocks() {
        let mut a = SiteProfile::new().capacity(2);
        a.learn_blocks(["Footer", "A", "B"]);
        a.learn_blocks(["Footer", "A"]);
        let mut b = SiteProfile::new().capacity(2);
        b.learn_blocks(["Footer", "C"]);
        a.merge(&b);
        assert!(a.len() <= 2);
        assert!(a.seen_on("Footer") >= 1);
        assert_eq!(a.pages(), 3);
    }
}
