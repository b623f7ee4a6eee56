"""What `lep phrase ...` shows: search, show, list, coverage and check over the merged phrasebook.

Library code: each function returns a result (JSON via :mod:`lepcli.jsonable`); nothing prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lepcli import jsonable, paths
from lepcli import phrasebook as pb
from lepcli.errors import BadInput, NotFound, Unavailable

MIN_SCORE = 30.0  # below this a "hit" shares little more than a common word


def _category(book: pb.Phrasebook, category: str | None) -> str | None:
    if category is None:
        return None
    if category in book.categories:
        return category
    folded = category.strip().casefold()
    for cid, title in book.categories.items():
        if folded in (cid, title.casefold()) or title.casefold().startswith(folded):
            return cid
    raise NotFound(
        f"no category '{category}'",
        hint="categories: " + ", ".join(book.categories),
        suggestions=list(book.categories),
    )


def require_language(book: pb.Phrasebook, lang: str) -> None:
    """Raise Unavailable (exit 6) when ``lang`` has no phrasebook file at all."""
    if lang != pb.MASTER and not book.has_language(lang):
        from lepcli import languages

        name = languages.get(lang).name
        raise Unavailable(
            f"no phrasebook for {name} ({lang})",
            hint=_interpreter_hint(lang) + f"   ·   phrasebooks exist for: {', '.join(book.languages())}",
        )


def _interpreter_hint(lang: str) -> str:
    from lepcli.agency.lines import interpreter_pointer

    pointer = interpreter_pointer(lang)
    return pointer or "use your agency's telephone interpreter line (see: lep lines)"


# -- search ----------------------------------------------------------------------------------------


@jsonable.shape(skip=("phrase",), extra=[(k, f"phrase.{k}") for k in ("id", "text", "category", "urgent", "legal")])
@dataclass
class PhraseHit:
    phrase: pb.Phrase
    score: float
    matched_lang: str
    matched_text: str
    translation: pb.Translation | None = None


@dataclass
class SearchResult:
    hits: list[PhraseHit]
    lang: str | None
    category: str | None
    languages_searched: int


def search(query: str, *, category: str | None = None, lang: str | None = None, limit: int = 10) -> SearchResult:
    """Phrases matching ``query`` (English or any phrasebook language), best first."""
    book = pb.load()
    cat = _category(book, category)
    if lang is not None:
        require_language(book, lang)
    langs = frozenset({pb.MASTER, lang} if lang else {pb.MASTER, *book.languages()})
    from lepcli.phrasebook import search as phrasesearch

    if not phrasesearch.tokens(query):
        raise BadInput("nothing to search for", hint="type a few words, e.g. lep phrase search 'need ambulance'")
    index = book.index(langs)
    allowed = None if cat is None else (lambda doc: book.phrase(doc.phrase_id).category == cat)
    best: dict[str, phrasesearch.Match] = {}
    for m in index.search(query, allowed=allowed):
        if m.score >= MIN_SCORE and (m.phrase_id not in best or _better(m, best[m.phrase_id])):
            best[m.phrase_id] = m
    order = {p.id: n for n, p in enumerate(book.phrases)}

    # An English query is the officer's wording: replies (what people say back) matched in English come
    # after the officer's phrases; replies matched in another language (what the person typed) do not.
    def rank(m: phrasesearch.Match) -> tuple[bool, float, float, int]:
        reply_in_english = m.lang == pb.MASTER and m.phrase_id.startswith("responses.")
        return (reply_in_english, -m.score, -m.phrase_cover, order[m.phrase_id])

    ranked = sorted(best.values(), key=rank)[: max(1, limit)]
    if not ranked:
        raise NotFound(
            "no phrase matches",
            hint="try other or fewer words, or browse: lep phrase list" + (f" --category {cat}" if cat else ""),
        )
    hits = [
        PhraseHit(
            book.phrase(m.phrase_id),
            m.score,
            m.lang,
            m.text,
            book.translation(m.phrase_id, lang) if lang and lang != pb.MASTER else None,
        )
        for m in ranked
    ]
    return SearchResult(hits, lang, cat, len(langs))


def _better(a: Any, b: Any) -> bool:
    return (a.score, a.lang == pb.MASTER) > (b.score, b.lang == pb.MASTER)


# -- show ------------------------------------------------------------------------------------------


@jsonable.shape(skip=("category_title", "lang"))
@dataclass
class PhraseDetail:
    phrase: pb.Phrase
    category_title: str
    translations: list[pb.Translation]
    missing: list[str]
    lang: str | None


def show(phrase_id: str, *, lang: str | None = None) -> PhraseDetail:
    book = pb.load()
    phrase = book.phrase(phrase_id.strip())
    if lang is not None and lang != pb.MASTER:
        require_language(book, lang)
        t = book.translation(phrase.id, lang)
        return PhraseDetail(phrase, book.categories[phrase.category], [t] if t else [], [] if t else [lang], lang)
    found, missing = [], []
    for code in book.languages():
        t = book.translation(phrase.id, code)
        if t is None:
            missing.append(code)
        else:
            found.append(t)
    return PhraseDetail(phrase, book.categories[phrase.category], found, missing, None)


# -- list ------------------------------------------------------------------------------------------


@jsonable.shape(skip=("rows",), extra=[("phrases", lambda r: r.phrases_json())])
@dataclass
class PhraseList:
    rows: list[tuple[pb.Phrase, pb.Translation | None]]
    categories: dict[str, str]
    lang: str | None
    category: str | None

    def phrases_json(self) -> list[dict[str, Any]]:
        """Each phrase with its translation (``null`` for every phrase when no language was asked for)."""
        return [
            {**jsonable.to_json(p), "translation": jsonable.to_json(t) if self.lang else None} for p, t in self.rows
        ]


def listing(*, category: str | None = None, lang: str | None = None, urgent: bool = False) -> PhraseList:
    book = pb.load()
    cat = _category(book, category)
    if lang == pb.MASTER:
        lang = None
    if lang is not None:
        require_language(book, lang)
    rows = [
        (p, book.translation(p.id, lang) if lang else None) for p in book.in_category(cat) if p.urgent or not urgent
    ]
    return PhraseList(rows, book.categories, lang, cat)


# -- lep phrase check ------------------------------------------------------------------------------


@jsonable.shape(
    extra=["ok", ("errors", lambda r: len(r.errors)), ("warnings", lambda r: len(r.problems) - len(r.errors))]
)
@dataclass
class CheckReport:
    files: list[dict[str, Any]] = field(default_factory=list)  # file, language, layer, entries
    problems: list[pb.Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[pb.Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def ok(self) -> bool:
        return not self.errors


def check() -> CheckReport:
    """Validate every phrasebook file (packaged and agency).

    Each file is parsed through the loader's content-keyed cache (the same bytes read by the same parser
    code give the same problems, so a cached parse is never stale); merging, cross-checks and the
    package's rules run every time."""
    report = CheckReport()
    master: dict[str, pb.Phrase] = {}
    categories: dict[str, str] = {}
    text_layer: dict[str, int] = {}
    listing = [(layer, pb.yaml_files(folder)) for layer, folder in pb.folders()]
    masters = [(layer, path) for layer, files in listing for stem, path, _s, _m in files if stem == pb.MASTER]
    if not any(layer == 0 for layer, _ in masters):
        report.problems.append(pb.Problem(str(paths.packaged_phrasebooks_dir() / "en.yaml"), None, "file not found"))
    for layer, path in masters:
        record, problems = pb.cached_record(path, pb.MASTER)
        report.problems.extend(problems)
        report.files.append(_file_entry(path, pb.MASTER, layer, len(record.get("phrases", []))))
        if record.get("fatal"):
            continue
        pb.merge_master(record, path, layer, master, categories, text_layer, report.problems)
        if layer == 0:
            _check_packaged_master(record, path, report.problems)
    for layer, files in listing:
        for stem, path, _s, _m in files:
            if stem == pb.MASTER or stem in pb.NOT_LANGUAGE_FILES:
                continue
            if not pb.known_code(stem):
                report.problems.append(pb.Problem(str(path), None, pb.unknown_code_message(stem)))
                continue
            record, problems = pb.cached_record(path, stem)
            report.problems.extend(problems)
            report.files.append(_file_entry(path, stem, layer, len(record.get("translations", {}))))
            if record.get("fatal") or not master:
                continue  # without a readable en.yaml, every id would look unknown: report en.yaml alone
            _entries, cross = pb.cross_check(record, path, layer, master)
            report.problems.extend(cross)
            if layer == 0:
                _check_missing(record, path, stem, master, report.problems)
    from lepcli.phrasebook import audio  # recordings: audio/<lang>/<phrase id>.<ogg|mp3|wav>

    report.problems.extend(audio.check(master))
    report.problems.sort(key=lambda p: (p.file, p.line or 0))
    return report


def _file_entry(path: Path, lang: str, layer: int, entries: int) -> dict[str, Any]:
    return {"file": str(path), "language": lang, "source": "packaged" if layer == 0 else "agency", "entries": entries}


def _check_packaged_master(record: dict[str, Any], path: Path, problems: list[pb.Problem]) -> None:
    urgent = sum(1 for p in record["phrases"] if p["urgent"])
    if urgent != pb.URGENT_COUNT:
        problems.append(
            pb.Problem(str(path), None, f"{urgent} phrases are urgent; the package needs exactly {pb.URGENT_COUNT}")
        )
    if len(record["categories"]) < pb.MIN_CATEGORIES:
        problems.append(
            pb.Problem(str(path), None, f"only {len(record['categories'])} categories (need {pb.MIN_CATEGORIES})")
        )


def _check_missing(
    record: dict[str, Any], path: Path, lang: str, master: dict[str, pb.Phrase], problems: list[pb.Problem]
) -> None:
    have = record["translations"]
    head = record.get("line")  # missing entries have no line of their own: point at `translations:`
    for p in master.values():
        if p.urgent and p.source == "packaged" and p.id not in have:
            problems.append(pb.Problem(str(path), head, "urgent phrase not translated", p.id))
    if lang in pb.FULL_LANGUAGES:
        missing = [p.id for p in master.values() if not p.urgent and p.source == "packaged" and p.id not in have]
        if missing:
            shown = ", ".join(missing[:8]) + (", ..." if len(missing) > 8 else "")
            problems.append(
                pb.Problem(
                    str(path), head, f"{len(missing)} phrases not translated (a full language needs all): {shown}"
                )
            )


# -- coverage --------------------------------------------------------------------------------------


@jsonable.shape(
    extra=[
        ("translated_pct", lambda c: _pct(c.translated, c.total)),
        ("reviewed_pct", lambda c: _pct(c.reviewed, c.total)),
        ("legal_reviewed_pct", lambda c: _pct(c.legal_reviewed, c.legal_total)),
        ("full", lambda c: c.translated == c.total),
    ]
)
@dataclass
class LanguageCoverage:
    code: str
    name: str
    translated: int
    reviewed: int
    urgent: int
    legal_reviewed: int
    total: int
    urgent_total: int
    legal_total: int
    sources: list[str]


def _pct(n: int, d: int) -> float:
    return round(100.0 * n / d, 1) if d else 0.0


@jsonable.shape(rename={"total": "phrases"})
@dataclass
class CoverageReport:
    languages: list[LanguageCoverage]
    total: int


def coverage(book: pb.Phrasebook | None = None) -> CoverageReport:
    from lepcli import languages

    book = book or pb.load()
    total = len(book.phrases)
    urgent_ids = {p.id for p in book.phrases if p.urgent}
    legal_ids = {p.id for p in book.phrases if p.legal}
    out = []
    for code in book.languages():
        tr = book.translations(code)
        lang = languages.get(code)
        out.append(
            LanguageCoverage(
                code=code,
                name=book.name(code) or lang.name,
                translated=len(tr),
                reviewed=sum(1 for t in tr.values() if t.reviewed),
                urgent=sum(1 for pid in tr if pid in urgent_ids),
                legal_reviewed=sum(1 for pid, t in tr.items() if pid in legal_ids and t.reviewed),
                total=total,
                urgent_total=len(urgent_ids),
                legal_total=len(legal_ids),
                sources=sorted({t.source for t in tr.values()}),
            )
        )
    out.sort(key=lambda c: (languages.get(c.code).rank or 10_000, c.code))
    return CoverageReport(out, total)
