"""`lep detect`: which language is this typed text in?"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from lepcli import jsonable
from lepcli.cli.options import json_option

if TYPE_CHECKING:
    from lepcli.cli.render import View
    from lepcli.detect import DetectResult


def detect_view(result: DetectResult) -> View:
    """The human view of a detection: verdict, guesses, a second language, notes, next steps."""
    from lepcli.cli import render as output
    from lepcli.detect import SCRIPT_NAMES

    view = output.View()
    if result.confident:
        top = result.guesses[0]
        view.add(output.Title(f"{top.name}  ·  {top.native}", f"code {top.code}, {top.confidence:.0%} sure"))
        view.add(output.Note(result.reason, tone="ok", label="CONFIDENT"))
    else:
        view.add(output.Title("Language not certain"))
        view.add(output.Note(result.reason, tone="warn", label="UNCERTAIN"))
    if result.guesses:
        rows = [
            [
                str(n),
                g.code,
                g.name,
                g.native,
                SCRIPT_NAMES.get(g.script, g.script) + (" (romanized)" if g.romanized else ""),
                f"{g.confidence:.0%}" + (" *" if g.sentence_only else ""),
            ]
            for n, g in enumerate(result.guesses, 1)
        ]
        view.add(output.Table(["#", "code", "language", "native name", "written in", "confidence"], rows))
        if any(g.sentence_only for g in result.guesses):
            view.add(output.Note("* known to lepcli from formal text only: weak for a word or two", tone="muted"))
    for other in result.also:
        view.add(output.Note(f"{other.why} ({other.code}).", tone="warn", label="also"))
    for note in result.notes:
        view.add(output.Note(note, tone="info", label="note"))
    quiet = result.confident and not result.also
    view.add(output.Note("; ".join(result.next_steps), tone="muted" if quiet else "warn", label="next"))
    return view


def agency_common_languages() -> list[str] | None:
    """The agency's ``common_languages`` setting, if its interpreter-lines file has one.

    Parsing YAML costs ~30 ms, so the file is only parsed when it mentions the setting.
    """
    import re

    from lepcli import paths

    try:
        path, _ = paths.lines_file()
        if not re.search(rb"^[ \t]*common_languages[ \t]*:", path.read_bytes(), re.MULTILINE):
            return None
        from lepcli.agency import lines
    except (OSError, ImportError):
        return None
    getter = getattr(lines, "agency_setting", None)
    value = getter("common_languages") if getter is not None else None
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list):
        return None
    from lepcli.detect import parse_among
    from lepcli.errors import LepError

    try:
        return parse_among([str(v) for v in value])
    except LepError:
        return None


def detect(
    text: str | None = typer.Argument(None, help="The text, or - to read standard input.", show_default=False),
    file: Path | None = typer.Option(None, "--file", "-f", help="Read the text from this file (UTF-8)."),
    top: int = typer.Option(3, "--top", "-n", min=1, max=20, help="How many guesses to show."),
    among: str | None = typer.Option(
        None,
        "--among",
        help="Only consider these languages (codes or names, comma-separated), e.g. es,vi,zh. "
        "Without it, the agency's common_languages setting only raises their weight.",
    ),
    as_json: bool = json_option(),
) -> None:
    """Identify the language of a short typed message, with an honest confidence.

    Shows the top guesses (English and native names, script), and a verdict: CONFIDENT, or
    UNCERTAIN with what to do next (the point-to-your-language card, the interpreter line).

    Example: lep detect "¿Dónde está mi hijo?"   ·   lep detect "toi khong biet" --json   ·
    echo "kuv tsis paub" | lep detect -   ·   lep detect --file msg.txt --among es,vi,zh
    """
    from lepcli import detect as detect_mod
    from lepcli.cli import render as output
    from lepcli.errors import BadInput
    from lepcli.text import typed as textinput

    if file is not None and text is not None:
        raise BadInput("give the text or --file, not both")
    if file is not None:
        typed = textinput.read_file(file)
    else:
        typed = textinput.read_argument(text)
    among_codes = detect_mod.parse_among(among) if among is not None else None
    prefer = None if among_codes else agency_common_languages()
    result = detect_mod.detect(typed, top=top, among=among_codes, prefer=prefer)
    if as_json:
        output.emit_json(jsonable.to_json(result))
    else:
        output.render(detect_view(result))
