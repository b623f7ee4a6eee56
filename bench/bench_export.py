"""Issue 8: export every phrase in 20 languages to PDF (target < 10 s) and to CSV / JSON (target < 1 s).

Run: .venv/bin/python bench/bench_export.py

Times the whole export as a user runs it (`lep export phrasebook --lang ... -o FILE` as a new
process: start-up, phrasebook loading, layout, font subsetting, the atomic write), best of 3, plus
the in-process handout and card renders. The 20 languages are the first 20 of the phrasebook
languages named in the team contract that have a phrasebook file; when fewer exist the rest are
listed (their rows print "No translation: use the interpreter line") and the script says so.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CONTRACT_LANGUAGES = [
    "es", "zh-Hans", "zh-Hant", "vi", "ko", "tl", "ru", "ar", "ht", "pt", "fr", "pl", "hi", "fa", "so",
    "ur", "pa", "bn", "ne", "uk", "am", "ja", "my", "km", "hmn",
]  # fmt: skip
RUNS = 3


def pick_languages() -> tuple[list[str], list[str]]:
    from lepcli import phrasebook

    have = set(phrasebook.load().languages())
    with_book = [c for c in CONTRACT_LANGUAGES if c in have][:20]
    without = [c for c in CONTRACT_LANGUAGES if c not in have][: 20 - len(with_book)]
    return with_book, without


def run_cli(args: list[str], env: dict[str, str]) -> float:
    lep = str(Path(sys.executable).parent / "lep")
    start = time.perf_counter()
    subprocess.run([lep, *args], check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    from lepcli import export, phrasebook

    with_book, without = pick_languages()
    langs = with_book + without
    n_phrases = len(phrasebook.load().phrases)
    print(f"{len(langs)} languages x {n_phrases} phrases ({len(with_book)} with a phrasebook file)")
    if without:
        print(f"  no phrasebook file yet (rows print the interpreter-line notice): {', '.join(without)}")
    print(f"  {','.join(langs)}")
    targets = {"pdf": 10.0, "csv": 1.0, "json": 1.0}
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "LEP_HOME": str(Path(tmp) / "home")}
        print(f"\nas a new process, `lep export phrasebook --lang <20> -o FILE`, best / median of {RUNS}:")
        for fmt, extra in (("pdf", []), ("pdf", ["--layout", "card"]), ("csv", []), ("json", []), ("html", []),
                           ("md", []), ("anki", ["--no-audio"])):  # fmt: skip
            out = Path(tmp) / f"out-{fmt}-{len(extra)}.{'apkg' if fmt == 'anki' else fmt}"
            times = [
                run_cli(["export", "phrasebook", "--lang", ",".join(langs), "-o", str(out), "--force", *extra], env)
                for _ in range(RUNS)
            ]
            label = fmt + (" " + extra[-1].strip("-").replace("layout", "card") if extra else
                           (" handout" if fmt == "pdf" else ""))  # fmt: skip
            target = targets.get(fmt) if not extra else None
            verdict = ""
            if target is not None:
                verdict = f"  (target < {target:.0f} s: {'met' if min(times) < target else 'MISSED'})"
            size = out.stat().st_size / 1024
            print(f"  {label:12s} {min(times):6.2f} s / {statistics.median(times):6.2f} s   {size:8.0f} KiB{verdict}")

        print("\nin process (library call, phrasebook already loaded), best of 3:")
        export.export_phrasebook(Path(tmp) / "warm.csv", langs=[",".join(langs)], force=True)
        for fmt, layout in (("pdf", "handout"), ("pdf", "card"), ("csv", "handout"), ("json", "handout")):
            best = float("inf")
            for _ in range(RUNS):
                start = time.perf_counter()
                result = export.export_phrasebook(
                    Path(tmp) / f"lib.{fmt}", langs=[",".join(langs)], layout=layout, force=True
                )
                best = min(best, time.perf_counter() - start)
            pages = f"{result.pages} pages, " if result.pages else ""
            print(
                f"  {fmt} {layout:8s} {best:6.2f} s   {pages}{len(result.fonts)} fonts, {result.bytes / 1024:.0f} KiB"
            )
        bench_anki_audio(Path(tmp), langs)


def bench_anki_audio(tmp: Path, langs: list[str]) -> None:
    """Anki decks with sound: espeak-ng runs once per card (in parallel), so this is the slow export."""
    import shutil

    from lepcli import export

    if shutil.which("espeak-ng") is None:
        print("\nanki with audio: espeak-ng not installed, skipped")
        return
    print(f"\nanki with audio (in process, {os.cpu_count()} CPUs; one run each):")
    for chosen in (["es"], langs):
        start = time.perf_counter()
        result = export.export_phrasebook(tmp / "audio.apkg", langs=[",".join(chosen)], force=True)
        took = time.perf_counter() - start
        a = result.audio or {}
        name = chosen[0] if len(chosen) == 1 else f"{len(chosen)} languages"
        print(
            f"  {name:13s} {took:6.2f} s   {result.notes} cards, {a.get('recorded', 0)} recorded, "
            f"{a.get('computer_voice', 0)} computer voice, {a.get('none', 0)} none, "
            f"{result.bytes / 1024 / 1024:.1f} MiB"
        )


if __name__ == "__main__":
    main()
