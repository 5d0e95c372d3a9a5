"""Rows of the wiki as the API's schemas want them (plain dicts; the schemas check them)."""

from __future__ import annotations

from ..wiki.models import Appearance, Example, Page, Revision


def page_ref(page: Page) -> dict:
    return {"target": page.target, "title": page.title, "kind": page.kind, "rating": page.content_rating,
            "redirect_to": page.redirect_to or None}  # fmt: skip


def page_key(page: Page) -> str:
    """A listed page's key: the work a page listing's avoid list looks at."""
    return page.key


def work_key(row: Example | Appearance) -> str:
    """The key of the work an example or appearance is about: what the avoid list looks at."""
    return row.work_key


def revision_info(revision: Revision) -> dict:
    return {"number": revision.number, "created": revision.created,
            "author": revision.author.username if revision.author else None,
            "summary": revision.summary, "size": revision.size}  # fmt: skip


def example_out(row: Example) -> dict:
    return {
        "id": row.id, "page": row.page.target, "position": row.position, "trope": row.trope,
        "trope_key": row.trope_key, "work": row.work_target, "work_key": row.work_key,
        "work_title": row.work_title, "medium": row.medium, "play": row.play, "uncertain": row.uncertain,
        "section": row.section, "depth": row.depth, "parent": row.parent_id, "spoiler": bool(row.spoilers),
        "spoilers": row.spoilers, "text": row.text, "line": row.line,
    }  # fmt: skip


def appearance_out(row: Appearance) -> dict:
    fields = ("id", "work_key", "trope_key", "work_title", "trope", "play", "plays", "medium", "spoiler",
              "adult_only", "statements")  # fmt: skip
    return {f: getattr(row, f) for f in fields}
