"""The query grammar: terms, filters, canonical form, error positions, and what looks like a query."""

from __future__ import annotations

import pytest

from tropebase.catalog.querylang import PRESENT_PLAYS, QueryError, looks_like_query, parse


def test_the_example_from_the_issue():
    q = parse('NetorareGenre +LoveTriangle -Rape medium:Anime,Manga play:any -"Bad End"')
    assert [t.name for t in q.include] == ["NetorareGenre", "LoveTriangle"]
    assert [t.name for t in q.exclude] == ["Rape", "Bad End"]
    assert q.media == ["anime_manga"] and q.plays is None
    assert str(q) == 'NetorareGenre +LoveTriangle -Rape -"Bad End" medium:anime_manga play:any'
    assert q.exclude[1].position == q.exclude[1].position and parse(str(q)).include == q.include


def test_play_values():
    assert parse("A").plays == PRESENT_PLAYS and "averted" not in PRESENT_PLAYS
    assert parse("A play:averted,defied").plays == {"averted", "defied"}
    assert parse("A play:present,averted").plays == PRESENT_PLAYS | {"averted"}


@pytest.mark.parametrize(
    ("text", "position", "length"),
    [("", 0, 1), ("A medium:Nope", 9, 4), ("A colour:red", 2, 7), ('A -"B', 3, 1), ("A play:", 2, 5),
     ("A medium:Film,,Anime", 14, 1), ("A + B", 2, 1), ("A play:any,averted", 7, 3), ('A B"C', 2, 3)],
)  # fmt: skip
def test_errors_point_at_what_is_wrong(text, position, length):
    with pytest.raises(QueryError) as caught:
        parse(text)
    assert (caught.value.position, caught.value.length) == (position, length)
    assert caught.value.pointer(text).split("\n")[1] == " " * position + "^" * length


@pytest.mark.parametrize(
    ("text", "expected"),
    [("chekhov", False), ("Love Triangle", False), ("spider-man", False), ("寝取られ", False),
     ("A -B", True), ("+LoveTriangle", True), ("medium:film", True), ('-"Bad End"', True), ("time: 5", False)],
)  # fmt: skip
def test_looks_like_query(text, expected):
    assert looks_like_query(text) is expected
