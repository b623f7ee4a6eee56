"""Run an export: build the document, render it in one format, write it atomically.

``export_phrasebook`` and ``export_ispeak`` build a format-neutral document (``document.py``,
``ispeak.py``), hand it to one module of ``formats/`` (``pdf``, ``html``, ``csv``, ``markdown``,
``json``, ``anki``, ``xliff``) and write the bytes atomically: nothing is written until the whole
file is rendered, an existing file is replaced only with ``force``, Ctrl-C leaves no partial file,
and a full disk or read-only folder is one ``CannotWrite`` (exit 10) naming the path.
Heavy libraries (fpdf2, uharfbuzz, genanki, translate-toolkit) are imported only by the format
that needs them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lepcli import jsonable
from lepcli.errors import BadInput

if TYPE_CHECKING:
    from lepcli.export.document import PhrasebookDoc
    from lepcli.export.interpreter import Interpreter
    from lepcli.ispeak import IspeakEntry
    from lepcli.phrasebook import Phrasebook

FORMATS = ("pdf", "html", "csv", "md", "json", "anki", "xliff")
ISPEAK_FORMATS = ("pdf", "html")
SUFFIX_FORMAT = {
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".md": "md",
    ".markdown": "md",
    ".json": "json",
    ".apkg": "anki",
    ".xlf": "xliff",
    ".xliff": "xliff",
}

ProgressFn = Callable[[int, int], None]
MachineFn = Callable[[list[str], str, str, ProgressFn | None], list[str]]


@dataclass
class ExportResult:
    path: str
    kind: str  # phrasebook | ispeak
    format: str
    layout: str | None
    paper: str | None
    languages: list[str]
    phrases: int  # phrases per language (ispeak: entries)
    statuses: dict[str, int] = field(default_factory=dict)  # over every phrase x language
    legal_withheld: int = 0
    machine_filled: int = 0
    omitted: dict[str, int] = field(default_factory=dict)  # card: usable phrases with no room, per language
    pages: int | None = None
    notes: int | None = None  # anki: cards in the deck
    fonts: list[str] = field(default_factory=list)
    bytes: int = 0
    legal_for_review: int = 0  # xliff: draft legal translations in the file for the vendor (never usable as is)
    audio: dict[str, Any] | None = None  # anki: cards with recorded / computer-voice / no audio

    @property
    def size(self) -> str:
        return f"{self.bytes / 1024:.0f} KiB" if self.bytes >= 1024 else f"{self.bytes} bytes"


def format_for(path: Path, fmt: str | None, allowed: Sequence[str]) -> str:
    """The format asked for, or the one the file name implies."""
    if fmt is None:
        fmt = SUFFIX_FORMAT.get(path.suffix.lower())
        if fmt is None:
            raise BadInput(
                f"cannot tell the format from the file name {path.name}",
                hint="add --format " + "|".join(allowed),
            )
    fmt = fmt.lower()
    fmt = {"apkg": "anki", "markdown": "md", "xlf": "xliff"}.get(fmt, fmt)
    if fmt not in allowed:
        raise BadInput(f"unknown format {fmt}", hint="formats: " + ", ".join(allowed))
    return fmt


def agency_name(explicit: str | None = None) -> str | None:
    """The agency named in the footer: --agency, else the interpreter-lines configuration, else none."""
    if explicit is not None:
        return explicit.strip() or None
    from lepcli.agency import lines

    value = lines.agency_setting("agency")
    return str(value).strip() or None if value else None


def _interpreter(with_pin: bool) -> Callable[[str], Interpreter | None]:
    from lepcli.export import interpreter

    return lambda code: interpreter.for_language(code, with_pin=with_pin)


def _load_book() -> Phrasebook:
    from lepcli import phrasebook

    return phrasebook.load()


def _looks_legal(text: str) -> bool:
    """The translate module's legal-content check, a second guard next to each phrase's ``legal`` flag."""
    from lepcli.translate import looks_legal

    return looks_legal(text)


def _machine(texts: list[str], source: str, target: str, progress: ProgressFn | None) -> list[str]:
    from lepcli import mt

    return mt.machine_translate(texts, source, target, progress=progress)


def build_phrasebook_doc(
    *,
    langs: Sequence[str],
    categories: Sequence[str] | None = None,
    layout: str = "handout",
    paper: str = "letter",
    fill_machine: bool = False,
    agency: str | None = None,
    book: Phrasebook | None = None,
    progress: ProgressFn | None = None,
    machine: MachineFn | None = None,
    interpreter: bool = True,
    with_pin: bool = False,
) -> PhrasebookDoc:
    from lepcli.export import document

    _check_choice("layout", layout, ("handout", "card"))
    _check_choice("paper", paper, ("letter", "a4"))
    book = book if book is not None else _load_book()
    chosen = document.resolve_languages(langs, book, allow_missing=fill_machine)
    cats = document.select_categories(categories, book)
    doc = document.build(
        book,
        chosen,
        cats,
        agency=agency_name(agency),
        layout_name=layout,
        paper=paper,
        interpreter=_interpreter(with_pin) if interpreter else None,
    )
    if fill_machine:
        document.fill_machine(doc, machine or _machine, is_legal=_looks_legal, progress=progress)
    return doc


def render_phrasebook(doc: PhrasebookDoc, fmt: str, *, audio: bool = True) -> tuple[bytes, dict[str, Any]]:
    """Bytes of the file, and facts about it for the result (pages, fonts, cards)."""
    if fmt == "pdf":
        from lepcli.export.formats import pdf

        rendered = pdf.render_phrasebook(doc)
        return rendered.data, {"pages": rendered.pages, "fonts": rendered.fonts}
    if fmt == "html":
        from lepcli.export.formats import html

        return html.render_phrasebook(doc), {}
    if fmt == "csv":
        from lepcli.export.formats import csv

        return csv.render(doc), {}
    if fmt == "md":
        from lepcli.export.formats import markdown

        return markdown.render(doc), {}
    if fmt == "json":
        from lepcli.export.formats import json

        return json.render(doc), {}
    if fmt == "xliff":
        from lepcli.export.formats import xliff

        return xliff.render(doc), {}
    from lepcli.export.formats import anki

    deck = anki.render(doc, with_audio=audio)
    return deck.data, {"notes": deck.notes, "audio": jsonable.to_json(deck.audio)}


def export_phrasebook(
    out: Path,
    *,
    langs: Sequence[str],
    fmt: str | None = None,
    categories: Sequence[str] | None = None,
    layout: str = "handout",
    paper: str = "letter",
    force: bool = False,
    fill_machine: bool = False,
    agency: str | None = None,
    book: Phrasebook | None = None,
    progress: ProgressFn | None = None,
    machine: MachineFn | None = None,
    interpreter: bool = True,
    with_pin: bool = False,
    audio: bool = True,
) -> ExportResult:
    """Export phrases in one or more languages to ``out`` (written atomically, never half-written)."""
    from lepcli.files import atomic

    out = Path(out)
    fmt = format_for(out, fmt, FORMATS)
    atomic.check_writable(out, force=force)  # fail before the slow part
    doc = build_phrasebook_doc(
        langs=langs,
        categories=categories,
        layout=layout,
        paper=paper,
        fill_machine=fill_machine,
        agency=agency,
        book=book,
        progress=progress,
        machine=machine,
        interpreter=interpreter,
        with_pin=with_pin,
    )
    data, facts = render_phrasebook(doc, fmt, audio=audio)
    atomic.write_bytes(out, data, force=force)
    withheld = sum(s.withheld for s in doc.sections)
    totals: dict[str, int] = {}
    for section in doc.sections:
        for status, n in section.counts().items():
            totals[status] = totals.get(status, 0) + n
    return ExportResult(
        path=str(out),
        kind="phrasebook",
        format=fmt,
        layout=layout,
        paper=paper if fmt in ("pdf", "html") else None,
        languages=[s.code for s in doc.sections],
        phrases=len(doc.sections[0].rows) if doc.sections else 0,
        statuses=totals,
        # XLIFF carries draft legal translations to the reviewer: nothing is withheld from that file
        legal_withheld=0 if fmt == "xliff" else withheld,
        legal_for_review=withheld if fmt == "xliff" else 0,
        machine_filled=doc.machine_filled,
        omitted=dict(doc.omitted),
        pages=facts.get("pages"),
        notes=facts.get("notes"),
        fonts=facts.get("fonts", []),
        bytes=len(data),
        audio=facts.get("audio"),
    )


def export_ispeak(
    out: Path,
    *,
    fmt: str | None = None,
    paper: str = "letter",
    languages: Sequence[str] | None = None,
    force: bool = False,
    agency: str | None = None,
    entries: Sequence[IspeakEntry] | None = None,
) -> ExportResult:
    """Write the printable "I speak" card (PDF or HTML)."""
    from lepcli.export import ispeak
    from lepcli.files import atomic

    out = Path(out)
    fmt = format_for(out, fmt, ISPEAK_FORMATS)
    _check_choice("paper", paper, ("letter", "a4"))
    atomic.check_writable(out, force=force)
    if entries is None:
        entries = _card_entries(languages)
    doc = ispeak.build(entries, agency=agency_name(agency), paper=paper, book=_load_book())
    facts: dict[str, Any] = {}
    if fmt == "pdf":
        from lepcli.export.formats import pdf

        rendered = pdf.render_ispeak(doc)
        data, facts = rendered.data, {"pages": rendered.pages, "fonts": rendered.fonts}
    else:
        from lepcli.export.formats import html

        data = html.render_ispeak(doc)
    atomic.write_bytes(out, data, force=force)
    statuses: dict[str, int] = {}
    for e in doc.entries:
        statuses[e.status] = statuses.get(e.status, 0) + 1
    return ExportResult(
        path=str(out),
        kind="ispeak",
        format=fmt,
        layout=None,
        paper=paper,
        languages=[e.language.code for e in doc.entries],
        phrases=len(doc.entries),
        statuses=statuses,
        pages=facts.get("pages"),
        fonts=facts.get("fonts", []),
        bytes=len(data),
    )


def _card_entries(specs: Sequence[str] | None) -> Sequence[IspeakEntry]:
    from lepcli import ispeak, languages
    from lepcli.export.document import split_list

    wanted = split_list(specs)
    codes = [languages.resolve(q).language.code for q in wanted] if wanted else None
    return ispeak.card_entries(codes)


def _check_choice(name: str, value: str, allowed: Sequence[str]) -> None:
    if value not in allowed:
        raise BadInput(f"unknown {name} {value}", hint=f"{name}: " + ", ".join(allowed))
