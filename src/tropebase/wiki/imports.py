"""Storing converted pages: in batches through the write layer (`wiki.bulk`), each page saved whole or
not at all, a tally for the report."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..ingest.plaintext import Converted
from ..markup.names import to_wikiword
from .bulk import BATCH, Incoming, save_pages
from .models import KnownTitle, Page
from .store import remember_titles


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
    batch_size: int = BATCH,
) -> Iterator[str]:
    """Save the converted pages as new revisions through the write layer's batched path (`wiki.bulk`);
    yields each page's target as it is done. Unchanged pages are left as they are.

    A page whose text is empty (a 0-byte file, or only white space) is refused unless `allow_empty`:
    saved, it would blank the page it names."""
    tally = tally or ImportTally()
    for outcome in save_pages(_incoming(pages, rating, allow_empty), author=author, batch_size=batch_size):
        if outcome.status == "failed":
            tally.failed.append(f"{outcome.target}: {outcome.error}")
        else:
            setattr(tally, outcome.status, getattr(tally, outcome.status) + 1)
        yield outcome.target


def _incoming(pages: Iterable[Converted], rating: str | None, allow_empty: bool) -> Iterator[Incoming]:
    for converted in pages:
        report = converted.report
        target = report.page or "Main/" + to_wikiword(report.source.rsplit("/", 1)[-1].split(".")[0])
        summary = f"Imported from {report.source} ({report.format})"
        if not allow_empty and not converted.markup.strip():
            yield Incoming(target, "", refused=f"{report.source} has no text (0 bytes or only white space); "
                           "not saved, as it would blank the page (--allow-empty saves it)")  # fmt: skip
            continue
        if report.titles:  # before the page's batch, so its own links show them
            remember_titles(report.titles, report.source)
        yield Incoming(target, converted.markup, report.title, rating, summary)
