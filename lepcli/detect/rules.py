"""The script stage and the text rules shared by the detector and its build script.

Unicode script ranges (ISO 15924), the scripts that name their language outright, Latin accent
folding, word splitting, character n-grams, and the texting normalisation applied before scoring
(stretched letters, ``ayudaaa`` -> ``ayuda``). The build script imports the same functions, so the
shipped profiles are keyed exactly as text is read at run time.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Iterable

# -- Unicode scripts ---------------------------------------------------------------------------

# (first code point, last code point, ISO 15924 script). Only letters and marks are counted.
_SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x005A, "Latn"),
    (0x0061, 0x007A, "Latn"),
    (0x00C0, 0x024F, "Latn"),
    (0x0250, 0x02AF, "Latn"),  # IPA letters used by West African orthographies (ɛ, ɔ)
    (0x0300, 0x036F, "Zinh"),
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
SCRIPT_LANGUAGES: dict[str, tuple[tuple[str, float], ...]] = {
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
SCRIPT_GROUPS = {
    "Latn": "latin",
    "Cyrl": "cyrillic",
    "Arab": "arabic",
    "Deva": "devanagari",
    "Ethi": "ethiopic",
    "Mymr": "myanmar",
}
COMBINING = "Zinh"  # combining accents (U+0300-U+036F): part of the word they follow

URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|[@#]\w+", re.IGNORECASE)
SPACE = re.compile(r"\s+")
_STRETCH = re.compile(r"(.)\1{2,}")


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
    if script == COMBINING:
        return script
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
        found = script_of(ch)
        if found == COMBINING and current:
            continue  # Yoruba ẹ̀, a stress mark: the base letter carries the word on
        if found == script:
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


def stretched_forms(word: str) -> tuple[str, str] | None:
    """A word typed with stretched letters (``ayudaaa``, ``pleeease``): the run shrunk to one
    letter and to two, or None when no letter repeats three times. The caller keeps whichever
    form a word table lists (one letter when neither is listed)."""
    if not _STRETCH.search(word):
        return None
    return _STRETCH.sub(r"\1", word), _STRETCH.sub(r"\1\1", word)
