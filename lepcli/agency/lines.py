"""Interpreter lines and ESL resources from the agency's ``language_lines.yaml``.

The file is found by :func:`lepcli.paths.lines_file` (``--config``, ``$LEP_LINES``, the user
config folder, the packaged example). It is validated once into plain records; every problem
names the file, the line and the field. A validated file is cached under ``paths.cache_dir()``
(keyed on its path and content, lepcli.files.cache) as one JSON header plus one JSON record per line, so a
state-wide directory with 10,000 lines costs one file read and a handful of ``json.loads``.
The cache holds configuration only, never text a person typed.

Never suggests children, relatives or bystanders as interpreters: every answer says so.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from lepcli import __version__, jsonable, paths
from lepcli.errors import BadInput, ConfigError, LepError
from lepcli.languages import Language
from lepcli.policy import NEVER_FAMILY

KINDS = ("vendor", "staff", "volunteer", "hotline")
USES = ("emergency", "non-emergency", "both")
QUALIFICATIONS = ("certified", "qualified", "conversational")
FOR_INTERVIEWS = frozenset({"certified", "qualified"})
DEFAULT_PRIORITY = 100
CACHE_SCHEMA = 3

# Languages that a line for a neighbouring code can also serve (written forms, macrolanguages).
RELATED: dict[str, tuple[str, ...]] = {
    "zh-Hans": ("zh",),
    "zh-Hant": ("zh", "yue"),
    "zh": ("zh-Hans", "zh-Hant"),
    "yue": ("zh-Hant",),
    "ku": ("kmr", "ckb"),
    "kmr": ("ku",),
    "ckb": ("ku",),
}

_DAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")
_ZIP_RE = re.compile(r"^\d{5}(-\d{4})?$")
_ENTRY_FIELD_RE = re.compile(r"^(lines|esl_resources)\.\d+(\.|$)")
EXAMPLE_NOTE = (
    "FICTIONAL EXAMPLE: these lines come from the example file shipped with lepcli; the numbers ring "
    "nowhere. Set up your agency's lines: lep config init, then lep config check"
)
EXAMPLE_MARK = "(fictional example: lep config init)"
WEEK = 7 * 24 * 60


def _show(value: Any) -> str:
    """A config value quoted for a message, cut short."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


# -- records -------------------------------------------------------------------------------------


class Hours:
    """Weekly opening windows as minutes since Monday 00:00 (``end`` may pass the week's end).

    Records here are plain slotted classes, not dataclasses: generating dataclass methods costs
    start-up time on every `lep lines` run.
    """

    __slots__ = ("text", "always", "windows")

    def __init__(self, text: str, always: bool, windows: tuple[tuple[int, int], ...] = ()) -> None:
        self.text = text
        self.always = always
        self.windows = windows

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Hours) and (self.text, self.always, self.windows) == (
            other.text,
            other.always,
            other.windows,
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Hours({self.text!r}, always={self.always}, windows={self.windows!r})"


class Line:
    """One interpreter line as configured (validated)."""

    __slots__ = (
        "name",
        "kind",
        "phone",
        "languages",
        "hours",
        "use",
        "priority",
        "qualification",
        "client_id",
        "pin",
        "notes",
        "script",
        "timezone",
        "closed_dates",
        "line_no",
        "dial",
        "extension",
    )

    def __init__(
        self,
        *,
        name: str,
        kind: str,
        phone: str,
        languages: tuple[str, ...] | None,  # None = all languages
        hours: Hours,
        use: str = "both",
        priority: int = DEFAULT_PRIORITY,
        qualification: str = "qualified",
        client_id: str | None = None,
        pin: str | None = None,
        notes: str | None = None,
        script: tuple[str, ...] = (),
        timezone: str | None = None,
        closed_dates: tuple[str, ...] = (),
        line_no: int | None = None,
        dial: str | None = None,
        extension: str | None = None,
    ) -> None:
        self.name = name
        self.kind = kind
        self.phone = phone
        self.languages = languages
        self.hours = hours
        self.use = use
        self.priority = priority
        self.qualification = qualification
        self.client_id = client_id
        self.pin = pin
        self.notes = notes
        self.script = script
        self.timezone = timezone
        self.closed_dates = closed_dates
        self.line_no = line_no
        self.dial = dial  # E.164 (+15075550150), or the digits of a short number (911, 988); None if unreadable
        self.extension = extension

    @property
    def tel(self) -> str | None:
        """A ``tel:`` URI (RFC 3966) a phone or a web page can dial."""
        if not self.dial:
            return None
        return f"tel:{self.dial}" + (f";ext={self.extension}" if self.extension else "")

    def __repr__(self) -> str:
        return f"Line({self.name!r}, kind={self.kind!r}, phone={self.phone!r})"

    @property
    def all_languages(self) -> bool:
        return self.languages is None

    @property
    def for_interviews(self) -> bool:
        return self.kind != "hotline" and self.qualification in FOR_INTERVIEWS

    def to_record(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "phone": self.phone,
            "languages": list(self.languages) if self.languages is not None else None,
            "hours": [self.hours.text, self.hours.always, [list(w) for w in self.hours.windows]],
            "use": self.use,
            "priority": self.priority,
            "qualification": self.qualification,
            "client_id": self.client_id,
            "pin": self.pin,
            "notes": self.notes,
            "script": list(self.script),
            "timezone": self.timezone,
            "closed_dates": list(self.closed_dates),
            "line_no": self.line_no,
            "dial": self.dial,
            "extension": self.extension,
        }

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> Line:
        text, always, windows = rec["hours"]
        langs = rec["languages"]
        return cls(
            name=rec["name"],
            kind=rec["kind"],
            phone=rec["phone"],
            languages=tuple(langs) if langs is not None else None,
            hours=Hours(text, always, tuple((int(a), int(b)) for a, b in windows)),
            use=rec["use"],
            priority=rec["priority"],
            qualification=rec["qualification"],
            client_id=rec["client_id"],
            pin=rec["pin"],
            notes=rec["notes"],
            script=tuple(rec["script"]),
            timezone=rec["timezone"],
            closed_dates=tuple(rec["closed_dates"]),
            line_no=rec["line_no"],
            dial=rec.get("dial"),
            extension=rec.get("extension"),
        )


class EslResource:
    """An English-class resource as configured (validated)."""

    __slots__ = ("name", "languages", "address", "zips", "areas", "phone", "url", "cost", "schedule", "notes")

    def __init__(
        self,
        *,
        name: str,
        languages: tuple[str, ...] | None,  # None = open to speakers of any language, taught in English
        address: str | None = None,
        zips: tuple[str, ...] = (),
        areas: tuple[str, ...] = (),
        phone: str | None = None,
        url: str | None = None,
        cost: str | None = None,
        schedule: str | None = None,
        notes: str | None = None,
    ) -> None:
        self.name = name
        self.languages = languages
        self.address = address
        self.zips = zips
        self.areas = areas
        self.phone = phone
        self.url = url
        self.cost = cost
        self.schedule = schedule
        self.notes = notes

    def __repr__(self) -> str:
        return f"EslResource({self.name!r})"

    def to_record(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "languages": list(self.languages) if self.languages is not None else None,
            "address": self.address,
            "zips": list(self.zips),
            "areas": list(self.areas),
            "phone": self.phone,
            "url": self.url,
            "cost": self.cost,
            "schedule": self.schedule,
            "notes": self.notes,
        }

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> EslResource:
        langs = rec["languages"]
        return cls(
            name=rec["name"],
            languages=tuple(langs) if langs is not None else None,
            address=rec["address"],
            zips=tuple(rec["zips"]),
            areas=tuple(rec["areas"]),
            phone=rec["phone"],
            url=rec["url"],
            cost=rec["cost"],
            schedule=rec["schedule"],
            notes=rec["notes"],
        )


def _indices(packed: str | None) -> list[int]:
    return [int(x) for x in packed.split()] if packed else []


class Directory:
    """A validated lines file: agency settings plus lazily decoded line and ESL records."""

    def __init__(
        self,
        header: dict[str, Any],
        records: list[bytes] | None,
        lines: list[Line] | None = None,
        esl: list[EslResource] | None = None,
    ) -> None:
        self.path = Path(header["path"])
        self.agency: str = header["agency"]
        self.timezone: str = header["timezone"]
        self.settings: dict[str, Any] = header["settings"]
        self.warnings: int = header["warnings"]
        self.skipped: list[str] = header.get("skipped", [])  # "file:line: field: message" of entries left out
        self.example: bool = bool(header.get("example"))  # the shipped fictional example file
        self._by_lang: dict[str, str] = header["by_lang"]  # code -> "3 17 52": cheap to parse, split on use
        self._all: list[int] = header["all"]
        self._n_lines: int = header["n_lines"]
        self._n_esl: int = header["n_esl"]
        self._records = records
        self._lines: dict[int, Line] = dict(enumerate(lines)) if lines is not None else {}
        self._esl: list[EslResource] | None = esl

    @property
    def line_count(self) -> int:
        return self._n_lines

    def _record(self, i: int) -> dict[str, Any]:
        assert self._records is not None
        return json.loads(self._records[i])  # type: ignore[no-any-return]

    def line(self, i: int) -> Line:
        found = self._lines.get(i)
        if found is None:
            found = self._lines[i] = Line.from_record(self._record(i))
        return found

    def all_lines(self) -> list[Line]:
        return [self.line(i) for i in range(self._n_lines)]

    def esl(self) -> list[EslResource]:
        if self._esl is None:
            self._esl = [EslResource.from_record(self._record(self._n_lines + i)) for i in range(self._n_esl)]
        return self._esl

    def serving(self, code: str) -> list[tuple[Line, str]]:
        """Lines that serve ``code``: (line, "specific" | "related" | "all"), in file order."""
        seen: dict[int, str] = {}
        for i in _indices(self._by_lang.get(code)):
            seen.setdefault(i, "specific")
        for rel in RELATED.get(code, ()):
            for i in _indices(self._by_lang.get(rel)):
                seen.setdefault(i, "related")
        for i in self._all:
            seen.setdefault(i, "all")
        return [(self.line(i), how) for i, how in sorted(seen.items())]


def _zoneinfo(name: str) -> tzinfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {_show(name)}: use an IANA name such as America/Chicago") from None
    except OSError:
        raise ValueError(f"time zone {_show(name)} cannot be read: install the tzdata package") from None


# -- loading and cache ---------------------------------------------------------------------------


def _cache_path(path: Path) -> Path:
    from lepcli.files import cache

    return cache.entry_path("lines", path, suffix=".jsonl")


def _cache_key(path: Path, raw: bytes, raw_digest: str) -> list[Any]:
    """The file's content (lepcli.files.cache: never size and mtime alone), the schema and the language index."""
    from lepcli.files import cache

    index = Path(__file__).resolve().parent.parent / "languages" / "data" / "languages.json"
    try:
        index_stamp = index.stat().st_size
    except OSError:
        index_stamp = 0
    return cache.key(path, raw, [CACHE_SCHEMA, __version__, index_stamp], raw_digest)


def _read_cache(path: Path, key: list[Any]) -> Directory | None:
    try:
        raw = _cache_path(path).read_bytes()
    except OSError:
        return None
    records = raw.split(b"\n")
    try:
        header = json.loads(records[0])
    except (ValueError, IndexError):
        return None
    if not isinstance(header, dict) or header.get("key") != key:
        return None
    if len(records) - 1 < header.get("n_lines", 0) + header.get("n_esl", 0):
        return None
    return Directory(header, records[1:])


def _write_cache(path: Path, header: dict[str, Any], lines: list[Line], esl: list[EslResource]) -> None:
    from lepcli.files import atomic

    parts = [json.dumps(header, ensure_ascii=False, separators=(",", ":"))]
    records: list[Line | EslResource] = [*lines, *esl]
    parts += [json.dumps(x.to_record(), ensure_ascii=False, separators=(",", ":")) for x in records]
    try:
        target = _cache_path(path)
        atomic.write_text(target, "\n".join(parts), force=True, mode=0o600)
    except (OSError, LepError):
        pass  # a read-only cache folder only costs speed


def _build_header(
    path: Path, base: dict[str, Any], lines: list[Line], esl: list[EslResource], warnings: int
) -> dict[str, Any]:
    by_lang: dict[str, list[int]] = {}
    all_idx: list[int] = []
    for i, line in enumerate(lines):
        if line.languages is None:
            all_idx.append(i)
        else:
            for code in line.languages:
                by_lang.setdefault(code, []).append(i)
    return {
        **base,
        "path": str(path),
        "warnings": warnings,
        "by_lang": {code: " ".join(map(str, idx)) for code, idx in by_lang.items()},
        "all": all_idx,
        "n_lines": len(lines),
        "n_esl": len(esl),
    }


def resolve_config(config: str | Path | None = None) -> tuple[Path, str]:
    """The file in use and why; a file given explicitly must exist (else exit 5)."""
    path, source = paths.lines_file(config)
    if not path.exists():
        if source == "packaged example":
            raise ConfigError("the packaged example language_lines.yaml is missing", file=str(path))
        raise ConfigError(
            f"file not found (given by {source})",
            file=str(path),
            hint="create one with `lep config init`, or check the path",
        )
    return path, source


def load(config: str | Path | None = None) -> Directory:
    """The validated directory in use; raises ConfigError (exit 5) naming file:line:field."""
    path, source = resolve_config(config)
    return _load_path(path.resolve(), source)


def _load_raw(path: Path, raw: bytes, raw_digest: str) -> Directory:
    key = _cache_key(path, raw, raw_digest)
    cached = _read_cache(path, key)
    if cached is not None:
        return cached
    from lepcli.files import yamldoc as yamlfile

    doc = yamlfile.parse(path, raw)
    from lepcli.agency.schema import validate

    base, lines, esl, problems = validate(doc)
    # A broken entry (one line or ESL resource) is skipped with a warning; the rest of the
    # directory keeps working. A broken file (time zone, structure, call scripts) is refused.
    errors = [p for p in problems if p.severity == "error" and not _ENTRY_FIELD_RE.match(p.field or "")]
    skipped = [f"{p.where()}: {p.message}" for p in problems if p.severity == "error" and p not in errors]
    if errors:
        first = errors[0]
        n_errors = sum(1 for p in problems if p.severity == "error")
        more = f" ({n_errors} problems in all)" if n_errors > 1 else ""
        raise ConfigError(
            first.message + more,
            file=first.file,
            line=first.line,
            field=first.field,
            hint=f"run `lep config check {path}` to see every problem",
        )
    header = _build_header(path, base, lines, esl, len(problems))
    header["skipped"] = skipped
    header["example"] = path == paths.packaged_lines_file().resolve()
    header["key"] = key
    _write_cache(path, header, lines, esl)
    return Directory(header, None, lines, esl)


_LOADED: dict[tuple[Path, str, str], Directory] = {}  # (path, content digest, source): a few per process


def _load_path(path: Path, source: str) -> Directory:
    """The file read once, memoised per process on its content digest (an edit is seen even with the same
    size and mtime); what is hashed is what is parsed."""
    from lepcli.files import cache, reading

    raw = reading.read_config(path)
    memo = (path, cache.digest(raw), source)
    found = _LOADED.get(memo)
    if found is None:
        if len(_LOADED) >= 8:
            _LOADED.clear()
        found = _LOADED[memo] = _load_raw(path, raw, memo[1])
    return found


# -- time ----------------------------------------------------------------------------------------


_AT_DAYS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5, "sun": 6, "sunday": 6,
}  # fmt: skip
_AT_TIME_RE = re.compile(r"^(?:(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?|(noon|midnight))$", re.IGNORECASE)
AT_FORMS = '"now", "sun 3am", "03:00", "tomorrow 8:00", "fri 17:30", "2026-11-24 03:00" or ISO 8601 with an offset'
MIN_YEAR, MAX_YEAR = 1970, 2999


def _clock(text: str) -> tuple[int, int] | None:
    """ "3am", "3:30 pm", "03:00", "15h00", "noon" -> (hour, minute); None if it is not a time."""
    m = _AT_TIME_RE.match(text.strip())
    if m is None:
        return None
    if m.group(4):
        return (12, 0) if m.group(4).lower() == "noon" else (0, 0)
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    suffix = (m.group(3) or "").lower().replace(".", "")
    if suffix and not 1 <= hour <= 12:
        return None
    if suffix == "am" and hour == 12:
        hour = 0
    elif suffix == "pm" and hour != 12:
        hour += 12
    if not suffix and m.group(2) is None and len(m.group(1)) < 2:
        return None  # a bare "3" is not a time: 03:00 or 15:00?
    if hour > 23 or minute > 59:
        return None
    return hour, minute


def _natural(value: str, now: datetime) -> datetime | None:
    """ "sun 3am", "03:00", "tomorrow 8:00", "today noon": the next such moment from ``now``."""
    words = value.lower().replace(",", " ").replace(" at ", " ").split()
    day: str | None = None
    rest: list[str] = []
    for w in words:
        if day is None and (w in _AT_DAYS or w in ("today", "tonight", "tomorrow")):
            day = w
        elif w != "next":
            rest.append(w)
    if not rest:
        return None
    clock = _clock(" ".join(rest)) or _clock("".join(rest))
    if clock is None:
        return None
    base = now.replace(hour=clock[0], minute=clock[1], second=0, microsecond=0)
    if day in ("today", "tonight"):
        return base
    if day == "tomorrow":
        return base + timedelta(days=1)
    if day is None:
        return base if base >= now else base + timedelta(days=1)
    ahead = (_AT_DAYS[day] - now.weekday()) % 7
    moment = base + timedelta(days=ahead)
    return moment if moment >= now else moment + timedelta(days=7)


def parse_at(text: str | None, timezone: str, *, now: datetime | None = None) -> datetime:
    """``--at`` as an aware datetime in the agency zone.

    Takes "now", a day and a clock time ("sun 3am", "tomorrow 8:00", "fri 17:30": the next such
    moment), a clock time alone ("03:00": the next time the clock shows it), "YYYY-MM-DD HH:MM"
    (agency zone) or ISO 8601 with an offset. A small parser, not a library: the forms a dispatcher
    types are few, and date libraries (dateparser) cost 0.3 s and guess at anything.
    """
    zone = _zoneinfo(timezone)
    current = (now or datetime.now(zone)).astimezone(zone)
    if text is None or text.strip().lower() == "now":
        return current
    value = text.strip()
    bad = BadInput(f"cannot read the time {_show(value)}", hint=f"write it as {AT_FORMS}")
    if not value or len(value) > 60:
        raise bad
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00") if value.endswith("Z") else value)
    except ValueError:
        found = _natural(value, current)
        if found is None:
            raise bad from None
        return found
    if not MIN_YEAR <= moment.year <= MAX_YEAR:
        raise BadInput(
            f"the time {_show(value)} is outside the years {MIN_YEAR}-{MAX_YEAR}", hint=f"write it as {AT_FORMS}"
        )
    try:
        if moment.tzinfo is None:
            return moment.replace(tzinfo=zone)
        return moment.astimezone(zone)
    except (OverflowError, ValueError):
        raise bad from None


class OpenState:
    __slots__ = ("open_now", "status", "opens_at", "closes_at")

    def __init__(
        self, open_now: bool, status: str, opens_at: datetime | None = None, closes_at: datetime | None = None
    ) -> None:
        self.open_now = open_now
        self.status = status  # "open now (24/7)", "open now, closes 17:00", "closed, opens Mon 08:00"
        self.opens_at = opens_at
        self.closes_at = closes_at


def open_state(line: Line, at: datetime, agency_tz: str, *, asked: bool = False) -> OpenState:
    """Whether ``line`` is open at ``at`` and when it next opens or closes (in the line's zone).

    ``asked``: ``at`` is a time the user gave (``--at``), so the answer says "open at that time",
    not "open now". Hours are wall-clock times: minutes are counted on the local clock from Monday
    00:00, so a daylight-saving change does not shift opening times.
    """
    state = _open_state(line, at, agency_tz)
    if asked and state.open_now:
        state.status = state.status.replace("open now", "open at that time", 1)
    return state


def _open_state(line: Line, at: datetime, agency_tz: str) -> OpenState:
    zone = _zoneinfo(line.timezone or agency_tz)
    local = at.astimezone(zone)
    if line.hours.always and not line.closed_dates:
        return OpenState(True, "open now (24/7)")
    wall = local.replace(tzinfo=None)
    monday = wall.replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(days=wall.weekday())
    now_min = (wall - monday).total_seconds() / 60
    windows = line.hours.windows or tuple((d * 1440, d * 1440 + 1440) for d in range(7))
    closed = set(line.closed_dates)

    def instant(minutes: float) -> datetime:
        return (monday + timedelta(minutes=minutes)).replace(tzinfo=zone)

    spans = sorted(
        (s + shift, e + shift)
        for s, e in windows
        for shift in (-WEEK, 0, WEEK, 2 * WEEK)
        if not closed or instant(s + shift).date().isoformat() not in closed
    )
    for s, e in spans:
        if s <= now_min < e:
            end = e
            grew = True
            while grew:  # back-to-back windows (Mon 00:00-24:00, Tue 00:00-24:00 ...) are one opening
                grew = False
                for s2, e2 in spans:
                    if s2 <= end < e2:
                        end, grew = e2, True
            if end - now_min >= 2 * WEEK - 1440:
                return OpenState(True, "open now (24/7)")
            closes = instant(end)
            return OpenState(True, f"open now, closes {_when(closes, at)}", closes_at=closes)
    for s, _e in spans:
        if s > now_min:
            opens = instant(s)
            return OpenState(False, f"closed, opens {_when(opens, at)}", opens_at=opens)
    return OpenState(False, "closed (no opening in the next two weeks)")


def _when(moment: datetime, now: datetime) -> str:
    """``moment`` on the clock of ``now`` (the agency's zone), relative to ``now``'s day."""
    moment = moment.astimezone(now.tzinfo)
    if moment.date() == now.date():
        return moment.strftime("%H:%M")
    if moment.date() == now.date() + timedelta(days=1):
        return "tomorrow " + moment.strftime("%H:%M")
    if (moment.date() - now.date()).days < 7:
        return _DAY_ABBR[moment.weekday()] + " " + moment.strftime("%H:%M")
    return moment.strftime("%a %Y-%m-%d %H:%M")


# -- answers -------------------------------------------------------------------------------------


def _languages(langs: tuple[str, ...] | None) -> str | list[str]:
    return "all" if langs is None else list(langs)


@jsonable.shape(
    skip=("line", "state"),
    extra=[
        *((k, f"line.{k}") for k in ("name", "kind", "phone", "dial", "extension", "tel", "client_id", "pin")),
        ("languages", lambda c: _languages(c.line.languages)),
        ("hours", "line.hours.text"),
        ("timezone", "line.timezone"),
        *((k, f"state.{k}") for k in ("open_now", "status", "opens_at", "closes_at")),
        *((k, f"line.{k}") for k in ("use", "priority", "qualification", "for_interviews", "notes")),
    ],
    order=("name", "kind", "phone", "dial", "extension", "tel", "client_id", "pin", "ask_for", "serves",
           "languages", "hours", "timezone", "open_now", "status", "opens_at", "closes_at", "use", "priority",
           "qualification", "for_interviews", "notes"),  # fmt: skip
)
@dataclass(slots=True)
class LineChoice:
    """A line that serves the language, with its state at the asked time and its filled-in script."""

    line: Line
    serves: str  # specific | related | all
    state: OpenState
    ask_for: str
    script: list[str]


def _fill(step: str, line: Line, ask_for: str) -> str:
    values = {
        "client_id": line.client_id or "",
        "pin": line.pin or "",
        "language": ask_for,
        "phone": line.phone,
        "name": line.name,
    }
    return _PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1), m.group(0)), step)


@jsonable.shape(
    skip=("limit", "specific_hint"),
    rename={"choices": "lines"},
    extra=[
        ("ask_for", "language.ask_for"),
        ("never", lambda a: NEVER_FAMILY),
        ("example_note", lambda a: EXAMPLE_NOTE if a.example else None),
    ],
    order=("language", "ask_for", "note", "at", "timezone", "agency", "file", "source", "emergency",
           "interview_only", "specific", "never", "total", "asked", "example", "example_note", "skipped",
           "identify"),  # fmt: skip
)
@dataclass
class LinesAnswer:
    language: Language
    at: datetime
    agency: str
    timezone: str
    file: str
    source: str
    emergency: bool
    interview_only: bool
    choices: list[LineChoice]
    hotlines: list[LineChoice]
    total: int
    limit: int
    note: str | None = None
    specific: bool = False  # some line (shown or not) lists the language itself, not just "all"
    specific_hint: str | None = None  # "no line for X specifically is open now: Y opens 09:00"
    asked: bool = False  # ``at`` was given by the user: "open at that time", not "open now"
    example: bool = False  # the lines come from the shipped fictional example file
    skipped: list[str] = field(default_factory=list)  # broken entries of the file, left out
    identify: bool = False  # lines for language identification (the language is not known)


def _choice(line: Line, serves: str, at: datetime, tz: str, lang: Language, asked: bool = False) -> LineChoice:
    ask_for = lang.ask_for
    state = open_state(line, at, tz, asked=asked)
    return LineChoice(line, serves, state, ask_for, [_fill(s, line, ask_for) for s in line.script])


def _order(choices: list[LineChoice], emergency: bool) -> list[LineChoice]:
    def key(c: LineChoice) -> tuple[Any, ...]:
        ln = c.line
        if emergency:
            return (ln.use == "non-emergency", not c.state.open_now, ln.priority, c.serves == "all", ln.name)
        return (not c.state.open_now, ln.use == "emergency", ln.priority, c.serves == "all", ln.name)

    return sorted(choices, key=key)


def lines_for(
    code: str,
    at: datetime | str | None = None,
    emergency: bool = False,
    config: str | Path | None = None,
    *,
    interview_only: bool = False,
    limit: int = 0,
) -> LinesAnswer:
    """Lines that serve ``code``: open now first, then by priority (emergency lines first if asked)."""
    from lepcli import languages

    directory = load(config)
    lang = languages.get(code)
    moment = _moment(at, directory.timezone)
    asked = at is not None and not (isinstance(at, str) and at.strip().lower() == "now")
    interpreters: list[LineChoice] = []
    hotlines: list[LineChoice] = []
    for line, serves in directory.serving(lang.code):
        if line.kind == "hotline":
            hotlines.append(_choice(line, serves, moment, directory.timezone, lang, asked))
        elif not interview_only or line.for_interviews:
            interpreters.append(_choice(line, serves, moment, directory.timezone, lang, asked))
    ordered = _order(interpreters, emergency)
    hot = _order(hotlines, emergency)
    shown = ordered[:limit] if limit > 0 else ordered
    path, source = paths.lines_file(config)
    return LinesAnswer(
        language=lang,
        at=moment,
        agency=directory.agency,
        timezone=directory.timezone,
        file=str(directory.path),
        source=source,
        emergency=emergency,
        interview_only=interview_only,
        choices=shown,
        hotlines=hot,
        total=len(ordered),
        limit=limit,
        specific=any(c.serves != "all" for c in ordered),
        specific_hint=_specific_hint(ordered, lang, asked),
        asked=asked,
        example=directory.example,
        skipped=list(directory.skipped),
    )


def _moment(at: datetime | str | None, timezone: str) -> datetime:
    moment = at if isinstance(at, datetime) else parse_at(at, timezone)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_zoneinfo(timezone))
    return moment.astimezone(_zoneinfo(timezone))


IDENTIFY_SCRIPT = (
    "Say you need language identification: you do not know the caller's language.",
    "Keep the person on the line; the vendor tries likely languages or plays a recorded menu.",
    "When the language is known, ask for an interpreter in it on the same call.",
    "Write down the language found, the interpreter's ID number and the time.",
)


def identify_lines(
    at: datetime | str | None = None, config: str | Path | None = None, *, limit: int = 0
) -> LinesAnswer:
    """Lines that can find out which language a person speaks: all-language vendor lines (not
    hotlines), open first. For a message or caller whose language is not known."""
    from lepcli import languages

    directory = load(config)
    unknown = languages.Language(
        code="und", name="an unknown language", native="?", script="Zyyy", iso639_3="und",
        note="language identification (the language is not known yet)",
    )  # fmt: skip
    moment = _moment(at, directory.timezone)
    asked = at is not None and not (isinstance(at, str) and at.strip().lower() == "now")
    found: list[LineChoice] = []
    for line in directory.all_lines():
        if line.kind == "hotline" or line.languages is not None:
            continue
        choice = _choice(line, "all", moment, directory.timezone, unknown, asked)
        ids = ", ".join(x for x in (f"client ID {line.client_id}" if line.client_id else "",
                                    f"PIN {line.pin}" if line.pin else "") if x)  # fmt: skip
        choice.script = [f"Dial {line.phone}" + (f" and give {ids}." if ids else "."), *IDENTIFY_SCRIPT]
        found.append(choice)
    ordered = _order(found, emergency=False)
    path, source = paths.lines_file(config)
    return LinesAnswer(
        language=unknown,
        at=moment,
        agency=directory.agency,
        timezone=directory.timezone,
        file=str(directory.path),
        source=source,
        emergency=False,
        interview_only=False,
        choices=ordered[:limit] if limit > 0 else ordered,
        hotlines=[],
        total=len(ordered),
        limit=limit,
        specific=True,
        asked=asked,
        example=directory.example,
        skipped=list(directory.skipped),
        identify=True,
    )


def _specific_hint(ordered: list[LineChoice], lang: Language, asked: bool = False) -> str | None:
    """Said when lines for the language itself exist but none is open: call an all-language line now."""
    own = [c for c in ordered if c.serves != "all"]
    if not own or any(c.state.open_now for c in own):
        return None
    first = min(own, key=lambda c: (c.state.opens_at is None, c.state.opens_at or c.line.priority, c.line.priority))
    when = "at that time" if asked else "now"
    return (
        f"no line for {lang.name} specifically is open {when} ({first.line.name}: {first.state.status}); "
        f"an all-language line can help {when}"
    )


def interpreter_pointer(code: str, *, config: str | Path | None = None) -> str | None:
    """One line naming the interpreter line to call for ``code``, or None when nothing serves it.

    Only lines qualified for interviews (certified/qualified, not hotlines) are named. Never
    suggests family or bystanders. A broken lines file yields a pointer to ``lep config check``.
    """
    try:
        answer = lines_for(code, config=config, interview_only=True)
    except ConfigError:
        return "Call your agency's interpreter line (the interpreter-lines file has errors: run `lep config check`)"
    except LepError:
        return None
    if not answer.choices:
        return None
    best = answer.choices[0]
    ln = best.line
    parts = [f"Call {ln.name} {ln.phone}"]
    if ln.client_id:
        parts.append(f"client ID {ln.client_id}")
    if ln.pin:
        parts.append(f"PIN {ln.pin}")
    text = ", ".join(parts) + f"; ask for {best.ask_for}"
    if not best.state.open_now:
        text += f" ({best.state.status})"
    if answer.example:
        text += " " + EXAMPLE_MARK
    return text


def serving_line_names(code: str) -> list[str]:
    """Interpreter lines (not hotlines) that serve ``code``: specific lines first, then all-language."""
    directory = load()
    rank = {"specific": 0, "related": 1, "all": 2}
    found = [(ln, how) for ln, how in directory.serving(code) if ln.kind != "hotline"]
    return [ln.name for ln, how in sorted(found, key=lambda x: (rank[x[1]], x[0].priority, x[0].name))]


def agency_setting(name: str) -> object | None:
    """An optional agency setting (``common_languages``, ``ispeak_languages``; ``agency``, ``timezone``).

    Returns None when not set or when the lines file cannot be read (callers fall back to defaults).
    """
    try:
        directory = load()
    except LepError:
        return None
    if name == "agency":
        return directory.agency
    if name == "timezone":
        return directory.timezone
    value = directory.settings.get(name)
    return list(value) if isinstance(value, list) else value
