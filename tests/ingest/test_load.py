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


# Every construct a markup page can open with; none of them is a JSON trope list.
PAGE_OPENINGS = [
    "[[quoteright:350:https://example.org/umbrella.png]]\n", "[[redirect:ForgottenUmbrella]]\n",
    "[[folder:Film]]\n* x\n[[/folder]]\n", "[[foldercontrol]]\n", "[[index]]\n* ChekhovsGun\n[[/index]]\n",
    "[[caption-width-right:350:An umbrella.]]\n", "[[ChekhovsGun A gun]] on the wall.\n",
    "[[spoiler:It rains.]]\n", "[[note]]A note.[[/note]]\n", "[[AC:Big]] letters\n", "[[strike:gone]]\n",
    "[[labelnote:why]]because[[/labelnote]]\n", "[[https://example.org/ a site]]\n", "[[#top]] anchor\n",
    "[=[[not a link]]=] text\n", "{{Forgotten Umbrella}} is a trope.\n", "{{Happy End|ing}}s\n",
    "* ''Film/Puddles'': wet.\n", "!!Examples:\n", "->''A quote.''\n", "----\n", "%% a comment\n",
    "  [[quoteright:350:https://example.org/a.png]]\n",
]  # fmt: skip


@pytest.mark.parametrize("opening", PAGE_OPENINGS)
def test_a_markup_page_is_markup_whatever_it_opens_with(tmp_path, opening):
    path = tmp_path / "Main.ForgottenUmbrella.txt"
    path.write_text(opening + "\nAn umbrella left behind.\n", encoding="utf-8")
    assert detect_format(path, path.read_text()) == "markup"
    [page] = load(path)
    assert page.report.page == "Main/ForgottenUmbrella"


@pytest.mark.parametrize("head", ['{"Puddles": ["ChekhovsGun"]}', '[{"Puddles": []}]', '[ "x" ]', "[]"])
def test_json_is_still_a_trope_list(tmp_path, head):
    assert detect_format(tmp_path / "films.txt", head) == "tropelist"


def test_a_compressed_saved_page_with_the_format_given(tmp_path):
    import bz2

    from ..conftest import CORPUS

    source = CORPUS / "html" / "tropestogo" / "scraper__oldboy2003.html"  # Windows-1252, no charset
    packed = tmp_path / "oldboy.html.bz2"
    packed.write_bytes(bz2.compress(source.read_bytes()))
    [given] = load(packed, "tvt-html")
    [detected] = load(packed)
    [plain] = load(source)
    assert given.markup == detected.markup == plain.markup
    assert given.report.page == "Film/Oldboy2003"


def test_a_folder_per_namespace_names_its_pages(tmp_path):
    (tmp_path / "Film").mkdir()
    path = tmp_path / "Film" / "Puddles.txt"
    path.write_text("* ForgottenUmbrella: on the bus.\n")
    assert load(path)[0].report.page == "Film/Puddles"
