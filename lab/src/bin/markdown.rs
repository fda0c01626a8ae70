//! Measures the structure of deboiler's Markdown against a WCXB-format
//! folder's `main_content_markdown`: pooled over the set, the share of the
//! reference's headings that come out as headings with the same text, of
//! its list items as list items, of its table rows as table rows (cells
//! joined) and of its code blocks as fenced code, texts folded (case,
//! punctuation, emphasis and link syntax ignored). It also checks that
//! every page's Markdown parses back to the block kinds `blocks()` reports.
//!
//! ```text
//! cargo run --release -p deboiler-lab --bin markdown -- ../shared/data/wcxb-dev [--mismatches 5]
//! ```

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use clap::Parser;
use deboiler::BlockKind;
use deboiler::{Cleaner, Input};
use deboiler_lab as wcxb;
use wcxb::Half;
use wcxb::markdown::{kinds, structure};

/// Measures Markdown structure on a WCXB-format folder.
#[derive(Debug, Parser)]
struct Options {
    /// The folder (`html/`, `ground-truth/`).
    root: PathBuf,
    /// Show the first N pages whose Markdown does not parse back.
    #[arg(long, default_value_t = 3)]
    mismatches: usize,
    /// Write each page's Markdown, and its structure and its reference's
    /// (pages with a Markdown reference), to this JSON Lines file.
    #[arg(long)]
    dump: Option<PathBuf>,
}

/// Matched and total counts of one kind of element.
#[derive(Default)]
struct Share {
    found: usize,
    total: usize,
}

impl Share {
    /// Counts the reference's items that `ours` has too (as a multiset).
    fn add(&mut self, reference: &[String], ours: &[String]) {
        let mut left: HashMap<&str, usize> = HashMap::new();
        for item in ours {
            *left.entry(item).or_default() += 1;
        }
        for item in reference.iter().filter(|i| !i.is_empty()) {
            self.total += 1;
            if let Some(n) = left.get_mut(item.as_str()).filter(|n| **n > 0) {
                *n -= 1;
                self.found += 1;
            }
        }
    }
}

fn main() {
    let options = Options::parse();
    let samples = wcxb::load(&options.root, None, Half::All).expect("readable data set");
    let cleaner = Cleaner::default();
    let (mut headings, mut items, mut rows, mut code) = Default::default();
    let (mut round_trips, mut shown) = (0, 0);
    let mut pages = 0;
    let mut dump = options
        .dump
        .as_ref()
        .map(|path| std::io::BufWriter::new(std::fs::File::create(path).expect("dump file")));
    for sample in &samples {
        let truth = &sample.ground_truth;
        let cleaned = cleaner
            .clean(Input::bytes(&sample.html).url(&sample.url))
            .expect("page cleans");
        let markdown = cleaned.markdown();
        let expected: Vec<BlockKind> = cleaned.blocks().iter().map(|b| b.kind()).collect();
        let got = kinds(&markdown);
        if got == expected {
            round_trips += 1;
        } else if shown < options.mismatches {
            shown += 1;
            let at = got
                .iter()
                .zip(&expected)
                .position(|(a, b)| a != b)
                .unwrap_or(got.len().min(expected.len()));
            eprintln!(
                "{}: blocks {:?}..., Markdown {:?}... (at block {at})",
                sample.id,
                &expected[at..(at + 3).min(expected.len())],
                &got[at..(at + 3).min(got.len())]
            );
        }
        let Some(reference) = truth["main_content_markdown"].as_str() else {
            continue;
        };
        pages += 1;
        let (reference, ours) = (structure(reference), structure(&markdown));
        if let Some(dump) = &mut dump {
            let line = serde_json::json!({
                "id": sample.id,
                "markdown": markdown,
                "reference": reference,
                "ours": ours,
            });
            writeln!(dump, "{line}").expect("write dump");
        }
        Share::add(&mut headings, &reference.headings, &ours.headings);
        Share::add(&mut items, &reference.list_items, &ours.list_items);
        Share::add(&mut rows, &reference.table_rows, &ours.table_rows);
        Share::add(&mut code, &reference.code_blocks, &ours.code_blocks);
    }
    println!("{pages} pages with a Markdown reference");
    for (name, share) in [
        ("headings", &headings),
        ("list items", &items),
        ("table rows", &rows),
        ("code blocks", &code),
    ] {
        println!(
            "{name:<12} {:.3} ({} of {})",
            share.found as f64 / share.total.max(1) as f64,
            share.found,
            share.total
        );
    }
    println!(
        "round trip: {round_trips} of {} pages' Markdown parses back to their blocks' kinds",
        samples.len()
    );
}
