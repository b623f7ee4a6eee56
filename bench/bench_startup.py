"""Issue 2: `lep --help` and `lep lang farsi` as new processes vs the `import typer, rich` floor.

Run: .venv/bin/python bench/bench_startup.py     (target: <= 1.3x the floor)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from startup import compare, lep  # noqa: E402

if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as home:
        compare(
            {
                "lep --help": lep("--help"),
                "lep lang farsi": lep("lang", "farsi"),
                "lep lang vietnamise": lep("lang", "vietnamise"),
            },
            env={"LEP_HOME": home},
        )
