"""`lep dispatch`: from a message to the line to dial, with its call script."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from lepcli import jsonable
from lepcli.cli.options import json_option

if TYPE_CHECKING:
    from lepcli.cli.render import View
    from lepcli.dispatch import DispatchAnswer


def dispatch(
    text: str | None = typer.Argument(None, help="The message (text-to-911, chat), or - to read standard input."),
    file: Path | None = typer.Option(None, "--file", "-f", help="Read the message from this file (UTF-8)."),
    at: str | None = typer.Option(None, "--at", help='Another time: "sun 3am", "03:00", "tomorrow 8:00".'),
    non_emergency: bool = typer.Option(False, "--non-emergency", help="Not an emergency: any line, by priority."),
    among: str | None = typer.Option(None, "--among", help="Only consider these languages, e.g. es,vi,zh."),
    config: str | None = typer.Option(None, "--config", "-c", help="The language_lines.yaml to use.", metavar="FILE"),
    as_json: bool = json_option(),
) -> None:
    """Which language a message is in, then which interpreter line to dial now and what to say.

    When the language is not certain: a line that can identify it, and the card for in person.
    Example: lep dispatch "necesito ayuda mi esposo"   ·   echo "$MSG" | lep dispatch - --json
    """
    from lepcli import detect as detect_mod
    from lepcli import dispatch as dispatch_mod
    from lepcli.cli import render as output
    from lepcli.cli.detect import agency_common_languages
    from lepcli.cli.lines import warn_skipped
    from lepcli.errors import BadInput
    from lepcli.text import typed as textinput

    if file is not None and text is not None:
        raise BadInput("give the message or --file, not both")
    typed = (
        textinput.read_file(file, what="message") if file is not None else textinput.read_argument(text, what="message")
    )
    among_codes = detect_mod.parse_among(among) if among is not None else None
    prefer = None if among_codes else agency_common_languages()
    answer = dispatch_mod.dispatch(
        typed, at=at, config=config, among=among_codes, prefer=prefer, emergency=not non_emergency
    )
    warn_skipped(answer.lines.skipped)
    if as_json:
        output.emit_json(jsonable.to_json(answer))
    else:
        output.render(dispatch_view(answer))


def dispatch_view(answer: DispatchAnswer) -> View:
    from lepcli.agency.lines import EXAMPLE_NOTE
    from lepcli.cli import render as output
    from lepcli.policy import NEVER_FAMILY

    d, ln = answer.detected, answer.lines
    view = output.View()
    if answer.uncertain:
        guesses = ", ".join(f"{g.name} {g.confidence:.0%}" for g in d.guesses) or "no guess"
        view.add(output.Title("Language not certain: get it identified", f"guesses: {guesses}"))
        view.add(output.Note(d.reason, tone="warn", label="UNCERTAIN"))
    else:
        top = d.guesses[0]
        view.add(
            output.Title(f"{top.name}  ·  {top.native}", f"{top.confidence:.0%} sure · ask for: {ln.language.ask_for}")
        )
        for also in d.also:
            view.add(output.Note(also.why, tone="warn", label="also"))
    if ln.example:
        view.add(output.Note(EXAMPLE_NOTE, tone="danger", label="example"))
    view.add(output.Note(NEVER_FAMILY, tone="danger", label="never"))
    best = answer.best
    if best is None:
        what = "can identify a language" if answer.uncertain else f"serves {ln.language.name}"
        view.add(output.Note(f"no interpreter line in {ln.file} {what}", tone="danger", label="none"))
    else:
        line = best.line
        items = [("dial", line.phone)]
        if line.client_id:
            items.append(("client ID", line.client_id))
        if line.pin:
            items.append(("PIN", line.pin))
        items.append(("line", f"{line.name} ({best.state.status})"))
        if not answer.uncertain:
            items.append(("ask for", best.ask_for))
        view.add(output.Fields(items))
        view.add(output.Text("Call script:\n" + "\n".join(f"  {i}. {s}" for i, s in enumerate(best.script, 1))))
        others = [f"{c.line.name} {c.line.phone} ({c.state.status})" for c in ln.choices[1:3]]
        if others:
            view.add(output.Note("; ".join(others), tone="muted", label="then"))
    if answer.uncertain:
        view.add(output.Note("in person: show the point-to-your-language card: lep ispeak", tone="muted", label="next"))
    else:
        view.add(output.Note(f"every line: lep lines {ln.language.code} --all", tone="muted", label="more"))
    return view
