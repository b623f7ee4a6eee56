"""`lep ispeak`: the "I speak <language>" card on screen, and what lepcli has for the one picked."""

from __future__ import annotations

import typer

from lepcli.cli.options import json_option


def ispeak(
    number: int | None = typer.Argument(None, help="With --pick: the number the person pointed at."),
    languages: str | None = typer.Option(
        None, "--languages", "-l", help="Which languages, in this order: codes or names, comma-separated."
    ),
    page: int = typer.Option(1, "--page", "-p", min=0, help="Page of the card (0 = all pages)."),
    pick: bool = typer.Option(False, "--pick", help="Ask for the number the person pointed at, then show what helps."),
    ascii_only: bool = typer.Option(False, "--ascii", help="Show English names only (terminal cannot show scripts)."),
    bidi: str = typer.Option(
        "auto",
        "--bidi",
        help="Right-to-left lines: auto, terminal (the terminal reorders them) or reorder (lepcli does).",
    ),
    config: str | None = typer.Option(None, "--config", "-c", help="The language_lines.yaml for --pick."),
    as_json: bool = json_option(),
) -> None:
    """Show the "I speak" card: each language says "I speak <language>" in its own script; the person points.

    Example: lep ispeak   ·   lep ispeak --page 2   ·   lep ispeak --pick 12   ·   lep ispeak --languages es,vi,so
    """
    import shutil
    import sys

    from lepcli import ispeak as ispeak_mod
    from lepcli.cli import render as output
    from lepcli.errors import BadInput
    from lepcli.text import bidi as termtext

    codes = ispeak_mod.parse_codes(languages)
    for problem in ispeak_mod.agency_problems():
        output.message(f"{problem} (skipped: showing the packaged card; see lep config check)", tone="warn",
                       label="warning")  # fmt: skip
    if pick or number is not None:
        if number is None:
            ispeak_mod.card_entries(codes)  # fail early on a bad --languages
            number = _ask_number()
        output.emit(ispeak_mod.pick(number, codes, config=config), as_json=as_json)
        return
    if bidi not in ("auto", "terminal", "reorder"):
        raise BadInput(f"--bidi must be auto, terminal or reorder (got {bidi!r})")
    if bidi != "auto":
        output.set_bidi(bidi)
    mode = output.bidi_for(sys.stdout)
    reason = "--ascii" if ascii_only else termtext.ascii_reason(encoding=getattr(sys.stdout, "encoding", None))
    size = shutil.get_terminal_size((100, 30))
    card = ispeak_mod.card(codes, page=page, width=size.columns, height=size.lines, ascii_reason=reason, bidi=mode)
    output.emit(card, as_json=as_json)


def _ask_number() -> int:
    """The number typed at the prompt; the end of input (a script, a closed stdin) is exit 3, not Ctrl-C."""
    import sys

    from lepcli.errors import BadInput

    sys.stderr.write("Number the person pointed at: ")
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:
        sys.stderr.write("\n")
        raise BadInput("no number given (end of input)", hint="lep ispeak --pick 12, or type the number")
    text = line.strip()
    if not text.isdigit() or len(text) > 4:
        raise BadInput("not a card number: type the number the person pointed at, e.g. 12")
    return int(text)
