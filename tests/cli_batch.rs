//! `deboiler batch` at crawl scale: JSON Lines and WARC input, site
//! profiles, and bad input that is reported and skipped.
#![cfg(feature = "cli")]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn deboiler() -> Command {
    Command::new(env!("CARGO_BIN_EXE_deboiler"))
}

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("deboiler-batch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `deboiler ARGS...` with `stdin` as standard input.
fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = deboiler()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn json_lines(output: &[u8]) -> Vec<Value> {
    String::from_utf8(output.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

const STORY: &str = "The harbour wall will be rebuilt before the winter storms arrive, the council decided on Tuesday after a long debate.";

#[test]
fn json_lines_from_standard_input_keep_their_fields_and_a_bad_line_is_skipped() {
    let input = format!(
        "{}\nnot json at all\n{}\n",
        serde_json::json!({"url": "https://news.example/a", "html": format!("<nav><a href=/>Home</a></nav><p>{STORY}</p>"), "lang": "en", "id": "a"}),
        serde_json::json!({"url": "https://news.example/b", "text": format!("{STORY}\n\n{STORY}")}),
    );
    let out = run(&["batch", "-"], input.as_bytes());
    assert_eq!(out.status.code(), Some(3));
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["url"], "https://news.example/a");
    assert_eq!(lines[0]["lang"], "en");
    assert_eq!(lines[0]["text"], STORY);
    assert_eq!(lines[0]["removed"], 1);
    assert!(lines[0].get("html").is_none());
    // Without an id, the line number is the id.
    assert_eq!(lines[1]["id"], "3");
    assert_eq!(lines[1]["text"], STORY);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("<stdin>:2: not a JSON object"), "{stderr}");
    assert!(stderr.contains("1 of 3 inputs skipped"), "{stderr}");
}

/// One WARC record.
fn record(kind: &str, uri: &str, n: usize, block: &[u8]) -> Vec<u8> {
    let mut record = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
         WARC-Date: 2026-11-30T12:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-00000000000{n}>\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    record.extend_from_slice(block);
    record.extend_from_slice(b"\r\n\r\n");
    record
}

fn response(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut block = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    block.extend_from_slice(body);
    block
}

/// A crawl's WARC file: its info record, a request, two HTML pages (one in
/// Latin-1, as its HTTP header says) and an image between them.
fn crawl() -> Vec<Vec<u8>> {
    let latin1 = b"<html><body><p>Gr\xfc\xdfe aus K\xf6ln: the harbour wall will be rebuilt before the winter storms.</p></body></html>";
    let page = format!(
        "<html><body><nav><a href=/>Home</a></nav><article><p>{STORY}</p></article></body></html>"
    );
    vec![
        record("warcinfo", "", 1, b"software: test\r\n"),
        record(
            "request",
            "https://news.example/koeln",
            2,
            b"GET /koeln HTTP/1.1\r\n\r\n",
        ),
        record(
            "response",
            "https://news.example/koeln",
            3,
            &response("text/html; charset=iso-8859-1", latin1),
        ),
        record(
            "response",
            "https://news.example/logo.png",
            4,
            &response("image/png", b"\x89PNG\r\n\x1a\n...."),
        ),
        record(
            "response",
            "https://news.example/harbour",
            5,
            &response("text/html", page.as_bytes()),
        ),
    ]
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

#[test]
fn warc_files_give_their_html_responses_and_report_the_others() {
    let dir = tempdir("warc");
    let records = crawl();
    let plain = dir.join("crawl.warc");
    std::fs::write(&plain, records.concat()).unwrap();
    // Gzipped as crawlers write it: one gzip member per record.
    let gzipped = dir.join("crawl.warc.gz");
    std::fs::write(
        &gzipped,
        records.iter().flat_map(|r| gzip(r)).collect::<Vec<u8>>(),
    )
    .unwrap();
    let mut outputs = Vec::new();
    for path in [&plain, &gzipped] {
        let out = run(&["batch", path.to_str().unwrap()], b"");
        assert_eq!(out.status.code(), Some(3));
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.contains(
                "record 4 (https://news.example/logo.png): not HTML (Content-Type: image/png)"
            ),
            "{stderr}"
        );
        let lines = json_lines(&out.stdout);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["url"], "https://news.example/koeln");
        assert!(
            lines[0]["text"]
                .as_str()
                .unwrap()
                .starts_with("Grüße aus Köln")
        );
        assert_eq!(
            lines[1]["id"],
            "<urn:uuid:00000000-0000-0000-0000-000000000005>"
        );
        assert_eq!(lines[1]["text"], STORY);
        outputs.push(out.stdout);
    }
    assert_eq!(outputs[0], outputs[1]);
}

#[test]
fn a_warc_file_cut_off_inside_a_record_gives_what_came_before() {
    let dir = tempdir("truncated");
    let whole = crawl().concat();
    // Cut in the middle of the last record's HTML.
    let cut = &whole[..whole.len() - 60];
    for (name, bytes) in [("cut.warc", cut.to_vec()), ("cut.warc.gz", gzip(cut))] {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = run(&["batch", path.to_str().unwrap()], b"");
        assert_eq!(out.status.code(), Some(3), "{name}");
        let lines = json_lines(&out.stdout);
        assert_eq!(lines.len(), 1, "{name}");
        assert_eq!(lines[0]["url"], "https://news.example/koeln");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains("record 5"), "{name}: {stderr}");
        assert!(stderr.contains("truncated"), "{name}: {stderr}");
    }
}

#[test]
fn a_corrupt_warc_record_is_reported_with_its_number() {
    let dir = tempdir("corrupt");
    let records = crawl();
    let mut bytes = records[..3].concat();
    bytes.extend_from_slice(b"GARBAGE where a record should start\r\nno: warc\r\n\r\n");
    let path = dir.join("corrupt.warc");
    std::fs::write(&path, bytes).unwrap();
    let out = run(&["batch", path.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(json_lines(&out.stdout).len(), 1);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("corrupt.warc: record 4: corrupt or truncated WARC record"),
        "{stderr}"
    );
}

#[test]
fn an_unreadable_file_and_a_page_over_the_limit_are_skipped_and_the_rest_is_cleaned() {
    let dir = tempdir("bad");
    let pages = dir.join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    std::fs::write(pages.join("small.html"), format!("<p>{STORY}</p>")).unwrap();
    std::fs::write(
        pages.join("big.html"),
        format!("<p>{}</p>", STORY.repeat(100)),
    )
    .unwrap();
    let missing = dir.join("missing.jsonl");
    let out = run(
        &[
            "batch",
            missing.to_str().unwrap(),
            pages.to_str().unwrap(),
            "--max-bytes",
            "2000",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(3));
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["id"], "small");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("missing.jsonl: cannot read"), "{stderr}");
    assert!(
        stderr.contains("big.html: over the limit of 2000 bytes"),
        "{stderr}"
    );
}

/// Ten pages of one site: each its own story, in the site's template.
fn site_pages() -> String {
    let subjects = [
        "bridge", "library", "harbour", "market", "school", "station", "museum", "park", "river",
        "castle",
    ];
    subjects
        .iter()
        .enumerate()
        .map(|(n, subject)| {
            let html = format!(
                "<html><body><div><p>The Ashdown Courier, honest reporting from the five valleys since 1901.</p>\
                 <h1>News of the {subject}</h1><p>The {subject} will open again in the spring after a year of work, \
                 the council said on Tuesday, and the town is pleased about the {subject} at last.</p>\
                 <p>Our Friday digest lands in your inbox before breakfast, and it costs you nothing at all.</p></div></body></html>"
            );
            serde_json::json!({"url": format!("https://courier.example/{subject}"), "html": html, "id": n}).to_string() + "\n"
        })
        .collect()
}

#[test]
fn profiles_learned_on_two_machines_and_merged_clean_like_learn_sites() {
    let dir = tempdir("profiles");
    let all = site_pages();
    let path = |name: &str| dir.join(name).to_str().unwrap().to_string();
    std::fs::write(path("all.jsonl"), &all).unwrap();
    let lines: Vec<&str> = all.lines().collect();
    std::fs::write(path("a.jsonl"), lines[..4].join("\n")).unwrap();
    std::fs::write(path("b.jsonl"), lines[4..].join("\n")).unwrap();

    let learned = run(
        &["batch", &path("all.jsonl"), "--learn-sites", "--jobs", "2"],
        b"",
    );
    assert!(learned.status.success());
    let learned = json_lines(&learned.stdout);
    assert_eq!(learned.len(), 10);
    for line in &learned {
        let text = line["text"].as_str().unwrap();
        assert!(
            !text.contains("Ashdown Courier") && !text.contains("Friday digest"),
            "{text}"
        );
        assert!(text.starts_with("News of the"), "{text}");
    }
    // Without the profiles the site's lines stay.
    let plain = json_lines(&run(&["batch", &path("all.jsonl")], b"").stdout);
    assert!(
        plain
            .iter()
            .any(|l| l["text"].as_str().unwrap().contains("Friday digest"))
    );

    for part in ["a", "b"] {
        let out = run(
            &[
                "profile",
                "learn",
                &path(&format!("{part}.jsonl")),
                "--out",
                &path(&format!("{part}.json")),
            ],
            b"",
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = run(
        &[
            "profile",
            "merge",
            &path("a.json"),
            &path("b.json"),
            "--out",
            &path("ab.json"),
        ],
        b"",
    );
    assert!(out.status.success());
    let merged = run(
        &[
            "batch",
            &path("all.jsonl"),
            "--profile",
            &path("ab.json"),
            "--jobs",
            "1",
        ],
        b"",
    );
    assert!(merged.status.success());
    assert_eq!(json_lines(&merged.stdout), learned);
    // `clean` takes the profiles file too.
    let page = serde_json::from_str::<Value>(lines[0]).unwrap()["html"]
        .as_str()
        .unwrap()
        .to_string();
    let one = run(
        &[
            "clean",
            "--profile",
            &path("ab.json"),
            "--url",
            "https://courier.example/x",
        ],
        page.as_bytes(),
    );
    assert_eq!(
        String::from_utf8(one.stdout).unwrap().trim_end(),
        learned[0]["text"].as_str().unwrap()
    );
}

#[test]
fn the_output_is_in_input_order_for_any_number_of_jobs() {
    let all = site_pages().repeat(5);
    let one = run(&["batch", "-", "--jobs", "1"], all.as_bytes());
    let three = run(&["batch", "-", "--jobs", "3"], all.as_bytes());
    assert!(one.status.success() && three.status.success());
    assert_eq!(one.stdout, three.stdout);
    assert_eq!(json_lines(&one.stdout).len(), 50);
}

#[test]
fn learn_sites_refuses_standard_input_clearly() {
    let out = run(&["batch", "-", "--learn-sites"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("standard input cannot be read twice")
    );
}

#[test]
fn formats_put_markdown_in_the_text_or_write_the_whole_record() {
    let html = format!(
        "<html lang=en><head><title>Harbour wall | Courier</title></head><body><article><h1>Harbour wall</h1><p>{STORY}</p><p>The plan has two parts, the council said:</p><ul><li>The first part of the plan is to rebuild the sea wall from its old stones.</li><li>The second part of the plan is to raise the quay by half a metre.</li></ul></article></body></html>"
    );
    let input =
        serde_json::json!({"url": "https://news.example/wall", "html": html, "lang_hint": "en"})
            .to_string();
    let markdown = run(&["batch", "-", "--format", "markdown"], input.as_bytes());
    assert!(markdown.status.success());
    let line = &json_lines(&markdown.stdout)[0];
    let text = line["text"].as_str().unwrap();
    assert!(text.contains("- The first part of the plan"), "{text}");
    let json = run(&["batch", "-", "--format", "json"], input.as_bytes());
    let record = &json_lines(&json.stdout)[0];
    assert_eq!(record["url"], "https://news.example/wall");
    assert_eq!(record["lang_hint"], "en");
    assert_eq!(record["version"], 1);
    assert_eq!(record["metadata"]["language"], "en");
    assert!(
        record["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b["kind"] == "list_item")
    );
    assert!(record["removed"].is_array());
    let clean = run(&["clean", "-", "--format", "json"], html.as_bytes());
    let record: Value = serde_json::from_slice(&clean.stdout).unwrap();
    assert_eq!(record["metadata"]["title"], "Harbour wall");
}
