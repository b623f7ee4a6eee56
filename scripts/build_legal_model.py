"""Train the legal gate's word model: lepcli/translate/data/legal_words.json.

A multinomial naive Bayes over words and word pairs of normalised English (lepcli.policy.normalise),
two classes (legal-risk talk / everyday talk). Training text, nothing else:
- the "dev" half of bench/sets/legal.tsv (CRC-32 of the text even; the odd half is held out and
  never read here, so bench/bench_phrasebook.py measures the model on text it has not seen);
- the phrasebook: legal phrases' English texts (legal), every other phrase's text and paraphrases (everyday).

Run: .venv/bin/python scripts/build_legal_model.py   (a test checks the shipped file is current)
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

from lepcli.translate.gate import features  # noqa: E402

OUT = ROOT / "lepcli" / "translate" / "data" / "legal_words.json"
MIN_COUNT = 2


def training() -> list[tuple[bool, str]]:
    rows: list[tuple[bool, str]] = []
    for line in (ROOT / "bench" / "sets" / "legal.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, text = line.split("\t")
        if zlib.crc32(text.encode("utf-8")) % 2 == 0:  # the dev half only
            rows.append((kind != "benign", text))
    master = yaml.safe_load((ROOT / "phrasebooks" / "en.yaml").read_text(encoding="utf-8"))
    for p in master["phrases"]:
        if p["id"].startswith("responses."):
            continue
        for text in [p["text"], *p.get("paraphrases", [])]:
            rows.append((bool(p.get("legal")), text))
    return rows


def main() -> None:
    rows = training()
    counts: dict[bool, dict[str, int]] = {True: {}, False: {}}
    docs = {True: 0, False: 0}
    for legal, text in rows:
        docs[legal] += 1
        for f in set(features(text)):
            counts[legal][f] = counts[legal].get(f, 0) + 1
    vocab = {f for c in counts.values() for f, n in c.items() if n >= MIN_COUNT}
    weights = {}
    for f in sorted(vocab):
        # Bernoulli-style per-document rates with add-one smoothing: how much more often legal text has it.
        p_legal = (counts[True].get(f, 0) + 1) / (docs[True] + 2)
        p_other = (counts[False].get(f, 0) + 1) / (docs[False] + 2)
        w = math.log(p_legal / p_other)
        if abs(w) >= 0.4:
            weights[f] = round(w, 3)
    prior = round(math.log(docs[True] / docs[False]), 3)
    OUT.write_text(
        json.dumps({"prior": prior, "weights": weights, "docs": docs[True] + docs[False]}, sort_keys=True) + "\n",
        encoding="utf-8",
    )
    print(f"{OUT.relative_to(ROOT)}: {len(weights)} features from {docs[True]} legal / {docs[False]} everyday texts")


if __name__ == "__main__":
    main()
