"""Which language is this short typed text in? Ranked guesses with an honest confidence.

Three stages, each cheap enough to run in a fresh process:

1. **Script first.** Letters are counted per Unicode script. Many scripts name their language
   outright (Hangul, kana, Thai, Khmer, Lao, Georgian, Armenian, Gurmukhi, Bengali...).
2. **Statistics within a script family.** For Latin, Cyrillic, Arabic, Devanagari, Ethiopic and
   Myanmar text a naive-Bayes model over character 1-3-grams decides (Spanish vs Portuguese,
   Arabic vs Persian vs Urdu vs Pashto, Russian vs Ukrainian, Amharic vs Tigrinya, Burmese vs
   S'gaw Karen). Latin text is scored accent-folded, so ``khong biet`` still reads as Vietnamese;
   accents that *are* typed add their own evidence. Han text is split into Simplified/Traditional
   (and Cantonese) by characters that exist in only one form.
   **Word evidence** is added on top: each word found in a language's table of frequent words
   (``*.words``, from wordfreq or the project's own text) adds ``ln(frequency / WORD_FLOOR)`` to
   that language, a log-likelihood ratio against one floor shared by every language: a word
   frequent in several languages favours them by their relative frequency, and a word no table
   lists costs nothing (the n-grams decide, as for a name or a typo).
3. **Verdict.** Scores become probabilities (calibrated on lepcli's own evaluation set); the
   verdict is ``confident`` only when the best guess clearly wins and the text looks like a
   language lepcli knows. Otherwise ``uncertain`` with what to do next.

The profiles in ``lepcli/detect/data/`` are built by ``scripts/build_detect_profiles.py`` from
langdetect's shipped profiles (Apache-2.0, Nakatani Shuyo / Cybozu Labs) and from text the
project wrote itself (``scripts/detect_corpus/``). langdetect itself is never imported here:
loading its 75 MB of profiles would cost several times the CLI's whole start-up.
Deterministic: no sampling, no random seeds; ties break by catalog rank.
"""

from __future__ import annotations

import array
import bisect
import functools
import json
import math
import re
import struct
import sys
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from lepcli.errors import BadInput

# -- Unicode scripts ---------------------------------------------------------------------------

# (first code point, last code point, ISO 15924 script). Only letters and marks are counted.
_SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x005A, "Latn"),
    (0x0061, 0x007A, "Latn"),
    (0x00C0, 0x024F, "Latn"),
    (0x0250, 0x02AF, "Latn"),  # IPA letters used by West African orthographies (ɛ, ɔ)
    (0x0370, 0x03FF, "Grek"),
    (0x0400, 0x052F, "Cyrl"),
    (0x0530, 0x058F, "Armn"),
    (0x0590, 0x05FF, "Hebr"),
    (0x0600, 0x06FF, "Arab"),
    (0x0700, 0x074F, "Syrc"),
    (0x0750, 0x077F, "Arab"),
    (0x0780, 0x07BF, "Thaa"),
    (0x07C0, 0x07FF, "Nkoo"),
    (0x08A0, 0x08FF, "Arab"),
    (0x0900, 0x097F, "Deva"),
    (0x0980, 0x09FF, "Beng"),
    (0x0A00, 0x0A7F, "Guru"),
    (0x0A80, 0x0AFF, "Gujr"),
    (0x0B00, 0x0B7F, "Orya"),
    (0x0B80, 0x0BFF, "Taml"),
    (0x0C00, 0x0C7F, "Telu"),
    (0x0C80, 0x0CFF, "Knda"),
    (0x0D00, 0x0D7F, "Mlym"),
    (0x0D80, 0x0DFF, "Sinh"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x0E80, 0x0EFF, "Laoo"),
    (0x0F00, 0x0FFF, "Tibt"),
    (0x1000, 0x109F, "Mymr"),
    (0x10A0, 0x10FF, "Geor"),
    (0x1100, 0x11FF, "Hang"),
    (0x1200, 0x139F, "Ethi"),
    (0x13A0, 0x13FF, "Cher"),
    (0x1400, 0x167F, "Cans"),
    (0x1780, 0x17FF, "Khmr"),
    (0x1800, 0x18AF, "Mong"),
    (0x19E0, 0x19FF, "Khmr"),
    (0x1C90, 0x1CBF, "Geor"),
    (0x1E00, 0x1EFF, "Latn"),
    (0x1F00, 0x1FFF, "Grek"),
    (0x2D00, 0x2D2F, "Geor"),
    (0x2D80, 0x2DDF, "Ethi"),
    (0x3040, 0x309F, "Hira"),
    (0x30A0, 0x30FF, "Kana"),
    (0x3100, 0x312F, "Bopo"),
    (0x3130, 0x318F, "Hang"),
    (0x31A0, 0x31BF, "Bopo"),
    (0x31F0, 0x31FF, "Kana"),
    (0x3400, 0x4DBF, "Hani"),
    (0x4E00, 0x9FFF, "Hani"),
    (0xA960, 0xA97F, "Hang"),
    (0xA9E0, 0xA9FF, "Mymr"),
    (0xAA60, 0xAA7F, "Mymr"),
    (0xAB00, 0xAB2F, "Ethi"),
    (0xAC00, 0xD7AF, "Hang"),
    (0xD7B0, 0xD7FF, "Hang"),
    (0xF900, 0xFAFF, "Hani"),
    (0xFB1D, 0xFB4F, "Hebr"),
    (0xFB50, 0xFDFF, "Arab"),
    (0xFE70, 0xFEFF, "Arab"),
    (0xFF21, 0xFF3A, "Latn"),
    (0xFF41, 0xFF5A, "Latn"),
    (0xFF66, 0xFF9F, "Kana"),
    (0x20000, 0x3134F, "Hani"),
)
_STARTS = [r[0] for r in _SCRIPT_RANGES]

SCRIPT_NAMES: dict[str, str] = {
    "Latn": "Latin",
    "Cyrl": "Cyrillic",
    "Arab": "Arabic",
    "Deva": "Devanagari",
    "Beng": "Bengali",
    "Guru": "Gurmukhi",
    "Gujr": "Gujarati",
    "Orya": "Odia",
    "Taml": "Tamil",
    "Telu": "Telugu",
    "Knda": "Kannada",
    "Mlym": "Malayalam",
    "Sinh": "Sinhala",
    "Thai": "Thai",
    "Laoo": "Lao",
    "Tibt": "Tibetan",
    "Mymr": "Myanmar",
    "Geor": "Georgian",
    "Hang": "Hangul",
    "Ethi": "Ethiopic",
    "Khmr": "Khmer",
    "Hira": "Hiragana",
    "Kana": "Katakana",
    "Jpan": "Japanese (kana and kanji)",
    "Hani": "Han (Chinese characters)",
    "Hans": "Han (Simplified)",
    "Hant": "Han (Traditional)",
    "Bopo": "Bopomofo",
    "Grek": "Greek",
    "Armn": "Armenian",
    "Hebr": "Hebrew",
    "Syrc": "Syriac",
    "Thaa": "Thaana",
    "Nkoo": "N'Ko",
    "Cher": "Cherokee",
    "Cans": "Canadian syllabics",
    "Mong": "Mongolian",
}

# Scripts that name one language by themselves: script -> ((code, share), ...).
# The share left over is what an unlisted language using the same script might take.
_SCRIPT_LANGUAGES: dict[str, tuple[tuple[str, float], ...]] = {
    "Hang": (("ko", 0.99),),
    "Jpan": (("ja", 0.99),),
    "Grek": (("el", 0.98),),
    "Armn": (("hy", 0.99),),
    "Geor": (("ka", 0.99),),
    "Hebr": (("he", 0.93),),  # Yiddish also uses it
    "Beng": (("bn", 0.95),),  # Assamese and Sylheti too
    "Guru": (("pa", 0.99),),
    "Gujr": (("gu", 0.99),),
    "Orya": (("or", 0.99),),
    "Taml": (("ta", 0.99),),
    "Telu": (("te", 0.99),),
    "Knda": (("kn", 0.99),),
    "Mlym": (("ml", 0.99),),
    "Sinh": (("si", 0.99),),
    "Thai": (("th", 0.98),),
    "Laoo": (("lo", 0.99),),
    "Khmr": (("km", 0.99),),
    "Tibt": (("bo", 0.95),),  # Dzongkha too
    "Thaa": (("dv", 0.99),),
    "Cher": (("chr", 0.99),),
}

# Scripts decided by a statistical profile: script -> profile file stem.
_SCRIPT_GROUPS = {"Latn": "latin", "Cyrl": "cyrillic", "Arab": "arabic", "Deva": "devanagari", "Ethi": "ethiopic"}
_SCRIPT_GROUPS["Mymr"] = "myanmar"

# Written forms that cannot be told apart from text: (code, sibling, sibling's share).
_SIBLINGS: dict[str, tuple[str, float]] = {
    "fa": ("prs", 0.3),  # Dari is written like Persian; only vocabulary differs
}
# Romanized profiles: profile key -> (codes with their shares).
_ROMANIZED: dict[str, tuple[tuple[str, float], ...]] = {
    # Romanized Hindi and Urdu are one spoken language: each profile keeps a share for the other.
    "hi-Latn": (("hi", 0.7), ("ur", 0.3)),
    "ur-Latn": (("ur", 0.7), ("hi", 0.3)),
    "ar-Latn": (("ar", 1.0),),
    "ru-Latn": (("ru", 1.0),),
}
# Codes that may be named in --among and what they stand for in detection.
_AMONG_EXPANDS: dict[str, tuple[str, ...]] = {
    "zh": ("zh-Hans", "zh-Hant"),
    "cmn": ("zh-Hans", "zh-Hant"),
    "yue": ("yue", "zh-Hant"),
    "prs": ("prs", "fa"),
    "fa": ("fa", "prs"),
}
# Pairs a dispatcher treats as one answer: the same interpreter language, another written form.
_SAME_INTERPRETER = (
    frozenset({"zh-Hans", "zh-Hant"}),
    frozenset({"fa", "prs"}),
    frozenset({"hi", "ur"}),
)

CONFIDENT = 0.80  # top guess probability needed for a "confident" verdict
MIN_LETTERS = 2

_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|[@#]\w+", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def script_of(ch: str) -> str | None:
    """ISO 15924 code of a letter or mark, or None for anything else."""
    cp = ord(ch)
    i = bisect.bisect_right(_STARTS, cp) - 1
    if i < 0:
        return None
    start, end, script = _SCRIPT_RANGES[i]
    if cp > end:
        return None
    if script == "Latn" or script == "Grek" or script == "Cyrl":
        return script if ch.isalpha() else None
    cat = unicodedata.category(ch)
    return script if cat[0] in "LM" else None


# -- Latin folding (shared with scripts/build_detect_profiles.py) -------------------------------

_FOLD_SPECIAL = {
    "đ": "d",
    "ł": "l",
    "ø": "o",
    "ß": "s",
    "æ": "a",
    "œ": "o",
    "ı": "i",
    "ħ": "h",
    "ŧ": "t",
    "ŋ": "n",
    "ɛ": "e",
    "ɔ": "o",
    "þ": "t",
    "ð": "d",
    "ĸ": "k",
    "ŀ": "l",
}


@functools.cache
def fold_latin(ch: str) -> str:
    """A lower-case Latin letter without its accent (``ế`` -> ``e``, ``đ`` -> ``d``)."""
    special = _FOLD_SPECIAL.get(ch)
    if special is not None:
        return special
    if ch.isascii():
        return ch
    base = unicodedata.normalize("NFKD", ch)[0]
    if base.isascii() and base.isalpha():
        return base.lower()
    return ch


def accent_key(ch: str) -> str:
    """How an accented letter is counted as evidence; langdetect folds all Vietnamese
    vowel+tone letters (U+1EA0-U+1EFF) into one class, so lepcli does too."""
    if 0x1EA0 <= ord(ch) <= 0x1EFF:
        return "\u1ec3"
    if ch == "\u0219":  # Romanian s/t with comma below == with cedilla (as langdetect)
        return "\u015f"
    if ch == "\u021b":
        return "\u0163"
    return ch


def normalize_arabic(ch: str) -> str:
    """Farsi yeh and Arabic yeh are one letter in langdetect's profiles."""
    return "\u064a" if ch == "\u06cc" else ch


def words_of(text: str, script: str) -> list[str]:
    """Lower-cased words written in ``script`` (Latin folded), everything else as a break."""
    out: list[str] = []
    current: list[str] = []
    for ch in text.lower():
        if script_of(ch) == script:
            if script == "Latn":
                ch = fold_latin(ch)
            elif script == "Arab":
                ch = normalize_arabic(ch)
            current.append(ch)
        elif current:
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return out


def word_keys(text: str, script: str) -> list[str]:
    """Words as the word tables key them: like :func:`words_of`, with ß, œ and æ spelled out
    (``strasse``, ``soeur``) the way people type them on a keyboard without those letters."""
    if script == "Latn":
        text = text.lower().replace("ß", "ss").replace("œ", "oe").replace("æ", "ae")
    return words_of(text, script)


def grams_of(words: Iterable[str]) -> list[str]:
    """Character 1-, 2- and 3-grams of each word padded with spaces (langdetect's scheme)."""
    grams: list[str] = []
    for word in words:
        padded = f" {word} "
        grams.extend(word)
        grams.extend(padded[i : i + 2] for i in range(len(padded) - 1))
        grams.extend(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


# -- profiles ----------------------------------------------------------------------------------

SCALE = 20.0  # bytes in the score matrix are round(-ln P * SCALE)


class Profile(NamedTuple):
    """One script family's character-n-gram model."""

    name: str
    languages: tuple[str, ...]  # profile keys: lepcli codes, or "hi-Latn"-style romanized ones
    grams: dict[str, int]  # n-gram -> row
    matrix: bytes  # len(index) * len(languages) bytes, row-major
    accents: dict[str, bytes]  # accented letter -> per-language -ln P(letter | its base) * SCALE
    accent_floor: int
    prior: tuple[float, ...]  # ln prior per language
    typical: float  # mean -ln P per gram for text in a known language (for the "fit" check)


# Plain files next to this module (importlib.resources would add ~10 ms to every start).
DATA_DIR = Path(__file__).resolve().parent / "data"


@functools.cache
def _meta() -> dict[str, Any]:
    return json.loads((DATA_DIR / "meta.json").read_bytes())  # type: ignore[no-any-return]


@functools.cache
def load_profile(name: str) -> Profile:
    raw = (DATA_DIR / f"{name}.bin").read_bytes()
    (header_len,) = struct.unpack_from("<I", raw, 0)
    header = json.loads(raw[4 : 4 + header_len])
    keys_end = 4 + header_len + header["keys_bytes"]
    keys = raw[4 + header_len : keys_end].decode("utf-8").split("\n")
    matrix_end = keys_end + header["matrix_bytes"]
    langs = tuple(header["languages"])
    accents = {k: bytes(v) for k, v in header["accents"].items()}
    return Profile(
        name=name,
        languages=langs,
        grams=dict(zip(keys, range(len(keys)), strict=True)),
        matrix=raw[keys_end:matrix_end],
        accents=accents,
        accent_floor=header["accent_floor"],
        prior=tuple(header["prior"]),
        typical=header["typical"],
    )


WORD_SCALE = 10.0  # word-table bytes are round(ln(frequency / WORD_FLOOR) * WORD_SCALE)
MAX_WORDS = 64  # word evidence looks at the first words only (the n-grams see the whole text)


class WordTable(NamedTuple):
    """Frequent words of the languages of one script family, for word-level evidence.

    Per language: sorted CRC-32 hashes of its words (UTF-8 of :func:`word_keys`) and, in the same
    order, one byte each: ``ln(frequency / WORD_FLOOR) * WORD_SCALE``. Looked up by binary search,
    so loading is two memory copies per language, not a dictionary of 300,000 strings.
    """

    columns: tuple[int, ...]  # profile column of each table
    hashes: tuple[array.array[int], ...]
    bonus: tuple[bytes, ...]
    borrow: tuple[tuple[int, int, float], ...]  # (column, column it borrows from, ln share)


@functools.cache
def load_words(name: str) -> WordTable | None:
    path = DATA_DIR / f"{name}.words"
    if not path.is_file():
        return None
    raw = path.read_bytes()
    (header_len,) = struct.unpack_from("<I", raw, 0)
    header = json.loads(raw[4 : 4 + header_len])
    pos = 4 + header_len
    hashes: list[array.array[int]] = []
    bonus: list[bytes] = []
    for count in header["counts"]:
        table = array.array("I")
        table.frombytes(raw[pos : pos + 4 * count])
        if sys.byteorder == "big":
            table.byteswap()
        pos += 4 * count
        hashes.append(table)
        bonus.append(raw[pos : pos + count])
        pos += count
    borrow = tuple((int(c), int(src), float(share)) for c, src, share in header.get("borrow", []))
    return WordTable(tuple(header["columns"]), tuple(hashes), tuple(bonus), borrow)


def word_bonus(table: WordTable, words: Sequence[str], k: int) -> list[float]:
    """Per profile column: the summed ln(frequency / WORD_FLOOR) of the words its table lists.

    A language without a frequency list of its own that borrows from a listed neighbour (Nepali
    and Marathi from Hindi, Pashto from Persian) is credited each word the neighbour lists at
    ``ln(share)`` less, unless its own small table credits it more: a frequent Hindi word is
    evidence for Nepali too, only weaker.
    """
    keys = [zlib.crc32(w.encode("utf-8")) for w in words[:MAX_WORDS]]
    per_column: dict[int, list[int]] = {}
    for column, hashes, bonus in zip(table.columns, table.hashes, table.bonus, strict=True):
        found = []
        n = len(hashes)
        for key in keys:
            i = bisect.bisect_left(hashes, key)
            found.append(bonus[i] if i < n and hashes[i] == key else 0)
        per_column[column] = found
    for column, source, log_share in table.borrow:
        lent = [max(0, b + round(log_share * WORD_SCALE)) for b in per_column[source]]
        own = per_column.get(column, [0] * len(keys))
        per_column[column] = [max(a, b) for a, b in zip(own, lent, strict=True)]
    out = [0.0] * k
    for column, found in per_column.items():
        out[column] = sum(found) / WORD_SCALE
    return out


@functools.cache
def _han_tables() -> dict[str, frozenset[str]]:
    han = _meta()["han"]
    return {k: frozenset(v) for k, v in han.items()}


# -- results -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Guess:
    code: str
    name: str
    native: str
    script: str  # the script the text was written in (ISO 15924), e.g. Latn for romanized Hindi
    confidence: float
    romanized: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "native": self.native,
            "script": self.script,
            "confidence": round(self.confidence, 3),
            "romanized": self.romanized,
        }


NEXT_STEPS_UNCERTAIN = (
    "Show the point-to-your-language card: lep ispeak",
    "Call the interpreter line and ask for language identification: lep lines",
)


@dataclass
class DetectResult:
    guesses: list[Guess]
    verdict: str  # "confident" | "uncertain"
    reason: str
    script: str | None  # dominant script of the text (ISO 15924) or None when it has no letters
    letters: int
    among: list[str] | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def confident(self) -> bool:
        return self.verdict == "confident"

    @property
    def language(self) -> str | None:
        return self.guesses[0].code if self.confident and self.guesses else None

    @property
    def next_steps(self) -> list[str]:
        if self.confident and self.guesses:
            code = self.guesses[0].code
            return [
                f"Find an interpreter line for it: lep lines {code}",
                f"Common phrases: lep phrase list --lang {code}",
            ]
        return list(NEXT_STEPS_UNCERTAIN)

    def to_json(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "confident": self.confident,
            "language": self.language,
            "guesses": [g.to_json() for g in self.guesses],
            "script": self.script,
            "script_name": SCRIPT_NAMES.get(self.script or "", self.script),
            "letters": self.letters,
            "reason": self.reason,
            "next_steps": self.next_steps,
            "among": self.among,
            "notes": self.notes,
        }

    def to_view(self) -> Any:
        from lepcli.cli import render as output

        view = output.View()
        if self.confident:
            top = self.guesses[0]
            view.add(output.Title(f"{top.name}  ·  {top.native}", f"code {top.code}, {top.confidence:.0%} sure"))
            view.add(output.Note(self.reason, tone="ok", label="CONFIDENT"))
        else:
            view.add(output.Title("Language not certain"))
            view.add(output.Note(self.reason, tone="warn", label="UNCERTAIN"))
        if self.guesses:
            rows = [
                [
                    str(n),
                    g.code,
                    g.name,
                    g.native,
                    SCRIPT_NAMES.get(g.script, g.script) + (" (romanized)" if g.romanized else ""),
                    f"{g.confidence:.0%}",
                ]
                for n, g in enumerate(self.guesses, 1)
            ]
            view.add(output.Table(["#", "code", "language", "native name", "written in", "confidence"], rows))
        for note in self.notes:
            view.add(output.Note(note, tone="info", label="note"))
        view.add(output.Note("; ".join(self.next_steps), tone="muted" if self.confident else "warn", label="next"))
        return view


# -- scoring -----------------------------------------------------------------------------------


def _softmax(scores: dict[str, float]) -> dict[str, float]:
    if not scores:
        return {}
    top = max(scores.values())
    exps = {k: math.exp(v - top) for k, v in scores.items()}
    total = sum(exps.values())
    return {k: v / total for k, v in exps.items()}


class _Scored(NamedTuple):
    probs: dict[str, float]  # profile key -> probability
    fit: float  # 0..1: how much the text looks like the best language (1 = typical)
    known: float  # share of the text's n-grams that the model has seen in any language


def _score_profile(profile: Profile, text: str, script: str) -> _Scored:
    words = words_of(text, script)
    grams = grams_of(words)
    k = len(profile.languages)
    index = profile.grams
    matrix = profile.matrix
    rows: list[bytes] = []
    for g in grams:
        i = index.get(g)
        if i is not None:
            rows.append(matrix[i * k : (i + 1) * k])
    cost = [sum(col) for col in zip(*rows, strict=True)] if rows else [0] * k
    table = load_words(profile.name)
    bonus = word_bonus(table, word_keys(text, script), k) if table is not None else [0.0] * k
    if script == "Latn":
        # Accents that were typed are evidence; accents left out cost nothing.
        for ch in text.lower():
            if not ch.isalpha() or ch.isascii():
                continue
            key = accent_key(ch)
            if fold_latin(ch) == ch and key == ch and ch not in profile.accents:
                continue
            row = profile.accents.get(key)
            if row is None:
                row = bytes([profile.accent_floor]) * k
            cost = [c + r for c, r in zip(cost, row, strict=True)]
    n = max(len(rows), 1)
    # Naive-Bayes grams are not independent: dividing by a calibration constant keeps the
    # probabilities honest (measured on the evaluation set, see bench/bench_detect.py).
    temper = _meta()["temper"]
    scores = {
        lang: (-cost[j] / SCALE) / temper + bonus[j] + profile.prior[j] for j, lang in enumerate(profile.languages)
    }
    best = min(cost) / SCALE / n if rows else 99.0
    fit = max(0.0, min(1.0, (_meta()["floor_cost"] - best) / (_meta()["floor_cost"] - profile.typical)))
    known = len(rows) / len(grams) if grams else 0.0
    return _Scored(_softmax(scores), fit, known)


def _han(text: str) -> tuple[dict[str, float], list[str]]:
    tables = _han_tables()
    chars = [ch for ch in text if script_of(ch) == "Hani"]
    simp = sum(1 for ch in chars if ch in tables["simplified"])
    trad = sum(1 for ch in chars if ch in tables["traditional"])
    yue = sum(1 for ch in chars if ch in tables["cantonese"])
    jpn = sum(1 for ch in chars if ch in tables["japanese"])
    notes: list[str] = []
    # Each distinctive character is strong evidence; none at all leaves the written form open.
    scores = {"zh-Hans": 0.15 + 2.2 * simp, "zh-Hant": 2.2 * trad, "yue": -3.0 + 2.0 * yue, "ja": -4.0 + 2.5 * jpn}
    if yue:
        scores["zh-Hant"] += 1.0 * yue  # written Cantonese is Traditional
    if not simp and not trad and not yue:
        notes.append("No character here exists in only one form, so Simplified and Traditional cannot be told apart.")
    return _softmax(scores), notes


def _letters_by_script(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for ch in text:
        s = script_of(ch)
        if s is not None:
            counts[s] = counts.get(s, 0) + 1
    if "Hira" in counts or "Kana" in counts:
        kana = counts.pop("Hira", 0) + counts.pop("Kana", 0)
        counts["Jpan"] = kana + counts.pop("Hani", 0)
    return counts


class _Part(NamedTuple):
    script: str
    probs: dict[str, float]  # lepcli code -> probability
    fit: float
    romanized: set[str]
    notes: list[str]


def _script_part(script: str, text: str) -> _Part:
    if script in _SCRIPT_LANGUAGES:
        return _Part(script, dict(_SCRIPT_LANGUAGES[script]), 1.0, set(), [])
    if script == "Hani":
        han_probs, notes = _han(text)
        return _Part(script, han_probs, 1.0, set(), notes)
    group = _SCRIPT_GROUPS.get(script)
    if group is None:
        name = SCRIPT_NAMES.get(script, script)
        return _Part(script, {}, 0.0, set(), [f"Written in {name}; lepcli has no language model for this script."])
    scored = _score_profile(load_profile(group), text, script)
    probs: dict[str, float] = {}
    romanized: set[str] = set()
    for key, p in scored.probs.items():
        shares = _ROMANIZED.get(key)
        if shares is not None:
            for code, share in shares:
                probs[code] = probs.get(code, 0.0) + p * share
                romanized.add(code)
            continue
        sibling = _SIBLINGS.get(key)
        if sibling is not None:
            probs[key] = probs.get(key, 0.0) + p * (1 - sibling[1])
            probs[sibling[0]] = probs.get(sibling[0], 0.0) + p * sibling[1]
            continue
        probs[key] = probs.get(key, 0.0) + p
    fit = scored.fit * min(1.0, scored.known / 0.6)
    return _Part(script, probs, fit, romanized, [])


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
    for shares in _SCRIPT_LANGUAGES.values():
        codes.update(c for c, _ in shares)
    codes.update(["zh-Hans", "zh-Hant", "yue", "ja"])
    codes.update(sibling for sibling, _ in _SIBLINGS.values())
    for group in (groups if groups is not None else _meta()["groups"]).values():
        for key in group:
            codes.update(c for c, _ in _ROMANIZED.get(key, ((key, 1.0),)))
    return sorted(codes)


def detect(
    text: str,
    top: int = 3,
    among: Sequence[str] | None = None,
    *,
    prefer: Sequence[str] | None = None,
) -> DetectResult:
    """Rank the languages ``text`` may be written in.

    ``among`` restricts the answer to those lepcli codes (``zh`` covers both written forms);
    ``prefer`` (an agency's common languages) only raises their prior.
    """
    if top < 1:
        raise BadInput("--top must be 1 or more")
    among_list = list(among) if among else None
    allowed = _allowed(among_list) if among_list else None
    cleaned = _SPACE.sub(" ", _URL.sub(" ", text))
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
    outside_best: tuple[str, float] | None = None
    if allowed is not None:
        best_any = max(probs.items(), key=lambda kv: kv[1], default=None)
        inside = {c: p for c, p in probs.items() if c in allowed}
        mass = sum(inside.values())
        if best_any is not None and best_any[0] not in allowed:
            outside_best = best_any
        probs = {c: p / mass for c, p in inside.items()} if mass > 0 else {}
        fit *= min(1.0, mass * 4)  # the text fits none of the allowed languages well
    ranked = sorted(probs.items(), key=lambda kv: (-kv[1], _rank(kv[0])))[:top]
    guesses: list[Guess] = []
    for code, p in ranked:
        name, native, usual, _ = _names()[code]
        guesses.append(Guess(code, name, native, _guess_script(code, script_for[code], usual), p, code in romanized))
    verdict, reason = _verdict(guesses, fit, letters, len(parts) > 1, probs)
    if outside_best is not None:
        other = outside_best[0]
        notes.append(f"Outside --among, the text looks most like {_names()[other][0]} ({other}).")
    if among_list and not guesses:
        reason = "The text's script is not used by any language in --among."
    return DetectResult(guesses, verdict, reason, main_script, letters, among_list, notes)


def _guess_script(code: str, written: str, usual: str) -> str:
    if written == "Hani" and code in ("zh-Hans", "zh-Hant"):
        return code.split("-")[1]
    if written == "Hani":
        return usual
    return written


def _names() -> dict[str, list[Any]]:
    """code -> [English name, native name, usual script, catalog rank], copied from lepcli.languages
    at build time (loading the world language table would cost ~10 ms per run)."""
    return _meta()["names"]  # type: ignore[no-any-return]


def _rank(code: str) -> int:
    rank = _names()[code][3]
    return int(rank) if rank else 10_000


def _same_interpreter(a: str, b: str) -> bool:
    return any(a in pair and b in pair for pair in _SAME_INTERPRETER)


def _verdict(guesses: list[Guess], fit: float, letters: int, mixed: bool, probs: dict[str, float]) -> tuple[str, str]:
    if not guesses:
        return "uncertain", "No language lepcli knows is written in this script."
    top = guesses[0]
    p = top.confidence
    pair_note = ""
    if p < CONFIDENT and len(guesses) > 1 and _same_interpreter(top.code, guesses[1].code):
        p += guesses[1].confidence
        pair_note = f" or {guesses[1].name} (same interpreter language; the writing cannot tell them apart)"
    if fit < 0.35:
        return (
            "uncertain",
            "The text does not look much like any language lepcli knows (names, typos or another language).",
        )
    if letters < 4 and top.script not in ("Hans", "Hant", "Hani", "Jpan", "Kore", "Hang"):
        return "uncertain", "Too few letters to tell the language."
    if p < CONFIDENT:
        second = f"; {guesses[1].name} is also possible" if len(guesses) > 1 else ""
        return "uncertain", f"Best guess {top.name} ({top.confidence:.0%}){second}."
    if mixed:
        return "confident", f"Mostly {top.name}{pair_note}, mixed with another script."
    return "confident", f"{top.name}{pair_note}."
