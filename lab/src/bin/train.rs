//! Trains the content classifier's model on a WCXB-format folder and writes
//! it in the text format the crate reads
//! (`src/rules/classifier/classifier.model`), with the crate's own writer.
//!
//! ```text
//! cargo run --release -p deboiler-lab --bin train -- ../shared/data/wcxb-dev \
//!     [--out src/rules/classifier/classifier.model] [--half all|even|odd] [--hidden 8]
//!     [--epochs 20] [--seed 24301] [--ensemble 6] [--without RULE]...
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
//! The page networks ([`PAGE_NETWORKS`] of them, averaged, from seeds
//! `--seed`, `--seed` + 1, ...) learn from one row per page whether it is
//! an article. `--pairs-from MODEL` keeps the network pairs of `MODEL` and
//! trains the page networks only.
//!
//! `--half even` trains on the even-numbered pages only, so that
//! `evaluate --half odd --model FILE` measures it on pages it has not seen.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use clap::Parser;
use deboiler::rules::ContentClassifier;
use deboiler::rules::training::{
    CONTEXT_FEATURE_COUNT, FEATURE_COUNT, Layout, Network, Networks, PAGE_FEATURE_COUNT,
    PAGE_NETWORKS, default_rules_with, read_pairs_only, write,
};
use deboiler::{Cleaner, Input, Judgement, Page, Phase, Rule};
use deboiler_lab as wcxb;
use wcxb::Half;
use wcxb::nn::{Shape, predict, train};

/// Features, text and words of a block the page kept up to the classifier.
type Row = ([f32; FEATURE_COUNT], String, usize);

/// What the recorder saw of the last page.
type Recorded = Arc<Mutex<Option<(Vec<Row>, Layout, PageRow)>>>;

/// What the page network reads of a page.
type PageRow = [f32; PAGE_FEATURE_COUNT];

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
        let Some((rows, layout, page_row)) = ContentClassifier::features(page, judgement) else {
            return;
        };
        let rows = wcxb::with_text(page, rows);
        *self.0.lock().expect("rows lock") = Some((rows, layout, page_row));
    }
}

/// Trains the content classifier's model.
#[derive(Debug, Parser)]
struct Options {
    /// The folder (`html/`, `ground-truth/`).
    root: PathBuf,
    /// Where to write the model.
    #[arg(long, default_value = "src/rules/classifier/classifier.model")]
    out: PathBuf,
    /// Train on all pages, or on those of even or odd number only.
    #[arg(long, value_enum, default_value = "all")]
    half: Half,
    /// Hidden units per network.
    #[arg(long, default_value_t = 8)]
    hidden: usize,
    /// Passes over the rows.
    #[arg(long, default_value_t = 20)]
    epochs: usize,
    /// The first network pair's seed (the others count up from it).
    #[arg(long, default_value_t = 0x5eed)]
    seed: u64,
    /// Network pairs in the ensemble.
    #[arg(long, default_value_t = 6)]
    ensemble: usize,
    /// Take a rule out of the set the rows are recorded with (repeatable).
    #[arg(long)]
    without: Vec<String>,
    /// Keep the network pairs of this model file and train the page
    /// network only (for trying page features: the pairs take minutes).
    #[arg(long)]
    pairs_from: Option<PathBuf>,
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
    let options = Options::parse();
    let samples = wcxb::load(&options.root, None, options.half).expect("readable data set");
    let recorded = Arc::new(Mutex::new(None));
    // The recorder stands where the classifier would: the shipped model is
    // not loaded, so that a change of features can be trained.
    let rules = options.without.iter().fold(
        default_rules_with(Recorder(recorded.clone())),
        |set, name| set.without(name),
    );
    let cleaner = Cleaner::builder()
        .rules(rules)
        .build()
        .expect("rules compile");

    let mut pages = Vec::new();
    let (mut page_rows, mut page_labels) = (Vec::new(), Vec::new());
    for sample in &samples {
        cleaner
            .clean(Input::bytes(&sample.html).url(&sample.url))
            .expect("page cleans");
        let Some((rows, layout, page_row)) = recorded.lock().expect("rows lock").take() else {
            continue;
        };
        page_rows.push(page_row.to_vec());
        page_labels.push(f32::from(sample.page_type == "article"));
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
    let mut pairs = Vec::new();
    if let Some(model) = &options.pairs_from {
        let text = std::fs::read_to_string(model).expect("readable model file");
        pairs = read_pairs_only(&text).expect("a model for these features");
    }
    for member in (0..options.ensemble).filter(|_| options.pairs_from.is_none()) {
        let seed = options.seed + member as u64;
        eprintln!(
            "network pair {} of {} (seed {seed})",
            member + 1,
            options.ensemble
        );
        pairs.push(train_pair(&mut pages, &options, seed));
    }
    let pages = (0..PAGE_NETWORKS as u64)
        .map(|member| {
            eprintln!("page network {} of {PAGE_NETWORKS}", member + 1);
            train(
                &page_rows,
                &page_labels,
                &vec![1.0; page_rows.len()],
                &Shape::PAGE,
                options.seed + member,
                ContentClassifier::page_feature_names(),
            )
        })
        .collect();
    let networks = Networks { pairs, pages };
    std::fs::write(&options.out, write(&networks)).expect("writable model file");
    eprintln!("wrote {}", options.out.display());
}

/// Trains one pair of networks (block, context) from `seed`.
fn train_pair(pages: &mut [PageRows], options: &Options, seed: u64) -> (Network, Network) {
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
    let block_features = ContentClassifier::feature_names();
    let shape = Shape {
        hidden: options.hidden,
        epochs: options.epochs,
        batch: 256,
    };
    let blocks_net = train(&xs, &ys, &ws, &shape, seed, block_features);

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
        let net = train(&xs, &ys, &ws, &shape, seed, block_features);
        for (i, page) in pages.iter().enumerate().filter(|(i, _)| i % 2 == fold) {
            first[i] = page.xs.iter().map(|x| predict(&net, x)).collect();
        }
    }
    for (page, first) in pages.iter_mut().zip(&first) {
        page.context = page.layout.context_features(first);
    }
    let with_context = |page: &PageRows, i: usize| [&page.xs[i][..], &page.context[i][..]].concat();
    let all: Vec<&PageRows> = pages.iter().collect();
    let (xs, ys, ws) = gather(&all, &with_context);
    let context_features = ContentClassifier::context_network_feature_names();
    let context_net = train(&xs, &ys, &ws, &shape, seed, &context_features);
    (blocks_net, context_net)
}
