"""`lep doctor`: where lepcli reads and writes, what is installed, and that nothing needs the network."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

from lepcli import __version__, paths


@dataclass
class Check:
    name: str
    ok: bool
    detail: str


@dataclass
class DoctorReport:
    version: str
    python: str
    locations: dict[str, str]
    checks: list[Check] = field(default_factory=list)
    offline: bool = True


def _version(*dists: str) -> str | None:
    """Installed versions of these distributions ("fpdf2 2.8.9, uharfbuzz 0.57.0"), or None if one is missing."""
    from importlib import metadata

    found = []
    for dist in dists:
        try:
            found.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            return None
    return ", ".join(found)


def _extra(name: str, dists: tuple[str, ...], hint: str) -> Check:
    version = _version(*dists)
    return Check(name, version is not None, version or f"not installed: {hint}")


def _phrasebooks() -> Check:
    from lepcli import phrasebook
    from lepcli.errors import LepError

    try:
        book = phrasebook.load()
    except LepError as exc:
        return Check("phrasebooks", False, exc.message)
    langs = [c for c in book.languages() if c != phrasebook.MASTER]
    return Check("phrasebooks", True, f"{len(book.phrases)} phrases; {len(langs)} languages: {', '.join(langs)}")


def _lines() -> Check:
    from lepcli.agency import lines
    from lepcli.errors import LepError

    try:
        directory = lines.load()
    except LepError as exc:
        return Check("interpreter lines", False, f"{exc.message} (run: lep config check)")
    count = len(directory.all_lines())
    if directory.example:  # the shipped fictional file: its numbers ring nowhere
        example = f"FICTIONAL EXAMPLE in use ({count} made-up lines): {lines.EXAMPLE_MARK}"
        return Check("interpreter lines", False, example)
    return Check("interpreter lines", True, f"{directory.agency}: {count} lines, time zone {directory.timezone}")


def _models() -> list[Check]:
    from lepcli.errors import LepError
    from lepcli.mt import installed, pins

    packages, broken = installed.scan()
    pairs = sorted({f"{p.source}->{p.target}" for p in packages})
    detail = ", ".join(pairs) if pairs else "none installed (lep models install FILE.argosmodel)"
    checks = [Check("offline translation models", bool(pairs), detail)]
    if broken:
        names = ", ".join(b.pair or b.name for b in broken)
        checks.append(Check("broken models", False, f"{names}: see lep models list, reinstall with --force"))
    try:
        found = pins.mismatches(packages)
    except LepError as exc:
        checks.append(Check("model versions", False, exc.message))
    else:
        if found:
            checks.append(Check("model versions", False, "; ".join(m.message for m in found)))
        elif pins.required():
            checks.append(Check("model versions", True, "every pinned or required version is installed"))
    return checks


def _mt_server() -> Check | None:
    """The optional agency MT server: None when not configured (the default)."""
    from lepcli.mt import config

    settings, problem = config.load_quietly()
    if problem is not None:
        return Check("agency MT server", False, f"{problem} (machine translation stays local)")
    if settings is None or not settings.server:
        return None
    detail = f"ON: {settings.server_name} at {settings.server} (timeout {settings.timeout:g} s)"
    if settings.api_key_env:
        import os as _os

        ok = bool(_os.environ.get(settings.api_key_env))
        detail += f"; API key from ${settings.api_key_env}" + ("" if ok else " (NOT SET)")
        return Check("agency MT server", ok, detail)
    return Check("agency MT server", True, detail)


def _fonts() -> Check:
    from lepcli.export import fonts

    missing = [
        f
        for f in ("NotoSans-Regular.ttf", "NotoNaskhArabic-Regular.ttf", "NotoSansCJK-Regular.ttc")
        if fonts.locate(f) is None
    ]
    if missing:
        return Check(
            "fonts for PDF export",
            False,
            "missing " + ", ".join(missing) + ": apt install fonts-noto-core fonts-noto-cjk",
        )
    return Check("fonts for PDF export", True, "Noto fonts found")


def report() -> DoctorReport:
    lines_path, lines_source = paths.lines_file()
    locations = {
        "LEP_HOME": os.environ.get(paths.ENV_HOME, "(not set)"),
        "config": str(paths.config_dir()),
        "data": str(paths.data_dir()),
        "models": str(paths.models_dir()),
        "packaged phrasebooks": str(paths.packaged_phrasebooks_dir()),
        "agency phrasebooks": ", ".join(str(p) for p in paths.agency_phrasebook_dirs()) or "(none)",
        "interpreter lines": f"{lines_path} ({lines_source})",
    }
    checks = [
        _phrasebooks(),
        _lines(),
        *_models(),
        _extra("machine translation", ("ctranslate2", "sentencepiece", "sacremoses", "subword-nmt"),
               "pip install 'lepcli[mt]'"),  # fmt: skip
        _extra("PDF and Anki export", ("fpdf2", "uharfbuzz", "genanki"), "pip install 'lepcli[export]'"),
        _fonts(),
        _extra("argostranslate (optional: its download index)", ("argostranslate",), "pip install 'lepcli[argos]'"),
    ]
    server = _mt_server()
    if server is not None:
        checks.append(server)
    py = ".".join(str(p) for p in sys.version_info[:3])
    online = server is not None and server.detail.startswith("ON")
    return DoctorReport(version=__version__, python=py, locations=locations, checks=checks, offline=not online)
