"""TV-Tropes-compatible markup: `parse` text into a typed tree, render it to safe HTML or plain text,
and list the pages it links to. Standard library only; never raises on any input."""

from __future__ import annotations

import gc

from .block import parse_blocks
from .names import normalise_target, title_from_name, to_wikiword
from .nodes import Document
from .render_html import to_html
from .walk import iter_nodes, links, to_text


def parse(text: str) -> Document:
    """Parse a page's markup. Whatever the string, this returns a Document.

    The cyclic garbage collector is paused meanwhile: the tree holds no reference cycles, and on large
    inputs its repeated full scans of the growing tree made parsing time grow faster than the input.
    """
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        return Document(parse_blocks(text))
    finally:
        if paused:
            gc.enable()


__all__ = [
    "Document",
    "iter_nodes",
    "links",
    "normalise_target",
    "parse",
    "title_from_name",
    "to_html",
    "to_text",
    "to_wikiword",
]
