"""Model versions held in place: `lep models pin` (this machine) and the agency's ``required_versions``.

The public index has swapped models under the same pair and back (German, Korean): an agency that
has checked one version can hold every laptop to it. A folder install skips packages of another
version; a single-file install refuses them; ``lep doctor`` flags an installed model of another
version. When both exist, the agency file wins over a local pin.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from lepcli import paths
from lepcli.errors import BadInput, ConfigError, NotFound
from lepcli.mt.installed import ModelPackage

MAX_PINS_BYTES = 1 << 20


@dataclass(frozen=True)
class Pin:
    pair: str
    version: str
    source: str  # "a pin (lep models pin)" or "the agency file <path>"

    @property
    def how_to_change(self) -> str:
        if self.source.startswith("the agency file"):
            return f"ask your coordinator, or edit machine_translation.required_versions in {self.source[16:]}"
        return f"lep models pin {self.pair} --clear   (or pin another version)"


def pins_file() -> Path:
    return paths.config_dir() / "model_pins.json"


def user_pins() -> dict[str, str]:
    path = pins_file()
    try:
        raw = path.read_bytes()[: MAX_PINS_BYTES + 1]
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", file=str(path)) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ConfigError("not valid JSON", file=str(path), hint="delete it and pin again") from None
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise ConfigError("must map a pair to a version", file=str(path), hint="delete it and pin again")
    return dict(data)


def _write(pins: dict[str, str]) -> None:
    from lepcli.files import atomic

    path = pins_file()
    paths.ensure_dir(path.parent)
    atomic.write_text(path, json.dumps(pins, indent=2, sort_keys=True) + "\n", force=True)


def required() -> dict[str, Pin]:
    """Every version requirement in force, by pair (agency file over local pins)."""
    from lepcli.mt import config

    found = {pair: Pin(pair, version, "a pin (lep models pin)") for pair, version in user_pins().items()}
    agency = config.load()  # a broken key is a ConfigError here: a requirement must not be ignored silently
    if agency is not None:
        for pair, version in agency.required_versions.items():
            found[pair] = Pin(pair, version, f"the agency file {agency.file}")
    return found


def set_pin(pair: str, version: str | None, *, installed: list[ModelPackage]) -> Pin:
    """Pin a pair to a version (default: the installed one)."""
    from lepcli.mt.archive import parse_pair
    from lepcli.mt.installed import _VERSION

    source, target = parse_pair(pair)
    key = f"{source}->{target}"
    if version is None:
        current = next((p for p in installed if p.pair == key), None)
        if current is None:
            raise NotFound(
                f"no model for {key} is installed; give the version to pin", hint=f"lep models pin {key} 1.9"
            )
        if not current.version:
            raise BadInput(f"the installed {key} model has no package_version to pin")
        version = current.version
    if not _VERSION.fullmatch(version):
        raise BadInput("not a version (e.g. 1.9)")
    pins = user_pins()
    pins[key] = version
    _write(pins)
    return Pin(key, version, "a pin (lep models pin)")


def clear_pin(pair: str) -> str:
    from lepcli.mt.archive import parse_pair

    source, target = parse_pair(pair)
    key = f"{source}->{target}"
    pins = user_pins()
    if key not in pins:
        raise NotFound(f"{key} is not pinned")
    del pins[key]
    _write(pins)
    return key


@dataclass(frozen=True)
class Mismatch:
    pin: Pin
    installed: str | None  # the installed version, or None when no model for the pair is installed

    @property
    def message(self) -> str:
        have = f"version {self.installed or '?'} is installed" if self.installed is not None else "none is installed"
        return f"{self.pin.pair}: {self.pin.source} requires version {self.pin.version}, {have}"


def mismatches(installed: list[ModelPackage]) -> list[Mismatch]:
    by_pair = {p.pair: p for p in installed}
    found = []
    for pair, pin in sorted(required().items()):
        pkg = by_pair.get(pair)
        if pkg is None or pkg.version != pin.version:
            found.append(Mismatch(pin, None if pkg is None else pkg.version))
    return found
