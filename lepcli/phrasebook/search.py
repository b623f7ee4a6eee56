"""Find phrases the way officers type them: "r u hurt", "hands up", "need ambulance?", "wher dose it hurt".

Each phrase text (English and every translation) becomes a bag of tokens: case-folded, Latin accents
dropped, texting shorthand expanded (r -> are, u -> you), English suffixes trimmed (hurts -> hurt), and
character pairs for scripts written without spaces (Chinese, Japanese, Thai, Khmer, Burmese). A token's
weight is its rarity within its language, so "you" counts little and "ambulance" a lot; negations count
extra, so "are you not hurt" is not mistaken for "are you hurt".

Score (0-100) = 65% how much of the query the phrase covers + 35% how much of the phrase the query covers.
Query words match phrase words exactly, as a prefix (3+ letters: "amb" -> ambulance) or by spelling
(4+ letters, rapidfuzz ratio >= 75). Keywords from en.yaml count as 85% matches. rapidfuzz is imported
only when a query word is not an exact word of the phrasebook.
"""

from __future__ import annotations

import bisect
import math
import unicodedata
from typing import Any, NamedTuple

from lepcli.text.scripts import no_space

KEYWORD_FACTOR = 0.85
PREFIX_SIM = 0.9
FUZZY_CUTOFF = 75
NEGATION_BOOST = 1.5

_ABBREV = {
    "r": "are",
    "u": "you",
    "ya": "you",
    "ur": "your",
    "yr": "your",
    "pls": "please",
    "plz": "please",
    "pl": "please",
    "thx": "thanks",
    "ty": "thank you",
    "im": "i am",
    "ive": "i have",
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "cant": "can not",
    "cannot": "can not",
    "wont": "will not",
    "isnt": "is not",
    "arent": "are not",
    "youre": "you are",
    "whats": "what is",
    "wheres": "where is",
    "wat": "what",
    "wut": "what",
    "whr": "where",
    "wpn": "weapon",
    "wpns": "weapons",
    "ok": "okay",
    "k": "okay",
    "bc": "because",
    "cuz": "because",
    "ppl": "people",
    "dl": "license",
    "hosp": "hospital",
    "ems": "ambulance",
    "911": "911",
    # Haitian Creole short pronouns (M pa konprann = Mwen pa konprann); both sides are tokenized alike.
    "m": "mwen",
    "l": "li",
    "w": "ou",
    "n": "nou",
}
_NEGATIONS = frozenset({"not", "no", "never", "nothing", "nobody"})
# Who does what to whom: a person word the phrase lacks changes the meaning ("is he hurt" is not "did
# they hurt you"), so when translating it weighs at least PERSON_WEIGHT however common it is.
_PERSONS = frozenset("i me my we us our you your he him his she her they them their".split())
PERSON_WEIGHT = 0.8
# English function words: rarity in 161 short phrases overrates them, so they get a fixed small weight.
_STOPWORDS = frozenset(
    "a an the and or of to in on at for with by from is are am be was were been do doe does did please "
    "any some this that it there can could will would".split()
)
STOPWORD_WEIGHT = 0.2
# Words officers type for words the phrasebook uses (query side only; both directions listed).
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "kid": ("child", "children"),
    "child": ("kid",),
    "son": ("child",),
    "daughter": ("child",),
    "cop": ("police", "officer"),
    "vehicle": ("car",),
    "truck": ("car",),
    "gun": ("weapon",),
    "knife": ("weapon",),
    "firearm": ("weapon",),
    "injured": ("hurt",),
    "injury": ("hurt",),
    "pain": ("hurt",),
    "breathe": ("breath", "breathing"),
    "medic": ("ambulance",),
    "paramedic": ("ambulance",),
    "attorney": ("lawyer",),
    "identification": ("id",),
    "translator": ("interpreter",),
    "translate": ("interpreter",),
    "leave": ("go",),
    "bathroom": ("restroom",),
    "toilet": ("restroom",),
    "robbed": ("stolen",),
    "rob": ("stolen",),
    "steal": ("stolen",),
    "stole": ("stolen",),
    "scared": ("afraid",),
    "house": ("home",),
    "missing": ("lost",),
    "drunk": ("alcohol",),
}
_SYNONYMS.update(
    {
        "dl": ("license",),
        "licence": ("license",),
        "permit": ("license",),
        "identification": ("id",),
        "relax": ("calm",),
        "chill": ("calm",),
        "freeze": ("move",),
        "gun": ("weapon", "gun"),
        "pistol": ("gun", "weapon"),
        "firearm": ("gun", "weapon"),
        "blade": ("knife", "weapon"),
        "cuff": ("handcuff",),
        "car": ("vehicle",),
        "auto": ("car",),
        "suv": ("car",),
        "alright": ("okay",),
        "doc": ("doctor",),
        "hospital": ("doctor",),
        "hurting": ("hurt",),
        "bleed": ("bleeding", "blood"),
        "phone": ("cell",),
        "cellphone": ("phone",),
        "mom": ("mother",),
        "dad": ("father",),
        "hubby": ("husband",),
        "spouse": ("husband", "wife"),
        "fast": ("speeding",),
        "speed": ("speeding",),
        "shot": ("shoot",),
        "kneel": ("knee",),
        "kneel down": ("knee",),
        "ems": ("ambulance",),
        "medics": ("ambulance",),
        "paramedics": ("ambulance",),
        "armed": ("weapon",),
        "cell": ("phone",),
        "buckled": ("seatbelt",),
        "footage": ("camera", "cameras", "video"),
        "video": ("camera", "cameras"),
        "privately": ("alone",),
        "meal": ("eat", "food"),
        "ate": ("eat",),
        "hungry": ("eat", "food"),
        "birthdate": ("birth",),
        "dob": ("birth",),
        "interpreter": ("translator",),
        "cops": ("police",),
        "deputy": ("officer", "police"),
        "sheriff": ("police",),
        "pd": ("police",),
        "buddy": ("friend",),
        "yup": ("yes",),
        "yep": ("yes",),
        "yeah": ("yes",),
        "nope": ("no",),
        "nah": ("no",),
    }
)
SYNONYM_SIM = 0.85
# A question ("Did you call 911?") typed as a command ("call 911") is a different act: when a phrase opens
# with one of these words and the query has none of them, its score is multiplied by QUESTION_MISMATCH.
_QUESTION_OPENERS = frozenset("did do doe does are is was were can could will would have has".split())
QUESTION_MISMATCH = 0.85
_OPENER_GROUP = {
    **dict.fromkeys(("is", "are", "am", "was", "were"), "be"),
    **dict.fromkeys(("do", "doe", "does", "did"), "do"),
    **dict.fromkeys(("have", "has", "had"), "have"),
    **dict.fromkeys(("can", "could"), "can"),
    **dict.fromkeys(("will", "would"), "will"),
}

# Words officers add that change nothing ("license please", "sir, step out real quick"): dropped from
# English queries before matching (never from phrase texts, and never from other languages' queries).
_FILLER_PHRASES = (
    "real quick", "right now", "for me", "if you can", "if you would", "go ahead and", "i need you to",
    "i want you to", "i am going to need you to", "i'm going to need you to", "im gonna need you to",
    "i'm gonna need you to", "gonna need you to", "go ahead", "for a second", "for a sec", "okay so",
)
_FILLER_WORDS = frozenset(
    "please pls plz now sir maam ma'am madam buddy bud bro dude hey yo just quickly uh um".split()
)
_PUNCT = (
    '!"#$%&()*+,./:;<=>?@[\\]^_`{|}~¡¿«»“”„‟‹›…—–·•。、，！？：；「」『』（）【】〈〉《》〔〕・～।॥؟،؛۔٪፣፤፥፦፧፨၊။។៕៖'
)
_TABLE: dict[int, str | None] = {ord(c): " " for c in _PUNCT}
_TABLE.update({ord(c): None for c in "'’‘`´-\u00ad\u200b\u200c\u200d"})


def _no_space_script(ch: str) -> bool:
    return no_space(ch)


# Letters typed interchangeably: Arabic hamza/alef forms, ة/ه, ى/ي; the Persian/Urdu keyboard's ی/ک
# for the Arabic ي/ك (and ہ/ه); Arabic vowel marks and tatweel dropped; Russian ё typed as е.
_SCRIPT_FOLD: dict[int, str | None] = {
    **{ord(c): "ا" for c in "أإآٱ"},
    **{ord(c): "ه" for c in "ةۃہەۀ"},
    **{ord(c): "ی" for c in "يىئۍې"},
    ord("ك"): "ک",
    ord("ؤ"): "و",
    ord("ۓ"): "ے",
    ord("ـ"): None,
    **dict.fromkeys(range(1611, 1619)),
    0x0670: None,
    ord("ё"): "е",
    ord("Ё"): "е",
}


def _hangul(ch: str) -> bool:
    return 0xAC00 <= ord(ch) <= 0xD7A3


def _fold(token: str) -> str:
    """Drop accents from Latin-script words (está -> esta, thương -> thuong); in other scripts only fold
    the letters people type interchangeably (_SCRIPT_FOLD)."""
    if token.isascii():
        return token
    decomposed = unicodedata.normalize("NFKD", token)
    base = [ch for ch in decomposed if not unicodedata.combining(ch)]
    if all(ord(ch) < 0x250 for ch in base):
        return "".join(base).replace("đ", "d").replace("ß", "ss").replace("ø", "o").replace("ł", "l")
    return unicodedata.normalize("NFC", token).translate(_SCRIPT_FOLD)


def _stem(token: str) -> str:
    """Trim common English endings so hurts/hurt and bleeding/bleed meet; other Latin words barely change."""
    n = len(token)
    if n > 5 and token.endswith("ing"):
        return token[:-3]
    if n > 4 and token.endswith("ed"):
        return token[:-2]
    if n > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


def tokens(text: str) -> list[str]:
    """Matching tokens of a phrase or a query (see module doc)."""
    out: list[str] = []
    for raw in text.casefold().translate(_TABLE).split():
        expanded = _ABBREV.get(raw)
        if expanded is not None:
            out.extend(expanded.split())
            continue
        if any(_no_space_script(ch) for ch in raw):
            out.extend(_pieces(raw))
            continue
        word = _fold(raw)
        if word:  # a lone combining mark folds to nothing: not a word
            out.append(_stem(word) if word.isascii() else word)
    return out


def _pieces(raw: str) -> list[str]:
    """Character pairs for runs of a script written without spaces; other runs stay whole words."""
    out: list[str] = []
    run = ""
    other = ""
    for ch in raw:
        if _no_space_script(ch):
            if other:
                if _fold(other):
                    out.append(_fold(other))
                other = ""
            run += ch
        else:
            if run:
                out.extend(_pairs(run))
                run = ""
            other += ch
    if run:
        out.extend(_pairs(run))
    if other and _fold(other):
        out.append(_fold(other))
    return out


def strip_filler(text: str) -> str:
    """An English query without the filler officers add; the text itself when nothing else is left."""
    import re

    low = " " + re.sub(r"[^\w' ]+", " ", text.casefold().replace("’", "'")) + " "
    for phrase in _FILLER_PHRASES:
        low = low.replace(f" {phrase} ", " ")
    kept = [w for w in low.split() if w not in _FILLER_WORDS and w.replace("'", "") not in _FILLER_WORDS]
    return " ".join(kept) if kept else text


def _pairs(run: str) -> list[str]:
    return [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]


def key(text: str) -> str:
    """Exact-match key: the token sequence ("Are you hurt?" == "are u hurt")."""
    return " ".join(tokens(text))


class Doc(NamedTuple):
    lang: str
    phrase_id: str
    text: str
    weights: dict[str, float]  # text token -> weight
    total: float
    opener: str = ""  # the first token


class Match(NamedTuple):
    lang: str
    phrase_id: str
    text: str
    score: float
    query_cover: float
    phrase_cover: float


class Index:
    """Token index over (language, phrase) texts; build once per phrasebook and language set."""

    def __init__(self, entries: list[tuple[str, str, str, str | None, tuple[str, ...]]]) -> None:
        # entries: (lang, phrase_id, text, its key() if already known, the keywords' keys)
        tokenized = [
            (lang, pid, text, (k if k else key(text)).split(), [t for kw in kws for t in kw.split()])
            for lang, pid, text, k, kws in entries
        ]
        df: dict[str, dict[str, int]] = {}
        count: dict[str, int] = {}
        for lang, _pid, _text, toks, kw in tokenized:
            count[lang] = count.get(lang, 0) + 1
            bucket = df.setdefault(lang, {})
            for t in {*toks, *kw}:
                bucket[t] = bucket.get(t, 0) + 1
        self.weight: dict[str, dict[str, float]] = {}
        for lang, bucket in df.items():
            n = count[lang]
            norm = math.log((n + 1) / 1.5) if n > 1 else 1.0
            self.weight[lang] = {
                t: STOPWORD_WEIGHT if t in _STOPWORDS else max(0.15, min(1.0, math.log((n + 1) / (d + 0.5)) / norm))
                for t, d in bucket.items()
            }
        self.docs: list[Doc] = []
        self.postings: dict[str, list[tuple[int, bool]]] = {}
        self.exact: dict[str, dict[str, int]] = {}  # key -> language -> first document with that key
        for lang, pid, text, toks, kw in tokenized:
            w = self.weight[lang]
            weights = {t: w[t] for t in toks}
            n = len(self.docs)
            self.docs.append(Doc(lang, pid, text, weights, sum(weights.values()) or 1.0, toks[0] if toks else ""))
            if toks:  # an empty key never matches (a lone combining mark is not "My chest hurts.")
                self.exact.setdefault(" ".join(toks), {}).setdefault(lang, n)
            for t in weights:
                self.postings.setdefault(t, []).append((n, True))
            for t in set(kw) - set(weights):
                self.postings.setdefault(t, []).append((n, False))
        self.vocab = sorted(self.postings)

    def exact_match(self, query: str, langs: set[str] | None = None) -> list[int]:
        k = key(query)
        if not k:
            return []
        return [n for lang, n in self.exact.get(k, {}).items() if langs is None or lang in langs]

    def respace(self, qtoks: list[str]) -> list[str]:
        """Typed words split or joined differently from the phrasebook's: "aidez moi" and "j ai" meet
        Aidez-moi / J'ai (written joined: aidezmoi, jai), "по английски" meets по-английски, Korean typed
        without spaces ("임신중이에요") is cut after a phrasebook word ("임신" + "중이에요")."""
        out: list[str] = []
        i, n = 0, len(qtoks)
        while i < n:
            t = qtoks[i]
            if not _no_space_script(t[0]):
                joined, end = t, 0
                for j in range(i + 1, min(n, i + 3)):
                    joined += qtoks[j]
                    if joined in self.postings:
                        end = j + 1
                if end:
                    out.append("".join(qtoks[i:end]))
                    i = end
                    continue
            if _hangul(t[0]) and t not in self.postings and len(t) >= 4:
                out.extend(self._split(t))
                i += 1
                continue
            out.append(t)
            i += 1
        return out

    def _split(self, t: str) -> list[str]:
        """A Hangul word the phrasebook does not have, cut after the longest phrasebook word it starts with."""
        for k in range(len(t) - 2, 1, -1):
            head, tail = t[:k], t[k:]
            if head in self.postings:
                return [head, *([tail] if tail in self.postings else self._split(tail))]
        return [t]

    def similar_tokens(self, q: str) -> list[tuple[str, float]]:
        """Phrasebook tokens that ``q`` may mean: itself, words it starts, words spelt like it."""
        found: dict[str, float] = {}
        if q in self.postings:
            found[q] = 1.0
        if len(q) >= 3 and not _no_space_script(q[0]):
            i = bisect.bisect_left(self.vocab, q)
            while i < len(self.vocab) and self.vocab[i].startswith(q):
                found.setdefault(self.vocab[i], PREFIX_SIM)
                i += 1
        for syn in _SYNONYMS.get(q, ()):
            s = _stem(syn)
            if s in self.postings and found.get(s, 0.0) < SYNONYM_SIM:
                found[s] = SYNONYM_SIM
        if len(q) >= 4 and q not in self.postings and not _no_space_script(q[0]):
            # Spelling only for words the phrasebook does not have: a real word is matched as itself.
            from rapidfuzz import fuzz, process

            for cand, ratio, _i in process.extract(
                q, self.vocab, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=20
            ):
                sim = min(0.95, (ratio / 100.0) ** 1.5)
                if sim > found.get(cand, 0.0):
                    found[cand] = sim
        return sorted(found.items(), key=lambda kv: -kv[1])

    def search(self, query: str, *, allowed: Any = None, strict: bool = False) -> list[Match]:
        """Every document sharing something with ``query``; ``allowed(doc) -> bool`` filters.

        ``strict`` (translation): a negation in the query that the phrase lacks weighs extra, so
        "are you not hurt" stays far from "Are you hurt?".
        """
        qtoks = list(dict.fromkeys(self.respace(tokens(query))))
        if not qtoks:
            return []
        similar = {q: self.similar_tokens(q) for q in qtoks}
        best_q: dict[int, dict[str, float]] = {}
        best_t: dict[int, dict[str, float]] = {}
        for q, cands in similar.items():
            for t, sim in cands:
                for n, in_text in self.postings[t]:
                    if allowed is not None and not allowed(self.docs[n]):
                        continue
                    s = sim if in_text else sim * KEYWORD_FACTOR
                    bq = best_q.setdefault(n, {})
                    if s > bq.get(q, 0.0):
                        bq[q] = s
                    if in_text:
                        bt = best_t.setdefault(n, {})
                        if sim > bt.get(t, 0.0):
                            bt[t] = sim
        qweights: dict[str, dict[str, float]] = {}
        exact = self.exact_match(query)
        asks = any(q in _QUESTION_OPENERS for q in qtoks)
        q_open = _OPENER_GROUP.get(qtoks[0])
        out = []
        for n, bq in best_q.items():
            doc = self.docs[n]
            qw = qweights.get(doc.lang)
            if qw is None:
                qw = qweights[doc.lang] = self._query_weights(doc.lang, similar, strict)
            q_cover = sum(qw[q] * bq.get(q, 0.0) for q in qtoks) / sum(qw.values())
            bt = best_t.get(n, {})
            p_cover = sum(doc.weights[t] * s for t, s in bt.items()) / doc.total
            score = 100.0 if n in exact else 100.0 * (0.65 * q_cover + 0.35 * p_cover)
            if n not in exact and doc.lang == "en" and doc.opener in _QUESTION_OPENERS:
                d_open = _OPENER_GROUP.get(doc.opener)
                if not asks or (q_open is not None and d_open != q_open):
                    score *= QUESTION_MISMATCH  # a command for a question, or "is he hurt" for "did he hurt you"
            out.append(Match(doc.lang, doc.phrase_id, doc.text, round(score, 1), q_cover, p_cover))
        return out

    def _query_weights(self, lang: str, similar: dict[str, list[tuple[str, float]]], strict: bool) -> dict[str, float]:
        """A query word weighs what the phrasebook word it matches weighs; an unknown word weighs 1."""
        w = self.weight.get(lang, {})
        out = {}
        for q, cands in similar.items():
            weight = next((w[t] for t, _s in cands if t in w), None)
            if weight is None:
                weight = STOPWORD_WEIGHT if q in _STOPWORDS else 1.0
            if q in _NEGATIONS:  # translating: a lost "not" flips the meaning; searching: "cant breathe"
                weight *= NEGATION_BOOST if strict else 0.5
            elif strict and q in _PERSONS:
                weight = max(weight, PERSON_WEIGHT)
            out[q] = weight
        return out
