"""The parse tree itself: node types, line numbers, nesting, and the helpers that read it."""

from __future__ import annotations

from tropebase.markup import iter_nodes, links, parse, to_text
from tropebase.markup.block import MAX_LIST_DEPTH
from tropebase.markup.inline import MAX_DEPTH
from tropebase.markup.nodes import (
    Folder,
    Header,
    Link,
    List,
    ListItem,
    Note,
    Paragraph,
    Quote,
    Spoiler,
    Styled,
    Text,
)

PAGE = """\
->''Everyone'' knows it.
-->-- A Sage

A plain trope, see ChekhovsGun and {{Red Herring}}s.
----
!!Examples:
[[foldercontrol]]
[[folder:Film]]
* ''Film/TheMapMakers'': the map was fake. [[spoiler:It was real.]]
** Its sequel does it again.[[note]]Twice.[[/note]]
*** Even the novelisation.
* ''[[Film/DayOfRest The Day of Rest]]'': played for laughs.
[[/folder]]
"""


def test_blocks_have_their_source_lines():
    doc = parse(PAGE)
    quote, para, rule, header, control, folder = doc.children
    assert isinstance(quote, Quote) and quote.line == 1 and quote.blocks[0].line == 2
    assert isinstance(para, Paragraph) and para.line == 4
    assert (rule.line, header.line, control.line) == (5, 6, 7)
    assert isinstance(folder, Folder) and (folder.line, folder.end_line, folder.label) == (8, 13, "Film")
    items = [n for n in iter_nodes(folder.children) if isinstance(n, ListItem)]
    assert [(i.line, i.depth) for i in items] == [(9, 1), (10, 2), (11, 3), (12, 1)]


def test_nested_items_hang_under_their_parent():
    folder = parse(PAGE).children[-1]
    (top_list,) = folder.children
    first, second = top_list.items
    (sub_list,) = first.blocks
    assert isinstance(sub_list, List) and sub_list.items[0].depth == 2
    assert sub_list.items[0].blocks[0].items[0].depth == 3
    assert second.blocks == []


def test_inline_nodes_are_typed():
    folder = parse(PAGE).children[-1]
    first = folder.children[0].items[0]
    italic = first.children[0]
    assert isinstance(italic, Styled) and italic.style == "italic"
    assert italic.children == [Link("Film/TheMapMakers", "wikiword")]
    assert any(isinstance(n, Spoiler) and n.children == [Text("It was real.")] for n in first.children)
    sub = first.blocks[0].items[0]
    assert isinstance(sub.children[-1], Note)


def test_links_are_normalised_and_unique():
    assert links(parse(PAGE)) == [
        "Main/ChekhovsGun",
        "Main/RedHerring",
        "Film/TheMapMakers",
        "Film/DayOfRest",
    ]
    assert links(parse("FooBar Main.FooBar [[Main/FooBar x]] {{foo bar}}")) == ["Main/FooBar"]
    assert links(parse("[[Film.Alien x]] [[redirect:Film/Alien]]")) == ["Film/Alien"]
    assert links(parse("ChekhovsGun#uses and [[ChekhovsGun#misuse x]]")) == ["Main/ChekhovsGun"]


def test_headers_and_header_levels():
    doc = parse("!One\n!!Two\n!!!Three")
    assert [(h.level, h.children) for h in doc.children if isinstance(h, Header)] == [
        (1, [Text("One")]),
        (2, [Text("Two")]),
        (3, [Text("Three")]),
    ]


def test_redirect_page():
    assert parse("[[redirect:Film/Oldboy2003]]").redirect == "Film/Oldboy2003"
    assert parse("%% moved\n[[redirect:ChekhovsGun]]").redirect == "Main/ChekhovsGun"
    assert parse("Some text [[redirect:Film/X]]").redirect is None
    assert parse("Plain page").redirect is None


def test_to_text_keeps_what_readers_see():
    text = to_text(parse(PAGE))
    assert "Everyone knows it." in text
    assert "— A Sage" in text
    assert "Chekhovs Gun" in text and "Red Herrings" in text
    assert "It was real." in text and "Twice." in text
    assert "The Day of Rest: played for laughs." in text
    assert "foldercontrol" not in text


def test_windows_and_old_mac_line_endings():
    for sep in ("\r\n", "\r"):
        doc = parse(sep.join(["* a", "** b", "", "text"]))
        assert isinstance(doc.children[0], List)
        assert doc.children[0].items[0].blocks[0].items[0].line == 2
        assert doc.children[1].line == 4


def test_list_depth_is_capped_but_the_written_depth_kept():
    doc = parse("*" * 50 + " deep")
    item = doc.children[0].items[0]
    assert item.depth == 50
    staircase = parse("\n".join("*" * d + f" d{d}" for d in range(1, 30)))
    deepest = 0
    node = staircase.children[0]
    while isinstance(node, List):
        deepest += 1
        item = node.items[-1]
        node = item.blocks[0] if item.blocks else None
    assert deepest == MAX_LIST_DEPTH
    assert "d29" in to_text(staircase)


def test_inline_nesting_is_capped_and_the_rest_kept_as_text():
    n = MAX_DEPTH + 10
    doc = parse("[[spoiler:" * n + "core" + "]]" * n)
    depth, node = 0, doc.children[0]
    while True:
        spoilers = [c for c in node.children if isinstance(c, Spoiler)]
        if not spoilers:
            break
        depth += 1
        node = spoilers[0]
    assert depth == MAX_DEPTH
    assert "core" in to_text(doc)
    assert to_text(doc).count("[[spoiler:") == 10 and to_text(doc).count("]]") == 10
