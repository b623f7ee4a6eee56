"""The "I speak <language>" card: one sentence per language, in that language and its script.

Sentences live in ``phrasebooks/ispeak.yaml`` (packaged) and may be added or replaced by an
``ispeak.yaml`` in an agency phrasebook folder (``paths.agency_phrasebook_dirs()``). The card
order is ``--languages``, else the agency's ``ispeak_languages`` setting, else how often US
agencies meet each language (catalog rank). Numbers run across pages so a person can point
at "23" on any page or on the printed card (``lep export ispeak``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from lepcli import jsonable, paths
from lepcli.errors import BadInput, ConfigError, LepError, NotFound
from lepcli.languages import Language

STATUSES = ("draft", "reviewed", "machine")
ENTRY_FIELDS = frozenset({"code", "text", "status", "also", "notes", "reviewed_by", "reviewed_on"})
CACHE_SCHEMA = 2


@jsonable.shape(
    skip=("language", "source"),
    extra=["code", *((k, f"language.{k}") for k in ("name", "native", "script", "rtl"))],
    order=("number", "code", "name", "native", "script", "rtl", "text", "also", "status", "reviewed_by", "notes"),
)
@dataclass(frozen=True)
class IspeakEntry:
    number: int
    language: Language
    text: str
    status: str  # draft | reviewed | machine
    also: str | None = None  # a second line, e.g. "Hablo mam" for Mesoamerican languages
    notes: str | None = None  # for reviewers
    reviewed_by: str | None = None
    source: str | None = None  # file it came from

    @property
    def code(self) -> str:
        return self.language.code


# -- loading -------------------------------------------------------------------------------------


def _files() -> list[Path]:
    found = [paths.packaged_phrasebooks_dir() / "ispeak.yaml"]
    found += [d / "ispeak.yaml" for d in paths.agency_phrasebook_dirs()]
    return [f for f in found if f.is_file()]


def _parse(path: Path) -> dict[str, dict[str, Any]]:
    """Validated entries of one file by code; ConfigError (exit 5) with file:line:field."""
    from lepcli import languages
    from lepcli.files import yamldoc as yamlfile

    doc = yamlfile.load(path)
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("languages"), list):
        raise doc.error("must be a mapping with a `languages:` list of {code, text, status}")
    if doc.duplicates:
        key, line = doc.duplicates[0]
        raise ConfigError("given twice", file=str(path), line=line, field=".".join(map(str, key)))
    out: dict[str, dict[str, Any]] = {}
    for i, item in enumerate(data["languages"]):
        if not isinstance(item, dict):
            raise doc.error("each entry must be a mapping with code, text, status", "languages", i)
        unknown = sorted(set(map(str, item)) - ENTRY_FIELDS)
        if unknown:
            raise doc.error(f"unknown field (known: {', '.join(sorted(ENTRY_FIELDS))})", "languages", i, unknown[0])
        code = item.get("code")
        if not isinstance(code, str) or not code.strip():
            raise doc.error("missing language code", "languages", i, "code")
        try:
            lang = languages.get(code.strip())
        except LepError:
            raise doc.error(f"unknown language code {code!r}", "languages", i, "code") from None
        if lang.code != code.strip():
            raise doc.error(f"write the code lepcli uses: {lang.code} (not {code!r})", "languages", i, "code")
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            raise doc.error("missing sentence", "languages", i, "text")
        status = item.get("status")
        if status not in STATUSES:
            raise doc.error(f"must be one of {', '.join(STATUSES)}", "languages", i, "status")
        if status == "reviewed" and not item.get("reviewed_by"):
            raise doc.error("a reviewed entry needs reviewed_by", "languages", i, "reviewed_by")
        if lang.code in out:
            raise doc.error(f"{lang.code} is listed twice", "languages", i, "code")
        for opt in ("also", "notes", "reviewed_by"):
            if item.get(opt) is not None and not isinstance(item[opt], str):
                raise doc.error("must be text", "languages", i, opt)
        out[lang.code] = {
            "text": text.strip(),
            "status": status,
            "also": item.get("also"),
            "notes": item.get("notes"),
            "reviewed_by": item.get("reviewed_by"),
            "source": str(path),
        }
    return out


def _cache_file() -> Path:
    return paths.cache_dir() / "ispeak.json"


def _stamp(files: list[Path]) -> list[list[Any]]:
    """What the merged card is built from: each file's path and content digest (lepcli.files.cache), so
    an edit that keeps the size and the mtime (cp -p, tar, rsync -a) is never served stale."""
    from lepcli import __version__
    from lepcli.files import cache, reading

    stamps: list[list[Any]] = [[__version__, CACHE_SCHEMA]]
    for f in files:
        try:
            stamps.append([str(f), cache.digest(reading.read_config(f))])
        except ConfigError:
            stamps.append([str(f), None])  # unreadable: _parse says why
    return stamps


_MEMO: dict[str, dict[str, dict[str, Any]]] = {}
_PROBLEMS: dict[str, list[str]] = {}  # memo key -> "file:line: field: message" of agency files left out


def sentences() -> dict[str, dict[str, Any]]:
    """All sentences by code, later files (agency) replacing earlier ones (packaged).

    Memoised per process on the files' paths and contents (and cached on disk the same way).
    """
    files = _files()
    stamp = _stamp(files)
    memo_key = json.dumps(stamp)
    if memo_key in _MEMO:
        return _MEMO[memo_key]
    problems: list[str] = []
    _MEMO[memo_key] = merged = _load(files, stamp, problems)
    _PROBLEMS[memo_key] = problems
    return merged


def agency_problems() -> list[str]:
    """Agency ``ispeak.yaml`` files that were skipped, as "file:line: field: message" (the packaged
    card is shown instead). A broken packaged file is CI's job and still fails loudly."""
    sentences()
    return list(_PROBLEMS.get(json.dumps(_stamp(_files())), []))


def check_files() -> list[ConfigError]:
    """Every problem of every ``ispeak.yaml`` in use (for `lep config check`), packaged included."""
    found: list[ConfigError] = []
    for f in _files():
        try:
            _parse(f)
        except ConfigError as exc:
            found.append(exc)
    return found


def _load(files: list[Path], stamp: list[list[Any]], problems: list[str]) -> dict[str, dict[str, Any]]:
    try:
        cached = json.loads(_cache_file().read_bytes())
        if cached.get("stamp") == stamp:
            problems.extend(cached.get("problems", []))
            return cached["entries"]  # type: ignore[no-any-return]
    except (OSError, ValueError, AttributeError):
        pass
    merged: dict[str, dict[str, Any]] = {}
    packaged = paths.packaged_phrasebooks_dir() / "ispeak.yaml"
    for f in files:
        try:
            merged.update(_parse(f))
        except ConfigError as exc:
            if f == packaged:
                raise
            problems.append(str(exc))  # a broken agency file: skipped, the packaged card still shows
    try:
        from lepcli.files import atomic

        blob = json.dumps({"stamp": stamp, "entries": merged, "problems": problems}, ensure_ascii=False)
        atomic.write_text(_cache_file(), blob, force=True, mode=0o600)
    except (OSError, LepError):
        pass  # a read-only cache folder only costs speed
    return merged


def _entry(number: int, lang: Language, data: dict[str, Any]) -> IspeakEntry:
    return IspeakEntry(
        number=number,
        language=lang,
        text=data["text"],
        status=data["status"],
        also=data.get("also"),
        notes=data.get("notes"),
        reviewed_by=data.get("reviewed_by"),
        source=data.get("source"),
    )


def default_order() -> tuple[list[str], str]:
    """Codes in card order and where the order came from."""
    from lepcli import languages
    from lepcli.agency import lines

    have = sentences()
    agency = lines.agency_setting("ispeak_languages")
    if isinstance(agency, list) and agency:
        codes = [c for c in agency if isinstance(c, str) and c in have]
        if codes:
            return codes, "agency ispeak_languages"
    rank = {lang.code: lang.rank or 10_000 for lang in languages.catalog()}
    return sorted(have, key=lambda c: (rank.get(c, 20_000), c)), "how often US agencies meet each language"


def card_entries(codes: list[str] | None = None) -> list[IspeakEntry]:
    """Numbered card entries for ``codes`` (names or codes), else the default order."""
    from lepcli import languages

    have = sentences()
    if codes is None:
        ordered, _ = default_order()
    else:
        ordered = []
        for query in codes:
            lang = languages.resolve(query).language
            if lang.code not in have:
                raise NotFound(
                    f"no 'I speak' sentence for {lang.name} ({lang.code}) yet",
                    hint="`lep ispeak --json` lists the languages on the card; add one in an agency ispeak.yaml",
                )
            if lang.code not in ordered:
                ordered.append(lang.code)
        if not ordered:
            raise BadInput("no languages given", hint="e.g. --languages es,vi,so")
    return [_entry(n, languages.get(code), have[code]) for n, code in enumerate(ordered, 1)]


def parse_codes(value: str | None) -> list[str] | None:
    """``--languages es,vi,somali`` -> ["es", "vi", "somali"] (resolved later)."""
    if value is None:
        return None
    parts = [p.strip() for p in value.split(",") if p.strip()]
    if not parts:
        raise BadInput("--languages is empty", hint="e.g. --languages es,vi,so")
    return parts


# -- the card on screen --------------------------------------------------------------------------

CELL_MIN = 30  # columns per cell: the longest sentences must fit on one line
CELL_ROWS = 3  # sentence, English name, blank


class Layout:
    __slots__ = ("columns", "rows", "cell_width")

    def __init__(self, columns: int, rows: int, cell_width: int) -> None:
        self.columns = columns
        self.rows = rows
        self.cell_width = cell_width

    @property
    def per_page(self) -> int:
        return self.columns * self.rows


def layout(entries: list[IspeakEntry], width: int, height: int) -> Layout:
    """How many cells fit a terminal of ``width`` x ``height`` without breaking a sentence."""
    from lepcli.text.width import display_width

    longest = max((display_width(_cell_text(e)) for e in entries), default=20)
    longest = max(longest, max((display_width(caption(e)) for e in entries), default=0))
    cell = max(CELL_MIN, longest + 3)
    columns = max(1, (width + 2) // (cell + 2))
    rows = max(1, (height - 6) // CELL_ROWS)
    return Layout(columns, rows, cell)


def _cell_text(e: IspeakEntry) -> str:
    return f"{e.number:>3}  {e.text}"


def caption(e: IspeakEntry) -> str:
    name = e.language.name + (f" · {e.also}" if e.also else "")
    return f"     {name}"


@jsonable.shape(
    skip=("page", "layout", "ascii_reason", "bidi"),
    rename={"entries": "languages", "order_source": "order"},
    extra=[("count", lambda c: len(c.entries))],
    order=("count", "order", "languages"),
)
class IspeakCard(NamedTuple):  # a NamedTuple, not a dataclass: cheaper to define at every start
    """The whole card, the page to show and how to show it."""

    entries: list[IspeakEntry]  # the whole card
    page: int  # 1-based; 0 = all pages
    layout: Layout
    order_source: str
    ascii_reason: str | None = None
    bidi: str = "terminal"  # terminal: logical order (the terminal applies BiDi); reorder: lepcli does

    @property
    def ascii_only(self) -> bool:
        return self.ascii_reason is not None

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.entries) // self.layout.per_page))

    def page_entries(self) -> list[IspeakEntry]:
        if self.page == 0:
            return self.entries
        size = self.layout.per_page
        return self.entries[(self.page - 1) * size : self.page * size]


def card(
    codes: list[str] | None = None,
    *,
    page: int = 1,
    width: int = 100,
    height: int = 30,
    ascii_reason: str | None = None,
    bidi: str = "terminal",
) -> IspeakCard:
    """The card paged for a ``width`` x ``height`` terminal; page 0 = every page."""
    entries = card_entries(codes)
    source = "--languages" if codes is not None else default_order()[1]
    lay = layout(entries, width, height)
    result = IspeakCard(entries, page, lay, source, ascii_reason, bidi)
    if page < 0 or page > result.pages:
        raise BadInput(f"there is no page {page}: the card has {result.pages} page(s) at this terminal size")
    return result


# -- pick ----------------------------------------------------------------------------------------


@jsonable.shape(
    skip=("entry", "lines"),
    rename={"availability": "help"},
    extra=[
        *((k, f"entry.language.{k}") for k in ("code", "name", "native", "ask_for")),
        ("number", "entry.number"),
        ("text", "entry.text"),
        ("lines", lambda p: p.lines.choices if p.lines is not None else []),
        ("example", lambda p: bool(p.lines is not None and p.lines.example)),
    ],
    order=("code", "number", "name", "native", "ask_for", "text", "phrasebook", "phrasebook_file", "models", "lines",
           "lines_error", "example", "help"),  # fmt: skip
)
class IspeakPick(NamedTuple):
    """The picked language and what lepcli has for it."""

    entry: IspeakEntry
    lines: Any  # lines.LinesAnswer | None
    lines_error: str | None
    phrasebook: bool
    phrasebook_file: str | None
    models: list[str]
    availability: Any = None  # availability.Availability


def pick(number: int, codes: list[str] | None = None, *, config: str | Path | None = None) -> IspeakPick:
    """What lepcli has for the language at ``number`` on the card."""
    from lepcli import availability
    from lepcli.agency import lines

    entries = card_entries(codes)
    if not 1 <= number <= len(entries):
        raise NotFound(f"there is no number {number} on the card (1-{len(entries)})")
    entry = entries[number - 1]
    answer = None
    error = None
    try:
        answer = lines.lines_for(entry.code, config=config, interview_only=True, limit=4)
    except LepError as exc:
        error = f"cannot read the interpreter-lines file: {exc.message}"
    avail = availability.for_language(entry.language)
    return IspeakPick(entry, answer, error, avail.phrasebook, avail.phrasebook_file, list(avail.models), avail)
