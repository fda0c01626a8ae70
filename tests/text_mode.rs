//! Plain text as scrapers hand it over: navigation lines at the top,
//! share, comment, newsletter, cookie and footer lines at the end.

const BODY: [&str; 3] = [
    "Council approves the riverside cycle path",
    "The city council voted on Tuesday to build a cycle path along the river, linking the centre with the northern districts.",
    "Work starts in the autumn and should be finished by spring, the council said in a statement after the vote.",
];

const TOP: [&str; 4] = ["Skip to content", "Home", "Menu", "Search"];

const BOTTOM: [&str; 9] = [
    "Share this:",
    "Facebook",
    "Twitter",
    "Leave a Reply",
    "Please enter your comment!",
    "Subscribe to our newsletter",
    "We use cookies to improve your experience. Accept all",
    "© 2024 City Times. All rights reserved.",
    "Privacy Policy",
];

fn page(separator: &str) -> String {
    TOP.iter()
        .chain(BODY.iter())
        .chain(BOTTOM.iter())
        .copied()
        .collect::<Vec<_>>()
        .join(separator)
}

/// `text` cleaned with the default rules.
fn clean(text: &str) -> deboiler::Cleaned {
    deboiler::Cleaner::default().clean(text).unwrap()
}

#[test]
fn boilerplate_lines_go_with_blank_line_separators() {
    assert_eq!(deboiler::clean(&page("\n\n")), BODY.join("\n\n"));
}

#[test]
fn boilerplate_lines_go_with_single_newline_separators() {
    assert_eq!(deboiler::clean(&page("\n")), BODY.join("\n\n"));
}

#[test]
fn a_short_menu_of_unknown_words_at_the_top_is_navigation() {
    let text = format!("News\nSport\nCulture\nWeather\n\n{}", BODY.join("\n\n"));
    let page = clean(&text);
    assert_eq!(page.text(), BODY.join("\n\n"));
    assert!(page.removed().iter().any(|r| r.rule() == "text-navigation"));
}

#[test]
fn a_text_of_short_lines_only_is_kept() {
    let poem = "Roses are red\nViolets are blue\nSugar is sweet\nAnd so are you";
    assert_eq!(deboiler::clean(poem), poem.replace('\n', "\n\n"));
}

/// A comment form's field labels and a widget's status lines that no phrase
/// list names, in English and German, after the article.
const FORM_LABELS: [&str; 5] = [
    "Name *",
    "Website",
    "E-Mail *",
    "Like Loading...",
    "Webseite",
];

/// `body`, then a comment form's field labels, joined by `separator`.
fn with_form_labels(body: &[&str], separator: &str) -> String {
    body.iter()
        .chain(FORM_LABELS.iter())
        .copied()
        .collect::<Vec<_>>()
        .join(separator)
}

#[test]
fn a_forms_field_labels_at_the_end_go_and_short_lines_inside_stay() {
    let inside = ["Why now?", "Yes."];
    let body = [BODY[0], BODY[1], inside[0], inside[1], BODY[2]];
    let page = clean(&with_form_labels(&body, "\n\n"));
    assert_eq!(page.text(), body.join("\n\n"));
    let by_line_model = page
        .removed()
        .iter()
        .filter(|r| r.rule() == "text-lines")
        .count();
    assert!(by_line_model >= 2, "{:?}", page.removed());
}

#[test]
fn paragraphs_that_differ_only_in_their_numbers_all_stay() {
    let count = 20_000;
    let text: String = (0..count)
        .map(|i| {
            format!(
                "Paragraph {i}: the measured value stays within the expected range for every sample the laboratory tested this week. Figure {}.\n\n",
                88_000 + i
            )
        })
        .collect();
    let page = clean(&text);
    assert_eq!(page.blocks().len(), count, "{:?}", page.removed().first());
}

#[test]
fn a_tables_rows_inside_the_text_all_stay() {
    let rows = [
        "Cucumber\tHalf\t1\t2",
        "Red onions\t2 and a quarter\t4 and a half\t9",
        "Cherry tomatoes\t88g\t175g\t350g",
        "Broccoli\t80g\t160g\t320g",
        "Red peppers\tHalf\t1\t2",
        "Courgettes\tHalf\t1\t2",
        "Fruit",
        "Bananas\t5\t10\t20",
        "Apples\t3\t6\t12",
    ];
    let intro = "The list below gives the amounts for one, two and four people; buy them on the day you cook.";
    let body: Vec<&str> = [BODY[0], BODY[1], intro]
        .into_iter()
        .chain(rows)
        .chain([BODY[2]])
        .collect();
    let page = clean(&with_form_labels(&body, "\n"));
    let kept: Vec<String> = page.blocks().iter().map(|b| b.text().to_string()).collect();
    for row in rows {
        let row = row.replace('\t', " ");
        assert!(kept.contains(&row), "{row:?} dropped: {:?}", page.removed());
    }
}

#[test]
fn a_dateline_after_the_scrapers_header_goes_and_an_extractors_stays() {
    for dateline in [
        "By Ann Lee · June 4, 2025",
        "Veröffentlicht am 4. Juni 2025 von Anna Berg",
        "Published on 2025-06-04",
    ] {
        let lines = |with_header: bool| {
            let header = if with_header { &TOP[..] } else { &[] };
            header
                .iter()
                .copied()
                .chain([BODY[0], dateline])
                .chain(BODY[1..].iter().copied())
                .collect::<Vec<_>>()
                .join("\n\n")
        };
        let scraped = clean(&lines(true));
        assert!(!scraped.text().contains(dateline), "{dateline}");
        assert!(scraped.text().ends_with(&BODY[1..].join("\n\n")));
        let gone = scraped.removed().iter().find(|r| r.rule() == "datelines");
        assert_eq!(gone.map(|r| r.block().text()), Some(dateline));
        // An extractor's output starts with the article, and keeps its dateline.
        assert!(clean(&lines(false)).text().contains(dateline), "{dateline}");
    }
}

#[test]
fn dates_further_down_and_lines_that_say_more_stay() {
    let text = [
        &TOP[..],
        &[
            BODY[0],
            "Video - December 19, 2025",
            BODY[1],
            "June 4, 2025",
            BODY[2],
        ],
    ]
    .concat()
    .join("\n\n");
    let cleaned = clean(&text);
    assert!(cleaned.text().contains("Video - December 19, 2025"));
    assert!(cleaned.text().contains("June 4, 2025\n\n"));
}

/// The lines the CMSs and hosted platforms of the phrase lists print after a
/// post, as a scraper saves them (one list per platform and language).
const CMS_FOOTERS: [&[&str]; 7] = [
    // Drupal, German
    &[
        "Neuen Kommentar schreiben",
        "Zum Verfassen von Kommentaren bitte Anmelden oder Registrieren",
        "Druckversion",
    ],
    // Blogger, Italian
    &[
        "Nessun commento:",
        "Posta un commento",
        "Post più recente",
        "Post più vecchio",
        "Iscriviti a: Commenti sul post (Atom)",
    ],
    // Medium
    &[
        "Written by Ann Lee",
        "No responses yet",
        "Recommended from Medium",
        "See more recommendations",
    ],
    // Substack
    &[
        "Thanks for reading City Notes! Subscribe for free to receive new posts and support my work.",
        "Discussion about this post",
        "Ready for more?",
    ],
    // tagDiv Newspaper, German
    &[
        "Bitte geben Sie Ihren Kommentar ein!",
        "Bitte geben Sie hier Ihren Namen ein",
        "Sie haben eine falsche E-Mail-Adresse eingegeben!",
    ],
    // Yoast SEO feed footer, English
    &["The post Council approves the riverside cycle path appeared first on City Times."],
    // Elementor Pro, French
    &[
        "Les commentaires sont fermés.",
        "Il semble que nous ne trouvions pas ce que vous cherchez.",
    ],
];

#[test]
fn the_post_footers_of_the_common_cms_and_platforms_go() {
    for footer in CMS_FOOTERS {
        for separator in ["\n\n", "\n"] {
            let text = BODY
                .iter()
                .chain(footer.iter())
                .copied()
                .collect::<Vec<_>>()
                .join(separator);
            let cleaned = clean(&text);
            assert_eq!(cleaned.text(), BODY.join("\n\n"), "{footer:?}");
            assert!(
                cleaned.removed().iter().all(|r| !r.reason().is_empty()),
                "every dropped line says why"
            );
        }
    }
}
