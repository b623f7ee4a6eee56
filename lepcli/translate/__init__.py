"""`lep translate`: the tiered answer. Never blurs the tiers, always says which one answered.

Tier 1, phrasebook: the typed text matches a phrase (exactly, or closely enough: score >= MATCH_SCORE),
  in English or, for the reverse direction, in any phrasebook language. The answer is the phrasebook
  translation with its pronunciation, romanization and status (REVIEWED / DRAFT / MACHINE).
  Legal phrases (rights, consent to search, statements, victim interviews): a reviewed translation is
  the answer; a draft one is shown only under a LEGAL warning to use the interpreter line instead;
  no translation at all is REFUSED (exit 7): legal text is never machine-translated.
Tier 2, machine translation (``lepcli.mt``): only when no phrase matches and ``looks_legal`` is false.
  No model: Unavailable (exit 6) with the interpreter line.
Tier 3, the interpreter line (``lepcli.agency.lines.interpreter_pointer``) is named whenever the answer is
  not a reviewed translation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from lepcli import jsonable, policy
from lepcli import phrasebook as pb
from lepcli.errors import BadInput, Refused, Unavailable
from lepcli.policy import LegalRisk

MATCH_SCORE = 80.0  # tier 1 answers only at or above this score (0-100) ...
MATCH_COVER = 0.75  # ... and when the phrase accounts for this much of what was typed
WORDS_YIELD_SCORE = 85.0  # a non-legal phrase found this surely overrules the legal gate's word model
SUGGEST_SCORE = 45.0
# The officer's side (and a reply, into English) also answers when one phrase stands clearly above the
# rest: at least MARGIN_FLOOR,
# covering MARGIN_COVER of what was typed, and MARGIN points ahead of the next phrase.
MARGIN_FLOOR = 60.0
MARGIN_COVER = 0.5
MARGIN = 7.0
# Into English the typed text is a person's reply: a `responses.*` phrase within this many points of
# a question ("Tô com dor no peito" vs "Você está com dor no peito?") is the answer; the question is
# listed as the close alternative.
REPLY_PREFIX = "responses."
REPLY_MARGIN = 15.0

# Into English a non-reply phrase (an officer's question or command) answers only this sure: a person's
# words that only resemble "Don't move." are "not sure", never that meaning.
NON_REPLY_SCORE = 90.0
NON_REPLY_COVER = 0.8  # ... and only when the typed text says most of the phrase
REPLY_COVER = 0.5  # a reply answers when the typed words say at least half of it ("socorro" is not
# "Socorro, ¡mi hijo!": the child is what matters)


def looks_legal(text: str) -> bool:
    """True when ``text`` reads as legal-risk talk (the gate of lepcli.translate.gate)."""
    from lepcli.translate import gate

    return gate.looks_legal(text)


@jsonable.shape(extra=[("label", lambda s: pb.STATUS_LABELS[s.status] if s.status else None)])
@dataclass(eq=False, repr=False)  # results, never compared: ~0.5 ms less to define at every start
class Suggestion:
    """A close phrase offered when lepcli is not sure, with what it would say."""

    id: str
    text: str  # the English phrase
    score: float
    translation: str | None = None  # in the target language (None into English: ``text`` is the answer)
    pronunciation: str | None = None
    romanization: str | None = None
    status: str | None = None


@jsonable.shape(
    skip=("exit_code",),
    extra=[("tier", lambda n: "none"), ("sure", lambda n: False)],
    order=("tier", "sure", "source", "target", "target_name", "reason", "suggestions", "interpreter"),
)
@dataclass(eq=False, repr=False)
class NotSure:
    """No phrase matched confidently and nothing else may answer: the closest phrases, numbered (exit 4)."""

    source: str | None
    target: str
    target_name: str
    suggestions: list[Suggestion]
    interpreter: str
    reason: str
    exit_code: int = 4


def _phrase_json(p: pb.Phrase | None) -> dict[str, Any] | None:
    """The answer names its phrase by these few keys (the phrase's own JSON has more)."""
    return None if p is None else {"id": p.id, "text": p.text, "category": p.category, "urgent": p.urgent,
                                   "legal": p.legal}  # fmt: skip


@jsonable.shape(
    skip=("exit_code", "machine_label"),
    extra=("label",),
    convert={"phrase": _phrase_json},
    order=("tier", "source", "target", "target_name", "text", "pronunciation", "romanization", "status", "label"),
)
@dataclass(eq=False, repr=False)
class TranslationAnswer:
    tier: str  # phrasebook | machine
    source: str  # language of the typed text (as matched or assumed)
    target: str
    target_name: str
    text: str
    status: str  # reviewed | draft | machine
    pronunciation: str | None = None
    romanization: str | None = None
    reviewed_by: str | None = None
    reviewed_on: str | None = None
    notes: str | None = None
    phrase: pb.Phrase | None = None
    score: float | None = None
    matched_lang: str | None = None
    matched_text: str | None = None
    legal_warning: bool = False
    warnings: list[str] = field(default_factory=list)
    interpreter: str | None = None
    suggestions: list[Suggestion] = field(default_factory=list)
    exit_code: int = 0
    machine_label: str | None = None  # "MACHINE TRANSLATION (County MT): verify" when a server answered
    rtl: bool = False

    @property
    def label(self) -> str:
        return self.machine_label or pb.STATUS_LABELS[self.status]


def interpreter_line(code: str) -> str:
    """The interpreter line to call for ``code`` (tier 3), or a generic pointer when none is configured."""
    from lepcli.agency import lines

    pointer = lines.interpreter_pointer(code)
    if pointer:
        return pointer
    return policy.interpreter_fallback(code)


class _Found(NamedTuple):  # a NamedTuple: cheaper to define than a dataclass at every start-up
    phrase: pb.Phrase
    score: float
    lang: str
    text: str
    fill: dict[str, str]


def translate(text: str, target: str, source: str | None = "en") -> TranslationAnswer | NotSure:
    """Translate ``text`` into ``target`` (codes as lepcli.languages uses them); see module doc.

    ``source=None`` means any language: English first, then every phrasebook language.
    """
    from lepcli import languages
    from lepcli.text import typed as textinput

    text = textinput.vet(text, what="text to translate")
    from lepcli.phrasebook.search import tokens

    if not tokens(text):
        raise BadInput("no words to translate (only punctuation, symbols or marks)")
    if source == target:
        raise BadInput(f"source and target are the same language ({target})", hint="use --to for the other language")
    book = pb.load()
    lang = languages.get(target)
    gated, risk, found, near = _decide(book, text, target, source)
    if risk is not None:
        # Legal-risk talk is answered only by a legal phrase (and _from_phrase shows it only when reviewed).
        if found is not None and found.phrase.legal:
            return _from_phrase(book, found, lang, [])
        raise _refusal(lang, target, risk.label)
    if found is not None:
        return _from_phrase(book, found, lang, near)
    # The English gate already ran on the officer's words: only the foreign legal words are left to check.
    if policy.looks_legal_foreign(text) if gated else policy.looks_legal_any_language(text):
        raise _refusal(lang, target, "legal content")
    src = source or _guess_source(text, target)
    return _machine(book, text, src, lang, near, phrase=None)


def phrase_answer(phrase_id: str, target: str) -> TranslationAnswer:
    """The answer for a phrase picked by id (a tile, a numbered suggestion): no search, same rules
    (a legal phrase only when reviewed, else Refused; no translation: MT where a model exists)."""
    from lepcli import languages

    book = pb.load()
    phrase = book.phrase(phrase_id)
    found = _Found(phrase, 100.0, pb.MASTER, phrase.text, {})
    return _from_phrase(book, found, languages.get(target), [])


class Match(NamedTuple):
    """Which phrase a text says, as `lep translate` decides it (no translation, no MT)."""

    phrase_id: str | None  # None: not sure
    score: float
    legal_risk: str | None  # the legal gate's kind, when it fired
    close: list[str]  # the phrases offered when not sure (or the runners-up)


def match(text: str, target: str, source: str | None = "en") -> Match:
    """The phrase ``text`` says when translating into ``target`` (the legal gate included)."""
    _gated, risk, found, near = _decide(pb.load(), text, target, source)
    if risk is not None and (found is None or not found.phrase.legal):
        return Match(None, 0.0, risk.kind, [])
    if found is None:
        return Match(None, 0.0, None, [f.phrase.id for f in near])
    return Match(found.phrase.id, found.score, risk.kind if risk else None, [f.phrase.id for f in near])


def _decide(
    book: pb.Phrasebook, text: str, target: str, source: str | None
) -> tuple[bool, LegalRisk | None, _Found | None, list[_Found]]:
    """The legal gate (on the officer's English words) and the phrase search, as translate() and
    match() both decide: (gate ran, its risk, the phrase found, the close phrases)."""
    gated = target != pb.MASTER and source in (None, pb.MASTER)
    risk = None
    found, near = _find(book, text, target, source)
    if gated:
        from lepcli.translate import gate

        # No phrase found: the text is on its way to machine translation, and meets the stricter check.
        risk = gate.check(text, book, before_machine=found is None)
    if risk is not None and risk.why == "words" and found is not None and found.score >= WORDS_YIELD_SCORE:
        # The word model is the gate's weakest half: a wording this close to an everyday phrase is that
        # phrase ("is he here now"). The lexicon and closeness to a legal phrase are never overruled.
        if not found.phrase.legal:
            risk = None
    return gated, risk, found, near


def _refusal(lang: Any, target: str, what: str) -> Refused:
    return Refused(
        f"this reads as {what}: it is never machine-translated, and only a reviewed phrase may say it",
        hint=f"use a qualified {lang.name} interpreter: {interpreter_line(target)}",
    )


def _find(book: pb.Phrasebook, text: str, target: str, source: str | None) -> tuple[_Found | None, list[_Found]]:
    """The phrase ``text`` says (or None) and the closest other phrases (never legal ones, never replies
    on the officer's side)."""
    officer = target != pb.MASTER
    skip = REPLY_PREFIX if officer else None
    query = text
    if source in (None, pb.MASTER) and officer:
        templ = _template_match(book, text)
        if templ is not None:
            return templ, []
        from lepcli.phrasebook.search import strip_filler

        query = strip_filler(text)
        order = [frozenset({pb.MASTER})]
        if source is None:
            order.append(frozenset(c for c in book.languages() if c != target))
    elif source is None:  # into English: the text is in some phrasebook language
        order = [frozenset(c for c in book.languages())]
    else:
        order = [frozenset({source})] if source == pb.MASTER or book.has_language(source) else []
    near: list[_Found] = []
    from lepcli.phrasebook.search import key

    text_key = key(query)
    prefer = REPLY_PREFIX if not officer else None

    def allowed(doc: Any) -> bool:
        return skip is None or not doc.phrase_id.startswith(skip)

    for langs in order:
        if not langs:
            continue
        hit = book.exact(text_key, langs, prefer, skip)  # no index needed: keys come with the (cached) files
        if hit is not None:
            lang, pid = hit
            t = book.translation(pid, lang) if lang != pb.MASTER else None
            return _Found(book.phrase(pid), 100.0, lang, t.text if t else book.phrase(pid).text, {}), []
        index = book.index(langs)
        best: dict[str, Any] = {}
        for m in index.search(query, strict=True, allowed=allowed):
            if m.phrase_id not in best or m.score > best[m.phrase_id].score:
                best[m.phrase_id] = m
        ranked = sorted(best.values(), key=lambda m: (-m.score, -m.phrase_cover))
        preferred = False
        if prefer is not None and not _is_question(text):
            ranked, preferred = _prefer_replies(ranked, prefer)
        if ranked and (
            ((preferred or ranked[0].score >= MATCH_SCORE) and ranked[0].query_cover >= MATCH_COVER)
            or ((officer or ranked[0].phrase_id.startswith(REPLY_PREFIX)) and _stands_out(ranked))
        ):
            m = ranked[0]
            sure = (
                officer
                or (m.phrase_id.startswith(REPLY_PREFIX) and m.phrase_cover >= REPLY_COVER)
                or (m.score >= NON_REPLY_SCORE and m.phrase_cover >= NON_REPLY_COVER)
            )
            if sure:
                rest = [_Found(book.phrase(r.phrase_id), r.score, r.lang, r.text, {}) for r in ranked[1:4]]
                return _Found(book.phrase(m.phrase_id), m.score, m.lang, m.text, {}), _suggestable(book, rest)
        near.extend(_Found(book.phrase(r.phrase_id), r.score, r.lang, r.text, {}) for r in ranked[:6])
    unique: dict[str, _Found] = {}
    for f in sorted(near, key=lambda f: -f.score):
        unique.setdefault(f.phrase.id, f)
    return None, _suggestable(book, list(unique.values()))[:3]


def _stands_out(ranked: list[Any]) -> bool:
    top = ranked[0]
    runner_up = ranked[1].score if len(ranked) > 1 else 0.0
    return bool(top.score >= MARGIN_FLOOR and top.query_cover >= MARGIN_COVER and top.score - runner_up >= MARGIN)


def _suggestable(book: pb.Phrasebook, found: list[_Found]) -> list[_Found]:
    """Close phrases worth offering: score high enough, and never a legal phrase (the input was not legal)."""
    return [f for f in found if f.score >= SUGGEST_SCORE and not f.phrase.legal]


def _is_question(text: str) -> bool:
    """A typed question ("¿Está herido?") is not a reply, even when a reply shares its words."""
    return any(mark in text for mark in "?¿؟？;")


def _prefer_replies(ranked: list[Any], prefix: str) -> tuple[list[Any], bool]:
    """Move the best reply phrase first when it is within REPLY_MARGIN of a question that matched.

    Returns the new order and whether a reply was moved up (it then answers even a little under
    MATCH_SCORE: the question it displaced cleared the bar and stays listed as the close alternative).
    """
    if not ranked or ranked[0].phrase_id.startswith(prefix):
        return ranked, False
    top = ranked[0]
    if top.score < MATCH_SCORE or top.query_cover < MATCH_COVER:
        return ranked, False
    for n, m in enumerate(ranked[1:], 1):
        if top.score - m.score > REPLY_MARGIN:
            break
        if m.phrase_id.startswith(prefix) and m.query_cover >= MATCH_COVER and m.phrase_cover >= 0.6:
            return [m, *ranked[:n], *ranked[n + 1 :]], True
    return ranked, False


def _template_match(book: pb.Phrasebook, text: str) -> _Found | None:
    """English phrases with placeholders: "my name is officer Diaz" -> greeting.my_name_is, name=Diaz."""
    for phrase in book.phrases:
        if not phrase.placeholders:
            continue
        parts = re.split(r"(\{[A-Za-z_][A-Za-z0-9_]*\})", phrase.text)
        pattern = r"^\W*"
        for part in parts:
            m = re.fullmatch(r"\{([A-Za-z_][A-Za-z0-9_]*)\}", part)
            if m:
                pattern += rf"(?P<{m.group(1)}>[^\n]+?)"
            else:
                words = re.findall(r"[^\W_]+", part)
                if words:
                    pattern += r"\W*" + r"\W+".join(re.escape(w) for w in words) + r"\W*"
        pattern += r"\W*$"
        found = re.match(pattern, text, re.IGNORECASE)
        if found:
            fill = {k: v.strip() for k, v in found.groupdict().items()}
            if all(fill.values()):
                return _Found(phrase, 100.0, pb.MASTER, phrase.text, fill)
    return None


def _fill(value: str | None, fill: dict[str, str]) -> str | None:
    if value is None:
        return None
    for k, v in fill.items():
        value = value.replace("{" + k + "}", v)
    return value


def _from_phrase(book: pb.Phrasebook, found: _Found, lang: Any, near: list[_Found]) -> TranslationAnswer:
    phrase, target = found.phrase, lang.code
    suggestions = suggest(book, near, target)
    matched = book.translation(phrase.id, found.lang) if found.lang != pb.MASTER else None
    if target == pb.MASTER:
        # Reverse direction: the answer is the English master text; it is only as sure as the
        # translation it was recognised from.
        status = matched.status if matched is not None else "draft"
        answer = TranslationAnswer(
            tier="phrasebook",
            source=found.lang,
            target=target,
            target_name=lang.name,
            text=_fill(phrase.text, found.fill) or phrase.text,
            status=status,
            reviewed_by=matched.reviewed_by if matched else None,
            reviewed_on=matched.reviewed_on if matched else None,
            phrase=phrase,
            score=found.score,
            matched_lang=found.lang,
            matched_text=found.text,
            suggestions=suggestions,
        )
        if status != "reviewed":
            answer.interpreter = interpreter_line(found.lang)
        return answer
    t = book.translation(phrase.id, target)
    if t is None:
        if phrase.legal:
            raise Refused(
                f"'{phrase.text}' ({phrase.id}) is legal content with no reviewed {lang.name} translation; "
                "it is never machine-translated",
                hint=f"use a qualified {lang.name} interpreter: {interpreter_line(target)}",
            )
        why = (
            f"no {lang.name} phrasebook"
            if not book.has_language(target)
            else f"'{phrase.text}' is not in the {lang.name} phrasebook yet"
        )
        english = _fill(phrase.text, found.fill) or phrase.text
        return _machine(book, english, pb.MASTER, lang, near, phrase=found, why=why)
    answer = TranslationAnswer(
        tier="phrasebook",
        source=found.lang,
        target=target,
        target_name=lang.name,
        text=_fill(t.text, found.fill) or t.text,
        status=t.status,
        pronunciation=_fill(t.pronunciation, found.fill),
        romanization=_fill(t.romanization, found.fill),
        reviewed_by=t.reviewed_by,
        reviewed_on=t.reviewed_on,
        notes=t.notes,
        phrase=phrase,
        score=found.score,
        matched_lang=found.lang,
        matched_text=found.text,
        suggestions=suggestions,
        rtl=lang.rtl,
    )
    if phrase.legal and not t.reviewed:
        withheld = Refused(
            f"'{phrase.text}' ({phrase.id}) is legal content and its {lang.name} translation is not reviewed by a "
            "qualified human: it is withheld, never spoken from a draft",
            hint=f"use a qualified {lang.name} interpreter: {interpreter_line(target)}",
        )
        withheld.phrase_id = phrase.id  # the encounter screen names it
        raise withheld
    left = phrase.placeholders - set(found.fill)
    if left:
        answer.warnings.append("fill in " + ", ".join("{" + n + "}" for n in sorted(left)) + " before you say it")
    if phrase.legal and not t.reviewed:
        answer.legal_warning = True
    if phrase.legal:
        answer.interpreter = interpreter_line(target)
    elif not t.reviewed:
        # A cheap pointer, not the computed line: looking up lines and opening hours costs ~6 ms at
        # every start, and a draft everyday phrase needs the line only when the person does not understand.
        answer.interpreter = f"not understood? call a qualified {lang.name} interpreter: lep lines {target}"
    return answer


def _guess_source(text: str, target: str) -> str:
    """Source language for machine translation when --from is not given.

    Into another language: officers type English, so Latin-script text is taken as English; other
    scripts are detected. Into English: detected, and a clear error when detection is unsure.
    """
    letters = [ch for ch in text if ch.isalpha()]
    latin = sum(1 for ch in letters if ord(ch) < 0x250)
    if target != pb.MASTER and letters and latin * 2 >= len(letters):
        return pb.MASTER
    from lepcli import detect

    result = detect.detect(text)
    if result.language is None or result.language == target:
        raise BadInput(
            "could not tell which language this text is in",
            hint="say it with --from, e.g. --from es   (lep detect TEXT shows the likely languages)",
        )
    return result.language


def suggest(book: pb.Phrasebook, near: list[_Found], target: str) -> list[Suggestion]:
    """The close phrases with what each says in ``target`` (draft or reviewed; never legal)."""
    out = []
    for f in near:
        if f.phrase.legal:
            continue
        t = book.translation(f.phrase.id, target) if target != pb.MASTER else None
        if target != pb.MASTER and (t is None or not policy.usable(f.phrase.legal, t.status)):
            continue  # nothing to say in the person's language
        out.append(
            Suggestion(
                f.phrase.id,
                f.phrase.text,
                f.score,
                t.text if t else None,
                t.pronunciation if t else None,
                t.romanization if t else None,
                t.status if t else None,
            )
        )
    return out


def _machine(
    book: pb.Phrasebook,
    text: str,
    source: str, lang: Any, near: list[_Found], *, phrase: _Found | None, why: str | None = None
) -> TranslationAnswer:
    target = lang.code
    reason = why or "no phrasebook phrase matches this text"
    # The interpreter to call speaks the other person's language: the target, or the source when
    # translating into English.
    other = source if target == pb.MASTER else target
    if other != target:
        from lepcli import languages

        lang_for_line = languages.get(other)
    else:
        lang_for_line = lang
    line = f"for a qualified {lang_for_line.name} interpreter: {interpreter_line(other)}"
    suggestions = suggest(book, near, target)
    try:
        from lepcli import mt

        done = mt.translate_labelled([text], source, target)  # names the agency's server when it answered
        out = done.texts[0]
    except (ImportError, Unavailable) as exc:
        why_not = "machine translation is not installed" if isinstance(exc, ImportError) else exc.message
        if suggestions and phrase is None:
            return NotSure(  # type: ignore[return-value]
                source, target, lang.name, suggestions, interpreter_line(other), f"{reason}, and {why_not}"
            )
        raise Unavailable(f"{reason}; {why_not}", hint=line) from None
    return TranslationAnswer(
        tier="machine",
        source=source,
        target=target,
        target_name=lang.name,
        text=out,
        status="machine",
        machine_label=done.label,
        phrase=phrase.phrase if phrase else None,
        score=phrase.score if phrase else None,
        matched_lang=phrase.lang if phrase else None,
        matched_text=phrase.text if phrase else None,
        warnings=[why + "; machine-translated from the English phrase"] if why else [],
        interpreter=interpreter_line(other),
        suggestions=suggestions,
        rtl=lang.rtl,
    )
