"""The format-neutral export document, built from the real ``lepcli.phrasebook.Phrasebook``.

Every format module renders a :class:`PhrasebookDoc`; the rules about what may be printed live
here once: a legal phrase (rights, consent to search, statements, victim interviews) is usable
only with a ``reviewed`` translation, a draft legal translation is withheld from printable
formats, and machine translation never fills a legal phrase. ``{placeholders}`` print as a
fill-in blank; each section knows its usual status, so a page states it once in a legend and a
line is tagged only where it differs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from lepcli.errors import BadInput, NotFound, Unavailable
from lepcli.export import style as layout
from lepcli.export.style import Footer
from lepcli.phrasebook import PLACEHOLDER_RE

if TYPE_CHECKING:
    from lepcli.export.interpreter import Interpreter
    from lepcli.languages import Language
    from lepcli.phrasebook import Phrase, Phrasebook, Translation

STATUSES = ("reviewed", "draft", "machine", "missing")


@dataclass(frozen=True)
class Cell:
    """One phrase in one language, with what a reader must know about it."""

    text: str | None
    pronunciation: str | None
    romanization: str | None
    status: str  # reviewed | draft | machine | missing
    usable: bool  # may be read out as is (a draft is usable but labelled; a draft legal phrase is not)
    warning: str | None
    reviewed_by: str | None = None
    reviewed_on: str | None = None
    source: str | None = None
    translation_notes: str | None = None  # the language file's notes, for reviewers (XLIFF)
    variants: tuple[str, ...] = ()  # other ways people say it (replies): the Anki recognition cards show them

    @property
    def printable(self) -> str | None:
        """The text a printed card or handout shows; None when it must be withheld or is missing."""
        return self.text if self.usable else None

    @property
    def printed(self) -> str | None:
        """:attr:`printable` with each ``{placeholder}`` as a fill-in blank (paper, cards, decks)."""
        return blank_placeholders(self.text) if self.usable and self.text else None

    @property
    def printed_pronunciation(self) -> str | None:
        return blank_placeholders(self.pronunciation) if self.pronunciation else None

    @property
    def printed_romanization(self) -> str | None:
        return blank_placeholders(self.romanization) if self.romanization else None

    @property
    def notice(self) -> str | None:
        """What a printed line shows instead of (or next to) the translation."""
        if self.status == "missing":
            return self.warning or layout.MISSING_TEXT
        return self.warning


@dataclass(frozen=True)
class Row:
    phrase_id: str
    category: str
    english: str
    urgent: bool
    legal: bool
    answer: str | None
    notes: str | None
    cell: Cell

    @property
    def printed_english(self) -> str:
        return blank_placeholders(self.english)


def blank_placeholders(text: str) -> str:
    """``Soy el oficial {name}.`` -> ``Soy el oficial ________.``"""
    return PLACEHOLDER_RE.sub(layout.BLANK, text)


@dataclass
class Section:
    """One language of the document."""

    language: Language
    code: str  # the phrasebook's code for it (e.g. zh-Hans)
    rows: list[Row]
    interpreter: Interpreter | None = None  # the agency's interpreter line for this language

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(STATUSES, 0)
        for row in self.rows:
            out[row.cell.status] += 1
        return out

    @property
    def usual_status(self) -> str:
        """The status most printed lines have: stated once in the page legend."""
        counts = dict.fromkeys(("reviewed", "draft", "machine"), 0)
        for row in self.rows:
            if row.cell.printable is not None:
                counts[row.cell.status] += 1
        return max(counts, key=lambda s: (counts[s], s == "draft"))  # a tie says DRAFT: the careful side

    def tag(self, row: Row) -> str | None:
        """The status label a line shows: only where it differs from the page's legend."""
        return None if row.cell.status == self.usual_status else layout.STATUS_LABEL[row.cell.status]

    @property
    def withheld(self) -> int:
        """Legal phrases whose translation exists but may not be presented as usable."""
        return sum(1 for r in self.rows if r.legal and r.cell.text is not None and not r.cell.usable)


@dataclass
class PhrasebookDoc:
    sections: list[Section]
    categories: dict[str, str]  # id -> title, display order, only those in the document
    agency: str | None
    date: str
    layout: str = "handout"
    paper: str = "letter"
    machine_filled: int = 0
    omitted: dict[str, int] = field(default_factory=dict)  # per language: rows a card had no room for

    @property
    def footer(self) -> Footer:
        return Footer(self.agency, self.date)

    def phrase_ids(self) -> list[str]:
        return [r.phrase_id for r in self.sections[0].rows] if self.sections else []


def make_cell(phrase: Phrase, tr: Translation | None) -> Cell:
    if tr is None or not (tr.text or "").strip():
        missing = layout.LEGAL_WITHHELD if phrase.legal else layout.MISSING_TEXT
        return Cell(None, None, None, "missing", False, missing)
    status = tr.status if tr.status in ("reviewed", "draft", "machine") else "draft"
    usable = True
    warning: str | None = None
    if phrase.legal and status != "reviewed":
        usable, warning = False, layout.LEGAL_WITHHELD
    elif phrase.legal:
        warning = layout.LEGAL_LABEL
    elif status == "machine":
        warning = "machine translation: verify"
    return Cell(
        text=tr.text,
        pronunciation=tr.pronunciation or None,
        romanization=tr.romanization or None,
        status=status,
        usable=usable,
        warning=warning,
        reviewed_by=str(tr.reviewed_by) if tr.reviewed_by else None,
        reviewed_on=str(tr.reviewed_on) if tr.reviewed_on else None,
        source=str(tr.source) if tr.source else None,
        translation_notes=tr.notes or None,
        variants=tuple(tr.variants) if usable else (),
    )


def split_list(values: Sequence[str] | None) -> list[str]:
    """``["es,vi", "ko"]`` -> ``["es", "vi", "ko"]`` (options may be repeated or comma-separated)."""
    out: list[str] = []
    for value in values or ():
        out.extend(p.strip() for p in value.split(",") if p.strip())
    return out


def resolve_languages(specs: Sequence[str], book: Phrasebook, *, allow_missing: bool) -> list[tuple[Language, str]]:
    """Language names or codes -> (Language, phrasebook code). ``all`` means every phrasebook language."""
    from lepcli import languages

    wanted = split_list(specs)
    if not wanted:
        raise BadInput("no language given", hint="e.g. --lang es,vi,ko  (or --lang all)")
    have = [c for c in book.languages() if c != "en"]
    if [w.casefold() for w in wanted] == ["all"]:
        if not have:
            raise Unavailable("no translated phrasebooks are installed")
        return [(languages.get(c), c) for c in have]
    out: list[tuple[Language, str]] = []
    for spec in wanted:
        lang = languages.resolve(spec).language
        code = lang.code
        if code not in have:
            # "chinese" resolves to zh; the phrasebooks are zh-Hans / zh-Hant.
            variants = [c for c in have if c.startswith(code + "-")]
            if variants:
                code = variants[0]
            elif not allow_missing:
                raise NotFound(
                    f"no phrasebook for {lang.name} ({lang.code})",
                    hint="phrasebooks: " + ", ".join(have) + "; --fill-machine fills it from an installed model",
                    suggestions=have,
                )
        if code in (c for _, c in out):
            continue
        out.append((languages.get(code) if code != lang.code else lang, code))
    return out


def select_categories(specs: Sequence[str] | None, book: Phrasebook) -> list[str]:
    wanted = split_list(specs)
    known = list(book.categories)
    if not wanted:
        return known
    unknown = [w for w in wanted if w not in book.categories]
    if unknown:
        raise NotFound(
            f"unknown category: {', '.join(unknown)}",
            hint="categories: " + ", ".join(known),
            suggestions=known,
        )
    return [c for c in known if c in wanted]


def build(
    book: Phrasebook,
    langs: Sequence[tuple[Language, str]],
    categories: Sequence[str],
    *,
    agency: str | None,
    date: dt.date | None = None,
    layout_name: str = "handout",
    paper: str = "letter",
    interpreter: Callable[[str], Interpreter | None] | None = None,
) -> PhrasebookDoc:
    order = {c: i for i, c in enumerate(categories)}
    phrases = sorted(
        (p for p in book.phrases if p.category in order),
        key=lambda p: order[p.category],  # stable: keeps the master file's order within a category
    )
    sections = []
    for lang, code in langs:
        rows = [
            Row(p.id, p.category, p.text, bool(p.urgent), bool(p.legal), p.answer, p.notes,
                make_cell(p, book.translation(p.id, code)))
            for p in phrases
        ]  # fmt: skip
        sections.append(Section(lang, code, rows, interpreter(code) if interpreter else None))
    return PhrasebookDoc(
        sections=sections,
        categories={c: book.categories[c] for c in categories},
        agency=agency,
        date=(date or dt.date.today()).isoformat(),
        layout=layout_name,
        paper=paper,
    )


ProgressFn = Callable[[int, int], None]


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER_RE.findall(text))


def fill_machine(
    doc: PhrasebookDoc,
    translate: Callable[[list[str], str, str, ProgressFn | None], list[str]],
    *,
    is_legal: Callable[[str], bool] | None = None,
    progress: ProgressFn | None = None,
) -> int:
    """Fill missing, non-legal phrases with ``translate(texts, "en", code, progress)``, one batch per language.

    A phrase is never sent when it is marked legal or its English looks legal; a result that
    lost a ``{placeholder}`` is dropped (the phrase stays missing). Returns how many were filled.
    """
    todo = [
        [i for i, r in enumerate(s.rows) if r.cell.status == "missing" and not r.legal
         and not (is_legal and is_legal(r.english))]
        for s in doc.sections
    ]  # fmt: skip
    total = sum(len(t) for t in todo)
    done = filled = 0
    if progress:
        progress(0, total)
    for section, indices in zip(doc.sections, todo, strict=True):
        if not indices:
            continue
        texts = [section.rows[i].english for i in indices]
        results = translate(texts, "en", section.code, _sub_progress(progress, done, len(indices), total))
        for i, text, out in zip(indices, texts, results, strict=True):
            out = (out or "").strip()
            if out and _placeholders(out) == _placeholders(text):
                cell = Cell(out, None, None, "machine", True, "machine translation: verify", source="machine")
                section.rows[i] = replace(section.rows[i], cell=cell)
                filled += 1
        done += len(indices)
        if progress:
            progress(done, total)
    doc.machine_filled = filled
    return filled


def _sub_progress(progress: ProgressFn | None, base: int, size: int, total: int) -> ProgressFn | None:
    """Map one batch's (done, of) onto the whole run; never moves backwards (a pivot runs two models)."""
    if progress is None:
        return None
    best = 0

    def report(done: int, of: int) -> None:
        nonlocal best
        step = int(size * done / of) if of else 0
        if step > best:
            best = step
            progress(base + best, total)

    return report
