"""The agency's interpreter line as exports print it: structured, so HTML can link the number.

Built from ``lepcli.agency.lines.lines_for`` (the same choice as ``lep lines``: lines qualified for
interviews only, never family or bystanders). The PIN is left off unless asked for: a handout
given to community partners must not leak the agency's interpreter account.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Interpreter:
    name: str | None
    phone: str | None
    client_id: str | None = None
    pin: str | None = None  # only when the export was asked --with-pin
    ask_for: str | None = None
    status: str | None = None  # e.g. "closed, opens 08:00" when not open at export time
    fallback: str | None = None  # a whole sentence when the lines file is broken

    def text(self) -> str:
        if self.fallback:
            return self.fallback
        parts = [f"Call {self.name} {self.phone}"]
        if self.client_id:
            parts.append(f"client ID {self.client_id}")
        if self.pin:
            parts.append(f"PIN {self.pin}")
        out = ", ".join(parts)
        if self.ask_for:
            out += f"; ask for {self.ask_for}"
        if self.status:
            out += f" ({self.status})"
        return out

    @property
    def tel(self) -> str | None:
        """``tel:`` URI of the phone number (digits and a leading +; extensions as ;ext=)."""
        if not self.phone:
            return None
        pieces = re.split(r"\s*(?:x|ext\.?)\s*(?=\d)", self.phone, maxsplit=1, flags=re.I)
        main, ext = pieces[0], pieces[1] if len(pieces) > 1 else ""
        digits = re.sub(r"[^\d+]", "", main)
        digits = digits[:1] + digits[1:].replace("+", "")
        if len(re.sub(r"\D", "", digits)) < 3:
            return None
        ext_digits = re.sub(r"\D", "", ext)
        return f"tel:{digits}" + (f";ext={ext_digits}" if ext_digits else "")


def for_language(code: str, *, with_pin: bool = False) -> Interpreter | None:
    """The best qualified line for ``code`` from the agency's lines file, or None."""
    from lepcli.agency import lines
    from lepcli.errors import ConfigError, LepError

    try:
        answer = lines.lines_for(code, interview_only=True)
    except ConfigError:
        return Interpreter(
            None,
            None,
            fallback="Call your agency's interpreter line (the interpreter-lines file has errors: "
            "run `lep config check`)",
        )
    except LepError:
        return None
    if not answer.choices:
        return None
    best = answer.choices[0]
    ln = best.line
    return Interpreter(
        name=ln.name,
        phone=ln.phone,
        client_id=ln.client_id or None,
        pin=(ln.pin or None) if with_pin else None,
        ask_for=best.ask_for,
        status=None if best.state.open_now else best.state.status,
    )
