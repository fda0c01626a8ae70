//! Trains the content classifier's model on a WCXB-format folder and writes
//! it in the text format the crate reads (`src/rules/classifier.model`).
//!
//! ```text
//! cargo run --release --example train_classifier -- ../shared/data/wcxb-dev \
//!     [--out src/rules/classifier.model] [--half all|even|odd] [--hidden 8] [--epochs 20]
//!     [--seed 24301] [--ensemble 6] [--without RULE]...
//! ```
//!
//! Every page is cleaned with the default rules up to the classifier; each
//! block still kept then becomes a training row: its features
//! ([`ContentClassifier::features`]) and a label from 0 to 1: 1 when the
//! block's words appear, in order, in the page's `main_content`; for a block
//! of ten words or more whose words are not all found (the reference left
//! out a footnote mark or a citation number), the share of its runs of
//! three words found there, when that is at least half; otherwise 0.
//! Rows are weighted by the block's share of the page's words, as the metric
//! weighs words. The network (one hidden tanh layer, sigmoid output) is
//! trained with Adam on the weighted cross-entropy, its rate falling to zero
//! along a half cosine (so that retraining from another seed moves the
//! dev-set F1 by about 0.001, not 0.004), from a fixed seed, so the
//! same data gives the same model. A second network then learns from the
//! same features plus the first network's verdicts on each block's context
//! ([`Layout::context_features`]); those verdicts come from networks trained
//! on the other half of the pages (two folds), as on unseen pages. The
//! model is `--ensemble` such pairs, from seeds `--seed`, `--seed` + 1, ...
//!
//! `--half even` trains on the even-numbered pages only, so that
//! `evaluate --half odd --model FILE` measures it on pages it has not seen.

#[path = "common/wcxb.rs"]
mod wcxb;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use deboiler::rules::{CONTEXT_FEATURE_COUNT, ContentClassifier, FEATURE_COUNT, Layout};
use deboiler::{Cleaner, Input, Judgement, Page, Phase, Rule, RuleSet};
use wcxb::Half;

/// Features, text and words of a block the page kept up to the classifier.
type Row = ([f32; FEATURE_COUNT], String, usize);

/// What the recorder saw of the last page.
type Recorded = Arc<Mutex<Option<(Vec<Row>, Layout)>>>;

/// Stands in for the classifier and records what it would see.
struct Recorder(Recorded);

impl Rule for Recorder {
    fn name(&self) -> &str {
        "content-classifier"
    }

    fn phase(&self) -> Phase {
        Phase::Region
    }

    fn apply(&self, page: &Page<'_>, judgement: &mut Judgement) {
        let (rows, layout) = ContentClassifier::features(page, judgement);
        let rows = rows
            .into_iter()
            .map(|(block, features)| {
                let block = &page.blocks()[block];
                (features, block.text().to_string(), block.words())
            })
            .collect();
        *self.0.lock().expect("rows lock") = Some((rows, layout));
    }
}

struct Options {
    root: PathBuf,
    out: PathBuf,
    half: Half,
    hidden: usize,
    epochs: usize,
    seed: u64,
    ensemble: usize,
    without: Vec<String>,
}

fn parse_args() -> Result<Options, String> {
    let usage = "usage: train_classifier DIR [--out FILE] [--half all|even|odd] [--hidden N] [--epochs N] [--seed N] [--ensemble N] [--without RULE]...";
    let mut options = Options {
        root: PathBuf::new(),
        out: PathBuf::from("src/rules/classifier.model"),
        half: Half::All,
        hidden: 8,
        epochs: 20,
        seed: 0x5eed,
        ensemble: 6,
        without: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| usage.to_string());
        match arg.as_str() {
            "--out" => options.out = PathBuf::from(value()?),
            "--half" => options.half = Half::parse(&value()?).ok_or(usage)?,
            "--hidden" => options.hidden = value()?.parse().map_err(|_| usage)?,
            "--epochs" => options.epochs = value()?.parse().map_err(|_| usage)?,
            "--ensemble" => options.ensemble = value()?.parse().map_err(|_| usage)?,
            "--seed" => options.seed = value()?.parse().map_err(|_| usage)?,
            "--without" => options.without.push(value()?),
            _ if arg.starts_with("--") => return Err(usage.to_string()),
            _ => options.root = PathBuf::from(arg),
        }
    }
    if options.root.as_os_str().is_empty() {
        return Err(usage.to_string());
    }
    Ok(options)
}

/// The training rows of one page.
struct PageRows {
    xs: Vec<[f32; FEATURE_COUNT]>,
    ys: Vec<f32>,
    ws: Vec<f32>,
    layout: Layout,
    /// Context features, once the block network's verdicts are known.
    context: Vec<[f32; CONTEXT_FEATURE_COUNT]>,
}

fn main() {
    let options = parse_args().unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2);
    });
    let samples = wcxb::load(&options.root, None, options.half).expect("readable data set");
    let recorded = Arc::new(Mutex::new(None));
    let rules = options
        .without
        .iter()
        .fold(RuleSet::default(), |set, name| set.without(name));
    let rules = rules.with(Recorder(recorded.clone()));
    let cleaner = Cleaner::builder()
        .rules(rules)
        .build()
        .expect("rules compile");

    let mut pages = Vec::new();
    for sample in &samples {
        cleaner
            .clean(Input::bytes(&sample.html).url(&sample.url))
            .expect("page cleans");
        let Some((rows, layout)) = recorded.lock().expect("rows lock").take() else {
            continue;
        };
        let truth = wcxb::Truth::new(&sample.reference);
        let page_words = rows.iter().map(|r: &Row| r.2).sum::<usize>().max(1) as f32;
        let mut page = PageRows {
            xs: Vec::new(),
            ys: Vec::new(),
            ws: Vec::new(),
            layout,
            context: Vec::new(),
        };
        for (features, text, words) in rows {
            page.xs.push(features);
            page.ys.push(truth.label(&text));
            page.ws.push(100.0 * words.max(1) as f32 / page_words);
        }
        pages.push(page);
    }
    let rows: usize = pages.iter().map(|p| p.xs.len()).sum();
    eprintln!("{} pages, {rows} rows", pages.len());

    // An ensemble: pairs of networks from different seeds, averaged by the
    // classifier.
    let mut text = String::new();
    for member in 0..options.ensemble {
        let seed = options.seed + member as u64;
        eprintln!(
            "network pair {} of {} (seed {seed})",
            member + 1,
            options.ensemble
        );
        text.push_str(&train_pair(&mut pages, &options, seed));
    }
    std::fs::write(&options.out, text).expect("writable model file");
    eprintln!("wrote {}", options.out.display());
}

/// Trains one pair of networks (block, context) from `seed` and returns
/// them in the model's text format.
fn train_pair(pages: &mut [PageRows], options: &Options, seed: u64) -> String {
    // The block network, on all pages.
    let gather = |pages: &[&PageRows], row: &dyn Fn(&PageRows, usize) -> Vec<f32>| {
        let (mut xs, mut ys, mut ws) = (Vec::new(), Vec::new(), Vec::new());
        for page in pages {
            for i in 0..page.xs.len() {
                xs.push(row(page, i));
                ys.push(page.ys[i]);
                ws.push(page.ws[i]);
            }
        }
        (xs, ys, ws)
    };
    let base = |page: &PageRows, i: usize| page.xs[i].to_vec();
    let all: Vec<&PageRows> = pages.iter().collect();
    let (xs, ys, ws) = gather(&all, &base);
    let blocks_net = train(&xs, &ys, &ws, options, seed);

    // The context network learns from the block network's verdicts on pages
    // it was not trained on (two folds), as it will meet them on new pages.
    let mut first: Vec<Vec<f32>> = vec![Vec::new(); pages.len()];
    for fold in 0..2 {
        let train_pages: Vec<&PageRows> = pages
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 2 != fold)
            .map(|(_, p)| p)
            .collect();
        let (xs, ys, ws) = gather(&train_pages, &base);
        let net = train(&xs, &ys, &ws, options, seed);
        for (i, page) in pages.iter().enumerate().filter(|(i, _)| i % 2 == fold) {
            first[i] = page.xs.iter().map(|x| net.predict(x)).collect();
        }
    }
    for (page, first) in pages.iter_mut().zip(&first) {
        page.context = page.layout.context_features(first);
    }
    let with_context = |page: &PageRows, i: usize| [&page.xs[i][..], &page.context[i][..]].concat();
    let all: Vec<&PageRows> = pages.iter().collect();
    let (xs, ys, ws) = gather(&all, &with_context);
    let context_net = train(&xs, &ys, &ws, options, seed);

    blocks_net.to_text() + &context_net.to_text()
}

/// A small deterministic random source (64-bit LCG), for the initial weights
/// and the order of the rows.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f32 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
    }
}

/// Adam's state for one parameter vector.
struct Adam {
    m: Vec<f32>,
    v: Vec<f32>,
}

impl Adam {
    fn new(n: usize) -> Adam {
        Adam {
            m: vec![0.0; n],
            v: vec![0.0; n],
        }
    }

    fn step(&mut self, params: &mut [f32], grads: &[f32], t: i32, rate: f32) {
        let (b1, b2) = (0.9f32, 0.999f32);
        for i in 0..params.len() {
            self.m[i] = b1 * self.m[i] + (1.0 - b1) * grads[i];
            self.v[i] = b2 * self.v[i] + (1.0 - b2) * grads[i] * grads[i];
            let m = self.m[i] / (1.0 - b1.powi(t));
            let v = self.v[i] / (1.0 - b2.powi(t));
            params[i] -= rate * m / (v.sqrt() + 1e-8);
        }
    }
}

/// A network with one hidden tanh layer and a sigmoid output, over
/// standardised features: the same computation as the crate's.
struct Net {
    n: usize,
    hidden: usize,
    mean: Vec<f32>,
    scale: Vec<f32>,
    w1: Vec<f32>,
    b1: Vec<f32>,
    w2: Vec<f32>,
    b2: f32,
}

impl Net {
    fn predict(&self, row: &[f32]) -> f32 {
        let x: Vec<f32> = (0..self.n)
            .map(|j| (row[j] - self.mean[j]) / self.scale[j])
            .collect();
        let mut out = self.b2;
        for h in 0..self.hidden {
            let z = self.b1[h]
                + (0..self.n)
                    .map(|j| self.w1[h * self.n + j] * x[j])
                    .sum::<f32>();
            out += self.w2[h] * z.tanh();
        }
        1.0 / (1.0 + (-out).exp())
    }

    fn to_text(&self) -> String {
        let mut text = format!(
            "deboiler-model features={} hidden={}\n",
            self.n, self.hidden
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
}

/// Trains a network on weighted rows with Adam on the cross-entropy.
fn train(xs: &[Vec<f32>], ys: &[f32], ws: &[f32], options: &Options, seed: u64) -> Net {
    let (hidden, epochs) = (options.hidden, options.epochs);
    let n = xs.first().map_or(0, Vec::len);
    let rows = xs.len().max(1) as f32;
    let mean: Vec<f32> = (0..n)
        .map(|j| xs.iter().map(|x| x[j]).sum::<f32>() / rows)
        .collect();
    let scale: Vec<f32> = (0..n)
        .map(|j| {
            let var = xs.iter().map(|x| (x[j] - mean[j]).powi(2)).sum::<f32>() / rows;
            var.sqrt().max(1e-6)
        })
        .collect();
    let standard: Vec<Vec<f32>> = xs
        .iter()
        .map(|x| (0..n).map(|j| (x[j] - mean[j]) / scale[j]).collect())
        .collect();

    let mut random = Lcg(seed);
    let mut w1: Vec<f32> = (0..hidden * n)
        .map(|_| random.next() / (n as f32).sqrt())
        .collect();
    let mut b1 = vec![0.0f32; hidden];
    let mut w2: Vec<f32> = (0..hidden)
        .map(|_| random.next() / (hidden as f32).sqrt())
        .collect();
    let mut b2 = [0.0f32];
    let (mut a_w1, mut a_b1, mut a_w2, mut a_b2) = (
        Adam::new(w1.len()),
        Adam::new(hidden),
        Adam::new(hidden),
        Adam::new(1),
    );

    let mut order: Vec<usize> = (0..xs.len()).collect();
    let batch = 256;
    let steps = (epochs * xs.len().div_ceil(batch)).max(1);
    let mut t = 0;
    let mut activations = vec![0.0f32; hidden];
    for epoch in 0..epochs {
        for i in (1..order.len()).rev() {
            let j = ((random.next() + 1.0) / 2.0 * i as f32) as usize;
            order.swap(i, j.min(i));
        }
        let mut loss = 0.0f64;
        for chunk in order.chunks(batch) {
            let (mut g_w1, mut g_b1, mut g_w2, mut g_b2) = (
                vec![0.0f32; w1.len()],
                vec![0.0f32; hidden],
                vec![0.0f32; hidden],
                [0.0f32],
            );
            for &r in chunk {
                let x = &standard[r];
                let mut out = b2[0];
                for h in 0..hidden {
                    let z = b1[h] + (0..n).map(|j| w1[h * n + j] * x[j]).sum::<f32>();
                    activations[h] = z.tanh();
                    out += w2[h] * activations[h];
                }
                let p = 1.0 / (1.0 + (-out).exp());
                let q = p.clamp(1e-6, 1.0 - 1e-6);
                loss -= (ws[r] * (ys[r] * q.ln() + (1.0 - ys[r]) * (1.0 - q).ln())) as f64;
                let g_out = ws[r] * (p - ys[r]) / chunk.len() as f32;
                g_b2[0] += g_out;
                for h in 0..hidden {
                    g_w2[h] += g_out * activations[h];
                    let g_z = g_out * w2[h] * (1.0 - activations[h] * activations[h]);
                    g_b1[h] += g_z;
                    for j in 0..n {
                        g_w1[h * n + j] += g_z * x[j];
                    }
                }
            }
            // The rate falls from 0.003 to 0 along a half cosine, so that the
            // last steps settle instead of jumping around an optimum.
            let progress = t as f32 / steps as f32;
            let rate = 0.003 * 0.5 * (1.0 + (std::f32::consts::PI * progress).cos());
            t += 1;
            a_w1.step(&mut w1, &g_w1, t, rate);
            a_b1.step(&mut b1, &g_b1, t, rate);
            a_w2.step(&mut w2, &g_w2, t, rate);
            a_b2.step(&mut b2, &g_b2, t, rate);
        }
        eprintln!("epoch {epoch}: loss {:.4}", loss / rows as f64);
    }
    Net {
        n,
        hidden,
        mean,
        scale,
        w1,
        b1,
        w2,
        b2: b2[0],
    }
}
