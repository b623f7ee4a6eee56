"""Text for a terminal that may not do bidirectional layout or Arabic shaping.

Many terminals (xterm, Windows Terminal, most macOS terminals other than Terminal.app) print
characters left to right in memory order and do not join Arabic letters. For those,
:func:`visual` reorders a right-to-left line into display order and replaces Arabic letters
with their joined presentation forms (the table is built from Unicode character names, so no
extra dependency). Terminals that do BiDi themselves (VTE/GNOME Terminal, Konsole, mlterm,
Terminal.app) get the text in logical order, as do pipes and files.
"""

from __future__ import annotations

import functools
import os
import unicodedata
from collections.abc import Mapping

ZWNJ, ZWJ = "\u200c", "\u200d"
_MIRROR = {"(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "<": ">", ">": "<", "«": "»", "»": "«"}
_SUFFIXES = ("ISOLATED", "FINAL", "INITIAL", "MEDIAL")
_LAM = "\u0644"
_COERCED = frozenset({"C.UTF-8", "C.utf8", "UTF-8"})


@functools.cache
def _forms() -> dict[str, tuple[str | None, ...]]:
    """Arabic letter -> (isolated, final, initial, medial) presentation forms, where Unicode has them."""
    table: dict[str, tuple[str | None, ...]] = {}
    for cp in list(range(0x0620, 0x064B)) + list(range(0x0671, 0x06D4)):
        ch = chr(cp)
        name = unicodedata.name(ch, "")
        if not name.startswith("ARABIC LETTER") and name != "ARABIC TATWEEL":
            continue
        forms: list[str | None] = []
        for suffix in _SUFFIXES:
            try:
                forms.append(unicodedata.lookup(f"{name} {suffix} FORM"))
            except KeyError:
                forms.append(None)
        if name == "ARABIC TATWEEL":
            forms = [ch, ch, ch, ch]
        if any(forms):
            table[ch] = tuple(forms)
    return table


@functools.cache
def _lam_alef() -> dict[str, tuple[str, str]]:
    """Alef variant -> (isolated, final) lam-alef ligature."""
    out: dict[str, tuple[str, str]] = {}
    for alef, tail in (
        ("\u0627", ""),
        ("\u0622", " WITH MADDA ABOVE"),
        ("\u0623", " WITH HAMZA ABOVE"),
        ("\u0625", " WITH HAMZA BELOW"),
    ):
        try:
            iso = unicodedata.lookup(f"ARABIC LIGATURE LAM WITH ALEF{tail} ISOLATED FORM")
            fin = unicodedata.lookup(f"ARABIC LIGATURE LAM WITH ALEF{tail} FINAL FORM")
        except KeyError:
            continue
        out[alef] = (iso, fin)
    return out


def _dual(ch: str) -> bool:
    f = _forms().get(ch)
    return bool(f and f[2] and f[3])


def _joins_back(ch: str) -> bool:
    f = _forms().get(ch)
    return bool(f and f[1])


def shape_arabic(text: str) -> str:
    """Logical-order Arabic-script text with letters replaced by their joined forms."""
    forms = _forms()
    chars = list(text)
    out: list[str] = []
    i = 0

    def neighbour(j: int, step: int) -> str | None:
        j += step
        while 0 <= j < len(chars):
            c = chars[j]
            if unicodedata.category(c) == "Mn":
                j += step
                continue
            return c
        return None

    while i < len(chars):
        ch = chars[i]
        if ch not in forms:
            out.append(ch)
            i += 1
            continue
        prev = neighbour(i, -1)
        joins_prev = prev is not None and _dual(prev) and _joins_back(ch)
        nxt = neighbour(i, 1)
        if ch == _LAM and nxt in _lam_alef():
            lig_iso, lig_fin = _lam_alef()[nxt]
            out.append(lig_fin if joins_prev else lig_iso)
            # keep marks between lam and alef, drop the alef itself
            j = i + 1
            while j < len(chars) and chars[j] != nxt:
                out.append(chars[j])
                j += 1
            i = j + 1
            continue
        joins_next = nxt is not None and _dual(ch) and _joins_back(nxt)
        iso, fin, ini, med = forms[ch]
        if joins_prev and joins_next and med:
            out.append(med)
        elif joins_next and ini:
            out.append(ini)
        elif joins_prev and fin:
            out.append(fin)
        else:
            out.append(iso or ch)
        i += 1
    return "".join(out)


def clusters(text: str) -> list[str]:
    """Grapheme-like clusters: a base character with its combining marks and joiners."""
    out: list[str] = []
    for ch in text:
        if out and (unicodedata.category(ch) in ("Mn", "Mc", "Me") or ch in (ZWJ, ZWNJ) or out[-1].endswith(ZWJ)):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _is_ltr(cluster: str) -> bool:
    base = cluster[0]
    if base.isdigit():
        return True
    bidi = unicodedata.bidirectional(base)
    return bidi == "L"


def visual(text: str, *, rtl: bool) -> str:
    """Display order for a terminal without BiDi: right-to-left lines reversed by cluster,
    runs of Latin letters and digits kept left to right, Arabic letters joined."""
    if not rtl:
        return text
    shaped = shape_arabic(text).replace(ZWNJ, "")
    parts = clusters(shaped)
    runs: list[list[str]] = []
    for cl in parts:
        ltr = _is_ltr(cl)
        if runs and runs[-1] and _is_ltr(runs[-1][-1]) and (ltr or cl == " ") and ltr:
            runs[-1].append(cl)
        elif ltr:
            runs.append([cl])
        else:
            runs.append([_MIRROR.get(cl, cl)])
    return "".join("".join(run) for run in reversed(runs))


def bidi_mode(env: Mapping[str, str] | None = None, *, isatty: bool) -> str:
    """``terminal`` when the terminal applies BiDi itself (or output is not a terminal), else ``reorder``."""
    env = os.environ if env is None else env
    forced = env.get("LEP_BIDI", "").strip().lower()
    if forced in ("terminal", "reorder"):
        return forced
    if not isatty:
        return "terminal"
    vte = env.get("VTE_VERSION", "")
    if vte.isdigit() and int(vte) >= 5800:  # GNOME Terminal, Tilix ... (BiDi since VTE 0.58)
        return "terminal"
    if env.get("KONSOLE_VERSION") or env.get("MLTERM"):
        return "terminal"
    if env.get("TERM_PROGRAM") == "Apple_Terminal":
        return "terminal"
    return "reorder"


def ascii_reason(env: Mapping[str, str] | None = None, encoding: str | None = None) -> str | None:
    """Why this terminal probably cannot show other scripts, or None."""
    env = os.environ if env is None else env
    for var in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = env.get(var)
        if var == "LC_CTYPE" and value in _COERCED and env.get("LANG"):
            continue  # Python itself set this (PEP 538) because LANG was C: LANG tells the truth
        if value:
            if "utf-8" not in value.lower() and "utf8" not in value.lower():
                return f"{var}={value} is not a UTF-8 locale"
            break
    if encoding and encoding.lower().replace("-", "").replace("_", "") not in ("utf8", "utf8sig"):
        return f"the output encoding is {encoding}"
    return None


# -- control characters ----------------------------------------------------------------------------
# Text from agency files is printed to a terminal: an escape sequence in a vendor name could clear
# the screen, retitle the window or hide what follows. C0/C1 controls other than tab and newline
# (ESC, BEL, CSI ...) and the BiDi override/isolate controls that can disguise text are removed.
_OVERRIDES = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _unsafe(ch: str) -> bool:
    o = ord(ch)
    return (o < 0x20 and ch not in "\t\n") or 0x7F <= o <= 0x9F or ch in _OVERRIDES


def has_control_chars(text: str) -> bool:
    """Whether ``text`` holds terminal control characters (other than tab and newline)."""
    return any(_unsafe(ch) for ch in text)


def printable(text: str) -> str:
    """``text`` without terminal control characters (tab and newline kept)."""
    if not any(_unsafe(ch) for ch in text):
        return text
    return "".join(ch for ch in text if not _unsafe(ch))


def _strong(ch: str) -> str | None:
    kind = unicodedata.bidirectional(ch)
    if kind in ("R", "AL"):
        return "R"
    if kind == "L":
        return "L"
    return None


def rtl_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each right-to-left run in a left-to-right line: from a strong RTL letter to
    the last one before the next strong LTR letter (spaces, digits and marks between them belong
    to the run)."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    last = -1
    for i, ch in enumerate(text):
        kind = _strong(ch)
        if kind == "R":
            if start is None:
                start = i
            last = i
        elif kind == "L" and start is not None:
            runs.append((start, last + 1))
            start = None
    if start is not None:
        runs.append((start, last + 1))
    # keep trailing marks with the letter they belong to
    fixed = []
    for s, e in runs:
        while e < len(text) and unicodedata.category(text[e]) in ("Mn", "Me"):
            e += 1
        fixed.append((s, e))
    return fixed


def for_terminal(line: str, mode: str) -> str:
    """One line of a left-to-right screen with right-to-left pieces in it, for a terminal.

    ``reorder`` (no BiDi in the terminal): each right-to-left run is put into display order and
    joined, in place, so "12  أتكلم العربية" keeps its number on the left. ``terminal`` (the
    terminal does BiDi): the line is marked left-to-right and each run is closed with a
    left-to-right mark, so digits after it (the next cell's number) are not pulled into it.
    """
    runs = rtl_runs(line)
    if not runs:
        return line
    out: list[str] = []
    pos = 0
    for s, e in runs:
        out.append(line[pos:s])
        piece = line[s:e]
        out.append(visual(piece, rtl=True) if mode == "reorder" else piece + LRM)
        pos = e
    out.append(line[pos:])
    text = "".join(out)
    return text if mode == "reorder" else LRM + text


LRM = "\u200e"
