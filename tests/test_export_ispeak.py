"""`lep export ispeak`: the printable "I speak" card, read back from PDF (poppler) and HTML (Chromium)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lepcli import ispeak
from lepcli.export import fonts
from tests.export_fixtures import (
    chromium,
    ink_fraction,
    marks_sorted,
    needs_chromium,
    needs_poppler,
    pdf_fonts,
    pdf_pages,
    pdf_text,
    squeeze,
)

Lep = Callable[..., Any]
PICKED = ["es", "ar", "fa", "hi", "am", "my", "km", "ko", "yue", "ja", "ru", "ti"]
# Scripts poppler returns exactly (right-to-left Naskh included); the others are compared squeezed.
EXACT = {"es", "ar", "fa", "am", "ko", "yue", "ja", "ru", "ti"}


def write_card(lep: Lep, out: Path, *args: str) -> dict[str, Any]:
    run = lep("export", "ispeak", "-o", str(out), "--json", *args)
    assert run.exit_code == 0, run.stderr
    data: dict[str, Any] = run.json()
    return data


@needs_poppler
@pytest.mark.parametrize(("paper", "size"), [("letter", (612.0, 792.0)), ("a4", (595.276, 841.89))])
def test_pdf_card_has_every_sentence_in_its_script(lep: Lep, tmp_path: Path, paper: str, size: tuple) -> None:
    out = tmp_path / f"ispeak-{paper}.pdf"
    data = write_card(lep, out, "--languages", ",".join(PICKED), "--paper", paper)
    assert data["kind"] == "ispeak" and data["languages"] == PICKED and data["phrases"] == len(PICKED)
    entries = ispeak.card_entries(PICKED)
    pages, page_size = pdf_pages(out)
    assert pages == data["pages"] == 1 and page_size == pytest.approx(size, abs=0.5)
    text = pdf_text(out)
    words = " ".join(text.split())  # a sentence may wrap onto two lines
    flat = marks_sorted(squeeze(pdf_text(out, layout=True)))
    for entry in entries:
        if entry.language.code in EXACT:
            assert entry.text in words, entry.language.code
        else:  # compared word by word: a wrapped sentence shares its lines with the next cells
            assert all(marks_sorted(w) in flat for w in entry.text.split()), entry.language.code
        assert entry.language.name in text
    # numbered in card order (the number sits just left of the sentence), the status visible
    layout_text = pdf_text(out, layout=True)
    for entry in entries:
        if entry.language.code in ("es", "ko", "ru"):
            assert re.search(rf"(^|\s){entry.number}\s+{re.escape(entry.text)}", layout_text, re.M), entry.text
    assert [e.number for e in entries] == list(range(1, len(PICKED) + 1))
    assert "draft" in text
    used = pdf_fonts(out).casefold()
    for face in ("notonaskharabic", "notosansethiopic", "notosansmyanmar", "notosanskhmer", "notosanscjktc"):
        assert "+" + face in used, face
    assert "notosanscjksc" not in used  # Cantonese (Traditional) is not drawn with the Simplified face
    assert ink_fraction(out, tmp_path / "gray") > 0.005


@needs_poppler
def test_default_card_covers_every_language_across_pages(lep: Lep, tmp_path: Path) -> None:
    out = tmp_path / "all.pdf"
    data = write_card(lep, out)
    entries = ispeak.card_entries()
    assert data["phrases"] == len(entries) >= 70
    assert data["pages"] >= 2
    text = pdf_text(out)
    assert str(len(entries)) in text and entries[-1].language.name in text
    for face in ("Noto Sans CJK SC", "Noto Nastaliq Urdu", "Noto Sans Devanagari"):
        assert face in data["fonts"]


def test_html_card_is_self_contained_with_lang_and_dir(lep: Lep, tmp_path: Path) -> None:
    out = tmp_path / "ispeak.html"
    data = write_card(lep, out, "--languages", "es,ar,ur,my,zh", "--paper", "a4")
    assert data["format"] == "html" and data["pages"] is None
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page and "<link" not in page and "http" not in page.split("<body>")[1]
    for entry in ispeak.card_entries(["es", "ar", "ur", "my", "zh"]):
        face = fonts.face_for(entry.text, entry.language.code)
        direction = "rtl" if face.key in fonts.RTL_FACES else "ltr"
        assert f'lang="{entry.language.code}" dir="{direction}" class="say f-{face.key}' in page
    assert '"Noto Nastaliq Urdu"' in page and "size: A4" in page


@needs_chromium
def test_html_card_renders_in_headless_chromium(lep: Lep, tmp_path: Path) -> None:
    out = tmp_path / "ispeak.html"
    write_card(lep, out, "--languages", ",".join(PICKED))
    shot = tmp_path / "ispeak.png"
    run = chromium(out, tmp_path, f"--screenshot={shot}", "--window-size=1100,1400")
    assert shot.exists() and shot.stat().st_size > 20_000, run.stderr[-500:]
    printed = tmp_path / "printed.pdf"
    chromium(out, tmp_path, f"--print-to-pdf={printed}", "--no-pdf-header-footer")
    words = " ".join(pdf_text(printed).split()).replace("- ", "-")  # Chromium may wrap after a hyphen
    for entry in ispeak.card_entries(PICKED):
        if entry.language.code in EXACT:
            assert entry.text in words, entry.language.code


def test_ispeak_card_errors(lep: Lep, tmp_path: Path) -> None:
    run = lep("export", "ispeak", "-o", str(tmp_path / "x.csv"))
    assert run.exit_code == 3 and "unknown format csv" in run.stderr
    existing = tmp_path / "card.pdf"
    existing.write_bytes(b"old")
    run = lep("export", "ispeak", "-o", str(existing))
    assert run.exit_code == 9 and existing.read_bytes() == b"old"
    run = lep("export", "ispeak", "-o", str(tmp_path / "y.pdf"), "--languages", "klingonish")
    assert run.exit_code == 4
    assert not (tmp_path / "y.pdf").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["card.pdf"]
    run = lep("export", "ispeak", "-o", str(existing), "--force", "--languages", "es", "--json")
    assert run.exit_code == 0 and existing.read_bytes().startswith(b"%PDF")
    assert json.loads(run.stdout)["languages"] == ["es"]
