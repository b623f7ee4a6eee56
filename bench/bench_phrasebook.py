"""Issue 3: `lep translate "Are you hurt?" --to es` as a new process vs the `import typer, rich` floor,
and warm `lep phrase search` over every phrase in every language (target < 20 ms).

Issue 12 adds: the legal gate's catch and false-block rates, officer wordings -> phrase recall and the
precision of confident answers, replies -> meaning, on the held-out sets in bench/sets/, and warm search
with 2,000 phrases in 30 languages (generated here).

Run: .venv/bin/python bench/bench_phrasebook.py     (targets: <= 1.3x the floor; <= 5 ms warm search)
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


HALF = os.environ.get("LEP_BENCH_HALF", "held-out")  # held-out | dev | all
# new: only lines lepcli does not hold verbatim (see _memorised); every: all lines of the half
LINES = os.environ.get("LEP_BENCH_LINES", "new")


def _norm(text: str) -> str:
    import re

    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _memorised() -> set[str]:
    """Texts lepcli holds verbatim: phrase texts, keywords, paraphrases, translations and their variants,
    the gate's training wordings. A set line equal to one of them (case, punctuation and spacing aside)
    measures recall of the phrasebook, not of the matcher, so it is left out (and counted)."""
    from lepcli import phrasebook as pb

    book = pb.load()
    out = {_norm(t) for p in book.phrases for t in (p.text, *p.keywords, *p.paraphrases)}
    for lang in book.languages():
        for t in book.translations(lang).values():
            out.update(_norm(x) for x in (t.text, t.romanization or "", *t.variants))
    training = Path(__file__).resolve().parent.parent / "scripts" / "legal_training.tsv"
    for line in training.read_text(encoding="utf-8").splitlines():
        if "\t" in line and not line.startswith("#"):
            out.add(_norm(line.split("\t", 1)[1]))
    return out


def _tsv(name: str) -> list[list[str]]:
    """Rows of a set. The sets were measured once untouched (commit 'bench: held-out sets'); after that,
    misses were read only on the "dev" half (CRC-32 of the text even) and the "held-out" half (odd)
    was never looked at: it is the honest figure. Lines lepcli holds verbatim are left out (see
    _memorised): the figures are for wordings the phrasebook does not already list."""
    import zlib

    path = Path(__file__).resolve().parent / "sets" / name
    memorised = _memorised()
    rows = []
    left_out = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            row = line.split("\t")
            odd = zlib.crc32(row[-1].encode("utf-8")) % 2 == 1
            if HALF == "all" or (HALF == "dev") != odd:
                if LINES == "new" and _norm(row[-1]) in memorised:
                    left_out += 1
                else:
                    rows.append(row)
    if LINES == "new":
        print(f"  ({name}: {len(rows)} lines measured; {left_out} left out: lepcli holds them verbatim)")
    else:
        print(f"  ({name}: all {len(rows)} lines of the half, verbatim ones too)")
    return rows


def quality() -> None:
    """Recall and precision on the held-out sets of bench/sets/ (written separately, never used to tune)."""
    from lepcli import phrasebook as pb
    from lepcli import translate
    from lepcli.translate import gate

    print(f"\n== legal gate (bench/sets/legal.tsv, {HALF} half)")
    by_kind: dict[str, list[bool]] = {}
    t0 = time.perf_counter()
    rows = _tsv("legal.tsv")
    for kind, text in rows:
        by_kind.setdefault(kind, []).append(gate.check(text) is not None)
    per = (time.perf_counter() - t0) / len(rows)
    for kind, hits in sorted(by_kind.items()):
        share = sum(hits) / len(hits)
        what = "false-block" if kind == "benign" else "caught"
        print(f"  {kind:<22} {what:<11} {100 * share:5.1f}%  ({sum(hits)}/{len(hits)})")
    legal = [h for k, hs in by_kind.items() if k != "benign" for h in hs]
    print(f"  all legal kinds        caught      {100 * sum(legal) / len(legal):5.1f}%  ({sum(legal)}/{len(legal)})")
    print(f"  {per * 1000:.2f} ms per text")
    # As `lep translate --to es` decides (the gate, then the phrase search; the word model yields to an
    # everyday phrase found surely): legal text must end refused or on a legal phrase.
    ends: dict[str, list[bool]] = {}
    for kind, text in rows:
        m = translate.match(text, "es")
        stopped = m.legal_risk is not None or (m.phrase_id is not None and pb.load().phrase(m.phrase_id).legal)
        ends.setdefault("benign" if kind == "benign" else "legal", []).append(stopped)
    for kind, hits in sorted(ends.items()):
        what = "false-block" if kind == "benign" else "caught"
        print(f"  end to end: {kind:<10} {what:<11} {100 * sum(hits) / len(hits):5.1f}%  ({sum(hits)}/{len(hits)})")

    print("\n== officer wordings -> phrase (bench/sets/officer.tsv), into Spanish")
    rows = _tsv("officer.tsv")
    right = sure_wrong = offered = blocked = 0
    for want, text in rows:
        m = translate.match(text, "es")
        if m.legal_risk:
            blocked += 1
        elif m.phrase_id == want:
            right += 1
        elif m.phrase_id is None and want in m.close:
            offered += 1
        elif m.phrase_id is not None:
            sure_wrong += 1
    n = len(rows)
    sure = right + sure_wrong
    print(
        f"  right phrase {100 * right / n:5.1f}%  ({right}/{n}); offered among 3 when not sure {offered}; "
        f"legal gate {blocked}"
    )
    print(f"  precision of confident answers {100 * right / max(1, sure):5.1f}%  ({right}/{sure})")

    print("\n== replies -> meaning (bench/sets/replies.tsv), into English")
    rows = _tsv("replies.tsv")
    right = wrong = none_ok = none_bad = missed = 0
    for lang, want, text in rows:
        m = translate.match(text, "en", lang)
        if want == "none":
            if m.phrase_id is None or not m.phrase_id.startswith("responses."):
                none_ok += 1
            else:
                none_bad += 1
        elif m.phrase_id == want:
            right += 1
        elif m.phrase_id is None:
            missed += 1
        else:
            wrong += 1
    meant = right + wrong + missed
    print(f"  right meaning {100 * right / meant:5.1f}%  ({right}/{meant}); not sure {missed}; confident wrong {wrong}")
    print(f"  'none' texts given a reply meaning: {none_bad} of {none_ok + none_bad}")
    print(f"  precision of confident answers {100 * right / max(1, right + wrong + none_bad):5.1f}%")


def big_search(runs: int = 30) -> None:
    """Warm search with 2,000 phrases in 30 languages: an agency folder generated here."""
    import random

    import yaml

    from lepcli import phrasebook

    rng = random.Random(7)
    book = phrasebook.load()
    words = sorted({w for p in book.phrases for w in p.text.rstrip(".?!").split()})
    with tempfile.TemporaryDirectory() as agency:
        extra = 2000 - len(book.phrases)
        phrases = [
            {"id": f"greeting.gen_{n}", "text": " ".join(rng.sample(words, 5)) + ".", "category": "greeting"}
            for n in range(extra)
        ]
        Path(agency, "en.yaml").write_text(yaml.safe_dump({"language": "en", "phrases": phrases}), encoding="utf-8")
        have = book.languages()
        codes = have + ["de", "it", "nl", "tr", "sw", "th", "id", "ro", "el", "he"][: max(0, 30 - len(have))]
        for code in codes[len(have) :]:
            tr = {p["id"]: {"text": p["text"][::-1], "pronunciation": "x", "status": "draft"} for p in phrases}
            Path(agency, f"{code}.yaml").write_text(
                yaml.safe_dump({"language": code, "name": code, "translations": tr}, allow_unicode=True),
                encoding="utf-8",
            )
        os.environ["LEP_PHRASEBOOKS"] = agency
        phrasebook._LOADED.clear()
        book = phrasebook.load()
        langs = frozenset({phrasebook.MASTER, *book.languages()})
        book.index(langs)
        docs = len(book.index(langs).docs)
        from lepcli.phrasebook import check as phrasetools

        phrasetools.search("warm up", limit=10)
        times = []
        for _ in range(runs):
            for q in QUERIES:
                t0 = time.perf_counter()
                try:
                    phrasetools.search(q, limit=10)
                except Exception:
                    pass
                times.append(time.perf_counter() - t0)
        times.sort()
        print(f"\n== warm search, {len(book.phrases)} phrases in {len(book.languages())} languages ({docs} texts)")
        print(
            f"  median {statistics.median(times) * 1000:.2f} ms, p95 {times[int(len(times) * 0.95)] * 1000:.2f} ms "
            "(target <= 5 ms)"
        )
        del os.environ["LEP_PHRASEBOOKS"]
        phrasebook._LOADED.clear()


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
        quality()
        big_search()
