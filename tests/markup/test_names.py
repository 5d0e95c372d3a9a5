from __future__ import annotations

import pytest

from tropebase.markup.names import canonical_namespace, normalise_target, title_from_name, to_wikiword


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ChekhovsGun", ("Main/ChekhovsGun", None)),
        ("Film/Oldboy2003", ("Film/Oldboy2003", None)),
        ("film/Oldboy2003", ("Film/Oldboy2003", None)),
        ("Main.ChekhovsGun", ("Main/ChekhovsGun", None)),
        ("VideoGame.Undertale", ("VideoGame/Undertale", None)),
        ("ChekhovsGun#uses", ("Main/ChekhovsGun", "uses")),
        ("TheAvengers/TropesAToD", ("TheAvengers/TropesAToD", None)),
        ("chekhovsGun", ("Main/ChekhovsGun", None)),
        ("Mr.Smith", ("Main/MrSmith", None)),
    ],
)
def test_normalise_target(raw, expected):
    assert normalise_target(raw) == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("wiki word", "WikiWord"),
        ("Achilles' Heel", "AchillesHeel"),
        ("Don't Panic", "DontPanic"),
        ("Please, I Will Do Anything!", "PleaseIWillDoAnything"),
        ("Big NO!", "BigNO"),
        ("  spaced   out ", "SpacedOut"),
        ("寝取られ", "寝取られ"),
    ],
)
def test_to_wikiword(text, name):
    assert to_wikiword(text) == name


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("NetorareGenre", "Netorare Genre"),
        ("AllThereInTheManual", "All There in the Manual"),
        ("TheHobbit", "The Hobbit"),
        ("Oldboy2003", "Oldboy 2003"),
        ("BeAWhoreToGetYourMan", "Be a Whore to Get Your Man"),
    ],
)
def test_title_from_name(name, title):
    assert title_from_name(name) == title


def test_canonical_namespace():
    assert canonical_namespace("videogame") == "VideoGame"
    assert canonical_namespace("YMMV") == "YMMV"
    assert canonical_namespace("Nowhere") is None
