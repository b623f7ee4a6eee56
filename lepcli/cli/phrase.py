"""`lep phrase ...`: search, show, list, coverage and check the phrasebooks."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from lepcli import jsonable
from lepcli import phrasebook as pb
from lepcli.cli import render as output
from lepcli.cli.options import json_option

if TYPE_CHECKING:
    from lepcli.phrasebook.check import CheckReport, CoverageReport, PhraseDetail, PhraseList, SearchResult

app = typer.Typer(
    help="Vetted field phrases and their translations (phrasebooks).\n\n"
    "Example: lep phrase search 'r u hurt'   ·   lep phrase show medical.are_you_hurt --lang es",
    no_args_is_help=True,
)

LANG_HELP = "Show translations in this language (name or code: es, Spanish, Tiếng Việt...)."
CATEGORY_HELP = "Only this category (id or title, e.g. medical, 'traffic stop')."


def resolve_lang(query: str | None) -> str | None:
    """A language option -> its code; says so on stderr when a name was guessed."""
    if query is None:
        return None
    from lepcli import languages
    from lepcli.cli import render as output

    res = languages.resolve_written(query)  # text is read: Mandarin -> zh-Hans, Dari -> fa, with a note
    if res.note:
        output.message(res.note, tone="warn", label="note")
    return res.language.code


def warn_agency_problems() -> None:
    """Agency phrasebook files or entries that were skipped, on stderr (packaged ones are CI's job)."""
    from lepcli import phrasebook as pb
    from lepcli.cli import render as output

    problems = pb.agency_problems()
    for p in problems[:5]:
        output.message(f"{p} (skipped; see lep phrase check)", tone="warn", label="warning")
    if len(problems) > 5:
        output.message(f"{len(problems) - 5} more problems in agency phrasebooks: lep phrase check", tone="warn")


@app.command("search")
def search(
    query: str = typer.Argument(
        ..., help="Words as you would type them ('r u hurt', 'need ambulance'); - reads stdin."
    ),
    category: str = typer.Option(None, "--category", "-c", help=CATEGORY_HELP),
    lang: str = typer.Option(None, "--lang", "-l", help=LANG_HELP),
    limit: int = typer.Option(10, "--limit", "-n", min=1, max=200, help="How many phrases to show."),
    as_json: bool = json_option(),
) -> None:
    """Find phrases by words, typos, shorthand or any phrasebook language, ranked with scores (0-100).

    Example: lep phrase search 'r u hurt'   ·   lep phrase search 'hands up' --lang vi
    """
    from lepcli.cli import render as output
    from lepcli.phrasebook import check as phrasetools
    from lepcli.text import typed as textinput

    text = textinput.read_argument(query, what="search words", max_chars=500)
    output.emit(phrasetools.search(text, category=category, lang=resolve_lang(lang), limit=limit), as_json=as_json)
    warn_agency_problems()


@app.command("show")
def show(
    phrase_id: str = typer.Argument(..., help="A phrase id, e.g. medical.are_you_hurt (see lep phrase list)."),
    lang: str = typer.Option(None, "--lang", "-l", help=LANG_HELP + " Default: every language."),
    as_json: bool = json_option(),
) -> None:
    """Show one phrase: English, flags, and its translations with pronunciation and status.

    Example: lep phrase show medical.are_you_hurt --lang es
    """
    from lepcli.cli import render as output
    from lepcli.phrasebook import check as phrasetools

    output.emit(phrasetools.show(phrase_id, lang=resolve_lang(lang)), as_json=as_json)
    warn_agency_problems()


@app.command("list")
def list_phrases(
    category: str = typer.Option(None, "--category", "-c", help=CATEGORY_HELP),
    lang: str = typer.Option(None, "--lang", "-l", help=LANG_HELP),
    urgent: bool = typer.Option(False, "--urgent", help="Only the 60 most urgent phrases."),
    as_json: bool = json_option(),
) -> None:
    """List phrases by category, optionally with their translations in one language.

    Example: lep phrase list --category medical --lang so
    """
    from lepcli.cli import render as output
    from lepcli.phrasebook import check as phrasetools

    output.emit(phrasetools.listing(category=category, lang=resolve_lang(lang), urgent=urgent), as_json=as_json)
    warn_agency_problems()


@app.command("check")
def check(as_json: bool = json_option()) -> None:
    """Validate every phrasebook (packaged and agency) with file:line messages; exit 5 on any error.

    Checks: unknown or missing ids, duplicates, empty text, wrong `language:` header, placeholder
    mismatch, missing pronunciation/romanization, reviewed without reviewed_by/reviewed_on; recordings
    in audio/<lang>/<phrase id>.ogg|mp3|wav (known id and language, playable, a legal one reviewed).

    Example: lep phrase check
    """
    from lepcli.cli import render as output
    from lepcli.errors import ExitCode
    from lepcli.phrasebook import check as phrasetools

    report = phrasetools.check()
    output.emit(report, as_json=as_json)
    if not report.ok:
        raise typer.Exit(int(ExitCode.CONFIG))


from lepcli.cli import review  # noqa: E402  (`import`, `coverage`: the translator review round trip)

review.register(app)


# -- views (registered: lepcli.cli.render.emit finds them) --


def _legal_note(phrase: pb.Phrase, t: pb.Translation | None) -> output.Note | None:
    if phrase.legal and (t is None or not t.reviewed):
        return output.Note(
            "legal content (rights, consent, statements, victim interviews): use a qualified interpreter, "
            "not an unreviewed translation",
            tone="danger",
            label="LEGAL",
        )
    return None


@output.view("lepcli.phrasebook.check.SearchResult")
def _view_search_result(r: SearchResult) -> output.View:
    columns = ["score", "id", "English"]
    if r.lang:
        columns += [r.lang, "status"]
    rows = []
    for h in r.hits:
        row = [f"{h.score:.0f}", h.phrase.id + (" ⚖" if h.phrase.legal else ""), h.phrase.text]
        if r.lang:
            t = h.translation
            row += [t.text, t.status] if t else ["(not translated)", ""]
        elif h.matched_lang != pb.MASTER:
            row[2] += f"   [{h.matched_lang}: {h.matched_text}]"
        rows.append(row)
    view = output.View(
        [output.Title(f"{len(r.hits)} phrases", f"searched English and {r.languages_searched - 1} languages")]
    )
    view.add(output.Table(columns, rows))
    if any(h.phrase.legal for h in r.hits):
        view.add(output.Note("⚖ legal phrase: only a reviewed translation may be used", tone="warn"))
    view.add(output.Note("lep phrase show ID --lang CODE   ·   lep translate TEXT --to CODE", tone="muted"))
    return view

@output.view("lepcli.phrasebook.check.PhraseDetail")
def _view_phrase_detail(r: PhraseDetail) -> output.View:
    p = r.phrase
    view = output.View([output.Title(p.text, f"{p.id}  ·  {r.category_title}")])
    facts = [("urgent", "yes" if p.urgent else "no"), ("legal", "YES" if p.legal else "no")]
    if p.answer:
        facts.append(("answer by", p.answer))
    if p.notes:
        facts.append(("notes", p.notes))
    if p.source != "packaged":
        facts.append(("from", f"agency file {p.file}"))
    view.add(output.Fields(facts))
    if r.lang is not None:
        t = r.translations[0] if r.translations else None
        if t is None:
            view.add(output.Note(f"no {r.lang} translation of this phrase yet", tone="warn"))
        else:
            note = _legal_note(p, t)
            if note:
                view.add(note)
            view.add(output.Big(t.text, t.pronunciation and f"say: {t.pronunciation}"))
            extra = [("romanization", t.romanization)] if t.romanization else []
            if t.notes:
                extra.append(("translator note", t.notes))
            if t.reviewed:
                extra.append(("reviewed", f"{t.reviewed_by}, {t.reviewed_on}"))
            if extra:
                view.add(output.Fields([(k, v) for k, v in extra if v]))
            view.add(output.Note(t.label, tone="ok" if t.reviewed else "warn", label="status"))
        return view
    rows = [[t.lang, t.text, t.pronunciation or "", t.status] for t in r.translations]
    view.add(output.Table(["lang", "translation", "say", "status"], rows))
    if r.missing:
        view.add(output.Note(", ".join(r.missing), tone="muted", label="not translated in"))
    note = _legal_note(p, None)
    if note:
        view.add(note)
    return view

@output.view("lepcli.phrasebook.check.PhraseList")
def _view_phrase_list(r: PhraseList) -> output.View:
    view = output.View()
    title = r.categories[r.category] if r.category else "All phrases"
    view.add(output.Title(title, f"{len(r.rows)} phrases" + (f"  ·  {r.lang}" if r.lang else "")))
    by_cat: dict[str, list[list[str]]] = {}
    for p, t in r.rows:
        flags = ("!" if p.urgent else "") + ("⚖" if p.legal else "")
        row = [p.id, flags, p.text]
        if r.lang:
            row += [t.text, t.status] if t else ["(not translated)", ""]
        by_cat.setdefault(p.category, []).append(row)
    columns = ["id", "", "English"] + ([r.lang, "status"] if r.lang else [])
    for cid, rows in by_cat.items():
        view.add(output.Table(columns, rows, title=r.categories[cid]))
    view.add(output.Note("! urgent   ⚖ legal: only a reviewed translation may be used", tone="muted"))
    return view

@output.view("lepcli.phrasebook.check.CheckReport")
def _view_check_report(r: CheckReport) -> output.View:

    view = output.View()
    view.add(output.Title("Phrasebook check", f"{len(r.files)} files"))
    for p in r.problems:
        view.add(output.Text(f"{p.severity}: {p}"))
    if r.ok:
        warn = len(r.problems)
        view.add(output.Note(f"all phrasebooks are valid{f' ({warn} warnings)' if warn else ''}", tone="ok"))
    else:
        view.add(output.Note(f"{len(r.errors)} errors", tone="danger", label="FAILED"))
    return view

@output.view("lepcli.phrasebook.check.CoverageReport")
def _view_coverage_report(r: CoverageReport) -> output.View:

    rows = []
    for c in r.languages:
        j = jsonable.to_json(c)
        rows.append(
            [
                c.code,
                c.name,
                f"{j['translated_pct']:.0f}%",
                f"{c.urgent}/{c.urgent_total}",
                f"{j['reviewed_pct']:.0f}%",
                f"{c.legal_reviewed}/{c.legal_total}",
                ", ".join(c.sources),
            ]
        )
    view = output.View()
    view.add(output.Title("Phrasebook coverage", f"{r.total} English phrases"))
    view.add(output.Table(["code", "language", "translated", "urgent", "reviewed", "legal reviewed", "from"], rows))
    view.add(
        output.Note(
            "Only reviewed translations of legal phrases may be used as the answer; "
            "for the rest, call the interpreter line.",
            tone="muted",
        )
    )
    return view
