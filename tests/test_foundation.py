"""Foundation: the CLI shell, exit codes, output contract, paths."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lepcli import paths
from lepcli.errors import ExitCode
from tests.conftest import shipped_yaml

ROOT = Path(__file__).resolve().parent.parent


def _all_commands() -> list[list[str]]:
    import typer.main

    from lepcli.cli.app import full_app

    group = typer.main.get_command(full_app())
    found: list[list[str]] = []

    def walk(cmd: object, prefix: list[str]) -> None:
        subs = getattr(cmd, "commands", None)
        if subs:
            for name, sub in subs.items():
                walk(sub, [*prefix, name])
        else:
            found.append(prefix)

    walk(group, [])
    return found


def test_every_command_has_help_with_an_example_and_is_in_the_readme(lep) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = _all_commands()
    assert ["lang"] in commands and ["doctor"] in commands
    for cmd in commands:
        result = lep(*cmd, "--help")
        assert result.exit_code == 0, cmd
        assert "Example" in result.stdout, f"lep {' '.join(cmd)} --help has no example"
        assert f"lep {' '.join(cmd)}" in readme, f"lep {' '.join(cmd)} is not documented in README.md"


def test_every_command_offers_json(lep) -> None:
    no_json = {("models", "download")}
    for cmd in _all_commands():
        if tuple(cmd) in no_json:
            continue
        assert "--json" in lep(*cmd, "--help").stdout, cmd


def test_exit_codes_are_documented_in_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code in ExitCode:
        assert re.search(rf"\|\s*{int(code)}\s*\|", readme), f"exit code {int(code)} missing from README"


def test_unknown_option_is_a_usage_error(lep) -> None:
    result = lep("lang", "--bogus")
    assert result.exit_code == ExitCode.USAGE
    assert "No such option" in result.stderr


def test_nothing_is_created_at_import(tmp_path: Path) -> None:
    home = tmp_path / "untouched"
    env = {**os.environ, "LEP_HOME": str(home)}
    subprocess.run([sys.executable, "-c", "import lepcli.cli.app, lepcli.paths, lepcli.languages"], check=True, env=env)
    assert not home.exists()


def test_lep_home_moves_every_location(lep_home: Path) -> None:
    for folder in (paths.config_dir(), paths.data_dir(), paths.models_dir(), paths.cache_dir()):
        assert lep_home in folder.parents


def test_python_dash_m_runs() -> None:
    out = subprocess.run([sys.executable, "-m", "lepcli", "lang", "fa", "--json"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert '"code": "fa"' in out.stdout


def test_internal_error_hides_the_message(monkeypatch: pytest.MonkeyPatch, lep) -> None:
    from lepcli import languages

    def boom(query: str) -> None:
        raise RuntimeError(f"secret words: {query}")

    monkeypatch.setattr(languages, "resolve", boom)
    result = lep("lang", "my private words")
    assert result.exit_code == ExitCode.FAILURE
    assert "private" not in result.stderr + result.stdout
    assert "RuntimeError" in result.stderr


def test_doctor_reports_locations_and_offline(lep, lep_home: Path) -> None:
    result = lep("doctor", "--json")
    assert result.exit_code == 0
    data = result.json()
    assert data["offline"] is True
    assert str(lep_home) in data["locations"]["models"]
    checks = {c["name"]: c for c in data["checks"]}
    master = shipped_yaml("en.yaml")
    assert checks["phrasebooks"]["ok"] and f"{len(master['phrases'])} phrases" in checks["phrasebooks"]["detail"]
    assert not checks["interpreter lines"]["ok"] and "FICTIONAL EXAMPLE" in checks["interpreter lines"]["detail"]
    assert not checks["offline translation models"]["ok"]  # a new LEP_HOME has none
    human = lep("doctor")
    assert "nothing here needs the network" in human.stdout


def test_doctor_names_a_broken_lines_file(lep, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "lines.yaml"
    bad.write_text("agency: [unclosed\n", encoding="utf-8")
    monkeypatch.setenv("LEP_LINES", str(bad))
    checks = {c["name"]: c for c in lep("doctor", "--json").json()["checks"]}
    assert not checks["interpreter lines"]["ok"] and str(bad) in checks["interpreter lines"]["detail"]


def test_plain_output_when_not_a_tty(tmp_path: Path) -> None:
    """Piped: plain text. The same command on a real terminal (a pty) is drawn by Rich, so the check
    can tell the two apart."""
    import pty

    lep = str(Path(sys.executable).parent / "lep")
    env = {**os.environ, "LEP_HOME": str(tmp_path), "TERM": "xterm-256color", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    piped = subprocess.run([lep, "lang", "farsi"], capture_output=True, text=True, env=env, timeout=60).stdout
    assert "Persian" in piped and "\x1b[" not in piped  # no colour codes in pipes
    main, child = pty.openpty()
    proc = subprocess.Popen([lep, "lang", "farsi"], stdout=child, stderr=child, env=env)
    os.close(child)
    chunks = []
    while True:
        try:
            data = os.read(main, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(main)
    on_terminal = b"".join(chunks).decode("utf-8", "replace")
    assert "Persian" in on_terminal and "\x1b[" in on_terminal


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"XDG_CONFIG_HOME": "/srv/conf", "XDG_DATA_HOME": "/srv/data", "XDG_CACHE_HOME": "/srv/cache"},
        {"XDG_CONFIG_HOME": "", "XDG_DATA_HOME": "  ", "XDG_CACHE_HOME": "relative/cache"},
        {"HOME": "/home/officer/"},
        {"HOME": "relative-home"},
    ],
)
def test_user_folders_are_where_platformdirs_puts_them(monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> None:
    """paths reads the XDG variables itself on Linux (start-up speed); the folders must be platformdirs' own."""
    import platformdirs

    from lepcli import paths

    monkeypatch.delenv("LEP_HOME", raising=False)
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert paths.config_dir() == Path(platformdirs.user_config_dir("lepcli", appauthor=False))
    assert paths.data_dir() == Path(platformdirs.user_data_dir("lepcli", appauthor=False))
    assert paths.cache_dir() == Path(platformdirs.user_cache_dir("lepcli", appauthor=False))
