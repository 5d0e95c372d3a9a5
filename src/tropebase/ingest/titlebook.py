"""Titles for names that come without one: a trope list names works and tropes only by WikiWord
(`ADogsPurpose`, `ChekhovsGun`), and a WikiWord cannot say where its apostrophes and colons were.

A title book learns them from data that has them: records of examples that carry a work's label
(`work_id` Film/ADogsPurpose, `work_label` "Film: A Dog's Purpose"), and free text — trope definitions,
laconics, descriptions — in which a name is written out ("a Chekhov's Gun is…"). A phrase is taken for
a name when its words, written together, spell that name and each word is capitalised as a title's
words are (small words like "on" and "of" may be lower-case). Names it knows nothing of get the split
of their WikiWord (`markup.names.title_from_name`).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..markup.names import (
    SMALL_WORDS,
    canonical_namespace,
    normalise_target,
    split_target,
    title_from_name,
    to_wikiword,
)
from ..sources import InputError
from .sources import read_maybe_compressed

#: a word of a title; a phrase never runs across a sentence's end, a bracket or a quotation mark
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_BREAK = re.compile(r"[.!?;()\[\]\"“”\n]")
MAX_WORDS = 12


@dataclass(slots=True)
class TitleBook:
    exact: dict[str, str] = field(default_factory=dict)  # target key → title
    texts: list[str] = field(default_factory=list)
    _found: dict[str, str] = field(default_factory=dict)  # name (lower) → title found in the texts

    def learn(self, names: Iterable[str]) -> None:
        """Look for these names (WikiWords) in the free texts, all at once: one pass over the texts."""
        wanted = {n.lower() for n in names} - self._found.keys()
        if wanted and self.texts:
            self._found |= find_phrases(self.texts, wanted)

    def title(self, target: str) -> str | None:
        """The title known for `target` (`Film/ADogsPurpose`), or None."""
        target = normalise_target(target)[0]
        return self.exact.get(target.lower()) or self._found.get(split_target(target)[1].lower())

    def title_or_split(self, target: str) -> str:
        return self.title(target) or title_from_name(split_target(normalise_target(target)[0])[1])


def find_phrases(texts: Iterable[str], wanted: set[str]) -> dict[str, str]:
    """For each wanted name (lower-case WikiWord), its most frequent title-cased spelling in `texts`.
    Linear in the texts: at most MAX_WORDS steps from each word, cut short as soon as the words so far
    spell no wanted name's beginning."""
    prefixes = {name[:i] for name in wanted for i in range(1, len(name) + 1)}
    counts: dict[str, Counter[str]] = {}
    for text in texts:
        words = list(_WORD.finditer(text))
        for i, first in enumerate(words):
            if not first.group()[:1].isupper():
                continue
            spelled = ""
            for j in range(i, min(i + MAX_WORDS, len(words))):
                word = words[j]
                if j > i and (
                    _BREAK.search(text, words[j - 1].end(), word.start())
                    or not (
                        word.group()[:1].isupper()
                        or word.group()[:1].isdigit()
                        or word.group().lower() in SMALL_WORDS
                    )
                ):
                    break
                spelled += to_wikiword(word.group()).lower()
                if spelled not in prefixes:
                    break
                if spelled in wanted:
                    phrase = " ".join(text[first.start() : word.end()].split())
                    counts.setdefault(spelled, Counter())[phrase] += 1
    return {name: spellings.most_common(1)[0][0] for name, spellings in counts.items()}


def read_title_book(paths: Iterable[str | Path]) -> TitleBook:
    """A title book from files: JSON Lines of example records (`work_id` and `work_label`), of records
    with a `name` and texts, of laconics (`laconic`), of definitions (`{TropeId: text}`) — or a JSON
    object of any of these. Any string in a record is read as free text."""
    book = TitleBook()
    for path in paths:
        text = read_maybe_compressed(path)
        try:
            records: list[object] = [json.loads(text)]
        except json.JSONDecodeError:
            records = []
            for number, line in enumerate(text.split("\n"), 1):
                if line.strip():
                    try:
                        records.append(json.loads(line))
                    except json.JSONDecodeError:
                        raise InputError(f"{path}:{number}: not a JSON line") from None
        if len(records) == 1 and isinstance(records[0], list):
            records = records[0]
        for record in records:
            _read_record(record, book)
    return book


def _read_record(record: object, book: TitleBook) -> None:
    if not isinstance(record, dict):
        return
    work_id, label = record.get("work_id"), record.get("work_label")
    if isinstance(work_id, str) and isinstance(label, str):
        namespace, _ = split_target(normalise_target(work_id)[0])
        head, colon, rest = label.partition(": ")
        if colon and canonical_namespace(to_wikiword(head)) == namespace:
            label = rest
        if " " in label.strip():  # a label that is only the WikiWord again says nothing
            book.exact.setdefault(normalise_target(work_id)[0].lower(), label.strip())
    for value in record.values():
        if isinstance(value, str):
            book.texts.append(value)
        elif isinstance(value, dict):
            book.texts.extend(v for v in value.values() if isinstance(v, str))
            book.texts.extend(k for k in value if isinstance(k, str) and " " in k)
