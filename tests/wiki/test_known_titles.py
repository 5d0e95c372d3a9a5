"""Titles a source showed for pages that do not exist yet: kept, shown as red links' text, and known
to later imports."""

from __future__ import annotations

import pytest

from tropebase.ingest.plaintext import Converted
from tropebase.ingest.report import ImportReport
from tropebase.wiki.imports import known_page_names, store_pages
from tropebase.wiki.models import KnownTitle, Page
from tropebase.wiki.store import remember_titles, save_page

pytestmark = pytest.mark.django_db

LINKER = "A page about tea.\n----\n* GrandmasTeapot is here, and so is WetSocks.\n"


def _html(target: str) -> str:
    return Page.objects.get(key=target.lower()).current.html


def test_a_red_link_shows_the_known_title_and_stays_red():
    save_page("Main/TeaTime", LINKER)
    assert "Grandmas Teapot</a>" in _html("Main/TeaTime")
    assert remember_titles({"Main/GrandmasTeapot": "Grandma's Teapot", "Main/WetSocks": "Wet Socks"}) == 1
    html = _html("Main/TeaTime")  # re-rendered in the write path
    assert 'createlink" href="/Main/GrandmasTeapot">Grandma\'s Teapot</a>' in html
    assert list(KnownTitle.objects.values_list("key", "title")) == [
        ("main/grandmasteapot", "Grandma's Teapot")
    ]
    assert remember_titles({"Main/GrandmasTeapot": "Grandma's Teapot"}) == 0  # nothing new


def test_a_page_that_exists_shows_its_own_title():
    remember_titles({"Main/GrandmasTeapot": "Grandma's Teapot"})
    save_page("Main/GrandmasTeapot", "A teapot.\n", title="Granny's Teapot")
    save_page("Main/TeaTime", LINKER)
    assert ">Granny's Teapot</a>" in _html("Main/TeaTime")


def test_an_import_keeps_the_titles_its_pages_learned_before_saving_them():
    report = ImportReport(source="tea.html", format="tvt-html", page="Main/TeaTime", title="Tea Time")
    report.titles = {"Main/GrandmasTeapot": "Grandma's Teapot"}
    list(store_pages([Converted(LINKER, report)]))
    assert "Grandma's Teapot</a>" in _html("Main/TeaTime")


def test_known_names_cover_titles_redirects_and_known_titles():
    save_page("Main/ForgottenUmbrella", "A trope.\n", title="Forgotten Umbrella!")
    save_page("Main/SoggyShoes", "[[redirect:ForgottenUmbrella]]\n")
    remember_titles({"Main/GrandmasTeapot": "Grandma's Teapot"})
    names = known_page_names()
    assert {"forgottenumbrella", "soggyshoes", "grandmasteapot"} <= names
