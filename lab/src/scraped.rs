//! Scraped text made from a WCXB page: what text mode is measured and the
//! text-line model trained on.

use std::collections::HashSet;

use crate::Sample;

/// One scraped text and what a reader wants of it.
pub struct Case {
    pub id: String,
    pub text: String,
    /// The reference text.
    pub expected: String,
    /// The paragraphs a seed-shaped case must return, in order.
    pub paragraphs: Vec<String>,
}

/// The whole-page case of a page: all its visible text
/// ([`crate::visible_text`]), one line per block.
pub fn whole_page(sample: &Sample) -> Case {
    Case {
        id: sample.id.clone(),
        text: crate::visible_text(&sample.html),
        expected: sample.reference.clone(),
        paragraphs: Vec::new(),
    }
}

/// The paragraphs of a page's reference: its lines, trimmed, without the
/// blank ones.
fn paragraphs(sample: &Sample) -> Vec<String> {
    sample
        .reference
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The extracted case of a page: what an extractor that did most of the
/// work hands over, its `main_content` lines with its `without` snippets
/// (the boilerplate it left in) after them, blank-line separated; `None`
/// for an empty reference.
pub fn extracted(sample: &Sample) -> Option<Case> {
    let paragraphs = paragraphs(sample);
    if paragraphs.is_empty() {
        return None;
    }
    let text = paragraphs
        .iter()
        .chain(&sample.without)
        .cloned()
        .collect::<Vec<_>>()
        .join("\n\n");
    Some(Case {
        id: sample.id.clone(),
        text,
        expected: paragraphs.join("\n\n"),
        paragraphs,
    })
}

/// Paragraphs of this many words or more count as repeats when said twice,
/// and mark where the article starts.
const REPEAT_MIN_WORDS: usize = 8;

/// The seed-shaped case of an article page (see the `scraped` program);
/// `None` for other pages and for references of fewer than three lines.
pub fn seed_shaped(sample: &Sample) -> Option<Case> {
    if sample.page_type != "article" {
        return None;
    }
    let paragraphs = paragraphs(sample);
    if paragraphs.len() < 3 {
        return None;
    }
    let visible = crate::visible_text(&sample.html);
    let lines: Vec<String> = visible.lines().map(str::to_string).collect();
    // The page's own choice of repeat, from its number.
    let seed: usize = sample.id.bytes().map(usize::from).sum();
    // Lines are compared by their words (`crate::tokens`), so that a page's
    // curly quotes match its reference's straight ones.
    let truth = crate::Truth::new(&sample.reference);
    let paragraph_words: HashSet<Vec<String>> =
        paragraphs.iter().map(|p| crate::tokens(p)).collect();
    // Where the article starts: its first line that is one of its
    // paragraphs, or long and in it. A short line found somewhere in the
    // reference ("Home", "Share") is no sign of the article.
    let is_article = |line: &String| {
        let words = crate::tokens(line);
        paragraph_words.contains(&words)
            || (words.len() >= REPEAT_MIN_WORDS && truth.contains(line))
    };
    let first_content = lines.iter().position(is_article).unwrap_or(0);
    // Boilerplate is what is nowhere in the reference; a short line that is
    // (and is not a paragraph) may be either, and is left out of the case.
    let boilerplate = |range: &[String]| -> Vec<String> {
        range
            .iter()
            .filter(|l| !truth.contains(l))
            .cloned()
            .collect()
    };
    let before = boilerplate(&lines[..first_content]);
    let mut after = boilerplate(&lines[first_content..]);
    after.extend(sample.without.iter().cloned());

    // A run of one to three paragraphs long enough to count as a repeat,
    // repeated.
    let long = |p: &String| crate::tokens(p).len() >= REPEAT_MIN_WORDS;
    let starts: Vec<usize> = (0..paragraphs.len())
        .filter(|&i| long(&paragraphs[i]))
        .collect();
    let mut body = paragraphs.clone();
    if let Some(&start) = starts.get(seed % starts.len().max(1)) {
        let len = (1..=3)
            .take_while(|k| paragraphs.get(start + k - 1).is_some_and(long))
            .last()
            .unwrap_or(1)
            .min(1 + seed % 3);
        let mut run: Vec<String> = paragraphs[start..start + len].to_vec();
        match seed % 3 {
            // Right after itself.
            0 => {
                body.splice(start + len..start + len, run);
            }
            // At the end.
            1 => body.extend(run),
            // Partly: the copy's last paragraph cut short.
            _ => {
                if let Some(last) = run.last_mut() {
                    let words: Vec<&str> = last.split_whitespace().collect();
                    *last = format!("{}…", words[..words.len().div_ceil(2)].join(" "));
                }
                body.splice(start + len..start + len, run);
            }
        }
    }
    let separator = if seed.is_multiple_of(2) { "\n\n" } else { "\n" };
    let text = [before, body, after].concat().join(separator);
    Some(Case {
        id: sample.id.clone(),
        text,
        expected: paragraphs.join("\n\n"),
        paragraphs,
    })
}

/// `text` with its whitespace runs made single spaces, lowercased.
pub fn squeeze(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
