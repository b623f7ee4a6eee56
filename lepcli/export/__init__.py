"""Exports for trainers and coordinators: handouts, pocket cards, spreadsheets, study decks, XLIFF,
the "I speak" card.

Layout: ``run.py`` (build, render, write atomically), ``document.py`` (the format-neutral document
built from the real Phrasebook: what may be printed), ``style.py`` (labels, colours, blanks, line
breaks), ``fonts.py`` (one Noto face per script), ``interpreter.py`` (the interpreter line, PIN only
when asked), ``ispeak.py`` (the "I speak" card document), ``formats/`` (one module per format).
"""

from __future__ import annotations

from lepcli.export.run import (
    FORMATS,
    ISPEAK_FORMATS,
    ExportResult,
    build_phrasebook_doc,
    export_ispeak,
    export_phrasebook,
    format_for,
    render_phrasebook,
)

__all__ = [
    "FORMATS",
    "ISPEAK_FORMATS",
    "ExportResult",
    "build_phrasebook_doc",
    "export_ispeak",
    "export_phrasebook",
    "format_for",
    "render_phrasebook",
]
