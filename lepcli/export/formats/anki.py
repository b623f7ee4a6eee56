"""Anki study decks (.apkg) built with genanki, in both directions, with audio where there is some.

- **Say it** (English -> language), one deck per language (``lepcli phrasebook::Spanish``): the
  English phrase on the front; the translation, pronunciation, status and its audio on the back.
  The urgent phrases come first in the new-card queue. The replies are not in it: officers do not
  say them.
- **Understand the reply** (language -> English), a sub-deck (``lepcli phrasebook::Spanish::Replies``)
  holding the ``responses`` phrases: the reply as people say it, with its audio playing on the front;
  the English meaning, the other ways people say it and the status on the back.

Audio comes from ``lepcli.speech``: a recorded file (``audio/<lang>/<phrase id>.<ogg|mp3|wav>`` in a
phrasebook folder) first, else espeak-ng's computer voice where one exists, else none. The files
travel inside the .apkg as genanki media files; each name carries a short hash of its bytes, so a
re-recorded phrase replaces the old sound on re-import instead of being shadowed by it.

Ids are stable (the same deck and model ids every time, a note GUID per language, direction and
phrase), so re-importing an updated export updates the officer's cards instead of duplicating them.
Only usable translations go in: a legal phrase only with a reviewed translation, never a withheld
draft.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import os
import sqlite3
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lepcli.errors import LepError, Unavailable
from lepcli.export import fonts
from lepcli.export.document import PhrasebookDoc, Row, Section, blank_placeholders
from lepcli.phrasebook import PLACEHOLDER_RE

if TYPE_CHECKING:
    from lepcli.speech import Audio

MODEL_ID = 1_731_640_201  # never change: Anki matches notes to this model by id
REPLY_MODEL_ID = 1_731_640_202
DECK_ID_BASE = 1_731_650_000_000
DECK_ROOT = "lepcli phrasebook"
REPLIES_DECK = "Replies"
REPLY_CATEGORY = "responses"
AUDIO_EXT = {"audio/ogg": "ogg", "audio/mpeg": "mp3", "audio/wav": "wav"}

CSS = """
.card { font-family: "Noto Sans", sans-serif; font-size: 22px; text-align: center; color: #141414; }
.en { font-size: 22px; }
.tr { font-size: 30px; margin: .4em 0; }
.say { font-size: 18px; }
.rom { font-size: 15px; color: #5f5f5f; }
.ask { font-size: 14px; color: #5f5f5f; }
.also { font-size: 16px; color: #3c3c3c; margin-top: .5em; }
.voice { font-size: 11px; color: #5f5f5f; }
.status { font-size: 12px; font-weight: bold; letter-spacing: .05em; margin-top: .8em; }
.status.draft { color: #b06000; } .status.machine { color: #7828a0; } .status.reviewed { color: #16783c; }
.legal { color: #b9141e; font-size: 13px; font-weight: bold; }
.notes { font-size: 13px; color: #5f5f5f; margin-top: .6em; }
"""

FRONT = '<div class="en">{{English}}</div><div class="rom">{{Language}}</div>'
BACK = (
    "{{FrontSide}}<hr id=answer>"
    '<div class="tr">{{Translation}}</div>'
    '<div class="say">{{Pronunciation}}</div>'
    '<div class="rom">{{Romanization}}</div>'
    '{{#Audio}}<div>{{Audio}}</div><div class="voice">{{AudioSource}}</div>{{/Audio}}'
    '{{#Legal}}<div class="legal">{{Legal}}</div>{{/Legal}}'
    '<div class="status {{Status}}">{{Status}}</div>'
    '{{#Notes}}<div class="notes">{{Notes}}</div>{{/Notes}}'
)
FIELDS = (
    "English", "Language", "Translation", "Pronunciation", "Romanization", "Status", "Legal", "Notes", "PhraseId",
    "Audio", "AudioSource",
)  # fmt: skip

REPLY_FRONT = (
    '<div class="ask">{{Language}}: what does this reply mean?</div>'
    '<div class="tr">{{Reply}}</div>'
    '<div class="rom">{{Romanization}}</div>'
    '{{#Audio}}<div>{{Audio}}</div><div class="voice">{{AudioSource}}</div>{{/Audio}}'
)
REPLY_BACK = (
    "{{FrontSide}}<hr id=answer>"
    '<div class="en">{{English}}</div>'
    '{{#Also}}<div class="also">also said: {{Also}}</div>{{/Also}}'
    '<div class="status {{Status}}">{{Status}}</div>'
    '{{#Notes}}<div class="notes">{{Notes}}</div>{{/Notes}}'
)
REPLY_FIELDS = ("Reply", "Language", "English", "Romanization", "Also", "Status", "Notes", "PhraseId", "Audio",
                "AudioSource")  # fmt: skip

AudioFn = Callable[[str, str, str], "Audio | None"]


def deck_id(code: str) -> int:
    return DECK_ID_BASE + zlib.crc32(code.encode("utf-8")) % 1_000_000


def replies_deck_id(code: str) -> int:
    return deck_id(f"{code}::{REPLIES_DECK}")


def _model(genanki: Any) -> Any:
    return genanki.Model(
        MODEL_ID,
        "lepcli phrase (English -> say it)",
        fields=[{"name": f} for f in FIELDS],
        templates=[{"name": "Say it", "qfmt": FRONT, "afmt": BACK}],
        css=CSS,
        sort_field_index=FIELDS.index("PhraseId"),
    )


def _reply_model(genanki: Any) -> Any:
    return genanki.Model(
        REPLY_MODEL_ID,
        "lepcli reply (language -> English)",
        fields=[{"name": f} for f in REPLY_FIELDS],
        templates=[{"name": "Understand the reply", "qfmt": REPLY_FRONT, "afmt": REPLY_BACK}],
        css=CSS,
        sort_field_index=REPLY_FIELDS.index("PhraseId"),
    )


def _usable_urgent_first(rows: Sequence[Row]) -> list[Row]:
    usable = [r for r in rows if r.cell.printable is not None]
    return [r for r in usable if r.urgent] + [r for r in usable if not r.urgent]


def study_rows(section: Section) -> list[Row]:
    """Phrases an officer says (a usable translation), urgent first, then the master order."""
    return _usable_urgent_first([r for r in section.rows if r.category != REPLY_CATEGORY])


def reply_rows(section: Section) -> list[Row]:
    """Replies people give (``responses``) with a usable translation, for the recognition deck."""
    return _usable_urgent_first([r for r in section.rows if r.category == REPLY_CATEGORY])


def _translation_html(text: str, code: str) -> str:
    face = fonts.face_for(text, code)
    direction = "rtl" if face.key in fonts.RTL_FACES else "ltr"
    stack = fonts.css_stack(face).replace('"', "'")
    return f'<span lang="{escape(code)}" dir="{direction}" style="font-family: {stack}">{escape(text)}</span>'


def spoken_text(text: str) -> str:
    """What the computer voice reads: a ``{placeholder}`` becomes a pause, never the word "name"."""
    return PLACEHOLDER_RE.sub("…", text)


@dataclass
class AudioStats:
    """How many cards got which audio (the export result reports it)."""

    recorded: int = 0
    computer_voice: int = 0
    none: int = 0
    failed: list[str] = field(default_factory=list)  # "code phrase_id: why" where a voice was there but failed


@dataclass
class Deck:
    data: bytes
    notes: int
    audio: AudioStats | None  # None when the deck was built without audio


def _default_audio(code: str, phrase_id: str, text: str) -> Audio | None:
    from lepcli import speech

    return speech.audio_for(code, phrase_id, text)


def _media_name(code: str, phrase_id: str, found: Audio) -> str:
    ext = AUDIO_EXT.get(found.mime, "wav")
    digest = hashlib.sha256(found.data).hexdigest()[:10]
    # Anki keeps every deck's media in one folder: the prefix keeps ours apart from other decks'.
    return f"lepcli_{code}_{phrase_id}_{digest}.{ext}"


def _collect_audio(
    jobs: list[tuple[str, Row]], audio_fn: AudioFn, workers: int | None
) -> tuple[dict[tuple[str, str], tuple[str, bytes, str]], AudioStats]:
    """(code, phrase id) -> (media file name, bytes, source), espeak-ng runs in parallel (a subprocess each)."""
    from lepcli import speech
    from lepcli.phrasebook import audio as recordings

    stats = AudioStats()

    def one(job: tuple[str, Row]) -> tuple[Audio | None, str | None]:
        code, row = job
        text = spoken_text(row.cell.text or "")
        try:
            found = audio_fn(code, row.phrase_id, text)
            if found is not None and found.source == "recorded" and recordings.sniff(found.data) is None:
                # not a WAV/OGG/MP3 (lep phrase check says so): the computer voice instead, if there is one
                voiced = speech.can_speak(code)
                found = speech.Audio(speech.synthesize(text, code), "audio/wav", "computer voice") if voiced else None
            return found, None
        except LepError as exc:
            return None, exc.message

    with ThreadPoolExecutor(max_workers=workers or min(8, (os.cpu_count() or 1) + 1)) as pool:
        results = list(pool.map(one, jobs))
    media: dict[tuple[str, str], tuple[str, bytes, str]] = {}
    for (code, row), (found, error) in zip(jobs, results, strict=True):
        if error is not None:
            stats.failed.append(f"{code} {row.phrase_id}: {error}")
        if found is None:
            stats.none += 1
            continue
        if found.source == "recorded":
            stats.recorded += 1
        else:
            stats.computer_voice += 1
        media[(code, row.phrase_id)] = (_media_name(code, row.phrase_id, found), found.data, found.source)
    return media, stats


def render(
    doc: PhrasebookDoc,
    *,
    with_audio: bool = True,
    audio_fn: AudioFn | None = None,
    workers: int | None = None,
) -> Deck:
    """The .apkg: both directions per language, audio embedded where a recording or a voice exists."""
    try:
        import genanki
    except ImportError:
        raise Unavailable("Anki export needs genanki", hint="pip install 'lepcli[export]'") from None
    model, reply_model = _model(genanki), _reply_model(genanki)
    plan = [(section, study_rows(section), reply_rows(section)) for section in doc.sections]
    media: dict[tuple[str, str], tuple[str, bytes, str]] = {}
    stats: AudioStats | None = None
    if with_audio:
        jobs = [(s.code, r) for s, say, replies in plan for r in [*say, *replies]]
        media, stats = _collect_audio(jobs, audio_fn or _default_audio, workers)

    def sound(code: str, row: Row) -> tuple[str, str]:
        found = media.get((code, row.phrase_id))
        return (f"[sound:{found[0]}]", found[2]) if found else ("", "")

    decks = []
    count = 0
    for section, say, replies in plan:
        code, name = section.code, section.language.name
        deck = genanki.Deck(deck_id(code), f"{DECK_ROOT}::{name}")
        for position, row in enumerate(say):
            cell = row.cell
            audio_tag, source = sound(code, row)
            deck.add_note(
                genanki.Note(
                    model=model,
                    fields=[
                        escape(row.printed_english),
                        escape(name),
                        _translation_html(cell.printed or "", code),
                        escape(cell.printed_pronunciation or ""),
                        escape(cell.printed_romanization or ""),
                        cell.status,
                        "LEGAL: use a qualified interpreter" if row.legal else "",
                        escape(row.notes or ""),
                        escape(row.phrase_id),
                        audio_tag,
                        escape(source),
                    ],
                    tags=_tags(row),
                    guid=genanki.guid_for("lepcli", code, row.phrase_id),
                    due=position,
                )
            )
            count += 1
        decks.append(deck)
        if not replies:
            continue
        reply_deck = genanki.Deck(replies_deck_id(code), f"{DECK_ROOT}::{name}::{REPLIES_DECK}")
        for position, row in enumerate(replies):
            cell = row.cell
            audio_tag, source = sound(code, row)
            also = " · ".join(_translation_html(blank_placeholders(v), code) for v in cell.variants)
            reply_deck.add_note(
                genanki.Note(
                    model=reply_model,
                    fields=[
                        _translation_html(cell.printed or "", code),
                        escape(name),
                        escape(row.printed_english),
                        escape(cell.printed_romanization or ""),
                        also,
                        cell.status,
                        escape(row.notes or ""),
                        escape(row.phrase_id),
                        audio_tag,
                        escape(source),
                    ],
                    tags=[*_tags(row), "reply"],
                    guid=genanki.guid_for("lepcli", code, "reply", row.phrase_id),
                    due=position,
                )
            )
            count += 1
        decks.append(reply_deck)
    return Deck(_package_bytes(genanki, decks, media), count, stats)


def _tags(row: Row) -> list[str]:
    return (
        [f"lepcli::{row.category}", f"status::{row.cell.status}"]
        + (["urgent"] if row.urgent else [])
        + (["legal"] if row.legal else [])
    )


def _package_bytes(genanki: Any, decks: list[Any], media: dict[tuple[str, str], tuple[str, bytes, str]]) -> bytes:
    """Like ``Package.write_to_file`` but in memory, without leaving its temporary database behind.

    The audio goes through genanki's ``media_files`` (paths in a private temporary folder) and is
    stored the way genanki stores it: zip members ``0``, ``1``... and a ``media`` JSON naming them.
    """
    import json

    with tempfile.TemporaryDirectory(prefix="lepcli-anki-") as tmp:
        folder = Path(tmp)
        files = []
        for name, data, _source in media.values():
            path = folder / name
            path.write_bytes(data)
            files.append(str(path))
        package = genanki.Package(decks, media_files=files)
        db_path = folder / "collection.anki2"
        conn = sqlite3.connect(db_path)
        try:
            timestamp = time.time()
            package.write_to_db(conn.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
            conn.commit()
        finally:
            conn.close()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.write(db_path, "collection.anki2")
            index = dict(enumerate(package.media_files))
            archive.writestr("media", json.dumps({str(i): os.path.basename(p) for i, p in index.items()}))
            for i, p in index.items():
                archive.write(p, str(i))
        return buffer.getvalue()
