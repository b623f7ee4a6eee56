"""PDF output with fpdf2 and HarfBuzz text shaping: handout, pocket card, "I speak" card.

Why fpdf2 (see README "Exports"): pure-Python wheels, HarfBuzz shaping through uharfbuzz, right-to-left
reordering, fallback fonts and TrueType collections; it drew all 28 test languages correctly where
ReportLab reversed Arabic and WeasyPrint's PDFs lost the text of several Indic scripts. Each text run
is drawn with the Noto face of its script (per-language for CJK and Urdu); fonts are loaded the first
time a document needs them, so an English/Spanish card never pays for the 20 MB CJK collection.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lepcli.errors import Unavailable
from lepcli.export import fonts
from lepcli.export import style as layout
from lepcli.export.document import PhrasebookDoc, Row, Section

if TYPE_CHECKING:
    from lepcli.export.ispeak import IspeakDoc

PT = 0.3528  # millimetres per point
PRONUNCIATION_PT = 8.0  # the respelling an officer reads aloud: never smaller
MARGIN = 12.0
FOOTER_H = 8.0


@dataclass(frozen=True)
class Rendered:
    data: bytes
    pages: int
    fonts: list[str]  # CSS family names of the faces embedded


class Typesetter:
    """An FPDF document plus per-script font choice, lazy font loading and measured text boxes."""

    def __init__(
        self, *, paper: str, landscape: bool = False, footer: Callable[[Typesetter], None] | None = None
    ) -> None:
        try:
            import uharfbuzz  # noqa: F401  (fpdf2 shapes text with it)
            from fpdf import FPDF
        except ImportError as exc:
            raise Unavailable(
                f"PDF export needs fpdf2 and uharfbuzz ({exc.name} is not installed)",
                hint="pip install 'lepcli[export]'",
            ) from None

        typesetter = self

        class _Doc(FPDF):
            def footer(self) -> None:
                if footer is not None:
                    footer(typesetter)

        self.pdf = _Doc(orientation="L" if landscape else "P", unit="mm", format=paper.upper())
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(MARGIN, MARGIN, MARGIN)
        self.pdf.set_creator("lepcli")
        self.pdf.set_lang("en")
        self._loaded: dict[str, fonts.FontFace] = {}
        self._wrap_cache: dict[tuple[str, str, float, float, str], list[str]] = {}
        self.use("sans", 10)
        self.use("sans", 10, bold=True)
        self.pdf.set_text_shaping(True)
        # Characters a script face lacks ("?" in Ethiopic, Latin placeholders) come from Noto Sans.
        self.pdf.set_fallback_fonts(["sans"], exact_match=False)

    @property
    def width(self) -> float:
        return float(self.pdf.w)

    @property
    def height(self) -> float:
        return float(self.pdf.h)

    def fonts_used(self) -> list[str]:
        return list(dict.fromkeys(f.css_family for f in self._loaded.values()))

    def _load(self, face: fonts.FontFace, bold: bool) -> None:
        style = "B" if bold else ""
        tag = face.key + style
        if tag in self._loaded:
            return
        path = fonts.require(face, bold=bold)
        self.pdf.add_font(face.key, style, str(path), collection_font_number=face.collection_index)
        # The subset keeps the full font's bounding box (still a correct, if loose, FontBBox) instead of
        # recomputing it from every outline: that recomputation is a third of the time of a CJK document.
        ttfont = getattr(self.pdf.fonts.get(face.key.lower() + style), "ttfont", None)
        if ttfont is not None:
            ttfont.recalcBBoxes = False
        self._loaded[tag] = face

    def use(self, key: str, size: float, *, bold: bool = False) -> fonts.FontFace:
        """Select a face (loading it on first use) at a size that looks like ``size`` pt of Latin text."""
        face = fonts.FACES[key]
        bold = bold and face.bold_file is not None
        self._load(face, bold)
        self.pdf.set_font(face.key, "B" if bold else "", size * face.scale)
        return face

    def line_h(self, face: fonts.FontFace, size: float) -> float:
        return size * face.scale * face.line_height * PT

    def _width(self, text: str) -> float:
        pdf = self.pdf
        if pdf.text_shaping is None:  # simple Latin in Noto Sans: advance widths add up exactly
            cw: Any = pdf.current_font.cw  # type: ignore[union-attr]
            return float(sum(cw[ord(c)] for c in text)) * float(pdf.font_size_pt) * 0.001 / float(pdf.k)
        return float(pdf.get_string_width(text))

    def _split_word(self, word: str, avail: float) -> list[str]:
        """Pieces of a word too wide for the box, cut only between written syllable clusters."""
        pieces: list[str] = []
        start = 0
        last_fit: int | None = None
        for cut in [*layout.cluster_breaks(word), len(word)]:
            if last_fit is None or self._width(word[start:cut]) <= avail:
                last_fit = cut
                continue
            pieces.append(word[start:last_fit])
            start, last_fit = last_fit, cut
        pieces.append(word[start:])
        return [p for p in pieces if p]

    def lines(self, text: str, width: float) -> list[str]:
        """Break ``text`` into lines that fit ``width`` in the current font.

        Our own greedy wrap: one shaping call per candidate line instead of fpdf2's per-character
        measuring (3x faster overall), and long unspaced Khmer/Burmese/Thai words are cut between
        syllable clusters, never inside one.
        """
        key = (self.pdf.font_family, self.pdf.font_style, float(self.pdf.font_size_pt), round(width, 2), text)
        cached = self._wrap_cache.get(key)
        if cached is not None:
            return cached
        avail = width - 2 * float(self.pdf.c_margin)
        if "\n" not in text and self._width(text) <= avail:
            result = [text]
        else:
            result = []
            for paragraph in text.split("\n"):
                result.extend(self._wrap_paragraph(paragraph, avail))
        self._wrap_cache[key] = result
        return result

    def _wrap_paragraph(self, paragraph: str, avail: float) -> list[str]:
        tokens: list[tuple[str, str]] = []  # (separator before, piece)
        for n, word in enumerate(paragraph.split(" ")):
            pieces = [word] if self._width(word) <= avail else self._split_word(word, avail)
            for i, piece in enumerate(pieces):
                tokens.append((" " if n and not i else "", piece))
        out: list[str] = []
        current = ""
        for sep, piece in tokens:
            candidate = current + sep + piece if current else piece
            if current and self._width(candidate) > avail:
                out.append(current)
                current = piece
            else:
                current = candidate
        out.append(current)
        return out

    def box(
        self,
        text: str,
        *,
        x: float,
        y: float,
        w: float,
        size: float,
        lang: str | None = None,
        bold: bool = False,
        colour: layout.RGB = layout.INK,
        align: str | None = None,
        face_key: str | None = None,
        measure: bool = False,
    ) -> float:
        """Draw ``text`` wrapped in a box ``w`` wide at (x, y); return its height (only measure if asked)."""
        if not text:
            return 0.0
        key = face_key or fonts.face_key_for(text, lang)
        face = self.use(key, size, bold=bold)
        shaping, fallback = self.pdf.text_shaping, self.pdf._fallback_font_ids
        if key == "sans" and _simple_latin(text):
            # Nothing to shape, reorder or fall back for: skipping HarfBuzz, the bidi pass and the
            # per-character fallback check makes these (most) boxes several times faster.
            self.pdf.text_shaping, self.pdf._fallback_font_ids = None, []
        try:
            lines = self.lines(text, w)
            lh = self.line_h(face, size)
            if measure:
                return lh * len(lines)
            if align is None:
                align = "R" if key in fonts.RTL_FACES else "L"
            self.pdf.set_text_color(*colour)
            if self.pdf.text_shaping is None:
                self._plain_lines(lines, x=x, y=y, w=w, lh=lh, align=align)
            else:
                for i, line in enumerate(lines):
                    self.pdf.set_xy(x, y + i * lh)
                    self.pdf.cell(w, lh, line, align=align)
            return lh * len(lines)
        finally:
            self.pdf.text_shaping, self.pdf._fallback_font_ids = shaping, fallback

    def _plain_lines(self, lines: list[str], *, x: float, y: float, w: float, lh: float, align: str) -> None:
        """Unshaped Latin lines placed exactly where ``cell`` would put them, at a fifth of its cost."""
        pdf = self.pdf
        margin = float(pdf.c_margin)
        lift = 0.5 * lh + 0.3 * float(pdf.font_size)  # fpdf2's baseline within a cell
        for i, line in enumerate(lines):
            if align == "R":
                left = x + w - margin - self._width(line)
            elif align == "C":
                left = x + (w - self._width(line)) / 2
            else:
                left = x + margin
            pdf.text(left, y + i * lh + lift, line)

    def rule(self, x1: float, y1: float, x2: float, y2: float, *, colour: layout.RGB = layout.RULE,
             width: float = 0.2, dashed: bool = False) -> None:  # fmt: skip
        self.pdf.set_draw_color(*colour)
        self.pdf.set_line_width(width)
        if dashed:
            self.pdf.set_dash_pattern(dash=1.5, gap=1.5)
        self.pdf.line(x1, y1, x2, y2)
        if dashed:
            self.pdf.set_dash_pattern()

    def band(self, x: float, y: float, w: float, h: float, colour: layout.RGB) -> None:
        self.pdf.set_fill_color(*colour)
        self.pdf.rect(x, y, w, h, style="F")

    def output(self) -> bytes:
        return bytes(self.pdf.output())


def _simple_latin(text: str) -> bool:
    """Text Noto Sans draws right without HarfBuzz: precomposed Latin, Greek, Cyrillic, no combining marks."""
    for ch in text:
        cp = ord(ch)
        if cp < 0x0300 or 0x0370 <= cp < 0x0483 or 0x048A <= cp < 0x0530 or 0x1E00 <= cp < 0x1F00:
            continue
        if 0x2010 <= cp <= 0x2027 or cp in (0x00A0, 0x2030, 0x20AC):
            continue
        return False
    return True


def _footer_drawer(text: str, *, above_bottom: float = MARGIN - 2) -> Callable[[Typesetter], None]:
    def draw(ts: Typesetter) -> None:
        y, w = ts.height - above_bottom, ts.width - 2 * MARGIN
        ts.box(text, x=MARGIN, y=y, w=w * 0.8, size=6.5, colour=layout.MUTED, align="L")
        ts.use("sans", 6.5)
        ts.pdf.set_xy(MARGIN, y)  # cell() fills in the page count alias ({nb}) when the document ends
        ts.pdf.cell(w, ts.line_h(fonts.LATIN, 6.5), f"page {ts.pdf.page_no()} of {{nb}}", align="R")

    return draw


# -- handout ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Columns:
    x: tuple[float, float, float, float]
    w: tuple[float, float, float, float]


def _columns(ts: Typesetter) -> _Columns:
    usable = ts.width - 2 * MARGIN
    shares = (0.29, 0.37, 0.24, 0.10)
    widths = tuple(usable * s for s in shares)
    xs = [MARGIN]
    for w in widths[:-1]:
        xs.append(xs[-1] + w)
    return _Columns((xs[0], xs[1], xs[2], xs[3]), (widths[0], widths[1], widths[2], widths[3]))


def _title_line(ts: Typesetter, section: Section, heading: str, y: float) -> float:
    lang = section.language
    ts.box(f"{heading}: {lang.name}", x=MARGIN, y=y, w=ts.width - 2 * MARGIN, size=15, bold=True, face_key="sans")
    native_w = ts.width - 2 * MARGIN
    h = ts.box(lang.native, x=MARGIN, y=y, w=native_w, size=15, lang=section.code, align="R")
    return max(h, 15 * PT * 1.4)


def _legend(ts: Typesetter, doc: PhrasebookDoc, section: Section, y: float) -> float:
    w = ts.width - 2 * MARGIN
    counts = section.counts()
    summary = (
        f"{len(section.rows)} phrases: {counts['reviewed']} reviewed, {counts['draft']} draft, "
        f"{counts['machine']} machine, {counts['missing']} without translation"
    )
    y += ts.box(summary, x=MARGIN, y=y, w=w, size=8, colour=layout.MUTED, face_key="sans")
    legend = "   ".join(f"{layout.STATUS_LABEL[s]} = {layout.STATUS_HELP[s]}" for s in ("reviewed", "draft", "machine"))
    y += ts.box(legend, x=MARGIN, y=y, w=w, size=7, colour=layout.MUTED, face_key="sans")
    if section.interpreter:
        y += ts.box(f"Interpreter: {section.interpreter.text()}", x=MARGIN, y=y, w=w, size=8, face_key="sans",
                    bold=True)  # fmt: skip
    y += ts.box(layout.LEGAL_REMINDER, x=MARGIN, y=y, w=w, size=7.5, colour=layout.LEGAL_COLOUR, face_key="sans")
    return y + 2


def page_legend(section: Section) -> str:
    usual = section.usual_status
    return f"Translations on this page: {layout.STATUS_LABEL[usual]} ({layout.STATUS_HELP[usual]}) unless marked"


def _table_header(ts: Typesetter, cols: _Columns, section: Section, y: float) -> float:
    usual = section.usual_status
    y += ts.box(page_legend(section), x=MARGIN, y=y, w=ts.width - 2 * MARGIN, size=8, bold=True,
                colour=layout.STATUS_COLOUR[usual], face_key="sans") + 0.6  # fmt: skip
    names = ("English", section.language.name, "Say it (pronunciation)", "Status")
    ts.band(MARGIN, y, ts.width - 2 * MARGIN, 5.2, layout.BAND)
    for x, w, name in zip(cols.x, cols.w, names, strict=True):
        ts.box(name, x=x, y=y + 0.6, w=w, size=7.5, bold=True, face_key="sans")
    return y + 5.6


def _row_parts(ts: Typesetter, cols: _Columns, section: Section, row: Row, *, measure: bool, y: float) -> float:
    cell = row.cell
    lang = section.code
    heights = []
    heights.append(
        ts.box(row.printed_english, x=cols.x[0], y=y, w=cols.w[0], size=8.5, bold=row.urgent, face_key="sans",
               measure=measure)  # fmt: skip
    )
    text = cell.printed
    if text is not None:
        h = ts.box(text, x=cols.x[1], y=y, w=cols.w[1], size=11, lang=lang, measure=measure)
    else:
        colour = layout.LEGAL_COLOUR if row.legal else layout.MUTED
        h = ts.box(cell.notice or "", x=cols.x[1], y=y, w=cols.w[1], size=7.5, colour=colour, face_key="sans",
                   measure=measure)  # fmt: skip
    heights.append(h)
    say_h = 0.0
    if text is not None and cell.printed_pronunciation:
        say_h += ts.box(cell.printed_pronunciation, x=cols.x[2], y=y, w=cols.w[2], size=PRONUNCIATION_PT,
                        face_key="sans", measure=measure)  # fmt: skip
    if text is not None and cell.printed_romanization:
        say_h += ts.box(cell.printed_romanization, x=cols.x[2], y=y + say_h, w=cols.w[2], size=PRONUNCIATION_PT,
                        colour=layout.MUTED, face_key="sans", measure=measure)  # fmt: skip
    heights.append(say_h)
    tag = section.tag(row)
    status_h = 0.0
    if tag:
        status_h = ts.box(tag, x=cols.x[3], y=y, w=cols.w[3], size=6.5, bold=True,
                          colour=layout.STATUS_COLOUR[cell.status], face_key="sans", measure=measure)  # fmt: skip
    if row.legal:
        status_h += ts.box("LEGAL: use a qualified interpreter", x=cols.x[3], y=y + status_h, w=cols.w[3], size=6,
                           bold=True, colour=layout.LEGAL_COLOUR, face_key="sans", measure=measure)  # fmt: skip
    elif cell.status == "machine":
        status_h += ts.box("verify", x=cols.x[3], y=y + status_h, w=cols.w[3], size=6,
                           colour=layout.STATUS_COLOUR["machine"], face_key="sans", measure=measure)  # fmt: skip
    heights.append(status_h)
    return max(heights)


def render_handout(ts: Typesetter, doc: PhrasebookDoc) -> None:
    cols = _columns(ts)
    bottom = ts.height - MARGIN - 1
    for section in doc.sections:
        ts.pdf.add_page()
        y = MARGIN
        y += _title_line(ts, section, "Field phrasebook", y) + 1
        y = _legend(ts, doc, section, y)
        y = _table_header(ts, cols, section, y)
        current_category = None
        for row in section.rows:
            h = _row_parts(ts, cols, section, row, measure=True, y=y) + 1.6
            band_h = 5.0 if row.category != current_category else 0.0
            if y + band_h + h > bottom:
                ts.pdf.add_page()
                y = _table_header(ts, cols, section, MARGIN)
            if band_h:
                current_category = row.category
                title = doc.categories.get(row.category, row.category)
                ts.box(title, x=MARGIN, y=y + 0.8, w=ts.width - 2 * MARGIN, size=8.5, bold=True,
                       colour=layout.INK, face_key="sans")  # fmt: skip
                y += band_h
                ts.rule(MARGIN, y, ts.width - MARGIN, y, colour=layout.MUTED, width=0.3)
            if row.legal:
                ts.band(MARGIN - 1.6, y + 0.4, 0.9, h - 0.8, layout.LEGAL_COLOUR)
            _row_parts(ts, cols, section, row, measure=False, y=y + 0.8)
            y += h
            ts.rule(MARGIN, y, ts.width - MARGIN, y)


# -- pocket card --------------------------------------------------------------------------------

CARD_PAD = 5.0
# Panels in reading order on the front: (column, row). The sheet is folded back along the
# horizontal line first, so the top row ends up behind the bottom row turned by 180 degrees: it is
# printed rotated and reads upright once folded. The cover (title, interpreter) is bottom-left.
FRONT_PANELS = ((0, 1), (1, 1), (0, 0), (1, 0))
BACK_PANELS = ((0, 0), (1, 0), (0, 1), (1, 1))  # the back is read opened out: all upright
FOLD_1 = "fold 1: fold back along this line, printed side out"
FOLD_2 = "fold 2: fold in half"


def _card_rows(section: Section) -> list[Row]:
    """Rows a card can show (a usable translation), the urgent ones first."""
    usable = [r for r in section.rows if r.cell.printable is not None]
    return [r for r in usable if r.urgent] + [r for r in usable if not r.urgent]


def _card_entry(ts: Typesetter, section: Section, row: Row, *, x: float, y: float, w: float, measure: bool) -> float:
    cell = row.cell
    lang = section.code
    parts = [t] if (t := section.tag(row)) else []
    if row.legal:
        parts.append("LEGAL: interpreter")
    tag = "  ·  ".join(parts)
    tag_w = (42.0 if row.legal else 14.0) if tag else 0.0
    colour = layout.LEGAL_COLOUR if row.legal else layout.STATUS_COLOUR[cell.status]
    h1 = ts.box(row.printed_english, x=x, y=y, w=w - tag_w, size=7.5, bold=row.urgent, colour=layout.MUTED,
                face_key="sans", measure=measure)  # fmt: skip
    if tag:
        ts.box(tag, x=x + w - tag_w, y=y + 0.3, w=tag_w, size=5.8, bold=True, colour=colour, face_key="sans",
               align="R", measure=measure)  # fmt: skip
    h2 = ts.box(cell.printed or "", x=x, y=y + h1, w=w, size=10, lang=lang, measure=measure)
    h3 = 0.0
    say = cell.printed_pronunciation or cell.printed_romanization
    if say:
        h3 = ts.box(say, x=x, y=y + h1 + h2, w=w, size=PRONUNCIATION_PT, colour=layout.INK, face_key="sans",
                    measure=measure)  # fmt: skip
    return h1 + h2 + h3


def _fold_guides(ts: Typesetter, pw: float, ph: float) -> None:
    ts.rule(3, ph, ts.width - 3, ph, colour=layout.MUTED, dashed=True)
    ts.rule(pw, 3, pw, ts.height - FOOTER_H, colour=layout.MUTED, dashed=True)
    ts.box(FOLD_1, x=3, y=ph - 3.2, w=70, size=5.5, colour=layout.MUTED, face_key="sans")
    with ts.pdf.rotation(90, x=pw - 0.6, y=ts.height - FOOTER_H - 2):
        ts.box(FOLD_2, x=pw - 0.6, y=ts.height - FOOTER_H - 2, w=40, size=5.5, colour=layout.MUTED, face_key="sans")


def _card_pass(ts: Typesetter, section: Section, rows: list[Row], pages: int, *, draw: bool) -> int:
    """Lay the card out on ``pages`` pages of four panels; return how many rows it placed."""
    pw, ph = ts.width / 2, (ts.height - FOOTER_H) / 2
    panels = [(page, col, line) for page in range(pages) for col, line in (FRONT_PANELS if page == 0 else BACK_PANELS)]
    placed = 0
    for n, (page, col, line) in enumerate(panels):
        if draw and n % 4 == 0 and n:
            ts.pdf.add_page()
        if draw and n % 4 == 0:
            _fold_guides(ts, pw, ph)
        x0, y0 = col * pw, line * ph
        rotate = draw and page == 0 and line == 0
        with ts.pdf.rotation(180, x=x0 + pw / 2, y=y0 + ph / 2) if rotate else contextlib.nullcontext():
            x, y = x0 + CARD_PAD, y0 + CARD_PAD
            w, bottom = pw - 2 * CARD_PAD, y0 + ph - CARD_PAD / 2
            if n == 0:
                y += _card_title(ts, section, x=x, y=y, w=w, draw=draw)
            while placed < len(rows):
                h = _card_entry(ts, section, rows[placed], x=x, y=y, w=w, measure=True)
                if y + h > bottom:
                    break
                if draw:
                    _card_entry(ts, section, rows[placed], x=x, y=y, w=w, measure=False)
                y += h + 1.2
                placed += 1
    return placed


def render_card(ts: Typesetter, doc: PhrasebookDoc) -> None:
    """One sheet per language: the front page, and the back page only when the front is full.

    Each page has four panels (fold back along the horizontal line, then in half: pocket size);
    the urgent phrases come first, the top panels are printed upside down so they read upright
    once folded.
    """
    for section in doc.sections:
        rows = _card_rows(section)
        ts.pdf.add_page()  # measuring needs a current page
        pages = 1 if _card_pass(ts, section, rows, 1, draw=False) == len(rows) else 2
        placed = _card_pass(ts, section, rows, pages, draw=True)
        doc.omitted[section.code] = len(rows) - placed


def card_legend(section: Section) -> str:
    usual = section.usual_status
    return f"All {layout.STATUS_LABEL[usual]} ({layout.STATUS_HELP[usual]}) unless marked · bold = urgent"


def _card_title(ts: Typesetter, section: Section, *, x: float, y: float, w: float, draw: bool) -> float:
    lang = section.language
    m = not draw
    h = ts.box(f"{lang.name} pocket card", x=x, y=y, w=w, size=10, bold=True, face_key="sans", measure=m)
    h += ts.box(lang.native, x=x, y=y + h, w=w, size=10, lang=section.code, measure=m)
    h += ts.box(card_legend(section), x=x, y=y + h, w=w, size=6.5, bold=True,
                colour=layout.STATUS_COLOUR[section.usual_status], face_key="sans", measure=m)  # fmt: skip
    if section.interpreter:
        h += ts.box(f"Interpreter: {section.interpreter.text()}", x=x, y=y + h + 0.6, w=w, size=6.5, bold=True,
                    face_key="sans", measure=m) + 0.6  # fmt: skip
    h += ts.box(layout.LEGAL_REMINDER, x=x, y=y + h, w=w, size=6.5, colour=layout.LEGAL_COLOUR, face_key="sans",
                measure=m)  # fmt: skip
    if draw:
        ts.rule(x, y + h + 0.8, x + w, y + h + 0.8, colour=layout.MUTED)
    return h + 2.0


# -- entry points -------------------------------------------------------------------------------


def render_phrasebook(doc: PhrasebookDoc) -> Rendered:
    if doc.layout == "card":  # a strip below the four panels
        drawer = _footer_drawer(doc.footer.text(), above_bottom=FOOTER_H - 2)
    else:
        drawer = _footer_drawer(doc.footer.text())
    ts = Typesetter(paper=doc.paper, footer=drawer)
    names = ", ".join(s.language.name for s in doc.sections)
    ts.pdf.set_title(f"Phrasebook {doc.layout}: {names}")
    if doc.agency:
        ts.pdf.set_author(doc.agency)
    if doc.layout == "card":
        render_card(ts, doc)
    else:
        render_handout(ts, doc)
    data = ts.output()
    return Rendered(data, ts.pdf.pages_count, ts.fonts_used())


def render_ispeak(doc: IspeakDoc) -> Rendered:
    ts = Typesetter(paper=doc.paper, footer=_footer_drawer(doc.footer.text("draft = not yet reviewed")))
    ts.pdf.set_title("I speak: point to your language")
    if doc.agency:
        ts.pdf.set_author(doc.agency)
    _ispeak_pages(ts, doc)
    return Rendered(ts.output(), ts.pdf.pages_count, ts.fonts_used())


ISPEAK_COLUMNS = 3


def _ispeak_size(ts: Typesetter, text: str, code: str, w: float) -> float:
    """14 pt, or 12.5 pt when that keeps the sentence on one line, else the largest size for two lines."""
    face = fonts.FACES[fonts.face_key_for(text, code)]

    def lines_at(size: float) -> float:
        return ts.box(text, x=0, y=0, w=w, size=size, lang=code, measure=True) / ts.line_h(face, size)

    if lines_at(14.0) < 1.5:
        return 14.0
    if lines_at(12.5) < 1.5:
        return 12.5
    return next((size for size in (14.0, 12.5) if lines_at(size) < 2.5), 11.0)


def _ispeak_cell(ts: Typesetter, entry: Any, *, x: float, y: float, w: float, measure: bool) -> float:
    num_w = 11.0
    if not measure:
        ts.box(str(entry.number), x=x, y=y + 0.5, w=num_w, size=13, bold=True, face_key="sans", align="L")
    inner = w - num_w
    code = entry.language.code
    size = _ispeak_size(ts, entry.text, code, inner)
    h = ts.box(entry.text, x=x + num_w, y=y, w=inner, size=size, lang=code, measure=measure)
    also = getattr(entry, "also", None)
    if also:
        h += ts.box(also, x=x + num_w, y=y + h, w=inner, size=min(size, 11.0), lang=code, measure=measure)
    rtl = fonts.face_key_for(entry.text, code) in fonts.RTL_FACES
    caption = entry.language.name + ("" if entry.status == "reviewed" else f"  ·  {entry.status}")
    h += ts.box(caption, x=x + num_w, y=y + h, w=inner, size=7, colour=layout.MUTED, face_key="sans",
                align="R" if rtl else "L", measure=measure)  # fmt: skip
    return max(h, 13 * PT * 1.4)


def _ispeak_heading(ts: Typesetter, doc: IspeakDoc, y: float) -> float:
    w = ts.width - 2 * MARGIN
    h = ts.box(doc.title, x=MARGIN, y=y, w=w, size=16, bold=True, face_key="sans")
    # "Point to your language." in the card's first languages, two to a line.
    for start in range(0, len(doc.pointers), 2):
        pair = doc.pointers[start : start + 2]
        line_h = 0.0
        for i, p in enumerate(pair):
            line_h = max(line_h, ts.box(p.text, x=MARGIN + i * w / 2, y=y + h, w=w / 2, size=12, lang=p.code))
        h += line_h
    h += ts.box(doc.instructions, x=MARGIN, y=y + h + 1, w=w, size=8.5, colour=layout.MUTED, face_key="sans") + 1
    return h + 3


def _ispeak_pages(ts: Typesetter, doc: IspeakDoc) -> None:
    usable = ts.width - 2 * MARGIN
    gap = 3.0
    cw = (usable - gap * (ISPEAK_COLUMNS - 1)) / ISPEAK_COLUMNS
    bottom = ts.height - MARGIN - 1
    ts.pdf.add_page()
    y = MARGIN + _ispeak_heading(ts, doc, MARGIN)
    entries: Sequence[Any] = doc.entries
    for start in range(0, len(entries), ISPEAK_COLUMNS):
        line = entries[start : start + ISPEAK_COLUMNS]
        h = max(_ispeak_cell(ts, e, x=0, y=0, w=cw - 2, measure=True) for e in line) + 3.0
        if y + h > bottom:
            ts.pdf.add_page()
            y = MARGIN
        for i, entry in enumerate(line):
            x = MARGIN + i * (cw + gap)
            _ispeak_cell(ts, entry, x=x + 1, y=y + 1.5, w=cw - 2, measure=False)
            ts.rule(x, y + h, x + cw, y + h)
        y += h
