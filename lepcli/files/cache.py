"""The one cache of parsed files: JSON under ``paths.cache_dir()``, keyed by the file's content.

Parsing YAML costs far more than reading and hashing it (a phrasebook of 120 KB: ~30 ms to parse,
~0.1 ms to hash), so the key is a BLAKE2b digest of the bytes that were parsed, plus the file's
path and the caller's version (format version, code stamps). A key on size and mtime alone is
fooled by ``cp -p``, ``rsync -a``, tar or zip extraction and FAT's 2 s timestamps; a content key
cannot be: an edited file is never served stale.

Only configuration goes in here (phrasebooks, agency files), never text a person typed. Writes are
best-effort: a read-only or full cache folder only costs speed.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lepcli import paths


def digest(content: bytes) -> str:
    return hashlib.blake2b(content, digest_size=20).hexdigest()


def entry_path(namespace: str, source: Path) -> Path:
    """Where the cached result for ``source`` lives (one file per source path)."""
    resolved = str(source.resolve())
    tag = zlib.crc32(resolved.encode("utf-8", "surrogateescape"))
    return paths.cache_dir() / namespace / f"{source.stem}-{tag:08x}.json"


def key(source: Path, content: bytes, version: list[Any]) -> list[Any]:
    return [*version, str(source.resolve()), len(content), digest(content)]


def get(namespace: str, source: Path, content: bytes, version: list[Any]) -> Any | None:
    """The cached value for exactly these bytes of ``source``, or None."""
    try:
        stored = json.loads(entry_path(namespace, source).read_bytes())
        if isinstance(stored, dict) and stored.get("key") == key(source, content, version):
            return stored.get("value")
    except (OSError, ValueError, RecursionError):
        pass
    return None


def put(namespace: str, source: Path, content: bytes, version: list[Any], value: Any) -> None:
    """Store ``value`` (JSON-serialisable) for these bytes of ``source``; failures are ignored."""
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
