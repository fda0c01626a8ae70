//! Evaluates the cleaner on a WCXB-format folder (`html/*.html.gz`,
//! `ground-truth/*.json`): word precision, recall and F1 per page type, the
//! share of `with` snippets found and `without` snippets leaked, and the
//! throughput of the full pipeline next to a parse-only pass.
//!
//! ```text
//! cargo run --release --example evaluate -- ../shared/data/wcxb-dev
//!     [--preset default|strict|wordpress|none|plain-text] [--type TYPE]
//!     [--worst N] [--dump FILE.jsonl]
//! ```
//!
//! The metric: per page, precision, recall and F1 between the multisets of
//! lowercased `\w+` tokens of the output and of `main_content`; an empty
//! reference scores 1 only against an empty output, an empty output scores 0.
//! Means are over pages. The preset `plain-text` keeps all visible text of a
//! page (only `non-content` runs): the baseline to beat.

use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use deboiler::{Cleaner, RuleSet, rules};

struct Options {
    root: PathBuf,
    preset: String,
    page_type: Option<String>,
    worst: usize,
    dump: Option<PathBuf>,
}

struct Sample {
    id: String,
    page_type: String,
    html: Vec<u8>,
    reference: String,
    with: Vec<String>,
    without: Vec<String>,
}

#[derive(Default, Clone, Copy)]
struct Score {
    precision: f64,
    recall: f64,
    f1: f64,
}

fn main() {
    let options = match parse_args() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    let samples = load(&options).unwrap_or_else(|e| {
        eprintln!("cannot read {}: {e}", options.root.display());
        std::process::exit(1);
    });
    let rules = match options.preset.as_str() {
        "plain-text" => RuleSet::empty().with(rules::NonContent),
        name => RuleSet::preset(name).unwrap_or_else(|| {
            eprintln!("unknown preset {name}");
            std::process::exit(2);
        }),
    };
    let cleaner = Cleaner::builder()
        .rules(rules)
        .build()
        .expect("rules compile");

    // Parse-only floor: UTF-8 decoding and the html5ever parse, nothing else.
    let parse_time = time(|| {
        for s in &samples {
            let text = String::from_utf8_lossy(&s.html);
            std::hint::black_box(scraper::Html::parse_document(&text));
        }
    });
    let mut outputs = Vec::with_capacity(samples.len());
    let clean_time = time(|| {
        for s in &samples {
            let cleaned = cleaner.clean_bytes(&s.html, None).map(|c| c.into_text());
            outputs.push(cleaned.unwrap_or_default());
        }
    });

    let mut by_type: BTreeMap<&str, Vec<Score>> = BTreeMap::new();
    let mut scored = Vec::new();
    let (mut with_found, mut with_total, mut without_leaked, mut without_total) = (0, 0, 0, 0);
    for (s, output) in samples.iter().zip(&outputs) {
        let score = score(output, &s.reference);
        by_type.entry("all").or_default().push(score);
        by_type.entry(&s.page_type).or_default().push(score);
        scored.push((score.f1, s));
        let normalized = normalize(output);
        for snippet in &s.with {
            with_total += 1;
            with_found += usize::from(normalized.contains(&normalize(snippet)));
        }
        for snippet in &s.without {
            without_total += 1;
            without_leaked += usize::from(normalized.contains(&normalize(snippet)));
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
            "{:<14} {:>5} {:>9.3} {:>9.3} {:>9.3}",
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

fn parse_args() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut options = Options {
        root: PathBuf::new(),
        preset: "default".to_string(),
        page_type: None,
        worst: 0,
        dump: None,
    };
    let usage = "usage: evaluate DIR [--preset NAME] [--type TYPE] [--worst N] [--dump FILE]";
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| format!("{arg} needs a value\n{usage}"))
        };
        match arg.as_str() {
            "--preset" => options.preset = value()?,
            "--type" => options.page_type = Some(value()?),
            "--worst" => options.worst = value()?.parse().map_err(|_| usage.to_string())?,
            "--dump" => options.dump = Some(PathBuf::from(value()?)),
            _ if arg.starts_with("--") => return Err(usage.to_string()),
            _ => options.root = PathBuf::from(arg),
        }
    }
    if options.root.as_os_str().is_empty() {
        return Err(usage.to_string());
    }
    Ok(options)
}

fn load(options: &Options) -> std::io::Result<Vec<Sample>> {
    let mut ids: Vec<String> = std::fs::read_dir(options.root.join("ground-truth"))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".json").map(str::to_string)
        })
        .collect();
    ids.sort();
    let mut samples = Vec::new();
    for id in ids {
        let truth: serde_json::Value = serde_json::from_slice(&std::fs::read(
            options.root.join("ground-truth").join(format!("{id}.json")),
        )?)?;
        let mut page_type = truth["_internal"]["page_type"]["primary"]
            .as_str()
            .unwrap_or("unknown")
            .to_string();
        if page_type == "category" {
            page_type = "collection".to_string();
        }
        if options.page_type.as_ref().is_some_and(|t| *t != page_type) {
            continue;
        }
        let gt = &truth["ground_truth"];
        let strings = |v: &serde_json::Value| -> Vec<String> {
            v.as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|s| s.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        samples.push(Sample {
            html: gunzip(&options.root.join("html").join(format!("{id}.html.gz")))?,
            reference: gt["main_content"].as_str().unwrap_or("").to_string(),
            with: strings(&gt["with"]),
            without: strings(&gt["without"]),
            page_type,
            id,
        });
    }
    Ok(samples)
}

fn gunzip(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path)?).read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn time(f: impl FnOnce()) -> Duration {
    let start = Instant::now();
    f();
    start.elapsed()
}

fn tokens(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for token in text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
    {
        *counts.entry(token.to_lowercase()).or_insert(0) += 1;
    }
    counts
}

fn score(output: &str, reference: &str) -> Score {
    let (out, truth) = (tokens(output), tokens(reference));
    let out_total: usize = out.values().sum();
    let truth_total: usize = truth.values().sum();
    if truth_total == 0 || out_total == 0 {
        let same = truth_total == out_total;
        let v = if same { 1.0 } else { 0.0 };
        return Score {
            precision: v,
            recall: v,
            f1: v,
        };
    }
    let common: usize = out
        .iter()
        .map(|(t, n)| (*n).min(truth.get(t).copied().unwrap_or(0)))
        .sum();
    let precision = common as f64 / out_total as f64;
    let recall = common as f64 / truth_total as f64;
    let f1 = if common == 0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Score {
        precision,
        recall,
        f1,
    }
}

fn normalize(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
