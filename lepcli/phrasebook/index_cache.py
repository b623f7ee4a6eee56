"""The built search index, cached: building it costs ~20 ms at every `lep translate`, reading it ~5 ms.

The key is the entries the index is built from (every text, token key and keyword of the languages
asked for: the phrasebook files' content after agency overrides) plus the code that builds it
(search.py and this file). An edited phrasebook or a changed scoring rule builds a fresh index; the
cached one is never stale. Phrasebook content only goes in, never a query.
"""

from __future__ import annotations

import marshal
import zlib
from pathlib import Path
from typing import Any

from lepcli.phrasebook.search import Doc, Index

FORMAT = 1
Entry = tuple[str, str, str, str | None, tuple[str, ...]]  # what Index() takes


def _version() -> list[Any]:
    here = Path(__file__).parent
    return [FORMAT, *((here / name).stat().st_mtime_ns for name in ("search.py", "index_cache.py"))]


def _name(langs: frozenset[str]) -> str:
    joined = "+".join(sorted(langs))
    return joined if len(joined) <= 40 else f"{len(langs)}-languages-{zlib.crc32(joined.encode()):08x}"


def index(entries: list[Entry], langs: frozenset[str]) -> Index:
    """``Index(entries)``, read back from the cache when these exact entries were indexed before."""
    from lepcli.files import cache

    inputs = marshal.dumps(entries, 2)  # version 2: no back-references, so equal entries give equal bytes
    version = _version()
    name = _name(langs)
    state = cache.derived_get("indexes", name, inputs, version)
    if isinstance(state, dict) and isinstance(state.get("docs"), list):
        found = Index.__new__(Index)
        found.__dict__.update(state, docs=[Doc(*d) for d in state["docs"]])
        return found
    built = Index(entries)
    attrs = getattr(built, "__dict__", None)
    if attrs is not None:
        cache.derived_put("indexes", name, inputs, version, {**attrs, "docs": [tuple(d) for d in built.docs]})
    return built
