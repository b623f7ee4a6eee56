"""`lep detect` on Lingua's public short-text test data (pemistahl/lingua-py `language-testdata`).

The data is NOT part of lepcli (never committed); point --data at a local copy of the folder:

    git clone --depth 1 https://github.com/pemistahl/lingua-py /tmp/lingua
    python bench/eval_lingua.py --data /tmp/lingua/language-testdata

or, from a bare mirror of the repository (as used for the README figures):

    mkdir -p /tmp/lingua && git --git-dir=<mirror>/repo archive HEAD language-testdata | tar -x -C /tmp/lingua
    python bench/eval_lingua.py --data /tmp/lingua/language-testdata

The folder holds ``sentences/``, ``word-pairs/`` and ``single-words/``, one ``<iso 639-1>.txt`` per
language, one text a line. Only the US-LEP languages both support are read (LINGUA_TO_LEPCLI: the
36 languages US agencies meet most in lepcli's catalog, plus English, that Lingua has data for: 23).
Each line is detected twice with ``lepcli.detect.detect``: (a) all lepcli languages active, (b)
``among`` the 23. A line counts right when the top guess is the file's language, or the other half
of a pair that needs the same interpreter (README, `lep detect`): Simplified/Traditional Chinese,
Persian/Dari, romanized Hindi/Urdu. Printed per class: top-1 accuracy, how many verdicts were
CONFIDENT and the share of those that were right; then the largest confusions.
Nothing here was used to tune lepcli: this is a measurement only.

Run: python bench/eval_lingua.py --data DIR [--limit N] [--per-language]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# (Lingua's folder name, label printed)
CLASSES = (("sentences", "sentences"), ("word-pairs", "word pairs"), ("single-words", "single words"))

# Lingua file name (ISO 639-1) -> the lepcli codes that answer it. The US-LEP languages of lepcli's
# catalog (ranks 1-36, plus English) that Lingua has test data for; Lingua has none for Haitian
# Creole, Hmong, Amharic, Burmese, Khmer, Nepali, Lao, Tigrinya, S'gaw Karen, Pashto, Cantonese.
LINGUA_TO_LEPCLI: dict[str, tuple[str, ...]] = {
    "ar": ("ar",),
    "bn": ("bn",),
    "en": ("en",),
    "es": ("es",),
    "fa": ("fa", "prs"),  # Persian and Dari are written alike: the same interpreter serves both
    "fr": ("fr",),
    "gu": ("gu",),
    "hi": ("hi",),
    "ja": ("ja",),
    "ko": ("ko",),
    "pa": ("pa",),
    "pl": ("pl",),
    "pt": ("pt",),
    "ru": ("ru",),
    "so": ("so",),
    "ta": ("ta",),
    "te": ("te",),
    "th": ("th",),
    "tl": ("tl",),
    "uk": ("uk",),
    "ur": ("ur",),
    "vi": ("vi",),
    "zh": ("zh-Hans", "zh-Hant"),  # Lingua's "Chinese": either written form is Mandarin's
}
# Romanized Hindi and Urdu are one spoken language (the README's same-interpreter pair).
ROMANIZED_SAME = {"hi": "ur", "ur": "hi"}
# Option (b): the languages named to detect(among=...); "zh" stands for both written forms.
AMONG = tuple(LINGUA_TO_LEPCLI)
MODES = (("all", "all lepcli languages"), ("among", "among the 23"))


def read_data(data: Path, limit: int | None) -> dict[str, dict[str, list[str]]]:
    """class folder -> Lingua code -> texts (the first ``limit`` non-empty lines of each file)."""
    if not data.is_dir():
        raise SystemExit(f"error: --data {data}: not a folder (see the command in this script's docstring)")
    out: dict[str, dict[str, list[str]]] = {}
    for folder, _ in CLASSES:
        for code in LINGUA_TO_LEPCLI:
            path = data / folder / f"{code}.txt"
            if not path.is_file():
                continue
            lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
            texts = [line for line in lines if line]
            out.setdefault(folder, {})[code] = texts[:limit] if limit else texts
    if not out:
        raise SystemExit(
            f"error: --data {data}: no sentences/, word-pairs/ or single-words/ <code>.txt files "
            f"for any of {', '.join(LINGUA_TO_LEPCLI)}"
        )
    return out


def is_right(code: str, guess_code: str, romanized: bool) -> bool:
    return guess_code in LINGUA_TO_LEPCLI[code] or (romanized and ROMANIZED_SAME.get(code) == guess_code)


class Cell:
    """Counts for one (mode, class) or (mode, class, language)."""

    def __init__(self) -> None:
        self.n = 0
        self.right = 0
        self.confident = 0
        self.confident_right = 0

    def add(self, right: bool, confident: bool) -> None:
        self.n += 1
        self.right += right
        self.confident += confident
        self.confident_right += right and confident


def pct(a: int, n: int) -> str:
    return f"{100 * a / n:.1f}" if n else "-"


def evaluate(
    data: dict[str, dict[str, list[str]]],
) -> tuple[dict[tuple[str, str, str], Cell], dict[tuple[str, str], Counter[tuple[str, str]]], int]:
    from lepcli.detect import detect, parse_among

    among = parse_among(list(AMONG))
    cells: dict[tuple[str, str, str], Cell] = {}
    confusions: dict[tuple[str, str], Counter[tuple[str, str]]] = {}
    count = 0
    for mode, _ in MODES:
        for folder, texts_by_code in data.items():
            for code, texts in texts_by_code.items():
                cell = cells.setdefault((mode, folder, code), Cell())
                for text in texts:
                    result = detect(text, top=1, among=among if mode == "among" else None)
                    top = result.guesses[0] if result.guesses else None
                    right = top is not None and is_right(code, top.code, top.romanized)
                    cell.add(right, result.confident)
                    count += 1
                    if not right:
                        wrong = top.code if top is not None else "(none)"
                        confusions.setdefault((mode, folder), Counter())[(code, wrong)] += 1
    return cells, confusions, count


def report(
    data: dict[str, dict[str, list[str]]],
    cells: dict[tuple[str, str, str], Cell],
    confusions: dict[tuple[str, str], Counter[tuple[str, str]]],
    per_language: bool,
) -> None:
    codes = sorted({code for texts in data.values() for code in texts})
    print(f"languages ({len(codes)}): {' '.join(codes)}")
    missing = sorted(set(LINGUA_TO_LEPCLI) - set(codes))
    if missing:
        print(f"no data for: {' '.join(missing)}")
    print()
    header = f"{'mode':22} {'class':13} {'n':>6} {'top-1 %':>8} {'confident':>9} {'right %':>8}"
    print(header)
    print("-" * len(header))
    for mode, mode_label in MODES:
        for folder, label in CLASSES:
            if folder not in data:
                continue
            total = Cell()
            for (m, f, _), cell in cells.items():
                if m == mode and f == folder:
                    total.n += cell.n
                    total.right += cell.right
                    total.confident += cell.confident
                    total.confident_right += cell.confident_right
            print(
                f"{mode_label:22} {label:13} {total.n:6d} {pct(total.right, total.n):>8} "
                f"{total.confident:9d} {pct(total.confident_right, total.confident):>8}"
            )
    print("\n(top-1 %: top guess right; confident: CONFIDENT verdicts; right %: share of those right)")
    for mode, mode_label in MODES:
        for folder, label in CLASSES:
            worst = confusions.get((mode, folder), Counter()).most_common(6)
            if worst:
                listed = ", ".join(f"{a}->{b} {n}" for (a, b), n in worst)
                print(f"largest confusions, {mode_label}, {label}: {listed}")
    if per_language:
        print(f"\nper language, top-1 % ({' / '.join(label for _, label in CLASSES)}):")
        for mode, mode_label in MODES:
            print(f"  {mode_label}")
            for code in codes:
                parts = []
                for folder, _ in CLASSES:
                    found = cells.get((mode, folder, code))
                    parts.append(pct(found.right, found.n) if found else "-")
                print(f"    {code:3} {' / '.join(parts)}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, required=True, help="local copy of lingua-py's language-testdata")
    parser.add_argument("--limit", type=int, default=None, help="read only the first N lines of each file")
    parser.add_argument("--per-language", action="store_true", help="also print top-1 per language")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be 1 or more")
    data = read_data(args.data, args.limit)
    start = time.perf_counter()
    cells, confusions, count = evaluate(data)
    elapsed = time.perf_counter() - start
    print(f"lep detect on Lingua's public test data: {args.data}")
    report(data, cells, confusions, args.per_language)
    print(f"\n{count} detections in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
