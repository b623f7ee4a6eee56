"""Read and vet the text a person typed. Error messages never quote the text itself."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

from lepcli.errors import BadInput

MAX_CHARS = 5_000  # a text message or a note; longer input is almost surely a mistake
MAX_BYTES = 64 * 1024


def read_argument(value: str | None, *, what: str = "text", max_chars: int = MAX_CHARS) -> str:
    """``value`` itself, or standard input when it is ``-``; vetted with :func:`vet`."""
    if value is None:
        raise BadInput(f"no {what} given", hint="pass it as an argument or use - to read standard input")
    if value == "-":
        raw = sys.stdin.buffer.read(MAX_BYTES + 1) if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
        return vet_bytes(raw, what=what, max_chars=max_chars)
    return vet(value, what=what, max_chars=max_chars)


def read_file(path: Path, *, what: str = "text", max_chars: int = MAX_CHARS) -> str:
    """A file, FIFO (``--file <(cmd)``) or device, read with a cap: never blocks on a FIFO with no writer."""
    from lepcli.files import reading

    try:
        raw = reading.read_stream(path, MAX_BYTES)
    except reading.Unreadable as exc:
        raise BadInput(f"cannot read {path}: {exc.reason}") from None
    return vet_bytes(raw, what=what, max_chars=max_chars)


def vet_bytes(raw: bytes, *, what: str = "text", max_chars: int = MAX_CHARS) -> str:
    if len(raw) > MAX_BYTES:
        raise BadInput(
            f"{what} is too long (over {MAX_BYTES // 1024} KB)", hint=f"keep it under {max_chars} characters"
        )
    if b"\x00" in raw:
        raise BadInput(f"{what} looks like binary data, not typed text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadInput(f"{what} is not valid UTF-8 text") from None
    return vet(text, what=what, max_chars=max_chars)


def vet(text: str, *, what: str = "text", max_chars: int = MAX_CHARS) -> str:
    """Normalise (NFC, trimmed) and reject empty, huge or binary-looking text."""
    if "\x00" in text:
        raise BadInput(f"{what} looks like binary data, not typed text")
    if len(text) > max_chars:
        raise BadInput(f"{what} is too long ({len(text):,} characters)", hint=f"keep it under {max_chars:,} characters")
    controls = sum(1 for ch in text if unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in "\t\n\r")
    if controls and controls * 10 >= len(text):
        raise BadInput(f"{what} looks like binary data, not typed text")
    cleaned = unicodedata.normalize(
        "NFC", "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cs") or ch in "\t\n")
    )
    cleaned = cleaned.strip()
    if not cleaned:
        raise BadInput(f"{what} is empty", hint="type a few words, or use - to read standard input")
    return cleaned
