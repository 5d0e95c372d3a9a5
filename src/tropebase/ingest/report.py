"""What an import recognised, guessed and kept as plain text: shown to the person importing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(slots=True)
class ImportReport:
    source: str
    format: str
    page: str | None = None
    title: str | None = None
    sections: list[str] = field(default_factory=list)  # "line N: label (bullets)"
    bullets: int = 0
    guesses: list[str] = field(default_factory=list)  # "line N: what was guessed, and why"
    kept_plain: list[str] = field(default_factory=list)  # "line N: text kept as a plain paragraph"
    duplicates: int = 0
    notes: list[str] = field(default_factory=list)
    part_of: str | None = None  # the work a split page belongs to
    titles: dict[str, str] = field(default_factory=dict)  # link target → the title the source showed
    source_lines: list[int] = field(
        default_factory=list
    )  # markup line n → line source_lines[n-1] of the file

    def lines(self) -> list[str]:
        out = [f"{self.source}: {self.format} → {self.page or '?'} ({self.title or 'untitled'})"]
        out.append(f"  {self.bullets} bullets in {len(self.sections)} sections")
        out += [f"  section {s}" for s in self.sections]
        out += [f"  guessed {g}" for g in self.guesses]
        out += [f"  kept as text {k}" for k in self.kept_plain]
        if self.duplicates:
            out.append(f"  {self.duplicates} duplicates collapsed")
        out += [f"  note: {n}" for n in self.notes]
        return out

    def summary_lines(self) -> list[str]:
        """The report with its guesses and kept-as-text spots counted on one line each (`--verbose`
        gives `lines()`, every one)."""
        out = [line for line in self.lines() if not line.startswith(("  guessed ", "  kept as text "))]
        if self.guesses:
            out.insert(2 + len(self.sections), f"  {len(self.guesses)} guesses (--verbose lists them)")
        if self.kept_plain:
            out.insert(len(out) - len(self.notes) - (1 if self.duplicates else 0),
                       f"  {len(self.kept_plain)} spots kept as text (--verbose lists them)")  # fmt: skip
        return out


_LINE_REF = re.compile(r"^line (\d+)")


def in_source_lines(facts: dict, source_lines: list[int]) -> dict:
    """Facts JSON (`catalog.export.facts_json`) whose `line` numbers and notices refer to the lines of
    the file the user gave rather than of the markup it was converted to."""
    if not source_lines:
        return facts

    def at(line: int) -> int:
        return source_lines[line - 1] if 0 < line <= len(source_lines) else line

    for key in ("quotes", "relations", "sections", "examples", "footnotes"):
        for item in facts.get(key, ()):
            if isinstance(item.get("line"), int):
                item["line"] = at(item["line"])
    facts["notices"] = [_LINE_REF.sub(lambda m: f"line {at(int(m.group(1)))}", n) for n in facts["notices"]]
    return facts
