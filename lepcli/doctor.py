"""`lep doctor`: where lepcli reads and writes, what is installed, and that nothing needs the network."""

from __future__ import annotations

import importlib.util
import os
import sys
from dataclasses import dataclass, field
from typing import Any

from lepcli import __version__, output, paths


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

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "python": self.python,
            "locations": self.locations,
            "checks": [c.__dict__ for c in self.checks],
            "offline": self.offline,
        }

    def to_view(self) -> output.View:
        view = output.View()
        view.add(output.Title(f"lepcli {self.version}", f"Python {self.python}"))
        view.add(
            output.Table(
                ["location", "path"], [[k, v] for k, v in self.locations.items()], title="Where lepcli reads and writes"
            )
        )
        view.add(
            output.Table(
                ["check", "status", "detail"],
                [[c.name, "ok" if c.ok else "missing", c.detail] for c in self.checks],
                title="What is installed",
            )
        )
        view.add(
            output.Note(
                "nothing here needs the network; only `lep models download` goes online, and only when you run it",
                tone="ok",
                label="offline",
            )
        )
        return view


def _has(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


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
        Check("phrasebooks", paths.packaged_phrasebooks_dir().is_dir(), str(paths.packaged_phrasebooks_dir())),
        Check("interpreter lines file", lines_path.is_file(), str(lines_path)),
        Check(
            "machine translation (ctranslate2, sentencepiece)",
            _has("ctranslate2") and _has("sentencepiece"),
            "pip install 'lepcli[mt]'",
        ),
        Check("PDF export (fpdf2, uharfbuzz)", _has("fpdf") and _has("uharfbuzz"), "pip install 'lepcli[export]'"),
        Check("study decks (genanki)", _has("genanki"), "pip install 'lepcli[export]'"),
        Check(
            "argostranslate (optional, for its package index)", _has("argostranslate"), "pip install 'lepcli[argos]'"
        ),
    ]
    py = ".".join(str(p) for p in sys.version_info[:3])
    return DoctorReport(version=__version__, python=py, locations=locations, checks=checks)
