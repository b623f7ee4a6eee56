"""What help lepcli has for a language: phrasebook, offline model, interpreter lines.

Each check is cheap (file names and small files only) so ``lep lang`` stays fast.
Owners: phrasebook check (phrasebook.py), model check (mt/), lines check (lines.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
