"""What printed exports look like, once: labels, colours, footers, the fill-in blank, line breaks."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from lepcli import policy

# Paper in millimetres (portrait).
PAPER_MM: dict[str, tuple[float, float]] = {"letter": (215.9, 279.4), "a4": (210.0, 297.0)}

STATUS_LABEL = {"reviewed": "REVIEWED", "draft": "DRAFT", "machine": "MACHINE", "missing": "NONE"}
STATUS_HELP = {
    "reviewed": "checked by a qualified translator",
    "draft": "not yet reviewed by a qualified translator",
    "machine": "machine translation: verify before relying on it",
    "missing": "no translation: use the interpreter line",
}
LEGAL_LABEL = "LEGAL: use a qualified interpreter"
LEGAL_WITHHELD = "Use a qualified interpreter (no reviewed translation of this legal phrase)"
MISSING_TEXT = "No translation: use the interpreter line"
BLANK = "________"  # a {placeholder} on paper: the officer writes or says the name/number there
LEGAL_REMINDER = f"{policy.LEGAL_SHORT} {policy.NEVER_FAMILY}"  # written once, in lepcli.policy

# RGB colours (print well in greyscale too: darker means more caution).
RGB = tuple[int, int, int]
STATUS_COLOUR: dict[str, RGB] = {
    "reviewed": (22, 120, 60),
    "draft": (176, 96, 0),
    "machine": (120, 40, 160),
    "missing": (110, 110, 110),
}
LEGAL_COLOUR: RGB = (185, 20, 30)
MUTED: RGB = (95, 95, 95)
INK: RGB = (20, 20, 20)
RULE: RGB = (200, 200, 200)
BAND: RGB = (236, 236, 236)


def hex_colour(rgb: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


@dataclass(frozen=True)
class Footer:
    agency: str | None
    date: str  # ISO date the document was made

    def text(self, extra: str | None = None) -> str:
        parts = [self.agency or "", f"made {self.date} with lepcli"]
        if extra:
            parts.append(extra)
        return "  ·  ".join(p for p in parts if p)


# -- line breaks for scripts written without spaces between words --------------------------------

# A break is never allowed after these (they bind to what follows).
_JOINERS = frozenset(
    "\u17d2"  # Khmer coeng (subscript consonant follows)
    "\u1039"  # Myanmar virama (stacked consonant follows)
    "\u200d\u200c"
    "\u0e40\u0e41\u0e42\u0e43\u0e44"  # Thai vowels written before the consonant
    "\u0ec0\u0ec1\u0ec2\u0ec3\u0ec4"  # Lao likewise
)
# CJK punctuation that may not begin a line, and openers that may not end one (kinsoku).
_NO_LINE_START = frozenset("。，、？！）」』〉》】〕．：；…ー々ぁぃぅぇぉっゃゅょァィゥェォッャュョ?!.,:;)")
_NO_LINE_END = frozenset("（「『〈《【〔(")
# Myanmar letters that belong to the previous syllable when followed by asat (U+103A) or a stacker.
_BINDS_BACK = frozenset("\u103a\u1039\u17d2")


def cluster_breaks(word: str) -> list[int]:
    """Offsets inside ``word`` where a line may break without splitting a written syllable cluster.

    Conservative: never before a combining mark, never after a coeng/virama/joiner or a Thai/Lao
    vowel written ahead of its consonant, never before a consonant that an asat or stacker binds back.
    """
    offsets: list[int] = []
    for i in range(1, len(word)):
        prev, ch = word[i - 1], word[i]
        if prev in _JOINERS or unicodedata.category(ch) in ("Mn", "Mc", "Me", "Cf"):
            continue
        nxt = word[i + 1] if i + 1 < len(word) else ""
        if nxt in _BINDS_BACK:
            continue
        if ch.isdigit() and prev.isdigit():
            continue
        if ch in _NO_LINE_START or prev in _NO_LINE_END:
            continue
        offsets.append(i)
    return offsets
