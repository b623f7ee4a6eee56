"""Train the legal gate's word model: lepcli/translate/data/legal_words.json.

A logistic regression over words, word pairs, word classes and sentence shape of normalised English
(lepcli.translate.gate.features), two classes (legal-risk talk / everyday talk); its threshold is chosen
by 5-fold cross-validation so that about 3% of everyday texts the folds did not train on are blocked.
Training text, nothing else:
- the "dev" half of bench/sets/legal.tsv (CRC-32 of the text even; the odd half is held out and
  never read here, so bench/bench_phrasebook.py measures the model on text it has not seen);
- scripts/legal_training.tsv: ~7,000 wordings written for training in four rounds (never copied from the bench sets);
- the phrasebook: legal phrases' English texts (legal), every other phrase's text and paraphrases (everyday).

It first writes lepcli/data/near_legal_words.txt: the English words (wordfreq's most frequent, down
to a Zipf frequency of 2.8; a build-time dependency) that one typo would turn into a word of
the lexicon, so that the gate's spelling fix ("stlen" -> stolen) leaves real words ("shout") alone.

Run: .venv/bin/python scripts/build_legal_model.py   (a test checks the shipped files are current)
"""

from __future__ import annotations

import json
import math
import sys
import zlib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lepcli import policy  # noqa: E402
from lepcli.translate.gate import features  # noqa: E402

OUT = ROOT / "lepcli" / "translate" / "data" / "legal_words.json"
REAL = ROOT / "lepcli" / "data" / "near_legal_words.txt"
TRAINING = ROOT / "scripts" / "legal_training.tsv"  # written for training only (never the bench sets)
ENGLISH_WORDS = 100_000
MIN_ZIPF = 2.8
MIN_COUNT = 2
EPOCHS = 15
RATE = 0.5
L2 = 0.001
FOLDS = 5
FALSE_BLOCK = 0.03  # the share of everyday texts (held out of each fold) the threshold may block
MACHINE_FALSE_BLOCK = 0.05  # ... and before machine translation, where a false block costs an interpreter call


def training() -> list[tuple[bool, str]]:
    rows: list[tuple[bool, str]] = []
    for line in (ROOT / "bench" / "sets" / "legal.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, text = line.split("\t")
        if zlib.crc32(text.encode("utf-8")) % 2 == 0:  # the dev half only
            rows.append((kind != "benign", text))
    for line in TRAINING.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, text = line.split("\t")
            rows.append((kind != "benign", text))
    master = yaml.safe_load((ROOT / "phrasebooks" / "en.yaml").read_text(encoding="utf-8"))
    for p in master["phrases"]:
        if p["id"].startswith("responses."):
            continue
        for text in [p["text"], *p.get("paraphrases", [])]:
            rows.append((bool(p.get("legal")), text))
    return rows


def real_words() -> list[str]:
    """English words the spelling fix must not touch: those it would otherwise turn into lexicon words."""
    import wordfreq

    master = yaml.safe_load((ROOT / "phrasebooks" / "en.yaml").read_text(encoding="utf-8"))
    words = {
        w.replace("'", "")
        for w in wordfreq.top_n_list("en", ENGLISH_WORDS)
        if wordfreq.zipf_frequency(w, "en") >= MIN_ZIPF  # rarer entries are mostly typos ("dugs", "stel")
    }
    for p in master["phrases"]:
        for text in [p["text"], *p.get("paraphrases", [])]:
            words.update(policy.normalise(text).split())
    none: frozenset[str] = frozenset()
    return sorted(w for w in words if policy.correct(w, real=none) != w)


def inputs_digest() -> str:
    """SHA-256 of what the model is built from: a test compares it with the shipped file's, cheaply."""
    import hashlib

    h = hashlib.sha256()
    for path in (
        ROOT / "bench" / "sets" / "legal.tsv",
        TRAINING,
        ROOT / "phrasebooks" / "en.yaml",
        ROOT / "lepcli" / "policy.py",
        ROOT / "lepcli" / "translate" / "gate.py",
        Path(__file__),
    ):
        h.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def fit(docs: list[tuple[bool, list[str]]], epochs: int = EPOCHS) -> tuple[float, dict[str, float]]:
    """Logistic regression with L2, by AdaGrad over the documents in a fixed order (deterministic)."""
    bias, weights = 0.0, {}
    g_bias, g_w = 1e-8, {}
    for _ in range(epochs):
        for legal, feats in docs:
            z = bias + sum(weights.get(f, 0.0) for f in feats)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            err = p - (1.0 if legal else 0.0)
            g_bias += err * err
            bias -= RATE * err / math.sqrt(g_bias)
            for f in feats:
                w = weights.get(f, 0.0)
                grad = err + L2 * w
                g_w[f] = g_w.get(f, 1e-8) + grad * grad
                weights[f] = w - RATE * grad / math.sqrt(g_w[f])
    return bias, weights


def score(model: tuple[float, dict[str, float]], feats: list[str]) -> float:
    bias, weights = model
    return bias + sum(weights.get(f, 0.0) for f in feats)


def thresholds(docs: list[tuple[bool, list[str]]]) -> tuple[float, float]:
    """The log-odds above which text is legal, and the lower one that guards machine translation of
    text no phrase matched: out-of-fold scores (5 folds) of everyday texts stay under them but for
    FALSE_BLOCK (MACHINE_FALSE_BLOCK) of them."""
    everyday: list[float] = []
    for k in range(FOLDS):
        model = fit([d for i, d in enumerate(docs) if i % FOLDS != k])
        everyday += [score(model, f) for i, (legal, f) in enumerate(docs) if i % FOLDS == k and not legal]
    everyday.sort()
    return tuple(round(everyday[int(len(everyday) * (1 - share))], 3) for share in (FALSE_BLOCK, MACHINE_FALSE_BLOCK))


def main() -> None:
    REAL.parent.mkdir(exist_ok=True)
    REAL.write_text("\n".join(real_words()) + "\n", encoding="utf-8")
    policy._real_words.cache_clear()
    rows = training()
    counts: dict[str, int] = {}
    featured = [(legal, sorted(set(features(text)))) for legal, text in rows]
    for _, feats in featured:
        for f in feats:
            counts[f] = counts.get(f, 0) + 1
    docs = [(legal, [f for f in feats if counts[f] >= MIN_COUNT]) for legal, feats in featured]
    cut, machine_cut = thresholds(docs)
    bias, weights = fit(docs)
    kept = {f: round(w, 3) for f, w in sorted(weights.items()) if abs(w) >= 0.01}
    legal_docs = sum(1 for legal, _ in docs if legal)
    OUT.write_text(
        json.dumps(
            {
                "prior": round(bias, 3),
                "weights": kept,
                "threshold": cut,
                "machine_threshold": machine_cut,
                "docs": len(docs),
                "inputs": inputs_digest(),
            },
            sort_keys=True,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"{REAL.relative_to(ROOT)}: {len(policy._real_words())} real words one typo from the lexicon")
    print(f"{OUT.relative_to(ROOT)}: {len(kept)} features from {legal_docs} legal / {len(docs) - legal_docs} everyday "
          f"texts; threshold {cut}, before machine translation {machine_cut}")


if __name__ == "__main__":
    main()
