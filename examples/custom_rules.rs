//! Rule sets are the plug-in point: this example adds, removes and scopes
//! rules, writes one as a closure and one as a type, and (with the `serde`
//! feature) loads a rule-set file.
//!
//! ```text
//! cargo run --example custom_rules --features serde
//! ```

use deboiler::rules::{self, Phrases, Selector};
use deboiler::{Cleaner, Input, Judgement, Page, Rule, RuleSet};

const PAGE: &str = r#"<html><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
  <h1>Harbour dredging to start in May</h1>
  <p class="standfirst">The port authority confirmed the date on Monday.</p>
  <p>Dredgers will deepen the main channel by two metres, so that larger ships can berth at the container terminal without waiting for the tide.</p>
  <div class="promo"><p>Get the Harbour Weekly in your inbox every Friday.</p></div>
  <p>Support our journalism: become a member today.</p>
  <p>Work is expected to take eleven weeks, with the channel closed to pleasure craft at night.</p>
  <p>UPDATE: this story was corrected at 14:00.</p>
</article>
<footer>&copy; 2024 Harbour Times</footer>
</body></html>"#;

/// A rule as a type: drops everything after the first block that starts
/// with "UPDATE:" (say, a site that appends notes we do not want).
struct StopAtUpdates;

impl Rule for StopAtUpdates {
    fn name(&self) -> &str {
        "stop-at-updates"
    }

    fn apply(&self, page: &Page<'_>, judgement: &mut Judgement) {
        let first = page
            .blocks()
            .iter()
            .position(|b| b.text().starts_with("UPDATE:"));
        if let Some(first) = first {
            for index in first..page.blocks().len() {
                judgement.drop_block(index, "after the first UPDATE note");
            }
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Rules for one site only: they apply to pages cleaned with a URL there.
    let harbour_times = RuleSet::empty()
        .with(Selector::parse(".promo")?.named("harbour-promo"))
        .scoped("harbourtimes.example");

    let rules = RuleSet::default()
        // Remove a built-in rule by name.
        .without("share-buttons")
        // Add phrases (one automaton for all phrase rules is built once).
        .with(Phrases::new(["Support our journalism", "Become a member"]).named("donations"))
        // A closure rule judging one block at a time.
        .with(rules::from_fn("standfirst-dates", |block| {
            block
                .text()
                .contains("confirmed the date")
                .then(|| "standfirst repeats the headline".to_string())
        }))
        .with(StopAtUpdates)
        .merge(harbour_times);

    let cleaner = Cleaner::builder().rules(rules).build()?;
    for url in [
        "https://www.harbourtimes.example/dredging",
        "https://elsewhere.example/x",
    ] {
        let page = cleaner.clean(Input::html(PAGE).url(url))?;
        println!("== {url}\n{}\n", page.text());
        for removal in page.removed() {
            println!("  - [{}] {}", removal.rule(), removal.reason());
        }
        println!();
    }

    #[cfg(feature = "serde")]
    {
        let source = include_str!("rules.toml");
        let from_file = RuleSet::from_toml(source)?;
        println!("rules.toml: {:?}", from_file);
    }
    Ok(())
}
