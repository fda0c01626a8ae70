//! Measures text mode on scraped text made from a WCXB-format folder.
//!
//! ```text
//! cargo run --release -p deboiler-lab --bin scraped -- ../shared/data/wcxb-dev \
//!     [--cases whole-page|seed-shaped|extracted] [--half all|even|odd] [--dump out.jsonl] \
//!     [--text-model FILE]
//! ```
//!
//! Two kinds of cases, both scored by word F1 against each page's
//! `main_content`:
//!
//! - `whole-page`: what a scraper that kept all visible text hands over:
//!   [`deboiler_lab::visible_text`], one line per block.
//! - `seed-shaped`: one case per article page, shaped like the seed: the
//!   page's paragraphs (the lines of `main_content`) with a run of them
//!   repeated (right after itself, at the end, or partly: its copy cut
//!   short), and the page's own boilerplate lines around them (the lines of
//!   its whole-page text whose words are nowhere in `main_content`, before
//!   and after where the article starts, its `without` snippets after),
//!   every other case with blank lines between the lines and the others
//!   with single newlines. Lines are compared by their words, so a page's
//!   curly quotes match its reference's straight ones; the article starts
//!   at its first line that is one of its paragraphs or long and in it, and
//!   a short line found in the reference but not one of its paragraphs
//!   ("Home", "Share") is left out of the case, being either. A case is
//!   exact when the cleaned blocks are its paragraphs, each once, in order;
//!   it loses a paragraph when one of them is not in the cleaned text.
//!
//! - `extracted`: what an extractor that did most of the work hands over:
//!   the page's `main_content` lines, then its `without` snippets.
//!
//! Text mode (the default rules on `Input::text`) is printed beside three
//! baselines on the same texts: the raw text, exact line deduplication, and
//! C4's line rules (keep lines that end in terminal punctuation and have at
//! least three words, drop lines naming javascript or a site policy).

use std::collections::HashSet;
use std::path::PathBuf;

use clap::Parser;
use deboiler::{Cleaner, Input, RuleSet, rules};
use deboiler_lab as wcxb;
use wcxb::scraped::{self, Case, squeeze};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Cases {
    WholePage,
    SeedShaped,
    Extracted,
}

/// Measures text mode on scraped text made from a WCXB-format folder.
#[derive(Debug, Parser)]
struct Options {
    /// The folder (`html/`, `ground-truth/`).
    root: PathBuf,
    /// Which cases to make.
    #[arg(long, value_enum, default_value = "whole-page")]
    cases: Cases,
    /// All pages, or those of even or odd number only.
    #[arg(long, value_enum, default_value = "all")]
    half: wcxb::Half,
    /// Write each case (its input, expected and cleaned text) to this JSON
    /// Lines file.
    #[arg(long)]
    dump: Option<PathBuf>,
    /// A text-line model file instead of the shipped one.
    #[arg(long)]
    text_model: Option<PathBuf>,
}

fn main() {
    let options = Options::parse();
    let samples = wcxb::load(&options.root, None, options.half).unwrap_or_else(|e| {
        eprintln!("cannot read {}: {e}", options.root.display());
        std::process::exit(1);
    });
    let cases: Vec<Case> = samples
        .iter()
        .filter_map(|sample| match options.cases {
            Cases::WholePage => Some(scraped::whole_page(sample)),
            Cases::SeedShaped => scraped::seed_shaped(sample),
            Cases::Extracted => scraped::extracted(sample),
        })
        .collect();

    let rules = match &options.text_model {
        Some(path) => {
            let text = std::fs::read_to_string(path).expect("readable model file");
            let model = rules::TextLineClassifier::from_model_text(&text).expect("valid model");
            RuleSet::default().with(model)
        }
        None => RuleSet::default(),
    };
    let cleaner = Cleaner::builder()
        .rules(rules)
        .build()
        .expect("rules compile");
    let mut dump = options
        .dump
        .as_ref()
        .map(|path| std::fs::File::create(path).expect("writable dump file"));
    let mut scores: [Vec<wcxb::Score>; 4] = Default::default();
    let (mut exact, mut lost) = (0, 0);
    for case in &cases {
        let cleaned = cleaner.clean(Input::text(&case.text)).expect("text cleans");
        let blocks: Vec<String> = cleaned.blocks().iter().map(|b| squeeze(b.text())).collect();
        if !case.paragraphs.is_empty() {
            let wanted: Vec<String> = case.paragraphs.iter().map(|p| squeeze(p)).collect();
            exact += usize::from(blocks == wanted);
            let output = squeeze(cleaned.text());
            lost += usize::from(wanted.iter().any(|p| !output.contains(p.as_str())));
        }
        let outputs = [
            cleaned.text().to_string(),
            case.text.clone(),
            deduplicated(&case.text),
            c4_lines(&case.text),
        ];
        for (score, output) in scores.iter_mut().zip(&outputs) {
            score.push(wcxb::score(output, &case.expected));
        }
        if let Some(file) = dump.as_mut() {
            use std::io::Write;
            let line = serde_json::json!({
                "id": case.id,
                "input": case.text,
                "expected": case.expected,
                "text": cleaned.text(),
            });
            writeln!(file, "{line}").expect("dump written");
        }
    }

    println!("cases: {} ({:?})", cases.len(), options.cases);
    println!("{:<24} {:>9} {:>9} {:>9}", "", "precision", "recall", "f1");
    let names = [
        "text mode (default)",
        "raw text",
        "exact line dedup",
        "C4 line rules",
    ];
    for (name, scores) in names.iter().zip(&scores) {
        let n = scores.len().max(1) as f64;
        let mean = |f: fn(&wcxb::Score) -> f64| scores.iter().map(f).sum::<f64>() / n;
        println!(
            "{name:<24} {:>9.4} {:>9.4} {:>9.4}",
            mean(|s| s.precision),
            mean(|s| s.recall),
            mean(|s| s.f1)
        );
    }
    if options.cases != Cases::WholePage {
        let n = cases.len().max(1) as f64;
        println!(
            "exact: {exact} of {} ({:.1} %), losing a paragraph: {lost}",
            cases.len(),
            100.0 * exact as f64 / n
        );
    }
}

/// The lines of `text`, each line's first occurrence only.
fn deduplicated(text: &str) -> String {
    let mut seen = HashSet::new();
    text.lines()
        .filter(|l| l.trim().is_empty() || seen.insert(squeeze(l)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// C4's line rules (Raffel et al. 2020, and its reference implementation):
/// keep a line that ends in terminal punctuation and has at least three
/// words, unless it names javascript or a site's policies.
fn c4_lines(text: &str) -> String {
    const POLICY: [&str; 6] = [
        "terms of use",
        "privacy policy",
        "cookie policy",
        "uses cookies",
        "use of cookies",
        "use cookies",
    ];
    text.lines()
        .map(str::trim)
        .filter(|l| {
            let lower = l.to_lowercase();
            l.ends_with(['.', '!', '?', '"', '\u{201d}'])
                && l.split_whitespace().count() >= 3
                && !lower.contains("javascript")
                && !POLICY.iter().any(|p| lower.contains(p))
        })
        .collect::<Vec<_>>()
        .join("\n")
}
