"""What the encounter screen shows: plain data (dicts ready for JSON) built from the public lepcli API.

Phrase search and the legal gate are ``lepcli.translate.translate`` (tiers never blurred); the
I-speak tiles are ``lepcli.ispeak``; the interpreter line and call script are
``lepcli.agency.lines``; audio is ``lepcli.speech``. The server (``talk.server``) only moves this
data over HTTP; the offline file (``talk.app_file``) embeds the same data.

Every text shown to the person goes out with its ``lang`` and ``dir``; every text the officer sees
carries its status label. Legal content that is not reviewed is WITHHELD: the person sees "An
interpreter will help us with this. Please wait." in their language, the officer the line to call.
"""

from __future__ import annotations

import functools
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lepcli import phrasebook as pb
from lepcli import policy
from lepcli.errors import BadInput, LepError, NotFound, Refused, Unavailable

BODY_PARTS = ("head", "chest", "stomach", "back", "arm", "leg")  # order of `body:` in data/person.yaml
# Body-outline regions: id -> (part, English the officer sees). Sides are the person's own.
BODY_REGIONS = {
    "head": ("head", "head"),
    "chest": ("chest", "chest"),
    "stomach": ("stomach", "stomach / belly"),
    "back": ("back", "back"),
    "arm_right": ("arm", "right arm (the person's right)"),
    "arm_left": ("arm", "left arm (the person's left)"),
    "leg_right": ("leg", "right leg (the person's right)"),
    "leg_left": ("leg", "left leg (the person's left)"),
}
YESNO = ("yes", "no", "dont_know")
_ANSWER_REPLIES = frozenset({"responses.yes", "responses.no", "responses.i_dont_know"})
MAX_NUMBER_DIGITS = 12
# A language on the I-speak card whose phrasebook is filed under another code.
_BOOK_CODE = {"zh": "zh-Hans", "yue": "zh-Hant"}
# Results listed while the officer types (search-as-you-type).
MAX_RESULTS = 8
RESULT_FLOOR = 40.0


@functools.cache
def person_strings() -> dict[str, Any]:
    """data/person.yaml: the words around the phrases, per language (all draft)."""
    import yaml

    path = Path(__file__).resolve().parent / "data" / "person.yaml"
    with open(path, encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


def book_code(code: str) -> str:
    """The phrasebook language for a language picked on the I-speak card."""
    book = pb.load()
    if book.has_language(code):
        return code
    return _BOOK_CODE.get(code, code)


def _lang_info(code: str) -> dict[str, Any]:
    from lepcli import languages

    lang = languages.get(code)
    return {"code": lang.code, "name": lang.name, "native": lang.native, "dir": "rtl" if lang.rtl else "ltr"}


def shown(text: str, code: str, *, status: str = "draft", rtl: bool | None = None) -> dict[str, Any]:
    """A text for the person: it always carries lang and dir."""
    if rtl is None:
        from lepcli import languages

        rtl = languages.get(code).rtl if code != pb.MASTER else False
    return {"text": text, "lang": code, "dir": "rtl" if rtl else "ltr", "status": status}


def person_word(key: str, code: str) -> dict[str, Any]:
    """One UI word for the person in their language: the phrasebook's translation, else the draft in
    data/person.yaml, else English (then marked lang="en")."""
    data = person_strings()
    book = pb.load()
    pid = data.get("phrase_ids", {}).get(key)
    if pid and book.has_phrase(pid):
        t = book.translation(pid, code)
        if t is not None:
            return shown(t.text, code, status=t.status) | {"phrase_id": pid}
    entry = data.get("languages", {}).get(code) or {}
    value: str | None = None
    if key in BODY_PARTS:
        parts = entry.get("body") or []
        value = parts[BODY_PARTS.index(key)] if len(parts) == len(BODY_PARTS) else None
    else:
        value = entry.get(key)
    if isinstance(value, str) and value.strip():
        return shown(value, code, status=str(entry.get("status", "draft")))
    english = data["english"][key]
    if pid and book.has_phrase(pid):
        english = book.phrase(pid).text
    return shown(english, pb.MASTER, status="reviewed", rtl=False)


# -- the interpreter line ------------------------------------------------------------------------


def call_info(code: str, *, identify: bool = False) -> dict[str, Any]:
    """The interpreter line to call now for ``code`` (or for language identification), with its script."""
    from lepcli.agency import lines

    out: dict[str, Any] = {"never": policy.NEVER_FAMILY, "line": None, "others": [], "error": None}
    try:
        answer = lines.lines_for("und" if identify else code, interview_only=True, limit=4)
    except LepError as exc:
        out["error"] = f"cannot read the interpreter-lines file: {exc.message} (run: lep config check)"
        return out
    out["ask_for"] = "help identifying the language" if identify else answer.language.ask_for
    # Until the agency's own file exists, every line shown is the shipped fictional example: say so.
    out["example"] = lines.EXAMPLE_NOTE if answer.example else None
    if answer.choices:
        best = answer.choices[0]
        ln = best.line
        out["line"] = {
            "name": ln.name,
            "phone": ln.phone,
            "client_id": ln.client_id,
            "pin": ln.pin,
            "status": best.state.status,
            "open_now": best.state.open_now,
            "script": best.script,
        }
        out["others"] = [f"{c.line.name} {c.line.phone} ({c.state.status})" for c in answer.choices[1:4]]
    else:
        out["error"] = f"no interpreter line in {answer.file} is set up for this language (lep lines {code})"
    return out


# -- the screens ---------------------------------------------------------------------------------


def language_tiles() -> list[dict[str, Any]]:
    """The I-speak grid: each language's sentence in its own script, agency languages first."""
    from lepcli import ispeak

    tiles = []
    for e in ispeak.card_entries(None):
        lang = e.language
        tiles.append(
            {
                "number": e.number,
                "code": lang.code,
                "name": lang.name,
                "native": lang.native,
                "text": e.text,
                "also": e.also,
                "lang": lang.code,
                "dir": "rtl" if lang.rtl else "ltr",
                "status": e.status,
            }
        )
    return tiles


def resolve_language(query: str) -> str:
    """A language the officer typed or the person tapped -> code."""
    from lepcli import languages

    return languages.resolve(query).language.code


def language_screen(code: str) -> dict[str, Any]:
    """Everything the page needs once the person's language is known."""
    from lepcli import speech

    book = pb.load()
    target = book_code(code)
    info = _lang_info(target)
    has_book = book.has_language(target)
    replies = []
    categories: dict[str, list[dict[str, Any]]] = {}
    translations = book.translations(target) if has_book else {}
    for p in book.phrases:
        t = translations.get(p.id)
        if p.category == "responses":
            # Yes / No / I don't know are the answer buttons already: not repeated as reply cards.
            if t is not None and not p.legal and p.id not in _ANSWER_REPLIES:
                replies.append({"id": p.id, "english": p.text, "person": shown(t.text, target, status=t.status)})
            continue
        categories.setdefault(p.category, []).append(
            {"id": p.id, "english": p.text, "urgent": p.urgent, "legal": p.legal, "has": t is not None}
        )
    # Category tiles: urgent phrases first, then the rest; categories with urgent phrases first.
    cats = []
    for cid, plist in categories.items():
        plist.sort(key=lambda x: (not x["urgent"], x["english"]))
        cats.append(
            {
                "id": cid,
                "title": book.categories.get(cid, cid),
                "urgent": any(x["urgent"] for x in plist),
                "phrases": plist,
            }
        )
    cats.sort(key=lambda c: (not c["urgent"], c["id"] == "legal"))
    words = {k: person_word(k, target) for k in (*YESNO, "interpreter_will_help", "machine", "type_here", "send")}
    body = {rid: person_word(part, target) | {"english": eng} for rid, (part, eng) in BODY_REGIONS.items()}
    return {
        "language": info,
        "phrasebook": has_book,
        "words": words,
        "body": body,
        "replies": replies,
        "categories": cats,
        "call": call_info(target),
        "voice": speech.can_speak(target),
    }


# -- answers -------------------------------------------------------------------------------------


def _withheld(code: str, why: str, phrase: pb.Phrase | None) -> dict[str, Any]:
    return {
        "kind": "withheld",
        "phrase": _phrase_json(phrase),
        "person": person_word("interpreter_will_help", code),
        "officer": {"english": phrase.text if phrase else None, "why": why, "label": "LEGAL: interpreter first"},
        "call": call_info(code),
        "answer": None,
        "suggestions": [],
    }


def _phrase_json(p: pb.Phrase | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {"id": p.id, "english": p.text, "category": p.category, "legal": p.legal, "answer": p.answer}


def _answer(ans: Any, code: str) -> dict[str, Any]:
    """A translate() answer as the page shows it (legal drafts withheld)."""
    from lepcli import speech

    phrase: pb.Phrase | None = ans.phrase
    if phrase is not None and phrase.legal and ans.status != "reviewed":
        return _withheld(code, "legal content with no reviewed translation: never shown as a translation", phrase)
    person = shown(ans.text, code, status=ans.status, rtl=ans.rtl)
    machine = ans.tier == "machine"
    if machine:
        person["label"] = person_word("machine", code)
    audio = speech.source_for(code, phrase.id if phrase is not None and not machine else None)
    person["audio"] = audio
    return {
        "kind": "shown",
        "phrase": _phrase_json(phrase),
        "person": person,
        "officer": {
            "english": phrase.text if phrase is not None else None,
            "tier": ans.tier,
            "status": ans.status,
            "label": ans.label,
            "pronunciation": ans.pronunciation,
            "romanization": ans.romanization,
            "notes": ans.notes,
            "warnings": list(ans.warnings),
            "interpreter": ans.interpreter,
            "legal": bool(phrase is not None and phrase.legal),
        },
        "call": call_info(code) if phrase is not None and phrase.legal else None,
        "answer": phrase.answer if phrase is not None and not machine else None,
        "suggestions": _close(ans),
    }


def say(text: str, code: str) -> dict[str, Any]:
    """What the officer typed (Enter): the tiered answer, or why there is none."""
    from lepcli import translate as tr

    target = book_code(code)
    try:
        ans = tr.translate(text, target, "en")
    except Refused as exc:
        pid = getattr(exc, "phrase_id", None)
        return _withheld(target, exc.message, pb.load().phrase(pid) if pid else None) | {"hint": exc.hint}
    except (Unavailable, NotFound) as exc:
        return {
            "kind": "none",
            "message": exc.message,
            "hint": exc.hint,
            "call": call_info(target),
            "suggestions": [],
        }
    if isinstance(ans, tr.NotSure):
        return _not_sure(ans, target)
    return _answer(ans, target)


def speakable(phrase_id: str, code: str) -> str | None:
    """The text the speaker button may say for a phrase: its translation, or None when it is withheld
    (legal content with no reviewed translation) or there is none."""
    book = pb.load()
    if not book.has_phrase(phrase_id):
        return None
    phrase = book.phrase(phrase_id)
    t = book.translation(phrase_id, code)
    if t is None or not policy.usable(phrase.legal, t.status):
        return None
    return t.text


def _close(ans: Any) -> list[dict[str, Any]]:
    return [{"id": x.id, "english": x.text, "person": x.translation} for x in getattr(ans, "suggestions", [])]


def _not_sure(ans: Any, code: str) -> dict[str, Any]:
    """No phrase matched confidently: the close ones, each with what it says (the officer picks one)."""
    return {
        "kind": "none",
        "message": "not sure which phrase you mean: " + ans.reason,
        "hint": None,
        "call": call_info(code),
        "suggestions": [{"id": x.id, "english": x.text, "person": x.translation} for x in ans.suggestions],
    }


def show(phrase_id: str, code: str) -> dict[str, Any]:
    """A phrase the officer picked from the results or a category tile."""
    from lepcli import translate as tr

    book = pb.load()
    phrase = book.phrase(phrase_id)
    target = book_code(code)
    if phrase.legal:
        t = book.translation(phrase.id, target)
        if t is None or not t.reviewed:
            return _withheld(target, "legal content with no reviewed translation: never shown as a translation", phrase)
    try:
        ans = tr.phrase_answer(phrase.id, target)
    except Refused as exc:
        return _withheld(target, exc.message, phrase)
    except (Unavailable, NotFound) as exc:
        return {"kind": "none", "message": exc.message, "hint": exc.hint, "call": call_info(target), "suggestions": []}
    return _answer(ans, target)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.casefold())


def search(text: str, code: str) -> dict[str, Any]:
    """Search-as-you-type: the English phrases the officer may mean (the phrasebook's own index)."""
    from lepcli.text import typed

    text = typed.vet(text, what="text to search")
    book = pb.load()
    target = book_code(code)
    translations = book.translations(target) if book.has_language(target) else {}
    matches = book.index(frozenset({pb.MASTER})).search(text)
    typed_words = _words(text)
    ranked: dict[str, float] = {}
    for m in matches:
        score = m.score
        words = _words(m.text)
        # The last word is usually half typed: a phrase whose words start with every typed word ranks up.
        if typed_words and all(any(w.startswith(q) for w in words) for q in typed_words):
            score += 30.0
        if score >= RESULT_FLOOR and score > ranked.get(m.phrase_id, 0.0):
            ranked[m.phrase_id] = score
    top = sorted(ranked.items(), key=lambda kv: -kv[1])[:MAX_RESULTS]
    results = []
    for pid, score in top:
        p = book.phrase(pid)
        t = translations.get(pid)
        results.append(
            {
                "id": pid,
                "english": p.text,
                "legal": p.legal,
                "status": t.status if t is not None else None,
                "score": round(min(score, 100.0), 1),
            }
        )
    return {"results": results}


def reply(text: str, code: str) -> dict[str, Any]:
    """What the person typed, understood through the phrasebook's replies (and MT where a model exists)."""
    from lepcli import translate as tr

    target = book_code(code)
    try:
        ans = tr.translate(text, pb.MASTER, target)
    except (Unavailable, NotFound, Refused, BadInput) as exc:
        return {"sure": False, "english": None, "label": "not sure", "message": exc.message}
    if isinstance(ans, tr.NotSure):
        close = [{"id": x.id, "english": x.text} for x in ans.suggestions]
        return {"sure": False, "english": None, "label": "not sure", "message": ans.reason, "suggestions": close}
    sure = ans.tier == "phrasebook"
    return {
        "sure": sure,
        "english": ans.text,
        "phrase_id": ans.phrase.id if ans.phrase is not None else None,
        "status": ans.status,
        "label": ("not sure: " if not sure else "") + ans.label,
        "suggestions": _close(ans),
    }


def tap(kind: str, value: str, code: str) -> dict[str, Any]:
    """An answer the person tapped -> the English the officer sees."""
    book = pb.load()
    target = book_code(code)
    if kind == "yesno":
        if value not in YESNO:
            raise BadInput("unknown answer")
        english = person_strings()["english"][value]
        pid = person_strings().get("phrase_ids", {}).get(value)
        if pid and book.has_phrase(pid):
            english = book.phrase(pid).text
        return {"english": english, "kind": kind, "value": value, "person": person_word(value, target)}
    if kind == "number":
        if not value.isdigit() or not value.isascii() or len(value) > MAX_NUMBER_DIGITS:
            raise BadInput("a number is digits only")
        return {"english": value, "kind": kind, "value": value}
    if kind == "body":
        region = BODY_REGIONS.get(value)
        if region is None:
            raise BadInput("unknown body region")
        return {"english": f"Here: {region[1]}", "kind": kind, "value": value, "person": person_word(region[0], target)}
    if kind == "reply":
        phrase = book.phrase(value)
        if phrase.category != "responses":
            raise BadInput("not a reply card")
        t = book.translation(phrase.id, target)
        return {
            "english": phrase.text,
            "kind": kind,
            "value": value,
            "status": t.status if t else None,
            "person": shown(t.text, target, status=t.status) if t else None,
        }
    raise BadInput("unknown kind of answer")


@dataclass
class Event:
    """One line of the --record file."""

    event: str
    language: str | None
    data: dict[str, Any]

    def to_json(self) -> dict[str, Any]:  # not its fields: the data's keys sit beside the time stamp taken now
        return {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "event": self.event,
            "language": self.language,
        } | self.data
