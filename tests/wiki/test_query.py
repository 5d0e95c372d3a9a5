"""Query semantics over appearances: names, subtropes, plays, spoilers, adult pages, avoid lists."""

from __future__ import annotations

import pytest

from tropebase.wiki import query
from tropebase.wiki.models import Appearance
from tropebase.wiki.query import QueryError, run
from tropebase.wiki.visibility import Reader

from .findkit import weather_wiki

pytestmark = pytest.mark.django_db
ANYONE, ADULT = Reader(), Reader(show_adult=True)


@pytest.fixture
def wiki(db):
    weather_wiki()


def works(q: str, reader: Reader = ANYONE) -> list[str]:
    return sorted(w.key for w in run(q, reader).works)


def test_include_matches_subtropes_and_orders_by_title(wiki):
    assert [w.title for w in run("RainyDay", ANYONE).works] == [
        "Drizzle",
        "Puddles",
        "Storm",
    ]  # Storm: SadRain
    assert [w.title for w in run("ForgottenUmbrella", ANYONE).works] == ["Puddles", "Storm", "Sunbeam"]


@pytest.mark.parametrize(
    "name", ["ForgottenUmbrella", "FU", "BrollyBlindness", "ForgottenUmbrellas", '"Forgotten Umbrella"']
)
def test_every_name_of_a_trope_excludes_it(wiki, name):
    assert works(f"RainyDay -{name}") == ["film/drizzle"]
    assert works(f"+{name}") == ["anime/sunbeam", "film/puddles", "film/storm"]


def test_exclusion_reaches_subtropes_transitively_through_indexes_with_a_cycle(wiki):
    assert works("ForgottenUmbrella -RainyDay") == ["anime/sunbeam"]  # Storm plays the subtrope SadRain
    # SkyTropes → WeatherTropes → RainyDay → SadRain, and WeatherTropes → SkyTropes again
    assert works("ForgottenUmbrella -SkyTropes", ADULT) == ["anime/sunbeam"]
    assert works("ForgottenUmbrella -SnowDay", ADULT) == ["anime/sunbeam", "film/puddles", "film/storm"]


def test_averted_does_not_count_unless_asked(wiki):
    assert "film/dryrun" not in works("ForgottenUmbrella")
    assert "film/dryrun" in works("ForgottenUmbrella play:any")
    assert works("ForgottenUmbrella play:averted") == ["film/dryrun"]
    assert works("RainyDay -ForgottenUmbrella play:any") == ["film/drizzle"]


def test_a_spoiler_example_still_excludes_its_work(wiki):
    assert Appearance.objects.get(work_key="film/storm", trope_key="main/sadrain").spoiler
    assert "film/storm" not in works("ForgottenUmbrella -SadRain")


def test_results_show_matching_examples_with_spoilers_masked(wiki):
    result = run("SadRain", ANYONE)
    (storm,) = result.works
    assert [e.trope_key for e in storm.examples] == ["main/sadrain"]
    hidden = result.to_dict()["works"][0]["examples"][0]["text"]
    assert "never stops" not in hidden and "[spoiler]" in hidden
    assert "never stops" in result.to_dict(show_spoilers=True)["works"][0]["examples"][0]["text"]
    assert "never stops" in run("SadRain spoilers:show", ANYONE).to_dict()["works"][0]["examples"][0]["text"]


def test_adult_only_appearances_only_for_readers_who_opted_in(wiki):
    assert "film/secret" not in works("ForgottenUmbrella")
    assert "film/secret" in works("ForgottenUmbrella", ADULT)
    assert works("SnowDay", ANYONE) == []


def test_medium_filter(wiki):
    assert works("ForgottenUmbrella medium:Anime") == ["anime/sunbeam"]
    assert works("medium:anime_manga") == ["anime/sunbeam"]
    assert works("ForgottenUmbrella medium:Film,Anime") == ["anime/sunbeam", "film/puddles", "film/storm"]


@pytest.mark.parametrize(
    ("q", "position"),
    [("RainyDay -NoSuchTrope", 10), ("RainyDay medium:Opera2", 16), ('+"Rainy Day', 1), ("play:any", 0),
     ("RainyDay wat:1", 9), ("RainyDay play:any play:averted", 18)],
)  # fmt: skip
def test_malformed_query_points_at_the_error(wiki, q, position):
    with pytest.raises(QueryError) as caught:
        run(q, ANYONE)
    assert caught.value.position == position


@pytest.mark.parametrize("check_works", [0, 1000])  # 0: too many works found, the database excludes
def test_a_big_exclusion_checked_in_python_means_the_same(wiki, monkeypatch, check_works):
    monkeypatch.setattr(query, "FEW_KEYS", 0)  # every exclusion counts as an index's thousands of keys
    monkeypatch.setattr(query, "CHECK_WORKS", check_works)
    assert works("ForgottenUmbrella -RainyDay") == ["anime/sunbeam"]
    assert works("ForgottenUmbrella -SkyTropes", ADULT) == ["anime/sunbeam"]
    assert "film/storm" not in works("ForgottenUmbrella -SadRain")  # a spoiler still excludes
    assert works("ForgottenUmbrella -SnowDay") == ["anime/sunbeam", "film/puddles", "film/storm"]
    assert works("ForgottenUmbrella -SnowDay", ADULT) == ["anime/sunbeam", "film/puddles", "film/storm"]
    assert works("RainyDay -ForgottenUmbrella play:any") == ["film/drizzle"]
    assert works("ForgottenUmbrella play:any -FU") == []
    hidden = run("ForgottenUmbrella", Reader(avoid=("SkyTropes",), avoid_hide=True))
    assert [w.key for w in hidden.works] == ["anime/sunbeam"] and hidden.hidden == 2


def test_avoid_list_marks_or_hides_works_playing_an_avoided_trope_or_subtrope(wiki):
    marked = run("ForgottenUmbrella", Reader(avoid=("RainyDay",)))
    assert {w.key: w.avoided for w in marked.works} == {
        "anime/sunbeam": [], "film/puddles": ["Rainy Day"], "film/storm": ["Rainy Day"]
    }  # fmt: skip
    hidden = run("ForgottenUmbrella", Reader(avoid=("RainyDay",), avoid_hide=True))
    assert [w.key for w in hidden.works] == ["anime/sunbeam"] and hidden.hidden == 2 and hidden.total == 1


def test_pages_of_results(wiki):
    first, second = (
        run("ForgottenUmbrella", ANYONE, limit=2),
        run("ForgottenUmbrella", ANYONE, limit=2, offset=2),
    )
    assert first.total == 3 and len(first.works) == 2 and [w.key for w in second.works] == ["anime/sunbeam"]
