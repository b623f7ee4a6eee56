"""`lep phrase ...`: search, show, list, coverage and check the phrasebooks."""

from __future__ import annotations

import typer

from lepcli.cli.options import json_option

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

    res = languages.resolve(query)
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
