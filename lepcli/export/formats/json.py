"""JSON with a stable, versioned schema (documented in README "JSON export schema")."""

from __future__ import annotations

import json
from typing import Any

from lepcli.export.document import PhrasebookDoc

SCHEMA = "lepcli.phrasebook-export"
SCHEMA_VERSION = 1


def to_data(doc: PhrasebookDoc) -> dict[str, Any]:
    phrases: dict[str, dict[str, Any]] = {}
    for section in doc.sections:
        for row in section.rows:
            entry = phrases.setdefault(
                row.phrase_id,
                {
                    "id": row.phrase_id,
                    "category": row.category,
                    "english": row.english,
                    "urgent": row.urgent,
                    "legal": row.legal,
                    "answer": row.answer,
                    "notes": row.notes,
                    "translations": {},
                },
            )
            cell = row.cell
            entry["translations"][section.code] = {
                "text": cell.text,
                "pronunciation": cell.pronunciation,
                "romanization": cell.romanization,
                "status": cell.status,
                "usable": cell.usable,
                "warning": cell.notice,
                "reviewed_by": cell.reviewed_by,
                "reviewed_on": cell.reviewed_on,
                "source": cell.source,
            }
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "generated": doc.date,
        "agency": doc.agency,
        "machine_filled": doc.machine_filled,
        "languages": [
            {
                "code": s.code,
                "name": s.language.name,
                "native": s.language.native,
                "script": s.language.script,
                "rtl": s.language.rtl,
                "interpreter": s.interpreter.text() if s.interpreter else None,
                "counts": s.counts(),
            }
            for s in doc.sections
        ],
        "categories": [{"id": cid, "title": title} for cid, title in doc.categories.items()],
        "phrases": list(phrases.values()),
    }


def render(doc: PhrasebookDoc) -> bytes:
    return (json.dumps(to_data(doc), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
