"""The compiler does work in proportion to the page: adversarial shapes give the right facts, and the work
done on them, counted rather than timed, grows linearly with their size.

Work is counted deterministically (no clock): the lines of catalog code run (a trace function), plus the
characters every regex of the catalog modules is given to examine — from where a search starts to where
its match ends, or to the end of its window when nothing matches. That catches a step repeated over a
growing stretch of text (a search of everything before each full stop) and a Python loop over a growing
list per item. What happens inside one regex call is not visible to a counter, so a second test reads
the patterns themselves: none may scan ahead over arbitrary text from every place it is tried.
"""

from __future__ import annotations

import importlib
import re
import re._constants as sre
import re._parser as sre_parse
import sys
from types import ModuleType

import pytest

from tropebase.catalog import compile_page, media, play, relations, titles
from tropebase.catalog.relations import aliases_in, events
from tropebase.markup import parse

# the package exports `compile` (compile_page itself), which hides the module of that name
compile_module = importlib.import_module("tropebase.catalog.compile")
CATALOG = (relations, compile_module, titles, play, media)


def facts_of(text: str, page: str = "Main/ForgottenUmbrella"):
    return compile_page(parse(text), page)


# -- the facts read from adversarial shapes


def test_relation_found_after_a_long_run_of_sentences():
    facts = facts_of("a. " * 5000 + "See also [[Main/ChekhovsGun]].")
    assert [(r.kind, r.target) for r in facts.relations] == [("see_also", "Main/ChekhovsGun")]


def test_a_full_stop_still_closes_the_relation_after_many_sentences():
    facts = facts_of("See also [[Main/ChekhovsGun]]. " + "a. " * 5000 + "[[Main/BigBad]]")
    assert [r.target for r in facts.relations] == ["Main/ChekhovsGun"]


def test_mr_does_not_end_a_sentence_even_after_many():
    facts = facts_of("See also " + "Mr. " * 5000 + "Smith's [[Main/BigBad]] and Dr. [[Main/MadScientist]].")
    assert [(r.kind, r.target) for r in facts.relations] == [
        ("see_also", "Main/BigBad"), ("see_also", "Main/MadScientist"),
    ]  # fmt: skip


def test_abbreviation_is_read_from_the_text_just_before_the_full_stop():
    kinds = [event for event, _, _ in events("Mr. Mrs. vs. Xvs. Dr.\nSmith St.")]
    assert kinds == ["abbreviation", "abbreviation", "abbreviation", "end", "abbreviation", "abbreviation"]


def test_the_inverse_of_reads_on_to_its_is():
    facts = facts_of("The opposite of this trope, compared with others, is [[Main/ForgottenKey]].")
    assert [(r.kind, r.target) for r in facts.relations] == [("inverse", "Main/ForgottenKey")]


def test_the_inverse_of_stops_at_a_full_stop_before_any_is():
    facts = facts_of("The inverse of this. Compare [[Main/ForgottenKey]], which is older.")
    assert [(r.kind, r.target) for r in facts.relations] == [("compare", "Main/ForgottenKey")]


def test_many_inverse_phrases_without_an_is_or_full_stop():
    facts = facts_of("the inverse of " * 5000 + "[[Main/ForgottenKey]], compare [[Main/LostGlove]]")
    assert [(r.kind, r.target) for r in facts.relations] == [
        ("inverse", "Main/ForgottenKey"), ("compare", "Main/LostGlove"),
    ]  # fmt: skip


def test_a_list_lead_must_end_its_paragraph_with_a_colon():
    lead = facts_of("see also " * 2000 + "these:\n* [[Main/LostGlove]]\n")
    assert [(r.kind, r.target) for r in lead.relations] == [("see_also", "Main/LostGlove")]
    not_lead = facts_of("Subtropes: " + "see also " * 2000 + "\n* [[Main/LostGlove]]\n")
    assert not_lead.relations == []


def test_a_subtrope_list_keeps_every_link_once():
    targets = [f"Main/Lost{word}" for word in ("Glove", "Key", "Hat", "Scarf")] * 3
    facts = facts_of("Subtropes:\n" + "".join(f"* [[{t}]]\n" for t in targets))
    assert [(r.kind, r.target) for r in facts.relations] == [("subtrope", t) for t in targets[:4]]


def test_many_aliases_each_once_in_order():
    text = "".join(f"abbreviated as ab{i} " for i in range(3000)) + "abbreviated as ab7 "
    assert aliases_in(text, "Forgotten Umbrella") == [f"ab{i}" for i in range(3000)]


def test_aliases_from_many_paragraphs_each_once():
    text = "".join(f"Abbreviated as ab{i} or abbreviated as cd{i}.\n\n" for i in range(500))
    aliases = facts_of(text + "Abbreviated as ab1 or abbreviated as cd1.\n").aliases
    assert aliases == ["ab0", "cd0"] + [f"cd{i}" for i in range(1, 500)]


def test_every_empty_folder_gets_its_medium_inferred():
    folder = '[[folder: ]]\n* The song "Rain Again" by the band.\n[[/folder]]\n'
    facts = facts_of("----\n" + folder * 300)
    assert len(facts.sections) == 300
    assert {(s.medium, s.inferred) for s in facts.sections} == {("music", True)}
    assert {e.medium for e in facts.examples} == {"music"}


# -- work done grows linearly


class _Counting:
    """A compiled pattern that adds to `work` the characters each call is given to examine."""

    def __init__(self, pattern: re.Pattern[str], work: list[int]) -> None:
        self.pattern, self.work = pattern, work

    def __getattr__(self, name: str):
        return getattr(self.pattern, name)

    def _add(self, text: str, pos: int, endpos: int | None, end: int | None) -> None:
        stop = len(text) if endpos is None else min(endpos, len(text))
        self.work[0] += max(0, (stop if end is None else end) - pos)

    def search(self, text, pos=0, endpos=None):
        m = self.pattern.search(text, pos) if endpos is None else self.pattern.search(text, pos, endpos)
        self._add(text, pos, endpos, m.end() if m else None)
        return m

    def match(self, text, pos=0, endpos=None):
        m = self.pattern.match(text, pos) if endpos is None else self.pattern.match(text, pos, endpos)
        self._add(text, pos, endpos, m.end() if m else pos)
        return m

    def finditer(self, text, pos=0, endpos=None):
        self._add(text, pos, endpos, None)
        return (
            self.pattern.finditer(text, pos) if endpos is None else self.pattern.finditer(text, pos, endpos)
        )

    def sub(self, repl, text, count=0):
        self._add(text, 0, None, None)
        return self.pattern.sub(repl, text, count)

    def split(self, text, maxsplit=0):
        self._add(text, 0, None, None)
        return self.pattern.split(text, maxsplit)


def work_done(text: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """Lines of catalog code run plus characters given to the catalog's regexes, compiling `text`."""
    doc = parse(text)
    work = [0]
    with monkeypatch.context() as patch:
        for module in CATALOG:
            for name, value in vars(module).items():
                if isinstance(value, re.Pattern):
                    patch.setattr(module, name, _Counting(value, work))
        files = {module.__file__ for module in CATALOG}

        def trace(frame, event, arg):
            if frame.f_code.co_filename not in files:
                return None
            if event == "line":
                work[0] += 1
            return trace

        sys.settrace(trace)
        try:
            compile_page(doc, "Main/ForgottenUmbrella")
        finally:
            sys.settrace(None)
    return work[0]


def _numbered(unit, count: int) -> str:
    return "".join(unit(i) for i in range(count))


SHAPES = {
    "sentences": lambda n: "See also [[Main/ChekhovsGun]]. " + "a. " * n,
    "abbreviations": lambda n: "See also " + "Mr. " * n + "[[Main/BigBad]].",
    "inverse phrases": lambda n: "the inverse of " * n + "[[Main/ForgottenKey]]",
    "inverse ... is": lambda n: "The inverse of [[Main/ForgottenKey]] is " * n,
    "see also, no colon": lambda n: "see also " * n,
    "see also, distinct links": lambda n: "See also " + _numbered(lambda i: f"[[Main/Lost{i}x]], ", n // 4),
    "subtrope list": lambda n: "Subtropes:\n" + _numbered(lambda i: f"* [[Main/Lost{i}x]]\n", n // 4),
    "aliases": lambda n: _numbered(lambda i: f"abbreviated as ab{i} ", n // 4),
    "aliases, paragraphs": lambda n: _numbered(
        lambda i: f"Abbreviated as ab{i} or abbreviated as cd{i}.\n\n", n // 12
    ),
    "empty folders": lambda n: (
        "----\n" + "[[folder: ]]\n* In the film Rain Again.\n[[/folder]]\n" * (n // 16)
    ),
    "examples": lambda n: (
        "----\n" + _numbered(lambda i: f"* In the film Rain {i} it pours. Mr. Day sees.\n", n // 16)
    ),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_work_grows_linearly(shape, monkeypatch):
    small = work_done(SHAPES[shape](2000), monkeypatch)
    large = work_done(SHAPES[shape](8000), monkeypatch)
    assert large <= 4.4 * small, (small, large)  # linear: 4×; quadratic: 16×


def _unbounded_repeats(items, found: list) -> None:
    for op, arg in items:
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            if arg[1] == sre.MAXREPEAT:
                found.append(arg[2])
            _unbounded_repeats(arg[2], found)
        elif op == sre.SUBPATTERN:
            _unbounded_repeats(arg[-1], found)
        elif op == sre.BRANCH:
            for branch in arg[1]:
                _unbounded_repeats(branch, found)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            _unbounded_repeats(arg[1], found)


def _whitespace(items) -> bool:
    return all(
        (op == sre.IN and arg == [(sre.CATEGORY, sre.CATEGORY_SPACE)])
        or (op == sre.LITERAL and chr(arg).isspace())
        for op, arg in items
    )


def _patterns(module: ModuleType):
    for value in vars(module).values():
        if isinstance(value, re.Pattern):
            yield value
        elif isinstance(value, tuple):
            yield from (
                item[0] for item in value if isinstance(item, tuple) and isinstance(item[0], re.Pattern)
            )


@pytest.mark.parametrize("module", CATALOG, ids=lambda m: m.__name__.rsplit(".", 1)[1])
def test_no_pattern_scans_ahead_from_every_place_it_is_tried(module):
    """A pattern tried at every position (search, finditer) may repeat without bound only over
    whitespace, or be a single repeat (a token: what it scans, it consumes); patterns anchored at the
    start are tried once. `[^.;]*?\\bis\\b` after "the inverse of" read to the end of a long text from
    every "the inverse of" in it."""
    for pattern in _patterns(module):
        items = sre_parse.parse(pattern.pattern, pattern.flags).data
        if items and items[0] == (sre.AT, sre.AT_BEGINNING):
            continue
        if len(items) == 1 and items[0][0] in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            continue
        found: list = []
        _unbounded_repeats(items, found)
        assert all(_whitespace(repeat) for repeat in found), pattern.pattern
