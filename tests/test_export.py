"""`lep export phrasebook`: every format read back the way a user would open it.

PDFs are rendered with poppler (pdftotext for the text in logical order, pdftoppm for pixels,
pdffonts for which face drew what); HTML is opened in headless Chromium (a subprocess on a
file:// URL; the test process itself opens no socket); CSV is read with the csv module; the
Anki deck is unzipped and its SQLite collection counted.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from lepcli import export
from lepcli.export import fonts
from lepcli.export import style as layout
from lepcli.export.formats import anki
from lepcli.export.formats import csv as csv_export
from lepcli.phrasebook import Phrasebook
from tests.export_fixtures import (
    TEXT,
    chromium,
    fixture_phrasebooks,
    ink_fraction,
    needs_chromium,
    needs_poppler,
    page_png,
    pdf_fonts,
    pdf_pages,
    pdf_text,
    squeeze,
)

Lep = Callable[..., Any]
ALL_FIXTURE_LANGS = "es,ar,fa,ur,hi,pa,bn,am,my,km,ko,zh-Hans,zh-Hant,ja"


@pytest.fixture
def fx(tmp_path: Path) -> Iterator[Phrasebook]:
    """The fixture phrasebook files, loaded by the real loader for the length of one test."""
    with fixture_phrasebooks(tmp_path / "fx") as book:
        yield book


def fixture_export(path: Path, **options: Any) -> export.ExportResult:
    """Export from whatever phrasebook lepcli loads (inside ``fx`` / ``fixture_phrasebooks``)."""
    options.setdefault("langs", [ALL_FIXTURE_LANGS])
    options.setdefault("agency", "Fixture County Police")
    options.setdefault("interpreter", False)
    return export.export_phrasebook(path, **options)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# -- PDF ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def handout_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pdf")
    with fixture_phrasebooks(root / "fx"):
        fixture_export(root / "handout.pdf")
    return root / "handout.pdf"


@needs_poppler
def test_pdf_text_of_every_script_comes_back_in_logical_order(handout_pdf: Path) -> None:
    text = pdf_text(handout_pdf)
    # Latin, right-to-left Naskh (Arabic and Persian, with its zero-width non-joiner), Hangul, CJK:
    # poppler returns these exactly, words in reading order.
    for exact in (
        "¿Está herido?",
        "هل أنت مصاب؟",
        "هل تحتاج إلى سيارة إسعاف؟",
        "آیا زخمی شده\u200cاید؟",
        "다치셨어요?",
        "您受伤了吗？",
        "您受傷了嗎？",
        "救急車が必要ですか？",
        "ተጎድተዋል?",
    ):
        assert exact in text, exact
    # Arabic words are stored first-word-first (logical order), not mirrored.
    line = next(ln for ln in text.splitlines() if "مصاب" in ln and "هل" in ln)
    assert line.index("هل") < line.index("أنت") < line.index("مصاب")
    # Indic, Burmese and Khmer: poppler inserts stray spaces between clusters, the letters are right.
    flat = squeeze(pdf_text(handout_pdf, layout=True))
    for lang in ("hi", "pa", "bn", "my", "km"):
        assert squeeze(TEXT[lang]["medical.are_you_hurt"][0]) in flat, lang


@needs_poppler
def test_pdf_uses_the_right_face_per_script_and_language(handout_pdf: Path) -> None:
    used = pdf_fonts(handout_pdf).casefold()
    for face in (
        "NotoSans ",
        "NotoNaskhArabic",
        "NotoNastaliqUrdu",  # Urdu in Nastaliq, not Naskh
        "NotoSansDevanagari",
        "NotoSansGurmukhi",
        "NotoSansBengali",
        "NotoSansEthiopic",
        "NotoSansMyanmar",
        "NotoSansKhmer",
        "NotoSansCJKkr",
        "NotoSansCJKsc",  # Simplified Chinese
        "NotoSansCJKtc",  # Traditional Chinese drawn with Traditional glyph shapes
        "NotoSansCJKjp",
    ):
        assert "+" + face.casefold() in used, face


@needs_poppler
def test_pdf_marks_status_legal_and_footer_on_the_page(handout_pdf: Path) -> None:
    text = pdf_text(handout_pdf)
    assert "DRAFT" in text and "REVIEWED" in text and "NONE" in text
    assert "LEGAL: use a" in text
    # A reviewed legal translation is printed; a draft one is withheld and points to an interpreter.
    assert "Tiene derecho a guardar silencio." in text
    assert TEXT["ar"]["legal.right_to_remain_silent"][0] not in text
    assert "Use a qualified interpreter (no reviewed translation" in text
    assert "Fixture County Police" in text
    assert "with lepcli" in text
    # the pronunciation an officer reads aloud, and the romanization
    assert "es-TAH eh-REE-doh" in text
    assert "nín shòushāng le ma?" in text


@needs_poppler
def test_pdf_pages_are_drawn(handout_pdf: Path, tmp_path: Path) -> None:
    png = page_png(handout_pdf, tmp_path / "page1")
    assert png.stat().st_size > 5_000
    assert 0.005 < ink_fraction(handout_pdf, tmp_path / "gray") < 0.5


@needs_poppler
@pytest.mark.parametrize(("paper", "size"), [("letter", (612.0, 792.0)), ("a4", (595.276, 841.89))])
def test_pocket_card_fits_one_sheet_on_letter_and_a4(lep: Lep, tmp_path: Path, paper: str, size: tuple) -> None:
    out = tmp_path / f"card-{paper}.pdf"
    run = lep("export", "phrasebook", "--lang", "es", "--layout", "card", "--paper", paper, "-o", str(out), "--json")
    assert run.exit_code == 0, run.stderr
    data = run.json()
    pages, page_size = pdf_pages(out)
    assert pages == data["pages"] <= 2  # front and back of one sheet
    assert page_size == pytest.approx(size, abs=0.5)
    from lepcli import phrasebook

    book = phrasebook.load()
    urgent = [p for p in book.phrases if p.urgent and not p.legal]
    text = pdf_text(out)
    first = book.translation(urgent[0].id, "es")
    assert first is not None and first.text in text
    assert "DRAFT" in text or "REVIEWED" in text
    shown = sum(1 for p in urgent if (t := book.translation(p.id, "es")) and t.text in text)
    assert shown >= 50  # the urgent phrases come first and nearly all fit


@needs_poppler
def test_card_of_fixture_marks_legal_and_omits_withheld(tmp_path: Path, fx: Phrasebook) -> None:
    out = tmp_path / "card.pdf"
    result = fixture_export(out, layout="card", langs=["es,ar"])
    text = pdf_text(out)
    assert result.pages == 2  # one page per language: everything fits on the front
    assert "Spanish pocket card" in text and "Arabic pocket card" in text
    assert "REVIEWED" in text and "LEGAL: interpreter" in text
    assert TEXT["ar"]["legal.right_to_remain_silent"][0] not in text
    assert layout.LEGAL_REMINDER.split(":")[0] in text


def test_pdf_loads_only_the_fonts_a_document_needs(tmp_path: Path, fx: Phrasebook) -> None:
    result = fixture_export(tmp_path / "es.pdf", langs=["es"])
    assert result.fonts == ["Noto Sans"]
    result = fixture_export(tmp_path / "zh.pdf", langs=["zh-Hant"])
    assert "Noto Sans CJK TC" in result.fonts and "Noto Sans CJK SC" not in result.fonts


def test_missing_font_names_the_debian_package(lep: Lep, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    core = tmp_path / "only-core"
    core.mkdir()
    for name in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"):
        found = fonts.locate(name)
        assert found is not None
        (core / name).symlink_to(found)
    monkeypatch.setenv(fonts.ENV_FONT_DIRS, str(core))
    fonts._index.cache_clear()
    out = tmp_path / "zh.pdf"
    run = lep("export", "phrasebook", "--lang", "zh-Hans", "-o", str(out))
    assert run.exit_code == 6
    assert "NotoSansCJK-Regular.ttc" in run.stderr and "fonts-noto-cjk" in run.stderr
    assert not out.exists() and leftovers(tmp_path) == []
    # Spanish needs nothing else, so it still works with only Noto Sans present.
    run = lep("export", "phrasebook", "--lang", "es", "-o", str(tmp_path / "es.pdf"))
    assert run.exit_code == 0, run.stderr
    monkeypatch.setenv(fonts.ENV_FONT_DIRS, str(tmp_path / "empty"))
    run = lep("export", "phrasebook", "--lang", "es", "-o", str(tmp_path / "es2.pdf"))
    assert run.exit_code == 6 and "fonts-noto-core" in run.stderr


def test_long_unspaced_words_break_between_clusters_only() -> None:
    khmer = "តើអ្នកត្រូវការឡានពេទ្យទេ"
    cuts = layout.cluster_breaks(khmer)
    for cut in cuts:
        assert khmer[cut - 1] != "\u17d2"  # never right after a coeng (the next consonant is subscript)
        assert not ("\u17b6" <= khmer[cut] <= "\u17d3")  # never before a vowel sign or mark
    burmese = "ကျွန်တော်မြန်မာစကားပြောပါတယ်"
    for cut in layout.cluster_breaks(burmese):
        assert burmese[cut] not in "\u103a\u1039\u102c\u102d\u103b\u103c\u103d\u103e"
        assert cut + 1 >= len(burmese) or burmese[cut + 1] not in "\u103a\u1039"
    assert layout.cluster_breaks("您受伤了吗？")[-1] != len("您受伤了吗")  # no line starts with ？


# -- HTML -----------------------------------------------------------------------------------------


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_html_is_self_contained_with_lang_dir_and_font_stacks(tmp_path: Path, fx: Phrasebook) -> None:
    out = tmp_path / "p.html"
    fixture_export(out, paper="a4")
    page = out.read_text(encoding="utf-8")
    parser = _Cells()
    parser.feed(page)
    names = [t for t, _ in parser.tags]
    assert "script" not in names and "link" not in names and "img" not in names
    assert "http://" not in page and "https://" not in page
    by_lang: dict[str, set[str | None]] = {}
    for _, attrs in parser.tags:
        if attrs.get("lang") and attrs.get("dir"):
            by_lang.setdefault(str(attrs["lang"]), set()).add(attrs["dir"])
    assert by_lang["ar"] == {"rtl"} and by_lang["fa"] == {"rtl"} and by_lang["ur"] == {"rtl"}
    assert by_lang["hi"] == {"ltr"} and by_lang["zh-Hant"] == {"ltr"}
    assert '"Noto Nastaliq Urdu"' in page and '"Noto Sans CJK TC"' in page and '"Noto Sans Khmer"' in page
    assert "overflow-wrap: anywhere" in page
    khmer_cells = [a for _, a in parser.tags if a.get("lang") == "km"]
    assert khmer_cells and all("unspaced" in str(a.get("class")) for a in khmer_cells)
    assert "size: A4" in page
    assert TEXT["ar"]["legal.right_to_remain_silent"][0] not in page
    assert "Tiene derecho a guardar silencio." in page


@needs_chromium
def test_html_renders_in_headless_chromium(tmp_path: Path, fx: Phrasebook) -> None:
    out = tmp_path / "handout.html"
    fixture_export(out, langs=["es,ar,fa,hi,am,ko,zh-Hans,ja"])
    shot = tmp_path / "shot.png"
    run = chromium(out, tmp_path, f"--screenshot={shot}", "--window-size=1000,1400")
    assert shot.exists() and shot.stat().st_size > 20_000, run.stderr[-500:]
    printed = tmp_path / "printed.pdf"
    chromium(out, tmp_path, f"--print-to-pdf={printed}", "--no-pdf-header-footer")
    text = pdf_text(printed)
    for lang, pid in (("es", "medical.are_you_hurt"), ("ar", "medical.are_you_hurt"), ("ko", "medical.are_you_hurt")):
        assert TEXT[lang][pid][0] in text
    assert squeeze(TEXT["hi"]["medical.are_you_hurt"][0]) in squeeze(text)
    assert "DRAFT" in text and "Fixture County Police" in text


@needs_chromium
def test_html_card_layout_in_chromium(tmp_path: Path, fx: Phrasebook) -> None:
    out = tmp_path / "card.html"
    fixture_export(out, layout="card", langs=["my,km"])
    dom = chromium(out, tmp_path, "--dump-dom").stdout.decode("utf-8")
    assert 'class="card"' in dom and dom.count('class="entry') == len(TEXT["my"]) + len(TEXT["km"])
    assert TEXT["my"]["medical.are_you_hurt"][0] in dom


# -- CSV, Markdown, JSON --------------------------------------------------------------------------


def test_csv_reads_back_in_excel_encoding(lep: Lep, tmp_path: Path, fx: Phrasebook) -> None:
    out = tmp_path / "phrases.csv"
    result = fixture_export(out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    langs = ALL_FIXTURE_LANGS.split(",")
    assert len(rows) == len(langs) * result.phrases
    assert tuple(rows[0]) == csv_export.COLUMNS
    by_key = {(r["language"], r["phrase_id"]): r for r in rows}
    hurt = by_key[("fa", "medical.are_you_hurt")]
    assert hurt["translation"] == TEXT["fa"]["medical.are_you_hurt"][0]
    assert hurt["status"] == "draft" and hurt["usable"] == "yes"
    legal = by_key[("ar", "legal.right_to_remain_silent")]
    assert legal["legal"] == "yes" and legal["usable"] == "no"
    assert legal["warning"].startswith("Use a qualified interpreter")
    reviewed = by_key[("es", "legal.right_to_remain_silent")]
    assert reviewed["status"] == "reviewed" and reviewed["usable"] == "yes"
    assert by_key[("ja", "medical.are_you_hurt")]["status"] == "missing"


def test_csv_cells_never_become_spreadsheet_formulas(tmp_path: Path, fx: Phrasebook) -> None:
    hostile = {"es": {**TEXT["es"], "greeting.hello": ('=HYPERLINK("x","y")', "+1", None)}}
    out = tmp_path / "h.csv"
    with fixture_phrasebooks(tmp_path / "hostile", text=hostile):
        export.export_phrasebook(out, langs=["es"], interpreter=False)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    hello = next(r for r in rows if r["phrase_id"] == "greeting.hello")
    assert hello["translation"] == '\'=HYPERLINK("x","y")' and hello["pronunciation"] == "'+1"


def test_markdown_has_a_table_per_category_and_withholds_draft_legal(tmp_path: Path, fx: Phrasebook) -> None:
    out = tmp_path / "p.md"
    fixture_export(out, langs=["es,ar"])
    text = out.read_text(encoding="utf-8")
    assert text.count("# Field phrasebook:") == 2
    assert "| English | Arabic | Say it | Status |" in text
    assert "| **Are you hurt?** | هل أنت مصاب؟ | hal AN-ta mu-SAAB / hal anta muṣāb? |  |" in text
    assert text.count("Translations are DRAFT") == 2  # once per language, not a tag per line
    assert TEXT["ar"]["legal.right_to_remain_silent"][0] not in text
    assert "REVIEWED · LEGAL: use a qualified interpreter" in text


def test_json_schema_is_stable(tmp_path: Path, fx: Phrasebook) -> None:
    out = tmp_path / "p.json"
    fixture_export(out, langs=["es,ar"], agency="Fixture PD")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert list(data) == [
        "schema",
        "schema_version",
        "generated",
        "agency",
        "machine_filled",
        "languages",
        "categories",
        "phrases",
    ]
    assert data["schema"] == "lepcli.phrasebook-export" and data["schema_version"] == 1
    assert data["agency"] == "Fixture PD"
    assert list(data["languages"][0]) == ["code", "name", "native", "script", "rtl", "interpreter", "counts"]
    assert [lang["code"] for lang in data["languages"]] == ["es", "ar"] and data["languages"][1]["rtl"] is True
    phrase = next(p for p in data["phrases"] if p["id"] == "legal.right_to_remain_silent")
    assert list(phrase) == ["id", "category", "english", "urgent", "legal", "answer", "notes", "translations"]
    assert list(phrase["translations"]["ar"]) == [
        "text",
        "pronunciation",
        "romanization",
        "status",
        "usable",
        "warning",
        "reviewed_by",
        "reviewed_on",
        "source",
    ]
    assert phrase["translations"]["ar"]["usable"] is False and phrase["translations"]["es"]["usable"] is True
    assert phrase["translations"]["es"]["reviewed_by"] == "A. Reviewer, fixture"
    assert data["categories"][0] == {"id": "greeting", "title": "Greeting and identification"}


# -- Anki -----------------------------------------------------------------------------------------


def test_anki_deck_opens_and_counts_urgent_first(tmp_path: Path, fx: Phrasebook) -> None:
    out = tmp_path / "deck.apkg"
    result = fixture_export(out, langs=["es,ar"], audio=False)  # audio: tests/test_export_anki.py
    with zipfile.ZipFile(out) as archive:
        assert set(archive.namelist()) == {"collection.anki2", "media"}
        (tmp_path / "c.anki2").write_bytes(archive.read("collection.anki2"))
    db = sqlite3.connect(tmp_path / "c.anki2")
    try:
        notes = {nid: flds.split("\x1f") for nid, flds in db.execute("select id, flds from notes")}
        due = dict(db.execute("select nid, due from cards").fetchall())
        models = json.loads(db.execute("select models from col").fetchone()[0])
        decks = json.loads(db.execute("select decks from col").fetchone()[0])
    finally:
        db.close()
    assert len(notes) == len(due) == result.notes == 6 + 4  # ar: no {name} phrase, its legal draft withheld
    assert str(anki.MODEL_ID) in models
    assert {"lepcli phrasebook::Spanish", "lepcli phrasebook::Arabic"} <= {d["name"] for d in decks.values()}
    assert str(anki.deck_id("es")) in decks
    english = {f[0] for f in notes.values()}
    assert "You have the right to remain silent." in english  # reviewed in Spanish
    assert not any(TEXT["ar"]["legal.right_to_remain_silent"][0] in f[2] for f in notes.values())
    # New cards are studied in `due` order: the four urgent Spanish phrases come first.
    spanish = sorted((due[nid], f[0]) for nid, f in notes.items() if f[1] == "Spanish")
    assert [e for _, e in spanish[:4]] == ["Hello.", "Stop!", "Are you hurt?", "Do you need an ambulance?"]
    assert {e for _, e in spanish[4:]} == {"My name is Officer ________.", "You have the right to remain silent."}


def test_anki_ids_are_stable() -> None:
    assert anki.deck_id("es") == anki.deck_id("es") != anki.deck_id("vi")
    assert anki.MODEL_ID == 1_731_640_201


# -- the command: options, errors, --force, atomic writes -----------------------------------------


def test_command_json_result_keys(lep: Lep, tmp_path: Path) -> None:
    out = tmp_path / "es.csv"
    run = lep("export", "phrasebook", "--lang", "spanish", "-o", str(out), "--json")
    assert run.exit_code == 0, run.stderr
    data = run.json()
    assert list(data) == [
        "path",
        "kind",
        "format",
        "layout",
        "paper",
        "languages",
        "phrases",
        "statuses",
        "legal_withheld",
        "machine_filled",
        "omitted",
        "pages",
        "notes",
        "fonts",
        "bytes",
        "legal_for_review",
        "audio",
    ]
    assert data["format"] == "csv" and data["languages"] == ["es"] and data["bytes"] == out.stat().st_size
    from lepcli import phrasebook

    book = phrasebook.load()
    assert data["phrases"] == len(book.phrases)
    legal_drafts = sum(
        1 for p in book.phrases if p.legal and (t := book.translation(p.id, "es")) and t.status != "reviewed"
    )
    assert data["legal_withheld"] == legal_drafts


def test_human_output_names_the_file(lep: Lep, tmp_path: Path) -> None:
    out = tmp_path / "es.md"
    run = lep("export", "phrasebook", "--lang", "es", "--category", "medical", "-o", str(out))
    assert run.exit_code == 0, run.stderr
    assert f"Wrote {out}" in run.stdout and "languages: es" in run.stdout
    text = out.read_text(encoding="utf-8")
    assert "## Medical emergency and injuries" in text and "## Safety commands" not in text


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--lang", "es", "--format", "docx"], 3, "unknown format docx"),
        (["--lang", "es", "--category", "weather"], 4, "unknown category: weather"),
        (["--lang", "klingonish"], 4, "unknown language"),
        (["--lang", "es", "--layout", "poster"], 3, "unknown layout poster"),
        (["--lang", "es", "--paper", "legal"], 3, "unknown paper legal"),
    ],
)
def test_bad_options_are_one_clear_error(lep: Lep, tmp_path: Path, args: list[str], code: int, message: str) -> None:
    out = tmp_path / "x.pdf"
    run = lep("export", "phrasebook", *args, "-o", str(out))
    assert run.exit_code == code, run.stderr
    assert message in run.stderr
    assert not out.exists() and leftovers(tmp_path) == []


def test_format_comes_from_the_file_name_or_is_asked_for(lep: Lep, tmp_path: Path) -> None:
    # the format is the point here (audio: tests/test_export_anki.py)
    run = lep("export", "phrasebook", "--lang", "es", "-o", str(tmp_path / "x.apkg"), "--no-audio", "--json")
    assert run.exit_code == 0 and run.json()["format"] == "anki"
    run = lep("export", "phrasebook", "--lang", "es", "-o", str(tmp_path / "x.txt"))
    assert run.exit_code == 3 and "--format" in run.stderr


def test_language_without_a_phrasebook_says_so(lep: Lep, tmp_path: Path) -> None:
    run = lep("export", "phrasebook", "--lang", "georgian", "-o", str(tmp_path / "ka.pdf"))
    assert run.exit_code == 4
    assert "no phrasebook for Georgian" in run.stderr and "--fill-machine" in run.stderr


def test_never_overwrites_without_force(lep: Lep, tmp_path: Path) -> None:
    out = tmp_path / "es.json"
    out.write_text("keep me", encoding="utf-8")
    run = lep("export", "phrasebook", "--lang", "es", "-o", str(out))
    assert run.exit_code == 9 and "--force" in run.stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    run = lep("export", "phrasebook", "--lang", "es", "-o", str(out), "--force")
    assert run.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "lepcli.phrasebook-export"
    assert leftovers(tmp_path) == []


def test_ctrl_c_while_rendering_leaves_nothing_half_written(
    lep: Lep, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "es.pdf"
    out.write_bytes(b"%PDF-old")

    def interrupted(doc: Any, fmt: str, **options: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(export.run, "render_phrasebook", interrupted)
    run = lep("export", "phrasebook", "--lang", "es", "-o", str(out), "--force")
    assert run.exit_code == 130
    assert out.read_bytes() == b"%PDF-old" and leftovers(tmp_path) == []


def test_ctrl_c_while_writing_leaves_no_partial_file(lep: Lep, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import lepcli.files.atomic

    real_fsync = os.fsync

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(lepcli.files.atomic.os, "fsync", interrupted)
    out = tmp_path / "es.csv"
    run = lep("export", "phrasebook", "--lang", "es", "-o", str(out))
    monkeypatch.setattr(lepcli.files.atomic.os, "fsync", real_fsync)
    assert run.exit_code == 130
    assert not out.exists() and leftovers(tmp_path) == []


# -- --fill-machine -------------------------------------------------------------------------------


def test_fill_machine_never_sends_legal_phrases_and_marks_machine(tmp_path: Path, fx: Phrasebook) -> None:
    sent: list[tuple[str, list[str]]] = []

    def machine(texts: list[str], source: str, target: str, progress: Any) -> list[str]:
        sent.append((target, list(texts)))
        if progress:
            progress(len(texts), len(texts))
        return [f"[{target}] {t}" for t in texts]

    seen: list[tuple[int, int]] = []
    out = tmp_path / "filled.json"
    result = export.export_phrasebook(
        out,
        langs=["ja,km"],
                fill_machine=True,
        machine=machine,
        progress=lambda done, total: seen.append((done, total)),
        interpreter=False,
    )
    assert [target for target, _ in sent] == ["ja", "km"]  # one batch per language
    every = [t for _, texts in sent for t in texts]
    assert "You have the right to remain silent." not in every
    assert result.machine_filled == len(every)
    assert seen[0] == (0, len(every)) and seen[-1] == (len(every), len(every))
    data = json.loads(out.read_text(encoding="utf-8"))
    stop = next(p for p in data["phrases"] if p["id"] == "safety.stop")["translations"]["ja"]
    assert (
        stop["status"] == "machine"
        and stop["text"] == "[ja] Stop!"
        and stop["warning"] == ("machine translation: verify")
    )
    legal = next(p for p in data["phrases"] if p["id"] == "legal.right_to_remain_silent")["translations"]["km"]
    assert legal["status"] == "missing" and legal["text"] is None


def test_fill_machine_drops_results_that_lose_a_placeholder(tmp_path: Path, fx: Phrasebook) -> None:
    def machine(texts: list[str], source: str, target: str, progress: Any) -> list[str]:
        return [t.replace("{name}", "NAME") for t in texts]

    out = tmp_path / "f.csv"
    result = export.export_phrasebook(out, langs=["ja"], fill_machine=True, machine=machine)
    rows = {r["phrase_id"]: r for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")))}
    assert rows["greeting.my_name_is"]["status"] == "missing"
    assert rows["safety.stop"]["status"] == "machine"
    assert result.machine_filled == 2  # stop and are_you_hurt; my_name_is dropped; hello and need_ambulance exist


def test_fill_machine_without_a_model_is_unavailable(lep: Lep, tmp_path: Path) -> None:
    out = tmp_path / "ka.csv"
    run = lep("export", "phrasebook", "--lang", "ka", "--fill-machine", "-o", str(out))
    assert run.exit_code == 6, run.stderr
    assert not out.exists()


@pytest.fixture(scope="module")
def en_de_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.mt_fixtures import build_argosmodel

    return build_argosmodel(tmp_path_factory.mktemp("argos"), from_code="en", to_code="de", seed=4, stop_after=5)


def test_fill_machine_with_an_installed_model(lep: Lep, tmp_path: Path, en_de_model: Path) -> None:
    assert lep("models", "install", str(en_de_model)).exit_code == 0
    out = tmp_path / "de.csv"
    run = lep("export", "phrasebook", "--lang", "german", "--fill-machine", "-o", str(out), "--json")
    assert run.exit_code == 0, run.stderr
    assert "machine-translating" in run.stderr  # the progress bar is on stderr; stdout is the JSON
    data = run.json()
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    machine = [r for r in rows if r["status"] == "machine"]
    assert data["machine_filled"] == len(machine) > 0
    assert all(r["legal"] == "no" and r["translation"] for r in machine)
    legal = [r for r in rows if r["legal"] == "yes"]
    assert legal and all(r["status"] == "missing" and r["translation"] == "" for r in legal)


# -- what a trainer hands out (issue 17) -----------------------------------------------------------


def _bbox_words(path: Path) -> tuple[float, list[tuple[str, float, float, float, float]]]:
    """(page height, [(word, xMin, yMin, xMax, yMax)]) of page 1 from pdftotext -bbox."""
    import re
    import subprocess

    html = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"], capture_output=True,
                          text=True, check=True, timeout=60).stdout  # fmt: skip
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', html).group(1))  # type: ignore[union-attr]
    words = [
        (m.group(5), float(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(4)))
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                             html)
    ]  # fmt: skip
    return height, words


@needs_poppler
def test_card_panels_on_top_are_printed_upside_down_with_fold_guides(lep: Lep, tmp_path: Path) -> None:
    out = tmp_path / "card.pdf"
    run = lep("export", "phrasebook", "--lang", "es", "--layout", "card", "-o", str(out), "--no-interpreter")
    assert run.exit_code == 0, run.stderr
    height, words = _bbox_words(out)
    text = pdf_text(out)
    assert "fold 1: fold back along this line" in text and "fold 2: fold in half" in text
    # the cover (title) is in the bottom half, upright
    title = next(w for w in words if w[0] == "pocket")
    assert title[2] > height / 2
    # top half: printed rotated by 180 degrees, so within each entry the English (drawn first, above
    # the translation on an upright panel) sits BELOW its translation on the page
    from lepcli import phrasebook

    book = phrasebook.load()
    top = [w for w in words if w[4] < height / 2 - 10]
    assert top, "nothing printed on the top panels"
    checked = 0
    for p in book.phrases:
        tr = book.translation(p.id, "es")
        if tr is None or p.legal or "{" in p.text:
            continue
        en_word, es_word = p.text.split()[-1], tr.text.split()[-1]
        en = [w for w in words if w[0] == en_word]  # unique on the whole page, so surely this entry's
        es = [w for w in words if w[0] == es_word]
        if len(en) == 1 and len(es) == 1 and en[0] in top and es[0] in top and 0 < abs(en[0][2] - es[0][2]) < 25:
            assert en[0][2] > es[0][2], p.id
            checked += 1
    assert checked >= 3


@needs_poppler
def test_card_legend_says_the_usual_status_once(tmp_path: Path) -> None:
    # All Spanish lines reviewed: the legend says REVIEWED and no line says DRAFT.
    everything = {("es", pid) for pid in TEXT["es"]}
    with fixture_phrasebooks(tmp_path / "all", reviewed=everything):
        fixture_export(tmp_path / "reviewed.pdf", layout="card", langs=["es"])
    text = pdf_text(tmp_path / "reviewed.pdf")
    assert "All REVIEWED" in text and "DRAFT" not in text
    # Mostly drafts: the legend says DRAFT once, the one reviewed line carries its own tag.
    with fixture_phrasebooks(tmp_path / "mixed"):
        fixture_export(tmp_path / "mixed.pdf", layout="card", langs=["es"])
    text = pdf_text(tmp_path / "mixed.pdf")
    assert text.count("DRAFT") == 1 and "All DRAFT" in text
    assert text.count("REVIEWED") == 1


@needs_poppler
def test_placeholders_print_as_blanks_and_pronunciation_is_8pt(tmp_path: Path, fx: Phrasebook) -> None:
    out = tmp_path / "es.pdf"
    fixture_export(out, langs=["es"], layout="card")
    text = pdf_text(out)
    assert "{name}" not in text and "Soy el oficial ________." in text
    _, words = _bbox_words(out)
    pron = next(w for w in words if w[0] == "AHL-toh")  # the pronunciation of ¡Alto!
    assert pron[4] - pron[2] >= 8 * 1.0  # glyph box height in points at >= 8 pt
    html = tmp_path / "es.html"
    fixture_export(html, langs=["es"])
    assert "{name}" not in html.read_text(encoding="utf-8")


LINES_WITH_PIN = """\
agency: Fixture County Police
timezone: America/Chicago
lines:
  - name: Fixture Language Line
    kind: vendor
    phone: "+1 555-0100 x 12"
    client_id: "FX-77"
    pin: "0417"
    languages: all
    hours: "24/7"
    priority: 1
    qualified: true
"""


def _with_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = tmp_path / "lines.yaml"
    lines.write_text(LINES_WITH_PIN, encoding="utf-8")
    monkeypatch.setenv("LEP_LINES", str(lines))


def test_pin_is_left_off_unless_asked(lep: Lep, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _with_lines(tmp_path, monkeypatch)
    out = tmp_path / "es.md"
    run = lep("export", "phrasebook", "--lang", "es", "-o", str(out))
    assert run.exit_code == 0, run.stderr
    text = out.read_text(encoding="utf-8")
    assert "Fixture Language Line" in text and "FX-77" in text and "0417" not in text
    run = lep("export", "phrasebook", "--lang", "es", "-o", str(out), "--force", "--with-pin")
    assert "PIN 0417" in out.read_text(encoding="utf-8")


@needs_chromium
def test_html_ids_language_index_and_tel_links_in_chromium(
    tmp_path: Path, fx: Phrasebook, monkeypatch: pytest.MonkeyPatch, browser: Any
) -> None:
    _with_lines(tmp_path, monkeypatch)
    out = tmp_path / "h.html"
    fixture_export(out, langs=["es,ar,ko"], interpreter=True)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(out.resolve().as_uri())
        ids = page.eval_on_selector_all("[id]", "els => els.map(e => e.id)")
        assert ids and len(ids) == len(set(ids))  # unique across languages
        assert {"es-greeting.hello", "ar-greeting.hello", "ko-greeting.hello"} <= set(ids)
        links = page.eval_on_selector_all("nav.languages a", "els => els.map(e => e.getAttribute('href'))")
        assert links == ["#lang-es", "#lang-ar", "#lang-ko"]
        page.click("nav.languages a[href='#lang-ko']")
        assert page.evaluate("location.hash") == "#lang-ko"
        assert page.evaluate("window.scrollY") > 0  # the link moved the page to Korean
        tel = page.eval_on_selector_all("a[href^='tel:']", "els => els.map(e => e.getAttribute('href'))")
        assert tel == ["tel:+15550100;ext=12"] * 3
        assert "0417" not in page.content()
    finally:
        context.close()


def test_ispeak_card_instruction_in_the_cards_languages_without_a_command(tmp_path: Path) -> None:
    from tests.export_fixtures import ispeak_entries

    # the packaged phrasebook translates language.point_to_language ("Point to your language.")
    out = tmp_path / "ispeak.html"
    export.export_ispeak(out, entries=ispeak_entries()[:8], agency="Fixture PD")
    page = out.read_text(encoding="utf-8")
    from lepcli import phrasebook

    book = phrasebook.load()
    es = book.translation("language.point_to_language", "es")
    assert es is not None and es.text in page
    assert "lep ispeak" not in page and "lep lines" not in page
