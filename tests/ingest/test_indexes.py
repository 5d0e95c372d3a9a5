"""Index data → index pages: sub-indexes merged, repeats collapsed, cycles kept, relations compiled."""

from __future__ import annotations

import json

import pytest

from tropebase.catalog import compile_page
from tropebase.ingest.indexes import convert_indexes, parse_indexes
from tropebase.ingest.load import detect_format, load
from tropebase.markup import parse
from tropebase.sources import InputError

DATA = {
    "WeatherTropes": {
        "RainTropes": ["SadRain", "RainyDay", "SadRain", "RainTropes"],
        "SnowTropes": ["SnowDay"],
    },
    "SkyTropes": {"RainTropes": ["Drizzle"], "WeatherTropes": ["Rainbow", "Hail"]},
}


def test_parse_merges_and_dedupes():
    lists = parse_indexes(json.dumps(DATA), "x.json")
    assert lists["RainTropes"] == ["SadRain", "RainyDay", "RainTropes", "Drizzle"]
    assert lists["WeatherTropes"] == ["RainTropes", "SnowTropes", "Rainbow", "Hail"]
    with pytest.raises(InputError):
        parse_indexes('{"A": ["B"]}', "x.json")


def test_index_pages_compile_to_indexes_relations():
    pages = {c.report.page: c for c in convert_indexes(parse_indexes(json.dumps(DATA), "x.json"), "x.json")}
    facts = compile_page(parse(pages["Main/WeatherTropes"].markup), "Main/WeatherTropes")
    assert facts.kind == "index" and not facts.examples
    assert [(r.kind, r.target) for r in facts.relations] == [
        ("indexes", "Main/RainTropes"), ("indexes", "Main/SnowTropes"), ("indexes", "Main/Rainbow"),
        ("indexes", "Main/Hail"),
    ]  # fmt: skip
    rain = compile_page(parse(pages["Main/RainTropes"].markup), "Main/RainTropes")
    assert "Main/RainTropes" not in [r.target for r in rain.relations]  # listing itself adds no edge


def test_the_real_index_data(corpus):
    path = corpus / "indexes" / "tvtropes_indexes.json"
    assert detect_format(path, path.read_text()[:4096]) == "index"
    pages = {c.report.page: c for c in load(path)}
    assert len(pages) == 495 and "Main/GenreTropes" in pages and "Main/LoveTropes" in pages
    genres = compile_page(parse(pages["Main/GenreTropes"].markup), "Main/GenreTropes")
    assert {"Main/LoveTropes", "Main/HorrorTropes"} <= {r.target for r in genres.relations}
