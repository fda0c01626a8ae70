//! How a crawler learns a site's template and cleans with it. The crawl
//! is a dozen pages of one small site, generated here (so the example runs
//! offline): each has its own story inside the site's own lines (a slogan,
//! an "about us" box, a donation pitch, a legal line) that no built-in rule
//! knows. Two crawler machines each learn a profile of half the pages;
//! the profiles are merged, and every page is cleaned with the result.
//!
//! ```text
//! cargo run --example site_profile
//! cargo run --example site_profile --features serde   # also writes the profile as JSON
//! ```

use deboiler::{Cleaner, Input, SiteProfile};

const STORIES: [(&str, &str); 12] = [
    (
        "Bridge reopens",
        "The old stone bridge reopened on Monday after a year of repairs to its arches.",
    ),
    (
        "Library moves",
        "The town library is moving into the former market hall, which has twice the room.",
    ),
    (
        "Harbour fair",
        "Boats from six countries are expected at this year's harbour fair in late June.",
    ),
    (
        "Trees for the river",
        "Volunteers will plant a thousand alders and willows along the river banks this winter.",
    ),
    (
        "New bakery",
        "A bakery has opened on the high street in the shop that sold bicycles for forty years.",
    ),
    (
        "School garden",
        "Pupils at the primary school now grow their own beans, peas and potatoes behind the gym.",
    ),
    (
        "Bus timetable",
        "The evening buses to the coast will run every hour again from the first of May.",
    ),
    (
        "Cricket club",
        "The cricket club has raised enough money to replace the roof of its pavilion at last.",
    ),
    (
        "Museum night",
        "The museum stays open until midnight on Friday, with lanterns in every room.",
    ),
    (
        "Choir concert",
        "The valley choir sings in the church on Sunday; the collection goes to the food bank.",
    ),
    (
        "Road works",
        "The road over the hill will be closed for three weeks while the drains are replaced.",
    ),
    (
        "Market day",
        "Market day moves from Thursday to Saturday, so that more growers can take part.",
    ),
];

/// A page of the site: its story in the site's template.
fn page((title, story): (&str, &str)) -> String {
    format!(
        "<html><head><title>{title} | The Valley Courier</title></head><body>\
         <div class=masthead><p>The Valley Courier: honest news from the five valleys since 1901.</p></div>\
         <div class=story><h1>{title}</h1><p>{story}</p>\
         <p>The Courier is written by volunteers and read in every house in the valleys, every week.</p></div>\
         <div class=pitch><p>Keep the Courier free: a pound a month pays for the paper it is printed on.</p></div>\
         <div class=legal><p>The Valley Courier is published by Weald Print Co-operative, 14 Mill Lane.</p></div>\
         </body></html>"
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cleaner = Cleaner::default();
    let pages: Vec<String> = STORIES.iter().copied().map(page).collect();

    // Two machines each learn the pages they crawled...
    let learn = |pages: &[String]| -> Result<SiteProfile, deboiler::CleanError> {
        let mut profile = SiteProfile::new();
        for html in pages {
            cleaner.learn(&mut profile, Input::html(html))?;
        }
        Ok(profile)
    };
    let mut profile = learn(&pages[..6])?;
    // ...and their profiles add up to the profile of the whole crawl.
    profile.merge(&learn(&pages[6..])?);
    println!(
        "profile: {} pages, {} blocks remembered\n",
        profile.pages(),
        profile.len()
    );

    for html in &pages[..2] {
        let plain = cleaner.clean(Input::html(html))?;
        let cleaned = cleaner.clean(Input::html(html).site_profile(&profile))?;
        println!("without the profile:\n{}\n", plain.text());
        println!("with it:\n{}\n", cleaned.text());
        for removal in cleaned
            .removed()
            .iter()
            .filter(|r| r.rule() == "site-template")
        {
            println!(
                "  [{}] {}: {}",
                removal.rule(),
                removal.reason(),
                removal.block().text()
            );
        }
        println!();
    }

    #[cfg(feature = "serde")]
    {
        let path = std::env::temp_dir().join("valley-courier.profile.json");
        std::fs::write(&path, serde_json::to_string(&profile)?)?;
        let back: SiteProfile = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
        assert_eq!(back, profile);
        println!("profile written to {} and read back", path.display());
    }
    Ok(())
}
