"""Appearances: one row per (work, trope) whichever pages state it, and examples that keep their ids."""

from __future__ import annotations

import pytest

from tropebase.wiki.appearances import summary_play
from tropebase.wiki.models import Appearance, Example
from tropebase.wiki.store import save_page, set_rating

pytestmark = pytest.mark.django_db

TROPE = """Rain falls at the saddest moment.
----
[[folder:Film]]
* ''Film/Puddles'': it pours at the funeral.
* ''Paper Boats'': [[spoiler:the rain never comes]].
[[/folder]]
"""
WORK = """A film about rain.
----
* SadRain: subverted, it is sunny at the funeral.
* ForgottenUmbrella: left on the bus.
"""


def test_a_pair_stated_on_both_pages_is_one_appearance():
    save_page("Main/SadRain", TROPE)
    save_page("Film/Puddles", WORK, title="Puddles")
    appearance = Appearance.objects.get(work_key="film/puddles", trope_key="main/sadrain")
    assert appearance.statements == 2
    assert appearance.play == "subverted" and set(appearance.plays) == {"straight", "subverted"}
    assert appearance.medium == "film" and not appearance.spoiler and not appearance.adult_only
    assert Appearance.objects.filter(work_key="film/puddles").count() == 2  # and ForgottenUmbrella


def test_a_work_without_a_page_gets_a_key_from_its_title():
    save_page("Main/SadRain", TROPE)
    appearance = Appearance.objects.get(trope_key="main/sadrain", work_key="film/paperboats")
    assert appearance.work_title == "Paper Boats" and appearance.spoiler  # every statement a spoiler
    save_page("Film/PaperBoats", "A film about paper boats.", title="Paper Boats")
    assert Appearance.objects.filter(work_key="film/paperboats").count() == 1


def test_work_page_shows_each_trope_once(client):
    save_page("Main/SadRain", TROPE)
    save_page("Main/ForgottenUmbrella", "An umbrella left behind.\n----\n* ''Film/Puddles'': twice.")
    save_page("Film/Puddles", WORK, title="Puddles")
    html = client.get("/Film/Puddles").content.decode()
    assert html.count('href="/Main/SadRain"') == 1 and html.count('href="/Main/ForgottenUmbrella"') == 1


def test_appearances_follow_edits_redirects_and_ratings():
    save_page("Main/SadRain", TROPE)
    save_page("Film/Drizzle", "[[redirect:Film/Puddles]]")
    save_page("Main/SadRain", TROPE.replace("''Film/Puddles''", "''Film/Drizzle''"))
    puddles = save_page("Film/Puddles", WORK, title="Puddles").page  # the redirect's target, created late
    assert not Appearance.objects.filter(work_key="film/drizzle").exists()  # Drizzle is only a name
    assert Appearance.objects.get(work_key="film/puddles", trope_key="main/sadrain").statements == 2
    set_rating(puddles, "adult")
    assert not Appearance.objects.get(work_key="film/puddles", trope_key="main/sadrain").adult_only
    assert Appearance.objects.get(work_key="film/puddles", trope_key="main/forgottenumbrella").adult_only
    save_page("Main/SadRain", "Rain falls at the saddest moment.")
    assert Appearance.objects.get(work_key="film/puddles", trope_key="main/sadrain").statements == 1


def test_summary_play():
    assert summary_play(["straight", "subverted"], [False, False])[0] == "subverted"
    assert summary_play(["straight", "straight"], [False, False])[0] == "straight"
    assert summary_play(["averted", "subverted", "averted"], [False, False, False])[0] == "averted"
    assert summary_play(["subverted"], [True])[0] == "uncertain"
    assert summary_play(["subverted", "averted"], [True, False])[0] == "averted"


def test_examples_keep_their_ids_while_their_text_is_unchanged():
    save_page("Main/SadRain", TROPE)
    before = dict(Example.objects.values_list("text", "id"))
    edited = TROPE.replace("[[folder:Film]]", "A new first line.\n[[folder:Film]]").replace(
        "it pours at the funeral.", "it pours at the wedding."
    )
    save_page("Main/SadRain", edited)
    after = dict(Example.objects.values_list("text", "id"))
    kept = "Paper Boats: the rain never comes."
    assert after[kept] == before[kept]
    assert after["Puddles: it pours at the wedding."] not in before.values()
