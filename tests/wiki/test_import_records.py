"""Trope records imported into the wiki: trope pages whose examples are rows and appearances."""

from __future__ import annotations

from pathlib import Path

import pytest

from tropebase.ingest.load import load
from tropebase.wiki.imports import ImportTally, store_pages
from tropebase.wiki.models import Example, Page

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parents[1] / "ingest" / "data" / "trope_records.jsonl"


def test_records_become_trope_pages_with_example_rows():
    tally = ImportTally()
    list(store_pages(load(DATA, problems=[]), tally=tally))
    assert (tally.created, tally.failed) == (2, [])
    page = Page.objects.get(key="main/forgottenumbrella")
    assert (page.title, page.kind) == ("Forgotten Umbrella", "trope")
    rows = Example.objects.filter(page=page, depth=1).order_by("position")
    assert [(e.work_title, e.work_key) for e in rows] == [
        ("The Drizzle Diaries", "main/thedrizzlediaries"),
        ("Wet Socks", "film/wetsocks"),
        ("Puddle ''Jumpers''", "main/puddlejumpers"),
    ]
