//! Criterion benchmarks: the full pipeline on a small, a typical and a large
//! page, next to the html5ever parse alone (the floor).
//!
//! The pages are built here from the test fixtures, so the benchmark needs
//! nothing outside the repository.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

const ARTICLE: &str = include_str!("../tests/fixtures/wordpress_article.html");
const NEWS: &str = include_str!("../tests/fixtures/news_page.html");

/// A page with `copies` times the article body inside one template.
fn page_of(copies: usize) -> String {
    let start = ARTICLE
        .find("<div class=\"entry-content\">")
        .expect("fixture body");
    let end = ARTICLE[start..].find("</div>").expect("fixture body end") + start;
    let body = &ARTICLE[start..end];
    let mut body_copies = String::new();
    for i in 0..copies {
        body_copies
            .push_str(&body.replace("When we bought", &format!("In part {i}, when we bought")));
    }
    format!("{}{}{}", &ARTICLE[..start], body_copies, &ARTICLE[end..])
}

fn bench(c: &mut Criterion) {
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
            b.iter(|| cleaner.clean_html(html, None).expect("clean"))
        });
        group.bench_with_input(BenchmarkId::new("parse_only", name), html, |b, html| {
            b.iter(|| scraper::Html::parse_document(html))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
