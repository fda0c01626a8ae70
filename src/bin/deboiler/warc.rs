//! The pages of a WARC file: its `response` records whose HTTP payload is
//! HTML, with the charset of their HTTP `Content-Type`. Records are read
//! with the `warc` crate, one at a time, and memory stays bounded: a
//! record's WARC headers may take at most [`MAX_HEADER_BYTES`], its payload
//! at most the page limit (a larger one is skipped, unread).

use std::io::{BufRead, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use warc::{Record, RecordType, StreamingBody, WarcHeader, WarcReader};

use crate::inputs::{Body, Entry, Item, Page, Problem, read_at_most};

/// The most bytes of WARC headers one record may have.
const MAX_HEADER_BYTES: usize = 1 << 20;

/// The most bytes of HTTP headers one response may have.
const MAX_HTTP_HEADERS: usize = 128;

/// How many pages a WARC file's reader may have read ahead of the cleaning.
const READ_AHEAD: usize = 16;

/// The pages of the WARC stream `reader` (already gunzipped), named `name`
/// in problems. A record that is not a `response` (a request, `warcinfo`,
/// metadata) is not a page and is passed over in silence; a response that
/// is not HTML, or over the limit, is a problem, and the stream goes on. A
/// record whose headers cannot be parsed, or that is cut off (a truncated
/// file), is a problem that ends the stream: nothing after it can be
/// trusted to be where a record starts.
///
/// The records are read on a thread of their own, a few pages ahead: the
/// `warc` crate's streaming reader borrows the stream it reads.
pub fn records(
    reader: impl BufRead + Send + 'static,
    name: String,
    max_bytes: usize,
) -> impl Iterator<Item = Item> + Send {
    let (pages, received) = std::sync::mpsc::sync_channel(READ_AHEAD);
    let reading = std::thread::Builder::new()
        .name("warc".to_string())
        // The crate skips a body through a 1 MiB buffer on the stack.
        .stack_size(8 << 20)
        .spawn(move || {
            let budget = Arc::new(AtomicUsize::new(MAX_HEADER_BYTES));
            let mut warc = WarcReader::new(HeaderLimit {
                inner: reader,
                budget: Arc::clone(&budget),
            });
            let mut stream = warc.stream_records();
            for number in 1.. {
                budget.store(MAX_HEADER_BYTES, Ordering::Relaxed);
                let at = format!("{name}: record {number}");
                let (item, last) = match stream.next_item() {
                    None => return,
                    Some(Err(e)) => {
                        let message = format!("corrupt or truncated WARC record: {e}");
                        (Err(Problem { at, message }), true)
                    }
                    Some(Ok(record)) if *record.warc_type() != RecordType::Response => continue,
                    Some(Ok(record)) => page(record, at, max_bytes),
                };
                if pages.send(item).is_err() || last {
                    return;
                }
            }
        });
    let problem = reading.err().map(|e| Problem {
        at: String::new(),
        message: format!("cannot start reading a WARC file: {e}"),
    });
    problem.into_iter().map(Err).chain(received)
}

/// The page of one response record, or why it is not one; `true` when the
/// stream cannot go on after it.
fn page(
    record: Record<StreamingBody<'_, impl Read>>,
    at: String,
    max_bytes: usize,
) -> (Item, bool) {
    let url = record.header(WarcHeader::TargetURI).map(|u| u.into_owned());
    let id = record.warc_id().to_string();
    let declared = record.content_length();
    let at = match &url {
        Some(url) => format!("{at} ({url})"),
        None => at,
    };
    // The block is read up to the limit; the reader skips what is left of
    // a larger one without holding it.
    let block = match read_at_most(record, max_bytes) {
        Ok(block) if block.len() as u64 == declared => block,
        Ok(_) => {
            let message = "truncated WARC record: its block is shorter than its Content-Length";
            return (
                Err(Problem {
                    at,
                    message: message.to_string(),
                }),
                true,
            );
        }
        Err(message) => return (Err(Problem { at, message }), false),
    };
    let item = html_payload(&block)
        .map(|(content_type, payload)| {
            Entry::Page(Page {
                id,
                at: at.clone(),
                url,
                body: Body::Bytes(payload),
                content_type,
                fields: Default::default(),
            })
        })
        .map_err(|message| Problem { at, message });
    (item, false)
}

/// The HTML payload of an HTTP response block, with its `Content-Type`.
fn html_payload(block: &[u8]) -> Result<(Option<String>, Vec<u8>), String> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HTTP_HEADERS];
    let mut response = httparse::Response::new(&mut headers);
    let start = match response.parse(block) {
        Ok(httparse::Status::Complete(start)) => start,
        Ok(httparse::Status::Partial) => return Err("truncated HTTP headers".to_string()),
        Err(e) => return Err(format!("not an HTTP response: {e}")),
    };
    let header = |name: &str| {
        response
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
    };
    let content_type = header("content-type");
    let media = content_type
        .as_deref()
        .and_then(|t| t.split(';').next())
        .map(|t| t.trim().to_ascii_lowercase());
    if !matches!(
        media.as_deref(),
        Some("text/html" | "application/xhtml+xml")
    ) {
        return Err(format!(
            "not HTML (Content-Type: {})",
            content_type.as_deref().unwrap_or("none")
        ));
    }
    let payload = &block[start..];
    let payload = match header("content-encoding").as_deref() {
        None | Some("identity") => payload.to_vec(),
        Some("gzip" | "x-gzip") => {
            let mut out = Vec::new();
            flate2::read::MultiGzDecoder::new(payload)
                .take(block.len() as u64 * 64)
                .read_to_end(&mut out)
                .map_err(|e| format!("bad gzip payload: {e}"))?;
            out
        }
        Some(other) => return Err(format!("payload in an encoding not read: {other}")),
    };
    Ok((content_type, payload))
}

/// A `BufRead` that refuses to hand out more than `budget` bytes through
/// `fill_buf`/`consume` (how the WARC reader reads headers, line by line)
/// until the budget is set again; plain reads (bodies) are not counted.
/// Without it, a file with no end of headers would be read whole into one
/// line.
struct HeaderLimit<R> {
    inner: R,
    budget: Arc<AtomicUsize>,
}

impl<R: Read> Read for HeaderLimit<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.inner.read(buf)
    }
}

impl<R: BufRead> BufRead for HeaderLimit<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        let budget = self.budget.load(Ordering::Relaxed);
        if budget == 0 {
            return Err(std::io::Error::other(format!(
                "WARC headers over {MAX_HEADER_BYTES} bytes"
            )));
        }
        let buffer = self.inner.fill_buf()?;
        Ok(&buffer[..buffer.len().min(budget)])
    }

    fn consume(&mut self, amount: usize) {
        let budget = self.budget.load(Ordering::Relaxed);
        self.budget
            .store(budget.saturating_sub(amount), Ordering::Relaxed);
        self.inner.consume(amount);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warc(block: &[u8]) -> Vec<u8> {
        let mut record = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://a.example/\r\n\
             WARC-Date: 2026-11-30T12:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n\
             Content-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        record.extend_from_slice(block);
        record.extend_from_slice(b"\r\n\r\n");
        record
    }

    #[test]
    fn damaged_warc_streams_end_in_problems_never_in_a_panic_or_a_hang() {
        let page = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>A page of the crawl, in full.</p>";
        let whole = [warc(page), warc(page), warc(page)].concat();
        let pages = |bytes: Vec<u8>| -> Vec<Item> {
            records(std::io::Cursor::new(bytes), "t".to_string(), 1 << 20).collect()
        };
        assert_eq!(pages(whole.clone()).iter().filter(|i| i.is_ok()).count(), 3);
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = |below: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % below as u64) as usize
        };
        for _ in 0..300 {
            let mut bytes = whole.clone();
            match next(3) {
                0 => bytes.truncate(next(whole.len())),
                1 => {
                    for _ in 0..1 + next(8) {
                        let at = next(bytes.len());
                        bytes[at] = next(256) as u8;
                    }
                }
                _ => bytes
                    .splice(next(whole.len()).., std::iter::repeat_n(b'x', next(5000)))
                    .for_each(drop),
            }
            // The stream ends: with at most the three records, and a
            // problem where what is left no longer parses as one.
            assert!(pages(bytes).len() <= 4);
        }
    }

    #[test]
    fn only_html_responses_are_pages() {
        assert!(
            html_payload(
                b"HTTP/1.1 200 OK\r\nContent-Type: Text/HTML; charset=utf-8\r\n\r\n<p>x</p>"
            )
            .is_ok()
        );
        let image = html_payload(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG");
        assert_eq!(image.unwrap_err(), "not HTML (Content-Type: image/png)");
        assert!(html_payload(b"not http at all").is_err());
    }
}
