//! The `deboiler` command line: clean one page, or a folder of pages into
//! JSON Lines.

mod ordered;

use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use deboiler::{Cleaned, Cleaner, Input, RuleSet};

/// Strips boilerplate (navigation, footers, comment forms, share and cookie
/// prompts, repeated blocks) from scraped HTML or text.
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
        /// The page's URL, for rules scoped to a site.
        #[arg(long)]
        url: Option<String>,
        /// Also list every removed block, with its rule and reason, on standard error.
        #[arg(long)]
        explain: bool,
        #[command(flatten)]
        rules: RuleOptions,
    },
    /// Clean every .html, .htm, .html.gz and .txt file of a folder and write
    /// one JSON line per file: {"id": <file name without extension>, "text": ...}.
    Batch {
        /// The folder to read.
        dir: PathBuf,
        /// The JSON Lines file to write.
        #[arg(long)]
        out: PathBuf,
        /// Worker threads (1: strictly single-threaded; default: all cores).
        /// The output is the same whatever the number.
        #[arg(long)]
        jobs: Option<usize>,
        #[command(flatten)]
        rules: RuleOptions,
    },
}

#[derive(Debug, Args)]
struct RuleOptions {
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("deboiler: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<(), String> {
    match command {
        Command::Clean {
            file,
            url,
            explain,
            rules,
        } => {
            let cleaner = cleaner(&rules)?;
            let bytes = match file.as_deref() {
                None => read_stdin()?,
                Some(path) if path == Path::new("-") => read_stdin()?,
                Some(path) => read_file(path)?,
            };
            let cleaned = clean(&cleaner, &bytes, url.as_deref())?;
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
            let mut stdout = std::io::stdout().lock();
            let mut out = cleaned.text().to_string();
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
            match writeln!(stdout, "{out}") {
                // The reader stopped reading (`| head`): not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other.map_err(|e| e.to_string()),
            }
        }
        Command::Batch {
            dir,
            out,
            jobs,
            rules,
        } => batch(&cleaner(&rules)?, &dir, &out, jobs, rules.include_comments),
    }
}

fn cleaner(options: &RuleOptions) -> Result<Cleaner, String> {
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
        .build()
        .map_err(|e| e.to_string())
}

fn clean(cleaner: &Cleaner, bytes: &[u8], url: Option<&str>) -> Result<Cleaned, String> {
    let input = Input::bytes(bytes);
    let input = match url {
        Some(url) => input.url(url),
        None => input,
    };
    cleaner.clean(input).map_err(|e| e.to_string())
}

fn read_stdin() -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    gunzip_if_gzip(bytes)
}

fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    gunzip_if_gzip(bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// Gzip is recognised by its magic bytes, whatever the file is called.
fn gunzip_if_gzip(bytes: Vec<u8>) -> Result<Vec<u8>, String> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes);
    }
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes.as_slice())
        .read_to_end(&mut out)
        .map_err(|e| format!("bad gzip data: {e}"))?;
    Ok(out)
}

/// The id of a file the batch takes: its name without the extension, or
/// `None` for files it does not take.
fn batch_id(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let lower = name.to_ascii_lowercase();
    [".html.gz", ".html", ".htm", ".txt"]
        .iter()
        .find(|ext| lower.ends_with(*ext))
        .map(|ext| name[..name.len() - ext.len()].to_string())
}

fn batch(
    cleaner: &Cleaner,
    dir: &Path,
    out: &Path,
    jobs: Option<usize>,
    include_comments: bool,
) -> Result<(), String> {
    let mut files: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_file())
        .filter_map(|path| batch_id(&path).map(|id| (id, path)))
        .collect();
    files.sort();
    let jobs = match jobs {
        Some(0) => return Err("--jobs must be at least 1".to_string()),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let one = |(id, path): &(String, PathBuf)| -> String {
        let result = read_file(path).and_then(|bytes| clean(cleaner, &bytes, None));
        let line = match result {
            Ok(cleaned) if include_comments => {
                let comments: Vec<String> = cleaned.comments().iter().map(|c| c.text()).collect();
                serde_json::json!({ "id": id, "text": cleaned.text(), "comments": comments })
            }
            Ok(cleaned) => serde_json::json!({ "id": id, "text": cleaned.text() }),
            Err(error) => {
                eprintln!("deboiler: {id}: {error}");
                let mut line = serde_json::json!({ "id": id, "text": "", "error": error });
                if include_comments {
                    line["comments"] = serde_json::json!([]);
                }
                line
            }
        };
        line.to_string()
    };
    let file =
        std::fs::File::create(out).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    let mut writer = BufWriter::new(file);
    // Each record is written as soon as it and the ones before it are
    // ready, so memory stays bounded for any number of files.
    ordered::map_in_order(&files, jobs, one, |line| writeln!(writer, "{line}"))
        .and_then(|()| writer.flush())
        .map_err(|e| format!("cannot write {}: {e}", out.display()))
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
