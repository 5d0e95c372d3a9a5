"""List items by source line: the renderer tags the items it is asked to (`data-line`), and a page's
stored HTML can then have such items marked or left out whole without being parsed again."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tropebase.markup import parse, to_html
from tropebase.markup.render_html import drop_items, mark_items

from .html_safety import assert_safe
from .test_safety import PAYLOADS, random_markup

TEXT = (
    "A trope.\n"  # 1
    "* ''Film/Puddles'': [[spoiler:the <li> in the rain]].\n"  # 2
    "** Also in the sequel.\n"  # 3
    "*** ''Film/Storm'' copies it.\n"  # 4
    "* ''Film/DryRun'': dry.\n"  # 5
    "* ''Film/Storm'': wet.\n"  # 6
    "\n"
    "The end.\n"
)


def test_only_the_lines_asked_for_are_tagged():
    assert to_html(parse(TEXT)) == to_html(parse(TEXT), lines=set())  # nothing asked: the HTML as before
    html = to_html(parse(TEXT), lines={2, 4, 5, 6})
    assert html.count("data-line=") == 4 and '<li data-line="2">' in html and '<li data-line="3">' not in html
    assert re.sub(r' data-line="\d+"', "", html) == to_html(parse(TEXT))  # and nothing else changed


def test_marked_items_get_a_class_and_a_note_at_their_start():
    html = to_html(parse(TEXT), lines={2, 4, 5, 6})
    marked, found = mark_items(html, {2: '<span class="badge">note</span>', 9: "x"}, "avoided")
    assert found == {2}
    assert '<li data-line="2" class="avoided"><span class="badge">note</span> <em>' in marked
    assert marked.count("<li") == html.count("<li") and marked.count("</li>") == html.count("</li>")


def test_dropped_items_go_whole_with_what_is_nested_in_them():
    html = to_html(parse(TEXT), lines={2, 4, 5, 6})
    dropped, found = drop_items(html, {2, 4, 7})
    assert found == {2, 4}  # 4 went with 2, which holds it; 7 is no tagged item
    assert "rain" not in dropped and "sequel" not in dropped and "copies" not in dropped
    assert '<li data-line="5">' in dropped and '<li data-line="6">' in dropped and "The end." in dropped
    assert dropped.count("<li") == dropped.count("</li>") == 2
    assert dropped.count("<ul>") == dropped.count("</ul>") == 1
    inner, found = drop_items(html, {4})
    assert found == {4} and "copies" not in inner and "sequel" in inner and "rain" in inner
    assert inner.count("<li") == inner.count("</li>") == 4


def test_text_that_looks_like_a_tag_is_escaped_and_never_taken_for_one():
    html = to_html(
        parse("* ''Film/A'': a <li> and </li> and <li data-line=\"1\">.\n* ''Film/B'': b.\n"), lines={1, 2}
    )
    dropped, found = drop_items(html, {1})
    assert found == {1} and dropped.startswith("<ul>\n") and "Film/B" in dropped and "&lt;li" not in dropped


@settings(max_examples=300, deadline=None)
@given(random_markup, st.sets(st.integers(1, 40)), st.sets(st.integers(1, 40)))
def test_any_markup_stays_safe_and_balanced_marked_or_cut(text, tagged, chosen):
    html = to_html(parse(text), lines=tagged)
    assert_safe(html)
    marked, found = mark_items(html, dict.fromkeys(chosen, '<span class="badge">x</span>'), "avoided")
    assert_safe(marked)
    assert found <= chosen & tagged
    dropped, found = drop_items(html, chosen)
    assert_safe(dropped)
    assert found <= chosen & tagged
    assert not any(f'data-line="{n}"' in dropped for n in chosen)


def test_payloads_in_tagged_items_cannot_escape_them():
    for payload in PAYLOADS:
        html = to_html(parse(f"* ''Film/A'': {payload}\n** {payload}\n* ''Film/B'': b.\n"), lines={1, 2, 3})
        dropped, found = drop_items(html, {1})
        assert (
            found == {1}
            and dropped
            == '<ul>\n<li data-line="3"><em><a class="twikilink" href="/Film/B">B</a></em>: b.</li>\n</ul>\n'
        ), payload
