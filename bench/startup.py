"""Shared helper for start-up benchmarks: time commands as new processes, interleaved, median."""

from __future__ import annotations

import os
import random
import resource
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
    return run_once(cmd, env, stdin)[0]


def run_once(cmd: Sequence[str], env: dict[str, str] | None = None, stdin: bytes | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds: user + system of the child). CPU time is what a busy machine disturbs least."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, env=env, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def compare(commands: dict[str, Sequence[str]], runs: int = 15, env: dict[str, str] | None = None) -> dict[str, float]:
    """Median seconds per command, runs interleaved (in a shuffled order each round) so machine noise hits
    all alike; prints a table with
    the median wall and CPU time and the fastest run (noise only ever adds time, so the fastest run is
    the steadiest estimate of what a command costs when the machine is shared)."""
    env = {**os.environ, **(env or {})}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # users have bytecode caches; without them every start recompiles
    all_cmds = {"floor: python -c 'import typer, rich'": FLOOR, **commands}
    for cmd in all_cmds.values():  # warm the OS file cache
        time_once(cmd, env)
    samples: dict[str, list[float]] = {name: [] for name in all_cmds}
    cpu: dict[str, list[float]] = {name: [] for name in all_cmds}
    order = list(all_cmds.items())
    shuffle = random.Random(0).shuffle  # a new order each round: no command always runs first or after another
    for _ in range(runs):
        shuffle(order)
        for name, cmd in order:
            wall, used = run_once(cmd, env)
            samples[name].append(wall)
            cpu[name].append(used)
    medians = {name: statistics.median(vals) for name, vals in samples.items()}
    cpu_medians = {name: statistics.median(vals) for name, vals in cpu.items()}
    floor_name = "floor: python -c 'import typer, rich'"
    floor, cpu_floor = medians[floor_name], cpu_medians[floor_name]
    width = max(len(n) for n in medians)
    fastest = {name: min(vals) for name, vals in samples.items()}
    load = os.getloadavg()[0]
    print(
        f"{'command':<{width}}  median ms  x floor   CPU ms  x floor   fastest ms  x floor"
        f"   (n={runs}, interleaved; load {load:.2f})"
    )
    for name, med in medians.items():
        used, best = cpu_medians[name], fastest[name]
        print(
            f"{name:<{width}}  {med * 1000:9.1f}  {med / floor:6.2f}x  {used * 1000:7.1f}  {used / cpu_floor:6.2f}x"
            f"  {best * 1000:10.1f}  {best / fastest[floor_name]:6.2f}x"
        )
    return medians
