"""The legal gate in front of every answer (issue 12): legal-risk wording in an officer's own words is
refused with the interpreter line whatever it would otherwise match; everyday talk is not blocked."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from lepcli.translate import gate

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
    ["license please", "are you ok", "search and rescue is on the way", "I'm looking for your son",
     "you have the right of way", "take a deep breath", "do you need a doctor", "turn right at the light"],
)
def test_everyday_talk_is_not_blocked(text: str) -> None:
    assert gate.check(text) is None, text


def test_no_phrasebook_phrase_or_paraphrase_is_misread_by_the_gate() -> None:
    master = yaml.safe_load((ROOT / "phrasebooks" / "en.yaml").read_text(encoding="utf-8"))
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
