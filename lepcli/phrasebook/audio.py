"""Recorded audio in phrasebook folders, checked for `lep phrase check`.

A phrasebook folder (the package or an agency folder) may hold a vendor's recordings as
``audio/<lang>/<phrase id>.<ogg|mp3|wav>``; ``lepcli.speech`` plays them (agency first) before
any computer voice, and the Anki export embeds them. A recording nobody can play, of a phrase that
does not exist, or of a legal phrase whose text is not reviewed, must be caught before an officer
taps the speaker button in front of someone, so each file is checked for:

- a language code lepcli knows (the folder name), with a phrasebook for it;
- a phrase id in the English master (the file name), with a translation in that language;
- the extension (``.ogg``, ``.mp3``, ``.wav``, lower case: that is what the player looks for);
- the content: not empty, not larger than ``speech.MAX_RECORDING`` (it would be skipped), really
  the format the name says, and decodable: WAV frames are read with the standard ``wave`` module,
  OGG and MP3 streams are parsed with mutagen (``export`` extra) for their codec and length;
- a legal phrase (rights, consent, statements...) whose translation in that language is not
  ``reviewed``: an error, as its text would be (the recording says a draft out loud).
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lepcli.phrasebook import Phrase, Phrasebook, Problem

EXTENSIONS = ("ogg", "mp3", "wav")  # lepcli.speech.EXTENSIONS, in the order the player tries them
LONGEST = 30.0  # seconds: a phrase is a few seconds; longer is probably the wrong file
FORMAT_NAMES = {"ogg": "OGG", "mp3": "MP3", "wav": "WAV"}
HEAD = 16


def sniff(data: bytes) -> str | None:
    """Which of ogg, mp3, wav the bytes are, from their first bytes; None for anything else."""
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return "wav"
    if data[:4] == b"OggS":
        return "ogg"
    if data[:3] == b"ID3" or (len(data) >= 2 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0):
        return "mp3"
    return None


def check(master: Mapping[str, Phrase], book: Phrasebook | None = None) -> list[Problem]:
    """Problems with the recordings of every phrasebook folder (packaged and agency)."""
    from lepcli import phrasebook as pb

    if not master:
        return []  # without a readable en.yaml every id would look unknown: en.yaml is reported alone
    book = book if book is not None else pb.load()
    problems: list[Problem] = []
    undecoded: list[str] = []
    for _layer, folder in pb.folders():
        root = folder / "audio"
        if not root.is_dir():
            continue
        for entry in _entries(root):
            if not entry.is_dir():
                problems.append(pb.Problem(str(entry), None, "recordings go in audio/<lang>/<phrase id>.ogg|mp3|wav"))
                continue
            problems.extend(_check_language(entry, master, book, undecoded))
    if undecoded:
        problems.append(
            pb.Problem(
                str(undecoded[0]) + (f" (and {len(undecoded) - 1} more)" if len(undecoded) > 1 else ""),
                None,
                "OGG/MP3 recordings checked by their header only: install mutagen (pip install 'lepcli[export]') "
                "to decode them",
                severity="warning",
            )
        )
    return problems


def _entries(folder: Path) -> list[Path]:
    try:
        return sorted(Path(e.path) for e in os.scandir(folder) if not e.name.startswith("."))
    except OSError:
        return []


def _check_language(
    folder: Path, master: Mapping[str, Phrase], book: Phrasebook, undecoded: list[str]
) -> list[Problem]:
    from lepcli import phrasebook as pb

    lang = folder.name
    if lang != pb.MASTER and not pb.known_code(lang):
        message = f"'{lang}' is not a language code lepcli knows; name the folder audio/<code> as `lep lang` shows it"
        return [pb.Problem(str(folder), None, message)]
    problems: list[Problem] = []
    has_book = lang == pb.MASTER or book.has_language(lang)
    if not has_book:
        problems.append(
            pb.Problem(str(folder), None, f"no phrasebook for '{lang}': these recordings are never played",
                       severity="warning")
        )  # fmt: skip
    seen: dict[str, str] = {}
    for path in _entries(folder):
        if path.is_dir():
            problems.append(pb.Problem(str(path), None, "a folder inside audio/<lang>/: recordings go directly in it",
                                       severity="warning"))  # fmt: skip
            continue
        phrase_id, dot, ext = path.name.rpartition(".")
        if not dot:
            phrase_id, ext = path.name, ""
        if ext not in EXTENSIONS:
            if ext.lower() in EXTENSIONS:
                message = f"extension .{ext} must be lower case (.{ext.lower()}): the player looks for .{ext.lower()}"
            elif path.name in master or not dot:  # ids hold dots: medical.are_you_hurt has no extension
                message = f"no extension: name it {path.name}.ogg, .mp3 or .wav"
            else:
                message = f".{ext} is not a format lepcli plays: use .ogg, .mp3 or .wav"
            problems.append(pb.Problem(str(path), None, message, phrase_id))
            continue
        phrase = master.get(phrase_id)
        if phrase is None:
            close = difflib.get_close_matches(phrase_id, list(master), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            problems.append(pb.Problem(str(path), None, f"no phrase with this id in en.yaml{hint}", phrase_id))
            continue
        if phrase_id in seen:
            problems.append(
                pb.Problem(str(path), None, f"also recorded as {phrase_id}.{seen[phrase_id]}: that one is played",
                           phrase_id, "warning")
            )  # fmt: skip
        else:
            seen[phrase_id] = ext
        problems.extend(_check_content(path, ext, phrase_id, undecoded))
        if has_book and lang != pb.MASTER:
            tr = book.translation(phrase_id, lang)
            if phrase.legal and (tr is None or tr.status != "reviewed"):
                problems.append(
                    pb.Problem(
                        str(path), None,
                        f"recording of a legal phrase whose {lang} translation is not reviewed: it may not be played "
                        "until a qualified translator signs the text off (lep phrase import)",
                        phrase_id,
                    )
                )  # fmt: skip
            elif tr is None:
                problems.append(
                    pb.Problem(str(path), None, f"no {lang} translation of this phrase: the recording is never played",
                               phrase_id, "warning")
                )  # fmt: skip
    return problems


def _check_content(path: Path, ext: str, phrase_id: str, undecoded: list[str]) -> list[Problem]:
    from lepcli import phrasebook as pb
    from lepcli.speech import MAX_RECORDING

    def problem(message: str, severity: str = "error") -> list[Problem]:
        return [pb.Problem(str(path), None, message, phrase_id, severity)]

    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(HEAD)
    except OSError as exc:
        return problem(f"cannot read it: {exc.strerror}")
    if size == 0:
        return problem("empty file")
    if size > MAX_RECORDING:
        return problem(
            f"{size / 1024 / 1024:.1f} MB is too large: lepcli skips recordings over "
            f"{MAX_RECORDING // 1024 // 1024} MB (a spoken phrase is a few hundred KB)"
        )
    kind = sniff(head)
    if kind is None:
        return problem(f"not a {FORMAT_NAMES[ext]} file (nor any audio format lepcli plays)")
    if kind != ext:
        return problem(f"the file is {FORMAT_NAMES[kind]} but is named .{ext}: rename it .{kind}")
    try:
        seconds = _wav_seconds(path) if ext == "wav" else _stream_seconds(path, ext)
    except _Undecodable as exc:
        return problem(f"cannot be decoded as {FORMAT_NAMES[ext]}: {exc}")
    except ImportError:
        undecoded.append(str(path))
        return []
    if seconds <= 0:
        return problem("no sound in it (0 seconds)")
    if seconds > LONGEST:
        return problem(f"{seconds:.0f} seconds long: a phrase takes a few; is it the right file?", "warning")
    return []


class _Undecodable(Exception):
    pass


def _wav_seconds(path: Path) -> float:
    """Read every frame with the standard library: a truncated or non-PCM WAV fails here."""
    import wave

    try:
        with wave.open(str(path), "rb") as w:
            frames, rate, width, channels = w.getnframes(), w.getframerate(), w.getsampwidth(), w.getnchannels()
            data = w.readframes(frames)
    except (wave.Error, EOFError, OSError) as exc:
        raise _Undecodable(str(exc) or type(exc).__name__) from None
    if rate <= 0:
        raise _Undecodable("sample rate 0")
    if len(data) < frames * width * channels:
        raise _Undecodable(f"truncated: {len(data):,} of {frames * width * channels:,} bytes of sound")
    return frames / rate


def _stream_seconds(path: Path, ext: str) -> float:
    import mutagen
    from mutagen.mp3 import MP3
    from mutagen.oggopus import OggOpus
    from mutagen.oggvorbis import OggVorbis

    kinds: dict[str, tuple[Any, ...]] = {"ogg": (OggVorbis, OggOpus), "mp3": (MP3,)}
    try:
        found = mutagen.File(str(path), options=list(kinds[ext]))
    except (mutagen.MutagenError, OSError, ValueError, EOFError) as exc:
        raise _Undecodable(str(exc) or type(exc).__name__) from None
    if found is None:
        raise _Undecodable("no Vorbis or Opus stream" if ext == "ogg" else "no MP3 frames")
    return float(found.info.length or 0.0)
