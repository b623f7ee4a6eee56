"""`lep talk --record FILE`: what was shown and tapped, as JSON lines, written only when asked.

The file is created with mode 0600 (and set to 0600 if it already existed), appended to, one
event per line, flushed at once so a closed laptop loses nothing. ``summary`` reads it back for
the officer's report.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import IO, Any

from lepcli.errors import BadInput, NotFound

MODE = 0o600
MAX_SUMMARY_BYTES = 50 * 1024 * 1024


class Recorder:
    """Appends events to the record file (thread-safe: the server runs requests in a thread pool)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if self.path.is_dir():
            raise BadInput(f"{self.path} is a folder, not a file")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, MODE)
            os.fchmod(fd, MODE)
        except OSError as exc:
            raise BadInput(f"cannot write the record file {self.path}: {exc.strerror}") from None
        self._handle: IO[str] = os.fdopen(fd, "a", encoding="utf-8")
        self._lock = threading.Lock()

    def write(self, event: dict[str, Any]) -> None:
        line = json.dumps(event, ensure_ascii=False, sort_keys=True)
        with self._lock:
            self._handle.write(line + "\n")
            self._handle.flush()
            os.fsync(self._handle.fileno())

    def close(self) -> None:
        with self._lock:
            self._handle.close()


def read(path: Path) -> list[dict[str, Any]]:
    """The events in a record file (a damaged line is reported as such, not dropped silently)."""
    path = Path(path)
    if not path.is_file():
        raise NotFound(f"no record file at {path}")
    if path.stat().st_size > MAX_SUMMARY_BYTES:
        raise BadInput(f"{path} is too large to be a lep talk record")
    events: list[dict[str, Any]] = []
    with open(path, encoding="utf-8", errors="replace") as handle:
        for n, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except ValueError:
                events.append({"event": "damaged", "line": n})
                continue
            events.append(item if isinstance(item, dict) else {"event": "damaged", "line": n})
    return events


def summary_lines(events: list[dict[str, Any]]) -> list[str]:
    """One plain line per event, for the officer's report."""
    out = []
    for e in events:
        when = str(e.get("time", ""))
        kind = e.get("event")
        lang = e.get("language") or ""
        if kind == "language":
            text = f"language picked: {e.get('name', lang)} ({lang})"
        elif kind == "shown":
            what = f"{e.get('phrase_id') or '-'}: {e.get('english') or ''}"
            text = f"shown [{e.get('status', '?')}] {what} -> {e.get('text', '')}"
        elif kind == "withheld":
            text = f"withheld (legal, interpreter first) {e.get('phrase_id') or '-'}: {e.get('english') or ''}"
        elif kind == "answer":
            text = f"person answered ({e.get('kind')}): {e.get('english', '')}"
        elif kind == "reply":
            sure = "" if e.get("sure") else " [NOT SURE]"
            text = f"person typed: {e.get('typed', '')} -> {e.get('english') or '(not understood)'}{sure}"
        elif kind == "interpreter":
            text = f"interpreter line shown: {e.get('line') or '-'}"
        elif kind == "damaged":
            text = f"(line {e.get('line')} of the record file is damaged)"
        else:
            text = str(kind)
        out.append(f"{when}  {lang:<8} {text}".rstrip())
    return out
