//! Evaluates the cleaner on a WCXB-format folder (`html/*.html.gz`,
//! `ground-truth/*.json`): word precision, recall and F1 per page type, the
//! share of `with` snippets found and `without` snippets leaked, and the
//! throughput of the full pipeline next to a parse-only pass.
//!
//! ```text
//! cargo run --release -p deboiler-lab --bin evaluate -- ../shared/data/wcxb-dev
//!     [--preset default|strict|wordpress|none|plain-text] [--type TYPE]
//!     [--worst N] [--dump FILE.jsonl] [--half all|even|odd] [--model FILE] [--threshold P]
//!     [--without RULE]... [--by-rule]
//! ```
//!
//! `--half` takes the pages with even or odd numbers only, and `--model`
//! replaces the shipped classifier model: together they measure a model
//! trained on the other half (see `train`). `--without` takes a
//! rule out of the set, to measure what it brings; `--by-rule` says how many
//! words of the reference each rule removed (by rule and element), and how
//! many kept words are not in it (a block counts as in the reference when
//! its words appear there in order, so repeats of a reference paragraph
//! count too).
//!
//! The metric: per page, precision, recall and F1 between the multisets of
//! lowercased `\w+` tokens of the output and of `main_content`; an empty
//! reference scores 1 only against an empty output, an empty output scores 0.
//! Throughput is the faster of two interleaved runs of each pass.
//! Means are over pages. The preset `plain-text` keeps all visible text of a
//! page (only `non-content` runs): the baseline to beat.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::Parser;
use deboiler::rules::training::default_rules_with;
use deboiler::{Cleaner, Input, RuleSet, rules};
use deboiler_lab as wcxb;
use wcxb::scraped::squeeze;
use wcxb::{Half, Score, score};

/// Measures the cleaner on a WCXB-format folder.
#[derive(Debug, Parser)]
struct Options {
    /// The folder (`html/`, `ground-truth/`).
    root: PathBuf,
    /// The rule set: default, strict, wordpress, none, or plain-text (all
    /// visible text, the baseline).
    #[arg(long, default_value = "default")]
    preset: String,
    /// Only pages of this type.
    #[arg(long = "type")]
    page_type: Option<String>,
    /// List the N pages of lowest F1.
    #[arg(long, default_value_t = 0)]
    worst: usize,
    /// Write each page's output to this JSON Lines file.
    #[arg(long)]
    dump: Option<PathBuf>,
    /// All pages, or those of even or odd number only.
    #[arg(long, value_enum, default_value = "all")]
    half: Half,
    /// A classifier model file instead of the shipped one.
    #[arg(long)]
    model: Option<PathBuf>,
    /// The classifier's probability threshold.
    #[arg(long)]
    threshold: Option<f32>,
    /// Take a rule out of the set (repeatable).
    #[arg(long)]
    without: Vec<String>,
    /// Say how many reference words each rule removed.
    #[arg(long)]
    by_rule: bool,
    /// Only show what the cleaner did to this page (its blocks in order,
    /// kept or removed with the rule and reason, each marked when it is in
    /// the reference), and measure nothing.
    #[arg(long)]
    explain: Option<String>,
}

fn main() {
    let options = Options::parse();
    let samples = wcxb::load(&options.root, options.page_type.as_deref(), options.half);
    let samples = samples.unwrap_or_else(|e| {
        eprintln!("cannot read {}: {e}", options.root.display());
        std::process::exit(1);
    });
    let classifier = match &options.model {
        Some(path) => {
            let text = std::fs::read_to_string(path).expect("model file");
            Some(rules::ContentClassifier::from_model_text(&text).expect("valid model"))
        }
        None => options
            .threshold
            .map(|_| rules::ContentClassifier::default()),
    };
    let classifier = match (classifier, options.threshold) {
        (Some(c), Some(t)) => Some(c.threshold(t)),
        (classifier, _) => classifier,
    };
    let rules = match (options.preset.as_str(), classifier) {
        ("plain-text", _) => RuleSet::empty().with(rules::NonContent),
        // The default rules around another model, without loading the
        // shipped one (which may not fit the features of this code).
        ("default", Some(classifier)) => default_rules_with(classifier),
        (name, classifier) => {
            let set = RuleSet::preset(name).unwrap_or_else(|| {
                eprintln!("unknown preset {name}");
                std::process::exit(2);
            });
            match classifier {
                Some(classifier) => set.with(classifier),
                None => set,
            }
        }
    };
    let rules = options
        .without
        .iter()
        .fold(rules, |set, name| set.without(name));
    let cleaner = Cleaner::builder()
        .rules(rules)
        .build()
        .expect("rules compile");
    if let Some(id) = &options.explain {
        match samples.iter().find(|s| &s.id == id) {
            Some(sample) => explain(&cleaner, sample),
            None => eprintln!("no page {id} among those chosen"),
        }
        return;
    }

    // The parse-only floor (UTF-8 decoding and the html5ever parse, nothing
    // else) against the full pipeline, page by page: each page is parsed and
    // cleaned three times, the two passes taking turns at going first, and
    // each page counts with its fastest time of each. Timing the passes page
    // by page rather than set by set means a slow spell of the machine (a
    // shared host) weighs on both alike.
    let parse_only = |s: &wcxb::Sample| {
        time(|| {
            let text = String::from_utf8_lossy(&s.html);
            std::hint::black_box(scraper::Html::parse_document(&text));
        })
    };
    let full = |s: &wcxb::Sample| {
        let start = Instant::now();
        let cleaned = cleaner
            .clean(Input::bytes(&s.html).url(&s.url))
            .map(|c| c.into_text());
        (start.elapsed(), cleaned.unwrap_or_default())
    };
    let mut outputs = Vec::with_capacity(samples.len());
    let (mut parse_time, mut clean_time) = (Duration::ZERO, Duration::ZERO);
    for (i, s) in samples.iter().enumerate() {
        let (mut parse_best, mut clean_best) = (Duration::MAX, Duration::MAX);
        let mut output = String::new();
        for round in 0..3 {
            let parse_first = (i + round) % 2 == 0;
            if parse_first {
                parse_best = parse_best.min(parse_only(s));
            }
            let (elapsed, text) = full(s);
            clean_best = clean_best.min(elapsed);
            output = text;
            if !parse_first {
                parse_best = parse_best.min(parse_only(s));
            }
        }
        parse_time += parse_best;
        clean_time += clean_best;
        outputs.push(output);
    }

    let mut by_type: BTreeMap<&str, Vec<Score>> = BTreeMap::new();
    let mut scored = Vec::new();
    let (mut with_found, mut with_total, mut without_leaked, mut without_total) = (0, 0, 0, 0);
    for (s, output) in samples.iter().zip(&outputs) {
        let score = score(output, &s.reference);
        by_type.entry("all").or_default().push(score);
        by_type.entry(&s.page_type).or_default().push(score);
        scored.push((score.f1, s));
        let normalized = squeeze(output);
        for snippet in &s.with {
            with_total += 1;
            with_found += usize::from(normalized.contains(&squeeze(snippet)));
        }
        for snippet in &s.without {
            without_total += 1;
            without_leaked += usize::from(normalized.contains(&squeeze(snippet)));
        }
    }

    println!("preset: {}, pages: {}", options.preset, samples.len());
    println!(
        "{:<14} {:>5} {:>9} {:>9} {:>9}",
        "type", "pages", "precision", "recall", "f1"
    );
    let mut order: Vec<&&str> = by_type.keys().collect();
    order.sort_by_key(|t| (**t != "all", **t));
    for page_type in order {
        let scores = &by_type[*page_type];
        let n = scores.len() as f64;
        let mean = |f: fn(&Score) -> f64| scores.iter().map(f).sum::<f64>() / n;
        println!(
            "{:<14} {:>5} {:>9.4} {:>9.4} {:>9.4}",
            page_type,
            scores.len(),
            mean(|s| s.precision),
            mean(|s| s.recall),
            mean(|s| s.f1)
        );
    }
    println!(
        "snippets: with found {:.3} ({with_found}/{with_total}), without leaked {:.3} ({without_leaked}/{without_total})",
        with_found as f64 / with_total.max(1) as f64,
        without_leaked as f64 / without_total.max(1) as f64
    );
    let megabytes = samples.iter().map(|s| s.html.len()).sum::<usize>() as f64 / 1e6;
    let rate = |d: Duration| {
        let secs = d.as_secs_f64();
        format!(
            "{:.2} s, {:.1} pages/s, {:.2} MB/s",
            secs,
            samples.len() as f64 / secs,
            megabytes / secs
        )
    };
    println!("throughput (1 thread): full pipeline {}", rate(clean_time));
    println!("throughput (1 thread): parse only    {}", rate(parse_time));
    println!(
        "ratio full / parse-only: {:.2}",
        clean_time.as_secs_f64() / parse_time.as_secs_f64()
    );

    if options.by_rule {
        by_rule(&cleaner, &samples);
    }
    if options.worst > 0 {
        scored.sort_by(|a, b| a.0.total_cmp(&b.0));
        println!("worst pages:");
        for (f1, s) in scored.iter().take(options.worst) {
            println!("  {} {:<14} f1 {:.3}", s.id, s.page_type, f1);
        }
    }
    if let Some(path) = &options.dump {
        let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("dump file"));
        for (s, text) in samples.iter().zip(&outputs) {
            let line = serde_json::json!({ "id": s.id, "text": text });
            writeln!(out, "{line}").expect("write dump");
        }
    }
}

/// Words of the reference that each rule removed (by rule and the element
/// its reason names), and kept words that are not in the reference.
fn by_rule(cleaner: &Cleaner, samples: &[wcxb::Sample]) {
    let mut lost: BTreeMap<String, usize> = BTreeMap::new();
    let (mut kept_in, mut kept_out) = (0, 0);
    for s in samples {
        let Ok(page) = cleaner.clean(Input::bytes(&s.html).url(&s.url)) else {
            continue;
        };
        let truth = wcxb::Truth::new(&s.reference);
        let in_truth = |text: &str| truth.contains(text);
        for removal in page.removed() {
            if in_truth(removal.block().text()) {
                let element = removal
                    .reason()
                    .split('<')
                    .nth(1)
                    .and_then(|r| r.split([' ', '>']).next());
                let key = format!("{} {}", removal.rule(), element.unwrap_or(""));
                *lost.entry(key).or_default() += removal.block().words();
            }
        }
        for block in page.blocks() {
            if in_truth(block.text()) {
                kept_in += block.words();
            } else {
                kept_out += block.words();
            }
        }
    }
    println!("reference words kept: {kept_in}; kept words not in the reference: {kept_out}");
    println!("reference words removed, by rule and element:");
    let mut lost: Vec<_> = lost.into_iter().collect();
    lost.sort_by_key(|entry| std::cmp::Reverse(entry.1));
    for (rule, words) in lost.iter().take(25) {
        println!("  {rule:<32} {words}");
    }
}

/// A page's removed blocks (rule, reason) and kept blocks, each marked `+`
/// when the reference holds its text.
fn explain(cleaner: &Cleaner, sample: &wcxb::Sample) {
    let page = match cleaner.clean(Input::bytes(&sample.html).url(&sample.url)) {
        Ok(page) => page,
        Err(e) => return eprintln!("{}: {e}", sample.id),
    };
    let truth = wcxb::Truth::new(&sample.reference);
    let mark = |text: &str| if truth.contains(text) { '+' } else { ' ' };
    // The start of a text, on one line.
    let preview = |text: &str| -> String {
        let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
        line.chars().take(120).collect()
    };
    for removal in page.removed() {
        let text = removal.block().text();
        let (rule, reason) = (removal.rule(), removal.reason());
        println!("{} [{rule}] {reason}: {}", mark(text), preview(text));
    }
    println!("kept:");
    for block in page.blocks() {
        println!("{} {}", mark(block.text()), preview(block.text()));
    }
}

fn time(f: impl FnOnce()) -> Duration {
    let start = Instant::now();
    f();
    start.elapsed()
}
