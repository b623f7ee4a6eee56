"""`lep dispatch MESSAGE`: from a typed message to the line to dial now, with its call script (issue 14)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Lep = Callable[..., Any]


def test_a_message_gives_the_line_to_dial_with_a_dialable_number(lep: Lep) -> None:
    run = lep("dispatch", "necesito ayuda, mi hijo no respira", "--json")
    assert run.exit_code == 0
    data = run.json()
    assert data["uncertain"] is False and data["language"] == "es" and data["ask_for"] == "Spanish"
    dial = data["dial"]
    assert dial["dial"].startswith("+1") and dial["tel"].startswith("tel:+1") and dial["script"]
    assert "respira" not in run.stdout + run.stderr  # the message is never echoed


def test_an_unknown_language_takes_the_identification_path(lep: Lep) -> None:
    data = lep("dispatch", "xq zzv qqrt", "--json").json()
    assert data["uncertain"] is True and data["ask_for"] is None


def test_a_second_language_in_an_english_message_decides_the_line(lep: Lep) -> None:
    run = lep("dispatch", "plz help my wife no habla ingles she is hurt")
    assert run.exit_code == 0
    assert "ask for: Spanish" in run.stdout and "may need Spanish" in run.stdout
    assert "Do not use children, relatives or bystanders" in run.stdout


def test_empty_message_is_a_clear_error(lep: Lep) -> None:
    run = lep("dispatch", "   ")
    assert run.exit_code == 3 and "empty" in run.stderr
