"""What help lepcli has for a language: phrasebook, offline model, interpreter lines.

Each check is cheap (file names and small files only) so ``lep lang`` stays fast.
Owners: phrasebook check (phrasebook.py), model check (mt/), lines check (lines.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lepcli import paths
from lepcli.languages import Language


@dataclass
class Availability:
    code: str
    phrasebook: bool
    phrasebook_file: str | None
    models: list[str] = field(default_factory=list)  # e.g. ["en->es", "es->en"]
    lines: list[str] = field(default_factory=list)  # names of interpreter lines that serve it

    def to_json(self) -> dict[str, Any]:
        return {
            "phrasebook": self.phrasebook,
            "phrasebook_file": self.phrasebook_file,
            "models": self.models,
            "lines": self.lines,
        }


def phrasebook_file(code: str) -> str | None:
    for folder in [*reversed(paths.agency_phrasebook_dirs()), paths.packaged_phrasebooks_dir()]:
        candidate = folder / f"{code}.yaml"
        if candidate.is_file():
            return str(candidate)
    return None


def for_language(lang: Language) -> Availability:
    book = phrasebook_file(lang.code)
    return Availability(
        code=lang.code,
        phrasebook=book is not None,
        phrasebook_file=book,
        models=model_pairs(lang.code),
        lines=line_names(lang.code),
    )


def line_names(code: str) -> list[str]:
    """Interpreter lines that serve a language; [] when the lines file cannot be read (lep config check says why)."""
    from lepcli.agency import lines
    from lepcli.errors import LepError

    try:
        return lines.serving_line_names(code)
    except LepError:
        return []


def model_pairs(code: str) -> list[str]:
    """Installed translation models for a language, e.g. ["en->es", "es->en"] (a directory scan)."""
    from lepcli.mt import installed

    return installed.pairs_for(code)


# -- `lep models available`: which of the agency's languages have a model (owner: mt/) -------------


@dataclass
class Coverage:
    code: str
    name: str
    installed: list[str]  # installed pairs with English, e.g. ["en->es"]
    in_index: dict[str, str]  # pair -> version offered by the index
    offers: list[str]  # what lepcli has instead / as well: "phrasebook", "I-speak card", "line: NAME"

    @property
    def status(self) -> str:
        have = set(self.installed) | set(self.in_index)
        if set(self.installed) >= _both(self.code):
            return "installed"
        if have >= _both(self.code):
            return "in the index"
        return "one direction only" if have else "no model anywhere"


def _both(code: str) -> set[str]:
    return {f"en->{code}", f"{code}->en"}


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else -1 for p in version.split("."))


def agency_languages() -> list[str]:
    """The agency's languages: ``common_languages`` and every language a line names (not 'all')."""
    from lepcli.agency import lines
    from lepcli.errors import LepError

    codes: list[str] = []
    common = lines.agency_setting("common_languages")
    if isinstance(common, list):
        codes.extend(str(c) for c in common)
    try:
        for line in lines.load().all_lines():
            codes.extend(line.languages or ())
    except LepError:
        pass
    return [c for c in dict.fromkeys(codes) if c != "en"]


def model_coverage(index_file: str | Path, codes: list[str] | None = None) -> tuple[Path, list[Coverage]]:
    """Per language: installed models, what the index offers, and the other tiers lepcli has."""
    from lepcli import ispeak, languages
    from lepcli.errors import LepError
    from lepcli.mt import index, installed

    path, entries = index.read(index_file)
    offered: dict[str, str] = {}
    for entry in entries:
        if entry.pair not in offered or _version_key(entry.version) > _version_key(offered[entry.pair]):
            offered[entry.pair] = entry.version
    pairs = {p.pair for p in installed.discover()}
    try:
        card = set(ispeak.sentences())
    except LepError:
        card = set()
    rows = []
    for code in codes if codes is not None else agency_languages():
        try:
            name = languages.get(code).name
        except LepError:
            name = code
        offers = []
        if phrasebook_file(code):
            offers.append("phrasebook")
        if code in card:
            offers.append("I-speak card")
        offers.extend(f"line: {n}" for n in line_names(code)[:2])
        rows.append(
            Coverage(
                code=code,
                name=name,
                installed=sorted(pairs & _both(code)),
                in_index={p: offered[p] for p in sorted(_both(code)) if p in offered},
                offers=offers,
            )
        )
    return path, rows
