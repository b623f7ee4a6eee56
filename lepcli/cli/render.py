"""The one renderer. Results go to stdout (a Rich view, plain text, or JSON); messages to stderr.

Library functions return dataclasses; their JSON comes from :func:`lepcli.jsonable.to_json` (stable keys,
pinned by tests/test_json_contract.py); the cli module of the commands that show a result registers its
view (``@view(ResultType)``: a list of the generic blocks below). This module is the only place that prints.
Rich is imported only when stdout is a terminal, so pipes and ``--json`` stay fast.

Every string of a view passes through :func:`_prepare` on its way out, the one path for all commands:
terminal control characters from agency files are removed, and right-to-left text is reordered and
joined for terminals without BiDi (:mod:`lepcli.text.bidi`; ``LEP_BIDI=terminal|reorder`` or
``--bidi`` overrides the detection). On a terminal that does BiDi itself, each right-to-left piece
is fenced with left-to-right marks so numbers beside it stay in their own cells. Characters the
output encoding cannot represent (a Latin-1 locale, cp1252) are replaced, never a crash.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from lepcli import jsonable
from lepcli.text import scripts
from lepcli.text.width import display_width

if TYPE_CHECKING:  # typing constructs cost start-up time; checkers still see them
    from typing import Literal, TypeAlias

    Tone: TypeAlias = Literal["info", "ok", "warn", "danger", "muted"]


# NamedTuples, not dataclasses: each dataclass costs ~0.4 ms at every start-up.
class Title(NamedTuple):
    text: str
    subtitle: str | None = None


class Fields(NamedTuple):
    """Label/value pairs, one per line."""

    items: list[tuple[str, str]]


class Table(NamedTuple):
    columns: list[str]
    rows: list[list[str]]
    title: str | None = None


class Note(NamedTuple):
    """A short labelled line: provenance labels, warnings, next steps."""

    text: str
    tone: Tone = "info"
    label: str | None = None


class Big(NamedTuple):
    """Large text meant to be read aloud or shown to a person (a translation)."""

    text: str
    caption: str | None = None


class Text(NamedTuple):
    text: str


class Grid:
    """Numbered cards in columns (the "I speak" card): (large line, small caption) per cell.

    ``cell_width`` is chosen by the caller so no line is ever cut or wrapped inside a cell.
    (A plain class: one dataclass fewer to build at every start.)
    """

    __slots__ = ("cells", "columns", "cell_width")

    def __init__(self, cells: list[tuple[str, str]], *, columns: int, cell_width: int) -> None:
        self.cells = cells
        self.columns = columns
        self.cell_width = cell_width


if TYPE_CHECKING:
    Block: TypeAlias = Title | Fields | Table | Note | Big | Text | Grid


class View:
    """The blocks of one result, in order."""

    __slots__ = ("blocks",)

    def __init__(self, blocks: list[Block] | None = None) -> None:
        self.blocks: list[Block] = list(blocks or [])

    def add(self, *blocks: Block) -> View:
        self.blocks.extend(blocks)
        return self


_BIDI: list[str] = []  # "terminal" | "reorder" when a command chose it (--bidi); else detected per stream
# Scripts many terminals cannot shape (ISO 15924 -> the name the warning shows).
_COMPLEX = {"Khmr": "Khmer", "Mymr": "Myanmar", "Deva": "Devanagari", "Beng": "Bengali", "Guru": "Gurmukhi",
            "Gujr": "Gujarati", "Orya": "Oriya", "Taml": "Tamil", "Telu": "Telugu", "Knda": "Kannada",
            "Mlym": "Malayalam", "Sinh": "Sinhala", "Tibt": "Tibetan", "Laoo": "Lao", "Ethi": "Ethiopic"}  # fmt: skip


def set_bidi(mode: str) -> None:
    """Use this BiDi mode for what follows (``--bidi terminal|reorder``), instead of detecting it."""
    _BIDI[:] = [mode]


def bidi_for(stream: Any) -> str:
    from lepcli.text import bidi

    if _BIDI:
        return _BIDI[0]
    isatty = getattr(stream, "isatty", None)
    return bidi.bidi_mode(isatty=bool(isatty and isatty()))


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def _prepare(text: str, mode: str) -> str:
    """A view's string as it should reach this stream: no control characters; RTL in display order
    (``reorder``) or fenced with left-to-right marks (``terminal``: the terminal's BiDi keeps
    neighbouring numbers and cells where they belong)."""
    from lepcli.text.bidi import for_terminal, printable

    text = printable(text)
    if not has_rtl(text):
        return text
    return "\n".join(for_terminal(line, mode) for line in text.split("\n"))


def complex_scripts(view: View) -> list[str]:
    """Names of scripts in the view that many terminals cannot shape (Khmer, Myanmar, Devanagari ...)."""
    found: list[str] = []
    for text in _strings(view):
        for ch in text:
            if ord(ch) < 0x0900:
                continue
            name = _COMPLEX.get(scripts.block_of(ch) or "")
            if name and name not in found:
                found.append(name)
    return found


def _strings(view: View) -> list[str]:
    out: list[str] = []
    for block in view.blocks:
        if isinstance(block, Fields):
            out += [v for _, v in block.items]
        elif isinstance(block, Table):
            out += [str(c) for row in block.rows for c in row]
        elif isinstance(block, Grid):
            out += [m for m, _ in block.cells]
        elif isinstance(block, Big | Title):
            out.append(block.text)
    return out


def _mapped(view: View, mode: str) -> View:
    """The view with every string prepared for the stream (see :func:`_prepare`)."""

    def f(text: str | None) -> str | None:
        return None if text is None else _prepare(text, mode)

    out = View()
    for b in view.blocks:
        if isinstance(b, Title):
            out.add(Title(f(b.text) or "", f(b.subtitle)))
        elif isinstance(b, Fields):
            out.add(Fields([(f(k) or "", f(v) or "") for k, v in b.items]))
        elif isinstance(b, Table):
            out.add(Table([f(c) or "" for c in b.columns], [[f(str(c)) or "" for c in r] for r in b.rows], f(b.title)))
        elif isinstance(b, Note):
            out.add(Note(f(b.text) or "", b.tone, f(b.label)))
        elif isinstance(b, Big):
            out.add(Big(f(b.text) or "", f(b.caption)))
        elif isinstance(b, Text):
            out.add(Text(f(b.text) or ""))
        elif isinstance(b, Grid):
            cells = [(f(m) or "", f(c) or "") for m, c in b.cells]
            out.add(Grid(cells, columns=b.columns, cell_width=b.cell_width))
    return out


def _use_rich(stream: Any) -> bool:
    if os.environ.get("LEP_PLAIN"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


_VIEWS: dict[str, Callable[[Any], View]] = {}


def view(kind: str) -> Callable[[Callable[[Any], View]], Callable[[Any], View]]:
    """Register the view of a result type, named "module.Class" (in the cli module of the commands
    that show it; by name, so registering never imports the domain module: `lep --help` stays fast)."""

    def register(fn: Callable[[Any], View]) -> Callable[[Any], View]:
        _VIEWS[kind] = fn
        return fn

    return register


def view_of(result: Any) -> View:
    for kind in type(result).__mro__:
        fn = _VIEWS.get(f"{kind.__module__}.{kind.__qualname__}")
        if fn is not None:
            return fn(result)
    raise TypeError(f"no view is registered for {type(result).__qualname__} (give emit() the view the command built)")


def emit(result: Any, *, as_json: bool, view: View | None = None) -> None:
    """Write a result to stdout: its JSON, or its view (``view`` when the command built it, else the
    one registered for its type). ``result`` may be plain data the command put together."""
    if as_json:
        emit_json(jsonable.to_json(result))
    else:
        render(view if view is not None else view_of(result))


def _utf(stream: Any) -> bool:
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "").replace("_", "")
    return encoding.startswith("utf")


def emit_json(data: Any) -> None:
    # On a stream that is not UTF-8 (cp1252, Latin-1), \u escapes keep the data exact.
    ascii_only = not _utf(sys.stdout)
    import json  # only for --json: plain output never loads it

    sys.stdout.write(json.dumps(data, ensure_ascii=ascii_only, indent=2, sort_keys=False) + "\n")


def render(view: View, stream: Any = None) -> None:
    stream = stream or sys.stdout
    rich = _use_rich(stream)
    scripts = complex_scripts(view) if rich else []
    view = _mapped(view, bidi_for(stream))
    if scripts:
        view.add(
            Note(
                f"{', '.join(scripts)} text may look broken in a terminal: open it on the encounter screen "
                "(lep talk) or print it (lep export)",
                tone="muted",
                label="display",
            )
        )
    if rich:
        _render_rich(view, stream)
    else:
        stream.write(render_plain(view))


# -- messages (stderr) -------------------------------------------------------------------------


def message(text: str, *, tone: Tone = "info", label: str | None = None) -> None:
    prefix = f"{label}: " if label else ""
    if _use_rich(sys.stderr):
        from rich.console import Console
        from rich.markup import escape

        style = _TONE_STYLE[tone]
        Console(stderr=True, highlight=False).print(f"[{style}]{escape(prefix)}[/]{escape(text)}")
    else:
        sys.stderr.write(f"{prefix}{text}\n")


def error(text: str, *, hint: str | None = None, extra: list[str] | None = None) -> None:
    message(text, tone="danger", label="error")
    for line in extra or []:
        message(line, tone="info")
    if hint:
        message(hint, tone="muted", label="hint")


# -- plain text --------------------------------------------------------------------------------


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def render_plain(view: View) -> str:
    out: list[str] = []
    for block in view.blocks:
        if isinstance(block, Title):
            out.append(block.text)
            if block.subtitle:
                out.append(block.subtitle)
        elif isinstance(block, Fields):
            width = max((display_width(k) for k, _ in block.items), default=0)
            out.extend(f"{_pad(k + ':', width + 1)} {v}" for k, v in block.items)
        elif isinstance(block, Table):
            if block.title:
                out.append(block.title)
            cells = [block.columns, *block.rows]
            widths = [max(display_width(str(r[i])) for r in cells) for i in range(len(block.columns))]
            for n, row in enumerate(cells):
                out.append("  ".join(_pad(str(c), w) for c, w in zip(row, widths, strict=False)).rstrip())
                if n == 0:
                    out.append("  ".join("-" * w for w in widths))
        elif isinstance(block, Note):
            label = f"{block.label}: " if block.label else ""
            out.append(f"{label}{block.text}")
        elif isinstance(block, Big):
            out.append(f"  {block.text}")
            if block.caption:
                out.append(f"  {block.caption}")
        elif isinstance(block, Text):
            out.append(block.text)
        elif isinstance(block, Grid):
            out.extend(_plain_grid(block))
        out.append("")
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def _plain_grid(grid: Grid) -> list[str]:
    lines: list[str] = []
    step = max(1, grid.columns)
    for start in range(0, len(grid.cells), step):
        row = grid.cells[start : start + step]
        lines.append("  ".join(_pad(main, grid.cell_width) for main, _ in row).rstrip())
        lines.append("  ".join(_pad(caption, grid.cell_width) for _, caption in row).rstrip())
        lines.append("")
    while lines and lines[-1] == "":
        lines.pop()
    return lines


# -- Rich --------------------------------------------------------------------------------------

_TONE_STYLE: dict[Tone, str] = {
    "info": "cyan",
    "ok": "green",
    "warn": "bold yellow",
    "danger": "bold red",
    "muted": "dim",
}


def _render_rich(view: View, stream: Any) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.panel import Panel
    from rich.table import Table as RichTable

    console = Console(file=stream, highlight=False, soft_wrap=False)
    for block in view.blocks:
        if isinstance(block, Title):
            console.print(f"[bold]{escape(block.text)}[/]")
            if block.subtitle:
                console.print(f"[dim]{escape(block.subtitle)}[/]")
        elif isinstance(block, Fields):
            grid = RichTable.grid(padding=(0, 2))
            grid.add_column(style="dim", no_wrap=True)
            grid.add_column()
            for k, v in block.items:
                grid.add_row(escape(k), escape(v))
            console.print(grid)
        elif isinstance(block, Table):
            # Padded with display_width, the one width function (Rich's cell_len counts Devanagari,
            # Bengali, Khmer... narrower than terminals draw them, which pushed columns out of line).
            lines = render_plain(View([block])).rstrip("\n").split("\n")
            for n, line in enumerate(lines):
                head = n == (1 if block.title else 0)
                console.print(escape(line), style="bold" if head else None, no_wrap=True, crop=False)
        elif isinstance(block, Note):
            style = _TONE_STYLE[block.tone]
            label = f"[{style}]{escape(block.label)}:[/] " if block.label else ""
            text = escape(block.text) if block.label else f"[{style}]{escape(block.text)}[/]"
            console.print(f"{label}{text}")
        elif isinstance(block, Big):
            # The caption (the "say:" respelling, often wider than the text) goes under the box,
            # whole and wrapped, never into its border where Rich would cut it.
            console.print(Panel(f"[bold]{escape(block.text)}[/]", expand=False))
            if block.caption:
                console.print(escape(block.caption), soft_wrap=False, overflow="fold")
        elif isinstance(block, Text):
            console.print(escape(block.text))
        elif isinstance(block, Grid):
            # Each cell padded with display_width, so a number never drifts into the next cell.
            for n, line in enumerate(_plain_grid(block)):
                grid_style = ("bold", "dim", "")[n % 3]
                console.print(escape(line), style=grid_style or None, no_wrap=True, crop=False)
        console.print()
