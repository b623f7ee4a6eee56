"""An offline sentence splitter: rules, no model, no download.

argostranslate splits with stanza or MiniSBD, which fetch models from the network at translate
time when a package does not carry them. Officers' text is short (a few sentences), so rules do
the job: split after sentence-final punctuation of many scripts when what follows looks like the
start of a new sentence, and never after common abbreviations, initials or numbers.
"""

from __future__ import annotations

import re

# Sentence-final marks: Latin/Cyrillic/Greek . ! ? …, Arabic ؟ and Urdu ۔, Devanagari/Bengali
# danda । ॥, Ethiopic ። ፧, Burmese ။, Khmer ។, Armenian ։, CJK full-width 。！？.
_FINAL = ".!?…؟۔।॥።፧။។։。！？"
_NO_SPACE_FINAL = "。！？"  # CJK: no space follows a sentence
_CLOSERS = "\"'”’»)]}」』）"

_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr st jr sr prof sgt lt capt cpt col gen cmdr ofc det insp supt dept no nos vs etc
    approx apt ave blvd rd hwy mt ft jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed
    thu fri sat sun inc ltd co corp est e.g i.e a.m p.m u.s u.k sra sr srta dra dña sta núm
    """.split()
)

_SPLIT = re.compile(
    rf"(?P<end>[{re.escape(_FINAL)}]+[{re.escape(_CLOSERS)}]*)(?P<gap>\s+|(?<=[{_NO_SPACE_FINAL}]))(?=\S)"
)
_WORD_BEFORE = re.compile(r"([^\s" + re.escape(_CLOSERS) + r"(\[{]+)$")


def split_sentences(text: str) -> list[str]:
    """Split one paragraph into sentences (stripped); an empty paragraph gives no sentences."""
    sentences: list[str] = []
    start = 0
    for match in _SPLIT.finditer(text):
        if not _is_boundary(text, match):
            continue
        piece = text[start : match.end("end")].strip()
        if piece:
            sentences.append(piece)
        start = match.end()
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    end = match.group("end")
    following = text[match.end() : match.end() + 1]
    if end[0] not in ".…":
        return True  # ! ? and non-Latin marks always end a sentence
    if end[0] == "…" or len(end.rstrip(_CLOSERS)) > 1:
        return not following[:1].islower()  # "Wait... what?" goes on; "I left... OK" does not
    word = _WORD_BEFORE.search(text[: match.start("end")])
    token = word.group(1) if word else ""
    if token.casefold().rstrip(".") in _ABBREVIATIONS or token.casefold() in _ABBREVIATIONS:
        return False
    if len(token) == 1 and token.isalpha() and token.isupper():
        return False  # an initial: "J. Smith"
    if token.isdigit() and following[:1].islower():
        return False
    # A lower-case letter after ". " usually continues the sentence ("approx. five", "p. ej.").
    return not following[:1].islower()
