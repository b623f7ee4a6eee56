"""The printable "I speak" card: one numbered cell per language, the sentence in its own script.

Above the cells: "Point to your language." in the card's first languages (from the phrasebook's
``language.point_to_language``), so the person, not only the officer, knows what to do; and one
line for the officer that names no command (a card on paper cannot run ``lep``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lepcli import policy
from lepcli.export import style as layout

if TYPE_CHECKING:
    from lepcli.ispeak import IspeakEntry
    from lepcli.phrasebook import Phrasebook

TITLE = "I speak … : point to your language"
INSTRUCTIONS = (
    "Show this card. The person points to the sentence in their language; call a qualified interpreter for "
    f"that language (your agency's interpreter line). {policy.NEVER_FAMILY}"
)
POINT_PHRASE = "language.point_to_language"
POINT_LANGUAGES = 6  # how many of the card's first languages carry the instruction


@dataclass(frozen=True)
class Pointer:
    """The instruction line in one of the card's languages."""

    code: str
    text: str
    status: str


@dataclass
class IspeakDoc:
    entries: Sequence[IspeakEntry]
    agency: str | None
    date: str
    paper: str = "letter"
    title: str = TITLE
    instructions: str = INSTRUCTIONS
    pointers: list[Pointer] = field(default_factory=list)

    @property
    def footer(self) -> layout.Footer:
        return layout.Footer(self.agency, self.date)


def pointers(entries: Sequence[IspeakEntry], book: Phrasebook | None) -> list[Pointer]:
    """``Point to your language.`` in the first languages of the card that have it translated."""
    if book is None or not book.has_phrase(POINT_PHRASE):
        return []
    have = set(book.languages())
    out: list[Pointer] = []
    for entry in entries:
        code = entry.language.code
        variants = [code] if code in have else [c for c in sorted(have) if c.startswith(code + "-")][:1]
        for c in variants:
            tr = book.translation(POINT_PHRASE, c)
            if tr is not None and tr.text.strip():
                out.append(Pointer(c, tr.text, tr.status))
        if len(out) >= POINT_LANGUAGES:
            break
    return out


def build(
    entries: Sequence[IspeakEntry],
    *,
    agency: str | None,
    paper: str,
    date: dt.date | None = None,
    book: Phrasebook | None = None,
) -> IspeakDoc:
    return IspeakDoc(
        list(entries), agency, (date or dt.date.today()).isoformat(), paper, pointers=pointers(entries, book)
    )
