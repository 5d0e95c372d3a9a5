"""Editing through the API: personal tokens, stale bases merged or answered 409, limits per token and
per address, and the account page where tokens are made and revoked."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import Group, User

from tropebase.web.access import MODERATORS
from tropebase.wiki.models import ApiToken, Page
from tropebase.wiki.store import save_page, set_protected
from tropebase.wiki.tokens import digest

from .conftest import bearer

pytestmark = pytest.mark.django_db

TEXT = "A lamp that is always lit.\n\n* ''Film/TheLampKeeper'': the lamp never goes out.\n"


def put(client, path, token=None, **body):
    headers = bearer(token) if token else {}
    return client.put(path, json.dumps(body), content_type="application/json", **headers)


def test_writing_needs_a_valid_token(client, writer):
    anonymous = put(client, "/api/v1/pages/Main/EternalLamp", text=TEXT, base=0)
    assert anonymous.status_code == 401 and "personal token" in anonymous.json()["message"]
    wrong = put(client, "/api/v1/pages/Main/EternalLamp", "tb_not-a-real-token", text=TEXT, base=0)
    assert wrong.status_code == 401 and "not valid" in wrong.json()["message"]
    assert not Page.objects.filter(key="main/eternallamp").exists()


def test_create_then_edit_with_the_base_revision(client, writer):
    user, token = writer
    made = put(client, "/api/v1/pages/Main/EternalLamp", token, text=TEXT, base=0, summary="new")
    assert made.status_code == 201 and made.json()["revision"] == 1 and made.json()["status"] == "saved"
    page = Page.objects.get(key="main/eternallamp")
    assert page.current.author == user and page.current.summary == "new"
    assert page.examples.filter(work_key="film/thelampkeeper").exists()  # the write layer's rows
    edited = put(client, "/api/v1/pages/Main/EternalLamp", token, text=TEXT + "More.\n", base=1)
    assert edited.status_code == 200 and edited.json()["revision"] == 2
    same = put(client, "/api/v1/pages/Main/EternalLamp", token, text=TEXT + "More.\n", base=2)
    assert same.json()["status"] == "unchanged" and same.json()["revision"] == 2


def test_a_stale_base_is_merged_when_the_changes_do_not_overlap(client, writer):
    save_page("Main/EternalLamp", "First line.\n\nMiddle.\n\nLast line.\n")
    save_page("Main/EternalLamp", "First line, changed by another.\n\nMiddle.\n\nLast line.\n")
    answer = put(client, "/api/v1/pages/Main/EternalLamp", writer[1],
                 text="First line.\n\nMiddle.\n\nLast line, changed by me.\n", base=1)  # fmt: skip
    assert (
        answer.status_code == 200
        and answer.json()["status"] == "merged"
        and answer.json()["merged_with"] == 2
    )
    text = Page.objects.get(key="main/eternallamp").current.text
    assert "changed by another" in text and "changed by me" in text


def test_a_conflict_answers_409_with_both_sides_and_loses_nothing(client, writer):
    save_page("Main/EternalLamp", "The lamp is blue.\n")
    save_page("Main/EternalLamp", "The lamp is green.\n")
    answer = put(client, "/api/v1/pages/Main/EternalLamp", writer[1], text="The lamp is red.\n", base=1)
    body = answer.json()
    assert answer.status_code == 409 and body["current_revision"] == 2 and body["conflicts"] == 1
    assert "red" in body["conflict_text"] and "green" in body["conflict_text"]
    assert body["your_text"] == "The lamp is red.\n" and "revision 2" in body["message"]
    assert Page.objects.get(key="main/eternallamp").current.text == "The lamp is green.\n"
    markers = put(client, "/api/v1/pages/Main/EternalLamp", writer[1], text=body["conflict_text"], base=2)
    assert markers.status_code == 400 and "conflict markers" in markers.json()["message"]


def test_protected_pages_and_adult_pages(client, writer, adult_reader):
    save_page("Main/EternalLamp", TEXT)
    set_protected(Page.objects.get(key="main/eternallamp"), True)
    refused = put(client, "/api/v1/pages/Main/EternalLamp", writer[1], text="Vandalised.\n", base=1)
    assert refused.status_code == 403 and "protected" in refused.json()["message"]
    writer[0].groups.add(Group.objects.get_or_create(name=MODERATORS)[0])
    assert (
        put(client, "/api/v1/pages/Main/EternalLamp", writer[1], text="Mended.\n", base=1).status_code == 200
    )
    save_page("Main/VelvetThing", "Adult text.\n", rating="adult")
    hidden = put(client, "/api/v1/pages/Main/VelvetThing", writer[1], text="x\n", base=1)
    assert hidden.status_code == 403 and "adult" in hidden.json()["message"]
    assert (
        put(client, "/api/v1/pages/Main/VelvetThing", adult_reader[1], text="y\n", base=1).status_code == 200
    )


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"text": "x"}, 422, "body field 'base'"),
        ({"text": "x", "base": -1}, 422, "body field 'base'"),
        ({"text": "a\x00b", "base": 0}, 400, "NUL"),
        ({"text": "x", "base": 0, "summary": "s\x00"}, 422, "NUL"),
        ({"text": "x", "base": 0, "summary": "\ud800"}, 422, "unicode string"),
    ],
)
def test_bad_edits_are_refused_with_a_message(client, writer, body, status, words):
    answer = put(client, "/api/v1/pages/Main/EternalLamp", writer[1], **body)
    assert answer.status_code == status and words in answer.json()["message"]
    assert not Page.objects.filter(key="main/eternallamp").exists()


def test_too_large_is_413(client, writer, settings):
    settings.PAGE_MAX_BYTES = 100
    answer = put(client, "/api/v1/pages/Main/EternalLamp", writer[1], text="x" * 101, base=0)
    assert answer.status_code == 413 and "at most 100 bytes" in answer.json()["message"]


def test_rate_limits_per_token_and_per_address(client, writer, settings):
    settings.API_TOKEN_RATE, settings.API_ADDRESS_RATE = 3, 2
    for _ in range(2):
        assert client.get("/api/v1/changes").status_code == 200
    over = client.get("/api/v1/changes")
    assert (
        over.status_code == 429 and over["Retry-After"] == "60" and "this address" in over.json()["message"]
    )
    for _ in range(3):  # a token has its own count
        assert client.get("/api/v1/changes", **bearer(writer[1])).status_code == 200
    over = client.get("/api/v1/changes", **bearer(writer[1]))
    assert over.status_code == 429 and "this token" in over.json()["message"]
    # guessing tokens costs the address's quota, not a token's
    assert client.get("/api/v1/changes", **bearer("tb_guess")).status_code == 429


def test_tokens_are_made_shown_once_stored_hashed_and_revoked(client, writer):
    user = User.objects.create_user("owner", password="a long enough password")
    client.force_login(user)
    page = client.post("/_/account", {"name": "my script"})
    html = page.content.decode()
    token = html.split('<code class="token">')[1].split("</code>")[0]
    row = ApiToken.objects.get(user=user)
    assert row.digest == digest(token) and token not in json.dumps(
        list(ApiToken.objects.values()), default=str
    )
    assert page["Cache-Control"] == "no-store"
    assert token not in client.get("/_/account").content.decode()  # shown once
    client.logout()
    assert put(client, "/api/v1/pages/Main/EternalLamp", token, text=TEXT, base=0).status_code == 201
    client.force_login(user)
    client.post(f"/_/account/tokens/{row.id}/revoke")
    client.logout()
    revoked = put(client, "/api/v1/pages/Main/EternalLamp", token, text=TEXT + "x\n", base=1)
    assert revoked.status_code == 401


def test_one_cannot_revoke_anothers_token(client, writer):
    other = User.objects.create_user("other", password="a long enough password")
    client.force_login(other)
    row = ApiToken.objects.get(user=writer[0])
    client.post(f"/_/account/tokens/{row.id}/revoke")
    assert ApiToken.objects.filter(id=row.id).exists()
