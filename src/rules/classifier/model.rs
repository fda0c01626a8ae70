//! The model file: the classifier's networks as text, read by the crate
//! and written by the trainer, with one reader and one writer here.
//!
//! A model is pairs of networks (block, context), then the page network.
//! Each network is a header
//! line, `deboiler-model features=N hidden=H names=a,b,...`, naming the
//! features it reads in order, then six lines of numbers: the features'
//! `mean` and `scale` (inputs are standardised as `(x - mean) / scale`),
//! the hidden layer's weights `w1` (H rows of N) and biases `b1`, the
//! output weights `w2` and bias `b2`.

use crate::error::BuildError;

use super::features::{CONTEXT_FEATURE_NAMES, FEATURE_NAMES, PAGE_FEATURE_NAMES};

/// Marks the start of each network in a model file.
const MARKER: &str = "deboiler-model";

/// How many page networks the trainer makes, from consecutive seeds.
#[cfg(any(test, feature = "training"))]
pub const PAGE_NETWORKS: usize = 10;

/// The largest hidden layer a model may have.
pub(crate) const MAX_HIDDEN: usize = 64;

/// One network as the model file holds it: a hidden layer of tanh units
/// over standardised features, and a sigmoid output.
#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    /// The names of the features it reads, in order.
    pub features: Vec<String>,
    /// The width of the hidden layer.
    pub hidden: usize,
    /// Per feature: the mean subtracted before the network reads it.
    pub mean: Vec<f32>,
    /// Per feature: the scale it is divided by after that.
    pub scale: Vec<f32>,
    /// The hidden layer's weights, `hidden` rows of one weight per feature.
    pub w1: Vec<f32>,
    /// The hidden layer's biases.
    pub b1: Vec<f32>,
    /// The output's weights, one per hidden unit.
    pub w2: Vec<f32>,
    /// The output's bias.
    pub b2: f32,
}

impl Network {
    /// The network in the model file's text format.
    #[cfg(any(test, feature = "training"))]
    pub fn to_text(&self) -> String {
        let mut text = format!(
            "{MARKER} features={} hidden={} names={}\n",
            self.features.len(),
            self.hidden,
            self.features.join(",")
        );
        for part in [
            &self.mean,
            &self.scale,
            &self.w1,
            &self.b1,
            &self.w2,
            &vec![self.b2],
        ] {
            let line: Vec<String> = part.iter().map(|v| format!("{v:.6}")).collect();
            text.push_str(&line.join(" "));
            text.push('\n');
        }
        text
    }

    /// Reads one network (the text after its marker) that must read the
    /// features `expected`, in that order.
    fn parse(section: &str, expected: &[&str]) -> Result<Network, BuildError> {
        let (header, body) = section.split_once('\n').unwrap_or((section, ""));
        let (mut count, mut hidden) = (None, None);
        for part in header.split_whitespace() {
            match part.split_once('=') {
                Some(("features", n)) => count = n.parse::<usize>().ok(),
                Some(("hidden", n)) => hidden = n.parse::<usize>().ok(),
                _ => {}
            }
        }
        let names: Vec<&str> = feature_names(header)
            .ok_or_else(|| invalid("a network without feature names".to_string()))?
            .collect();
        if names != expected {
            return Err(invalid(mismatch(&names, expected)));
        }
        if count != Some(names.len()) {
            return Err(invalid(format!(
                "the header says {count:?} features but names {}",
                names.len()
            )));
        }
        let hidden = hidden
            .filter(|&h| h > 0 && h <= MAX_HIDDEN)
            .ok_or_else(|| invalid(format!("hidden size missing or over {MAX_HIDDEN}")))?;
        let numbers: Vec<f32> = body
            .split_whitespace()
            .map(str::parse)
            .collect::<Result<_, _>>()
            .map_err(|e| BuildError::InvalidRule {
                rule: RULE.to_string(),
                message: "a weight is not a number".to_string(),
                source: Some(Box::new(e)),
            })?;
        let n = expected.len();
        let wanted = 2 * n + hidden * n + 2 * hidden + 1;
        if numbers.len() != wanted {
            return Err(invalid(format!(
                "{} numbers, expected {wanted}",
                numbers.len()
            )));
        }
        let mut rest = numbers.as_slice();
        let mut take = |k: usize| {
            let (head, tail) = rest.split_at(k);
            rest = tail;
            head.to_vec()
        };
        Ok(Network {
            features: names.iter().map(|s| s.to_string()).collect(),
            hidden,
            mean: take(n),
            scale: take(n),
            w1: take(hidden * n),
            b1: take(hidden),
            w2: take(hidden),
            b2: take(1)[0],
        })
    }
}

/// Reads a model file of one network that must read the features
/// `expected`, in that order.
pub(crate) fn read_network(text: &str, expected: &[&str]) -> Result<Network, BuildError> {
    let section = text
        .strip_prefix(MARKER)
        .ok_or_else(|| invalid(format!("a model file starts with {MARKER:?}")))?;
    Network::parse(section, expected)
}

/// The rule whose model this is, for errors.
const RULE: &str = "content-classifier";

fn invalid(message: String) -> BuildError {
    BuildError::InvalidRule {
        rule: RULE.to_string(),
        message,
        source: None,
    }
}

/// Says how a model's feature names differ from the code's.
fn mismatch(names: &[&str], expected: &[&str]) -> String {
    let first = names.iter().zip(expected).position(|(a, b)| a != b);
    let detail = match first {
        Some(i) => format!(
            "feature {i} is `{}` where the code has `{}`",
            names[i], expected[i]
        ),
        None => format!(
            "{} features where the code has {}",
            names.len(),
            expected.len()
        ),
    };
    format!("the model was trained on other features than this code computes: {detail}")
}

/// The names of the features the context network reads: the block
/// network's, then the context's.
pub(crate) fn context_network_features() -> Vec<&'static str> {
    FEATURE_NAMES
        .iter()
        .chain(&CONTEXT_FEATURE_NAMES)
        .copied()
        .collect()
}

/// A model file's networks.
#[derive(Debug, Clone, PartialEq)]
pub struct Networks {
    /// Pairs of a block network, for the block features, and a context
    /// network, for those and the context features.
    pub pairs: Vec<(Network, Network)>,
    /// The page networks, for the page features: whether a page is an
    /// article. Their verdicts are averaged: a page network learns from
    /// one row per page, few enough that one network alone changes its mind
    /// with its seed.
    pub pages: Vec<Network>,
}

/// Reads a model file: pairs of networks, then the page networks.
pub fn read(text: &str) -> Result<Networks, BuildError> {
    let (pairs, pages) = sections(text)?;
    Ok(Networks {
        pairs: read_pairs(pairs)?,
        pages: pages
            .iter()
            .map(|page| Network::parse(page, &PAGE_FEATURE_NAMES))
            .collect::<Result<_, _>>()?,
    })
}

/// Reads the network pairs of a model file, whatever features its page
/// network reads (for training a page network alone).
#[cfg(feature = "training")]
pub fn read_pairs_only(text: &str) -> Result<Vec<(Network, Network)>, BuildError> {
    read_pairs(sections(text)?.0)
}

/// A model file's sections: those of the pairs, and those of the page
/// networks (the last ones, which name the page features).
fn sections(text: &str) -> Result<(Vec<&str>, Vec<&str>), BuildError> {
    let sections: Vec<&str> = text
        .split(MARKER)
        .filter(|s| !s.trim().is_empty())
        .collect();
    let pairs_end = sections
        .iter()
        .rposition(|s| !names_page_features(s))
        .map_or(0, |last| last + 1);
    let (pairs, pages) = sections.split_at(pairs_end);
    if pages.is_empty() {
        if let Some(last) = pairs.last() {
            // Say what the last network reads instead (a stale model).
            Network::parse(last, &PAGE_FEATURE_NAMES)?;
        }
    }
    if pairs.is_empty() || pairs.len() % 2 != 0 || pages.is_empty() {
        return Err(invalid(
            "pairs of networks (block, context), then page networks, expected".to_string(),
        ));
    }
    Ok((pairs.to_vec(), pages.to_vec()))
}

/// The feature names a network's header line gives.
fn feature_names(header: &str) -> Option<std::str::Split<'_, char>> {
    header
        .split_whitespace()
        .find_map(|part| part.strip_prefix("names="))
        .map(|names| names.split(','))
}

/// Whether a network's section names the page features in its header.
fn names_page_features(section: &str) -> bool {
    let header = section.lines().next().unwrap_or("");
    feature_names(header).is_some_and(|names| names.eq(PAGE_FEATURE_NAMES.iter().copied()))
}

fn read_pairs(sections: Vec<&str>) -> Result<Vec<(Network, Network)>, BuildError> {
    let context_features = context_network_features();
    sections
        .chunks(2)
        .map(|pair| {
            Ok((
                Network::parse(pair[0], &FEATURE_NAMES)?,
                Network::parse(pair[1], &context_features)?,
            ))
        })
        .collect()
}

/// Writes a model file: the pairs of networks, in order, then the page
/// networks.
#[cfg(any(test, feature = "training"))]
pub fn write(networks: &Networks) -> String {
    let pairs: String = networks
        .pairs
        .iter()
        .map(|(block, context)| block.to_text() + &context.to_text())
        .collect();
    let pages: String = networks.pages.iter().map(Network::to_text).collect();
    pairs + &pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_model_reads_and_writes_back_byte_for_byte() {
        let shipped = include_str!("classifier.model");
        let networks = read(shipped).expect("the shipped model reads");
        assert_eq!(networks.pairs.len(), 6);
        assert_eq!(networks.pairs[0].0.features, FEATURE_NAMES);
        assert_eq!(networks.pairs[0].1.features, context_network_features());
        assert_eq!(networks.pages.len(), PAGE_NETWORKS);
        assert!(
            networks
                .pages
                .iter()
                .all(|p| p.features == PAGE_FEATURE_NAMES)
        );
        assert_eq!(write(&networks), shipped);
    }
}
