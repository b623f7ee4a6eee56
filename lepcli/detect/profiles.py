"""The shipped detection data: its file formats, read AND written here.

``<group>.bin``: one script family's character-n-gram model. ``<group>.words``: frequent words of
the family's languages. ``meta.json``: everything else (names, Han character lists, build inputs).
``scripts/build_detect_profiles.py`` writes them with :func:`encode_profile` and :func:`encode_words`;
:func:`load_profile` and :func:`load_words` read them back. Plain files next to this module
(importlib.resources would add ~10 ms to every start).
"""

from __future__ import annotations

import array
import functools
import json
import struct
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

DATA_DIR = Path(__file__).resolve().parent / "data"
SCALE = 20.0  # bytes in the score matrix are round(-ln P * SCALE)
WORD_SCALE = 10.0  # word-table bytes are round(ln(frequency / WORD_FLOOR) * WORD_SCALE)


@functools.cache
def meta() -> dict[str, Any]:
    return json.loads((DATA_DIR / "meta.json").read_bytes())  # type: ignore[no-any-return]


class Profile(NamedTuple):
    """One script family's character-n-gram model."""

    name: str
    languages: tuple[str, ...]  # profile keys: lepcli codes, "hi-Latn"-style romanized ones, "und"
    grams: dict[str, int]  # n-gram -> row
    matrix: bytes  # len(index) * len(languages) bytes, row-major
    accents: dict[str, bytes]  # accented letter -> per-language -ln P(letter | its base) * SCALE
    accent_floor: int
    prior: tuple[float, ...]  # ln prior per language
    typical: float  # mean -ln P per gram for text in a known language (for the "fit" check)


def encode_profile(header: dict[str, Any], keys: Sequence[str], matrix: bytes, accents: dict[str, list[int]]) -> bytes:
    """``<I header length> <header JSON> <keys, newline-separated> <matrix>``."""
    keys_blob = "\n".join(keys).encode("utf-8")
    full = {**header, "keys_bytes": len(keys_blob), "matrix_bytes": len(matrix), "accents": accents}
    header_blob = json.dumps(full, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return struct.pack("<I", len(header_blob)) + header_blob + keys_blob + bytes(matrix)


@functools.cache
def load_profile(name: str) -> Profile:
    raw = (DATA_DIR / f"{name}.bin").read_bytes()
    (header_len,) = struct.unpack_from("<I", raw, 0)
    header = json.loads(raw[4 : 4 + header_len])
    keys_end = 4 + header_len + header["keys_bytes"]
    keys = raw[4 + header_len : keys_end].decode("utf-8").split("\n")
    matrix_end = keys_end + header["matrix_bytes"]
    langs = tuple(header["languages"])
    accents = {k: bytes(v) for k, v in header["accents"].items()}
    return Profile(
        name=name,
        languages=langs,
        grams=dict(zip(keys, range(len(keys)), strict=True)),
        matrix=raw[keys_end:matrix_end],
        accents=accents,
        accent_floor=header["accent_floor"],
        prior=tuple(header["prior"]),
        typical=header["typical"],
    )


class WordTable(NamedTuple):
    """Frequent words of the languages of one script family, for word-level evidence.

    One sorted array of postings: the CRC-32 hash of a listed word (UTF-8 of ``rules.word_keys``),
    once per language that lists it, with that language's profile column and one byte,
    ``ln(frequency / WORD_FLOOR) * WORD_SCALE``. A word costs one binary search whatever the
    number of languages; loading is three memory copies, not a dictionary of 300,000 strings.
    """

    columns: tuple[int, ...]  # profile columns that have a table
    hashes: Sequence[int]  # sorted; a hash repeats once per language listing the word
    posting_columns: Sequence[int]  # profile column per posting (a view of the file's bytes)
    posting_bonus: Sequence[int]  # byte per posting
    borrow: tuple[tuple[int, int, float], ...]  # (column, column it borrows from, ln share)


def encode_words(columns: Sequence[int], tables: Iterable[dict[int, int]], borrow: Sequence[Sequence[float]]) -> bytes:
    """Each table: CRC-32 hash -> byte, for the profile column in ``columns`` at the same place.
    ``<I header length> <header JSON> <hashes I*> <posting columns B*> <posting bytes B*>``."""
    postings = sorted((h, column, b) for column, table in zip(columns, tables, strict=True) for h, b in table.items())
    header = json.dumps({"columns": list(columns), "postings": len(postings), "borrow": borrow}, separators=(",", ":"))
    header_blob = header.encode("utf-8")
    header_blob += b" " * (-(4 + len(header_blob)) % 4)  # the hashes start 4-byte aligned (read in place)
    return (
        struct.pack("<I", len(header_blob))
        + header_blob
        + struct.pack(f"<{len(postings)}I", *(h for h, _, _ in postings))
        + bytes(c for _, c, _ in postings)
        + bytes(b for _, _, b in postings)
    )


@functools.cache
def load_words(name: str) -> WordTable | None:
    path = DATA_DIR / f"{name}.words"
    if not path.is_file():
        return None
    raw = path.read_bytes()
    (header_len,) = struct.unpack_from("<I", raw, 0)
    header = json.loads(raw[4 : 4 + header_len])
    pos = 4 + header_len
    m = header["postings"]
    view = memoryview(raw)
    hashes: Sequence[int]
    if sys.byteorder == "little" and pos % 4 == 0:
        hashes = view[pos : pos + 4 * m].cast("I")  # no copy of the 1-2 MB table
    else:
        swapped = array.array("I")
        swapped.frombytes(raw[pos : pos + 4 * m])
        if sys.byteorder == "big":
            swapped.byteswap()
        hashes = swapped
    pos += 4 * m
    borrow = tuple((int(c), int(src), float(share)) for c, src, share in header.get("borrow", []))
    return WordTable(tuple(header["columns"]), hashes, view[pos : pos + m], view[pos + m : pos + 2 * m], borrow)


@functools.cache
def han_tables() -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in meta()["han"].items()}


def digest(paths: Iterable[Path], root: Path) -> str:
    """SHA-256 over the relative names and bytes of ``paths`` (sorted): the build records the
    digest of its inputs and of its outputs so a test can tell cheaply whether they still match."""
    import hashlib  # build and tests only (3 ms to import)

    h = hashlib.sha256()
    for path in sorted(paths, key=lambda p: p.relative_to(root).as_posix()):
        h.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


class FrancStage(NamedTuple):
    """One script's second-stage data: every franc language on equal terms (its 300 trigrams).

    Per trigram, the languages that list it and a weight byte each: ``ln(P(rank) / floor) * scale``.
    Stored sparsely (postings), so ~330 languages cost a few hundred kilobytes.
    """

    script: str
    languages: tuple[str, ...]  # franc (ISO 639-3) codes
    codes: tuple[str, ...]  # the lepcli code each stands for ("" when lepcli does not know it)
    names: tuple[str, ...]  # English names (from lepcli's world language table)
    scale: float
    grams: dict[str, int]
    offsets: array.array[int]
    ids: array.array[int]
    weights: bytes


@functools.cache
def load_franc(name: str) -> FrancStage | None:
    """``franc-<group>.bin``: ``<I header length> <header JSON> <keys> <offsets I*> <ids H*> <weights B*>``."""
    path = DATA_DIR / f"franc-{name}.bin"
    if not path.is_file():
        return None
    raw = path.read_bytes()
    (header_len,) = struct.unpack_from("<I", raw, 0)
    header = json.loads(raw[4 : 4 + header_len])
    pos = 4 + header_len
    keys = raw[pos : pos + header["keys_bytes"]].decode("utf-8").split("\n")
    pos += header["keys_bytes"]
    offsets = array.array("I")
    offsets.frombytes(raw[pos : pos + 4 * (len(keys) + 1)])
    pos += 4 * (len(keys) + 1)
    n = header["postings"]
    ids = array.array("H")
    ids.frombytes(raw[pos : pos + 2 * n])
    pos += 2 * n
    if sys.byteorder == "big":
        offsets.byteswap()
        ids.byteswap()
    return FrancStage(
        script=header["script"],
        languages=tuple(header["languages"]),
        codes=tuple(header["codes"]),
        names=tuple(header["names"]),
        scale=header["scale"],
        grams=dict(zip(keys, range(len(keys)), strict=True)),
        offsets=offsets,
        ids=ids,
        weights=raw[pos : pos + n],
    )
