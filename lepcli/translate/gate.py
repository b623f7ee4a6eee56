"""The legal gate: does this English text read as legal-risk talk?

Two halves, either is enough:
1. the lexicon of intents in :mod:`lepcli.policy` (a request to search, rights, arrest, a chemical test,
   questioning about an offence, a statement or signature, victim-interview detail), on normalised text;
2. closeness to the phrasebook's own legal phrases (any wording close to "May I search your car?" or
   "Do you understand these rights?"), through the same phrase search officers use.

Every feature that translates runs this first: ``lep translate``, exports with ``--fill-machine``,
the encounter screen.
"""

from __future__ import annotations

from lepcli import phrasebook as pb
from lepcli import policy
from lepcli.policy import LegalRisk

# A legal phrase this close (score 0-100, and covering this much of what was typed) makes the text legal.
CLOSE_SCORE = 72.0
CLOSE_COVER = 0.7
CLOSE_PHRASE_COVER = 0.5  # ... and matching at least half of the legal phrase ("Stop!" is not "stop answering")


def check(text: str, book: pb.Phrasebook | None = None) -> LegalRisk | None:
    """The legal risk of an English ``text`` (None when it reads as everyday talk)."""
    risk = policy.legal_risk(text)
    if risk is not None:
        return risk
    book = book or pb.load()
    legal = [p for p in book.phrases if p.legal]
    if not legal:
        return None
    index = book.legal_index()
    from lepcli.phrasebook.search import strip_filler

    for m in sorted(index.search(strip_filler(text), strict=True), key=lambda m: -m.score)[:1]:
        if m.score >= CLOSE_SCORE and m.query_cover >= CLOSE_COVER and m.phrase_cover >= CLOSE_PHRASE_COVER:
            phrase = book.phrase(m.phrase_id)
            own = policy.legal_risk(phrase.text)
            return LegalRisk(own.kind if own else _kind_of(phrase), f"phrase:{phrase.id}")
    return None


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
    return check(text) is not None or policy.looks_legal_any_language(text)
