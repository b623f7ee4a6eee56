"""Issue 3: `lep translate "Are you hurt?" --to es` as a new process vs the `import typer, rich` floor,
and warm `lep phrase search` over every phrase in every language (target < 20 ms).

Run: .venv/bin/python bench/bench_phrasebook.py     (targets: <= 1.3x the floor; < 20 ms warm search)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from startup import compare, lep  # noqa: E402

QUERIES = [
    "r u hurt",
    "hands up",
    "need ambulance?",
    "wher dose it hurt",
    "cant breathe",
    "license and registration",
    "lost kid",
    "can i search ur car",
    "¿Está herido?",
    "Anh có bị thương không",
    "你受伤了吗",
    "is there a gun in the house",
]


def warm_search(runs: int = 30) -> None:
    from lepcli import phrasebook
    from lepcli.phrasebook import check as phrasetools

    start = time.perf_counter()
    book = phrasebook.load()
    langs = frozenset({phrasebook.MASTER, *book.languages()})
    book.index(langs)
    phrasetools.search("warm up", limit=10)  # imports rapidfuzz
    cold = time.perf_counter() - start
    docs = len(book.index(langs).docs)
    count = len(book.languages()) + 1
    print(f"\nsearch index: {count} languages, {docs} texts; first search (load + index) {cold * 1000:.1f} ms")
    print(f"{'warm query':<30}  median ms  max ms   (n={runs})")
    worst = 0.0
    for q in QUERIES:
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            try:
                phrasetools.search(q, limit=10)
            except Exception:  # a query with no hit still counts its time
                pass
            times.append(time.perf_counter() - t0)
        med = statistics.median(times)
        worst = max(worst, med)
        print(f"{q:<30}  {med * 1000:9.2f}  {max(times) * 1000:6.2f}")
    print(f"slowest median: {worst * 1000:.2f} ms (target < 20 ms)")


if __name__ == "__main__":
    # Installed packages have .pyc files; a PYTHONDONTWRITEBYTECODE shell would recompile every module
    # in every timed run and measure the compiler instead of lepcli.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as home:
        os.environ["LEP_HOME"] = home
        compare(
            {
                "lep --help (start-up base, for reference)": lep("--help"),
                'lep translate "Are you hurt?" --to es': lep("translate", "Are you hurt?", "--to", "es"),
                'lep translate "r u hurt" --to vi': lep("translate", "r u hurt", "--to", "vi"),
                "lep phrase search 'need ambulance'": lep("phrase", "search", "need ambulance"),
            },
            env={"LEP_HOME": home},
        )
        warm_search()
