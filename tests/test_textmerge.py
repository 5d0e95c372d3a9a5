from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tropebase.textmerge import merge3

BASE = "\n".join(f"line {i}" for i in range(10))


def edit(text: str, index: int, new: str) -> str:
    lines = text.split("\n")
    lines[index] = new
    return "\n".join(lines)


def test_edits_to_different_lines_both_survive():
    ours = edit(BASE, 2, "ours changed")
    theirs = edit(BASE, 7, "theirs changed")
    result = merge3(BASE, ours, theirs)
    assert result.clean
    assert result.text() == edit(ours, 7, "theirs changed")


def test_insertions_and_deletions_merge():
    ours = BASE.replace("line 3\n", "")
    theirs = BASE.replace("line 8", "line 8\nnew after 8")
    merged = merge3(BASE, ours, theirs)
    assert merged.clean
    assert merged.text() == ours.replace("line 8", "line 8\nnew after 8")


def test_same_change_on_both_sides_is_taken_once():
    both = edit(BASE, 4, "same")
    assert merge3(BASE, both, both).text() == both


def test_different_changes_to_one_line_conflict_and_keep_all_text():
    ours = edit(BASE, 5, "ours")
    theirs = edit(BASE, 5, "theirs")
    result = merge3(BASE, ours, theirs)
    assert not result.clean
    (conflict,) = result.conflicts
    assert (conflict.base, conflict.ours, conflict.theirs) == (["line 5"], ["ours"], ["theirs"])
    text = result.text()
    assert "ours" in text and "theirs" in text and "line 4" in text and "line 6" in text


lines = st.lists(st.sampled_from(["a", "b", "c", "d", "e", ""]), max_size=12).map("\n".join)


@given(lines, lines)
def test_one_sided_edits_merge_to_that_edit(base, other):
    assert merge3(base, base, other).text() == other
    assert merge3(base, other, base).text() == other


@given(lines, lines, lines)
def test_every_line_of_both_edits_is_in_the_result(base, ours, theirs):
    text = merge3(base, ours, theirs).text().split("\n")
    for side in (ours, theirs):
        for line in side.split("\n"):
            if line not in base.split("\n"):
                assert line in text
