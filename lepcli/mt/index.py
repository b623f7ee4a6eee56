"""Read an Argos package index (``index.json``, the argospm-index format) from disk, offline.

Each entry: ``from_code``, ``to_code``, ``package_version``, ``from_name``, ``to_name``, ``links``
(download URLs) and optionally ``type``. An agency keeps a copy on its share next to the
``.argosmodel`` files; `lep models available` reads it to say which languages have a model.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from lepcli.errors import ConfigError, NotFound
from lepcli.mt.installed import is_code, lep_code

MAX_INDEX_BYTES = 16 << 20


@dataclass(frozen=True)
class IndexEntry:
    source: str  # lepcli codes
    target: str
    version: str

    @property
    def pair(self) -> str:
        return f"{self.source}->{self.target}"


def index_path(given: str | Path) -> Path:
    """``index.json`` itself, or the folder holding it."""
    path = Path(given).expanduser()
    return path / "index.json" if path.is_dir() else path


def read(given: str | Path) -> tuple[Path, list[IndexEntry]]:
    path = index_path(given)
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise ConfigError("not a regular file", file=str(path))
        if st.st_size > MAX_INDEX_BYTES:
            raise ConfigError(f"larger than {MAX_INDEX_BYTES >> 20} MiB: not a package index", file=str(path))
        with open(path, "rb") as handle:
            raw = handle.read(MAX_INDEX_BYTES + 1)
    except FileNotFoundError:
        raise NotFound(f"{path}: no such file", hint="give the Argos index.json, or the folder holding it") from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", file=str(path)) from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ConfigError("not valid JSON (an Argos index.json is a JSON list)", file=str(path)) from None
    if not isinstance(data, list):
        raise ConfigError("must be a JSON list of packages (the Argos index.json format)", file=str(path))
    entries = []
    for item in data:
        if not isinstance(item, dict) or item.get("type", "translate") != "translate":
            continue
        source, target = item.get("from_code"), item.get("to_code")
        if not (isinstance(source, str) and isinstance(target, str) and is_code(source) and is_code(target)):
            continue
        version = item.get("package_version")
        entries.append(IndexEntry(lep_code(source), lep_code(target), version if isinstance(version, str) else ""))
    return path, entries
