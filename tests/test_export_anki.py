"""Anki decks opened the way Anki opens them: the .apkg is a zip holding an SQLite collection
(``collection.anki2``), a ``media`` JSON index and the sound files as members ``0``, ``1``...

The fixture adds replies (``responses``) to the export fixture, a recorded OGG (made by oggenc) and
MP3 (made by lame) in the agency folder's ``audio/es/``, and relies on the real espeak-ng for the
computer voice. Every embedded sound is decoded: WAV frames by the standard ``wave`` module,
OGG/MP3 streams by mutagen.
"""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import subprocess
import wave
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from lepcli import export
from lepcli.export.formats import anki
from lepcli.phrasebook import Phrasebook
from tests.export_fixtures import CATEGORIES, PHRASES, TEXT, fixture_phrasebooks

ESPEAK = shutil.which("espeak-ng") is not None
ENCODERS = shutil.which("oggenc") is not None and shutil.which("lame") is not None
needs_espeak = pytest.mark.skipif(not ESPEAK, reason="espeak-ng not installed: run scripts/install-system-deps.sh")
needs_encoders = pytest.mark.skipif(
    not ENCODERS, reason="oggenc/lame not installed (vorbis-tools, lame): run scripts/install-system-deps.sh"
)

REPLIES = [
    {"id": "responses.yes", "text": "Yes.", "category": "responses"},
    {"id": "responses.i_am_hurt", "text": "I am hurt.", "category": "responses"},
    {"id": "responses.chest_hurts", "text": "My chest hurts.", "category": "responses", "urgent": True},
]
REPLY_TEXT = {
    "es": {
        "responses.yes": ("Sí.", "see", None),
        "responses.i_am_hurt": ("Estoy herido.", "es-TOY eh-REE-doh", None),
        "responses.chest_hurts": ("Me duele el pecho.", "meh DWEH-leh el PEH-choh", None),
    },
    "km": {"responses.yes": ("បាទ។", "baat", "bat")},
}
VARIANTS = {("es", "responses.yes"): ["Si", "Claro"]}


def sine_wav(seconds: float = 0.5, rate: int = 16000) -> bytes:
    import math

    frames = b"".join(
        int(8000 * math.sin(2 * math.pi * 440 * n / rate)).to_bytes(2, "little", signed=True)
        for n in range(int(seconds * rate))
    )
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(frames)
    return out.getvalue()


def encode(wav: bytes, tool: str, out: Path) -> bytes:
    """A real OGG Vorbis (oggenc) or MP3 (lame) made from ``wav``."""
    src = out.with_suffix(".src.wav")
    src.write_bytes(wav)
    args = ["oggenc", "-Q", "-o", str(out), str(src)] if tool == "ogg" else ["lame", "--quiet", str(src), str(out)]
    subprocess.run(args, check=True, timeout=60)
    src.unlink()
    return out.read_bytes()


@pytest.fixture
def book(tmp_path: Path) -> Iterator[Phrasebook]:
    text = {lang: {**entries, **REPLY_TEXT.get(lang, {})} for lang, entries in TEXT.items()}
    with fixture_phrasebooks(
        tmp_path / "fx",
        text=text,
        phrases=PHRASES + REPLIES,
        categories={**CATEGORIES, "responses": "What people say back"},
        variants=VARIANTS,
    ) as loaded:
        yield loaded


@dataclass
class Opened:
    say: dict[str, dict[str, str]]  # "code phrase_id" -> fields by name
    replies: dict[str, dict[str, str]]
    decks: set[str]
    models: dict[str, Any]
    media: dict[str, bytes]  # file name -> bytes
    members: set[str]


def open_apkg(path: Path, tmp: Path) -> Opened:
    with zipfile.ZipFile(path) as archive:
        members = set(archive.namelist())
        index = json.loads(archive.read("media"))
        media = {name: archive.read(member) for member, name in index.items()}
        (tmp / "c.anki2").write_bytes(archive.read("collection.anki2"))
    db = sqlite3.connect(tmp / "c.anki2")
    try:
        models = json.loads(db.execute("select models from col").fetchone()[0])
        decks = {d["name"] for d in json.loads(db.execute("select decks from col").fetchone()[0]).values()}
        notes = db.execute("select mid, flds from notes").fetchall()
    finally:
        db.close()
    say: dict[str, dict[str, str]] = {}
    replies: dict[str, dict[str, str]] = {}
    for mid, flds in notes:
        names = [f["name"] for f in models[str(mid)]["flds"]]
        fields = dict(zip(names, flds.split("\x1f"), strict=True))
        target = say if mid == anki.MODEL_ID else replies
        target[f"{fields['Language']} {fields['PhraseId']}"] = fields
    return Opened(say, replies, decks, models, media, members)


def decoded_seconds(data: bytes) -> float:
    """Decode a sound file fully enough to know it plays: WAV frames read, OGG/MP3 streams parsed."""
    if data[:4] == b"RIFF":
        with wave.open(io.BytesIO(data), "rb") as w:
            frames = w.readframes(w.getnframes())
            assert len(frames) == w.getnframes() * w.getsampwidth() * w.getnchannels()
            return w.getnframes() / w.getframerate()
    import mutagen
    from mutagen.mp3 import MP3
    from mutagen.oggvorbis import OggVorbis

    found = mutagen.File(io.BytesIO(data), options=[OggVorbis, MP3])
    assert found is not None, data[:16]
    return float(found.info.length)


def sound_name(field: str) -> str:
    assert field.startswith("[sound:") and field.endswith("]"), field
    return field[len("[sound:") : -1]


@needs_espeak
@needs_encoders
def test_deck_goes_both_ways_with_recorded_and_computer_voice_audio(tmp_path: Path, book: Phrasebook) -> None:
    from lepcli import paths

    agency_audio = paths.agency_phrasebook_dirs()[-1] / "audio" / "es"
    agency_audio.mkdir(parents=True)
    ogg = encode(sine_wav(0.6), "ogg", agency_audio / "greeting.hello.ogg")
    mp3 = encode(sine_wav(0.8), "mp3", agency_audio / "responses.chest_hurts.mp3")
    out = tmp_path / "deck.apkg"
    result = export.export_phrasebook(out, langs=["es,ar,km"], interpreter=False)
    deck = open_apkg(out, tmp_path)

    # English -> language: the phrases an officer says, never the replies; the legal draft withheld.
    assert {"lepcli phrasebook::Spanish", "lepcli phrasebook::Spanish::Replies"} <= deck.decks
    assert "Spanish legal.right_to_remain_silent" in deck.say  # reviewed in Spanish
    assert "Arabic legal.right_to_remain_silent" not in deck.say  # a draft: withheld
    assert not any(key.split(" ")[1].startswith("responses.") for key in deck.say)
    name = deck.say["Spanish greeting.my_name_is"]
    assert "{name}" not in name["English"] + name["Translation"] and "________" in name["Translation"]
    # language -> English: the reply in the language on the front, its English meaning on the back.
    reply = deck.replies["Spanish responses.chest_hurts"]
    assert "Me duele el pecho." in reply["Reply"] and reply["English"] == "My chest hurts."
    assert "Claro" in deck.replies["Spanish responses.yes"]["Also"]
    assert set(deck.replies) == {"Spanish responses.yes", "Spanish responses.i_am_hurt",
                                 "Spanish responses.chest_hurts", "Khmer responses.yes"}  # fmt: skip
    front = deck.models[str(anki.REPLY_MODEL_ID)]["tmpls"][0]["qfmt"]
    assert "{{Reply}}" in front and "{{Audio}}" in front and "{{English}}" not in front
    assert result.notes == len(deck.say) + len(deck.replies)

    # Audio: the recordings as they were, espeak-ng elsewhere in Spanish, none for Khmer (no voice).
    hello = deck.say["Spanish greeting.hello"]
    assert hello["AudioSource"] == "recorded" and deck.media[sound_name(hello["Audio"])] == ogg
    chest = deck.replies["Spanish responses.chest_hurts"]
    assert chest["AudioSource"] == "recorded" and deck.media[sound_name(chest["Audio"])] == mp3
    stop = deck.say["Spanish safety.stop"]
    assert stop["AudioSource"] == "computer voice" and sound_name(stop["Audio"]).endswith(".wav")
    assert deck.say["Khmer greeting.hello"]["Audio"] == "" and deck.replies["Khmer responses.yes"]["Audio"] == ""
    referenced = {sound_name(f["Audio"]) for f in [*deck.say.values(), *deck.replies.values()] if f["Audio"]}
    assert referenced == set(deck.media)
    assert deck.members == {"collection.anki2", "media", *(str(i) for i in range(len(deck.media)))}
    for media_name, data in deck.media.items():
        assert media_name.startswith("lepcli_") and media_name.rsplit(".", 1)[1] in ("wav", "ogg", "mp3")
        assert decoded_seconds(data) > 0.1, media_name
    assert result.audio is not None
    assert result.audio["recorded"] == 2 and result.audio["computer_voice"] == len(deck.media) - 2
    assert result.audio["none"] == sum(1 for f in [*deck.say.values(), *deck.replies.values()] if not f["Audio"])


@needs_espeak
def test_a_broken_recording_is_replaced_by_the_computer_voice(tmp_path: Path, book: Phrasebook) -> None:
    from lepcli import paths

    folder = paths.agency_phrasebook_dirs()[-1] / "audio" / "es"
    folder.mkdir(parents=True)
    (folder / "greeting.hello.ogg").write_bytes(b"<html>not a sound</html>")
    out = tmp_path / "deck.apkg"
    export.export_phrasebook(out, langs=["es"], interpreter=False)
    deck = open_apkg(out, tmp_path)
    hello = deck.say["Spanish greeting.hello"]
    assert hello["AudioSource"] == "computer voice"
    assert decoded_seconds(deck.media[sound_name(hello["Audio"])]) > 0.1


def test_no_audio_makes_a_deck_without_sound(tmp_path: Path, book: Phrasebook, lep: Any) -> None:
    out = tmp_path / "deck.apkg"
    run = lep("export", "phrasebook", "--lang", "es", "--no-audio", "-o", str(out), "--json")
    assert run.exit_code == 0, run.stderr
    deck = open_apkg(out, tmp_path)
    assert deck.media == {} and deck.members == {"collection.anki2", "media"}
    assert run.json()["audio"] is None and deck.replies and deck.say
    assert all(f["Audio"] == "" for f in deck.say.values())


def test_reexport_keeps_note_ids_so_anki_updates_cards(tmp_path: Path, book: Phrasebook) -> None:
    def guids(path: Path) -> set[str]:
        export.export_phrasebook(path, langs=["es"], interpreter=False, audio=False)
        with zipfile.ZipFile(path) as archive:
            (tmp_path / "g.anki2").write_bytes(archive.read("collection.anki2"))
        db = sqlite3.connect(tmp_path / "g.anki2")
        try:
            return {g for (g,) in db.execute("select guid from notes")}
        finally:
            db.close()

    first, second = guids(tmp_path / "a.apkg"), guids(tmp_path / "b.apkg")
    assert first == second and len(first) == 6 + 3  # 6 phrases said + 3 replies, no id shared by both


def test_computer_voice_reads_a_pause_not_the_placeholder() -> None:
    assert anki.spoken_text("Soy el oficial {name}.") == "Soy el oficial …."
    assert "{" not in anki.spoken_text("{name}, {badge}")


@needs_espeak
def test_command_reports_the_audio(tmp_path: Path, book: Phrasebook, lep: Any) -> None:
    run = lep("export", "phrasebook", "--lang", "es,km", "-o", str(tmp_path / "d.apkg"))
    assert run.exit_code == 0, run.stderr
    assert "computer voice" in run.stdout and "audio:" in run.stdout
