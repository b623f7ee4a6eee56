"""Language identity: any way a person names a language -> one ``Language``.

``resolve("farsi" | "fa" | "fas" | "per" | "فارسی" | "vietnamise" | "es-MX")`` looks the query up in
an index generated from langcodes/language_data plus our own aliases
(``scripts/build_language_index.py`` writes ``lepcli/languages/data/languages.json``; a test checks
it is current). Exact matches cost one dict lookup; a BCP 47 tag (``pt-BR``, ``zh-Hant-HK``) is
parsed by its parts (langcodes, imported only then) before any fuzzy match; only a miss imports
rapidfuzz.

A spoken language and the written form that serves its readers are kept apart: Mandarin (``zh``)
is read from the Simplified Chinese phrasebook (``zh-Hans``), Cantonese from Traditional, Dari
from Persian, each with a note (:func:`for_reading`, :func:`resolve_written`); a written form
names the spoken language to ask a phone line for (:attr:`Language.ask_for`).
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path
from typing import Any, NamedTuple

from lepcli import jsonable
from lepcli.errors import BadInput, NotFound
from lepcli.files import cache

MAX_QUERY = 100
RTL_SCRIPTS = frozenset({"Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm"})


# NamedTuples, not dataclasses: immutable all the same, and cheaper to define at every start-up.
@jsonable.shape(extra=("rtl",))
class Language(NamedTuple):
    code: str  # ISO 639-1 where one exists, else ISO 639-3; BCP 47 script subtag where it matters
    name: str  # English name
    native: str  # the name in the language itself, in its own script
    script: str  # ISO 15924 code of the usual script
    iso639_3: str
    rank: int | None = None  # order in which US agencies meet it (1 = most often); None if not curated
    note: str | None = None  # what to tell an interpreter vendor ("Mam, a Mayan language of Guatemala")
    aliases: tuple[str, ...] = ()
    written: str | None = None  # the written form whose phrasebook serves readers (zh -> zh-Hans)
    written_note: str | None = None  # said when that form is shown instead
    spoken: str | None = None  # for a written form: the spoken language a phone line needs (zh-Hans -> zh)
    spoken_note: str | None = None  # how to ask the line for it ("Mandarin, likely; confirm with the caller")

    @property
    def rtl(self) -> bool:
        return self.script in RTL_SCRIPTS

    @property
    def ask_for(self) -> str:
        """How to name the language to an interpreter vendor: the spoken language, never a script."""
        return self.spoken_note or self.note or self.name


class Resolution(NamedTuple):
    query: str
    language: Language
    matched: str  # code | name | alias | native | tag | fuzzy | world
    score: float = 100.0
    alternatives: tuple[Language, ...] = ()
    note: str | None = None  # said out loud when we assumed something

    @property
    def ambiguous(self) -> bool:
        return bool(self.alternatives)


def fold(text: str) -> str:
    """Matching key: case-folded, Latin accents dropped, punctuation and spacing removed."""
    text = unicodedata.normalize("NFKD", text.strip().casefold())
    base = [ch for ch in text if not unicodedata.combining(ch)]
    latin = all(ord(ch) < 0x250 or unicodedata.category(ch)[0] in "PZS" for ch in base)
    chars = base if latin else list(unicodedata.normalize("NFC", text))
    return "".join(ch for ch in chars if unicodedata.category(ch)[0] not in "PZS" or ch in "-").replace("-", "")


_DATA_DIR = Path(__file__).resolve().parent / "data"


@functools.cache
def _data() -> dict[str, Any]:
    """Catalog and name index (small: read at every start)."""
    return cache.shipped_json(_DATA_DIR / "languages.json")  # type: ignore[no-any-return]


@functools.cache
def _world_data() -> dict[str, Any]:
    """All other ISO 639 languages (large: read only when a query misses the catalog)."""
    return cache.shipped_json(_DATA_DIR / "languages_world.json")  # type: ignore[no-any-return]


@functools.cache
def _by_code() -> dict[str, Language]:
    out: dict[str, Language] = {}
    for entry in _data()["catalog"]:
        entry = dict(entry)
        entry["aliases"] = tuple(entry.get("aliases", ()))
        out[entry["code"]] = Language(**entry)
    return out


def is_curated(code: str) -> bool:
    """Whether ``code`` is exactly the code of a curated language (one :func:`catalog` lists)."""
    return code in _by_code()


def catalog() -> list[Language]:
    """Every curated language, most often met first."""
    return sorted(_by_code().values(), key=lambda lang: lang.rank or 10_000)


def get(code: str) -> Language:
    """The language with this exact code (or any query, via :func:`resolve`)."""
    found = _by_code().get(code)
    if found is not None:
        return found
    return resolve(code).language


def _world(code: str) -> Language:
    name, native, script = _world_data()["world"][code]
    return Language(code=code, name=name, native=native or name, script=script or "Latn", iso639_3=code)


def _lookup(code: str) -> Language:
    return _by_code()[code] if code in _by_code() else _world(code)


def resolve(query: str) -> Resolution:
    """Resolve a language name, code, native name, alias or near-miss spelling."""
    if query is None or not query.strip():
        raise BadInput("no language given", hint="try a name or code, e.g. 'farsi', 'vi', 'Tiếng Việt'")
    if len(query) > MAX_QUERY:
        raise BadInput(f"language name is too long ({len(query):,} characters)")
    if any(unicodedata.category(ch) in ("Cc", "Cs", "Co") for ch in query):
        raise BadInput("language name contains control or binary characters")
    data = _data()
    key = fold(query)
    if not key:
        raise BadInput("language name has no letters in it")
    ambiguous = data["ambiguous"].get(key)
    if ambiguous is not None:
        codes, note = ambiguous
        first, *rest = (_lookup(c) for c in codes)
        return Resolution(query, first, "alias", alternatives=tuple(rest), note=note)
    hit = data["index"].get(key)
    if hit is not None:
        code, how = hit
        return Resolution(query, _lookup(code), how)
    tagged = _tag(query)
    if tagged is not None:
        return tagged
    world = _world_data()["world_index"].get(key)
    if world is not None:
        return Resolution(query, _world(world), "world")
    return _fuzzy(query, key)


_HK = frozenset({"HK", "MO"})


def _looks_like_tag(text: str) -> bool:
    parts = text.replace("_", "-").split("-")
    return (
        len(parts) > 1
        and 2 <= len(parts[0]) <= 3
        and parts[0].isascii()
        and parts[0].isalpha()
        and all(p and p.isascii() and p.isalnum() and len(p) <= 8 for p in parts[1:])
    )


def _tag(query: str) -> Resolution | None:
    """A BCP 47 tag (``es-MX``, ``en_US``, ``zh-Hant-HK``) by its parts: language, then script, region."""
    text = query.strip()
    if not _looks_like_tag(text):
        return None
    import langcodes  # only for tags that are not in the index (~45 ms)

    try:
        tag = langcodes.Language.get(text.replace("_", "-"))
    except (langcodes.tag_parser.LanguageTagError, ValueError):
        return None
    base = (tag.language or "").lower()
    hit = _data()["index"].get(base)
    if hit is not None and hit[1] == "code":
        base = hit[0]
    elif base not in _world_data()["world"]:
        return None
    script = tag.script or (tag.maximize().script if tag.territory else None)
    code = f"{base}-{script}" if script and f"{base}-{script}" in _by_code() else base
    if base == "zh" and script in ("Hans", "Hant"):
        code = f"zh-{script}"
    note = None
    if base == "zh" and tag.territory in _HK:
        note = f"{text}: most people in Hong Kong and Macau speak Cantonese; confirm with the person"
    return Resolution(query, _lookup(code), "tag", note=note)


def for_reading(lang: Language) -> tuple[Language, str | None]:
    """The language whose phrasebook a reader of ``lang`` can use, and what to say about it."""
    if lang.written and lang.written != lang.code:
        return _lookup(lang.written), lang.written_note
    return lang, None


def resolve_written(query: str) -> Resolution:
    """Like :func:`resolve`, for reading: Mandarin -> Simplified Chinese, Cantonese -> Traditional,
    Dari -> Persian, each with a note saying so."""
    found = resolve(query)
    target, note = for_reading(found.language)
    if target.code == found.language.code:
        return found
    notes = "; ".join(n for n in (found.note, note) if n)
    others = tuple(a for a in found.alternatives if a.code != target.code)
    return found._replace(language=target, note=notes or None, alternatives=others)


def _fuzzy(query: str, key: str) -> Resolution:
    from rapidfuzz import fuzz, process, utils  # noqa: F401  (imported only on a miss)

    data = _data()
    keys = list(data["index"])
    found = process.extract(key, keys, scorer=fuzz.WRatio, limit=12, score_cutoff=60)
    seen: dict[str, float] = {}
    for cand, score, _ in found:
        # WRatio favours short partial matches; penalise big length differences.
        ratio = fuzz.ratio(key, cand)
        adjusted = (score + ratio) / 2
        code = data["index"][cand][0]
        seen[code] = max(seen.get(code, 0.0), adjusted)
    ranked = sorted(seen.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] >= 82 and (len(ranked) == 1 or ranked[0][1] - ranked[1][1] >= 6):
        code, score = ranked[0]
        lang = _lookup(code)
        return Resolution(query, lang, "fuzzy", score=round(score, 1), note=f"assumed you meant {lang.name}")
    suggestions = [f"{_lookup(c).name} ({c})" for c, s in ranked[:5] if s >= 60]
    raise NotFound(
        "unknown language",
        hint="did you mean: " + ", ".join(suggestions) if suggestions else "try an English name or ISO code",
        suggestions=[c for c, s in ranked[:5] if s >= 60],
    )


@functools.cache
def _public_models() -> tuple[str, frozenset[str]]:
    data = cache.shipped_json(_DATA_DIR / "offline_models.json")
    return str(data["source"]), frozenset(data["codes"])


def has_public_model(code: str) -> bool:
    """Whether an offline translation model for ``code`` (or the written form its readers use) is
    published anywhere (the Argos index), so that `lep models install` can help at all."""
    codes = _public_models()[1]
    if code in codes:
        return True
    lang = _by_code().get(code)
    return bool(lang and lang.written and lang.written in codes)


def public_models_source() -> str:
    """Where the list behind :func:`has_public_model` comes from (index and date)."""
    return _public_models()[0]
