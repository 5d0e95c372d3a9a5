"""Storing converted pages: each page saved on its own (all or nothing), a tally for the report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..ingest.plaintext import Converted
from ..markup.names import to_wikiword
from .diskspace import storage_failure
from .models import KnownTitle, Page
from .store import remember_titles, save_page


@dataclass(slots=True)
class ImportTally:
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: list[str] = field(default_factory=list)


def known_page_names() -> frozenset[str]:
    """Lower-case WikiWords of every name the wiki knows — each page's name and title (a redirect is a
    page too) and the targets it has a known title for: what a plain-text import may link, and how it
    splits a "See also" list ("I Have You Now, My Pretty" is one trope, not two).

    Aliases a description declares ("also called NTR") are left out: imported again, the page would
    link its own other names to itself, and a second import of the same file would change it."""
    names: set[str] = set()
    for name, title in Page.objects.values_list("name", "title").iterator():
        names.add(name.lower())
        names.add(to_wikiword(title).lower())
    for key, title in KnownTitle.objects.values_list("key", "title").iterator():
        names.add(key.rsplit("/", 1)[-1])
        names.add(to_wikiword(title).lower())
    return frozenset(names)


def store_pages(
    pages: Iterable[Converted],
    *,
    author=None,
    rating: str | None = None,
    tally: ImportTally | None = None,
    allow_empty: bool = False,
):
    """Save each converted page as a new revision; yields each page's target as it is done.

    A page whose text is empty (a 0-byte file, or only white space) is refused unless `allow_empty`:
    saved, it would blank the page it names."""
    tally = tally or ImportTally()
    for converted in pages:
        report = converted.report
        target = report.page or "Main/" + to_wikiword(report.source.rsplit("/", 1)[-1].split(".")[0])
        if not allow_empty and not converted.markup.strip():
            tally.failed.append(f"{target}: {report.source} has no text (0 bytes or only white space); "
                                "not saved, as it would blank the page (--allow-empty saves it)")  # fmt: skip
            yield target
            continue
        try:
            if report.titles:  # before the page, so its own links show them
                remember_titles(report.titles, report.source)
            result = save_page(
                target, converted.markup, author=author, title=report.title, rating=rating,
                summary=f"Imported from {report.source} ({report.format})", moderator=True,
            )  # fmt: skip
        except Exception as exc:  # one bad page must not stop the rest; its transaction was rolled back
            if storage_failure(exc):
                raise  # but a full disk stops every page after it too
            tally.failed.append(f"{target}: {exc}")
        else:
            if result.created:
                tally.created += 1
            elif result.changed:
                tally.changed += 1
            else:
                tally.unchanged += 1
        yield target
