"""Language identity: codes, names, native names, aliases, misspellings, ambiguity, bad input."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from lepcli import languages
from lepcli.errors import ExitCode

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("fa", "fa"),
        ("fas", "fa"),
        ("per", "fa"),
        ("Farsi", "fa"),
        ("Persian", "fa"),
        ("Dari", "prs"),
        ("español", "es"),
        ("espanol", "es"),
        ("Tiếng Việt", "vi"),
        ("tieng viet", "vi"),
        ("한국어", "ko"),
        ("русский", "ru"),
        ("العربية", "ar"),
        ("Kreyòl", "ht"),
        ("Mandarin", "zh"),
        ("Cantonese", "yue"),
        ("Filipino", "tl"),
        ("Tagalog", "tl"),
        ("Creole", "ht"),
        ("Cambodian", "km"),
        ("Laotian", "lo"),
        ("Bangla", "bn"),
        ("Burmese", "my"),
        ("vietnamise", "vi"),
        ("spansh", "es"),
        ("Hmong", "hmn"),
        ("Karen", "ksw"),
        ("Chuukese", "chk"),
        ("Marshallese", "mh"),
        ("Mam", "mam"),
        ("K'iche'", "quc"),
        ("Kʼicheʼ", "quc"),
        ("Q'anjob'al", "kjb"),
        ("Mixtec", "mix"),
        ("Navajo", "nv"),
        ("zh-Hant", "zh-Hant"),
        ("ZH-hant", "zh-Hant"),
        ("हिन्दी", "hi"),
        ("ਪੰਜਾਬੀ", "pa"),
        ("日本語", "ja"),
        ("  somali ", "so"),
    ],
)
def test_resolve(query: str, code: str) -> None:
    assert languages.resolve(query).language.code == code


def test_chinese_offers_mandarin_and_cantonese() -> None:
    r = languages.resolve("Chinese")
    assert r.language.code == "zh"
    assert "yue" in [a.code for a in r.alternatives]
    assert r.note and "Cantonese" in r.note


def test_creole_says_what_it_assumed() -> None:
    r = languages.resolve("creole")
    assert r.language.code == "ht"
    assert r.alternatives and r.note and "assumed Haitian Creole" in r.note


def test_native_names_are_in_their_own_script() -> None:
    assert languages.get("fa").native == "فارسی"
    assert languages.get("ko").native == "한국어"
    assert languages.get("am").script == "Ethi"
    assert languages.get("fa").rtl and not languages.get("es").rtl


def test_rare_language_from_the_registry() -> None:
    assert languages.resolve("Wolof").language.code == "wo"
    assert languages.resolve("Klingon").matched == "world"


@pytest.mark.parametrize("bad", ["", "   ", "x" * 1_000_000, "\x00\x01\x02", "fa\x07"])
def test_bad_queries_raise_clear_errors(bad: str, lep) -> None:
    result = lep("lang", bad)
    assert result.exit_code == ExitCode.BAD_INPUT
    assert result.stderr.startswith("error:")
    assert "Traceback" not in result.stderr


def test_unknown_language_suggests(lep) -> None:
    result = lep("lang", "hindu")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "did you mean" in result.stderr and "Hindi" in result.stderr


def test_unknown_language_json_error(lep) -> None:
    result = lep("lang", "qqqzzz", "--json")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.json()["error"] == "NotFound"


def test_mixed_scripts_are_not_a_crash(lep) -> None:
    result = lep("lang", "español한국어")
    assert result.exit_code in (ExitCode.OK, ExitCode.NOT_FOUND)
    assert "Traceback" not in result.stderr


def test_stdin_dash(lep) -> None:
    result = lep("lang", "-", "--json", input="Tiếng Việt\n")
    assert result.exit_code == 0
    assert result.json()["language"]["code"] == "vi"


def test_json_contract(lep) -> None:
    data = lep("lang", "farsi", "--json").json()
    assert set(data) == {"query", "matched", "score", "language", "alternatives", "note", "help"}
    assert set(data["language"]) == {
        "code", "name", "native", "script", "iso639_3", "rank", "note", "aliases", "rtl",
        "written", "written_note", "spoken", "spoken_note",
    }  # fmt: skip
    assert set(data["help"]) == {
        "phrasebook", "phrasebook_file", "phrasebook_code", "phrasebook_note",
        "models", "model_published", "models_text", "lines",
    }  # fmt: skip


def test_generated_index_is_current() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_language_index

    fresh = build_language_index.render()
    data = ROOT / "lepcli" / "languages" / "data"
    assert fresh["core"] == (data / "languages.json").read_text(encoding="utf-8"), "run scripts/build_language_index.py"
    assert fresh["world"] == (data / "languages_world.json").read_text(encoding="utf-8")


# -- issue 14: tags by their parts, names that reach the help that exists --------------------------


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("en-US", "en"),
        ("en_US", "en"),
        ("es-MX", "es"),
        ("es-US", "es"),
        ("pt-BR", "pt"),
        ("zh-CN", "zh-Hans"),
        ("zh-TW", "zh-Hant"),
        ("zh-Hant-HK", "zh-Hant"),
        ("fa-IR", "fa"),
        ("fa-AF", "prs"),
        ("vi-VN", "vi"),
        ("ko-KR", "ko"),
        ("taishanese", "yue"),
        ("guatemalan", "es"),
        ("akateko", "knj"),
        ("chin", "cnh"),
        ("Hakha Chin", "cnh"),
    ],
)
def test_tags_and_new_names(query: str, code: str) -> None:
    found = languages.resolve(query)
    assert found.language.code == code
    assert found.matched != "fuzzy"


def test_hong_kong_tag_says_cantonese_and_guatemalan_offers_mayan_languages() -> None:
    assert "Cantonese" in (languages.resolve("zh-Hant-HK").note or "")
    g = languages.resolve("guatemalan")
    assert {"mam", "quc", "knj"} <= {a.code for a in g.alternatives} and "Mayan" in (g.note or "")
    assert "Yue" in (languages.resolve("taishanese").note or "")


@pytest.mark.parametrize(
    ("query", "book", "words"),
    [
        ("chinese", "zh-Hans", "Traditional"),
        ("mandarin", "zh-Hans", "Traditional"),
        ("zh", "zh-Hans", "Traditional"),
        ("中文", "zh-Hans", "Traditional"),
        ("普通话", "zh-Hans", "Traditional"),
        ("cantonese", "zh-Hant", "Mandarin-style"),
        ("dari", "fa", "Persian"),
    ],
)
def test_spoken_names_reach_the_phrasebook_their_readers_use(lep, query: str, book: str, words: str) -> None:
    assert languages.resolve_written(query).language.code == book
    run = lep("translate", "Are you hurt?", "--to", query, "--json")
    assert run.exit_code == 0, run.stderr
    assert run.json()["target"] == book and run.json()["tier"] == "phrasebook"
    assert words in run.stderr  # the note says which written form is shown, and why
    info = lep("lang", query, "--json").json()
    assert info["help"]["phrasebook"] is True and info["help"]["phrasebook_code"] == book


def test_a_written_form_asks_the_line_for_the_spoken_language() -> None:
    assert languages.get("zh-Hans").ask_for == "Mandarin, likely; confirm with the caller"
    assert "Cantonese" in languages.get("zh-Hant").ask_for


def test_model_messages_are_honest(lep) -> None:
    mam = lep("lang", "mam", "--json").json()["help"]
    assert mam["model_published"] is False and "no offline model exists for Mam" in mam["models_text"]
    es = lep("lang", "es", "--json").json()["help"]
    assert es["model_published"] is True and "lep models install" in es["models_text"]
    assert not languages.has_public_model("ksw") and languages.has_public_model("zh")
