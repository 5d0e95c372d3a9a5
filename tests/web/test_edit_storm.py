"""A short edit storm against `tropebase serve` on this run's database (bench/edit_storm.py is the long
one): no edit is lost and no request fails, also when editors create the same new page at once."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from edit_storm import create_race, served_wiki, storm


@pytest.fixture(scope="module")
def served():
    with served_wiki(workers=2, database_url=os.environ.get("DATABASE_URL")) as wiki:
        yield wiki


def test_concurrent_edits_end_in_history_or_give_the_text_back(served):
    tally = storm(served, "Main/StormPage", clients=8, edits=4, deadline_s=120)
    assert tally.submitted == 32
    assert tally.lost == [] and tally.server_errors == 0
    assert len(tally.saved_tokens) + tally.conflicts == 32
    assert len(tally.saved_tokens) > 8  # merges, not only conflicts: edits of different lines go through


def test_creating_one_new_page_at_once(served):
    tally = create_race(served, "Main/RacedNewPage", clients=8)
    assert tally.lost == [] and tally.server_errors == 0
    assert len(tally.saved_tokens) >= 1 and len(tally.saved_tokens) + tally.conflicts == 8
