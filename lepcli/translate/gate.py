"""The legal gate: does this English text read as legal-risk talk?

Three parts, any one is enough:
1. the lexicon of intents in :mod:`lepcli.policy` (a request to search, rights, arrest, a chemical test,
   questioning about an offence, a statement or signature, victim-interview detail), on normalised text;
2. closeness to the phrasebook's own legal phrases (any wording close to "May I search your car?" or
   "Do you understand these rights?"), through the same phrase search officers use;
3. a word model (logistic regression over words, word pairs, word classes such as "#crime" or
   "#contra", and sentence shape such as "^did you" or a question mark; ``data/legal_words.json``,
   trained by ``scripts/build_legal_model.py`` on half of the labelled set in bench/sets/ and the
   phrasebook, its threshold set by cross-validation): the wordings the lexicon does not spell out
   ("was it u driving", "keep blowing").

Every feature that translates runs this first: ``lep translate``, exports with ``--fill-machine``,
the encounter screen.
"""

from __future__ import annotations

import functools

from lepcli import phrasebook as pb
from lepcli import policy
from lepcli.policy import LegalRisk

# A legal phrase this close (score 0-100, and covering this much of what was typed) makes the text legal.
CLOSE_SCORE = 72.0
CLOSE_COVER = 0.7
CLOSE_PHRASE_COVER = 0.6  # ... and matching at least half of the legal phrase ("Stop!" is not "stop answering")


def features(text: str) -> list[str]:
    """The word model's features of a text: the words and word pairs of normalised English (benign uses
    of legal words replaced by one token), the classes of its words and pairs with a class ("did #crime"),
    its first word and first two words as classes ("^did you"), and a question mark."""
    words = policy.prepared(text).split()
    if not words:
        return []
    shapes = [policy.word_class(w) or w for w in words]
    pairs = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    shape_pairs = [f"{a} {b}" for a, b in zip(shapes, shapes[1:], strict=False) if a[0] == "#" or b[0] == "#"]
    start = [f"^{words[0]}", f"^{' '.join(shapes[:2])}"]
    question = ["?"] if text.rstrip().endswith("?") else []
    return words + pairs + [s for s in shapes if s[0] == "#"] + shape_pairs + start + question


@functools.cache
def _word_model() -> tuple[float, dict[str, float], float, float]:
    import json
    from pathlib import Path

    data = json.loads((Path(__file__).resolve().parent / "data" / "legal_words.json").read_text(encoding="utf-8"))
    weights = {str(k): float(v) for k, v in data["weights"].items()}
    return float(data["prior"]), weights, float(data["threshold"]), float(data["machine_threshold"])


def word_score(text: str) -> float:
    """Log-odds that ``text`` is legal-risk talk, by the word model."""
    prior, weights, _, _ = _word_model()
    return prior + sum(weights.get(f, 0.0) for f in set(features(text)))


def check(text: str, book: pb.Phrasebook | None = None, *, before_machine: bool = False) -> LegalRisk | None:
    """The legal risk of an English ``text`` (None when it reads as everyday talk).

    ``before_machine``: the text matched no phrase and is on its way to machine translation, so the
    word model also answers at its lower threshold (a false block there costs a call to the
    interpreter line, a miss a machine-translated question about an offence)."""
    book = book or pb.load()
    from lepcli.phrasebook.search import key, strip_filler

    hit = None
    for said in dict.fromkeys((key(text), key(strip_filler(text)))):
        hit = hit or (book.exact(said, frozenset({pb.MASTER}), skip="responses.") if said else None)
    if hit is not None:
        # The officer typed a phrase (or one of its paraphrases) exactly: it is what the phrasebook says
        # (checked first: an exact phrase never pays for compiling the lexicon).
        phrase = book.phrase(hit[1])
        return LegalRisk(_kind_of(phrase), f"phrase:{phrase.id}") if phrase.legal else None
    risk = policy.legal_risk(text)
    if risk is not None:
        return risk
    score = word_score(text)
    _, _, threshold, machine_threshold = _word_model()
    if score > threshold:
        return LegalRisk("questioning", "words")
    strict = LegalRisk("questioning", "words") if before_machine and score > machine_threshold else None
    if not any(p.legal for p in book.phrases):
        return strict
    index = book.legal_index()
    for m in sorted(index.search(strip_filler(text), strict=True), key=lambda m: -m.score)[:1]:
        if m.score >= CLOSE_SCORE and m.query_cover >= CLOSE_COVER and m.phrase_cover >= CLOSE_PHRASE_COVER:
            phrase = book.phrase(m.phrase_id)
            own = policy.legal_risk(phrase.text)
            return LegalRisk(own.kind if own else _kind_of(phrase), f"phrase:{phrase.id}")
    return strict


def _kind_of(phrase: pb.Phrase) -> str:
    words = phrase.id.split(".", 1)[-1]
    for kind, hints in (
        ("consent_search", ("search", "consent")),
        ("arrest", ("arrest", "detain", "custody")),
        ("chemical_test", ("test", "breath", "blood")),
        ("statement", ("statement", "sign")),
        ("victim_interview", ("victim",)),
    ):
        if any(h in words for h in hints):
            return kind
    return "rights"


def looks_legal(text: str) -> bool:
    """True when ``text`` reads as legal-risk talk (English gate, plus common Spanish legal words)."""
    return check(text) is not None or policy.looks_legal_foreign(text)  # check() ran the English lexicon
