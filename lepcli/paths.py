"""Where lepcli reads and writes. Nothing is created at import; writers call ``ensure_dir``.

Search order for agency files: an explicit ``--config``/argument, then an environment
variable, then the user config folder, then the default shipped inside the package.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

APP_NAME = "lepcli"
ENV_HOME = "LEP_HOME"  # one folder for everything (tests, portable installs)
ENV_LINES = "LEP_LINES"  # an agency's language_lines.yaml
ENV_PHRASEBOOKS = "LEP_PHRASEBOOKS"  # an extra folder of agency phrasebook YAML files


def _home() -> Path | None:
    value = os.environ.get(ENV_HOME)
    return Path(value).expanduser() if value else None


# The XDG base-directory spec, as platformdirs answers it on Linux (tests/test_foundation.py compares the
# two): an absolute $XDG_*_HOME, else the folder under an absolute $HOME. Read here without platformdirs'
# ~4.5 ms import (it loads tempfile and random) at every start-up; anything unusual (another system, a
# relative or missing HOME) asks platformdirs.
_XDG = {"config": ("XDG_CONFIG_HOME", "~/.config"), "data": ("XDG_DATA_HOME", "~/.local/share"),
        "cache": ("XDG_CACHE_HOME", "~/.cache")}  # fmt: skip


def _user_dir(kind: str) -> Path:
    variable, default = _XDG[kind]
    home = os.environ.get("HOME", "")
    if sys.platform.startswith("linux") and os.path.isabs(home):
        base = os.environ.get(variable, "")
        return Path(base if os.path.isabs(base) else home + default[1:]) / APP_NAME
    import platformdirs

    found = getattr(platformdirs, f"user_{kind}_dir")(APP_NAME, appauthor=False)
    return Path(found)


def config_dir() -> Path:
    home = _home()
    if home is not None:
        return home / "config"
    return _user_dir("config")


def data_dir() -> Path:
    home = _home()
    if home is not None:
        return home / "data"
    return _user_dir("data")


def models_dir() -> Path:
    """Installed translation models (one folder per package)."""
    return data_dir() / "models"


def cache_dir() -> Path:
    home = _home()
    if home is not None:
        return home / "cache"
    return _user_dir("cache")


@functools.cache  # where this file is installed: fixed for the life of the process
def packaged_data_dir() -> Path:
    """The shipped defaults: inside the wheel (``lepcli/_data``) or the repository root."""
    here = Path(__file__).resolve().parent
    inside = here / "_data"  # hatch force-include puts phrasebooks/ and language_lines.yaml here
    return inside if inside.is_dir() else here.parent


def packaged_phrasebooks_dir() -> Path:
    return packaged_data_dir() / "phrasebooks"


def packaged_lines_file() -> Path:
    return packaged_data_dir() / "language_lines.yaml"


def user_phrasebooks_dir() -> Path:
    return config_dir() / "phrasebooks"


def agency_phrasebook_dirs() -> list[Path]:
    """Folders of agency phrasebook files, in override order (later wins)."""
    dirs = [user_phrasebooks_dir()]
    extra = os.environ.get(ENV_PHRASEBOOKS)
    if extra:
        dirs.append(Path(extra).expanduser())
    return [d for d in dirs if d.is_dir()]


def user_lines_file() -> Path:
    return config_dir() / "language_lines.yaml"


def lines_file(explicit: str | Path | None = None) -> tuple[Path, str]:
    """The interpreter-lines file in use and why: (path, source)."""
    if explicit is not None:
        return Path(explicit).expanduser(), "--config"
    env = os.environ.get(ENV_LINES)
    if env:
        return Path(env).expanduser(), f"${ENV_LINES}"
    user = user_lines_file()
    if user.is_file():
        return user, "user config"
    return packaged_lines_file(), "packaged example"


def ensure_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path
