"""A real datatrove pipeline: its WarcReader over a WARC file made here, the
deboiler extractor, its JsonlWriter; then the written texts are read back."""

import gzip
import io
import json

import pytest

pytest.importorskip("datatrove")
warcio = pytest.importorskip("warcio")

from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import WarcReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from deboiler.datatrove import Deboiler  # noqa: E402

STORY = (
    "<html lang='en'><head><title>Harbour board picks a builder | Harbour News</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
    "<article><h1>Harbour board picks a builder</h1>"
    "<p>The harbour board chose a builder on Tuesday for the new breakwater, after two rounds of bids.</p>"
    "<p>Work starts in spring and should take three years, the board's chair said after the vote.</p></article>"
    "<div id=comments><h3>2 responses</h3><ol class=comment-list><li class=comment>"
    "<div class='comment-author vcard'><b class=fn>Tom</b> says:</div>"
    "<div class=comment-content><p>About time, the old one is crumbling.</p></div></li></ol>"
    "<div id=respond><h3>Leave a Reply</h3><p>Please enter your comment!</p></div></div>"
    "<footer>© 2026 Harbour News. All rights reserved.</footer></body></html>"
)
RECIPE = (
    "<html><head><meta charset=iso-8859-1><title>Crème brûlée</title></head><body>"
    "<div class=cookie-banner><p>We use cookies to improve your experience. Accept all cookies?</p></div>"
    "<main><h1>Crème brûlée</h1><p>Heat the cream with the vanilla pod until it just simmers, then pour it over the yolks.</p></main>"
    "</body></html>"
)
ONLY_NAVIGATION = "<html><body><nav><a href='/'>Home</a> <a href='/about'>About</a></nav></body></html>"


def write_warc(path):
    with gzip.open(path, "wb") as file:
        writer = WARCWriter(file, gzip=False)

        def response(url, body: bytes, content_type):
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Identified-Payload-Type": content_type.split(";")[0]},
            )
            writer.write_record(record)

        response("https://harbour.example/board", STORY.encode(), "text/html; charset=utf-8")
        response("https://recipes.example/creme", RECIPE.encode("latin-1"), "text/html")
        response("https://harbour.example/menu", ONLY_NAVIGATION.encode(), "text/html")
        response("https://harbour.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")


def run_pipeline(tmp_path, **options):
    warcs, out = tmp_path / "warc", tmp_path / "out"
    warcs.mkdir()
    write_warc(warcs / "crawl.warc.gz")
    LocalPipelineExecutor(
        pipeline=[WarcReader(str(warcs)), Deboiler(**options), JsonlWriter(str(out), compression=None)],
        tasks=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    lines = [line for file in sorted(out.glob("*.jsonl")) for line in file.read_text().splitlines()]
    return {doc["metadata"]["url"]: doc for doc in map(json.loads, lines)}


def test_a_warc_pipeline_writes_the_clean_texts(tmp_path):
    docs = run_pipeline(tmp_path)
    # The image is not read; the page that is all navigation cleans to
    # nothing and is dropped.
    assert set(docs) == {"https://harbour.example/board", "https://recipes.example/creme"}

    story = docs["https://harbour.example/board"]
    assert story["text"] == (
        "Harbour board picks a builder\n\n"
        "The harbour board chose a builder on Tuesday for the new breakwater, after two rounds of bids.\n\n"
        "Work starts in spring and should take three years, the board's chair said after the vote."
    )
    assert story["metadata"]["deboiler"]["title"] == "Harbour board picks a builder"
    assert story["metadata"]["deboiler"]["language"] == "en"

    recipe = docs["https://recipes.example/creme"]
    assert recipe["text"] == (
        "Crème brûlée\n\nHeat the cream with the vanilla pod until it just simmers, then pour it over the yolks."
    )


def test_options_reach_the_cleaner_markdown_and_comments(tmp_path):
    docs = run_pipeline(tmp_path, output_format="markdown", include_comments=True, timeout=None)
    story = docs["https://harbour.example/board"]
    assert story["text"].startswith("# Harbour board picks a builder\n\n")
    [comment] = story["metadata"]["deboiler"]["comments"]
    assert comment["text"] == "About time, the old one is crumbling."
    assert "About time" not in story["text"]


def test_a_page_over_the_limits_is_skipped_and_the_run_goes_on(tmp_path):
    # The story is over 600 bytes, the recipe under: in datatrove's sandbox
    # process, the error comes back as an error, not as a dead process.
    docs = run_pipeline(tmp_path, max_input_bytes=600)
    assert set(docs) == {"https://recipes.example/creme"}
    [stats] = json.loads((tmp_path / "logs" / "stats" / "00000.json").read_text())[1:2]
    assert stats["name"].endswith("deboiler")
    assert stats["stats"]["clean_error"] == 1
    assert "broken_process" not in stats["stats"]


def test_bad_options_fail_when_the_pipeline_is_made(tmp_path):
    with pytest.raises(ValueError, match="unknown preset"):
        Deboiler(preset="fancy")
    with pytest.raises(ValueError, match="output_format"):
        Deboiler(output_format="html")


def test_the_step_pickles_for_slurm_and_ray_without_its_cleaner():
    import pickle

    step = Deboiler(preset="strict", output_format="markdown")
    copy = pickle.loads(pickle.dumps(step))
    assert copy._cleaner is None
    assert copy.extract(STORY).startswith("# Harbour board picks a builder")
