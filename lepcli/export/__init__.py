"""Exports for trainers: phrasebook handouts, pocket cards, spreadsheets, study decks, "I speak" cards.

``export_phrasebook`` and ``export_ispeak`` build a format-neutral document (``document.py``,
``ispeak.py``), hand it to one module per format (``pdf``, ``html``, ``csv``, ``markdown``,
``json``, ``anki``) and write the bytes atomically: nothing is written until the whole file is
rendered, an existing file is replaced only with ``force``, and Ctrl-C leaves no partial file.
Heavy libraries (fpdf2, uharfbuzz, genanki) are imported only by the format that needs them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lepcli.cli import render as output
from lepcli.errors import BadInput

if TYPE_CHECKING:
    from lepcli.export.document import BookLike, PhrasebookDoc
    from lepcli.export.ispeak import EntryLike

FORMATS = ("pdf", "html", "csv", "md", "json", "anki")
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

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "kind": self.kind,
            "format": self.format,
            "layout": self.layout,
            "paper": self.paper,
            "languages": self.languages,
            "phrases": self.phrases,
            "statuses": self.statuses,
            "legal_withheld": self.legal_withheld,
            "machine_filled": self.machine_filled,
            "omitted": self.omitted,
            "pages": self.pages,
            "notes": self.notes,
            "fonts": self.fonts,
            "bytes": self.bytes,
        }

    def to_view(self) -> output.View:
        view = output.View()
        what = "I speak card" if self.kind == "ispeak" else f"phrasebook {self.layout or ''}".strip()
        view.add(output.Title(f"Wrote {self.path}", f"{what}, {self.format.upper()}, {self._size()}"))
        shown = ", ".join(self.languages[:12]) + (
            f", ... ({len(self.languages)} in all)" if len(self.languages) > 12 else ""
        )
        fields = [("languages", shown)]
        if self.kind == "ispeak":
            fields.append(("entries", str(self.phrases)))
        else:
            fields.append(("phrases", f"{self.phrases} per language"))
            fields.append(("status", ", ".join(f"{n} {s}" for s, n in self.statuses.items() if n)))
        if self.pages is not None:
            fields.append(("pages", f"{self.pages} ({self.paper})"))
        if self.notes is not None:
            fields.append(("cards", str(self.notes)))
        if self.fonts:
            fields.append(("fonts", ", ".join(self.fonts)))
        view.add(output.Fields(fields))
        if self.machine_filled:
            view.add(output.Note(f"{self.machine_filled} phrases filled by machine translation", "warn", "machine"))
        if self.legal_withheld:
            view.add(
                output.Note(
                    f"{self.legal_withheld} draft legal translations withheld: use a qualified interpreter",
                    "warn",
                    "legal",
                )
            )
        left_out = {k: v for k, v in self.omitted.items() if v}
        if left_out:
            text = ", ".join(f"{k}: {v}" for k, v in left_out.items())
            view.add(output.Note(f"no room on the card for {text} more phrases (see the handout)", "info", "card"))
        if self.statuses.get("draft"):
            view.add(
                output.Note("DRAFT translations are not reviewed: have a qualified translator check them", "muted")
            )
        return view

    def _size(self) -> str:
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
    if fmt == "apkg":
        fmt = "anki"
    if fmt == "markdown":
        fmt = "md"
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


def _interpreter_pointer(code: str) -> str | None:
    from lepcli.agency import lines

    return lines.interpreter_pointer(code)


def _load_book() -> BookLike:
    from lepcli import phrasebook

    return phrasebook.load()


def _looks_legal() -> Callable[[str], bool] | None:
    """The translate module's legal-content check, as a second guard next to the ``legal`` flag."""
    try:
        from lepcli import translate
    except ImportError:  # not there yet in a partial install: the phrase's legal flag still applies
        return None
    check: Callable[[str], bool] | None = getattr(translate, "looks_legal", None)
    return check


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
    book: BookLike | None = None,
    progress: ProgressFn | None = None,
    machine: MachineFn | None = None,
    interpreter: bool = True,
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
        interpreter=_interpreter_pointer if interpreter else None,
    )
    if fill_machine:
        document.fill_machine(doc, machine or _machine, is_legal=_looks_legal(), progress=progress)
    return doc


def render_phrasebook(doc: PhrasebookDoc, fmt: str) -> tuple[bytes, dict[str, Any]]:
    """Bytes of the file, and facts about it for the result (pages, fonts, cards)."""
    if fmt == "pdf":
        from lepcli.export import pdf

        rendered = pdf.render_phrasebook(doc)
        return rendered.data, {"pages": rendered.pages, "fonts": rendered.fonts}
    if fmt == "html":
        from lepcli.export import html

        return html.render_phrasebook(doc), {}
    if fmt == "csv":
        from lepcli.export import csv

        return csv.render(doc), {}
    if fmt == "md":
        from lepcli.export import markdown

        return markdown.render(doc), {}
    if fmt == "json":
        from lepcli.export import json

        return json.render(doc), {}
    from lepcli.export import anki

    data, notes = anki.render(doc)
    return data, {"notes": notes}


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
    book: BookLike | None = None,
    progress: ProgressFn | None = None,
    machine: MachineFn | None = None,
    interpreter: bool = True,
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
    )
    data, facts = render_phrasebook(doc, fmt)
    atomic.write_bytes(out, data, force=force)
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
        legal_withheld=sum(s.withheld for s in doc.sections),
        machine_filled=doc.machine_filled,
        omitted=dict(doc.omitted),
        pages=facts.get("pages"),
        notes=facts.get("notes"),
        fonts=facts.get("fonts", []),
        bytes=len(data),
    )


def export_ispeak(
    out: Path,
    *,
    fmt: str | None = None,
    paper: str = "letter",
    languages: Sequence[str] | None = None,
    force: bool = False,
    agency: str | None = None,
    entries: Sequence[EntryLike] | None = None,
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
    doc = ispeak.build(entries, agency=agency_name(agency), paper=paper)
    facts: dict[str, Any] = {}
    if fmt == "pdf":
        from lepcli.export import pdf

        rendered = pdf.render_ispeak(doc)
        data, facts = rendered.data, {"pages": rendered.pages, "fonts": rendered.fonts}
    else:
        from lepcli.export import html

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


def _card_entries(specs: Sequence[str] | None) -> Sequence[EntryLike]:
    from lepcli import ispeak, languages
    from lepcli.export.document import split_list

    wanted = split_list(specs)
    codes = [languages.resolve(q).language.code for q in wanted] if wanted else None
    return ispeak.card_entries(codes)


def _check_choice(name: str, value: str, allowed: Sequence[str]) -> None:
    if value not in allowed:
        raise BadInput(f"unknown {name} {value}", hint=f"{name}: " + ", ".join(allowed))
