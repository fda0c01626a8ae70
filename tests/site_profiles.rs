//! Site profiles: a site's own template, learned from its other pages, goes.

use deboiler::{Cleaner, Input, SiteProfile};

/// The lines one site puts around every text: its name, its slogan, a
/// newsletter pitch and a legal line in its own words, which no phrase list
/// knows.
const HEAD: [&str; 2] = [
    "The Ashdown Courier",
    "Honest reporting from the five valleys",
];
const TAIL: [&str; 2] = [
    "Our Friday digest lands in your inbox before breakfast, free",
    "The Ashdown Courier is published by Weald Print Co-operative, 14 Mill Lane, Ashdown",
];

const SUBJECTS: [&str; 10] = [
    "The parish council",
    "A group of volunteers",
    "The county's fire service",
    "Local farmers",
    "The primary school on Church Road",
    "The new bakery on the high street",
    "Residents of Upper Hartfield",
    "The cricket club",
    "The library's reading group",
    "A retired engineer",
];

/// Three paragraphs of story `n`, distinct from every other story's.
fn story(n: usize) -> Vec<String> {
    let subject = SUBJECTS[n];
    vec![
        format!(
            "{subject} met on a wet evening in {} to talk about the plans, and by the end of the meeting most of those present had agreed to go ahead.",
            [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October"
            ][n]
        ),
        format!(
            "{subject} expects the work to take {} weeks, although nobody in the room was willing to promise that the weather would cooperate with them.",
            [
                "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"
            ][n]
        ),
        format!(
            "Anyone who wants to help {} can leave their name at the {} before the end of the month, when the first tasks will be handed out.",
            subject.to_lowercase(),
            [
                "post office",
                "village hall",
                "pharmacy",
                "garage",
                "chapel",
                "pub",
                "surgery",
                "station",
                "museum",
                "market"
            ][n]
        ),
    ]
}

/// Story `n` as a scraper saved it: the site's head lines, the story, its
/// tail lines; blank-line separated for even `n`, one line each for odd.
fn scraped(n: usize) -> String {
    let lines: Vec<String> = HEAD
        .iter()
        .map(|s| s.to_string())
        .chain(story(n))
        .chain(TAIL.iter().map(|s| s.to_string()))
        .collect();
    lines.join(if n % 2 == 0 { "\n\n" } else { "\n" })
}

fn learned_on(cleaner: &Cleaner, texts: impl IntoIterator<Item = String>) -> SiteProfile {
    let mut profile = SiteProfile::new();
    for text in texts {
        cleaner.learn(&mut profile, Input::text(&text)).unwrap();
    }
    profile
}

#[test]
fn ten_texts_of_one_site_lose_the_sites_own_lines() {
    let cleaner = Cleaner::default();
    for n in 0..10 {
        let text = scraped(n);
        // Without a profile, some of the site's own lines stay.
        let plain = cleaner.clean(Input::text(&text)).unwrap();
        let site_lines = HEAD.iter().chain(&TAIL);
        assert!(
            site_lines.clone().any(|line| plain.text().contains(line)),
            "{}",
            plain.text()
        );
        // With the profile of the site's nine other texts, only the story is left.
        let profile = learned_on(&cleaner, (0..10).filter(|&m| m != n).map(scraped));
        let cleaned = cleaner
            .clean(Input::text(&text).site_profile(&profile))
            .unwrap();
        assert_eq!(cleaned.text(), story(n).join("\n\n"), "text {n}");
        let template: Vec<&str> = cleaned
            .removed()
            .iter()
            .filter(|r| r.rule() == "site-template")
            .map(|r| r.block().text())
            .collect();
        // Each site line goes: as template, or by a rule that knew it anyway.
        for line in site_lines {
            assert!(!cleaned.text().contains(line));
        }
        assert!(
            template.contains(&HEAD[1]) && template.contains(&TAIL[0]),
            "{template:?}"
        );
    }
}

#[test]
fn profiles_merged_clean_like_one_learned_on_all_pages() {
    let cleaner = Cleaner::default();
    let mut merged = learned_on(&cleaner, (0..4).map(scraped));
    merged.merge(&learned_on(&cleaner, (4..9).map(scraped)));
    let whole = learned_on(&cleaner, (0..9).map(scraped));
    assert_eq!(merged.pages(), 9);
    let text = scraped(9);
    let with = |profile: &SiteProfile| {
        cleaner
            .clean(Input::text(&text).site_profile(profile))
            .unwrap()
            .text()
            .to_string()
    };
    assert_eq!(with(&merged), with(&whole));
    assert_eq!(with(&merged), story(9).join("\n\n"));
}

#[test]
fn a_cleaners_profile_applies_to_every_page_and_an_inputs_takes_its_place() {
    let learner = Cleaner::default();
    let profile = learned_on(&learner, (0..9).map(scraped));
    let cleaner = Cleaner::builder().site_profile(profile).build().unwrap();
    let text = scraped(9);
    assert_eq!(
        cleaner.clean(Input::text(&text)).unwrap().text(),
        story(9).join("\n\n")
    );
    // An input's own (empty) profile replaces the cleaner's.
    let empty = SiteProfile::new();
    let own = cleaner
        .clean(Input::text(&text).site_profile(&empty))
        .unwrap();
    assert!(own.text().contains(HEAD[1]));
}

#[test]
fn a_footer_whose_year_changes_is_still_the_template() {
    let cleaner = Cleaner::default();
    let page = |year: usize, story: &str| {
        format!(
            "<body><main><h1>{story}</h1><p>{story} is what this page is about, told at the length a reader wants.</p></main>\
             <div>Ashdown Courier, serving the valleys since {year}, edition {}</div></body>",
            year * 7
        )
    };
    let mut profile = SiteProfile::new();
    for (year, title) in [
        (2023, "Bridge repairs"),
        (2024, "A new library"),
        (2025, "The harbour fair"),
    ] {
        cleaner
            .learn(&mut profile, Input::html(&page(year, title)))
            .unwrap();
    }
    let cleaned = cleaner
        .clean(Input::html(&page(2026, "Tree planting")).site_profile(&profile))
        .unwrap();
    assert!(
        !cleaned.text().contains("Ashdown Courier"),
        "{}",
        cleaned.text()
    );
    assert!(
        cleaned
            .text()
            .contains("Tree planting is what this page is about")
    );
}

#[cfg(feature = "serde")]
#[test]
fn a_profile_serialises_and_reads_back_the_same() {
    let cleaner = Cleaner::default();
    let profile = learned_on(&cleaner, (0..9).map(scraped));
    let json = serde_json::to_string(&profile).unwrap();
    let back: SiteProfile = serde_json::from_str(&json).unwrap();
    assert_eq!(back, profile);
    assert_eq!(serde_json::to_string(&back).unwrap(), json);
    let newer = json.replacen("\"version\":1", "\"version\":99", 1);
    let error = serde_json::from_str::<SiteProfile>(&newer).unwrap_err();
    assert!(error.to_string().contains("version 99"), "{error}");
}
