"""`tropebase check`, driven through click's runner as a user would type it."""

from __future__ import annotations

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
    assert result.output.splitlines()[-1].startswith("links (")
