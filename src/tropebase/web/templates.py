"""Starting texts for a new page: a trope and a work, shaped the way the compiler reads pages
(description, a rule, then examples by medium or tropes in alphabetical order)."""

from __future__ import annotations

from ..markup.names import split_target, title_from_name

#: template key → (what the create form calls it, the text; `{title}` is the new page's title)
TEMPLATES: dict[str, tuple[str, str]] = {
    "trope": (
        "Trope",
        """What the trope is, in a sentence or two: how it shows up in a story and why writers use it.

Compare SimilarTrope. Contrast OppositeTrope.
----
!!Examples:
[[foldercontrol]]

[[folder:Film]]
* ''Film/SomeFilm'': how the film plays {title}.
[[/folder]]

[[folder:Literature]]
* ''Literature/SomeNovel'': how the novel plays it.
[[/folder]]
""",
    ),
    "work": (
        "Work",
        """''{title}'' is a story about … (who made it, when, and what happens at the start).
----
!!Tropes used in ''{title}'':
* ChekhovsGun: the thing shown early that matters later.
* ForgottenUmbrella: Subverted, when the hero [[spoiler:remembers it after all]].
""",
    ),
}


def starting_text(key: str, target: str) -> str:
    """The template `key` for the page `target`, or an empty text when there is no such template."""
    if key not in TEMPLATES:
        return ""
    return TEMPLATES[key][1].replace("{title}", title_from_name(split_target(target)[1]))
