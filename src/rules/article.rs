//! Where an article ends: on a page the classifier judges to be an article,
//! its text is one region, and what lies around it (lists of other stories,
//! promos, the sidebar's teasers) or is linked from a box inside it
//! ("Related") is not the article.

use crate::block::BlockKind;
use crate::page::{Flags, Judgement, Page};
use crate::rules::{Phase, Rule};
use crate::vocabulary::class_words::{ClassWord, any_class_word, class_word};
use crate::vocabulary::punctuation::ends_clause;
use crate::vocabulary::words::hash_of;

use rustc_hash::FxHashMap as HashMap;

/// On an article page, keeps the article: the blocks of its region, the
/// headings before it (its title), and what the classifier is sure of.
///
/// It acts on pages the [`ContentClassifier`](crate::rules::ContentClassifier)
/// judges to be articles ([`Page::article_probability`] at least 0.5) whose
/// region holds at least 100 words of prose. The article's region is the
/// element that [`MainContent`](crate::rules::MainContent) chooses among the
/// kept blocks once story cards and slideshows are set aside: a card is a
/// list item or an element holding a linked title (not a table's cell: a
/// linked name in a row is data) and other blocks (a summary, a byline),
/// 100 words at most, and at least three elements of
/// the same tag and class are cards (a list of other stories). Then it drops
///
/// - the cards outside the region, and the other blocks outside it that the
///   classifier is not sure are content (probability below 0.8), except the
///   headings before it and the cells of tables, whose rows the classifier
///   has judged whole (a table beside the article's text is the article's
///   more often than not, and one cut at 0.8 is torn: names without their
///   figures);
/// - the links inside the region that sit in a box whose class or id says
///   boilerplate (`related-posts`, `share`, `newsletter`, ...);
/// - the slides of a slideshow inside the region (an element whose class or
///   id says `gallery` or `slideshow`: "News in pictures", 1/50, 2/50, ...);
///   a page that is a slideshow has no region outside it and keeps them;
/// - author bio boxes (`author-bio`, `user-bio`, `about-the-author`), in
///   the region or beside it.
///
/// A region that holds less prose than the kept blocks outside it (story
/// cards aside) is only one part of a text spread over several elements (a
/// review's summary among a guide's sections): the blocks outside it then
/// stay, and only the region's own boxes, slideshows and bios go.
///
/// On a page not judged an article whose region (story cards set aside)
/// still holds 200 words of prose or more, only the story cards after that
/// text go: a story is often followed by more teasers than it has words,
/// which makes the page look like a listing. Other pages (listings, forum
/// threads, product pages) are left as the classifier judged them. It has
/// no effect on plain text, nor in a set without a classifier.
///
/// Name: `article-body`.
#[derive(Debug, Clone, Copy, Default)]
pub struct ArticleBody;

impl Rule for ArticleBody {
    fn name(&self) -> &str {
        "article-body"
    }

    fn phase(&self) -> Phase {
        Phase::Region
    }

    fn apply(&self, page: &Page<'_>, judgement: &mut Judgement) {
        if !page.is_html() {
            return;
        }
        let Some(article) = page.article_probability(judgement) else {
            return;
        };
        let judged_article = article >= ARTICLE_PROBABILITY;
        let kept: Vec<usize> = judgement.kept().collect();
        let Some(ArticleRegion {
            element: region,
            within_card,
            within_slideshow,
        }) = article_region(page, &kept)
        else {
            return;
        };
        let in_card = |b: usize| page.block_within(b, &within_card);
        let in_slideshow = |b: usize| page.block_within(b, &within_slideshow);
        let within_region = page.within_marked(|e| e == region);
        let inside = |b: usize| page.block_within(b, &within_region);
        // The words of prose (blocks that end a sentence or clause, outside
        // links) among the kept blocks `counted` picks.
        let prose_words = |counted: &dyn Fn(usize) -> bool| -> usize {
            kept.iter()
                .filter(|&&b| counted(b))
                .map(|&b| &page.blocks[b])
                .filter(|block| block.link_density() < 0.5 && ends_clause(&block.text))
                .map(|block| block.words)
                .sum()
        };
        let prose = prose_words(&inside);
        let enough = if judged_article {
            ARTICLE_WORDS
        } else {
            UNJUDGED_ARTICLE_WORDS
        };
        if prose < enough {
            return;
        }
        let last_inside = kept.iter().rposition(|&b| inside(b));
        let first_inside = kept.iter().position(|&b| inside(b));
        // More prose outside the region (story cards aside) than in it: the
        // region is one part of a text spread over several (a guide in
        // sections, a profile beside its review), not the article itself.
        let region_is_the_text = prose_words(&|b| !inside(b) && !in_card(b)) <= prose;
        let region_name = page.describe(region);
        for (position, &block) in kept.iter().enumerate() {
            let p = page.content_probability(block, judgement).unwrap_or(0.0);
            if !judged_article {
                if in_card(block) && last_inside.is_some_and(|last| position > last) {
                    let reason = format!(
                        "a story card after the text {region_name} (article p = {article:.2})"
                    );
                    judgement.drop_block(block, reason);
                }
                continue;
            }
            // An author's bio box, in the article or beside it.
            if let Some(bio) = author_bio(page, block, region) {
                let reason = format!("an author's bio: inside {}", page.describe(bio));
                judgement.drop_block(block, reason);
                continue;
            }
            if inside(block) {
                if in_slideshow(block) {
                    let reason = format!("a slideshow inside the article {region_name}");
                    judgement.drop_block(block, reason);
                    continue;
                }
                if page.blocks[block].link_density() >= 0.5 {
                    if let Some(boxed) = boilerplate_box(page, block, region) {
                        let reason = format!(
                            "a link in {} inside the article {region_name}",
                            page.describe(boxed)
                        );
                        judgement.drop_block(block, reason);
                    }
                }
                continue;
            }
            if !region_is_the_text {
                continue;
            }
            let card = in_card(block);
            let title = first_inside.is_some_and(|first| position < first)
                && matches!(page.blocks[block].kind, BlockKind::Heading(_));
            let table = page.blocks[block].kind == BlockKind::TableCell;
            if card || (p < SURE_OUTSIDE_ARTICLE && !title && !table) {
                let what = if card { "a story card" } else { "a block" };
                let reason = format!(
                    "{what} outside the article {region_name} (p = {p:.2}, article p = {article:.2})"
                );
                judgement.drop_block(block, reason);
            }
        }
    }
}

/// Where an article's text is among some blocks, story cards and
/// slideshows set aside.
struct ArticleRegion {
    /// The element that holds the text.
    element: usize,
    /// Per element: whether it is a story card or a slideshow, or inside
    /// one.
    within_card: Vec<bool>,
    /// Per element: whether it is a slideshow or inside one.
    within_slideshow: Vec<bool>,
}

/// The article's region among the `kept` blocks: the element that
/// [`MainContent`](crate::rules::MainContent) chooses among those outside
/// story cards and slideshows, narrowed to the smallest element that holds
/// all of their text inside it (around an article, `<main>` also holds the
/// list of other stories), then to its [`dominant_child`]; `None` for a
/// page of links only.
fn article_region(page: &Page<'_>, kept: &[usize]) -> Option<ArticleRegion> {
    let is_card = story_cards(page, kept);
    let roles = page.roles();
    let within_slideshow = page.within_marked(|e| roles[e].contains(Flags::SLIDESHOW));
    // A slideshow's captions are set aside like cards: they can hold more
    // text than the story they are in.
    let within_card = page.within_marked(|e| is_card[e] || within_slideshow[e]);
    let text: Vec<usize> = kept
        .iter()
        .copied()
        .filter(|&b| !page.block_within(b, &within_card))
        .collect();
    let main_content = page.engine.main_content(&page.active);
    // Inside the region, these are also the scores of the text inside it.
    let scores = main_content.element_scores(page, &text);
    let region = main_content.region_by(page, &text, &scores)?;
    let within_region = page.within_marked(|e| e == region);
    let text: Vec<usize> = text
        .into_iter()
        .filter(|&b| page.block_within(b, &within_region))
        .collect();
    // The innermost element around all of `text`: the first block's
    // ancestors, numbered innermost first, and for each other block the
    // first of them it is inside.
    let Some(&first) = text.first() else {
        return Some(ArticleRegion {
            element: region,
            within_card,
            within_slideshow,
        });
    };
    let chain: Vec<usize> = page.ancestors_of(first).collect();
    let mut place = vec![None; page.elements.len()];
    for (i, &e) in chain.iter().enumerate() {
        place[e] = Some(i);
    }
    let outermost = text
        .iter()
        .filter_map(|&b| page.ancestors_of(b).find_map(|e| place[e]))
        .max()
        .unwrap_or(0);
    let element = dominant_child(page, chain[outermost], &scores);
    Some(ArticleRegion {
        element,
        within_card,
        within_slideshow,
    })
}

/// Inside `element`, the innermost element that holds nearly all of its
/// text's `scores` ([`MainContent`](crate::rules::MainContent)'s, per
/// element): a child is taken while it scores at least [`DOMINANT_SHARE`]
/// of its parent (what its siblings hold is a box beside the article:
/// teasers, a sidebar, the next story).
fn dominant_child(page: &Page<'_>, element: usize, scores: &[f32]) -> usize {
    // Each element's best-scoring child, in one pass (parents come first).
    let mut best_child: Vec<Option<usize>> = vec![None; page.elements.len()];
    for e in element + 1..page.elements.len() {
        let Some(parent) = page.elements[e].parent.filter(|&p| p >= element) else {
            break;
        };
        if best_child[parent].is_none_or(|b| scores[e] > scores[b]) {
            best_child[parent] = Some(e);
        }
    }
    let mut element = element;
    while let Some(child) = best_child[element]
        .filter(|&c| scores[c] > 0.0 && scores[c] >= DOMINANT_SHARE * scores[element])
    {
        element = child;
    }
    element
}

/// The share of its parent's score from which a child is the article.
const DOMINANT_SHARE: f32 = 0.7;

/// The probability of being an article from which a page is one.
const ARTICLE_PROBABILITY: f32 = 0.5;

/// ... when its region has at least this many words of prose (blocks that
/// end a sentence or clause, outside links).
const ARTICLE_WORDS: usize = 100;

/// The words of prose from which the region of a page not judged an article
/// is a text all the same, and the story cards after it are not content.
const UNJUDGED_ARTICLE_WORDS: usize = 200;

/// The probability of being content from which a block outside an
/// article's region stays.
const SURE_OUTSIDE_ARTICLE: f32 = 0.8;

/// Elements of the same tag and class that are cards, from which they are
/// a list of stories.
const STORY_LIST_CARDS: usize = 3;

/// The most words a story card holds: its title, a teaser of a sentence or
/// two, a byline.
const CARD_WORDS: usize = 100;

/// Which elements are story cards, among the `kept` blocks' elements: for
/// each linked title (a block mostly link text, of three words or more, that
/// no longer block of its card comes before),
/// the smallest element around it that is a list item or holds another
/// kept block too, of at most [`CARD_WORDS`] words; those of a tag and
/// class that at least [`STORY_LIST_CARDS`] cards share.
fn story_cards(page: &Page<'_>, kept: &[usize]) -> Vec<bool> {
    // Per element: the kept blocks and words inside it, and where in
    // `kept` its first one is.
    let (mut blocks_in, mut words_in, mut first_in) = (
        vec![0u32; page.elements.len()],
        vec![0usize; page.elements.len()],
        vec![usize::MAX; page.elements.len()],
    );
    for (position, &b) in kept.iter().enumerate() {
        for e in page.ancestors_of(b) {
            blocks_in[e] += 1;
            words_in[e] += page.blocks[b].words;
            first_in[e] = first_in[e].min(position);
        }
    }
    // A card's title comes before its teaser: a link after a longer block
    // of the same element ("See the rating." under a listicle's entry) is
    // a call to action, not a title. A teaser is a sentence or two (the
    // items of a listicle say more), so looking back over a card's blocks
    // costs little.
    let mut cards: Vec<usize> = Vec::new();
    for (position, &b) in kept.iter().enumerate() {
        let block = &page.blocks[b];
        // A linked name in a table's row is data, not a story's title.
        if block.link_density() < 0.5 || block.words < 3 || block.kind == BlockKind::TableCell {
            continue;
        }
        let card = page
            .ancestors_of(b)
            .find(|&e| blocks_in[e] >= 2 || &*page.elements[e].tag == "li")
            // At most CARD_WORDS blocks too, counting blocks without words,
            // so that the look back below stays short.
            .filter(|&e| words_in[e] <= CARD_WORDS && blocks_in[e] as usize <= CARD_WORDS);
        if let Some(e) = card {
            let leads = kept[first_in[e]..position]
                .iter()
                .all(|&before| page.blocks[before].words <= block.words);
            if leads {
                cards.push(e);
            }
        }
    }
    cards.sort_unstable();
    cards.dedup();
    let kind = |e: usize| hash_of((&*page.elements[e].tag, page.class_of(e)));
    let mut per_kind: HashMap<u64, usize> = HashMap::default();
    for &card in &cards {
        *per_kind.entry(kind(card)).or_default() += 1;
    }
    let mut is_card = vec![false; page.elements.len()];
    for card in cards {
        is_card[card] = per_kind[&kind(card)] >= STORY_LIST_CARDS;
    }
    is_card
}

/// The element between `block` and the article's `region` whose class or
/// id says boilerplate, if any.
fn boilerplate_box(page: &Page<'_>, block: usize, region: usize) -> Option<usize> {
    page.ancestors_of(block)
        .take_while(|&e| e != region)
        .find(|&e| {
            page.tokens_of(e).any(|token| {
                any_class_word(token, |word| {
                    matches!(class_word(word), Some(ClassWord::Boilerplate { .. }))
                })
            })
        })
}

/// The element around `block` (below the article's `region` when the block
/// is inside it) whose class or id says it is an author's bio box, if any.
fn author_bio(page: &Page<'_>, block: usize, region: usize) -> Option<usize> {
    page.ancestors_of(block)
        .take_while(|&e| e != region)
        .find(|&e| page.roles()[e].contains(Flags::AUTHOR_BIO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::clean_with;

    /// Drops the kept blocks for which its test holds, given the article's
    /// region, so that a test sees which they are.
    struct DropWhere(fn(&Page<'_>, &ArticleRegion, usize) -> bool);

    impl Rule for DropWhere {
        fn name(&self) -> &str {
            "drop-where"
        }
        fn apply(&self, page: &Page<'_>, judgement: &mut Judgement) {
            let kept: Vec<usize> = judgement.kept().collect();
            let region = article_region(page, &kept).expect("a region");
            for block in kept {
                if (self.0)(page, &region, block) {
                    judgement.drop_block(block, "tested");
                }
            }
        }
    }

    /// The blocks outside the article's region.
    const OUTSIDE_REGION: DropWhere =
        DropWhere(|page, region, block| !page.ancestors_of(block).any(|e| e == region.element));

    /// The blocks inside story cards.
    const IN_CARD: DropWhere =
        DropWhere(|page, region, block| page.block_within(block, &region.within_card));

    const PARAGRAPH: &str = "The council voted on Tuesday to rebuild the harbour wall before the \
        winter storms arrive, ending a debate that has divided the town for three years.";

    #[test]
    fn the_article_is_the_child_that_holds_nearly_all_the_text() {
        let story = format!(
            "<h1>Harbour wall</h1>{}",
            format!("<p>{PARAGRAPH}</p>").repeat(5)
        );
        let next = "<h2>Ferry timetable cut</h2>\
            <p>The island service will run twice a day from November, the operator said.</p>\
            <p>Tickets for the winter timetable go on sale at the harbour office on Monday.</p>";
        let html = format!(
            "<body><div class=column><div class=story>{story}</div><div class=next>{next}</div></div></body>"
        );
        let removed: Vec<String> = clean_with(OUTSIDE_REGION, &html)
            .removed()
            .iter()
            .map(|r| r.block().text().to_string())
            .collect();
        assert_eq!(removed.len(), 3, "{removed:?}");
        assert_eq!(removed[0], "Ferry timetable cut");
        // An article in two halves of the column is the column.
        let halves = format!(
            "<body><div class=column><div class=a>{story}</div><div class=b>{story}</div></div></body>"
        );
        assert!(clean_with(OUTSIDE_REGION, &halves).removed().is_empty());
    }

    fn cards_of(html: &str) -> Vec<String> {
        clean_with(IN_CARD, html)
            .removed()
            .iter()
            .map(|r| r.block().text().to_string())
            .collect()
    }

    #[test]
    fn story_cards_are_repeated_short_items_around_linked_titles() {
        let card = |i: usize| {
            format!(
                "<div class=card><h3><a href=/{i}>Other story number {i}</a></h3><p>Its teaser {i}.</p></div>"
            )
        };
        let cards: String = (0..3).map(card).collect();
        let html = format!(
            "<body><article><p>The story itself, told in a sentence.</p></article>{cards}</body>"
        );
        assert_eq!(cards_of(&html).len(), 6);
        // Two cards are not a list of stories.
        let two: String = (0..2).map(card).collect();
        assert!(cards_of(&format!("<body><p>Story.</p>{two}</body>")).is_empty());
        // A list of linked headlines: each item is a card.
        let items: String = (0..3)
            .map(|i| format!("<li><a href=/{i}>Headline of story {i}</a></li>"))
            .collect();
        assert_eq!(
            cards_of(&format!("<body><p>Story.</p><ul>{items}</ul></body>")).len(),
            3
        );
    }

    #[test]
    fn a_listicles_long_entries_are_not_cards() {
        let long = "This entry says a great deal about the thing it lists, ".repeat(12);
        let entries: String = (0..3)
            .map(|i| {
                format!(
                    "<div class=entry><h2><a href=/{i}>Thing number {i}</a></h2><p>{long}</p></div>"
                )
            })
            .collect();
        assert!(cards_of(&format!("<body>{entries}</body>")).is_empty());
        // Short entries whose only long link comes after their text ("See
        // the rating.") are not cards either: a card's title leads it.
        let entries: String = (0..3)
            .map(|i| {
                format!(
                    "<div class=entry><h2><a href=/{i}>Brand</a></h2><p>Brand {i} makes shirts \
                     from recycled cotton and pays a living wage.</p><p><a href=/r{i}>See the rating</a>.</p></div>"
                )
            })
            .collect();
        assert!(cards_of(&format!("<body>{entries}</body>")).is_empty());
    }
}
