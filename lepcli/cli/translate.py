"""`lep translate`: phrasebook first, then offline machine translation, always with its provenance."""

from __future__ import annotations

import typer

from lepcli.cli.options import json_option


def translate(
    text: str = typer.Argument(..., help="What to say (or what was said); - reads stdin."),
    to: str = typer.Option(..., "--to", "-t", help="Language to translate into (name or code: es, Vietnamese...)."),
    source: str = typer.Option(
        None,
        "--from",
        "-f",
        help="Language of TEXT. Default: English, or any phrasebook language when --to is English.",
    ),
    as_json: bool = json_option(),
) -> int:
    """Translate a phrase: the phrasebook answer (with pronunciation and status) when one matches,
    otherwise offline machine translation (labelled), and the interpreter line when in doubt.

    Rights, consent to search, arrest, chemical tests, questioning about an offence, statements and victim
    interviews are answered only by a reviewed phrase, otherwise refused with the interpreter line (exit 7).
    Not sure which phrase you mean: the closest ones are listed with their translations (exit 4).

    Example: lep translate "Are you hurt?" --to es   ·   lep translate "¿Está herido?" --to en
    """
    from lepcli import translate as translate_mod
    from lepcli.cli import render as output
    from lepcli.cli.phrase import resolve_lang, warn_agency_problems
    from lepcli.text import typed as textinput

    typed = textinput.read_argument(text, what="text to translate")
    target = resolve_lang(to)
    assert target is not None
    result = translate_mod.translate(typed, target, resolve_lang(source))
    output.emit(result, as_json=as_json)
    warn_agency_problems()
    return result.exit_code  # 4 when not sure: the closest phrases are listed
