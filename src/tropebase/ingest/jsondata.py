"""Reading JSON data files handed over as one JSON value or as JSON Lines, with what could not be read
either refused at once or collected (`--skip-bad`): the part the record and trope-list importers share."""

from __future__ import annotations

import json

from ..sources import InputError


class BadLines:
    """What a reader could not read: raised at once as InputError, or — given a `problems` list — kept
    and added to it by `finish`, so the rest of the file is read."""

    def __init__(self, problems: list[str] | None) -> None:
        self.problems = problems
        self.found: list[str] = []

    @property
    def strict(self) -> bool:
        return self.problems is None

    def __call__(self, message: str) -> None:
        if self.problems is None:
            raise InputError(message)
        self.found.append(message)

    def finish(self, read_any: bool) -> None:
        """Raise when nothing could be read; otherwise hand the problems found to the caller's list."""
        if self.found and not read_any:
            more = f" (and {len(self.found) - 1} more bad lines)" if len(self.found) > 1 else ""
            raise InputError(f"{self.found[0]}{more}; nothing in the file could be read")
        if self.problems is not None:
            self.problems.extend(self.found)


def json_values(text: str, source: str, bad: BadLines, *, arrays: bool = False) -> list[tuple[int, object]]:
    """(line, value) pairs: the whole text as one JSON value at line 1 — with `arrays`, a JSON array's
    items, each at line 1 — or else one value a non-blank line (JSON Lines). When even the first line is
    not JSON, a strict reader says where the whole text broke: likely it was not JSON Lines at all."""
    try:
        whole = json.loads(text)
    except json.JSONDecodeError as broke:
        values: list[tuple[int, object]] = []
        for number, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                values.append((number, json.loads(line)))
            except json.JSONDecodeError as exc:
                if number == 1 and bad.strict:
                    raise InputError(f"{source}:{broke.lineno}: not JSON: {broke.msg}") from None
                bad(f"{source}:{number}: not a JSON line ({exc.msg})")
        return values
    if arrays and isinstance(whole, list):
        return [(1, item) for item in whole]
    return [(1, whole)]
