"""`lep lines`, `lep esl` and the lines API other modules use (interpreter_pointer, ...)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from lepcli.agency import lines
from lepcli.policy import NEVER_FAMILY

ROOT = Path(__file__).resolve().parent.parent

AGENCY = """\
agency: Test County Police (fictional)
timezone: America/New_York
common_languages: [Spanish, vi, so]
ispeak_languages: [so, es, vi]
call_scripts:
  vendor:
    - "Give client ID {client_id} and PIN {pin}."
    - "Ask for {language}."
    - "Write down the interpreter's ID number."
    - "Say end of call."
lines:
  - name: AllLang Vendor
    kind: vendor
    phone: (555) 555-0100
    client_id: "A-17"
    pin: "0042"
    languages: all
    hours: 24/7
    priority: 20
    qualification: qualified
    script: vendor
  - name: Spanish Desk
    kind: staff
    phone: (555) 555-0101 ext 4
    languages: [es]
    hours: Mon-Fri 08:00-17:00
    closed_dates: [2026-11-26]
    priority: 5
    qualification: certified
  - name: Vietnamese Emergency Team
    kind: staff
    phone: (555) 555-0102
    languages: [vi]
    hours: 24/7
    use: emergency
    priority: 50
    qualification: certified
  - name: Vietnamese Office
    kind: staff
    phone: (555) 555-0103
    languages: [Vietnamese]
    hours: 24/7
    use: non-emergency
    priority: 1
    qualification: qualified
  - name: Somali Helper
    kind: volunteer
    phone: (555) 555-0104
    languages: [Somali]
    hours: 24/7
    priority: 1
    qualification: conversational
  - name: Hmong Night Line
    kind: staff
    phone: (555) 555-0105
    languages: [hmn]
    hours: daily 22:00-06:00
    priority: 10
    qualification: qualified
  - name: Kiche West
    kind: vendor
    phone: (555) 555-0106
    client_id: "W-9"
    languages: ["K'iche'"]
    hours: Mon-Fri 09:00-17:00
    timezone: America/Los_Angeles
    priority: 1
    qualification: qualified
  - name: DV Hotline
    kind: hotline
    phone: 1-800-799-7233
    languages: all
    hours: 24/7
esl_resources:
  - name: Near Center
    languages: [so, es]
    zips: ["56010"]
    areas: [Riverbend]
    phone: (555) 555-0110
    cost: free
  - name: Same Prefix Center
    languages: [so]
    zips: ["56099"]
  - name: Far Center
    languages: [so]
    zips: ["90210"]
  - name: Online English
    languages: all
    areas: [online]
    url: https://english.example
"""


@pytest.fixture
def agency(tmp_path: Path) -> Path:
    path = tmp_path / "agency.yaml"
    path.write_text(AGENCY, encoding="utf-8")
    return path


def run_json(lep: Any, *args: str) -> dict[str, Any]:
    result = lep(*args, "--json")
    assert result.exit_code == 0, result.stderr + result.stdout
    data = result.json()
    assert isinstance(data, dict)
    return data


def names(data: dict[str, Any]) -> list[str]:
    return [line["name"] for line in data["lines"]]


def by_name(data: dict[str, Any], name: str) -> dict[str, Any]:
    return next(line for line in data["lines"] if line["name"] == name)


# -- open now, across time zones ----------------------------------------------------------------


def test_staff_line_open_in_office_hours_comes_first(lep: Any, agency: Path) -> None:
    data = run_json(lep, "lines", "spanish", "--config", str(agency), "--at", "2026-11-24 09:00")
    assert names(data)[0] == "Spanish Desk"
    desk = by_name(data, "Spanish Desk")
    assert desk["open_now"] is True
    assert desk["status"] == "open at that time, closes 17:00"  # --at: not "open now"
    assert data["at"] == "2026-11-24T09:00:00-05:00"


def test_closed_line_says_when_it_opens_and_open_vendor_goes_first(lep: Any, agency: Path) -> None:
    data = run_json(lep, "lines", "es", "--config", str(agency), "--at", "2026-11-24 03:00")
    assert names(data)[:2] == ["AllLang Vendor", "Spanish Desk"]
    desk = by_name(data, "Spanish Desk")
    assert desk["open_now"] is False
    assert desk["status"] == "closed, opens 08:00"
    assert desk["opens_at"] == "2026-11-24T08:00:00-05:00"


def test_friday_evening_opens_monday(lep: Any, agency: Path) -> None:
    data = run_json(lep, "lines", "es", "--config", str(agency), "--at", "2026-11-27 18:00")
    assert by_name(data, "Spanish Desk")["status"] == "closed, opens Mon 08:00"


def test_closed_date_is_honoured(lep: Any, agency: Path) -> None:
    data = run_json(lep, "lines", "es", "--config", str(agency), "--at", "2026-11-26 10:00")
    desk = by_name(data, "Spanish Desk")
    assert desk["open_now"] is False
    assert desk["status"] == "closed, opens tomorrow 08:00"


def test_at_with_an_offset_is_converted_to_the_agency_zone(lep: Any, agency: Path) -> None:
    # 14:00 UTC is 09:00 in New York (EST, UTC-5).
    data = run_json(lep, "lines", "es", "--config", str(agency), "--at", "2026-11-24T14:00:00Z")
    assert data["at"] == "2026-11-24T09:00:00-05:00"
    assert by_name(data, "Spanish Desk")["open_now"] is True
    # 12:59 UTC is 07:59 in New York: closed.
    data = run_json(lep, "lines", "es", "--config", str(agency), "--at", "2026-11-24T12:59:00+00:00")
    assert by_name(data, "Spanish Desk")["open_now"] is False


def test_line_with_its_own_time_zone(lep: Any, agency: Path) -> None:
    # Kiche West keeps Pacific hours (09:00-17:00 PT = 12:00-20:00 in New York).
    data = run_json(lep, "lines", "kiche", "--config", str(agency), "--at", "2026-11-24 11:00")
    west = by_name(data, "Kiche West")
    assert west["open_now"] is False
    assert west["status"] == "closed, opens 12:00"  # shown on the agency's clock
    data = run_json(lep, "lines", "kiche", "--config", str(agency), "--at", "2026-11-24 19:30")
    west = by_name(data, "Kiche West")
    assert west["open_now"] is True
    assert west["status"] == "open at that time, closes 20:00"
    assert names(data)[0] == "Kiche West"  # open, priority 1


def test_summer_time_keeps_wall_clock_hours(lep: Any, agency: Path) -> None:
    # In July New York is UTC-4: 12:30 UTC is 08:30 local, inside 08:00-17:00.
    data = run_json(lep, "lines", "es", "--config", str(agency), "--at", "2026-07-14T12:30:00Z")
    assert data["at"] == "2026-07-14T08:30:00-04:00"
    assert by_name(data, "Spanish Desk")["open_now"] is True


@pytest.mark.parametrize(
    ("at", "open_now", "status"),
    [
        ("2026-11-24 23:00", True, "open at that time, closes tomorrow 06:00"),
        ("2026-11-24 05:00", True, "open at that time, closes 06:00"),
        ("2026-11-24 07:00", False, "closed, opens 22:00"),
    ],
)
def test_overnight_hours(lep: Any, agency: Path, at: str, open_now: bool, status: str) -> None:
    data = run_json(lep, "lines", "hmong", "--config", str(agency), "--at", at)
    night = by_name(data, "Hmong Night Line")
    assert (night["open_now"], night["status"]) == (open_now, status)


def test_open_state_unit_for_a_dst_change_day() -> None:
    hours = lines.Hours("Mon-Fri 08:00-17:00", False, ((0, 540), (1440, 1440 + 540)))
    line = lines.Line(name="x", kind="staff", phone="555", languages=("es",), hours=hours)
    at = lines.parse_at("2026-03-09 08:30", "America/New_York")  # the Monday after the change
    state = lines.open_state(line, at, "America/New_York")
    assert state.open_now is True
    assert state.closes_at is not None and state.closes_at.hour == 9


# -- ordering -------------------------------------------------------------------------------------


def test_ordering_priority_then_emergency(lep: Any, agency: Path) -> None:
    data = run_json(lep, "lines", "vi", "--config", str(agency), "--at", "2026-11-24 12:00")
    assert names(data) == ["Vietnamese Office", "AllLang Vendor", "Vietnamese Emergency Team"]
    data = run_json(lep, "lines", "vi", "--config", str(agency), "--at", "2026-11-24 12:00", "--emergency")
    assert data["emergency"] is True
    assert names(data) == ["AllLang Vendor", "Vietnamese Emergency Team", "Vietnamese Office"]


def test_interview_only_drops_conversational_lines(lep: Any, agency: Path) -> None:
    data = run_json(lep, "lines", "somali", "--config", str(agency))
    helper = by_name(data, "Somali Helper")
    assert helper["for_interviews"] is False
    data = run_json(lep, "lines", "somali", "--config", str(agency), "--interview")
    assert "Somali Helper" not in names(data)


def test_limit_keeps_the_total(lep: Any, agency: Path) -> None:
    data = run_json(lep, "lines", "vi", "--config", str(agency), "--limit", "1")
    assert len(data["lines"]) == 1 and data["total"] == 3


def test_conversational_line_is_flagged_in_text(lep: Any, agency: Path) -> None:
    result = lep("lines", "somali", "--config", str(agency))
    assert "conversational only: not for interviews, statements, rights or consent" in result.stdout


# -- no specific line: all-language vendors -------------------------------------------------------


def test_mam_falls_back_to_all_language_vendor_with_what_to_ask_for(lep: Any, agency: Path) -> None:
    data = run_json(lep, "lines", "mam", "--config", str(agency))
    assert data["specific"] is False
    assert names(data) == ["AllLang Vendor"]
    vendor = data["lines"][0]
    assert vendor["serves"] == "all"
    assert vendor["ask_for"] == "Mam, a Mayan language of Guatemala (Huehuetenango, San Marcos)"
    assert "Ask for Mam, a Mayan language of Guatemala" in " ".join(vendor["script"])
    assert data["hotlines"][0]["name"] == "DV Hotline"
    text = lep("lines", "mam", "--config", str(agency)).stdout
    assert "no line lists Mam specifically" in text
    assert 'ask for "Mam, a Mayan language of Guatemala' in text


def test_script_placeholders_are_filled(lep: Any, agency: Path) -> None:
    data = run_json(lep, "lines", "mam", "--config", str(agency))
    script = data["lines"][0]["script"]
    assert script[0] == "Give client ID A-17 and PIN 0042."
    assert not any("{" in step for step in script)


@pytest.mark.parametrize("language", ["mam", "spanish", "somali", "vi", "farsi", "hmong"])
def test_never_suggests_family(lep: Any, agency: Path, language: str) -> None:
    result = lep("lines", language, "--config", str(agency))
    assert result.exit_code == 0
    assert NEVER_FAMILY in result.stdout
    data = run_json(lep, "lines", language, "--config", str(agency))
    assert data["never"] == NEVER_FAMILY
    for line in result.stdout.splitlines():
        if re.search(r"\b(child|children|relative|relatives|family|bystander|son|daughter)\b", line, re.I):
            assert NEVER_FAMILY in line, line


def test_no_line_at_all(lep: Any, tmp_path: Path) -> None:
    path = tmp_path / "only-es.yaml"
    path.write_text(
        "agency: A\ntimezone: UTC\nlines:\n  - {name: ES, kind: staff, phone: (555) 555-0101, languages: [es],"
        " hours: 24/7, qualification: certified}\n",
        encoding="utf-8",
    )
    data = run_json(lep, "lines", "mam", "--config", str(path))
    assert data["lines"] == [] and data["total"] == 0
    assert "no interpreter line" in lep("lines", "mam", "--config", str(path)).stdout
    assert lines.interpreter_pointer("mam", config=path) is None


def test_json_contract(lep: Any, agency: Path) -> None:
    data = run_json(lep, "lines", "es", "--config", str(agency))
    assert list(data) == [
        "language",
        "ask_for",
        "note",
        "at",
        "timezone",
        "agency",
        "file",
        "source",
        "emergency",
        "interview_only",
        "specific",
        "never",
        "total",
        "asked",
        "example",
        "example_note",
        "skipped",
        "identify",
        "lines",
        "hotlines",
    ]
    assert set(data["lines"][0]) == {
        "name",
        "kind",
        "phone",
        "dial",
        "extension",
        "tel",
        "client_id",
        "pin",
        "ask_for",
        "serves",
        "languages",
        "hours",
        "timezone",
        "open_now",
        "status",
        "opens_at",
        "closes_at",
        "use",
        "priority",
        "qualification",
        "for_interviews",
        "notes",
        "script",
    }
    assert data["source"] == "--config"


def test_misspelled_language_is_noted(lep: Any, agency: Path) -> None:
    data = run_json(lep, "lines", "vietnamise", "--config", str(agency))
    assert data["language"]["code"] == "vi"
    assert data["note"] == "assumed you meant Vietnamese"


def test_unknown_language_and_bad_time(lep: Any, agency: Path) -> None:
    assert lep("lines", "qwxyzzy", "--config", str(agency)).exit_code == 4
    bad = lep("lines", "es", "--config", str(agency), "--at", "next tuesday")
    assert bad.exit_code == 3
    assert "sun 3am" in bad.stderr and "2026-11-24 03:00" in bad.stderr


# -- the API other modules use ----------------------------------------------------------------


def test_interpreter_pointer(agency: Path) -> None:
    text = lines.interpreter_pointer("mam", config=agency)
    assert text is not None
    assert text.startswith("Call AllLang Vendor (555) 555-0100, client ID A-17, PIN 0042; ask for Mam, a Mayan")
    assert "\n" not in text
    # Conversational volunteers are never the pointer, even at priority 1.
    somali = lines.interpreter_pointer("so", config=agency)
    assert somali is not None and "Somali Helper" not in somali and "AllLang Vendor" in somali


def test_interpreter_pointer_with_a_broken_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("agency: [unclosed\n", encoding="utf-8")
    text = lines.interpreter_pointer("es", config=bad)
    assert text is not None and "lep config check" in text


def test_serving_line_names_and_agency_settings(monkeypatch: pytest.MonkeyPatch, agency: Path) -> None:
    monkeypatch.setenv("LEP_LINES", str(agency))
    assert lines.serving_line_names("es") == ["Spanish Desk", "AllLang Vendor"]
    assert "DV Hotline" not in lines.serving_line_names("mam")
    assert lines.agency_setting("common_languages") == ["es", "vi", "so"]
    assert lines.agency_setting("ispeak_languages") == ["so", "es", "vi"]
    assert lines.agency_setting("timezone") == "America/New_York"
    assert lines.agency_setting("nothing_like_this") is None


def test_agency_setting_is_none_for_a_broken_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- a list\n", encoding="utf-8")
    monkeypatch.setenv("LEP_LINES", str(bad))
    assert lines.agency_setting("common_languages") is None


def test_lang_shows_lines_from_the_agency_file(lep: Any, monkeypatch: pytest.MonkeyPatch, agency: Path) -> None:
    monkeypatch.setenv("LEP_LINES", str(agency))
    data = lep("lang", "somali", "--json").json()
    assert isinstance(data, dict)
    assert data["help"]["lines"] == ["Somali Helper", "AllLang Vendor"]


# -- the shipped example --------------------------------------------------------------------------


def test_shipped_file_is_valid_and_uses_fictitious_numbers() -> None:
    from lepcli.agency import schema as linescheck

    report = linescheck.check(ROOT / "language_lines.yaml")
    assert report.ok, [p.message for p in report.errors]
    assert report.warnings == []
    real = {"1-800-799-7233", "1-888-373-7888", "988"}  # national hotlines with their published numbers
    text = (ROOT / "language_lines.yaml").read_text(encoding="utf-8")
    assert "fictitious 555-01xx" in text.split("\n\n")[0]
    directory = lines.load(ROOT / "language_lines.yaml")
    for line in directory.all_lines():
        if line.phone not in real:
            assert re.search(r"555-01\d\d\b", line.phone), line.phone
    for res in directory.esl():
        assert res.phone is None or re.search(r"555-01\d\d\b", res.phone)


def test_shipped_file_answers_mam_at_night(lep: Any) -> None:
    data = run_json(lep, "lines", "mam", "--at", "2026-11-24 03:00")
    assert data["source"] == "packaged example"
    assert data["lines"][0]["open_now"] is True
    maya = next(x for x in data["lines"] if x["serves"] == "specific")
    assert maya["open_now"] is False and maya["status"] == "closed, opens 09:00"  # 07:00 Pacific


# -- search order and cache -----------------------------------------------------------------------


def test_env_and_user_config_are_used(lep: Any, monkeypatch: pytest.MonkeyPatch, agency: Path, lep_home: Path) -> None:
    monkeypatch.setenv("LEP_LINES", str(agency))
    assert run_json(lep, "lines", "es")["source"] == "$LEP_LINES"
    monkeypatch.delenv("LEP_LINES")
    user = lep_home / "config" / "language_lines.yaml"
    user.parent.mkdir(parents=True)
    user.write_text(AGENCY, encoding="utf-8")
    data = run_json(lep, "lines", "es")
    assert data["source"] == "user config" and data["agency"] == "Test County Police (fictional)"


def test_cache_is_refreshed_when_the_file_changes(lep: Any, agency: Path, lep_home: Path) -> None:
    assert run_json(lep, "lines", "es", "--config", str(agency))["agency"] == "Test County Police (fictional)"
    cached = list((lep_home / "cache" / "lines").glob("*.jsonl"))
    assert len(cached) == 1
    assert b"Spanish Desk" in cached[0].read_bytes()
    stamp = agency.stat()
    # the same size and the same mtime, as cp -p, tar or rsync -a leave an edited file: still seen
    agency.write_text(AGENCY.replace("Test County Police", "Test Parish Police"), encoding="utf-8")
    os.utime(agency, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert agency.stat().st_size == stamp.st_size
    assert run_json(lep, "lines", "es", "--config", str(agency))["agency"] == "Test Parish Police (fictional)"
    # a cache hit (a new process: nothing memoised) gives the same answer as a fresh parse
    lines._LOADED.clear()
    assert run_json(lep, "lines", "mam", "--config", str(agency))["lines"][0]["client_id"] == "A-17"


# -- ESL ------------------------------------------------------------------------------------------


def test_esl_near_zip_orders_by_area(lep: Any, agency: Path) -> None:
    data = run_json(lep, "esl", "somali", "--near", "56010", "--config", str(agency))
    got = [(r["name"], r["match"], r["supports_language"]) for r in data["resources"]]
    assert got == [
        ("Near Center", "zip", True),
        ("Same Prefix Center", "nearby", True),
        ("Far Center", "distance", True),
        ("Online English", "unknown", False),
    ]


def test_esl_for_a_language_nobody_supports(lep: Any, agency: Path) -> None:
    data = run_json(lep, "esl", "mam", "--config", str(agency))
    assert not any(r["supports_language"] for r in data["resources"])
    assert "taught in English" in lep("esl", "mam", "--config", str(agency)).stdout


def test_esl_bad_zip(lep: Any, agency: Path) -> None:
    result = lep("esl", "so", "--near", "12ab", "--config", str(agency))
    assert result.exit_code == 3
    assert "ZIP" in result.stderr


def test_esl_shipped_file(lep: Any) -> None:
    data = run_json(lep, "esl", "es", "--near", "56001")
    assert data["resources"][0]["name"] == "Cedar Hollow Adult Learning Center"
    assert {"name", "languages", "address", "zips", "areas", "phone", "url", "cost", "schedule", "notes"} <= set(
        data["resources"][0]
    )


def test_closed_specific_line_is_pointed_out(lep: Any, agency: Path) -> None:
    out = lep("lines", "kiche", "--config", str(agency), "--at", "2026-11-24 03:00", "--limit", "1").stdout
    assert "no line for K'iche' specifically is open at that time (Kiche West: closed, opens 12:00)" in out
    assert "Call first: AllLang Vendor" in out
    open_now = lep("lines", "kiche", "--config", str(agency), "--at", "2026-11-24 13:00").stdout
    assert "specifically is open" not in open_now
