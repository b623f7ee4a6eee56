"""The legal gate in front of every answer (issue 12): legal-risk wording in an officer's own words is
refused with the interpreter line whatever it would otherwise match; everyday talk is not blocked."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lepcli.translate import gate
from tests.conftest import shipped_yaml

ROOT = Path(__file__).resolve().parent.parent
Lep = Callable[..., Any]


@pytest.mark.parametrize(
    "text",
    [
        "can I have a look through your glove box",
        "do you mind if I check your pockets",
        "you don't need to say anything",
        "you're under arrest for theft",
        "will you do a breathalyzer",
        "did you take the money",
        "mind if i take a peek in ur trunk real quick",
        "ok if we search the car",
        "u have the rite to stay silent",
        "was it u driving",
        "Can you sign this paper saying what happened?",
        "did he touch you down there",
    ],
)
def test_legal_wording_is_refused_with_the_interpreter_line(lep: Lep, text: str) -> None:
    run = lep("translate", text, "--to", "es", "--json")
    assert run.exit_code == 7, text
    data = run.json()
    assert data["error"] == "Refused" and "interpreter" in data["hint"]
    assert text not in run.stderr  # the typed text is never echoed


@pytest.mark.parametrize(
    "text",
    [
        "license please",
        "are you ok",
        "search and rescue is on the way",
        "I'm looking for your son",
        "you have the right of way",
        "take a deep breath",
        "do you need a doctor",
        "turn right at the light",
    ],
)
def test_everyday_talk_is_not_blocked(text: str) -> None:
    assert gate.check(text) is None, text


def test_no_phrasebook_phrase_or_paraphrase_is_misread_by_the_gate() -> None:
    master = shipped_yaml("en.yaml")
    wrong = []
    for p in master["phrases"]:
        if p["id"].startswith("responses."):
            continue
        for text in [p["text"], *p.get("paraphrases", [])]:
            if (gate.check(text) is not None) != bool(p.get("legal")):
                wrong.append((p["id"], text))
    assert wrong == []


def test_a_reviewed_legal_phrase_still_answers(lep: Lep, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    agency = tmp_path / "agency"
    agency.mkdir()
    monkeypatch.setenv("LEP_PHRASEBOOKS", str(agency))
    (agency / "es.yaml").write_text(
        "language: es\nname: Spanish\ntranslations:\n  legal.consent_search_car:\n"
        '    text: "¿Me permite revisar su carro?"\n    pronunciation: "x"\n    status: reviewed\n'
        '    reviewed_by: "M. Ruiz, court-certified"\n    reviewed_on: 2026-10-01\n',
        encoding="utf-8",
    )
    data = lep("translate", "May I search your car?", "--to", "es", "--json").json()
    assert data["phrase"]["id"] == "legal.consent_search_car" and data["status"] == "reviewed"
    # the same intent in other words is not the stock phrase: refused, never the reviewed text
    assert lep("translate", "can I look in ur trunk", "--to", "es").exit_code == 7


def test_officer_questions_are_never_answered_with_a_reply(lep: Lep) -> None:
    for text in ["do you need a doctor", "is somebody inside", "did he hurt you"]:
        data = lep("translate", text, "--to", "es", "--json").json()
        assert not (data.get("phrase") or {}).get("id", "").startswith("responses."), text
        assert all(not s["id"].startswith("responses.") for s in data.get("suggestions", []))


def test_not_sure_lists_three_phrases_with_translations(lep: Lep) -> None:
    run = lep("translate", "are you not hurt", "--to", "es", "--json")
    assert run.exit_code == 4
    data = run.json()
    assert 1 <= len(data["suggestions"]) <= 3
    assert all(s["translation"] and s["pronunciation"] for s in data["suggestions"])
    assert all(not s["id"].startswith("legal.") for s in data["suggestions"])


def test_a_lone_combining_mark_matches_nothing(lep: Lep) -> None:
    for mark in ["\u0301", "\u064e", "\u0300\u0301"]:
        run = lep("translate", mark, "--to", "en")
        assert run.exit_code == 3 and "My chest hurts" not in run.stdout


def test_shipped_word_model_is_current() -> None:
    """The shipped model was built from today's training inputs (rebuild: scripts/build_legal_model.py)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_legal_model", ROOT / "scripts" / "build_legal_model.py")
    assert spec and spec.loader
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    shipped = json.loads((ROOT / "lepcli" / "translate" / "data" / "legal_words.json").read_text(encoding="utf-8"))
    assert shipped["inputs"] == build.inputs_digest(), "run scripts/build_legal_model.py"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Did you know the car was stlen?", "stolen"),
        ("did u shooot him", "shoot"),
        ("u been dinkin?", "drinking"),
        ("Whoes pipe is this?", "whose"),
        ("You're getting cfufed.", "cuffed"),
    ],
)
def test_typos_of_the_lexicon_words_are_spelled_right_and_caught(typed: str, meant: str) -> None:
    from lepcli import policy

    assert meant in policy.normalise(typed).split()
    assert gate.check(typed) is not None, typed


@pytest.mark.parametrize("real", ["shout", "dues", "rub", "stole", "heart"])
def test_real_words_are_never_respelled_into_legal_ones(real: str) -> None:
    from lepcli import policy

    assert policy.normalise(real) == real


@pytest.mark.parametrize(
    "text",
    [
        "Who shot him?",
        "Who does this meth belong to?",
        "How long was his hand on your throat?",
        "Was he on drugs when he attacked you?",
        "Say your name and the date for the recording.",
        "Touch your finger to your nose.",
    ],
)
def test_intent_patterns_catch_wordings_outside_the_stock_phrases(text: str) -> None:
    assert gate.check(text) is not None, text


@pytest.mark.parametrize(
    "text",
    [
        "Is the person who hurt you still there?",
        "I pulled you over because you were speeding.",
        "Did you see which way the car went?",
        "An immigration lawyer can tell you about the U visa.",
        "He's in cardaic arrest, start CPR.",
        "Let me take a look at that cut.",
        "Would you like something to drink?",
        "have you had anything to eat today",
        "did I understand that right",
        "theres a shelter that can take u in",
        "what part of your body hurts",
        "you blew that red back there",
    ],
)
def test_witness_safety_and_care_talk_is_not_legal(text: str) -> None:
    assert gate.check(text) is None, text


def test_the_word_model_yields_to_an_everyday_phrase_found_surely(
    lep: Lep, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An agency's own everyday phrase, typed nearly as written, is that phrase even where the word
    model leans legal; the lexicon is never overruled."""
    from lepcli import phrasebook as pb
    from lepcli import translate

    agency = tmp_path / "agency"
    agency.mkdir()
    (agency / "en.yaml").write_text(
        'language: en\nphrases:\n  - id: traffic.who_else_in_car\n    text: "Who else was in the car with you?"\n'
        "    category: traffic\n",
        encoding="utf-8",
    )
    (agency / "es.yaml").write_text(
        "language: es\nname: Spanish\ntranslations:\n  traffic.who_else_in_car:\n"
        '    text: "¿Quién más iba en el carro con usted?"\n    pronunciation: "x"\n    status: draft\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("LEP_PHRASEBOOKS", str(agency))
    pb._LOADED.clear()
    typed = "who else was in the car with you guys"
    assert gate.check(typed) is not None and gate.check(typed).why == "words"  # type: ignore[union-attr]
    assert translate.match(typed, "es").phrase_id == "traffic.who_else_in_car"
    run = lep("translate", typed, "--to", "es")
    assert run.exit_code == 0 and "Quién más iba" in run.stdout
    pb._LOADED.clear()


def test_free_text_no_phrase_matched_meets_the_stricter_threshold(lep: Lep) -> None:
    """Before machine translation the word model's lower threshold applies; the bench measures its
    cost. A question about what someone did, far from every phrase, is refused, model or not."""
    text = "who was the last person in the garage tonight"
    assert gate.check(text) is None or gate.check(text).why == "words"  # type: ignore[union-attr]
    assert gate.check(text, before_machine=True) is not None
    run = lep("translate", text, "--to", "es")
    assert run.exit_code == 7 and "interpreter" in run.stderr
