"""save_edit: a stale edit is merged against the newest revision, again when another save races it,
and ends in a conflict that gives the text back when it cannot be merged."""

from __future__ import annotations

import pytest

from tropebase.wiki import edits, pagecache
from tropebase.wiki.edits import save_edit
from tropebase.wiki.models import Page
from tropebase.wiki.store import save_page

pytestmark = pytest.mark.django_db

TEXT = "\n".join(f"Line {i}." for i in range(1, 7))


def test_a_merge_that_races_another_save_is_merged_again(monkeypatch):
    save_page("Main/Kettle", TEXT)
    real_save = edits.save_page
    raced = []

    def racing_save(target, text, **kwargs):
        if len(raced) < 2:  # before each of the first two tries, someone else saves another line
            n = len(raced) + 1
            current = Page.objects.get(key="main/kettle").current
            real_save(target, current.text.replace(f"Line {n}.", f"Line {n} (theirs)."), base=current.number)
            raced.append(n)
        return real_save(target, text, **kwargs)

    monkeypatch.setattr(edits, "save_page", racing_save)
    outcome = save_edit("Main/Kettle", TEXT.replace("Line 6.", "Line 6 (mine)."), base=1)
    assert outcome.status == "merged" and outcome.merged_with == 3
    text = Page.objects.get(key="main/kettle").current.text
    assert "Line 1 (theirs)." in text and "Line 2 (theirs)." in text and "Line 6 (mine)." in text


def test_same_lines_end_in_a_conflict_with_both_sides():
    save_page("Main/Kettle", TEXT)
    save_page("Main/Kettle", TEXT.replace("Line 3.", "Line 3 (theirs)."), base=1)
    outcome = save_edit("Main/Kettle", TEXT.replace("Line 3.", "Line 3 (mine)."), base=1)
    assert outcome.status == "conflict" and outcome.conflicts == 1 and outcome.theirs.number == 2
    assert "Line 3 (mine)." in outcome.conflict_text and "Line 3 (theirs)." in outcome.conflict_text
    assert Page.objects.get(key="main/kettle").current.number == 2


def test_a_second_creator_gets_a_merge_or_conflict_not_an_error():
    assert save_edit("Main/Kettle", "First words.", base=0).status == "saved"
    outcome = save_edit("Main/Kettle", "Other first words.", base=0)
    assert outcome.status == "conflict" and "Other first words." in outcome.conflict_text


def test_cache_drops_of_a_page_naming_tens_of_thousands_of_tropes_are_batched(
    monkeypatch, django_capture_on_commit_callbacks
):
    """A save that commits reports success: the cache drop of 40,000 keys goes in batches."""
    sizes = []
    real = pagecache.cache.delete_many
    monkeypatch.setattr(pagecache.cache, "delete_many", lambda keys: sizes.append(len(keys)) or real(keys))
    text = "A long work page.\n----\n" + "\n".join(f"* TropeNumber{i}: it happens." for i in range(20_000))
    with django_capture_on_commit_callbacks(execute=True):
        result = save_page("Film/LongWork", text)
    assert result.changed and len(result.facts.examples) == 20_000
    assert max(sizes) <= 2 * pagecache.DROP_BATCH and sum(sizes) >= 40_000
