"""The avoid list on the API's lists of works: a token's account's saved list marks each item whose
work plays an avoided trope (or one under it), or — if the account hides such works — leaves it out,
while cursor pages stay full and walk every other row once. Anonymous calls have no avoid list."""

from __future__ import annotations

import pytest

from tropebase.api import cursor
from tropebase.wiki.avoid import save_list
from tropebase.wiki.models import Appearance, Example
from tropebase.wiki.store import save_page

from .conftest import bearer

pytestmark = pytest.mark.django_db

#: works 1–10, all playing TeaBreak; the odd ones and 10 play SpoilSport too (3 through its subtrope
#: SpoilSportJr); 10 states a relation, so a trope's hierarchy lists it
WORKS = [f"Film/Work{n}" for n in range(1, 11)]
AVOIDED = {f"Film/Work{n}" for n in (1, 3, 5, 7, 9, 10)}


@pytest.fixture
def shelf(db) -> None:
    save_page("Main/SpoilSport", "Someone ruins the game.\n----\n* ''Film/Work1'': the referee.\n")
    save_page("Main/SpoilSportJr", "A child ruins the game. Subtrope of SpoilSport.\n")
    save_page("Main/TeaBreak", "Everyone stops for tea.\n")
    # pages a trope's hierarchy lists are tropes and indexes, but a work's text may state a relation
    save_page("Main/GameTropes", "Games.\n\n[[index]]\n* SpoilSport\n* TeaBreak\n[[/index]]\n")
    for n, target in enumerate(WORKS, 1):
        tropes = "* TeaBreak: [[spoiler:the butler did it]] over tea.\n"
        if target in AVOIDED:
            tropes += (
                "* SpoilSportJr: a boy hides the ball.\n" if n == 3 else "* SpoilSport: rain stops play.\n"
            )
        about = "A film about games. Subtrope of GameTropes." if n == 10 else "A film."
        save_page(target, f"{about}\n----\n{tropes}", title=f"Work {n}")


def _walk(client, path: str, params: dict, limit: int, token: str | None) -> tuple[list, list[dict]]:
    """Every page of a listing: the items in order, and each answer."""
    items, answers, after = [], [], None
    headers = bearer(token) if token else {}
    while True:
        body = client.get(path, {**params, "limit": limit, **({"cursor": after} if after else {})}, **headers)
        assert body.status_code == 200, body.content
        answers.append(body.json())
        items += answers[-1]["items"]
        after = answers[-1]["next"]
        if after is None:
            return items, answers


def test_lists_of_works_mark_what_plays_an_avoided_trope(client, shelf, writer):
    user, token = writer
    save_list(user, ["Spoil Sport"], hide=False)
    works = client.get("/api/v1/works", **bearer(token)).json()
    assert {w["target"]: w["avoided"] for w in works["items"]} == {
        t: ["Spoil Sport"] if t in AVOIDED else [] for t in WORKS
    }
    assert works["hidden_by_avoid_list"] == 0
    pages = client.get("/api/v1/pages", {"namespace": "Film"}, **bearer(token)).json()["items"]
    assert sorted(p["target"] for p in pages if p["avoided"]) == sorted(AVOIDED)
    tropes = client.get("/api/v1/tropes", **bearer(token)).json()["items"]
    assert tropes and all(t["avoided"] == [] for t in tropes)
    examples = client.get("/api/v1/examples", {"trope": "TeaBreak"}, **bearer(token)).json()["items"]
    assert {e["work_key"]: e["avoided"] for e in examples} == {
        t.lower(): ["Spoil Sport"] if t in AVOIDED else [] for t in WORKS
    }
    assert all("butler" not in str(e["avoided"]) for e in examples)  # the trope's title, no example's text
    appearances = client.get("/api/v1/appearances", {"trope": "TeaBreak"}, **bearer(token)).json()["items"]
    assert sorted(a["work_key"] for a in appearances if a["avoided"]) == sorted(t.lower() for t in AVOIDED)
    own = client.get("/api/v1/pages/Main/SpoilSport/examples", **bearer(token)).json()["items"]
    assert [(e["work_key"], e["avoided"]) for e in own] == [("film/work1", ["Spoil Sport"])]
    one = Example.objects.get(page__key="main/spoilsport")
    assert client.get(f"/api/v1/examples/{one.id}", **bearer(token)).json()["avoided"] == ["Spoil Sport"]
    index = client.get("/api/v1/pages/Main/GameTropes/hierarchy", **bearer(token)).json()
    assert {e["target"]: e["avoided"] for e in index["subtropes"]} == {
        "Main/SpoilSport": [], "Main/TeaBreak": [], "Film/Work10": ["Spoil Sport"]
    }  # fmt: skip
    page = client.get("/api/v1/pages/Film/Work3", **bearer(token))
    assert page.json()["avoided"] == ["Spoil Sport"] and "private" in page["Cache-Control"]
    assert client.get("/api/v1/pages/Film/Work2", **bearer(token)).json()["avoided"] == []


def test_anonymous_calls_have_no_avoid_list(client, shelf):
    for path in ("/api/v1/works", "/api/v1/examples", "/api/v1/appearances", "/api/v1/pages"):
        body = client.get(path, {"limit": 500}).json()
        assert body["hidden_by_avoid_list"] == 0 and all(i["avoided"] == [] for i in body["items"]), path
    assert client.get("/api/v1/pages/Film/Work3").json()["avoided"] == []


@pytest.mark.parametrize(
    ("path", "params", "key", "expected"),
    [
        ("/api/v1/works", {}, "target", [t for t in WORKS if t not in AVOIDED]),
        ("/api/v1/pages", {"namespace": "Film"}, "target", [t for t in WORKS if t not in AVOIDED]),
        ("/api/v1/examples", {"trope": "TeaBreak"}, "work", [t for t in WORKS if t not in AVOIDED]),
        ("/api/v1/appearances", {"trope": "TeaBreak"}, "work_key", [t.lower() for t in WORKS if t not in AVOIDED]),
    ],
)  # fmt: skip
def test_hiding_leaves_them_out_and_every_page_but_the_last_is_full(
    client, shelf, writer, path, params, key, expected
):
    user, token = writer
    save_list(user, ["Spoil Sport"], hide=True)
    for limit in (1, 2, 3, 500):
        items, answers = _walk(client, path, params, limit, token)
        assert sorted(i[key] for i in items) == sorted(expected), limit  # each once, none avoided
        assert all(len(a["items"]) == limit for a in answers[:-1]), limit  # no short page before the end
        assert sum(a["hidden_by_avoid_list"] for a in answers) == len(AVOIDED), limit  # each counted once
        assert all(i["avoided"] == [] for i in items)


def test_hidden_entries_in_the_hierarchy_are_counted(client, shelf, writer):
    user, token = writer
    save_list(user, ["SpoilSport"], hide=True)
    index = client.get("/api/v1/pages/Main/GameTropes/hierarchy", **bearer(token)).json()
    assert [e["target"] for e in index["subtropes"]] == ["Main/SpoilSport", "Main/TeaBreak"]
    assert index["hidden_by_avoid_list"] == 1


def test_a_listing_that_is_all_avoided_costs_bounded_work_a_call(client, shelf, writer, monkeypatch):
    user, token = writer
    save_list(user, ["Spoil Sport"], hide=True)
    monkeypatch.setattr(cursor, "MAX_SCANNED", 2)
    items, answers = _walk(client, "/api/v1/examples", {"trope": "SpoilSport"}, 1, token)
    everything = Example.objects.filter(trope_key="main/spoilsport").count()
    assert items == [] and everything == 6  # Work 1 listed on the trope page, and on its own page
    assert len(answers) > 1 and sum(a["hidden_by_avoid_list"] for a in answers) == everything
    appearances, _ = _walk(client, "/api/v1/appearances", {}, 2, token)
    shown = Appearance.objects.exclude(work_key__in=[t.lower() for t in AVOIDED]).count()
    assert len({a["id"] for a in appearances}) == len(appearances) == shown
