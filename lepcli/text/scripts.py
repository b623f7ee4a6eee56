"""Which Unicode script a character belongs to: ONE table for every feature (detection, the phrase
search's no-space scripts, PDF font choice, the terminal's complex-script warning).

ISO 15924 codes. Ranges are Unicode blocks; within a block, ``script_of`` still checks that the
character is a letter or a mark (punctuation and digits belong to no script).
"""

from __future__ import annotations

import bisect
import unicodedata

RANGES: tuple[tuple[int, int, str], ...] = (
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
    (0x0870, 0x089F, "Arab"),
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
    (0x2D30, 0x2D7F, "Tfng"),
    (0x2D80, 0x2DDF, "Ethi"),
    (0x2E80, 0x2FFF, "Hani"),  # CJK radicals
    (0x3000, 0x303F, "Zyyy"),  # CJK punctuation: common to Chinese, Japanese, Korean
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
    (0xFF00, 0xFF20, "Zyyy"),  # full-width forms
    (0xFF21, 0xFF3A, "Latn"),
    (0xFF3B, 0xFF40, "Zyyy"),
    (0xFF41, 0xFF5A, "Latn"),
    (0xFF5B, 0xFF65, "Zyyy"),
    (0xFF66, 0xFF9F, "Kana"),
    (0xFFA0, 0xFFEF, "Zyyy"),
    (0x1E900, 0x1E95F, "Adlm"),
    (0x20000, 0x3134F, "Hani"),
)
_STARTS = [r[0] for r in RANGES]
COMBINING = "Zinh"  # combining accents (U+0300-U+036F): part of the word they follow
COMMON = "Zyyy"  # CJK punctuation and full-width forms: shared by the scripts around them
# Scripts written without spaces between words: searched by character pairs.
NO_SPACE = frozenset({"Hira", "Kana", "Hani", "Thai", "Laoo", "Mymr", "Khmr"})


def block_of(ch: str) -> str | None:
    """The script of the Unicode block ``ch`` is in (any character: letters, marks, punctuation)."""
    cp = ord(ch)
    i = bisect.bisect_right(_STARTS, cp) - 1
    if i < 0:
        return None
    start, end, script = RANGES[i]
    return script if cp <= end else None


def script_of(ch: str) -> str | None:
    """ISO 15924 code of a letter or mark, or None for anything else."""
    script = block_of(ch)
    if script is None or script == COMMON:
        return None
    if script in ("Latn", "Grek", "Cyrl"):
        return script if ch.isalpha() else None
    if script == COMBINING:
        return script
    return script if unicodedata.category(ch)[0] in "LM" else None


def no_space(ch: str) -> bool:
    """True for a letter of a script written without spaces (Chinese, Japanese, Thai, Lao, Burmese, Khmer)."""
    return ord(ch) >= 0x0E00 and block_of(ch) in NO_SPACE
