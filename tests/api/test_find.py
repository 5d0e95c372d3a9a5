"""Finding through the API: search, the query language, the trope hierarchy; the avoid list and the
adult rule apply as on the web pages."""

from __future__ import annotations

import json

import pytest

from tropebase.wiki.avoid import save_list
from tropebase.wiki.store import save_page

from .conftest import bearer

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Crimson Whisper Affair"
SECRET_WORD = "zeppelinquartz"


@pytest.fixture
def shelf(db) -> None:
    """Tropes in a small hierarchy, two public works and an adult work whose title and words no
    anonymous caller may see (a public trope page lists it under its name only)."""
    save_page("Main/PlantedClue", "Something shown early pays off.\n----\n!!Examples:\n"
              "* ''Film/TheGlassHarbor'': the umbrella in the first scene.\n"
              "* ''Film/VelvetNight'': a key on the table.\n")  # fmt: skip
    save_page("Main/PlantedSkill", "A skill shown early pays off. Subtrope of PlantedClue.\n")
    save_page("Main/PlantedSong", "A song shown early pays off. Subtrope of PlantedSkill.\n")
    save_page(
        "Main/SecretVelvetTrope", f"{SECRET_WORD} only. Subtrope of PlantedClue.\n", rating="adult",
        title="Secret Velvet Trope",
    )  # fmt: skip
    save_page("Film/TheGlassHarbor", "''The Glass Harbor'' is a quiet film.\n----\n!!This work provides examples of:\n"
              "* PlantedClue: the umbrella.\n* PlantedSong: the lullaby in the first reel.\n")  # fmt: skip
    save_page("Film/TheTinLantern", "''The Tin Lantern'' is a loud film.\n----\n!!This work provides examples of:\n"
              "* PlantedSkill: juggling, learnt in the prologue.\n")  # fmt: skip
    save_page(
        "Film/VelvetNight",
        f"''{SECRET_TITLE}''\n----\n!!This work provides examples of:\n* PlantedClue: the {SECRET_WORD} key.\n"
        f"* SecretVelvetTrope: {SECRET_WORD} again.\n",
        rating="adult",
        title=SECRET_TITLE,
    )


def test_search_finds_pages_a_page_at_a_time(client, shelf):
    first = client.get("/api/v1/search", {"q": "shown early", "limit": 2}).json()
    assert first["total"] == 3 and len(first["items"]) == 2 and first["next"]
    rest = client.get("/api/v1/search", {"q": "shown early", "limit": 2, "cursor": first["next"]}).json()
    targets = {h["target"] for h in first["items"] + rest["items"]}
    assert targets == {"Main/PlantedClue", "Main/PlantedSkill", "Main/PlantedSong"} and rest["next"] is None
    exact = client.get("/api/v1/search", {"q": "Planted Skill"}).json()["items"][0]
    assert exact["target"] == "Main/PlantedSkill" and exact["exact"]
    other = client.get("/api/v1/query", {"q": "+PlantedClue", "cursor": first["next"]})
    assert other.status_code == 400 and "cursor" in other.json()["message"]


def test_a_query_finds_works_with_subtropes_and_pages_by_cursor(client, shelf):
    body = client.get("/api/v1/query", {"q": "+PlantedClue", "limit": 2}).json()
    assert body["total"] == 3 and [w["key"] for w in body["items"]] == [
        "film/theglassharbor",
        "film/thetinlantern",
    ]
    after = client.get("/api/v1/query", {"q": "+PlantedClue", "limit": 2, "cursor": body["next"]}).json()
    # the adult work is found through the public page listing it, under the name that page gives it
    assert [(w["key"], w["title"]) for w in after["items"]] == [("film/velvetnight", "Velvet Night")]
    assert after["next"] is None
    less = client.get("/api/v1/query", {"q": "+PlantedClue -PlantedSong medium:film"}).json()
    assert [w["key"] for w in less["items"]] == ["film/thetinlantern", "film/velvetnight"]


@pytest.mark.parametrize(
    ("q", "position", "words"),
    [
        ("+PlantedClue -", 13, "name"),
        ("+PlantedClue +NoSuchThing", 14, "NoSuchThing"),
        ("medium:nowhere", 7, ""),
    ],
)
def test_a_malformed_query_answers_400_with_where_it_is_wrong(client, shelf, q, position, words):
    answer = client.get("/api/v1/query", {"q": q})
    body = answer.json()
    assert answer.status_code == 400 and answer["Content-Type"].startswith("application/json")
    assert body["position"] == position and f"character {position + 1}" in body["message"]
    assert words in body["message"] and body["pointer"].split("\n")[1].index("^") == position


def test_the_hierarchy_both_ways_direct_or_transitive(client, shelf):
    direct = client.get("/api/v1/pages/Main/PlantedSkill/hierarchy").json()
    assert [e["target"] for e in direct["supertropes"]] == ["Main/PlantedClue"]
    assert [e["target"] for e in direct["subtropes"]] == ["Main/PlantedSong"]
    top = client.get("/api/v1/pages/Main/PlantedClue/hierarchy", {"transitive": "true"}).json()
    assert [e["target"] for e in top["subtropes"]] == ["Main/PlantedSkill", "Main/PlantedSong"]
    assert top["supertropes"] == [] and top["transitive"] is True
    song = client.get("/api/v1/pages/Main/PlantedSong/hierarchy", {"transitive": "true"}).json()
    assert [e["title"] for e in song["supertropes"]] == ["Planted Clue", "Planted Skill"]


def test_a_tokens_avoid_list_marks_or_hides_works(client, shelf, writer):
    user, token = writer
    save_list(user, ["PlantedSkill"], hide=False)
    found = client.get("/api/v1/query", {"q": "+PlantedClue"}, **bearer(token)).json()["items"]
    marks = {w["key"]: w["avoided"] for w in found}
    # The Glass Harbor plays PlantedSong, under PlantedSkill: avoided too
    assert marks == {"film/theglassharbor": ["Planted Skill"], "film/thetinlantern": ["Planted Skill"],
                     "film/velvetnight": []}  # fmt: skip
    hits = client.get("/api/v1/search", {"q": "film"}, **bearer(token)).json()["items"]
    assert hits and all(h["avoided"] == ["Planted Skill"] for h in hits if h["kind"] == "work")
    assert client.get("/api/v1/query", {"q": "+PlantedClue"}).json()["items"][0]["avoided"] == []
    save_list(user, ["PlantedSong"], hide=True)
    hidden = client.get("/api/v1/query", {"q": "+PlantedClue"}, **bearer(token)).json()
    assert [w["key"] for w in hidden["items"]] == ["film/thetinlantern", "film/velvetnight"]
    assert hidden["hidden_by_avoid_list"] == 1
    searched = client.get("/api/v1/search", {"q": "film"}, **bearer(token)).json()
    assert {h["target"] for h in searched["items"]} == {"Film/TheTinLantern"}
    assert searched["hidden_by_avoid_list"] == 1


def test_an_anonymous_call_never_sees_an_adult_pages_title_or_text(client, shelf, adult_reader):
    calls = [
        ("/api/v1/search", {"q": SECRET_WORD}),
        ("/api/v1/search", {"q": SECRET_TITLE}),
        ("/api/v1/search", {"q": "Velvet"}),
        ("/api/v1/query", {"q": "+PlantedClue", "spoilers": "true"}),
        ("/api/v1/examples", {"limit": 500}),
        ("/api/v1/examples", {"work": "Film/VelvetNight"}),
        ("/api/v1/appearances", {"limit": 500}),
        ("/api/v1/appearances", {"work": "Film/VelvetNight"}),
        ("/api/v1/pages/Main/PlantedClue/relations", {}),
        ("/api/v1/pages/Main/PlantedClue/examples", {}),
        ("/api/v1/pages/Main/PlantedClue/hierarchy", {"transitive": "true"}),
        ("/api/v1/pages", {"limit": 500}),
        ("/api/v1/works", {}),
        ("/api/v1/tropes", {}),
        ("/api/v1/changes", {"limit": 500}),
        ("/api/v1/pages/Film/VelvetNight", {}),
        ("/api/v1/pages/Film/VelvetNight/history", {}),
    ]
    for path, params in calls:
        answer = client.get(path, params).json()
        answer.pop("query", None)  # search says back what it was asked
        text = json.dumps(answer, ensure_ascii=False)
        for secret in (SECRET_TITLE, SECRET_WORD, "Secret Velvet Trope", "SecretVelvetTrope"):
            assert secret not in text, (path, params, secret)
    # the same calls with an opted-in token do show them (so the calls above could have)
    seen = "".join(client.get(p, q, **bearer(adult_reader[1])).content.decode() for p, q in calls)
    assert SECRET_TITLE in seen and SECRET_WORD in seen and "Secret Velvet Trope" in seen
