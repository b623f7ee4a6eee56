"""The one cache of parsed files: JSON under ``paths.cache_dir()``, keyed by the file's content (and, for
values built from several files such as a search index, marshal keyed on the bytes they are built from).

Parsing YAML costs far more than reading and hashing it (a phrasebook of 120 KB: ~30 ms to parse,
~0.1 ms to hash), so the key is a BLAKE2b digest of the bytes that were parsed, plus the file's
path and the caller's version (format version, code stamps). A key on size and mtime alone is
fooled by ``cp -p``, ``rsync -a``, tar or zip extraction and FAT's 2 s timestamps; a content key
cannot be: an edited file is never served stale.

Only configuration goes in here (phrasebooks, agency files), never text a person typed. Writes are
best-effort: a read-only or full cache folder only costs speed.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lepcli import paths

try:  # hashlib would load OpenSSL first (~2.5 ms of every start-up); BLAKE2 is built into CPython
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b


def digest(content: bytes) -> str:
    return blake2b(content, digest_size=20).hexdigest()


def entry_path(namespace: str, source: Path, suffix: str = ".json") -> Path:
    """Where the cached result for ``source`` lives (one file per source path)."""
    resolved = str(source.resolve())
    tag = zlib.crc32(resolved.encode("utf-8", "surrogateescape"))
    return paths.cache_dir() / namespace / f"{source.stem}-{tag:08x}{suffix}"


def key(source: Path, content: bytes, version: list[Any], content_digest: str | None = None) -> list[Any]:
    """The cache key of these bytes of ``source`` (``content_digest``: their digest, when already known)."""
    return [*version, str(source.resolve()), len(content), content_digest or digest(content)]


def get(namespace: str, source: Path, content: bytes, version: list[Any]) -> Any | None:
    """The cached value for exactly these bytes of ``source``, or None."""
    import json  # here, not at the top: a start that reads only marshal copies never imports it

    try:
        stored = json.loads(entry_path(namespace, source).read_bytes())
        if isinstance(stored, dict) and stored.get("key") == key(source, content, version):
            return stored.get("value")
    except (OSError, ValueError, RecursionError):
        pass
    return None


def put(namespace: str, source: Path, content: bytes, version: list[Any], value: Any) -> None:
    """Store ``value`` (JSON-serialisable) for these bytes of ``source``; failures are ignored."""
    import json

    from lepcli.files import atomic

    payload = {"key": key(source, content, version), "value": value}
    try:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8", "surrogateescape")
        atomic.write_bytes(entry_path(namespace, source), data, force=True)
    except (OSError, ValueError, TypeError):
        pass  # a read-only cache folder only costs speed


def through(namespace: str, source: Path, content: bytes, version: list[Any], build: Callable[[], Any]) -> Any:
    """The cached value for ``content`` of ``source``, else ``build()`` (then cached)."""
    found = get(namespace, source, content, version)
    if found is not None:
        return found
    value = build()
    put(namespace, source, content, version, value)
    return value


# -- values derived from several files (a search index): marshal, keyed on what they are built from ----
# marshal reads plain builtins (dict, list, tuple, str, float, int, bool) ~5x faster than json, and is
# what Python's own bytecode cache uses; it is never given anything but configuration-derived data.


def derived_get(namespace: str, name: str, inputs: bytes, version: list[Any]) -> Any | None:
    """The value stored under ``name`` if it was built from exactly these ``inputs`` by this ``version``."""
    import gc
    import marshal

    head = _derived_head(inputs, version)
    collecting = gc.isenabled()
    try:
        data = (paths.cache_dir() / namespace / f"{name}.marshal").read_bytes()
        if data.startswith(head):
            gc.disable()  # thousands of new dicts and lists would set off collections that find nothing
            return marshal.loads(memoryview(data)[len(head) :])
    except (OSError, ValueError, EOFError, TypeError):
        pass
    finally:
        if collecting:
            gc.enable()
    return None


def derived_put(namespace: str, name: str, inputs: bytes, version: list[Any], value: Any) -> None:
    """Store ``value`` (plain builtins) for these ``inputs``; failures are ignored (they only cost speed)."""
    import marshal

    from lepcli.files import atomic

    try:
        data = _derived_head(inputs, version) + marshal.dumps(value)
        atomic.write_bytes(paths.cache_dir() / namespace / f"{name}.marshal", data, force=True)
    except (OSError, ValueError, TypeError):
        pass


def _derived_head(inputs: bytes, version: list[Any]) -> bytes:
    return f"lepcli {version!r} {len(inputs)} {digest(inputs)}\n".encode()


SHIPPED_FORMAT = 1


def shipped_json(path: Path) -> Any:
    """JSON data shipped inside lepcli (the language tables), read through a marshal copy keyed on its
    content: ``json.loads`` of the 480 KB world table costs ~5 ms and importing json ~1.5 ms, the
    marshal copy ~1.5 ms for the big table, and a start that finds every copy never imports json."""
    raw = path.read_bytes()
    found = derived_get("data", path.stem, raw, [SHIPPED_FORMAT])
    if found is not None:
        return found
    import json

    value = json.loads(raw)
    derived_put("data", path.stem, raw, [SHIPPED_FORMAT], value)
    return value
