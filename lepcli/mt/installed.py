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
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lepcli import jsonable, paths
from lepcli.errors import ModelError

MAX_METADATA_BYTES = 1 << 20

# Argos uses a few codes of its own; lepcli uses BCP 47 (lepcli.languages).
ARGOS_TO_LEP = {"zh": "zh-Hans", "zt": "zh-Hant", "pb": "pt"}
LEP_TO_ARGOS = {"zh-Hans": "zh", "zh-Hant": "zt", "zh": "zh"}

# Used with fullmatch: "$" would accept a trailing newline, and a code with a newline made a folder
# name no command could address (robustness review L1). At most two subtags keeps names short.
_CODE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,2}")
_VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+_-]{0,40}")


def is_code(text: str) -> bool:
    return _CODE.fullmatch(text) is not None


def lep_code(code: str) -> str:
    """The lepcli code for an Argos code (``zh`` -> ``zh-Hans``)."""
    return ARGOS_TO_LEP.get(code, code)


def argos_code(code: str) -> str:
    """The Argos code for a lepcli code (``zh-Hans`` -> ``zh``)."""
    return LEP_TO_ARGOS.get(code, code)


@jsonable.shape(
    skip=("from_code", "to_code", "target_prefix"),
    extra=["pair", ("size_bytes", lambda p: p.size_bytes())],
    order=("pair", "source", "target", "version", "size_bytes", "tokenizer", "origin", "path"),
)
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
    tokenizer: str = "sentencepiece"  # or "bpe"

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


@jsonable.shape(extra=[("folder", "name")], order=("folder", "pair", "origin", "problem", "path"))
@dataclass(frozen=True)
class BrokenPackage:
    """A package folder that is there but cannot be used (files deleted or damaged after install)."""

    path: Path
    origin: str
    problem: str
    pair: str | None  # from metadata.json or the folder name, when either can be read

    @property
    def name(self) -> str:
        return self.path.name


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
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):  # a FIFO would hang, /dev/zero would fill memory
            raise ModelError(f"{path}: metadata.json is not a regular file")
        if st.st_size > MAX_METADATA_BYTES:
            raise ModelError(f"{path}: metadata.json is larger than {MAX_METADATA_BYTES:,} bytes")
        with open(path, "rb") as handle:
            raw = handle.read(MAX_METADATA_BYTES + 1)
        if len(raw) > MAX_METADATA_BYTES:
            raise ModelError(f"{path}: metadata.json is larger than {MAX_METADATA_BYTES:,} bytes")
        data = parse_metadata(raw)
    except FileNotFoundError:
        raise ModelError(f"{folder}: no metadata.json") from None
    except (OSError, UnicodeDecodeError, ValueError, RecursionError, MemoryError) as exc:
        raise ModelError(f"{path}: not valid JSON ({type(exc).__name__})") from None
    return check_metadata(data, where=str(path))


def parse_metadata(raw: bytes) -> Any:
    """JSON from bytes; deep nesting raises RecursionError, which callers treat as invalid JSON."""
    return json.loads(raw.decode("utf-8"))


def check_metadata(data: object, *, where: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ModelError(f"{where}: metadata.json must hold a JSON object")
    for key in ("from_code", "to_code"):
        value = data.get(key)
        if not isinstance(value, str) or not is_code(value):
            raise ModelError(f"{where}: field {key!r} is missing or is not a language code")
    if data["from_code"] == data["to_code"]:
        raise ModelError(f"{where}: from_code and to_code are the same")
    kind = data.get("type", "translate")
    if kind != "translate":
        raise ModelError(f"{where}: package type {kind!r} is not a translation package")
    version = data.get("package_version", "")
    if not isinstance(version, str) or (version and not _VERSION.fullmatch(version)):
        raise ModelError(f"{where}: field 'package_version' must be a short version string")
    prefix = data.get("target_prefix", "")
    if not isinstance(prefix, str) or len(prefix) > 64:
        raise ModelError(f"{where}: field 'target_prefix' must be a short string")
    return data


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _pair_from_name(name: str) -> str | None:
    """``translate-en_es`` or ``translate-en_es-1_0`` -> ``en->es`` (for broken packages)."""
    match = re.fullmatch(r"translate-([a-z]{2,3})_([a-z]{2,3})(?:-[0-9_]+)?", name)
    return f"{lep_code(match.group(1))}->{lep_code(match.group(2))}" if match else None


def inspect_folder(folder: Path, origin: str) -> ModelPackage | BrokenPackage | None:
    """A package, a broken package, or None for a folder that is not a package at all."""
    from lepcli.mt import tokenizers

    has_meta = (folder / "metadata.json").exists() or (folder / "metadata.json").is_symlink()
    if not has_meta and not folder.name.startswith("translate-"):
        return None  # e.g. argostranslate's other folders; not ours to judge

    def broken(problem: str, pair: str | None = None) -> BrokenPackage:
        return BrokenPackage(folder, origin, problem, pair or _pair_from_name(folder.name))

    try:
        meta = read_metadata(folder)
    except ModelError as exc:
        if "is not a translation package" in exc.message:
            return None  # e.g. an old argostranslate sentence-boundary package: not a broken translator
        meta_path = str(folder / "metadata.json")
        text = exc.message.replace(f"{meta_path}: metadata.json", "metadata.json").replace(meta_path, "metadata.json")
        return broken(text.replace(f"{folder}: ", ""))
    pair = f"{lep_code(meta['from_code'])}->{lep_code(meta['to_code'])}"
    kind = tokenizers.kind_of(folder)
    if kind is None:
        return broken("no sentencepiece.model or bpe.model (the tokenizer)", pair)
    tokenizer_file = tokenizers.SENTENCEPIECE_FILE if kind == "sentencepiece" else tokenizers.BPE_FILE
    if not _is_regular(folder / tokenizer_file):
        return broken(f"{tokenizer_file} is missing or not a regular file", pair)
    if not (folder / "model").is_dir():
        return broken("model/ (the CTranslate2 model) is missing or not a folder", pair)
    for needed in ("model.bin", "config.json"):
        if not _is_regular(folder / "model" / needed):
            return broken(f"model/{needed} is missing or not a regular file", pair)
    return ModelPackage(
        source=lep_code(meta["from_code"]),
        target=lep_code(meta["to_code"]),
        from_code=meta["from_code"],
        to_code=meta["to_code"],
        version=meta.get("package_version", "") or "",
        path=folder,
        origin=origin,
        target_prefix=meta.get("target_prefix", "") or "",
        tokenizer=kind,
    )


def scan() -> tuple[list[ModelPackage], list[BrokenPackage]]:
    """Usable packages (for one pair, lepcli's own folder wins over argostranslate's) and broken ones."""
    found: dict[str, ModelPackage] = {}
    broken: list[BrokenPackage] = []
    for folder, origin in package_folders():
        try:
            entries = sorted(folder.iterdir())
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if not entry.is_dir():
                if origin == "lepcli" and entry.name.startswith("translate-"):
                    broken.append(BrokenPackage(entry, origin, "not a folder", _pair_from_name(entry.name)))
                continue
            pkg = inspect_folder(entry, origin)
            if pkg is None:
                continue
            if isinstance(pkg, BrokenPackage):
                broken.append(pkg)
                continue
            current = found.get(pkg.pair)
            # An exact code beats a mapped one (a "pt" package beats a Brazilian "pb" one).
            if current is None or (
                current.origin == pkg.origin and (current.from_code, current.to_code) != (pkg.source, pkg.target)
            ):
                found[pkg.pair] = pkg
    packages = sorted(found.values(), key=lambda p: (p.source != "en", p.source, p.target))
    return packages, broken


def discover() -> list[ModelPackage]:
    """Every usable installed package; for one pair, lepcli's own folder wins over argostranslate's."""
    return scan()[0]


def pairs_for(code: str) -> list[str]:
    """Installed pairs involving a language, e.g. ``["en->es", "es->en"]`` (cheap: metadata only)."""
    return [p.pair for p in discover() if code in (p.source, p.target)]
