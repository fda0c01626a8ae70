//! What `batch` and `profile learn` read: folders of files, JSON Lines
//! (files or standard input) and WARC files, as one stream of pages, each
//! with where it came from. A bad input (an unreadable file, a malformed
//! line, a corrupt record, one over the size limit) is a [`Problem`] in the
//! stream, with its position; the rest of the stream goes on.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// One page to clean.
pub struct Page {
    pub id: String,
    /// Where it is in the input, for messages: a file, a line, a record.
    pub at: String,
    pub url: Option<String>,
    pub body: Body,
    /// The HTTP `Content-Type` it came with (WARC), for its charset.
    pub content_type: Option<String>,
    /// The other fields of its JSON line, passed through to the output.
    pub fields: Map<String, Value>,
}

/// A page's content, as its input gives it.
pub enum Body {
    /// Bytes as fetched (a file, a WARC payload): decoded, HTML or text.
    Bytes(Vec<u8>),
    /// The `html` field of a JSON line.
    Html(String),
    /// The `text` field of a JSON line.
    Text(String),
}

/// An input that could not be read as a page: where, and what is wrong.
#[derive(Debug)]
pub struct Problem {
    pub at: String,
    pub message: String,
}

/// An input: a page, or a folder's file, read (and gunzipped) by the worker
/// that cleans it, so that reading goes in parallel too.
pub enum Entry {
    Page(Page),
    File { id: String, path: PathBuf },
}

/// An input, or why one cannot be read.
pub type Item = Result<Entry, Problem>;

impl Entry {
    /// The page, its file read when it is one.
    pub fn load(self, max_bytes: usize) -> Result<Page, Problem> {
        match self {
            Entry::Page(page) => Ok(page),
            Entry::File { id, path } => {
                let bytes = read_file(&path, max_bytes)?;
                Ok(Page::new(
                    id,
                    path.display().to_string(),
                    Body::Bytes(bytes),
                ))
            }
        }
    }
}

/// The inputs, in order: each path is a folder, a `.jsonl` file, a `.warc`
/// or `.warc.gz` file, or `-` for JSON Lines on standard input. Nothing is
/// read before it is asked for, and each page is read into memory only
/// up to `max_bytes` (a larger one is a problem, skipped).
pub fn read(paths: &[PathBuf], max_bytes: usize) -> impl Iterator<Item = Item> + Send + use<> {
    let paths = paths.to_vec();
    paths
        .into_iter()
        .flat_map(move |path| open(path, max_bytes))
}

/// How many inputs there are, when that is known before reading them: when
/// every path is a folder.
pub fn count(paths: &[PathBuf]) -> Option<usize> {
    paths
        .iter()
        .map(|path| folder(path).ok().map(|files| files.len()))
        .sum()
}

/// The pages of one path.
fn open(path: PathBuf, max_bytes: usize) -> Box<dyn Iterator<Item = Item> + Send> {
    let name = path.display().to_string();
    let lower = name.to_ascii_lowercase();
    let problem = |message: String| -> Box<dyn Iterator<Item = Item> + Send> {
        Box::new(std::iter::once(Err(Problem {
            at: name.clone(),
            message,
        })))
    };
    if name == "-" {
        let stdin = BufReader::new(std::io::stdin());
        return Box::new(json_lines(stdin, "<stdin>".to_string(), max_bytes));
    }
    if path.is_dir() {
        return match folder(&path) {
            Ok(files) => Box::new(
                files
                    .into_iter()
                    .map(|(id, path)| Ok(Entry::File { id, path })),
            ),
            Err(e) => problem(format!("cannot read the folder: {e}")),
        };
    }
    let file = match File::open(&path) {
        Ok(file) => file,
        Err(e) => return problem(format!("cannot read: {e}")),
    };
    if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
        Box::new(json_lines(BufReader::new(file), name, max_bytes))
    } else if lower.ends_with(".warc.gz") {
        let gunzipped = flate2::read::MultiGzDecoder::new(BufReader::new(file));
        Box::new(crate::warc::records(
            BufReader::new(gunzipped),
            name,
            max_bytes,
        ))
    } else if lower.ends_with(".warc") {
        Box::new(crate::warc::records(BufReader::new(file), name, max_bytes))
    } else {
        let id = batch_id(&path).unwrap_or_else(|| name.clone());
        Box::new(std::iter::once(Ok(Entry::File { id, path })))
    }
}

impl Page {
    fn new(id: String, at: String, body: Body) -> Page {
        Page {
            id,
            at,
            url: None,
            body,
            content_type: None,
            fields: Map::new(),
        }
    }
}

/// The files of a folder that `batch` takes, by name: `(id, path)`.
fn folder(dir: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    let mut files: Vec<(String, PathBuf)> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_file())
        .filter_map(|path| batch_id(&path).map(|id| (id, path)))
        .collect();
    files.sort();
    Ok(files)
}

/// The id of a file a folder holds: its name without the extension, or
/// `None` for files that are not pages.
fn batch_id(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let lower = name.to_ascii_lowercase();
    [".html.gz", ".htm.gz", ".txt.gz", ".html", ".htm", ".txt"]
        .iter()
        .find(|ext| lower.ends_with(*ext))
        .map(|ext| name[..name.len() - ext.len()].to_string())
}

/// A file's bytes, gunzipped when they are gzip, refused past `max_bytes`.
pub fn read_file(path: &Path, max_bytes: usize) -> Result<Vec<u8>, Problem> {
    let problem = |message: String| Problem {
        at: path.display().to_string(),
        message,
    };
    let file = File::open(path).map_err(|e| problem(format!("cannot read: {e}")))?;
    read_gunzipped(BufReader::new(file), max_bytes).map_err(problem)
}

/// All of `reader`, gunzipped when it is gzip (by its magic bytes, whatever
/// the file is called), or why not: an error, or more than `max_bytes`.
pub fn read_gunzipped(mut reader: impl BufRead, max_bytes: usize) -> Result<Vec<u8>, String> {
    let gzip = reader
        .fill_buf()
        .is_ok_and(|head| head.starts_with(&[0x1f, 0x8b]));
    if gzip {
        read_at_most(flate2::read::GzDecoder::new(reader), max_bytes)
    } else {
        read_at_most(reader, max_bytes)
    }
}

/// All of `reader`, or why not: an error, or more than `max_bytes`.
pub fn read_at_most(reader: impl Read, max_bytes: usize) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    reader
        .take(max_bytes as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() > max_bytes {
        return Err(format!("over the limit of {max_bytes} bytes"));
    }
    Ok(bytes)
}

/// The pages of a JSON Lines stream: one object per line, with `html` or
/// `text`, and `url` and `id` if it has them (the id is the line number
/// otherwise); its other fields are passed through.
fn json_lines(
    mut reader: impl BufRead + Send,
    name: String,
    max_bytes: usize,
) -> impl Iterator<Item = Item> + Send {
    let mut number = 0usize;
    std::iter::from_fn(move || {
        loop {
            number += 1;
            let at = format!("{name}:{number}");
            let line = match read_line(&mut reader, max_bytes) {
                Ok(None) => return None,
                Ok(Some(line)) => line,
                Err(message) => return Some(Err(Problem { at, message })),
            };
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(match page_of_line(&line, number) {
                Ok(page) => Ok(Entry::Page(Page { at, ..page })),
                Err(message) => Err(Problem { at, message }),
            });
        }
    })
}

/// The next line, without its end; a line over `max_bytes` is read to its
/// end and refused, so that memory stays bounded.
fn read_line(reader: &mut impl BufRead, max_bytes: usize) -> Result<Option<Vec<u8>>, String> {
    let mut line = Vec::new();
    let read = reader
        .by_ref()
        .take(max_bytes as u64 + 1)
        .read_until(b'\n', &mut line)
        .map_err(|e| format!("cannot read: {e}"))?;
    if read == 0 {
        return Ok(None);
    }
    if line.last() == Some(&b'\n') {
        line.pop();
        return Ok(Some(line));
    }
    if line.len() <= max_bytes {
        // The last line, without an end.
        return Ok(Some(line));
    }
    // Skip the rest of the long line.
    loop {
        let buffer = reader.fill_buf().map_err(|e| format!("cannot read: {e}"))?;
        if buffer.is_empty() {
            break;
        }
        match memchr::memchr(b'\n', buffer) {
            Some(end) => {
                reader.consume(end + 1);
                break;
            }
            None => {
                let all = buffer.len();
                reader.consume(all);
            }
        }
    }
    Err(format!("line over the limit of {max_bytes} bytes"))
}

fn page_of_line(line: &[u8], number: usize) -> Result<Page, String> {
    let value: Value =
        serde_json::from_slice(line).map_err(|e| format!("not a JSON object: {e}"))?;
    let Value::Object(mut fields) = value else {
        return Err("not a JSON object".to_string());
    };
    let body = match (fields.remove("html"), fields.remove("text")) {
        (Some(Value::String(html)), _) => Body::Html(html),
        (_, Some(Value::String(text))) => Body::Text(text),
        _ => return Err("no \"html\" or \"text\" string".to_string()),
    };
    let url = match fields.remove("url") {
        Some(Value::String(url)) => Some(url),
        Some(Value::Null) | None => None,
        Some(_) => return Err("\"url\" is not a string".to_string()),
    };
    let id = match fields.remove("id") {
        Some(Value::String(id)) => id,
        Some(Value::Number(id)) => id.to_string(),
        _ => number.to_string(),
    };
    Ok(Page {
        id,
        at: String::new(),
        url,
        body,
        content_type: None,
        fields,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &str, max: usize) -> Vec<Result<String, String>> {
        json_lines(input.as_bytes(), "in".to_string(), max)
            .map(|item| {
                item.and_then(|e| e.load(max))
                    .map(|p| p.id)
                    .map_err(|p| format!("{}: {}", p.at, p.message))
            })
            .collect()
    }

    #[test]
    fn json_lines_give_pages_and_problems_with_their_line() {
        let input = "{\"url\":\"https://a.example/\",\"html\":\"<p>x</p>\",\"id\":\"a\"}\n\
                     not json\n\n{\"text\":\"plain\"}\n{\"html\":3}\n[1]";
        let got = lines(input, 1000);
        assert_eq!(got[0], Ok("a".to_string()));
        assert!(
            got[1]
                .as_ref()
                .unwrap_err()
                .starts_with("in:2: not a JSON object")
        );
        assert_eq!(got[2], Ok("4".to_string()));
        assert_eq!(
            got[3],
            Err("in:5: no \"html\" or \"text\" string".to_string())
        );
        assert_eq!(got[4], Err("in:6: not a JSON object".to_string()));
        assert_eq!(got.len(), 5);
    }

    #[test]
    fn a_line_over_the_limit_is_skipped_and_the_next_is_read() {
        let long = format!("{{\"text\":\"{}\"}}", "a".repeat(5000));
        let input = format!("{long}\n{{\"text\":\"short\",\"id\":\"next\"}}\n");
        let got = lines(&input, 100);
        assert_eq!(
            got[0],
            Err("in:1: line over the limit of 100 bytes".to_string())
        );
        assert_eq!(got[1], Ok("next".to_string()));
    }
}
