"""Acceptance: the founding page, imported from its plain-text copy and compiled, says what it says."""

from __future__ import annotations

import pytest

from tropebase.catalog import compile_page
from tropebase.ingest.plaintext import convert
from tropebase.markup import parse, to_text

from ..conftest import SEED

# The work each of the 53 bullets is about, read off the page by hand (several answers where the
# bullet itself names more than one; None where it names no work).
EXPECTED_WORKS: list[tuple[str | None, ...]] = [
    ("Another World",), ("Dreamlike Days",), ("Crossing Man And Woman",), ("Girl Material",),
    ("Ill Protect You",), ("Choukyoushi Fujii", "Animal Trainer"), ("Immoral Sisters",), ("My Sister",),
    ("Hen Zemi",), ("Otona Ni Naritai",), ("Otona Ni Naru Mae Ni",), ("A Triangular Love Affair",),
    ("b 37°C", "Prince Of The Stars"), ("Wanna Do It",), ("BLUE Series",), ("Triangle Blue",),
    ("Trouble!",), ("True Blue",), ("Warau Kangofu",), ("When You Let Go Of My Hand",), ("Evergreen",),
    ("Cat Head Imako",), ("School Days",), ("Sensual Phrase", "Haou Airen"), ("Netori Netorare",),
    ("Nozoki Ana",), ("Air Gear",), ("Mawaru Penguindrum",), ("Ah! My Goddess",),
    ("Ah! My Goddess", "Ah My Goddess"), ("High School DxD",), ("Black Lagoon",),
    ("Kuroinu Kedakaki Seijo wa Hakudaku ni Somaru",), ("Darling in the FRANXX",),
    ("JoJo's Bizarre Adventure",), ("Gibo",), ("Rei-Lan: Orchid Emblem",),
    # Fan Fic
    ("PITCH",), ("All He Ever Wanted",), (None,), ("Reconciliation",), ("Across the Multiverse",),
    # header lost: film, short story, music, and a closing remark
    ("Indecent Proposal",), ("And the Dish Ran Away With the Spoon",), ("Doin' Time/Summertime",),
    ("Mr. Brightside",), ("Scotty Doesn't Know",), ("She Will Be Loved",), ("Nowhere Near",),
    ("Seven Drunken Nights",), ("Para verte feliz",), ("Younger Men",), (None,),
]  # fmt: skip


@pytest.fixture(scope="module")
def seed(known_tropes):
    converted = convert(SEED.read_text(encoding="utf-8"), str(SEED), known_tropes)
    doc = parse(converted.markup)
    return converted, doc, compile_page(doc, converted.report.page)


def test_title_kind_and_aliases(seed):
    converted, _, facts = seed
    assert converted.report.page == "Main/NetorareGenre"
    assert (facts.title, facts.kind) == ("Netorare Genre", "trope")
    assert {"NTR", "Netorare", "寝取られ"} <= set(facts.aliases)


def test_quotes_and_their_attribution(seed):
    _, _, facts = seed
    page_quote, section_quote = facts.quotes
    assert page_quote.text.startswith('"As I write this')
    assert page_quote.source == "Michael Sonmore, What Open Marriage Taught One Man About Feminism"
    assert page_quote.section is None
    assert section_quote.source == "Night Horrors: Immortal Sinners, pg. 74"
    assert facts.sections[section_quote.section].label == "Tabletop Games"


def test_relations(seed):
    _, _, facts = seed
    see_also = [r.target for r in facts.relations if r.kind == "see_also"]
    # The list names 11 tropes; two of them contain a comma ("I Have You Now, My Pretty" and
    # "Please, I Will Do Anything!"), which the catalog's known names join back together.
    assert see_also == [
        "Main/AdultFear", "Main/BeAWhoreToGetYourMan", "Main/DefiledForever", "Main/EthicalSlut",
        "Main/IHaveYouNowMyPretty", "Main/MrsRobinson", "Main/MyGirlIsASlut", "Main/PleaseIWillDoAnything",
        "Main/SacredFirstKiss", "Main/ScarpiaUltimatum", "Main/YourCheatingHeart",
    ]  # fmt: skip
    assert [r.target for r in facts.relations if r.kind == "inverse"] == ["Main/Netori"]


def test_sections_and_example_counts(seed):
    _, _, facts = seed
    assert len(facts.examples) == 53
    counts = [
        (s.label, s.medium, sum(e.section == i for e in facts.examples)) for i, s in enumerate(facts.sections)
    ]
    assert counts[:2] == [("Anime and Manga", "anime_manga", 37), ("Fan Fic", "fan_works", 5)]
    lost = [(medium, n) for label, medium, n in counts if label is None]
    assert [n for _, n in lost] == [1, 1, 8, 1]
    assert [medium for medium, _ in lost] == ["film", "literature", "music", "film"]
    assert [(label, n) for label, _, n in counts[5:8]] == [
        ("Tabletop Games", 0),
        ("Web Original", 0),
        ("Video Games", 0),
    ]
    assert [s.medium for s in facts.sections[5:8]] == ["tabletop_games", "web_original", "video_games"]


def test_nesting(seed):
    _, _, facts = seed
    anime = [e for e in facts.examples if e.section == 0]
    assert [sum(e.depth == d for e in anime) for d in (1, 2, 3)] == [32, 4, 1]
    fanfic = [e for e in facts.examples if e.section == 1]
    assert [sum(e.depth == d for e in fanfic) for d in (1, 2)] == [4, 1]
    for i, e in enumerate(facts.examples):
        if e.depth == 1:
            assert e.parent is None
        else:
            parent = facts.examples[e.parent]
            assert parent.depth == e.depth - 1 and e.parent < i
    by_text = {e.text.split(".")[0]: e for e in facts.examples}
    assert facts.examples[by_text["Its extension Dreamlike Days"].parent].work == "Another World"
    trouble = next(e for e in facts.examples if e.depth == 3)
    assert facts.examples[trouble.parent].work == "Triangle Blue"
    assert facts.examples[facts.examples[trouble.parent].parent].work == "BLUE Series"


def test_play_types(seed):
    _, _, facts = seed
    play = {e.work: (e.play, e.uncertain) for e in facts.examples if e.depth == 1}
    assert play["Reconciliation"] == ("defied", False)
    assert play["High School DxD"] == ("invoked", False)
    assert play["Air Gear"] == ("alluded", False)
    assert play["A Triangular Love Affair"][0] == "downplayed"
    assert play["Wanna Do It"][0] == "downplayed"
    assert play["Nowhere Near"] == ("subverted", True)
    assert play["Another World"] == ("straight", False)


def test_works_named(seed):
    _, _, facts = seed
    right = [e.work in accepted for e, accepted in zip(facts.examples, EXPECTED_WORKS, strict=True)]
    wrong = [
        (e.work, accepted)
        for e, accepted, ok in zip(facts.examples, EXPECTED_WORKS, right, strict=True)
        if not ok
    ]
    assert sum(right) == 53, wrong


def test_the_last_misses(seed):
    """The works a bullet names after "including" (not their maker), a derivative's source work spelled
    as the page spells it, a nested bullet about another fan fic, a lost header known by its place."""
    _, _, facts = seed

    def by_start(words: str):
        return next(e for e in facts.examples if e.text.startswith(words))

    assert by_start("Various Tsukino Jyogi works").work == "b 37°C"
    assert by_start("A large portion of H-Doujin").work == "Ah! My Goddess"
    kinkmeme = by_start("There's also a kinkmeme fill")
    assert (kinkmeme.depth, kinkmeme.work) == (2, None)
    assert facts.examples[kinkmeme.parent].work == "All He Ever Wanted"
    indecent = by_start("Indecent Proposal has")
    assert (indecent.work, indecent.medium) == ("Indecent Proposal", "film")
    assert "between the folders 'Fan Fic' and 'Literature'" in facts.notices[0]


def test_lines_are_the_lines_of_the_file_given(seed):
    converted, _, facts = seed
    from tropebase.catalog.export import facts_json
    from tropebase.ingest.report import in_source_lines

    data = in_source_lines(facts_json(facts), converted.report.source_lines)
    source = SEED.read_text(encoding="utf-8").split("\n")
    for example in data["examples"]:
        words = example["text"].replace("'", "").split()[:3]
        assert " ".join(words) in source[example["line"] - 1].replace("'", ""), example
    assert [s["line"] for s in data["sections"][:4]] == [16, 56, 65, 68]
    assert source[15].strip() == "Anime and Manga"
    assert data["notices"][0].startswith("line 65: section header lost; medium film")
    assert [q["line"] for q in data["quotes"]] == [1, 82]
    assert source[82].startswith("Night Horrors")  # the attribution follows its quote's line


def test_footnotes(seed):
    _, doc, facts = seed
    assert [f.number for f in facts.footnotes] == [1]  # footnote 2 lost its marker: a plain note at the end
    first = facts.footnotes[0]
    assert first.text == "Not necessarily those ones"
    paragraph = next(b for b in doc.children if getattr(b, "line", None) == first.line)
    assert "/d/viants" in to_text(type(doc)([paragraph]))


def test_nothing_dropped(seed):
    """Every word of the plain-text copy is in the imported page's text."""
    _converted, doc, _ = seed
    import re

    source_words = re.findall(r"[^\W\d_]{2,}", SEED.read_text(encoding="utf-8"))
    page_words = set(re.findall(r"[^\W\d_]{2,}", to_text(doc)))
    missing = {w for w in source_words if w not in page_words}
    assert not missing


def test_without_known_names_the_page_still_imports():
    converted = convert(SEED.read_text(encoding="utf-8"), "seed")
    facts = compile_page(parse(converted.markup), converted.report.page)
    assert len(facts.examples) == 53
    assert facts.quotes[0].source.startswith("Michael Sonmore")
    assert len([r for r in facts.relations if r.kind == "see_also"]) == 13  # comma names split apart
