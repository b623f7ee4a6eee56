"""The second stage: the text against every language in franc's data, on equal terms.

The main models (``scoring.py``) know lepcli's languages well but, like every closed-set
classifier, name one of them for text in any other language (Basque reads as Hungarian, Maori as
Tongan). Here each of franc's ~330 Latin-script (and 35 Cyrillic) languages scores the text's
trigrams from its 300 most frequent ones, all with the same rank-to-probability curve, so no
language is favoured by having more data. ``detect`` compares the best of them with the main
model's answer: when a language the main model does not hold fits far better, its answer is
overruled (a language lepcli knows only from franc's data) or the text is marked as in a
language lepcli does not know.

Scores are summed with one big integer per trigram (a 32-bit field per language), so a text
costs a few dozen big-integer additions however many languages there are.
"""

from __future__ import annotations

import array
import sys
import unicodedata
from typing import NamedTuple

from lepcli.detect.profiles import FrancStage, load_franc
from lepcli.detect.rules import fold_latin

FIELD = 32  # bits per language in the packed sums
_rows: dict[tuple[str, int], int] = {}  # (group, trigram row) -> packed weights, built on first use


class FrancScores(NamedTuple):
    stage: FrancStage
    sums: array.array[int]  # summed ln-likelihood ratio per franc language, in units of 1 / scale nats
    scale: float
    trigrams: int


def _packed(group: str, stage: FrancStage, row: int) -> int:
    found = _rows.get((group, row))
    if found is None:
        start, end = stage.offsets[row], stage.offsets[row + 1]
        buf = bytearray(4 * len(stage.languages))
        weights = stage.weights
        for k, j in enumerate(stage.ids[start:end], start):
            buf[4 * j] = weights[k]
        found = int.from_bytes(buf, "little")
        _rows[(group, row)] = found
    return found


def accent_keys(text: str) -> list[str]:
    """The text's accented letters and combining marks as second-stage keys ("\0" + the mark)."""
    out = []
    for ch in unicodedata.normalize("NFC", text.lower()):
        if unicodedata.combining(ch) or (not ch.isascii() and ch.isalpha() and fold_latin(ch) != ch):
            out.append("\0" + ch)
    return out


def score_franc(group: str, grams: list[str]) -> FrancScores | None:
    """Scores of the text's trigrams (lepcli's folded form) and accent keys for every franc
    language of ``group``."""
    stage = load_franc(group)
    if stage is None:
        return None
    index = stage.grams
    total = 0
    n = 0
    for g in grams:
        if len(g) == 3:
            n += 1
        elif g[:1] != "\0":
            continue  # 1- and 2-grams: franc lists trigrams only
        row = index.get(g)
        if row is not None:
            total += _packed(group, stage, row)
    sums = array.array("I")
    sums.frombytes(total.to_bytes(4 * len(stage.languages), "little"))  # a field cannot overflow: 2**32 / 255
    if sys.byteorder == "big":
        sums.byteswap()
    return FrancScores(stage, sums, stage.scale, n)
