"""Names in edit URLs: the edit form and the save resolve a name as the page view does."""

from __future__ import annotations

import pytest

from tropebase.wiki.models import Page, Revision
from tropebase.wiki.store import save_page

pytestmark = pytest.mark.django_db

GUN = "A gun shown early goes off later."


@pytest.fixture
def gun(db):
    return save_page("Main/ChekhovsGun", GUN, title="Chekhov's Gun").page


def reached(client, url: str) -> str:
    response = client.get(url, follow=True)
    assert response.status_code == 200, url
    return response.redirect_chain[-1][0] if response.redirect_chain else url


def test_a_page_opened_under_another_spelling_is_saved_as_that_page(editor_client, gun):
    """The page view and the save agree on what a name means: no conflict, no second page."""
    assert reached(editor_client, "/Main/Chekhovs%20Gun/edit") == "/Main/ChekhovsGun/edit"
    response = editor_client.post(
        "/Main/Chekhovs%20Gun/edit", {"text": GUN + "\n* Another one.", "base": 1, "summary": "s"}
    )
    assert response.status_code == 302 and response["Location"] == "/Main/ChekhovsGun"
    assert Page.objects.count() == 1 and Revision.objects.count() == 2
    assert Page.objects.get().current.text.endswith("* Another one.")


def test_an_edit_url_spelled_another_way_opens_the_page(editor_client, gun):
    assert reached(editor_client, "/Main/Chekhovs-Gun/edit") == "/Main/ChekhovsGun/edit"
    assert reached(editor_client, "/Main/ChekhovsGuns/edit") == "/Main/ChekhovsGun/edit"


def test_a_name_too_long_for_a_page_gets_the_form_back_with_the_reason(editor_client):
    long_name = "Rain" * 60
    response = editor_client.post(f"/Main/{long_name}/edit", {"text": "Some rain.", "base": 0, "summary": ""})
    html = response.content.decode()
    assert response.status_code == 400 and "at most 200 are allowed" in html and "Some rain." in html
    assert not Page.objects.exists()
