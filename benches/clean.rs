//! Criterion benchmarks.
//!
//! - `pages`: the full pipeline on a small, a typical and a large page, next
//!   to the html5ever parse alone (the floor).
//! - `scaling`: 1×, 10× and 100× of a typical page, to show cost grows
//!   linearly with input.
//! - `pathological`: 100,000 identical paragraphs, one 10 MB line of text,
//!   100,000 lines of text, 400,000 paragraphs of text that differ only in
//!   their numbers, 100,000 nested `<div>`s.
//!
//! The pages are built here from the test fixtures, so the benchmarks need
//! nothing outside the repository.

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use deboiler::Input;

const ARTICLE: &str = include_str!("../tests/fixtures/wordpress_article.html");
const NEWS: &str = include_str!("../tests/fixtures/news_page.html");

/// The article page with its body repeated `copies` times (each copy
/// worded a little differently, so that none is a repeat).
fn page_of(copies: usize) -> String {
    let start = ARTICLE
        .find("<div class=\"entry-content\">")
        .expect("fixture body");
    let end = ARTICLE[start..].find("</div>").expect("fixture body end") + start + "</div>".len();
    let body = &ARTICLE[start..end];
    let mut body_copies = String::new();
    for i in 0..copies {
        body_copies
            .push_str(&body.replace("When we bought", &format!("In part {i}, when we bought")));
    }
    format!("{}{}{}", &ARTICLE[..start], body_copies, &ARTICLE[end..])
}

fn pages(c: &mut Criterion) {
    let cleaner = deboiler::Cleaner::default();
    let pages = [
        ("small", NEWS.to_string()),
        ("typical", page_of(8)),
        ("large", page_of(120)),
    ];
    let mut group = c.benchmark_group("pages");
    for (name, html) in &pages {
        group.throughput(Throughput::Bytes(html.len() as u64));
        group.bench_with_input(BenchmarkId::new("clean", name), html, |b, html| {
            b.iter(|| cleaner.clean(Input::html(html)).expect("clean"))
        });
        group.bench_with_input(BenchmarkId::new("parse_only", name), html, |b, html| {
            b.iter(|| scraper::Html::parse_document(html))
        });
    }
    group.finish();
}

fn scaling(c: &mut Criterion) {
    let cleaner = deboiler::Cleaner::default();
    let mut group = c.benchmark_group("scaling");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    for times in [1, 10, 100] {
        let html = page_of(8 * times);
        group.throughput(Throughput::Bytes(html.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("clean", format!("{times}x")),
            &html,
            |b, html| b.iter(|| cleaner.clean(Input::html(html)).expect("clean")),
        );
    }
    group.finish();
}

/// `count` paragraphs of one sentence that differ only in their numbers:
/// distinct content, every one of which stays.
fn numbered_paragraphs(count: usize) -> String {
    (0..count)
        .map(|i| {
            format!(
                "Paragraph {i}: the measured value stays within the expected range for every sample the laboratory tested this week. Figure {}.\n\n",
                88_000 + i
            )
        })
        .collect()
}

fn pathological(c: &mut Criterion) {
    let cleaner = deboiler::Cleaner::default();
    let paragraph = "A paragraph of ordinary prose, long enough to be the content of the page.";
    let cases = [
        (
            "identical_paragraphs_100k",
            format!(
                "<article>{}</article>",
                format!("<p>{paragraph}</p>").repeat(100_000)
            ),
        ),
        ("one_10mb_line", "word ".repeat(2_000_000)),
        ("text_lines_100k", format!("{paragraph}\n").repeat(100_000)),
        ("numbered_paragraphs_400k", numbered_paragraphs(400_000)),
        (
            "nested_divs_100k",
            format!(
                "{}{paragraph}{}",
                "<div>".repeat(100_000),
                "</div>".repeat(100_000)
            ),
        ),
    ];
    let mut group = c.benchmark_group("pathological");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    for (name, input) in &cases {
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), input, |b, input| {
            b.iter(|| cleaner.clean(input).expect("clean"))
        });
    }
    group.finish();
}

criterion_group!(benches, pages, scaling, pathological);
criterion_main!(benches);
