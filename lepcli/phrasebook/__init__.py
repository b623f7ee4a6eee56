"""Phrasebooks: the English master list, one translation file per language, agency overrides.

Files (format in README, "Phrasebook files"):
  <packaged>/phrasebooks/en.yaml          phrases: id, English text, category, urgent, legal, ...
  <packaged>/phrasebooks/<code>.yaml      translations keyed by phrase id, each with a status
  <agency folder>/en.yaml, <code>.yaml    same formats; add phrases/translations or override them

Agency folders come from ``paths.agency_phrasebook_dirs()`` (user config folder, then
``$LEP_PHRASEBOOKS``); a later folder wins over an earlier one, every agency folder over the package.
A broken agency file (or a broken entry in it) is skipped with a file:line warning so the packaged
phrasebooks keep working in the field; ``lep phrase check`` reports the same problems and exits 5.

Speed: parsing YAML costs ~30 ms per file plus ~17 ms to import PyYAML, more than the whole start-up
budget of ``lep translate``. Each file's parsed and validated content is therefore cached as JSON
under ``paths.cache_dir()`` by ``lepcli.files.cache``, keyed by the file's path and a hash of its
content, so an edited file is never stale (phrasebook content only, never typed text). Languages load
on first use, so ``lep translate ... --to es`` reads en + es only.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from lepcli import jsonable, paths, policy
from lepcli.errors import ConfigError, NotFound

if TYPE_CHECKING:
    from lepcli.phrasebook.search import Index

MASTER = "en"
NOT_LANGUAGE_FILES = frozenset({"ispeak"})  # other YAML files that live in phrasebooks/
STATUSES = ("draft", "reviewed", "machine")
ANSWERS = ("yesno", "point", "number", "free")
URGENT_COUNT = 60  # the packaged master marks exactly this many: the minimum for a partial language
MIN_CATEGORIES = 12
# Languages the packaged phrasebook promises in full (issue 3); others need at least the urgent phrases.
FULL_LANGUAGES = frozenset(
    {"es", "zh-Hans", "zh-Hant", "vi", "ko", "tl", "ru", "ar", "ht", "pt", "fr", "pl", "hi", "fa", "so"}
)
STATUS_LABELS = policy.STATUS_LABELS  # written once, in lepcli.policy
ID_RE = re.compile(r"^[a-z0-9_]+\.[a-z0-9_.]+$")
PLACEHOLDER_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
PHRASE_KEYS = frozenset({"id", "text", "category", "urgent", "legal", "answer", "notes", "keywords", "paraphrases"})
TRANSLATION_KEYS = frozenset(
    {"text", "pronunciation", "romanization", "status", "reviewed_by", "reviewed_on", "notes", "variants"}
)
CACHE_VERSION = 9


# -- the model ---------------------------------------------------------------------------------
# NamedTuples, not dataclasses: immutable all the same, and ~1 ms cheaper each at every start-up.


@jsonable.shape(skip=("paraphrase_keys", "keyword_keys", "file", "line", "layer", "key"))
class Phrase(NamedTuple):
    id: str
    text: str
    category: str
    urgent: bool = False
    legal: bool = False
    answer: str | None = None
    notes: str | None = None
    keywords: tuple[str, ...] = ()
    paraphrases: tuple[str, ...] = ()  # other English wordings officers use: searched, never shown
    paraphrase_keys: tuple[str, ...] = ()
    keyword_keys: tuple[str, ...] = ()  # the keywords as token sequences (cached with the file)
    source: str = "packaged"  # packaged | agency
    file: str = ""
    line: int = 0
    layer: int = 0  # 0 the package, 1.. agency folders (later wins)
    key: str = ""  # exact-match key (phrasesearch.key)

    @property
    def placeholders(self) -> frozenset[str]:
        return placeholders(self.text)


@jsonable.shape(skip=("file", "line", "layer", "key", "romanization_key", "variant_keys"), extra=("label",))
class Translation(NamedTuple):
    phrase_id: str
    lang: str
    text: str
    pronunciation: str | None
    romanization: str | None
    status: str  # draft | reviewed | machine
    reviewed_by: str | None = None
    reviewed_on: str | None = None  # ISO date
    source: str = "packaged"  # packaged | agency
    notes: str | None = None
    file: str = ""
    line: int = 0
    layer: int = 0
    key: str = ""
    romanization_key: str = ""
    variants: tuple[str, ...] = ()  # other ways people say it: searched, never shown as the answer
    variant_keys: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def reviewed(self) -> bool:
        return self.status == "reviewed"


class Problem(NamedTuple):
    """One defect in a phrasebook file, located as precisely as the YAML allows."""

    file: str
    line: int | None
    message: str
    field: str | None = None
    severity: str = "error"  # error | warning

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        part = f"{self.field}: " if self.field else ""
        return f"{where}: {part}{self.message}"


_NO_PLACEHOLDERS: frozenset[str] = frozenset()


def placeholders(text: str) -> frozenset[str]:
    return frozenset(PLACEHOLDER_RE.findall(text)) if "{" in text else _NO_PLACEHOLDERS


class Phrasebook:
    """English phrases plus translations; a language's files are read the first time it is asked for."""

    def __init__(
        self,
        phrases: list[Phrase],
        categories: dict[str, str],
        lang_files: dict[str, list[tuple[int, Path]]],
        text_layer: dict[str, int],
        problems: list[Problem],
        files: list[str],
    ) -> None:
        self.phrases = phrases
        self.categories = categories
        self.problems = problems  # skipped files/entries, for warnings (grows as languages load)
        self.files = files
        self._by_id = {p.id: p for p in phrases}
        self._lang_files = lang_files
        self._text_layer = text_layer  # id -> layer that set its English text
        self._translations: dict[str, dict[str, Translation]] = {}
        self._names: dict[str, str] = {}
        self._indexes: dict[frozenset[str], Index] = {}
        self._exact: dict[str, dict[str, list[str]]] = {}
        self._master_inputs: bytes | None = None  # what the English phrases were built from (derived cache key)

    # public API (contract) ------------------------------------------------------------------
    def phrase(self, phrase_id: str) -> Phrase:
        found = self._by_id.get(phrase_id)
        if found is None:
            raise NotFound(
                f"no phrase with id '{phrase_id}'",
                hint="list them with: lep phrase list   ·   find one with: lep phrase search WORDS",
                suggestions=_close_ids(phrase_id, list(self._by_id)),
            )
        return found

    def has_phrase(self, phrase_id: str) -> bool:
        return phrase_id in self._by_id

    def translation(self, phrase_id: str, lang: str) -> Translation | None:
        return self.translations(lang).get(phrase_id)

    def languages(self) -> list[str]:
        """Codes with a phrasebook file (packaged or agency), English excluded."""
        return sorted(self._lang_files)

    # helpers ----------------------------------------------------------------------------------
    def has_language(self, lang: str) -> bool:
        return lang in self._lang_files

    def translations(self, lang: str) -> dict[str, Translation]:
        """All usable translations into ``lang`` (empty when there is no file for it)."""
        if lang not in self._translations:
            self._translations[lang] = self._load_language(lang)
        return self._translations[lang]

    def name(self, lang: str) -> str | None:
        self.translations(lang)
        return self._names.get(lang)

    def index(self, langs: frozenset[str]) -> Index:
        """Search index over the English texts ("en") and/or translations in ``langs`` (built once)."""
        found = self._indexes.get(langs)
        if found is None:
            from lepcli.phrasebook import index_cache

            # Texts come with their token keys from the (cached) files: no tokenizing at search time.
            entries: list[tuple[str, str, str, str | None, tuple[str, ...]]] = []
            if MASTER in langs:
                for p in self.phrases:
                    entries.append((MASTER, p.id, p.text, p.key, p.keyword_keys))
                    paraphrases = zip(p.paraphrases, p.paraphrase_keys, strict=True)
                    entries.extend((MASTER, p.id, t, k, ()) for t, k in paraphrases)
            for lang in sorted(langs - {MASTER}):
                for t in self.translations(lang).values():
                    entries.append((lang, t.phrase_id, t.text, t.key, ()))
                    if t.romanization:  # people type pinyin, romaja, transliterated Russian...
                        entries.append((lang, t.phrase_id, t.romanization, t.romanization_key, ()))
                    for v, vkey in zip(t.variants, t.variant_keys, strict=True):
                        entries.append((lang, t.phrase_id, v, vkey, ()))
            found = self._indexes[langs] = index_cache.index(entries, langs)
        return found

    def legal_index(self) -> Index:
        """Search index over the English texts of the legal phrases only (the legal gate's second half)."""
        found = self._indexes.get(_LEGAL_KEY)
        if found is None:
            from lepcli.phrasebook import index_cache

            entries: list[index_cache.Entry] = [
                (MASTER, p.id, p.text, p.key, p.keyword_keys) for p in self.phrases if p.legal
            ]
            found = self._indexes[_LEGAL_KEY] = index_cache.index(entries, _LEGAL_KEY)
        return found

    def exact(
        self, query_key: str, langs: frozenset[str], prefer: str | None = None, skip: str | None = None
    ) -> tuple[str, str] | None:
        """(lang, phrase id) whose text has exactly this key (see phrasesearch.key), English first.

        ``prefer`` (an id prefix such as "responses."): among several exact hits, the first with it wins.
        ``skip``: ids with this prefix never match (the officer's side never answers with a reply).
        """
        first: tuple[str, str] | None = None
        if not query_key:  # an empty key (a lone combining mark, symbols) matches nothing
            return None
        for lang in ([MASTER] if MASTER in langs else []) + sorted(langs - {MASTER}):
            for pid in self._exact_table(lang).get(query_key, ()):
                if skip is not None and pid.startswith(skip):
                    continue
                if prefer is None or pid.startswith(prefer):
                    return lang, pid
                first = first or (lang, pid)
        return first

    def _exact_table(self, lang: str) -> dict[str, list[str]]:
        """Token key -> ids of the phrases with a text of exactly that key in ``lang`` (phrase order);
        built with the cached merge (see _key_table), so a lookup reads it instead of building it."""
        if lang != MASTER:
            self.translations(lang)  # loading a language stores its table
        table = self._exact.get(lang)
        if table is None:
            found = self.phrases if lang == MASTER else self.translations(lang).values()
            table = self._exact[lang] = _key_table(found)
        return table

    def in_category(self, category: str | None) -> list[Phrase]:
        return [p for p in self.phrases if category is None or p.category == category]

    def _load_language(self, lang: str) -> dict[str, Translation]:
        files = self._lang_files.get(lang, [])
        inputs = None if self._master_inputs is None else _inputs(files, self._master_inputs)
        state = None if inputs is None else _derived_get(lang, inputs)
        if state is None:
            state = self._check_language(lang, files)
            if inputs is not None:
                _derived_put(lang, inputs, state)
        if state["name"]:
            self._names.setdefault(lang, state["name"])
        self.problems.extend(tuple.__new__(Problem, p) for p in state["problems"])
        self._exact[lang] = state["exact"]
        return {t[0]: tuple.__new__(Translation, t) for t in state["translations"]}

    def _check_language(self, lang: str, files: list[tuple[int, Path]]) -> dict[str, Any]:
        merged: dict[str, Translation] = {}
        problems: list[Problem] = []
        name = None
        for layer, path in files:
            record, found = cached_record(path, lang)
            problems.extend(found)
            if record.get("fatal"):
                continue
            name = name or record.get("name")
            entries, cross = cross_check(record, path, layer, self._by_id)
            problems.extend(cross)
            merged.update({e.phrase_id: e for e in entries})
        # An agency that rewrote a phrase's English text makes older translations of it stale.
        kept = [t for t in merged.values() if t.layer >= self._text_layer.get(t.phrase_id, 0)]
        return {
            "name": name,
            "problems": [tuple(p) for p in problems],
            "translations": [tuple(t) for t in kept],
            "exact": _key_table(kept),
        }


def _key_table(entries: Iterable[Phrase | Translation]) -> dict[str, list[str]]:
    """Token key -> the ids of the phrases (or translations) with a text of that key: its own text, a
    paraphrase, romanization or variant; in order, each id once per key."""
    table: dict[str, list[str]] = {}
    for e in entries:
        if isinstance(e, Phrase):
            pid, keys = e.id, (e.key, *e.paraphrase_keys)
        else:
            pid, keys = e.phrase_id, (e.key, e.romanization_key, *e.variant_keys)
        for k in keys:
            if k:
                ids = table.setdefault(k, [])
                if not ids or ids[-1] != pid:
                    ids.append(pid)
    return table


# -- loading -------------------------------------------------------------------------------------

_LOADED: dict[tuple[Any, ...], Phrasebook] = {}
_LEGAL_KEY = frozenset({"<legal>"})


def folders() -> list[tuple[int, Path]]:
    """(layer, folder): 0 is the package, 1.. are agency folders in override order."""
    return [(0, paths.packaged_phrasebooks_dir()), *((n + 1, d) for n, d in enumerate(paths.agency_phrasebook_dirs()))]


def yaml_files(folder: Path) -> list[tuple[str, Path, int, int]]:
    """(stem, path, size, mtime) of the YAML files in ``folder``."""
    return sorted((name.rsplit(".", 1)[0], folder / name, size, mtime) for name, size, mtime in _stamps(folder))


def load() -> Phrasebook:
    """The merged phrasebook (packaged + agency folders), memoised while no file's name, size or mtime
    changes (the disk caches under it key on content)."""
    layers = folders()
    key = tuple((str(folder), _stamps(folder)) for _, folder in layers)
    book = _LOADED.get(key)
    if book is None:
        book = _build([(layer, yaml_files(folder)) for layer, folder in layers])
        _LOADED.clear()
        _LOADED[key] = book
    return book


def _stamps(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """(name, size, mtime) of the YAML files in ``folder``: what :func:`load`'s memo checks at every call."""
    try:
        with os.scandir(folder) as entries:
            found = []
            for entry in entries:
                if entry.name.endswith((".yaml", ".yml")) and not entry.name.startswith("."):
                    try:
                        st = entry.stat()
                    except OSError:
                        continue
                    found.append((entry.name, st.st_size, st.st_mtime_ns))
    except OSError:
        return ()
    return tuple(sorted(found))


def _build(listing: list[tuple[int, list[tuple[str, Path, int, int]]]]) -> Phrasebook:
    masters = [(layer, path) for layer, entries in listing for stem, path, _s, _m in entries if stem == MASTER]
    inputs = _inputs(masters)
    state = None if inputs is None else _derived_get(MASTER, inputs)
    if state is None:
        state = _merge_masters(masters)
        if inputs is not None and state["fatal"] is None:
            _derived_put(MASTER, inputs, state)
    if state["fatal"] is not None:
        message, file, line = state["fatal"]
        raise ConfigError(message, file=file, line=line)
    phrases = [tuple.__new__(Phrase, t) for t in state["phrases"]]
    by_master = iter(state["problems"])  # one list per master file, in listing order
    problems: list[Problem] = []
    lang_files: dict[str, list[tuple[int, Path]]] = {}
    files: list[str] = []
    for layer, entries in listing:
        for stem, path, _size, _mtime in entries:
            if stem in NOT_LANGUAGE_FILES:
                continue
            if stem == MASTER:
                problems.extend(tuple.__new__(Problem, p) for p in next(by_master))
                if not state["skipped"].get(str(path)):
                    files.append(str(path))
            elif known_code(stem):
                files.append(str(path))
                lang_files.setdefault(stem, []).append((layer, path))
            else:
                problems.append(Problem(str(path), None, unknown_code_message(stem), severity="warning"))
    if not state["packaged"]:
        raise ConfigError(
            "the packaged English phrasebook (en.yaml) is missing",
            file=str(paths.packaged_phrasebooks_dir() / "en.yaml"),
            hint="reinstall lepcli",
        )
    book = Phrasebook(phrases, state["categories"], lang_files, state["text_layer"], problems, files)
    book._master_inputs = inputs
    book._exact[MASTER] = state["exact"]
    return book


def _merge_masters(masters: list[tuple[int, Path]]) -> dict[str, Any]:
    """The English phrases of every master file merged in layer order (what the derived cache holds)."""
    phrases: dict[str, Phrase] = {}
    categories: dict[str, str] = {}
    text_layer: dict[str, int] = {}
    per_file: list[list[Problem]] = []
    skipped: dict[str, bool] = {}
    fatal = None
    packaged = False
    for layer, path in masters:
        record, found = cached_record(path, MASTER)
        file_problems = list(found)
        per_file.append(file_problems)
        if record.get("fatal"):
            skipped[str(path)] = True
            if layer == 0 and fatal is None:
                fatal = (found[0].message if found else "unreadable", str(path), found[0].line if found else None)
            continue
        packaged = packaged or layer == 0
        merge_master(record, path, layer, phrases, categories, text_layer, file_problems)
    return {
        "phrases": [tuple(p) for p in phrases.values()],
        "exact": _key_table(phrases.values()),
        "categories": categories,
        "text_layer": text_layer,
        "problems": [[tuple(p) for p in ps] for ps in per_file],
        "skipped": skipped,
        "fatal": fatal,
        "packaged": packaged,
    }


# The merged English phrases and each language's checked translations are cached as marshal (~1 ms to
# read, against ~10 ms to decode the per-file JSON and merge and check it again), keyed on the content
# of every file they come from (never size or mtime) and the parser's code stamp.


def _inputs(files: list[tuple[int, Path]], base: bytes = b"") -> bytes | None:
    """What a derived value is built from: these files' layers, paths and content digests (None: unreadable)."""
    import marshal

    from lepcli.files import cache, reading

    try:
        return base + marshal.dumps(
            [(layer, str(path), cache.digest(reading.read_config(path))) for layer, path in files], 2
        )
    except ConfigError:
        return None  # the uncached path reports it


def _derived_get(name: str, inputs: bytes) -> Any:
    from lepcli.files import cache

    state = cache.derived_get("books", name, inputs, _cache_version())
    return state if isinstance(state, dict) else None


def _derived_put(name: str, inputs: bytes, state: dict[str, Any]) -> None:
    from lepcli.files import cache

    cache.derived_put("books", name, inputs, _cache_version(), state)


def merge_master(
    record: dict[str, Any],
    path: Path,
    layer: int,
    phrases: dict[str, Phrase],
    categories: dict[str, str],
    text_layer: dict[str, int],
    problems: list[Problem],
) -> None:
    source = "packaged" if layer == 0 else "agency"
    categories.update(record["categories"])
    for item in record["phrases"]:
        if item["category"] not in categories:
            problems.append(
                Problem(str(path), item["line"], f"unknown category '{item['category']}'", f"{item['id']}.category")
            )
            continue
        old = phrases.get(item["id"])
        legal = bool(item["legal"]) or (old is not None and old.legal)  # an override cannot clear `legal`
        if old is not None and old.legal and not item["legal"]:
            problems.append(
                Problem(str(path), item["line"], "cannot clear legal: true of a packaged phrase (kept)", item["id"])
            )
        phrases[item["id"]] = Phrase(
            id=item["id"],
            text=item["text"],
            category=item["category"],
            urgent=bool(item["urgent"]),
            legal=legal,
            answer=item["answer"],
            notes=item["notes"],
            keywords=tuple(item["keywords"]),
            paraphrases=tuple(item.get("paraphrases", ())),
            paraphrase_keys=tuple(item.get("pkeys", ())),
            keyword_keys=tuple(item.get("kwkeys", ())),
            source=source,
            file=str(path),
            line=item["line"],
            layer=layer,
            key=item.get("key", ""),
        )
        if old is None or old.text != item["text"]:
            text_layer[item["id"]] = layer


def known_code(code: str) -> bool:
    from lepcli import languages

    return languages.is_curated(code)


def unknown_code_message(stem: str) -> str:
    return f"'{stem}' is not a language code lepcli knows; name the file <code>.yaml as `lep lang` shows it"


def _script(code: str) -> str:
    from lepcli import languages

    return languages.get(code).script


def _close_ids(query: str, ids: list[str]) -> list[str]:
    from rapidfuzz import fuzz, process

    return [c for c, _s, _i in process.extract(query, ids, scorer=fuzz.WRatio, limit=5, score_cutoff=60)]


# -- parsing one file (file-local checks; result cached) -------------------------------------------


def _cache_version() -> list[Any]:
    """The parser's code stamp: an edit to the parser, the tokenizer or the YAML reader re-parses every file."""
    here = Path(__file__).parent
    code = (here / "__init__.py", here / "search.py", here.parent / "files" / "yamldoc.py")
    return [CACHE_VERSION, *(path.stat().st_mtime_ns for path in code)]


def _key(text: str) -> str:
    from lepcli.phrasebook.search import key

    return key(text)


def cached_record(path: Path, stem: str) -> tuple[dict[str, Any], list[Problem]]:
    """Parsed, file-locally validated content of one phrasebook file, from the cache if these bytes were seen."""
    from lepcli.files import cache, reading

    try:
        raw = reading.read_config(path)
    except ConfigError as exc:
        return {"fatal": True}, [Problem(str(path), exc.line, exc.detail, exc.field)]
    stored = cache.through("phrasebooks", path, raw, _cache_version(), lambda: _parse_stored(path, raw, stem))
    return stored["record"], [Problem(**p) for p in stored["problems"]]


def _parse_stored(path: Path, raw: bytes, stem: str) -> dict[str, Any]:
    record, problems = parse_file(path, stem, raw)
    return {"record": record, "problems": jsonable.to_json(problems)}


def parse_file(path: Path, stem: str, raw: bytes | None = None) -> tuple[dict[str, Any], list[Problem]]:
    from lepcli.files import yamldoc as yamlfile

    try:
        doc = yamlfile.load(path) if raw is None else yamlfile.parse(path, raw)
    except ConfigError as exc:
        return {"fatal": True}, [Problem(str(path), exc.line, exc.detail, exc.field)]
    return parse_master(doc) if stem == MASTER else parse_language(doc, stem)


class _Collector:
    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.file = str(doc.path)
        self.problems: list[Problem] = []
        for key, line in doc.duplicates:
            self.problems.append(Problem(self.file, line, "duplicate key (the earlier one is ignored)", _dotted(key)))
        # values that cannot be what YAML made of them (2026-02-30, a 5,000-digit number) stay text: say so once
        self.invalid = {key for key, _line, _message in getattr(doc, "invalid", ())}
        for key, line, message in getattr(doc, "invalid", ()):
            self.problems.append(Problem(self.file, line, message, self._entry_field(key)))

    def _entry_field(self, key: tuple[str | int, ...]) -> str:
        """``medical.are_you_hurt.reviewed_on`` for a key under translations: or phrases: (as other messages)."""
        if len(key) > 1 and key[0] == "translations":
            return _dotted(key[1:])
        if len(key) > 1 and key[0] == "phrases" and isinstance(key[1], int):
            raw = self.doc.data.get("phrases") if isinstance(self.doc.data, dict) else None
            item = raw[key[1]] if isinstance(raw, list) and key[1] < len(raw) else None
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                return _dotted((item["id"], *key[2:]))
        return _dotted(key)

    def add(self, message: str, *key: str | int, field: str | None = None, severity: str = "error") -> None:
        if key in self.invalid:  # already reported as "not a real date" / "too many digits"
            return
        line = self.doc.line(*key)
        self.problems.append(Problem(self.file, line, message, field or _dotted(key) or None, severity))


def _dotted(key: tuple[str | int, ...]) -> str:
    return ".".join(str(k) for k in key)


def _header(c: _Collector, data: Any, stem: str, body: str) -> bool:
    if not isinstance(data, dict):
        c.add(f"expected a mapping with `language:` and `{body}:`, found {type(data).__name__}")
        return False
    lang = data.get("language")
    if lang is None:
        c.add(f"missing `language: {stem}` header", field="language")
        return False
    if lang != stem:
        c.add(f"says language '{lang}' but the file is named {stem}.yaml", "language")
        return False
    return True


def parse_master(doc: Any) -> tuple[dict[str, Any], list[Problem]]:
    c = _Collector(doc)
    data = doc.data
    if not _header(c, data, MASTER, "phrases"):
        return {"fatal": True}, c.problems
    for key in data:
        if key not in ("language", "categories", "phrases"):
            c.add(f"unknown field '{key}'", key)
    categories: dict[str, str] = {}
    raw_cats = data.get("categories") or {}
    if not isinstance(raw_cats, dict):
        c.add("categories must be a mapping of id: title", "categories")
        raw_cats = {}
    for cid, title in raw_cats.items():
        if not isinstance(cid, str) or not re.fullmatch(r"[a-z0-9_]+", cid):
            c.add("category id must be lowercase letters, digits, _", "categories", str(cid))
        elif not isinstance(title, str) or not title.strip():
            c.add("category title is empty", "categories", cid)
        else:
            categories[cid] = title.strip()
    raw = data.get("phrases")
    if not isinstance(raw, list):
        c.add("`phrases:` must be a list", "phrases")
        raw = []
    phrases: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for n, item in enumerate(raw):
        parsed = _parse_phrase(c, n, item, seen)
        if parsed is not None:
            phrases.append(parsed)
    return {"categories": categories, "phrases": phrases}, c.problems


def _parse_phrase(c: _Collector, n: int, item: Any, seen: dict[str, int]) -> dict[str, Any] | None:
    line = c.doc.line("phrases", n)
    if not isinstance(item, dict):
        c.add("each phrase must be a mapping with id, text, category", "phrases", n)
        return None
    pid = item.get("id")
    if not isinstance(pid, str) or not ID_RE.match(pid):
        c.add("id must look like category.name ([a-z0-9_.] only)", "phrases", n, "id", field="id")
        return None
    if pid in seen:
        c.add(f"duplicate id (first at line {seen[pid]})", "phrases", n, "id", field=pid)
        return None
    seen[pid] = line or 0
    for key in item:
        if key not in PHRASE_KEYS:
            c.add(f"unknown field '{key}'", "phrases", n, key, field=f"{pid}.{key}")
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        c.add("text is empty", "phrases", n, "text", field=f"{pid}.text")
        return None
    category = item.get("category")
    if not isinstance(category, str):
        c.add("category is missing", "phrases", n, field=f"{pid}.category")
        return None
    if pid.split(".", 1)[0] != category:
        c.add(f"id must start with its category '{category}.'", "phrases", n, "id", field=pid)
    flags = {}
    for flag in ("urgent", "legal"):
        value = item.get(flag, False)
        if not isinstance(value, bool):
            c.add(f"{flag} must be true or false", "phrases", n, flag, field=f"{pid}.{flag}")
            value = flag == "legal"  # an unclear legal flag is treated as legal: the safe side
        flags[flag] = value
    answer = item.get("answer")
    if answer is not None and answer not in ANSWERS:
        c.add(f"answer must be one of {', '.join(ANSWERS)}", "phrases", n, "answer", field=f"{pid}.answer")
        answer = None
    notes = item.get("notes")
    if notes is not None and not isinstance(notes, str):
        c.add("notes must be text", "phrases", n, "notes", field=f"{pid}.notes")
        notes = None
    keywords = item.get("keywords") or []
    if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
        c.add("keywords must be a list of words", "phrases", n, "keywords", field=f"{pid}.keywords")
        keywords = []
    paraphrases = item.get("paraphrases") or []
    if not isinstance(paraphrases, list) or not all(isinstance(k, str) and k.strip() for k in paraphrases):
        c.add("paraphrases must be a list of non-empty texts", "phrases", n, "paraphrases", field=f"{pid}.paraphrases")
        paraphrases = []
    return {
        "id": pid,
        "text": text.strip(),
        "category": category,
        "urgent": flags["urgent"],
        "legal": flags["legal"],
        "answer": answer,
        "notes": notes,
        "keywords": [k.strip() for k in keywords if k.strip()],
        "paraphrases": [k.strip() for k in paraphrases],
        "pkeys": [_key(k) for k in paraphrases],
        "kwkeys": [_key(k) for k in keywords if k.strip()],
        "line": line,
        "key": _key(text),
    }


def parse_language(doc: Any, stem: str) -> tuple[dict[str, Any], list[Problem]]:
    c = _Collector(doc)
    data = doc.data
    if not _header(c, data, stem, "translations"):
        return {"fatal": True}, c.problems
    for key in data:
        if key not in ("language", "name", "translations"):
            c.add(f"unknown field '{key}'", key)
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        c.add("missing `name:` (the language's English name)", field="name")
        name = None
    raw = data.get("translations")
    if not isinstance(raw, dict):
        c.add("`translations:` must be a mapping of phrase id to translation", "translations")
        raw = {}
    needs_roman = _script(stem) != "Latn"
    entries: dict[str, dict[str, Any]] = {}
    for pid, item in raw.items():
        parsed = _parse_translation(c, str(pid), item, needs_roman)
        if parsed is not None:
            entries[str(pid)] = parsed
    record = {"name": name.strip() if name else None, "translations": entries, "line": c.doc.line("translations")}
    return record, c.problems


def _parse_translation(c: _Collector, pid: str, item: Any, needs_roman: bool) -> dict[str, Any] | None:
    key = ("translations", pid)
    line = c.doc.line(*key)
    if not isinstance(item, dict):
        c.add("expected a mapping with text, pronunciation, status", *key, field=pid)
        return None
    for k in item:
        if k not in TRANSLATION_KEYS:
            c.add(f"unknown field '{k}'", *key, k, field=f"{pid}.{k}")
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        c.add("text is empty", *key, "text", field=f"{pid}.text")
        return None
    out: dict[str, Any] = {"text": text.strip(), "line": line}
    for k in ("pronunciation", "romanization", "reviewed_by", "notes"):
        value = item.get(k)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            c.add(f"{k} must be non-empty text", *key, k, field=f"{pid}.{k}")
            value = None
        out[k] = value.strip() if isinstance(value, str) else None
    if out["pronunciation"] is None and "pronunciation" not in item:
        c.add("pronunciation is missing (a respelling an English speaker can read aloud)", *key, field=pid)
    if needs_roman and out["romanization"] is None and "romanization" not in item:
        c.add("romanization is missing (required for a non-Latin script)", *key, field=pid)
    status = item.get("status")
    if status is None:
        c.add("status is missing (draft | reviewed | machine); treated as draft", *key, field=f"{pid}.status")
        status = "draft"
    elif status not in STATUSES:
        c.add(f"status must be one of {', '.join(STATUSES)}; entry skipped", *key, "status", field=f"{pid}.status")
        return None
    reviewed_on = item.get("reviewed_on")
    if reviewed_on is not None:
        reviewed_on = _iso_date(reviewed_on)
        if reviewed_on is None:
            c.add("reviewed_on must be a date like 2026-11-20", *key, "reviewed_on", field=f"{pid}.reviewed_on")
    if status == "reviewed" and (not out["reviewed_by"] or not reviewed_on):
        c.add("status reviewed needs reviewed_by and reviewed_on; treated as draft", *key, "status", field=pid)
        status = "draft"
    out["status"] = status
    out["reviewed_on"] = reviewed_on
    out["key"] = _key(out["text"])
    out["rkey"] = _key(out["romanization"]) if out["romanization"] else ""
    out["variants"] = _parse_variants(c, key, item.get("variants"), pid)
    out["vkeys"] = [_key(v) for v in out["variants"]]
    return out


def _parse_variants(c: _Collector, key: tuple[str, str], raw: Any, pid: str) -> list[str]:
    """`variants:` a list of other common wordings (searched, never shown as the answer)."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        c.add("variants must be a list of texts", *key, "variants", field=f"{pid}.variants")
        return []
    out: list[str] = []
    for n, v in enumerate(raw):
        if not isinstance(v, str) or not v.strip():
            c.add("each variant must be non-empty text", *key, "variants", n, field=f"{pid}.variants")
        elif v.strip() not in out:
            out.append(v.strip())
    return out


def _iso_date(value: Any) -> str | None:
    import datetime as dt

    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            return None
    return None


# -- checks that need the English master ----------------------------------------------------------


def cross_check(
    record: dict[str, Any], path: Path, layer: int, phrases: dict[str, Phrase]
) -> tuple[list[Translation], list[Problem]]:
    lang = path.stem
    problems: list[Problem] = []
    out: list[Translation] = []
    source = "packaged" if layer == 0 else "agency"
    for pid, e in record["translations"].items():
        phrase = phrases.get(pid)
        if phrase is None:
            problems.append(Problem(str(path), e["line"], "unknown phrase id (not in en.yaml)", pid))
            continue
        want, got = phrase.placeholders, placeholders(e["text"])
        if want != got:
            problems.append(
                Problem(
                    str(path),
                    e["line"],
                    f"placeholders {_fmt(got)} do not match the English {_fmt(want)}; entry skipped",
                    f"{pid}.text",
                )
            )
            continue
        variants = []
        for v, vkey in zip(e.get("variants", []), e.get("vkeys", []), strict=True):
            if placeholders(v) != want:
                problems.append(
                    Problem(
                        str(path),
                        e["line"],
                        f"variant '{v}' has placeholders {_fmt(placeholders(v))}, the English {_fmt(want)}; "
                        "variant skipped",
                        f"{pid}.variants",
                    )
                )
            else:
                variants.append((v, vkey))
        out.append(
            Translation(
                phrase_id=pid,
                lang=lang,
                text=e["text"],
                pronunciation=e["pronunciation"],
                romanization=e["romanization"],
                status=e["status"],
                reviewed_by=e["reviewed_by"],
                reviewed_on=e["reviewed_on"],
                source=source,
                notes=e["notes"],
                file=str(path),
                line=e["line"] or 0,
                layer=layer,
                key=e.get("key", ""),
                romanization_key=e.get("rkey", ""),
                variants=tuple(v for v, _k in variants),
                variant_keys=tuple(k for _v, k in variants),
            )
        )
    return out, problems


def _fmt(names: frozenset[str]) -> str:
    return "{" + ", ".join(sorted(names)) + "}" if names else "(none)"


def agency_problems(book: Phrasebook | None = None) -> list[Problem]:
    """Problems found so far in agency files (their broken files/entries were skipped)."""
    book = book or load()
    packaged = str(paths.packaged_phrasebooks_dir())
    return [p for p in book.problems if not p.file.startswith(packaged)]
