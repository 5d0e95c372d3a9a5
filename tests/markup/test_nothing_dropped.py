"""Nothing the author typed disappears: markup is generated from a grammar that knows which words a
reader should see, and every one of them must be in the plain text of the parse."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tropebase.markup import parse, to_text

WORDS = st.sampled_from(
    ["apple", "river", "stone", "lantern", "quiet", "harbour", "maple", "tiger", "violet", "copper"]
)


@st.composite
def phrase(draw) -> tuple[str, list[str]]:
    words = draw(st.lists(WORDS, min_size=1, max_size=4))
    return " ".join(words), words


TEMPLATES = (
    "''X''", "'''X'''", "'''''X'''''", "@@X@@", "[[spoiler:X]]", "[[note]]X[[/note]]",
    "[[ChekhovsGun X]]", "[[https://example.org/ X]]", "[[strike:X]]", "[[AC:X]]", "[[red:X]]",
    "[[--X--]]", "[[caption-width-right:200:X]]",
    # unclosed or malformed: still text
    "''X", "[[spoiler:X", "X]]", "[[note]]X", "[[wibble:X]]", "{{X",
)  # fmt: skip


def _nest(children):
    wrapped = st.tuples(st.sampled_from(TEMPLATES), children).map(
        lambda p: (p[0].replace("X", p[1][0]), p[1][1])
    )
    pair = st.tuples(children, children).map(lambda p: (f"{p[0][0]} {p[1][0]}", p[0][1] + p[1][1]))
    return st.one_of(children, wrapped, pair)


inline = _nest(_nest(_nest(phrase())))
labelled = st.tuples(phrase(), inline).map(
    lambda p: (f"[[labelnote:{p[0][0]}]]{p[1][0]}[[/labelnote]]", p[0][1] + p[1][1])
)
escaped = phrase().map(lambda p: (f"[={p[0]}=]", p[1]))
curly = phrase().map(lambda p: (f"{{{{{p[0]}}}}}", p[1]))
any_inline = st.one_of(inline, labelled, escaped, curly)


@st.composite
def block(draw) -> tuple[str, list[str]]:
    text, words = draw(any_inline)
    prefix = draw(st.sampled_from(["", "* ", "** ", "*** ", "# ", "->", "-->", "!!", "!"]))
    return prefix + text, words


@st.composite
def page(draw) -> tuple[str, list[str]]:
    lines: list[str] = []
    words: list[str] = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["block", "block", "folder", "blank", "comment", "rule"]))
        if kind == "block":
            text, w = draw(block())
            lines.append(text)
            words += w
        elif kind == "folder":
            label, lw = draw(phrase())
            body = draw(st.lists(block(), min_size=1, max_size=3))
            lines.append(f"[[folder:{label}]]")
            lines += [b[0] for b in body]
            if draw(st.booleans()):
                lines.append("[[/folder]]")
            words += lw + [w for b in body for w in b[1]]
        elif kind == "blank":
            lines.append("")
        elif kind == "comment":
            lines.append("%% editors only")
        else:
            lines.append("----")
    return "\n".join(lines), words


@settings(max_examples=300, deadline=None)
@given(page())
def test_every_visible_word_reaches_the_text(generated):
    markup, words = generated
    seen = re.findall(r"[a-z]+", to_text(parse(markup)))
    missing = [w for w in set(words) if seen.count(w) < words.count(w)]
    assert not missing, f"missing {missing} from {markup!r}"
