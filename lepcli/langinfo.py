"""`lep lang`: a language's identity plus the help lepcli has for it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lepcli.availability import Availability
from lepcli.cli import render as output
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
        fields.append(("phrasebook", h.phrasebook_text))
        fields.append(("offline models", h.model_text))
        fields.append(("interpreter lines", ", ".join(h.lines) if h.lines else "none configured for it"))
        view.add(output.Fields(fields))
        if h.phrasebook_note:
            view.add(output.Note(h.phrasebook_note, tone="info", label="reading"))
        if r.alternatives:
            view.add(
                output.Table(
                    ["code", "language", "native name"],
                    [[a.code, a.name, a.native] for a in r.alternatives],
                    title="Also possible:",
                )
            )
        return view


def describe(query: str) -> LangResult:
    from lepcli import availability, languages

    resolution = languages.resolve(query)
    return LangResult(resolution, availability.for_language(resolution.language))
