"""What help lepcli has for a language: phrasebook, offline model, interpreter lines.

Each check is cheap (file names and small files only) so ``lep lang`` stays fast.
Owners: phrasebook check (phrasebook/), model check (mt/), lines check (agency/). A spoken
language without a phrasebook of its own is served by the written form its readers use
(Mandarin -> Simplified Chinese, Cantonese -> Traditional, Dari -> Persian), said in a note.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lepcli import jsonable, paths
from lepcli.languages import Language

INSTALL_HINT = "lep models install FILE.argosmodel"


@jsonable.shape(
    skip=("code", "name"),
    extra=[("models_text", "model_text")],
    order=("phrasebook", "phrasebook_file", "phrasebook_code", "phrasebook_note", "models", "model_published",
           "models_text", "lines"),  # fmt: skip
)
@dataclass
class Availability:
    code: str
    phrasebook: bool
    phrasebook_file: str | None
    models: list[str] = field(default_factory=list)  # e.g. ["en->es", "es->en"]
    lines: list[str] = field(default_factory=list)  # names of interpreter lines that serve it
    name: str = ""
    phrasebook_code: str | None = None  # the phrasebook that serves it (zh -> zh-Hans)
    phrasebook_note: str | None = None  # said when that is another language's phrasebook
    model_published: bool = False  # a model exists somewhere (the Argos index), installed or not

    @property
    def phrasebook_text(self) -> str:
        if not self.phrasebook:
            return "none for this language"
        if self.phrasebook_code and self.phrasebook_code != self.code:
            return f"yes: {self.phrasebook_code} (see note)"
        return "yes"

    @property
    def model_text(self) -> str:
        """One honest sentence: installed models, or whether one exists anywhere at all."""
        if self.models:
            return ", ".join(self.models)
        if self.model_published:
            return f"none installed; a published model exists: {INSTALL_HINT}"
        return f"no offline model exists for {self.name or self.code}: use the phrasebook or an interpreter line"


def phrasebook_file(code: str) -> str | None:
    for folder in [*reversed(paths.agency_phrasebook_dirs()), paths.packaged_phrasebooks_dir()]:
        candidate = folder / f"{code}.yaml"
        if candidate.is_file():
            return str(candidate)
    return None


def for_language(lang: Language) -> Availability:
    from lepcli import languages

    book = phrasebook_file(lang.code)
    book_code: str | None = lang.code if book else None
    note = None
    if book is None:
        reading, note = languages.for_reading(lang)
        book = phrasebook_file(reading.code) if reading.code != lang.code else None
        book_code = reading.code if book else None
        if book is None:
            note = None
    models = model_pairs(lang.code)
    if not models and book_code and book_code != lang.code:
        models = model_pairs(book_code)
    return Availability(
        code=lang.code,
        phrasebook=book is not None,
        phrasebook_file=book,
        models=models,
        lines=line_names(lang.code),
        name=lang.name,
        phrasebook_code=book_code,
        phrasebook_note=note,
        model_published=languages.has_public_model(lang.code),
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


@jsonable.shape(extra=("status",), order=("code", "name", "status"))
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
