from __future__ import annotations

import json

import pytest

from tropebase.ingest.load import detect_format, load, read_known_names
from tropebase.ingest.tropelists import parse_lists
from tropebase.sources import InputError


def test_known_names_from_lines_and_json_lines(tmp_path):
    plain = tmp_path / "names.txt"
    plain.write_text("Chekhov's Gun\nRed Herring\n\n")
    assert read_known_names(plain) == {"chekhovsgun", "redherring"}
    records = tmp_path / "names.jsonl"
    # a line separator inside a JSON string must not split the record (str.splitlines would)
    records.write_text(
        json.dumps({"trope_key": "wiseoldtree", "laconic": "Old\u2028tree"}, ensure_ascii=False) + "\n"
    )
    assert read_known_names(records) == {"wiseoldtree"}


def test_json_lines_with_unicode_line_separators(tmp_path):
    text = (
        json.dumps({"Odd\u2028Title": ["ChekhovsGun"]}, ensure_ascii=False)
        + "\n"
        + json.dumps({"B": ["RedHerring"]})
        + "\n"
    )
    assert list(parse_lists(text, "x.jsonl")) == ["Odd\u2028Title", "B"]


@pytest.mark.parametrize(
    ("name", "head", "fmt"),
    [
        ("films.json.bz2", "", "tropelist"),
        ("page.html", "", "tvt-html"),
        ("page.txt", "<html><body><div id='main-article'>", "tvt-html"),
        ("page.txt", "Intro\n\nExamples of Foo include:\n  • x", "plaintext"),
        ("page.txt", "* ''Work'': text", "markup"),
    ],
)
def test_detect_format(tmp_path, name, head, fmt):
    assert detect_format(tmp_path / name, head) == fmt


def test_unknown_forced_format_is_refused(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("x")
    with pytest.raises(InputError, match="unknown format 'yaml'"):
        load(path, "yaml")


@pytest.mark.parametrize(
    ("name", "page"),
    [("Film.Oldboy2003.txt", "Film/Oldboy2003"), ("chekhovs gun.txt", "Main/ChekhovsGun"),
     ("Main.RedHerring", "Main/RedHerring"), ("notes.markup", "Main/Notes")],
)  # fmt: skip
def test_a_markup_file_names_its_page(tmp_path, name, page):
    path = tmp_path / name
    path.write_text("A page.")
    (converted,) = load(path, "markup")
    assert converted.report.page == page
