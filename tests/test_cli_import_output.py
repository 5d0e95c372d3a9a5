"""What `tropebase import` tells the person running it: the database it writes to, a summary of the
importer's guesses (every one with --verbose), and on Ctrl-C what was saved and that a re-run is safe."""

from __future__ import annotations

import itertools

import pytest
from click.testing import CliRunner

from tropebase.cli import main
from tropebase.wiki import imports
from tropebase.wiki.models import Page

from .conftest import SEED

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_wiki_command_names_its_database(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("A trope about maps.")
    for args in (["import", str(page)], ["search", "maps"], ["doctor"]):
        result = CliRunner().invoke(main, args)
        assert "tropebase: database " in result.stderr, args
        assert ("SQLite " in result.stderr) or ("PostgreSQL " in result.stderr)
        assert "tropebase: database" not in result.stdout  # stdout may carry data


def test_guesses_are_one_summary_line_unless_verbose(corpus):
    known = str(corpus / "laconic/trope_laconic.jsonl")
    quiet = CliRunner().invoke(main, ["import", "--known", known, str(SEED)])
    assert quiet.exit_code == 0, quiet.output
    assert "  guessed " not in quiet.stdout
    assert "guesses (--verbose lists them)" in quiet.stdout
    Page.objects.all().delete()
    loud = CliRunner().invoke(main, ["import", "--verbose", "--known", known, str(SEED)])
    assert "  guessed " in loud.stdout and "--verbose lists them" not in loud.stdout


def test_ctrl_c_says_what_was_saved_and_that_a_rerun_is_safe(tmp_path, monkeypatch):
    for name in ("Maps", "Rivers", "Bridges"):
        (tmp_path / f"{name}.txt").write_text(f"A trope about {name.lower()}.")
    real = imports.store_pages

    def interrupted(pages, **kwargs):
        yield from real(itertools.islice(pages, 1), **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(imports, "store_pages", interrupted)
    result = CliRunner().invoke(main, ["import", str(tmp_path)])
    assert result.exit_code == 130
    assert "interrupted: 1 created, 0 changed, 0 unchanged so far" in result.stderr
    assert "Running the same import again is safe" in result.stderr
    assert Page.objects.count() == 1
