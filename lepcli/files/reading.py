"""Read a file lepcli was pointed at without hanging on a FIFO or eating memory on ``/dev/zero``.

``open()`` of a FIFO blocks until a writer appears, and ``read()`` of ``/dev/zero`` never ends, so
the file is opened with ``O_NONBLOCK``, checked with ``fstat`` and read with a byte cap.
"""

from __future__ import annotations

import errno
import os
import select
import stat
from pathlib import Path

MAX_CONFIG_BYTES = 20 * 1024 * 1024  # README "Robustness": agency files are kilobytes; refused before parsing
PIPE_WAIT_SECONDS = 10.0  # a FIFO that sends nothing for this long is refused (README "Robustness")


class Unreadable(Exception):
    """Why a file cannot be read, in words for a message (never its contents)."""

    def __init__(self, reason: str, *, too_large: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.too_large = too_large


def megabytes(n: int) -> str:
    """``21.5 MB`` (not the ``20 MB`` that integer division makes of 21.5 MB)."""
    value = n / 1024 / 1024
    return f"{value:.0f} MB" if value == int(value) else f"{value:.1f} MB"


def read_regular(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; anything else raises :class:`Unreadable`.

    Refused before reading: a folder, a FIFO, a device or socket, a file over the limit.
    """
    fd = _open(path)
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise Unreadable("is a folder, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise Unreadable("is not a regular file (a device, pipe or socket)")
        if st.st_size > max_bytes:
            limit = megabytes(max_bytes)
            raise Unreadable(f"file is too large ({megabytes(st.st_size)}; the limit is {limit})", too_large=True)
        data = _read_up_to(fd, max_bytes + 1)
    except OSError as exc:
        raise Unreadable(f"cannot read: {exc.strerror or type(exc).__name__}") from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # grew while being read
        raise Unreadable(f"file is too large (the limit is {megabytes(max_bytes)})", too_large=True)
    return data


def read_config(path: Path) -> bytes:
    """The bytes of a configuration file (YAML): a regular file of at most MAX_CONFIG_BYTES, else a ConfigError."""
    from lepcli.errors import ConfigError

    try:
        return read_regular(path, MAX_CONFIG_BYTES)
    except Unreadable as exc:
        raise ConfigError(exc.reason, file=str(path)) from None


def read_stream(path: Path, max_bytes: int, *, wait_seconds: float | None = None) -> bytes:
    """Up to ``max_bytes + 1`` bytes of a file, FIFO or character device (``--file <(cmd)``, ``/dev/stdin``).

    A FIFO with no writer reads as empty instead of blocking forever; one that sends nothing for
    ``wait_seconds`` (default PIPE_WAIT_SECONDS) is refused. Devices such as ``/dev/zero`` are read only up to the cap.
    """
    fd = _open(path)
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise Unreadable("is a folder, not a file")
        if stat.S_ISFIFO(st.st_mode) or stat.S_ISSOCK(st.st_mode):
            return _read_pipe(fd, max_bytes + 1, PIPE_WAIT_SECONDS if wait_seconds is None else wait_seconds)
        os.set_blocking(fd, True)
        return _read_up_to(fd, max_bytes + 1)
    except OSError as exc:
        raise Unreadable(f"cannot read: {exc.strerror or type(exc).__name__}") from None
    finally:
        os.close(fd)


def _open(path: Path) -> int:
    try:
        return os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise Unreadable("file not found") from None
    except IsADirectoryError:
        raise Unreadable("is a folder, not a file") from None
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket, or a FIFO opened for writing only
            raise Unreadable("is not a regular file (a device, pipe or socket)") from None
        raise Unreadable(f"cannot read: {exc.strerror or type(exc).__name__}") from None


def _read_up_to(fd: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = os.read(fd, min(1 << 20, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _read_pipe(fd: int, limit: int, wait_seconds: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        ready, _, _ = select.select([fd], [], [], wait_seconds)
        if not ready:
            raise Unreadable(f"nothing arrived from the pipe in {wait_seconds:.0f} s")
        try:
            chunk = os.read(fd, min(1 << 16, limit - size))
        except BlockingIOError:
            continue
        if not chunk:  # end of input, or no writer at all
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)
