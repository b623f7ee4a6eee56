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
import hashlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from lepcli import __version__, output, paths
from lepcli.errors import BadInput, ConfigError, LepError, NotFound
from lepcli.languages import Language

NEVER_FAMILY = "Do not use children, relatives or bystanders as interpreters."
KINDS = ("vendor", "staff", "volunteer", "hotline")
USES = ("emergency", "non-emergency", "both")
QUALIFICATIONS = ("certified", "qualified", "conversational")
FOR_INTERVIEWS = frozenset({"certified", "qualified"})
DEFAULT_PRIORITY = 100
CACHE_SCHEMA = 1

TOP_FIELDS = (
    "version",
    "agency",
    "timezone",
    "common_languages",
    "ispeak_languages",
    "call_scripts",
    "lines",
    "esl_resources",
)
LINE_FIELDS = (
    "name",
    "kind",
    "phone",
    "client_id",
    "pin",
    "needs_client_id",
    "languages",
    "hours",
    "timezone",
    "closed_dates",
    "use",
    "priority",
    "qualification",
    "notes",
    "script",
)
ESL_FIELDS = ("name", "languages", "address", "zips", "areas", "phone", "url", "cost", "schedule", "notes")
SCRIPT_FIELDS = frozenset({"client_id", "pin", "language", "phone", "name"})

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

DEFAULT_SCRIPTS: dict[str, list[str]] = {
    "vendor": [
        "Give the client ID {client_id} (and PIN {pin} if asked).",
        "Ask for {language}.",
        "Say if the person prefers a female or male interpreter.",
        "Write down the interpreter's ID number and the time.",
        "Brief the interpreter: who is on the line, speak in the first person, interpret everything.",
        "Say 'end of call' when you are done.",
    ],
    "staff": [
        "Give your name, unit and call number; ask for the staff interpreter by name.",
        "Say what it is for (on scene, phone, interview) and how long it may take.",
        "Write down the interpreter's name and the time.",
    ],
    "volunteer": [
        "Give your name, unit and call number.",
        "Say what it is for; volunteers may not interpret interviews, statements, rights or consent.",
        "Write down the volunteer's name and the time.",
    ],
    "hotline": [
        "Give the person the number; the hotline provides its own interpreters.",
        "The person can say the name of their language in English or in their own language.",
    ],
}

_DAY_NAMES = {
    "mon": 0,
    "monday": 0,
    "tue": 1,
    "tues": 1,
    "tuesday": 1,
    "wed": 2,
    "wednesday": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "thursday": 3,
    "fri": 4,
    "friday": 4,
    "sat": 5,
    "saturday": 5,
    "sun": 6,
    "sunday": 6,
}
_DAY_GROUPS = {
    "daily": tuple(range(7)),
    "everyday": tuple(range(7)),
    "weekdays": (0, 1, 2, 3, 4),
    "weekends": (5, 6),
}
_DAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_ALWAYS = {"24/7", "24x7", "always", "24 hours"}
_TIME_RE = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$", re.IGNORECASE)
_RANGE_RE = re.compile(r"^(.+?)\s*(?:-|–|to)\s*(.+)$")
_WINDOW_RE = re.compile(r"^(?P<days>[A-Za-z][A-Za-z ,\-–]*?)\s+(?P<times>\d.*)$")
_PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")
_ZIP_RE = re.compile(r"^\d{5}(-\d{4})?$")
WEEK = 7 * 24 * 60


# -- records -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hours:
    """Weekly opening windows as minutes since Monday 00:00 (``end`` may pass the week's end)."""

    text: str
    always: bool
    windows: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Line:
    name: str
    kind: str
    phone: str
    languages: tuple[str, ...] | None  # None = all languages
    hours: Hours
    use: str = "both"
    priority: int = DEFAULT_PRIORITY
    qualification: str = "qualified"
    client_id: str | None = None
    pin: str | None = None
    notes: str | None = None
    script: tuple[str, ...] = ()
    timezone: str | None = None
    closed_dates: tuple[str, ...] = ()
    line_no: int | None = None

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


@dataclass(frozen=True)
class EslResource:
    name: str
    languages: tuple[str, ...] | None  # None = staff or materials for any language
    address: str | None = None
    zips: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    phone: str | None = None
    url: str | None = None
    cost: str | None = None
    schedule: str | None = None
    notes: str | None = None

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


@dataclass
class Problem:
    severity: str  # error | warning
    message: str
    file: str
    line: int | None
    field: str | None

    def where(self) -> str:
        loc = ":".join(str(p) for p in (self.file, self.line) if p is not None)
        return f"{loc}: {self.field}" if self.field else loc

    def to_json(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "field": self.field,
            "message": self.message,
        }


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
        self._by_lang: dict[str, list[int]] = header["by_lang"]
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
        for i in self._by_lang.get(code, ()):
            seen.setdefault(i, "specific")
        for rel in RELATED.get(code, ()):
            for i in self._by_lang.get(rel, ()):
                seen.setdefault(i, "related")
        for i in self._all:
            seen.setdefault(i, "all")
        return [(self.line(i), how) for i, how in sorted(seen.items())]


# -- validation ----------------------------------------------------------------------------------


class _Checker:
    """Collects every problem in a parsed file, with file:line:field."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.problems: list[Problem] = []
        self._lang_cache: dict[str, tuple[str | None, str | None, str | None]] = {}

    def _add(self, severity: str, message: str, key: tuple[str | int, ...]) -> None:
        field_name = ".".join(str(k) for k in key) if key else None
        self.problems.append(Problem(severity, message, str(self.doc.path), self.doc.line(*key), field_name))

    def error(self, message: str, *key: str | int) -> None:
        self._add("error", message, key)

    def warn(self, message: str, *key: str | int) -> None:
        self._add("warning", message, key)

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    # values

    def text(
        self, data: dict[str, Any], name: str, key: tuple[str | int, ...], *, required: bool = False
    ) -> str | None:
        value = data.get(name)
        if value is None:
            if required:
                self.error("missing (required)", *key, name)
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error(f"must be text, not {_type_name(value)}", *key, name)
            return None
        text = str(value).strip()
        if not text:
            if required:
                self.error("is empty", *key, name)
            return None
        return text

    def code_text(self, data: dict[str, Any], name: str, key: tuple[str | int, ...]) -> str | None:
        """Client IDs and PINs: quoted text, because YAML turns 0417 into the number 271."""
        value = data.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str):
            self.error(
                f'must be quoted text, e.g. {name}: "0417" (unquoted numbers lose leading zeros)',
                *key,
                name,
            )
            return str(value) if isinstance(value, int) and not isinstance(value, bool) else None
        value = value.strip()
        if "REPLACE" in value.upper():
            self.warn("still the template placeholder: put your account's real value here", *key, name)
        return value or None

    def choice(
        self, data: dict[str, Any], name: str, choices: tuple[str, ...], key: tuple[str | int, ...]
    ) -> str | None:
        value = data.get(name)
        if value is None:
            return None
        if not isinstance(value, str) or value.strip().lower() not in choices:
            self.error(f"must be one of {', '.join(choices)} (got {_show(value)})", *key, name)
            return None
        return value.strip().lower()

    def phone(self, value: Any, key: tuple[str | int, ...]) -> str | None:
        if value is None:
            self.error("missing (required)", *key)
            return None
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.error(f"must be text, not {_type_name(value)}", *key)
            return None
        problem = phone_problem(str(value))
        if problem:
            self.error(problem, *key)
            return None
        return str(value).strip()

    def language(self, raw: Any, key: tuple[str | int, ...]) -> str | None:
        if not isinstance(raw, str | int) or isinstance(raw, bool):
            self.error(f"a language must be a name or code, not {_type_name(raw)}", *key)
            return None
        text = str(raw).strip()
        cached = self._lang_cache.get(text)
        if cached is None:
            cached = _resolve_config_language(text)
            self._lang_cache[text] = cached
        code, warning, err = cached
        if err:
            self.error(err, *key)
        elif warning:
            self.warn(warning, *key)
        return code

    def languages(
        self, data: dict[str, Any], name: str, key: tuple[str | int, ...], *, allow_all: bool
    ) -> tuple[str, ...] | None | bool:
        """Codes, None for ``all``, or False when missing/invalid."""
        value = data.get(name)
        if value is None:
            self.error("missing (required): a list of languages" + (" or 'all'" if allow_all else ""), *key, name)
            return False
        if isinstance(value, str) and value.strip().lower() == "all" and allow_all:
            return None
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.error(f"must be a list of languages, not {_type_name(value)}", *key, name)
            return False
        if not value:
            self.error("is an empty list", *key, name)
            return False
        codes: list[str] = []
        for i, item in enumerate(value):
            if allow_all and isinstance(item, str) and item.strip().lower() == "all":
                self.warn("'all' inside a list: write `languages: all` on its own", *key, name, i)
                return None
            code = self.language(item, (*key, name, i))
            if code and code not in codes:
                codes.append(code)
        return tuple(codes) if codes else False

    def unknown(self, data: dict[str, Any], known: Iterable[str], key: tuple[str | int, ...], what: str) -> None:
        known_set = set(known)
        for name in data:
            if name not in known_set:
                hint = _closest(str(name), known_set)
                extra = f" (did you mean {hint}?)" if hint else ""
                self.warn(f"unknown field in {what}, ignored{extra}", *key, str(name))


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _closest(name: str, known: set[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.75)
    return found[0] if found else None


def phone_problem(value: str) -> str | None:
    """Why ``value`` is not a dialable number, or None. Accepts N11 codes, NANP and +international."""
    text = value.strip()
    if not text:
        return "is empty"
    main = text
    m = re.search(r"\s*(?:ext\.?|extension|x)\s*(\d{1,6})$", text, re.IGNORECASE)
    if m:
        main = text[: m.start()]
    if re.search(r"[A-Za-z]", main):
        return f"has letters ({_show(value)}): write the digits, e.g. 1-800-799-7233"
    if re.search(r"[^\d\s().+\-/]", main):
        return f"has characters a phone number cannot have ({_show(value)})"
    digits = re.sub(r"\D", "", main)
    if main.strip().startswith("+"):
        if not 8 <= len(digits) <= 15:
            return f"international numbers have 8 to 15 digits (got {len(digits)})"
        return None
    if len(digits) == 3 and digits[0] in "2345679" and digits[1:] == "11":
        return None
    if len(digits) == 3 and digits == "988":
        return None
    if len(digits) == 11 and digits[0] == "1":
        digits = digits[1:]
    if len(digits) != 10:
        return f"a US number has 10 digits (got {len(digits)}: {_show(value)})"
    if digits[0] in "01" or digits[3] in "01":
        return f"not a valid US number: area code and exchange cannot start with 0 or 1 ({_show(value)})"
    return None


def _resolve_config_language(text: str) -> tuple[str | None, str | None, str | None]:
    """(code, warning, error) for one language named in a config file."""
    from lepcli import languages

    try:
        res = languages.resolve(text)
    except NotFound as exc:
        return None, None, f"unknown language {_show(text)}" + (f": {exc.hint}" if exc.hint else "")
    except LepError as exc:
        return None, None, f"{exc.message} ({_show(text)})"
    lang = res.language
    if res.matched == "fuzzy":
        return (
            lang.code,
            f"{_show(text)} is not a known name: taken as {lang.name} ({lang.code}); fix the spelling",
            None,
        )
    if res.alternatives:
        others = ", ".join(f"{a.name} ({a.code})" for a in res.alternatives)
        return lang.code, f"{_show(text)} is ambiguous: taken as {lang.name} ({lang.code}); could be {others}", None
    return lang.code, None, None


def parse_hours(value: Any) -> Hours:
    """``24/7`` or weekday ranges such as ``Mon-Fri 08:00-17:00`` (a string or a list of them)."""
    if isinstance(value, str) and value.strip().lower() in _ALWAYS:
        return Hours("24/7", True)
    items = value if isinstance(value, list) else [value]
    if not items:
        raise ValueError("is an empty list: write 24/7 or ranges such as 'Mon-Fri 08:00-17:00'")
    windows: list[tuple[int, int]] = []
    texts: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise ValueError(f"must be text such as 'Mon-Fri 08:00-17:00', not {_type_name(item)}")
        item = item.strip()
        if item.lower() in _ALWAYS:
            return Hours("24/7", True)
        m = _WINDOW_RE.match(item)
        if not m:
            raise ValueError(f"cannot read {_show(item)}: write days then times, e.g. 'Mon-Fri 08:00-17:00'")
        days = _parse_days(m.group("days"))
        for part in m.group("times").split(","):
            start, end = _parse_time_range(part.strip())
            for day in days:
                begin = day * 1440 + start
                windows.append((begin, begin + (end - start if end > start else end + 1440 - start)))
        texts.append(item)
    return Hours("; ".join(texts), False, tuple(sorted(windows)))


def _parse_days(text: str) -> tuple[int, ...]:
    days: list[int] = []
    for token in re.split(r"\s*,\s*", text.strip().lower()):
        token = token.replace(" ", "")
        if token in _DAY_GROUPS:
            days.extend(_DAY_GROUPS[token])
            continue
        m = re.match(r"^([a-z]+)(?:-|–)([a-z]+)$", token)
        if m:
            a, b = _DAY_NAMES.get(m.group(1)), _DAY_NAMES.get(m.group(2))
            if a is None or b is None:
                raise ValueError(f"unknown day in {_show(text)}: use Mon, Tue, Wed, Thu, Fri, Sat, Sun")
            days.extend((a + i) % 7 for i in range((b - a) % 7 + 1))
            continue
        if token not in _DAY_NAMES:
            raise ValueError(f"unknown day {_show(token)}: use Mon, Tue, Wed, Thu, Fri, Sat, Sun, daily, weekdays")
        days.append(_DAY_NAMES[token])
    return tuple(sorted(set(days)))


def _parse_time(text: str) -> int:
    m = _TIME_RE.match(text.strip())
    if not m:
        raise ValueError(f"cannot read the time {_show(text)}: use 24-hour HH:MM, e.g. 08:00 or 17:30")
    hour, minute, half = int(m.group(1)), int(m.group(2) or 0), (m.group(3) or "").lower()
    if half:
        if not 1 <= hour <= 12:
            raise ValueError(f"{_show(text)}: with am/pm the hour is 1 to 12")
        hour = hour % 12 + (12 if half == "pm" else 0)
    if minute > 59 or hour > 24 or (hour == 24 and minute):
        raise ValueError(f"{_show(text)} is not a time of day")
    return hour * 60 + minute


def _parse_time_range(text: str) -> tuple[int, int]:
    m = _RANGE_RE.match(text)
    if not m:
        raise ValueError(f"cannot read {_show(text)}: write a range such as 08:00-17:00")
    start, end = _parse_time(m.group(1)), _parse_time(m.group(2))
    if start == 1440:
        raise ValueError(f"{_show(text)}: a range cannot start at 24:00")
    if start == end:
        raise ValueError(f"{_show(text)} opens and closes at the same time: for all day write 00:00-24:00")
    return start, end


def _zoneinfo(name: str) -> tzinfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {_show(name)}: use an IANA name such as America/Chicago") from None
    except OSError:
        raise ValueError(f"time zone {_show(name)} cannot be read: install the tzdata package") from None


def validate(doc: Any) -> tuple[dict[str, Any], list[Line], list[EslResource], list[Problem]]:
    """Check a parsed YAML document; returns (header, lines, esl, problems)."""
    c = _Checker(doc)
    data = doc.data
    header: dict[str, Any] = {"agency": "", "timezone": "UTC", "settings": {}}
    if not isinstance(data, dict):
        c.error(f"the file must be a mapping (agency:, timezone:, lines:), not {_type_name(data)}")
        return header, [], [], c.problems
    for key, line_no in doc.duplicates:
        c.problems.append(
            Problem("error", "given twice in the same mapping", str(doc.path), line_no, ".".join(map(str, key)))
        )
    c.unknown(data, TOP_FIELDS, (), "the file")
    header["agency"] = c.text(data, "agency", (), required=True) or ""
    tz_name = c.text(data, "timezone", (), required=True)
    if tz_name:
        try:
            _zoneinfo(tz_name)
            header["timezone"] = tz_name
        except ValueError as exc:
            c.error(str(exc), "timezone")
    for setting in ("common_languages", "ispeak_languages"):
        if data.get(setting) is not None:
            codes = c.languages(data, setting, (), allow_all=False)
            if codes:
                header["settings"][setting] = list(codes)  # type: ignore[arg-type]

    scripts: dict[str, list[str]] = {}
    raw_scripts = data.get("call_scripts")
    if raw_scripts is not None:
        if not isinstance(raw_scripts, dict):
            c.error(f"must be a mapping of name -> list of steps, not {_type_name(raw_scripts)}", "call_scripts")
        else:
            for name, steps in raw_scripts.items():
                checked = _check_steps(c, steps, ("call_scripts", str(name)))
                if checked is not None:
                    scripts[str(name)] = checked

    lines: list[Line] = []
    raw_lines = data.get("lines")
    if raw_lines is None:
        c.error("missing (required): the list of interpreter lines", "lines")
    elif not isinstance(raw_lines, list):
        c.error(f"must be a list of lines, not {_type_name(raw_lines)}", "lines")
    else:
        if not raw_lines:
            c.warn("is empty: no interpreter line is configured", "lines")
        names: dict[str, int] = {}
        for i, item in enumerate(raw_lines):
            line = _check_line(c, item, i, scripts)
            if line is None:
                continue
            folded = line.name.casefold()
            if folded in names:
                c.error(f"duplicate name {_show(line.name)} (also lines.{names[folded]})", "lines", i, "name")
                continue
            names[folded] = i
            lines.append(line)

    esl: list[EslResource] = []
    raw_esl = data.get("esl_resources")
    if raw_esl is not None:
        if not isinstance(raw_esl, list):
            c.error(f"must be a list, not {_type_name(raw_esl)}", "esl_resources")
        else:
            esl_names: dict[str, int] = {}
            for i, item in enumerate(raw_esl):
                res = _check_esl(c, item, i)
                if res is None:
                    continue
                folded = res.name.casefold()
                if folded in esl_names:
                    c.error(
                        f"duplicate name {_show(res.name)} (also esl_resources.{esl_names[folded]})",
                        "esl_resources",
                        i,
                        "name",
                    )
                    continue
                esl_names[folded] = i
                esl.append(res)
    return header, lines, esl, c.problems


def _check_steps(c: _Checker, steps: Any, key: tuple[str | int, ...]) -> list[str] | None:
    if isinstance(steps, str):
        steps = [steps]
    if not isinstance(steps, list) or not steps:
        c.error("must be a list of steps (text)", *key)
        return None
    out: list[str] = []
    for i, step in enumerate(steps):
        if not isinstance(step, str) or not step.strip():
            c.error("each step must be text", *key, i)
            continue
        bad = [p for p in _PLACEHOLDER_RE.findall(step) if p not in SCRIPT_FIELDS]
        if bad:
            c.error(
                f"unknown placeholder {{{bad[0]}}}: use {', '.join('{' + f + '}' for f in sorted(SCRIPT_FIELDS))}",
                *key,
                i,
            )
            continue
        out.append(step.strip())
    return out


def _check_line(c: _Checker, item: Any, i: int, scripts: dict[str, list[str]]) -> Line | None:
    key: tuple[str | int, ...] = ("lines", i)
    if not isinstance(item, dict):
        c.error(f"each line must be a mapping (name:, kind:, phone:, ...), not {_type_name(item)}", *key)
        return None
    before = len(c.problems)
    c.unknown(item, LINE_FIELDS, key, "a line")
    name = c.text(item, "name", key, required=True)
    kind = c.choice(item, "kind", KINDS, key)
    if item.get("kind") is None:
        c.error(f"missing (required): one of {', '.join(KINDS)}", *key, "kind")
    phone = c.phone(item.get("phone"), (*key, "phone"))
    client_id = c.code_text(item, "client_id", key)
    pin = c.code_text(item, "pin", key)
    needs = item.get("needs_client_id", kind == "vendor")
    if not isinstance(needs, bool):
        c.error("must be true or false", *key, "needs_client_id")
        needs = False
    if needs and not client_id:
        c.error(
            'this vendor needs a client ID: add client_id: "..." (or needs_client_id: false if it does not)',
            *key,
            "client_id",
        )
    langs = c.languages(item, "languages", key, allow_all=True)
    hours: Hours | None = None
    if item.get("hours") is None:
        c.error("missing (required): 24/7 or ranges such as 'Mon-Fri 08:00-17:00'", *key, "hours")
    else:
        try:
            hours = parse_hours(item["hours"])
        except ValueError as exc:
            c.error(str(exc), *key, "hours")
    tz_name = c.text(item, "timezone", key)
    if tz_name:
        try:
            _zoneinfo(tz_name)
        except ValueError as exc:
            c.error(str(exc), *key, "timezone")
    closed: list[str] = []
    raw_closed = item.get("closed_dates")
    if raw_closed is not None:
        if not isinstance(raw_closed, list):
            c.error("must be a list of dates (YYYY-MM-DD)", *key, "closed_dates")
        else:
            for j, d in enumerate(raw_closed):
                try:
                    closed.append(d.isoformat() if isinstance(d, date) else date.fromisoformat(str(d)).isoformat())
                except ValueError:
                    c.error(f"not a date (YYYY-MM-DD): {_show(d)}", *key, "closed_dates", j)
    use = c.choice(item, "use", USES, key) or "both"
    priority = item.get("priority", DEFAULT_PRIORITY)
    if isinstance(priority, bool) or not isinstance(priority, int) or not 0 <= priority <= 9999:
        c.error(f"must be a whole number 0-9999, lower is called first (got {_show(priority)})", *key, "priority")
        priority = DEFAULT_PRIORITY
    qualification = c.choice(item, "qualification", QUALIFICATIONS, key)
    if qualification is None and item.get("qualification") is None:
        if kind in ("staff", "volunteer"):
            c.warn(
                "not given: treated as conversational (not offered for interviews or statements)",
                *key,
                "qualification",
            )
            qualification = "conversational"
        else:
            qualification = "qualified"
    notes = c.text(item, "notes", key)
    raw_script = item.get("script")
    script: list[str] | None
    if raw_script is None:
        script = DEFAULT_SCRIPTS.get(kind or "vendor", DEFAULT_SCRIPTS["vendor"])
    elif isinstance(raw_script, str) and "\n" not in raw_script.strip() and raw_script.strip() in scripts:
        script = scripts[raw_script.strip()]
    elif isinstance(raw_script, str) and not scripts.get(raw_script.strip()) and " " not in raw_script.strip():
        known = ", ".join(sorted(scripts)) or "none defined"
        c.error(f"no call script named {_show(raw_script)} in call_scripts ({known})", *key, "script")
        script = None
    else:
        script = _check_steps(c, raw_script, (*key, "script"))
    if script is not None:
        used = {p for step in script for p in _PLACEHOLDER_RE.findall(step)}
        if "client_id" in used and not client_id and raw_script is not None:
            c.error("the call script uses {client_id} but this line has no client_id", *key, "client_id")
        if "pin" in used and not pin:
            script = [s for s in script if "{pin}" not in s] if raw_script is None else script
            if raw_script is not None:
                c.error("the call script uses {pin} but this line has no pin", *key, "pin")
        if "client_id" in used and not client_id and raw_script is None:
            script = [s for s in script if "{client_id}" not in s]
    if len(c.problems) > before and any(p.severity == "error" for p in c.problems[before:]):
        return None
    assert name and kind and phone and hours is not None and langs is not False and script is not None
    return Line(
        name=name,
        kind=kind,
        phone=phone,
        languages=langs,  # type: ignore[arg-type]
        hours=hours,
        use=use,
        priority=int(priority),
        qualification=qualification or "qualified",
        client_id=client_id,
        pin=pin,
        notes=notes,
        script=tuple(script),
        timezone=tz_name,
        closed_dates=tuple(closed),
        line_no=c.doc.line("lines", i),
    )


def _check_esl(c: _Checker, item: Any, i: int) -> EslResource | None:
    key: tuple[str | int, ...] = ("esl_resources", i)
    if not isinstance(item, dict):
        c.error(f"each resource must be a mapping (name:, languages:, ...), not {_type_name(item)}", *key)
        return None
    before = len(c.problems)
    c.unknown(item, ESL_FIELDS, key, "an ESL resource")
    name = c.text(item, "name", key, required=True)
    langs = c.languages(item, "languages", key, allow_all=True)
    phone = c.phone(item["phone"], (*key, "phone")) if item.get("phone") is not None else None
    url = c.text(item, "url", key)
    if url and not re.match(r"^https?://\S+$", url):
        c.error(f"must start with https:// or http:// (got {_show(url)})", *key, "url")
    zips: list[str] = []
    raw_zips = item.get("zips")
    if raw_zips is not None:
        if not isinstance(raw_zips, list):
            raw_zips = [raw_zips]
        for j, z in enumerate(raw_zips):
            zs = f"{z:05d}" if isinstance(z, int) and not isinstance(z, bool) else str(z).strip()
            if isinstance(z, int) and not isinstance(z, bool) and z < 10000:
                c.warn(f'quote ZIP codes ("0{z}"): YAML reads a leading 0 as a number', *key, "zips", j)
            if not _ZIP_RE.match(zs):
                c.error(f"not a ZIP code (12345 or 12345-6789): {_show(z)}", *key, "zips", j)
                continue
            zips.append(zs[:5])
    areas: list[str] = []
    raw_areas = item.get("areas")
    if raw_areas is not None:
        if isinstance(raw_areas, str):
            raw_areas = [raw_areas]
        if not isinstance(raw_areas, list):
            c.error("must be a list of places", *key, "areas")
        else:
            areas = [str(a).strip() for a in raw_areas if str(a).strip()]
    fields = {f: c.text(item, f, key) for f in ("address", "cost", "schedule", "notes")}
    if any(p.severity == "error" for p in c.problems[before:]):
        return None
    assert name and langs is not False
    return EslResource(
        name=name,
        languages=langs,  # type: ignore[arg-type]
        address=fields["address"],
        zips=tuple(zips),
        areas=tuple(areas),
        phone=phone,
        url=url,
        cost=fields["cost"],
        schedule=fields["schedule"],
        notes=fields["notes"],
    )


# -- loading and cache ---------------------------------------------------------------------------


def _cache_path(path: Path) -> Path:
    digest = hashlib.sha256(str(path).encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return paths.cache_dir() / f"lines-{digest}.jsonl"


def _cache_key(path: Path, st: os.stat_result) -> dict[str, Any]:
    index = Path(__file__).resolve().parent / "data" / "languages.json"
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
    from lepcli import atomic

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
        "by_lang": by_lang,
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


def check(config: str | Path | None = None) -> CheckReport:
    """Validate a lines file from scratch (no cache) and report every problem."""
    from lepcli import yamlfile

    path, source = resolve_config(config)
    try:
        doc = yamlfile.load(path)
    except ConfigError as exc:
        problem = Problem("error", _strip_where(exc), exc.file or str(path), exc.line, exc.field)
        return CheckReport(path, source, [problem], 0, 0, 0, None, None)
    header, lines, esl, problems = validate(doc)
    codes = {c for line in lines for c in (line.languages or ())}
    return CheckReport(
        path,
        source,
        problems,
        len(lines),
        len(esl),
        len(codes),
        header.get("agency") or None,
        header.get("timezone"),
        sum(1 for line in lines if line.all_languages),
    )


def _strip_where(exc: ConfigError) -> str:
    prefix = ":".join(str(p) for p in (exc.file, exc.line) if p is not None)
    msg = exc.message
    if prefix and msg.startswith(prefix + ": "):
        msg = msg[len(prefix) + 2 :]
    if exc.field and msg.startswith(exc.field + ": "):
        msg = msg[len(exc.field) + 2 :]
    return msg


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
    from lepcli import yamlfile

    doc = yamlfile.load(path)
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


@dataclass
class OpenState:
    open_now: bool
    status: str  # "open now (24/7)", "open now, closes 17:00", "closed, opens Mon 08:00"
    opens_at: datetime | None = None
    closes_at: datetime | None = None


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
        if instant(s + shift).date().isoformat() not in closed
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


@dataclass
class LineChoice:
    line: Line
    serves: str  # specific | related | all
    state: OpenState
    ask_for: str
    script: list[str]

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


# -- ESL -----------------------------------------------------------------------------------------


@dataclass
class EslChoice:
    resource: EslResource
    supports: bool  # staff or materials in the language
    match: str  # zip | nearby | distance | unknown | any
    distance: int | None

    def to_json(self) -> dict[str, Any]:
        r = self.resource
        data = r.to_record()
        data["languages"] = "all" if r.languages is None else list(r.languages)
        data.update(supports_language=self.supports, match=self.match)
        return data


@dataclass
class EslAnswer:
    language: Language
    near: str | None
    file: str
    choices: list[EslChoice]
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "language": self.language.to_json(),
            "note": self.note,
            "near": self.near,
            "file": self.file,
            "resources": [c.to_json() for c in self.choices],
        }

    def to_view(self) -> output.View:
        lang = self.language
        near = f" near {self.near}" if self.near else ""
        view = output.View()
        view.add(output.Title(f"English classes and help for {lang.name} speakers{near}", self.file))
        if self.note:
            view.add(output.Note(self.note, tone="warn", label="note"))
        if not self.choices:
            view.add(output.Note(f"no ESL resources are listed in {self.file}", tone="warn", label="none"))
            return view
        if not any(c.supports for c in self.choices):
            view.add(
                output.Note(
                    f"none lists staff or materials in {lang.name}: classes below are taught in English",
                    tone="warn",
                    label="language",
                )
            )
        rows = [
            [
                str(n),
                c.resource.name,
                "yes" if c.supports else "no",
                ", ".join(c.resource.areas or c.resource.zips) or "-",
                c.resource.cost or "-",
                c.resource.phone or "-",
            ]
            for n, c in enumerate(self.choices, 1)
        ]
        view.add(output.Table(["#", "resource", f"in {lang.name}", "area", "cost", "phone"], rows))
        for n, c in enumerate(self.choices, 1):
            r = c.resource
            view.add(output.Title(f"{n}. {r.name}"))
            items = [
                (label, value)
                for label, value in (
                    ("address", r.address),
                    ("serves", ", ".join([*r.areas, *r.zips]) or None),
                    ("phone", r.phone),
                    ("web", r.url),
                    ("cost", r.cost),
                    ("schedule", r.schedule),
                    ("languages", "any" if r.languages is None else ", ".join(r.languages)),
                    ("notes", r.notes),
                )
                if value
            ]
            view.add(output.Fields(items))
        return view


def _zip_distance(near: str, zips: tuple[str, ...]) -> tuple[str, int | None]:
    if not zips:
        return "unknown", None
    if near in zips:
        return "zip", 0
    best = min(abs(int(z) - int(near)) for z in zips)
    if any(z[:3] == near[:3] for z in zips):
        return "nearby", best
    return "distance", best


def esl_for(code: str, near: str | None = None, config: str | Path | None = None) -> EslAnswer:
    """ESL resources for speakers of ``code``: supporting the language first, then nearest area."""
    from lepcli import languages

    if near is not None:
        near = near.strip()
        if not _ZIP_RE.match(near):
            raise BadInput(f"--near must be a US ZIP code such as 55412 (got {_show(near)})")
        near = near[:5]
    directory = load(config)
    lang = languages.get(code)
    choices: list[EslChoice] = []
    for res in directory.esl():
        supports = res.languages is not None and (
            lang.code in res.languages or any(r in res.languages for r in RELATED.get(lang.code, ()))
        )
        if near:
            match, dist = _zip_distance(near, res.zips)
        else:
            match, dist = ("any", None)
        choices.append(EslChoice(res, supports, match, dist))
    rank = {"zip": 0, "nearby": 1, "distance": 2, "unknown": 3, "any": 0}
    choices.sort(
        key=lambda c: (not c.supports, rank[c.match], c.distance if c.distance is not None else 10**6, c.resource.name)
    )
    return EslAnswer(lang, near, str(directory.path), choices)


# -- config commands -----------------------------------------------------------------------------


@dataclass
class CheckReport:
    path: Path
    source: str
    problems: list[Problem]
    n_lines: int
    n_esl: int
    n_languages: int
    agency: str | None
    timezone: str | None
    n_all: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_json(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "source": self.source,
            "ok": self.ok,
            "agency": self.agency,
            "timezone": self.timezone,
            "lines": self.n_lines,
            "all_language_lines": self.n_all,
            "esl_resources": self.n_esl,
            "languages": self.n_languages,
            "errors": [p.to_json() for p in self.errors],
            "warnings": [p.to_json() for p in self.warnings],
        }

    def to_view(self) -> output.View:
        view = output.View()
        verdict = "OK" if self.ok else f"{len(self.errors)} error(s)"
        view.add(output.Title(f"{self.path}: {verdict}", f"{self.source}"))
        if self.ok:
            view.add(
                output.Fields(
                    [
                        ("agency", self.agency or "-"),
                        ("time zone", self.timezone or "-"),
                        ("lines", f"{self.n_lines} ({self.n_all} for all languages)"),
                        ("languages listed", str(self.n_languages)),
                        ("ESL resources", str(self.n_esl)),
                    ]
                )
            )
        for p in self.problems:
            tone: output.Tone = "danger" if p.severity == "error" else "warn"
            view.add(output.Note(f"{p.where()}: {p.message}", tone=tone, label=p.severity))
        return view


@dataclass
class PathReport:
    path: Path
    source: str
    search: list[tuple[str, str, bool]]

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "source": self.source,
            "exists": self.path.is_file(),
            "search": [{"source": s, "path": p, "exists": e} for s, p, e in self.search],
        }

    def to_view(self) -> output.View:
        view = output.View()
        view.add(output.Title(str(self.path), f"in use ({self.source})"))
        rows = [[s, p, "yes" if e else "no"] for s, p, e in self.search]
        view.add(output.Table(["search order", "path", "exists"], rows))
        return view


def config_path(config: str | Path | None = None) -> PathReport:
    path, source = paths.lines_file(config)
    env = os.environ.get(paths.ENV_LINES)
    search: list[tuple[str, str, bool]] = []
    if config is not None:
        search.append(("--config", str(Path(config).expanduser()), Path(config).expanduser().is_file()))
    search.append((f"${paths.ENV_LINES}", env or "(not set)", bool(env) and Path(env or "").expanduser().is_file()))
    user = paths.user_lines_file()
    search.append(("user config", str(user), user.is_file()))
    packaged = paths.packaged_lines_file()
    search.append(("packaged example", str(packaged), packaged.is_file()))
    return PathReport(path, source, search)


@dataclass
class InitReport:
    path: Path
    forced: bool

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "written": True, "replaced": self.forced}

    def to_view(self) -> output.View:
        view = output.View()
        view.add(output.Title(f"wrote {self.path}", "a commented template: edit it, then run `lep config check`"))
        view.add(
            output.Note(
                "replace every 555-01xx number and REPLACE-ME value with your agency's real ones",
                tone="warn",
                label="next",
            )
        )
        return view


def template_text() -> str:
    return (Path(__file__).resolve().parent / "data" / "language_lines.template.yaml").read_text(encoding="utf-8")


def init(path: str | Path | None = None, *, force: bool = False) -> InitReport:
    """Write the commented template (atomically); refuses to replace a file without ``force``."""
    from lepcli import atomic

    target = Path(path).expanduser() if path is not None else paths.user_lines_file()
    existed = target.exists()
    atomic.write_text(target, template_text(), force=force)
    return InitReport(target, force and existed)
