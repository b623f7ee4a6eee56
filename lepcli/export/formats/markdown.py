"""Markdown: one section per language, one table per category (for wikis and training notes)."""

from __future__ import annotations

from lepcli.export import style as layout
from lepcli.export.document import PhrasebookDoc, Row, Section


def _cell(text: str | None) -> str:
    if not text:
        return ""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("*", "\\*").replace("_", "\\_")


def _status(section: Section, row: Row) -> str:
    """The line's status only where it differs from the section's legend, then legal / verify."""
    parts = [t] if (t := section.tag(row)) else []
    if row.legal:
        parts.append("LEGAL: use a qualified interpreter")
    elif row.cell.status == "machine":
        parts.append("verify")
    return " · ".join(parts)


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
        usual = section.usual_status
        out.append(
            f"Translations are {layout.STATUS_LABEL[usual]} ({layout.STATUS_HELP[usual]}) unless marked. "
            "Status: " + "; ".join(f"{layout.STATUS_LABEL[s]} = {layout.STATUS_HELP[s]}" for s in layout.STATUS_LABEL)
        )
        out.append("")
        if section.interpreter:
            out.append(f"**Interpreter:** {_cell(section.interpreter.text())}")
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
            english = f"**{_cell(row.printed_english)}**" if row.urgent else _cell(row.printed_english)
            text = row.cell.printed
            shown = _cell(text) if text is not None else f"*{_cell(row.cell.notice)}*"
            says = (row.cell.printed_pronunciation, row.cell.printed_romanization)
            say = " / ".join(_cell(s) for s in says if s and text)
            out.append(f"| {english} | {shown} | {say} | {_status(section, row)} |")
        out.append("")
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")
