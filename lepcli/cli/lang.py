"""`lep lang`: show how lepcli understands a language name."""

from __future__ import annotations

import typer

from lepcli.cli.options import json_option


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
