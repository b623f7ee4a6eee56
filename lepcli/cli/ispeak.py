"""`lep ispeak`: the "I speak <language>" card on screen, and what lepcli has for the one picked."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from lepcli import policy
from lepcli.cli import render as output
from lepcli.cli.options import json_option

if TYPE_CHECKING:
    from lepcli.ispeak import IspeakCard, IspeakPick


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


# -- views (registered: lepcli.cli.render.emit finds them) --


@output.view("lepcli.ispeak.IspeakCard")
def _view_ispeak_card(r: IspeakCard) -> output.View:
    from lepcli import ispeak as ispeak_mod

    view = output.View()
    shown = r.page_entries()
    where = "all pages" if r.page == 0 else f"page {r.page} of {r.pages}"
    view.add(
        output.Title(
            "I speak …  Point to your language.  ·  Señale su idioma.",
            f"{len(r.entries)} languages, {where} · order: {r.order_source}",
        )
    )
    if r.ascii_only:
        view.add(
            output.Note(
                f"this terminal may not show other scripts ({r.ascii_reason}): showing English names only. "
                "Print the card instead: lep export ispeak --format pdf -o ispeak.pdf",
                tone="warn",
                label="display",
            )
        )
        rows = [[str(e.number), e.language.name, e.code] for e in shown]
        view.add(output.Table(["#", "language", "code"], rows))
    else:
        # Logical order: the renderer's one BiDi path reorders right-to-left cells where needed.
        cells = [(f"{e.number:>3}  {e.text}", ispeak_mod.caption(e)) for e in shown]
        view.add(output.Grid(cells, columns=r.layout.columns, cell_width=r.layout.cell_width))
    if r.page and r.page < r.pages:
        view.add(output.Note(f"more: lep ispeak --page {r.page + 1}   (all: --page 0)", tone="muted"))
    view.add(output.Note("then: lep ispeak --pick NUMBER", tone="muted"))
    view.add(output.Note("boxes, or letters in the wrong order? print it: lep export ispeak", tone="muted"))
    return view

@output.view("lepcli.ispeak.IspeakPick")
def _view_ispeak_pick(r: IspeakPick) -> output.View:
    from lepcli.agency import lines as lines_mod

    e, lang = r.entry, r.entry.language
    view = output.View()
    view.add(output.Title(f"{e.number}. {lang.name}  ·  {lang.native}", f"code {lang.code}"))
    view.add(output.Big(e.text, caption=f"{lang.name} ({e.status})"))
    if r.lines is not None and r.lines.example:
        view.add(output.Note(lines_mod.EXAMPLE_NOTE, tone="danger", label="example"))
    view.add(output.Note(policy.NEVER_FAMILY, tone="danger", label="never"))
    items = [("ask the interpreter line for", lang.ask_for)]
    if r.lines_error:
        items.append(("interpreter lines", r.lines_error))
    elif r.lines is not None and r.lines.choices:
        best = r.lines.choices[0]
        ln = best.line
        ids = ", ".join(
            x for x in (f"client ID {ln.client_id}" if ln.client_id else "", f"PIN {ln.pin}" if ln.pin else "") if x
        )
        items.append(("call first", f"{ln.name} {ln.phone}" + (f" ({ids})" if ids else "")))
        items.append(("now", best.state.status))
        others = [f"{c.line.name} {c.line.phone} ({c.state.status})" for c in r.lines.choices[1:4]]
        if others:
            items.append(("then", "; ".join(others)))
    else:
        items.append(("interpreter lines", "none configured for this language"))
    av = r.availability
    items.append(("phrasebook", av.phrasebook_text if av else ("yes" if r.phrasebook else "none")))
    if av is not None:
        items.append(("offline translation", av.model_text))
    view.add(output.Fields(items))
    if av is not None and av.phrasebook_note:
        view.add(output.Note(av.phrasebook_note, tone="info", label="reading"))
    if r.lines is not None and r.lines.choices:
        best = r.lines.choices[0]
        view.add(output.Text("Call script:\n" + "\n".join(f"  {i}. {s}" for i, s in enumerate(best.script, 1))))
    view.add(output.Note(f"all lines: lep lines {lang.code}", tone="muted"))
    return view
