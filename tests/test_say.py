"""`lep say` and lepcli.speech: recorded audio first, espeak-ng otherwise, the legal gate kept."""

from __future__ import annotations

import io
import shutil
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lepcli import phrasebook as pb
from lepcli import speech

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="needs espeak-ng (system package)")


def _wav(frames: int = 800, rate: int = 8000) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"\x02\x00" * frames)
    return buf.getvalue()


@needs_espeak
def test_say_writes_a_wav_of_the_phrasebook_translation(lep: Callable[..., Any], tmp_path: Path) -> None:
    out = tmp_path / "hurt.wav"
    run = lep("say", "Are you hurt?", "--to", "spanish", "-o", str(out))
    assert run.exit_code == 0, run.stderr
    want = pb.load().translation("medical.are_you_hurt", "es")
    assert run.stdout.strip() == want.text
    assert "computer voice" in run.stderr and "DRAFT" in run.stderr
    with wave.open(str(out)) as w:
        assert w.getnchannels() == 1 and w.getframerate() == 22050
        seconds = w.getnframes() / w.getframerate()
    assert 0.3 < seconds < 10
    again = lep("say", "Are you hurt?", "--to", "es", "-o", str(out))
    assert again.exit_code == 9  # exists, no --force


@needs_espeak
def test_say_json_and_literal(lep: Callable[..., Any], tmp_path: Path) -> None:
    out = tmp_path / "x.wav"
    data = lep("say", "Привет", "--to", "ru", "--literal", "-o", str(out), "--json").json()
    assert data["text"] == "Привет" and data["source"] == "computer voice" and data["label"] == "as typed"
    assert data["phrase_id"] is None and data["mime"] == "audio/wav"


def test_say_never_speaks_a_draft_legal_phrase(lep: Callable[..., Any], tmp_path: Path) -> None:
    assert pb.load().translation("legal.right_to_remain_silent", "es").status == "draft"
    out = tmp_path / "x.wav"
    run = lep("say", "You have the right to remain silent.", "--to", "es", "-o", str(out))
    assert run.exit_code == 7
    assert "never spoken from a draft" in run.stderr
    assert not out.exists()


def test_say_with_no_voice_for_the_language(lep: Callable[..., Any], tmp_path: Path) -> None:
    run = lep("say", "Are you hurt?", "--to", "somali", "-o", str(tmp_path / "x.wav"))
    assert run.exit_code == 6
    assert "no recorded audio and no computer voice" in run.stderr


def test_missing_espeak_is_one_clear_message(
    lep: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    assert not speech.can_speak("es")
    run = lep("say", "Are you hurt?", "--to", "es", "-o", str(tmp_path / "x.wav"))
    assert run.exit_code == 6
    assert "espeak-ng is not installed" in run.stderr and "apt-get install espeak-ng" in run.stderr
    assert "Traceback" not in run.stderr


def test_recorded_audio_wins_over_the_computer_voice(
    lep: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    agency = tmp_path / "agency"
    (agency / "audio" / "es").mkdir(parents=True)
    recording = b"OggS" + b"\x00" * 60  # served as it is: lepcli does not decode recordings
    (agency / "audio" / "es" / "medical.are_you_hurt.ogg").write_bytes(recording)
    monkeypatch.setenv("LEP_PHRASEBOOKS", str(agency))
    found = speech.audio_for("es", "medical.are_you_hurt", "ignored")
    assert found == speech.Audio(recording, "audio/ogg", "recorded")
    assert speech.source_for("es", "medical.are_you_hurt") == "recorded"
    out = tmp_path / "hurt.ogg"
    run = lep("say", "Are you hurt?", "--to", "es", "-o", str(out))
    assert run.exit_code == 0 and out.read_bytes() == recording and "recorded" in run.stderr
    # a language with no computer voice still plays a recording
    (agency / "audio" / "so").mkdir()
    (agency / "audio" / "so" / "medical.are_you_hurt.wav").write_bytes(_wav())
    assert speech.audio_for("so", "medical.are_you_hurt", "x") == speech.Audio(_wav(), "audio/wav", "recorded")


def test_the_agency_folder_wins_over_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    agency = tmp_path / "agency"
    (agency / "audio" / "es").mkdir(parents=True)
    (agency / "audio" / "es" / "medical.are_you_hurt.wav").write_bytes(_wav(10))
    monkeypatch.setenv("LEP_PHRASEBOOKS", str(agency))
    path = speech.recorded_path("es", "medical.are_you_hurt")
    assert path == agency / "audio" / "es" / "medical.are_you_hurt.wav"


@pytest.mark.parametrize(
    ("lang", "pid"), [("es", "../../../etc/passwd"), ("es", "medical/../../x"), ("../es", "medical.are_you_hurt")]
)
def test_recorded_lookup_cannot_leave_the_audio_folder(
    lang: str, pid: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEP_PHRASEBOOKS", str(tmp_path))
    assert speech.recorded_path(lang, pid) is None


def test_fix_wav_sizes_makes_a_streamed_header_true() -> None:
    good = _wav(100)
    streamed = bytearray(good)
    streamed[4:8] = b"\xff\xff\xff\x7f"
    streamed[40:44] = b"\xff\xff\xff\x7f"
    assert speech.fix_wav_sizes(bytes(streamed)) == good


@needs_espeak
def test_every_voice_in_the_table_exists_in_espeak() -> None:
    import subprocess

    listed = subprocess.run(["espeak-ng", "--voices"], capture_output=True, text=True, check=True).stdout
    names = {line.split()[1] for line in listed.splitlines()[1:] if line.strip()}
    assert set(speech.VOICES.values()) - names == set()


@needs_espeak
def test_espeak_gets_the_text_on_stdin_not_on_its_command_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    seen: list[list[str]] = []
    real = subprocess.run

    def spy(cmd: list[str], **kw: Any) -> Any:
        seen.append(cmd)
        return real(cmd, **kw)

    monkeypatch.setattr(subprocess, "run", spy)
    data = speech.synthesize("secreto del testigo", "es")
    assert data.startswith(b"RIFF") and seen
    assert not any("secreto" in part for part in seen[0])
