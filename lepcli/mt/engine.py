"""Run an Argos package with CTranslate2, the way argostranslate does, minus torch.

Same decoding as argostranslate 1.11 (beam 4, ``length_penalty=0.2``, ``replace_unknowns``,
target prefix, SentencePiece or BPE detokenization (lepcli.mt.tokenizers), paragraphs split on
newlines), so outputs match
it on the same package (tests/test_mt.py checks this when the ``argos`` extra is installed).
Differences: our own offline sentence splitter, every sentence of every text in one batched
call, and thread settings tuned for one short sentence (see bench/bench_mt.py).
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lepcli.errors import ModelError, Unavailable
from lepcli.mt import tokenizers
from lepcli.mt.installed import ModelPackage
from lepcli.mt.sentences import split_sentences

Progress = Callable[[int, int], None]

BEAM_SIZE = 4  # argostranslate's default (ARGOS_BEAM_SIZE)
LENGTH_PENALTY = 0.2  # argostranslate's value
MAX_BATCH = 32  # sentences per CTranslate2 batch
PROGRESS_STEP = 64  # sentences between progress calls
MAX_LOADED = 4  # translators kept in memory (an int8 model of the usual size is ~90 MB)


@dataclass
class Loaded:
    translator: Any  # ctranslate2.Translator
    tokenizer: tokenizers.Tokenizer


_CACHE: OrderedDict[tuple[str, int], Loaded] = OrderedDict()


def thread_settings() -> tuple[int, int]:
    """(inter_threads, intra_threads). One thread per sentence is fastest for short sentences;
    several workers run the sub-batches of a long batch in parallel. ``LEP_MT_THREADS`` overrides."""
    cores = os.cpu_count() or 1
    override = os.environ.get("LEP_MT_THREADS", "")
    if override.isdigit() and int(override) > 0:
        return 1, int(override)
    return max(1, min(cores, 4)), 1


def load(pkg: ModelPackage) -> Loaded:
    """The translator and tokenizer for a package, loaded once per process (LRU of MAX_LOADED)."""
    model_bin = pkg.path / "model" / "model.bin"
    try:
        stamp = model_bin.stat().st_mtime_ns
    except OSError:
        raise ModelError(f"{pkg.pair}: {model_bin} is missing", hint="lep models verify") from None
    key = (str(pkg.path), stamp)
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    try:
        import ctranslate2
    except ImportError:
        raise Unavailable(
            "machine translation needs the 'mt' extra",
            hint="pip install 'lepcli[mt]' (ctranslate2, sentencepiece, sacremoses, subword-nmt)",
        ) from None
    inter, intra = thread_settings()
    # The tokenizer loads in a second thread while CTranslate2 (which releases the GIL) reads the
    # model: a BPE package's sacremoses import alone takes ~0.35-0.9 s (bench/bench_mt.py, part 4).
    built: dict[str, Any] = {}

    def build_tokenizer() -> None:
        try:
            built["tokenizer"] = tokenizers.load(pkg.path, pkg.from_code, pkg.to_code, where=pkg.pair)
        except BaseException as exc:  # re-raised in the calling thread below
            built["error"] = exc

    worker = threading.Thread(target=build_tokenizer, name="lep-tokenizer-load", daemon=True)
    worker.start()
    try:
        translator = ctranslate2.Translator(
            str(pkg.path / "model"), device="cpu", compute_type="auto", inter_threads=inter, intra_threads=intra
        )
    except Exception:
        worker.join()
        raise ModelError(f"{pkg.pair}: the model in {pkg.path} does not load", hint="lep models verify") from None
    finally:
        worker.join()
    if "error" in built:
        raise built["error"]
    loaded = Loaded(translator, built["tokenizer"])
    _CACHE[key] = loaded
    while len(_CACHE) > MAX_LOADED:
        _CACHE.popitem(last=False)
    return loaded


def clear_cache() -> None:
    _CACHE.clear()


def _detokenize(tokenizer: tokenizers.Tokenizer, tokens: list[str], target_prefix: str) -> str:
    # Exactly argostranslate's decode and clean-up, for identical output.
    value = tokenizer.decode(tokens)
    if target_prefix and value.startswith(target_prefix):
        value = value[len(target_prefix) :]
    if value.startswith(" "):
        value = value[1:]
    return value


def translate(pkg: ModelPackage, texts: list[str], *, progress: Progress | None = None) -> list[str]:
    """Translate each text with one package. Newlines are kept; sentences are split offline."""
    loaded = load(pkg)
    # One entry per paragraph: (text index, sentence token lists)
    paragraphs: list[tuple[int, list[list[str]]]] = []
    flat: list[list[str]] = []
    for i, text in enumerate(texts):
        for paragraph in text.split("\n"):
            try:
                sentences = [loaded.tokenizer.encode(s) for s in split_sentences(paragraph)]
            except Exception:  # never let a library put the typed text into a message
                raise ModelError(f"{pkg.pair}: the tokenizer failed", hint="lep models verify") from None
            paragraphs.append((i, sentences))
            flat.extend(sentences)
    outputs: list[list[str]] = []
    total = len(flat)
    for start in range(0, total, PROGRESS_STEP):
        chunk = flat[start : start + PROGRESS_STEP]
        prefix = [[pkg.target_prefix]] * len(chunk) if pkg.target_prefix else None
        try:
            results = loaded.translator.translate_batch(
                chunk,
                target_prefix=prefix,
                replace_unknowns=True,
                max_batch_size=MAX_BATCH,
                beam_size=BEAM_SIZE,
                num_hypotheses=1,
                length_penalty=LENGTH_PENALTY,
            )
        except Exception:
            raise ModelError(f"{pkg.pair}: the model failed while translating", hint="lep models verify") from None
        outputs.extend(r.hypotheses[0] for r in results)
        if progress is not None:
            progress(min(start + PROGRESS_STEP, total), total)
    translated: list[list[str]] = [[] for _ in texts]
    position = 0
    for i, sentences in paragraphs:
        tokens = [tok for out in outputs[position : position + len(sentences)] for tok in out]
        position += len(sentences)
        translated[i].append(_detokenize(loaded.tokenizer, tokens, pkg.target_prefix) if tokens else "")
    return ["\n".join(parts).lstrip("\n") for parts in translated]
