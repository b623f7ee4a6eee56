"""Issue 4: offline machine-translation speed, lepcli (ctranslate2 + sentencepiece) vs argostranslate.

Builds a real-size random-weight Argos package once (6+6 layers, d_model 512, ffn 2048, 8 heads,
32k vocabulary, int8; ~90 MB, cached in $LEP_BENCH_CACHE or the system temp folder, never in git),
installs it with `lep models install` into a temporary LEP_HOME, then prints:
  1. new process, one short sentence (import + load + translate), median   target <= 0.8 s
  2. warm, one short sentence, median                                       target <= 100 ms
  3. 100 sentences: lepcli batched vs one at a time through argostranslate  target >= 4x
  4. the same for a BPE package (bpe.model, Moses + subword-nmt) of real size: cold one sentence
     (target <= 0.8 s), 100 sentences batched vs one at a time (target >= 4x)
  5. `lep models install FOLDER` of 10 packages (3+3 layers, d_model 256, 8k vocabulary, ~7 MB each)
     vs one of them                                                        target <= 10x one
argostranslate figures appear side by side when the `argos` extra is installed (make argos).
Its sentence splitter is replaced by a no-op here, because MiniSBD would download a model.

Run: .venv/bin/python bench/bench_mt.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.mt_fixtures import build_argosmodel, training_lines  # noqa: E402

SIZE = {"layers": (6, 6), "d_model": 512, "ffn": 2048, "heads": 8, "vocab_size": 32_000, "stop_after": 4.0}
# Not in the phrasebook, so `lep translate` reaches the model. Outputs run ~13 tokens (stop_after=4),
# the length of a real translation of a short sentence.
SENTENCE = "My cousin sold the old bicycle to a neighbor yesterday."


MID_SIZE = {"layers": (3, 3), "d_model": 256, "ffn": 1024, "heads": 4, "vocab_size": 8_000, "stop_after": 4.0}
FOLDER_TARGETS = ("es", "fr", "de", "it", "pt", "ru", "ar", "zh", "ko", "ja")


def cached_package(
    size: dict[str, object] = SIZE, *, tokenizer: str = "sentencepiece", to_code: str = "es", seed: int = 11
) -> Path:
    cache = Path(os.environ.get("LEP_BENCH_CACHE") or Path(tempfile.gettempdir()) / "lepcli-bench-cache")
    key = "-".join(str(v).replace(" ", "").replace(",", "x") for v in size.values())
    out = cache / (key if tokenizer == "sentencepiece" else f"{key}-{tokenizer}")
    path = out / f"translate-en_{to_code}-1_0.argosmodel"
    if not path.exists():
        started = time.perf_counter()
        tmp = Path(tempfile.mkdtemp(dir=cache.parent if cache.parent.exists() else None))
        built = build_argosmodel(tmp, seed=seed, to_code=to_code, tokenizer=tokenizer, **size)  # type: ignore[arg-type]
        out.mkdir(parents=True, exist_ok=True)
        os.replace(built, path)
        print(f"built {path} ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - started:.1f} s")
    return path


def median_wall(cmd: list[str], env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


LEP_ONE = f"from lepcli.mt import machine_translate; print(machine_translate([{SENTENCE!r}], 'en', 'es')[0])"
ARGOS_SETUP = (
    "import argostranslate.sbd as sbd\n"
    "sbd.MiniSBDSentencizer.split_sentences = lambda self, text: [text]\n"
    "import argostranslate.translate as argos\n"
)
ARGOS_ONE = ARGOS_SETUP + f"print(argos.translate({SENTENCE!r}, 'en', 'es'))"


def have_argos() -> bool:
    import importlib.util

    return importlib.util.find_spec("argostranslate") is not None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    archive = cached_package()
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, LEP_HOME=home, ARGOS_PACKAGES_DIR=str(Path(home) / "data" / "models"))
        for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            env[var] = str(Path(home) / var.lower())
        os.environ.update(env)

        from lepcli.mt import archive as package
        from lepcli.mt import engine, machine_translate

        started = time.perf_counter()
        package.install(archive)
        print(f"install (validate, extract, load check, rename): {time.perf_counter() - started:.2f} s")
        print(f"threads (inter, intra): {engine.thread_settings()}  cores: {os.cpu_count()}")
        argos = have_argos()

        print("\n1. new process, one short sentence (median of", args.runs, "runs)")
        py = sys.executable
        ours = median_wall([py, "-c", LEP_ONE], env, args.runs)
        print(f"   lepcli machine_translate      {ours:6.2f} s   (target <= 0.8 s)")
        lep = Path(py).parent / "lep"
        if subprocess.run([str(lep), "translate", "--help"], env=env, capture_output=True).returncode == 0:
            cli = median_wall([str(lep), "translate", SENTENCE, "--to", "es"], env, args.runs)
            print(f"   lep translate ... --to es     {cli:6.2f} s")
        if argos:
            theirs = median_wall([py, "-c", ARGOS_ONE], env, max(3, args.runs // 2))
            print(f"   argostranslate API            {theirs:6.2f} s   ({theirs / ours:.1f}x slower)")

        print("\n2. warm, one short sentence (median of 30)")
        machine_translate([SENTENCE], "en", "es")
        warm = []
        for _ in range(30):
            started = time.perf_counter()
            machine_translate([SENTENCE], "en", "es")
            warm.append(time.perf_counter() - started)
        print(f"   lepcli                        {statistics.median(warm) * 1000:6.0f} ms   (target <= 100 ms)")

        print("\n3. 100 sentences (lepcli: median of 3)")
        texts = training_lines()[:100]  # 100 different one-sentence texts (so both sides translate 100 sentences)
        batch_times = []
        for _ in range(3):
            started = time.perf_counter()
            batched = machine_translate(texts, "en", "es")
            batch_times.append(time.perf_counter() - started)
        ours_batch = statistics.median(batch_times)
        print(f"   lepcli, one batched call      {ours_batch:6.2f} s")
        started = time.perf_counter()
        single = [machine_translate([t], "en", "es")[0] for t in texts]
        ours_single = time.perf_counter() - started
        print(f"   lepcli, one at a time         {ours_single:6.2f} s")
        same = sum(a == b for a, b in zip(batched, single, strict=True))
        print(f"   batched == one at a time for {same}/100 (padding in a batch can flip near-ties of random weights)")
        if argos:
            code = (
                ARGOS_SETUP
                + "import json, sys, time\ntexts = json.load(sys.stdin)\n"
                + "argos.translate(texts[0], 'en', 'es')\nt = time.perf_counter()\n"
                + "out = [argos.translate(x, 'en', 'es') for x in texts]\nprint(time.perf_counter() - t)\n"
            )
            import json

            run = subprocess.run(
                [py, "-c", code], env=env, input=json.dumps(texts), capture_output=True, text=True, check=True
            )
            theirs_single = float(run.stdout.strip().splitlines()[-1])
            print(f"   argostranslate, one at a time {theirs_single:6.2f} s   (warm)")
            print(f"   speed-up, lepcli batched vs argostranslate one at a time: {theirs_single / ours_batch:.1f}x")

    bench_bpe(args.runs)
    bench_folder()


def bench_bpe(runs: int) -> None:
    archive = cached_package(tokenizer="bpe", seed=12)
    print(f"\n4. BPE package of real size ({archive.stat().st_size / 1e6:.0f} MB, bpe.model + Moses tokenisation)")
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, LEP_HOME=home, ARGOS_PACKAGES_DIR=str(Path(home) / "argos"))
        os.environ.update(env)
        from lepcli.mt import archive as package
        from lepcli.mt import engine, machine_translate

        engine.clear_cache()
        package.install(archive)
        cold = median_wall([sys.executable, "-c", LEP_ONE], env, runs)
        print(f"   new process, one sentence     {cold:6.2f} s   (target <= 0.8 s; median of {runs})")
        texts = training_lines()[:100]
        machine_translate(texts[:1], "en", "es")
        started = time.perf_counter()
        machine_translate(texts, "en", "es")
        batched = time.perf_counter() - started
        started = time.perf_counter()
        for t in texts:
            machine_translate([t], "en", "es")
        single = time.perf_counter() - started
        print(f"   100 sentences batched         {batched:6.2f} s")
        print(f"   100 sentences one at a time   {single:6.2f} s   ({single / batched:.1f}x; target >= 4x)")
        engine.clear_cache()


def bench_folder() -> None:
    archives = [cached_package(MID_SIZE, to_code=code, seed=20 + i) for i, code in enumerate(FOLDER_TARGETS)]
    size = sum(a.stat().st_size for a in archives) / 1e6
    print(f"\n5. install a folder of {len(archives)} packages ({size:.0f} MB in all) vs one")
    lep = str(Path(sys.executable).parent / "lep")
    with tempfile.TemporaryDirectory() as work:
        share = Path(work) / "share"
        share.mkdir()
        for a in archives:
            (share / a.name).write_bytes(a.read_bytes())
        times = {}
        for label, target in (("one package", str(archives[0])), ("folder of 10", str(share))):
            home = Path(work) / label.replace(" ", "-")
            env = dict(os.environ, LEP_HOME=str(home), ARGOS_PACKAGES_DIR=str(home / "argos"))
            started = time.perf_counter()
            run = subprocess.run([lep, "models", "install", target], env=env, capture_output=True, text=True)
            times[label] = time.perf_counter() - started
            assert run.returncode == 0, run.stderr
            summary = next((line for line in run.stdout.splitlines() if "installed" in line), "")
            print(f"   {label:<14} {times[label]:6.2f} s   {summary.strip()}")
        ratio = times["folder of 10"] / times["one package"]
        print(f"   folder / one = {ratio:.1f}x   (target <= 10x; the progress bar shows on a terminal)")


if __name__ == "__main__":
    main()
