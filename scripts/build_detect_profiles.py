"""Build lepcli's language-detection profiles (lepcli/detect/data/).

Sources:
- langdetect's shipped profiles (Apache License 2.0, (c) 2010-2014 Cybozu Labs, Inc., Nakatani
  Shuyo; Python port by Michal Danilak): character 1-3-gram counts from Wikipedia. Read from the
  installed ``langdetect`` package; see lepcli/detect/data/NOTICE.
- text the project wrote itself, ``scripts/detect_corpus/<key>.txt``, for what langdetect lacks
  (Haitian Creole, Hmong, Amharic, Tigrinya, Burmese, S'gaw Karen, Pashto, romanized
  Hindi/Urdu, Arabic chat alphabet, transliterated Russian) and for Vietnamese typed without
  accents (langdetect folds all Vietnamese tone letters into one class, so its counts cannot be
  accent-folded). ``han_forms.txt`` lists characters that exist only in Simplified or only in
  Traditional Chinese (and Cantonese/Japanese-only forms).
- wordfreq's word frequency lists (code Apache-2.0, data CC BY-SA 4.0, Robyn Speer et al.),
  read from the installed ``wordfreq`` package (a build-time dependency: the ``dev`` extra; lepcli
  never imports it at run time): the most frequent words of each language it covers become the
  ``<group>.words`` tables (see ``build_words``). Languages wordfreq lacks (Haitian Creole, Hmong,
  Somali, Pashto, Nepali, Amharic, Tigrinya, Burmese, S'gaw Karen, romanized forms) get a small
  table from the project's own text instead.

Run: python scripts/build_detect_profiles.py [--check]
``--check`` rebuilds in memory and exits 1 if the shipped files differ (tests call it).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sys
import unicodedata
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lepcli.detect.profiles import SCALE, WORD_SCALE, digest, encode_profile, encode_words  # noqa: E402
from lepcli.detect.rules import (  # noqa: E402
    accent_key,
    fold_latin,
    grams_of,
    normalize_arabic,
    script_of,
    word_keys,
    words_of,
)

CORPUS = ROOT / "scripts" / "detect_corpus"
OUT = ROOT / "lepcli" / "detect" / "data"

FLOOR = 2e-5  # probability of an n-gram a language's profile does not list
MIN_P = 1e-4  # langdetect pruned its profiles near this relative frequency; own text is pruned alike
ACCENT_FLOOR = 1e-3  # P(accented letter | its base letter) for a language that never writes it
RANK_PRIOR = 0.3  # ln prior = -RANK_PRIOR * ln(catalog rank): favour languages US agencies meet
UNRANKED = 150
ROMANIZED_PENALTY = 1.0  # romanized forms are rarer than the language's own Latin-script neighbours
TEMPER = 3.0  # naive-Bayes log-likelihoods are divided by this (calibrated by bench/bench_detect.py)
# Word tables. A listed word adds ln(frequency / WORD_FLOOR) to its language: a log-likelihood
# ratio against one floor shared by every language (a word no table lists is worth the floor
# everywhere, so it costs nothing). WORD_FLOOR is about the frequency of the 30,000th word of a
# large language, the resolution of wordfreq's lists.
WORDFREQ_VERSION = "3.1.1"  # pinned in pyproject's dev extra: the shipped tables must rebuild identically
WORD_FLOOR = 1e-6
WORDS_LEP = 20_000  # words kept per language among the ~40 most common US LEP languages (and English)
WORDS_OTHER = 5_000  # words kept for the other languages (smaller data; they are rarely met)
LEP_RANK = 40
ACCENT_DROP = 0.3  # P(a word typed without its diacritics): "telefono" is worth 0.3 of "teléfono"
OWN_SHARE = 0.5  # frequency of a word in the project's own text is scaled by this (a small sample)
OWN_DISCOUNT = 0.75  # absolute discount of each count (Kneser-Ney's usual value): a word seen once says little
# Languages wordfreq lacks that share much vocabulary with a listed neighbour: key -> (neighbour,
# ln share). A word the neighbour lists counts for them too, e^-1 (about a third) as much. Not tuned.
BORROWS = {"ne": ("hi", -1.0), "mr": ("hi", -1.0), "ps": ("fa", -1.0)}
# lepcli profile key -> wordfreq language code
WORDFREQ_CODES = {
    **{c: c for c in "ar bg ca cs da de en es fa fi fr hi hu id it lt lv mk nl pl pt ro ru sk sl sv tr uk ur".split()},
    "vi": "vi",  # folded: the accent-less Vietnamese people type ("khong" = không + khóng + ...)
    "hr": "sh",  # wordfreq's Serbo-Croatian list (Latin letters)
    "no": "nb",
    "tl": "fil",
}
BLEND = 0.3  # share of the project's conversational text in a langdetect profile (Wikipedia has few "I"/"you")

# franc's trigram data (npm franc-all, MIT, Titus Wormer): the 300 most frequent trigrams of the
# Universal Declaration of Human Rights in each of 400+ languages. Used at build time only.
FRANC_PACKAGE = "franc-all@7.2.0"
# lepcli key -> franc code, per group: languages lepcli models from franc alone ("sentence-only").
FRANC_LATIN = {
    # indigenous languages of Mexico, Guatemala and the Andes
    "mam": "mam",
    "quc": "quc",
    "kek": "kek",
    "cak": "cak",
    "tzh": "tzh",
    "tzo": "tzo",
    "yua": "yua",
    "qu": "quz",
    # Pacific
    "sm": "smo",
    "to": "ton",
    "haw": "haw",
    "chk": "chk",
    "mh": "mah",
    "pon": "pon",
    "ch": "cha",
    # Philippines, Burma (Chin), Hmong
    "ceb": "ceb",
    "ilo": "ilo",
    "hil": "hil",
    "cnh": "cnh",
    "hnj": "hnj",
    # Africa
    "yo": "yor",
    "ig": "ibo",
    "ha": "hau",
    "rw": "kin",
    "rn": "run",
    "om": "gaz",
    "ln": "lin",
    "wo": "wol",
    "ff": "fuf",
    "ak": "twi",
    "ee": "ewe",
    "kri": "kri",
    "sn": "sna",
    "lg": "lug",
    # Americas
    "nv": "nav",
    "kea": "kea",
}
FRANC_CYRILLIC = {"sr": "srp", "kk": "kaz", "ky": "kir", "tg": "tgk", "mn": "khk"}
# franc languages that are lepcli languages modelled from other sources, or too close to one to
# stand for "another language" (Malay reads as Indonesian; Bosnian and Serbian as Croatian).
FRANC_MODELLED = set(
    "spa eng por ind fra deu vie ita tur pol swh ron nld hrv bos srp hun ces slk swe dan nob nno fin afr "
    "cat lit lvs ekk slv som tgl als hat cym zlm hms uzn azj "
    "rus ukr bul mkd bel".split()
)
# franc <-> langdetect pairs: how frequent franc's trigram at rank r is, measured on langdetect's counts.
FRANC_LANGDETECT = {
    "spa": "es",
    "eng": "en",
    "por": "pt",
    "fra": "fr",
    "deu": "de",
    "ita": "it",
    "pol": "pl",
    "nld": "nl",
    "swe": "sv",
    "ces": "cs",
    "hun": "hu",
    "fin": "fi",
    "tur": "tr",
    "ron": "ro",
    "ind": "id",
    "tgl": "tl",
    "som": "so",
    "swh": "sw",
    "hrv": "hr",
    "slk": "sk",
    "dan": "da",
    "cat": "ca",
}
# franc's profiles know 300 trigrams (a flatter, more forgiving model than langdetect's): a
# sentence-only language must beat the others by this much more (nats). Set on bench/detect_eval.
FRANC_PENALTY = 1.5
UNKNOWN_RANK = 60  # prior of the "other language" profile: about the 60th most common US LEP language

# profile group -> (script, [(profile key, source)])
# source: a langdetect code, "own" (scripts/detect_corpus/<key>.txt), "franc:<code>", or "unknown"
# (the average of franc's languages of that script that lepcli does not model).
GROUPS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "latin": (
        "Latn",
        [
            *(
                (c, c)
                for c in (
                    "af ca cs cy da de en es et fi fr hr hu id it lt lv nl no pl pt ro sk sl so sq sv sw tl tr".split()
                )
            ),
            ("vi", "own"),
            ("ht", "own"),
            ("hmn", "own"),
            ("hi-Latn", "own"),
            ("ur-Latn", "own"),
            ("pa-Latn", "own"),
            ("ar-Latn", "own"),
            ("ru-Latn", "own"),
            ("yue-Latn", "own"),
            ("zh-Latn", "own"),
            ("und", "unknown"),
        ],
    ),
    "cyrillic": (
        "Cyrl",
        [
            ("bg", "bg"),
            ("mk", "mk"),
            ("ru", "ru"),
            ("uk", "uk"),
            ("und", "unknown"),
        ],
    ),
    "arabic": ("Arab", [("ar", "ar"), ("fa", "fa"), ("ur", "ur"), ("ps", "own")]),
    "devanagari": ("Deva", [("hi", "hi"), ("mr", "mr"), ("ne", "ne")]),
    "ethiopic": ("Ethi", [("am", "own"), ("ti", "own")]),
    "myanmar": ("Mymr", [("my", "own"), ("ksw", "own")]),
}
# Where the accent evidence for a Latin profile comes from when its grams are the project's own.
ACCENTS_FROM_LANGDETECT = {"vi": "vi"}
# The second stage (lepcli/detect/franc.py): every franc language of a script on equal terms, from
# its 300 trigrams (a trigram at franc rank r is worth ln(curve[r] / curve floor), quantized).
FRANC_STAGE_SCRIPTS = {"Latin": ("latin", "Latn", FRANC_LATIN), "Cyrillic": ("cyrillic", "Cyrl", FRANC_CYRILLIC)}
FRANC_STAGE_SCALE = 8.0  # weight bytes are round(ln(p / floor) * this)
# franc codes that are lepcli languages of the main models (besides FRANC_LANGDETECT): the stage
# leaves the choice among these to the main model.
FRANC_AS_LEPCLI = {
    "vie": "vi",
    "hat": "ht",
    "cym": "cy",
    "als": "sq",
    "nob": "no",
    "nno": "no",
    "afr": "af",
    "lit": "lt",
    "lvs": "lv",
    "ekk": "et",
    "slv": "sl",
    "bos": "hr",
    "zlm": "id",
    "hms": "",
    "rus": "ru",
    "ukr": "uk",
    "bul": "bg",
    "mkd": "mk",
}
# Close relatives: a sentence-only language sharing at least this share of its 300 franc trigrams
# with a main-model language (Cebuano, Hiligaynon and Ilocano with Tagalog; Kabuverdianu with
# Portuguese). franc's one formal text cannot tell such pairs apart in a short message, so the
# detector asks when the answer's own frequent words do not settle it. Mean overlap between
# unrelated languages is about 0.2; close relatives 0.45-0.6.
RELATIVE_OVERLAP = 0.45
TEXTING_SHARE = 0.3  # an SMS spelling (xq, vc, porfa) is worth this share of the word it stands for
FRANC_SCRIPTS = {"Latn": "Latin", "Cyrl": "Cyrillic"}


def franc_data() -> dict[str, dict[str, list[str]]]:
    """franc script -> language -> trigrams, most frequent first.

    ``LEP_FRANC_DATA=<folder>`` reads an unpacked ``franc-all`` package; otherwise ``npm pack``
    fetches it into a temporary folder (the registry is reached only here) and node prints its data.
    """
    import os
    import shutil
    import subprocess
    import tarfile
    import tempfile

    def read(folder: Path) -> dict[str, dict[str, list[str]]]:
        if shutil.which("node") is None:
            raise SystemExit("node is needed to read franc's data (apt-get install nodejs npm)")
        code = "import(process.argv[1]).then(m => process.stdout.write(JSON.stringify(m.data)))"
        out = subprocess.run(
            ["node", "-e", code, (folder / "data.js").resolve().as_uri()], capture_output=True, check=True
        ).stdout
        raw = json.loads(out)
        return {script: {lang: tri.split("|") for lang, tri in langs.items()} for script, langs in raw.items()}

    given = os.environ.get("LEP_FRANC_DATA")
    if given:
        return read(Path(given))
    if shutil.which("npm") is None:
        raise SystemExit("npm is needed to fetch franc's data (or set LEP_FRANC_DATA to an unpacked franc-all)")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", FRANC_PACKAGE, "--silent"], cwd=tmp, check=True, capture_output=True)
        (tarball,) = Path(tmp).glob("*.tgz")
        with tarfile.open(tarball) as tar:
            tar.extractall(tmp, filter="data")
        return read(Path(tmp) / "package")


def _franc_gram(tri: str, script: str) -> tuple[str, list[str]]:
    """A franc trigram in lepcli's form (folded; apostrophes and the like become word breaks) and
    the letters and combining marks it was written with (for the accent tables)."""
    out: list[str] = []
    raw: list[str] = []
    for ch in unicodedata.normalize("NFC", tri):
        found = script_of(ch)
        if ch == " ":
            out.append(" ")
        elif found == "Zinh":
            raw.append(ch)
        elif found == script:
            raw.append(ch.lower())
            out.append(fold_latin(ch.lower()) if script == "Latn" else ch.lower())
        else:
            out.append(" ")
    return "".join(out), raw


class FrancCurve:
    """P(trigram) at each franc rank, and the probability of a trigram beyond the 300: measured on
    langdetect's counts of the languages both have (so a franc-only language is scaled like them)."""

    def __init__(self, data: dict[str, dict[str, list[str]]]) -> None:
        sums: list[float] = []
        counts: list[int] = []
        tails: list[float] = []
        for franc_code, ld in FRANC_LANGDETECT.items():
            per_n, _ = from_langdetect(ld, "Latn")
            total = sum(per_n[2].values())
            p3 = {g: c / total for g, c in per_n[2].items()}
            listed = [g for g in (_franc_gram(t, "Latn")[0] for t in data["Latin"][franc_code]) if _inword(g)]
            for i, g in enumerate(listed):
                while len(sums) <= i:
                    sums.append(0.0)
                    counts.append(0)
                sums[i] += p3.get(g, 0.0)
                counts[i] += 1
            rest = sorted((p for g, p in p3.items() if g not in set(listed)), reverse=True)[:1500]
            tails.append(sum(rest) / len(rest))
        raw = [sums[i] / counts[i] for i in range(len(sums))]
        # Monotone (a later rank is never more frequent): franc ranks by UDHR counts, langdetect by Wikipedia's.
        self.p = [min(raw[: i + 1]) if i else raw[0] for i in range(len(raw))]
        self.p = [max(x, 0.0) for x in self.p]
        self.floor = sorted(tails)[len(tails) // 2]

    def profile(self, trigrams: list[str], script: str) -> tuple[dict[str, float], Counter[str], float]:
        """(gram probabilities, letter weights, floor) for one franc language."""
        tri: dict[str, float] = {}
        per_n: list[Counter[str]] = [Counter(), Counter()]
        raw: Counter[str] = Counter()
        inword = 0
        for rank, t in enumerate(trigrams):
            g, letters = _franc_gram(t, script)
            w = self.p[min(rank, len(self.p) - 1)]
            if _inword(g):
                tri[g] = tri.get(g, 0.0) + self.p[min(inword, len(self.p) - 1)]
                inword += 1
            for ch in letters:
                raw[ch] += w
            for i in range(len(g) - 1):
                bi = g[i : i + 2]
                if bi.strip() and bi != "  ":
                    per_n[1][bi] += w
            for ch in g:
                if ch != " ":
                    per_n[0][ch] += w
        out = {g: p for g, p in tri.items() if p >= MIN_P}
        for counts in per_n:
            total = sum(counts.values())
            out.update({g: c / total for g, c in counts.items() if c / total >= MIN_P})
        return out, raw, self.floor


def build_franc_stage(franc_script: str, data: dict[str, dict[str, list[str]]], curve: FrancCurve) -> bytes:
    """One script's second-stage file (format: lepcli.detect.profiles.load_franc)."""
    import array

    _, script, sentence_only = FRANC_STAGE_SCRIPTS[franc_script]
    langs = sorted(data[franc_script])
    as_lepcli = {**FRANC_LANGDETECT, **FRANC_AS_LEPCLI}
    as_lepcli.update({f: k for k, f in sentence_only.items()})
    if franc_script == "Cyrillic":
        as_lepcli["srp"] = "sr"
    from lepcli.detect import _KEYS

    codes = []
    for f in langs:
        key = as_lepcli.get(f, "")
        codes.append(_KEYS[key][0][0][0] if key in _KEYS else key)
    floor = curve.floor
    postings: dict[str, dict[int, int]] = {}
    for j, f in enumerate(langs):
        inword = 0
        for t in data[franc_script][f]:
            g, _ = _franc_gram(t, script)
            if not _inword(g):
                continue
            w = round(math.log(max(curve.p[min(inword, len(curve.p) - 1)], floor) / floor) * FRANC_STAGE_SCALE)
            inword += 1
            if w >= 1:
                row = postings.setdefault(g, {})
                row[j] = max(row.get(j, 0), min(w, 255))  # folding can merge two trigrams
        if script == "Latn":
            # Accented letters and tone marks the language writes ("\0" + the letter): Yoruba's ẹ ọ ṣ
            # and tone marks, Maori's macrons, Guarani's ẽ. Worth ln(P / ACCENT_FLOOR) each.
            raw: Counter[str] = Counter()
            for rank, t in enumerate(data[franc_script][f]):
                for ch in _franc_gram(t, script)[1]:
                    raw[ch] += curve.p[min(rank, len(curve.p) - 1)]
            for letter, lnp in accent_table(raw, key_of=lambda ch: ch).items():
                w = round((lnp - math.log(ACCENT_FLOOR)) * FRANC_STAGE_SCALE)
                if w >= 1:
                    postings.setdefault("\0" + letter, {})[j] = min(w, 255)
    keys = sorted(postings)
    offsets = array.array("I", [0])
    ids = array.array("H")
    weights = bytearray()
    for g in keys:
        for j, w in sorted(postings[g].items()):
            ids.append(j)
            weights.append(w)
        offsets.append(len(ids))
    if sys.byteorder == "big":
        offsets.byteswap()
        ids.byteswap()
    world = json.loads((ROOT / "lepcli" / "languages" / "data" / "languages_world.json").read_text(encoding="utf-8"))
    # ISO 639-3 -> 639-1 (lepcli's world table is keyed by the shortest code) from Debian's
    # iso-codes (scripts/install-system-deps.sh); its own English name where the table has none.
    iso_path = Path("/usr/share/iso-codes/json/iso_639-3.json")
    if not iso_path.is_file():
        raise SystemExit("iso-codes is needed to name franc's languages (apt-get install iso-codes)")
    iso = {e["alpha_3"]: e for e in json.loads(iso_path.read_text(encoding="utf-8"))["639-3"]}
    names = []
    for f in langs:
        e = iso.get(f, {})
        entry = world["world"].get(e.get("alpha_2", "")) or world["world"].get(world["world_index"].get(f, f))
        names.append(entry[0] if entry else e.get("name", f))
    header = {
        "script": script,
        "languages": langs,
        "codes": codes,
        "names": names,
        "scale": FRANC_STAGE_SCALE,
        "keys_bytes": 0,
        "postings": len(ids),
    }
    keys_blob = "\n".join(keys).encode("utf-8")
    header["keys_bytes"] = len(keys_blob)
    header_blob = json.dumps(header, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return (
        len(header_blob).to_bytes(4, "little")
        + header_blob
        + keys_blob
        + offsets.tobytes()
        + ids.tobytes()
        + bytes(weights)
    )


def _inword(gram: str) -> bool:
    """A trigram lepcli itself produces: no break inside, at most one at either end."""
    return len(gram) == 3 and gram[1] != " " and gram.strip() != "" and gram != "   "


def langdetect_profile_dir() -> Path:
    import langdetect

    return Path(langdetect.__file__).resolve().parent / "profiles"


def _clean_gram(gram: str, script: str) -> str | None:
    """A langdetect gram in lepcli's form (lower-case, Latin folded), or None if foreign."""
    gram = gram.lower()
    out = []
    for ch in gram:
        if ch == " ":
            out.append(ch)
            continue
        if script_of(ch) != script:
            return None
        if script == "Latn":
            ch = fold_latin(ch)
        elif script == "Arab":
            ch = normalize_arabic(ch)
        out.append(ch)
    text = "".join(out)
    if not text.strip() or "  " in text:
        return None
    return text


def from_langdetect(code: str, script: str) -> tuple[list[Counter[str]], Counter[str]]:
    """(counts per n, raw letter counts) from a langdetect profile."""
    data = json.loads((langdetect_profile_dir() / code).read_text(encoding="utf-8"))
    per_n: list[Counter[str]] = [Counter(), Counter(), Counter()]
    raw_letters: Counter[str] = Counter()
    for gram, count in data["freq"].items():
        if len(gram) == 1 and gram != " ":
            raw_letters[gram.lower()] += count
        cleaned = _clean_gram(gram, script)
        if cleaned is not None:
            per_n[len(cleaned) - 1][cleaned] += count
    return per_n, raw_letters


def corpus_lines(key: str) -> list[str]:
    path = CORPUS / f"{key}.txt"
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and line[0] != "#"]


def from_own(key: str, script: str) -> tuple[list[Counter[str]], Counter[str]]:
    per_n: list[Counter[str]] = [Counter(), Counter(), Counter()]
    raw_letters: Counter[str] = Counter()
    for line in corpus_lines(key):
        for gram in grams_of(words_of(line, script)):
            per_n[len(gram) - 1][gram] += 1
        for ch in line.lower():
            if ch.isalpha():
                raw_letters[ch] += 1
    return per_n, raw_letters


def probabilities(per_n: list[Counter[str]], min_p: float = MIN_P) -> dict[str, float]:
    out: dict[str, float] = {}
    for counts in per_n:
        total = sum(counts.values())
        for gram, count in counts.items():
            p = count / total
            if p >= min_p:
                out[gram] = p
    return out


def blend(encyclopedic: dict[str, float], conversational: dict[str, float]) -> dict[str, float]:
    """Mix two profiles of one language; grams neither lists stay at the floor."""
    out: dict[str, float] = {}
    for gram in set(encyclopedic) | set(conversational):
        p = (1 - BLEND) * encyclopedic.get(gram, FLOOR) + BLEND * conversational.get(gram, FLOOR)
        if p >= MIN_P:
            out[gram] = p
    return out


def typical_cost(probs: dict[str, float]) -> float:
    """Mean -ln P of an n-gram drawn from the language itself (1-, 2-, 3-grams alike)."""
    per_n: list[float] = []
    for n in (1, 2, 3):
        items = [p for g, p in probs.items() if len(g) == n]
        total = sum(items)
        if total:
            per_n.append(sum(p / total * -math.log(max(p, FLOOR)) for p in items))
    return sum(per_n) / len(per_n)


def accent_table(raw_letters: Counter[str], key_of: Any = accent_key) -> dict[str, float]:
    """ln P(accented letter | its base letter) for every accented letter the language writes, and
    ln P(mark | letter) for combining marks (Yoruba tone marks over ẹ, ọ)."""
    by_base: Counter[str] = Counter()
    by_key: Counter[str] = Counter()
    marks: Counter[str] = Counter()
    for ch, count in raw_letters.items():
        if len(ch) == 1 and unicodedata.combining(ch):
            marks[ch] += count
            continue
        if not ch.isalpha():
            continue
        by_base[fold_latin(ch)] += count
        if not ch.isascii():
            by_key[key_of(ch)] += count
    out: dict[str, float] = {}
    for key, count in by_key.items():
        base = by_base.get(fold_latin(key), 0) or count
        out[key] = min(0.0, math.log(max(count / base, ACCENT_FLOOR)))
    letters = sum(by_base.values()) or 1
    for mark, count in marks.items():
        out[mark] = min(0.0, math.log(max(count / letters, ACCENT_FLOOR)))
    return out


# Letters the n-grams cannot tell apart because langdetect's profiles fold them (Farsi yeh into
# Arabic yeh): script -> the variants of one letter. Persian, Urdu and Pashto type ی,
# Arabic types ي; each typed variant is scored like an accented Latin letter.
LETTER_VARIANTS = {"Arab": ("\u06cc", "\u064a")}


def letter_variants(key: str, script: str) -> dict[str, float]:
    """ln P(variant | its letter) per variant of LETTER_VARIANTS[script], counted in wordfreq's
    list (frequency-weighted) or, for a language wordfreq lacks, in the project's own text."""
    variants = LETTER_VARIANTS.get(script)
    if variants is None:
        return {}
    counts = dict.fromkeys(variants, 0.0)
    code = WORDFREQ_CODES.get(key)
    if code is not None:
        import wordfreq

        for word, freq in wordfreq.get_frequency_dict(code, wordlist="best").items():
            for ch in word:
                if ch in counts:
                    counts[ch] += freq
    else:
        for line in corpus_lines(key):
            for ch in line:
                if ch in counts:
                    counts[ch] += 1.0
    total = sum(counts.values())
    if not total:
        return {}
    return {ch: min(0.0, math.log(max(c / total, ACCENT_FLOOR))) for ch, c in counts.items()}


def catalog_ranks() -> dict[str, int]:
    data = json.loads((ROOT / "lepcli" / "languages" / "data" / "languages.json").read_text(encoding="utf-8"))
    return {e["code"]: e["rank"] for e in data["catalog"] if e.get("rank")}


def quant(lnp: float) -> int:
    return max(0, min(255, round(-lnp * SCALE)))


def build_group(
    name: str, script: str, members: list[tuple[str, str]], ranks: dict[str, int], franc: dict[str, Any]
) -> tuple[bytes, float]:
    langs = [key for key, _ in members]
    probs: list[dict[str, float]] = []
    floors: list[float] = []
    accents: list[dict[str, float]] = []
    measured: list[dict[str, float]] = []  # profiles from real counts (for the "typical" fit)
    for key, source in members:
        if source.startswith("franc:") or source == "unknown":
            curve: FrancCurve = franc["curve"]
            langs_of_script = franc["data"][FRANC_SCRIPTS[script]]
            if source == "unknown":
                p, raw, floor = unknown_profile(curve, langs_of_script, script, members)
            else:
                p, raw, floor = curve.profile(langs_of_script[source.split(":", 1)[1]], script)
            probs.append(p)
            floors.append(floor)
            accents.append(accent_table(raw) if script == "Latn" else {})
            continue
        if source == "own":
            per_n, raw = from_own(key, script)
        else:
            per_n, raw = from_langdetect(source, script)
        floors.append(FLOOR)
        if source != "own" and (CORPUS / f"{key}.txt").is_file():
            own_n, own_raw = from_own(key, script)
            probs.append(blend(probabilities(per_n), probabilities(own_n, min_p=0.0)))
            accents.append(accent_table(raw + own_raw) if script == "Latn" else letter_variants(key, script))
            measured.append(probs[-1])
            continue
        if key in ACCENTS_FROM_LANGDETECT:
            _, raw = from_langdetect(ACCENTS_FROM_LANGDETECT[key], script)
        probs.append(probabilities(per_n))
        measured.append(probs[-1])
        accents.append(accent_table(raw) if script == "Latn" else letter_variants(key, script))
    keys = sorted(set().union(*probs))
    floor_q = [quant(math.log(f)) for f in floors]
    matrix = bytearray()
    for gram in keys:
        matrix.extend(quant(math.log(p[gram])) if gram in p else fq for p, fq in zip(probs, floor_q, strict=True))
    accent_keys = sorted(set().union(*accents))
    accent_rows = {k: [quant(a.get(k, math.log(ACCENT_FLOOR))) for a in accents] for k in accent_keys}
    prior = []
    for key, source in members:
        code = key.split("-Latn")[0]
        rank = UNKNOWN_RANK if source == "unknown" else ranks.get(code, UNRANKED)
        penalty = ROMANIZED_PENALTY if key.endswith("-Latn") else 0.0
        if source.startswith("franc:"):
            penalty += FRANC_PENALTY
        prior.append(round(-RANK_PRIOR * math.log(rank) - penalty, 4))
    typical = sum(typical_cost(p) for p in measured) / len(measured)
    header = {
        "group": name,
        "script": script,
        "languages": langs,
        "accent_floor": quant(math.log(ACCENT_FLOOR)),
        "prior": prior,
        "typical": round(typical, 4),
    }
    return encode_profile(header, keys, bytes(matrix), accent_rows), typical


def unknown_profile(
    curve: FrancCurve, langs_of_script: dict[str, list[str]], script: str, members: list[tuple[str, str]]
) -> tuple[dict[str, float], Counter[str], float]:
    """The average of franc's languages of this script that lepcli does not model: text that fits
    it better than any modelled language is in a language lepcli does not know."""
    used = {source.split(":", 1)[1] for _, source in members if source.startswith("franc:")}
    others = sorted(c for c in langs_of_script if c not in used and c not in FRANC_MODELLED)
    total: dict[str, float] = {}
    raw: Counter[str] = Counter()
    floor = curve.floor
    profiles = [curve.profile(langs_of_script[c], script) for c in others]
    for p, letters, _ in profiles:
        raw.update(letters)
        for g in p:
            total[g] = 0.0
    for g in total:
        total[g] = sum(p.get(g, floor) for p, _, _ in profiles) / len(profiles)
    return {g: v for g, v in total.items() if v >= 3 * floor}, raw, floor


def wordfreq_counts(
    code: str, script: str, keep: int
) -> tuple[dict[str, float], dict[str, float], dict[str, dict[str, float]]]:
    """(frequency typed as listed, frequency of forms with diacritics) per lepcli word key, from the
    ``3 * keep`` most frequent entries (folding merges a few; rarer entries could not change the
    ``keep`` words kept), and per key the frequency of each accented written form (``não``)."""
    try:
        import wordfreq
    except ImportError:
        raise SystemExit("wordfreq is needed to build the word tables: pip install -e '.[dev]'") from None
    from importlib.metadata import version

    found = version("wordfreq")
    if found != WORDFREQ_VERSION:
        raise SystemExit(f"wordfreq {WORDFREQ_VERSION} is needed (found {found}): pip install -e '.[dev]'")
    plain: dict[str, float] = {}
    marked: dict[str, float] = {}
    forms: dict[str, dict[str, float]] = {}
    entries = sorted(wordfreq.get_frequency_dict(code, wordlist="best").items(), key=lambda kv: (-kv[1], kv[0]))
    for word, freq in entries[: 3 * keep]:
        # Only words written wholly in the family's script; "aidez-moi", "j'ai" count for each part.
        parts = [p for p in re.split(r"[-'’‌‍]+", word) if p]
        keys = [word_keys(p, script) for p in parts]
        if not parts or any(len(k) != 1 for k in keys):
            continue
        for part, (key,) in zip(parts, keys, strict=True):
            if len(key) != len(part.replace("ß", "ss").replace("œ", "oe").replace("æ", "ae")):
                continue  # a letter of another script or a digit
            typed_as_listed = script != "Latn" or part == key
            target = plain if typed_as_listed else marked
            target[key] = target.get(key, 0.0) + freq
            if not typed_as_listed:
                (written,) = word_keys(part, script, fold=False)
                if written != key:
                    by_form = forms.setdefault(key, {})
                    by_form[written] = by_form.get(written, 0.0) + freq
    return plain, marked, forms


def own_counts(key: str, script: str) -> dict[str, float]:
    counts: Counter[str] = Counter()
    for line in corpus_lines(key):
        counts.update(word_keys(line, script))
    total = sum(counts.values())
    return {w: OWN_SHARE * (c - OWN_DISCOUNT) / total for w, c in counts.items() if c > OWN_DISCOUNT}


def build_words(script: str, members: list[tuple[str, str]], ranks: dict[str, int]) -> tuple[bytes, dict[str, str]]:
    """One script family's word tables (format: lepcli.detect.load_words) and each table's source."""
    columns: list[int] = []
    tables: list[dict[int, int]] = []
    sources: dict[str, str] = {}
    for column, (key, _) in enumerate(members):
        code = WORDFREQ_CODES.get(key)
        if code is not None:
            keep = WORDS_LEP if key == "en" or ranks.get(key, UNRANKED) <= LEP_RANK else WORDS_OTHER
            plain, marked, forms = wordfreq_counts(code, script, keep)
            freqs = {w: plain.get(w, 0.0) + ACCENT_DROP * marked.get(w, 0.0) for w in set(plain) | set(marked)}
            ranked = sorted(set(plain) | set(marked), key=lambda w: (-(plain.get(w, 0.0) + marked.get(w, 0.0)), w))
            chosen = {w: freqs[w] for w in ranked[:keep]}
            # The exact written form of an accented word, at its full frequency (scoring.word_evidence).
            for w in ranked[:keep]:
                for written, freq in forms.get(w, {}).items():
                    chosen[written] = max(chosen.get(written, 0.0), freq)
            sources[key] = f"wordfreq {code}, {len(chosen):,} words"
        elif (CORPUS / f"{key}.txt").is_file():
            chosen = own_counts(key, script)
            sources[key] = f"scripts/detect_corpus/{key}.txt, {len(chosen):,} words"
        else:
            continue
        for form, means in texting_forms().get(key, []):
            meaning = word_keys(means, script)
            freq = min((chosen.get(w, 0.0) for w in meaning), default=0.0) * TEXTING_SHARE
            (form_key,) = word_keys(form, script)
            if freq > chosen.get(form_key, 0.0):
                chosen[form_key] = freq
        by_hash: dict[int, int] = {}
        for word, freq in chosen.items():
            q = round(math.log(freq / WORD_FLOOR) * WORD_SCALE) if freq > 0 else 0
            if q < 1:
                continue
            h = zlib.crc32(word.encode("utf-8"))
            by_hash[h] = max(by_hash.get(h, 0), min(q, 255))  # a hash collision keeps the larger
        columns.append(column)
        tables.append(by_hash)
    keys = [key for key, _ in members]
    borrow = [
        [keys.index(key), keys.index(source), log_share]
        for key, (source, log_share) in BORROWS.items()
        if key in keys and source in keys and WORDFREQ_CODES.get(key) is None
    ]
    return encode_words(columns, tables, borrow), sources


def texting_forms() -> dict[str, list[tuple[str, str]]]:
    """``scripts/detect_corpus/texting.tsv``: language, SMS spelling, the words it stands for."""
    out: dict[str, list[tuple[str, str]]] = {}
    for line in (CORPUS / "texting.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, form, means = line.split("\t")
        out.setdefault(key, []).append((form, means))
    return out


def han_forms() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in (CORPUS / "han_forms.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        kind, _, chars = line.partition(":")
        out[kind.strip()] = out.get(kind.strip(), "") + "".join(chars.split())
    simp, trad = set(out["simplified"]), set(out["traditional"])
    both = simp & trad
    if both:
        raise SystemExit(f"han_forms.txt: in both lists: {''.join(sorted(both))}")
    return {k: "".join(sorted(set(v))) for k, v in out.items()}


def relatives(data: dict[str, dict[str, list[str]]]) -> dict[str, list[str]]:
    """Main-model lepcli code -> the sentence-only lepcli codes whose franc trigrams overlap its
    own by RELATIVE_OVERLAP or more (see there)."""
    from lepcli.detect import _KEYS

    main = {**FRANC_LANGDETECT, **{f: c for f, c in FRANC_AS_LEPCLI.items() if c}}
    out: dict[str, list[str]] = {}
    for franc_script, (_, _, franc_keys) in FRANC_STAGE_SCRIPTS.items():
        langs = data[franc_script]
        for franc_code, code in sorted(main.items()):
            if franc_code not in langs:
                continue
            own = set(langs[franc_code])
            for key, other in sorted(franc_keys.items()):
                if other in langs and len(own & set(langs[other])) / len(langs[other]) >= RELATIVE_OVERLAP:
                    target = _KEYS.get(key, (((key, 1.0),), False))[0][0][0]
                    if target != code and target not in out.get(code, []):
                        out.setdefault(code, []).append(target)
    return out


def names(groups: dict[str, list[str]]) -> dict[str, list[object]]:
    """code -> [name, native, script, rank] for every code detect can answer (from lepcli.languages)."""
    from lepcli import languages
    from lepcli.detect import detectable_codes

    out: dict[str, list[object]] = {}
    for code in detectable_codes(groups):
        lang = languages.get(code)
        if lang.code != code:
            raise SystemExit(f"lepcli.languages does not know the code {code!r} (resolved to {lang.code!r})")
        out[code] = [lang.name, lang.native, lang.script, lang.rank]
    return out


# Inputs of the build that live in this repository (their digest is recorded in BUILD.json).
def local_inputs() -> list[Path]:
    return [
        *sorted(CORPUS.iterdir()),
        Path(__file__).resolve(),
        ROOT / "lepcli" / "detect" / "rules.py",
        ROOT / "lepcli" / "detect" / "profiles.py",
    ]


def build() -> dict[str, bytes]:
    ranks = catalog_ranks()
    data = franc_data()
    franc = {"data": data, "curve": FrancCurve(data)}
    files: dict[str, bytes] = {}
    groups: dict[str, list[str]] = {}
    word_sources: dict[str, str] = {}
    sentence_only: set[str] = set()
    for name, (script, members) in GROUPS.items():
        blob, _ = build_group(name, script, members, ranks, franc)
        files[f"{name}.bin"] = blob
        words_blob, sources = build_words(script, members, ranks)
        if sources:
            files[f"{name}.words"] = words_blob
            word_sources.update(sources)
        groups[name] = [key for key, _ in members]
    for franc_script, (name, _, franc_keys) in FRANC_STAGE_SCRIPTS.items():
        files[f"franc-{name}.bin"] = build_franc_stage(franc_script, data, franc["curve"])
        sentence_only.update(franc_keys)
    groups["franc"] = sorted(sentence_only)  # answered by the second stage only
    from lepcli.detect import _KEYS

    codes = {c for key in sentence_only for c, _ in _KEYS.get(key, (((key, 1.0),), False))[0]}
    codes -= {key for _, members in GROUPS.values() for key, source in members if not source.startswith("franc:")}
    franc_json = json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")
    meta = {
        "comment": "generated by scripts/build_detect_profiles.py; do not edit",
        "groups": groups,
        "temper": TEMPER,
        "word_floor": WORD_FLOOR,
        "word_tables": word_sources,
        "floor_cost": round(-math.log(FLOOR), 4),
        "han": han_forms(),
        "names": names(groups),
        "relatives": relatives(data),
        "sentence_only": sorted(codes),
        "sources": {
            "franc": f"npm {FRANC_PACKAGE}, data sha256 {hashlib.sha256(franc_json).hexdigest()}",
            "franc_curve_floor": round(franc["curve"].floor, 8),
            "wordfreq": WORDFREQ_VERSION,
        },
    }
    files["meta.json"] = (json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
    record = {
        "comment": "digests of the build's inputs and outputs; tests/test_detect.py compares them cheaply",
        "inputs": digest(local_inputs(), ROOT),
        "outputs": {n: hashlib.sha256(b).hexdigest() for n, b in sorted(files.items())},
    }
    files["BUILD.json"] = (json.dumps(record, indent=1, sort_keys=True) + "\n").encode("utf-8")
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the shipped files are not current")
    args = parser.parse_args()
    files = build()
    if args.check:
        stale = [n for n, b in files.items() if not (OUT / n).is_file() or (OUT / n).read_bytes() != b]
        if stale:
            print("stale: " + ", ".join(stale) + " (run scripts/build_detect_profiles.py)")
            return 1
        print("detect profiles are current")
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    for name, blob in files.items():
        (OUT / name).write_bytes(blob)
        print(f"{name}: {len(blob):,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
