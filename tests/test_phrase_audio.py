"""`lep phrase check` on recorded audio: ``audio/<lang>/<phrase id>.<ogg|mp3|wav>`` in phrasebook folders.

Recordings are real files: WAV written by the standard ``wave`` module, OGG Vorbis by oggenc, MP3 by
lame (Debian vorbis-tools and lame, in scripts/install-system-deps.sh). The phrasebooks are the
export fixture (tests/export_fixtures.py) loaded by the real loader.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lepcli.phrasebook import audio as recordings
from lepcli.phrasebook import check
from tests.export_fixtures import fixture_phrasebooks
from tests.test_export_anki import encode, needs_encoders, sine_wav


@pytest.fixture
def folders(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """(packaged audio folder, agency audio folder) of the fixture phrasebooks."""
    with fixture_phrasebooks(tmp_path / "fx"):
        yield tmp_path / "fx" / "packaged" / "audio", tmp_path / "fx" / "agency" / "audio"


def put(folder: Path, lang: str, name: str, data: bytes) -> Path:
    path = folder / lang / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def audio_problems() -> dict[str, list[tuple[str, str]]]:
    """file name -> [(severity, message)] for the problems `lep phrase check` finds in audio folders."""
    out: dict[str, list[tuple[str, str]]] = {}
    for p in check.check().problems:
        if "/audio" in p.file:
            out.setdefault(Path(p.file.split(" (and")[0]).name, []).append((p.severity, p.message))
    return out


@needs_encoders
def test_good_recordings_in_both_folders_pass(folders: tuple[Path, Path], tmp_path: Path) -> None:
    packaged, agency = folders
    put(packaged, "es", "greeting.hello.wav", sine_wav())
    put(agency, "es", "safety.stop.ogg", encode(sine_wav(), "ogg", tmp_path / "a.ogg"))
    put(agency, "ar", "medical.are_you_hurt.mp3", encode(sine_wav(), "mp3", tmp_path / "a.mp3"))
    put(agency, "es", "legal.right_to_remain_silent.ogg", encode(sine_wav(), "ogg", tmp_path / "b.ogg"))  # reviewed
    put(agency, "es", ".DS_Store", b"junk")  # hidden files are the file manager's, not ours
    assert audio_problems() == {}


def test_unknown_ids_languages_and_extensions_are_errors(folders: tuple[Path, Path]) -> None:
    packaged, agency = folders
    wav = sine_wav()
    put(agency, "es", "medical.are_you_hurtt.wav", wav)
    put(agency, "xx", "greeting.hello.wav", wav)
    put(agency, "es", "greeting.hello.m4a", wav)
    put(agency, "es", "safety.stop.WAV", wav)
    put(packaged, "es", "medical.need_ambulance", wav)
    found = audio_problems()
    assert found["medical.are_you_hurtt.wav"] == [
        ("error", "no phrase with this id in en.yaml (did you mean medical.are_you_hurt?)")
    ]
    assert found["xx"][0][0] == "error" and "'xx' is not a language code lepcli knows" in found["xx"][0][1]
    assert found["greeting.hello.m4a"] == [("error", ".m4a is not a format lepcli plays: use .ogg, .mp3 or .wav")]
    assert found["safety.stop.WAV"][0][0] == "error" and "must be lower case (.wav)" in found["safety.stop.WAV"][0][1]
    assert found["medical.need_ambulance"] == [
        ("error", "no extension: name it medical.need_ambulance.ogg, .mp3 or .wav")
    ]


@needs_encoders
def test_files_that_cannot_play_are_errors(folders: tuple[Path, Path], tmp_path: Path) -> None:
    _packaged, agency = folders
    ogg = encode(sine_wav(), "ogg", tmp_path / "a.ogg")
    put(agency, "es", "greeting.hello.ogg", b"")
    put(agency, "es", "safety.stop.ogg", b"<html>404 not found</html>")
    put(agency, "es", "medical.are_you_hurt.mp3", sine_wav())  # a WAV named .mp3
    put(agency, "es", "medical.need_ambulance.ogg", ogg[:60])  # cut inside the first page
    put(agency, "es", "greeting.my_name_is.wav", sine_wav(1.0)[:-4000])  # frames missing
    put(agency, "ar", "greeting.hello.wav", sine_wav(0.0))
    found = audio_problems()
    assert found["greeting.hello.ogg"] == [("error", "empty file")]
    assert found["safety.stop.ogg"] == [("error", "not a OGG file (nor any audio format lepcli plays)")]
    assert found["medical.are_you_hurt.mp3"] == [("error", "the file is WAV but is named .mp3: rename it .wav")]
    assert found["medical.need_ambulance.ogg"][0][0] == "error"
    assert found["medical.need_ambulance.ogg"][0][1].startswith("cannot be decoded as OGG")
    assert found["greeting.my_name_is.wav"][0][1].startswith("cannot be decoded as WAV: truncated")
    assert found["greeting.hello.wav"] == [("error", "no sound in it (0 seconds)")]


def test_huge_and_long_recordings(folders: tuple[Path, Path]) -> None:
    from lepcli import speech

    _packaged, agency = folders
    put(agency, "es", "greeting.hello.wav", sine_wav()[:44] + b"\0" * speech.MAX_RECORDING)
    put(agency, "es", "safety.stop.wav", sine_wav(31.0, rate=8000))
    found = audio_problems()
    assert found["greeting.hello.wav"][0][0] == "error" and "too large" in found["greeting.hello.wav"][0][1]
    assert found["safety.stop.wav"] == [("warning", "31 seconds long: a phrase takes a few; is it the right file?")]


def test_legal_recording_needs_a_reviewed_translation(folders: tuple[Path, Path]) -> None:
    packaged, agency = folders
    put(agency, "es", "legal.right_to_remain_silent.wav", sine_wav())  # es: reviewed (agency folder)
    put(packaged, "ar", "legal.right_to_remain_silent.wav", sine_wav())  # ar: a draft
    found = audio_problems()
    assert list(found) == ["legal.right_to_remain_silent.wav"] and len(found["legal.right_to_remain_silent.wav"]) == 1
    severity, message = found["legal.right_to_remain_silent.wav"][0]
    assert severity == "error" and "legal phrase whose ar translation is not reviewed" in message
    assert [p.file for p in check.check().problems if "legal phrase" in p.message] == [
        str(packaged / "ar" / "legal.right_to_remain_silent.wav")
    ]


def test_recordings_that_would_never_play_are_warnings(folders: tuple[Path, Path]) -> None:
    _packaged, agency = folders
    put(agency, "de", "greeting.hello.wav", sine_wav())  # a known language with no phrasebook
    put(agency, "fa", "safety.stop.wav", sine_wav())  # fa has no translation of safety.stop
    put(agency, "es", "greeting.hello.wav", sine_wav())
    put(agency, "es", "greeting.hello.ogg", b"OggS")  # two files for one phrase (and a broken one)
    (agency / "loose.wav").write_bytes(sine_wav())
    found = audio_problems()
    assert found["de"] == [("warning", "no phrasebook for 'de': these recordings are never played")]
    assert found["safety.stop.wav"] == [("warning", "no fa translation of this phrase: the recording is never played")]
    assert ("warning", "also recorded as greeting.hello.ogg: that one is played") in found["greeting.hello.wav"]
    assert found["loose.wav"] == [("error", "recordings go in audio/<lang>/<phrase id>.ogg|mp3|wav")]


def test_without_mutagen_ogg_and_mp3_are_checked_by_header_only(
    folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    _packaged, agency = folders
    put(agency, "es", "greeting.hello.ogg", b"OggS" + b"\0" * 100)
    monkeypatch.setitem(sys.modules, "mutagen", None)  # import mutagen -> ImportError
    found = audio_problems()
    assert found["greeting.hello.ogg"] == [
        ("warning", "OGG/MP3 recordings checked by their header only: install mutagen (pip install 'lepcli[export]') "
                    "to decode them")
    ]  # fmt: skip


def test_lep_phrase_check_shows_audio_problems_with_exit_5(folders: tuple[Path, Path], lep: Any) -> None:
    _packaged, agency = folders
    path = put(agency, "es", "greeting.hello.ogg", b"")
    run = lep("phrase", "check", "--json")
    assert run.exit_code == 5
    problems = [p for p in run.json()["problems"] if p["file"] == str(path)]  # type: ignore[index]
    assert problems == [
        {"file": str(path), "line": None, "field": "greeting.hello", "message": "empty file", "severity": "error"}
    ]
    human = lep("phrase", "check")
    assert f"error: {path}: greeting.hello: empty file" in human.stdout


def test_sniff_tells_the_three_formats_apart(tmp_path: Path) -> None:
    assert recordings.sniff(sine_wav()) == "wav"
    assert recordings.sniff(b"OggS\0\2") == "ogg"
    assert recordings.sniff(b"ID3\4\0") == "mp3" and recordings.sniff(b"\xff\xfb\x90\x00") == "mp3"
    assert recordings.sniff(b"fLaC\0\0") is None and recordings.sniff(b"") is None
