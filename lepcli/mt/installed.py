"""Installed translation packages: a cheap directory scan (metadata.json only, no ctranslate2).

Used by ``lep lang`` (via lepcli.availability) on every run, so it imports only the standard
library's light modules. Packages are looked for in lepcli's models folder, then in
argostranslate's own packages folder (read-only: lepcli never writes there).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lepcli import paths
from lepcli.errors import ModelError

MAX_METADATA_BYTES = 1 << 20

# Argos uses a few codes of its own; lepcli uses BCP 47 (lepcli.languages).
ARGOS_TO_LEP = {"zh": "zh-Hans", "zt": "zh-Hant", "pb": "pt"}
LEP_TO_ARGOS = {"zh-Hans": "zh", "zh-Hant": "zt", "zh": "zh"}

_CODE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
_VERSION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.+_-]{0,40}$")


def lep_code(code: str) -> str:
    """The lepcli code for an Argos code (``zh`` -> ``zh-Hans``)."""
    return ARGOS_TO_LEP.get(code, code)


def argos_code(code: str) -> str:
    """The Argos code for a lepcli code (``zh-Hans`` -> ``zh``)."""
    return LEP_TO_ARGOS.get(code, code)


@dataclass(frozen=True)
class ModelPackage:
    """One installed translation package."""

    source: str  # lepcli code
    target: str
    from_code: str  # as written in metadata.json
    to_code: str
    version: str
    path: Path
    origin: str  # "lepcli" or "argostranslate" (found in argostranslate's own packages folder)
    target_prefix: str = ""

    @property
    def pair(self) -> str:
        return f"{self.source}->{self.target}"

    def size_bytes(self) -> int:
        total = 0
        for root, _dirs, files in os.walk(self.path):
            for name in files:
                with contextlib.suppress(OSError):
                    total += os.lstat(os.path.join(root, name)).st_size
        return total

    def to_json(self) -> dict[str, Any]:
        return {
            "pair": self.pair,
            "source": self.source,
            "target": self.target,
            "version": self.version,
            "size_bytes": self.size_bytes(),
            "origin": self.origin,
            "path": str(self.path),
        }


# -- discovery ---------------------------------------------------------------------------------


def argos_packages_dir() -> Path:
    """argostranslate's packages folder, found the way argostranslate finds it (no import)."""
    env = os.environ.get("ARGOS_PACKAGES_DIR")
    if env:
        return Path(env).expanduser()
    home = Path(os.environ["SNAP_USER_DATA"]) if "SNAP" in os.environ else Path.home()
    config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config") / "argos-translate" / "settings.json"
    with contextlib.suppress(OSError, ValueError, AttributeError, TypeError):
        configured = json.loads(config.read_text(encoding="utf-8")).get("ARGOS_PACKAGES_DIR")
        if isinstance(configured, str) and configured:
            return Path(configured).expanduser()
    return Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share") / "argos-translate" / "packages"


def package_folders() -> list[tuple[Path, str]]:
    """Where packages are looked for, in order of preference: (folder, origin)."""
    ours = paths.models_dir()
    folders = [(ours, "lepcli")]
    theirs = argos_packages_dir()
    with contextlib.suppress(OSError):
        if theirs.resolve() != ours.resolve():
            folders.append((theirs, "argostranslate"))
    return folders


def read_metadata(folder: Path) -> dict[str, Any]:
    """Parse and check ``metadata.json`` in an installed or staged package folder."""
    path = folder / "metadata.json"
    try:
        if path.stat().st_size > MAX_METADATA_BYTES:
            raise ModelError(f"{path}: metadata.json is larger than {MAX_METADATA_BYTES:,} bytes")
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{folder}: no metadata.json") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ModelError(f"{path}: not valid JSON ({type(exc).__name__})") from None
    return check_metadata(data, where=str(path))


def check_metadata(data: object, *, where: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ModelError(f"{where}: metadata.json must hold a JSON object")
    for key in ("from_code", "to_code"):
        value = data.get(key)
        if not isinstance(value, str) or not _CODE.match(value):
            raise ModelError(f"{where}: field {key!r} is missing or is not a language code")
    if data["from_code"] == data["to_code"]:
        raise ModelError(f"{where}: from_code and to_code are the same")
    kind = data.get("type", "translate")
    if kind != "translate":
        raise ModelError(f"{where}: package type {kind!r} is not a translation package")
    version = data.get("package_version", "")
    if not isinstance(version, str) or (version and not _VERSION.match(version)):
        raise ModelError(f"{where}: field 'package_version' must be a short version string")
    prefix = data.get("target_prefix", "")
    if not isinstance(prefix, str) or len(prefix) > 64:
        raise ModelError(f"{where}: field 'target_prefix' must be a short string")
    return data


def _from_folder(folder: Path, origin: str) -> ModelPackage | None:
    """A package from an installed folder, or None when the folder is not a usable package."""
    try:
        meta = read_metadata(folder)
    except ModelError:
        return None
    if not (folder / "sentencepiece.model").is_file() or not (folder / "model" / "model.bin").is_file():
        return None  # e.g. BPE-tokenized packages, which only argostranslate reads
    return ModelPackage(
        source=lep_code(meta["from_code"]),
        target=lep_code(meta["to_code"]),
        from_code=meta["from_code"],
        to_code=meta["to_code"],
        version=meta.get("package_version", "") or "",
        path=folder,
        origin=origin,
        target_prefix=meta.get("target_prefix", "") or "",
    )


def discover() -> list[ModelPackage]:
    """Every usable installed package; for one pair, lepcli's own folder wins over argostranslate's."""
    found: dict[str, ModelPackage] = {}
    for folder, origin in package_folders():
        try:
            entries = sorted(folder.iterdir())
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(".") or not entry.is_dir():
                continue
            pkg = _from_folder(entry, origin)
            if pkg is None:
                continue
            current = found.get(pkg.pair)
            # An exact code beats a mapped one (a "pt" package beats a Brazilian "pb" one).
            if current is None or (
                current.origin == pkg.origin and (current.from_code, current.to_code) != (pkg.source, pkg.target)
            ):
                found[pkg.pair] = pkg
    return sorted(found.values(), key=lambda p: (p.source != "en", p.source, p.target))


def pairs_for(code: str) -> list[str]:
    """Installed pairs involving a language, e.g. ``["en->es", "es->en"]`` (cheap: metadata only)."""
    return [p.pair for p in discover() if code in (p.source, p.target)]
