"""The two tokenisations Argos packages use, read the way argostranslate reads them.

- ``sentencepiece.model``: SentencePiece (most published packages).
- ``bpe.model``: Moses punctuation normalisation + Moses tokenisation (``sacremoses``), then
  subword BPE (``subword-nmt``'s ``apply_bpe.BPE``, of which argostranslate ships a copy); decoded
  by joining ``@@ `` continuations and Moses detokenisation. LibreTranslate's converter for OPUS-MT
  models writes this layout.

A package carrying both is read as SentencePiece, like argostranslate. The libraries are imported
only when a package is loaded. ``bpe.model`` is checked before subword-nmt sees it: that library
writes to stderr and calls ``sys.exit`` on a bad line, and reads any size.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Protocol

from lepcli.errors import ModelError, Unavailable

SENTENCEPIECE_FILE = "sentencepiece.model"
BPE_FILE = "bpe.model"
KINDS = {SENTENCEPIECE_FILE: "sentencepiece", BPE_FILE: "bpe"}

# Real BPE code files hold 10k-90k merges (0.1-2 MB); anything far larger is not one.
MAX_BPE_BYTES = 16 << 20
MAX_SENTENCEPIECE_BYTES = 64 << 20


class Tokenizer(Protocol):
    kind: str

    def encode(self, sentence: str) -> list[str]: ...

    def decode(self, tokens: list[str]) -> str: ...


def kind_of(folder: Path) -> str | None:
    """``"sentencepiece"``, ``"bpe"`` or None, from which file a package folder holds."""
    for name, kind in KINDS.items():
        if (folder / name).exists() or (folder / name).is_symlink():
            return kind
    return None


def _mt_extra_missing() -> Unavailable:
    return Unavailable(
        "machine translation needs the 'mt' extra",
        hint="pip install 'lepcli[mt]' (ctranslate2, sentencepiece, sacremoses, subword-nmt)",
    )


def read_regular(path: Path, *, limit: int, what: str, where: str) -> bytes:
    """Read a regular file of at most ``limit`` bytes (no FIFO, device or folder)."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise ModelError(f"{where}: {what} is not a regular file")
        if st.st_size > limit:
            raise ModelError(f"{where}: {what} is {st.st_size:,} bytes, over the {limit:,}-byte limit")
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise ModelError(f"{where}: {what} is missing") from None
    except OSError as exc:
        raise ModelError(f"{where}: cannot read {what} ({exc.strerror or type(exc).__name__})") from None
    if len(data) > limit:
        raise ModelError(f"{where}: {what} is over the {limit:,}-byte limit")
    return data


def check_bpe_codes(data: bytes, *, where: str) -> str:
    """The text of a subword-nmt codes file, or ModelError saying plainly what is wrong with it."""
    what = BPE_FILE
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ModelError(f"{where}: {what} is UTF-16 text; BPE codes must be UTF-8")
    if b"\x00" in data:
        raise ModelError(f"{where}: {what} holds binary data, not BPE merge codes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ModelError(f"{where}: {what} is not UTF-8 text (bad byte at offset {exc.start})") from None
    text = text.removeprefix("\ufeff")
    lines = text.rstrip("\n").split("\n")
    start = 0
    if lines and lines[0].startswith("#version:"):
        version = lines[0].split()[-1] if lines[0].split() else ""
        if version not in ("0.1", "0.2"):
            raise ModelError(f"{where}: {what} line 1: unknown BPE codes version {version[:20]!r} (0.1 or 0.2)")
        start = 1
    merges = 0
    for number, line in enumerate(lines[start:], start=start + 1):
        parts = line.strip("\r\n ").split(" ")
        if len(parts) != 2 or not all(parts):
            raise ModelError(
                f"{where}: {what} line {number}: not a BPE merge (two subword units separated by one space)"
            )
        merges += 1
    if merges == 0:
        raise ModelError(f"{where}: {what} holds no BPE merges")
    return text


class SentencePieceTokenizer:
    kind = "sentencepiece"

    def __init__(self, path: Path, *, where: str) -> None:
        read_regular(path, limit=MAX_SENTENCEPIECE_BYTES, what=SENTENCEPIECE_FILE, where=where)
        try:
            import sentencepiece
        except ImportError:
            raise _mt_extra_missing() from None
        try:
            self._processor = sentencepiece.SentencePieceProcessor(model_file=str(path))
        except Exception:
            raise ModelError(f"{where}: {SENTENCEPIECE_FILE} does not load (corrupt?)") from None

    def encode(self, sentence: str) -> list[str]:
        pieces: list[str] = self._processor.encode(sentence, out_type=str)
        return pieces

    def decode(self, tokens: list[str]) -> str:
        # argostranslate's SentencePieceTokenizer.decode, for identical output
        text: str = self._processor.decode_pieces(tokens)
        return text.replace("▁", " ").replace("_", " ")


class BPETokenizer:
    kind = "bpe"

    def __init__(self, path: Path, from_code: str, to_code: str, *, where: str) -> None:
        codes = check_bpe_codes(read_regular(path, limit=MAX_BPE_BYTES, what=BPE_FILE, where=where), where=where)
        try:
            from sacremoses.normalize import MosesPunctNormalizer
            from sacremoses.tokenize import MosesDetokenizer, MosesTokenizer
            from subword_nmt.apply_bpe import BPE
        except ImportError:
            raise _mt_extra_missing() from None
        import io

        try:
            self._bpe = BPE(io.StringIO(codes))
        except (Exception, SystemExit):  # subword-nmt exits on what check_bpe_codes did not foresee
            raise ModelError(f"{where}: {BPE_FILE} is not a subword-nmt BPE codes file") from None
        # argostranslate passes the package's own codes; sacremoses falls back to English rules
        self._normalizer = MosesPunctNormalizer(from_code)
        self._tokenizer = MosesTokenizer(from_code)
        self._detokenizer = MosesDetokenizer(to_code)

    def encode(self, sentence: str) -> list[str]:
        normalized = self._normalizer.normalize(sentence)
        tokenized = " ".join(self._tokenizer.tokenize(normalized))
        pieces: list[str] = self._bpe.segment_tokens(tokenized.strip("\r\n ").split(" "))
        return pieces

    def decode(self, tokens: list[str]) -> str:
        text: str = self._detokenizer.detokenize(" ".join(tokens).replace("@@ ", "").split(" "))
        return text


def load(folder: Path, from_code: str, to_code: str, *, where: str) -> Tokenizer:
    """The tokenizer of a package folder; ModelError when it has none or it does not load."""
    kind = kind_of(folder)
    if kind == "sentencepiece":
        return SentencePieceTokenizer(folder / SENTENCEPIECE_FILE, where=where)
    if kind == "bpe":
        return BPETokenizer(folder / BPE_FILE, from_code, to_code, where=where)
    raise ModelError(f"{where}: no {SENTENCEPIECE_FILE} or {BPE_FILE} (the tokenizer) in the package folder")
