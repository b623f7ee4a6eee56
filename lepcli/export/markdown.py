"""Markdown: one section per language, one table per category (for wikis and training notes)."""

from __future__ import annotations

from lepcli.export import layout
from lepcli.export.document import PhrasebookDoc, Row


def _cell(text: str | None) -> str:
    if not text:
        return ""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("*", "\\*").replace("_", "\\_")


def _status(row: Row) -> str:
    label = layout.STATUS_LABEL[row.cell.status]
    if row.legal:
        label += " · LEGAL: use a qualified interpreter"
    elif row.cell.status == "machine":
        label += " · verify"
    return label


def render(doc: PhrasebookDoc) -> bytes:
    out: list[str] = []
    for section in doc.sections:
        lang = section.language
        counts = section.counts()
        out.append(f"# Field phrasebook: {lang.name} ({lang.native})")
        out.append("")
        out.append(
            f"{len(section.rows)} phrases: {counts['reviewed']} reviewed, {counts['draft']} draft, "
            f"{counts['machine']} machine, {counts['missing']} without translation. {doc.footer.text()}."
        )
        out.append("")
        out.append(
            "Status: " + "; ".join(f"{layout.STATUS_LABEL[s]} = {layout.STATUS_HELP[s]}" for s in layout.STATUS_LABEL)
        )
        out.append("")
        if section.interpreter:
            out.append(f"**Interpreter:** {_cell(section.interpreter)}")
            out.append("")
        out.append(f"> **{layout.LEGAL_REMINDER}**")
        category = None
        for row in section.rows:
            if row.category != category:
                category = row.category
                out.append("")
                out.append(f"## {_cell(doc.categories.get(category, category))}")
                out.append("")
                out.append(f"| English | {lang.name} | Say it | Status |")
                out.append("|---|---|---|---|")
            english = f"**{_cell(row.english)}**" if row.urgent else _cell(row.english)
            text = row.cell.printable
            shown = _cell(text) if text is not None else f"*{_cell(row.cell.notice)}*"
            say = " / ".join(_cell(s) for s in (row.cell.pronunciation, row.cell.romanization) if s and text)
            out.append(f"| {english} | {shown} | {say} | {_status(row)} |")
        out.append("")
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")
