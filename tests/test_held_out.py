"""The held-out sets stay held out: no text lepcli learns from is one of their lines.

bench/bench_phrasebook.py reports its figures on the held-out half of bench/sets/ (CRC-32 of the text
odd). A training wording of the legal gate that is *the same text* as a held-out line would turn that line
into a memorised answer and inflate the figure the README reports. (Phrasebook content a held-out line
happens to repeat, such as a paraphrase "any questions", is left in the phrasebook and left out of the
measurement instead: bench_phrasebook says how many.) This test only compares texts for equality (case,
punctuation and spacing aside) and shows only a count, so it cannot be used to tune on them.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = ROOT / "bench" / "sets"


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _held_out(name: str) -> set[str]:
    out = set()
    for line in (SETS / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            text = line.split("\t")[-1]
            if zlib.crc32(text.encode("utf-8")) % 2 == 1:
                out.add(_norm(text))
    return out


def _training_texts() -> set[str]:
    lines = (ROOT / "scripts" / "legal_training.tsv").read_text(encoding="utf-8").splitlines()
    return {_norm(line.split("\t", 1)[1]) for line in lines if "\t" in line and not line.startswith("#")}


def test_no_legal_gate_training_wording_is_a_held_out_line() -> None:
    overlap = _training_texts() & _held_out("legal.tsv")
    assert len(overlap) == 0, f"{len(overlap)} lines of scripts/legal_training.tsv are held-out lines of bench/sets"
