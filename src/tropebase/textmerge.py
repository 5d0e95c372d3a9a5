"""Three-way merge of page texts, line by line: what lets two editors of one page both keep their work.

Lines that both sides kept from the base anchor the merge; between anchors, a stretch changed on one
side only takes that side's change, one changed identically on both takes it once, and one changed
differently on both is a conflict, reported with all three versions so nothing is lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

#: the lines MergeResult.text() puts around a conflict
_OURS_MARK, _SPLIT_MARK, _THEIRS_MARK = "<<<<<<< ", "=======", ">>>>>>> "


@dataclass(slots=True)
class Conflict:
    base: list[str]
    ours: list[str]
    theirs: list[str]


@dataclass(slots=True)
class MergeResult:
    chunks: list[list[str] | Conflict] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not any(isinstance(c, Conflict) for c in self.chunks)

    @property
    def conflicts(self) -> list[Conflict]:
        return [c for c in self.chunks if isinstance(c, Conflict)]

    def text(self, ours_label: str = "your edit", theirs_label: str = "the other edit") -> str:
        """The merged text; conflicts shown with both sides between markers."""
        out: list[str] = []
        for chunk in self.chunks:
            if isinstance(chunk, Conflict):
                out.append(f"{_OURS_MARK}{ours_label}")
                out += chunk.ours
                out.append(_SPLIT_MARK)
                out += chunk.theirs
                out.append(f"{_THEIRS_MARK}{theirs_label}")
            else:
                out += chunk
        return "\n".join(out)


def _matches(base: list[str], other: list[str]) -> dict[int, int]:
    """base line index → other line index, for lines the other side kept."""
    mapping: dict[int, int] = {}
    for block in SequenceMatcher(None, base, other, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            mapping[block.a + k] = block.b + k
    return mapping


def merge3(base: str, ours: str, theirs: str) -> MergeResult:
    """Merge two edits of `base`."""
    b, o, t = base.split("\n"), ours.split("\n"), theirs.split("\n")
    in_o, in_t = _matches(b, o), _matches(b, t)
    result = MergeResult()
    bi = oi = ti = 0
    anchors = [(i, in_o[i], in_t[i]) for i in range(len(b)) if i in in_o and i in in_t]
    for ab, ao, at in [*anchors, (len(b), len(o), len(t))]:
        if ao < oi or at < ti:  # an anchor out of order on one side: not a usable anchor
            continue
        base_part, our_part, their_part = b[bi:ab], o[oi:ao], t[ti:at]
        if our_part == base_part:
            _add(result, their_part)
        elif their_part == base_part or our_part == their_part:
            _add(result, our_part)
        else:
            result.chunks.append(Conflict(base_part, our_part, their_part))
        if ab < len(b):
            _add(result, [b[ab]])
        bi, oi, ti = ab + 1, ao + 1, at + 1
    return result


def _add(result: MergeResult, lines: list[str]) -> None:
    if not lines:
        return
    if result.chunks and not isinstance(result.chunks[-1], Conflict):
        result.chunks[-1].extend(lines)
    else:
        result.chunks.append(list(lines))


def has_conflict_markers(text: str) -> bool:
    """The text still holds a conflict as MergeResult.text() writes it: an opening marker line, then the
    middle line, then a closing marker line. Such text must not be published by accident."""
    opened = split = False
    for line in text.split("\n"):
        if line.startswith(_OURS_MARK):
            opened, split = True, False
        elif opened and line == _SPLIT_MARK:
            split = True
        elif split and line.startswith(_THEIRS_MARK):
            return True
    return False
