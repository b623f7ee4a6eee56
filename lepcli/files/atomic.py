"""Atomic file writes: a temporary file in the same folder, fsync, then rename into place."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from lepcli.errors import OutputExists


def check_writable(path: Path, *, force: bool) -> None:
    if path.exists() and not force:
        raise OutputExists(f"{path} already exists", hint="add --force to replace it")
    if path.exists() and path.is_dir():
        raise OutputExists(f"{path} is a folder, not a file")


@contextlib.contextmanager
def atomic_open(path: Path, *, force: bool = False, mode: int = 0o644) -> Iterator[IO[bytes]]:
    """Yield a binary file; on success it replaces ``path`` in one step, on error nothing changes."""
    path = Path(path)
    check_writable(path, force=force)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if not force and path.exists():  # someone else wrote it meanwhile
            raise OutputExists(f"{path} already exists", hint="add --force to replace it")
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_bytes(path: Path, data: bytes, *, force: bool = False, mode: int = 0o644) -> None:
    with atomic_open(path, force=force, mode=mode) as handle:
        handle.write(data)


def write_text(path: Path, text: str, *, force: bool = False, mode: int = 0o644) -> None:
    write_bytes(path, text.encode("utf-8"), force=force, mode=mode)
