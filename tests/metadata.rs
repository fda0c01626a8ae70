//! Metadata, and the traps extractors fall into.

use deboiler::{Cleaner, Metadata};

fn metadata(html: &str) -> Metadata {
    Cleaner::default().clean(html).unwrap().metadata().clone()
}

const STORY: &str = "<p>The old stone bridge reopened on Monday after a year of repairs to its arches, and the town came out to walk across it.</p>";

/// A story under its headline, with `under_title` between them.
fn story_titled(under_title: &str) -> String {
    format!(
        "<html><body><article><h1>Bridge reopens</h1>{under_title}{STORY}</article></body></html>"
    )
}

#[test]
fn the_site_name_after_the_title_is_not_the_title() {
    let page = format!(
        "<html><head><title>Bridge reopens after a year – Valley Courier</title>\
         <meta property='og:site_name' content='Valley Courier'></head><body><article>{STORY}</article></body></html>"
    );
    assert_eq!(metadata(&page).title(), Some("Bridge reopens after a year"));
    // The site's name may come first, too, before a section's.
    for title in [
        "Valley Courier | Bridge reopens after a year",
        "Valley Courier | Town news | Bridge reopens after a year",
    ] {
        let page = format!(
            "<html><head><title>{title}</title>\
             <meta property='og:site_name' content='Valley Courier'></head><body>{STORY}</body></html>"
        );
        assert_eq!(metadata(&page).title(), Some("Bridge reopens after a year"));
    }
    // Blogs put their author's name after a bullet, forums their boards
    // after a slash.
    for title in [
        "Bridge reopens after a year • Jane Doe",
        "Bridge reopens after a year / Town news",
        // A forum's board and the site after it, in the same way.
        "Bridge reopens after a year / Town news / Valley Forums",
        "Bridge reopens after a year - Town news - Valley Forums",
    ] {
        let page = format!("<html><head><title>{title}</title></head><body>{STORY}</body></html>");
        assert_eq!(metadata(&page).title(), Some("Bridge reopens after a year"));
    }
}

#[test]
fn an_h1_that_the_title_starts_with_is_the_title() {
    let page = format!(
        "<html><head><title>Bridge reopens: what changes for drivers | Valley Courier</title></head>\
         <body><article><h1>Bridge reopens</h1>{STORY}</article></body></html>"
    );
    assert_eq!(metadata(&page).title(), Some("Bridge reopens"));
}

#[test]
fn the_headline_the_reader_sees_is_the_title_unless_it_names_the_site() {
    let page = |h1: &str| {
        format!(
            "<html><head><title>Top 11 SEO Strategies for 2025 | Rank Co</title>             <meta property='og:site_name' content='Rank Co'></head>             <body><header>{h1}</header><article>{STORY}</article></body></html>"
        )
    };
    // The visible headline rewords the declared title: it is the title.
    let reworded = page("<h1>11 SEO Strategies for 2025 to Boost Rankings</h1>");
    assert_eq!(
        metadata(&reworded).title(),
        Some("11 SEO Strategies for 2025 to Boost Rankings")
    );
    // A logo, the site's name, or a heading of other words is not.
    for h1 in [
        "<h1><a href=/>Strategies for 2025 Blog</a></h1>",
        "<h1>Rank Co</h1>",
        "<h1>Our newsletter for marketers</h1>",
    ] {
        assert_eq!(
            metadata(&page(h1)).title(),
            Some("Top 11 SEO Strategies for 2025"),
            "{h1}"
        );
    }
}

#[test]
fn an_author_field_holding_a_url_is_not_a_name() {
    let page = format!(
        "<html><head><meta property='article:author' content='https://www.facebook.com/valleycourier'>\
         <meta name='author' content='Mara Jones'></head><body><article>{STORY}</article></body></html>"
    );
    // The URL comes first and is passed over; the name is taken.
    assert_eq!(metadata(&page).authors(), ["Mara Jones"]);
    let page = format!(
        "<html><head><meta name='author' content='https://example.com/staff/mara'></head><body>{STORY}</body></html>"
    );
    assert!(metadata(&page).authors().is_empty());
}

#[test]
fn comment_authors_are_not_the_byline() {
    let page = format!(
        "<html><body><article><h1>Bridge reopens</h1><p class=byline>By Mara Jones</p>{STORY}</article>\
         <div id=comments><ol><li class=comment><span class='comment-author'>Tom Lee</span>\
         <p>Finally! I walked over it every day as a child.</p></li></ol></div></body></html>"
    );
    assert_eq!(metadata(&page).authors(), ["Mara Jones"]);
    // A page with no byline of its own does not take a commenter's name.
    let page = format!(
        "<html><body><article><h1>Bridge reopens</h1>{STORY}{STORY}{STORY}{STORY}{STORY}{STORY}{STORY}{STORY}{STORY}{STORY}{STORY}{STORY}{STORY}</article>\
         <div id=comments><ol><li class=comment><span class='comment-author'>Tom Lee</span>\
         <p>Finally! I walked over it every day as a child.</p></li></ol></div></body></html>"
    );
    assert!(
        metadata(&page).authors().is_empty(),
        "{:?}",
        metadata(&page).authors()
    );
    // Nor does a short one, whose comments are right under its title; and
    // a comment's date is not the page's.
    let page = format!(
        "<html><head><meta property='article:published_time' content='2026-03-02T08:00:00Z'></head>\
         <body><article><h1>Bridge reopens</h1>{STORY}</article>\
         <div id=comments><ol class=comment-list><li class=comment><div class='comment-author vcard'><b class=fn>Tom Lee</b> says:</div>\
         <div class=comment-metadata><time>March 3, 2026</time></div>\
         <p>Finally! I walked over it every day as a child.</p></li></ol></div></body></html>"
    );
    let short = metadata(&page);
    assert!(short.authors().is_empty(), "{:?}", short.authors());
    assert_eq!(short.published(), Some("2026-03-02T08:00:00Z"));
}

#[test]
fn a_date_in_a_script_or_a_story_card_is_not_the_pages_date() {
    let cards: String = (1..=14)
        .map(|n| format!("<li><a href=/s{n}>Another story, number {n}</a> <time datetime='2019-01-{n:02}'>January {n}, 2019</time></li>"))
        .collect();
    let page = format!(
        "<html><head><script>var built = '2020-02-02T10:00:00Z';</script></head>\
         <body><article><h1>Bridge reopens</h1><p>Published <time datetime='2026-03-02'>March 2, 2026</time></p>{STORY}</article>\
         <ul class=related>{cards}</ul></body></html>"
    );
    assert_eq!(metadata(&page).published(), Some("2026-03-02"));
    // Without a date by the title, the cards' dates are not taken either.
    let page = format!(
        "<html><body><article><h1>Bridge reopens</h1>{STORY}{STORY}{STORY}{STORY}{STORY}{STORY}{STORY}{STORY}{STORY}{STORY}{STORY}{STORY}{STORY}{STORY}</article>\
         <ul class=related>{cards}</ul></body></html>"
    );
    assert_eq!(metadata(&page).published(), None);
}

#[test]
fn dates_are_read_as_people_write_them() {
    let shown = |date: &str| {
        let page = story_titled(&format!("<p>{date}</p>"));
        metadata(&page).published().map(str::to_string)
    };
    assert_eq!(shown("September 1st, 2023").as_deref(), Some("2023-09-01"));
    assert_eq!(
        shown("by Jon Foster - 22nd March 2024").as_deref(),
        Some("2024-03-22")
    );
    assert_eq!(shown("Posted 2025-09-13").as_deref(), Some("2025-09-13"));
    assert_eq!(shown("2025/09/13 at noon").as_deref(), Some("2025-09-13"));
    assert_eq!(shown("23.07.2025").as_deref(), Some("2025-07-23"));
    // Day first or month first depends on the country: not guessed,
    // unless one of them is over 12.
    assert_eq!(shown("05/06/2025"), None);
    assert_eq!(shown("Updated: 10/31/2024").as_deref(), Some("2024-10-31"));
    assert_eq!(shown("31/10/2024").as_deref(), Some("2024-10-31"));
    // Not dates: a version, a phone number, a score.
    assert_eq!(shown("Version 2.13.2025 released"), None);
    assert_eq!(shown("Call 555-12-31"), None);
    // A declared date written out, in a <meta> or a <time>'s datetime.
    let page = format!(
        "<html><head><meta name='published' content='July 17, 2025'></head><body>{STORY}</body></html>"
    );
    assert_eq!(metadata(&page).published(), Some("2025-07-17"));
    let page = format!(
        "<html><head><meta name='citation_publication_date' content='2023 Jan 7'></head><body>{STORY}</body></html>"
    );
    assert_eq!(metadata(&page).published(), Some("2023-01-07"));
    let page = story_titled("<time datetime='on Friday December 19, 2025 @08:00PM'>Friday</time>");
    assert_eq!(metadata(&page).published(), Some("2025-12-19"));
}

#[test]
fn a_byline_inside_a_line_or_of_one_name_is_read_and_credits_are_not() {
    let author = |line: &str| {
        let page = story_titled(&format!("<p>{line}</p>"));
        metadata(&page).authors().to_vec()
    };
    assert_eq!(
        author("Published August 7, 2023 by Nicole Burke"),
        ["Nicole Burke"]
    );
    assert_eq!(
        author("September 1st, 2023 By Emily Norwood"),
        ["Emily Norwood"]
    );
    // A forum user's name is one word, when a label introduces it.
    assert_eq!(author("by Amanda · Dec 20, 2025"), ["Amanda"]);
    // A "by" that credits a picture, or sorts a list, is not a byline.
    assert!(author("Photo by Jane Smith").is_empty());
    assert!(author("Sort by Date").is_empty());
}

#[test]
fn the_author_the_markup_names_is_read_and_a_commenters_is_not() {
    // A forum post's microdata: the name inside the author, one lowercase word.
    let post = "<div class=post itemscope itemtype='https://schema.org/DiscussionForumPosting'>        <div itemprop=author itemscope itemtype='https://schema.org/Person'><a href='/u/7'>drat</a>        <meta itemprop=name content=drat></div><p>The old stone bridge sways in the wind: is that normal?</p></div>";
    let page = format!("<html><body><h1>Bridge sways</h1>{post}</body></html>");
    assert_eq!(metadata(&page).authors(), ["drat"]);
    // A link marked as the author's.
    let page = format!(
        "<html><body><article>{STORY}<footer><a rel=author href='/people/hg'>Halina Goetz</a></footer></article></body></html>"
    );
    assert_eq!(metadata(&page).authors(), ["Halina Goetz"]);
    // A reader comment's author, in microdata too, is not the page's.
    let page = format!(
        "<html><body><article>{STORY}</article><ol class=comment-list><li itemscope itemtype='https://schema.org/Comment'>\
         <span itemprop=author>Tom Lee</span><p>Finally!</p></li></ol></body></html>"
    );
    assert!(metadata(&page).authors().is_empty());
}

#[test]
fn a_qa_pages_question_gives_its_author_and_date() {
    let page = format!(
        r#"<html><head><script type="application/ld+json">{{"@context": "https://schema.org", "@type": "QAPage",
        "mainEntity": {{"@type": "Question", "name": "Why does the bridge sway?", "datePublished": "2024-05-03T08:45:44Z",
        "author": {{"@type": "Person", "name": "raoul"}}}}}}</script></head><body>{STORY}</body></html>"#
    );
    let metadata = metadata(&page);
    assert_eq!(metadata.authors(), ["raoul"]);
    assert_eq!(metadata.published(), Some("2024-05-03T08:45:44Z"));
}

#[test]
fn a_date_the_page_labels_as_its_own_counts_wherever_it_is() {
    let long = STORY.repeat(14);
    let page = story_titled(&format!("{long}<p>Last updated: November 13, 2025</p>"));
    assert_eq!(metadata(&page).published(), Some("2025-11-13"));
    // A label on a line of its own dates the line after it.
    let page = story_titled(&format!("{long}<h4>Published</h4><div>July 8, 2025</div>"));
    assert_eq!(metadata(&page).published(), Some("2025-07-08"));
    // Not a reader comment's.
    let page = format!(
        "<html><body><article><h1>Bridge reopens</h1>{long}</article>\
         <div id=comments><ol><li class=comment><p>Posted November 14, 2025</p><p>Finally!</p></li></ol></div></body></html>"
    );
    assert_eq!(metadata(&page).published(), None);
}

#[test]
fn a_relative_date_is_left_empty_not_guessed() {
    let page = story_titled("<p>Updated 3 hours ago</p>");
    assert_eq!(metadata(&page).published(), None);
}

#[test]
fn json_ld_behind_cdata_or_a_comment_is_read() {
    for (open, close) in [
        ("<![CDATA[", "]]>"),
        ("//<![CDATA[", "//]]>"),
        ("<!--", "-->"),
    ] {
        let page = format!(
            r#"<html><head><script type="application/ld+json">
            {open}{{"@type":"Article","datePublished":"2001-10-29T01:59:14Z","headline":"New Zealand"}}{close}
            </script></head><body>{STORY}</body></html>"#
        );
        assert_eq!(
            metadata(&page).published(),
            Some("2001-10-29T01:59:14Z"),
            "{open}"
        );
    }
}

#[test]
fn json_ld_with_a_graph_gives_the_article_s_fields() {
    let page = format!(
        r#"<html lang="en"><head><script type="application/ld+json">{{"@context":"https://schema.org","@graph":[
            {{"@type":"WebSite","name":"Valley Courier"}},
            {{"@type":"NewsArticle","headline":"Bridge reopens &amp; traffic returns","datePublished":"2026-03-02T08:00:00+01:00",
              "dateModified":"2026-03-03","author":[{{"@type":"Person","name":"Mara Jones"}},{{"@type":"Person","name":"Tom Lee"}}],
              "keywords":"bridges, town","image":{{"@type":"ImageObject","url":"https://example.com/bridge.jpg"}}}}]}}</script></head>
            <body>{STORY}</body></html>"#
    );
    let metadata = metadata(&page);
    assert_eq!(metadata.title(), Some("Bridge reopens & traffic returns"));
    assert_eq!(metadata.authors(), ["Mara Jones", "Tom Lee"]);
    assert_eq!(metadata.published(), Some("2026-03-02T08:00:00+01:00"));
    assert_eq!(metadata.modified(), Some("2026-03-03"));
    assert_eq!(metadata.site_name(), Some("Valley Courier"));
    assert_eq!(metadata.tags(), ["bridges", "town"]);
    assert_eq!(metadata.image(), Some("https://example.com/bridge.jpg"));
    assert_eq!(metadata.page_type(), Some("NewsArticle"));
    assert_eq!(metadata.language(), Some("en"));
}

#[cfg(feature = "serde")]
#[test]
fn the_json_record_has_the_documented_fields() {
    let page = format!(
        "<html lang=en><head><title>Bridge reopens | Valley Courier</title></head><body><nav><a href=/>Home</a></nav>\
         <article><h1>Bridge reopens</h1>{STORY}</article></body></html>"
    );
    let rules = deboiler::RuleSet::empty()
        .with(deboiler::rules::NonContent)
        .with(deboiler::rules::PageChrome::default());
    let cleaner = Cleaner::builder().rules(rules).build().unwrap();
    let cleaned = cleaner.clean(page.as_str()).unwrap();
    let record = serde_json::to_value(&cleaned).unwrap();
    assert_eq!(record["version"], deboiler::RECORD_VERSION);
    assert_eq!(record["metadata"]["title"], "Bridge reopens");
    assert_eq!(record["metadata"]["authors"], serde_json::json!([]));
    assert_eq!(record["metadata"]["language"], "en");
    for key in [
        "published",
        "modified",
        "site_name",
        "url",
        "description",
        "image",
        "page_type",
    ] {
        assert!(record["metadata"].get(key).is_some(), "{key}");
    }
    assert_eq!(record["text"], cleaned.text());
    assert_eq!(record["blocks"][0]["kind"], "heading");
    assert_eq!(record["blocks"][0]["level"], 1);
    assert_eq!(record["blocks"][1]["kind"], "paragraph");
    assert_eq!(record["blocks"][1]["level"], serde_json::Value::Null);
    let removed = record["removed"].as_array().unwrap();
    assert!(
        removed
            .iter()
            .any(|r| r["text"] == "Home" && r["rule"] == "page-chrome" && r["reason"].is_string())
    );
    assert_eq!(record["comments"], serde_json::json!([]));
    assert!(record["warnings"].is_array());
}

#[test]
fn an_undeclared_language_is_detected_from_the_text() {
    let german = "Der Hafen wird im Frühjahr wieder geöffnet, nachdem die Mauer ein Jahr lang repariert wurde und die Stadt endlich wieder Boote empfangen kann.";
    let cleaned = Cleaner::default().clean(german).unwrap();
    assert_eq!(cleaned.metadata().language(), Some("deu"));
    // A declared language is kept as the page declares it.
    let page = format!("<html lang='de-AT'><body><p>{german}</p></body></html>");
    assert_eq!(metadata(&page).language(), Some("de-AT"));
}

#[test]
fn the_declared_publication_wins_over_the_update_shown_by_the_title() {
    let page = format!(
        "<html><head><meta property='article:published_time' content='2017-12-15T08:50:02-05:00'>\
         <meta property='article:modified_time' content='2018-07-24T14:15:58-04:00'></head>\
         <body><article><h1>Bridge reopens</h1><p>Updated <time datetime='2018-07-24'>July 24, 2018</time></p>{STORY}</article></body></html>"
    );
    let metadata = metadata(&page);
    assert_eq!(metadata.published(), Some("2017-12-15T08:50:02-05:00"));
    assert_eq!(metadata.modified(), Some("2018-07-24T14:15:58-04:00"));
}

#[test]
fn a_bylines_label_or_a_numeric_id_is_not_a_name() {
    let page = format!(
        "<html><head><meta name='author' content='By Mara Jones'></head><body><article><h1>Bridge reopens</h1>{STORY}</article></body></html>"
    );
    assert_eq!(metadata(&page).authors(), ["Mara Jones"]);
    let page = format!(
        "<html><head><meta name='author' content='223509017'></head><body><article><h1>Bridge reopens</h1>{STORY}</article></body></html>"
    );
    assert!(metadata(&page).authors().is_empty());
    let page = format!(
        "<html><head><meta name='author' content='Written By'></head><body><article><h1>Bridge reopens</h1>{STORY}</article></body></html>"
    );
    assert!(metadata(&page).authors().is_empty());
    // A label on a line of its own, in any case, names the author on the next.
    let page = format!(
        "<html><body><article><h1>Bridge reopens</h1><div>Written By</div><div>Mara Jones</div>{STORY}</article></body></html>"
    );
    assert_eq!(metadata(&page).authors(), ["Mara Jones"]);
}

#[test]
fn a_thread_under_the_sites_h1_is_dated_by_its_first_post() {
    let post = |who: &str, when: &str| {
        format!(
            "<div class=post><p class=author><a href=/u/{who}>{who}</a> » <time datetime='{when}'>{when}</time></p>{STORY}</div>"
        )
    };
    // The site's name is the `<h1>`, in the header far above the thread,
    // past its menus.
    let menu: String = (1..=16)
        .map(|n| format!("<li><a href=/f{n}>Board {n}</a></li>"))
        .collect();
    let page = format!(
        "<html><body><header><h1>Valley Forums</h1><nav><ul>{menu}</ul></nav></header>\
         <div class=topic><h2>Bridge reopens</h2>{}{}</div></body></html>",
        post("galitsyn", "2024-09-11T16:36:25+00:00"),
        post("ketil", "2024-09-14T08:00:00+00:00"),
    );
    assert_eq!(
        metadata(&page).published(),
        Some("2024-09-11T16:36:25+00:00")
    );
}

#[test]
fn a_date_shown_where_the_content_starts_dates_it_unless_the_page_is_a_product() {
    let menu: String = (1..=16)
        .map(|n| format!("<li><a href=/s{n}>Section {n}</a></li>"))
        .collect();
    let more: String = (1..=4)
        .map(|n| format!("<p>Repairs to arch number {n} took a month, and the masons used stone from the old quarry by the river.</p>"))
        .collect();
    let page = |head: &str| {
        format!(
            "<html><head>{head}</head><body><header><h1>Valley Courier</h1><nav><ul>{menu}</ul></nav></header>\
             <div class=story><h2>Bridge reopens</h2><div class=story-date>May 31, 2024</div>{STORY}{more}</div></body></html>"
        )
    };
    assert_eq!(metadata(&page("")).published(), Some("2024-05-31"));
    // A product page's dates are its reviews' and its stock's.
    let product = r#"<script type="application/ld+json">{"@type": "Product", "name": "Bridge model"}</script>"#;
    assert_eq!(metadata(&page(product)).published(), None);
}

#[test]
fn the_day_in_the_address_dates_the_page_and_settles_a_time_zone() {
    let page = |address: &str, head: &str| {
        let html = format!(
            "<html><head><link rel=\"canonical\" href=\"{address}\">{head}</head><body><article><h1>Bridge reopens</h1>{STORY}</article></body></html>"
        );
        metadata(&html).published().map(str::to_string)
    };
    let declared =
        |time: &str| format!("<meta property=\"article:published_time\" content=\"{time}\">");
    let filed = "https://example.org/2025/12/18/bridge-reopens/";
    // Nothing declared: the address's day, in either form, in any script.
    assert_eq!(page(filed, "").as_deref(), Some("2025-12-18"));
    let one_segment = "https://example.org/articles/2025-12-15-bridge-reopens";
    assert_eq!(page(one_segment, "").as_deref(), Some("2025-12-15"));
    let non_ascii = "https://example.org/nachrichten/brücke/2025/12/18/öffnet";
    assert_eq!(page(non_ascii, "").as_deref(), Some("2025-12-18"));
    // A UTC time that is the address's day in some time zone: that day,
    // whether it is the day after (early hours) or the day before (late).
    for time in ["2025-12-19T02:41:41+00:00", "2025-12-17T22:00:00Z"] {
        assert_eq!(
            page(filed, &declared(time)).as_deref(),
            Some("2025-12-18"),
            "{time}"
        );
    }
    // A time that is not UTC, or that no time zone puts on that day, or a
    // date further away: the declared date stands.
    for time in [
        "2025-12-19T02:41:41-05:00",
        "2025-12-19T23:00:00Z",
        "2025-12-21T10:00:00+00:00",
    ] {
        assert_eq!(page(filed, &declared(time)).as_deref(), Some(time));
    }
    // Numbers in an address that are not a day are not one.
    for address in [
        "https://example.org/2025/13/40/x",
        "https://example.org/2025/02/30/x",
        "https://example.org/1850-01-01-x",
    ] {
        assert_eq!(page(address, ""), None, "{address}");
    }
}
