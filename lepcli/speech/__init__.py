"""How does this phrase sound? Recorded human audio first, else an offline computer voice.

Recorded audio: a phrasebook folder (packaged or agency) may hold ``audio/<lang>/<phrase id>.<ext>``
with ext ogg, mp3 or wav. Agency folders win over the package (the same order as phrasebook files),
and a recording always wins over the computer voice.

Computer voice: espeak-ng (Debian package ``espeak-ng``), run as a subprocess with the text on its
standard input (never on the command line, where other local users could read it in /proc) and the
WAV on its standard output: nothing is written to disk. Voices and settings come from the measured
notes (shared/EXPORT_NOTES.md): ``cmn-latn-pinyin`` for Chinese (plain ``cmn`` reads tone digits in
English); there is no voice for tl, so, ti, km, lo, ps, hmn and others, so ``can_speak`` is False.

Public API (used by ``lep talk``, ``lep say`` and the Anki export)::

    audio_for(lang, phrase_id, text) -> Audio | None
    can_speak(lang) -> bool
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from lepcli.errors import BadInput, Unavailable

Source = Literal["recorded", "computer voice"]

# lepcli language code -> espeak-ng voice. Checked against `espeak-ng --voices` (1.51, Debian 12).
VOICES: dict[str, str] = {
    "es": "es-419",  # Latin American Spanish: most US encounters
    "zh": "cmn-latn-pinyin",
    "zh-Hans": "cmn-latn-pinyin",
    "zh-Hant": "cmn-latn-pinyin",  # written Chinese read in Mandarin; Cantonese speakers: yue
    "yue": "yue",
    "vi": "vi",
    "ko": "ko",
    "ar": "ar",
    "ru": "ru",
    "ht": "ht",
    "pt": "pt-br",
    "fr": "fr-fr",
    "hi": "hi",
    "pl": "pl",
    "fa": "fa",
    "ur": "ur",
    "ja": "ja",  # reads kanji badly (EXPORT_NOTES)
    "pa": "pa",
    "bn": "bn",
    "am": "am",
    "uk": "uk",
    "ne": "ne",
    "my": "my",  # weak vowels (EXPORT_NOTES)
    "gu": "gu",
    "te": "te",
    "ta": "ta",
    "th": "th",
    "it": "it",
    "de": "de",
    "el": "el",
    "hy": "hy",
    "he": "he",
    "ro": "ro",
    "tr": "tr",
    "sw": "sw",
    "bs": "bs",
    "sr": "sr",
    "hr": "hr",
    "sq": "sq",
    "ka": "ka",
    "uz": "uz",
    "ml": "ml",
    "mr": "mr",
    "kn": "kn",
    "id": "id",
    "ms": "ms",
    "ku": "ku",
    "kmr": "ku",  # espeak-ng's Kurdish voice is Kurmanji
    "om": "om",
    "en": "en-us",
}
EXTENSIONS = {"ogg": "audio/ogg", "mp3": "audio/mpeg", "wav": "audio/wav"}
MAX_RECORDING = 5 * 1024 * 1024  # a spoken phrase is a few hundred KB at most
MAX_TEXT = 1_000  # characters sent to espeak-ng; a phrase, not a document
ESPEAK_TIMEOUT = 10.0
_SAFE_ID = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
_SAFE_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class Audio:
    data: bytes
    mime: str
    source: Source


def espeak_path() -> str | None:
    return shutil.which("espeak-ng")


def can_speak(lang: str) -> bool:
    """True when a computer voice exists for ``lang`` and espeak-ng is installed."""
    return lang in VOICES and espeak_path() is not None


def recorded_path(lang: str, phrase_id: str | None) -> Path | None:
    """The recording for this phrase, agency folders first, then the package; None when there is none."""
    if not phrase_id or not _SAFE_ID.match(phrase_id) or not _SAFE_LANG.match(lang):
        return None  # ids and codes are plain slugs: no path can leave the audio folder
    from lepcli import paths

    folders = [*reversed(paths.agency_phrasebook_dirs()), paths.packaged_phrasebooks_dir()]
    for folder in folders:
        for ext in EXTENSIONS:
            candidate = folder / "audio" / lang / f"{phrase_id}.{ext}"
            if candidate.is_file():
                return candidate
    return None


def source_for(lang: str, phrase_id: str | None) -> Source | None:
    """Which audio ``audio_for`` would give, without producing it (for showing a speaker button)."""
    if recorded_path(lang, phrase_id) is not None:
        return "recorded"
    return "computer voice" if can_speak(lang) else None


def audio_for(lang: str, phrase_id: str | None, text: str) -> Audio | None:
    """Recorded audio for ``phrase_id`` in ``lang``, else espeak-ng speaking ``text``, else None."""
    path = recorded_path(lang, phrase_id)
    if path is not None:
        try:
            with open(path, "rb") as handle:
                data = handle.read(MAX_RECORDING + 1)
        except OSError:
            data = b""
        if data and len(data) <= MAX_RECORDING:
            return Audio(data, EXTENSIONS[path.suffix[1:]], "recorded")
    if not can_speak(lang):
        return None
    return Audio(synthesize(text, lang), "audio/wav", "computer voice")


def synthesize(text: str, lang: str) -> bytes:
    """``text`` spoken by espeak-ng in ``lang``'s voice, as a WAV file in memory."""
    voice = VOICES.get(lang)
    if voice is None:
        raise Unavailable(f"no computer voice for this language ({lang})", hint="lep say --voices lists them")
    exe = espeak_path()
    if exe is None:
        raise Unavailable(
            "espeak-ng is not installed (the offline computer voice)",
            hint="install it: sudo apt-get install espeak-ng",
        )
    text = text.strip()
    if not text:
        raise BadInput("nothing to say")
    if len(text) > MAX_TEXT:
        raise BadInput(f"text is too long to speak ({len(text):,} characters)", hint=f"keep it under {MAX_TEXT:,}")
    try:
        done = subprocess.run(
            [exe, "-v", voice, "-b", "1", "--stdin", "--stdout"],
            input=text.encode("utf-8"),
            capture_output=True,
            timeout=ESPEAK_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise Unavailable("espeak-ng did not finish in time") from None
    except OSError as exc:
        raise Unavailable(f"cannot run espeak-ng: {exc.strerror}") from None
    if done.returncode != 0 or not done.stdout.startswith(b"RIFF"):
        raise Unavailable(f"espeak-ng failed (exit {done.returncode}) for voice {voice}")
    return fix_wav_sizes(done.stdout)


def fix_wav_sizes(data: bytes) -> bytes:
    """espeak-ng streaming to stdout cannot seek back, so its RIFF and data sizes say 0x7fffffff: fix them."""
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        return data
    out = bytearray(data)
    struct.pack_into("<I", out, 4, len(out) - 8)
    pos = 12
    while pos + 8 <= len(out):
        chunk, size = out[pos : pos + 4], struct.unpack_from("<I", out, pos + 4)[0]
        if chunk == b"data":
            struct.pack_into("<I", out, pos + 4, len(out) - pos - 8)
            break
        pos += 8 + size + (size & 1)
    return bytes(out)


def voices() -> dict[str, str]:
    """lepcli code -> espeak-ng voice, for the languages lepcli can speak."""
    return dict(VOICES)
