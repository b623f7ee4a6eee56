"""Anki study deck (.apkg) built with genanki: the English phrase on the front, the translation,
pronunciation and status on the back; the urgent phrases come first in the new-card queue.

Ids are stable (the same deck and model id every time, a note GUID per language and phrase), so
re-importing an updated export updates the officer's cards instead of duplicating them. Only usable
translations go in: a legal phrase only with a reviewed translation, never a withheld draft.
"""

from __future__ import annotations

import io
import itertools
import os
import sqlite3
import tempfile
import time
import zipfile
import zlib
from html import escape
from typing import Any

from lepcli.errors import Unavailable
from lepcli.export import fonts
from lepcli.export.document import PhrasebookDoc, Row, Section

MODEL_ID = 1_731_640_201  # never change: Anki matches notes to this model by id
DECK_ID_BASE = 1_731_650_000_000
DECK_ROOT = "lepcli phrasebook"

CSS = """
.card { font-family: "Noto Sans", sans-serif; font-size: 22px; text-align: center; color: #141414; }
.en { font-size: 22px; }
.tr { font-size: 30px; margin: .4em 0; }
.say { font-size: 18px; }
.rom { font-size: 15px; color: #5f5f5f; }
.status { font-size: 12px; font-weight: bold; letter-spacing: .05em; margin-top: .8em; }
.status.draft { color: #b06000; } .status.machine { color: #7828a0; } .status.reviewed { color: #16783c; }
.legal { color: #b9141e; font-size: 13px; font-weight: bold; }
.notes { font-size: 13px; color: #5f5f5f; margin-top: .6em; }
"""

FRONT = '<div class="en">{{English}}</div><div class="rom">{{Language}}</div>'
BACK = (
    "{{FrontSide}}<hr id=answer>"
    '<div class="tr">{{Translation}}</div>'
    '<div class="say">{{Pronunciation}}</div>'
    '<div class="rom">{{Romanization}}</div>'
    '{{#Legal}}<div class="legal">{{Legal}}</div>{{/Legal}}'
    '<div class="status {{Status}}">{{Status}}</div>'
    '{{#Notes}}<div class="notes">{{Notes}}</div>{{/Notes}}'
)
FIELDS = ("English", "Language", "Translation", "Pronunciation", "Romanization", "Status", "Legal", "Notes", "PhraseId")


def deck_id(code: str) -> int:
    return DECK_ID_BASE + zlib.crc32(code.encode("utf-8")) % 1_000_000


def _model(genanki: Any) -> Any:
    return genanki.Model(
        MODEL_ID,
        "lepcli phrase (English -> say it)",
        fields=[{"name": f} for f in FIELDS],
        templates=[{"name": "Say it", "qfmt": FRONT, "afmt": BACK}],
        css=CSS,
        sort_field_index=len(FIELDS) - 1,
    )


def study_rows(section: Section) -> list[Row]:
    """Rows worth studying (a usable translation), urgent first, then the master order."""
    usable = [r for r in section.rows if r.cell.printable is not None]
    return [r for r in usable if r.urgent] + [r for r in usable if not r.urgent]


def _translation_html(text: str, code: str) -> str:
    face = fonts.face_for(text, code)
    direction = "rtl" if face.key in fonts.RTL_FACES else "ltr"
    stack = fonts.css_stack(face).replace('"', "'")
    return f'<span lang="{escape(code)}" dir="{direction}" style="font-family: {stack}">{escape(text)}</span>'


def render(doc: PhrasebookDoc) -> tuple[bytes, int]:
    """The .apkg bytes and the number of notes in it."""
    try:
        import genanki
    except ImportError:
        raise Unavailable("Anki export needs genanki", hint="pip install 'lepcli[export]'") from None
    model = _model(genanki)
    decks = []
    count = 0
    for section in doc.sections:
        deck = genanki.Deck(deck_id(section.code), f"{DECK_ROOT}::{section.language.name}")
        for position, row in enumerate(study_rows(section)):
            cell = row.cell
            note = genanki.Note(
                model=model,
                fields=[
                    escape(row.english),
                    escape(section.language.name),
                    _translation_html(cell.printable or "", section.code),
                    escape(cell.pronunciation or ""),
                    escape(cell.romanization or ""),
                    cell.status,
                    "LEGAL: use a qualified interpreter" if row.legal else "",
                    escape(row.notes or ""),
                    escape(row.phrase_id),
                ],
                tags=[f"lepcli::{row.category}", f"status::{cell.status}"]
                + (["urgent"] if row.urgent else [])
                + (["legal"] if row.legal else []),
                guid=genanki.guid_for("lepcli", section.code, row.phrase_id),
                due=position,
            )
            deck.add_note(note)
            count += 1
        decks.append(deck)
    return _package_bytes(genanki.Package(decks)), count


def _package_bytes(package: Any) -> bytes:
    """Like ``Package.write_to_file`` but in memory, and without leaving its temporary database behind."""
    with tempfile.TemporaryDirectory(prefix="lepcli-anki-") as tmp:
        db_path = os.path.join(tmp, "collection.anki2")
        conn = sqlite3.connect(db_path)
        try:
            timestamp = time.time()
            package.write_to_db(conn.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
            conn.commit()
        finally:
            conn.close()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.write(db_path, "collection.anki2")
            archive.writestr("media", "{}")
        return buffer.getvalue()
