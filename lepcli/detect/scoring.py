"""The statistics stage: a script family's n-gram model plus word evidence -> probabilities.

Naive Bayes over character 1-3-grams (Latin scored accent-folded; accents that were typed are
their own evidence), plus **word evidence**: each word found in a language's table of frequent
words adds ``ln(frequency / WORD_FLOOR)`` to that language, a log-likelihood ratio against one
floor shared by every language: a word frequent in several languages favours them by their
relative frequency, and a word no table lists costs nothing (the n-grams decide, as for a name).
Han text is split into Simplified, Traditional, Cantonese and Japanese by characters that exist
in only one of them.
"""

from __future__ import annotations

import bisect
import math
import unicodedata
import zlib
from collections.abc import Sequence
from typing import NamedTuple

from lepcli.detect.profiles import SCALE, WORD_SCALE, Profile, WordTable, han_tables, load_words, meta
from lepcli.detect.rules import accent_key, fold_latin, grams_of, stretched_forms, word_keys, words_of
from lepcli.text.scripts import script_of

MARK_TEMPER = 1.0  # accent and letter-variant log-likelihoods: counted once each (set on bench/detect_eval)
MAX_WORDS = 64  # word evidence looks at the first words only (the n-grams see the whole text)


def softmax(scores: dict[str, float]) -> dict[str, float]:
    if not scores:
        return {}
    top = max(scores.values())
    exps = {k: math.exp(v - top) for k, v in scores.items()}
    total = sum(exps.values())
    return {k: v / total for k, v in exps.items()}


def _listed(table: WordTable, key: int) -> bool:
    i = bisect.bisect_left(table.hashes, key)
    return i < len(table.hashes) and table.hashes[i] == key


def destretch(words: list[str], table: WordTable | None) -> list[str]:
    """``ayudaaa`` -> ``ayuda``, ``pleeease`` -> ``please``: of the two shrunk forms, the one a
    word table lists (the one-letter form when neither or both are)."""
    out: list[str] = []
    for word in words:
        forms = stretched_forms(word)
        if forms is None:
            out.append(word)
            continue
        one, two = forms
        if table is not None and not _listed(table, zlib.crc32(one.encode("utf-8"))):
            if _listed(table, zlib.crc32(two.encode("utf-8"))):
                out.append(two)
                continue
        out.append(one)
    return out


def word_evidence(
    table: WordTable, words: Sequence[str], k: int, typed: Sequence[str] | None = None
) -> tuple[list[float], dict[int, list[int]]]:
    """Per profile column: the summed ln(frequency / WORD_FLOOR) of the words its table lists, and
    per column the byte found for each word (0: not listed), for telling a second language apart.

    ``typed``: the same words as typed, with their accents. A table also lists the exact written
    form of its accented words (``não``) at their full frequency; a word typed with accents gets
    that entry where the table has it (the folded key counts such words at ACCENT_DROP, the
    chance that they were typed without their accents).

    A language without a frequency list of its own that borrows from a listed neighbour (Nepali
    and Marathi from Hindi, Pashto from Persian) is credited each word the neighbour lists at
    ``ln(share)`` less, unless its own small table credits it more.
    """
    keys = [zlib.crc32(w.encode("utf-8")) for w in words[:MAX_WORDS]]
    n_words = len(keys)
    per_column: dict[int, list[int]] = {column: [0] * n_words for column in table.columns}
    hashes, cols, vals = table.hashes, table.posting_columns, table.posting_bonus
    n = len(hashes)
    lookups = list(enumerate(keys))
    if typed is not None and len(typed) == len(words):
        # Accented words also by the exact form typed; the larger byte of the two counts.
        lookups += [
            (i, zlib.crc32(t.encode("utf-8")))
            for i, (t, w) in enumerate(zip(typed[:MAX_WORDS], words[:MAX_WORDS], strict=True))
            if t != w
        ]
    for at, key in lookups:
        p = bisect.bisect_left(hashes, key)
        while p < n and hashes[p] == key:
            found = per_column[cols[p]]
            if vals[p] > found[at]:
                found[at] = vals[p]
            p += 1
    for column, source, log_share in table.borrow:
        lent = [max(0, b + round(log_share * WORD_SCALE)) for b in per_column[source]]
        own = per_column.get(column, [0] * len(keys))
        per_column[column] = [max(a, b) for a, b in zip(own, lent, strict=True)]
    out = [0.0] * k
    for column, found in per_column.items():
        out[column] = sum(found) / WORD_SCALE
    return out, per_column


class Scored(NamedTuple):
    probs: dict[str, float]  # profile key -> probability (priors included)
    evidence: dict[str, float]  # profile key -> log score without the prior
    marks: dict[str, float]  # profile key -> the part from accents and letter variants (ã, Farsi yeh)
    fit: float  # 0..1: how much the text looks like the best language (1 = typical)
    known: float  # share of the text's n-grams that the model has seen in any language
    words: list[str]  # the word keys scored (first MAX_WORDS)
    by_word: dict[str, list[int]]  # profile key -> word-table byte per word
    grams: list[str]  # the text's n-grams (for the second stage)
    lenders: dict[str, tuple[str, int]]  # key -> (key whose word table it borrows, byte offset): Marathi -> Hindi


def score_profile(profile: Profile, text: str, script: str) -> Scored:
    table = load_words(profile.name)
    words = destretch(words_of(text, script), table)
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
    gram_cost = cost
    keys = destretch(word_keys(text, script), table)
    typed = word_keys(text, script, fold=False) if script == "Latn" and not text.isascii() else None
    by_column: dict[int, list[int]] = {}
    if table is not None:
        bonus, by_column = word_evidence(table, keys, k, typed)
    else:
        bonus = [0.0] * k
    if script == "Latn":
        # Accents that were typed are evidence; accents left out cost nothing.
        for ch in unicodedata.normalize("NFC", text.lower()):
            if unicodedata.combining(ch):
                key = ch  # a tone or dot mark with no precomposed letter (Yoruba ẹ̀)
            elif not ch.isalpha() or ch.isascii():
                continue
            else:
                key = accent_key(ch)
                if fold_latin(ch) == ch and key == ch and ch not in profile.accents:
                    continue
            row = profile.accents.get(key)
            if row is None:
                row = bytes([profile.accent_floor]) * k
            cost = [c + r for c, r in zip(cost, row, strict=True)]
    elif profile.accents:
        # Letters the n-grams fold together (Farsi yeh and Arabic yeh): each typed variant is
        # evidence, like an accented Latin letter.
        for ch in text:
            row = profile.accents.get(ch)
            if row is not None:
                cost = [c + r for c, r in zip(cost, row, strict=True)]
    n = max(len(rows), 1)
    # Naive-Bayes grams are not independent: dividing by a calibration constant keeps the
    # probabilities honest (measured on the evaluation set, see bench/bench_detect.py).
    info = meta()
    temper = info["temper"]
    # Accents and letter variants are not seen by the (folded) n-grams: each typed mark is one
    # piece of evidence, tempered less than the overlapping 1-, 2- and 3-grams.
    langs = profile.languages
    marks = {lang: (gram_cost[j] - cost[j]) / SCALE / MARK_TEMPER for j, lang in enumerate(langs)}
    evidence = {lang: (-gram_cost[j] / SCALE) / temper + marks[lang] + bonus[j] for j, lang in enumerate(langs)}
    scores = {lang: evidence[lang] + profile.prior[j] for j, lang in enumerate(profile.languages)}
    best = min(cost) / SCALE / n if rows else 99.0
    fit = max(0.0, min(1.0, (info["floor_cost"] - best) / (info["floor_cost"] - profile.typical)))
    known = len(rows) / len(grams) if grams else 0.0
    by_word = {profile.languages[c]: found for c, found in by_column.items()}
    lenders = (
        {profile.languages[c]: (profile.languages[src], round(share * WORD_SCALE)) for c, src, share in table.borrow}
        if table
        else {}
    )
    return Scored(softmax(scores), evidence, marks, fit, known, keys[:MAX_WORDS], by_word, grams, lenders)


class HanScored(NamedTuple):
    probs: dict[str, float]
    cantonese: int  # characters only written Cantonese uses
    notes: list[str]


def score_han(text: str) -> HanScored:
    tables = han_tables()
    chars = [ch for ch in text if script_of(ch) == "Hani"]
    simp = sum(1 for ch in chars if ch in tables["simplified"])
    trad = sum(1 for ch in chars if ch in tables["traditional"])
    yue = sum(1 for ch in chars if ch in tables["cantonese"])
    jpn = sum(1 for ch in chars if ch in tables["japanese"])
    notes: list[str] = []
    # Each distinctive character is strong evidence; none at all leaves the written form open.
    # Written Cantonese (唔 嘅 咗 佢哋 冇 嚟 啲 係...) is its own answer: the person needs a
    # Cantonese interpreter, not Mandarin, whichever character form it is written in.
    scores = {
        "zh-Hans": 0.15 + 2.2 * simp,
        "zh-Hant": 2.2 * trad,
        "yue": -3.0 + 5.0 * yue + (2.2 * max(simp, trad) if yue else 0.0),
        "ja": -4.0 + 2.5 * jpn,
    }
    if not simp and not trad and not yue:
        notes.append("No character here exists in only one form, so Simplified and Traditional cannot be told apart.")
    return HanScored(softmax(scores), yue, notes)
