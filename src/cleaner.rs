//! The cleaner: a rule set compiled once, applied to any number of pages.

use std::fmt;
use std::sync::Arc;

use crate::assemble::{Cleaned, Output};
use crate::decode::{decode, looks_binary, looks_like_html, repair_double_encoding};
use crate::engine::Engine;
use crate::error::{BuildError, CleanError};
use crate::input::{Input, Source};
use crate::page::Page;
use crate::preparse;
use crate::profile::SiteProfile;
use crate::rules::RuleSet;
use crate::segment;

/// The default [`CleanerBuilder::max_input_bytes`]: 128 MiB.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 128 * 1024 * 1024;

/// The default [`CleanerBuilder::max_depth`]: 512, as browsers cap nesting.
pub const DEFAULT_MAX_DEPTH: usize = 512;

/// The default [`CleanerBuilder::max_blocks`]: 2,000,000.
pub const DEFAULT_MAX_BLOCKS: usize = 2_000_000;

/// A configured cleaner: build it once, share it across threads, reuse it
/// for any number of pages. Cloning is cheap (the compiled rules are shared).
///
/// ```
/// use deboiler::{Cleaner, Input, RuleSet};
///
/// let cleaner = Cleaner::builder().rules(RuleSet::strict()).build()?;
/// let page = cleaner.clean(
///     Input::html("<nav><a href=/>Home</a></nav><article><p>The story, told in full.</p></article>")
///         .url("https://example.com/story"),
/// )?;
/// assert_eq!(page.text(), "The story, told in full.");
/// assert_eq!(page.removed()[0].rule(), "page-chrome");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Cleaner {
    inner: Arc<Compiled>,
}

struct Compiled {
    engine: Engine,
    limits: Limits,
    output: Output,
    site_profile: Option<SiteProfile>,
}

/// The limits a cleaner enforces on its input.
#[derive(Debug, Clone, Copy)]
struct Limits {
    max_input_bytes: usize,
    max_depth: usize,
    max_blocks: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            max_depth: DEFAULT_MAX_DEPTH,
            max_blocks: DEFAULT_MAX_BLOCKS,
        }
    }
}

impl fmt::Debug for Cleaner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Cleaner")
            .field("rules", &self.inner.engine.rules)
            .field("limits", &self.inner.limits)
            .field("output", &self.inner.output)
            .finish()
    }
}

impl Default for Cleaner {
    /// A cleaner with [`RuleSet::default`].
    fn default() -> Cleaner {
        Cleaner::builder()
            .build()
            .expect("the default rule set compiles")
    }
}

/// Configures a [`Cleaner`]; see [`Cleaner::builder`].
#[derive(Debug, Clone, Default)]
pub struct CleanerBuilder {
    /// The rules; `None` for [`RuleSet::default`], built only when needed.
    rules: Option<RuleSet>,
    limits: Limits,
    output: Output,
    site_profile: Option<SiteProfile>,
}

impl CleanerBuilder {
    /// The rules to apply (default: [`RuleSet::default`]).
    pub fn rules(mut self, rules: RuleSet) -> Self {
        self.rules = Some(rules);
        self
    }

    /// Inputs larger than this many bytes are refused with
    /// [`CleanError::InputTooLarge`] (default [`DEFAULT_MAX_INPUT_BYTES`]).
    pub fn max_input_bytes(mut self, bytes: usize) -> Self {
        self.limits.max_input_bytes = bytes;
        self
    }

    /// HTML nested deeper than this many elements is flattened before it is
    /// parsed: the deeper tags are dropped, their text kept, and
    /// [`Cleaned::warnings`] says how many (default [`DEFAULT_MAX_DEPTH`]).
    /// The parser's cost grows with the square of the nesting depth, so this
    /// keeps any page linear.
    pub fn max_depth(mut self, depth: usize) -> Self {
        self.limits.max_depth = depth.max(1);
        self
    }

    /// Pages that segment into more blocks than this are refused with
    /// [`CleanError::TooManyBlocks`] (default [`DEFAULT_MAX_BLOCKS`]).
    pub fn max_blocks(mut self, blocks: usize) -> Self {
        self.limits.max_blocks = blocks;
        self
    }

    /// Whether the reader comments of a page (the comment section under an
    /// article, a Disqus or WordPress thread) come back in
    /// [`Cleaned::comments`], each with its author and date line where the
    /// page marks them (default `false`: they are in [`Cleaned::removed`]
    /// under [`COMMENTS_RULE`](crate::COMMENTS_RULE)). Neither way are
    /// comments under the content in [`Cleaned::text`]; a comment section
    /// that holds the page (a forum or Q&A thread marked up as comments) is
    /// the content, and stays in the text either way.
    pub fn include_comments(mut self, include: bool) -> Self {
        self.output.include_comments = include;
        self
    }

    /// Whether [`Cleaned::markdown`] writes links as links,
    /// `[text](href)` with the `href` as the page wrote it (default
    /// `false`: their text only).
    pub fn markdown_links(mut self, links: bool) -> Self {
        self.output.markdown.links = links;
        self
    }

    /// Whether [`Cleaned::markdown`] writes images, `![alt](src)` with the
    /// address as the page wrote it (default `false`). An image goes where
    /// it stands in a kept block's text, or before the caption of its
    /// figure; an image with neither is left out.
    ///
    /// ```
    /// let cleaner = deboiler::Cleaner::builder().markdown_images(true).build()?;
    /// let page = cleaner.clean(
    ///     "<article><p>The pier reopens next week after two years of work on its pilings.</p>\
    ///      <figure><img src='/pier.jpg' alt='The new pier'><figcaption>The pier at dawn.</figcaption></figure>\
    ///      <p>Engineers replaced forty of the oak piles with steel and concrete ones.</p></article>",
    /// )?;
    /// assert!(page.markdown().contains("\n\n![The new pier](/pier.jpg) The pier at dawn.\n\n"));
    /// assert!(!page.text().contains("pier.jpg"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn markdown_images(mut self, images: bool) -> Self {
        self.output.markdown.images = images;
        self
    }

    /// The profile of the site every page comes from (default none): the
    /// blocks it knows as template go, under the rule `site-template`
    /// (see [`SiteProfile`]). An input's own profile
    /// ([`Input::site_profile`]) takes its place.
    pub fn site_profile(mut self, profile: SiteProfile) -> Self {
        self.site_profile = Some(profile);
        self
    }

    /// Compiles the rules.
    ///
    /// # Errors
    ///
    /// [`BuildError::InvalidRule`] when the phrases of the set cannot be
    /// compiled into one automaton (a set too large for it).
    pub fn build(self) -> Result<Cleaner, BuildError> {
        Ok(Cleaner {
            inner: Arc::new(Compiled {
                engine: Engine::new(self.rules.unwrap_or_default())?,
                limits: self.limits,
                output: self.output,
                site_profile: self.site_profile,
            }),
        })
    }
}

impl Cleaner {
    /// A builder, starting from the default rules and limits.
    pub fn builder() -> CleanerBuilder {
        CleanerBuilder::default()
    }

    /// The rules this cleaner applies.
    pub fn rules(&self) -> &RuleSet {
        &self.inner.engine.rules
    }

    /// Cleans one page: HTML, plain text or raw bytes, with the URL it came
    /// from if given (see [`Input`]). A `&str` converts to an input whose
    /// kind is detected, `&[u8]` to raw bytes.
    ///
    /// ```
    /// use deboiler::{Cleaner, Input};
    ///
    /// let cleaner = Cleaner::default();
    /// let html = "<nav><a href=/>Home</a></nav><p>Hello, reader.</p>";
    /// assert_eq!(cleaner.clean(html)?.text(), "Hello, reader.");
    /// let said_twice = "A sentence said twice in a row.\n\nA sentence said twice in a row.";
    /// let page = cleaner.clean(Input::text(said_twice).url("https://example.com/"))?;
    /// assert_eq!(page.text(), "A sentence said twice in a row.");
    /// # Ok::<(), deboiler::CleanError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// - [`CleanError::InputTooLarge`] when the input, or the text its bytes
    ///   decode to, is over [`CleanerBuilder::max_input_bytes`].
    /// - [`CleanError::TooManyBlocks`] when the page segments into more
    ///   blocks than [`CleanerBuilder::max_blocks`].
    ///
    /// Bytes that are not text at all (an image, an archive: see
    /// [`looks_binary`](crate::looks_binary)) are not an error: they clean
    /// to an empty text, with a warning that says so.
    pub fn clean<'a>(&self, input: impl Into<Input<'a>>) -> Result<Cleaned, CleanError> {
        let input = input.into();
        self.check_size(input.len())?;
        let about = About {
            url: input.url,
            site_profile: input.site_profile.or(self.inner.site_profile.as_ref()),
        };
        match input.source {
            Source::Html(html) => self.clean_html(html, about),
            Source::Text(text) => self.clean_text(text, about),
            Source::Detect(input) => self.clean_detected(input, about),
            Source::Bytes(bytes) => {
                if looks_binary(bytes) {
                    let mut cleaned = Cleaned::default();
                    cleaned.warn(format!(
                        "{} bytes of binary data, not text: nothing to clean",
                        bytes.len()
                    ));
                    return Ok(cleaned);
                }
                // Decoding can make the text larger than its bytes.
                let text = decode(bytes, input.content_type);
                self.check_size(text.len())?;
                self.clean_detected(&text, about)
            }
        }
    }

    /// Cleans a batch of pages held in memory, and gives each page's result
    /// in the order of `inputs`. With the `rayon` feature the pages are
    /// cleaned in parallel, on rayon's global thread pool (or the pool it
    /// is called in); without it, one after the other.
    ///
    /// ```
    /// use deboiler::{Cleaner, Input};
    ///
    /// let pages = ["<nav>Home</nav><p>First page, in full.</p>", "<p>Second page, in full.</p>"];
    /// let inputs: Vec<Input> = pages.iter().map(|p| Input::html(p)).collect();
    /// let cleaned = Cleaner::default().clean_many(&inputs);
    /// assert_eq!(cleaned[0].as_ref().unwrap().text(), "First page, in full.");
    /// assert_eq!(cleaned[1].as_ref().unwrap().text(), "Second page, in full.");
    /// ```
    pub fn clean_many(&self, inputs: &[Input<'_>]) -> Vec<Result<Cleaned, CleanError>> {
        #[cfg(feature = "rayon")]
        {
            use rayon::prelude::*;
            inputs.par_iter().map(|&input| self.clean(input)).collect()
        }
        #[cfg(not(feature = "rayon"))]
        {
            inputs.iter().map(|&input| self.clean(input)).collect()
        }
    }

    /// Learns one page of a site into `profile`: the page is decoded and
    /// segmented as [`clean`](Cleaner::clean) does, and its blocks counted
    /// (see [`SiteProfile`]). Rules do not run: the profile counts every
    /// block, template or not, so learning costs about a parse.
    ///
    /// # Errors
    ///
    /// As [`clean`](Cleaner::clean): an input over the size or block
    /// limits is not learned. Binary bytes are not an error; they teach
    /// nothing.
    pub fn learn<'a>(
        &self,
        profile: &mut SiteProfile,
        input: impl Into<Input<'a>>,
    ) -> Result<(), CleanError> {
        let input = input.into();
        self.check_size(input.len())?;
        let decoded;
        let detected = match input.source {
            Source::Html(html) => Ok(html),
            Source::Text(text) => Err(text),
            Source::Detect(input) => detect(input),
            Source::Bytes(bytes) if looks_binary(bytes) => return Ok(()),
            Source::Bytes(bytes) => {
                decoded = decode(bytes, input.content_type);
                self.check_size(decoded.len())?;
                detect(&decoded)
            }
        };
        // Learned from the same text as cleaning reads.
        let is_html = detected.is_ok();
        let (text, _) = repair_double_encoding(detected.unwrap_or_else(|text| text));
        let segmented = if is_html {
            let (html, prepared) = preparse::prepare(&text, self.inner.limits.max_depth);
            let document = segment::html::parse(&html, prepared.noscript_holds_markup());
            segment::html::segment(&document)
        } else {
            segment::text::segment(&text)
        };
        self.check_blocks(segmented.blocks.len())?;
        profile.learn_blocks(segmented.blocks.iter().map(|block| block.text.as_str()));
        Ok(())
    }

    fn clean_detected(&self, input: &str, about: About<'_>) -> Result<Cleaned, CleanError> {
        match detect(input) {
            Ok(html) => self.clean_html(html, about),
            Err(text) => self.clean_text(text, about),
        }
    }

    fn clean_html(&self, html: &str, about: About<'_>) -> Result<Cleaned, CleanError> {
        let (html, repaired) = repair_double_encoding(html);
        let (html, prepared) = preparse::prepare(&html, self.inner.limits.max_depth);
        let document = segment::html::parse(&html, prepared.noscript_holds_markup());
        let segmented = segment::html::segment(&document);
        self.check_blocks(segmented.blocks.len())?;
        let engine = &self.inner.engine;
        let mut page = Page::new(segmented, Some(&document), about.url, engine);
        page.site_profile = about.site_profile;
        let mut cleaned = engine.judge(page, self.inner.output);
        warn_of_repairs(&mut cleaned, repaired);
        if prepared.dropped_tags > 0 {
            cleaned.warn(format!(
                "nesting deeper than {} elements flattened: {} tags dropped, their text kept",
                self.inner.limits.max_depth, prepared.dropped_tags
            ));
        }
        Ok(cleaned)
    }

    fn clean_text(&self, text: &str, about: About<'_>) -> Result<Cleaned, CleanError> {
        let (text, repaired) = repair_double_encoding(text);
        let segmented = segment::text::segment(&text);
        self.check_blocks(segmented.blocks.len())?;
        let engine = &self.inner.engine;
        let mut page = Page::new(segmented, None, about.url, engine);
        page.site_profile = about.site_profile;
        let mut cleaned = engine.judge(page, self.inner.output);
        warn_of_repairs(&mut cleaned, repaired);
        Ok(cleaned)
    }

    fn check_size(&self, size: usize) -> Result<(), CleanError> {
        let limit = self.inner.limits.max_input_bytes;
        if size > limit {
            return Err(CleanError::InputTooLarge { size, limit });
        }
        Ok(())
    }

    fn check_blocks(&self, blocks: usize) -> Result<(), CleanError> {
        let limit = self.inner.limits.max_blocks;
        if blocks > limit {
            return Err(CleanError::TooManyBlocks { blocks, limit });
        }
        Ok(())
    }
}

/// What the cleaner knows of a page besides its text.
#[derive(Clone, Copy)]
struct About<'a> {
    url: Option<&'a str>,
    site_profile: Option<&'a SiteProfile>,
}

/// HTML (`Ok`) or plain text (`Err`), told apart by looking.
fn detect(input: &str) -> Result<&str, &str> {
    if looks_like_html(input) {
        Ok(input)
    } else {
        Err(input)
    }
}

/// Tells what the repair of double-encoded text changed, when it did.
fn warn_of_repairs(cleaned: &mut Cleaned, repaired: usize) {
    if repaired > 0 {
        cleaned.warn(format!(
            "{repaired} double-encoded characters repaired (UTF-8 that had been read as Latin-1 or Windows-1252)"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_many_gives_what_clean_gives_page_by_page() {
        let pages: Vec<String> = (0..40)
            .map(|i| {
                format!(
                    "<nav><a href=/>Home</a></nav><p>Page {i} says what it has to say, in full.</p>"
                )
            })
            .collect();
        let inputs: Vec<Input> = pages.iter().map(|p| Input::html(p)).collect();
        let cleaner = Cleaner::default();
        let many: Vec<String> = cleaner
            .clean_many(&inputs)
            .into_iter()
            .map(|r| r.unwrap().into_text())
            .collect();
        let one_by_one: Vec<String> = inputs
            .iter()
            .map(|&i| cleaner.clean(i).unwrap().into_text())
            .collect();
        assert_eq!(many, one_by_one);
        assert_eq!(many[7], "Page 7 says what it has to say, in full.");
    }

    #[test]
    fn cleaner_is_send_sync_and_cheap_to_clone() {
        fn assert_send_sync<T: Send + Sync + Clone>() {}
        assert_send_sync::<Cleaner>();
    }

    #[test]
    fn oversized_input_is_refused_with_both_numbers() {
        let cleaner = Cleaner::builder().max_input_bytes(4).build().unwrap();
        assert_eq!(
            cleaner.clean("hello").unwrap_err(),
            CleanError::InputTooLarge { size: 5, limit: 4 }
        );
    }

    #[test]
    fn scoped_rules_apply_only_on_their_site() {
        let rules = RuleSet::empty().merge(
            RuleSet::empty()
                .with(crate::rules::Selector::parse(".promo").unwrap())
                .scoped("example.com"),
        );
        let cleaner = Cleaner::builder().rules(rules).build().unwrap();
        let html = "<p>Story.</p><p class=promo>Promo.</p>";
        let on_site = cleaner
            .clean(Input::html(html).url("https://www.example.com/a"))
            .unwrap();
        let off_site = cleaner
            .clean(Input::html(html).url("https://example.org/a"))
            .unwrap();
        assert_eq!(on_site.text(), "Story.");
        assert_eq!(off_site.text(), "Story.\n\nPromo.");
    }

    #[test]
    fn scoped_rules_apply_to_text_and_bytes_by_url() {
        let rules = RuleSet::empty().merge(
            RuleSet::empty()
                .with(crate::rules::Phrases::new(["Support our harbour"]).named("appeal"))
                .scoped("example.com"),
        );
        let cleaner = Cleaner::builder().rules(rules).build().unwrap();
        let text = "The ferry runs again.\n\nSupport our harbour";
        let on_site = Input::text(text).url("https://example.com/a");
        assert_eq!(
            cleaner.clean(on_site).unwrap().text(),
            "The ferry runs again."
        );
        let off_site = Input::text(text).url("https://example.org/a");
        assert_eq!(cleaner.clean(off_site).unwrap().text(), text);
        let bytes = Input::bytes(text.as_bytes()).url("https://news.example.com/");
        assert_eq!(cleaner.clean(bytes).unwrap().removed()[0].rule(), "appeal");
    }

    #[test]
    fn binary_bytes_clean_to_nothing_with_a_warning() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0";
        let cleaned = Cleaner::default().clean(png).unwrap();
        assert_eq!(cleaned.text(), "");
        assert!(cleaned.warnings()[0].contains("binary"));
    }
}
