"""Shared helper for start-up benchmarks: time commands as new processes, interleaved, median."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR = [sys.executable, "-c", "import typer, rich"]


def lep(*args: str) -> list[str]:
    exe = Path(sys.executable).with_name("lep")
    return [str(exe), *args] if exe.exists() else [sys.executable, "-m", "lepcli", *args]


def time_once(cmd: Sequence[str], env: dict[str, str] | None = None, stdin: bytes | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def compare(commands: dict[str, Sequence[str]], runs: int = 15, env: dict[str, str] | None = None) -> dict[str, float]:
    """Median seconds per command, runs interleaved so machine noise hits all alike; prints a table."""
    env = {**os.environ, **(env or {})}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # users have bytecode caches; without them every start recompiles
    all_cmds = {"floor: python -c 'import typer, rich'": FLOOR, **commands}
    for cmd in all_cmds.values():  # warm the OS file cache
        time_once(cmd, env)
    samples: dict[str, list[float]] = {name: [] for name in all_cmds}
    for _ in range(runs):
        for name, cmd in all_cmds.items():
            samples[name].append(time_once(cmd, env))
    medians = {name: statistics.median(vals) for name, vals in samples.items()}
    floor = medians["floor: python -c 'import typer, rich'"]
    width = max(len(n) for n in medians)
    print(f"{'command':<{width}}  median ms  x floor   (n={runs}, interleaved)")
    for name, med in medians.items():
        print(f"{name:<{width}}  {med * 1000:9.1f}  {med / floor:6.2f}x")
    return medians
