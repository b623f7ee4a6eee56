"""`lep say`: hear a phrase in the person's language (recorded audio, else the offline computer voice)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from lepcli.cli.options import json_option


def say(
    text: str = typer.Argument(..., help="What to say, in English (- reads stdin); with --literal, the text to speak."),
    to: str = typer.Option(..., "--to", "-t", help="Language to say it in (name or code)."),
    out: Path | None = typer.Option(None, "--output", "-o", dir_okay=False, help="Write the audio to FILE (.wav)."),
    literal: bool = typer.Option(
        False, "--literal", help="Speak TEXT as it is, in the language's voice (no phrasebook look-up)."
    ),
    force: bool = typer.Option(False, "--force", help="Replace FILE if it exists."),
    as_json: bool = json_option(),
) -> int:
    """Say a phrase aloud: the phrasebook translation (same legal gate as lep translate), spoken by a
    recorded voice where the agency supplies one, else espeak-ng ("computer voice"). Plays it, or
    writes a WAV with -o.

    Example: lep say "Are you hurt?" --to es   ·   lep say "Are you hurt?" --to vi -o hurt.wav
    """
    from lepcli import speech
    from lepcli.cli import render as output
    from lepcli.cli.phrase import resolve_lang
    from lepcli.errors import Unavailable
    from lepcli.text import typed as textinput

    typed = textinput.read_argument(text, what="text to say")
    code = resolve_lang(to)
    assert code is not None
    phrase_id = None
    spoken, status, label = typed, None, "as typed"
    if not literal:
        from lepcli import translate as translate_mod

        ans = translate_mod.translate(typed, code, "en")  # legal drafts are refused there (exit 7)
        if isinstance(ans, translate_mod.NotSure):
            output.emit(ans, as_json=as_json)  # nothing is spoken until the officer picks the phrase
            return ans.exit_code
        spoken, status, label = ans.text, ans.status, ans.label
        phrase_id = ans.phrase.id if ans.phrase is not None and ans.tier == "phrasebook" else None
    audio = speech.audio_for(code, phrase_id, spoken)
    if audio is None:
        if speech.espeak_path() is None and code in speech.VOICES:
            raise Unavailable(
                "espeak-ng is not installed (the offline computer voice)",
                hint="install it: sudo apt-get install espeak-ng",
            )
        raise Unavailable(
            f"no recorded audio and no computer voice for this language ({code})",
            hint="show the text instead (lep translate), or record audio/<lang>/<phrase id>.wav in a phrasebook folder",
        )
    info = {
        "language": code,
        "text": spoken,
        "status": status,
        "label": label,
        "source": audio.source,
        "mime": audio.mime,
        "phrase_id": phrase_id,
        "output": str(out) if out else None,
    }
    if out is not None:
        from lepcli.files import atomic

        atomic.write_bytes(out, audio.data, force=force)
    else:
        _play(audio.data, audio.mime)
    if as_json:
        output.emit_json(info)
    else:
        sys.stdout.write(f"{spoken}\n")
        output.message(f"{label} · {audio.source}" + (f" · written to {out}" if out else ""), tone="info")
    return 0


def _play(data: bytes, mime: str) -> None:
    """Play through the first audio player found (the audio goes through a pipe, never a file)."""
    import shutil
    import subprocess

    from lepcli.errors import Unavailable

    players = [["pw-play", "-"], ["paplay"], ["aplay", "-q"]] if mime == "audio/wav" else []
    players += [["ffplay", "-nodisp", "-autoexit", "-loglevel", "quiet", "-"]]
    for cmd in players:
        if shutil.which(cmd[0]):
            subprocess.run(cmd, input=data, check=False, timeout=120)
            return
    raise Unavailable(
        "no audio player found (aplay, paplay, pw-play or ffplay)", hint="write a file instead: -o say.wav"
    )
