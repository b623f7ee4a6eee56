"""`lep translate`: phrasebook tier (both directions), legal handling, machine tier, bad input.

Machine translation uses real (tiny, random-weight) Argos packages built by tests/mt_fixtures.py:
the output is gibberish, what is tested is which tier answers and how it is labelled.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lepcli import paths
from lepcli.translate import looks_legal
from tests.conftest import shipped_yaml

ROOT = Path(__file__).resolve().parent.parent
Lep = Callable[..., Any]

ANSWER_KEYS = {
    "tier",
    "source",
    "target",
    "target_name",
    "text",
    "pronunciation",
    "romanization",
    "status",
    "label",
    "reviewed_by",
    "reviewed_on",
    "notes",
    "phrase",
    "score",
    "matched_lang",
    "matched_text",
    "legal_warning",
    "warnings",
    "interpreter",
    "suggestions",
    "rtl",
}


def shipped(lang: str, phrase_id: str) -> dict[str, Any]:
    data = shipped_yaml(f"{lang}.yaml")
    return data["translations"][phrase_id]  # type: ignore[no-any-return]


@pytest.fixture(autouse=True)
def no_outside_models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only models a test installs count (argostranslate's own folder points at an empty tmp dir)."""
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos-packages"))


@pytest.fixture
def agency(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "agency-phrasebooks"
    folder.mkdir()
    monkeypatch.setenv("LEP_PHRASEBOOKS", str(folder))
    return folder


# -- tier 1: phrasebook -----------------------------------------------------------------------------


def test_exact_phrase_answers_from_the_phrasebook(lep: Lep) -> None:
    run = lep("translate", "Are you hurt?", "--to", "es", "--json")
    assert run.exit_code == 0, run.stderr
    data = run.json()
    assert set(data) == ANSWER_KEYS
    want = shipped("es", "medical.are_you_hurt")
    assert data["tier"] == "phrasebook" and data["source"] == "en" and data["target"] == "es"
    assert data["text"] == want["text"] and data["pronunciation"] == want["pronunciation"]
    assert data["status"] == "draft" and data["label"] == "DRAFT: verify with the person or an interpreter"
    assert data["phrase"] == {
        "id": "medical.are_you_hurt",
        "text": "Are you hurt?",
        "category": "medical",
        "urgent": True,
        "legal": False,
    }
    assert data["score"] == 100 and data["interpreter"]  # a draft always names the interpreter line


def test_plain_output_shows_the_english_phrase_the_translation_and_the_label(lep: Lep) -> None:
    out = lep("translate", "Are you hurt?", "--to", "Spanish").stdout
    want = shipped("es", "medical.are_you_hurt")
    assert "Are you hurt?" in out and want["text"] in out and f"say: {want['pronunciation']}" in out
    assert "DRAFT: verify with the person or an interpreter" in out and "interpreter:" in out


@pytest.mark.parametrize("typed", ["r u hurt", "are you hurt", "ARE YOU HURT???", "u hurt?", "  are   u   hurt  "])
def test_officer_typing_matches_the_phrase(lep: Lep, typed: str) -> None:
    data = lep("translate", typed, "--to", "vi", "--json").json()
    assert data["phrase"]["id"] == "medical.are_you_hurt" and data["tier"] == "phrasebook"
    assert data["text"] == shipped("vi", "medical.are_you_hurt")["text"]


@pytest.mark.parametrize("typed", ["are you not hurt", "is he hurt", "is she hurt"])
def test_different_meanings_do_not_match(lep: Lep, typed: str) -> None:
    run = lep("translate", typed, "--to", "es", "--json")
    assert run.exit_code == 4  # not sure: no phrase says this; the close ones are offered, none answers
    data = run.json()
    assert data["tier"] == "none" and data["sure"] is False and "phrase" not in data
    assert all(s["translation"] for s in data["suggestions"])


def test_non_latin_target_has_romanization(lep: Lep) -> None:
    data = lep("translate", "Show me your hands.", "--to", "ko", "--json").json()
    want = shipped("ko", "safety.show_hands")
    assert data["text"] == want["text"] and data["romanization"] == want["romanization"]
    assert lep("translate", "Show me your hands.", "--to", "ar", "--json").json()["rtl"] is True


def test_placeholder_is_filled_from_what_was_typed(lep: Lep) -> None:
    data = lep("translate", "my name is Officer Diaz", "--to", "es", "--json").json()
    assert data["phrase"]["id"] == "greeting.my_name_is"
    assert "Diaz" in data["text"] and "{name}" not in data["text"] and "{name}" not in (data["pronunciation"] or "")


# -- reverse direction -------------------------------------------------------------------------------


def test_reverse_from_a_translation_to_english(lep: Lep) -> None:
    spanish = shipped("es", "medical.where_does_it_hurt")["text"]
    data = lep("translate", spanish, "--to", "en", "--json").json()
    assert data["text"] == "Where does it hurt?" and data["phrase"]["id"] == "medical.where_does_it_hurt"
    assert data["matched_lang"] == "es" and data["source"] == "es" and data["status"] == "draft"


def test_reverse_accepts_text_typed_without_accents_and_with_from(lep: Lep) -> None:
    data = lep("translate", "¿Esta herido?", "--to", "en", "--from", "es", "--json").json()
    assert data["phrase"]["id"] == "medical.are_you_hurt"


def test_reverse_from_romanization(lep: Lep) -> None:
    pinyin = shipped("zh-Hans", "medical.need_ambulance")["romanization"]
    data = lep("translate", pinyin, "--to", "en", "--json").json()
    assert data["phrase"]["id"] == "medical.need_ambulance"


def test_phrase_in_one_language_translated_to_another(lep: Lep) -> None:
    spanish = shipped("es", "safety.show_hands")["text"]
    data = lep("translate", spanish, "--to", "ru", "--from", "es", "--json").json()
    assert data["text"] == shipped("ru", "safety.show_hands")["text"] and data["matched_lang"] == "es"


# -- legal -----------------------------------------------------------------------------------------


def test_draft_legal_translation_is_withheld_on_screen_too(lep: Lep) -> None:
    draft = shipped("es", "legal.right_to_remain_silent")["text"]
    run = lep("translate", "You have the right to remain silent.", "--to", "es")
    assert run.exit_code == 7
    assert draft not in run.stdout + run.stderr
    assert "not reviewed" in run.stderr and "interpreter" in run.stderr
    data = lep("translate", "You have the right to remain silent.", "--to", "es", "--json").json()
    assert data["error"] == "Refused" and draft not in json.dumps(data, ensure_ascii=False)


def test_reviewed_legal_translation_is_the_answer(lep: Lep, agency: Path) -> None:
    (agency / "es.yaml").write_text(
        "language: es\nname: Spanish\ntranslations:\n  legal.right_to_remain_silent:\n"
        '    text: "Usted tiene derecho a permanecer callado."\n    pronunciation: "x"\n    status: reviewed\n'
        '    reviewed_by: "M. Ruiz, court-certified"\n    reviewed_on: 2026-10-01\n',
        encoding="utf-8",
    )
    data = lep("translate", "You have the right to remain silent.", "--to", "es", "--json").json()
    assert data["status"] == "reviewed" and data["legal_warning"] is False
    assert data["text"] == "Usted tiene derecho a permanecer callado." and data["reviewed_by"].startswith("M. Ruiz")


@pytest.fixture
def partial_mam(agency: Path) -> Path:
    """A partial (agency) Mam phrasebook holding one phrase: no legal phrase, no closing phrase."""
    path = agency / "mam.yaml"
    path.write_text(
        "language: mam\nname: Mam\ntranslations:\n  medical.are_you_hurt:\n"
        '    text: "¿Ma tzaj tkyaqin?"\n    pronunciation: "x"\n    status: draft\n',
        encoding="utf-8",
    )
    return path


def test_legal_phrase_without_translation_is_refused(lep: Lep, partial_mam: Path) -> None:
    run = lep("translate", "May I search your car?", "--to", "mam", "--json")
    assert run.exit_code == 7
    data = run.json()
    assert data["error"] == "Refused" and "never machine-translated" in data["message"]
    assert "interpreter" in data["hint"]
    assert lep("translate", "Are you hurt?", "--to", "mam", "--json").json()["text"] == "¿Ma tzaj tkyaqin?"


@pytest.mark.parametrize(
    "text",
    [
        "Can I look through your purse?",
        "Do you waive your rights?",
        "Anything you tell me will be used against you",
        "Do you want a lawyer?",
        "You're under arrest for theft",
        "I need to take your written statement",
        "¿Puedo registrar su carro?",
    ],
)
def test_legal_free_text_is_refused_before_machine_translation(lep: Lep, text: str) -> None:
    assert looks_legal(text)
    run = lep("translate", text, "--to", "es")
    assert run.exit_code == 7 and "interpreter" in run.stderr
    assert text not in run.stderr


@pytest.mark.parametrize("text", ["Are you hurt?", "We are searching for your child", "Is the courtyard open?", ""])
def test_looks_legal_leaves_ordinary_text_alone(text: str) -> None:
    assert not looks_legal(text)


# -- tier 2 and no answer -----------------------------------------------------------------------------


def test_no_match_and_no_model_points_to_the_interpreter(lep: Lep) -> None:
    run = lep("translate", "The zorblax cat is on the roof", "--to", "es", "--json")
    assert run.exit_code == 6
    data = run.json()
    assert data["error"] == "Unavailable" and "no phrasebook phrase matches" in data["message"]
    assert "no offline machine-translation model" in data["message"] and "interpreter" in data["hint"]
    assert "zorblax" not in run.stderr + run.stdout  # typed text is never quoted back in errors


def test_language_without_phrasebook_or_model(lep: Lep) -> None:
    run = lep("translate", "Are you hurt?", "--to", "Mam")
    assert run.exit_code == 6
    assert "no Mam phrasebook" in run.stderr and "interpreter" in run.stderr


def test_untranslated_phrase_in_partial_language_goes_to_machine_tier(lep: Lep, partial_mam: Path) -> None:
    run = lep("translate", "Here is my card.", "--to", "mam")
    assert run.exit_code == 6 and "not in the Mam phrasebook yet" in run.stderr and "interpreter" in run.stderr


@pytest.fixture
def en_es_model(lep: Lep, tmp_path_factory: pytest.TempPathFactory) -> None:
    pytest.importorskip("ctranslate2")
    pytest.importorskip("sentencepiece")
    from lepcli.mt import engine
    from tests.mt_fixtures import build_argosmodel

    archive = build_argosmodel(tmp_path_factory.mktemp("models"), from_code="en", to_code="es", seed=1, stop_after=5)
    engine.clear_cache()
    assert lep("models", "install", str(archive)).exit_code == 0


def test_machine_tier_is_labelled_and_names_the_interpreter(lep: Lep, en_es_model: None) -> None:
    run = lep("translate", "The cat is on the roof", "--to", "es", "--json")
    assert run.exit_code == 0, run.stderr
    data = run.json()
    assert data["tier"] == "machine" and data["status"] == "machine" and data["label"] == "MACHINE TRANSLATION: verify"
    assert data["phrase"] is None and data["text"] and data["interpreter"]
    assert "MACHINE TRANSLATION: verify" in lep("translate", "The cat is on the roof", "--to", "es").stdout
    # Legal free text never reaches the model, even when one is installed.
    assert lep("translate", "Do you consent to a search of your bag?", "--to", "es").exit_code == 7


def test_typed_text_is_not_cached(lep: Lep, en_es_model: None) -> None:
    lep("translate", "Quixotic marmalade seventeen", "--to", "es")
    lep("phrase", "search", "quixotic marmalade")
    for path in paths.cache_dir().rglob("*"):
        if path.is_file():
            assert b"marmalade" not in path.read_bytes().lower(), path


# -- bad input -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "stdin", "code"),
    [
        (["", "--to", "es"], None, 3),
        (["   ", "--to", "es"], None, 3),
        (["?!?!", "--to", "es"], None, 3),
        (["x" * 6000, "--to", "es"], None, 3),
        (["-", "--to", "es"], b"\x00\x00\x01\x02", 3),
        (["-", "--to", "es"], b"\xc3\x28 not utf-8", 3),
        (["Are you hurt?", "--to", "xqzw"], None, 4),
        (["Are you hurt?", "--to", "en", "--from", "en"], None, 3),
        (["Are you hurt?", "--to", "es", "--from", "es"], None, 3),
    ],
)
def test_bad_input(lep: Lep, args: list[str], stdin: bytes | None, code: int) -> None:
    run = lep("translate", *args, "--json", input=stdin)
    assert run.exit_code == code, (run.stdout, run.stderr)
    assert set(run.json()) >= {"error", "message", "hint", "exit_code"} and run.json()["exit_code"] == code
    assert "Traceback" not in run.stderr


def test_stdin_text(lep: Lep) -> None:
    data = lep("translate", "-", "--to", "es", "--json", input="Are you hurt?\n").json()
    assert data["phrase"]["id"] == "medical.are_you_hurt"


def test_mixed_scripts_give_a_clear_answer(lep: Lep) -> None:
    run = lep("translate", "Are you hurt? 你受伤了吗", "--to", "es", "--json")
    assert run.exit_code in (0, 4, 6) and "Traceback" not in run.stderr
    assert run.json().get("error") in (None, "Unavailable")


def test_reverse_reply_is_understood_from_the_responses(lep: Lep) -> None:
    data = lep("translate", "Me duele el pecho", "--to", "en", "--json").json()
    assert data["phrase"]["id"] == "responses.chest_hurts" and data["text"] == "My chest hurts."
    assert data["matched_lang"] == "es" and data["status"] == "draft"


def test_reverse_without_a_match_names_the_speakers_interpreter_and_close_phrases(lep: Lep) -> None:
    run = lep("translate", "Ayer me dolía el pecho un poco", "--to", "en", "--from", "es")  # past, "a little"
    assert run.exit_code == 4  # not sure: the close replies are offered, numbered
    assert "Spanish" in run.stdout and "1. My chest hurts." in run.stdout
    assert "dolía" not in run.stderr


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("j ai mal ici", "responses.it_hurts_here"),  # apostrophe typed as a space
        ("jai mal ici", "responses.it_hurts_here"),  # apostrophe dropped
        ("aidez moi", "responses.help_me"),  # hyphen typed as a space
        ("Я не говорю по английски", "responses.no_english"),  # по-английски
        ("انا حامل", "responses.i_am_pregnant"),  # hamza left off أنا
        ("لا اتكلم الانجليزيه", "responses.no_english"),  # ة typed as ه, alef without hamza
        ("من باردارم", "responses.i_am_pregnant"),
        ("انگليسي بلد نيستم", "responses.no_english"),  # Arabic ي for Persian ی
        ("m pa konprann", "responses.i_do_not_understand"),  # Kreyòl m = mwen
        ("Li fe m mal isit la", "responses.it_hurts_here"),  # a variant, typed without accents
        ("임신중이에요", "responses.i_am_pregnant"),  # no spaces
        ("Toi khong noi duoc tieng Anh", "responses.no_english"),  # no diacritics, a variant wording
        ("Me duele acá", "responses.it_hurts_here"),  # a variant wording
    ],
)
def test_reverse_understands_typing_variants(lep: Lep, typed: str, expected: str) -> None:
    data = lep("translate", typed, "--to", "en", "--json").json()
    assert data["phrase"]["id"] == expected, data


@pytest.mark.parametrize(
    ("typed", "reply", "question"),
    [
        ("Tôi không nói được tiếng Anh", "responses.no_english", "language.speak_english"),
        ("임신 중이에요", "responses.i_am_pregnant", "medical.pregnant"),
        ("tô com dor no peito", "responses.chest_hurts", "medical.chest_pain"),
    ],
)
def test_reverse_prefers_the_reply_over_the_officers_question(lep: Lep, typed: str, reply: str, question: str) -> None:
    data = lep("translate", typed, "--to", "en", "--json").json()
    assert data["phrase"]["id"] == reply
    if data["score"] < 100:  # a close question is listed as the alternative
        assert question in [s["id"] for s in data["suggestions"]]


def test_into_another_language_the_question_still_wins(lep: Lep) -> None:
    data = lep("translate", "Você está com dor no peito?", "--to", "es", "--from", "pt", "--json").json()
    assert data["phrase"]["id"] == "medical.chest_pain"
