"""Every construct and combination, as input / expected-HTML fixture files (see fixtures/)."""

from __future__ import annotations

import pytest

from tropebase.markup import parse, to_html

from .fixture_cases import all_cases

CASES = all_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture(case):
    assert to_html(parse(case.input)) == case.expected


def test_fixture_files_cover_enough_cases():
    assert len(CASES) >= 150
    assert len({c.title for c in CASES}) == len(CASES), "fixture titles must be unique"
