"""Reads fixture files in markdown-it-py's layout: a title line, then `.`, the input, `.`, the
expected output, `.`; cases are separated by blank lines."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass(frozen=True)
class Case:
    file: str
    line: int
    title: str
    input: str
    expected: str

    @property
    def id(self) -> str:
        return f"{self.file}:{self.line}:{self.title}"


def read_cases(path: Path) -> list[Case]:
    lines = path.read_text(encoding="utf-8").split("\n")
    cases: list[Case] = []
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        title, start = lines[i], i + 1
        if i + 1 >= len(lines) or lines[i + 1] != ".":
            raise ValueError(f"{path.name}:{i + 2}: expected '.' after the title {title!r}")
        j = i + 2
        parts: list[list[str]] = [[], []]
        for part in parts:
            while j < len(lines) and lines[j] != ".":
                part.append(lines[j])
                j += 1
            if j >= len(lines):
                raise ValueError(f"{path.name}:{start}: case {title!r} is not closed by '.'")
            j += 1
        expected = "\n".join(parts[1])
        cases.append(Case(path.name, start, title, "\n".join(parts[0]), expected + "\n" if expected else ""))
        i = j
    return cases


def all_cases(*names: str) -> list[Case]:
    files = [FIXTURES / n for n in names] if names else sorted(FIXTURES.glob("*.txt"))
    return [case for f in files for case in read_cases(f)]
