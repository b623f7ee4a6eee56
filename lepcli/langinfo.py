"""`lep lang`: a language's identity plus the help lepcli has for it."""

from __future__ import annotations

from dataclasses import dataclass

from lepcli import jsonable
from lepcli.availability import Availability
from lepcli.languages import Resolution


@jsonable.shape(
    skip=("resolution",),
    extra=[(k, f"resolution.{k}") for k in ("query", "matched", "score", "language", "alternatives", "note")],
    order=("query", "matched", "score", "language", "alternatives", "note", "help"),
)
@dataclass
class LangResult:
    resolution: Resolution
    help: Availability


def describe(query: str) -> LangResult:
    from lepcli import availability, languages

    resolution = languages.resolve(query)
    return LangResult(resolution, availability.for_language(resolution.language))
