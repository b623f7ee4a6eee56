"""What to send to a translator next: reviewed / draft / machine / missing per language and category.

Counts come from the merged phrasebook (packaged + agency folders), so a file imported with
``lep phrase import`` shows up at once. Legal phrases are counted apart: only a reviewed legal
translation is usable in the field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lepcli import jsonable

if TYPE_CHECKING:
    from lepcli.phrasebook import Phrasebook

KINDS = ("reviewed", "draft", "machine", "missing")


@dataclass
class Counts:
    reviewed: int = 0
    draft: int = 0
    machine: int = 0
    missing: int = 0

    def add(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)

    @property
    def total(self) -> int:
        return self.reviewed + self.draft + self.machine + self.missing


@dataclass
class LanguageStatus:
    code: str
    name: str
    counts: Counts
    legal: Counts  # the legal phrases alone
    categories: dict[str, Counts] = field(default_factory=dict)


@jsonable.shape(convert={"categories": lambda cats: [{"id": c, "title": t} for c, t in cats.items()]})
@dataclass
class StatusReport:
    phrases: int
    categories: dict[str, str]  # id -> title, in the master's order
    languages: list[LanguageStatus]


def status_report(book: Phrasebook | None = None, langs: list[str] | None = None) -> StatusReport:
    from lepcli import languages
    from lepcli import phrasebook as pb

    book = book or pb.load()
    codes = langs if langs is not None else book.languages()
    out = []
    for code in codes:
        translations = book.translations(code)
        lang = LanguageStatus(code, book.name(code) or languages.get(code).name, Counts(), Counts())
        for cid in book.categories:
            lang.categories[cid] = Counts()
        for p in book.phrases:
            tr = translations.get(p.id)
            status = tr.status if tr is not None else "missing"
            lang.counts.add(status)
            lang.categories.setdefault(p.category, Counts()).add(status)
            if p.legal:
                lang.legal.add(status)
        out.append(lang)
    out.sort(key=lambda s: (languages.get(s.code).rank or 10_000, s.code))
    return StatusReport(len(book.phrases), dict(book.categories), out)
