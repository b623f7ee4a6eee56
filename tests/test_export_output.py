"""Where an export cannot be written (review 2026-12, M5 and L7): one clear message, exit 10, nothing
half-written; devices and pipes (``-o /dev/stdout``) are written into, never replaced."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

Lep = Callable[..., Any]
ROOT = os.geteuid() == 0


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_parent_is_a_file(lep: Lep, tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    out = tmp_path / "afile" / "es.json"
    run = lep("export", "phrasebook", "--lang", "es", "-o", str(out))
    assert run.exit_code == 10, run.stderr
    assert f"cannot write {out}: Not a directory" in run.stderr and "internal error" not in run.stderr


def test_name_too_long(lep: Lep, tmp_path: Path) -> None:
    out = tmp_path / ("n" * 300 + ".json")
    run = lep("export", "phrasebook", "--lang", "es", "-o", str(out))
    assert run.exit_code == 10, run.stderr
    assert "File name too long" in run.stderr and "shorter" in run.stderr
    assert leftovers(tmp_path) == []


def test_full_disk_while_writing_leaves_nothing(lep: Lep, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import lepcli.files.atomic

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(lepcli.files.atomic.os, "fsync", full)
    out = tmp_path / "es.csv"
    run = lep("export", "phrasebook", "--lang", "es", "-o", str(out))
    assert run.exit_code == 10
    assert f"cannot write {out}: No space left on device" in run.stderr
    assert not out.exists() and leftovers(tmp_path) == []


@pytest.fixture
def mounted(tmp_path: Path) -> Iterator[Callable[[str], Path]]:
    """Mount small tmpfs folders (root only; skipped where mounting is not allowed)."""
    mounts: list[Path] = []

    def mount(options: str) -> Path:
        folder = tmp_path / f"mnt{len(mounts)}"
        folder.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount tmpfs here: {done.stderr.decode(errors='replace').strip()}")
        mounts.append(folder)
        return folder

    if not ROOT or shutil.which("mount") is None:
        pytest.skip("needs root to mount a tmpfs")
    yield mount
    for folder in mounts:
        subprocess.run(["umount", str(folder)], check=False)


def test_real_full_disk(lep: Lep, mounted: Callable[[str], Path]) -> None:
    tiny = mounted("size=64k")
    out = tiny / "all.json"
    run = lep("export", "phrasebook", "--lang", "all", "-o", str(out))
    assert run.exit_code == 10, run.stderr
    assert "No space left on device" in run.stderr
    assert list(tiny.iterdir()) == []


def test_read_only_folder(lep: Lep, mounted: Callable[[str], Path]) -> None:
    ro = mounted("ro,size=64k")
    run = lep("export", "phrasebook", "--lang", "es", "-o", str(ro / "es.json"))
    assert run.exit_code == 10, run.stderr
    assert f"cannot write {ro / 'es.json'}: Read-only file system" in run.stderr


@pytest.mark.skipif(not ROOT or shutil.which("setpriv") is None, reason="needs root and setpriv to drop to nobody")
def test_no_permission(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    os.chmod(tmp_path, 0o755)
    home = tmp_path / "home"
    home.mkdir(mode=0o777)
    lep = str(Path(sys.executable).parent / "lep")
    drop = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    probe = subprocess.run([*drop, lep, "--version"], capture_output=True, text=True, timeout=60)
    if probe.returncode != 0:  # a checkout in a private folder (mktemp -d is 0700): nobody cannot run lep
        pytest.skip("user nobody cannot run this checkout's lep")
    run = subprocess.run(
        [*drop, lep, "export", "phrasebook", "--lang", "es",
         "-o", str(locked / "es.json")],
        capture_output=True, text=True, env={**os.environ, "LEP_HOME": str(home)}, timeout=60,
    )  # fmt: skip
    assert run.returncode == 10, run.stderr
    assert "Permission denied" in run.stderr and "internal error" not in run.stderr


def test_dev_stdout_with_force_writes_through_and_replaces_nothing(tmp_path: Path) -> None:
    before = os.lstat("/dev/stdout")
    lep = str(Path(sys.executable).parent / "lep")
    env = {**os.environ, "LEP_HOME": str(tmp_path / "home")}
    run = subprocess.run(
        [lep, "export", "phrasebook", "--lang", "es", "--format", "csv", "-o", "/dev/stdout", "--force"],
        capture_output=True, env=env, timeout=60,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(b"\xef\xbb\xbflanguage,language_name,phrase_id")  # the CSV, on stdout
    assert b"Wrote /dev/stdout" in run.stderr  # the summary moved to stderr
    after = os.lstat("/dev/stdout")
    assert stat.S_ISLNK(after.st_mode) and after.st_ino == before.st_ino
    # stdout redirected to a regular file: still written through /dev/stdout, no temp file in /dev
    with open(tmp_path / "redirected.csv", "wb") as sink:
        done = subprocess.run(
            [lep, "export", "phrasebook", "--lang", "es", "--format", "csv", "-o", "/dev/stdout", "--force"],
            stdout=sink, stderr=subprocess.PIPE, env=env, timeout=60,
        )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "redirected.csv").read_bytes().startswith(b"\xef\xbb\xbflanguage")
    assert not [p for p in os.listdir("/dev") if p.endswith(".part")]


@pytest.mark.skipif(not ROOT, reason="mknod needs root")
def test_character_device_copy_stays_a_device(lep: Lep, tmp_path: Path) -> None:
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    run = lep("export", "phrasebook", "--lang", "es", "--format", "json", "-o", str(null), "--force")
    assert run.exit_code == 0, run.stderr
    assert stat.S_ISCHR(os.stat(null).st_mode)
    full = tmp_path / "full"
    os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))  # /dev/full: every write fails with ENOSPC
    run = lep("export", "phrasebook", "--lang", "es", "--format", "json", "-o", str(full))
    assert run.exit_code == 10 and "No space left on device" in run.stderr
    assert stat.S_ISCHR(os.stat(full).st_mode)


def test_fifo_target_is_written_into(lep: Lep, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []

    def reader() -> None:
        with open(fifo, "rb") as handle:
            got.append(handle.read())

    thread = threading.Thread(target=reader)
    thread.start()
    run = lep("export", "phrasebook", "--lang", "es", "--format", "json", "-o", str(fifo))
    thread.join(timeout=30)
    assert run.exit_code == 0, run.stderr
    assert got and got[0].startswith(b"{") and stat.S_ISFIFO(os.stat(fifo).st_mode)
