"""Which language is this short typed text in? Ranked guesses with an honest confidence.

Three stages, each cheap enough to run in a fresh process:

1. **Script first** (``rules.py``). Letters are counted per Unicode script. Many scripts name
   their language outright (Hangul, kana, Thai, Khmer, Lao, Georgian, Armenian, Gurmukhi...).
   Texting is normalised before scoring (stretched letters: ``ayudaaa`` -> ``ayuda``; common SMS
   spellings such as ``xq``, ``porfa``, ``vc``, ``tb`` are words in the word tables).
2. **Statistics within a script family** (``scoring.py``, data in ``profiles.py``): naive Bayes
   over character 1-3-grams plus word evidence (Spanish vs Portuguese, Arabic vs Persian vs Urdu,
   Amharic vs Tigrinya...). The Latin and Cyrillic families also hold an **"other language"**
   profile, the average of some 250 languages lepcli does not model (from franc's data): text that
   fits it better than any modelled language is a language lepcli does not know.
3. **Verdict** (here). ``confident`` only when the best guess clearly wins, the text fits a
   modelled language well, its words are not shared equally by two languages, it shows no mark of
   an orthography lepcli does not model (Mayan glottal apostrophes, names and addresses only), and
   (for languages known only from one formal text, "sentence-only") the text is long enough.
   A second language clearly present (Spanish words in an English message) is reported in
   ``also``. Otherwise ``uncertain`` with what to do next.

Profiles are built by ``scripts/build_detect_profiles.py`` (sources and licences in
``data/NOTICE``). langdetect is never imported here. Deterministic: ties break by catalog rank.
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from collections.abc import Sequence
from typing import Any, NamedTuple

from lepcli import jsonable
from lepcli.detect.franc import accent_keys
from lepcli.detect.profiles import DATA_DIR, SCALE, WORD_SCALE, load_profile, load_words, meta
from lepcli.detect.profiles import han_tables as _han_tables
from lepcli.detect.rules import (
    SCRIPT_GROUPS,
    SCRIPT_LANGUAGES,
    SCRIPT_NAMES,
    SPACE,
    URL,
    accent_key,
    char_script,
    fold_latin,
    grams_of,
    normalize_arabic,
    word_keys,
    words_of,
)
from lepcli.detect.scoring import score_han, score_profile
from lepcli.errors import BadInput
from lepcli.text.scripts import COMBINING, script_of

__all__ = [
    "CONFIDENT",
    "DATA_DIR",
    "SCALE",
    "SCRIPT_NAMES",
    "WORD_SCALE",
    "DetectResult",
    "Guess",
    "Also",
    "accent_key",
    "detect",
    "detectable_codes",
    "fold_latin",
    "grams_of",
    "load_profile",
    "load_words",
    "normalize_arabic",
    "parse_among",
    "script_of",
    "sentence_only_codes",
    "word_keys",
    "words_of",
    "_han_tables",
]

# Profile keys that are not lepcli codes: key -> ((code, share), ...), and whether romanized.
_KEYS: dict[str, tuple[tuple[tuple[str, float], ...], bool]] = {
    # Romanized Hindi and Urdu are one spoken language: each profile keeps a share for the other.
    "hi-Latn": ((("hi", 0.7), ("ur", 0.3)), True),
    "ur-Latn": ((("ur", 0.7), ("hi", 0.3)), True),
    "pa-Latn": ((("pa", 1.0),), True),
    "ar-Latn": ((("ar", 1.0),), True),
    "ru-Latn": ((("ru", 1.0),), True),
    "yue-Latn": ((("yue", 1.0),), True),  # Cantonese as typed: nei hou, m goi, ngo m sik...
    "zh-Latn": ((("zh", 1.0),), True),  # Mandarin in pinyin: ni hao, wo bu hui... (no written form)
    # Dari is written like Persian; only some vocabulary differs: one profile, both answers.
    "fa": ((("fa", 0.7), ("prs", 0.3)), False),
    "hnj": ((("hmn", 1.0),), False),  # Hmong Njua (Green Hmong, Moob Leeg): a Hmong interpreter
}
UNKNOWN_KEY = "und"  # the "other language" profile of a script family
# Codes that may be named in --among and what they stand for in detection.
_AMONG_EXPANDS: dict[str, tuple[str, ...]] = {
    "zh": ("zh-Hans", "zh-Hant", "zh"),
    "cmn": ("zh-Hans", "zh-Hant", "zh"),
    "yue": ("yue", "zh-Hant"),
    "prs": ("prs", "fa"),
    "fa": ("fa", "prs"),
}
# Pairs a dispatcher treats as one answer: the same interpreter language, another written form.
_SAME_INTERPRETER = (
    frozenset({"zh-Hans", "zh-Hant", "zh"}),
    frozenset({"fa", "prs"}),
    frozenset({"hi", "ur"}),
)
# Neighbours that text alone separates poorly and that need different interpreters: ask.
_ASK_PAIRS: dict[frozenset[str], str] = {
    frozenset({"so", "om"}): "Somali and Oromo are neighbours and share many words: ask "
    '"Af-Soomaali?" or "Afaan Oromoo?" (lep ispeak); they need different interpreters.',
    frozenset({"yue", "zh-Hant"}): "Cantonese and Mandarin are written with the same Traditional characters: "
    "ask which the person speaks (lep ispeak); they need different interpreters.",
    frozenset({"sq", "hr"}): "Albanian and Croatian need different interpreters: Albanian writes ë and ç.",
}
_DARI_NOTE = (
    "Persian (Farsi) and Dari are written alike: ask whether the person is from Iran or Afghanistan; "
    "tell the interpreter vendor which (many interpreters serve both)."
)

CONFIDENT = 0.80  # top guess probability needed for a "confident" verdict
MIN_LETTERS = 2
UNKNOWN_SHARE = 0.25  # "other language" probability above which no answer is confident
ROMANIZED_MIN_WORDS = 3  # a romanized answer (pinyin, Cantonese, Hinglish...) is confident from this many words
SENTENCE_ONLY_WORDS = 5  # a sentence-only language is confident only from this many words
TIE_MAX_WORDS = 3  # a text this short whose words both top languages list is a tie
TIE_CANDIDATES = 4  # the best guess and the next three may tie
TIE_MARKS = 1.5  # ... unless its accents or letter variants favour one by this many nats (Portuguese ã, Farsi yeh)
ALSO_MARGIN = 30  # word-table bytes (3 nats) a word must favour a second language by
# Mayan orthographies mark glottal stops with an apostrophe after a consonant: ixoqib', k'o, tz'i'.
_GLOTTAL = re.compile(r"(?:[a-z]{2}[bq]|\b[kq]|tz|ch)['’ʼ](?:[a-z]|\s|$)", re.IGNORECASE)
_ELISION = re.compile(r"\b(?:[a-z]|qu)['’]", re.IGNORECASE)  # French/Italian l', d', qu'


def sentence_only_codes() -> frozenset[str]:
    """Languages lepcli knows only from one formal text (franc's data): fine for sentences,
    weak for a word or two."""
    return frozenset(meta().get("sentence_only", ()))


# -- results -----------------------------------------------------------------------------------


@jsonable.shape(convert={"confidence": lambda c: round(c, 3)})
class Guess(NamedTuple):  # a NamedTuple, not a dataclass: ~1 ms less at every start
    code: str
    name: str
    native: str
    script: str  # the script the text was written in (ISO 15924), e.g. Latn for romanized Hindi
    confidence: float
    romanized: bool = False
    sentence_only: bool = False


class Also(NamedTuple):
    """A second language clearly present in the message (its words, or its own script)."""

    code: str
    name: str
    why: str


NEXT_STEPS_UNCERTAIN = (
    "Show the point-to-your-language card: lep ispeak",
    "Call the interpreter line and ask for language identification: lep lines",
)


@jsonable.shape(
    extra=["confident", "language", ("script_name", lambda r: SCRIPT_NAMES.get(r.script or "", r.script)),
           "next_steps"],  # fmt: skip
    convert={"unknown": lambda u: round(u, 3)},
    order=("verdict", "confident", "language", "guesses", "also", "unknown", "unsupported", "script", "script_name",
           "letters", "reason", "next_steps", "among", "notes"),  # fmt: skip
)
class DetectResult(NamedTuple):
    """The answer of :func:`detect` (a NamedTuple, not a dataclass: cheaper to define at every start)."""

    guesses: list[Guess]
    verdict: str  # "confident" | "uncertain"
    reason: str
    script: str | None  # dominant script of the text (ISO 15924) or None when it has no letters
    letters: int
    among: list[str] | None
    notes: list[str]
    also: list[Also]
    unknown: float = 0.0  # probability the text is in a language lepcli does not model
    unsupported: bool = False  # the text looks like a language lepcli does not know

    def __repr__(self) -> str:
        return f"DetectResult(verdict={self.verdict!r}, guesses={self.guesses!r}, reason={self.reason!r})"

    @property
    def confident(self) -> bool:
        return self.verdict == "confident"

    @property
    def language(self) -> str | None:
        return self.guesses[0].code if self.confident and self.guesses else None

    @property
    def next_steps(self) -> list[str]:
        steps: list[str] = []
        if self.confident and self.guesses:
            code = self.guesses[0].code
            steps += [
                f"Find an interpreter line for it: lep lines {code}",
                f"Common phrases: lep phrase list --lang {code}",
            ]
        else:
            steps += NEXT_STEPS_UNCERTAIN
        for other in self.also:
            steps.append(f"Ask which language the person prefers; for {other.name}: lep lines {other.code}")
        return steps


# -- the script stage and the statistics, joined -----------------------------------------------


def _letters_by_script(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for ch in text:
        s = char_script(ch)
        if s is not None and s != COMBINING:
            counts[s] = counts.get(s, 0) + 1
    if "Hira" in counts or "Kana" in counts:
        kana = counts.pop("Hira", 0) + counts.pop("Kana", 0)
        counts["Jpan"] = kana + counts.pop("Hani", 0)
    return counts


class _Part(NamedTuple):
    script: str
    probs: dict[str, float]  # lepcli code -> probability ("und" for an unmodelled language)
    fit: float
    romanized: set[str]
    notes: list[str]
    tie: frozenset[str]  # two codes whose words the text shares equally (empty: no tie)
    also: list[tuple[str, list[str]]]  # second language -> its words in the text
    closest_other: str = ""  # the unmodelled franc language the text fits best, when it may be one
    neighbour: str = ""  # a sentence-only language the second stage finds as likely as the answer


def _key_codes(key: str) -> tuple[tuple[tuple[str, float], ...], bool]:
    return _KEYS.get(key, (((key, 1.0),), False))


def _script_part(script: str, text: str) -> _Part:
    if script in SCRIPT_LANGUAGES:
        return _Part(script, dict(SCRIPT_LANGUAGES[script]), 1.0, set(), [], frozenset(), [])
    if script == "Hani":
        han = score_han(text)
        return _Part(script, han.probs, 1.0, set(), han.notes, frozenset(), [])
    group = SCRIPT_GROUPS.get(script)
    if group is None:
        name = SCRIPT_NAMES.get(script, script)
        notes = [f"Written in {name}; lepcli has no language model for this script."]
        return _Part(script, {}, 0.0, set(), notes, frozenset(), [])
    scored = score_profile(load_profile(group), text, script)
    probs: dict[str, float] = {}
    romanized: set[str] = set()
    for key, p in scored.probs.items():
        shares, roman = _key_codes(key)
        for code, share in shares:
            probs[code] = probs.get(code, 0.0) + p * share
            if roman:
                romanized.add(code)
    fit = scored.fit * min(1.0, scored.known / 0.6)
    ranked = sorted(scored.probs, key=lambda k: -scored.probs[k])
    top_key = next((k for k in ranked if k != UNKNOWN_KEY), ranked[0])
    # The words the two best languages list (a mixed message's words are in one table or the other).
    found = scored.by_word.get(top_key, [0] * len(scored.words))
    second_key = next((k for k in ranked if k not in (UNKNOWN_KEY, top_key)), None)
    if second_key is not None and second_key in scored.by_word:
        found = [max(a, b) for a, b in zip(found, scored.by_word[second_key], strict=True)]
    long_words = [b for w, b in zip(scored.words, found, strict=True) if len(w) >= 3]
    cover = sum(1 for b in long_words if b > 0) / len(long_words) if long_words else 0.0
    longer = [b for w, b in zip(scored.words, found, strict=True) if len(w) >= 4]
    cover4 = sum(1 for b in longer if b > 0) / len(longer) if longer else cover
    keys = scored.grams + accent_keys(text) if script == "Latn" else scored.grams
    probs, closest, neighbour = _second_stage(group, keys, probs, cover, cover4)
    tie = _tie(scored, ranked)
    notes = []
    if neighbour:
        notes.append(
            f"The text also fits {neighbour} (which lepcli knows only from formal text) as well or better: "
            "ask which language the person speaks."
        )
    return _Part(script, probs, fit, romanized, notes, tie, _second_language(scored, ranked[0]), closest, neighbour)


def _tie(scored: Any, ranked: list[str]) -> frozenset[str]:
    """Two languages a short text's words are written the same in: the best guess and, among the
    next ones that list every word it lists (and whose accents do not tell them apart), the one
    US agencies meet most. Empty when there is no such tie."""
    if len(ranked) < 2 or not scored.words or len(scored.words) > TIE_MAX_WORDS:
        return frozenset()
    a = ranked[0]
    wa = scored.by_word.get(a)
    if wa is None:
        return frozenset()
    code_a = _key_codes(a)[0][0][0]
    lender, offset = scored.lenders.get(a, ("", 0))
    wl = scored.by_word.get(lender)
    if wl is not None and all(0 < y and x <= y + offset for x, y in zip(wa, wl, strict=True)):
        # The neighbour lists every word and the best guess is credited them only through its
        # table (Marathi and Nepali borrow Hindi's), not by its own: they are the neighbour's first.
        return frozenset({code_a, _key_codes(lender)[0][0][0]})
    if not any(wa):
        return frozenset()
    same: list[str] = []
    for b in ranked[1:TIE_CANDIDATES]:
        wb = scored.by_word.get(b)
        code_b = _key_codes(b)[0][0][0]
        if (
            wb is not None
            and all((x > 0) == (y > 0) for x, y in zip(wa, wb, strict=True))
            and scored.probs[b] >= 0.02
            and abs(scored.marks[a] - scored.marks[b]) < TIE_MARKS
            and not _same_interpreter(code_a, code_b)
        ):
            same.append(code_b)
    if not same:
        return frozenset()
    return frozenset({code_a, min(same, key=lambda c: (_rank(c), same.index(c)))})


FRANC_TEMPER = 3.0  # the second stage's summed log-likelihood ratios are divided by this
FRANC_GAP = 1.0  # (tempered nats) an outside language must beat the main model's answer by this for even odds
FRANC_SHARE_TEMPER = 1.5  # sharper: how the outside mass is shared among the outside languages
FRANC_MIN_TRIGRAMS = 4  # shorter texts: the second stage says nothing
FRANC_COVER = 8.0  # tempered nats of gap offset when every word (3+ letters) is in the answer's word table
FRANC_NEIGHBOUR = 0.5  # a sentence-only language this far ahead in the second stage makes the answer uncertain
NEIGHBOUR_COVER = 0.8  # ... unless this share of the words are the answer's frequent words
# A close relative of the answer (meta "relatives": Cebuano for Tagalog) this near in the second
# stage makes it uncertain too, unless NEIGHBOUR_COVER of the words of 4+ letters are the answer's
# frequent words (franc's formal text cannot separate relatives in a short message).
RELATIVE_NEAR = 1.0


def _second_stage(
    group: str, grams: list[str], probs: dict[str, float], cover: float, cover4: float = 1.0
) -> tuple[dict[str, float], str, str]:
    """Weigh the main model's answer against every franc language of the script (franc.py).

    Languages the main model holds keep their order; the mass that the text is in another language
    (the larger of the main model's "other language" share and what the second stage says) goes to
    the languages outside it, in proportion to how well each fits: lepcli's sentence-only
    languages by name, the rest to "a language lepcli does not know". Returns the new
    probabilities and the name of the closest unmodelled language when it has a real share.

    ``cover`` is the share of the text's words (3+ letters) that the main model's answer lists
    among its frequent words: franc's data has no words, and a text whose words are that
    language's frequent words is that language, however badly its trigrams fit a formal text
    (texting). Also returns the name of a sentence-only language that fits at least as well as the
    answer (Cebuano for Tagalog) when the words do not settle it.
    """
    from lepcli.detect.franc import score_franc

    fr = score_franc(group, grams)
    if fr is None or fr.trigrams < FRANC_MIN_TRIGRAMS:
        return probs, "", ""
    inside_codes = frozenset(c for c in probs if c != UNKNOWN_KEY)
    top = max(inside_codes, key=lambda c: probs[c], default=None)
    codes, sums, unit = fr.stage.codes, fr.sums, 1.0 / fr.scale
    by_code, outside_j = _split(group, fr.stage.codes, inside_codes)
    if not by_code or not outside_j:
        return probs, "", ""
    mine = by_code.get(top or "")
    top_score = unit * (max(sums[j] for j in mine) if mine else max(sums[j] for js in by_code.values() for j in js))
    best_j = max(outside_j, key=sums.__getitem__)
    best_out = unit * sums[best_j]
    raw_gap = (best_out - top_score) / FRANC_TEMPER
    neighbour = ""
    if codes[best_j] and raw_gap > FRANC_NEIGHBOUR and cover < NEIGHBOUR_COVER:
        neighbour = _names()[codes[best_j]][0] if codes[best_j] in _names() else fr.stage.names[best_j]
    elif cover4 < NEIGHBOUR_COVER and top in _relatives():
        near = [(unit * s, c) for c, s in zip(codes, sums, strict=True) if c in _relatives()[top]]
        if near and (max(near)[0] - top_score) / FRANC_TEMPER > -RELATIVE_NEAR:
            neighbour = _names()[max(near)[1]][0]
    gap = raw_gap - cover * cover * FRANC_COVER - FRANC_GAP
    q = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, gap))))
    und = probs.get(UNKNOWN_KEY, 0.0)
    mass = max(q, und)
    # Languages this far behind the best outside one would take a negligible share (< e^-12).
    cutoff = (best_out - FRANC_SHARE_TEMPER * 12.0) * fr.scale
    share_unit = unit / FRANC_SHARE_TEMPER
    top_sum = sums[best_j]
    exps = [(j, math.exp((sums[j] - top_sum) * share_unit)) for j in outside_j if sums[j] > cutoff]
    norm = sum(e for _, e in exps)
    out = {c: p * (1.0 - mass) / max(1e-9, 1.0 - und) for c, p in probs.items() if c != UNKNOWN_KEY}
    unknown = 0.0
    best_unknown = (0.0, "")
    for j, e in exps:
        share = e / norm
        code = codes[j]
        if code:
            out[code] = out.get(code, 0.0) + mass * share
        else:
            unknown += mass * share
            if share > best_unknown[0]:
                best_unknown = (share, fr.stage.names[j])
    out[UNKNOWN_KEY] = unknown
    closest = best_unknown[1] if unknown >= UNKNOWN_SHARE / 2 else ""
    return out, closest, neighbour


_SPLITS: dict[tuple[str, frozenset[str]], tuple[dict[str, list[int]], tuple[int, ...]]] = {}


def _split(
    group: str, codes: tuple[str, ...], inside: frozenset[str]
) -> tuple[dict[str, list[int]], tuple[int, ...]]:
    """The second stage's languages of one script split once: the positions of each language the
    main model holds, and the positions of all the others."""
    found = _SPLITS.get((group, inside))
    if found is None:
        by_code: dict[str, list[int]] = {}
        for j, c in enumerate(codes):
            if c in inside:
                by_code.setdefault(c, []).append(j)
        outside = tuple(j for j, c in enumerate(codes) if c not in inside)
        found = _SPLITS[(group, inside)] = (by_code, outside)
    return found


def _second_language(scored: Any, top_key: str) -> list[tuple[str, list[str]]]:
    """Words that clearly belong to another modelled language than the best one."""
    top_words = scored.by_word.get(top_key)
    if top_words is None or len(scored.words) < 4:
        return []
    votes: dict[str, list[str]] = {}
    margin: dict[str, int] = {}
    for key, found in scored.by_word.items():
        for i, word in enumerate(scored.words):
            if len(word) >= 3 and found[i] >= top_words[i] + ALSO_MARGIN:
                votes.setdefault(key, []).append(word)
                margin[key] = margin.get(key, 0) + found[i] - top_words[i]
    top_code = _key_codes(top_key)[0][0][0]
    out: list[tuple[str, list[str]]] = []
    for key, words in sorted(votes.items(), key=lambda kv: (-len(kv[1]), -margin[kv[0]])):
        code = _key_codes(key)[0][0][0]
        if len(words) >= 2 and len(words) * 5 >= len(scored.words) and not _same_interpreter(code, top_code):
            if code != top_code:
                out.append((code, words))
    return out[:1]


def parse_among(values: Sequence[str] | str | None) -> list[str] | None:
    """``es,vi,zh`` or names (``spanish,farsi``) -> lepcli codes; unknown names raise NotFound."""
    if values is None:
        return None
    from lepcli import languages

    items = values.split(",") if isinstance(values, str) else [v for item in values for v in str(item).split(",")]
    codes: list[str] = []
    for item in items:
        item = item.strip()
        if not item:
            continue
        code = languages.resolve(item).language.code
        if code not in codes:
            codes.append(code)
    if not codes:
        raise BadInput("--among names no language", hint="e.g. --among es,vi,zh")
    return codes


def _allowed(among: Sequence[str]) -> set[str]:
    allowed: set[str] = set()
    for code in among:
        allowed.update(_AMONG_EXPANDS.get(code, (code,)))
    return allowed


def detectable_codes(groups: dict[str, list[str]] | None = None) -> list[str]:
    """Every lepcli code ``detect`` can name."""
    codes: set[str] = set()
    for shares in SCRIPT_LANGUAGES.values():
        codes.update(c for c, _ in shares)
    codes.update(["zh-Hans", "zh-Hant", "yue", "ja"])
    for group in (groups if groups is not None else meta()["groups"]).values():
        for key in group:
            if key != UNKNOWN_KEY:
                codes.update(c for c, _ in _key_codes(key)[0])
    return sorted(codes)


def _names_only(text: str) -> bool:
    """Only capitalised words, and digits or few words: a list of names or a street address,
    which shows no language (ALL-CAPS messages are not names)."""
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text)  # Min-jun is one name
    if len(words) < 2 or text.upper() == text:
        return False
    capital = sum(1 for w in words if w[0].isupper() or len(w) <= 2 and w.isupper())
    return capital == len(words) and (any(ch.isdigit() for ch in text) or len(words) <= 4)


def detect(
    text: str,
    top: int = 3,
    among: Sequence[str] | None = None,
    *,
    prefer: Sequence[str] | None = None,
) -> DetectResult:
    """Rank the languages ``text`` may be written in.

    ``among`` restricts the answer to those lepcli codes (``zh`` covers both written forms);
    ``prefer`` (an agency's common languages) raises their prior, and decides a tie between
    languages that write the text's words alike (``socorro``: Spanish and Portuguese).
    """
    if top < 1:
        raise BadInput("--top must be 1 or more")
    among_list = list(among) if among else None
    allowed = _allowed(among_list) if among_list else None
    cleaned = SPACE.sub(" ", URL.sub(" ", unicodedata.normalize("NFC", text)))
    counts = _letters_by_script(cleaned)
    letters = sum(counts.values())
    notes: list[str] = []
    # One Han, kana or Hangul character is a whole word (and names its script's language).
    syllabic = sum(counts.get(s, 0) for s in ("Hani", "Jpan", "Hang"))
    if letters < MIN_LETTERS and not syllabic:
        what = "no letters" if letters == 0 else "only one letter"
        return DetectResult(
            [],
            "uncertain",
            f"The text has {what} (only digits, emoji, punctuation or a link), so it shows no language.",
            None,
            letters,
            among_list,
            [],
            [],
        )
    boost = _allowed(prefer) if prefer else set()
    # A Han, kana or Hangul character carries about as much as a short Latin word.
    weighted = {s: c * (3 if s in ("Hani", "Jpan", "Hang") else 1) for s, c in counts.items()}
    total_weight = sum(weighted.values())
    ordered = sorted(weighted.items(), key=lambda kv: (-kv[1], kv[0]))
    main_script = ordered[0][0]
    parts: list[tuple[float, _Part]] = []
    kept = [(s, c) for s, c in ordered if s == main_script or c / total_weight >= 0.2]
    kept_weight = sum(c for _, c in kept)
    for script, count in kept:
        parts.append((count / kept_weight, _script_part(script, cleaned)))
    if len(parts) > 1:
        names = " and ".join(SCRIPT_NAMES.get(p.script, p.script) for _, p in parts)
        notes.append(f"Mixed text: {names} letters; the answer weighs them by how much of the text each is.")
    probs: dict[str, float] = {}
    romanized: set[str] = set()
    script_for: dict[str, str] = {}
    fit = 0.0
    for share, part in parts:
        fit += share * part.fit
        romanized |= part.romanized
        notes.extend(part.notes)
        for code, p in part.probs.items():
            probs[code] = probs.get(code, 0.0) + share * p
            script_for.setdefault(code, part.script)
    if prefer:
        weights = {code: (math.e if code in boost else 1.0) for code in probs}
        probs = {c: p * weights[c] for c, p in probs.items()}
        total = sum(probs.values()) or 1.0
        probs = {c: p / total for c, p in probs.items()}
    tie = parts[0][1].tie
    if tie:
        # The words are the same in both languages: their frequencies say little, the agency's
        # languages (or, without that setting, how often US agencies meet each) decide the order.
        mass = sum(probs.get(c, 0.0) for c in tie)
        order = sorted(tie, key=lambda c: (c not in boost, _rank(c)))
        probs[order[0]], probs[order[1]] = mass * 0.6, mass * 0.4
    unknown = probs.pop(UNKNOWN_KEY, 0.0)
    outside_best: tuple[str, float] | None = None
    if allowed is not None:
        best_any = max(probs.items(), key=lambda kv: kv[1], default=None)
        inside = {c: p for c, p in probs.items() if c in allowed}
        mass = sum(inside.values())
        if best_any is not None and best_any[0] not in allowed:
            outside_best = best_any
        probs = {c: p / mass for c, p in inside.items()} if mass > 0 else {}
        fit *= min(1.0, mass * 4)  # the text fits none of the allowed languages well
        unknown = 0.0  # the caller said which languages to consider
    # The few most likely (a handful more than asked, so that equal probabilities break by rank).
    likely = heapq.nlargest(top + 8, probs.items(), key=lambda kv: kv[1])
    ranked = sorted(likely, key=lambda kv: (-kv[1], _rank(kv[0])))[:top]
    sentence_only = sentence_only_codes()
    guesses: list[Guess] = []
    for code, p in ranked:
        name, native, usual, _ = _names()[code]
        written = _guess_script(code, script_for[code], usual)
        guesses.append(Guess(code, name, native, written, p, code in romanized, code in sentence_only))
    also: list[Also] = []
    top_code = guesses[0].code if guesses else None
    for share, part in parts:
        for code, _words in part.also:
            if code != top_code and (allowed is None or code in allowed):
                name = _names()[code][0]
                main = guesses[0].name if guesses else "this"
                article = "an" if main[:1] in "AEIOU" else "a"
                what = f"{name} words in {article} {main} message"
                also.append(Also(code, name, f"{what}: the person may need {name}"))
        if part is not parts[0][1] and share >= 0.2 and part.probs:
            code = max(part.probs, key=lambda c: part.probs[c])
            if code != top_code and code in _names() and (allowed is None or code in allowed):
                name = _names()[code][0]
                also.append(Also(code, name, f"{name} written in {SCRIPT_NAMES.get(part.script, part.script)} too"))
    n_words = len(re.findall(r"[^\W\d_]+", cleaned))
    closest = parts[0][1].closest_other
    verdict, reason, unsupported = _verdict(
        guesses, fit, letters, len(parts) > 1, unknown, tie, n_words, cleaned, closest, parts[0][1].neighbour
    )
    if also and verdict == "confident":
        reason += " " + also[0].why[0].upper() + also[0].why[1:] + "."
    elif also:
        reason += f" {also[0].why[0].upper() + also[0].why[1:]}."
    codes = {g.code for g in guesses}
    if codes & {"fa", "prs"}:
        notes.append(_DARI_NOTE)
    for pair, note in _ASK_PAIRS.items():
        if pair <= codes or (top_code in pair and any(a.code in pair for a in also)):
            notes.append(note)
    if outside_best is not None:
        other = outside_best[0]
        other_name = _names()[other][0] if other in _names() else "a language lepcli does not know"
        notes.append(f"Outside --among, the text looks most like {other_name} ({other}).")
    if among_list and not guesses:
        reason = "The text's script is not used by any language in --among."
    return DetectResult(guesses, verdict, reason, main_script, letters, among_list, notes, also, unknown, unsupported)


def _guess_script(code: str, written: str, usual: str) -> str:
    if written == "Hani" and code in ("zh-Hans", "zh-Hant"):
        return code.split("-")[1]
    if written == "Hani":
        return usual
    return written


def _names() -> dict[str, list[Any]]:
    """code -> [English name, native name, usual script, catalog rank], copied from lepcli.languages
    at build time (loading the world language table would cost ~10 ms per run)."""
    return meta()["names"]  # type: ignore[no-any-return]


def _relatives() -> dict[str, list[str]]:
    """Main-model code -> sentence-only close relatives (built from franc's trigram overlap)."""
    return meta().get("relatives", {})  # type: ignore[no-any-return]


def _rank(code: str) -> int:
    if code == "en":
        return 0  # the language of most of a US agency's own traffic comes first in a tie
    entry = _names().get(code)
    rank = entry[3] if entry else None
    return int(rank) if rank else 10_000


def _same_interpreter(a: str, b: str) -> bool:
    return any(a in pair and b in pair for pair in _SAME_INTERPRETER)


_UNKNOWN = "Looks like a language lepcli does not know"


def _verdict(
    guesses: list[Guess],
    fit: float,
    letters: int,
    mixed: bool,
    unknown: float,
    tie: frozenset[str],
    words: int,
    text: str,
    closest: str = "",
    neighbour: str = "",
) -> tuple[str, str, bool]:
    """(verdict, reason, unsupported)."""
    if not guesses:
        return "uncertain", "No language lepcli knows is written in this script.", False
    top = guesses[0]
    p = top.confidence
    best = f" (closest: {top.name}, {p:.0%})"
    pair_note = ""
    if p < CONFIDENT and len(guesses) > 1 and _same_interpreter(top.code, guesses[1].code):
        p += guesses[1].confidence
        pair_note = f" or {guesses[1].name} (same interpreter language; the writing cannot tell them apart)"
    if top.script == "Latn" and _GLOTTAL.search(text) and not _ELISION.search(text) and top.code not in _MAYAN:
        why = "apostrophes after consonants, as Mayan languages write glottal stops"
        return "uncertain", f"{_UNKNOWN}: {why}{best}. Ask where the person is from.", True
    if _names_only(text):
        return "uncertain", "Only names, capitalised words or an address: they show no language.", False
    if unknown >= UNKNOWN_SHARE and unknown >= p:
        like = f"; it is closest to {closest} in franc's data of 400 languages" if closest else ""
        return "uncertain", f"{_UNKNOWN}{best}{like}. Ask where the person is from.", True
    if fit < 0.35:
        return (
            "uncertain",
            f"{_UNKNOWN}, or names and typos{best}.",
            True,
        )
    if letters < 4 and top.script not in ("Hans", "Hant", "Hani", "Jpan", "Kore", "Hang"):
        return "uncertain", "Too few letters to tell the language.", False
    if tie and top.code in tie and len(guesses) > 1:
        other = next(g for g in guesses[1:] if g.code in tie) if any(g.code in tie for g in guesses[1:]) else None
        if other is not None:
            return (
                "uncertain",
                f"{top.name} or {other.name}: these words are written the same in both; "
                f"{top.name} is listed first because the agency meets it more often.",
                False,
            )
    if neighbour and not top.sentence_only and neighbour != top.name:
        return "uncertain", f"Best guess {top.name} ({top.confidence:.0%}), but it may be {neighbour}.", False
    if p < CONFIDENT:
        second = f"; {guesses[1].name} is also possible" if len(guesses) > 1 else ""
        return "uncertain", f"Best guess {top.name} ({top.confidence:.0%}){second}.", False
    if unknown >= UNKNOWN_SHARE / 2:
        maybe = "but it may be a language lepcli does not know"
        return "uncertain", f"Best guess {top.name} ({top.confidence:.0%}), {maybe}.", False
    if top.sentence_only and (words < SENTENCE_ONLY_WORDS or fit < 0.6):
        return (
            "uncertain",
            f"Best guess {top.name}: lepcli knows it only from formal text, so a short message is not enough; "
            "ask where the person is from.",
            False,
        )
    if top.romanized and words < ROMANIZED_MIN_WORDS:
        return (
            "uncertain",
            f"Best guess {top.name} in Latin letters ({top.confidence:.0%}): lepcli knows romanized forms from a "
            "small sample, so a word or two is not enough.",
            False,
        )
    if mixed:
        return "confident", f"Mostly {top.name}{pair_note}, mixed with another script.", False
    return "confident", f"{top.name}{pair_note}.", False


_MAYAN = frozenset("mam quc kek cak tzh tzo yua jac kjb ixl".split())
