"""`lep export`: printable cards and handouts, spreadsheets, study decks, the "I speak" card."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from lepcli.cli.options import json_option

app = typer.Typer(
    help="Export phrasebooks and the 'I speak' card for printing, spreadsheets and study.\n\n"
    "Example: lep export phrasebook --lang es,vi --format pdf -o phrases.pdf",
    no_args_is_help=True,
    rich_markup_mode=None,
)

PAPER_HELP = "Paper size for PDF/HTML: letter or a4."
FORCE_HELP = "Replace FILE if it exists (the new file is swapped in whole, never half-written)."


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
        None, "--format", "-f", help="pdf, html, csv, md, json or anki (default: from the file name)."
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
        help="Print the agency's interpreter line (name, phone, client ID, PIN) on each language's page.",
    ),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
    as_json: bool = json_option(),
) -> None:
    """Export phrases with their translation, pronunciation and status to a file.

    Every line shows its status (REVIEWED, DRAFT, MACHINE); legal phrases are marked "use a
    qualified interpreter" and a draft legal translation is never printed as usable.

    Example: lep export phrasebook --lang es,vi --layout card --format pdf -o card.pdf
    """
    from lepcli import export
    from lepcli.cli import render as output

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
        )
    output.emit(result, as_json=as_json)


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
    from lepcli.cli import render as output

    result = export.export_ispeak(out, fmt=fmt, paper=paper, languages=languages, force=force, agency=agency)
    output.emit(result, as_json=as_json)

from lepcli.cli.export_app import export_app  # noqa: E402, I001  (`lep export app`: lepcli/talk/app_file.py)
app.command("app")(export_app)
