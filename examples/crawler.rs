//! How a crawler plugs deboiler in. The example serves a small site of its
//! own on 127.0.0.1 (so it runs offline), crawls it breadth-first over plain
//! HTTP/1.0, and hands every fetched page, bytes and `Content-Type` as they
//! came, to one shared `Cleaner` from several worker threads.
//!
//! ```text
//! cargo run --example crawler
//! ```

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::thread;

use deboiler::{Cleaner, Input, RuleSet, rules::Selector};

/// The site the example serves: every page shares the same navigation,
/// cookie banner, newsletter box and footer, as real sites do.
fn site() -> BTreeMap<&'static str, String> {
    let page = |title: &str, body: &str| {
        format!(
            r#"<!doctype html><html><head><meta charset="utf-8"><title>{title}</title></head><body>
<div class="cookie"><p>We use cookies to improve your experience. Accept all</p></div>
<nav><a href="/">Home</a> <a href="/tides">Tides</a> <a href="/knots">Knots</a> <a href="/about">About</a></nav>
<main><h1>{title}</h1>{body}</main>
<aside class="newsletter"><p>Subscribe to our newsletter for a weekly tide table.</p></aside>
<footer><p>&copy; 2024 Sailing Notes. All rights reserved.</p></footer>
</body></html>"#
        )
    };
    BTreeMap::from([
        (
            "/",
            page(
                "Sailing Notes",
                "<p>Short guides for people who sail small boats, written by people who still get it wrong sometimes.</p><p>Start with <a href=\"/tides\">reading the tides</a> or <a href=\"/knots\">five knots worth knowing</a>.</p>",
            ),
        ),
        (
            "/tides",
            page(
                "Reading the tides",
                "<p>Tides follow the moon: two highs and two lows a day on most coasts, about fifty minutes later each day.</p><p>The rule of twelfths says the water rises one twelfth in the first hour, two in the second and three in the third.</p>",
            ),
        ),
        (
            "/knots",
            page(
                "Five knots worth knowing",
                "<p>The bowline makes a loop that will not slip and still unties after a load.</p><p>The clove hitch is quick to tie around a post, and the reef knot joins two ends of the same line.</p>",
            ),
        ),
        (
            "/about",
            page(
                "About",
                "<p>Sailing Notes is written by two sailors on the east coast, who answer every letter.</p>",
            ),
        ),
    ])
}

/// Serves the site until the process ends.
fn serve(listener: TcpListener) {
    let pages = site();
    for stream in listener.incoming().flatten() {
        let _ = answer(stream, &pages);
    }
}

fn answer(mut stream: TcpStream, pages: &BTreeMap<&str, String>) -> std::io::Result<()> {
    // Read the request head (bounded), so that closing leaves nothing unread.
    let mut request = Vec::new();
    let mut buffer = [0u8; 1024];
    while !request.ends_with(b"\r\n\r\n") && request.len() < 8192 {
        let n = stream.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        request.extend_from_slice(&buffer[..n]);
    }
    let request = String::from_utf8_lossy(&request);
    let path = request.split_whitespace().nth(1).unwrap_or("/");
    let (status, body) = match pages.get(path) {
        Some(body) => ("200 OK", body.as_str()),
        None => ("404 Not Found", "<p>not found</p>"),
    };
    let response = format!(
        "HTTP/1.0 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(response.as_bytes())
}

/// Fetches a path: the body bytes and the `Content-Type`, if any.
fn fetch(address: &str, path: &str) -> std::io::Result<(Vec<u8>, Option<String>)> {
    let mut stream = TcpStream::connect(address)?;
    stream.write_all(format!("GET {path} HTTP/1.0\r\nHost: {address}\r\n\r\n").as_bytes())?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(response.len(), |i| i + 4);
    let head = String::from_utf8_lossy(&response[..split]).to_string();
    let content_type = head
        .lines()
        .find_map(|l| l.strip_prefix("Content-Type: ").map(str::to_string));
    Ok((response[split..].to_vec(), content_type))
}

/// The same-site links of a page.
fn links(html: &str) -> Vec<String> {
    let selector = scraper::Selector::parse("a[href^='/']").expect("valid selector");
    scraper::Html::parse_document(html)
        .select(&selector)
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let address = listener.local_addr()?.to_string();
    thread::spawn(move || serve(listener));

    // One cleaner for the whole crawl: built once, shared by every worker.
    // The site's own template rules are scoped to it.
    let site_rules = RuleSet::empty()
        .with(Selector::parse("div.cookie")?.named("sailing-notes-cookie"))
        .scoped("127.0.0.1");
    let cleaner = Cleaner::builder()
        .rules(RuleSet::default().merge(site_rules))
        .build()?;

    // Crawl breadth-first; fetched pages go to workers over a channel.
    let (pages_tx, pages_rx) = mpsc::channel::<(String, Vec<u8>, Option<String>)>();
    let pages_rx = std::sync::Arc::new(std::sync::Mutex::new(pages_rx));
    let (results_tx, results_rx) = mpsc::channel();
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let cleaner = cleaner.clone();
            let pages_rx = pages_rx.clone();
            let results_tx = results_tx.clone();
            thread::spawn(move || {
                loop {
                    let next = pages_rx.lock().expect("queue lock").recv();
                    let Ok((url, body, content_type)) = next else {
                        break;
                    };
                    let input = Input::bytes(&body).url(&url);
                    let input = match content_type.as_deref() {
                        Some(content_type) => input.content_type(content_type),
                        None => input,
                    };
                    let result = cleaner.clean(input);
                    results_tx.send((url, result)).expect("results channel");
                }
            })
        })
        .collect();
    drop(results_tx);

    let mut queue = VecDeque::from(["/".to_string()]);
    let mut seen: HashSet<String> = queue.iter().cloned().collect();
    while let Some(path) = queue.pop_front() {
        let (body, content_type) = fetch(&address, &path)?;
        for link in links(&String::from_utf8_lossy(&body)) {
            if seen.insert(link.clone()) {
                queue.push_back(link);
            }
        }
        pages_tx.send((format!("http://{address}{path}"), body, content_type))?;
    }
    drop(pages_tx);
    for worker in workers {
        worker.join().expect("worker");
    }

    let mut results: Vec<_> = results_rx.into_iter().collect();
    results.sort_by(|a, b| a.0.cmp(&b.0));
    for (url, result) in results {
        let page = result?;
        println!(
            "== {url} (removed {} blocks)\n{}\n",
            page.removed().len(),
            page.text()
        );
    }
    Ok(())
}
