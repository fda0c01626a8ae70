//! `deboiler` strips boilerplate from web-scraped content.
//!
//! Give it what a crawler fetched, HTML or already-extracted text, and it
//! returns the content a reader came for: without navigation, footers,
//! comment forms ("Please enter your comment!"), share and newsletter
//! prompts, cookie notices, and without blocks said twice.
//!
//! # Quick start
//!
//! ```
//! let scraped = "Title\n\nThe story, told at length and in full.\n\nThe story, told at length and in full!\n\n\
//!                Please enter your comment!";
//! assert_eq!(deboiler::clean(scraped), "Title\n\nThe story, told at length and in full.");
//! ```
//!
//! Configure a [`Cleaner`] once and reuse it, from any number of threads:
//!
//! ```
//! use deboiler::{rules, Cleaner, Input, RuleSet};
//!
//! let cleaner = Cleaner::builder()
//!     .rules(RuleSet::default()
//!         .with(rules::Phrases::new(["Support our journalism"]).named("donate"))
//!         .with(rules::Selector::parse(".promo, #related")?))
//!     .build()?;
//! let page = cleaner.clean(
//!     Input::html(r#"<article><p>The story.</p><p>Support our journalism</p></article>"#)
//!         .url("https://example.com/a"),
//! )?;
//! assert_eq!(page.text(), "The story.");
//! for removal in page.removed() {
//!     println!("{}: {} ({})", removal.rule(), removal.block().text(), removal.reason());
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The pipeline
//!
//! 1. **Decode** bytes to text and tell HTML from plain text
//!    ([`Input`], [`Cleaner::clean`]).
//! 2. **Segment** the page into [`Block`]s: HTML is parsed once (html5ever,
//!    through `scraper`) and walked once without recursion; text is split at
//!    blank lines and lines. Both give the same [`Page`].
//! 3. **Judge** every block with an ordered [`RuleSet`]: each [`Rule`] drops
//!    blocks and says why (see [`rules`] for the built-in ones). What
//!    several rules need of a page (phrase hits, the main region, the
//!    classifier's verdicts) is computed once and offered through [`Page`].
//! 4. **Assemble** the kept blocks into a [`Cleaned`]: text, Markdown,
//!    blocks, the page's [`Metadata`], and the removed blocks with the rule
//!    and reason for each.
//!
//! A [`SiteProfile`], learned from many pages of one site, adds what
//! recurs on them to what a cleaner removes.
//!
//! # Crate features
//!
//! - `serde`: rule-set files in TOML or JSON (`RuleSet::from_toml`,
//!   `RuleSet::from_json`); [`Cleaned`] and [`SiteProfile`] serialise.
//! - `rayon`: [`Cleaner::clean_many`] cleans in parallel.
//! - `cli`: the `deboiler` command-line program (JSON Lines, WARC, site
//!   profiles, progress bar).
//! - `training`: the hooks the lab's trainer needs
//!   (`rules::training`, `ContentClassifier::features`); not a stable
//!   API, it changes whenever the classifier's features do.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod assemble;
mod block;
mod cleaner;
mod decode;
mod engine;
mod error;
mod input;
mod markdown;
mod metadata;
mod page;
mod preparse;
mod profile;
#[cfg(feature = "serde")]
mod rule_file;
pub mod rules;
mod segment;
mod vocabulary;

use once_cell::sync::Lazy;

#[cfg(feature = "serde")]
pub use assemble::RECORD_VERSION;
pub use assemble::{COMMENTS_RULE, Cleaned, Comment, Removal};
pub use block::{Block, BlockKind, Inline, Span};
pub use cleaner::{
    Cleaner, CleanerBuilder, DEFAULT_MAX_BLOCKS, DEFAULT_MAX_DEPTH, DEFAULT_MAX_INPUT_BYTES,
};
pub use decode::{decode, looks_binary, repair_double_encoding};
pub use error::{BuildError, CleanError};
pub use input::Input;
pub use metadata::Metadata;
pub use page::{Judgement, Page, PhraseHits, Region};
pub use profile::SiteProfile;
pub use rules::{Phase, Rule, RuleSet};

/// The README's code, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

static DEFAULT_CLEANER: Lazy<Cleaner> = Lazy::new(Cleaner::default);

/// Cleans `input`, HTML or plain text (detected), with the default rules, and
/// returns the kept blocks separated by a blank line.
///
/// It never panics. Empty or whitespace input gives an empty string, and so
/// does input over [`DEFAULT_MAX_INPUT_BYTES`]; use a [`Cleaner`] to get the
/// error, the removed blocks, or other rules.
///
/// ```
/// let html = "<nav><a href='/'>Home</a></nav><main><p>Hello, reader.</p></main>";
/// assert_eq!(deboiler::clean(html), "Hello, reader.");
/// assert_eq!(deboiler::clean("  \n "), "");
/// ```
pub fn clean(input: &str) -> String {
    DEFAULT_CLEANER
        .clean(Input::detect(input))
        .map(Cleaned::into_text)
        .unwrap_or_default()
}

/// Cleans raw bytes as fetched, with the default rules; see
/// [`Input::bytes`] for how they are decoded. Like [`clean`], it never
/// panics, and gives an empty string for binary data or input over the
/// default limits.
///
/// ```
/// let latin1 = b"<meta charset=iso-8859-1><p>Gr\xfc\xdfe aus K\xf6ln.</p>";
/// assert_eq!(deboiler::clean_bytes(latin1, None), "Grüße aus Köln.");
/// ```
pub fn clean_bytes(bytes: &[u8], content_type: Option<&str>) -> String {
    DEFAULT_CLEANER
        .clean(match content_type {
            Some(content_type) => Input::bytes(bytes).content_type(content_type),
            None => Input::bytes(bytes),
        })
        .map(Cleaned::into_text)
        .unwrap_or_default()
}
