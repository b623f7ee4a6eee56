"""`lep lang`: show how lepcli understands a language name."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from lepcli.cli import render as output
from lepcli.cli.options import json_option

if TYPE_CHECKING:
    from lepcli.langinfo import LangResult


def lang(
    query: str = typer.Argument(..., help="A language name, code, native name or misspelling; - reads stdin."),
    as_json: bool = json_option(),
) -> None:
    """Show which language a name means and what help lepcli has for it.

    Example: lep lang farsi   ·   lep lang "Tiếng Việt"   ·   lep lang Chinese --json
    """
    # Imports inside the function keep `lep --help` and other commands' start-up light.
    from lepcli import langinfo, languages
    from lepcli.cli import render as output
    from lepcli.text import typed as textinput

    text = textinput.read_argument(query, what="language name", max_chars=languages.MAX_QUERY)
    output.emit(langinfo.describe(text), as_json=as_json)


# -- views (registered: lepcli.cli.render.emit finds them) --


@output.view("lepcli.langinfo.LangResult")
def _view_lang_result(result: LangResult) -> output.View:
    r, lang = result.resolution, result.resolution.language
    view = output.View()
    view.add(output.Title(f"{lang.name}  ·  {lang.native}", f"code {lang.code}"))
    if r.note:
        view.add(output.Note(r.note, tone="warn", label="note"))
    fields = [
        ("code", lang.code),
        ("ISO 639-3", lang.iso639_3),
        ("English name", lang.name),
        ("native name", lang.native),
        ("script", lang.script + (" (right-to-left)" if lang.rtl else "")),
    ]
    if lang.note:
        fields.append(("ask the vendor for", lang.ask_for))
    h = result.help
    fields.append(("phrasebook", h.phrasebook_text))
    fields.append(("offline models", h.model_text))
    fields.append(("interpreter lines", ", ".join(h.lines) if h.lines else "none configured for it"))
    view.add(output.Fields(fields))
    if h.phrasebook_note:
        view.add(output.Note(h.phrasebook_note, tone="info", label="reading"))
    if r.alternatives:
        view.add(
            output.Table(
                ["code", "language", "native name"],
                [[a.code, a.name, a.native] for a in r.alternatives],
                title="Also possible:",
            )
        )
    return view
