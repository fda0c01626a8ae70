//! The words of `class` and `id` values, and what they say about an
//! element.
//!
//! Values are stored lowercased with camelCase words split by `-`
//! ([`push_class_words`]), and each token is read as its parts between `-`
//! and `_`, and, when short, all of them joined ([`any_class_word`]): so
//! `commentBody`, `comment-body` and `comment_body` all say `comment`, and
//! `sideBar` also says `sidebar`, while `shareholder` never says `share`.

use std::ops::Range;

use once_cell::sync::Lazy;
use rustc_hash::FxHashMap as HashMap;

/// What a class or id word says about the element that has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClassWord {
    /// It holds the content: `article`, `post`, `entry`, ...
    Content,
    /// It is boilerplate; `sure` when the word alone is reason enough to
    /// drop the element (the strict preset's `boilerplate-classes`).
    Boilerplate { sure: bool },
    /// It is about comments or replies.
    Comment,
    /// It is about reviews and ratings.
    Review,
}

/// Words that say an element holds content.
const CONTENT_WORDS: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "main",
    "post",
    "story",
    "text",
    "blog",
    "prose",
    "description",
    "product",
    "thread",
    "message",
    "topic",
    "answer",
    "question",
    "docs",
    "markdown",
    "item",
    "result",
    "listing",
    "card",
];

/// Words that say an element is boilerplate, and whether each is sure
/// enough to drop it on its own. Landmark words (`nav`, `header`,
/// `footer`) are not sure: a landmark is judged by what it holds.
const BOILERPLATE_WORDS: &[(&str, bool)] = &[
    ("share", true),
    ("sharing", true),
    ("social", true),
    ("newsletter", true),
    ("subscribe", true),
    ("subscription", true),
    ("related", true),
    ("recommended", true),
    ("recommendations", false),
    ("sidebar", true),
    ("breadcrumb", true),
    ("breadcrumbs", true),
    ("widget", true),
    ("ad", false),
    ("ads", true),
    ("advert", true),
    ("advertisement", true),
    ("sponsor", true),
    ("sponsored", true),
    ("promo", true),
    ("banner", false),
    ("popup", true),
    ("modal", true),
    ("tooltip", false),
    ("popover", false),
    ("pagination", true),
    ("pager", true),
    ("tags", true),
    ("tagcloud", true),
    ("nav", false),
    ("navbar", false),
    ("navigation", false),
    ("menu", false),
    ("footer", false),
    ("header", false),
    ("meta", false),
    ("login", false),
    ("signup", false),
    ("search", false),
    ("toolbar", false),
    ("copyright", false),
    ("skip", false),
    ("hidden", false),
    ("signature", false),
    ("disclaimer", false),
    ("legal", false),
    ("userinfo", false),
    ("postprofile", false),
];

/// Words of consent banners (also sure boilerplate words).
pub(crate) const CONSENT_WORDS: &[&str] = &["consent", "cookie", "cookies", "gdpr"];

/// Words about comments and replies.
const COMMENT_WORDS: &[&str] = &["comment", "comments", "reply", "replies", "discussion"];

/// Words of the containers around a discussion (a forum thread, a Q&A
/// page), as opposed to an article with comments under it.
const DISCUSSION_PAGE_WORDS: &[&str] = &[
    "forum",
    "forums",
    "thread",
    "threads",
    "topic",
    "topics",
    "discussion",
    "discussions",
    "board",
    "question",
    "questions",
    "answers",
    "bbpress",
    "community",
];

/// Whether a class or id token (as stored) names a discussion page's
/// container (see [`DISCUSSION_PAGE_WORDS`]).
pub(crate) fn says_discussion(token: &str) -> bool {
    says_one_of(token, DISCUSSION_PAGE_WORDS)
}

/// Words of an author's bio box under or beside an article (`author-bio`,
/// `user-bio`, `about-the-author`, `biography`).
pub(crate) const AUTHOR_BIO_WORDS: &[&str] = &[
    "bio",
    "biography",
    "authorbio",
    "aboutauthor",
    "abouttheauthor",
];

/// Whether a class or id token (as stored) names an author's bio box.
pub(crate) fn says_author_bio(token: &str) -> bool {
    says_one_of(token, AUTHOR_BIO_WORDS)
}

/// Words of a slideshow or photo gallery: pictures with captions that a
/// reader steps through. Not `carousel` or `slider`: landing pages put
/// their content (features, testimonials) in those.
pub(crate) const SLIDESHOW_WORDS: &[&str] = &["gallery", "slideshow"];

/// Whether a class or id token (as stored) names a slideshow.
pub(crate) fn says_slideshow(token: &str) -> bool {
    says_one_of(token, SLIDESHOW_WORDS)
}

/// Class tokens that hide an element from sight and leave it to screen
/// readers (Bootstrap's `sr-only` and `visually-hidden`, WordPress's
/// `screen-reader-text`, Drupal's `element-invisible`, Foundation's
/// `show-for-sr`, ...), as written, read in any case (`visuallyHidden`).
/// Their text is a label for the ears ("Regular price:", "(opens in a new
/// window)", "Post navigation"), not what a reader of the page sees.
const SCREEN_READER_ONLY_TOKENS: &[&str] = &[
    "sr-only",
    "sronly",
    "sr_only",
    "sr-only-focusable",
    "sr-text",
    "visually-hidden",
    "visuallyhidden",
    "visually-hidden-focusable",
    "u-visually-hidden",
    "hidden-visually",
    "screen-reader-text",
    "screen_reader_text",
    "screenreadertext",
    "screen-reader-only",
    "screenreader-only",
    "screenreaderonly",
    "a11y-hidden",
    "element-invisible",
    "show-for-sr",
    "assistive-text",
];

/// Whether a `class` value (as written in the page) has a token that
/// leaves the element to screen readers (see [`SCREEN_READER_ONLY_TOKENS`]).
pub(crate) fn says_screen_reader_only(class: &str) -> bool {
    lists_one_of(class, SCREEN_READER_ONLY_TOKENS)
}

/// Utility classes that hide an element on every screen (Bootstrap's
/// `hide` and `d-none`, Foundation's `hide`, `is-hidden`, `u-hidden`),
/// as written, read in any case.
const HIDDEN_TOKENS: &[&str] = &["hide", "hidden", "d-none", "is-hidden", "u-hidden"];

/// Whether a `class` value (as written in the page) hides the element: it
/// has one of [`HIDDEN_TOKENS`] and no token that shows it again on some
/// screens (`hidden md:block`, `d-none d-lg-flex`), which would leave it
/// shown on a desktop.
pub(crate) fn says_hidden(class: &str) -> bool {
    let shows_again = |token: &str| {
        token.contains(':') || (token.starts_with("d-") && !token.eq_ignore_ascii_case("d-none"))
    };
    lists_one_of(class, HIDDEN_TOKENS) && !tokens(class).any(shows_again)
}

/// Words about reviews and ratings.
const REVIEW_WORDS: &[&str] = &[
    "review",
    "reviews",
    "rating",
    "ratings",
    "testimonial",
    "testimonials",
];

/// Id and class tokens (as stored) of the comment form and the box around
/// it (WordPress and most themes).
pub(crate) const COMMENT_FORM_TOKENS: &[&str] =
    &["respond", "commentform", "comment-form", "comment-respond"];

/// Id and class tokens (as stored) of the containers comment systems
/// (WordPress, Disqus and most themes) put around a thread; tokens that
/// start with `comments-` or end with `-comments` are too (see the
/// page-chrome rule).
pub(crate) const COMMENT_SECTION_TOKENS: &[&str] = &[
    "comments",
    "commentlist",
    "comment-list",
    "comment-section",
    "comment-box",
    "disqus_thread",
    "dsq-comments",
];

/// Class tokens (as stored) of one comment of a thread: `div.comment`,
/// `.single-comment` (any token ending in `-comment`), but not a call to
/// write one (`leave-comment`, `add-comment`) or a state (`no-comment`).
pub(crate) fn is_comment_item_token(token: &str) -> bool {
    let call_or_state = matches!(
        token.split('-').next(),
        Some("leave" | "add" | "write" | "post" | "no" | "has" | "with" | "without")
    );
    token == "comment" || (token.ends_with("-comment") && !call_or_state)
}

/// Words that mark what a comment says, apart from its author and date
/// lines (`comment-content`, `comment-body`, `post-message`).
pub(crate) const COMMENT_TEXT_WORDS: &[&str] = &["content", "body", "text", "message"];

/// Words that mark the name of a comment's author (`comment-author`,
/// microformats' `fn` and `vcard`, `username`).
pub(crate) const AUTHOR_WORDS: &[&str] = &[
    "author",
    "fn",
    "vcard",
    "username",
    "nickname",
    "byline",
    "commenter",
];

/// Words that mark a comment's date (`comment-date`, `comment-metadata`,
/// `timestamp`).
pub(crate) const DATE_WORDS: &[&str] = &["date", "time", "timestamp", "published", "metadata"];

/// Every class word, for one lookup per word.
static CLASS_WORDS: Lazy<HashMap<&'static str, ClassWord>> = Lazy::new(|| {
    let mut map = HashMap::default();
    let groups: [(&[&str], ClassWord); 4] = [
        (CONTENT_WORDS, ClassWord::Content),
        (CONSENT_WORDS, ClassWord::Boilerplate { sure: true }),
        (COMMENT_WORDS, ClassWord::Comment),
        (REVIEW_WORDS, ClassWord::Review),
    ];
    for (words, meaning) in groups {
        for &word in words {
            map.insert(word, meaning);
        }
    }
    for &(word, sure) in BOILERPLATE_WORDS {
        map.insert(word, ClassWord::Boilerplate { sure });
    }
    map
});

/// What `word` (one part of a token, see [`any_class_word`]) says.
pub(crate) fn class_word(word: &str) -> Option<ClassWord> {
    CLASS_WORDS.get(word).copied()
}

/// The tokens of a class or id value (as stored).
pub(crate) fn tokens(value: &str) -> std::str::SplitAsciiWhitespace<'_> {
    value.split_ascii_whitespace()
}

/// Whether an attribute's space-separated value (`rel`, `itemprop`) lists
/// `word`, in any case.
pub(crate) fn lists_word(value: Option<&str>, word: &str) -> bool {
    value.is_some_and(|v| lists_one_of(v, &[word]))
}

/// Whether a space-separated value (`class`, `itemprop`) lists one of
/// `words`, in any case. Read for every element: lengths are compared
/// first.
pub(crate) fn lists_one_of(value: &str, words: &[&str]) -> bool {
    tokens(value).any(|token| {
        words
            .iter()
            .any(|word| word.len() == token.len() && word.eq_ignore_ascii_case(token))
    })
}

/// The parts of a token (as stored) between `-` and `_`.
pub(crate) fn token_parts(token: &str) -> impl Iterator<Item = &str> {
    token.split(['-', '_']).filter(|part| !part.is_empty())
}

/// Calls `each` with the words of a token (as stored): its parts between
/// `-` and `_`, then, when it has several and is short, all of them joined:
/// `side-bar` is also `sidebar`, Cookiebot's `CybotCookiebotDialog` is also
/// `cybotcookiebotdialog`. Stops at the first `true` and returns it.
pub(crate) fn any_class_word(token: &str, mut each: impl FnMut(&str) -> bool) -> bool {
    if token_parts(token).any(&mut each) {
        return true;
    }
    // Joined on the stack: this runs for every token of every element.
    let mut joined = [0u8; 32];
    if !token.contains(['-', '_']) || token.len() > joined.len() {
        return false;
    }
    let mut len = 0;
    for &byte in token.as_bytes().iter().filter(|&&b| b != b'-' && b != b'_') {
        joined[len] = byte;
        len += 1;
    }
    // Taking out ASCII bytes leaves valid UTF-8.
    std::str::from_utf8(&joined[..len]).is_ok_and(each)
}

/// Whether one of the words of a token (as stored, see [`any_class_word`])
/// is one of `words`.
pub(crate) fn says_one_of(token: &str, words: &[&str]) -> bool {
    any_class_word(token, |word| words.contains(&word))
}

/// Appends an `id` or `class` value to `arena`, trimmed, with camelCase
/// words split by `-` and lowercased (`commentBody` becomes `comment-body`,
/// so that its words are found like those of `comment-body`); returns where
/// it is.
pub(crate) fn push_class_words(arena: &mut String, value: Option<&str>) -> Range<usize> {
    let start = arena.len();
    let value = value.unwrap_or("").trim();
    if !value.bytes().any(|b| b.is_ascii_uppercase()) {
        arena.push_str(value);
        return start..arena.len();
    }
    let mut previous_lowercase = false;
    for c in value.chars() {
        if previous_lowercase && c.is_ascii_uppercase() {
            arena.push('-');
        }
        previous_lowercase = c.is_ascii_lowercase();
        arena.push(c.to_ascii_lowercase());
    }
    start..arena.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compound_words_are_read_by_part_and_joined() {
        let mut words = Vec::new();
        any_class_word("side-bar", |word| {
            words.push(word.to_string());
            false
        });
        assert_eq!(words, ["side", "bar", "sidebar"]);
        assert!(any_class_word("main", |word| word == "main"));
    }

    #[test]
    fn camel_case_class_words_are_split() {
        let mut arena = String::new();
        let class = push_class_words(&mut arena, Some(" commentBody userInfo NAV-bar x2Y "));
        assert_eq!(&arena[class], "comment-body user-info nav-bar x2y");
        let id = push_class_words(&mut arena, None);
        assert!(id.is_empty());
    }

    #[test]
    fn hiding_classes_hide_unless_a_screen_size_shows_the_element() {
        assert!(says_hidden("promo-bar hide"));
        assert!(says_hidden("d-none"));
        assert!(says_hidden("Hidden"));
        // Tailwind and Bootstrap show these on wider screens.
        assert!(!says_hidden("hidden md:block"));
        assert!(!says_hidden("d-none d-lg-flex"));
        // Only the whole token hides: `hidden-xs` hides on phones only.
        assert!(!says_hidden("hidden-xs header"));
        assert!(!says_hidden("hideaway"));
    }

    #[test]
    fn every_word_says_one_thing() {
        let mut all: Vec<&str> = CONTENT_WORDS.to_vec();
        all.extend(CONSENT_WORDS);
        all.extend(COMMENT_WORDS);
        all.extend(REVIEW_WORDS);
        all.extend(BOILERPLATE_WORDS.iter().map(|w| w.0));
        let count = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), count, "a word is in two groups");
        assert_eq!(
            class_word("sidebar"),
            Some(ClassWord::Boilerplate { sure: true })
        );
        assert_eq!(
            class_word("nav"),
            Some(ClassWord::Boilerplate { sure: false })
        );
        assert_eq!(
            class_word("cookie"),
            Some(ClassWord::Boilerplate { sure: true })
        );
        assert_eq!(class_word("replies"), Some(ClassWord::Comment));
        assert_eq!(class_word("shareholder"), None);
    }
}
