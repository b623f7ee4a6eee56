"""`lep export`: printable cards and handouts, spreadsheets, study decks, the "I speak" card."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from lepcli import jsonable
from lepcli.cli.options import json_option

if TYPE_CHECKING:
    from lepcli.cli.render import View
    from lepcli.export.run import ExportResult

app = typer.Typer(
    help="Export phrasebooks and the 'I speak' card for printing, spreadsheets and study.\n\n"
    "Example: lep export phrasebook --lang es,vi --format pdf -o phrases.pdf",
    no_args_is_help=True,
    rich_markup_mode=None,
)

PAPER_HELP = "Paper size for PDF/HTML: letter or a4."
FORCE_HELP = (
    "Replace FILE if it exists (the new file is swapped in whole, never half-written). "
    "A device or pipe such as /dev/stdout is written into, never replaced."
)


def result_view(result: ExportResult) -> View:
    """What a trainer sees after an export: the file, what is in it, and what was left out."""
    from lepcli.cli import render as output

    view = output.View()
    what = "I speak card" if result.kind == "ispeak" else f"phrasebook {result.layout or ''}".strip()
    view.add(output.Title(f"Wrote {result.path}", f"{what}, {result.format.upper()}, {result.size}"))
    shown = ", ".join(result.languages[:12]) + (
        f", ... ({len(result.languages)} in all)" if len(result.languages) > 12 else ""
    )
    fields = [("languages", shown)]
    if result.kind == "ispeak":
        fields.append(("entries", str(result.phrases)))
    else:
        fields.append(("phrases", f"{result.phrases} per language"))
        fields.append(("status", ", ".join(f"{n} {s}" for s, n in result.statuses.items() if n)))
    if result.pages is not None:
        fields.append(("pages", f"{result.pages} ({result.paper})"))
    if result.notes is not None:
        fields.append(("cards", str(result.notes)))
    if result.fonts:
        fields.append(("fonts", ", ".join(result.fonts)))
    if result.audio is not None:
        a = result.audio
        fields.append(("audio", f"{a['recorded']} recorded, {a['computer_voice']} computer voice, {a['none']} none"))
    view.add(output.Fields(fields))
    if result.machine_filled:
        view.add(output.Note(f"{result.machine_filled} phrases filled by machine translation", "warn", "machine"))
    if result.audio and result.audio["failed"]:
        failed = result.audio["failed"]
        view.add(output.Note(f"no audio for {len(failed)} cards: {failed[0]}", "warn", "audio"))
    if result.legal_for_review:
        view.add(
            output.Note(
                f"{result.legal_for_review} draft legal translations are in the file for the reviewer; "
                "they stay unusable in the field until imported as reviewed (lep phrase import)",
                "info",
                "legal",
            )
        )
    if result.legal_withheld:
        view.add(
            output.Note(
                f"{result.legal_withheld} draft legal translations withheld: use a qualified interpreter",
                "warn",
                "legal",
            )
        )
    left_out = {k: v for k, v in result.omitted.items() if v}
    if left_out:
        text = ", ".join(f"{k}: {v}" for k, v in left_out.items())
        view.add(output.Note(f"no room on the card for {text} more phrases (see the handout)", "info", "card"))
    if result.statuses.get("draft"):
        view.add(
            output.Note("DRAFT translations are not reviewed: have a qualified translator check them", "muted")
        )
    return view


def _emit(result: ExportResult, out: Path, *, as_json: bool) -> None:
    """Print the result; when the export itself went to stdout (a device or pipe), print it on stderr."""
    import sys

    from lepcli.cli import render as output
    from lepcli.files import atomic

    if as_json:
        output.emit_json(jsonable.to_json(result))
    else:
        output.render(result_view(result), sys.stderr if atomic.is_stream(out) else None)


@contextmanager
def _progress_bar(enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A Rich progress bar on stderr for machine filling (stdout stays clean for --json)."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(
        TextColumn("machine-translating missing phrases"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=False,
    )
    task = progress.add_task("fill", total=None)

    def update(done: int, total: int) -> None:
        progress.update(task, completed=done, total=total)

    with progress:
        yield update


@app.command("phrasebook")
def phrasebook(
    lang: list[str] = typer.Option(
        ..., "--lang", "-l", help="Languages, comma-separated or repeated (names or codes), or 'all'."
    ),
    out: Path = typer.Option(..., "--output", "-o", help="File to write.", dir_okay=False),
    fmt: str | None = typer.Option(
        None,
        "--format",
        "-f",
        help="pdf, html, csv, md, json, anki or xliff (for a translation vendor; default: from the file name).",
    ),
    category: list[str] | None = typer.Option(
        None, "--category", "-c", help="Only these categories (comma-separated or repeated)."
    ),
    layout: str = typer.Option(
        "handout", "--layout", help="handout (every phrase) or card (pocket card, urgent first)."
    ),
    paper: str = typer.Option("letter", "--paper", help=PAPER_HELP),
    fill_machine: bool = typer.Option(
        False,
        "--fill-machine",
        help="Fill phrases with no phrasebook translation from an installed offline model (marked MACHINE; "
        "legal phrases are never filled).",
    ),
    agency: str | None = typer.Option(None, "--agency", help="Agency name for the footer (default: lines file)."),
    interpreter: bool = typer.Option(
        True,
        "--interpreter/--no-interpreter",
        help="Print the agency's interpreter line (name, phone, client ID) on each language's page.",
    ),
    with_pin: bool = typer.Option(
        False, "--with-pin", help="Also print the interpreter account's PIN (left off by default: handouts travel)."
    ),
    audio: bool = typer.Option(
        True,
        "--audio/--no-audio",
        help="Anki: put sound on the cards (a recorded file, else the espeak-ng computer voice where one exists).",
    ),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
    as_json: bool = json_option(),
) -> None:
    """Export phrases with their translation, pronunciation and status to a file.

    Each page states its usual status (REVIEWED, DRAFT, MACHINE) once; a line is tagged where it
    differs. Legal phrases are marked "use a qualified interpreter" and a draft legal translation is
    never printed as usable. {placeholders} print as a blank to fill in. XLIFF goes to a translation
    vendor and comes back with `lep phrase import`. Anki decks go both ways (English -> language,
    and the replies language -> English) with sound where a recording or a computer voice exists.

    Example: lep export phrasebook --lang es,vi --layout card --format pdf -o card.pdf
    """
    from lepcli import export

    with _progress_bar(fill_machine) as progress:
        result = export.export_phrasebook(
            out,
            langs=lang,
            fmt=fmt,
            categories=category,
            layout=layout,
            paper=paper,
            force=force,
            fill_machine=fill_machine,
            agency=agency,
            progress=progress,
            interpreter=interpreter,
            with_pin=with_pin,
            audio=audio,
        )
    _emit(result, out, as_json=as_json)


@app.command("ispeak")
def ispeak(
    out: Path = typer.Option(..., "--output", "-o", help="File to write.", dir_okay=False),
    fmt: str | None = typer.Option(None, "--format", "-f", help="pdf or html (default: from the file name)."),
    paper: str = typer.Option("letter", "--paper", help=PAPER_HELP),
    languages: list[str] | None = typer.Option(
        None, "--languages", help="Which languages and in what order (default: the agency list or the usual order)."
    ),
    agency: str | None = typer.Option(None, "--agency", help="Agency name for the footer (default: lines file)."),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
    as_json: bool = json_option(),
) -> None:
    """Export the printable "I speak" card: each language's sentence in its own script, numbered.

    Example: lep export ispeak --format pdf --paper a4 -o ispeak.pdf
    """
    from lepcli import export

    result = export.export_ispeak(out, fmt=fmt, paper=paper, languages=languages, force=force, agency=agency)
    _emit(result, out, as_json=as_json)


from lepcli.cli.export_app import export_app  # noqa: E402, I001  (`lep export app`: lepcli/talk/app_file.py)
app.command("app")(export_app)
