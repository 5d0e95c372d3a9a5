"""An editor's save: written as is, or merged with what others saved since the edit began.

Every submitted edit ends in history or in a conflict that gives the editor's text back. When someone
saved since the edit's base revision, the edit is merged three ways against the newest revision and
saved on top of it; when yet another save lands in between, the merge is done again against that one.
After a few such races, or when two changes touch the same lines, the editor gets the conflict.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..textmerge import merge3
from .models import Revision
from .store import SaveResult, StaleBase, save_page

#: merges tried against newer revisions before the editor is asked to resolve it by hand
MERGE_ATTEMPTS = 5


@dataclass(slots=True)
class EditOutcome:
    """`status`: saved, unchanged, merged (saved on top of others' changes) or conflict."""

    status: str
    result: SaveResult | None = None
    merged_with: int | None = None  # the newest revision the edit was merged with
    conflict_text: str = ""  # conflict: the merge, both sides between markers, for the edit box
    conflicts: int = 0  # conflict: how many stretches both edits changed
    base_text: str = ""  # conflict: the revision the edit began from
    theirs: Revision | None = None  # conflict: the revision the edit conflicts with


def save_edit(
    target: str, text: str, *, base: int, author=None, summary: str = "", moderator: bool = False
) -> EditOutcome:
    """Save an edit that began from revision `base` (0: the editor saw no page). Raises what save_page
    raises, except StaleBase: a stale base becomes a merge or a conflict."""
    candidate, expected, merged_with = text, base, None
    base_text: str | None = None
    for _ in range(MERGE_ATTEMPTS):
        try:
            result = save_page(target, candidate, author=author, base=expected, moderator=moderator,
                               summary=_summary(summary, merged_with))  # fmt: skip
        except StaleBase as stale:
            current = stale.current
            if base_text is None:
                began = Revision.objects.filter(page=current.page, number=base).first()
                base_text = began.text if began else ""
            merge = merge3(base_text, text, current.text)
            if not merge.clean:
                return EditOutcome("conflict", conflict_text=merge.text(), conflicts=len(merge.conflicts),
                                   base_text=base_text, theirs=current)  # fmt: skip
            candidate, expected, merged_with = merge.text(), current.number, current.number
            continue
        if merged_with is not None:
            return EditOutcome("merged", result, merged_with)
        return EditOutcome("saved" if result.changed else "unchanged", result)
    # others kept saving in between: give the editor the newest merge to look over and save again
    return EditOutcome("conflict", conflict_text=candidate, base_text=base_text or "", theirs=current)


def _summary(summary: str, merged_with: int | None) -> str:
    if merged_with is None:
        return summary
    return (
        f"{summary} (merged with revision {merged_with})"
        if summary
        else f"merged with revision {merged_with}"
    )
