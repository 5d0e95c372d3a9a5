"""Reading the catalog through the API: pages, examples, appearances, relations, history, diffs."""

from __future__ import annotations

import pytest

from tropebase.wiki.models import Appearance, Example, Page
from tropebase.wiki.store import save_page, set_hidden

from .conftest import bearer

pytestmark = pytest.mark.django_db


def test_a_page_carries_its_markup_html_and_stored_facts(client, demo):
    page = Page.objects.get(key="main/chekhovsgun")
    answer = client.get("/api/v1/pages/Main/ChekhovsGun")
    assert answer.status_code == 200 and answer["Content-Type"].startswith("application/json")
    body = answer.json()
    assert body["target"] == "Main/ChekhovsGun" and body["kind"] == "trope"
    assert body["markup"] == page.current.text and body["html"] == page.current.html
    assert body["facts"] == page.current.facts and body["revision"]["number"] == page.current.number


def test_etag_answers_304_until_the_page_changes(client, demo):
    first = client.get("/api/v1/pages/Main/ChekhovsGun")
    etag = first["ETag"]
    again = client.get("/api/v1/pages/Main/ChekhovsGun", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    page = Page.objects.get(key="main/chekhovsgun")
    save_page(page.target, page.current.text + "\nOne more line.\n")
    changed = client.get("/api/v1/pages/Main/ChekhovsGun", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_spellings_and_aliases_lead_to_the_page(client, demo):
    assert client.get("/api/v1/pages/main/Chekhovs Gun").json()["target"] == "Main/ChekhovsGun"


def test_adult_pages_need_an_opted_in_token(client, demo, adult_reader, writer):
    refused = client.get("/api/v1/pages/Literature/TheVelvetLedger")
    assert refused.status_code == 403 and "adult" in refused.json()["message"]
    assert client.get("/api/v1/pages/Literature/TheVelvetLedger", **bearer(writer[1])).status_code == 403
    shown = client.get("/api/v1/pages/Literature/TheVelvetLedger", **bearer(adult_reader[1]))
    assert shown.status_code == 200
    # its examples and its appearances too
    anonymous = client.get("/api/v1/examples", {"limit": 500}).json()["items"]
    assert anonymous and all(e["page"] != "Literature/TheVelvetLedger" for e in anonymous)
    opted = client.get("/api/v1/examples", {"limit": 500}, **bearer(adult_reader[1])).json()["items"]
    assert any(e["page"] == "Literature/TheVelvetLedger" for e in opted)
    adult_only = Appearance.objects.filter(adult_only=True).values_list("id", flat=True)
    assert adult_only
    listed = {a["id"] for a in client.get("/api/v1/appearances", {"limit": 500}).json()["items"]}
    assert not listed & set(adult_only)


def _walk(client, path, params, limit):
    seen, cursor, pages = [], None, 0
    while True:
        query = {**params, "limit": limit, **({"cursor": cursor} if cursor else {})}
        body = client.get(path, query).json()
        seen += body["items"]
        pages += 1
        cursor = body["next"]
        if cursor is None:
            return seen, pages


def test_cursor_pagination_walks_every_row_once(client, demo):
    everything = Example.objects.exclude(page__content_rating="adult").count()
    seen, pages = _walk(client, "/api/v1/examples", {}, 7)
    ids = [e["id"] for e in seen]
    assert len(ids) == len(set(ids)) == everything and pages == -(-everything // 7) + (everything % 7 == 0)
    changes, _ = _walk(client, "/api/v1/changes", {}, 5)
    stamps = [(c["created"], c["page"]) for c in changes]
    assert len(stamps) == len(set(stamps)) and [c["created"] for c in changes] == sorted(
        (c["created"] for c in changes), reverse=True
    )


def test_examples_by_trope_work_medium_and_play(client, demo):
    by_trope = client.get("/api/v1/examples", {"trope": "Main/ChekhovsGun", "limit": 500}).json()["items"]
    assert by_trope and {e["trope_key"] for e in by_trope} == {"main/chekhovsgun"}
    work = by_trope[0]["work"]
    by_work = client.get("/api/v1/examples", {"work": work, "limit": 500}).json()["items"]
    assert by_work and {e["work_key"] for e in by_work} == {work.lower()}
    medium = by_trope[0]["medium"]
    by_medium = client.get("/api/v1/examples", {"medium": medium, "limit": 500}).json()["items"]
    assert by_medium and {e["medium"] for e in by_medium} == {medium}
    played = Example.objects.exclude(play="straight").first()
    by_play = client.get("/api/v1/examples", {"play": played.play, "limit": 500}).json()["items"]
    assert played.id in {e["id"] for e in by_play} and {e["play"] for e in by_play} == {played.play}
    one = client.get(f"/api/v1/examples/{played.id}").json()
    assert one["text"] == played.text and one["page"] == played.page.target


def test_appearances_by_trope(client, demo):
    rows = client.get("/api/v1/appearances", {"trope": "Main/ChekhovsGun"}).json()["items"]
    expected = Appearance.objects.filter(trope_key="main/chekhovsgun", adult_only=False).count()
    assert len(rows) == expected > 0 and all(r["statements"] >= 1 for r in rows)


def test_relations_both_ways(client, demo):
    tree = client.get("/api/v1/pages/Main/WiseOldTree/relations").json()["relations"]
    assert "Main/TheMentor" in tree["supertrope"]  # stated on its own page
    mentor = client.get("/api/v1/pages/Main/TheMentor/relations").json()["relations"]
    assert "Main/WiseOldTree" in mentor["subtrope"]  # stated on the other


def test_history_revisions_and_diffs_hide_what_readers_may_not_see(client, demo, writer):
    page = Page.objects.get(key="main/chekhovsgun")
    first = page.current.text
    save_page(page.target, first + "A second line.\n")
    save_page(page.target, first + "A third line.\n")
    page.refresh_from_db()
    history = client.get("/api/v1/pages/Main/ChekhovsGun/history").json()["items"]
    assert [r["number"] for r in history] == [3, 2, 1]
    diff = client.get("/api/v1/pages/Main/ChekhovsGun/diff", {"from": 1, "to": 3}).json()
    assert {"kind": "+", "line": "A third line."} in diff["lines"]
    set_hidden(page.revisions.get(number=2), True)
    assert [r["number"] for r in client.get("/api/v1/pages/Main/ChekhovsGun/history").json()["items"]] == [
        3,
        1,
    ]
    hidden = client.get("/api/v1/pages/Main/ChekhovsGun/revisions/2")
    assert hidden.status_code == 404 and "hidden" in hidden.json()["message"]
    assert client.get("/api/v1/pages/Main/ChekhovsGun/diff", {"from": 2, "to": 3}).status_code == 404
    assert (
        client.get("/api/v1/pages/Main/ChekhovsGun/revisions/3").json()["markup"] == first + "A third line.\n"
    )


@pytest.mark.parametrize(
    ("method", "path", "status", "words"),
    [
        ("get", "/api/v1/pages/Main/NoSuchTropeHere", 404, "no page Main/NoSuchTropeHere"),
        ("get", "/api/v1/no/such/operation", 404, "no API operation"),
        ("get", "/api/v1/examples?limit=0", 422, "query parameter 'limit'"),
        ("get", "/api/v1/examples?limit=many", 422, "query parameter 'limit'"),
        ("get", "/api/v1/examples?cursor=not-a-cursor", 400, "cursor"),
        ("get", "/api/v1/examples/123456789", 404, "no example 123456789"),
        ("get", "/api/v1/examples?trope=%00", 400, "NUL"),
        ("delete", "/api/v1/pages/Main/ChekhovsGun", 405, "DELETE is not allowed"),
        ("post", "/api/v1/examples", 405, "POST is not allowed"),
        ("get", "/api/v1/pages/Main/ChekhovsGun/diff?from=1", 422, "query parameter 'to'"),
    ],
)
def test_every_error_is_json_with_a_message(client, method, path, status, words):
    answer = getattr(client, method)(path)
    assert answer.status_code == status
    assert answer["Content-Type"].startswith("application/json")
    assert words in answer.json()["message"]


def test_a_cursor_from_another_listing_is_refused(client, writer):
    for n in range(2):
        save_page(f"Main/TropeNumber{n}", "A trope.\n")
    cursor = client.get("/api/v1/changes", {"limit": 1}).json()["next"]
    answer = client.get("/api/v1/examples", {"cursor": cursor})
    assert answer.status_code == 400 and "another listing" in answer.json()["message"]


def test_openapi_and_docs_page(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.") and "/api/v1/examples" in spec["paths"]
    docs = client.get("/api/v1/docs")
    html = docs.content.decode()
    assert docs.status_code == 200 and "/static/ninja/swagger-ui-bundle.js" in html
    assert "script-src 'self'" in docs["Content-Security-Policy"]
    # the only inline <script> is JSON data, which the browser does not run
    assert html.count("<script") == html.count("<script src=") + html.count('<script type="application/json"')
