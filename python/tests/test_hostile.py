"""Any str or bytes cleans without crashing the interpreter: odd and hostile
input gives the text that is there, nothing, or an exception."""

import pytest

import deboiler

PARAGRAPH = "A paragraph of ordinary prose, long enough to be the content of the page."


def test_empty_and_whitespace_give_nothing():
    for page in ["", "   \n\t ", b"", b"\n\n"]:
        assert deboiler.clean(page) == ""


def test_nul_bytes_and_invalid_utf8_are_survived():
    assert PARAGRAPH in deboiler.clean(f"{PARAGRAPH}\0{PARAGRAPH}") or deboiler.clean(f"{PARAGRAPH}\0") == ""
    mangled = PARAGRAPH.encode() + b"\xff\xfe\xc3" + PARAGRAPH.encode()
    assert "ordinary prose" in deboiler.clean(mangled)


def test_lone_surrogates_are_replaced_not_refused():
    text = deboiler.clean(f"<p>{PARAGRAPH} \udcff</p>")
    assert text.startswith(PARAGRAPH)
    assert "\ufffd" in text


def test_binary_data_gives_nothing_and_says_why():
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    result = deboiler.Cleaner().clean(png)
    assert result.text == ""
    assert result.warnings


def test_deep_nesting_cleans_with_a_warning():
    html = "<div>" * 100_000 + f"<p>{PARAGRAPH}</p>" + "</div>" * 100_000
    result = deboiler.Cleaner().clean(html)
    assert result.text == PARAGRAPH
    assert any("depth" in warning or "nest" in warning for warning in result.warnings)


def test_huge_attributes_and_repeats():
    assert deboiler.clean(f"<p title='{'x' * (1 << 20)}'>{PARAGRAPH}</p>") == PARAGRAPH
    assert deboiler.clean(f"<p>{PARAGRAPH}</p>" * 100_000) == PARAGRAPH


@pytest.mark.parametrize(
    "name",
    ["deep-unclosed-lists.html", "mixed-garbage.bin", "truncated-attribute.html", "unterminated-script.html"],
)
def test_the_crates_fuzz_regressions(repo, name):
    data = (repo / "tests" / "fuzz-regressions" / name).read_bytes()
    assert isinstance(deboiler.clean(data), str)
    assert isinstance(deboiler.clean(data.decode("utf-8", "surrogateescape")), str)
