"""`lep lines` and `lep esl`: the agency's interpreter lines and English-class resources."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from lepcli import jsonable
from lepcli.cli import render as output
from lepcli.cli.options import json_option

if TYPE_CHECKING:
    from lepcli.agency.esl import EslAnswer

if TYPE_CHECKING:
    from lepcli.agency.lines import LinesAnswer
    from lepcli.cli.render import View

CONFIG_HELP = "The language_lines.yaml to use (default: $LEP_LINES, the user config, the packaged example)."
AT_HELP = (
    'Answer for another time, in the agency time zone: "sun 3am", "03:00" (the next 03:00), '
    '"tomorrow 8:00", "2026-11-24 03:00", or ISO 8601 with an offset.'
)
SHORT_LIMIT = 5  # rows in the table by default: the answer fits one 24-line screen


def config_option() -> str | None:
    return typer.Option(None, "--config", "-c", help=CONFIG_HELP, metavar="FILE")  # type: ignore[no-any-return]


def lines(
    language: str | None = typer.Argument(
        None, help="A language name, code, native name or misspelling; - reads stdin.", show_default=False
    ),
    emergency: bool = typer.Option(False, "--emergency", "-e", help="Lines for emergency use first."),
    at: str | None = typer.Option(None, "--at", help=AT_HELP, metavar="WHEN"),
    interview: bool = typer.Option(
        False, "--interview", help="Only certified/qualified lines (for interviews and statements)."
    ),
    identify: bool = typer.Option(
        False, "--identify", help="The language is not known: lines that can identify it (all-language vendors)."
    ),
    show_all: bool = typer.Option(False, "--all", "-a", help="Every line with its details and call script."),
    limit: int = typer.Option(SHORT_LIMIT, "--limit", "-n", min=0, help="How many lines to list (0 = all)."),
    config: str | None = config_option(),
    as_json: bool = json_option(),
) -> None:
    """Which interpreter line to call for a language, whether it is open, and what to say.

    Example: lep lines farsi   ·   lep lines mam --at "sun 3am"   ·   lep lines --identify   ·   lep lines so --json
    """
    from lepcli import languages
    from lepcli.agency import lines as lines_mod
    from lepcli.cli import render as output
    from lepcli.errors import BadInput
    from lepcli.text import typed as textinput

    shown = 0 if show_all else limit
    if identify:
        if language is not None:
            raise BadInput("give a language or --identify, not both", hint="lep lines --identify")
        answer = lines_mod.identify_lines(at=at, config=config, limit=shown)
    else:
        if language is None:
            raise BadInput("no language given", hint="e.g. lep lines vietnamese; not known: lep lines --identify")
        text = textinput.read_argument(language, what="language name", max_chars=languages.MAX_QUERY)
        resolution = languages.resolve(text)
        answer = lines_mod.lines_for(
            resolution.language.code, at=at, emergency=emergency, config=config, interview_only=interview, limit=shown
        )
        answer.note = resolution.note
    warn_skipped(answer.skipped)
    if as_json:
        output.emit_json(jsonable.to_json(answer))
    else:
        output.render(lines_view(answer, full=show_all))


def warn_skipped(skipped: list[str]) -> None:
    """Broken entries of the lines file, on stderr: the rest of the file is in use."""
    from lepcli.cli import render as output

    for problem in skipped[:3]:
        output.message(f"{problem} (entry skipped; see lep config check)", tone="warn", label="warning")
    if len(skipped) > 3:
        output.message(f"{len(skipped) - 3} more broken entries: lep config check", tone="warn")


def _script(steps: list[str]) -> str:
    return "Call script:\n" + "\n".join(f"  {i}. {s}" for i, s in enumerate(steps, 1))


def lines_view(answer: LinesAnswer, *, full: bool = False) -> View:
    """The answer for the screen: by default the table and the one line to call (one screen);
    ``full``: every line's details and script, and the hotlines."""
    from lepcli.agency.lines import EXAMPLE_NOTE
    from lepcli.cli import render as output
    from lepcli.policy import NEVER_FAMILY

    lang = answer.language
    when = answer.at.strftime("%a %Y-%m-%d %H:%M %Z")
    now_word = "at that time" if answer.asked else "now"
    view = output.View()
    title = "Lines that can identify the language" if answer.identify else f"Interpreter lines for {lang.name}"
    if not answer.identify:
        title += f"  ·  {lang.native}"
    view.add(output.Title(title, f"{answer.agency} · {when} · {answer.file} ({answer.source})"))
    if answer.example:
        view.add(output.Note(EXAMPLE_NOTE, tone="danger", label="example"))
    if answer.note:
        view.add(output.Note(answer.note, tone="warn", label="note"))
    view.add(output.Note(NEVER_FAMILY, tone="danger", label="never"))
    if not answer.choices:
        what = "can identify a language (no all-language vendor)" if answer.identify else f"serves {lang.name}"
        view.add(
            output.Note(
                f"no interpreter line in {answer.file} {what}"
                + (" and is qualified for interviews" if answer.interview_only else ""),
                tone="danger",
                label="none",
            )
        )
    elif answer.specific_hint:
        view.add(output.Note(answer.specific_hint, tone="warn", label="specific line"))
    elif not answer.specific:
        view.add(
            output.Note(
                f'no line lists {lang.name} specifically: call an all-language line and ask for "{lang.ask_for}"',
                tone="warn",
                label="no specific line",
            )
        )
    if answer.emergency:
        view.add(output.Note("emergency: lines for emergency use first", tone="info", label="mode"))
    if answer.choices:
        rows = [
            [
                str(n),
                c.line.name,
                c.line.phone,
                c.state.status,
                c.line.use,
                "yes" if c.line.for_interviews else "no",
            ]
            for n, c in enumerate(answer.choices, 1)
        ]
        view.add(output.Table(["#", "line", "phone", now_word, "use", "interviews"], rows))
    more = answer.total - len(answer.choices)
    detailed = answer.choices if full else answer.choices[:1]
    previous: dict[tuple[str, ...], str] = {}
    for n, c in enumerate(detailed, 1):
        ln = c.line
        head = f"{n}. {ln.name}" if full else f"Call first: {ln.name}"
        view.add(output.Title(head, f"{ln.kind} · {ln.qualification} · priority {ln.priority}" if full else None))
        items = [("phone", ln.phone)]
        if ln.client_id:
            items.append(("client ID", ln.client_id))
        if ln.pin:
            items.append(("PIN", ln.pin))
        items.append(("ask for", c.ask_for))
        if full:
            items.append(("hours", ln.hours.text + (f" ({ln.timezone})" if ln.timezone else "")))
            items.append((now_word, c.state.status))
        if not ln.for_interviews:
            items.append(("warning", "conversational only: not for interviews, statements, rights or consent"))
        if c.serves == "related":
            items.append(("serves", "a related language or written form: confirm when you call"))
        if ln.notes:
            items.append(("notes", ln.notes))
        view.add(output.Fields(items))
        key = tuple(c.script)
        if key in previous:
            view.add(output.Text(f"Call script: same as {previous[key]}."))
        else:
            previous[key] = f"{n}. {ln.name}"
            view.add(output.Text(_script(c.script)))
    if full and answer.hotlines:
        rows = [[h.line.name, h.line.phone, h.state.status, h.line.notes or ""] for h in answer.hotlines]
        view.add(
            output.Table(
                ["hotline", "phone", now_word, "notes"],
                rows,
                title="Hotlines the person can call (they provide their own interpreters):",
            )
        )
    if not full and (more > 0 or len(answer.choices) > 1 or answer.hotlines):
        parts = []
        if more > 0:
            parts.append(f"{more} more line(s)")
        if len(answer.choices) > 1:
            parts.append("details of every line")
        if answer.hotlines:
            parts.append(f"{len(answer.hotlines)} hotline(s)")
        code = "--identify" if answer.identify else lang.code
        view.add(output.Note(f"{', '.join(parts)}: lep lines {code} --all", tone="muted", label="more"))
    return view


def esl(
    language: str = typer.Argument(..., help="The learner's language: a name, code or native name."),
    near: str | None = typer.Option(None, "--near", help="A ZIP code: resources serving it first.", metavar="ZIP"),
    config: str | None = config_option(),
    as_json: bool = json_option(),
) -> None:
    """English classes (ESL) and help for speakers of a language, nearest first.

    Example: lep esl somali --near 56010   ·   lep esl es --json
    """
    from lepcli import languages
    from lepcli.agency import esl as esl_mod
    from lepcli.cli import render as output
    from lepcli.text import typed as textinput

    text = textinput.read_argument(language, what="language name", max_chars=languages.MAX_QUERY)
    resolution = languages.resolve(text)
    answer = esl_mod.esl_for(resolution.language.code, near=near, config=config)
    answer.note = resolution.note
    output.emit(answer, as_json=as_json)


# -- views (registered: lepcli.cli.render.emit finds them) --


@output.view("lepcli.agency.esl.EslAnswer")
def _view_esl_answer(r: EslAnswer) -> output.View:
    lang = r.language
    near = f" near {r.near}" if r.near else ""
    view = output.View()
    view.add(output.Title(f"English classes and help for {lang.name} speakers{near}", r.file))
    if r.note:
        view.add(output.Note(r.note, tone="warn", label="note"))
    if not r.choices:
        view.add(output.Note(f"no ESL resources are listed in {r.file}", tone="warn", label="none"))
        return view
    if not any(c.supports for c in r.choices):
        view.add(
            output.Note(
                f"none lists staff or materials in {lang.name}: classes below are taught in English",
                tone="warn",
                label="language",
            )
        )
    rows = [
        [
            str(n),
            c.resource.name,
            "yes" if c.supports else "no",
            ", ".join(c.resource.areas or c.resource.zips) or "-",
            c.resource.cost or "-",
            c.resource.phone or "-",
        ]
        for n, c in enumerate(r.choices, 1)
    ]
    view.add(output.Table(["#", "resource", f"in {lang.name}", "area", "cost", "phone"], rows))
    for n, c in enumerate(r.choices, 1):
        res = c.resource
        view.add(output.Title(f"{n}. {res.name}"))
        items = [
            (label, value)
            for label, value in (
                ("address", res.address),
                ("serves", ", ".join([*res.areas, *res.zips]) or None),
                ("phone", res.phone),
                ("web", res.url),
                ("cost", res.cost),
                ("schedule", res.schedule),
                ("languages", "any" if res.languages is None else ", ".join(res.languages)),
                ("notes", res.notes),
            )
            if value
        ]
        view.add(output.Fields(items))
    return view
