"""Trope records ({name, short_name, categories, descriptions: {<Work>: text, general: text}}) → trope
pages with their examples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tropebase.catalog import compile_page
from tropebase.ingest.load import detect_format, load
from tropebase.markup import parse
from tropebase.sources import InputError

DATA = Path(__file__).parent / "data" / "trope_records.jsonl"


def _facts(converted):
    return compile_page(parse(converted.markup), converted.report.page, title=converted.report.title)


def test_records_are_detected_from_their_content(tmp_path):
    head = DATA.read_text(encoding="utf-8")[:4096]
    assert detect_format(Path("records.txt"), head) == "records"
    assert detect_format(Path("x.json"), '[\n {"descriptions": {"general": "x"}, "name": "A"}]') == "records"
    assert detect_format(Path("x.json"), '{"WetSocks": ["ForgottenUmbrella"]}') == "tropelist"


def test_each_record_is_a_trope_page_with_its_examples():
    problems: list[str] = []
    pages = load(DATA, problems=problems)
    assert problems == [f"{DATA}:3: expected a record with a 'descriptions' object"]
    assert [(p.report.page, p.report.title, p.report.bullets) for p in pages] == [
        ("Main/ForgottenUmbrella", "Forgotten Umbrella", 3),
        ("Main/KettleWhistleCue", "Kettle Whistle Cue", 2),
    ]
    umbrella = _facts(pages[0])
    assert umbrella.kind == "trope"
    got = [(e.work, e.work_page, e.depth, e.play, e.text) for e in umbrella.examples]
    assert got == [
        ("The Drizzle Diaries", None, 1, "straight", "The Drizzle Diaries: Mara leaves hers on the tram in the first chapter."),
        ("Wet Socks", "Film/WetSocks", 1, "straight", "Wet Socks: Both brothers forget theirs, each thinking the other has one."),
        ("Wet Socks", "Film/WetSocks", 2, "straight", "In the sequel they buy one each, and lose both."),
        ("Puddle ''Jumpers''", None, 1, "subverted", "Puddle ''Jumpers'': Subverted: the umbrella [[is]] remembered, but it is the wrong one."),
    ]  # fmt: skip
    assert "Weather Tropes" in pages[0].report.notes[0]
    assert "Usually on the way home." in pages[0].markup
    kettle = _facts(pages[1])
    assert [(e.work, e.text) for e in kettle.examples] == [
        ("Teatime at Noon", "Teatime at Noon: The kettle interrupts the proposal."),
        ("Teatime at Noon", "Teatime at Noon: Again in the finale, this time for the breakup."),
    ]


def test_a_json_array_of_records_and_a_strict_refusal(tmp_path):
    records = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    whole = tmp_path / "tropes.json"
    whole.write_text(json.dumps(records[:2], indent=1), encoding="utf-8")
    assert [p.report.page for p in load(whole)] == ["Main/ForgottenUmbrella", "Main/KettleWhistleCue"]
    with pytest.raises(InputError, match=r"trope_records.jsonl:3: expected a record"):
        load(DATA)
