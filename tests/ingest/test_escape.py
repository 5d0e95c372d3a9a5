"""Plain text written into markup reads back as the same text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tropebase.ingest.escape import escape_inline, escape_line_start, italic
from tropebase.markup import parse, to_text
from tropebase.markup.nodes import Styled

PIECES = ["''", "'''", "'", "[[", "]]", "{{", "}}", "[=", "=]", "@@", "%%", "\\\\", "ChekhovsGun", "NPCs",
          "Film/Alien", "Main.Foo", "*", "#", "!", "->", "----", "[[note]]", "~", " ", "word", "x"]  # fmt: skip
plain_line = st.lists(st.one_of(st.sampled_from(PIECES), st.text("abc XYZ,.", max_size=4)), max_size=20).map(
    lambda parts: "".join(parts).strip()
)


@settings(max_examples=300, deadline=None)
@given(plain_line)
def test_escaped_text_reads_back_unchanged(text):
    markup = escape_line_start(escape_inline(text))
    assert to_text(parse(markup)) == text


@given(st.text("ab' ", min_size=1, max_size=10).map(str.strip).filter(bool))
def test_italic_title_is_one_italic_with_the_title(title):
    (node,) = parse(italic(title)).children[0].children
    assert isinstance(node, Styled) and node.style == "italic"
    assert to_text(parse(italic(title))) == title
