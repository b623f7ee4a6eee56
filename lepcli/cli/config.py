"""`lep config check|init|path`: the agency's language_lines.yaml."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from lepcli.cli import render as output
from lepcli.cli.options import json_option

if TYPE_CHECKING:
    from lepcli.agency.schema import CheckReport, InitReport, PathReport

app = typer.Typer(
    help="Check, create or locate the agency's language_lines.yaml (interpreter lines, ESL resources).\n\n"
    "Example: lep config check   ·   lep config init   ·   lep config path",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@app.command()
def check(
    file: str | None = typer.Argument(None, help="The file to check (default: the one in use, see `lep config path`)."),
    as_json: bool = json_option(),
) -> None:
    """Validate a language_lines.yaml (and, for the files in use, ispeak.yaml): every problem with file,
    line and field. Exit 5 on errors.

    Example: lep config check ~/.config/lepcli/language_lines.yaml
    """
    from lepcli import ispeak
    from lepcli.agency import schema as linescheck
    from lepcli.cli import render as output

    report = linescheck.check(file)
    if file is None:  # the files in use: the "I speak" card files (agency ispeak.yaml) too
        report.problems += [
            linescheck.Problem("error", e.detail, e.file or "ispeak.yaml", e.line, e.field)
            for e in ispeak.check_files()
        ]
    output.emit(report, as_json=as_json)
    if not report.ok:
        from lepcli.errors import ExitCode

        raise typer.Exit(int(ExitCode.CONFIG))


@app.command()
def init(
    path: str | None = typer.Argument(None, help="Where to write (default: the user config folder)."),
    force: bool = typer.Option(False, "--force", help="Replace an existing file."),
    as_json: bool = json_option(),
) -> None:
    """Write a commented language_lines.yaml template to fill in (atomic; never overwrites without --force).

    Example: lep config init   ·   lep config init ./language_lines.yaml --force
    """
    from lepcli.agency import schema as linescheck
    from lepcli.cli import render as output

    output.emit(linescheck.init(path, force=force), as_json=as_json)


@app.command()
def path(
    config: str | None = typer.Option(None, "--config", "-c", help="Show where this file would come from."),
    as_json: bool = json_option(),
) -> None:
    """Show which language_lines.yaml is in use and the search order.

    Example: lep config path --json
    """
    from lepcli.agency import schema as linescheck
    from lepcli.cli import render as output

    output.emit(linescheck.config_path(config), as_json=as_json)


# -- views (registered: lepcli.cli.render.emit finds them) --


@output.view("lepcli.agency.schema.CheckReport")
def _view_check_report(r: CheckReport) -> output.View:
    view = output.View()
    verdict = "OK" if r.ok else f"{len(r.errors)} error(s)"
    view.add(output.Title(f"{r.path}: {verdict}", f"{r.source}"))
    if r.ok:
        view.add(
            output.Fields(
                [
                    ("agency", r.agency or "-"),
                    ("time zone", r.timezone or "-"),
                    ("lines", f"{r.n_lines} ({r.n_all} for all languages)"),
                    ("languages listed", str(r.n_languages)),
                    ("ESL resources", str(r.n_esl)),
                ]
            )
        )
    for p in r.problems:
        tone: output.Tone = "danger" if p.severity == "error" else "warn"
        view.add(output.Note(f"{p.where()}: {p.message}", tone=tone, label=p.severity))
    return view

@output.view("lepcli.agency.schema.PathReport")
def _view_path_report(r: PathReport) -> output.View:
    view = output.View()
    view.add(output.Title(str(r.path), f"in use ({r.source})"))
    rows = [[s, p, "yes" if e else "no"] for s, p, e in r.search]
    view.add(output.Table(["search order", "path", "exists"], rows))
    return view

@output.view("lepcli.agency.schema.InitReport")
def _view_init_report(r: InitReport) -> output.View:
    view = output.View()
    view.add(output.Title(f"wrote {r.path}", "a commented template: edit it, then run `lep config check`"))
    view.add(
        output.Note(
            "replace every 555-01xx number and REPLACE-ME value with your agency's real ones",
            tone="warn",
            label="next",
        )
    )
    return view
