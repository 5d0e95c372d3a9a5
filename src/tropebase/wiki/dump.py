"""The whole wiki as JSON Lines: enough to rebuild it (`wiki.restore`), and nothing derived.

One header line, then accounts (names only, unless `with_accounts`: then password hashes, flags, the
adult opt-in and the avoid list too), then the titles sources showed for pages not written yet
(`KnownTitle`: red links read them), then every page by key with every revision by number — text,
author name, time, summary, hidden flag — and the page's title, rating and protection, and last, with
`with_accounts`, each account's watchlist (it names pages, so it follows them). Rows, appearances,
search entries and HTML are left out: the write layer derives them again on restore. API tokens are
never dumped: a token is a standing credential, and its owner makes a new one on the restored site.
Nothing in a dump depends on database ids or on when it was made, so dump → restore → dump gives the
same bytes. Rows are read a chunk at a time (`.iterator()`), so memory stays flat however big the wiki
is.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator

from django.contrib.auth import get_user_model

from .models import AvoidedTrope, KnownTitle, Page, Profile, Revision, Watch

#: version 2 added known titles, avoid lists and watchlists; restore reads both
FORMAT, VERSION, READS = "tropebase-dump", 2, (1, 2)
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
    hide = set(Profile.objects.filter(avoid_hide=True).values_list("user_id", flat=True))
    avoid: dict[int, list[str]] = defaultdict(list)  # in the order the reader gave them (`avoid.saved_list`)
    for user_id, name in AvoidedTrope.objects.order_by("id").values_list("user_id", "name").iterator():
        avoid[user_id].append(name)
    for user in users.iterator():
        yield {"type": "account", "name": user.username, "password": user.password, "email": user.email,
               "active": user.is_active, "staff": user.is_staff, "superuser": user.is_superuser,
               "moderator": user.id in moderators, "show_adult": user.id in adult,
               "avoid": avoid.get(user.id, []), "avoid_hide": user.id in hide,
               "joined": user.date_joined.isoformat()}  # fmt: skip


def known_titles() -> Iterator[dict]:
    """The titles sources showed for link targets (`store.remember_titles`), by key, as stored."""
    rows = KnownTitle.objects.order_by("key").values_list("key", "title", "source")
    for key, title, source in rows.iterator(chunk_size=2000):
        yield {"type": "title", "key": key, "title": title, "source": source}


def watchlists() -> Iterator[dict]:
    """Each account's watched pages, by account name, the pages by key."""
    rows = Watch.objects.exclude(page__current=None).order_by("user__username", "page__key")
    name, targets = None, []
    found = rows.values_list("user__username", "page__namespace", "page__name")
    for user, namespace, page in found.iterator(chunk_size=2000):
        if user != name and targets:
            yield {"type": "watchlist", "account": name, "pages": targets}
            targets = []
        name = user
        targets.append(f"{namespace}/{page}")
    if targets:
        yield {"type": "watchlist", "account": name, "pages": targets}


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
    yield from known_titles()
    for page in pages():
        yield page_record(page)
    if with_accounts:
        yield from watchlists()


def line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
