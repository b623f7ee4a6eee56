"""`lep ispeak`: the "I speak" card, its pages, scripts on a terminal, and --pick."""

from __future__ import annotations

import io
import os
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from lepcli import ispeak, languages
from lepcli.cli import ispeak as _ispeak_views  # noqa: F401  (registers the card views)
from lepcli.cli import render as output
from lepcli.policy import NEVER_FAMILY
from lepcli.text import bidi as termtext

ROOT = Path(__file__).resolve().parent.parent

REQUIRED = {
    "ht": "Haitian Creole",
    "hmn": "Hmong",
    "so": "Somali",
    "am": "Amharic",
    "ti": "Tigrinya",
    "my": "Burmese",
    "ksw": "S'gaw Karen",
    "km": "Khmer",
    "lo": "Lao",
    "ne": "Nepali",
    "ps": "Pashto",
    "prs": "Dari",
    "pa": "Punjabi",
    "chk": "Chuukese",
    "mh": "Marshallese",
    "mam": "Mam",
    "quc": "K'iche'",
    "kjb": "Q'anjob'al",
    "mix": "Mixtec",
    "zap": "Zapotec",
    "trs": "Triqui",
    "nah": "Nahuatl",
}


def card_json(lep: Any, *args: str) -> dict[str, Any]:
    result = lep("ispeak", *args, "--json")
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert isinstance(data, dict)
    return data


# -- content -------------------------------------------------------------------------------------


def test_at_least_70_languages_including_the_required_ones() -> None:
    entries = ispeak.card_entries()
    assert len(entries) >= 70
    codes = {e.code for e in entries}
    missing = {c: n for c, n in REQUIRED.items() if c not in codes}
    assert not missing
    for common in ("es", "zh", "vi", "tl", "ko", "ar", "ru", "pt", "fr", "fa", "ur"):
        assert common in codes


def test_every_code_resolves_and_every_entry_is_well_formed() -> None:
    for e in ispeak.card_entries():
        assert languages.get(e.code).code == e.code
        assert e.language.code in {lang.code for lang in languages.catalog()}
        assert e.status in ("draft", "reviewed", "machine")
        assert e.status != "reviewed" or e.reviewed_by
        assert e.text == e.text.strip() and e.text
        assert unicodedata.is_normalized("NFC", e.text), e.code


def test_sentences_are_written_in_the_languages_script() -> None:
    script_ranges = {
        "Arab": (0x0600, 0x06FF),
        "Hebr": (0x0590, 0x05FF),
        "Deva": (0x0900, 0x097F),
        "Ethi": (0x1200, 0x137F),
        "Mymr": (0x1000, 0x109F),
        "Khmr": (0x1780, 0x17FF),
        "Laoo": (0x0E80, 0x0EFF),
        "Guru": (0x0A00, 0x0A7F),
        "Thai": (0x0E00, 0x0E7F),
        "Cyrl": (0x0400, 0x04FF),
        "Hang": (0xAC00, 0xD7AF),
        "Kore": (0xAC00, 0xD7AF),
        "Beng": (0x0980, 0x09FF),
    }
    checked = 0
    for e in ispeak.card_entries():
        rng = script_ranges.get(e.language.script)
        if rng is None:
            continue
        letters = [ch for ch in e.text if ch.isalpha()]
        inside = [ch for ch in letters if rng[0] <= ord(ch) <= rng[1]]
        assert len(inside) >= len(letters) * 0.8, e.code
        checked += 1
    assert checked >= 25


def test_the_file_says_draft_and_indigenous_entries_carry_spanish() -> None:
    text = (ROOT / "phrasebooks" / "ispeak.yaml").read_text(encoding="utf-8")
    assert "DRAFT" in text
    by_code = {e.code: e for e in ispeak.card_entries()}
    for code in ("mam", "quc", "kjb", "mix", "zap", "trs", "nah"):
        assert by_code[code].also and by_code[code].also.startswith("Hablo"), code
        assert by_code[code].notes, code  # how sure the draft is, for reviewers


# -- order and selection ------------------------------------------------------------------------


def test_json_contract_and_default_order(lep: Any) -> None:
    data = card_json(lep)
    assert list(data) == ["count", "order", "languages"]
    assert data["count"] == len(data["languages"]) >= 70
    first = data["languages"][0]
    assert list(first) == [
        "number",
        "code",
        "name",
        "native",
        "script",
        "rtl",
        "text",
        "also",
        "status",
        "reviewed_by",
        "notes",
    ]
    assert [x["number"] for x in data["languages"]] == list(range(1, data["count"] + 1))
    assert first["code"] == "es" and first["text"] == "Hablo español"
    ranks = [languages.get(x["code"]).rank or 10_000 for x in data["languages"]]
    assert ranks == sorted(ranks)


def test_languages_option_picks_and_orders(lep: Any) -> None:
    data = card_json(lep, "--languages", "so, vietnamese,es,Somali")
    assert [x["code"] for x in data["languages"]] == ["so", "vi", "es"]
    assert data["order"] == "--languages"
    assert lep("ispeak", "--languages", "klingonish").exit_code == 4
    no_sentence = lep("ispeak", "--languages", "english")
    assert no_sentence.exit_code == 4 and "no 'I speak' sentence for English" in no_sentence.stderr
    assert lep("ispeak", "--languages", " , ").exit_code == 3


def test_agency_order_from_lines_file(lep: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "agency.yaml"
    path.write_text(
        "agency: A\ntimezone: UTC\nispeak_languages: [Mam, so, Hmong]\nlines: []\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("LEP_LINES", str(path))
    data = card_json(lep)
    assert [x["code"] for x in data["languages"]] == ["mam", "so", "hmn"]
    assert data["order"] == "agency ispeak_languages"


def test_agency_ispeak_file_overrides(lep: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    folder = tmp_path / "agency-books"
    folder.mkdir()
    (folder / "ispeak.yaml").write_text(
        "languages:\n  - code: mam\n    text: Ma chin tzaj\n    status: reviewed\n    reviewed_by: A. Reviewer\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("LEP_PHRASEBOOKS", str(folder))
    mam = next(x for x in card_json(lep)["languages"] if x["code"] == "mam")
    assert (mam["text"], mam["status"], mam["reviewed_by"]) == ("Ma chin tzaj", "reviewed", "A. Reviewer")


def test_an_agency_ispeak_edit_keeping_size_and_mtime_is_seen(
    lep: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The card's cache (in memory and on disk) keys on the files' content, not on size and mtime."""
    folder = tmp_path / "agency-books"
    folder.mkdir()
    path = folder / "ispeak.yaml"
    monkeypatch.setenv("LEP_PHRASEBOOKS", str(folder))
    for text in ("Ma chin tzaj", "Ma chin tzoj"):  # same length; the mtime put back as cp -p / tar leave it
        path.write_text(f"languages:\n  - code: mam\n    text: {text}\n    status: draft\n", encoding="utf-8")
        os.utime(path, ns=(1_767_225_600_000_000_000, 1_767_225_600_000_000_000))
        mam = next(x for x in card_json(lep)["languages"] if x["code"] == "mam")
        assert mam["text"] == text


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ("languages:\n  - code: xx-nope\n    text: hi\n    status: draft\n", "languages.0.code"),
        ("languages:\n  - code: es\n    text: Hablo\n    status: final\n", "languages.0.status"),
        ("languages:\n  - code: es\n    text: Hablo\n    status: reviewed\n", "languages.0.reviewed_by"),
        ("languages:\n  - code: es\n    status: draft\n", "languages.0.text"),
        ("- es\n", None),
    ],
)
def test_bad_agency_ispeak_file(
    lep: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, body: str, field: str | None
) -> None:
    folder = tmp_path / "books"
    folder.mkdir()
    (folder / "ispeak.yaml").write_text(body, encoding="utf-8")
    monkeypatch.setenv("LEP_PHRASEBOOKS", str(folder))
    # skipped with a file:line warning: the packaged card still shows (the first tool at a scene)
    result = lep("ispeak")
    assert result.exit_code == 0
    assert "Point to your language" in result.stdout and "Hablo español" in result.stdout
    assert str(folder / "ispeak.yaml") in result.stderr and "skipped" in result.stderr
    if field:
        assert field in result.stderr
    # and `lep config check` reports it (exit 5)
    checked = lep("config", "check", "--json")
    assert checked.exit_code == 5
    problems = checked.json()["errors"]
    assert any(p["file"] == str(folder / "ispeak.yaml") for p in problems)
    if field:
        assert any(p["field"] == field for p in problems)


# -- pages on a terminal ------------------------------------------------------------------------


def test_pages_fit_the_terminal(lep: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "24")
    total = len(ispeak.card_entries())
    page1 = lep("ispeak").stdout
    lines = page1.splitlines()
    assert all(output.display_width(line) <= 80 for line in lines)
    lay = ispeak.layout(ispeak.card_entries(), 80, 24)
    pages = -(-total // lay.per_page)
    assert f"page 1 of {pages}" in page1
    assert " 1  Hablo español" in page1
    assert f"{lay.per_page + 1:>3}  " not in page1
    assert "lep ispeak --page 2" in page1
    page2 = lep("ispeak", "--page", "2").stdout
    assert f"{lay.per_page + 1:>3}  " in page2 and " 1  Hablo español" not in page2
    last = lep("ispeak", "--page", str(pages)).stdout
    assert f"{total:>3}  " in last and "--page" not in last.split("then:")[0].split("\n", 2)[2]
    assert lep("ispeak", "--page", str(pages + 1)).exit_code == 3


def test_every_sentence_is_whole_on_one_line(lep: Any) -> None:
    # plain output (a pipe): logical order, nothing cut or wrapped inside a sentence
    text = lep("ispeak", "--page", "0").stdout
    for e in ispeak.card_entries():
        assert f"{e.number:>3}  {e.text}" in text, e.code


def test_rich_terminal_gets_whole_sentences_and_logical_rtl() -> None:
    # What a terminal receives from the Rich renderer: each sentence intact, RTL in logical order
    # (a BiDi-capable terminal lays it out right to left).
    card = ispeak.card(page=0, width=120, height=40, bidi="terminal")
    stream = io.StringIO()
    output._render_rich(output.view_of(card), stream)
    got = stream.getvalue()
    for e in card.entries:
        assert e.text in got, e.code
    assert "من فارسی صحبت می‌کنم" in got


def test_reorder_mode_for_terminals_without_bidi(lep: Any) -> None:
    out = lep("ispeak", "--languages", "he,ar,es", "--bidi", "reorder").stdout
    assert "תירבע ת/רבדמ ינא" in out  # Hebrew reversed into display order
    assert "Hablo español" in out  # left-to-right text untouched
    arabic = termtext.visual("أتكلم العربية", rtl=True)
    assert arabic in out
    # joined presentation forms, right-to-left: the last letter of the logical text comes first
    assert all(0xFE70 <= ord(ch) <= 0xFEFF or ch == " " for ch in arabic)
    assert unicodedata.name(arabic[0]) == "ARABIC LETTER TEH MARBUTA FINAL FORM"
    assert unicodedata.name(arabic[-1]) == "ARABIC LETTER ALEF WITH HAMZA ABOVE ISOLATED FORM"


def test_visual_keeps_numbers_and_latin_left_to_right() -> None:
    assert termtext.visual("abc 123 שלום", rtl=True) == "םולש 123 abc"
    assert termtext.visual("Hablo", rtl=False) == "Hablo"
    # a zero-width non-joiner stops joining (می‌کنم: final YEH, then an initial KEHEH)
    shaped = termtext.shape_arabic("می‌کنم")
    assert unicodedata.name(shaped[1]) == "ARABIC LETTER FARSI YEH FINAL FORM"
    assert unicodedata.name(shaped[3]) == "ARABIC LETTER KEHEH INITIAL FORM"


def test_clusters_keep_marks_with_their_letter() -> None:
    for e in ispeak.card_entries():
        for cluster in termtext.clusters(e.text):
            assert unicodedata.category(cluster[0]) not in ("Mn", "Mc"), e.code


@pytest.mark.parametrize(
    ("env", "isatty", "mode"),
    [
        ({}, False, "terminal"),
        ({}, True, "reorder"),
        ({"VTE_VERSION": "7600"}, True, "terminal"),
        ({"VTE_VERSION": "5202"}, True, "reorder"),
        ({"KONSOLE_VERSION": "230800"}, True, "terminal"),
        ({"TERM_PROGRAM": "Apple_Terminal"}, True, "terminal"),
        ({"LEP_BIDI": "reorder", "VTE_VERSION": "7600"}, True, "reorder"),
    ],
)
def test_bidi_mode_detection(env: dict[str, str], isatty: bool, mode: str) -> None:
    assert termtext.bidi_mode(env, isatty=isatty) == mode


@pytest.mark.parametrize(
    ("env", "encoding", "bad"),
    [
        ({"LANG": "en_US.UTF-8"}, "utf-8", False),
        ({"LANG": "C", "LC_CTYPE": "C.UTF-8"}, "utf-8", True),  # Python coerced C: still not UTF-8
        ({"LC_ALL": "en_US.ISO-8859-1", "LANG": "en_US.UTF-8"}, "utf-8", True),
        ({}, "ascii", True),
        ({}, None, False),
    ],
)
def test_ascii_reason(env: dict[str, str], encoding: str | None, bad: bool) -> None:
    assert (termtext.ascii_reason(env, encoding) is not None) is bad


def test_ascii_fallback_points_to_the_printed_card(lep: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    out = lep("ispeak", "--ascii").stdout
    assert "lep export ispeak" in out and "Spanish" in out and "Hablo español" not in out
    monkeypatch.setenv("LC_ALL", "C")
    out = lep("ispeak").stdout
    assert "LC_ALL=C is not a UTF-8 locale" in out and "我说普通话" not in out


# -- pick ----------------------------------------------------------------------------------------


def test_pick_json_prints_the_chosen_code(lep: Any) -> None:
    entries = ispeak.card_entries()
    result = lep("ispeak", "--pick", "19", "--json")
    assert result.exit_code == 0
    data = result.json()
    assert isinstance(data, dict)
    assert data["code"] == entries[18].code == "so"
    assert list(data)[0] == "code"
    assert {"number", "name", "native", "ask_for", "text", "phrasebook", "models", "lines"} <= set(data)
    assert data["lines"] and data["lines"][0]["for_interviews"] is True


def test_pick_prompts_for_the_number(lep: Any) -> None:
    result = lep("ispeak", "--pick", input="26\n")
    assert result.exit_code == 0
    assert "Number the person pointed at" in result.stderr
    out = result.stdout
    assert "26. Hmong" in out and "Kuv hais lus Hmoob" in out
    assert NEVER_FAMILY in out
    assert "Prairie Language Line (507) 555-0142" in out and "CHSO-4471" in out
    assert "phrasebook" in out and "offline translation" in out
    assert "Call script:" in out


def test_pick_within_a_chosen_list_and_mam_fallback(lep: Any) -> None:
    data = lep("ispeak", "--languages", "es,mam", "--pick", "2", "--json").json()
    assert isinstance(data, dict)
    assert data["code"] == "mam"
    assert data["ask_for"].startswith("Mam, a Mayan language of Guatemala")
    assert {x["serves"] for x in data["lines"]} <= {"all", "specific"}


def test_pick_out_of_range(lep: Any) -> None:
    result = lep("ispeak", "--pick", "999")
    assert result.exit_code == 4 and "no number 999" in result.stderr
    assert lep("ispeak", "--pick", input="0\n").exit_code == 4
    assert lep("ispeak", "--pick", input="abc\n").exit_code == 3


def test_pick_shows_installed_state_from_availability(lep: Any) -> None:
    data = lep("ispeak", "--pick", "1", "--json").json()
    assert isinstance(data, dict)
    from lepcli import availability

    avail = availability.for_language(languages.get("es"))
    assert data["phrasebook"] == avail.phrasebook
    assert data["models"] == avail.models


def test_pick_with_a_broken_lines_file(lep: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("lines: 5\n", encoding="utf-8")
    monkeypatch.setenv("LEP_LINES", str(bad))
    result = lep("ispeak", "--pick", "1")
    assert result.exit_code == 0
    assert "cannot read the interpreter-lines file" in result.stdout


def test_languages_detect_can_name_have_a_line_on_the_card() -> None:
    """When `lep detect` names a catalog language, the card lets the person confirm it by pointing."""
    from lepcli.detect import detectable_codes

    codes = {e.code for e in ispeak.card_entries()}
    catalog = {lang.code for lang in languages.catalog()}
    written_forms = {"zh-Hans", "zh-Hant"}  # both are "zh" (Mandarin) on the card
    not_yet = {"en", "tzh", "ee"}  # no line the author is sure of (see ispeak.yaml)
    missing = sorted((set(detectable_codes()) & catalog) - codes - written_forms - not_yet)
    assert not missing
    assert "zh" in codes
    for code in ("hil", "cnh", "haw", "kri", "sn", "lg"):
        assert code in codes, code
