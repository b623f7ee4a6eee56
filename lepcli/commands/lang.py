"""`lep lang`: show how lepcli understands a language name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import typer

from lepcli import output
from lepcli.availability import Availability
from lepcli.commands.common import json_option
from lepcli.languages import Resolution


@dataclass
class LangResult:
    resolution: Resolution
    help: Availability

    def to_json(self) -> dict[str, Any]:
        r = self.resolution
        return {
            "query": r.query,
            "matched": r.matched,
            "score": r.score,
            "language": r.language.to_json(),
            "alternatives": [a.to_json() for a in r.alternatives],
            "note": r.note,
            "help": self.help.to_json(),
        }

    def to_view(self) -> output.View:
        r, lang = self.resolution, self.resolution.language
        view = output.View()
        view.add(output.Title(f"{lang.name}  ·  {lang.native}", f"code {lang.code}"))
        if r.note:
            view.add(output.Note(r.note, tone="warn", label="note"))
        fields = [
            ("code", lang.code),
            ("ISO 639-3", lang.iso639_3),
            ("English name", lang.name),
            ("native name", lang.native),
            ("script", lang.script + (" (right-to-left)" if lang.rtl else "")),
        ]
        if lang.note:
            fields.append(("ask the vendor for", lang.ask_for))
        h = self.help
        fields.append(("phrasebook", "yes" if h.phrasebook else "none"))
        fields.append(("offline models", ", ".join(h.models) if h.models else "none installed"))
        fields.append(("interpreter lines", ", ".join(h.lines) if h.lines else "none configured for it"))
        view.add(output.Fields(fields))
        if r.alternatives:
            view.add(
                output.Table(
                    ["code", "language", "native name"],
                    [[a.code, a.name, a.native] for a in r.alternatives],
                    title="Also possible:",
                )
            )
        return view


def lang(
    query: str = typer.Argument(..., help="A language name, code, native name or common misspelling; - reads stdin."),
    as_json: bool = json_option(),
) -> None:
    """Show which language a name means and what help lepcli has for it.

    Example: lep lang farsi   ·   lep lang "Tiếng Việt"   ·   lep lang Chinese --json
    """
    from lepcli import availability, languages, textinput

    text = textinput.read_argument(query, what="language name", max_chars=languages.MAX_QUERY)
    resolution = languages.resolve(text)
    output.emit(LangResult(resolution, availability.for_language(resolution.language)), as_json=as_json)
