"""XLIFF 1.2 for a translation vendor's CAT tool (the format itself lives in ``lepcli.phrasebook.xliff``).

Unlike the printed formats, XLIFF carries every current translation, draft legal ones included:
the vendor is the qualified reviewer who can make them usable. Their state says they are not.
"""

from __future__ import annotations

from lepcli.errors import BadInput
from lepcli.export.document import PhrasebookDoc


def render(doc: PhrasebookDoc) -> bytes:
    from lepcli.phrasebook import xliff

    if len(doc.sections) != 1:
        raise BadInput(
            "an XLIFF file holds one language", hint="export one file per language: --lang es -o es.xlf"
        )
    section = doc.sections[0]
    units = [
        xliff.UnitOut(
            phrase_id=row.phrase_id,
            category=row.category,
            english=row.english,
            legal=row.legal,
            notes=row.notes,
            text=row.cell.text,
            status=row.cell.status,
            translation_notes=row.cell.translation_notes,
            pronunciation=row.cell.pronunciation,
            romanization=row.cell.romanization,
        )
        for row in section.rows
    ]
    return xliff.render(section.code, units, doc.categories)
