"""Start-up is guarded here, not by scattering imports: each everyday command, run piped in a new
process (caches warm, as on an officer's laptop after the first run), must not import the heavy
modules it does not need. `bench/bench_startup.py` keeps the timings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import share_cache

HEAVY = ["yaml", "rapidfuzz", "rich", "fpdf", "ctranslate2", "langdetect", "phonenumbers", "langcodes",
         "starlette", "uvicorn", "sentencepiece", "sacremoses", "genanki", "uharfbuzz", "translate"]
RUN = """
import os, sys
sys.argv = ['lep', *sys.argv[1:]]
from lepcli.cli.app import main
try:
    main()
except SystemExit:
    pass
heavy = set(os.environ['LEP_HEAVY'].split(','))
sys.stderr.write('\\nHEAVY:' + ','.join(sorted({m.split('.')[0] for m in sys.modules} & heavy)) + '\\n')
"""


def heavy_imports(args: list[str], home: Path, heavy: list[str] = HEAVY) -> set[str]:
    env = dict(os.environ, LEP_HOME=str(home), LEP_HEAVY=",".join(heavy))
    env.pop("LEP_PHRASEBOOKS", None)
    out = ""
    for _ in range(2):  # the first run fills the phrasebook cache (YAML parsed once); the second is the everyday one
        out = subprocess.run([sys.executable, "-c", RUN, *args], capture_output=True, text=True, env=env).stderr
    line = out.strip().splitlines()[-1]
    assert line.startswith("HEAVY:"), out
    return set(filter(None, line[len("HEAVY:"):].split(",")))


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (["--help"], set()),
        (["lang", "farsi"], set()),
        (["detect", "¿Dónde está mi hijo?"], set()),
        (["translate", "Are you hurt?", "--to", "es"], set()),
        (["translate", "r u hurt", "--to", "vi"], set()),
        (["lines", "vietnamese"], set()),
        (["ispeak"], set()),
        (["dispatch", "necesito ayuda"], set()),
        (["doctor"], set()),
        (["phrase", "search", "need ambulance"], {"rapidfuzz"}),  # spelling-tolerant search needs it
    ],
)
def test_everyday_commands_do_not_import_what_they_do_not_need(
    args: list[str], allowed: set[str], tmp_path: Path, shared_cache: Path
) -> None:
    assert heavy_imports(args, share_cache(tmp_path, shared_cache)) <= allowed


def test_a_phrase_answer_on_a_pipe_never_loads_json(tmp_path: Path, shared_cache: Path) -> None:
    """Plain output reads only marshal copies (phrasebooks, indexes, the language tables): json, ~1.5 ms
    of every start, is for --json and cache misses."""
    home = share_cache(tmp_path, shared_cache)
    assert heavy_imports(["translate", "Are you hurt?", "--to", "es"], home, ["json"]) == set()
    assert heavy_imports(["translate", "Are you hurt?", "--to", "es", "--json"], home, ["json"]) == {"json"}
