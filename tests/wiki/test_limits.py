"""Names longer than their columns and text PostgreSQL cannot store are refused by save_page with a
message, the same on SQLite (which would store them) and PostgreSQL (which would fail mid-save); what a
page's text states is cut to fit the facts tables instead of failing the save."""

from __future__ import annotations

import pytest

from tropebase.catalog.facts import PageFacts
from tropebase.wiki.limits import NameTooLong, PageRefused, fit_facts
from tropebase.wiki.models import Example, Link, Page, Quote, Relation
from tropebase.wiki.store import save_page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("target", "title", "field", "limit"),
    [
        ("Main/" + "Ab" * 101, None, "name", 200),
        ("N" * 101 + "/RedHerring", None, "namespace", 100),
        ("N" * 100 + "/" + "T" * 200, None, "address", 300),
        ("Main/RedHerring", "A" * 301, "title", 300),
        ("Main/" + "A1a" * 66, None, "title", 300),  # the title made from the name: 'A 1a a 1a …'
    ],
)
def test_names_longer_than_the_columns(target, title, field, limit):
    with pytest.raises(NameTooLong, match=f"^The page {field} is [0-9]+ characters long; at most {limit}"):
        save_page(target, "A trope.", title=title)
    assert not Page.objects.exists()


@pytest.mark.parametrize(("text", "title", "message"), [
    ("A trope.\nWith a \x00 byte.", None, "The page text holds a NUL byte .line 2."),
    ("A trope.", "Red\x00Herring", "The page title holds a NUL byte"),
    ("A \ud800 trope.", None, "The page text is not Unicode text .at character 2."),
])  # fmt: skip
def test_text_no_database_can_store_is_refused(text, title, message):
    with pytest.raises(PageRefused, match=message):
        save_page("Main/RedHerring", text, title=title)
    assert not Page.objects.exists()


def test_what_the_text_states_is_cut_to_fit_the_facts_tables():
    long_name = "Ab" * 200
    text = "\n".join([
        f"A trope. See also {long_name}, and RedHerring.",
        "->''It was raining.''",
        "-->-- " + "S" * 600,
        "----",
        "[[folder:" + "L" * 400 + "]]",
        f"* {long_name}: played straight.",
        f"* ''Film/{long_name}'': on the bus.",
        "* ''" + "W" * 400 + "'': left at home.",
        "[[/folder]]",
    ])  # fmt: skip
    page = save_page("Main/ForgottenUmbrella", text).page
    assert page.current.text == text  # the text keeps everything as written
    assert set(Link.objects.values_list("target_key", flat=True)) == {"main/redherring"}
    assert list(Relation.objects.values_list("target", flat=True)) == ["Main/RedHerring"]
    assert [len(s) for s in Quote.objects.values_list("source", flat=True)] == [500]
    rows = list(Example.objects.order_by("position"))
    assert {len(r.section) for r in rows} == {300} and rows[0].section.endswith("L…")
    assert all(len(r.trope_key) <= 300 and len(r.work_key) <= 300 and len(r.work_title) <= 300 for r in rows)
    assert rows[-1].work_title == "W" * 299 + "…"


def test_a_redirect_to_a_name_no_page_can_have_is_refused():
    facts = PageFacts(page="Main/BrollyBlindness", title="Brolly Blindness", kind="other",
                      redirect="Main/" + "Ab" * 200)  # fmt: skip
    with pytest.raises(NameTooLong, match=r"^The page redirect target is 405 characters long; at most 300"):
        fit_facts(facts)
