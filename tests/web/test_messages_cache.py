"""A message meant for one reader never reaches the page cache that all anonymous readers share."""

from __future__ import annotations

import pytest
from django.test import Client

from tropebase.wiki.store import save_page

pytestmark = pytest.mark.django_db

NO_CHANGE = "No change: the text is the same as the current revision."


@pytest.fixture
def page(db):
    return save_page("Main/ForgottenUmbrella", "Someone forgets an umbrella.").page


def test_message_queued_before_logging_out_reaches_its_reader_only(client, editor, page):
    client.force_login(editor)
    response = client.post(
        "/Main/ForgottenUmbrella/edit", {"text": "Someone forgets an umbrella.", "base": 1}
    )
    assert response.status_code == 302  # saved nothing; the message waits for the next page
    client.post("/_/logout")
    assert NO_CHANGE in client.get("/Main/ForgottenUmbrella").content.decode()
    assert NO_CHANGE not in Client().get("/Main/ForgottenUmbrella").content.decode()
    assert NO_CHANGE not in client.get("/Main/ForgottenUmbrella").content.decode()  # shown once


def test_a_reader_with_a_message_is_not_served_the_cached_page(client, editor, page):
    Client().get("/Main/ForgottenUmbrella")  # now in the shared cache
    Client().get("/")
    client.force_login(editor)
    client.post("/Main/ForgottenUmbrella/edit", {"text": "Someone forgets an umbrella.", "base": 1})
    client.post("/_/logout")
    assert NO_CHANGE in client.get("/").content.decode()
    assert NO_CHANGE not in Client().get("/").content.decode()


def test_message_on_the_front_page_is_not_cached(client, editor, page):
    client.force_login(editor)
    client.post("/Main/ForgottenUmbrella/edit", {"text": "Someone forgets an umbrella.", "base": 1})
    client.post("/_/logout")
    assert NO_CHANGE in client.get("/").content.decode()
    assert NO_CHANGE not in Client().get("/").content.decode()
