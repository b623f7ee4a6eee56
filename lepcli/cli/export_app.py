"""`lep export app`: the encounter screen as one offline HTML file (registered in cli/export.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from lepcli.cli.options import json_option

if TYPE_CHECKING:
    from lepcli.cli.render import View
    from lepcli.talk.app_file import AppFile


def app_view(r: AppFile) -> View:
    from lepcli.cli import render as output

    view = output.View()
    view.add(output.Title(f"wrote {r.path}", f"{len(r.languages)} language(s): {', '.join(r.languages)}"))
    view.add(
        output.Fields(
            [
                ("size", f"{r.bytes / 1024:.0f} KB, one file, works offline"),
                ("phrases shown", str(r.phrases)),
                ("legal phrases withheld", f"{r.withheld} (the person sees: an interpreter will help)"),
            ]
        )
    )
    for w in r.warnings:
        view.add(output.Note(w, tone="warn", label="note"))
    return view


def export_app(
    lang: list[str] = typer.Option(
        ..., "--lang", "-l", help="Languages, comma-separated or repeated (names or codes), or 'all'."
    ),
    out: Path = typer.Option(..., "--output", "-o", help="File to write (.html).", dir_okay=False),
    interpreter: bool = typer.Option(
        True, "--interpreter/--no-interpreter", help="Include the agency's interpreter lines (phone, client ID, PIN)."
    ),
    force: bool = typer.Option(False, "--force", help="Replace FILE if it exists."),
    as_json: bool = json_option(),
) -> None:
    """Write the encounter screen (lep talk) as one self-contained offline HTML file for phones:
    phrasebook phrases only (no machine translation), the device's own voices, legal drafts withheld.

    Example: lep export app --lang es,vi,ar -o field.html
    """
    from lepcli.cli import render as output
    from lepcli.talk import app_file

    result = app_file.export_app(out, lang, force=force, interpreter=interpreter)
    output.emit(result, as_json=as_json, view=app_view(result))
