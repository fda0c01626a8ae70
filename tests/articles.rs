//! An article page's text is the article: what comes after it or sits in it
//! without being it (lists of other stories, related boxes, long comment
//! threads) stays out.

use deboiler::{COMMENTS_RULE, Cleaned, Cleaner, Input};

/// A news story of about 400 words, as paragraphs.
const STORY: [&str; 8] = [
    "The council voted on Tuesday to rebuild the harbour wall before the winter storms arrive, \
     ending a debate that has divided the town for the better part of three years and cost two \
     councillors their seats at the last election.",
    "Work starts in May, and the quay will stay open to fishing boats throughout the repairs, \
     although the car park beside the lifeboat station will close for most of the summer while \
     the contractors store their stone and machinery there.",
    "The wall was last rebuilt in 1952, after a storm took half of it into the sea and flooded \
     the lower streets, and engineers warned last spring that the foundations laid then were now \
     being undermined at every high tide.",
    "The harbour master said the decision came just in time. Boats had been moving to the \
     neighbouring port since January, and the ice plant was losing money every week that the \
     larger trawlers stayed away from the quay.",
    "Not everyone is pleased. A group of residents on the seafront argues that the new wall, \
     which will be a metre higher than the old one, will block the view from their windows and \
     lower the value of their houses.",
    "The council's engineer replied that the extra height was the least the models allowed, \
     given the rise in sea level expected over the life of the wall, and that the design had \
     been changed twice to meet the residents' concerns.",
    "The cost, twelve million pounds, will be shared between the council, the national flood \
     defence fund and the harbour trust, which will raise its mooring fees by a tenth over the \
     next five years to pay its part of the bill.",
    "Residents can see the plans at the town hall until the end of the month, and the \
     contractors will hold an open meeting at the lifeboat station on the first Saturday of May \
     to answer questions about the works and the road closures.",
];

/// `html` cleaned with the default rules.
fn clean(html: &str) -> Cleaned {
    Cleaner::default().clean(Input::html(html)).unwrap()
}

/// Asserts that `text` holds every paragraph of the story.
fn assert_has_the_story(text: &str) {
    for paragraph in STORY {
        assert!(text.contains(paragraph), "lost {paragraph:?}:\n{text}");
    }
}

fn story_html() -> String {
    STORY.iter().map(|p| format!("<p>{p}</p>")).collect()
}

/// Teasers of other stories, as a news site lists them after an article.
const OTHER_STORIES: [(&str, &str); 6] = [
    (
        "Ferry timetable cut for the winter",
        "The island service will run twice a day from November, the operator said, after a summer of falling ticket sales.",
    ),
    (
        "School roof repairs finished early",
        "Pupils return to all classrooms next week after builders completed the work a month ahead of the plan.",
    ),
    (
        "Lifeboat crew rescues two kayakers",
        "The pair were found clinging to rocks below the lighthouse on Sunday evening and taken to hospital as a precaution.",
    ),
    (
        "New bakery opens on the high street",
        "A family from the valley has taken over the old bank building and will sell bread baked on the premises every morning.",
    ),
    (
        "Festival moves to the castle grounds",
        "Organisers say the new site will hold twice as many visitors and spare the seafront the traffic of previous years.",
    ),
    (
        "Bus station plans go on show",
        "The county has published three designs for the new station and asks residents to choose one before the spring.",
    ),
];

/// A news article, then a list of cards of other stories (headline, teaser,
/// byline and date), as news sites print them.
fn news_article_with_story_list() -> String {
    let cards: String = OTHER_STORIES
        .iter()
        .enumerate()
        .map(|(i, (headline, teaser))| {
            format!(
                "<li class=story-card><article class=card><a href=/news/{i}><img src=/img/{i}.jpg alt=''></a>\
                 <h3 class=card-headline><a href=/news/{i}>{headline}</a></h3>\
                 <p class=card-summary>{teaser}</p>\
                 <p class=card-byline>By Staff Reporter <time>2 days ago</time></p></article></li>"
            )
        })
        .collect();
    format!(
        "<html><head><title>Harbour wall to be rebuilt</title>\
         <script type='application/ld+json'>{{\"@type\": \"NewsArticle\", \"headline\": \"Harbour wall to be rebuilt\"}}</script></head>\
         <body><header><nav><a href=/>Home</a> <a href=/news>News</a> <a href=/sport>Sport</a></nav></header>\
         <main><article class=story><h1>Harbour wall to be rebuilt before the winter</h1>\
         <p class=byline>By Ann Writer, 3 March 2026</p>\
         <div class=story-body>{}</div></article>\
         <section class=more-stories><h2>More from News</h2><ol>{cards}</ol></section></main>\
         <footer><p>© 2026 The Coast Gazette</p></footer></body></html>",
        story_html()
    )
}

#[test]
fn a_news_article_ends_before_the_list_of_other_stories() {
    let page = clean(&news_article_with_story_list());
    let text = page.text();
    assert_has_the_story(text);
    for (headline, teaser) in OTHER_STORIES {
        assert!(!text.contains(headline), "kept {headline:?}:\n{text}");
        assert!(!text.contains(teaser), "kept {teaser:?}:\n{text}");
        assert!(
            page.removed()
                .iter()
                .any(|r| r.block().text() == teaser && !r.reason().is_empty()),
            "{teaser:?} is not recorded as removed"
        );
    }
    assert!(!text.contains("More from News"), "{text}");
}

/// A blog post with a "Related" box between its paragraphs.
fn article_with_related_box() -> String {
    let (before, after) = STORY.split_at(4);
    let paragraphs = |ps: &[&str]| -> String { ps.iter().map(|p| format!("<p>{p}</p>")).collect() };
    format!(
        "<html><body class='single single-post'><div class=site><article class='post type-post'>\
         <h1 class=entry-title>Harbour wall to be rebuilt</h1><div class=entry-content>{}\
         <div class='related-posts'><h4>Related</h4><ul>\
         <li><a href=/a>Ferry timetable cut for the winter as ticket sales fall</a></li>\
         <li><a href=/b>Lifeboat crew rescues two kayakers below the lighthouse</a></li>\
         <li><a href=/c>Festival moves to the castle grounds after years on the seafront</a></li>\
         </ul></div>{}</div></article>\
         <aside class=sidebar><h3>Popular</h3><p><a href=/d>Bus station plans go on show</a></p></aside>\
         </div></body></html>",
        paragraphs(before),
        paragraphs(after)
    )
}

#[test]
fn a_related_box_inside_the_body_goes_and_the_paragraphs_around_it_stay() {
    let page = clean(&article_with_related_box());
    let text = page.text();
    assert_has_the_story(text);
    for link in [
        "Related",
        "Ferry timetable",
        "two kayakers",
        "castle grounds",
    ] {
        assert!(!text.contains(link), "kept {link:?}:\n{text}");
    }
}

/// An article under which readers wrote more than the article holds.
fn article_with_long_thread() -> String {
    let comments: String = (0..12)
        .map(|i| {
            format!(
                "<li class=comment id=comment-{i}><div class=comment-author>Reader {i}</div>\
                 <div class=comment-content><p>Comment number {i}: I have lived by the harbour \
                 for {} years and I think the council should have acted sooner, because every \
                 winter the water comes further up the slipway and the wall gets weaker.</p></div></li>",
                i + 3
            )
        })
        .collect();
    format!(
        "<html><body><article class=post><h1>Harbour wall to be rebuilt</h1>\
         <div class=entry-content>{}</div></article>\
         <div id=comments class=comments-area><ol class=comment-list>{comments}</ol></div></body></html>",
        story_html()
    )
}

#[test]
fn a_comment_thread_longer_than_the_article_is_still_comments() {
    let page = clean(&article_with_long_thread());
    let text = page.text();
    assert!(text.contains(STORY[0]) && text.contains(STORY[7]), "{text}");
    assert!(!text.contains("Comment number"), "{text}");
    let comments = page
        .removed()
        .iter()
        .filter(|r| r.rule() == COMMENTS_RULE)
        .count();
    assert_eq!(comments, 12 * 2, "each comment's author line and text");
}

/// A section front: nothing but the cards of stories.
fn listing_page() -> String {
    let cards: String = OTHER_STORIES
        .iter()
        .chain(OTHER_STORIES.iter())
        .enumerate()
        .map(|(i, (headline, teaser))| {
            format!(
                "<li class=story-card><article class=card>\
                 <h3 class=card-headline><a href=/news/{i}>{headline} ({i})</a></h3>\
                 <p class=card-summary>{teaser} (Story {i}.)</p></article></li>"
            )
        })
        .collect();
    format!(
        "<html><body><header><nav><a href=/>Home</a> <a href=/news>News</a></nav></header>\
         <main><h1>Latest news</h1><ol class=stories>{cards}</ol></main></body></html>"
    )
}

#[test]
fn a_listing_keeps_its_cards() {
    let page = clean(&listing_page());
    let text = page.text();
    for (_, teaser) in OTHER_STORIES {
        assert!(text.contains(teaser), "lost {teaser:?}:\n{text}");
    }
    assert!(
        page.removed().iter().all(|r| r.rule() != "article-body"),
        "{:?}",
        page.removed()
    );
}

#[test]
fn an_author_bio_box_is_not_the_article() {
    let bio = "Ann Writer covers the coast for the Gazette and has lived in the harbour town for twenty years.";
    let html = news_article_with_story_list().replace(
        "</div></article>",
        &format!("</div><div class=author-bio><p>{bio}</p></div></article>"),
    );
    let page = clean(&html);
    assert_has_the_story(page.text());
    assert!(!page.text().contains(bio), "{}", page.text());
    let removal = page.removed().iter().find(|r| r.block().text() == bio);
    assert!(removal.is_some_and(|r| r.reason().contains("author's bio")));
}

/// A slideshow's slides: a numbered title, a caption of a few sentences
/// and a photo credit each, more words in all than the story around it.
fn slides(count: usize) -> String {
    OTHER_STORIES
        .iter()
        .cycle()
        .take(count)
        .enumerate()
        .map(|(i, (headline, teaser))| {
            format!(
                "<li data-slide={i}><h2><span class=counter>{}/{count}</span> {headline}</h2>\
                 <p>{teaser} Slide {i} says more about it, as a caption does, in a second sentence.</p>\
                 <p class=credits>Getty Images</p></li>",
                i + 1
            )
        })
        .collect()
}

#[test]
fn a_slideshow_inside_an_article_is_not_the_article() {
    let (before, after) = STORY.split_at(5);
    let paragraphs = |ps: &[&str]| -> String { ps.iter().map(|p| format!("<p>{p}</p>")).collect() };
    let html = format!(
        "<html><body class='article inline-gallery'><article class=story><h1>Harbour wall to be rebuilt</h1>\
         <div class=text>{}<div class='widget-wrapper type-gallery'><h2>News in pictures</h2>\
         <ul class=legends>{}</ul></div>{}</div></article></body></html>",
        paragraphs(before),
        slides(12),
        paragraphs(after)
    );
    let page = clean(&html);
    let text = page.text();
    assert_has_the_story(text);
    for (_, teaser) in OTHER_STORIES {
        assert!(!text.contains(teaser), "kept {teaser:?}:\n{text}");
    }
    let removal = page
        .removed()
        .iter()
        .find(|r| r.block().text().starts_with(OTHER_STORIES[0].1));
    assert!(
        removal.is_some_and(|r| r.reason().contains("slideshow")),
        "{removal:?}"
    );
    // A page that is a slideshow keeps its slides.
    let gallery = format!(
        "<html><body><div class=gallery><h1>The harbour in pictures</h1><ul>{}</ul></div></body></html>",
        slides(12)
    );
    let text = clean(&gallery).text().to_string();
    for (_, teaser) in OTHER_STORIES {
        assert!(text.contains(teaser), "lost {teaser:?}:\n{text}");
    }
}

#[test]
fn a_photo_credit_goes_and_the_caption_of_the_picture_stays() {
    let caption = "The harbour wall after the storm of 1952, which took half of it into the sea.";
    let credits = [
        "Kevin Frayer/Getty Images",
        "Photo by Ann Writer on Unsplash",
        "Kevin Frayer via Getty Images",
    ];
    // A caption that ends with its credit is a caption.
    let credited =
        "Firefighters battle the fire on the quay on Tuesday. Kevin Frayer via Getty Images.";
    let figure = |credit: &str| {
        format!(
            "<figure><img src=\"wall.jpg\" alt=\"\"><figcaption>{caption}</figcaption><p>{credit}</p></figure>"
        )
    };
    let html = format!(
        "<html><body><article><h1>Harbour wall to be rebuilt</h1>{}{}{}{}\
         <figure><figcaption>{credited}</figcaption></figure></article></body></html>",
        figure(credits[0]),
        story_html(),
        figure(credits[1]),
        figure(credits[2]),
    );
    let page = clean(&html);
    assert_has_the_story(page.text());
    assert!(page.text().contains(caption), "{}", page.text());
    assert!(page.text().contains(credited), "{:?}", page.removed());
    for credit in credits {
        assert!(
            page.blocks().iter().all(|b| b.text() != credit),
            "{}",
            page.text()
        );
        assert!(
            page.removed()
                .iter()
                .any(|r| r.rule() == "photo-credit" && r.block().text() == credit),
            "{credit:?} not removed as a credit: {:?}",
            page.removed()
        );
    }
}
