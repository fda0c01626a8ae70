//! `deboiler batch` and `deboiler profile learn`: many pages, cleaned or
//! learned in parallel, in input order, with problems reported and skipped.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use deboiler::{Cleaned, Cleaner, Input, SiteProfile};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{Value, json};

use crate::inputs::{self, Body, Item, Page, Problem};
use crate::ordered::map_in_order;
use crate::profiles::SiteProfiles;
use crate::{Format, RuleOptions};

/// What a batch reads, and how.
pub struct Batch<'a> {
    pub paths: &'a [PathBuf],
    pub jobs: usize,
    /// The largest page read, in bytes (as the cleaner's limit).
    pub max_bytes: usize,
}

/// How a batch went: pages done, and inputs skipped for a problem.
#[derive(Debug, Default)]
pub struct Outcome {
    pub pages: usize,
    pub problems: usize,
}

impl Batch<'_> {
    /// Cleans every page, each with its site's profile from `profiles`, and
    /// writes one JSON line per page to `out`, in input order.
    pub fn clean(
        &self,
        cleaner: &Cleaner,
        profiles: &SiteProfiles,
        options: &RuleOptions,
        out: &mut dyn Write,
    ) -> Result<Outcome, String> {
        let work = |page: Result<Page, Problem>| -> Result<String, Problem> {
            let page = page?;
            let profile = page.url.as_deref().and_then(|url| profiles.for_url(url));
            let cleaned = clean(cleaner, &page, profile)?;
            Ok(line(page, &cleaned, options).to_string())
        };
        self.run(true, work, |line| {
            writeln!(out, "{line}").map_err(|e| format!("cannot write: {e}"))
        })
    }

    /// Learns a profile per site from every page with a URL; problems are
    /// reported when `report` is set.
    pub fn learn(
        &self,
        cleaner: &Cleaner,
        report: bool,
    ) -> Result<(SiteProfiles, Outcome), String> {
        // Each page is learned on its own, in parallel; the sink merges it
        // into its site's profile, in input order.
        let work = |page: Result<Page, Problem>| -> Result<Option<(String, SiteProfile)>, Problem> {
            let page = page?;
            let Some(site) = page.url.as_deref().and_then(SiteProfile::site_of) else {
                return Ok(None);
            };
            let mut profile = SiteProfile::new();
            with_input(&page, |input| cleaner.learn(&mut profile, input)).map_err(|e| Problem {
                at: page.at.clone(),
                message: e.to_string(),
            })?;
            Ok(Some((site, profile)))
        };
        let mut profiles = SiteProfiles::default();
        let outcome = self.run(report, work, |learned| {
            if let Some((site, profile)) = learned {
                profiles.merge_site(site, &profile);
            }
            Ok(())
        })?;
        Ok((profiles, outcome))
    }

    /// Runs `work` over the inputs with the batch's jobs and hands each
    /// result to `sink` in input order; problems are counted, and reported
    /// on standard error with their position when `report` is set.
    fn run<R: Send>(
        &self,
        report: bool,
        work: impl Fn(Result<Page, Problem>) -> Result<R, Problem> + Sync,
        mut sink: impl FnMut(R) -> Result<(), String>,
    ) -> Result<Outcome, String> {
        let progress = progress_bar(inputs::count(self.paths));
        let mut outcome = Outcome::default();
        let items = inputs::read(self.paths, self.max_bytes);
        // A folder's files are read by the workers, in parallel.
        let load = |item: Item| work(item.and_then(|entry| entry.load(self.max_bytes)));
        let result = map_in_order(items, self.jobs, load, |result| {
            progress.inc(1);
            outcome.pages += 1;
            match result {
                Ok(done) => sink(done),
                Err(problem) => {
                    outcome.problems += 1;
                    if report {
                        progress
                            .suspend(|| eprintln!("deboiler: {}: {}", problem.at, problem.message));
                    }
                    Ok(())
                }
            }
        });
        progress.finish_and_clear();
        result.map(|()| outcome)
    }
}

/// A progress bar on standard error when it is a terminal: pages, pages/s
/// and the time so far, and the time left when the number of pages is
/// known (folders); hidden otherwise, so that logs stay clean.
fn progress_bar(total: Option<usize>) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let (bar, template) = match total {
        Some(total) => (
            ProgressBar::new(total as u64),
            "{bar:30} {pos}/{len} pages, {per_sec}, {elapsed} so far, {eta} left",
        ),
        None => (
            ProgressBar::new_spinner(),
            "{spinner} {pos} pages, {per_sec}, {elapsed}",
        ),
    };
    let bar =
        bar.with_style(ProgressStyle::with_template(template).expect("a valid progress template"));
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// Hands `page` to `f` as the cleaner's input.
fn with_input<T>(page: &Page, f: impl FnOnce(Input<'_>) -> T) -> T {
    let input = match &page.body {
        Body::Bytes(bytes) => {
            let input = Input::bytes(bytes);
            match &page.content_type {
                Some(content_type) => input.content_type(content_type),
                None => input,
            }
        }
        Body::Html(html) => Input::html(html),
        Body::Text(text) => Input::text(text),
    };
    f(match &page.url {
        Some(url) => input.url(url),
        None => input,
    })
}

/// Cleans one page, with its site's profile when there is one.
pub fn clean(
    cleaner: &Cleaner,
    page: &Page,
    profile: Option<&SiteProfile>,
) -> Result<Cleaned, Problem> {
    with_input(page, |input| {
        cleaner.clean(match profile {
            Some(profile) => input.site_profile(profile),
            None => input,
        })
    })
    .map_err(|e| Problem {
        at: page.at.clone(),
        message: e.to_string(),
    })
}

/// The JSON line of a cleaned page: its input's other fields, then `url`,
/// `id`, `text` (Markdown with `--format markdown`), `removed` (how many
/// blocks went) and, when asked for, `comments` (their texts); with
/// `--format json`, the page's whole record (see `Cleaned`) with `url`,
/// `id` and the input's other fields.
fn line(page: Page, cleaned: &Cleaned, options: &RuleOptions) -> Value {
    let mut line = Value::Object(page.fields);
    line["url"] = page.url.map_or(Value::Null, Value::String);
    line["id"] = Value::String(page.id);
    if options.format == Format::Json {
        if let Ok(Value::Object(record)) = serde_json::to_value(cleaned) {
            line.as_object_mut().expect("an object").extend(record);
        }
        return line;
    }
    line["text"] = Value::String(match options.format {
        Format::Markdown => cleaned.markdown(),
        _ => cleaned.text().to_string(),
    });
    line["removed"] = json!(cleaned.removed().len());
    if options.include_comments {
        let comments: Vec<String> = cleaned.comments().iter().map(|c| c.text()).collect();
        line["comments"] = json!(comments);
    }
    line
}
