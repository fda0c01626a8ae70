//! The page-chrome rule, and what it reads in an element's classes and ids:
//! comment sections, consent banners, the chrome around forum posts.

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use once_cell::sync::Lazy;

use crate::page::{Flags, Judgement, Page};
use crate::rules::{Phase, Rule};
use crate::vocabulary::class_words::{
    AUTHOR_BIO_WORDS, COMMENT_FORM_TOKENS, COMMENT_SECTION_TOKENS, CONSENT_WORDS, SLIDESHOW_WORDS,
    any_class_word, says_author_bio, says_discussion, says_slideshow, token_parts,
};
use crate::vocabulary::tags::Group;

/// Drops navigation, page headers, footers, asides, dialogs, comment
/// sections and what forums repeat around posts: `<nav>`, `<header>`,
/// `<footer>`, `<aside>`, `<dialog>`, the ARIA roles `navigation`, `menu`,
/// `banner`, `contentinfo`, `complementary`, `dialog` and `alertdialog`,
/// `aria-modal` and `popover` elements, the containers of the common
/// consent managers, the containers that comment systems use (`#comments`, `#respond`, `.comments-area`,
/// `#disqus_thread`, ...), and the signatures under forum posts
/// (`.signature`, `.post-signature`, ...) and the statistics beside their
/// authors (`.message-userExtras`, `.userstats`: "Joined", "Messages").
///
/// Where they are the main content, they stay: a `<header>` inside an
/// `<article>`, `<main>` or an element schema.org calls an item's main text
/// is the article's own header, and a header, footer, aside, dialog or
/// comment section that holds at least
/// [`content_share`](PageChrome::content_share) of the page's words (a
/// forum thread, an article put in an `<aside>`) is kept, with the landmarks
/// of its kind nested in it (the replies of a thread). Dialogs are
/// judged first and their words are not counted in the others' shares; a
/// consent manager's own (OneTrust's, Didomi's, Complianz's) goes whatever
/// its share: its cookie lists can outweigh a short thread. On a
/// page that declares itself a forum thread or Q&A page (schema.org
/// `DiscussionForumPosting` or `QAPage`), a comment section holding a fifth
/// of the words is kept: it is the thread. Under an article (300 words of
/// text outside every landmark, on a page whose comment section sits in no
/// container named `forum`, `thread`, `topic`, `question`, ...), a comment
/// section is reader comments however much it holds.
///
/// The blocks of a comment section that is not the content are reader
/// comments ([`Judgement::drop_comment`]): recorded under
/// [`COMMENTS_RULE`](crate::COMMENTS_RULE), or given back by a cleaner that
/// includes comments. Its comment form is page chrome.
///
/// Name: `page-chrome`.
#[derive(Debug, Clone, Copy)]
pub struct PageChrome {
    content_share: f32,
}

impl Default for PageChrome {
    fn default() -> Self {
        PageChrome { content_share: 0.5 }
    }
}

impl PageChrome {
    /// The share of the page's words (0 to 1, default 0.5) from which a
    /// header, footer, aside, dialog, comment section or forum post chrome
    /// counts as the content (navigation never does).
    pub fn content_share(mut self, share: f32) -> Self {
        self.content_share = share;
        self
    }
}

impl Rule for PageChrome {
    fn phase(&self) -> Phase {
        Phase::Structure
    }

    fn name(&self) -> &str {
        "page-chrome"
    }

    fn apply(&self, page: &Page<'_>, judgement: &mut Judgement) {
        if !page.is_html() {
            return;
        }
        let kept: Vec<usize> = judgement.kept().collect();
        let mut words = page.word_counts(&kept);
        // Dialogs go first, so that a cookie preference centre, which can
        // hold more words than a forum thread, does not count in its share.
        let mut rest = Vec::with_capacity(kept.len());
        for &block in &kept {
            // The innermost consent manager, and the outermost dialog.
            let (mut consent_manager, mut outermost) = (None, None);
            for e in page.ancestors_of(block) {
                let roles = page.roles()[e];
                if roles.contains(Flags::CONSENT_MANAGER) {
                    consent_manager = consent_manager.or(Some(e));
                }
                if roles.contains(Flags::DIALOG) {
                    outermost = Some(e);
                }
            }
            let small_dialog = outermost.filter(|&e| words.share(e) < self.content_share);
            match consent_manager.or(small_dialog) {
                Some(e) => {
                    judgement
                        .drop_block(block, format!("page chrome: inside {}", page.describe(e)));
                }
                None => rest.push(block),
            }
        }
        if rest.len() < kept.len() {
            words = page.word_counts(&rest);
        }
        // An article's own text, outside every landmark: where there is
        // enough of it, a comment section is its readers' comments, however
        // long, unless the page says it is a discussion.
        let in_chrome = page.within_marked(|e| page.roles()[e].intersects(Flags::CHROME));
        let article_words: usize = rest
            .iter()
            .filter(|&&b| !page.block_within(b, &in_chrome))
            .map(|&b| &page.blocks[b])
            .filter(|block| block.link_density() < 0.5)
            .map(|block| block.words)
            .sum();
        let under_an_article = |section: usize| {
            !page.declared.discussion
                && article_words >= ARTICLE_WORDS_ABOVE_COMMENTS
                && !page
                    .element_and_ancestors(page.elements[section].parent)
                    .any(|e| page.tokens_of(e).any(says_discussion))
        };
        let holds_content = |e: usize| {
            let comments = page.roles()[e].contains(Flags::COMMENTS);
            let share = match comments {
                true if under_an_article(e) => return false,
                // A discussion page's thread is often marked up as comments.
                true if page.declared.discussion => DISCUSSION_SHARE,
                _ => self.content_share,
            };
            words.total > 0 && words.share(e) >= share
        };
        let mut chain = Vec::new();
        for block in rest {
            chain.clear();
            chain.extend(page.ancestors_of(block));
            let mut in_article = false;
            // Landmarks of the kinds an outer one that holds the content is
            // of: the replies nested in a thread marked up as comments.
            let mut spared = Flags::default();
            // Outermost first, so that the reason names the whole landmark.
            for (depth, &e) in chain.iter().enumerate().rev() {
                let flags = page.roles()[e];
                let exempt = flags.contains(Flags::HEADER) && in_article;
                let kinds = flags.intersection(Flags::CHROME);
                let chrome = !kinds.is_empty() && !spared.contains(kinds) && !exempt;
                if chrome {
                    if flags.contains(Flags::NAV) || !holds_content(e) {
                        // Reader comments under the content (in a footer or
                        // an aside too) are comments, which a cleaner may
                        // give back; the rest, the comment form among it,
                        // is chrome.
                        let inside = &chain[..=depth];
                        let section = inside
                            .iter()
                            .rposition(|&x| page.roles()[x].contains(Flags::COMMENTS));
                        let comment = !flags.contains(Flags::NAV)
                            && section.is_some_and(|s| !in_comment_form(page, &inside[..=s]));
                        if comment {
                            let reason = format!("reader comments: inside {}", page.describe(e));
                            judgement.drop_comment(block, reason);
                        } else {
                            let reason = format!("page chrome: inside {}", page.describe(e));
                            judgement.drop_block(block, reason);
                        }
                        break;
                    }
                    spared.insert(kinds);
                }
                in_article |= flags.contains(Flags::ARTICLE);
            }
        }
    }
}

/// The words of text outside every landmark from which a page is an
/// article, and a comment section under it is reader comments however long
/// (unless the page or the section's containers say discussion: a forum
/// thread's first post is text outside the replies too).
const ARTICLE_WORDS_ABOVE_COMMENTS: usize = 300;

/// On a page that says it is a forum thread or Q&A page, a comment section
/// holding this share of the words is the thread itself (the comments under
/// a Q&A answer hold less).
const DISCUSSION_SHARE: f32 = 0.2;

/// What each element of `page` is: the facts segmentation found (its tag,
/// role and attributes) and what its classes and ids say: a comment
/// section ([`Flags::COMMENTS`]), a consent banner ([`Flags::DIALOG`]), a
/// forum post's signature or author statistics ([`Flags::POST_CHROME`]).
/// A page wrapper's classes are about the page, not the wrapper, and a
/// heading, term or code that names a signature is a topic.
pub(crate) fn roles(page: &Page<'_>) -> Vec<Flags> {
    (0..page.elements.len())
        .map(|e| {
            let element = &page.elements[e];
            let mut flags = element.flags;
            let (id, class) = (page.id_of(e), page.class_of(e));
            let hinted = |value: &str| !value.is_empty() && ROLE_HINTS.is_match(value);
            if element.traits.wrapper || !(hinted(id) || hinted(class)) {
                return flags;
            }
            for token in page.tokens_of(e) {
                if is_comment_section_token(token) {
                    flags.insert(Flags::COMMENTS);
                }
                if is_consent_manager_token(token) {
                    flags.insert(Flags::DIALOG.union(Flags::CONSENT_MANAGER));
                } else if is_consent_token(token) {
                    flags.insert(Flags::DIALOG);
                }
                if says_slideshow(token) {
                    flags.insert(Flags::SLIDESHOW);
                }
                if says_author_bio(token) {
                    flags.insert(Flags::AUTHOR_BIO);
                }
                if !element.traits.names_content
                    && (is_signature_token(token) || is_user_statistics_token(token))
                {
                    flags.insert(Flags::POST_CHROME);
                }
            }
            flags
        })
        .collect()
}

/// What every token that one of the predicates below accepts contains: most
/// elements' classes have none of it, and are passed over in one search.
static ROLE_HINTS: Lazy<AhoCorasick> = Lazy::new(|| {
    let hints = COMMENT_SECTION_HINTS
        .iter()
        .chain(CONSENT_MANAGER_PREFIXES)
        .chain(CONSENT_WORDS)
        .chain(POST_CHROME_HINTS)
        .chain(SLIDESHOW_WORDS)
        .chain(AUTHOR_BIO_WORDS);
    // A DFA: searched once for every element's classes.
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .build(hints)
        .expect("role hints build")
});

/// Whether one of `elements` (a block's, up to its comment section) is a
/// comment form or the box around one: a `<form>`, WordPress's `#respond`
/// and `.comment-respond`, `#commentform`, `.comment-form`.
fn in_comment_form(page: &Page<'_>, elements: &[usize]) -> bool {
    elements.iter().any(|&e| {
        page.elements[e].traits.group == Some(Group::Form)
            || page.tokens_of(e).any(|t| COMMENT_FORM_TOKENS.contains(&t))
    })
}

/// What every comment-section token contains (see [`is_comment_section_token`]).
const COMMENT_SECTION_HINTS: &[&str] = &["comment", "respond", "disqus"];

/// The prefixes of consent managers' ids and classes: OneTrust, Didomi,
/// Complianz.
const CONSENT_MANAGER_PREFIXES: &[&str] = &["onetrust", "optanon", "ot-sdk-", "didomi", "cmplz"];

/// What every signature or user-statistics token contains.
const POST_CHROME_HINTS: &[&str] = &["signature", "user"];

/// Id and class tokens (as stored, see
/// [`push_class_words`](crate::vocabulary::class_words::push_class_words))
/// of the consent banners and dialogs that consent managers (OneTrust,
/// Didomi, Complianz, Cookiebot, ...) and themes put on a page: the
/// managers' own prefixes, and tokens with a word of [`CONSENT_WORDS`]
/// (`cookie-notice`, `gdpr_banner`, `cookieBanner`).
fn is_consent_token(token: &str) -> bool {
    if is_consent_manager_token(token) {
        return true;
    }
    // Most tokens say none of it: look closer only at those that might.
    CONSENT_WORDS.iter().any(|word| token.contains(word))
        && any_class_word(token, |word| {
            CONSENT_WORDS.contains(&word) || word.starts_with("cybotcookiebot")
        })
}

/// Id and class tokens of a consent manager's own elements
/// ([`CONSENT_MANAGER_PREFIXES`]).
fn is_consent_manager_token(token: &str) -> bool {
    CONSENT_MANAGER_PREFIXES
        .iter()
        .any(|p| token.starts_with(p))
}

/// Id and class tokens (as stored) of a forum post's signature: `signature`,
/// `post-signature`, `ipsEntry__signature`, `user-signature`. Not the
/// signatures of API documentation (`member-signature` in Javadoc,
/// `tsd-signature` in TypeDoc, `method-signature`), and not longer tokens,
/// which are something else: a heading's anchor (`..._PGP_signature`) or a
/// product feature (`digital-signature-compatible-row`).
fn is_signature_token(token: &str) -> bool {
    if !token.contains("signature") {
        return false;
    }
    let parts = || token_parts(token);
    let of_code = |part: &str| {
        matches!(
            part,
            "member"
                | "method"
                | "function"
                | "func"
                | "fn"
                | "tsd"
                | "type"
                | "api"
                | "call"
                | "code"
        )
    };
    parts().count() <= 3 && parts().any(|part| part == "signature") && !parts().any(of_code)
}

/// Id and class tokens (as stored) of the statistics beside a forum post's
/// author: `message-userExtras` (XenForo), `userstats`, `user-stats`.
fn is_user_statistics_token(token: &str) -> bool {
    if !token.contains("user") {
        return false;
    }
    let parts = || token_parts(token);
    parts().count() <= 4
        && (parts().any(|part| matches!(part, "userextras" | "userstats"))
            || parts()
                .zip(parts().skip(1))
                .any(|pair| matches!(pair, ("user", "extras" | "stats"))))
}

/// Id and class tokens (as stored) of the containers that comment systems
/// (WordPress, Disqus and most themes) put around a comment thread and its
/// form.
fn is_comment_section_token(token: &str) -> bool {
    COMMENT_FORM_TOKENS.contains(&token)
        || COMMENT_SECTION_TOKENS.contains(&token)
        || token.starts_with("comments-")
        || (token.ends_with("-comments")
            // States, not containers: `no-comments`, `has-comments` (or `noComments`).
            && !matches!(token.split('-').next(), Some("no" | "has" | "with" | "without")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::clean_with;
    use crate::vocabulary::class_words::push_class_words;

    const ARTICLE: &str =
        "<p>This is the long article text that a reader came for, told in full sentences.</p>";

    /// The roles of each block's element and all its ancestors, together.
    fn roles_inside(html: &str) -> Vec<Flags> {
        crate::rules::read_page(html, |page| {
            (0..page.blocks.len())
                .map(|b| {
                    let mut flags = Flags::default();
                    for e in page.ancestors_of(b) {
                        flags.insert(page.roles()[e]);
                    }
                    flags
                })
                .collect()
        })
    }

    fn class_words(class: &str) -> String {
        let mut arena = String::new();
        let range = push_class_words(&mut arena, Some(class));
        arena[range].to_string()
    }

    #[test]
    fn compound_and_camel_case_class_words_are_found() {
        let inside = roles_inside(
            "<div id=CybotCookiebotDialog><p>c</p></div><div class='post noComments'><p>p</p></div>\
             <div class=commentList><p>l</p></div><body class=has-comments><p>b</p></body>",
        );
        assert!(inside[0].contains(Flags::DIALOG));
        assert!(!inside[1].contains(Flags::COMMENTS));
        assert!(inside[2].contains(Flags::COMMENTS));
        let comments = roles_inside("<nav><p>n</p></nav><div id=comments><p>c</p></div>");
        assert!(comments[0].contains(Flags::NAV));
        assert!(comments[1].contains(Flags::COMMENTS));
    }

    #[test]
    fn forum_signatures_are_flagged_and_anchors_that_mention_one_are_not() {
        for class in [
            "signature",
            "post-signature",
            "ipsEntry__signature",
            "userSignature",
        ] {
            assert!(is_signature_token(&class_words(class)), "{class}");
        }
        for class in [
            "signatures-plan",
            "digital-signature-compatible-row",
            "toc-error_pgp_signature_is_invalid",
            "esignature",
            "member-signature",
            "tsd-signature",
            "methodSignature",
        ] {
            assert!(!is_signature_token(&class_words(class)), "{class}");
        }
        // A heading whose anchor names a signature is content.
        let inside = roles_inside(
            "<h2 id=Digital_signature>Digital signature</h2><div class=signature><p>Cheers, Bob</p></div>",
        );
        assert!(!inside[0].contains(Flags::POST_CHROME));
        assert!(inside[1].contains(Flags::POST_CHROME));
    }

    #[test]
    fn forum_user_statistics_are_flagged() {
        for class in ["message-userExtras", "userstats", "user-stats"] {
            assert!(is_user_statistics_token(&class_words(class)), "{class}");
        }
        for class in [
            "message-userDetails",
            "user-extras-menu-item-link-x",
            "stats",
            "users",
        ] {
            assert!(!is_user_statistics_token(&class_words(class)), "{class}");
        }
    }

    #[test]
    fn page_chrome_drops_landmarks_and_comment_sections() {
        let html = format!(
            "<body><header><p>Site name</p></header><nav><a href=/>Home</a></nav>\
             <article><header><h1>Article title</h1></header>{ARTICLE}</article>\
             <div id=comments><p>Leave a reply</p></div><aside><p>Ads</p></aside>\
             <div role=contentinfo><p>Footer</p></div></body>"
        );
        let page = clean_with(PageChrome::default(), &html);
        let kept: Vec<&str> = page.blocks().iter().map(|b| b.text()).collect();
        assert_eq!(kept[0], "Article title");
        assert_eq!(kept.len(), 2);
        assert_eq!(page.removed().len(), 5);
    }

    /// A forum page: a thread marked up as comments (40 words), other text
    /// (110 words) and a consent dialog (100 words), with or without a
    /// schema.org type that says it is a discussion.
    fn forum_page(schema: &str) -> String {
        let words = |word: &str, n: usize| vec![word; n].join(" ");
        format!(
            "<html><head>{schema}</head><body><div class=intro><p>{}</p></div>\
             <div id=comments><div class=post><p>{}</p></div><div class=post><p>{}</p></div></div>\
             <div id=onetrust-consent-sdk><p>{}</p></div></body></html>",
            words("intro", 110),
            words("question", 20),
            words("answer", 20),
            words("cookies", 100),
        )
    }

    #[test]
    fn a_discussion_page_keeps_its_thread_and_drops_its_dialogs() {
        let schema =
            r#"<script type="application/ld+json">{"@type": "DiscussionForumPosting"}</script>"#;
        let page = clean_with(PageChrome::default(), &forum_page(schema));
        assert!(page.text().contains("question") && page.text().contains("answer"));
        assert!(!page.text().contains("cookies"));
        // Without the schema the thread holds too little of the page. (With
        // the dialog's words counted it would hold too little either way.)
        let page = clean_with(PageChrome::default(), &forum_page(""));
        assert!(!page.text().contains("question"));
        assert!(page.text().contains("intro"));
        // Microdata says it too.
        let microdata = forum_page("").replace(
            "<div id=comments>",
            "<div id=comments itemscope itemtype=https://schema.org/QAPage>",
        );
        let page = clean_with(PageChrome::default(), &microdata);
        assert!(page.text().contains("answer"));
    }

    #[test]
    fn dialogs_are_chrome_unless_they_hold_the_page() {
        let html = format!(
            "<body>{ARTICLE}<div role=dialog><p>Sign up now</p></div>\
             <div aria-modal=true><p>Choose a size</p></div><dialog><p>Are you sure?</p></dialog>\
             <div class='cookie-notice bottom'><p>We use cookies</p></div>\
             <div id=onetrust-banner-sdk><p>Accept all</p></div>\
             <ul popover id=more-menu><li>Tap Install</li></ul></body>"
        );
        let page = clean_with(PageChrome::default(), &html);
        assert!(page.text().contains("the long article text"));
        assert_eq!(page.removed().len(), 6);
        // What a page wrapper says about the visitor's cookies is not a dialog.
        let html = format!("<body class=cookies-not-set>{ARTICLE}</body>");
        assert!(
            clean_with(PageChrome::default(), &html)
                .removed()
                .is_empty()
        );
        let html = format!("<body><div role=dialog>{ARTICLE}</div></body>");
        let page = clean_with(PageChrome::default(), &html);
        assert!(page.text().contains("the long article text"));
    }

    #[test]
    fn a_consent_manager_goes_however_many_words_it_holds() {
        let cookie_list =
            "<p>These cookies are set by our partners to build a profile of your interests.</p>"
                .repeat(12);
        let page_text = "<p>Short thread: is the new case any good? Yes, it is.</p>";
        for manager in ["onetrust-pc-sdk", "didomi-popup", "cmplz-cookiebanner"] {
            let html = format!("<body>{page_text}<div id={manager}>{cookie_list}</div></body>");
            let page = clean_with(PageChrome::default(), &html);
            assert!(page.text().contains("Short thread"), "{manager}");
            assert!(!page.text().contains("These cookies"), "{manager}");
        }
        // A dialog named only by a cookie word still stays when it holds
        // most of the page: a recipe in a `cookie-card`.
        let html = format!("<body>{page_text}<div class=cookie-notice>{cookie_list}</div></body>");
        let page = clean_with(PageChrome::default(), &html);
        assert!(page.text().contains("These cookies"));
    }

    #[test]
    fn forum_signatures_and_author_statistics_are_chrome() {
        let post = "<div class=message><div class=message-userExtras><dl><dt>Joined</dt><dd>Jun 2016</dd></dl></div>\
                    <div class=post-body><p>I fixed it by reseating the memory, thanks all.</p>\
                    <div class=ipsEntry__signature><p>My rig: a Ryzen and too many fans</p></div></div></div>";
        let page = clean_with(PageChrome::default(), &format!("<body>{post}{post}</body>"));
        assert_eq!(page.text().matches("reseating").count(), 2);
        assert!(!page.text().contains("My rig"));
        assert!(!page.text().contains("Joined"));
        let reasons: Vec<&str> = page.removed().iter().map(|r| r.reason()).collect();
        assert!(reasons.iter().any(|r| r.contains("signature")));
        assert!(
            reasons.iter().any(|r| r.contains("user-extras")),
            "{reasons:?}"
        );
    }

    #[test]
    fn replies_nested_in_a_thread_that_holds_the_page_stay() {
        let reply = "<p>a reply that says a fair amount about the question at hand</p>";
        let html = format!(
            "<body><p>Short link post</p><ol class=comments><li>{reply}{reply}\
             <ol class=comments><li>{reply}</li></ol></li></ol>\
             <footer><p>Footer</p></footer></body>"
        );
        let page = clean_with(PageChrome::default(), &html);
        assert_eq!(page.text().matches("a reply").count(), 3);
        assert!(!page.text().contains("Footer"));
        // Under a long article, the same thread is chrome, nested replies too.
        let article = ARTICLE.repeat(4);
        let html = format!(
            "<body>{article}<ol class=comments><li>{reply}<ol class=comments><li>{reply}</li></ol></li></ol></body>"
        );
        let page = clean_with(PageChrome::default(), &html);
        assert!(!page.text().contains("a reply"));
    }

    #[test]
    fn an_aside_that_holds_most_of_the_text_is_content() {
        let html = format!("<body><aside>{ARTICLE}</aside><footer><p>Footer</p></footer></body>");
        let page = clean_with(PageChrome::default(), &html);
        assert!(page.text().contains("the long article text"));
        assert!(!page.text().contains("Footer"));
    }
}
