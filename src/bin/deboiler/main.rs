//! The `deboiler` command line: clean one page, clean many into JSON Lines,
//! learn and merge site profiles.

mod batch;
mod inputs;
mod ordered;
mod profiles;
mod warc;

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use deboiler::{Cleaner, DEFAULT_MAX_INPUT_BYTES, Input, RuleSet, SiteProfile};

use batch::{Batch, Outcome};
use profiles::SiteProfiles;

/// Strips boilerplate (navigation, footers, comment forms, share and cookie
/// prompts, repeated blocks) from scraped HTML or text.
///
/// Exit status: 0 when all went well; 1 when the command could not run
/// (bad options, an unreadable rule or profile file, output that cannot be
/// written); 3 when `batch` or `profile learn` ran but skipped some inputs,
/// each reported on standard error with its position.
#[derive(Debug, Parser)]
#[command(name = "deboiler", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Clean one file (HTML, .html.gz or text, detected) or standard input,
    /// and print the text.
    Clean {
        /// The file to clean; `-` or nothing for standard input.
        file: Option<PathBuf>,
        /// The page's URL, for rules scoped to a site and for its profile.
        #[arg(long)]
        url: Option<String>,
        /// Also list every removed block, with its rule and reason, on standard error.
        #[arg(long)]
        explain: bool,
        /// A profiles file (from `profile learn`): the template of the
        /// page's site goes. The site is that of --url, or the file's only one.
        #[arg(long)]
        profile: Option<PathBuf>,
        #[command(flatten)]
        rules: RuleOptions,
    },
    /// Clean many pages and write one JSON line per page, in input order:
    /// {"url", "id", "text", "removed": <blocks removed>}, and "comments"
    /// with --include-comments.
    ///
    /// Each PATH is a folder (its .html, .htm and .txt files, gzipped or
    /// not; the id is the file name without its extension), a .jsonl file
    /// or `-` for JSON Lines on standard input ({"url": ..., "html": ...} or
    /// {"url": ..., "text": ...} per line; "id" and the other fields are
    /// passed through), or a WARC file (.warc, .warc.gz: its HTML
    /// responses; the id is the record's WARC-Record-ID).
    Batch {
        /// Folders, .jsonl, .warc or .warc.gz files, or `-`.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The JSON Lines file to write; standard output without it.
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        run: RunOptions,
        /// Learn one profile per site from the inputs first, then clean each
        /// page with its site's profile (the inputs are read twice).
        #[arg(long, conflicts_with = "profile")]
        learn_sites: bool,
        /// A profiles file (from `profile learn`): each page is cleaned with
        /// the profile of its URL's site.
        #[arg(long)]
        profile: Option<PathBuf>,
        #[command(flatten)]
        rules: RuleOptions,
    },
    /// Learn and merge site profiles.
    #[command(subcommand)]
    Profile(ProfileCommand),
}

#[derive(Debug, Subcommand)]
enum ProfileCommand {
    /// Learn one profile per site from the pages of PATH... (read as `batch`
    /// reads them; a page without a URL teaches nothing) and write them to a
    /// profiles file.
    Learn {
        /// Folders, .jsonl, .warc or .warc.gz files, or `-`.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The profiles file to write.
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        run: RunOptions,
    },
    /// Merge profiles files (learned on parts of a crawl, on many machines)
    /// into the profiles of the whole.
    Merge {
        /// The profiles files to merge.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The profiles file to write.
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Debug, Args)]
struct RunOptions {
    /// Worker threads (1: strictly single-threaded; default: all cores).
    /// The output is the same whatever the number.
    #[arg(long)]
    jobs: Option<usize>,
    /// Pages larger than this many bytes are skipped, with a message.
    #[arg(long, default_value_t = DEFAULT_MAX_INPUT_BYTES)]
    max_bytes: usize,
}

impl RunOptions {
    fn batch<'a>(&self, paths: &'a [PathBuf]) -> Result<Batch<'a>, String> {
        let jobs = match self.jobs {
            Some(0) => return Err("--jobs must be at least 1".to_string()),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        Ok(Batch {
            paths,
            jobs,
            max_bytes: self.max_bytes,
        })
    }
}

#[derive(Debug, Args)]
pub struct RuleOptions {
    /// The rule-set preset: default, strict, wordpress or none.
    #[arg(long, default_value = "default")]
    preset: String,
    /// A rule-set file (TOML, or JSON by its .json extension); replaces --preset.
    #[arg(long)]
    rules: Option<PathBuf>,
    /// Give back the reader comments of articles: `clean` prints them after
    /// the text, `batch` adds a "comments" field (their texts) to each line.
    #[arg(long)]
    include_comments: bool,
    /// What to write: the text, Markdown (in `batch`, in each line's
    /// "text"), or the whole JSON record (in `batch`, one per line, with
    /// "url", "id" and the input's other fields).
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Write links in the Markdown as links.
    #[arg(long)]
    markdown_links: bool,
    /// Write images in the Markdown (`![alt](src)`).
    #[arg(long)]
    markdown_images: bool,
}

/// What `clean` and `batch` write of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Json,
}

/// The exit status of a run that skipped some inputs.
const SOME_INPUTS_FAILED: u8 = 3;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(outcome) if outcome.problems == 0 => ExitCode::SUCCESS,
        Ok(outcome) => {
            eprintln!(
                "deboiler: {} of {} inputs skipped",
                outcome.problems, outcome.pages
            );
            ExitCode::from(SOME_INPUTS_FAILED)
        }
        Err(message) => {
            eprintln!("deboiler: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Runs a command: how many inputs it read, and how many it skipped.
fn run(command: Command) -> Result<Outcome, String> {
    match command {
        Command::Clean {
            file,
            url,
            explain,
            profile,
            rules,
        } => {
            clean_one(file, url, explain, profile, &rules)?;
            Ok(Outcome::default())
        }
        Command::Batch {
            paths,
            out,
            run,
            learn_sites,
            profile,
            rules,
        } => {
            let cleaner = cleaner(&rules, run.max_bytes)?;
            let batch = run.batch(&paths)?;
            let profiles = match (&profile, learn_sites) {
                (Some(path), _) => SiteProfiles::load(path)?,
                (None, true) if paths.iter().any(|p| p == Path::new("-")) => {
                    return Err("--learn-sites reads its inputs twice, and standard input \
                                cannot be read twice: learn with `deboiler profile learn` \
                                and clean with --profile"
                        .to_string());
                }
                // The inputs that fail to be learned fail to be cleaned
                // next, and are reported then.
                (None, true) => batch.learn(&cleaner, false)?.0,
                (None, false) => SiteProfiles::default(),
            };
            let write = |writer: &mut dyn Write| -> Result<Outcome, String> {
                let outcome = batch.clean(&cleaner, &profiles, &rules, writer)?;
                writer.flush().map_err(|e| format!("cannot write: {e}"))?;
                Ok(outcome)
            };
            match &out {
                Some(path) => {
                    let file = std::fs::File::create(path)
                        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                    write(&mut BufWriter::new(file))
                }
                None => write(&mut BufWriter::new(std::io::stdout().lock())),
            }
        }
        Command::Profile(ProfileCommand::Learn { paths, out, run }) => {
            // Learning runs no rules: it counts every block of every page.
            let cleaner = Cleaner::builder()
                .rules(RuleSet::empty())
                .max_input_bytes(run.max_bytes)
                .build()
                .map_err(|e| e.to_string())?;
            let (profiles, outcome) = run.batch(&paths)?.learn(&cleaner, true)?;
            profiles.save(&out)?;
            let (sites, pages) = profiles.summary();
            eprintln!(
                "deboiler: {pages} pages of {sites} sites learned into {}",
                out.display()
            );
            Ok(outcome)
        }
        Command::Profile(ProfileCommand::Merge { files, out }) => {
            let mut merged = SiteProfiles::default();
            for file in &files {
                merged.merge(SiteProfiles::load(file)?);
            }
            merged.save(&out)?;
            Ok(Outcome::default())
        }
    }
}

/// `deboiler clean`: one page, printed.
fn clean_one(
    file: Option<PathBuf>,
    url: Option<String>,
    explain: bool,
    profile: Option<PathBuf>,
    rules: &RuleOptions,
) -> Result<(), String> {
    let cleaner = cleaner(rules, DEFAULT_MAX_INPUT_BYTES)?;
    let bytes = match file.as_deref() {
        None => read_stdin()?,
        Some(path) if path == Path::new("-") => read_stdin()?,
        Some(path) => inputs::read_file(path, DEFAULT_MAX_INPUT_BYTES)
            .map_err(|p| format!("{}: {}", p.at, p.message))?,
    };
    let profiles = profile.as_deref().map(SiteProfiles::load).transpose()?;
    let site_profile: Option<&SiteProfile> = match (&profiles, url.as_deref()) {
        (None, _) => None,
        (Some(profiles), Some(url)) => profiles.for_url(url),
        (Some(profiles), None) => Some(
            profiles
                .only()
                .ok_or("--profile holds several sites: give --url to choose the page's")?,
        ),
    };
    let mut input = Input::bytes(&bytes);
    if let Some(url) = url.as_deref() {
        input = input.url(url);
    }
    if let Some(profile) = site_profile {
        input = input.site_profile(profile);
    }
    let cleaned = cleaner.clean(input).map_err(|e| e.to_string())?;
    if explain {
        for removal in cleaned.removed() {
            eprintln!(
                "[{}] {}: {}",
                removal.rule(),
                removal.reason(),
                preview(removal.block().text())
            );
        }
    }
    let out = match rules.format {
        Format::Json => serde_json::to_string(&cleaned).map_err(|e| e.to_string())?,
        Format::Markdown => with_comments(cleaned.markdown(), &cleaned),
        Format::Text => with_comments(cleaned.text().to_string(), &cleaned),
    };
    match writeln!(std::io::stdout().lock(), "{out}") {
        // The reader stopped reading (`| head`): not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| e.to_string()),
    }
}

/// `out` followed by the page's reader comments, each after a `---` line
/// with its author and date lines.
fn with_comments(mut out: String, cleaned: &deboiler::Cleaned) -> String {
    for comment in cleaned.comments() {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str("---\n");
        for line in [comment.author(), comment.date()].into_iter().flatten() {
            out.push_str(line);
            out.push('\n');
        }
        out.push_str(&comment.text());
    }
    out
}

fn cleaner(options: &RuleOptions, max_bytes: usize) -> Result<Cleaner, String> {
    let rules = match &options.rules {
        Some(path) => {
            let source = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let parsed = if path.extension().is_some_and(|e| e == "json") {
                RuleSet::from_json(&source)
            } else {
                RuleSet::from_toml(&source)
            };
            parsed.map_err(|e| format!("{}: {e}", path.display()))?
        }
        None => RuleSet::preset(&options.preset).ok_or_else(|| {
            format!(
                "unknown preset `{}` (default, strict, wordpress, none)",
                options.preset
            )
        })?,
    };
    Cleaner::builder()
        .rules(rules)
        .include_comments(options.include_comments)
        .markdown_links(options.markdown_links)
        .markdown_images(options.markdown_images)
        .max_input_bytes(max_bytes)
        .build()
        .map_err(|e| e.to_string())
}

/// Standard input, gunzipped when it is gzip.
fn read_stdin() -> Result<Vec<u8>, String> {
    let stdin = std::io::BufReader::new(std::io::stdin().lock());
    inputs::read_gunzipped(stdin, DEFAULT_MAX_INPUT_BYTES)
        .map_err(|message| format!("standard input: {message}"))
}

/// The start of a block's text, on one line.
fn preview(text: &str) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut short: String = line.chars().take(100).collect();
    if short.len() < line.len() {
        short.push_str("...");
    }
    short
}
