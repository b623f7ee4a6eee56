"""`lep models ...`: install, list, pin, available, remove, verify and (explicitly, online) download models.

The domain (lepcli.mt) returns plain data; the views of that data are built here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from lepcli.cli.options import json_option

if TYPE_CHECKING:
    from lepcli.cli.render import View
    from lepcli.mt.archive import InstallReport
    from lepcli.mt.installed import ModelPackage

app = typer.Typer(
    help="Offline machine-translation models (Argos Translate .argosmodel files).\n\n"
    "Example: lep models install translate-en_es-1_0.argosmodel   ·   lep models list",
    no_args_is_help=True,
)

MACHINE_NOTE = (
    "machine translations are labelled MACHINE TRANSLATION: verify; legal content still goes to an interpreter"
)


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def _model_table(packages: list[ModelPackage], pins: dict[str, Any] | None = None) -> tuple[list[str], list[list[str]]]:
    pins = pins or {}
    rows = []
    for p in packages:
        pin = pins.get(p.pair)
        version = p.version or "-"
        if pin is not None:
            version += " (pinned)" if pin.version == p.version else f" (REQUIRED: {pin.version})"
        rows.append([p.pair, version, p.tokenizer, _mb(p.size_bytes()), p.origin, str(p.path)])
    return ["pair", "version", "tokenizer", "size", "installed by", "folder"], rows


def _install_view(report: InstallReport) -> View:
    from lepcli.cli import render as output

    view = output.View()
    parts = [f"{len(report.installed)} installed"]
    if report.replaced:
        parts.append(f"{len(report.replaced)} replaced")
    if report.skipped:
        parts.append(f"{len(report.skipped)} skipped")
    view.add(output.Title("Model install", ", ".join(parts)))
    if report.installed:
        view.add(output.Table(*_model_table(report.installed)))
    if report.replaced:
        view.add(output.Note("replaced " + ", ".join(report.replaced), tone="warn", label="note"))
    if report.skipped:
        rows = [[s.pair, s.version or "-", s.reason, s.archive] for s in report.skipped]
        view.add(output.Table(["pair", "version", "skipped because", "file"], rows, title="Skipped"))
    if report.restored:
        view.add(output.Note("put back after an interrupted install: " + ", ".join(report.restored), tone="warn"))
    view.add(output.Note(MACHINE_NOTE, tone="muted"))
    return view


@contextmanager
def _progress_bar(enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    """One Rich progress bar on stderr, counting packages (stdout stays clean for --json)."""
    import sys

    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(
        TextColumn("checking and installing models"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
    )
    task = progress.add_task("install", total=None)

    def update(done: int, total: int) -> None:
        progress.update(task, completed=done, total=total)

    with progress:
        yield update


@app.command("install")
def install(
    path: Path = typer.Argument(..., help="An .argosmodel file, or a folder of them (an agency share, a USB stick)."),
    force: bool = typer.Option(False, "--force", help="Replace installed models for the same pairs."),
    as_json: bool = json_option(),
) -> None:
    """Install .argosmodel files offline, after checking them (paths, layout, sizes, a test translation).

    A folder installs every package in it, skipping those already installed at the same version
    or held at another version by `lep models pin` / the agency file, with one progress bar and a
    summary; if any package is bad, none is installed.
    Example: lep models install /media/usb/argos-models/
    """
    from lepcli.cli import render as output
    from lepcli.mt import archive

    with _progress_bar(not as_json) as progress:
        report = archive.install(path, force=force, progress=progress)
    output.emit(report, as_json=as_json, view=_install_view(report))


@app.command("list")
def list_models(as_json: bool = json_option()) -> None:
    """List installed models: pair, version, tokenizer, size, who installed them, folder; and broken ones.

    Example: lep models list --json
    """
    from lepcli.cli import render as output
    from lepcli.mt import archive

    listing = archive.listing()
    view = output.View()
    view.add(output.Title("Offline translation models", f"looked in {', '.join(str(f) for f, _ in listing.folders)}"))
    if listing.models:
        view.add(output.Table(*_model_table(listing.models, listing.pins)))
    elif not listing.broken:
        view.add(
            output.Note(
                f"none installed: lep models install FILE{archive.SUFFIX} (or lep models download LANG, which goes"
                " online)",
                tone="warn",
            )
        )
    if listing.broken:
        rows = [[b.pair or "?", b.name, b.problem, b.origin] for b in listing.broken]
        view.add(output.Table(["pair", "folder", "BROKEN", "installed by"], rows, title="Broken (not used)"))
        view.add(
            output.Note(
                "reinstall with lep models install FILE --force, or delete with lep models remove FOLDER", tone="danger"
            )
        )
    output.emit(listing, as_json=as_json, view=view)


@app.command("pin")
def pin(
    pair: str | None = typer.Argument(None, help="The pair to pin, e.g. en->es (none: show the pins)."),
    version: str | None = typer.Argument(None, help="The version to hold (default: the installed one)."),
    clear: bool = typer.Option(False, "--clear", help="Remove this machine's pin for PAIR."),
    as_json: bool = json_option(),
) -> None:
    """Hold a pair at one model version on this machine; installs of another version are refused or skipped.

    The agency file can require versions too (machine_translation.required_versions); it wins.
    Example: lep models pin en->es   ·   lep models pin de->en 1.0   ·   lep models pin en->es --clear
    """
    from lepcli.cli import render as output
    from lepcli.errors import BadInput
    from lepcli.mt import installed, pins

    view = output.View()
    if clear:
        if pair is None:
            raise BadInput("say which pair to unpin, e.g. lep models pin en->es --clear")
        removed = pins.clear_pin(pair)
        view.add(output.Note(removed, label="unpinned", tone="ok"))
        output.emit({"unpinned": removed}, as_json=as_json, view=view)
        return
    if pair is not None:
        made = pins.set_pin(pair, version, installed=installed.discover())
        view.add(output.Note(f"{made.pair} at version {made.version}", label="pinned", tone="ok"))
    required = pins.required()
    found = pins.mismatches(installed.discover())
    rows = [[p.pair, p.version, p.source] for p in required.values()]
    if rows:
        view.add(output.Table(["pair", "version", "required by"], rows, title="Model versions held"))
    else:
        view.add(output.Note("no model versions are pinned", tone="muted"))
    for m in found:
        view.add(output.Note(m.message, tone="warn", label="mismatch"))
    data = {"pins": list(required.values()), "mismatches": [m.message for m in found]}
    output.emit(data, as_json=as_json, view=view)


@app.command("available")
def available(
    index: Path | None = typer.Option(
        None, "--index", "-i", help="Argos index.json (or its folder); default: machine_translation.index."
    ),
    languages: str | None = typer.Option(
        None, "--languages", "-l", help="Comma-separated languages (default: the agency's, from its lines file)."
    ),
    as_json: bool = json_option(),
) -> None:
    """OFFLINE: which of the agency's languages have a model (installed, in an index file), and what else helps.

    Reads an Argos index.json from disk or the agency share; never goes online.
    Example: lep models available --index /mnt/share/argos/index.json
    """
    from lepcli import availability
    from lepcli import languages as langs
    from lepcli.cli import render as output
    from lepcli.errors import BadInput
    from lepcli.mt import config

    if index is None:
        settings = config.load()
        if settings is None or not settings.index:
            raise BadInput(
                "say which index file to read",
                hint="lep models available --index PATH/index.json"
                " (or set machine_translation.index in the agency file)",
            )
        index = Path(settings.index)
    codes = None
    if languages:
        codes = [langs.resolve(part.strip()).language.code for part in languages.split(",") if part.strip()]
    path, rows = availability.model_coverage(index, codes)
    view = output.View().add(output.Title("Machine-translation models for the agency's languages", f"index: {path}"))
    table = [
        [
            f"{r.name} ({r.code})",
            r.status,
            ", ".join(r.installed) or "-",
            ", ".join(f"{p} {v}" for p, v in r.in_index.items()) or "-",
            ", ".join(r.offers) or "interpreter line only",
        ]
        for r in rows
    ]
    view.add(output.Table(["language", "model", "installed", "in the index", "lepcli also offers"], table))
    none = [r.name for r in rows if r.status == "no model anywhere"]
    if none:
        view.add(
            output.Note(
                f"no model anywhere for {', '.join(none)}: use the phrasebook, the I-speak card and a qualified"
                " interpreter (lep lines LANG)",
                tone="warn",
            )
        )
    output.emit({"index": path, "languages": rows}, as_json=as_json, view=view)


@app.command("remove")
def remove(
    pair: str = typer.Argument(..., help="The pair to remove, e.g. en->es, or a broken folder's name from list."),
    as_json: bool = json_option(),
) -> None:
    """Remove an installed model (or a broken one).

    Example: lep models remove en->es
    """
    from lepcli.cli import render as output
    from lepcli.mt import archive

    report = archive.remove(pair)
    what = f"{report.pair or report.folder}{' (broken)' if report.broken else ''}"
    view = output.View().add(
        output.Note(f"{what} ({_mb(report.size_bytes)}) from {report.path}", label="removed", tone="ok")
    )
    output.emit({"removed": report}, as_json=as_json, view=view)


@app.command("verify")
def verify(as_json: bool = json_option()) -> None:
    """Load every installed model and run a smoke translation; exit 8 if any fails or is broken.

    Example: lep models verify
    """
    from lepcli.cli import render as output
    from lepcli.errors import ExitCode
    from lepcli.mt import manage

    report = manage.verify()
    view = output.View().add(output.Title("Model check (load + a smoke translation each)"))
    if not report.checks:
        view.add(output.Note("no models installed: lep models install FILE.argosmodel", tone="warn"))
    else:
        rows = [
            [c.pair or "?", "ok" if c.ok else "FAILED", f"{c.seconds:.2f} s", c.detail, c.origin]
            for c in report.checks
        ]
        view.add(output.Table(["pair", "status", "time", "detail", "installed by"], rows))
    if not report.ok:
        view.add(output.Note("reinstall failed models: lep models install FILE.argosmodel --force", tone="danger"))
    output.emit(report, as_json=as_json, view=view)
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
    report = manage.download(code, force=force)
    view = _install_view(report.install)
    view.add(output.Note(", ".join(report.sources), label="downloaded from", tone="muted"))
    output.emit(report, as_json=as_json, view=view)
