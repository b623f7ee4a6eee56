"""CSV for spreadsheets: UTF-8 with a byte-order mark (Excel then reads it as UTF-8), one row per
phrase and language, legal and withheld rows marked in their own columns."""

from __future__ import annotations

import csv
import io

from lepcli.export.document import PhrasebookDoc

COLUMNS = (
    "language",
    "language_name",
    "phrase_id",
    "category",
    "english",
    "translation",
    "pronunciation",
    "romanization",
    "status",
    "usable",
    "urgent",
    "legal",
    "warning",
    "reviewed_by",
    "reviewed_on",
)

# A cell starting with one of these is a formula to Excel; a leading apostrophe keeps it text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: str | None) -> str:
    if not value:
        return ""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def render(doc: PhrasebookDoc) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for section in doc.sections:
        for row in section.rows:
            cell = row.cell
            writer.writerow(
                [
                    section.code,
                    section.language.name,
                    row.phrase_id,
                    row.category,
                    _safe(row.english),
                    _safe(cell.text),
                    _safe(cell.pronunciation),
                    _safe(cell.romanization),
                    cell.status,
                    _yes(cell.usable),
                    _yes(row.urgent),
                    _yes(row.legal),
                    _safe(cell.notice),
                    _safe(cell.reviewed_by),
                    cell.reviewed_on or "",
                ]
            )
    return buffer.getvalue().encode("utf-8-sig")
