//! Trains the text-line model (`src/rules/classifier/text_lines.model`) on
//! the visible text of a WCXB-format folder's pages, and writes it with the
//! crate's own writer.
//!
//! ```text
//! cargo run --release -p deboiler-lab --bin train-lines -- ../shared/data/wcxb-dev \
//!     [--out src/rules/classifier/text_lines.model] [--half all|even|odd] [--seed 24301]
//! ```
//!
//! Each page becomes three texts (see the `scraped` program): its whole
//! visible text, one line per block; its seed-shaped case (article pages);
//! its extracted case (its reference with the boilerplate snippets it
//! lists). Each is cleaned as plain text with the default rules up to the
//! line model; each block still
//! kept then is a training row: its features
//! ([`TextLineClassifier::features`]) and a label from the page's
//! `main_content`, as for the HTML classifier (see `train`). Rows weigh by
//! their share of the text's words. One network (eight tanh units) is
//! trained from a fixed seed, so the same data gives the same model.
//! `--half even` trains on the even-numbered pages only, so that
//! `scraped --half odd --text-model FILE` measures it on pages it has not
//! seen.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use clap::Parser;
use deboiler::rules::TextLineClassifier;
use deboiler::rules::training::{TEXT_FEATURE_COUNT, default_rules_with_text_lines};
use deboiler::{Cleaner, Input, Judgement, Page, Phase, Rule};
use deboiler_lab as wcxb;
use wcxb::nn::{Shape, train};
use wcxb::scraped::{self, Case};

/// Features, text and words of a block kept up to the line model.
type Row = ([f32; TEXT_FEATURE_COUNT], String, usize);

/// Stands in for the line model and records what it would see.
struct Recorder(Arc<Mutex<Vec<Row>>>);

impl Rule for Recorder {
    fn name(&self) -> &str {
        "text-lines"
    }

    fn phase(&self) -> Phase {
        Phase::Region
    }

    fn apply(&self, page: &Page<'_>, judgement: &mut Judgement) {
        let rows = wcxb::with_text(page, TextLineClassifier::features(page, judgement));
        *self.0.lock().expect("rows lock") = rows;
    }
}

/// Trains the text-line model.
#[derive(Debug, Parser)]
struct Options {
    /// The folder (`html/`, `ground-truth/`).
    root: PathBuf,
    /// Where to write the model.
    #[arg(long, default_value = "src/rules/classifier/text_lines.model")]
    out: PathBuf,
    /// Train on all pages, or on those of even or odd number only.
    #[arg(long, value_enum, default_value = "all")]
    half: wcxb::Half,
    /// The seed of the initial weights and the rows' order.
    #[arg(long, default_value_t = 0x5eed)]
    seed: u64,
}

/// The line network's shape: as wide as a block network, and as long.
const LINES: Shape = Shape {
    hidden: 8,
    epochs: 20,
    batch: 256,
};

fn main() {
    let options = Options::parse();
    let samples = wcxb::load(&options.root, None, options.half).expect("readable data set");
    let recorded = Arc::new(Mutex::new(Vec::new()));
    let cleaner = Cleaner::builder()
        .rules(default_rules_with_text_lines(Recorder(recorded.clone())))
        .build()
        .expect("rules compile");
    let (mut xs, mut ys, mut ws) = (Vec::new(), Vec::new(), Vec::new());
    let cases = samples.iter().flat_map(|sample| {
        let case = |make: fn(&wcxb::Sample) -> Option<Case>| make(sample).map(|c| (sample, c));
        [
            Some((sample, scraped::whole_page(sample))),
            case(scraped::seed_shaped),
            case(scraped::extracted),
        ]
        .into_iter()
        .flatten()
    });
    for (sample, case) in cases {
        cleaner.clean(Input::text(&case.text)).expect("text cleans");
        let rows = std::mem::take(&mut *recorded.lock().expect("rows lock"));
        let truth = wcxb::Truth::new(&sample.reference);
        let text_words = rows.iter().map(|r| r.2).sum::<usize>().max(1) as f32;
        for (features, text, words) in rows {
            xs.push(features.to_vec());
            ys.push(truth.label(&text));
            ws.push(100.0 * words.max(1) as f32 / text_words);
        }
    }
    eprintln!("{} pages, {} rows", samples.len(), xs.len());
    let network = train(
        &xs,
        &ys,
        &ws,
        &LINES,
        options.seed,
        TextLineClassifier::feature_names(),
    );
    std::fs::write(&options.out, network.to_text()).expect("writable model file");
    eprintln!("wrote {}", options.out.display());
}
