"""One self-contained, printable HTML page (no external files, no scripts).

Every translated cell carries ``lang`` and ``dir`` and a font-family stack that names the Noto family
for its script first (without that, browsers and fontconfig pick fonts that draw Urdu as Naskh and
Chinese in a Japanese face); Khmer, Burmese, Thai and Lao may wrap anywhere rather than overflow.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING

from lepcli.export import fonts
from lepcli.export import style as layout
from lepcli.export.document import PhrasebookDoc, Row, Section

if TYPE_CHECKING:
    from lepcli.export.interpreter import Interpreter
    from lepcli.export.ispeak import IspeakDoc

PAGE_SIZE = {"letter": "letter", "a4": "A4"}

BASE_CSS = """
:root { --ink: #141414; --muted: #5f5f5f; --rule: #c8c8c8; --band: #ececec; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: %(sans)s; color: var(--ink); margin: 0 auto; max-width: 60rem; padding: 1rem;
       font-size: 10.5pt; line-height: 1.35; }
h1 { font-size: 17pt; margin: 0 0 .2rem; display: flex; justify-content: space-between; gap: 1rem; }
h1 .native { font-weight: normal; }
.summary, .legend { color: var(--muted); font-size: 8.5pt; margin: .1rem 0; }
.interp { font-weight: bold; font-size: 9pt; margin: .2rem 0; }
.legal-reminder { color: %(legal)s; font-size: 8.5pt; margin: .2rem 0 .6rem; }
table { width: 100%%; border-collapse: collapse; table-layout: fixed; }
th, td { text-align: start; vertical-align: top; padding: .3rem .35rem; border-bottom: 1px solid var(--rule); }
thead th { background: var(--band); font-size: 8.5pt; }
tr.cat th { font-size: 9pt; padding-top: .6rem; border-bottom: 1.5px solid var(--muted); }
col.c-en { width: 29%%; } col.c-tr { width: 37%%; } col.c-say { width: 24%%; } col.c-st { width: 10%%; }
td.en { font-size: 9.5pt; }
tr.urgent td.en { font-weight: bold; }
td.tr { font-size: 13pt; }
td.tr[dir="rtl"] { text-align: right; }
td.say { font-size: 9pt; }
.rom { display: block; color: var(--muted); font-size: 8pt; }
.notice { font-size: 8.5pt; color: var(--muted); }
tr.legal td.en { border-left: 3px solid %(legal)s; }
tr.legal .notice, .tag.legal { color: %(legal)s; }
.tag { display: inline-block; font-size: 7pt; font-weight: bold; letter-spacing: .03em; }
.tag.reviewed { color: %(reviewed)s; } .tag.draft { color: %(draft)s; }
.tag.machine { color: %(machine)s; } .tag.missing { color: %(missing)s; }
section.lang + section.lang { break-before: page; margin-top: 2rem; }
tr { break-inside: avoid; }
.unspaced { overflow-wrap: anywhere; word-break: normal; line-break: auto; }
footer { color: var(--muted); font-size: 7.5pt; margin-top: 1rem; }
nav.languages { font-size: 9pt; margin: 0 0 1rem; display: flex; flex-wrap: wrap; gap: .2rem .9rem; }
nav.languages a { color: var(--ink); }
.interp a { color: var(--ink); }
.ispeak-point { display: flex; flex-wrap: wrap; gap: .2rem 1.2rem; font-size: 13pt; margin: .2rem 0 .4rem; }
/* pocket card: flowing panels, urgent phrases first */
.card { columns: 2; column-gap: 1.2rem; column-rule: 1px dashed var(--muted); }
.entry { break-inside: avoid; padding: .25rem 0; border-bottom: 1px solid var(--rule); }
.entry .en { font-size: 8.5pt; color: var(--muted); display: flex; justify-content: space-between; gap: .4rem; }
.entry.urgent .en { font-weight: bold; }
.entry .tr { display: block; font-size: 12.5pt; }
.entry .say { display: block; font-size: 8.5pt; }
/* I speak card */
.ispeak { display: grid; grid-template-columns: repeat(3, 1fr); gap: 0 .8rem; }
.ispeak .cell { display: grid; grid-template-columns: 2.2rem 1fr; padding: .45rem 0;
                border-bottom: 1px solid var(--rule); break-inside: avoid; }
.ispeak .num { font-weight: bold; font-size: 14pt; }
.ispeak .say { font-size: 16pt; }
.ispeak .also { display: block; font-size: 12pt; }
.ispeak .say { display: block; }
.ispeak .name { display: block; margin-top: .2rem; color: var(--muted); font-size: 8pt; }
.ispeak [dir="rtl"] { text-align: right; }
@page { size: %(page)s; margin: 12mm 12mm 14mm; }
@media print {
  body { max-width: none; padding: 0; }
  footer { position: fixed; bottom: -9mm; left: 0; right: 0; margin: 0; }
  nav.languages { display: none; }
}
"""

UNSPACED_FACES = frozenset({"khmer", "myanmar", "thai", "lao", "tibetan"})


def _css(paper: str, faces: Iterable[fonts.FontFace]) -> str:
    css = BASE_CSS % {
        "sans": fonts.css_stack(fonts.LATIN),
        "page": PAGE_SIZE.get(paper, "letter"),
        "legal": layout.hex_colour(layout.LEGAL_COLOUR),
        **{s: layout.hex_colour(c) for s, c in layout.STATUS_COLOUR.items()},
    }
    # Tall scripts (Khmer subscripts, Burmese medials, Nastaliq) need taller lines than Latin.
    rules = [
        f".f-{f.key} {{ font-family: {fonts.css_stack(f)}; line-height: {max(1.5, f.line_height):.2f}; }}"
        for f in faces
        if f.key != "sans"
    ]
    return css + "\n".join(rules) + "\n"


class _Faces:
    """Collects the faces a page uses, so the stylesheet names only those."""

    def __init__(self) -> None:
        self.used: dict[str, fonts.FontFace] = {}

    def attrs(self, text: str, lang: str, extra_class: str | None = None) -> str:
        face = fonts.face_for(text, lang)
        self.used.setdefault(face.key, face)
        classes = ([extra_class] if extra_class else []) + [f"f-{face.key}"]
        if face.key in UNSPACED_FACES:
            classes.append("unspaced")
        direction = "rtl" if face.key in fonts.RTL_FACES else "ltr"
        return f'lang="{escape(lang)}" dir="{direction}" class="{" ".join(classes)}"'


def _page(title: str, body: str, *, paper: str, faces: _Faces, footer: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="lepcli">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>{_css(paper, faces.used.values())}</style>\n</head>\n<body>\n"
        f"{body}"
        f"<footer>{escape(footer)}</footer>\n</body>\n</html>\n"
    )


def _tags(section: Section, row: Row) -> str:
    """The status only where it differs from the section legend; legal and verify always."""
    cell = row.cell
    tag = section.tag(row)
    out = [f'<span class="tag {cell.status}">{tag}</span>'] if tag else []
    if row.legal:
        out.append('<span class="tag legal">LEGAL: use a qualified interpreter</span>')
    elif cell.status == "machine":
        out.append('<span class="tag machine">verify</span>')
    return " ".join(out)


def _say(row: Row) -> str:
    cell = row.cell
    if cell.printed is None:
        return ""
    parts = []
    if cell.printed_pronunciation:
        parts.append(f'<span class="pron">{escape(cell.printed_pronunciation)}</span>')
    if cell.printed_romanization:
        parts.append(f'<span class="rom">{escape(cell.printed_romanization)}</span>')
    return "".join(parts)


def _section_head(section: Section, heading: str, faces: _Faces) -> list[str]:
    lang = section.language
    counts = section.counts()
    out = [
        f'<section class="lang" id="lang-{escape(section.code)}">',
        f"<h1><span>{escape(heading)}: {escape(lang.name)}</span>"
        f"<span {faces.attrs(lang.native, section.code, 'native')}>{escape(lang.native)}</span></h1>",
        f'<p class="summary">{len(section.rows)} phrases: {counts["reviewed"]} reviewed, {counts["draft"]} draft, '
        f"{counts['machine']} machine, {counts['missing']} without translation</p>",
        f'<p class="legend">Translations in this section are <span class="tag {section.usual_status}">'
        f"{layout.STATUS_LABEL[section.usual_status]}</span> unless marked. "
        + " · ".join(
            f"{layout.STATUS_LABEL[s]} = {escape(layout.STATUS_HELP[s])}" for s in ("reviewed", "draft", "machine")
        )
        + "</p>",
    ]
    if section.interpreter:
        out.append(f'<p class="interp">Interpreter: {_interpreter_html(section.interpreter)}</p>')
    out.append(f'<p class="legal-reminder">{escape(layout.LEGAL_REMINDER)}</p>')
    return out


def _interpreter_html(interp: Interpreter) -> str:
    """The interpreter line with its phone number as a ``tel:`` link (a tap calls it on a phone)."""
    text = interp.text()
    if not interp.phone or not interp.tel or interp.phone not in text:
        return escape(text)
    before, _, after = text.partition(interp.phone)
    link = f'<a href="{escape(interp.tel)}">{escape(interp.phone)}</a>'
    return escape(before) + link + escape(after)


def _row_id(code: str, phrase_id: str) -> str:
    """Unique across the page: the same phrase appears once per language."""
    return f"{code}-{phrase_id}"


def _index(doc: PhrasebookDoc, faces: _Faces) -> str:
    links = " ".join(
        f'<a href="#lang-{escape(s.code)}">{escape(s.language.name)} '
        f"<span {faces.attrs(s.language.native, s.code)}>{escape(s.language.native)}</span></a>"
        for s in doc.sections
    )
    return f'<nav class="languages" aria-label="Languages">{links}</nav>\n'


def _handout_section(doc: PhrasebookDoc, section: Section, faces: _Faces) -> str:
    out = _section_head(section, "Field phrasebook", faces)
    out.append(
        '<table>\n<colgroup><col class="c-en"><col class="c-tr"><col class="c-say"><col class="c-st"></colgroup>\n'
        f"<thead><tr><th>English</th><th>{escape(section.language.name)}</th>"
        "<th>Say it (pronunciation)</th><th>Status</th></tr></thead>\n<tbody>"
    )
    category = None
    for row in section.rows:
        if row.category != category:
            category = row.category
            title = doc.categories.get(category, category)
            out.append(f'<tr class="cat"><th colspan="4">{escape(title)}</th></tr>')
        out.append(_handout_row(section, row, faces))
    out.append("</tbody>\n</table>\n</section>")
    return "\n".join(out) + "\n"


def _handout_row(section: Section, row: Row, faces: _Faces) -> str:
    cell = row.cell
    code = section.code
    classes = ["row", f"status-{cell.status}"] + (["urgent"] if row.urgent else []) + (["legal"] if row.legal else [])
    text = cell.printed
    if text is not None:
        tr = f"<td {faces.attrs(text, code, 'tr')}>{escape(text)}</td>"
    else:
        tr = f'<td class="tr"><span class="notice">{escape(cell.notice or "")}</span></td>'
    return (
        f'<tr class="{" ".join(classes)}" id="{escape(_row_id(code, row.phrase_id))}" '
        f'data-id="{escape(row.phrase_id)}">'
        f'<td class="en" lang="en">{escape(row.printed_english)}</td>{tr}'
        f'<td class="say" lang="en">{_say(row)}</td><td class="status">{_tags(section, row)}</td></tr>'
    )


def _card_section(section: Section, faces: _Faces) -> str:
    out = _section_head(section, "Pocket card", faces)
    out.append('<div class="card">')
    usable = [r for r in section.rows if r.cell.printable is not None]
    for row in [r for r in usable if r.urgent] + [r for r in usable if not r.urgent]:
        text = row.cell.printed or ""
        say = row.cell.printed_pronunciation or row.cell.printed_romanization or ""
        urgent = " urgent" if row.urgent else ""
        legal = " legal" if row.legal else ""
        out.append(
            f'<div class="entry{urgent}{legal}" id="{escape(_row_id(section.code, row.phrase_id))}" '
            f'data-id="{escape(row.phrase_id)}">'
            f'<span class="en" lang="en"><span>{escape(row.printed_english)}</span>'
            f"<span>{_tags(section, row)}</span></span>"
            f'<span class="tr"><span {faces.attrs(text, section.code)}>{escape(text)}</span></span>'
            f'<span class="say" lang="en">{escape(say)}</span></div>'
        )
    out.append("</div>\n</section>")
    return "\n".join(out) + "\n"


def render_phrasebook(doc: PhrasebookDoc) -> bytes:
    faces = _Faces()
    parts = [_card_section(s, faces) if doc.layout == "card" else _handout_section(doc, s, faces) for s in doc.sections]
    names = ", ".join(s.language.name for s in doc.sections)
    title = f"Phrasebook {doc.layout}: {names}"
    body = _index(doc, faces) + "".join(parts)
    return _page(title, body, paper=doc.paper, faces=faces, footer=doc.footer.text()).encode("utf-8")


def render_ispeak(doc: IspeakDoc) -> bytes:
    faces = _Faces()
    cells = []
    for e in doc.entries:
        status = "" if e.status == "reviewed" else f" · {escape(e.status)}"
        code = e.language.code
        also = getattr(e, "also", None)
        also_html = f"<span {faces.attrs(also, code, 'also')}>{escape(also)}</span>" if also else ""
        cells.append(
            f'<div class="cell" data-code="{escape(code)}"><span class="num">{e.number}</span>'
            f"<span><span {faces.attrs(e.text, code, 'say')}>{escape(e.text)}</span>{also_html}"
            f'<span class="name" lang="en">{escape(e.language.name)}{status}</span></span></div>'
        )
    points = "".join(
        f"<span {faces.attrs(p.text, p.code)}>{escape(p.text)}</span>" for p in doc.pointers
    )
    body = (
        f"<h1>{escape(doc.title)}</h1>\n"
        + (f'<p class="ispeak-point">{points}</p>\n' if points else "")
        + f'<p class="legend">{escape(doc.instructions)}</p>\n'
        f'<div class="ispeak">\n' + "\n".join(cells) + "\n</div>\n"
    )
    footer = doc.footer.text("draft = not yet reviewed")
    return _page(doc.title, body, paper=doc.paper, faces=faces, footer=footer).encode("utf-8")
