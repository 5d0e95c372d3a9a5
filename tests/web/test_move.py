"""Moving a page: its history goes with it, the old name redirects, and what named the old name follows."""

from __future__ import annotations

import pytest
from django.test import Client

from tropebase.wiki.limits import PageRefused
from tropebase.wiki.models import Appearance, Page, Revision
from tropebase.wiki.resolve import resolve
from tropebase.wiki.store import move_page, save_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def moved():
    save_page("Main/SadRain", "Rain at the saddest moment.\n----\n* ''Film/Puddles'': at the funeral.")
    linking = save_page("Main/Weather", "See SadRain and TragicRain.").page
    page = save_page(
        "Main/SadRain", "Rain at the saddest moment.\n----\n* ''Film/Puddles'': at the funeral."
    ).page
    return move_page(page, "Main/TragicRain"), linking


def test_history_moves_and_the_old_name_redirects(moved, client):
    page, _ = moved
    assert page.key == "main/tragicrain" and page.current.summary == "Moved from Main/SadRain"
    assert list(page.revisions.order_by("number").values_list("number", flat=True)) == [1, 2]
    old = Page.objects.get(key="main/sadrain")
    assert old.redirect_to == "Main/TragicRain" and resolve("Main/SadRain").key == "main/sadrain"
    response = client.get("/Main/SadRain")
    assert response.status_code == 302 and response["Location"].startswith("/Main/TragicRain")


def test_examples_and_links_follow_the_move(moved):
    _, linking = moved
    assert Appearance.objects.filter(trope_key="main/tragicrain", work_key="film/puddles").exists()
    assert not Appearance.objects.filter(trope_key="main/sadrain").exists()
    html = Revision.objects.get(id=Page.objects.get(id=linking.id).current_id).html
    assert 'href="/Main/TragicRain">' in html and "createlink" not in html  # rendered again: both blue


def test_a_page_in_the_way_refuses_the_move(moved):
    page, _ = moved
    save_page("Main/Drizzle", "Light rain.")
    with pytest.raises(PageRefused, match="already exists"):
        move_page(page, "Main/Drizzle")
    back = move_page(page, "Main/SadRain")  # onto a redirect to itself: allowed
    assert (
        back.key == "main/sadrain" and Page.objects.get(key="main/tragicrain").redirect_to == "Main/SadRain"
    )


def test_moderators_move_through_the_form(moderator_client, editor):
    save_page("Main/SadRain", "Rain at the saddest moment.")
    editor_client = Client()
    editor_client.force_login(editor)
    assert editor_client.post("/Main/SadRain/move", {"to": "Main/TragicRain"}).status_code == 403
    response = moderator_client.post("/Main/SadRain/move", {"to": "Tragic Rain", "redirect": ["0", "1"]})
    assert response.status_code == 302 and response["Location"] == "/Main/TragicRain"
    refused = moderator_client.post("/Main/TragicRain/move", {"to": ""})
    assert refused.status_code == 400
