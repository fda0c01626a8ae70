//! Measures what site profiles bring, on the sites of a WCXB-format folder
//! with enough pages: each page is cleaned without a profile and with the
//! profile learned on the site's *other* pages (so the page it cleans is
//! never one it learned), and word precision, recall and F1 are compared.
//!
//! ```text
//! cargo run --release -p deboiler-lab --bin site-profiles -- ../shared/data/wcxb-dev \
//!     [--min-site-pages 3] [--min-pages 3] [--min-share 0.5]
//! ```

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::Parser;
use deboiler::{Cleaner, Input, SiteProfile};
use deboiler_lab as wcxb;
use wcxb::{Half, Score, score};

/// Measures site profiles, learned leave-one-out, on a WCXB-format folder.
#[derive(Debug, Parser)]
struct Options {
    /// The folder (`html/`, `ground-truth/`).
    root: PathBuf,
    /// Sites with fewer pages than this in the folder are left out.
    #[arg(long, default_value_t = 3)]
    min_site_pages: usize,
    /// The profile's `min_pages`.
    #[arg(long, default_value_t = SiteProfile::DEFAULT_MIN_PAGES)]
    min_pages: u64,
    /// The profile's `min_share`.
    #[arg(long, default_value_t = SiteProfile::DEFAULT_MIN_SHARE)]
    min_share: f64,
}

fn main() {
    let options = Options::parse();
    let samples = wcxb::load(&options.root, None, Half::All).expect("readable data set");
    let mut sites: BTreeMap<String, Vec<&wcxb::Sample>> = BTreeMap::new();
    for sample in &samples {
        if let Some(site) = SiteProfile::site_of(&sample.url) {
            sites.entry(site).or_default().push(sample);
        }
    }
    sites.retain(|_, pages| pages.len() >= options.min_site_pages);
    let cleaner = Cleaner::default();
    let (mut without, mut with) = (Vec::new(), Vec::new());
    let (mut removed_blocks, mut removed_words) = (0, 0);
    for pages in sites.values() {
        for (i, page) in pages.iter().enumerate() {
            let mut profile = SiteProfile::new()
                .min_pages(options.min_pages)
                .min_share(options.min_share);
            for (j, other) in pages.iter().enumerate() {
                if j != i {
                    cleaner
                        .learn(&mut profile, Input::bytes(&other.html).url(&other.url))
                        .expect("page learns");
                }
            }
            let input = Input::bytes(&page.html).url(&page.url);
            let plain = cleaner.clean(input).expect("page cleans");
            let profiled = cleaner
                .clean(input.site_profile(&profile))
                .expect("page cleans");
            for removal in profiled.removed() {
                if removal.rule() == "site-template" {
                    removed_blocks += 1;
                    removed_words += removal.block().words();
                }
            }
            without.push(score(plain.text(), &page.reference));
            with.push(score(profiled.text(), &page.reference));
        }
    }
    let pages: usize = sites.values().map(Vec::len).sum();
    println!(
        "{} sites with at least {} pages, {pages} pages; profiles: min_pages {}, min_share {}",
        sites.len(),
        options.min_site_pages,
        options.min_pages,
        options.min_share
    );
    println!("{:<16} {:>9} {:>9} {:>9}", "", "precision", "recall", "f1");
    for (name, scores) in [("without profile", &without), ("with profile", &with)] {
        let n = scores.len().max(1) as f64;
        let mean = |f: fn(&Score) -> f64| scores.iter().map(f).sum::<f64>() / n;
        println!(
            "{name:<16} {:>9.5} {:>9.5} {:>9.5}",
            mean(|s| s.precision),
            mean(|s| s.recall),
            mean(|s| s.f1)
        );
    }
    println!("site-template removed {removed_blocks} blocks, {removed_words} words");
}
