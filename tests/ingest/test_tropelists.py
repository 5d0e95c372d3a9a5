from __future__ import annotations

import bz2
import gzip
import json

import pytest

from tropebase.catalog import compile_page
from tropebase.ingest.tropelists import convert_lists, parse_lists, read_tropelists
from tropebase.markup import parse
from tropebase.sources import InputError

LISTS = {
    "TheMapMakers": ["ChekhovsGun", "RedHerring", "ChekhovsGun", "chekhovsgun", "Woobie"],
    "DayOfRest": ["redherring", "BittersweetEnding"],
}


def pages(lists=LISTS):
    return {c.report.page: c for c in convert_lists(lists, "Film", "lists.json")}


def test_one_work_page_per_work_with_duplicates_collapsed():
    converted = pages()
    maps = converted["Film/TheMapMakers"]
    assert maps.report.duplicates == 2 and maps.report.bullets == 3
    facts = compile_page(parse(maps.markup), "Film/TheMapMakers", title=maps.report.title)
    assert facts.kind == "work"
    assert [e.trope for e in facts.examples] == ["Main/ChekhovsGun", "Main/RedHerring", "Main/Woobie"]
    assert {e.medium for e in facts.examples} == {"film"}


def test_case_variants_are_written_with_capitals_seen_anywhere():
    rest = pages()["Film/DayOfRest"]
    facts = compile_page(parse(rest.markup), "Film/DayOfRest")
    assert [e.trope for e in facts.examples] == ["Main/RedHerring", "Main/BittersweetEnding"]


@pytest.mark.parametrize("opener", [open, gzip.open, bz2.open], ids=["plain", "gz", "bz2"])
def test_reads_plain_and_compressed_json_and_jsonl(tmp_path, opener):
    suffix = {open: "", gzip.open: ".gz", bz2.open: ".bz2"}[opener]
    whole = tmp_path / f"lists.json{suffix}"
    with opener(whole, "wt", encoding="utf-8") as f:
        json.dump(LISTS, f)
    lines = tmp_path / f"lists.jsonl{suffix}"
    with opener(lines, "wt", encoding="utf-8") as f:
        for work, tropes in LISTS.items():
            f.write(json.dumps({work: tropes}) + "\n")
    for path in (whole, lines):
        assert [c.report.page for c in read_tropelists(path, "Film")] == [
            "Film/TheMapMakers",
            "Film/DayOfRest",
        ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", ":1: empty file"),
        ('{"A": ["X"]}\n{"B": "X"}\n', ":2: field 'B': expected a list of trope ids"),
        ('{"A": ["X"]}\nnot json\n', ":2: not a JSON line"),
        ("[1, 2]", ":1: expected an object"),
    ],
)
def test_bad_input_names_the_line(text, message):
    with pytest.raises(InputError, match=f"^lists.json{message}"):
        parse_lists(text, "lists.json")


def test_bad_lines_are_listed_and_the_rest_read_when_asked():
    text = '{"A": ["X"]}\nnot json\n[1]\n{"B": "X", "C": ["Y"]}\n'
    problems: list[str] = []
    assert parse_lists(text, "lists.jsonl", problems) == {"A": ["X"], "C": ["Y"]}
    assert problems == [
        "lists.jsonl:2: not a JSON line (Expecting value)",
        "lists.jsonl:3: expected an object {work: [trope, …]}",
        "lists.jsonl:4: field 'B': expected a list of trope ids",
    ]


def test_a_file_with_nothing_readable_is_refused_even_when_bad_lines_are_allowed():
    with pytest.raises(
        InputError, match=r"^lists.jsonl:1: not a JSON line .* \(and 1 more bad lines\); nothing"
    ):
        parse_lists("not json\nnor this\n", "lists.jsonl", [])


def test_the_films_corpus(corpus):
    converted = list(read_tropelists(corpus / "films-tropes/films_tropes_20190501.json.bz2", "Film"))
    # 11,846 film ids, 15 of which differ from another only in case: one page each pair
    assert len(converted) == 11_846 - 15
    # 632,315 listed pairs: what is not a bullet was collapsed as a duplicate (same trope, any case)
    bullets = sum(c.report.bullets for c in converted)
    assert bullets + sum(c.report.duplicates for c in converted) == 632_315
    assert 564_000 < bullets < 566_027


def test_works_whose_names_differ_only_in_case_make_one_page():
    lists = {"TheBigRain": ["ChekhovsGun"], "TheBIGRain": ["RedHerring", "ChekhovsGun"]}
    (page,) = convert_lists(lists, "Film", "lists.json")
    assert page.report.page == "Film/TheBigRain"
    facts = compile_page(parse(page.markup), page.report.page)
    assert [e.trope for e in facts.examples] == ["Main/ChekhovsGun", "Main/RedHerring"]
    assert page.report.duplicates == 1
