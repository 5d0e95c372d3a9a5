"""`tropebase check`, driven through click's runner as a user would type it."""

from __future__ import annotations

import json

from click.testing import CliRunner

from tropebase.cli import main

PAGE = """->A line.
!!Examples:
[[folder:Film]]
* ''Film/TheMapMakers'': a map.
** The sequel too.
[[/folder]]
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_check_prints_an_outline(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(PAGE)
    result = run("check", str(path))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["1", "->", "A", "line."]
    assert lines[1].split() == ["2", "!!", "Examples:"]
    assert '[folder "Film"] (to line 6)' in lines[2]
    assert lines[3].endswith("  * The Map Makers: a map.")
    assert lines[4].endswith("    ** The sequel too.")
    assert lines[-1] == "links (1): Film/TheMapMakers"


def test_check_html(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(PAGE)
    result = run("check", "--html", str(path))
    assert result.exit_code == 0
    assert '<details class="folder"><summary class="folderlabel">Film</summary>' in result.output
    assert '<a class="twikilink" href="/Film/TheMapMakers">' in result.output


def test_missing_file_is_one_line_error_naming_it(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("* fine")
    missing = tmp_path / "missing.txt"
    result = CliRunner().invoke(main, ["check", str(missing), str(good)])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if "missing.txt" in line and "cannot read" in line]
    assert len(errors) == 1
    assert "fine" in result.output  # the readable file is still checked


def test_file_that_is_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"first\nsecond caf\xe9\n")
    result = run("check", str(path))
    assert result.exit_code == 1
    assert f"{path}:2: not UTF-8 text" in result.output


def test_check_the_seed_page(corpus):
    result = run("check", str(corpus / "seed/000_c6e4ab0f9e8c430f.txt"))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert any(line.startswith("links (") for line in lines)
    assert any(line.endswith("plaintext → Main/NetorareGenre (Netorare Genre)") for line in lines)
    assert "  53 bullets in 9 sections" in lines


def test_check_json_prints_the_facts_of_every_page(tmp_path):
    lists = tmp_path / "films.json"
    lists.write_text('{"TheMapMakers": ["ChekhovsGun", "ChekhovsGun"], "DayOfRest": ["RedHerring"]}')
    result = run("check", "--format", "json", "--namespace", "Film", str(lists))
    assert result.exit_code == 0, result.output
    pages = json.loads(result.output)
    assert [p["page"] for p in pages] == ["Film/TheMapMakers", "Film/DayOfRest"]
    example = pages[0]["examples"][0]
    assert {k: example[k] for k in ("work", "trope", "medium", "depth", "parent", "play")} == {
        "work": "The Map Makers", "trope": "Main/ChekhovsGun", "medium": "film", "depth": 1, "parent": None,
        "play": "straight",
    }  # fmt: skip


def test_check_json_on_markup(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(PAGE)
    (page,) = json.loads(run("check", "--format", "json", str(path)).output)
    assert page["sections"] == [{"label": "Film", "medium": "film", "inferred": False, "line": 3}]
    assert [e["work"] for e in page["examples"]] == ["The Map Makers", "The Map Makers"]


def test_forced_format_and_bad_input(tmp_path):
    bad = tmp_path / "films.json"
    bad.write_text('{"A": ["X"]}\n{"B": 3}\n')
    result = CliRunner().invoke(main, ["check", "--format", "json", "--namespace", "Film", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:2: field 'B': expected a list of trope ids" in result.output
    assert json.loads(result.output[result.output.index("[") :]) == []
    no_ns = CliRunner().invoke(main, ["check", "--from", "tropelist", str(bad)])
    assert no_ns.exit_code == 1 and "needs the namespace" in no_ns.output


def test_html_page_is_detected(corpus):
    result = run("check", "--format", "json", str(corpus / "html/tropestogo/scraper__oldboy2003.html"))
    (page,) = json.loads(result.output)
    assert (page["page"], page["title"], page["kind"]) == ("Film/Oldboy2003", "Oldboy (2003)", "work")
    assert len(page["examples"]) == 161


def test_check_gives_a_trope_list_titles_from_a_title_book(tmp_path):
    lists = tmp_path / "films.json"
    lists.write_text(json.dumps({"ADogsPicnic": ["GrandmasTeapot"]}))
    book = tmp_path / "labels.jsonl"
    book.write_text(json.dumps({"work_id": "Film/ADogsPicnic", "work_label": "Film: A Dog's Picnic"}) + "\n")
    result = run("check", "--namespace", "Film", "--titles", str(book), "--format", "json", str(lists))
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["title"] == "A Dog's Picnic"
    without = run("check", "--namespace", "Film", "--format", "json", str(lists))
    assert json.loads(without.output)[0]["title"] == "A Dogs Picnic"
