"""`lep lines` and `lep esl`: the agency's interpreter lines and English-class resources."""

from __future__ import annotations

import typer

from lepcli.cli.options import json_option

CONFIG_HELP = "The language_lines.yaml to use (default: $LEP_LINES, the user config, the packaged example)."


def config_option() -> str | None:
    return typer.Option(None, "--config", "-c", help=CONFIG_HELP, metavar="FILE")  # type: ignore[no-any-return]


def lines(
    language: str = typer.Argument(..., help="A language name, code, native name or misspelling; - reads stdin."),
    emergency: bool = typer.Option(False, "--emergency", "-e", help="Lines for emergency use first."),
    at: str | None = typer.Option(
        None, "--at", help='Answer for another time: "2026-11-24 03:00" (agency time zone) or ISO 8601 with offset.'
    ),
    interview: bool = typer.Option(
        False, "--interview", help="Only certified/qualified lines (for interviews and statements)."
    ),
    limit: int = typer.Option(6, "--limit", "-n", min=0, help="How many lines to show in detail (0 = all)."),
    config: str | None = config_option(),
    as_json: bool = json_option(),
) -> None:
    """Which interpreter line to call for a language, whether it is open, and what to say.

    Example: lep lines farsi   ·   lep lines mam --emergency --at "2026-11-24 03:00"   ·   lep lines so --json
    """
    from lepcli import languages
    from lepcli.agency import lines as lines_mod
    from lepcli.cli import render as output
    from lepcli.text import typed as textinput

    text = textinput.read_argument(language, what="language name", max_chars=languages.MAX_QUERY)
    resolution = languages.resolve(text)
    answer = lines_mod.lines_for(
        resolution.language.code, at=at, emergency=emergency, config=config, interview_only=interview, limit=limit
    )
    answer.note = resolution.note
    output.emit(answer, as_json=as_json)


def esl(
    language: str = typer.Argument(..., help="The learner's language: a name, code or native name."),
    near: str | None = typer.Option(None, "--near", help="A ZIP code: resources serving it first.", metavar="ZIP"),
    config: str | None = config_option(),
    as_json: bool = json_option(),
) -> None:
    """English classes (ESL) and help for speakers of a language, nearest first.

    Example: lep esl somali --near 56010   ·   lep esl es --json
    """
    from lepcli import languages
    from lepcli.agency import esl as esl_mod
    from lepcli.cli import render as output
    from lepcli.text import typed as textinput

    text = textinput.read_argument(language, what="language name", max_chars=languages.MAX_QUERY)
    resolution = languages.resolve(text)
    answer = esl_mod.esl_for(resolution.language.code, near=near, config=config)
    answer.note = resolution.note
    output.emit(answer, as_json=as_json)
