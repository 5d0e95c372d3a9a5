"""Document → PageFacts: the one place that decides what a page says as data.

A trope page is read as: page quote and description (aliases, relations), then — after the first rule,
an examples header or the first folder — sections of examples, each bullet naming the work it is about;
a second rule starts the stinger. A work page's bullets name tropes instead. Everything is derived from
the parse tree; nothing here knows where the page came from.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..markup.names import MEDIA_NAMESPACES, canonical_namespace, split_target, title_from_name, to_wikiword
from ..markup.nodes import (
    CommentLine,
    Document,
    Folder,
    Header,
    Index,
    Link,
    List,
    ListItem,
    Note,
    Paragraph,
    Quote,
    Rule,
    Spoiler,
    Styled,
    Text,
)
from ..markup.walk import inline_text, iter_nodes, links
from .facts import Example, Footnote, PageFacts, Relation, Section
from .facts import Quote as QuoteFact
from .media import infer_medium, medium_between, medium_for_label, medium_for_namespace, medium_label
from .play import play_type
from .relations import aliases_in, relations_in
from .titles import find_work, introduces_other_work

_EXAMPLES_HEADER = re.compile(r"\bexamples?\b|\btropes\b|\bprovides?\b", re.I)
_LIST_LEAD = re.compile(r"(sub-?tropes?|super-?tropes?|see also|related|compare|contrast)", re.I)
_LEAD_KIND = {"sub": "subtrope", "sup": "supertrope", "see": "see_also", "rel": "see_also", "com": "compare",
              "con": "contrast"}  # fmt: skip
_TROPE_LEAD = re.compile(r"^\s*([^:]{1,80}?)\s*:")
_PARTIAL_SEP = re.compile(r"\s*[:—–-]\s*")


def page_kind(doc: Document, page: str) -> str:
    """trope, work, index or other, from the namespace and, for Main pages, the shape of the page."""
    ns, name = split_target(page)
    known = canonical_namespace(ns)
    if known == "Main":
        if any(isinstance(b, Index) for b in doc.children):
            return "index"
        return "trope"
    if known in MEDIA_NAMESPACES and known != "Creator":
        return "work"
    if known is None:
        # A split page lives under a pseudo-namespace: its work's (TheAvengers/TropesAToD) or its
        # trope's, split by medium (MultipleEndings/VideoGames) or by work (MultipleEndings/Undertale).
        return "work" if name.startswith("Tropes") else "trope"
    return "other"


def split_medium(name: str) -> str | None:
    """The medium a trope's split page is about: VisualNovels → visual_novels; the game genre pages
    (ActionGames, RolePlayingGames…) are video games."""
    label = title_from_name(name)
    return medium_for_label(label) or ("video_games" if label.endswith(" Games") else None)


class _Compiler:
    def __init__(self, doc: Document, page: str, title: str | None, known_works: Mapping[str, str] | None):
        self.doc = doc
        self.page = page
        self.ns, self.name = split_target(page)
        self.facts = PageFacts(
            page=page, title=title or title_from_name(self.name), kind=page_kind(doc, page)
        )
        self.facts.redirect = doc.redirect
        self.known_works = known_works
        self.exclude = {self.name.lower()}
        self.spelled: dict[
            str, str
        ] = {}  # works named so far, by WikiWord: "Ah My Goddess" → "Ah! My Goddess"
        self.zone = "description"
        self.seen_examples = False
        self.section: int | None = None
        self.footnote_count = 0
        self.list_relation: str | None = None
        self.relations_seen: set[tuple[str, str]] = set()  # (kind, target) in facts.relations
        self.aliases_seen: set[str] = set()  # facts.aliases, for a lookup in constant time
        self.work_medium = medium_for_namespace(self.ns) if self.facts.kind == "work" else None
        self.trope = page if self.facts.kind == "trope" else None
        self.default_work: tuple[str, str | None] | None = None
        self.default_medium: str | None = None
        self.all_links = links(doc)
        if canonical_namespace(self.ns) is None:  # a split page: see page_kind
            self.split_page()
        self.stinger_from = _stinger_start(doc.children)
        self.closing_rules = _closing_rules(doc.children)
        # a page with no description/examples split (no rule before a list, folder or examples header):
        # its bullets are examples
        self.lists_are_examples = not any(
            (isinstance(b, Rule) and id(b) not in self.closing_rules)
            or isinstance(b, Folder)
            or (isinstance(b, Header) and _EXAMPLES_HEADER.search(inline_text(b.children)))
            for b in doc.children
        )

    def split_page(self) -> None:
        """A split page takes its work and medium from its parent: the work page it links to
        (TheAvengers/TropesAToD → Film/TheAvengers2012; MultipleEndings/Undertale → VideoGame/Undertale)."""
        whole, _, part = self.facts.title.partition(" / ")
        if self.facts.kind == "trope":
            self.trope = f"Main/{self.ns}"
            self.default_medium = split_medium(self.name)
            if self.default_medium is None:  # split by work: every example is about that work
                work = _media_link(self.all_links, lambda name: name == self.name.lower())
                self.default_work = (part or title_from_name(self.name), work)
                self.default_medium = medium_for_namespace(split_target(work)[0]) if work else None
        else:
            prefix = self.ns.lower()
            work = _media_link(self.all_links, lambda name: name.startswith(prefix))
            self.default_work = (whole if part else title_from_name(self.ns), work)
            if work:
                self.work_medium = medium_for_namespace(split_target(work)[0])

    # -- zones
    def run(self) -> PageFacts:
        self.blocks(self.doc.children, None)
        self.infer_lost_media()
        self.facts.links = self.all_links
        return self.facts

    def blocks(self, blocks: list, folder: int | None) -> None:
        for block in blocks:
            if isinstance(block, Rule):
                if id(block) in self.closing_rules:  # closes the page: the bullets before it count
                    continue
                if self.zone == "description":
                    self.zone = "examples"
                    self.list_relation = None
                elif self.seen_examples and block is self.stinger_from:
                    self.zone = "stinger"
                    self.section = None
            elif isinstance(block, Folder):
                if self.zone == "description":
                    self.zone = "examples"
                self.list_relation = None
                label = block.label.strip() or None
                self.section = self.add_section(label, block.line)
                self.blocks(block.children, self.section)
                self.section = None
            elif isinstance(block, Header):
                text = inline_text(block.children).strip()
                medium = medium_for_label(text)
                lead = _LIST_LEAD.search(text)
                if lead:  # "!!Subtropes:": the list under it holds relations, not examples
                    self.list_relation = _LEAD_KIND.get(lead.group(1)[:3].lower())
                elif self.zone == "description" and _EXAMPLES_HEADER.search(text):
                    self.zone = "examples"
                    self.list_relation = None
                elif self.zone == "examples" and medium and folder is None:
                    self.section = self.add_section(text, block.line)
                self.notes(block.children, block.line, None)
            elif isinstance(block, Quote):
                self.quote(block)
            elif isinstance(block, Paragraph):
                self.paragraph(block)
            elif isinstance(block, List):
                if self.subpage_list(block):
                    continue
                if self.list_relation and self.zone == "examples":
                    self.description_list(block)
                    self.list_relation = None
                elif self.zone == "examples" or (self.lists_are_examples and not self.list_relation):
                    self.examples(block, None)
                else:
                    self.description_list(block)
            elif isinstance(block, Index):
                if self.facts.kind == "index":
                    self.index_members(block.children)
                self.description_list_blocks(block.children)

    def add_section(self, label: str | None, line: int) -> int:
        medium = medium_for_label(label) if label else None
        if label and medium is None and self.facts.kind == "trope":
            self.facts.notices.append(
                f"line {line}: folder label {label!r} is not a known medium; kept as written"
            )
        if self.facts.kind == "work":
            medium = self.work_medium
        self.facts.sections.append(Section(label, medium, line))
        return len(self.facts.sections) - 1

    # -- description
    def paragraph(self, block: Paragraph) -> None:
        if self.zone == "description":
            text = inline_text(block.children)
            if not self.facts.aliases and not self.facts.relations:
                self.facts.aliases = aliases_in(text, self.facts.title)
                self.aliases_seen.update(self.facts.aliases)
            else:
                for alias in aliases_in(text, self.facts.title)[1:]:
                    if alias not in self.aliases_seen:
                        self.aliases_seen.add(alias)
                        self.facts.aliases.append(alias)
            relations_in(block.children, block.line, self.facts.relations, None, self.relations_seen)
            m = _list_lead(text)
            self.list_relation = _LEAD_KIND.get(m.group(1)[:3].lower()) if m else None
        self.notes(block.children, block.line, None)

    def subpage_list(self, block: List) -> bool:
        """A list of this page's split pages (`* MultipleEndings/VideoGames`): kept as subpage links."""
        found: list[str] = []
        if not _only_subpages(block, f"{self.name.lower()}/", found) or not found:
            return False
        known = set(self.facts.subpages)  # a set: a page may list thousands of subpages in many lists
        self.facts.subpages += [t for t in dict.fromkeys(found) if t not in known]
        return True

    def description_list(self, block: List) -> None:
        for item in block.items:
            lead = _leading_link(item.children) if self.list_relation else None
            if lead is not None:  # "* SubTrope: what it is" names one trope; its prose does not
                relations_in([lead], item.line, self.facts.relations, self.list_relation, self.relations_seen)
            elif self.list_relation:
                relations_in(
                    item.children, item.line, self.facts.relations, self.list_relation, self.relations_seen
                )
            self.notes(item.children, item.line, None)
            self.description_list_blocks(item.blocks)

    def description_list_blocks(self, blocks: list) -> None:
        for block in blocks:
            if isinstance(block, List):
                self.description_list(block)

    def index_members(self, blocks: list) -> None:
        """An index page's `[[index]]` lists the pages it indexes: each linked Main page is a relation
        `indexes` (the hierarchy reads it as this index over that page), once, in the order listed."""
        listed = {r.target for r in self.facts.relations if r.kind == "indexes"}
        for block in blocks:
            if not isinstance(block, List):
                continue
            for item in block.items:
                for node in iter_nodes(item.children):
                    if (
                        isinstance(node, Link)
                        and node.target.startswith("Main/")
                        and node.form != "redirect"
                        and node.target != self.page
                        and node.target not in listed
                    ):
                        listed.add(node.target)
                        self.facts.relations.append(Relation("indexes", node.target, item.line))
                self.index_members(item.blocks)

    def quote(self, block: Quote) -> None:
        source = None
        for inner in block.blocks:
            if isinstance(inner, Quote):
                source = inline_text(inner.children).strip().lstrip("—-– ").strip() or None
                break
        section = self.section if self.zone == "examples" else None
        self.facts.quotes.append(QuoteFact(inline_text(block.children).strip(), source, section, block.line))
        self.notes(block.children, block.line, None)

    # -- examples
    def examples(self, block: List, parent: int | None) -> None:
        for item in block.items:
            index = self.example(item, parent)
            for inner in item.blocks:
                if isinstance(inner, List):
                    self.examples(inner, index)
                elif isinstance(inner, Quote):
                    self.quote(inner)

    def example(self, item: ListItem, parent: int | None) -> int:
        facts = self.facts
        text = inline_text(item.children).strip()
        section = facts.sections[self.section] if self.section is not None else None
        medium = section.medium if section and section.medium else self.work_medium or self.default_medium
        parent_example = facts.examples[parent] if parent is not None else None
        if facts.kind == "work":
            work, work_page = self.default_work or (facts.title, self.page)
            trope, rest = self.trope_of(item, text)
            if trope is None and parent_example is not None:
                trope = parent_example.trope
        elif self.default_work:  # a trope's page split by work: every example is about that work
            (work, work_page), rest = self.default_work, text
            trope = self.trope
        else:
            work, work_page, rest = self.work_of(item, text)
            if work is None and parent_example is not None and not introduces_other_work(text):
                work, work_page = parent_example.work, parent_example.work_page
            if work:
                self.spelled.setdefault(to_wikiword(work).lower(), work)
            trope = self.trope
        play, uncertain = play_type(rest, _lead_links(item.children))
        example = Example(
            work=work, work_page=work_page, trope=trope, medium=medium, section=self.section,
            depth=item.depth, parent=parent, play=play, text=text, line=item.line,
            spoilers=[inline_text(n.children) for n in iter_nodes(item.children) if isinstance(n, Spoiler)],
            uncertain=uncertain,
        )  # fmt: skip
        facts.examples.append(example)
        index = len(facts.examples) - 1
        example.footnotes = self.notes(item.children, item.line, index)
        self.seen_examples = True
        return index

    def work_of(self, item: ListItem, text: str) -> tuple[str | None, str | None, str]:
        """(work title, work page, text after a leading "Work:") of a trope-page bullet."""
        for node in item.children:
            if (
                isinstance(node, Styled)
                and node.style in ("italic", "bold")
                and inline_text(node.children).strip()
            ):
                title = inline_text(node.children).strip()
                link = next((n for n in iter_nodes(node.children) if isinstance(n, Link)), None)
                return title, link.target if link else None, _after_lead(text, title)
            if isinstance(node, Link) and medium_for_namespace(split_target(node.target)[0]):
                title = inline_text([node]).strip()
                return title, node.target, _after_lead(text, title)
        found = find_work(text, self.exclude)
        if found:  # a plain-text title spelled as an earlier example wrote it
            return self.spelled.get(to_wikiword(found.title).lower(), found.title), None, text
        return None, None, text

    def trope_of(self, item: ListItem, text: str) -> tuple[str | None, str]:
        """(trope page, text after "Trope:") of a work-page bullet; None when the bullet names none."""
        m = _TROPE_LEAD.match(text)
        for node in item.children:
            if isinstance(node, Link) and node.target.startswith("Main/"):
                return node.target, text[m.end() :].strip() if m else text
            if isinstance(node, Text) and node.text.strip():
                break
        if m and len(m.group(1).split()) <= 8 and m.group(1)[:1].isupper():
            return f"Main/{to_wikiword(m.group(1))}", text[m.end() :].strip()
        return None, text

    def notes(self, nodes: list, line: int, example: int | None) -> list[int]:
        numbers = []
        for node in iter_nodes(nodes):
            if isinstance(node, Note):
                self.footnote_count += 1
                self.facts.footnotes.append(
                    Footnote(
                        self.footnote_count, node.label, inline_text(node.children).strip(), line, example
                    )
                )
                numbers.append(self.footnote_count)
        return numbers

    def infer_lost_media(self) -> None:
        """Media of sections whose header was lost: from their examples' cues; failing that, from their
        place between two known folders (folders are in alphabetical order: a lost section between
        "Fan Fic" and "Literature" is Film)."""
        by_section: dict[int, list[Example]] = {}  # one pass: a scan of all examples per section is quadratic
        for example in self.facts.examples:
            if example.section is not None:
                by_section.setdefault(example.section, []).append(example)
        sections = self.facts.sections
        unsettled: dict[int, str] = {}
        notices: dict[int, str] = {}  # by section, so they come in the page's order
        for index, section in enumerate(sections):
            if section.label is not None or section.medium is not None:
                continue
            members = [e for e in by_section.get(index, ()) if e.depth == 1]
            if not members:
                continue
            medium, reason = infer_medium(
                [e.text for e in members], self.known_works, [e.work or "" for e in members]
            )
            if medium:
                notices[index] = self._settle(index, medium, reason, by_section)
            else:
                unsettled[index] = reason
        # the nearest section with a medium before and after each section: two linear passes
        before: list[Section | None] = []
        last = None
        for section in sections:
            before.append(last)
            last = section if section.medium else last
        after: list[Section | None] = [None] * len(sections)
        last = None
        for index in range(len(sections) - 1, -1, -1):
            after[index] = last
            last = sections[index] if sections[index].medium else last
        for index, reason in unsettled.items():
            prev, nxt = before[index], after[index]
            medium = medium_between(_folder_label(prev), _folder_label(nxt)) if prev and nxt else None
            if medium:
                reason = f"{reason}; between the folders {_folder_label(prev)!r} and {_folder_label(nxt)!r}"
            notices[index] = self._settle(index, medium, reason, by_section)
        self.facts.notices += [notices[index] for index in sorted(notices)]

    def _settle(
        self, index: int, medium: str | None, reason: str, by_section: dict[int, list[Example]]
    ) -> str:
        """Give a lost section its medium (None: unknown); the notice that says so."""
        section = self.facts.sections[index]
        if medium:
            section.medium = medium
            section.inferred = True
            for example in by_section[index]:
                example.medium = medium
        return f"line {section.line}: section header lost; medium {medium or 'unknown'} ({reason})"


def _folder_label(section: Section | None) -> str:
    """A section's folder label as written, or its medium's label when the header was lost."""
    if section is None:
        return ""
    return section.label or (medium_label(section.medium) if section.medium else "")


def _media_link(targets: list[str], wanted) -> str | None:
    """The first link to a work page (a media namespace) whose lower-case Name is `wanted`."""
    for target in targets:
        ns, name = split_target(target)
        if canonical_namespace(ns) in MEDIA_NAMESPACES and wanted(name.lower()):
            return target
    return None


def _closing_rules(blocks: list) -> set[int]:
    """Ids of the top-level rules after which no list or folder comes: they close the page (a split
    page's bullets, then `----`), they do not open its examples."""
    closing: set[int] = set()
    for block in reversed(blocks):
        if isinstance(block, List | Folder | Index):
            break
        if isinstance(block, Rule):
            closing.add(id(block))
    return closing


def _leading_link(nodes: list) -> Link | None:
    """The link an item opens with, when a colon follows it ("* SubTrope: …")."""
    first = next((n for n in nodes if not (isinstance(n, Text) and not n.text.strip())), None)
    while isinstance(first, Styled) and first.children:
        first = first.children[0]
    if not isinstance(first, Link):
        return None
    rest = inline_text(nodes).strip()[len(inline_text([first]).strip()) :].lstrip("'\" ")
    return first if rest.startswith((":", " —", " –", " -")) or not rest else None


def _only_subpages(block: List, prefix: str, found: list[str]) -> bool:
    """Whether every item of the list (and of its nested lists) is only links to `prefix…` pages."""
    for item in block.items:
        text = inline_text(item.children)
        for node in iter_nodes(item.children):
            if isinstance(node, Link):
                if not node.target.lower().startswith(prefix):
                    return False
                found.append(node.target)
                text = text.replace(inline_text([node]), "", 1)
        if text.strip(" '\"*:,.-–—"):
            return False
        for inner in item.blocks:
            if isinstance(inner, CommentLine):
                continue
            if not isinstance(inner, List) or not _only_subpages(inner, prefix, found):
                return False
    return True


def _stinger_start(blocks: list) -> Rule | None:
    """The rule that opens the stinger: the last top-level rule, when only quotes and paragraphs
    follow it (pages use rules between groups of examples too)."""
    for i in range(len(blocks) - 1, -1, -1):
        if isinstance(blocks[i], Rule):
            after = blocks[i + 1 :]
            if all(isinstance(b, Quote | Paragraph) for b in after):
                return blocks[i]
            return None
    return None


def _list_lead(text: str) -> re.Match[str] | None:
    """The relation word of a paragraph ending "Subtropes:", "See also these:"…, which leads a list of
    relations: the first such word after the colon before the last (a regex reading on from every
    "see also" to a colon at the end would scan a long paragraph once per "see also")."""
    end = len(text.rstrip())
    if not text.endswith(":", 0, end):
        return None
    return _LIST_LEAD.search(text, text.rfind(":", 0, end - 1) + 1, end - 1)


def _after_lead(text: str, title: str) -> str:
    """The text after a leading "Title:" / "Title —" (where the play type is read), else all of it."""
    if text.startswith(title):
        rest = text[len(title) :]
        m = _PARTIAL_SEP.match(rest)
        if m and m.group().strip():
            return rest[m.end() :]
    return text


def _lead_links(nodes: list, within: int = 60) -> list[Link]:
    """Links in the first `within` characters of the text: where "{{Averted}}" says how it plays."""
    found: list[Link] = []
    seen = 0
    for node in nodes:
        if seen > within:
            break
        if isinstance(node, Link):
            found.append(node)
        seen += len(inline_text([node]))
    return found


def compile_page(
    doc: Document, page: str, *, title: str | None = None, known_works: Mapping[str, str] | None = None
) -> PageFacts:
    """Compile a parsed page into facts. `page` is its `Namespace/Name`; `title` its display title when
    known; `known_works` maps lower-case work WikiWords to media, to place sections that lost their
    header."""
    return _Compiler(doc, page, title, known_works).run()
