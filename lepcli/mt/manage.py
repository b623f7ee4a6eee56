"""`lep models verify` and `lep models download` (the only code in lepcli that goes online)."""

from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lepcli import jsonable, paths
from lepcli.errors import LepError, ModelError, NotFound, Unavailable
from lepcli.mt import archive as package
from lepcli.mt import installed
from lepcli.mt.archive import InstallReport

SMOKE_TEXT = {"en": "Hello. Are you hurt?"}
DEFAULT_SMOKE = "1 2 3."

ARGOS_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
NETWORK_TIMEOUT = 30.0


# -- verify ------------------------------------------------------------------------------------


@dataclass
class Check:
    pair: str | None
    origin: str
    ok: bool
    detail: str
    seconds: float
    data: dict[str, Any]

    def to_json(self) -> dict[str, Any]:  # its package's keys (which differ for a broken one), then the check's
        return {**self.data, "status": "ok" if self.ok else "failed", "detail": self.detail,
                "seconds": round(self.seconds, 3)}  # fmt: skip


@jsonable.shape(rename={"checks": "models"}, extra=("ok",), order=("ok", "models"))
@dataclass
class VerifyReport:
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)


def verify() -> VerifyReport:
    """Load every installed model and translate a short text with it; broken folders fail too."""
    from lepcli.mt import engine

    package.recover()
    packages, broken = installed.scan()
    report = VerifyReport()
    for pkg in packages:
        started = time.perf_counter()
        try:
            package.check_loads(pkg.path, where=pkg.pair)
            engine.clear_cache()
            (out,) = engine.translate(pkg, [SMOKE_TEXT.get(pkg.source, DEFAULT_SMOKE)])
            ok, detail = (True, f"{len(out)} characters out") if out.strip() else (False, "empty translation")
        except LepError as exc:
            ok, detail = False, exc.message
        seconds = time.perf_counter() - started
        report.checks.append(Check(pkg.pair, pkg.origin, ok, detail, seconds, jsonable.to_json(pkg)))
    for bad in broken:
        report.checks.append(Check(bad.pair, bad.origin, False, f"broken: {bad.problem}", 0.0, jsonable.to_json(bad)))
    return report


# -- download (explicit, online) ---------------------------------------------------------------


def index_url() -> str:
    base = os.environ.get("ARGOS_PACKAGE_INDEX")
    return base.rstrip("/") + "/index.json" if base else ARGOS_INDEX


def _fetch(url: str, *, limit: int) -> bytes:
    """GET over HTTPS with a size limit; any network failure becomes errors.Unavailable."""
    import urllib.request

    if not url.startswith("https://"):
        raise ModelError(f"refusing a non-HTTPS download link: {url[:80]}")
    try:
        with urllib.request.urlopen(url, timeout=NETWORK_TIMEOUT) as response:  # noqa: S310 - https only
            data: bytes = response.read(limit + 1)
    except Exception as exc:  # URLError, OSError, timeouts, a blocked socket: all mean "offline here"
        raise Unavailable(
            f"could not download {url} ({type(exc).__name__}): this machine seems to be offline",
            hint="on an offline laptop, copy the .argosmodel file over and run: lep models install FILE.argosmodel",
        ) from None
    if len(data) > limit:
        raise ModelError(f"{url}: larger than {limit:,} bytes")
    return data


@jsonable.shape(  # the install's keys, then what was downloaded from where
    skip=("install",),
    rename={"sources": "downloaded_from"},
    extra=[(k, f"install.{k}") for k in ("installed", "replaced", "skipped")],
    order=("installed", "replaced", "skipped"),
)
@dataclass
class DownloadReport:
    language: str
    index: str
    sources: list[str]
    install: InstallReport


def download(code: str, *, force: bool = False) -> DownloadReport:
    """Download the en->LANG and LANG->en packages from the Argos index and install them safely."""
    url = index_url()
    raw = _fetch(url, limit=16 << 20)
    try:
        index = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ModelError(f"{url}: the package index is not valid JSON") from None
    wanted = installed.argos_code(code)
    entries = [
        e
        for e in (index if isinstance(index, list) else [])
        if isinstance(e, dict)
        and e.get("type", "translate") == "translate"
        and {e.get("from_code"), e.get("to_code")} == {"en", wanted}
    ]
    if not entries:
        raise NotFound(f"the Argos package index has no model for {code} (English ↔ {code})")
    root = paths.ensure_dir(paths.models_dir())
    sources: list[str] = []
    with tempfile.TemporaryDirectory(prefix=f".download-{os.getpid()}-", dir=root) as tmp:
        for entry in entries:
            links = [link for link in entry.get("links", []) if isinstance(link, str)]
            if not links:
                raise ModelError(f"the index entry for {entry.get('from_code')}->{entry.get('to_code')} has no link")
            name = f"translate-{entry['from_code']}_{entry['to_code']}{package.SUFFIX}"
            data = _fetch(links[0], limit=package.MAX_ARCHIVE_BYTES)
            Path(tmp, name).write_bytes(data)
            sources.append(links[0])
        report = package.install(Path(tmp), force=force)
    return DownloadReport(language=code, index=url, sources=sources, install=report)
