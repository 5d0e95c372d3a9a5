"""The catalog compiler on pages written for these tests (everyday tropes, invented works)."""

from __future__ import annotations

from tropebase.catalog import compile_page
from tropebase.markup import parse

TROPE_PAGE = """\
->''Never leave home without an umbrella.''
-->-- Grandma Ida, ''Rainy Days''

The Forgotten Umbrella (also known as "Brolly Blindness", abbreviated as FU) is a subtrope of \
{{Murphy's Law}}. Compare WeatherAsMood. Contrast {{Always Sunny}}. The opposite of this trope is \
{{Umbrella Hoarder}}.

Subtropes:
* {{Umbrella Theft}}
* {{Inside Out Umbrella}}
----
!!Examples:
[[foldercontrol]]
[[folder:Film]]
* ''Film/{{Puddles}}'': The hero leaves it on the bus.[[note]]Twice, in fact.[[/note]]
** In the sequel it happens again, but [[spoiler:the bus driver returns it]].
* {{Averted}} in ''Film/DryRun'': she never forgets it.
* Film/TheLongDrizzle: played for drama.
[[/folder]]
[[folder:Literature]]
->A line from a book about rain.
-->-- Someone Wise
* Discussed in ''[[Literature/TheDamp The Damp Chronicles]]''.
[[/folder]]
[[folder:Pottery]]
* ''Clay Days'': an umbrella made of clay.
[[/folder]]
* ''Stray Example'': outside any folder.
----
->Stinger quote.
"""

WORK_PAGE = """\
A film about a wet week.
----
!!This film provides examples of:
* ForgottenUmbrella: The hero loses three.
** And a fourth in the credits.
* {{Red Herring}}: The umbrella salesman. {{Subverted}}, he did it.
* Chekhov's Raincoat: The coat matters later.
"""


def test_trope_page_head():
    facts = compile_page(parse(TROPE_PAGE), "Main/ForgottenUmbrella")
    assert (facts.title, facts.kind) == ("Forgotten Umbrella", "trope")
    assert facts.aliases == ["FU", "Brolly Blindness"]  # "The Forgotten Umbrella" is just its title
    assert facts.quotes[0].source == "Grandma Ida, Rainy Days"
    assert facts.quotes[-1].text == "Stinger quote." and facts.quotes[-1].section is None
    assert [(r.kind, r.target) for r in facts.relations] == [
        ("supertrope", "Main/MurphysLaw"),
        ("compare", "Main/WeatherAsMood"),
        ("contrast", "Main/AlwaysSunny"),
        ("inverse", "Main/UmbrellaHoarder"),
        ("subtrope", "Main/UmbrellaTheft"),
        ("subtrope", "Main/InsideOutUmbrella"),
    ]


def test_trope_page_examples():
    facts = compile_page(parse(TROPE_PAGE), "Main/ForgottenUmbrella")
    works = [(e.work, e.work_page, e.medium, e.depth, e.parent, e.play) for e in facts.examples]
    assert works == [
        ("Puddles", "Film/Puddles", "film", 1, None, "straight"),
        ("Puddles", "Film/Puddles", "film", 2, 0, "straight"),
        ("Dry Run", "Film/DryRun", "film", 1, None, "averted"),
        ("The Long Drizzle", "Film/TheLongDrizzle", "film", 1, None, "straight"),
        ("The Damp Chronicles", "Literature/TheDamp", "literature", 1, None, "discussed"),
        ("Clay Days", None, None, 1, None, "straight"),
        ("Stray Example", None, None, 1, None, "straight"),
    ]
    assert all(e.trope == "Main/ForgottenUmbrella" for e in facts.examples)
    assert facts.examples[1].spoilers == ["the bus driver returns it"]
    assert facts.examples[0].footnotes == [1]
    assert facts.footnotes[0].text == "Twice, in fact." and facts.footnotes[0].example == 0
    literature = facts.sections[facts.examples[4].section]
    assert literature.label == "Literature"
    assert [q.section for q in facts.quotes if q.source == "Someone Wise"] == [facts.examples[4].section]
    assert any("'Pottery' is not a known medium" in n for n in facts.notices)
    assert facts.examples[-1].section is None


def test_work_page():
    facts = compile_page(parse(WORK_PAGE), "Film/AWetWeek")
    assert facts.kind == "work"
    rows = [(e.trope, e.work_page, e.medium, e.depth, e.play) for e in facts.examples]
    assert rows == [
        ("Main/ForgottenUmbrella", "Film/AWetWeek", "film", 1, "straight"),
        ("Main/ForgottenUmbrella", "Film/AWetWeek", "film", 2, "straight"),
        ("Main/RedHerring", "Film/AWetWeek", "film", 1, "subverted"),
        ("Main/ChekhovsRaincoat", "Film/AWetWeek", "film", 1, "straight"),
    ]


def test_redirect_page():
    facts = compile_page(parse("[[redirect:ForgottenUmbrella]]"), "Main/FU")
    assert facts.redirect == "Main/ForgottenUmbrella"
    assert facts.examples == []


def test_index_page_kind():
    facts = compile_page(parse("[[index]]\n* ForgottenUmbrella\n[[/index]]"), "Main/WeatherTropes")
    assert facts.kind == "index"
    assert facts.links == ["Main/ForgottenUmbrella"]


def test_header_sections_on_old_pages():
    page = "A trope.\n!!Examples:\n!!!Anime and Manga\n* ''Rain Club'': yes.\n!!!Film\n* ''Puddles'': yes."
    facts = compile_page(parse(page), "Main/ForgottenUmbrella")
    assert [(e.work, e.medium) for e in facts.examples] == [("Rain Club", "anime_manga"), ("Puddles", "film")]


def test_bullets_before_a_closing_rule_are_examples():
    page = (
        "!!Main Games\n* ''VideoGame/PuddleQuest'' ends in a flood.\n** The secret ending dries it.\n----\n"
    )
    facts = compile_page(
        parse(page), "ForgottenUmbrella/VideoGames", title="Forgotten Umbrella / Video Games"
    )
    assert [(e.work, e.depth, e.medium) for e in facts.examples] == [
        ("Puddle Quest", 1, "video_games"),
        ("Puddle Quest", 2, "video_games"),
    ]


def test_subtropes_header_and_subpage_list_are_not_examples():
    page = """\
An umbrella left behind. Compare [[WeatherAsMood the weather]].
----
!!Subtropes:
* UmbrellaTheft: someone takes it, often a [[LovableRogue rogue]].
** InsideOutUmbrella: the wind does the rest.
----
!!Example Subpages:
* ForgottenUmbrella/VideoGames
** ''[[ForgottenUmbrella/PuddleQuest Puddle Quest]]''
* ForgottenUmbrella/{{Film}}
----
!!Other Examples:
[[folder:Literature]]
* ''Literature/TheDamp'': left on a train.
[[/folder]]
"""
    facts = compile_page(parse(page), "Main/ForgottenUmbrella")
    assert [(r.kind, r.target) for r in facts.relations] == [
        ("compare", "Main/WeatherAsMood"),
        ("subtrope", "Main/UmbrellaTheft"),
        ("subtrope", "Main/InsideOutUmbrella"),
    ]  # the rogue is in the subtrope's description, not a subtrope
    assert facts.subpages == [
        "ForgottenUmbrella/VideoGames", "ForgottenUmbrella/PuddleQuest", "ForgottenUmbrella/Film",
    ]  # fmt: skip
    assert [(e.work, e.medium) for e in facts.examples] == [("The Damp", "literature")]


def test_split_pages_take_work_and_medium_from_their_parent():
    work_part = "[[Film/AWetWeek2020 Main page]]\n----\n* ForgottenUmbrella: three of them.\n"
    facts = compile_page(parse(work_part), "AWetWeek/TropesAToF", title="A Wet Week (2020) / Tropes A to F")
    assert facts.kind == "work"
    assert {(e.work, e.work_page, e.medium) for e in facts.examples} == {
        ("A Wet Week (2020)", "Film/AWetWeek2020", "film")
    }
    by_work = "Back to ''VideoGame/PuddleQuest''.\n----\n* The good ending keeps it dry.\n"
    facts = compile_page(
        parse(by_work), "ForgottenUmbrella/PuddleQuest", title="Forgotten Umbrella / Puddle Quest"
    )
    assert {(e.work, e.work_page, e.medium, e.trope) for e in facts.examples} == {
        ("Puddle Quest", "VideoGame/PuddleQuest", "video_games", "Main/ForgottenUmbrella")
    }
