"""Validate a ``language_lines.yaml`` and the `lep config check|init|path` reports.

Every problem names the file, the line and the field. Only needed when a file changed (a
cache miss in :func:`lepcli.agency.lines.load`) or for `lep config ...`, so `lep lines` does not pay
for importing it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from lepcli import jsonable, paths
from lepcli.agency.lines import (
    _PLACEHOLDER_RE,
    _ZIP_RE,
    DEFAULT_PRIORITY,
    KINDS,
    QUALIFICATIONS,
    USES,
    EslResource,
    Hours,
    Line,
    _show,
    _zoneinfo,
    resolve_config,
)
from lepcli.errors import ConfigError, LepError, NotFound

TOP_FIELDS = (
    "version",
    "agency",
    "timezone",
    "common_languages",
    "ispeak_languages",
    "call_scripts",
    "lines",
    "esl_resources",
    "machine_translation",  # read by lepcli.mt.config (the optional MT server, model versions)
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
_ALWAYS = {"24/7", "24x7", "always", "24 hours"}
_TIME_RE = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$", re.IGNORECASE)
_RANGE_RE = re.compile(r"^(.+?)\s*(?:-|–|to)\s*(.+)$")
_WINDOW_RE = re.compile(r"^(?P<days>[A-Za-z][A-Za-z ,\-–]*?)\s+(?P<times>\d.*)$")


@jsonable.shape(order=("severity", "file", "line", "field", "message"))
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


def _closest(name: str, known: set[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.75)
    return found[0] if found else None


def dialable(phone: str, region: str = "US") -> tuple[str | None, str | None]:
    """``(507) 555-0150 ext 212`` -> ("+15075550150", "212"), read by Google's libphonenumber rules
    (the ``phonenumbers`` package; imported only when a lines file is validated, never per lookup).
    Short numbers (911, 988, 711) stay as their digits; an unreadable number gives (None, None)."""
    import phonenumbers

    digits = re.sub(r"\D", "", phone)
    if 3 <= len(digits) <= 6 and not re.search(r"[A-Za-z]", phone):
        return digits, None
    try:
        number = phonenumbers.parse(phone, region)
    except phonenumbers.NumberParseException:
        return None, None
    if not phonenumbers.is_possible_number(number):
        return None, None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return e164, number.extension or None


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
    for key in _control_chars(data, ()):
        c.warn("has terminal control characters (escape codes): lep removes them when it shows this text", *key)
    if data.get("machine_translation") is not None:  # owner: lepcli.mt.config
        from lepcli.mt import config as mt_config

        for where, message in mt_config.problems(data["machine_translation"]):
            c.warn(message, "machine_translation", *[k for k in where.split(".") if k])  # lines keep working
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
        twice = {key[1] for key, _ in doc.duplicates if len(key) > 2 and key[0] == "lines"}
        for i, item in enumerate(raw_lines):
            line = _check_line(c, item, i, scripts)
            if line is None or i in twice:  # a key given twice: which value is meant? skip the entry
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


def _control_chars(value: Any, key: tuple[str | int, ...]) -> list[tuple[str | int, ...]]:
    """Keys of text values holding C0/C1 control characters other than tab and newline."""
    from lepcli.text.bidi import has_control_chars

    if isinstance(value, str):
        return [key] if has_control_chars(value) else []
    found: list[tuple[str | int, ...]] = []
    if isinstance(value, dict):
        for k, v in value.items():
            found += _control_chars(v, (*key, str(k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += _control_chars(v, (*key, i))
    return found


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
                except ValueError as exc:
                    real = re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(d)) is not None
                    what = f"not a real date: {_show(d)} ({exc})" if real else f"not a date (YYYY-MM-DD): {_show(d)}"
                    c.error(what, *key, "closed_dates", j)
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
    dial, extension = dialable(phone)
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
        dial=dial,
        extension=extension,
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


def check(config: str | Path | None = None) -> CheckReport:
    """Validate a lines file from scratch (no cache) and report every problem."""
    from lepcli.files import yamldoc as yamlfile

    path, source = resolve_config(config)
    try:
        doc = yamlfile.load(path)
    except ConfigError as exc:
        problem = Problem("error", exc.detail, exc.file or str(path), exc.line, exc.field)
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


# -- config commands -----------------------------------------------------------------------------


@jsonable.shape(
    skip=("problems",),
    rename={"path": "file", "n_lines": "lines", "n_esl": "esl_resources", "n_languages": "languages",
            "n_all": "all_language_lines"},  # fmt: skip
    extra=("ok", "errors", "warnings"),
    order=("file", "source", "ok", "agency", "timezone", "lines", "all_language_lines"),
)
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


@jsonable.shape(
    skip=("search",),
    extra=[
        ("exists", lambda r: r.path.is_file()),
        ("search", lambda r: [{"source": s, "path": p, "exists": e} for s, p, e in r.search]),
    ],
)
@dataclass
class PathReport:
    path: Path
    source: str
    search: list[tuple[str, str, bool]]


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


@jsonable.shape(skip=("forced",), extra=[("written", lambda r: True), ("replaced", "forced")])
@dataclass
class InitReport:
    path: Path
    forced: bool


def template_text() -> str:
    return (Path(__file__).resolve().parent / "data" / "language_lines.template.yaml").read_text(encoding="utf-8")


def init(path: str | Path | None = None, *, force: bool = False) -> InitReport:
    """Write the commented template (atomically); refuses to replace a file without ``force``."""
    from lepcli.files import atomic

    target = Path(path).expanduser() if path is not None else paths.user_lines_file()
    existed = target.exists()
    atomic.write_text(target, template_text(), force=force)
    return InitReport(target, force and existed)
