"""No markup can make the renderer emit script: known XSS payloads in every construct, then random
markup from hypothesis, each read back with an independent HTML parser."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tropebase.markup import parse, to_html, to_text

from .html_safety import UnsafeHtml, assert_safe

PAYLOADS = [p for p in (Path(__file__).parent / "xss_payloads.txt").read_text().split("\n") if p]

# Every construct, with X where the payload goes.
PLACES = [
    "X", "''X''", "'''X'''", "'''''X'''''", "@@X@@", "[[spoiler:X]]", "[[note]]X[[/note]]",
    "[[labelnote:X]]body[[/labelnote]]", "[[labelnote:L]]X[[/labelnote]]", "[[folder:X]]\nbody\n[[/folder]]",
    "[[folder:F]]\nX\n[[/folder]]", "[[X text]]", "[[ChekhovsGun X]]", "[[https://example.org/X text]]",
    "[[https://example.org/ X]]", "[[X]]", "https://example.org/X", "http://X", "mailto:X", "{{X}}",
    "Film/{{X}}", "{{A|X}}", "Film/X", "[[quoteright:350:X]]", "[[quoteright:350:https://example.org/X]]",
    "[[caption-width-right:350:X]]", "[[redirect:X]]", "[[#X]]", "ChekhovsGun#X", "[=X=]", "[=~X~=]",
    "!X", "!!X", "!!!X", "* X", "** X", "# X", "->X", "-->-- X", "* a\n-->X", "%% X", "a %% X", "[[red:X]]",
    "[[AC:X]]", "[[strike:X]]", "[[center:X]]", "[[rtl:X]]", "[[--X--]]", "X\\\\\nX", "[[index]]\n* X\n[[/index]]",
    "[[{{X}} text]]", "[[Film/X text]]",
]  # fmt: skip


def test_payload_list_is_large_enough():
    assert len(PAYLOADS) >= 100
    assert len(PLACES) >= 40


def test_checker_catches_what_it_must():
    for bad in ("<script>x</script>", '<a href="javascript:x">', '<a href="&#106;avascript:x"></a>',
                '<img src="data:x" class="y">', '<span onclick="x"></span>', "<em>", "</em>", "<!-- x -->",
                '<a href=" JAVASCRIPT:x"></a>', '<span style="color:red"></span>'):  # fmt: skip
        with pytest.raises(UnsafeHtml):
            assert_safe(bad)
    assert_safe('<p><a class="twikilink" href="/Main/X">x</a> &lt;script&gt;</p>')


@pytest.mark.parametrize("place", PLACES)
def test_payloads_in_every_construct(place):
    for payload in PAYLOADS:
        markup = place.replace("X", payload)
        html = to_html(parse(markup))
        try:
            assert_safe(html)
        except UnsafeHtml as exc:
            raise AssertionError(f"{exc}\nmarkup: {markup!r}\nhtml: {html!r}") from None


MARKUP_PIECES = [
    "[[", "]]", "''", "'''", "'''''", "[[spoiler:", "[[note]]", "[[/note]]", "[[labelnote:", "[[/labelnote]]",
    "{{", "}}", "|", "[=", "=]", "~", "\n", "\n\n", "*", "**", "#", "+", "->", "-->", "----", "!!", "!",
    "[[folder:", "[[/folder]]", "[[foldercontrol]]", "[[index]]", "[[/index]]", "<script>", "</script>",
    "javascript:", "JaVaScRiPt:", "data:", "https://", "http://", "mailto:", '"', "'", "<", ">", "&", "&#106;",
    "ChekhovsGun", "Film/", "Main.", "@@", "%%", "\\\\", "[[quoteright:350:", "[[caption-width-right:350:",
    "[[redirect:", "[[#", "[[AC:", "[[--", "--]]", " onerror=", " ", "x", "Word",
]  # fmt: skip
random_markup = st.lists(st.one_of(st.sampled_from(MARKUP_PIECES), st.text(max_size=6)), max_size=60).map(
    "".join
)


@settings(max_examples=400, deadline=None)
@given(random_markup)
def test_random_markup_renders_safe_balanced_html(text):
    doc = parse(text)
    assert_safe(to_html(doc))
    to_text(doc)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_string_parses(text):
    assert_safe(to_html(parse(text)))
