"""`lep export app`: the encounter screen as ONE self-contained offline HTML file for phones and tablets.

The same page and script as `lep talk` (``static/``), with the data embedded as JSON: no server, no
machine translation, no espeak-ng (the device's own voices, where it has one, and recordings the
agency supplies, embedded). The legal gate is applied when the file is built: a legal phrase without
a reviewed translation is in the file only as "An interpreter will help us with this. Please wait."
The file's own Content-Security-Policy forbids every network request.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lepcli.errors import BadInput

FILE_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
    "media-src data: blob:; base-uri 'none'; form-action 'none'"
)


@dataclass
class AppFile:
    path: str
    languages: list[str]
    bytes: int
    phrases: int
    withheld: int
    interpreter: bool
    warnings: list[str] = field(default_factory=list)


def parse_languages(values: list[str]) -> list[str]:
    """``--lang es,vi --lang arabic`` or ``all`` -> codes (phrasebook codes), in the order given."""
    from lepcli import languages
    from lepcli import phrasebook as pb
    from lepcli.talk import session

    parts = [p.strip() for v in values for p in v.split(",") if p.strip()]
    if not parts:
        raise BadInput("no languages given", hint="e.g. --lang es,vi,ar")
    if parts == ["all"]:
        return pb.load().languages()
    codes: list[str] = []
    for part in parts:
        code = session.book_code(languages.resolve(part).language.code)
        if code not in codes:
            codes.append(code)
    return codes


def _audio_data_uri(code: str, phrase_id: str) -> str | None:
    from lepcli import speech

    path = speech.recorded_path(code, phrase_id)
    if path is None or path.stat().st_size > speech.MAX_RECORDING:
        return None
    mime = speech.EXTENSIONS[path.suffix[1:]]
    return f"data:{mime};base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def build_data(codes: list[str], *, interpreter: bool = True) -> tuple[dict[str, Any], int, int]:
    """The embedded data: tiles, per-language screens with every answer precomputed."""
    from lepcli import languages
    from lepcli import phrasebook as pb
    from lepcli.talk import session

    book = pb.load()
    tiles_by_code = {t["code"]: t for t in session.language_tiles()}
    tiles = []
    out_langs: dict[str, Any] = {}
    count = withheld = 0
    for n, code in enumerate(codes, 1):
        lang = languages.get(code)
        tile = next((t for c, t in tiles_by_code.items() if session.book_code(c) == code), None)
        tiles.append(
            (tile or {"text": lang.native, "also": None, "status": "draft", "lang": code})
            | {"number": n, "code": code, "name": lang.name, "native": lang.native, "dir": "rtl" if lang.rtl else "ltr"}
        )
        screen = session.language_screen(code)
        screen.pop("voice", None)
        if not interpreter:
            screen["call"] = _no_call(screen["call"])
        answers: dict[str, Any] = {}
        audio: dict[str, str] = {}
        for p in book.phrases:
            if p.category == "responses":
                continue
            result = session.show(p.id, code)
            if result["kind"] == "shown" and result["officer"]["tier"] == "machine":
                continue  # no machine translation in the offline file
            if result["kind"] == "none":
                continue
            if result["kind"] == "withheld":
                withheld += 1
            else:
                count += 1
                uri = _audio_data_uri(code, p.id)
                if uri is not None:
                    audio[p.id] = uri
                    result["person"]["audio"] = "recorded"
                else:
                    result["person"]["audio"] = "device voice"
            if not interpreter and result.get("call"):
                result["call"] = _no_call(result["call"])
            answers[p.id] = result
        screen["answers"] = answers
        screen["audio"] = audio
        out_langs[code] = screen
    english = {k: session.person_strings()["english"][k] for k in session.YESNO}
    for key in session.YESNO:
        pid = session.person_strings().get("phrase_ids", {}).get(key)
        if pid and book.has_phrase(pid):
            english[key] = book.phrase(pid).text
    unknown = session.call_info("und", identify=True)
    data = {
        "tiles": tiles,
        "languages": out_langs,
        "phrases": [
            {"id": p.id, "english": p.text, "keywords": list(p.keywords), "legal": p.legal}
            for p in book.phrases
            if p.category != "responses"
        ],
        "english": english,
        "unknown": unknown if interpreter else _no_call(unknown),
    }
    return data, count, withheld


def _no_call(call: dict[str, Any]) -> dict[str, Any]:
    return {
        "never": call.get("never"),
        "line": None,
        "others": [],
        "error": "call your agency's interpreter line (not printed in this file)",
    }


def render(data: dict[str, Any]) -> str:
    """index.html with talk.css and talk.js inlined and the data embedded."""
    from lepcli.talk.server import STATIC

    html = (STATIC / "index.html").read_text(encoding="utf-8")
    css = (STATIC / "talk.css").read_text(encoding="utf-8")
    js = (STATIC / "talk.js").read_text(encoding="utf-8")
    blob = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    blob = blob.replace("</", "<\\/").replace("<!--", "<\\!--")
    if "</script" in js.lower():
        raise BadInput("talk.js must not contain a closing script tag")
    head = f'<meta http-equiv="Content-Security-Policy" content="{FILE_CSP}">\n<style>\n{css}</style>'
    html = html.replace('<link rel="stylesheet" href="/static/talk.css">', head)
    html = html.replace('<script src="/static/talk.js" defer></script>\n', "")
    tail = f'<script type="application/json" id="lep-data">{blob}</script>\n<script>\n{js}</script>\n</body>'
    return html.replace("</body>", tail)


def export_app(out: Path, langs: list[str], *, force: bool = False, interpreter: bool = True) -> AppFile:
    from lepcli.files import atomic

    codes = parse_languages(langs)
    atomic.check_writable(out, force=force)
    data, count, withheld = build_data(codes, interpreter=interpreter)
    text = render(data)
    atomic.write_text(out, text, force=force)
    warnings = []
    if interpreter:
        warnings.append("the file holds the agency's interpreter phone numbers, client IDs and PINs")
    return AppFile(str(out), codes, len(text.encode("utf-8")), count, withheld, interpreter, warnings)
