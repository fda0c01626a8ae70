//! Measures `Cleaned::metadata()` against a WCXB-format folder's `title`,
//! `author` and `publish_date`: per field, the share of pages with a
//! reference value that deboiler gets right, and how often it leaves the
//! field empty where the reference is empty too.
//!
//! The normalisation: titles with case and punctuation folded, a trailing
//! site name after ` | `, ` - ` or ` – ` accepted on either side; authors
//! as sets of names split at commas, semicolons, `&` and "and"; dates at
//! day granularity (the first ten characters of an ISO 8601 date).
//!
//! ```text
//! cargo run --release -p deboiler-lab --bin metadata -- ../shared/data/wcxb-dev [--wrong title]
//! ```

use std::collections::BTreeSet;
use std::path::PathBuf;

use clap::Parser;
use deboiler::{Cleaner, Input};
use deboiler_lab as wcxb;
use wcxb::Half;

/// Measures metadata on a WCXB-format folder.
#[derive(Debug, Parser)]
struct Options {
    /// The folder (`html/`, `ground-truth/`).
    root: PathBuf,
    /// List the pages whose value of this field (title, author, date) is wrong.
    #[arg(long)]
    wrong: Option<String>,
}

/// One field of a page: its name, its tally, the reference's value,
/// deboiler's, and whether they match.
type Field<'a> = (
    &'a str,
    &'a mut Tally,
    Option<&'a str>,
    Option<&'a str>,
    fn(&str, &str) -> bool,
);

/// Right, wrong, and both empty, for one field.
#[derive(Default)]
struct Tally {
    right: usize,
    with_reference: usize,
    both_empty: usize,
    reference_empty: usize,
}

fn fold(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The title, and the title without a trailing site name.
fn title_forms(title: &str) -> Vec<String> {
    let mut forms = vec![fold(title)];
    for separator in [" | ", " - ", " – "] {
        if let Some((head, _)) = title.rsplit_once(separator) {
            forms.push(fold(head));
        }
    }
    forms
}

fn titles_match(ours: &str, reference: &str) -> bool {
    let ours = title_forms(ours);
    title_forms(reference).iter().any(|r| ours.contains(r))
}

fn author_set(authors: &str) -> BTreeSet<String> {
    authors
        .replace(" and ", ",")
        .replace(['&', ';'], ",")
        .split(',')
        .map(fold)
        .filter(|n| !n.is_empty())
        .collect()
}

/// A reference value, `None` when it is empty (or the string "None").
fn reference<'a>(truth: &'a serde_json::Value, key: &str) -> Option<&'a str> {
    truth[key]
        .as_str()
        .map(str::trim)
        .filter(|v| !v.is_empty() && *v != "None")
}

fn main() {
    let options = Options::parse();
    let samples = wcxb::load(&options.root, None, Half::All).expect("readable data set");
    let cleaner = Cleaner::default();
    let (mut title, mut author, mut date) = Default::default();
    for sample in &samples {
        let truth = &sample.ground_truth;
        let cleaned = cleaner
            .clean(Input::bytes(&sample.html).url(&sample.url))
            .expect("page cleans");
        let metadata = cleaned.metadata();
        let authors = metadata.authors().join(", ");
        let fields: [Field<'_>; 3] = [
            (
                "title",
                &mut title,
                reference(truth, "title"),
                metadata.title(),
                titles_match,
            ),
            (
                "author",
                &mut author,
                reference(truth, "author"),
                Some(authors.as_str()).filter(|a| !a.is_empty()),
                |ours, reference| author_set(ours) == author_set(reference),
            ),
            (
                "date",
                &mut date,
                reference(truth, "publish_date"),
                metadata.published(),
                |ours, reference| ours.get(..10) == reference.get(..10),
            ),
        ];
        for (name, tally, reference, ours, matches) in fields {
            match reference {
                Some(reference) => {
                    tally.with_reference += 1;
                    let right = ours.is_some_and(|ours| matches(ours, reference));
                    tally.right += usize::from(right);
                    if !right && options.wrong.as_deref() == Some(name) {
                        println!("{} {name}: {ours:?} for {reference:?}", sample.id);
                    }
                }
                None => {
                    tally.reference_empty += 1;
                    tally.both_empty += usize::from(ours.is_none());
                }
            }
        }
    }
    println!("{} pages", samples.len());
    for (name, tally) in [("title", &title), ("author", &author), ("date", &date)] {
        println!(
            "{name:<7} right {:.3} ({} of {}); empty where the reference is: {} of {}",
            tally.right as f64 / tally.with_reference.max(1) as f64,
            tally.right,
            tally.with_reference,
            tally.both_empty,
            tally.reference_empty
        );
    }
}
