"""Offline copies (HTTrack and the like): every address rewritten to a relative file, the original kept
in the link's `title`. A page read from such a copy must import exactly as the page it copies."""

from __future__ import annotations

from pathlib import Path

import pytest

from tropebase.catalog import compile_page
from tropebase.ingest.tvt_html import convert, decode_html, read_tvt_html
from tropebase.markup import links, parse
from tropebase.sources import InputError

from ..conftest import CORPUS
from .offline_copy import offline_copy

HERE = Path(__file__).parent
ARTICLES = sorted((CORPUS / "html").glob("*/*.html"))


def _without_comments(markup: str) -> list[str]:
    # the copier rewrites addresses inside HTML comments too; those are kept as comment lines
    return [line for line in markup.splitlines() if not line.startswith("%%")]


def test_handmade_offline_copy_keeps_links_examples_and_nesting():
    converted = read_tvt_html(HERE / "data" / "offline_trope.html")
    assert converted.report.page == "Main/UmbrellaOfDoom"
    doc = parse(converted.markup)
    facts = compile_page(doc, converted.report.page, title=converted.report.title)
    assert set(links(doc)) == {
        "Main/SwordCane", "Film/TheDrizzlingMenace", "Literature/PuddleJumpers",
    }  # fmt: skip
    # `SwordCane-2.html` (the copier saved the page twice) is the same page; `<dl><dd>` nests a bullet
    assert [(e.work, e.depth, e.medium) for e in facts.examples] == [
        ("The Drizzling Menace", 1, "film"),
        ("The Drizzling Menace", 3, "film"),  # `***` under `*`
        ("Puddle Jumpers", 1, "literature"),
    ]
    assert [r.target for r in facts.relations] == ["Main/SwordCane"]


@pytest.mark.parametrize("index", range(len(ARTICLES)), ids=[p.name for p in ARTICLES])
def test_corpus_page_resaved_offline_imports_the_same(index):
    path = ARTICLES[index]
    text = decode_html(path.read_bytes(), str(path))
    try:
        original = convert(text, str(path))
    except InputError:
        return
    # half the pages keep the address in `title`; the other half only as a `Name-2.html` file path
    resaved = convert(offline_copy(text, keep_title=index % 2 == 0, duplicate_suffix=index % 2 == 1))
    assert (resaved.report.page, resaved.report.title, resaved.report.part_of) == (
        original.report.page, original.report.title, original.report.part_of,
    )  # fmt: skip
    assert _without_comments(resaved.markup) == _without_comments(original.markup)
