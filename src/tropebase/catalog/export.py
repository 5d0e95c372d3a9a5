"""PageFacts as JSON-ready data, in the documented shape (docs/facts.md) that `tropebase check
--format json`, exports and the API share."""

from __future__ import annotations

from .facts import PageFacts


def facts_json(facts: PageFacts) -> dict:
    return {
        "page": facts.page,
        "title": facts.title,
        "kind": facts.kind,
        "redirect": facts.redirect,
        "aliases": list(facts.aliases),
        "quotes": [
            {"text": q.text, "source": q.source, "section": q.section, "line": q.line} for q in facts.quotes
        ],
        "relations": [{"kind": r.kind, "target": r.target, "line": r.line} for r in facts.relations],
        "sections": [
            {"label": s.label, "medium": s.medium, "inferred": s.inferred, "line": s.line}
            for s in facts.sections
        ],
        "examples": [
            {
                "work": e.work,
                "work_page": e.work_page,
                "trope": e.trope,
                "medium": e.medium,
                "section": e.section,
                "depth": e.depth,
                "parent": e.parent,
                "play": e.play,
                "uncertain": e.uncertain,
                "text": e.text,
                "spoiler": list(e.spoilers),
                "footnotes": list(e.footnotes),
                "line": e.line,
            }
            for e in facts.examples
        ],
        "footnotes": [
            {"number": f.number, "label": f.label, "text": f.text, "line": f.line, "example": f.example}
            for f in facts.footnotes
        ],
        "links": list(facts.links),
        "subpages": list(facts.subpages),
        "notices": list(facts.notices),
    }
