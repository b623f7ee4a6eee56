"""A dispatcher's one question: a message came in, which line do I dial, and what do I say?

Detects the message's language (:func:`lepcli.detect.detect`), then takes the interpreter line
open now for it with its call script (:func:`lepcli.agency.lines.lines_for`). When the language is
not certain, the answer is the language-identification path: an all-language line that can find
out (:func:`lepcli.agency.lines.identify_lines`), never a guess dressed up as an answer. The typed
message is never stored or echoed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from lepcli import jsonable
from lepcli.agency.lines import LinesAnswer
from lepcli.detect import DetectResult


@jsonable.shape(
    rename={"detected": "detect"},
    extra=[
        ("language", "detected.language"),
        ("ask_for", lambda a: None if a.uncertain else a.lines.language.ask_for),
        ("dial", "best"),
    ],
    order=("uncertain", "language", "ask_for", "detect", "dial"),
)
@dataclass
class DispatchAnswer:
    detected: DetectResult
    lines: LinesAnswer  # for the detected language, or the language-identification lines
    uncertain: bool

    @property
    def best(self) -> Any:
        """The line to dial first (a LineChoice), or None when nothing serves."""
        return self.lines.choices[0] if self.lines.choices else None


def dispatch(
    text: str,
    *,
    at: datetime | str | None = None,
    config: str | Path | None = None,
    among: list[str] | None = None,
    prefer: list[str] | None = None,
    emergency: bool = True,
) -> DispatchAnswer:
    """Detect ``text``'s language, then the line to call now (emergency lines first by default)."""
    from lepcli import detect
    from lepcli.agency import lines

    found = detect.detect(text, top=3, among=among, prefer=prefer)
    code = found.language
    also = [a.code for a in found.also]
    if code == "en" and also and also[0]:
        # An English message with another language in it ("my wife no habla ingles"): the caller
        # writes English, the person who needs help may not. The line is for that other language.
        code = also[0]
    if code is None:
        return DispatchAnswer(found, lines.identify_lines(at=at, config=config, limit=3), uncertain=True)
    answer = lines.lines_for(code, at=at, emergency=emergency, config=config, limit=3)
    return DispatchAnswer(found, answer, uncertain=False)
