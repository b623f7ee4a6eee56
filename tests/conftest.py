"""Test set-up: a private LEP_HOME per test (its parsed-phrasebook cache shared), plain deterministic
output, the network blocked.

pytest-socket (``--disable-socket --allow-unix-socket`` in pyproject) makes any attempt to
open an inet socket fail the test; ``test_offline.py`` proves the guard is active.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

try:  # tests/test_robustness.py: `make test` runs "default"; HYPOTHESIS_PROFILE=long is the long campaign
    import os as _os

    from hypothesis import settings as _hypothesis_settings

    _hypothesis_settings.register_profile("default", max_examples=30, deadline=None, derandomize=True)
    _hypothesis_settings.register_profile("long", max_examples=2000, deadline=None)
    _hypothesis_settings.load_profile(_os.environ.get("HYPOTHESIS_PROFILE", "default"))
except ImportError:
    pass


PHRASEBOOKS = Path(__file__).resolve().parent.parent / "phrasebooks"


@functools.cache
def _shipped_yaml(name: str) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the pure-Python loader takes ~1 s for en.yaml
    return yaml.load((PHRASEBOOKS / name).read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 (a safe loader)


def shipped_yaml(name: str) -> Any:
    """A packaged phrasebook file as plain YAML data (read independently of lepcli's loader), parsed once
    per session; each caller gets its own copy."""
    return copy.deepcopy(_shipped_yaml(name))


SHARED_CACHES = ("phrasebooks", "books", "indexes", "data")  # parsed files, merged books, indexes, language tables


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder of parsed phrasebook files and search indexes for the whole session (per xdist worker).

    Both caches are keyed on the bytes they were built from (lepcli.files.cache), so sharing them cannot
    serve a test another test's content: they only spare every test, and every `lep` a test starts in a
    new process, re-parsing the same packaged YAML files and re-indexing the same phrases."""
    root = tmp_path_factory.mktemp("shared-cache")
    for name in SHARED_CACHES:
        (root / name).mkdir()
    return root


def share_cache(home: Path, shared: Path) -> Path:
    """Give the LEP_HOME ``home`` the session's shared caches; returns ``home``."""
    (home / "cache").mkdir(parents=True, exist_ok=True)
    for name in SHARED_CACHES:
        link = home / "cache" / name
        if not link.exists():
            link.symlink_to(shared / name, target_is_directory=True)
    return home


@pytest.fixture(autouse=True)
def lep_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, shared_cache: Path) -> Path:
    home = share_cache(tmp_path_factory.mktemp("lep-home"), shared_cache)  # beside tmp_path, not in it
    monkeypatch.setenv("LEP_HOME", str(home))
    monkeypatch.delenv("LEP_LINES", raising=False)
    monkeypatch.delenv("LEP_PHRASEBOOKS", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERMINAL_WIDTH", "120")
    monkeypatch.setenv("COLUMNS", "120")
    return home


class Run:
    """Result of an in-process `lep` run."""

    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr

    def json(self) -> object:
        import json

        return json.loads(self.stdout)


@pytest.fixture
def lep() -> Callable[..., Run]:
    """Run `lep ARGS...` in-process through ``cli.main`` (the real error-to-exit-code path)."""
    from lepcli.cli import app as cli

    def run(*args: str, input: str | bytes | None = None) -> Run:
        runner = CliRunner()

        def entry() -> None:
            cli.main(list(args))

        import typer

        shim = typer.Typer()
        shim.command()(entry)
        result = runner.invoke(shim, [], input=input, catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr)

    return run


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",  # the browser itself stays offline
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One real Chromium (Debian's, driven by Playwright, no browser download) for every browser test.

    Playwright's sync API runs one driver per process: two test modules each starting their own
    would hang the second, so the session shares this one."""
    from pathlib import Path as _Path

    if not _Path(CHROMIUM).exists():
        pytest.skip("needs Debian's chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
