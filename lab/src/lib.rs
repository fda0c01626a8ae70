//! The lab: tools to measure and train deboiler on WCXB-format folders
//! (`html/*.html.gz`, `ground-truth/*.json`). Not published.
//!
//! This library is what the lab's programs share: reading a folder, the
//! word-F1 metric, and the labels that training takes from a reference.

pub mod markdown;
pub mod nn;
pub mod scraped;

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;

/// One page of the set.
pub struct Sample {
    pub id: String,
    pub url: String,
    pub page_type: String,
    pub html: Vec<u8>,
    pub reference: String,
    pub with: Vec<String>,
    pub without: Vec<String>,
    /// The whole `ground_truth` object (title, author, Markdown, ...).
    pub ground_truth: serde_json::Value,
}

/// Which pages to take: all, or half of them by the parity of their number
/// (for training on one half and evaluating on the other).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Half {
    All,
    Even,
    Odd,
}

impl Half {
    /// The parity of the last byte of the page's name: of its last digit,
    /// for numbered pages.
    fn takes(self, id: &str) -> bool {
        let odd = id.bytes().last().is_some_and(|b| b % 2 == 1);
        match self {
            Half::All => true,
            Half::Even => !odd,
            Half::Odd => odd,
        }
    }
}

/// Loads the pages of `root`, optionally of one type and one half.
pub fn load(root: &Path, page_type: Option<&str>, half: Half) -> std::io::Result<Vec<Sample>> {
    let mut ids: Vec<String> = std::fs::read_dir(root.join("ground-truth"))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".json").map(str::to_string)
        })
        .filter(|id| half.takes(id))
        .collect();
    ids.sort();
    let mut samples = Vec::new();
    for id in ids {
        let truth: serde_json::Value = serde_json::from_slice(&std::fs::read(
            root.join("ground-truth").join(format!("{id}.json")),
        )?)?;
        let mut kind = truth["_internal"]["page_type"]["primary"]
            .as_str()
            .unwrap_or("unknown")
            .to_string();
        if kind == "category" {
            kind = "collection".to_string();
        }
        if page_type.is_some_and(|t| t != kind) {
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
        let mut html = Vec::new();
        let gz = std::fs::File::open(root.join("html").join(format!("{id}.html.gz")))?;
        flate2::read::GzDecoder::new(gz).read_to_end(&mut html)?;
        samples.push(Sample {
            url: truth["url"].as_str().unwrap_or("").to_string(),
            html,
            reference: gt["main_content"].as_str().unwrap_or("").to_string(),
            with: strings(&gt["with"]),
            without: strings(&gt["without"]),
            page_type: kind,
            ground_truth: gt.clone(),
            id,
        });
    }
    Ok(samples)
}

/// A recorder's rows, `(block index, features)`, with each block's text and
/// words, for labelling them from a reference.
pub fn with_text<F>(page: &deboiler::Page<'_>, rows: Vec<(usize, F)>) -> Vec<(F, String, usize)> {
    rows.into_iter()
        .map(|(block, features)| {
            let block = &page.blocks()[block];
            (features, block.text().to_string(), block.words())
        })
        .collect()
}

/// What a scraper that kept all visible text hands over of a page: its
/// blocks through the crate's segmenter with no rules but `non-content`
/// (no scripts, styles or head), one line each.
pub fn visible_text(html: &[u8]) -> String {
    use deboiler::{Cleaner, Input, RuleSet, rules};
    static VISIBLE: std::sync::OnceLock<Cleaner> = std::sync::OnceLock::new();
    let cleaner = VISIBLE.get_or_init(|| {
        Cleaner::builder()
            .rules(RuleSet::empty().with(rules::NonContent))
            .build()
            .expect("rules compile")
    });
    cleaner
        .clean(Input::bytes(html))
        .map(|page| {
            page.blocks()
                .iter()
                .map(|b| b.text())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default()
}

/// The lowercased `\w+` tokens of `text`, in order.
pub fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A page's reference, to ask whether a block is content by it.
pub struct Truth {
    /// The reference's tokens as one string, each between spaces.
    text: String,
    /// A number for each distinct token of the reference.
    ids: HashMap<String, u32>,
    /// Its runs of three consecutive tokens, by number.
    trigrams: HashSet<[u32; 3]>,
}

/// Blocks with fewer words than this are content only when all their words
/// are found in order.
pub const PARTIAL_MIN_WORDS: usize = 10;

/// The share of a long block's runs of three words below which it is not
/// content at all.
pub const PARTIAL_MIN_SHARE: f32 = 0.5;

impl Truth {
    pub fn new(reference: &str) -> Truth {
        let tokens = tokens(reference);
        let mut ids = HashMap::new();
        let numbered: Vec<u32> = tokens
            .iter()
            .map(|token| {
                let next = ids.len() as u32;
                *ids.entry(token.clone()).or_insert(next)
            })
            .collect();
        Truth {
            text: format!(" {} ", tokens.join(" ")),
            ids,
            trigrams: numbered.windows(3).map(|w| [w[0], w[1], w[2]]).collect(),
        }
    }

    /// Whether `text` has words, and they appear in the reference in order.
    pub fn contains(&self, text: &str) -> bool {
        self.contains_tokens(&tokens(text))
    }

    fn contains_tokens(&self, tokens: &[String]) -> bool {
        !tokens.is_empty() && self.text.contains(&format!(" {} ", tokens.join(" ")))
    }

    /// How much `text` is content by the reference, from 0 to 1: 1 when its
    /// words appear in the reference in order; for a block of
    /// [`PARTIAL_MIN_WORDS`] or more, the share of its runs of three words
    /// found in the reference (when at least [`PARTIAL_MIN_SHARE`]; pairs of
    /// common words such as "of the" are found anywhere, runs of three are not).
    /// References leave out footnote marks, citation numbers and inline
    /// controls; a paragraph should not become boilerplate for that.
    pub fn label(&self, text: &str) -> f32 {
        let tokens = tokens(text);
        if self.contains_tokens(&tokens) {
            return 1.0;
        }
        if tokens.len() < PARTIAL_MIN_WORDS {
            return 0.0;
        }
        // A word the reference does not have is in no run it has.
        let ids: Vec<Option<u32>> = tokens.iter().map(|t| self.ids.get(t).copied()).collect();
        let found = ids
            .windows(3)
            .filter(|w| match (w[0], w[1], w[2]) {
                (Some(a), Some(b), Some(c)) => self.trigrams.contains(&[a, b, c]),
                _ => false,
            })
            .count();
        let share = found as f32 / (tokens.len() - 2) as f32;
        if share >= PARTIAL_MIN_SHARE {
            share
        } else {
            0.0
        }
    }
}

/// Word precision, recall and F1 of `output` against `reference`.
#[derive(Default, Clone, Copy)]
pub struct Score {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

pub fn score(output: &str, reference: &str) -> Score {
    let counts = |text: &str| {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for token in tokens(text) {
            *counts.entry(token).or_default() += 1;
        }
        counts
    };
    let (out, truth) = (counts(output), counts(reference));
    let out_total: usize = out.values().sum();
    let truth_total: usize = truth.values().sum();
    if truth_total == 0 || out_total == 0 {
        let v = if truth_total == out_total { 1.0 } else { 0.0 };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_metric_compares_word_multisets() {
        let exact = score("The cat, the hat.", "the CAT the hat");
        assert_eq!(exact.f1, 1.0);
        let half = score("the cat", "the cat sat down");
        assert_eq!((half.precision, half.recall), (1.0, 0.5));
        // An empty reference scores 1 only against an empty output.
        assert_eq!(score("", "").f1, 1.0);
        assert_eq!(score("words", "").f1, 0.0);
        assert_eq!(score("", "words").f1, 0.0);
    }

    #[test]
    fn labels_say_how_much_of_a_block_the_reference_has() {
        let truth = Truth::new("One two three four five six seven eight nine ten eleven twelve.");
        assert_eq!(truth.label("three four five"), 1.0);
        assert_eq!(truth.label("five four"), 0.0);
        // A long block with a footnote mark the reference left out.
        let partial = truth.label("one two three four five [1] six seven eight nine ten eleven");
        assert!(partial > 0.5 && partial < 1.0, "{partial}");
    }

    #[test]
    fn halves_split_pages_by_the_parity_of_their_number() {
        assert!(Half::Even.takes("0012") && !Half::Even.takes("0013"));
        assert!(Half::Odd.takes("0013") && Half::All.takes("0012"));
    }
}
