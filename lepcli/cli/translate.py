"""`lep translate`: phrasebook first, then offline machine translation, always with its provenance."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from lepcli import phrasebook as pb
from lepcli.cli import render as output
from lepcli.cli.options import json_option

if TYPE_CHECKING:
    from lepcli.translate import NotSure, TranslationAnswer


def translate(
    text: str = typer.Argument(..., help="What to say (or what was said); - reads stdin."),
    to: str = typer.Option(..., "--to", "-t", help="Language to translate into (name or code: es, Vietnamese...)."),
    source: str = typer.Option(
        None,
        "--from",
        "-f",
        help="Language of TEXT. Default: English, or any phrasebook language when --to is English.",
    ),
    as_json: bool = json_option(),
) -> int:
    """Translate a phrase: the phrasebook answer (with pronunciation and status) when one matches,
    otherwise offline machine translation (labelled), and the interpreter line when in doubt.

    Rights, consent to search, arrest, chemical tests, questioning about an offence, statements and victim
    interviews are answered only by a reviewed phrase, otherwise refused with the interpreter line (exit 7).
    Not sure which phrase you mean: the closest ones are listed with their translations (exit 4).

    Example: lep translate "Are you hurt?" --to es   ·   lep translate "¿Está herido?" --to en
    """
    from lepcli import translate as translate_mod
    from lepcli.cli.phrase import resolve_lang, warn_agency_problems
    from lepcli.text import typed as textinput

    typed = textinput.read_argument(text, what="text to translate")
    target = resolve_lang(to)
    assert target is not None
    result = translate_mod.translate(typed, target, resolve_lang(source))
    output.emit(result, as_json=as_json)
    warn_agency_problems()
    return result.exit_code  # 4 when not sure: the closest phrases are listed


# -- views of lepcli.translate results (registered: lepcli.cli.render.emit finds them) --


@output.view("lepcli.translate.NotSure")
def _view_not_sure(r: NotSure) -> output.View:

    view = output.View([output.Title(f"{r.target_name} ({r.target})", "not sure which phrase you mean")])
    view.add(output.Note(r.reason, tone="warn", label="not sure"))
    for n, x in enumerate(r.suggestions, 1):
        said = x.translation or x.text
        view.add(output.Text(f"{n}. {x.text}   [{x.id}]"))
        caption = f"say: {x.pronunciation}" if x.pronunciation else None
        view.add(output.Big(said, caption))
        extra = []
        if x.romanization:
            extra.append(("romanization", x.romanization))
        if x.status:
            extra.append(("status", pb.STATUS_LABELS[x.status]))
        if extra:
            view.add(output.Fields(extra))
    view.add(output.Note("pick one: lep phrase show ID --lang " + r.target, tone="muted", label="next"))
    view.add(output.Note(r.interpreter, tone="info", label="interpreter"))
    return view

@output.view("lepcli.translate.TranslationAnswer")
def _view_translation_answer(r: TranslationAnswer) -> output.View:

    view = output.View()
    sub = "machine translation" if r.tier == "machine" else "phrasebook"
    if r.phrase is not None:
        sub = f"phrasebook match ({r.score:.0f}): {r.phrase.text}"
        if r.matched_lang and r.matched_lang != pb.MASTER and r.matched_text:
            sub += f"   [matched {r.matched_lang}: {r.matched_text}]"
    view.add(output.Title(f"{r.target_name} ({r.target})", sub))
    if r.legal_warning:
        view.add(
            output.Note(
                "legal content and this translation is NOT reviewed: do not rely on it for rights, consent "
                "or statements. Use the interpreter line.",
                tone="danger",
                label="LEGAL",
            )
        )
    view.add(output.Big(r.text, f"say: {r.pronunciation}" if r.pronunciation else None))
    fields = []
    if r.romanization:
        fields.append(("romanization", r.romanization))
    if r.phrase is not None:
        fields.append(("phrase", r.phrase.id))
    if r.status == "reviewed" and r.reviewed_by:
        fields.append(("reviewed by", f"{r.reviewed_by}, {r.reviewed_on}"))
    if r.notes:
        fields.append(("note", r.notes))
    if fields:
        view.add(output.Fields(fields))
    sure = r.status == "reviewed" and not r.legal_warning
    view.add(output.Note(r.label, tone="ok" if sure else "warn", label="status"))
    for w in r.warnings:
        view.add(output.Note(w, tone="warn", label="note"))
    if r.interpreter:
        view.add(
            output.Note(r.interpreter, tone="danger" if r.legal_warning else "info", label="interpreter")
        )
    if r.suggestions:
        view.add(output.Note("or did you mean one of these?", tone="muted", label="close phrases"))
        for n, x in enumerate(r.suggestions, 1):
            said = f" = {x.translation}" if x.translation else ""
            say = f"  (say: {x.pronunciation})" if x.pronunciation else ""
            view.add(output.Text(f"  {n}. {x.text}{said}{say}   [{x.id}]"))
    return view
