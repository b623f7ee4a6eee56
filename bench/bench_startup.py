"""Start-up of the everyday commands as new processes vs the `import typer, rich` floor (issues 2, 3, 5, 6, 7).

Run: .venv/bin/python bench/bench_startup.py   (targets: 1.3x the floor; detect 1.5x)
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
                'lep translate "Are you hurt?" --to es': lep("translate", "Are you hurt?", "--to", "es"),
                'lep detect "¿Dónde está mi hijo?"': lep("detect", "¿Dónde está mi hijo?"),
                "lep lines farsi": lep("lines", "farsi"),
                "lep ispeak --json": lep("ispeak", "--json"),
                'lep dispatch "necesito ayuda"': lep("dispatch", "necesito ayuda"),
                'lep translate "license please" --to es': lep("translate", "license please", "--to", "es"),
            },
            # the user's own folders (XDG), not LEP_HOME: measured as a user without any setting starts lep
            env={
                "XDG_CONFIG_HOME": f"{home}/config",
                "XDG_CACHE_HOME": f"{home}/cache",
                "XDG_DATA_HOME": f"{home}/data",
            },
        )
