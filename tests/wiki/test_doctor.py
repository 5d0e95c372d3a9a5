"""tropebase doctor: the integrity checks, drift between stored facts and a fresh compile, and repair."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from django.db import connection

from tropebase.cli import load_demo, main
from tropebase.wiki import doctor
from tropebase.wiki.models import Example, Link, Page, Revision
from tropebase.wiki.store import rebuild_facts, save_page

pytestmark = pytest.mark.django_db(transaction=True)


def run_doctor(*args: str):
    return CliRunner().invoke(main, ["doctor", *args], catch_exceptions=False)


def drifting() -> dict[str, list[str]]:
    return {d.page.target: d.differences for d in doctor.find_drift(batch=7) if isinstance(d, doctor.Drift)}


def test_a_saved_catalog_is_clean():
    """Every kind of fact the demo has (examples with parents and spoilers, relations, aliases, quotes,
    redirects) is stored exactly as the doctor compiles it."""
    load_demo()
    save_page(
        "Main/ForgottenUmbrella", "A trope.\n\n!!Examples\n* ''Film/DayOfRest'': rain[[note]]wet[[/note]]."
    )
    assert doctor.integrity_problems() == []
    assert drifting() == {}
    result = run_doctor()
    assert result.exit_code == 0 and "integrity: ok" in result.output and " 0 drifting" in result.output


def test_drift_is_named_and_repaired():
    load_demo()
    gun = Page.objects.get(key="main/chekhovsgun")
    Example.objects.filter(page__key="main/eviltwin").delete()
    Page.objects.filter(id=gun.id).update(kind="other")
    Link.objects.filter(page=gun).delete()
    found = drifting()
    assert set(found) == {"Main/EvilTwin", "Main/ChekhovsGun"}
    assert found["Main/ChekhovsGun"][0] == "kind: stored 'other', compiled 'trope'"
    assert found["Main/ChekhovsGun"][1].startswith("links: 0 stored, ")
    assert found["Main/EvilTwin"][0].startswith("examples: 0 stored, ")
    result = run_doctor()
    assert result.exit_code == 1 and "drift: Main/EvilTwin: examples: 0 stored" in result.output
    repaired = run_doctor("--repair")
    assert repaired.exit_code == 0 and "2 drifting, 2 repaired" in repaired.output
    assert drifting() == {} and Page.objects.get(id=gun.id).kind == "trope"
    assert Revision.objects.filter(page=gun).count() == 1  # a repair writes facts, never a revision


def test_changed_example_text_is_drift():
    page = save_page("Main/ForgottenUmbrella", "A trope.\n\n!!Examples\n* ''Film/DayOfRest'': rain.").page
    Example.objects.filter(page=page).update(text="snow")
    assert drifting() == {"Main/ForgottenUmbrella": ["examples: 1 stored, 1 compiled, 1 differ"]}
    assert rebuild_facts(page) and drifting() == {}


def test_integrity_problems_are_found():
    one = save_page("Main/ForgottenUmbrella", "A trope.").page
    two = save_page("Main/BorrowedUmbrella", "Another trope.").page
    Page.objects.filter(id=one.id).update(current=two.current)
    problems = doctor.integrity_problems()
    assert problems == ["main/forgottenumbrella: its current revision belongs to main/borrowedumbrella"]
    result = run_doctor("--repair")
    assert result.exit_code == 1 and "integrity: main/forgottenumbrella" in result.output


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PRAGMA integrity_check is SQLite's")
def test_sqlite_integrity_check_runs():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA integrity_check")
        assert cursor.fetchall() == [("ok",)]
    assert doctor.integrity_problems() == []


def test_an_edit_of_a_titled_work_page_stays_clean():
    save_page("Film/ThorRagnarok", "* ChekhovsGun: the hammer.", title="Thor: Ragnarok")
    save_page("Film/ThorRagnarok", "* ChekhovsGun: the hammer, again.")
    assert drifting() == {}
