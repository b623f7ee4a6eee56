"""Atomic file writes: a temporary file in the same folder, fsync, then rename into place.

Every OS refusal (full disk, read-only file system, no permission, name too long, a parent that
is a file) becomes one ``CannotWrite`` naming the path and the OS reason (exit code 10), and no
temporary file is left behind. A target that is not a regular file (``/dev/stdout``, ``/dev/null``,
a FIFO, a terminal) is a stream: it is written directly and never replaced by a regular file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from lepcli.errors import CannotWrite, OutputExists


def cannot_write(path: Path, exc: OSError) -> CannotWrite:
    reason = exc.strerror or type(exc).__name__
    hint = None
    if exc.errno == errno.ENOSPC:
        hint = "free some space or write to another drive"
    elif exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        hint = "choose a folder you can write to (-o PATH)"
    elif exc.errno == errno.ENAMETOOLONG:
        hint = "use a shorter file name"
    elif exc.errno in (errno.ENOTDIR, errno.EEXIST):
        hint = "a part of the path is a file, not a folder"
    return CannotWrite(f"cannot write {path}: {reason}", hint=hint)


def _target_mode(path: Path) -> int | None:
    """st_mode of what ``path`` points to (symlinks followed), or None when nothing is there."""
    try:
        return os.stat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ENOTDIR:
            raise cannot_write(path, exc) from None
        if exc.errno == errno.ELOOP:
            return None
        raise cannot_write(path, exc) from None


def is_stream(path: Path) -> bool:
    """True for an existing character device, FIFO or socket (``/dev/stdout``, ``/dev/null``, a pipe)."""
    mode = _target_mode(path)
    if mode is None:
        return False
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        return True
    # /dev/stdout -> /proc/self/fd/1 may be a regular file (a shell redirect): write through it,
    # never rename a temporary file over the /dev entry itself.
    return stat.S_ISREG(mode) and _is_fd_alias(path)


def _is_fd_alias(path: Path) -> bool:
    return Path(os.path.abspath(path)).parts[:2] in (("/", "dev"), ("/", "proc"))


def check_writable(path: Path, *, force: bool) -> None:
    mode = _target_mode(path)
    if mode is None:
        return
    if stat.S_ISDIR(mode):
        raise OutputExists(f"{path} is a folder, not a file")
    if stat.S_ISBLK(mode):
        raise CannotWrite(f"cannot write {path}: it is a disk device", hint="write to a file (-o PATH)")
    if stat.S_ISREG(mode) and not force and not _is_fd_alias(path):
        raise OutputExists(f"{path} already exists", hint="add --force to replace it")


@contextlib.contextmanager
def atomic_open(path: Path, *, force: bool = False, mode: int = 0o644) -> Iterator[IO[bytes]]:
    """Yield a binary file; on success it replaces ``path`` in one step, on error nothing changes."""
    path = Path(path)
    check_writable(path, force=force)
    if is_stream(path):
        with _stream(path) as handle:
            yield handle
        return
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if not force and path.exists():  # someone else wrote it meanwhile
            raise OutputExists(f"{path} already exists", hint="add --force to replace it")
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise cannot_write(path, exc) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


@contextlib.contextmanager
def _stream(path: Path) -> Iterator[IO[bytes]]:
    """Write straight into a device or pipe (no temporary file, no rename)."""
    try:
        with open(path, "wb") as handle:
            yield handle
            handle.flush()
    except OSError as exc:
        raise cannot_write(path, exc) from None


def write_bytes(path: Path, data: bytes, *, force: bool = False, mode: int = 0o644) -> None:
    with atomic_open(path, force=force, mode=mode) as handle:
        handle.write(data)


def write_text(path: Path, text: str, *, force: bool = False, mode: int = 0o644) -> None:
    write_bytes(path, text.encode("utf-8"), force=force, mode=mode)
