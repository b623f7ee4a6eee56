"""The script stage and the text rules shared by the detector and its build script.

Unicode script ranges (ISO 15924), the scripts that name their language outright, Latin accent
folding, word splitting, character n-grams, and the texting normalisation applied before scoring
(stretched letters, ``ayudaaa`` -> ``ayuda``). The build script imports the same functions, so the
shipped profiles are keyed exactly as text is read at run time.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

# -- Unicode scripts ---------------------------------------------------------------------------
# (first code point, last code point, ISO 15924 script). Only letters and marks are counted.
from lepcli.text.scripts import COMBINING, script_of  # the one script table

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

URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|[@#]\w+", re.IGNORECASE)
SPACE = re.compile(r"\s+")
_STRETCH = re.compile(r"(.)\1{2,}")



_SCRIPT_OF: dict[str, str | None] = {}  # per character, filled as text is read (a few hundred entries)


def char_script(ch: str) -> str | None:
    """``script_of`` remembered per character (detection reads each text three times)."""
    try:
        return _SCRIPT_OF[ch]
    except KeyError:
        found = script_of(ch)
        if len(_SCRIPT_OF) < 4096:  # bounded: a long-running process may read many scripts
            _SCRIPT_OF[ch] = found
        return found


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


def words_of(text: str, script: str, fold: bool = True) -> list[str]:
    """Lower-cased words written in ``script`` (Latin folded unless ``fold`` is False),
    everything else as a break."""
    out: list[str] = []
    current: list[str] = []
    for ch in text.lower():
        found = char_script(ch)
        if found == COMBINING and current:
            continue  # Yoruba ẹ̀, a stress mark: the base letter carries the word on
        if found == script:
            if script == "Latn" and fold:
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


def word_keys(text: str, script: str, fold: bool = True) -> list[str]:
    """Words as the word tables key them: like :func:`words_of`, with ß, œ and æ spelled out
    (``strasse``, ``soeur``) the way people type them on a keyboard without those letters.
    ``fold=False``: Latin words as typed (``não``), the key of a word's exact written form."""
    if script == "Latn":
        text = text.lower().replace("ß", "ss").replace("œ", "oe").replace("æ", "ae")
    return words_of(text, script, fold)


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
