//! What the caller hands the cleaner: a page as HTML, text or raw bytes,
//! with where it came from.

use crate::SiteProfile;

/// One page to clean, as the caller has it.
///
/// Make one with [`Input::html`], [`Input::text`] or [`Input::bytes`], or
/// let a `&str` or `&[u8]` convert (HTML or text is then detected), and say
/// where it came from with [`url`](Input::url): rules scoped to a site apply
/// only to pages whose URL is on it, for every kind of input.
///
/// ```
/// use deboiler::{Cleaner, Input};
///
/// let cleaner = Cleaner::default();
/// let body = b"<meta charset=iso-8859-1><p>Gr\xfc\xdfe aus K\xf6ln.</p>";
/// let page = cleaner.clean(
///     Input::bytes(body)
///         .url("https://example.com/news")
///         .content_type("text/html"),
/// )?;
/// assert_eq!(page.text(), "Grüße aus Köln.");
/// // A `&str` is detected: this is plain text.
/// assert_eq!(cleaner.clean("Just a sentence.")?.text(), "Just a sentence.");
/// # Ok::<(), deboiler::CleanError>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub(crate) source: Source<'a>,
    pub(crate) url: Option<&'a str>,
    pub(crate) content_type: Option<&'a str>,
    pub(crate) site_profile: Option<&'a SiteProfile>,
}

/// What an [`Input`] holds.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Source<'a> {
    Html(&'a str),
    Text(&'a str),
    /// HTML or text, to be told apart by looking.
    Detect(&'a str),
    /// Raw bytes as fetched: decoded, checked for binary data, then detected.
    Bytes(&'a [u8]),
}

impl<'a> Input<'a> {
    fn new(source: Source<'a>) -> Input<'a> {
        Input {
            source,
            url: None,
            content_type: None,
            site_profile: None,
        }
    }

    /// An HTML page.
    pub fn html(html: &'a str) -> Input<'a> {
        Input::new(Source::Html(html))
    }

    /// Plain text, already extracted by a scraper.
    pub fn text(text: &'a str) -> Input<'a> {
        Input::new(Source::Text(text))
    }

    /// HTML or plain text, told apart by looking at it (the conversion from
    /// `&str` does the same).
    pub fn detect(input: &'a str) -> Input<'a> {
        Input::new(Source::Detect(input))
    }

    /// Raw bytes as fetched. They are decoded with
    /// [`decode`](crate::decode) (byte-order mark, the charset of
    /// [`content_type`](Input::content_type), `<meta charset>`, then UTF-8
    /// or a statistical guess), then cleaned as HTML or text (detected).
    /// Bytes that are not text at all ([`looks_binary`](crate::looks_binary):
    /// an image, an archive) clean to an empty text with a warning.
    pub fn bytes(bytes: &'a [u8]) -> Input<'a> {
        Input::new(Source::Bytes(bytes))
    }

    /// Where the page came from: rules scoped to a site apply only when this
    /// URL is on it.
    pub fn url(mut self, url: &'a str) -> Input<'a> {
        self.url = Some(url);
        self
    }

    /// The HTTP `Content-Type` the bytes came with, whose `charset` decodes
    /// them. Only [`Input::bytes`] are decoded; other inputs ignore it.
    pub fn content_type(mut self, content_type: &'a str) -> Input<'a> {
        self.content_type = Some(content_type);
        self
    }

    /// The profile of the page's site, learned from its other pages: its
    /// template blocks go (rule `site-template`; see [`SiteProfile`]). It
    /// takes the place of the cleaner's own profile
    /// ([`CleanerBuilder::site_profile`](crate::CleanerBuilder::site_profile)).
    pub fn site_profile(mut self, profile: &'a SiteProfile) -> Input<'a> {
        self.site_profile = Some(profile);
        self
    }

    /// The size of the input in bytes, as the size limit counts it.
    pub(crate) fn len(&self) -> usize {
        match self.source {
            Source::Html(s) | Source::Text(s) | Source::Detect(s) => s.len(),
            Source::Bytes(b) => b.len(),
        }
    }
}

impl<'a> From<&'a str> for Input<'a> {
    /// HTML or text, detected ([`Input::detect`]).
    fn from(input: &'a str) -> Input<'a> {
        Input::detect(input)
    }
}

impl<'a> From<&'a String> for Input<'a> {
    /// HTML or text, detected ([`Input::detect`]).
    fn from(input: &'a String) -> Input<'a> {
        Input::detect(input)
    }
}

impl<'a> From<&'a [u8]> for Input<'a> {
    /// Raw bytes ([`Input::bytes`]).
    fn from(bytes: &'a [u8]) -> Input<'a> {
        Input::bytes(bytes)
    }
}

impl<'a, const N: usize> From<&'a [u8; N]> for Input<'a> {
    /// Raw bytes ([`Input::bytes`]).
    fn from(bytes: &'a [u8; N]) -> Input<'a> {
        Input::bytes(bytes)
    }
}

impl<'a> From<&'a Vec<u8>> for Input<'a> {
    /// Raw bytes ([`Input::bytes`]).
    fn from(bytes: &'a Vec<u8>) -> Input<'a> {
        Input::bytes(bytes)
    }
}
