"""How an example plays its trope: straight, averted, subverted, … read from the example's lead words
and from links to the play-type pages (`{{Averted}}`, `DefiedTrope`…)."""

from __future__ import annotations

import re

from ..markup.nodes import Link

#: key → whether an example of this kind means the work does contain the trope
PLAY_TYPES: dict[str, bool] = {
    "straight": True,
    "averted": False,
    "subverted": True,
    "inverted": False,
    "defied": False,
    "invoked": True,
    "discussed": False,
    "lampshaded": True,
    "parodied": True,
    "exaggerated": True,
    "downplayed": True,
    "zigzagged": True,
    "alluded": False,
    "deconstructed": True,
    "reconstructed": True,
    "possible": True,  # a possible interpretation
}

_WORD_TO_PLAY = {
    "averted": "averted", "aversion": "averted",
    "subverted": "subverted", "subversion": "subverted", "subverts": "subverted",
    "inverted": "inverted", "inversion": "inverted", "inverts": "inverted",
    "defied": "defied", "defies": "defied",
    "invoked": "invoked", "invokes": "invoked",
    "discussed": "discussed", "discusses": "discussed",
    "lampshaded": "lampshaded", "lampshades": "lampshaded",
    "parodied": "parodied", "parody": "parodied", "parodies": "parodied",
    "exaggerated": "exaggerated",
    "downplayed": "downplayed",
    "zig-zagged": "zigzagged", "zigzagged": "zigzagged",
    "deconstructed": "deconstructed", "deconstruction": "deconstructed", "deconstructs": "deconstructed",
    "reconstructed": "reconstructed", "reconstruction": "reconstructed",
    "played straight": "straight",
}  # fmt: skip

# Leads at the start of an example's text ("Defied in X", "Briefly touched in X", "Averted.").
_LEAD = re.compile(
    r"^\W*(?:(?:also|this is|it is|this trope is|it's|is|was|both|heavily|somewhat|partially|briefly|sort of|"
    r"kind of|arguably|strongly|painfully|hilariously)\s+)*"
    r"(?P<word>played straight|averted|subverted|inverted|defied|invoked|discussed|lampshaded|parodied|"
    r"exaggerated|downplayed|zig-?zagged|deconstructed|reconstructed)\b",
    re.I,
)
_ALLUDED = re.compile(
    r"^\W*(?:(?:also|briefly|only|merely)\s+)?(?:alluded to|referenced|mentioned|name-?dropped)\b", re.I
)
_TOUCHED = re.compile(r"^\W*(?:(?:only|briefly|lightly)\s+)?touched(?:\s+(?:up)?on)?\b", re.I)
_POSSIBLE = re.compile(r"^\W*(?:a\s+)?possible interpretation\b", re.I)
# Hedged mentions anywhere: "this may be a subversion", "arguably an aversion".
_HEDGED = re.compile(
    r"\b(?:may|might|could|can)\s+be\s+(?:seen\s+as\s+)?(?:an?\s+)?"
    r"(?P<word>subversion|aversion|inversion|deconstruction|parody|subverted|averted|inverted|deconstructed)\b",
    re.I,
)

#: play-type pages: a link to one of these in an example's lead says how it plays
PLAY_PAGES: dict[str, str] = {
    "Main/PlayedStraight": "straight", "Main/AvertedTrope": "averted", "Main/Averted": "averted",
    "Main/SubvertedTrope": "subverted", "Main/Subverted": "subverted", "Main/InvertedTrope": "inverted",
    "Main/Inverted": "inverted", "Main/DefiedTrope": "defied", "Main/Defied": "defied",
    "Main/InvokedTrope": "invoked", "Main/Invoked": "invoked", "Main/DiscussedTrope": "discussed",
    "Main/Discussed": "discussed", "Main/LampshadeHanging": "lampshaded", "Main/Lampshaded": "lampshaded",
    "Main/ParodiedTrope": "parodied", "Main/Parodied": "parodied", "Main/ExaggeratedTrope": "exaggerated",
    "Main/Exaggerated": "exaggerated", "Main/DownplayedTrope": "downplayed", "Main/Downplayed": "downplayed",
    "Main/ZigZaggingTrope": "zigzagged", "Main/ZigZagged": "zigzagged", "Main/DeconstructedTrope": "deconstructed",
    "Main/Deconstructed": "deconstructed", "Main/ReconstructedTrope": "reconstructed",
    "Main/Reconstructed": "reconstructed",
}  # fmt: skip


def play_type(text: str, lead_links: list[Link] | None = None) -> tuple[str, bool]:
    """(play type, uncertain) of an example, from its text (after any `Work:` or `Trope:` lead) and
    the links in its first sentence."""
    for link in lead_links or ():
        play = PLAY_PAGES.get(link.target)
        if play:
            return play, False
    m = _LEAD.match(text)
    if m:
        return _WORD_TO_PLAY[m.group("word").lower()], False
    if _POSSIBLE.match(text):
        return "possible", True
    if _ALLUDED.match(text):
        return "alluded", False
    if _TOUCHED.match(text):
        return "downplayed", False
    m = _HEDGED.search(text)
    if m:
        return _WORD_TO_PLAY[m.group("word").lower()], True
    return "straight", False
