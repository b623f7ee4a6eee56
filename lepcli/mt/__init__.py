"""Offline machine translation with Argos Translate packages (tier 2 of ``lep translate``).

Public API (see /work/team-contracts.md):
  machine_translate(texts, source, target, *, progress=None) -> list[str]
  translate_labelled(texts, source, target, *, progress=None) -> MachineResult (texts + which engine)
  installed_pairs() -> list[tuple[str, str]]
  has_pair(source, target) -> bool

Callers must keep legal content (rights, consent, statements, victim interviews) away from these
functions. When the agency file names a LibreTranslate server (lepcli.mt.config), text goes there
first, with a short timeout, and the local models are the fallback; otherwise nothing leaves the
machine. Importing this package is cheap: ctranslate2 and the tokenizers load on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lepcli.errors import BadInput, Unavailable
from lepcli.policy import STATUS_LABELS

if TYPE_CHECKING:
    from lepcli.mt.installed import ModelPackage

PIVOT = "en"

# Languages the public Argos index has no model for (checked 2026, ../shared/ARGOS_NOTES.md).
NO_PUBLIC_MODEL = frozenset({"vi", "ht", "so", "am", "ti", "my", "kar", "ne", "ps", "hmn", "km", "lo", "pa", "gu"})


def installed_pairs() -> list[tuple[str, str]]:
    """Directly installed (source, target) pairs, lepcli codes (pivots not included)."""
    from lepcli.mt import installed

    return [(p.source, p.target) for p in installed.discover()]


def has_pair(source: str, target: str) -> bool:
    """True when ``machine_translate`` can translate source -> target (directly or through English)."""
    try:
        _route(source, target)
    except Unavailable:
        return False
    return True


@dataclass(frozen=True)
class MachineResult:
    """Machine translations and where they came from (for the MACHINE label)."""

    texts: list[str]
    engine: str  # "local" or "server"
    server: str | None = None  # the server's name, when it answered
    fallback_reason: str | None = None  # why a configured server was not used (no typed text in it)

    @property
    def label(self) -> str:
        if self.server:
            return f"MACHINE TRANSLATION ({self.server}): verify"
        return STATUS_LABELS["machine"]


def machine_translate(
    texts: Sequence[str],
    source: str,
    target: str,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> list[str]:
    """Translate a batch of texts; one output per input, newlines kept (see ``translate_labelled``)."""
    return translate_labelled(texts, source, target, progress=progress).texts


def translate_labelled(
    texts: Sequence[str],
    source: str,
    target: str,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> MachineResult:
    """Translate a batch of texts; one output per input, newlines kept.

    With an agency server configured, it is asked first; on any failure (timeout, refusal, pair
    not offered) the local models answer. Locally, pivots through English when there is no direct
    model and both halves are installed (either may be SentencePiece or BPE). ``progress(done,
    total)`` is called with sentence counts as each local model works through the batch.
    Raises errors.Unavailable (naming what to install and the interpreter line) when nothing fits.
    """
    if isinstance(texts, str):
        raise BadInput("machine_translate takes a list of texts, not one string")
    items = list(texts)
    if not all(isinstance(t, str) for t in items):
        raise BadInput("machine_translate takes a list of strings")
    if source == target or not items:
        return MachineResult(items, "local")
    from lepcli.mt import config

    settings, _problem = config.load_quietly()  # a broken key: `lep doctor` / `lep config check` say so
    reason = None
    if settings is not None and settings.server:
        from lepcli.mt import server

        try:
            out = server.translate(settings, items, source, target)
            if progress is not None:
                progress(len(items), len(items))
            return MachineResult(out, "server", server=settings.server_name)
        except server.ServerFailed as exc:
            reason = f"the MT server {settings.server_name} {exc.reason}"
    from lepcli.mt import engine

    try:
        route = _route(source, target)
    except Unavailable as exc:
        if reason is None:
            raise
        raise Unavailable(f"{reason}, and {exc.message}", hint=exc.hint) from None
    for pkg in route:
        items = engine.translate(pkg, items, progress=progress)
    return MachineResult(items, "local", fallback_reason=reason)


def _route(source: str, target: str) -> list[ModelPackage]:
    """The installed packages that translate source -> target: one, or two through English."""
    from lepcli.mt import installed

    source, target = installed.lep_code(source), installed.lep_code(target)
    by_pair = {(p.source, p.target): p for p in installed.discover()}
    direct = by_pair.get((source, target))
    if direct is not None:
        return [direct]
    first, second = by_pair.get((source, PIVOT)), by_pair.get((PIVOT, target))
    if PIVOT not in (source, target) and first is not None and second is not None:
        return [first, second]
    raise _unavailable(source, target, have=set(by_pair))


def _name(code: str) -> str:
    try:
        from lepcli import languages

        return languages.get(code).name
    except Exception:  # an unknown code still gets a message
        return code


def _unavailable(source: str, target: str, *, have: set[tuple[str, str]]) -> Unavailable:
    if PIVOT in (source, target):
        missing = [(source, target)]
    else:
        missing = [p for p in ((source, PIVOT), (PIVOT, target)) if p not in have]
    described = " and ".join(f"{_name(s)} → {_name(t)} ({s}->{t})" for s, t in missing)
    message = f"no offline machine-translation model for {described}"
    if PIVOT not in (source, target):
        message += f" (translating {_name(source)} → {_name(target)} goes through English)"
    focus = target if target != PIVOT else source
    install = "install one with `lep models install FILE.argosmodel`"
    if focus in NO_PUBLIC_MODEL:
        install = f"the public Argos index has no {_name(focus)} model; use the phrasebook or an interpreter"
    return Unavailable(f"{message}; {install}", hint=_interpreter_hint(focus))


def _interpreter_hint(code: str) -> str:
    try:
        from lepcli.agency import lines

        pointer = lines.interpreter_pointer(code)
    except Exception:  # lines.py missing or its configuration broken: still point to a qualified interpreter
        pointer = None
    if pointer:
        return f"for a qualified {_name(code)} interpreter: {pointer}"
    return f"for {_name(code)}, call your agency's interpreter line (see `lep lines {code}`)"
