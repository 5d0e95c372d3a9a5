"""The whole wiki as JSON Lines: enough to rebuild it (`wiki.restore`), and nothing derived.

One header line, then accounts (names only, unless `with_accounts`: then password hashes, flags and
the adult opt-in too), then every page by key with every revision by number — text, author name, time,
summary, hidden flag — and the page's title, rating and protection. Rows, appearances and HTML are
left out: the write layer derives them again on restore. Nothing in a dump depends on database ids or
on when it was made, so dump → restore → dump gives the same bytes. Pages are read one at a time
(`.iterator()`), so memory stays flat however big the wiki is.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from django.contrib.auth import get_user_model

from .models import Page, Profile, Revision

FORMAT, VERSION = "tropebase-dump", 1
MODERATORS = "moderators"  # the group tropebase.web.access gives moderators


def header() -> dict:
    return {"format": FORMAT, "version": VERSION}


def is_dump_line(line: str | bytes) -> bool:
    try:
        first = json.loads(line)
    except ValueError:
        return False
    return isinstance(first, dict) and first.get("format") == FORMAT


def accounts(with_accounts: bool) -> Iterator[dict]:
    users = get_user_model().objects.order_by("username")
    if not with_accounts:
        for name in users.values_list("username", flat=True).iterator():
            yield {"type": "account", "name": name}
        return
    adult = set(Profile.objects.filter(show_adult=True).values_list("user_id", flat=True))
    moderators = set(users.filter(groups__name=MODERATORS).values_list("id", flat=True))
    for user in users.iterator():
        yield {"type": "account", "name": user.username, "password": user.password, "email": user.email,
               "active": user.is_active, "staff": user.is_staff, "superuser": user.is_superuser,
               "moderator": user.id in moderators, "show_adult": user.id in adult,
               "joined": user.date_joined.isoformat()}  # fmt: skip


def page_record(page: Page) -> dict:
    revisions = Revision.objects.filter(page=page).order_by("number").select_related("author")
    return {
        "type": "page",
        "target": page.target,
        "title": page.title,
        "rating": page.content_rating,
        "protected": page.protected,
        "revisions": [
            {
                "number": r.number,
                "created": r.created.isoformat(),
                "author": r.author.username if r.author else None,
                "summary": r.summary,
                "hidden": r.hidden,
                "text": r.text,
            }
            for r in revisions.iterator()
        ],
    }


def pages() -> Iterator[Page]:
    return Page.objects.exclude(current=None).order_by("key").iterator(chunk_size=200)


def page_count() -> int:
    return Page.objects.exclude(current=None).count()


def records(with_accounts: bool = False) -> Iterator[dict]:
    """Every line of the dump, in order."""
    yield header()
    yield from accounts(with_accounts)
    for page in pages():
        yield page_record(page)


def line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
