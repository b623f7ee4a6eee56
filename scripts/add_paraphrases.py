"""Add officer paraphrases (``phrase_id<TAB>wording`` lines) to phrasebooks/en.yaml, deduplicated.

Run: .venv/bin/python scripts/add_paraphrases.py FILE.tsv [...]

A wording is skipped when its search key (filler and texting forms stripped) is already any phrase's
text, keyword or paraphrase, when it is offered for two phrases, when its id is unknown or legal, or
when the legal gate would block it (a paraphrase must be everyday talk). The lines are appended to
the phrase's ``paraphrases:`` list in place; the rest of the file is left byte for byte.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from lepcli import phrasebook as pb
from lepcli.phrasebook.search import key, strip_filler
from lepcli.translate import gate

EN = Path(__file__).resolve().parent.parent / "phrasebooks" / "en.yaml"


def _k(text: str) -> str:
    return key(strip_filler(text)) or key(text)


def main(files: list[str]) -> None:
    book = pb.load()
    taken: dict[str, str] = {}
    for p in book.phrases:
        for text in (p.text, *p.keywords, *p.paraphrases):
            taken.setdefault(_k(text), p.id)
    offered: dict[str, set[str]] = {}
    rows: list[tuple[str, str]] = []
    for name in files:
        for line in Path(name).read_text(encoding="utf-8").splitlines():
            if "\t" not in line or line.startswith("#"):
                continue
            pid, text = (part.strip() for part in line.split("\t", 1))
            if pid and text:
                rows.append((pid, text))
                offered.setdefault(_k(text), set()).add(pid)
    add: dict[str, list[str]] = {}
    skipped = {"duplicate": 0, "two phrases": 0, "unknown or legal id": 0, "legal gate": 0}
    for pid, text in rows:
        k = _k(text)
        if not book.has_phrase(pid) or book.phrase(pid).legal:
            skipped["unknown or legal id"] += 1
        elif len(offered[k]) > 1:
            skipped["two phrases"] += 1
        elif k in taken:
            skipped["duplicate"] += 1
        elif gate.check(text) is not None:
            skipped["legal gate"] += 1
        else:
            taken[k] = pid
            add.setdefault(pid, []).append(text)
    lines = EN.read_text(encoding="utf-8").splitlines(keepends=True)
    out: list[str] = []
    current: str | None = None
    in_para = False
    for i, line in enumerate(lines):
        out.append(line)
        if line.startswith("  - id: "):
            current, in_para = line.split(":", 1)[1].strip(), False
        elif line.startswith("    paraphrases:"):
            in_para = True
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if in_para and current in add and not nxt.startswith("      - "):
            out.extend(f"      - {json.dumps(t, ensure_ascii=False)}\n" for t in add.pop(current))
            in_para = False
    for pid in add:  # a phrase without a paraphrases: list yet
        print(f"no paraphrases list for {pid}; add one by hand", file=sys.stderr)
    EN.write_text("".join(out), encoding="utf-8")
    added = len(rows) - sum(skipped.values()) - sum(len(v) for v in add.values())
    print(f"added {added}; skipped {skipped}")


if __name__ == "__main__":
    main(sys.argv[1:])
