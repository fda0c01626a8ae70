//! What the networks read: the features of a block, as one named table,
//! and how they are computed from a page.

use crate::block::BlockKind;
use crate::page::{Flags, Page, WordCounts};
use crate::vocabulary::class_words::{ClassWord, any_class_word, class_word};
use crate::vocabulary::punctuation::{ends_clause, punctuation_and_digits};
use crate::vocabulary::tags::Group;

use super::layout::Layout;

feature_table! {
    /// The features the first network of a pair reads for each block.
    Feature, FEATURE_COUNT, FEATURE_NAMES {
        Words = "words": "ln(1 + the block's words)",
        LinkDensity = "link-density": "the share of the block's characters in links",
        Links = "links": "ln(1 + the block's links)",
        LinkLength = "link-length": "ln(1 + link characters per link)",
        EndsClause = "ends-clause": "1 when the block ends a sentence or a clause",
        Punctuation = "punctuation": "punctuation marks per word",
        Digits = "digits": "the share of the block's characters that are digits",
        Heading = "heading": "1 for a heading",
        ListItem = "list-item": "1 for a list item",
        TableCell = "table-cell": "1 for a table cell",
        CodeOrQuote = "code-or-quote": "1 for code or a quotation",
        Position = "position": "where the block is among the kept ones, 0 to 1",
        Depth = "depth": "ln(1 + elements above the block)",
        InArticle = "in-article": "1 inside <article>, <main> or an item's main text",
        InNavigation = "in-navigation": "1 inside navigation",
        InChrome = "in-chrome": "1 inside page chrome (landmarks, comments, dialogs, post chrome)",
        InForm = "in-form": "1 inside a form",
        InList = "in-list": "1 inside a list",
        InTable = "in-table": "1 inside a table",
        ContentWords = "content-words": "ln(1 + class and id words of ancestors that say content)",
        BoilerplateWords = "boilerplate-words": "ln(1 + class and id words of ancestors that say boilerplate)",
        CommentWords = "comment-words": "ln(1 + class and id words of ancestors that say comments)",
        InRegion = "in-region": "1 inside the main region",
        ParentShare = "parent-share": "the share of the page's words inside the block's parent",
        PreviousLinkDensity = "previous-link-density": "the link density of the block before",
        PreviousWords = "previous-words": "ln(1 + words of the block before)",
        NextLinkDensity = "next-link-density": "the link density of the block after",
        NextWords = "next-words": "ln(1 + words of the block after)",
        PhraseCoverage = "phrase-coverage": "the share of the block's words that boilerplate phrases cover",
        PhraseMarkers = "phrase-markers": "marker phrases in the block, up to 3",
        PageLinkDensity = "page-link-density": "the link density of the page's kept blocks",
        PageWords = "page-words": "ln(1 + words of the page's kept blocks)",
        TemplateSiblings = "template-siblings": "ln(1 + other blocks in the same place of the template)",
        WordShare = "word-share": "the block's share of the page's words",
        Hidden = "hidden": "1 inside a hidden element",
        ReviewWords = "review-words": "ln(1 + class and id words of ancestors that say reviews)",
        DeclaredDiscussion = "declared-discussion": "1 when the page declares itself a forum thread or Q&A page",
        DeclaredProduct = "declared-product": "1 when the page declares a product",
        CommentShare = "comment-share": "the share of the page's words under comment classes",
    }
}

feature_table! {
    /// The features the second network of a pair reads on top of the
    /// first's: the first network's verdicts on the block's context.
    ContextFeature, CONTEXT_FEATURE_COUNT, CONTEXT_FEATURE_NAMES {
        Own = "own": "the first network's verdict on the block",
        Previous = "previous": "its verdict on the block before",
        Next = "next": "its verdict on the block after",
        PreviousThree = "previous-three": "its mean verdict on the three blocks before",
        NextThree = "next-three": "its mean verdict on the three blocks after",
        ParentMean = "parent-mean": "its word-weighted mean verdict on the parent's other blocks",
        GrandparentMean = "grandparent-mean": "its word-weighted mean verdict on the grandparent's other blocks",
        TemplateMean = "template-mean": "its word-weighted mean verdict on the other blocks in the same place of the template",
        ContentShare = "content-share": "the share of the page's words it calls content",
    }
}

feature_table! {
    /// What the page network reads of the whole page, to say whether it is
    /// an article (one text, and what is around it is not the content).
    PageFeature, PAGE_FEATURE_COUNT, PAGE_FEATURE_NAMES {
        PageWords = "words": "ln(1 + words of the page's kept blocks)",
        PageBlocks = "blocks": "ln(1 + the page's kept blocks)",
        PageLinkDensity = "link-density": "the link density of the page's kept blocks",
        RegionShare = "region-share": "the main region's share of the words",
        RegionProse = "region-prose": "ln(1 + words of the main region's blocks that end a sentence or clause, outside links)",
        ProseShare = "prose-share": "the share of the words in blocks that end a sentence or clause",
        TemplateShare = "template-share": "the share of the words in blocks that share their place in the template",
        ListShare = "list-share": "the share of the words inside lists",
        TableShare = "table-share": "the share of the words inside tables",
        HeadingsPerBlock = "headings": "headings per kept block",
        ArticleShare = "article-share": "the share of the words inside <article>, <main> or an item's main text",
        Articles = "articles": "ln(1 + distinct outermost <article> elements that hold blocks)",
        PageCommentShare = "comment-share": "the share of the words under comment classes",
        PageDeclaredArticle = "declared-article": "1 when the page declares an article",
        PageDeclaredDiscussion = "declared-discussion": "1 when the page declares itself a forum thread or Q&A page",
        PageDeclaredProduct = "declared-product": "1 when the page declares a product",
        LongestBlock = "longest-block": "ln(1 + words of the longest kept block)",
        LongProseShare = "long-prose-share": "the share of the words in blocks of 40 words or more that end a sentence or clause",
        TopHeadings = "top-headings": "ln(1 + kept headings of level 1)",
        DatedBlocks = "dated-blocks": "ln(1 + kept blocks with a date element)",
    }
}

/// One block's features, in the order of [`Feature`].
pub type Row = [f32; FEATURE_COUNT];

/// A page's features, in the order of [`PageFeature`].
pub type PageRow = [f32; PAGE_FEATURE_COUNT];

fn set(row: &mut Row, feature: Feature, value: f32) {
    row[feature as usize] = value;
}

fn ln1(x: f32) -> f32 {
    (1.0 + x.max(0.0)).ln()
}

/// How many class and id words of an element say content, boilerplate,
/// comments and reviews.
#[derive(Debug, Clone, Copy, Default)]
struct WordGroups {
    content: f32,
    boilerplate: f32,
    comment: f32,
    review: f32,
}

impl WordGroups {
    fn of(page: &Page<'_>, element: usize) -> WordGroups {
        let mut counts = WordGroups::default();
        for token in page.tokens_of(element) {
            any_class_word(token, |word| {
                match class_word(word) {
                    Some(ClassWord::Content) => counts.content += 1.0,
                    Some(ClassWord::Boilerplate { .. }) => counts.boilerplate += 1.0,
                    Some(ClassWord::Comment) => counts.comment += 1.0,
                    Some(ClassWord::Review) => counts.review += 1.0,
                    None => {}
                }
                false
            });
        }
        counts
    }
}

/// The features of the `kept` blocks of `page`, in the same order, given
/// the main region and the blocks' layout.
pub(crate) fn features(
    page: &Page<'_>,
    judgement: &crate::Judgement,
    kept: &[usize],
    words_in: &WordCounts,
    region: Option<usize>,
    layout: &Layout,
) -> Vec<Row> {
    let page_words = words_in.total.max(1) as f32;
    let (mut chars, mut link_chars) = (0usize, 0usize);
    for &b in kept {
        chars += page.blocks[b].text.len();
        link_chars += page.blocks[b].link_chars;
    }
    let page_link_density = link_chars as f32 / chars.max(1) as f32;
    let roles = page.roles();

    // Per element: its own class/id word counts, computed once, for the
    // elements that hold kept blocks only.
    let mut word_groups: Vec<Option<WordGroups>> = vec![None; page.elements.len()];
    let mut word_groups_of =
        |e: usize| *word_groups[e].get_or_insert_with(|| WordGroups::of(page, e));

    let count = kept.len().max(1) as f32;
    let mut rows = Vec::with_capacity(kept.len());
    // The share of the page's words under comment classes: when comments
    // are most of the page, they are what it is for (a discussion page).
    let mut comment_share = 0.0;
    for (position, &b) in kept.iter().enumerate() {
        use Feature::*;
        let block = &page.blocks[b];
        let mut row = [0.0f32; FEATURE_COUNT];
        let words = block.words as f32;
        let text = block.text.as_str();
        let visible = block.chars.max(1) as f32;
        let (punctuation, digits) = punctuation_and_digits(text);
        set(&mut row, Words, ln1(words));
        set(&mut row, LinkDensity, block.link_density());
        set(&mut row, Links, ln1(block.links as f32));
        let per_link = block.link_chars as f32 / block.links.max(1) as f32;
        set(&mut row, LinkLength, ln1(per_link));
        set(&mut row, EndsClause, f32::from(ends_clause(text)));
        set(&mut row, Punctuation, punctuation as f32 / words.max(1.0));
        set(&mut row, Digits, digits as f32 / visible);
        let heading = matches!(block.kind, BlockKind::Heading(_));
        set(&mut row, Heading, f32::from(heading));
        set(
            &mut row,
            ListItem,
            f32::from(block.kind == BlockKind::ListItem),
        );
        set(
            &mut row,
            TableCell,
            f32::from(block.kind == BlockKind::TableCell),
        );
        let code_or_quote = matches!(block.kind, BlockKind::Code | BlockKind::Quote);
        set(&mut row, CodeOrQuote, f32::from(code_or_quote));
        set(&mut row, Position, position as f32 / count);

        let mut depth = 0.0;
        let mut flags = Flags::default();
        let mut groups = WordGroups::default();
        let (mut in_form, mut in_list, mut in_table, mut in_region) = (false, false, false, false);
        let mut under_comments = false;
        for e in page.ancestors_of(b) {
            let element = &page.elements[e];
            depth += 1.0;
            flags.insert(roles[e]);
            let own = word_groups_of(e);
            groups.content += own.content;
            groups.boilerplate += own.boilerplate;
            groups.comment += own.comment;
            groups.review += own.review;
            // Page wrappers' classes (`comments-open`) are about the page.
            under_comments |= own.comment > 0.0 && !element.traits.wrapper;
            match element.traits.group {
                Some(Group::Form) => in_form = true,
                Some(Group::List) => in_list = true,
                Some(Group::Table) => in_table = true,
                None => {}
            }
            in_region |= Some(e) == region;
        }
        set(&mut row, Depth, ln1(depth));
        set(
            &mut row,
            InArticle,
            f32::from(flags.contains(Flags::ARTICLE)),
        );
        set(
            &mut row,
            InNavigation,
            f32::from(flags.contains(Flags::NAV)),
        );
        set(
            &mut row,
            InChrome,
            f32::from(flags.intersects(Flags::CHROME)),
        );
        set(&mut row, InForm, f32::from(in_form));
        set(&mut row, InList, f32::from(in_list));
        set(&mut row, InTable, f32::from(in_table));
        set(&mut row, ContentWords, ln1(groups.content));
        set(&mut row, BoilerplateWords, ln1(groups.boilerplate));
        set(&mut row, CommentWords, ln1(groups.comment));
        set(&mut row, InRegion, f32::from(in_region));
        let parent_share = block
            .element
            .and_then(|e| page.elements[e].parent)
            .map_or(0.0, |p| words_in.share(p));
        set(&mut row, ParentShare, parent_share);

        let neighbour = |offset: isize| {
            let at = position as isize + offset;
            (at >= 0 && (at as usize) < kept.len()).then(|| &page.blocks[kept[at as usize]])
        };
        if let Some(previous) = neighbour(-1) {
            set(&mut row, PreviousLinkDensity, previous.link_density());
            set(&mut row, PreviousWords, ln1(previous.words as f32));
        }
        if let Some(next) = neighbour(1) {
            set(&mut row, NextLinkDensity, next.link_density());
            set(&mut row, NextWords, ln1(next.words as f32));
        }
        if let Some(hits) = page.phrase_hits(b, judgement) {
            let coverage = hits.covered_words as f32 / hits.words.max(1) as f32;
            set(&mut row, PhraseCoverage, coverage);
            set(&mut row, PhraseMarkers, hits.markers.min(3) as f32);
        }
        set(&mut row, PageLinkDensity, page_link_density);
        set(&mut row, PageWords, ln1(page_words));
        let siblings = layout.templates.size_of(position) as f32 - 1.0;
        set(&mut row, TemplateSiblings, ln1(siblings));
        set(&mut row, WordShare, words / page_words);
        set(
            &mut row,
            Feature::Hidden,
            f32::from(flags.contains(Flags::HIDDEN)),
        );
        set(&mut row, ReviewWords, ln1(groups.review));
        if under_comments {
            comment_share += words / page_words;
        }
        set(
            &mut row,
            DeclaredDiscussion,
            f32::from(page.declared.discussion),
        );
        set(&mut row, DeclaredProduct, f32::from(page.declared.product));
        rows.push(row);
    }
    for row in &mut rows {
        set(row, Feature::CommentShare, comment_share);
    }
    rows
}

/// Blocks of this many words or more are long (a paragraph of an article,
/// not a teaser).
const LONG_BLOCK_WORDS: f32 = 40.0;

/// The features of the page whose `kept` blocks have the features `rows`
/// and the layout `layout`.
pub(crate) fn page_features(
    page: &Page<'_>,
    kept: &[usize],
    rows: &[Row],
    layout: &Layout,
) -> PageRow {
    use PageFeature::*;
    let mut out = [0.0f32; PAGE_FEATURE_COUNT];
    let mut put = |feature: PageFeature, value: f32| out[feature as usize] = value;
    let words: Vec<f32> = kept.iter().map(|&b| page.blocks[b].words as f32).collect();
    let total = words.iter().sum::<f32>().max(1.0);
    // The share of the words in the blocks for which `test` holds.
    let share = |test: &dyn Fn(usize) -> bool| {
        (0..kept.len())
            .filter(|&i| test(i))
            .map(|i| words[i])
            .sum::<f32>()
            / total
    };
    let has = |i: usize, feature: Feature| rows[i][feature as usize] > 0.0;
    let ends = |i: usize| has(i, Feature::EndsClause);
    let in_region = |i: usize| has(i, Feature::InRegion);
    put(PageWords, ln1(total));
    put(PageBlocks, ln1(kept.len() as f32));
    if let Some(first) = rows.first() {
        put(PageLinkDensity, first[Feature::PageLinkDensity as usize]);
        put(PageCommentShare, first[Feature::CommentShare as usize]);
    }
    put(RegionShare, share(&in_region));
    let region_prose: f32 = (0..kept.len())
        .filter(|&i| in_region(i) && ends(i) && page.blocks[kept[i]].link_density() < 0.5)
        .map(|i| words[i])
        .sum();
    put(RegionProse, ln1(region_prose));
    put(ProseShare, share(&ends));
    put(TemplateShare, share(&|i| layout.templates.size_of(i) > 1));
    put(ListShare, share(&|i| has(i, Feature::InList)));
    put(TableShare, share(&|i| has(i, Feature::InTable)));
    let headings = (0..kept.len())
        .filter(|&i| has(i, Feature::Heading))
        .count();
    put(HeadingsPerBlock, headings as f32 / kept.len().max(1) as f32);
    put(ArticleShare, share(&|i| has(i, Feature::InArticle)));
    // Each element's outermost `<article>` (itself or one around it).
    let mut outermost_article: Vec<Option<usize>> = vec![None; page.elements.len()];
    for (e, element) in page.elements.iter().enumerate() {
        let around = element.parent.and_then(|p| outermost_article[p]);
        outermost_article[e] = around.or((&*element.tag == "article").then_some(e));
    }
    let mut articles: Vec<usize> = kept
        .iter()
        .filter_map(|&b| page.blocks[b].element.and_then(|e| outermost_article[e]))
        .collect();
    articles.sort_unstable();
    articles.dedup();
    put(Articles, ln1(articles.len() as f32));
    put(PageDeclaredArticle, f32::from(page.declared.article));
    put(PageDeclaredDiscussion, f32::from(page.declared.discussion));
    put(PageDeclaredProduct, f32::from(page.declared.product));
    put(LongestBlock, ln1(words.iter().copied().fold(0.0, f32::max)));
    put(
        LongProseShare,
        share(&|i| ends(i) && words[i] >= LONG_BLOCK_WORDS),
    );
    let top_headings = kept
        .iter()
        .filter(|&&b| page.blocks[b].kind == BlockKind::Heading(1))
        .count();
    put(TopHeadings, ln1(top_headings as f32));
    let dated = kept.iter().filter(|&&b| page.blocks[b].dated).count();
    put(DatedBlocks, ln1(dated as f32));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_are_in_row_order_and_named_once() {
        assert_eq!(Feature::CommentShare as usize, FEATURE_COUNT - 1);
        assert_eq!(
            ContextFeature::ContentShare as usize,
            CONTEXT_FEATURE_COUNT - 1
        );
        let mut names: Vec<&str> = FEATURE_NAMES
            .iter()
            .chain(&CONTEXT_FEATURE_NAMES)
            .copied()
            .collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), FEATURE_COUNT + CONTEXT_FEATURE_COUNT);
    }
}
