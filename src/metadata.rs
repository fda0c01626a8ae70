//! Metadata: what a page says about itself (title, authors, dates, site,
//! language, ...), from its structured data, its `<head>` and its visible
//! byline. The segmenter notes the facts on its one walk ([`HeadFacts`]);
//! they are weighed here when the page is assembled.

use std::collections::HashSet;
use std::ops::{Range, RangeInclusive};

use serde_json::Value;

use crate::block::{Block, BlockKind, Inline};
use crate::page::{Flags, Page};
use crate::vocabulary::class_words::{AUTHOR_WORDS, lists_word, says_one_of, tokens};
use crate::vocabulary::dates::{DATE_YEARS, month, without_ordinal_suffix};
use crate::vocabulary::words::{PROSE_WORDS, words};

/// What a page says about itself.
///
/// Each field comes from the most reliable place the page gives it:
/// JSON-LD (`@graph` included) first, then Open Graph, Twitter cards and
/// `<meta>` tags (Dublin Core, `article:*`, `citation_*`, `parsely-*`),
/// microdata and `<time>`, then the visible page (its `<h1>`, its byline).
/// A field the page does not give is empty; nothing is guessed (a date
/// "3 hours ago" is not made into one). Dates are ISO 8601 as the page
/// wrote them (a date, or a date and time).
///
/// ```
/// let page = deboiler::Cleaner::default().clean(
///     r#"<html lang="en-GB"><head><title>Bridge reopens | Valley Courier</title>
///        <meta property="og:site_name" content="Valley Courier">
///        <meta name="author" content="Mara Jones">
///        <meta property="article:published_time" content="2026-03-02T08:00:00Z"></head>
///        <body><article><h1>Bridge reopens</h1><p>The old bridge reopened on Monday after a year of repairs.</p></article></body></html>"#,
/// )?;
/// let metadata = page.metadata();
/// assert_eq!(metadata.title(), Some("Bridge reopens"));
/// assert_eq!(metadata.authors(), ["Mara Jones"]);
/// assert_eq!(metadata.published(), Some("2026-03-02T08:00:00Z"));
/// assert_eq!(metadata.site_name(), Some("Valley Courier"));
/// assert_eq!(metadata.language(), Some("en-GB"));
/// # Ok::<(), deboiler::CleanError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Metadata {
    title: Option<String>,
    authors: Vec<String>,
    published: Option<String>,
    modified: Option<String>,
    site_name: Option<String>,
    language: Option<String>,
    url: Option<String>,
    description: Option<String>,
    tags: Vec<String>,
    image: Option<String>,
    page_type: Option<String>,
}

impl Metadata {
    /// The page's title: its headline, without the site's name.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// The names of its authors.
    pub fn authors(&self) -> &[String] {
        &self.authors
    }

    /// When it was published (ISO 8601): the date it declares (the day its
    /// address files it under, when the declared time is in UTC and falls
    /// on that day in some time zone), else the day in its address
    /// ("/2025/12/18/"), else the date it shows by its title.
    pub fn published(&self) -> Option<&str> {
        self.published.as_deref()
    }

    /// When it was last changed (ISO 8601).
    pub fn modified(&self) -> Option<&str> {
        self.modified.as_deref()
    }

    /// The name of the site.
    pub fn site_name(&self) -> Option<&str> {
        self.site_name.as_deref()
    }

    /// Its language: as the page declares it (a BCP 47 tag such as
    /// `en-GB`), else as detected from its text (an ISO 639-3 code such as
    /// `eng`), when the detection is reliable.
    pub fn language(&self) -> Option<&str> {
        self.language.as_deref()
    }

    /// Its canonical URL, or the URL it was cleaned with.
    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }

    /// Its description, as it gives one.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// Its tags and categories.
    pub fn tags(&self) -> &[String] {
        &self.tags
    }

    /// Its main image's URL.
    pub fn image(&self) -> Option<&str> {
        self.image.as_deref()
    }

    /// What it declares it is: a schema.org type (`NewsArticle`,
    /// `Product`, ...) or its Open Graph type.
    pub fn page_type(&self) -> Option<&str> {
        self.page_type.as_deref()
    }
}

/// How much of the text language detection reads: enough to tell the
/// language, little enough to cost nothing.
const DETECTION_CHARS: usize = 1_000;

impl Metadata {
    /// Fills in the language, when the page declares none, from its kept
    /// text (`whatlang`; an ISO 639-3 code such as `eng`), when the
    /// detection is reliable.
    pub(crate) fn detect_language(&mut self, text: &str) {
        if self.language.is_some() {
            return;
        }
        let end = text
            .char_indices()
            .nth(DETECTION_CHARS)
            .map_or(text.len(), |(i, _)| i);
        self.language = whatlang::detect(&text[..end])
            .filter(whatlang::Info::is_reliable)
            .map(|info| info.lang().code().to_string());
    }
}

/// What the walk notes for the metadata: `<meta>` values by key, the
/// canonical link, the declared language, JSON-LD texts, `<time>` dates,
/// the `<title>`.
#[derive(Debug, Default)]
pub(crate) struct HeadFacts {
    /// `(key, content)`: the `name`, `property`, `itemprop` or `http-equiv`
    /// of a `<meta>` (lowercased) or of a microdata element with `content`
    /// or `datetime`, and its value.
    pub meta: Vec<(String, String)>,
    pub canonical: Option<String>,
    pub language: Option<String>,
    pub title: Option<String>,
    pub json_ld: Vec<String>,
    /// The `datetime` of `<time>` elements, in document order, each with
    /// the number of blocks before it.
    pub times: Vec<(usize, String)>,
    /// The elements the markup calls the author (microdata's `author`, a
    /// link marked `rel="author"`), the first few, in document order.
    pub author_elements: Vec<usize>,
}

/// The `<meta>` keys (`name`, `property`, `itemprop`) that give each
/// field, most reliable first.
const TITLE_KEYS: &[&str] = &["og:title", "twitter:title"];
const SITE_NAME_KEYS: &[&str] = &["og:site_name", "application-name", "twitter:site"];
const AUTHOR_KEYS: &[&str] = &[
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "citation_author",
    "twitter:creator",
];
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "datepublished",
    "og:published_time",
    "citation_publication_date",
    "citation_date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "published-date",
    "parsely-pub-date",
    "sailthru.date",
    "published",
    "publish_date",
    "published_date",
    "published_time",
    "date_published",
    "article.published",
    "article.created",
    "datecreated",
    "dc.date.created",
    "dcterms.date",
    "originalpublicationdate",
    "rnews:datepublished",
];
const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
];
const LANGUAGE_KEYS: &[&str] = &["content-language", "og:locale", "dc.language"];
const TAG_KEYS: &[&str] = &[
    "keywords",
    "news_keywords",
    "article:tag",
    "article:section",
    "parsely-tags",
];
const URL_KEYS: &[&str] = &["og:url"];
const DESCRIPTION_KEYS: &[&str] = &[
    "description",
    "og:description",
    "twitter:description",
    "dc.description",
];
const IMAGE_KEYS: &[&str] = &[
    "og:image",
    "og:image:url",
    "twitter:image",
    "twitter:image:src",
];
const TYPE_KEYS: &[&str] = &["og:type"];

/// Every key the metadata reads: the walk keeps no other.
const KEYS: [&[&str]; 13] = [
    TITLE_KEYS,
    SITE_NAME_KEYS,
    AUTHOR_KEYS,
    PUBLISHED_KEYS,
    MODIFIED_KEYS,
    LANGUAGE_KEYS,
    TAG_KEYS,
    URL_KEYS,
    DESCRIPTION_KEYS,
    IMAGE_KEYS,
    TYPE_KEYS,
    &["headline"],
    &["datecreated"],
];

/// The `<meta>` key under which some sites write their JSON-LD (Remix's
/// `meta` export does) instead of in a `<script>`.
const JSON_LD_META_KEY: &str = "script:ld+json";

/// At most this many `<meta>` values and `<time>` dates are kept per page.
const MAX_FACTS: usize = 200;

impl HeadFacts {
    /// Notes a `<meta>` (or microdata) value under `key`, when it is one
    /// the metadata reads.
    pub(crate) fn note_meta(&mut self, key: &str, value: &str) {
        let key = key.trim().to_ascii_lowercase();
        // Open Graph's article properties, written with the `og:` prefix
        // by some sites ("og:article:published_time"), are the same keys.
        let key = match key.strip_prefix("og:") {
            Some(article) if article.starts_with("article:") => article.to_string(),
            _ => key,
        };
        let value = value.trim();
        if value.is_empty() || self.meta.len() >= MAX_FACTS {
            return;
        }
        if key == JSON_LD_META_KEY {
            self.json_ld.push(value.to_string());
        } else if KEYS.iter().any(|keys| keys.contains(&key.as_str())) {
            self.meta.push((key, value.to_string()));
        }
    }

    pub(crate) fn note_author_element(&mut self, element: usize) {
        if self.author_elements.len() < MAX_AUTHOR_ELEMENTS {
            self.author_elements.push(element);
        }
    }

    pub(crate) fn note_time(&mut self, blocks_before: usize, datetime: &str) {
        if self.times.len() < MAX_FACTS {
            self.times
                .push((blocks_before, datetime.trim().to_string()));
        }
    }

    /// The first value under one of `keys`, in the order of `keys`.
    fn meta(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|key| {
            self.meta
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        })
    }
}

/// The metadata of a page, from its facts, its blocks and its URL.
///
/// `comments_start` is the first block of the page's reader comments, if it
/// has any: a commenter's name and date are not the article's byline.
pub(crate) fn extract(
    page: &Page<'_>,
    facts: &HeadFacts,
    comments_start: Option<usize>,
    content_start: Option<usize>,
) -> Metadata {
    let ld = JsonLd::parse(&facts.json_ld);
    // Where the byline and the shown date are looked for.
    let near = near_title(page, comments_start);
    // A linked `<h1>` is the site's logo.
    let h1 = page
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Heading(1))
        .filter(|b| b.link_density() < 0.5)
        .map(|b| b.text.clone());
    let site_name = ld
        .site_name
        .clone()
        .or_else(|| facts.meta(SITE_NAME_KEYS).map(str::to_string))
        .filter(|s| !s.starts_with('@'));
    let title = title(&ld, facts, h1.as_deref(), site_name.as_deref());
    // People named in the structured data, else the byline the page
    // shows, else its `<meta>`, else an organisation named as the author.
    let mut authors = ld.people.clone();
    if authors.is_empty() {
        authors.extend(marked_author(page, facts));
    }
    if authors.is_empty() {
        if let Some(byline) = near.as_ref().and_then(|near| byline(page, near)) {
            authors = names(byline.text)
                .into_iter()
                .filter_map(|n| person_name(&n, byline.introduced))
                .collect();
        }
    }
    if authors.is_empty() {
        authors = facts.meta(AUTHOR_KEYS).map(names).unwrap_or_default();
    }
    if authors.is_empty() {
        authors = ld.organisations.clone();
    }
    let declared_published = ld
        .published
        .clone()
        .or_else(|| facts.meta(PUBLISHED_KEYS).map(str::to_string));
    let modified = ld
        .modified
        .clone()
        .or_else(|| facts.meta(MODIFIED_KEYS).map(str::to_string))
        .and_then(|d| date_of(&d));
    let declared_published = declared_published.and_then(|d| date_of(&d));
    let declared = |keys| facts.meta(keys).map(str::to_string);
    let url = facts
        .canonical
        .clone()
        .or_else(|| declared(URL_KEYS))
        .or_else(|| page.url.map(str::to_string));
    // A date in the address ("/2025/12/18/") is the day the site filed the
    // page under; a declared UTC time that is that day in some time zone
    // is that day.
    let dated_url = url.as_deref().and_then(url_date);
    let declared_published = declared_published.map(|published| match &dated_url {
        Some(day) if utc_time_on_day(&published, day) => day.clone(),
        _ => published,
    });
    // The page's date is the publication it declares, else the day in its
    // address, else the date it shows by its title, else its declared
    // update (a date shown by the title is often the update), else a date
    // it labels as its own, else a `<time>` where its content starts.
    let published = declared_published
        .or_else(|| dated_url.clone())
        .or_else(|| near.and_then(|near| shown_date(page, facts, near)))
        .or_else(|| modified.clone())
        .or_else(|| labelled_date(page, comments_start))
        .or_else(|| {
            content_start.and_then(|start| date_at_content(page, facts, start, comments_start))
        });
    let language = facts
        .language
        .clone()
        .or_else(|| ld.language.clone())
        .or_else(|| facts.meta(LANGUAGE_KEYS).map(str::to_string));
    // Tags: the structured data's keywords, else every tag and section the
    // `<meta>` tags name.
    let mut tags = ld.tags.clone();
    if tags.is_empty() {
        for (key, value) in &facts.meta {
            for tag in split_list(value) {
                if TAG_KEYS.contains(&key.as_str()) && !tags.contains(&tag) {
                    tags.push(tag);
                }
            }
        }
    }
    Metadata {
        title,
        authors,
        published,
        modified,
        site_name,
        language,
        url,
        description: ld
            .description
            .clone()
            .or_else(|| declared(DESCRIPTION_KEYS)),
        tags,
        image: ld.image.clone().or_else(|| declared(IMAGE_KEYS)),
        page_type: ld.page_type.clone().or_else(|| declared(TYPE_KEYS)),
    }
}

/// The title: the page's `<h1>` when it is the headline (see
/// [`is_headline`]) or when its `<title>` or Open Graph title starts with
/// it (the site's name after it), else the headline of its structured data,
/// else its titles with the site's name taken off, else the `<h1>`. (An
/// `<h1>` alone is as often the site's name or a section's as the page's
/// headline.)
fn title(ld: &JsonLd, facts: &HeadFacts, h1: Option<&str>, site: Option<&str>) -> Option<String> {
    let declared = [facts.meta(TITLE_KEYS), facts.title.as_deref()];
    if let Some(h1) = h1.filter(|h1| is_headline(h1, &declared, ld.headline.as_deref(), site)) {
        return Some(h1.to_string());
    }
    if let Some(h1) = h1 {
        let folded = fold(h1);
        if !folded.is_empty()
            && declared
                .iter()
                .flatten()
                .any(|t| fold(t).starts_with(&folded))
        {
            return Some(h1.to_string());
        }
    }
    ld.headline
        .clone()
        .or_else(|| {
            declared
                .into_iter()
                .flatten()
                .next()
                .map(|t| without_site_name(t, site))
        })
        .or_else(|| h1.map(str::to_string))
        .filter(|t| !t.is_empty())
}

/// Whether the page's `<h1>` is its headline, before what the head
/// declares: the reader sees it, and the declared titles often reword it
/// for search engines ("Top 11 SEO Strategies for 2025" over "11 SEO
/// Strategies for 2025 to Boost Rankings"). It is, when it is two words or
/// more, not the site's name (nor the part of a declared title after a
/// separator, where the site's name goes), and at least half its words are
/// in the declared titles: an `<h1>` of other words is a section's or a
/// widget's.
fn is_headline(
    h1: &str,
    declared: &[Option<&str>],
    headline: Option<&str>,
    site: Option<&str>,
) -> bool {
    let words: Vec<String> = h1
        .split_whitespace()
        .map(fold)
        .filter(|w| !w.is_empty())
        .collect();
    let titles = || declared.iter().flatten().copied().chain(headline);
    let declared_words: HashSet<String> = titles()
        .flat_map(|t| t.split_whitespace().map(fold))
        .collect();
    let folded = fold(h1);
    let names_the_site = site.is_some_and(|s| fold(s) == folded)
        || titles().any(|t| {
            TITLE_SEPARATORS
                .iter()
                .any(|sep| t.split(sep).skip(1).any(|part| fold(part) == folded))
        });
    let shared = words.iter().filter(|w| declared_words.contains(*w)).count();
    words.len() >= 2 && !names_the_site && 2 * shared >= words.len()
}

/// What separates a title from the site's name in a `<title>`.
const TITLE_SEPARATORS: [&str; 8] = [" | ", " – ", " — ", " - ", " :: ", " · ", " • ", " / "];

/// `title` without a site's name beside one of [`TITLE_SEPARATORS`]: its
/// last part when the site's name is its first ("Site | Story"), else its
/// first part ("Story / Board / Site"); empty parts do not count.
fn without_site_name(title: &str, site: Option<&str>) -> String {
    for separator in TITLE_SEPARATORS {
        let parts: Vec<&str> = title
            .split(separator)
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() < 2 {
            continue;
        }
        let site_is_first = site.is_some_and(|s| fold(parts[0]) == fold(s));
        let story = if site_is_first {
            parts[parts.len() - 1]
        } else {
            parts[0]
        };
        return story.to_string();
    }
    title.trim().to_string()
}

/// A byline's text, and whether a label or a link to the author's page
/// introduced it (then a name of one word, a forum user's, is a name too).
struct Byline<'p> {
    text: &'p str,
    introduced: bool,
}

/// A visible byline by the title (see [`near_title`]): a short block that
/// starts with "By " (or "Written by", "Posted by", "Author:"), or whose
/// element or its parents say author or byline; the name without what
/// follows it on the line (" | date", " on date", " - role").
fn byline<'p>(page: &'p Page<'_>, near: &Range<usize>) -> Option<Byline<'p>> {
    let near = &page.blocks[near.clone()];
    // A link to the author's page, where the page has one.
    let linked = near.iter().find_map(|b| {
        b.spans.iter().find_map(|span| match &span.inline {
            Inline::Link { href: Some(href) } if href.contains("/author") => {
                Some(b.text[span.range.clone()].trim()).filter(|t| !t.is_empty())
            }
            _ => None,
        })
    });
    let (name, introduced) = linked.map(|text| (text, true)).or_else(|| {
        near.iter()
            .enumerate()
            .filter(|(_, b)| b.words > 0 && b.words <= BYLINE_MAX_WORDS)
            .find_map(|(at, b)| {
                let text = b.text.trim();
                match after_byline_label(text) {
                    // A label on a line of its own names the author on the next.
                    Some("") => near.get(at + 1).map(|next| (next.text.trim(), true)),
                    Some(name) => Some((name, true)),
                    // A "by" inside a block ("Sort by Date") is weaker.
                    None => after_inner_by(text)
                        .or_else(|| says_author(page, b).then_some(text))
                        .map(|name| (name, false)),
                }
            })
    })?;
    let end = [" | ", " • ", " · ", " on ", " - ", " – "]
        .iter()
        .filter_map(|s| name.find(s))
        .min()
        .unwrap_or(name.len());
    let text = name[..end].trim();
    (!text.is_empty()).then_some(Byline { text, introduced })
}

/// The most words a byline's block holds ("Published August 7, 2023 by
/// Nicole Burke").
const BYLINE_MAX_WORDS: usize = 8;

/// What follows a "by" inside a short block ("September 1st, 2023 By
/// Emily Norwood"), unless the "by" credits something else ("Photo by").
fn after_inner_by(text: &str) -> Option<&str> {
    let lower = text.to_ascii_lowercase();
    let at = lower.rfind(" by ")?;
    let before = lower[..at].split_whitespace().next_back()?;
    let credit = CREDIT_WORDS
        .iter()
        .any(|w| before.trim_matches(|c: char| !c.is_alphanumeric()) == *w);
    (!credit).then(|| text[at + " by ".len()..].trim())
}

/// Words before a "by" that credit a picture, a design or a sponsor, not
/// the text.
const CREDIT_WORDS: &[&str] = &[
    "photo",
    "photos",
    "photograph",
    "image",
    "images",
    "illustration",
    "illustrations",
    "graphic",
    "graphics",
    "video",
    "credit",
    "designed",
    "powered",
    "sponsored",
    "presented",
];

/// Author elements kept: the page's own comes before its readers'.
const MAX_AUTHOR_ELEMENTS: usize = 8;

/// The author the markup names ([`HeadFacts::author_elements`]): the first
/// such element outside the reader comments, by the `name` inside it (a
/// microdata `content`, else its text), else its own text. Forum users'
/// names are often one lowercase word ("drat"): any short name goes.
fn marked_author(page: &Page<'_>, facts: &HeadFacts) -> Option<String> {
    let html = page.html?;
    let roles = page.roles();
    let element = facts.author_elements.iter().copied().find(|&e| {
        !page
            .element_and_ancestors(Some(e))
            .any(|a| roles[a].contains(Flags::COMMENTS))
    })?;
    let node = html.tree.get(page.elements[element].node)?;
    let text_of = |node: ego_tree::NodeRef<'_, scraper::Node>| {
        let text: String = node
            .descendants()
            .filter_map(|d| d.value().as_text().map(|t| &**t))
            .collect();
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let named = node.descendants().skip(1).find_map(|d| {
        let e = d.value().as_element()?;
        lists_word(e.attr("itemprop"), "name").then(|| {
            e.attr("content")
                .map(str::to_string)
                .unwrap_or_else(|| text_of(d))
        })
    });
    let name = named.unwrap_or_else(|| text_of(node));
    let name = without_byline_label(&name);
    let words = name.split_whitespace().count();
    ((1..=5).contains(&words) && could_be_a_name(name)).then(|| name.to_string())
}

/// Particles that names hold in lowercase ("Michiel de Jong").
const NAME_PARTICLES: &[&str] = &[
    "de", "da", "di", "du", "van", "von", "der", "den", "del", "la", "le", "al", "bin", "y",
];

/// The person's name a byline's text holds: its first line, without a
/// leading "by:" and without the date after it ("Laura June Topolsky July
/// 10, 2015"); `None` when what is left does not look like a name (two to
/// five words, each capitalised but for particles): a byline's "Follow"
/// or "on Jalopnik" is not one.
fn person_name(text: &str, one_word_allowed: bool) -> Option<String> {
    let line = without_byline_label(text.lines().next()?);
    let all: Vec<&str> = line.split_whitespace().collect();
    let has_digit = |w: &str| w.chars().any(|c| c.is_ascii_digit());
    // The name ends where a number or a date ("July 10") starts.
    let end = (0..all.len())
        .find(|&i| {
            has_digit(all[i])
                || (month(all[i]).is_some() && all.get(i + 1).is_some_and(|w| has_digit(w)))
        })
        .unwrap_or(all.len());
    let words = &all[..end];
    let capitalised =
        |w: &&str| w.chars().next().is_some_and(char::is_uppercase) || NAME_PARTICLES.contains(w);
    let fewest = if one_word_allowed { 1 } else { 2 };
    ((fewest..=5).contains(&words.len()) && words.iter().all(capitalised)).then(|| words.join(" "))
}

/// Whether a block's element or an ancestor of it is marked as the author.
fn says_author(page: &Page<'_>, block: &Block) -> bool {
    page.element_and_ancestors(block.first_text_element.or(block.element))
        .take(4)
        .any(|e| tokens(page.class_of(e)).any(|t| says_one_of(t, AUTHOR_WORDS)))
}

/// Names in a list of them: split at commas, semicolons, `&` and " and ";
/// a URL or a handle is not a name.
fn names(list: &str) -> Vec<String> {
    let list = list
        .replace("&amp;", "&")
        .replace(" and ", ",")
        .replace(" & ", ",")
        .replace(';', ",");
    list.split(',')
        .map(without_byline_label)
        .filter(|n| could_be_a_name(n))
        .map(str::to_string)
        .collect()
}

/// Whether `text` could be someone's name: it has letters, and is no URL,
/// handle or path.
fn could_be_a_name(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
        && !text.contains("://")
        && !text.starts_with('@')
        && !text.starts_with('/')
}

/// The words that introduce a byline ("By", "Written by", "Author:"),
/// lowercased.
const BYLINE_LABELS: &[&str] = &["written by", "posted by", "author", "by"];

/// What follows the label that starts `text` (in any case, then a space, a
/// colon or nothing), trimmed: `Some("")` when it is only the label
/// ("Written By"), `None` when it starts with none.
fn after_byline_label(text: &str) -> Option<&str> {
    let text = text.trim();
    BYLINE_LABELS.iter().find_map(|label| {
        let head = text.get(..label.len())?;
        let rest = &text[label.len()..];
        (head.eq_ignore_ascii_case(label) && (rest.is_empty() || rest.starts_with([' ', ':'])))
            .then(|| rest.trim_start_matches(':').trim())
    })
}

/// `name` trimmed, without the label that introduces a byline.
fn without_byline_label(name: &str) -> &str {
    after_byline_label(name).unwrap_or(name.trim())
}

/// A comma-separated list, trimmed.
fn split_list(list: &str) -> Vec<String> {
    list.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// The date as ISO 8601, when it is one (a date, with a time or not); a
/// date as people write it ("3 hours ago", "Monday") is not.
fn iso_date(date: &str) -> Option<String> {
    let date = date.trim();
    iso_parts(date)?;
    let end = date.find(|c: char| c.is_whitespace()).unwrap_or(date.len());
    Some(date[..end].to_string())
}

/// The year, month and day of a date that starts `YYYY-MM-DD` (ISO 8601).
fn iso_parts(date: &str) -> Option<(u32, u32, u32)> {
    let bytes = date.as_bytes();
    if bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
        return None;
    }
    Some((
        figures(date.get(..4)?, 4..=4)?,
        figures(date.get(5..7)?, 2..=2)?,
        figures(date.get(8..10)?, 2..=2)?,
    ))
}

/// How many blocks from the title a byline or a date it shows may be.
const NEAR_TITLE: usize = 12;

/// The blocks by the page's title (its `<h1>`, else its first prose):
/// where its byline and date are, and not those of a story card further
/// down, nor of the reader comments after it (from `comments_start`).
fn near_title(page: &Page<'_>, comments_start: Option<usize>) -> Option<Range<usize>> {
    let title = page
        .blocks
        .iter()
        .position(|b| b.kind == BlockKind::Heading(1))
        .or_else(|| {
            page.blocks
                .iter()
                .position(|b| b.words >= PROSE_WORDS && b.kind == BlockKind::Paragraph)
        })?;
    Some(blocks_around(page, title, comments_start))
}

/// The blocks within [`NEAR_TITLE`] of `anchor`, and not past the reader
/// comments (from `comments_start`) when they come after it.
fn blocks_around(page: &Page<'_>, anchor: usize, comments_start: Option<usize>) -> Range<usize> {
    let end = (anchor + NEAR_TITLE + 1).min(page.blocks.len());
    let end = match comments_start {
        Some(comments) if comments > anchor => end.min(comments),
        _ => end,
    };
    anchor.saturating_sub(NEAR_TITLE)..end
}

/// The day a page's address files it under, as ISO 8601: its path holds
/// a year, a month and a day as segments ("/2025/12/18/") or as one
/// ("/2025-12-15-story").
fn url_date(url: &str) -> Option<String> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = &path[path.find('/')?..];
    let segments: Vec<&str> = path.split(['/', '?', '#']).collect();
    let from_segments = segments.windows(3).find_map(|w| {
        calendar_day(
            figures(w[0], 4..=4)?,
            figures(w[1], 2..=2)?,
            figures(w[2], 2..=2)?,
        )
    });
    from_segments.or_else(|| {
        segments.iter().find_map(|segment| {
            let (year, month, day) = iso_parts(segment)?;
            // "/2025-12-15-story", not "/2025-12-150".
            let more_figures = segment.get(10..)?.starts_with(|c: char| c.is_ascii_digit());
            calendar_day(year, month, day).filter(|_| !more_figures)
        })
    })
}

/// Whether `declared` is a time in UTC that falls on `day` in some time
/// zone (UTC−12 to UTC+14): a day before it when it is before noon, a day
/// after it from 10:00.
fn utc_time_on_day(declared: &str, day: &str) -> bool {
    let utc = ["Z", "+00:00", "+0000"]
        .iter()
        .any(|z| declared.ends_with(z));
    let hour = declared.get(11..13).and_then(|h| h.parse::<u32>().ok());
    let (Some(hour), Some(declared_day), Some(day)) = (hour, day_number(declared), day_number(day))
    else {
        return false;
    };
    utc && match day - declared_day {
        -1 => hour < 12,
        1 => hour >= 10,
        _ => false,
    }
}

/// The days from 1970-01-01 to an ISO 8601 date (its first ten
/// characters), by Howard Hinnant's `days_from_civil`.
fn day_number(date: &str) -> Option<i64> {
    let (year, month, day) = iso_parts(date)?;
    if !(1..=days_in_month(year, month)?).contains(&day) {
        return None;
    }
    let (year, month, day) = (i64::from(year), i64::from(month), i64::from(day));
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some(era * 146_097 + day_of_era - 719_468)
}

/// The date the page shows by its title (see [`near_title`]), as ISO
/// 8601: a `<time>`, or a short block that holds a date (see
/// [`text_date`]: "Updated August 14, 2025"). Relative dates ("3 hours
/// ago") are not dates.
fn shown_date(page: &Page<'_>, facts: &HeadFacts, near: Range<usize>) -> Option<String> {
    let time = facts
        .times
        .iter()
        .filter(|(before, _)| near.contains(before))
        .find_map(|(_, t)| date_of(t));
    time.or_else(|| {
        page.blocks[near]
            .iter()
            .filter(|b| b.words > 0 && b.words <= 12)
            .find_map(|b| text_date(&b.text))
    })
}

/// The date the page shows where the content it keeps starts (from
/// `content_start`, see [`blocks_around`], as [`shown_date`] reads
/// it): a forum thread's first post, a story whose `<h1>` is the site's
/// name; not a card's further down, and not on a product page (whose
/// dates are its reviews' and its stock's).
fn date_at_content(
    page: &Page<'_>,
    facts: &HeadFacts,
    content_start: usize,
    comments_start: Option<usize>,
) -> Option<String> {
    if page.declared.product {
        return None;
    }
    shown_date(
        page,
        facts,
        blocks_around(page, content_start, comments_start),
    )
}

/// A date the page labels as its own anywhere above its reader comments
/// ("Last updated: November 13, 2025", "Published 23.07.2025"): a short
/// block that starts with a date label. A story card's bare date has none.
fn labelled_date(page: &Page<'_>, comments_start: Option<usize>) -> Option<String> {
    let end = comments_start.unwrap_or(page.blocks.len());
    page.blocks[..end]
        .iter()
        .enumerate()
        .filter(|(_, b)| b.words > 0 && b.words <= LABELLED_DATE_WORDS)
        .find_map(|(at, b)| {
            let lower = b.text.trim().to_lowercase();
            let after_label = DATE_LABELS.iter().find_map(|l| lower.strip_prefix(l))?;
            // A label on a line of its own ("Published") dates the next.
            let alone = after_label.trim_start_matches(':').is_empty();
            text_date(&b.text).or_else(|| {
                let next = page.blocks[..end].get(at + 1).filter(|_| alone)?;
                (next.words <= LABELLED_DATE_WORDS)
                    .then(|| text_date(&next.text))
                    .flatten()
            })
        })
}

/// The most words of a block that labels the page's date.
const LABELLED_DATE_WORDS: usize = 10;

/// How a page labels its own date, lowercased.
const DATE_LABELS: &[&str] = &[
    "published",
    "publish date",
    "publication date",
    "date published",
    "posted",
    "updated",
    "last updated",
    "last modified",
    "page last modified",
    "last reviewed",
    "date:",
];

/// A declared date (a `<meta>`, JSON-LD or `<time datetime>` value) as ISO
/// 8601: ISO already, or written as people write it ("July 17, 2025").
fn date_of(value: &str) -> Option<String> {
    iso_date(value).or_else(|| text_date(value))
}

/// The first date written out in `text`, as ISO 8601: "Month D, YYYY" or
/// "D Month YYYY" (the day may be an ordinal, "September 1st, 2023"), or
/// in figures "YYYY-MM-DD", "YYYY/MM/DD" or "DD.MM.YYYY". Slashed dates
/// with the year last ("05/06/2025") are left alone: day first or month
/// first depends on the country.
fn text_date(text: &str) -> Option<String> {
    let ranges: Vec<Range<usize>> = words(text).collect();
    let word = |i: usize| &text[ranges[i].clone()];
    // The separator between word `i` and the next.
    let between = |i: usize| text[ranges[i].end..ranges[i + 1].start].trim();
    let day =
        |word: &str| figures(without_ordinal_suffix(word), 1..=2).filter(|d| (1..=31).contains(d));
    let month_number = |word: &str| figures(word, 1..=2).filter(|m| (1..=12).contains(m));
    let year = |word: &str| figures(word, 4..=4).filter(|y| DATE_YEARS.contains(y));
    for i in 0..ranges.len().saturating_sub(2) {
        let (first, second, third) = (word(i), word(i + 1), word(i + 2));
        let separators = (between(i), between(i + 1));
        let year_month_day = || {
            year(first)
                .zip(month_number(second))
                .zip(day(without_iso_time(third)))
                .map(|((y, m), d)| (y, m, d))
        };
        let found = match (month(first), month(second)) {
            (Some(month), _) => day(second)
                .zip(year(third))
                .map(|(d, y)| (y, month as u32, d)),
            (None, Some(month)) => day(first)
                .zip(year(third))
                .map(|(d, y)| (y, month as u32, d))
                // Year first, as citations write it: "2023 Jan 7".
                .or_else(|| {
                    year(first)
                        .zip(day(third))
                        .map(|(y, d)| (y, month as u32, d))
                }),
            _ => match separators {
                ("-", "-") => year_month_day(),
                (".", ".") => day(first)
                    .zip(month_number(second))
                    .zip(year(third))
                    .map(|((d, m), y)| (y, m, d)),
                // With the year last, the day is the number over 12.
                ("/", "/") => year_month_day().or_else(|| {
                    let ((a, b), y) = day(first).zip(day(second)).zip(year(third))?;
                    match (a > 12, b > 12) {
                        (true, false) => Some((y, b, a)),
                        (false, true) => Some((y, a, b)),
                        _ => None,
                    }
                }),
                _ => None,
            },
        };
        if let Some(date) = found.and_then(|(year, month, day)| calendar_day(year, month, day)) {
            return Some(date);
        }
    }
    None
}

/// The day of an ISO 8601 date and time's third word ("23" of
/// "2022-11-23T08:10"), else the word.
fn without_iso_time(word: &str) -> &str {
    word.split_once('T')
        .filter(|(_, time)| time.starts_with(|c: char| c.is_ascii_digit()))
        .map_or(word, |(day, _)| day)
}

/// `word` as a number when it is only figures, as many as `digits` says.
fn figures(word: &str, digits: RangeInclusive<usize>) -> Option<u32> {
    (digits.contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse::<u32>().ok())
        .flatten()
}

/// A day as ISO 8601, when it is one of [`DATE_YEARS`] and exists
/// (February has no 30th).
fn calendar_day(year: u32, month: u32, day: u32) -> Option<String> {
    (DATE_YEARS.contains(&year) && (1..=days_in_month(year, month)?).contains(&day))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// How many days `month` (1 to 12) of `year` has; `None` for no month.
fn days_in_month(year: u32, month: u32) -> Option<u32> {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 if leap => Some(29),
        2 => Some(28),
        _ => None,
    }
}

/// Text folded for comparing titles: lowercase letters and digits.
fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// What a page's JSON-LD says of its main item.
#[derive(Debug, Default)]
struct JsonLd {
    headline: Option<String>,
    /// The authors that are people (or just names).
    people: Vec<String>,
    /// The authors that are organisations.
    organisations: Vec<String>,
    published: Option<String>,
    modified: Option<String>,
    site_name: Option<String>,
    language: Option<String>,
    description: Option<String>,
    tags: Vec<String>,
    image: Option<String>,
    page_type: Option<String>,
}

impl JsonLd {
    /// The main item among the objects of `texts` (and their `@graph`s):
    /// an article first, then a web page, then any other item; fields it
    /// lacks come from the others in that order.
    fn parse(texts: &[String]) -> JsonLd {
        let mut items: Vec<Value> = Vec::new();
        for text in texts {
            if let Ok(value) = serde_json::from_str::<Value>(unwrapped_script(text)) {
                flatten(value, &mut items);
            }
        }
        let rank = |item: &Value| {
            let types = types(item);
            if types
                .iter()
                .any(|t| t.ends_with("Article") || t == "BlogPosting" || t == "Report")
            {
                0
            } else if types.iter().any(|t| t.ends_with("Page")) {
                2
            } else if types.iter().any(|t| {
                t == "Organization"
                    || t == "WebSite"
                    || t == "Person"
                    || t == "BreadcrumbList"
                    || t == "ImageObject"
            }) {
                3
            } else {
                1
            }
        };
        items.sort_by_key(rank);
        let mut ld = JsonLd::default();
        for item in items.iter().filter(|i| rank(i) < 3) {
            let text = |key: &str| item.get(key).and_then(as_text);
            ld.headline = ld
                .headline
                .or_else(|| text("headline"))
                .or_else(|| (rank(item) < 2).then(|| text("name")).flatten());
            if ld.people.is_empty() && ld.organisations.is_empty() {
                let authors = item.get("author").or_else(|| item.get("creator"));
                if let Some(authors) = authors {
                    authors_into(authors, &mut ld.people, &mut ld.organisations);
                }
            }
            ld.published = ld
                .published
                .or_else(|| text("datePublished"))
                .or_else(|| text("dateCreated"));
            ld.modified = ld.modified.or_else(|| text("dateModified"));
            ld.site_name = ld.site_name.or_else(|| {
                item.get("publisher")
                    .and_then(|p| p.get("name"))
                    .and_then(as_text)
            });
            ld.language = ld.language.or_else(|| text("inLanguage"));
            ld.description = ld.description.or_else(|| text("description"));
            if ld.tags.is_empty() {
                ld.tags = item.get("keywords").map(keywords).unwrap_or_default();
            }
            ld.image = ld.image.or_else(|| item.get("image").and_then(image));
            ld.page_type = ld.page_type.or_else(|| types(item).into_iter().next());
        }
        if ld.site_name.is_none() {
            ld.site_name = items
                .iter()
                .find(|i| {
                    types(i)
                        .iter()
                        .any(|t| t == "WebSite" || t == "Organization")
                })
                .and_then(|i| i.get("name"))
                .and_then(as_text);
        }
        ld
    }
}

/// The items of a JSON-LD value: objects, in arrays and `@graph`s.
/// A script's text without the wrappers that old pages put around it for
/// XHTML parsers and browsers without scripts: `<![CDATA[ ... ]]>` (also
/// behind `//`) and `<!-- ... -->`.
fn unwrapped_script(text: &str) -> &str {
    let mut text = text.trim();
    loop {
        let before = text;
        for (open, close) in [("<![CDATA[", "]]>"), ("<!--", "-->")] {
            let opened = text.strip_prefix("//").unwrap_or(text).trim_start();
            if let Some(inner) = opened.strip_prefix(open) {
                text = inner.trim();
                let closed = text.strip_suffix(close).unwrap_or(text).trim_end();
                text = closed.strip_suffix("//").unwrap_or(closed).trim();
            }
        }
        if text == before {
            return text;
        }
    }
}

fn flatten(value: Value, items: &mut Vec<Value>) {
    match value {
        Value::Array(values) => values.into_iter().for_each(|v| flatten(v, items)),
        Value::Object(mut object) => {
            if let Some(graph) = object.remove("@graph") {
                flatten(graph, items);
            }
            // A Q&A page's question (with its author and date) is an item
            // of its own; not an FAQ page's list of questions.
            let qa_page = types_of(object.get("@type")).iter().any(|t| t == "QAPage");
            if let Some(question) = object
                .get("mainEntity")
                .filter(|e| qa_page && e.is_object())
            {
                flatten(question.clone(), items);
            }
            if object.contains_key("@type") {
                items.push(Value::Object(object));
            }
        }
        _ => {}
    }
}

/// An item's `@type`s.
fn types(item: &Value) -> Vec<String> {
    types_of(item.get("@type"))
}

/// The types an `@type` value names.
fn types_of(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Array(ts)) => ts.iter().filter_map(as_text).collect(),
        _ => Vec::new(),
    }
}

/// A value's text: a string, its HTML entities decoded (JSON-LD often
/// holds `&amp;` or `&#8217;`), trimmed, not empty.
fn as_text(value: &Value) -> Option<String> {
    let text = html_escape::decode_html_entities(value.as_str()?);
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// The names of authors: a name or a person (`name`) to `people`, an
/// organisation to `organisations`, or a list of them.
fn authors_into(value: &Value, people: &mut Vec<String>, organisations: &mut Vec<String>) {
    match value {
        Value::String(list) => people.extend(names(list)),
        Value::Array(values) => values
            .iter()
            .for_each(|v| authors_into(v, people, organisations)),
        Value::Object(_) => {
            let organisation = types(value)
                .iter()
                .any(|t| t == "Organization" || t.ends_with("Organization"));
            let name = value
                .get("name")
                .and_then(Value::as_str)
                .map(names)
                .unwrap_or_default();
            if organisation { organisations } else { people }.extend(name);
        }
        _ => {}
    }
}

/// Keywords: a comma-separated string or a list.
fn keywords(value: &Value) -> Vec<String> {
    match value {
        Value::String(list) => split_list(list),
        Value::Array(values) => values.iter().filter_map(as_text).collect(),
        _ => Vec::new(),
    }
}

/// An image's URL: a string, an `ImageObject`'s `url`, or the first of a list.
fn image(value: &Value) -> Option<String> {
    match value {
        Value::String(_) => as_text(value),
        Value::Array(values) => values.iter().find_map(image),
        Value::Object(_) => value
            .get("url")
            .or_else(|| value.get("contentUrl"))
            .and_then(as_text),
        _ => None,
    }
}
