"""Compiling a page to create, as the write layer does before its transaction — here or in another
process (`wiki.bulk` compiles the next batch while it writes one).

Only the standard library is imported at the top: a process started by `spawn` imports this module to
find its functions before Django is set up (`worker_start` does that)."""

from __future__ import annotations

import json


def compiled(target: str, text: str, title: str | None, doc=None) -> tuple:
    """(parsed text or None, facts, facts as JSON text, search text, error): what `save_page` computes
    before its transaction, for a page to create."""
    from ..catalog import compile_page
    from ..catalog.export import facts_json
    from ..markup import parse
    from ..markup.walk import to_text
    from .limits import fit_facts

    try:
        doc = parse(text) if doc is None else doc
        facts = compile_page(doc, target, title=title)
        fit_facts(facts)
        return doc, facts, json.dumps(facts_json(facts)), to_text(doc, spoilers=False), ""
    except Exception as exc:  # as `save_page` would raise it: this page fails, the rest go on
        return None, None, "", "", str(exc) or type(exc).__name__


def compiled_remote(page: tuple[str, str, str | None]) -> tuple:
    """`compiled` in a pool process: the parsed text stays there (the caller parses again to render,
    cheaper than sending the tree)."""
    return (None, *compiled(*page)[1:])


def worker_start() -> None:
    """A pool process's first step: Django set up, for the models' field widths `fit_facts` reads."""
    from .setup import setup_django

    setup_django()
