"""`lep esl`: English classes and help for speakers of a language, nearest area first."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lepcli import jsonable
from lepcli.agency.lines import _ZIP_RE, RELATED, EslResource, _show, load
from lepcli.errors import BadInput
from lepcli.languages import Language


@jsonable.shape(
    skip=("resource", "distance"),
    rename={"supports": "supports_language"},
    extra=[
        ("name", "resource.name"),
        ("languages", lambda c: "all" if c.resource.languages is None else list(c.resource.languages)),
        *((k, f"resource.{k}") for k in ("address", "zips", "areas", "phone", "url", "cost", "schedule", "notes")),
    ],
    order=("name", "languages", "address", "zips", "areas", "phone", "url", "cost", "schedule", "notes"),
)
@dataclass
class EslChoice:
    resource: EslResource
    supports: bool  # staff or materials in the language
    match: str  # zip | nearby | distance | unknown | any
    distance: int | None


@jsonable.shape(rename={"choices": "resources"}, order=("language", "note"))
@dataclass
class EslAnswer:
    language: Language
    near: str | None
    file: str
    choices: list[EslChoice]
    note: str | None = None


def _zip_distance(near: str, zips: tuple[str, ...]) -> tuple[str, int | None]:
    if not zips:
        return "unknown", None
    if near in zips:
        return "zip", 0
    best = min(abs(int(z) - int(near)) for z in zips)
    if any(z[:3] == near[:3] for z in zips):
        return "nearby", best
    return "distance", best


def esl_for(code: str, near: str | None = None, config: str | Path | None = None) -> EslAnswer:
    """ESL resources for speakers of ``code``: supporting the language first, then nearest area."""
    from lepcli import languages

    if near is not None:
        near = near.strip()
        if not _ZIP_RE.match(near):
            raise BadInput(f"--near must be a US ZIP code such as 55412 (got {_show(near)})")
        near = near[:5]
    directory = load(config)
    lang = languages.get(code)
    choices: list[EslChoice] = []
    for res in directory.esl():
        supports = res.languages is not None and (
            lang.code in res.languages or any(r in res.languages for r in RELATED.get(lang.code, ()))
        )
        if near:
            match, dist = _zip_distance(near, res.zips)
        else:
            match, dist = ("any", None)
        choices.append(EslChoice(res, supports, match, dist))
    rank = {"zip": 0, "nearby": 1, "distance": 2, "unknown": 3, "any": 0}
    choices.sort(
        key=lambda c: (not c.supports, rank[c.match], c.distance if c.distance is not None else 10**6, c.resource.name)
    )
    return EslAnswer(lang, near, str(directory.path), choices)
