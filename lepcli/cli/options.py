"""Options shared by every command."""

from __future__ import annotations

import typer

JSON_HELP = "Print JSON (stable keys, documented in the README) instead of a table."


def json_option() -> bool:
    return typer.Option(False, "--json", help=JSON_HELP)  # type: ignore[no-any-return]
