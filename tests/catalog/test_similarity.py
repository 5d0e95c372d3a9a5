"""Works like this and the tropes they play, on a small catalog of everyday tropes (no database)."""

from __future__ import annotations

import pytest

from tropebase.catalog.similarity import MemorySource, neighbours, suggest_tropes

#: the chores and mishaps of ordinary days; `everyday` and `morningcoffee` are the commonest tropes
CATALOG = {
    "film/commute": {"everyday", "rainyday", "missedbus", "trafficjam", "deadphone", "morningcoffee"},
    "film/rushhour": {"everyday", "rainyday", "missedbus", "trafficjam", "deadphone", "longqueue"},
    "film/latetrain": {"everyday", "missedbus", "deadphone", "longqueue", "strandedatstation"},
    "film/drizzle": {"everyday", "rainyday", "forgottenumbrella", "morningcoffee"},
    "film/birthday": {"everyday", "surpriseparty", "burnttoast", "morningcoffee"},
    "film/allofit": {"everyday", "rainyday", "missedbus", "trafficjam", "deadphone", "morningcoffee"}
    | {f"chore{i}" for i in range(40)},
    # thirty works sharing only the commonest tropes with the commute
    **{f"film/office{i}": {"everyday", "stapler", "morningcoffee"} for i in range(30)},
    "film/lonely": {"everyday"},
}


def _source(catalog=CATALOG) -> MemorySource:
    return MemorySource(catalog)


def test_the_nearest_work_shares_the_rarest_tropes_not_the_most():
    found = neighbours("film/commute", _source())
    ranked = [w for w, _ in found.ranked]
    assert ranked[0] == "film/rushhour"
    # shares as much, but plays forty tropes more: a work that plays everything is not like everything
    assert ranked.index("film/allofit") > ranked.index("film/latetrain")
    # the commonest tropes (played by more than a fifth of the works) do not make neighbours
    assert "film/office0" not in ranked and "film/commute" not in ranked
    assert found.shared["film/rushhour"] == 4 and found.own == CATALOG["film/commute"]


def test_suggestions_come_from_the_nearest_works_and_never_repeat_the_works_own():
    source = _source()
    found = neighbours("film/commute", source)
    suggested = [t for t, _, _ in suggest_tropes(found, source, k=5)]
    assert suggested[:2] == ["longqueue", "strandedatstation"]  # the nearest works play them
    assert not set(suggested) & CATALOG["film/commute"]
    votes = {t: n for t, _, n in suggest_tropes(found, source, k=50)}
    assert votes["longqueue"] == 2 and "stapler" not in votes


def test_of_two_tropes_the_same_neighbours_play_the_rarer_ranks_first():
    # two works like the commute play a long queue and a lost receipt; eight works unlike it play receipts
    catalog = {w: set(ts) for w, ts in CATALOG.items()}
    for work in ("film/rushhour", "film/latetrain"):
        catalog[work] |= {"lostreceipt"}
    catalog |= {f"film/shop{i}": {"lostreceipt", f"aisle{i}"} for i in range(8)}
    source = _source(catalog)
    found = neighbours("film/commute", source)
    scored = {t: s for t, s, _ in suggest_tropes(found, source, k=50)}
    assert scored["longqueue"] > scored["lostreceipt"]
    assert "film/shop0" not in [w for w, _ in found.ranked]  # they share nothing with the commute


def test_counts_that_lag_the_postings_do_not_change_the_neighbours():
    class Lagging(MemorySource):
        """A site's remembered counts, taken before the rush hour was added."""

        def __init__(self, catalog):
            super().__init__(catalog)
            self.before = MemorySource({w: ts for w, ts in catalog.items() if w != "film/rushhour"})

        def counts(self, tropes):
            return self.before.counts(tropes)

        def sizes(self, works):
            return self.before.sizes(works)

    exact = neighbours("film/commute", _source())
    lagging = neighbours("film/commute", Lagging(CATALOG))
    assert [w for w, _ in lagging.ranked] == [w for w, _ in exact.ranked]
    assert dict(lagging.ranked)["film/latetrain"] == pytest.approx(dict(exact.ranked)["film/latetrain"])


@pytest.mark.parametrize("work", ["film/lonely", "film/nosuchwork"])
def test_a_work_sharing_nothing_gets_no_suggestions(work):
    source = _source({**CATALOG, "film/lonely": {"onlymine"}})
    found = neighbours(work, source)
    assert found.ranked == [] and suggest_tropes(found, source) == []
