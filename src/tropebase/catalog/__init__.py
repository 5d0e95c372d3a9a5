"""Pages → facts. Pure: works on parse trees and returns plain dataclasses; never imports Django."""

from .compile import compile_page, page_kind
from .facts import Example, Footnote, PageFacts, Quote, Relation, Section

compile = compile_page

__all__ = [
    "Example",
    "Footnote",
    "PageFacts",
    "Quote",
    "Relation",
    "Section",
    "compile",
    "compile_page",
    "page_kind",
]
