"""Phrasebooks: shipped content, `lep phrase search|show|list|coverage|check`, agency overrides, cache.

Broken phrasebooks are written into tmp folders: an agency folder ($LEP_PHRASEBOOKS) or, for the
checks that only apply to the package, a stand-in packaged folder.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lepcli import paths
from tests.conftest import shipped_yaml

ROOT = Path(__file__).resolve().parent.parent
PACKAGED = ROOT / "phrasebooks"
Lep = Callable[..., Any]


def english() -> dict[str, Any]:
    return shipped_yaml("en.yaml")  # type: ignore[no-any-return]


def packaged_translation(lang: str, phrase_id: str) -> dict[str, Any]:
    data = shipped_yaml(f"{lang}.yaml")
    return data["translations"][phrase_id]  # type: ignore[no-any-return]


@pytest.fixture
def agency(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "agency-phrasebooks"
    folder.mkdir()
    monkeypatch.setenv("LEP_PHRASEBOOKS", str(folder))
    return folder


@pytest.fixture
def packaged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in packaged folder holding a copy of en.yaml and es.yaml (edit the copies freely)."""
    folder = tmp_path / "packaged"
    folder.mkdir()
    for name in ("en.yaml", "es.yaml"):
        shutil.copy(PACKAGED / name, folder / name)
    monkeypatch.setattr(paths, "packaged_phrasebooks_dir", lambda: folder)
    return folder


def line_of(path: Path, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line containing ``needle``."""
    hits = [n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in text]
    return hits[nth - 1]


# -- shipped content -------------------------------------------------------------------------------


def test_english_master_meets_the_contract() -> None:
    data = english()
    phrases = data["phrases"]
    assert data["language"] == "en"
    assert 150 <= len(phrases) and len(data["categories"]) >= 12
    assert sum(1 for p in phrases if p.get("urgent")) == 60
    ids = [p["id"] for p in phrases]
    assert len(ids) == len(set(ids))
    for p in phrases:
        assert re.fullmatch(r"[a-z0-9_.]+", p["id"]) and p["id"].startswith(p["category"] + ".")
        assert p["category"] in data["categories"]
    texts = {p["text"] for p in phrases}
    for must in (
        "An interpreter is joining by phone.",
        "Point to your language.",
        "Please wait for the interpreter.",
        "You can get help no matter your immigration status.",
        "You are free to go.",
        "Are you hurt?",
        "Do you need an ambulance?",
        "Show me your hands.",
    ):
        assert must in texts
    legal = [p for p in phrases if p.get("legal")]
    # rights, consent, arrest, tests and statements live in "legal"; victim-interview detail stays in "victim"
    assert all(p["category"] in ("legal", "victim") for p in legal)
    assert {p["category"] for p in phrases if p["id"].startswith("legal.")} == {"legal"}
    assert any("silent" in p["text"] for p in legal) and any("search" in p["text"] for p in legal)
    assert any("statement" in p["text"] for p in legal)


def test_shipped_phrasebooks_pass_check(lep: Lep) -> None:
    run = lep("phrase", "check", "--json")
    data = run.json()
    assert run.exit_code == 0, [p for p in data["problems"] if p["severity"] == "error"][:5]
    assert data["ok"] is True and data["errors"] == 0
    assert {"file", "language", "source", "entries"} <= set(data["files"][0])


def test_coverage_lists_every_language_with_percentages(lep: Lep) -> None:
    run = lep("phrase", "coverage", "--json")
    assert run.exit_code == 0
    data = run.json()
    assert data["phrases"] == len(english()["phrases"])
    by_code = {c["code"]: c for c in data["languages"]}
    shipped = {p.stem for p in PACKAGED.glob("*.yaml")} - {"en", "ispeak"}
    assert set(by_code) == shipped
    es = by_code["es"]
    assert set(es) == {
        "code",
        "name",
        "translated",
        "total",
        "translated_pct",
        "reviewed",
        "reviewed_pct",
        "urgent",
        "urgent_total",
        "legal_reviewed",
        "legal_total",
        "legal_reviewed_pct",
        "full",
        "sources",
    }
    assert es["urgent_total"] == 60 and es["urgent"] == 60 and es["sources"] == ["packaged"]
    assert es["legal_total"] == sum(1 for p in english()["phrases"] if p.get("legal"))
    assert "legal reviewed" in lep("phrase", "coverage").stdout


# -- search ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("r u hurt", "medical.are_you_hurt"),
        ("ARE YOU HURT???", "medical.are_you_hurt"),
        ("hands up", "safety.hands_up"),
        ("need ambulance?", "medical.need_ambulance"),
        ("where does it hurt", "medical.where_does_it_hurt"),
        ("wher dose it hurt", "medical.where_does_it_hurt"),  # typos
        ("hurt where", "medical.where_does_it_hurt"),  # word order
        ("show me ur hands", "safety.show_hands"),
        ("u have weapon?", "safety.any_weapons"),
        ("dont move", "safety.dont_move"),
        ("free to go", "closing.free_to_go"),
        ("can i search ur car", "legal.consent_search_car"),
        ("lost kid", "missing.looking_for_child"),  # synonym
        ("where r ur parents", "missing.where_are_parents"),
        ("call 911", "closing.call_911"),
        ("amb coming", "medical.ambulance_coming"),  # prefix
    ],
)
def test_search_finds_what_officers_type(lep: Lep, query: str, expected: str) -> None:
    run = lep("phrase", "search", query, "--json")
    assert run.exit_code == 0, run.stderr
    hits = run.json()["hits"]
    assert hits[0]["id"] == expected, [(h["id"], h["score"]) for h in hits[:3]]
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True) and all(0 < s <= 100 for s in scores)


def test_search_ranks_close_meanings_below_the_exact_phrase(lep: Lep) -> None:
    hits = lep("phrase", "search", "cant breathe", "--json").json()["hits"]
    assert "medical.trouble_breathing" in [h["id"] for h in hits[:3]]
    hits = lep("phrase", "search", "r u hurt", "--json").json()["hits"]
    assert hits[0]["score"] == 100 and hits[1]["score"] < 90


def test_search_in_another_language_finds_the_phrase(lep: Lep) -> None:
    spanish = packaged_translation("es", "medical.are_you_hurt")["text"]
    hit = lep("phrase", "search", spanish, "--json").json()["hits"][0]
    assert hit["id"] == "medical.are_you_hurt" and hit["matched_lang"] == "es" and hit["matched_text"] == spanish


def test_search_json_keys_and_lang_column(lep: Lep) -> None:
    run = lep("phrase", "search", "ambulance", "--lang", "Spanish", "--json")
    assert run.exit_code == 0
    data = run.json()
    assert set(data) == {"lang", "category", "languages_searched", "hits"}
    assert data["lang"] == "es" and data["languages_searched"] == 2
    hit = data["hits"][0]
    assert set(hit) == {
        "id",
        "score",
        "text",
        "category",
        "urgent",
        "legal",
        "matched_lang",
        "matched_text",
        "translation",
    }
    assert hit["translation"]["text"] == packaged_translation("es", hit["id"])["text"]
    plain = lep("phrase", "search", "ambulance", "--lang", "es")
    assert "Do you need an ambulance?" in plain.stdout and hit["translation"]["text"] in plain.stdout


def test_search_category_filter(lep: Lep) -> None:
    hits = lep("phrase", "search", "hurt", "--category", "victim", "--json").json()["hits"]
    assert hits and all(h["category"] == "victim" for h in hits)
    hits = lep("phrase", "search", "hurt", "--category", "Medical emergency", "--json").json()["hits"]
    assert hits and all(h["category"] == "medical" for h in hits)
    bad = lep("phrase", "search", "hurt", "--category", "nonsense")
    assert bad.exit_code == 4 and "medical" in bad.stderr


@pytest.mark.parametrize(
    ("args", "stdin", "code"),
    [
        (["", "--json"], None, 3),
        (["   "], None, 3),
        (["???!!!"], None, 3),
        (["x" * 600], None, 3),
        (["-"], b"\x00\x01binary\x00", 3),
        (["-"], b"\xff\xfe\xfa", 3),
        (["qqqzzzxxx vvvwww"], None, 4),
    ],
)
def test_search_bad_input(lep: Lep, args: list[str], stdin: bytes | None, code: int) -> None:
    run = lep("phrase", "search", *args, input=stdin)
    assert run.exit_code == code, (run.stdout, run.stderr)
    assert "Traceback" not in run.stderr and "qqqzzz" not in run.stderr


def test_search_mixed_scripts_still_ranks(lep: Lep) -> None:
    run = lep("phrase", "search", "hurt 受伤", "--json")
    assert run.exit_code == 0
    assert "medical.are_you_hurt" in [h["id"] for h in run.json()["hits"][:3]]


def test_search_with_language_that_has_no_phrasebook(lep: Lep) -> None:
    run = lep("phrase", "search", "hurt", "--lang", "mam")
    assert run.exit_code == 6 and "no phrasebook for Mam" in run.stderr


# -- show and list ---------------------------------------------------------------------------------


def test_show_one_language(lep: Lep) -> None:
    run = lep("phrase", "show", "medical.are_you_hurt", "--lang", "es", "--json")
    assert run.exit_code == 0
    data = run.json()
    assert set(data) == {"phrase", "translations", "missing"}
    assert set(data["phrase"]) == {
        "id",
        "text",
        "category",
        "urgent",
        "legal",
        "answer",
        "notes",
        "keywords",
        "paraphrases",
        "source",
    }
    t = data["translations"][0]
    assert set(t) == {
        "phrase_id",
        "lang",
        "text",
        "pronunciation",
        "romanization",
        "status",
        "label",
        "reviewed_by",
        "reviewed_on",
        "notes",
        "variants",
        "source",
    }
    want = packaged_translation("es", "medical.are_you_hurt")
    assert t["text"] == want["text"] and t["pronunciation"] == want["pronunciation"] and t["status"] == "draft"
    plain = lep("phrase", "show", "medical.are_you_hurt", "--lang", "es").stdout
    assert want["text"] in plain and "DRAFT: verify" in plain and "say:" in plain


def test_show_all_languages_and_non_latin_romanization(lep: Lep) -> None:
    data = lep("phrase", "show", "safety.show_hands", "--json").json()
    langs = {t["lang"]: t for t in data["translations"]}
    assert "es" in langs and "ru" in langs
    assert langs["ru"]["romanization"] and langs["es"]["romanization"] is None


def test_show_legal_phrase_warns_without_review(lep: Lep) -> None:
    out = lep("phrase", "show", "legal.right_to_remain_silent", "--lang", "es").stdout
    assert "LEGAL" in out and "interpreter" in out


def test_show_unknown_id_suggests(lep: Lep) -> None:
    run = lep("phrase", "show", "medical.are_you_hurtt", "--json")
    assert run.exit_code == 4
    assert "medical.are_you_hurt" in run.json()["suggestions"]


def test_list_by_category_and_language(lep: Lep) -> None:
    run = lep("phrase", "list", "--category", "medical", "--lang", "es", "--json")
    assert run.exit_code == 0
    data = run.json()
    medical = [p["id"] for p in english()["phrases"] if p["category"] == "medical"]
    assert [p["id"] for p in data["phrases"]] == medical
    assert all(p["translation"]["lang"] == "es" for p in data["phrases"])
    urgent = lep("phrase", "list", "--urgent", "--json").json()["phrases"]
    assert len(urgent) == 60 and all(p["urgent"] for p in urgent)
    plain = lep("phrase", "list", "--category", "legal").stdout
    assert "⚖" in plain and "Rights, consent" in plain


# -- check: every defect class, with file:line -----------------------------------------------------


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


SPANISH_OK = """\
language: es
name: Spanish
translations:
  medical.are_you_hurt:
    text: "¿Se lastimó?"
    pronunciation: "seh lahs-tee-MOH"
    status: draft
"""


@pytest.mark.parametrize(
    ("name", "text", "needle", "message"),
    [
        (
            "es.yaml",
            SPANISH_OK + '  medical.no_such_phrase:\n    text: "x"\n    pronunciation: "x"\n    status: draft\n',
            "medical.no_such_phrase:",
            "unknown phrase id",
        ),
        (
            "es.yaml",
            SPANISH_OK
            + '  medical.are_you_hurt:\n    text: "¿Herido?"\n    pronunciation: "eh-REE-doh"\n    status: draft\n',
            "medical.are_you_hurt:#2",
            "duplicate key",
        ),
        (
            "es.yaml",
            SPANISH_OK + '  medical.bleeding:\n    text: ""\n    pronunciation: "x"\n    status: draft\n',
            'text: ""',
            "text is empty",
        ),
        ("es.yaml", SPANISH_OK.replace("language: es", "language: fr"), "language: fr", "file is named es.yaml"),
        (
            "es.yaml",
            SPANISH_OK
            + '  greeting.my_name_is:\n    text: "Soy {nombre}."\n'
            + '    pronunciation: "soy {nombre}"\n    status: draft\n',
            "greeting.my_name_is:",
            "placeholders {nombre} do not match the English {name}",
        ),
        (
            "es.yaml",
            SPANISH_OK.replace("status: draft", "status: reviewed"),
            "status: reviewed",
            "reviewed needs reviewed_by and reviewed_on",
        ),
        ("es.yaml", SPANISH_OK.replace("status: draft", "status: final"), "status: final", "status must be one of"),
        (
            "es.yaml",
            SPANISH_OK.replace('    pronunciation: "seh lahs-tee-MOH"\n', ""),
            "medical.are_you_hurt:",
            "pronunciation is missing",
        ),
        (
            "ru.yaml",
            'language: ru\nname: Russian\ntranslations:\n  medical.are_you_hurt:\n    text: "Вы ранены?"\n'
            '    pronunciation: "vy RAH-neh-ny"\n    status: draft\n',
            "medical.are_you_hurt:",
            "romanization is missing",
        ),
        (
            "es.yaml",
            SPANISH_OK.replace("    status: draft", "    status: draft\n    pronounciation: typo"),
            "pronounciation",
            "unknown field 'pronounciation'",
        ),
        ("es.yaml", SPANISH_OK + "  medical.bleeding: text: x\n", "medical.bleeding:", "invalid YAML"),
        (
            "es.yaml",
            SPANISH_OK.replace("    status: draft", '    status: draft\n    variants: "¿Herido?"'),
            "variants:",
            "variants must be a list of texts",
        ),
        (
            "es.yaml",
            SPANISH_OK.replace("    status: draft", '    status: draft\n    variants:\n      - "¿Herido?"\n      - ""'),
            '- ""',
            "each variant must be non-empty text",
        ),
        (
            "es.yaml",
            SPANISH_OK
            + '  greeting.my_name_is:\n    text: "Soy el oficial {name}."\n    pronunciation: "soy {name}"\n'
            + '    status: draft\n    variants:\n      - "Me llamo {nombre}."\n',
            "greeting.my_name_is:",
            "variant 'Me llamo {nombre}.' has placeholders {nombre}, the English {name}",
        ),
        (
            "en.yaml",
            "language: en\nphrases:\n  - id: medical.extra\n    text: Extra.\n    category: medical\n"
            "  - id: medical.extra\n    text: Again.\n    category: medical\n",
            "id: medical.extra#2",
            "duplicate id (first at line 3)",
        ),
        (
            "en.yaml",
            "language: en\nphrases:\n  - id: medical.extra\n    text: Extra.\n    category: nocategory\n",
            "id: medical.extra",
            "unknown category 'nocategory'",
        ),
        ("klingon.yaml", "language: klingon\nname: Klingon\ntranslations: {}\n", "", "phrasebook check"),
    ],
)
def test_check_reports_each_defect_with_file_and_line(
    lep: Lep, agency: Path, name: str, text: str, needle: str, message: str
) -> None:
    path = write(agency, name, text)
    needle, _, nth = needle.partition("#")
    run = lep("phrase", "check")
    if message == "phrasebook check":  # a file for a language lepcli does not know: named, exit 5
        assert run.exit_code == 5 and f"{path}" in run.stdout and "not a language code" in run.stdout
        return
    assert run.exit_code == 5, run.stdout
    where = f"{path}:{line_of(path, needle, int(nth or 1))}"
    lines = [ln for ln in run.stdout.splitlines() if where in ln]
    assert any(message in ln for ln in lines), (where, run.stdout)
    data = lep("phrase", "check", "--json").json()
    assert data["ok"] is False and any(p["file"] == str(path) and message in p["message"] for p in data["problems"])


def test_check_packaged_rules(lep: Lep, packaged: Path) -> None:
    en = packaged / "en.yaml"
    en.write_text(en.read_text(encoding="utf-8").replace("    urgent: true\n", "", 1), encoding="utf-8")
    es = packaged / "es.yaml"
    lines = es.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(n for n, ln in enumerate(lines) if ln.startswith("  safety.stop:"))
    end = next(n for n in range(start + 1, len(lines)) if lines[n].startswith("  ") and not lines[n].startswith("    "))
    es.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    run = lep("phrase", "check")
    assert run.exit_code == 5
    assert f"{en}: 59 phrases are urgent; the package needs exactly 60" in run.stdout
    assert f"{es}:{line_of(es, 'translations:')}: safety.stop: urgent phrase not translated" in run.stdout
    assert "a full language needs all" not in run.stdout  # safety.stop is urgent: reported once, above


def test_check_broken_master_is_reported_alone(lep: Lep, packaged: Path) -> None:
    en = packaged / "en.yaml"
    en.write_text(en.read_text(encoding="utf-8") + "  - id: [broken\n", encoding="utf-8")
    run = lep("phrase", "check")
    assert run.exit_code == 5
    assert f"{en}:" in run.stdout and "invalid YAML" in run.stdout
    assert "unknown phrase id" not in run.stdout  # no cascade of errors from the language files


# -- agency files: override, add, broken -----------------------------------------------------------


def test_broken_agency_file_warns_and_packaged_phrasebooks_still_work(lep: Lep, agency: Path) -> None:
    bad = write(agency, "es.yaml", "language: es\nname: Spanish\ntranslations:\n  medical.are_you_hurt: text: x\n")
    run = lep("translate", "Are you hurt?", "--to", "es", "--json")
    assert run.exit_code == 0
    assert run.json()["text"] == packaged_translation("es", "medical.are_you_hurt")["text"]
    assert f"warning: {bad}:4" in run.stderr and "skipped" in run.stderr
    assert lep("phrase", "check").exit_code == 5


def test_broken_agency_entry_is_skipped_others_kept(lep: Lep, agency: Path) -> None:
    path = write(
        agency,
        "es.yaml",
        SPANISH_OK + '  greeting.my_name_is:\n    text: "Soy {nombre}."\n    pronunciation: "x"\n    status: draft\n',
    )
    run = lep("phrase", "show", "greeting.my_name_is", "--lang", "es", "--json")
    assert run.json()["translations"][0]["text"] == packaged_translation("es", "greeting.my_name_is")["text"]
    assert f"{path}:{line_of(path, 'greeting.my_name_is:')}" in run.stderr
    hurt = lep("phrase", "show", "medical.are_you_hurt", "--lang", "es", "--json").json()["translations"][0]
    assert hurt["text"] == "¿Se lastimó?" and hurt["source"] == "agency"


def test_agency_adds_a_phrase_and_its_translation(lep: Lep, agency: Path) -> None:
    write(
        agency,
        "en.yaml",
        "language: en\ncategories:\n  agency: Our agency\nphrases:\n"
        "  - id: agency.body_camera\n    text: I am recording with a body camera.\n    category: agency\n"
        "    keywords: [bodycam, video]\n",
    )
    write(
        agency,
        "es.yaml",
        "language: es\nname: Spanish\ntranslations:\n  agency.body_camera:\n"
        '    text: "Estoy grabando con una cámara corporal."\n    pronunciation: "x"\n    status: reviewed\n'
        '    reviewed_by: "A. Translator, CHI"\n    reviewed_on: 2026-11-01\n',
    )
    hit = lep("phrase", "search", "bodycam", "--json").json()["hits"][0]
    assert hit["id"] == "agency.body_camera"
    answer = lep("translate", "I am recording with a body camera", "--to", "es", "--json").json()
    assert answer["status"] == "reviewed" and answer["label"] == "REVIEWED" and answer["interpreter"] is None
    assert lep("phrase", "check").exit_code == 0
    cats = lep("phrase", "list", "--json").json()["categories"]
    assert cats["agency"] == "Our agency" and "medical" in cats


def test_agency_rewording_drops_stale_translations_and_keeps_legal(lep: Lep, agency: Path) -> None:
    write(
        agency,
        "en.yaml",
        "language: en\nphrases:\n"
        "  - id: medical.are_you_hurt\n    text: Are you injured anywhere?\n    category: medical\n    urgent: true\n"
        "  - id: legal.make_statement\n    text: Do you want to make a statement?\n    category: legal\n",
    )
    shown = lep("phrase", "show", "medical.are_you_hurt", "--lang", "es", "--json").json()
    assert shown["phrase"]["text"] == "Are you injured anywhere?" and shown["translations"] == []
    legal = lep("phrase", "show", "legal.make_statement", "--json")
    assert legal.json()["phrase"]["legal"] is True and "cannot clear legal" in legal.stderr


# -- speed cache ------------------------------------------------------------------------------------


def test_cache_follows_file_changes(agency: Path) -> None:
    from lepcli import phrasebook

    path = write(agency, "es.yaml", SPANISH_OK)
    assert phrasebook.load().translation("medical.are_you_hurt", "es").text == "¿Se lastimó?"  # type: ignore[union-attr]
    from lepcli.files import cache

    packaged = paths.packaged_phrasebooks_dir() / "es.yaml"
    assert all(cache.entry_path("phrasebooks", p).is_file() for p in (packaged, path))  # both es.yaml cached
    path.write_text(SPANISH_OK.replace("¿Se lastimó?", "¿Está lastimado?") + "\n", encoding="utf-8")
    assert phrasebook.load().translation("medical.are_you_hurt", "es").text == "¿Está lastimado?"  # type: ignore[union-attr]


def test_cache_is_not_required(lep: Lep, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setattr(paths, "cache_dir", lambda: blocker)
    run = lep("translate", "Are you hurt?", "--to", "es", "--json")
    assert run.exit_code == 0 and run.json()["phrase"]["id"] == "medical.are_you_hurt"


def test_variants_are_searched_but_never_the_answer(lep: Lep, agency: Path) -> None:
    write(
        agency,
        "es.yaml",
        SPANISH_OK + '    variants:\n      - "¿Te lastimaste?"\n',
    )
    data = lep("phrase", "search", "te lastimaste", "--lang", "es", "--json").json()
    assert data["hits"][0]["id"] == "medical.are_you_hurt"
    assert data["hits"][0]["translation"]["text"] == "¿Se lastimó?"
    assert data["hits"][0]["translation"]["variants"] == ["¿Te lastimaste?"]
    out = lep("translate", "Are you hurt?", "--to", "es", "--json").json()
    assert out["text"] == "¿Se lastimó?"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("aidez moi", "responses.help_me"),  # hyphen typed as a space (Aidez-moi!)
        ("j ai mal ici", "responses.it_hurts_here"),  # apostrophe typed as a space (J'ai mal ici.)
        ("по английски не говорю", "responses.no_english"),  # по-английски
        ("Я не говорю по английски", "responses.no_english"),
        ("انا حامل", "responses.i_am_pregnant"),  # أنا without hamza
        ("انگليسي بلد نيستم", "responses.no_english"),  # Arabic-keyboard ي for Persian ی
        ("m pa pale angle", "responses.no_english"),  # Kreyòl m = mwen
        ("임신중이에요", "responses.i_am_pregnant"),  # Korean typed without spaces
        ("Toi dang mang thai", "responses.i_am_pregnant"),  # Vietnamese without diacritics
    ],
)
def test_search_handles_typing_variants(lep: Lep, query: str, expected: str) -> None:
    data = lep("phrase", "search", query, "--json").json()
    assert data["hits"][0]["id"] == expected, data["hits"][:3]


def test_search_index_read_back_from_the_cache_answers_alike_and_follows_edits(
    agency: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lepcli import phrasebook
    from lepcli.phrasebook.search import Index

    book = phrasebook.load()
    langs = frozenset({"en", "es"})
    built = book.index(langs)
    assert list((paths.cache_dir() / "indexes").glob("en+es.marshal"))
    phrasebook._LOADED.clear()  # as in a new process: the index must come from the cache file
    with monkeypatch.context() as m:
        m.setattr(Index, "__init__", lambda *a: pytest.fail("rebuilt instead of read back"))
        again = phrasebook.load().index(langs)
    assert type(again) is Index and vars(again) == vars(built)
    for query in ("license please", "r u hurt", "¿Está herido?", "wher dose it hurt"):
        assert again.search(query) == built.search(query)
    write(agency, "es.yaml", SPANISH_OK.replace("¿Se lastimó?", "¿Le duele algo?"))
    edited = phrasebook.load().index(langs)
    assert any(m.text == "¿Le duele algo?" for m in edited.search("le duele algo"))
