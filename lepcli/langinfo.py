"""`lep lang`: a language's identity plus the help lepcli has for it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lepcli.availability import Availability
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


def describe(query: str) -> LangResult:
    from lepcli import availability, languages

    resolution = languages.resolve(query)
    return LangResult(resolution, availability.for_language(resolution.language))
