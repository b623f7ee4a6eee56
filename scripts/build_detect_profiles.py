"""Build lepcli's language-detection profiles (lepcli/detect_data/).

Sources:
- langdetect's shipped profiles (Apache License 2.0, (c) 2010-2014 Cybozu Labs, Inc., Nakatani
  Shuyo; Python port by Michal Danilak): character 1-3-gram counts from Wikipedia. Read from the
  installed ``langdetect`` package; see lepcli/detect_data/NOTICE.
- text the project wrote itself, ``scripts/detect_corpus/<key>.txt``, for what langdetect lacks
  (Haitian Creole, Hmong, Amharic, Tigrinya, Burmese, S'gaw Karen, Pashto, romanized
  Hindi/Urdu, Arabic chat alphabet, transliterated Russian) and for Vietnamese typed without
  accents (langdetect folds all Vietnamese tone letters into one class, so its counts cannot be
  accent-folded). ``han_forms.txt`` lists characters that exist only in Simplified or only in
  Traditional Chinese (and Cantonese/Japanese-only forms).

Run: python scripts/build_detect_profiles.py [--check]
``--check`` rebuilds in memory and exits 1 if the shipped files differ (tests call it).
"""

from __future__ import annotations

import argparse
import json
import math
import struct
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lepcli.detect import SCALE, accent_key, fold_latin, grams_of, normalize_arabic, words_of  # noqa: E402

CORPUS = ROOT / "scripts" / "detect_corpus"
OUT = ROOT / "lepcli" / "detect_data"

FLOOR = 2e-5  # probability of an n-gram a language's profile does not list
MIN_P = 1e-4  # langdetect pruned its profiles near this relative frequency; own text is pruned alike
ACCENT_FLOOR = 1e-3  # P(accented letter | its base letter) for a language that never writes it
RANK_PRIOR = 0.3  # ln prior = -RANK_PRIOR * ln(catalog rank): favour languages US agencies meet
UNRANKED = 150
ROMANIZED_PENALTY = 1.0  # romanized forms are rarer than the language's own Latin-script neighbours
TEMPER = 3.0  # naive-Bayes log-likelihoods are divided by this (calibrated by bench/bench_detect.py)
WORD_FLOOR = 1e-4  # P(word | language) for a word the language's own text never uses
WORD_WEIGHT = 1.0  # weight of whole-word evidence next to the n-gram score
BLEND = 0.3  # share of the project's conversational text in a langdetect profile (Wikipedia has few "I"/"you")

# profile group -> (script, [(profile key, source)])  source: "ld" langdetect code or "own"
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
            ("ar-Latn", "own"),
            ("ru-Latn", "own"),
        ],
    ),
    "cyrillic": ("Cyrl", [("bg", "bg"), ("mk", "mk"), ("ru", "ru"), ("uk", "uk")]),
    "arabic": ("Arab", [("ar", "ar"), ("fa", "fa"), ("ur", "ur"), ("ps", "own")]),
    "devanagari": ("Deva", [("hi", "hi"), ("mr", "mr"), ("ne", "ne")]),
    "ethiopic": ("Ethi", [("am", "own"), ("ti", "own")]),
    "myanmar": ("Mymr", [("my", "own"), ("ksw", "own")]),
}
# Where the accent evidence for a Latin profile comes from when its grams are the project's own.
ACCENTS_FROM_LANGDETECT = {"vi": "vi"}


def langdetect_profile_dir() -> Path:
    import langdetect

    return Path(langdetect.__file__).resolve().parent / "profiles"


def _clean_gram(gram: str, script: str) -> str | None:
    """A langdetect gram in lepcli's form (lower-case, Latin folded), or None if foreign."""
    gram = gram.lower()
    from lepcli.detect import script_of

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


def accent_table(raw_letters: Counter[str]) -> dict[str, float]:
    """ln P(accented letter | its base letter) for every accented letter the language writes."""
    by_base: Counter[str] = Counter()
    by_key: Counter[str] = Counter()
    for ch, count in raw_letters.items():
        if not ch.isalpha():
            continue
        by_base[fold_latin(ch)] += count
        if not ch.isascii():
            by_key[accent_key(ch)] += count
    out: dict[str, float] = {}
    for key, count in by_key.items():
        base = by_base.get(fold_latin(key), 0) or count
        out[key] = min(0.0, math.log(max(count / base, ACCENT_FLOOR)))
    return out


def catalog_ranks() -> dict[str, int]:
    data = json.loads((ROOT / "lepcli" / "data" / "languages.json").read_text(encoding="utf-8"))
    return {e["code"]: e["rank"] for e in data["catalog"] if e.get("rank")}


def quant(lnp: float) -> int:
    return max(0, min(255, round(-lnp * SCALE)))


def build_group(name: str, script: str, members: list[tuple[str, str]], ranks: dict[str, int]) -> tuple[bytes, float]:
    langs = [key for key, _ in members]
    vocab: list[Counter[str]] = []
    for key, _ in members:
        words: Counter[str] = Counter()
        if (CORPUS / f"{key}.txt").is_file():
            for line in corpus_lines(key):
                words.update(words_of(line, script))
        vocab.append(words)
    probs: list[dict[str, float]] = []
    accents: list[dict[str, float]] = []
    for key, source in members:
        if source == "own":
            per_n, raw = from_own(key, script)
        else:
            per_n, raw = from_langdetect(source, script)
        if source != "own" and (CORPUS / f"{key}.txt").is_file():
            own_n, own_raw = from_own(key, script)
            probs.append(blend(probabilities(per_n), probabilities(own_n, min_p=0.0)))
            accents.append(accent_table(raw + own_raw) if script == "Latn" else {})
            continue
        if key in ACCENTS_FROM_LANGDETECT:
            _, raw = from_langdetect(ACCENTS_FROM_LANGDETECT[key], script)
        probs.append(probabilities(per_n))
        accents.append(accent_table(raw) if script == "Latn" else {})
    keys = sorted(set().union(*probs))
    floor_q = quant(math.log(FLOOR))
    matrix = bytearray()
    for gram in keys:
        matrix.extend(quant(math.log(p[gram])) if gram in p else floor_q for p in probs)
    accent_keys = sorted(set().union(*accents))
    accent_rows = {k: [quant(a.get(k, math.log(ACCENT_FLOOR))) for a in accents] for k in accent_keys}
    prior = []
    for key in langs:
        code = key.split("-Latn")[0]
        rank = ranks.get(code, UNRANKED)
        penalty = ROMANIZED_PENALTY if key.endswith("-Latn") else 0.0
        prior.append(round(-RANK_PRIOR * math.log(rank) - penalty, 4))
    typical = sum(typical_cost(p) for p in probs) / len(probs)
    keys_blob = "\n".join(keys).encode("utf-8")
    word_keys = sorted(set().union(*vocab))
    word_matrix = bytearray()
    for word in word_keys:
        for words in vocab:
            total = sum(words.values())
            p = words[word] / total if total and words[word] else WORD_FLOOR
            word_matrix.extend([quant(math.log(max(p, WORD_FLOOR)))])
    words_blob = "\n".join(word_keys).encode("utf-8")
    header = {
        "group": name,
        "script": script,
        "languages": langs,
        "keys_bytes": len(keys_blob),
        "matrix_bytes": len(matrix),
        "words_bytes": len(words_blob),
        "accents": accent_rows,
        "accent_floor": quant(math.log(ACCENT_FLOOR)),
        "prior": prior,
        "typical": round(typical, 4),
    }
    header_blob = json.dumps(header, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    blob = struct.pack("<I", len(header_blob)) + header_blob + keys_blob + bytes(matrix) + words_blob
    return blob + bytes(word_matrix), typical


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


def build() -> dict[str, bytes]:
    ranks = catalog_ranks()
    files: dict[str, bytes] = {}
    groups: dict[str, list[str]] = {}
    for name, (script, members) in GROUPS.items():
        blob, _ = build_group(name, script, members, ranks)
        files[f"{name}.bin"] = blob
        groups[name] = [key for key, _ in members]
    meta = {
        "comment": "generated by scripts/build_detect_profiles.py; do not edit",
        "groups": groups,
        "temper": TEMPER,
        "word_weight": WORD_WEIGHT,
        "floor_cost": round(-math.log(FLOOR), 4),
        "han": han_forms(),
        "names": names(groups),
    }
    files["meta.json"] = (json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
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
