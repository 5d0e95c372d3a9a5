"""The numbers reads show, kept by the write layer (`wiki.counts`): right after every kind of change —
a new page, an edit that drops examples, another name, a redirect, a move, a rating, a kind — and
equal to a fresh count of the rows; the doctor finds a wrong one and counts again."""

from __future__ import annotations

import random
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.db import connection, connections

from tropebase.cli import main
from tropebase.wiki import counts, read
from tropebase.wiki.models import Page, PageCount, Tally
from tropebase.wiki.store import move_page, save_page, set_rating
from tropebase.wiki.visibility import Reader

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from gen_catalog import generate

pytestmark = pytest.mark.django_db

EVERYONE, GROWN_UP = Reader(), Reader(show_adult=True)


def page(target: str) -> Page:
    return Page.objects.get(key=target.lower())


def listed(target: str, reader: Reader = EVERYONE) -> dict[str, int]:
    return {medium: count for medium, (_, count) in read.cross_listing(reader, page(target)).items()}


def umbrellas() -> None:
    save_page("Main/ForgottenUmbrella", "An umbrella is left behind.\n\n* ''Film/Puddles'': on the bus.\n")
    save_page("Main/RainyDay", "It rains. See ForgottenUmbrella.")
    for name in ("Puddles", "Drizzle", "Storm"):
        save_page(f"Film/{name}", "A film.\n----\n* ForgottenUmbrella: left behind.\n* RainyDay: wet.\n",
                  title=name)  # fmt: skip
    save_page("Series/Showers", "A series.\n----\n* ForgottenUmbrella: in episode two.\n", title="Showers")


def test_counts_follow_saves_and_equal_a_fresh_count():
    umbrellas()
    # Puddles is listed on the trope page itself: each appearance once
    assert listed("Main/ForgottenUmbrella") == {"film": 2, "live_action_tv": 1}
    assert listed("Film/Puddles") == {}  # the trope page's example names Puddles, and Puddles states it too
    assert read.wicks(page("Main/ForgottenUmbrella")) == 5  # RainyDay and four works; not itself
    assert read.home_counts(EVERYONE) == {"trope": 2, "work": 4}
    assert dict(read.namespaces(EVERYONE)) == {"Film": 3, "Main": 2, "Series": 1}
    save_page("Film/Storm", "A film.\n----\n* RainyDay: wet.\n", title="Storm")  # drops the umbrella
    assert listed("Main/ForgottenUmbrella") == {"film": 1, "live_action_tv": 1}
    assert read.wicks(page("Main/ForgottenUmbrella")) == 4
    assert counts.problems() == []


def test_an_adult_page_counts_only_for_readers_who_opted_in():
    umbrellas()
    set_rating(page("Film/Drizzle"), Page.ADULT)
    assert listed("Main/ForgottenUmbrella") == {"film": 1, "live_action_tv": 1}
    assert listed("Main/ForgottenUmbrella", GROWN_UP) == {"film": 2, "live_action_tv": 1}
    related = read.backlinks(EVERYONE, "Main/ForgottenUmbrella", page("Main/ForgottenUmbrella"))
    assert related.count() == 4 == len(list(related[:100]))
    assert read.home_counts(EVERYONE) == {"trope": 2, "work": 3}
    assert read.home_counts(GROWN_UP) == {"trope": 2, "work": 4}
    save_page("Film/Drizzle", "A film.\n----\n* RainyDay: wet.\n")  # the adult page drops the umbrella
    umbrella = counts.tally(page("Main/ForgottenUmbrella"))
    assert (umbrella.wicks, umbrella.wicks_general) == (4, 4)
    assert listed("Main/ForgottenUmbrella", GROWN_UP) == {"film": 1, "live_action_tv": 1}
    assert counts.problems() == []


def test_other_names_redirects_moves_and_kinds():
    umbrellas()
    save_page("Main/BrollyBlindness", "[[redirect:ForgottenUmbrella]]")
    save_page("Film/Mizzle", "A film.\n----\n* BrollyBlindness: again.\n", title="Mizzle")
    save_page("Main/Dry", "Nothing here. See BrollyBlindness and ForgottenUmbrellas.")
    assert listed("Main/ForgottenUmbrella") == {"film": 3, "live_action_tv": 1}
    assert read.wicks(page("Main/ForgottenUmbrella")) == 7  # its other name and its plural count too
    move_page(page("Film/Drizzle"), "Film/Drizzling")
    assert read.namespace_pages(EVERYONE, "Film")[1].count() == 4  # the redirect left behind is not listed
    save_page("Main/RainyDay", "A film now.\n----\n* ForgottenUmbrella: wet.\n")  # trope → work
    assert counts.problems() == []


def test_namespace_index_by_letter_and_kind():
    umbrellas()
    save_page("Film/NineLives", "A film.", title="9 Lives")
    ns, pages = read.namespace_pages(EVERYONE, "film")
    assert ns == "Film" and pages.count() == 4
    assert [p.title for p in pages[:10]] == ["9 Lives", "Drizzle", "Puddles", "Storm"]
    assert [p.title for p in read.namespace_pages(EVERYONE, "Film", "#")[1][:10]] == ["9 Lives"]
    assert read.namespace_pages(EVERYONE, "Film", "d")[1].count() == 1
    assert read.namespace_pages(EVERYONE, "Main", kind="trope")[1].count() == 2
    assert read.namespace_pages(EVERYONE, "Main", "R", kind="trope")[1].count() == 1


def test_the_doctor_names_a_wrong_count_and_counts_again():
    umbrellas()
    Tally.objects.filter(page=page("Main/ForgottenUmbrella")).update(wicks=99, listed={})
    PageCount.objects.filter(namespace="Film").update(pages=7)
    found = counts.problems()
    assert any(p.startswith("main/forgottenumbrella: counted 99 wicks") for p in found)
    assert any(p.startswith("pages counted in Film work") for p in found)
    result = CliRunner().invoke(main, ["doctor"], catch_exceptions=False)
    assert result.exit_code == 1 and "counts: main/forgottenumbrella" in result.output
    result = CliRunner().invoke(main, ["doctor", "--repair"], catch_exceptions=False)
    assert result.exit_code == 0 and "counted again" in result.output
    assert counts.problems() == [] and read.wicks(page("Main/ForgottenUmbrella")) == 5


def test_a_database_without_counts_gets_them_at_start():
    umbrellas()
    Tally.objects.all().delete()
    PageCount.objects.all().delete()
    Page.objects.update(counted="")
    assert counts.count_missing() and counts.problems() == []
    assert not counts.count_missing()  # once done, nothing to do


def test_a_random_page_is_a_listed_page():
    umbrellas()
    save_page("Main/BrollyBlindness", "[[redirect:ForgottenUmbrella]]")
    set_rating(page("Film/Storm"), Page.ADULT)
    seen = {read.random_page(EVERYONE).key for _ in range(60)}
    assert seen and seen <= {p.key for p in read.pages(EVERYONE).filter(redirect_to="")}
    assert "film/storm" not in seen and "main/brollyblindness" not in seen


def test_random_edits_keep_every_count_right(tmp_path):
    """Edits of every kind in a random order — examples dropped and added, links, a page turned into
    a redirect and back, another name, a rating, a move, a new page taking a name — and after each
    batch the kept numbers equal a fresh count."""
    generate(tmp_path, tropes=12, works=30, per_work=5, seed=11)
    for path in sorted(tmp_path.glob("*.txt")):
        namespace, name, _ = path.name.split(".")
        save_page(f"{namespace}/{name}", path.read_text(encoding="utf-8"))
    rng = random.Random(5)
    tropes = list(Page.objects.filter(kind="trope").values_list("name", flat=True))
    for step in range(80):
        target = rng.choice(list(Page.objects.exclude(current=None)))
        change = step % 8
        _edit(rng, target, change, step, tropes)
        assert counts.problems() == [], (step, change, target.key)


def _edit(rng: random.Random, target: Page, change: int, step: int, tropes: list[str]) -> None:
    text = target.current.text
    if change == 0:  # drop some examples
        text = "\n".join(line for line in text.split("\n") if not line.startswith("*") or rng.random() < 0.6)
    elif change == 1:  # add examples and links
        text += (
            "".join(f"\n* {rng.choice(tropes)}: again." for _ in range(3)) + f"\nSee {rng.choice(tropes)}."
        )
    elif change == 2:  # a redirect, or back
        text = f"[[redirect:{rng.choice(tropes)}]]" if not target.redirect_to else "A page again.\n* Foo: x."
    elif change == 3:
        return set_rating(target, Page.GENERAL if target.is_adult else Page.ADULT)
    elif change == 4:  # another name
        text = f"Also called {rng.choice(['Brolly', 'Parasol', 'Gamp'])}{step}.\n" + text
    elif change == 5 and not target.redirect_to:
        move_page(target, f"{target.namespace}/Moved{step}", leave_redirect=rng.random() < 0.5)
        return None
    elif change == 6:  # a new page whose name others already use
        save_page(f"Main/{rng.choice(tropes)}s", "The plural has a page now.")
        return None
    save_page(target.target, text, title=f"Title {step}" if change == 7 else None)
    return None


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite writes one transaction at a time")
def test_concurrent_saves_naming_one_trope_both_count():
    """Two saves listing the same trope at once: the second waits for the first's Tally lock, then
    counts with its rows committed, so neither count misses the other's example."""
    save_page("Main/ForgottenUmbrella", "An umbrella is left behind.")
    errors = []

    def save(name: str) -> None:
        try:
            for i in range(5):
                save_page(
                    f"Film/{name}{i}", "A film.\n----\n* ForgottenUmbrella: lost.\n", title=f"{name} {i}"
                )
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(name,)) for name in ("Rain", "Hail")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert listed("Main/ForgottenUmbrella") == {"film": 10}
    assert counts.problems() == []
