"""`lep phrase import` and `lep phrase coverage`: the translator review round trip.

Registered into the `phrase` group by ``register(app)`` (called at the end of cli/phrase.py).
Export a language with `lep export phrasebook --lang es --format xliff -o es.xlf`, send it to a
translation vendor, import what comes back; coverage shows what to send next.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from lepcli import jsonable
from lepcli.cli.options import json_option

if TYPE_CHECKING:
    from lepcli.cli.render import View
    from lepcli.phrasebook.coverage import StatusReport
    from lepcli.phrasebook.xliff import ImportReport


def import_view(report: ImportReport) -> View:
    from lepcli.cli import render as output

    view = output.View()
    if report.written:
        view.add(output.Title(f"Imported {report.file}", f"into {report.written}"))
    else:
        view.add(output.Title(f"Nothing to import from {report.file}", "no unit changed or was signed off"))
    fields = [
        ("language", report.language),
        ("now reviewed", _ids(report.reviewed)),
        ("new text, still draft", _ids(report.drafted)),
        ("left alone", str(report.untouched)),
    ]
    if report.reviewer:
        fields.append(("reviewer", report.reviewer))
    view.add(output.Fields(fields))
    for skipped in report.skipped[:10]:
        view.add(output.Note(f"{skipped['id']}: {skipped['reason']} (skipped)", "warn", "skipped"))
    if len(report.skipped) > 10:
        view.add(output.Note(f"{len(report.skipped) - 10} more units skipped (see --json)", "warn"))
    if report.needs_pronunciation:
        view.add(
            output.Note(
                f"{len(report.needs_pronunciation)} changed translations have no pronunciation yet: "
                + _ids(report.needs_pronunciation),
                "warn",
                "pronunciation",
            )
        )
    return view


def _ids(ids: list[str]) -> str:
    if not ids:
        return "0"
    shown = ", ".join(ids[:8])
    return f"{len(ids)}: {shown}" + (", ..." if len(ids) > 8 else "")


def coverage_view(old: Any, report: StatusReport, detail: list[str]) -> View:
    from lepcli.cli import render as output

    view = output.View()
    view.add(output.Title("Phrasebook coverage", f"{report.phrases} English phrases"))
    rows = []
    for lang in report.languages:
        c, legal = lang.counts, lang.legal
        rows.append(
            [lang.code, lang.name, str(c.reviewed), str(c.draft), str(c.machine), str(c.missing),
             f"{legal.reviewed}/{legal.total}"]
        )  # fmt: skip
    view.add(output.Table(["code", "language", "reviewed", "draft", "machine", "missing", "legal reviewed"], rows))
    for lang in report.languages:
        if lang.code not in detail:
            continue
        cat_rows = [
            [report.categories.get(cid, cid), str(c.reviewed), str(c.draft), str(c.machine), str(c.missing)]
            for cid, c in lang.categories.items()
            if c.total
        ]
        view.add(output.Table(["category", "reviewed", "draft", "machine", "missing"], cat_rows, title=lang.name))
    view.add(
        output.Note(
            "Only reviewed translations of legal phrases may be used as the answer; for the rest, call the "
            "interpreter line. Send drafts for review: lep export phrasebook --lang CODE --format xliff -o CODE.xlf",
            "muted",
        )
    )
    if not detail:
        view.add(output.Note("per category: lep phrase coverage --lang CODE", "muted"))
    return view


def import_command(
    file: Path = typer.Argument(..., help="The XLIFF file the translation vendor sent back (.xlf / .xliff)."),
    reviewer: str | None = typer.Option(
        None, "--reviewer", help='Who signed the units off, e.g. "A. Garcia, ATA-certified" (default: from the file).'
    ),
    lang: str | None = typer.Option(None, "--lang", "-l", help="Refuse the file unless it is for this language."),
    as_json: bool = json_option(),
) -> None:
    """Read a reviewed XLIFF file back into the agency's own phrasebook folder.

    Units marked final / signed-off become REVIEWED (with reviewer and date); changed units that are
    not final stay DRAFT with the new text; untouched units are left alone. A file for another
    language or with a broken {placeholder} is refused whole. Packaged files are never changed.

    Example: lep phrase import es-reviewed.xlf --reviewer "A. Garcia, ATA-certified"
    """
    from lepcli.cli import render as output
    from lepcli.cli.phrase import resolve_lang
    from lepcli.phrasebook import xliff

    report = xliff.import_file(file, reviewer=reviewer, lang=resolve_lang(lang))
    output.emit(report, as_json=as_json, view=import_view(report))


def coverage_command(
    lang: list[str] | None = typer.Option(
        None, "--lang", "-l", help="Also show these languages per category (comma-separated or repeated)."
    ),
    as_json: bool = json_option(),
) -> None:
    """Per language: reviewed / draft / machine / missing phrases, legal reviewed; per category with --lang.

    Example: lep phrase coverage   ·   lep phrase coverage --lang es --json
    """
    from lepcli.cli import render as output
    from lepcli.cli.phrase import resolve_lang, warn_agency_problems
    from lepcli.phrasebook import check
    from lepcli.phrasebook.coverage import status_report

    detail = [c for spec in lang or () for part in spec.split(",") if (c := resolve_lang(part.strip()))]
    old = check.coverage()
    report = status_report()
    status = jsonable.to_json(report)
    data = {**jsonable.to_json(old), "status": status["languages"], "categories": status["categories"]}
    output.emit(data, as_json=as_json, view=coverage_view(old, report, detail))
    warn_agency_problems()


def register(app: typer.Typer) -> None:
    """Add `import` and `coverage` to the `phrase` group."""
    app.command("import")(import_command)
    app.command("coverage")(coverage_command)
