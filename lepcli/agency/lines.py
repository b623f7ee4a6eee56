"""Interpreter lines and ESL resources from the agency's ``language_lines.yaml``.

The file is found by :func:`lepcli.paths.lines_file` (``--config``, ``$LEP_LINES``, the user
config folder, the packaged example). It is validated once into plain records; every problem
names the file, the line and the field. A validated file is cached under ``paths.cache_dir()``
(keyed on path, size and mtime) as one JSON header plus one JSON record per line, so a
state-wide directory with 10,000 lines costs one file read and a handful of ``json.loads``.
The cache holds configuration only, never text a person typed.

Never suggests children, relatives or bystanders as interpreters: every answer says so.
"""

from __future__ import annotations

import functools
import json
import os
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from lepcli import __version__, paths
from lepcli.cli import render as output
from lepcli.errors import BadInput, ConfigError, LepError
from lepcli.languages import Language

NEVER_FAMILY = "Do not use children, relatives or bystanders as interpreters."
KINDS = ("vendor", "staff", "volunteer", "hotline")
USES = ("emergency", "non-emergency", "both")
QUALIFICATIONS = ("certified", "qualified", "conversational")
FOR_INTERVIEWS = frozenset({"certified", "qualified"})
DEFAULT_PRIORITY = 100
CACHE_SCHEMA = 2

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
    import zlib

    # Not a secret, only a file name: the header inside holds the full path and is checked.
    digest = f"{zlib.crc32(str(path).encode('utf-8', 'surrogatepass')):08x}"
    return paths.cache_dir() / f"lines-{digest}.jsonl"


def _cache_key(path: Path, st: os.stat_result) -> dict[str, Any]:
    index = Path(__file__).resolve().parent.parent / "languages" / "data" / "languages.json"
    try:
        index_stamp = index.stat().st_size
    except OSError:
        index_stamp = 0
    return {
        "schema": CACHE_SCHEMA,
        "version": __version__,
        "path": str(path),
        "size": st.st_size,
        "mtime_ns": st.st_mtime_ns,
        "index": index_stamp,
    }


def _read_cache(path: Path, key: dict[str, Any]) -> Directory | None:
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


@functools.lru_cache(maxsize=8)
def _load_cached(path: Path, size: int, mtime_ns: int, source: str) -> Directory:
    st = path.stat()
    key = _cache_key(path, st)
    cached = _read_cache(path, key)
    if cached is not None:
        return cached
    from lepcli.files import yamldoc as yamlfile

    doc = yamlfile.load(path)
    from lepcli.agency.schema import validate

    base, lines, esl, problems = validate(doc)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        first = errors[0]
        more = f" ({len(errors)} problems in all)" if len(errors) > 1 else ""
        raise ConfigError(
            first.message + more,
            file=first.file,
            line=first.line,
            field=first.field,
            hint=f"run `lep config check {path}` to see every problem",
        )
    header = _build_header(path, base, lines, esl, len(problems))
    header["key"] = key
    _write_cache(path, header, lines, esl)
    return Directory(header, None, lines, esl)


def _load_path(path: Path, source: str) -> Directory:
    try:
        st = path.stat()
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", file=str(path)) from None
    return _load_cached(path, st.st_size, st.st_mtime_ns, source)


# -- time ----------------------------------------------------------------------------------------


def parse_at(text: str | None, timezone: str) -> datetime:
    """``--at`` as an aware datetime: "2026-11-24 03:00" in the agency zone, or ISO with an offset."""
    zone = _zoneinfo(timezone)
    if text is None or text.strip().lower() == "now":
        return datetime.now(zone)
    value = text.strip()
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00") if value.endswith("Z") else value)
    except ValueError:
        raise BadInput(
            f"cannot read the time {_show(value)}",
            hint='write it as "YYYY-MM-DD HH:MM" (agency time zone) or ISO 8601 with an offset',
        ) from None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone)
    return moment.astimezone(zone)


class OpenState:
    __slots__ = ("open_now", "status", "opens_at", "closes_at")

    def __init__(
        self, open_now: bool, status: str, opens_at: datetime | None = None, closes_at: datetime | None = None
    ) -> None:
        self.open_now = open_now
        self.status = status  # "open now (24/7)", "open now, closes 17:00", "closed, opens Mon 08:00"
        self.opens_at = opens_at
        self.closes_at = closes_at


def open_state(line: Line, at: datetime, agency_tz: str) -> OpenState:
    """Whether ``line`` is open at ``at`` and when it next opens or closes (in the line's zone).

    Hours are wall-clock times: minutes are counted on the local clock from Monday 00:00, so a
    daylight-saving change does not shift opening times.
    """
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


class LineChoice:
    """A line that serves the language, with its state at the asked time and its filled-in script."""

    __slots__ = ("line", "serves", "state", "ask_for", "script")

    def __init__(self, line: Line, serves: str, state: OpenState, ask_for: str, script: list[str]) -> None:
        self.line = line
        self.serves = serves  # specific | related | all
        self.state = state
        self.ask_for = ask_for
        self.script = script

    def to_json(self) -> dict[str, Any]:
        ln = self.line
        return {
            "name": ln.name,
            "kind": ln.kind,
            "phone": ln.phone,
            "client_id": ln.client_id,
            "pin": ln.pin,
            "ask_for": self.ask_for,
            "serves": self.serves,
            "languages": "all" if ln.languages is None else list(ln.languages),
            "hours": ln.hours.text,
            "timezone": ln.timezone,
            "open_now": self.state.open_now,
            "status": self.state.status,
            "opens_at": self.state.opens_at.isoformat() if self.state.opens_at else None,
            "closes_at": self.state.closes_at.isoformat() if self.state.closes_at else None,
            "use": ln.use,
            "priority": ln.priority,
            "qualification": ln.qualification,
            "for_interviews": ln.for_interviews,
            "notes": ln.notes,
            "script": self.script,
        }


def _fill(step: str, line: Line, ask_for: str) -> str:
    values = {
        "client_id": line.client_id or "",
        "pin": line.pin or "",
        "language": ask_for,
        "phone": line.phone,
        "name": line.name,
    }
    return _PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1), m.group(0)), step)


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

    def to_json(self) -> dict[str, Any]:
        return {
            "language": self.language.to_json(),
            "ask_for": self.language.ask_for,
            "note": self.note,
            "at": self.at.isoformat(),
            "timezone": self.timezone,
            "agency": self.agency,
            "file": self.file,
            "source": self.source,
            "emergency": self.emergency,
            "interview_only": self.interview_only,
            "specific": self.specific,
            "never": NEVER_FAMILY,
            "total": self.total,
            "lines": [c.to_json() for c in self.choices],
            "hotlines": [c.to_json() for c in self.hotlines],
        }

    def to_view(self) -> output.View:
        lang = self.language
        when = self.at.strftime("%a %Y-%m-%d %H:%M %Z")
        view = output.View()
        view.add(
            output.Title(
                f"Interpreter lines for {lang.name}  ·  {lang.native}",
                f"{self.agency} · {when} ({self.timezone}) · {self.file} ({self.source})",
            )
        )
        if self.note:
            view.add(output.Note(self.note, tone="warn", label="note"))
        view.add(output.Note(NEVER_FAMILY, tone="danger", label="never"))
        if not self.choices:
            view.add(
                output.Note(
                    f"no interpreter line in {self.file} serves {lang.name}"
                    + (" and is qualified for interviews" if self.interview_only else ""),
                    tone="danger",
                    label="none",
                )
            )
        elif self.specific_hint:
            view.add(output.Note(self.specific_hint, tone="warn", label="specific line"))
        elif not self.specific:
            view.add(
                output.Note(
                    f"no line lists {lang.name} specifically: call an all-language vendor below "
                    f'and ask for "{lang.ask_for}"',
                    tone="warn",
                    label="no specific line",
                )
            )
        if self.emergency:
            view.add(output.Note("emergency: lines for emergency use first", tone="info", label="mode"))
        if self.choices:
            rows = [
                [
                    str(n),
                    c.line.name,
                    c.line.phone,
                    c.line.client_id or "-",
                    c.state.status,
                    c.line.use,
                    "yes" if c.line.for_interviews else "no (conversational)",
                ]
                for n, c in enumerate(self.choices, 1)
            ]
            view.add(output.Table(["#", "line", "phone", "client ID", "now", "use", "interviews"], rows))
            if self.total > len(self.choices):
                view.add(
                    output.Note(
                        f"{self.total - len(self.choices)} more line(s): add --limit 0 to see all", tone="muted"
                    )
                )
        previous: dict[tuple[str, ...], str] = {}
        for n, c in enumerate(self.choices, 1):
            ln = c.line
            view.add(output.Title(f"{n}. {ln.name}", f"{ln.kind} · {ln.qualification} · priority {ln.priority}"))
            items = [("phone", ln.phone)]
            if ln.client_id:
                items.append(("client ID", ln.client_id))
            if ln.pin:
                items.append(("PIN", ln.pin))
            items.append(("ask for", c.ask_for))
            items.append(("hours", ln.hours.text + (f" ({ln.timezone})" if ln.timezone else "")))
            items.append(("now", c.state.status))
            items.append(("use", ln.use))
            if not ln.for_interviews:
                items.append(("warning", "conversational only: not for interviews, statements, rights or consent"))
            if c.serves == "related":
                items.append(("serves", "a related language or written form: confirm when you call"))
            if ln.notes:
                items.append(("notes", ln.notes))
            view.add(output.Fields(items))
            key = tuple(c.script)
            if key in previous:
                view.add(output.Text(f"Call script: same as {previous[key]}."))
            else:
                previous[key] = f"{n}. {ln.name}"
                view.add(output.Text("Call script:\n" + "\n".join(f"  {i}. {s}" for i, s in enumerate(c.script, 1))))
        if self.hotlines:
            rows = [[h.line.name, h.line.phone, h.state.status, h.line.notes or ""] for h in self.hotlines]
            view.add(
                output.Table(
                    ["hotline", "phone", "now", "notes"],
                    rows,
                    title="Hotlines the person can call (they provide their own interpreters):",
                )
            )
        return view


def _choice(line: Line, serves: str, at: datetime, tz: str, lang: Language) -> LineChoice:
    ask_for = lang.ask_for
    return LineChoice(line, serves, open_state(line, at, tz), ask_for, [_fill(s, line, ask_for) for s in line.script])


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
    moment = at if isinstance(at, datetime) else parse_at(at, directory.timezone)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_zoneinfo(directory.timezone))
    moment = moment.astimezone(_zoneinfo(directory.timezone))
    interpreters: list[LineChoice] = []
    hotlines: list[LineChoice] = []
    for line, serves in directory.serving(lang.code):
        if line.kind == "hotline":
            hotlines.append(_choice(line, serves, moment, directory.timezone, lang))
        elif not interview_only or line.for_interviews:
            interpreters.append(_choice(line, serves, moment, directory.timezone, lang))
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
        specific_hint=_specific_hint(ordered, lang),
    )


def _specific_hint(ordered: list[LineChoice], lang: Language) -> str | None:
    """Said when lines for the language itself exist but none is open: call an all-language line now."""
    own = [c for c in ordered if c.serves != "all"]
    if not own or any(c.state.open_now for c in own):
        return None
    first = min(own, key=lambda c: (c.state.opens_at is None, c.state.opens_at or c.line.priority, c.line.priority))
    return (
        f"no line for {lang.name} specifically is open now ({first.line.name}: {first.state.status}); "
        "an all-language line can help now"
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
