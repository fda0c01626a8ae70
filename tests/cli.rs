//! The command line, as a user runs it.
#![cfg(feature = "cli")]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

fn deboiler() -> Command {
    Command::new(env!("CARGO_BIN_EXE_deboiler"))
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn clean_prints_the_cleaned_text_of_a_file() {
    let out = deboiler()
        .args(["clean", &fixture("article.txt")])
        .output()
        .unwrap();
    assert!(out.status.success());
    let expected = std::fs::read_to_string(fixture("article.expected.txt")).unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim_end(),
        expected.trim_end()
    );
}

#[test]
fn clean_reads_gzip_from_standard_input_and_explains() {
    let html = std::fs::read(fixture("wordpress_article.html")).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&html).unwrap();
    let gz = gz.finish().unwrap();
    let mut child = deboiler()
        .args(["clean", "-", "--explain"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&gz).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("When we bought the old sloop"));
    assert!(!text.contains("Leave a Reply"));
    let explain = String::from_utf8(out.stderr).unwrap();
    assert!(explain.contains("[page-chrome]"), "{explain}");
}

#[test]
fn a_bad_rule_file_fails_with_its_line() {
    let dir = tempdir("bad-rules");
    let rules = dir.join("rules.toml");
    std::fs::write(&rules, "preset = \"none\"\n[[rules]]\nselector = \"p[\"\n").unwrap();
    let out = deboiler()
        .args([
            "clean",
            &fixture("article.txt"),
            "--rules",
            rules.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let error = String::from_utf8(out.stderr).unwrap();
    assert!(error.contains("line 3"), "{error}");
}

#[test]
fn batch_writes_one_json_line_per_file_the_same_for_any_job_count() {
    let dir = tempdir("batch");
    std::fs::copy(fixture("article.txt"), dir.join("seed.txt")).unwrap();
    std::fs::copy(fixture("news_page.html"), dir.join("news.html")).unwrap();
    std::fs::copy(fixture("wordpress_article.html"), dir.join("wp.htm")).unwrap();
    std::fs::write(dir.join("notes.md"), "not taken").unwrap();
    let run = |jobs: &str, out: &Path| batch(&dir, out, &["--jobs", jobs]);
    let one = run("1", &dir.join("one.jsonl"));
    let two = run("2", &dir.join("two.jsonl"));
    assert_eq!(one, two);
    let ids: Vec<String> = one
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(ids, ["news", "seed", "wp"]);
    let seed: serde_json::Value = serde_json::from_str(one.lines().nth(1).unwrap()).unwrap();
    assert!(
        seed["text"]
            .as_str()
            .unwrap()
            .starts_with("China Congratulates Putin")
    );
}

/// Runs `deboiler batch DIR --out OUT EXTRA...` and returns what it wrote.
fn batch(dir: &Path, out: &Path, extra: &[&str]) -> String {
    let status = deboiler()
        .args([
            "batch",
            dir.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .args(extra)
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::read_to_string(out).unwrap()
}

fn tempdir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("deboiler-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn include_comments_gives_them_back_in_clean_and_batch() {
    let dir = tempdir("comments");
    let page = "<article><h1>Pier reopens</h1><p>The pier reopens next week after two years of work on its pilings.</p></article>\
        <div id=comments><ol class=comment-list><li class=comment><article class=comment-body>\
        <div class=comment-author><b class=fn>Mara</b></div>\
        <div class=comment-content><p>Finally, I walked there every summer as a child.</p></div>\
        </article></li></ol></div>";
    std::fs::write(dir.join("pier.html"), page).unwrap();
    let out = dir.join("out.jsonl");
    let written = batch(&dir, &out, &["--include-comments"]);
    let line: serde_json::Value = serde_json::from_str(written.trim()).unwrap();
    assert!(!line["text"].as_str().unwrap().contains("Finally"));
    assert_eq!(
        line["comments"],
        serde_json::json!(["Finally, I walked there every summer as a child."])
    );
    let printed = deboiler()
        .args([
            "clean",
            dir.join("pier.html").to_str().unwrap(),
            "--include-comments",
        ])
        .output()
        .unwrap();
    let printed = String::from_utf8(printed.stdout).unwrap();
    assert!(
        printed.starts_with("Pier reopens\n\nThe pier reopens"),
        "{printed}"
    );
    assert!(
        printed.contains("---\nMara\nFinally, I walked there"),
        "{printed}"
    );
    // Without the flag, no comments field and no comments printed.
    let plain = deboiler()
        .args(["clean", dir.join("pier.html").to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!String::from_utf8(plain.stdout).unwrap().contains("Finally"));
}
