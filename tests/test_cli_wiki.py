"""The wiki's commands: import (all-or-nothing per page, idempotent), demo, createuser."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from django.contrib.auth.models import User

from tropebase.cli import main
from tropebase.demo.build import PAGES, demo_pages
from tropebase.web.access import is_moderator
from tropebase.wiki.models import Example, Page, Revision

from .conftest import SEED

pytestmark = pytest.mark.django_db(transaction=True)


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_import_the_seed_twice(corpus):
    known = str(corpus / "laconic/trope_laconic.jsonl")
    first = run("import", "--known", known, str(SEED))
    assert first.exit_code == 0, first.output
    assert "imported: 1 created, 0 changed, 0 unchanged, 0 failed" in first.output
    page = Page.objects.get(key="main/netoraregenre")
    assert (page.title, page.kind, page.content_rating) == ("Netorare Genre", "trope", "adult")
    assert Example.objects.filter(page=page).count() == 53
    again = run("import", "--known", known, str(SEED))
    assert "imported: 0 created, 0 changed, 1 unchanged, 0 failed" in again.output
    assert Revision.objects.filter(page=page).count() == 1


def test_import_reports_bad_files_and_keeps_going(tmp_path):
    bad = tmp_path / "lists.json"
    bad.write_text('not a trope list at all\n{"DayOfRest": 7}\n')
    good = tmp_path / "page.txt"
    good.write_text("A trope about maps.")
    result = CliRunner().invoke(main, ["import", "--namespace", "Film", str(bad), str(good)])
    assert result.exit_code == 1
    assert f"{bad}:1: not a JSON line (Expecting value) (and 1 more bad lines); nothing in" in result.output
    assert Page.objects.filter(key__endswith="/page").exists()
    assert not Page.objects.filter(namespace="Film").exists()  # the bad file stored nothing


LISTS = "\n".join([
    '{"TheMapMakers": ["ChekhovsGun", "RedHerring"]}',
    '{"DayOfRest": ["Woobie"]',
    '{"TheBigRain": 7}',
    "",
    '{"Puddles": ["ChekhovsGun"]}',
])  # fmt: skip


def test_a_bad_line_in_json_lines_is_reported_and_the_rest_imported(tmp_path):
    lists = tmp_path / "lists.jsonl"
    lists.write_text(LISTS)
    result = CliRunner().invoke(main, ["import", "--namespace", "Film", str(lists)])
    assert result.exit_code == 1
    assert f"{lists}:2: not a JSON line (Expecting ',' delimiter) (line skipped)" in result.output
    assert f"{lists}:3: field 'TheBigRain': expected a list of trope ids (line skipped)" in result.output
    assert "imported: 2 created, 0 changed, 0 unchanged, 0 failed" in result.output
    assert sorted(Page.objects.values_list("key", flat=True)) == ["film/puddles", "film/themapmakers"]


def test_strict_refuses_the_whole_file_on_its_first_bad_line(tmp_path):
    lists = tmp_path / "lists.jsonl"
    lists.write_text(LISTS)
    result = CliRunner().invoke(main, ["import", "--strict", "--namespace", "Film", str(lists)])
    assert result.exit_code == 1
    assert f"tropebase import: {lists}:2: not a JSON line" in result.output and ":3:" not in result.output
    assert not Page.objects.exists()


@pytest.mark.parametrize("empty", ["", " \n\n\t\n"], ids=["0 bytes", "white space"])
def test_an_empty_page_file_does_not_blank_the_page(tmp_path, empty):
    page = tmp_path / "Main.RedHerring.txt"
    page.write_text("A clue that leads nowhere.")
    assert run("import", str(page)).exit_code == 0
    page.write_text(empty)
    refused = CliRunner().invoke(main, ["import", str(page)])
    assert refused.exit_code == 1
    assert f"failed: Main/RedHerring: {page} has no text (0 bytes or only white space)" in refused.output
    assert Page.objects.get().current.text == "A clue that leads nowhere."
    allowed = run("import", "--allow-empty", str(page))
    assert allowed.exit_code == 0 and "0 created, 1 changed" in allowed.output
    assert Page.objects.get().current.text == empty


def test_pages_no_database_can_store_fail_with_the_reason_and_the_rest_are_imported(tmp_path):
    lists = tmp_path / "lists.json"
    lists.write_text('{"TheMapMakers": ["ChekhovsGun"], "%s": ["RedHerring"]}' % ("Ab" * 125))
    nul = tmp_path / "Main.Woobie.txt"
    nul.write_text("A trope.\x00")
    result = CliRunner().invoke(main, ["import", "--namespace", "Film", str(lists), str(nul)])
    assert result.exit_code == 1
    assert "imported: 1 created, 0 changed, 0 unchanged, 2 failed" in result.output
    assert f"failed: Film/{'Ab' * 125}: The page name is 250 characters long; at most 200" in result.output
    assert "failed: Main/Woobie: The page text holds a NUL byte (line 1)" in result.output
    assert list(Page.objects.values_list("key", flat=True)) == ["film/themapmakers"]


def test_demo_catalog_is_big_enough_and_loads_once():
    result = run("demo")
    assert result.exit_code == 0
    pages = Page.objects.all()
    assert pages.filter(kind="trope", redirect_to="").count() >= 20
    works = pages.filter(kind="work")
    assert works.count() >= 30 and works.values("namespace").distinct().count() >= 5
    assert Example.objects.count() >= 120
    assert Example.objects.exclude(play="straight").values("play").distinct().count() >= 5
    assert Example.objects.exclude(spoilers=[]).count() >= 10
    assert pages.filter(content_rating="adult").count() == 1
    assert pages.exclude(redirect_to="").count() >= 1
    assert len(demo_pages()) == pages.count() == len(list(PAGES.glob("*.txt")))
    assert pages.get(key="literature/theclockmakersdaughter").title == "The Clockmaker's Daughter"
    assert "0 pages created or changed" in run("demo").output


def test_createuser():
    result = run("createuser", "mod", "--moderator", input="long password here\nlong password here\n")
    assert "created mod (moderator)" in result.output
    user = User.objects.get(username="mod")
    assert user.check_password("long password here") and is_moderator(user)


@pytest.mark.parametrize(
    "password, why",
    [("short1", "too short"), ("password123", "too common"), ("rainmaker-lee", "too similar")],
)
def test_createuser_applies_the_sign_up_password_rules(password, why):
    result = CliRunner().invoke(main, ["createuser", "rainmaker-lee", "--password", password])
    assert result.exit_code == 1 and "password refused" in result.output and why in result.output
    assert not User.objects.filter(username="rainmaker-lee").exists()


def test_createuser_keeps_the_old_password_when_the_new_one_is_refused():
    run("createuser", "mod", "--password", "long password here")
    result = CliRunner().invoke(main, ["createuser", "mod", "--password", "short"])
    assert result.exit_code == 1
    assert User.objects.get(username="mod").check_password("long password here")


def test_import_a_folder(tmp_path):
    (tmp_path / "Film").mkdir()
    (tmp_path / "Film" / "Puddles.txt").write_text("* ForgottenUmbrella: left on the bus.\n")
    (tmp_path / "Main.ForgottenUmbrella.txt").write_text(
        "[[quoteright:350:https://example.org/umbrella.png]]\nAn umbrella left behind.\n----\n"
        "* ''Film/Puddles'': on the bus.\n"
    )
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "Main.Secret.txt").write_text("Not imported.\n")
    result = run("import", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "imported: 2 created, 0 changed, 0 unchanged, 0 failed" in result.output
    assert set(Page.objects.values_list("key", flat=True)) == {"film/puddles", "main/forgottenumbrella"}
    assert Example.objects.filter(page__key="main/forgottenumbrella").count() == 1


def test_import_one_page_saved_twice_by_a_copier(tmp_path):
    from .conftest import CORPUS

    html = (CORPUS / "html" / "playnite" / "WallRun.html").read_bytes()
    (tmp_path / "WallRun.html").write_bytes(html)
    (tmp_path / "WallRun-2.html").write_bytes(html)
    result = run("import", str(tmp_path))
    assert "imported: 1 created, 0 changed, 0 unchanged, 0 failed" in result.output
    assert "Main/WallRun already imported from another file; skipped" in result.output


def test_search_command_text_and_json():
    import json

    from tropebase.wiki.store import save_page

    save_page("Main/ForgottenUmbrella", "A hero leaves an umbrella behind.", title="Forgotten Umbrella")
    save_page("Main/Velvet", "An umbrella for grown-ups.", title="Velvet", rating="adult")
    text = run("search", "umbrel")
    assert text.exit_code == 0 and "1 found" in text.output and "Main/ForgottenUmbrella" in text.output
    assert "*umbrella*" in text.output
    found = json.loads(run("search", "umbrel", "--adult", "--format", "json").stdout)
    assert found["total"] == 2 and {h["page"] for h in found["hits"]} == {
        "Main/ForgottenUmbrella",
        "Main/Velvet",
    }


def test_query_command(db):
    from .wiki.findkit import weather_wiki

    weather_wiki()
    found = run("query", "ForgottenUmbrella -RainyDay", "--format", "json")
    assert found.exit_code == 0, found.output
    import json

    assert [w["key"] for w in json.loads(found.stdout)["works"]] == ["anime/sunbeam"]
    bad = run("query", "ForgottenUmbrella medium:Nope")
    assert bad.exit_code == 2 and "unknown medium 'Nope'" in bad.output and "^^^^" in bad.output
