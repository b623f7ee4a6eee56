"""The printable "I speak" card: one numbered cell per language, the sentence in its own script."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from lepcli.export import layout

if TYPE_CHECKING:
    from lepcli.languages import Language

TITLE = "I speak … : point to your language"
INSTRUCTIONS = (
    "Show this card. The person points to the sentence in their language; call a qualified interpreter for "
    "that language (lep lines LANGUAGE). The numbers match `lep ispeak --pick`. "
    "Never use children, relatives or bystanders to interpret."
)


class EntryLike(Protocol):
    """What the card needs from ``lepcli.ispeak.IspeakEntry``."""

    @property
    def number(self) -> int: ...
    @property
    def language(self) -> Language: ...
    @property
    def text(self) -> str: ...
    @property
    def status(self) -> str: ...


@dataclass
class IspeakDoc:
    entries: Sequence[EntryLike]
    agency: str | None
    date: str
    paper: str = "letter"
    title: str = TITLE
    instructions: str = INSTRUCTIONS

    @property
    def footer(self) -> layout.Footer:
        return layout.Footer(self.agency, self.date)


def build(entries: Sequence[EntryLike], *, agency: str | None, paper: str, date: dt.date | None = None) -> IspeakDoc:
    return IspeakDoc(list(entries), agency, (date or dt.date.today()).isoformat(), paper)
