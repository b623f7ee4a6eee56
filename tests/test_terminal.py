"""What a person sees in a real terminal: `lep` runs in a pseudo-terminal of a fixed size and its
output is fed to pyte, a VT100 emulator, whose screen is then read back.

Piped output (the other tests) is complete by construction; these tests catch what only a
terminal shows: the Rich path, box borders, wrapping at 80 and 120 columns, right-to-left order
on a terminal without BiDi, the grid's numbers beside their own cells.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

pyte = pytest.importorskip("pyte")

from lepcli.cli.render import display_width  # noqa: E402
from lepcli.text.bidi import LRM, for_terminal  # noqa: E402
from tests.conftest import share_cache  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


@pytest.fixture(autouse=True)
def _warm_caches(tmp_path: Path, shared_cache: Path) -> None:
    """Each `lep` below runs with LEP_HOME=tmp_path/lep: give it the session's parsed phrasebooks."""
    share_cache(tmp_path / "lep", shared_cache)


def _env(home: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LEP_HOME": str(home / "lep"),
        "TERM": "xterm-256color",  # no VTE_VERSION, KONSOLE_VERSION...: a terminal without BiDi
        "LANG": "C.UTF-8",
        "NO_COLOR": "1",
        "PYTHONPATH": str(ROOT),
    }
    env.update(extra or {})
    return env


def run_tty(home: Path, *args: str, cols: int = 80, rows: int = 40, env: dict[str, str] | None = None) -> str:
    """Run `lep ARGS` on a pty of ``cols`` x ``rows``; return everything it wrote (decoded)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "lepcli", *args],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=slave,
        env=_env(home, env),
        close_fds=True,
    )
    os.close(slave)
    chunks: list[bytes] = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert proc.wait(timeout=60) == 0, b"".join(chunks).decode("utf-8", "replace")
    return b"".join(chunks).decode("utf-8")


def screen_of(raw: str, cols: int) -> list[str]:
    """The emulator's screen after ``raw``: one string per row, right-trimmed."""
    screen = pyte.Screen(cols, raw.count("\n") + len(raw) // cols + 5)  # every line fits, wrapped or not
    pyte.Stream(screen).feed(raw)
    return [row.rstrip() for row in screen.display]


def piped_json(home: Path, *args: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-m", "lepcli", *args, "--json"],
        capture_output=True,
        text=True,
        env=_env(home),
        check=True,
    ).stdout
    data = json.loads(out)
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("cols", [80, 120])
@pytest.mark.parametrize("lang", ["es", "km", "ar", "vi"])
def test_say_line_is_whole_and_not_in_the_box_border(tmp_path: Path, cols: int, lang: str) -> None:
    answer = piped_json(tmp_path, "translate", "Are you hurt?", "--to", lang)
    say = str(answer["pronunciation"])
    raw = run_tty(tmp_path, "translate", "Are you hurt?", "--to", lang, cols=cols)
    rows = screen_of(raw, cols)
    start = next(i for i, r in enumerate(rows) if r.startswith("say:"))
    # the whole respelling, however it wraps, on its own lines under the box
    shown = " ".join(r.strip() for r in rows[start : start + 4] if r.strip() and not r.startswith(("DRAFT", "note")))
    assert f"say: {say}" in " ".join(shown.split())
    assert not any(ch in rows[start] for ch in "─╯╰│")


def test_rtl_is_reordered_and_joined_on_a_terminal_without_bidi(tmp_path: Path) -> None:
    answer = piped_json(tmp_path, "translate", "Are you hurt?", "--to", "ar")
    text = str(answer["text"])
    rows = screen_of(run_tty(tmp_path, "translate", "Are you hurt?", "--to", "ar", cols=80), 80)
    screen = "\n".join(rows)
    assert for_terminal(text, "reorder") in screen  # display order, joined letters
    assert text not in screen  # never the logical (backwards-looking) order
    # the same text for `lep phrase show` and `lep lang`: one BiDi path for every command
    lang_rows = "\n".join(screen_of(run_tty(tmp_path, "lang", "farsi", cols=80), 80))
    assert for_terminal("فارسی", "reorder") in lang_rows and "فارسی" not in lang_rows


def test_grid_numbers_stay_beside_their_own_cells(tmp_path: Path) -> None:
    codes = "ar,ru,he,es,fa,ur,uk,so"
    card = piped_json(tmp_path, "ispeak", "--languages", codes)
    entries = card["languages"]
    assert isinstance(entries, list)
    rows = screen_of(run_tty(tmp_path, "ispeak", "--languages", codes, cols=120), 120)
    for e in entries:
        cell = f"{e['number']:>3}  {for_terminal(e['text'], 'reorder')}"
        assert any(cell in r for r in rows), cell
    # Russian keeps its own number even when an Arabic-script cell is just before it
    assert any(f"  2  {entries[1]['text']}" in r for r in rows)


def test_terminal_with_bidi_gets_logical_order_fenced_by_ltr_marks(tmp_path: Path) -> None:
    raw = run_tty(tmp_path, "ispeak", "--languages", "ar,ru", cols=120, env={"VTE_VERSION": "7600"})
    line = next(ln for ln in raw.split("\n") if "Я" in ln)
    arabic_end = line.index("ة") + 1  # last letter of العربية
    assert line[arabic_end] == LRM  # the next cell's "2" is not pulled into the Arabic run
    assert line.lstrip(" \x1b[0m").startswith(LRM) or LRM in line[:8]


@pytest.mark.parametrize("cols", [80, 120])
@pytest.mark.parametrize(
    "args",
    [
        ("lines", "mam"),
        ("lines", "so", "--all"),
        ("lang", "farsi"),
        ("ispeak",),
        ("translate", "Are you hurt?", "--to", "km"),
        ("dispatch", "necesito ayuda mi esposo me pegó"),
        ("doctor",),
    ],
)
def test_no_line_is_wider_than_the_terminal(tmp_path: Path, cols: int, args: tuple[str, ...]) -> None:
    raw = run_tty(tmp_path, *args, cols=cols)
    for line in ANSI.sub("", raw).replace("\r", "").split("\n"):
        assert display_width(line) <= cols, line


def test_lines_default_fits_one_screen(tmp_path: Path) -> None:
    raw = run_tty(tmp_path, "lines", "mam", cols=120, rows=50)
    rows = [r for r in screen_of(raw, 120) if r]
    assert len(rows) <= 40
    assert any("FICTIONAL EXAMPLE" in r for r in rows)
    assert any(r.startswith("more:") and "--all" in r for r in rows)


def test_complex_script_says_open_it_on_the_encounter_screen_or_print_it(tmp_path: Path) -> None:
    rows = screen_of(run_tty(tmp_path, "translate", "Are you hurt?", "--to", "km", cols=120), 120)
    joined = " ".join(" ".join(rows).split())
    assert "Khmer text may look broken in a terminal: open it on the encounter screen (lep talk) or print it" in joined


# -- output encodings that are not UTF-8 (review M3) -----------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("translate", "Are you hurt?", "--to", "zh-Hans"),
        ("translate", "Are you hurt?", "--to", "ar"),
        ("lang", "farsi"),
        ("ispeak",),
        ("lines", "vi"),
        ("dispatch", "我需要帮助"),
    ],
)
@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "ascii"])
def test_output_encoding_that_is_not_utf8_degrades_instead_of_crashing(
    tmp_path: Path, args: tuple[str, ...], encoding: str
) -> None:
    env = _env(tmp_path, {"PYTHONIOENCODING": encoding})
    run = subprocess.run([sys.executable, "-m", "lepcli", *args], capture_output=True, env=env)
    assert run.returncode == 0, run.stderr
    assert b"internal error" not in run.stderr
    as_json = subprocess.run([sys.executable, "-m", "lepcli", *args, "--json"], capture_output=True, env=env)
    assert as_json.returncode == 0
    json.loads(as_json.stdout.decode(encoding))  # \u escapes: the data stays exact


def test_pick_at_the_end_of_input_is_bad_input_not_ctrl_c(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "lepcli", "ispeak", "--pick"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=_env(tmp_path),
    )
    assert run.returncode == 3 and "no number given" in run.stderr
