//! Cleans one file (HTML or text, detected) and prints the text; with no
//! argument, cleans a bundled sample page (a WordPress article with its
//! theme, share bar and comment form).
//!
//! ```text
//! cargo run --example clean_file [FILE] [--explain]
//! ```
//!
//! `--explain` lists every removed block on standard error, with the rule
//! that removed it and why.

use std::collections::BTreeMap;

/// The bundled sample: a small WordPress page written for the tests.
const SAMPLE: &str = include_str!("../tests/fixtures/wordpress_article.html");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let explain = args.iter().any(|a| a == "--explain");
    let bytes = match args.iter().find(|a| !a.starts_with("--")) {
        Some(path) => std::fs::read(path)?,
        None => SAMPLE.as_bytes().to_vec(),
    };

    let cleaner = deboiler::Cleaner::default();
    let page = cleaner.clean(deboiler::Input::bytes(&bytes))?;
    println!("{}", page.text());

    let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for removal in page.removed() {
        *per_rule.entry(removal.rule()).or_default() += 1;
        if explain {
            eprintln!(
                "[{}] {}: {}",
                removal.rule(),
                removal.reason(),
                removal.block().text()
            );
        }
    }
    eprintln!(
        "\nkept {} blocks, removed {}: {per_rule:?}",
        page.blocks().len(),
        page.removed().len()
    );
    Ok(())
}
