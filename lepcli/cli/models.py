"""`lep models ...`: install, list, remove, verify and (explicitly, online) download translation models."""

from __future__ import annotations

from pathlib import Path

import typer

from lepcli.cli.options import json_option

app = typer.Typer(
    help="Offline machine-translation models (Argos Translate .argosmodel files).\n\n"
    "Example: lep models install translate-en_es-1_0.argosmodel   ·   lep models list",
    no_args_is_help=True,
)


@app.command("install")
def install(
    path: Path = typer.Argument(..., help="An .argosmodel file, or a folder of them."),
    force: bool = typer.Option(False, "--force", help="Replace an installed model for the same pair."),
    as_json: bool = json_option(),
) -> None:
    """Install .argosmodel files offline, after checking them (paths, layout, sizes, that the model loads).

    Example: lep models install ~/Downloads/translate-en_es-1_0.argosmodel
    """
    from lepcli.cli import render as output
    from lepcli.mt import archive as package

    output.emit(package.install(path, force=force), as_json=as_json)


@app.command("list")
def list_models(as_json: bool = json_option()) -> None:
    """List installed models: pair, version, size, folder (lepcli's and argostranslate's).

    Example: lep models list --json
    """
    from lepcli.cli import render as output
    from lepcli.mt import archive as package

    output.emit(package.listing(), as_json=as_json)


@app.command("remove")
def remove(
    pair: str = typer.Argument(..., help="The pair to remove, e.g. en->es."),
    as_json: bool = json_option(),
) -> None:
    """Remove an installed model.

    Example: lep models remove en->es
    """
    from lepcli.cli import render as output
    from lepcli.mt import archive as package

    output.emit(package.remove(pair), as_json=as_json)


@app.command("verify")
def verify(as_json: bool = json_option()) -> None:
    """Load every installed model and run a smoke translation; exit 8 if any fails.

    Example: lep models verify
    """
    from lepcli.cli import render as output
    from lepcli.errors import ExitCode
    from lepcli.mt import manage

    report = manage.verify()
    output.emit(report, as_json=as_json)
    if not report.ok:
        raise typer.Exit(int(ExitCode.MODEL))


@app.command("download")
def download(
    language: str = typer.Argument(..., help="Language name or code, e.g. es or spanish."),
    force: bool = typer.Option(False, "--force", help="Replace installed models for the same pairs."),
    as_json: bool = json_option(),
) -> None:
    """GO ONLINE: fetch the English<->LANG models from the Argos package index and install them.

    The only lepcli command that uses the network, and only when you run it.
    Example: lep models download spanish
    """
    from lepcli import languages
    from lepcli.cli import render as output
    from lepcli.mt import manage
    from lepcli.text import typed as textinput

    text = textinput.read_argument(language, what="language name", max_chars=languages.MAX_QUERY)
    code = languages.resolve(text).language.code
    output.message(f"going online: Argos package index {manage.index_url()}", tone="warn", label="network")
    output.emit(manage.download(code, force=force), as_json=as_json)
