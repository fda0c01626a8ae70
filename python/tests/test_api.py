"""The Python API: functions, results, options and errors."""

import json

import pytest

import deboiler

ARTICLE = (
    "<html lang='en'><head><title>Rebuilding the pier | Harbour News</title>"
    "<meta property='og:site_name' content='Harbour News'>"
    "<meta name='author' content='Mara Jones'>"
    "<meta property='article:published_time' content='2026-03-02T08:00:00Z'></head>"
    "<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
    "<article><h1>Rebuilding the pier</h1>"
    "<p>The pier reopens next week after two years of work on its pilings.</p>"
    "<p>Engineers replaced forty of the oak piles with steel and concrete ones.</p></article>"
    "<div id=comments><ol class=comment-list><li class=comment><article class=comment-body>"
    "<div class='comment-author vcard'><b class=fn>Tom</b> says:</div>"
    "<div class=comment-metadata><time>March 3, 2026</time></div>"
    "<div class=comment-content><p>Finally! I walked there every summer.</p></div>"
    "</article></li></ol></div>"
    "<footer>© 2026 Harbour News. All rights reserved.</footer></body></html>"
)


def test_clean_keeps_the_article_and_drops_the_rest():
    text = deboiler.clean(ARTICLE)
    assert "forty of the oak piles" in text
    assert "Home" not in text
    assert "All rights reserved" not in text
    assert "Finally!" not in text


def test_a_result_carries_text_markdown_metadata_and_removals():
    result = deboiler.Cleaner().clean(ARTICLE, url="https://harbour.example/pier")
    assert result.text.startswith("Rebuilding the pier")
    assert result.markdown().startswith("# Rebuilding the pier\n\n")
    metadata = result.metadata
    assert metadata["title"] == "Rebuilding the pier"
    assert metadata["authors"] == ["Mara Jones"]
    assert metadata["published"] == "2026-03-02T08:00:00Z"
    assert metadata["site_name"] == "Harbour News"
    assert metadata["language"] == "en"
    assert set(metadata) == {
        "title", "authors", "published", "modified", "site_name", "language",
        "url", "description", "tags", "image", "page_type",
    }
    rules = {removal.rule for removal in result.removed}
    assert "comments" in rules
    footer = [r for r in result.removed if "All rights reserved" in r.text]
    assert footer and footer[0].reason
    assert result.comments == []
    assert isinstance(result.warnings, list)


def test_comments_come_back_when_included():
    result = deboiler.Cleaner(include_comments=True).clean(ARTICLE)
    assert "Finally!" not in result.text
    [comment] = result.comments
    assert comment.author == "Tom says:"
    assert comment.date == "March 3, 2026"
    assert comment.text == "Finally! I walked there every summer."


def test_the_json_record_is_the_documented_schema():
    record = json.loads(deboiler.Cleaner().clean(ARTICLE).to_json())
    assert record["version"] == 1
    assert record["metadata"]["title"] == "Rebuilding the pier"
    assert [b["kind"] for b in record["blocks"]][:2] == ["heading", "paragraph"]
    assert all({"rule", "reason", "text"} <= set(r) for r in record["removed"])


def test_bytes_are_decoded_like_the_crate_does():
    latin1 = "<p>Grüße aus Köln, wo der Dom steht.</p>".encode("latin-1")
    # The HTTP header names the charset.
    assert deboiler.clean(latin1, content_type="text/html; charset=iso-8859-1") == (
        "Grüße aus Köln, wo der Dom steht."
    )
    # So does the page.
    assert deboiler.clean(b"<meta charset=iso-8859-1>" + latin1) == "Grüße aus Köln, wo der Dom steht."
    # Without any declaration, the encoding is detected.
    cyrillic = "<p>Улицата ще бъде затворена за три седмици през пролетта, казват от общината.</p>"
    assert deboiler.clean(cyrillic.encode("cp1251")) == cyrillic[3:-4]
    # A byte-order mark wins over both.
    utf16 = "\ufeff<p>Ein Absatz in UTF-16 mit Umlauten: äöü.</p>".encode("utf-16-le")
    assert deboiler.clean(utf16) == "Ein Absatz in UTF-16 mit Umlauten: äöü."


def test_kind_forces_html_or_text():
    markup_like = "Use <b> for bold text in your own pages, the guide says."
    assert deboiler.clean(markup_like, kind="text") == markup_like
    assert deboiler.clean(markup_like, kind="html") == "Use for bold text in your own pages, the guide says."
    with pytest.raises(ValueError, match="kind"):
        deboiler.clean(markup_like, kind="pdf")
    # Bytes are decoded first, then told apart.
    with pytest.raises(ValueError, match="kind applies to str"):
        deboiler.clean(markup_like.encode(), kind="text")


def test_presets_and_rule_files(tmp_path):
    assert "share-buttons" in deboiler.Cleaner().rule_names
    assert deboiler.Cleaner(preset="none").rule_names == []
    with pytest.raises(ValueError, match="unknown preset"):
        deboiler.Cleaner(preset="fancy")

    rules = tmp_path / "rules.toml"
    rules.write_text('preset = "none"\n[[rules]]\nname = "promos"\nselector = ".promo"\n')
    cleaner = deboiler.Cleaner(rules=rules)
    assert cleaner.rule_names == ["promos"]
    result = cleaner.clean("<p>Story text here.</p><div class=promo><p>Buy now!</p></div>")
    assert result.text == "Story text here."
    assert [(r.rule, r.text) for r in result.removed] == [("promos", "Buy now!")]

    bad = tmp_path / "bad.toml"
    bad.write_text('[[rules]]\nselector = "p[["\n')
    with pytest.raises(deboiler.InvalidRules, match="bad.toml") as error:
        deboiler.Cleaner(rules=str(bad))
    assert isinstance(error.value, ValueError)
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"preset": "strict", "rules": [{"colour": "red"}]}')
    with pytest.raises(ValueError, match="bad.json"):
        deboiler.Cleaner(rules=bad_json)


def test_a_missing_rule_file_is_an_os_error_that_names_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere.toml"):
        deboiler.Cleaner(rules=tmp_path / "nowhere.toml")


def test_a_rule_file_that_is_not_utf8_or_comes_with_a_preset_is_refused(tmp_path):
    latin1 = tmp_path / "latin1.toml"
    latin1.write_bytes('[[rules]]\nphrases = ["Abonnez-vous à la lettre"]\n'.encode("latin-1"))
    with pytest.raises(deboiler.InvalidRules, match="not UTF-8"):
        deboiler.Cleaner(rules=latin1)
    good = tmp_path / "good.toml"
    good.write_text('[[rules]]\nselector = ".promo"\n')
    with pytest.raises(deboiler.InvalidRules, match="not both"):
        deboiler.Cleaner(preset="strict", rules=good)


def test_errors_pickle_for_process_pools():
    import pickle

    error = pickle.loads(pickle.dumps(deboiler.InputTooLarge("input of 9 bytes is over the limit of 3 bytes")))
    assert type(error) is deboiler.InputTooLarge
    assert str(error) == "input of 9 bytes is over the limit of 3 bytes"


def test_limits_raise_their_exceptions_with_the_crates_message():
    with pytest.raises(deboiler.InputTooLarge, match="input of 101 bytes is over the limit of 100 bytes"):
        deboiler.Cleaner(max_input_bytes=100).clean(b"a" * 101)
    with pytest.raises(deboiler.TooManyBlocks, match="over the limit of 10 blocks"):
        deboiler.Cleaner(max_blocks=10).clean("<p>x</p>" * 11)
    assert issubclass(deboiler.InputTooLarge, deboiler.DeboilerError)
    assert issubclass(deboiler.DeboilerError, ValueError)


@pytest.mark.parametrize("page", [None, 42, 4.2, ["<p>x</p>"], bytearray(b"<p>x</p>")])
def test_a_page_that_is_not_str_or_bytes_is_a_type_error(page):
    with pytest.raises(TypeError, match="html_or_text must be str or bytes"):
        deboiler.clean(page)
    with pytest.raises(TypeError):
        deboiler.Cleaner().clean(page)


def test_wrong_arguments_are_type_errors():
    with pytest.raises(TypeError):
        deboiler.clean("<p>x</p>", wrong=True)
    with pytest.raises(TypeError):
        deboiler.clean("<p>x</p>", url=5)
    with pytest.raises(TypeError):
        deboiler.Cleaner(include_comments="yes")
    with pytest.raises(TypeError):
        deboiler.Cleaner(max_input_bytes="big")
    with pytest.raises(TypeError):
        deboiler.clean()
    # The parameters are named as documented.
    assert deboiler.clean(html_or_text="<p>Named, as the stub says.</p>", url=None) == "Named, as the stub says."


def test_the_package_is_typed_and_documented():
    from importlib.resources import files

    package = files("deboiler")
    assert package.joinpath("py.typed").is_file()
    assert "def clean(" in package.joinpath("_deboiler.pyi").read_text()
    for item in (deboiler.clean, deboiler.Cleaner, deboiler.Cleaner.clean, deboiler.Cleaned.markdown):
        assert item.__doc__


def test_markdown_links_and_images_are_options():
    page = (
        "<article><p>The pier reopens next week, <a href='/works'>the council says</a>, after two years.</p>"
        "<figure><img src='/pier.jpg' alt='The new pier'><figcaption>The pier at dawn.</figcaption></figure>"
        "<p>Engineers replaced forty of the oak piles with steel and concrete ones.</p></article>"
    )
    plain = deboiler.Cleaner().clean(page).markdown()
    assert "](/" not in plain
    rich = deboiler.Cleaner(markdown_links=True, markdown_images=True).clean(page).markdown()
    assert "[the council says](/works)" in rich
    assert "![The new pier](/pier.jpg) The pier at dawn." in rich
