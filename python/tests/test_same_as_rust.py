"""The package gives what the Rust crate gives: the command line's JSON
record (text, blocks, metadata, removals) and Markdown, page for page."""

import gzip
import json
import shutil
import subprocess
from pathlib import Path

import pytest

import deboiler

REPO = Path(__file__).resolve().parents[2]
WCXB = REPO.parent / "shared" / "data" / "wcxb-dev"


def pages():
    fixtures = [REPO / "tests" / "fixtures" / name for name in ("wordpress_article.html", "news_page.html", "article.txt")]
    # A few pages of the development set too, where it is at hand.
    wcxb = sorted((WCXB / "html").glob("*.html.gz"))[:5] if WCXB.is_dir() else []
    return fixtures + wcxb


def rust_cli(*args: str) -> str:
    if shutil.which("cargo") is None:
        pytest.skip("cargo is not on PATH")
    # --all-features: the build `cargo test --all-features` already made.
    command = ["cargo", "run", "--quiet", "--all-features", "--bin", "deboiler", "--", *args]
    return subprocess.run(command, cwd=REPO, check=True, capture_output=True, text=True).stdout


@pytest.mark.parametrize("page", pages(), ids=lambda path: path.name)
def test_the_record_and_the_markdown_are_the_crates(page):
    data = page.read_bytes()
    result = deboiler.Cleaner().clean(gzip.decompress(data) if page.suffix == ".gz" else data)
    assert json.loads(result.to_json()) == json.loads(rust_cli("clean", "--format", "json", str(page)))
    assert result.markdown() == rust_cli("clean", "--format", "markdown", str(page)).removesuffix("\n")
    assert result.text
