"""`tropebase export` and restoring with `tropebase import`: files, refusal, --merge."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdflib import Graph

from tropebase.cli import main
from tropebase.wiki.models import Appearance, Page
from tropebase.wiki.store import save_page

pytestmark = pytest.mark.django_db(transaction=True)


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_export_every_format_and_restore(tmp_path):
    save_page("Main/LampLighter", "A lamp lighter.\n\n* ''Film/TheLampKeeper'': lights it.\n")
    save_page("Film/TheLampKeeper", "''The Lamp Keeper''\n\n* LampLighter: the keeper.\n")
    dump = tmp_path / "dump.jsonl"
    assert run("export", "--format", "jsonl", "-o", str(dump)).exit_code == 0
    for fmt, name in (("csv", "examples.csv"), ("ttl", "catalog.ttl")):
        assert run("export", "--format", fmt, "-o", str(tmp_path / name)).exit_code == 0
    assert (
        run("export", "--format", "csv", "--table", "appearances", "-o", str(tmp_path / "a.csv")).exit_code
        == 0
    )
    assert len(Graph().parse(tmp_path / "catalog.ttl", format="turtle")) > 0
    assert (tmp_path / "examples.csv").read_text().startswith("id,page,trope,")
    refused = run("import", str(dump))
    assert refused.exit_code == 1 and "already has pages" in refused.output
    merged = run("import", "--merge", str(dump))
    assert merged.exit_code == 0 and "2 pages already here" in merged.output
    Page.objects.all().delete()
    Appearance.objects.all().delete()
    restored = run("import", str(dump))
    assert restored.exit_code == 0 and "restored: 2 pages, 2 revisions" in restored.output
    again = tmp_path / "again.jsonl"
    run("export", "-o", str(again))
    assert again.read_bytes() == dump.read_bytes()
