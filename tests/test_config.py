"""`lep config check|init|path` and bad language_lines.yaml files: every error with file:line:field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent

GOOD_LINE = """\
  - name: Vendor
    kind: vendor
    phone: (555) 555-0100
    client_id: "V-1"
    languages: all
    hours: 24/7
"""


def write(tmp_path: Path, body: str, name: str = "lines.yaml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def config_file(tmp_path: Path, extra_line: str) -> Path:
    return write(tmp_path, "agency: Test PD\ntimezone: America/Chicago\nlines:\n" + GOOD_LINE + extra_line)


def check(lep: Any, path: Path) -> tuple[int, dict[str, Any]]:
    result = lep("config", "check", str(path), "--json")
    data = result.json()
    assert isinstance(data, dict)
    return result.exit_code, data


def only_error(data: dict[str, Any]) -> dict[str, Any]:
    assert len(data["errors"]) == 1, data["errors"]
    error = data["errors"][0]
    assert isinstance(error, dict)
    return error


# -- every error class, with file:line:field -------------------------------------------------------

CASES = [
    (
        "bad phone",
        "  - {name: B, kind: staff, phone: 555-01, languages: [es], hours: 24/7, qualification: certified}\n",
        10,
        "lines.1.phone",
        "10 digits",
    ),
    (
        "letters in phone",
        "  - {name: B, kind: staff, phone: CALL-BOB, languages: [es], hours: 24/7, qualification: certified}\n",
        10,
        "lines.1.phone",
        "letters",
    ),
    (
        "unknown language",
        "  - name: B\n    kind: staff\n    phone: (555) 555-0101\n    languages: [es, klingonese]\n"
        "    hours: 24/7\n    qualification: certified\n",
        13,
        "lines.1.languages.1",
        "unknown language",
    ),
    (
        "hours that do not parse",
        "  - name: B\n    kind: staff\n    phone: (555) 555-0101\n    languages: [es]\n"
        "    hours: Mondays 9 till 5\n    qualification: certified\n",
        14,
        "lines.1.hours",
        "unknown day 'mondays'",
    ),
    (
        "bad time",
        "  - name: B\n    kind: staff\n    phone: (555) 555-0101\n    languages: [es]\n"
        "    hours: Mon-Fri 08:00-25:00\n    qualification: certified\n",
        14,
        "lines.1.hours",
        "not a time of day",
    ),
    (
        "duplicate name",
        "  - {name: vendor, kind: staff, phone: (555) 555-0101, languages: [es], hours: 24/7,"
        " qualification: certified}\n",
        10,
        "lines.1.name",
        "duplicate name",
    ),
    (
        "vendor without client ID",
        "  - name: B\n    kind: vendor\n    phone: (555) 555-0101\n    languages: all\n    hours: 24/7\n",
        10,
        "lines.1.client_id",
        "needs a client ID",
    ),
    (
        "unquoted PIN",
        '  - name: B\n    kind: vendor\n    phone: (555) 555-0101\n    client_id: "X"\n    pin: 0417\n'
        "    languages: all\n    hours: 24/7\n",
        14,
        "lines.1.pin",
        "quoted",
    ),
    (
        "wrong kind",
        "  - {name: B, kind: cousin, phone: (555) 555-0101, languages: [es], hours: 24/7}\n",
        10,
        "lines.1.kind",
        "one of vendor, staff, volunteer, hotline",
    ),
    (
        "wrong type for priority",
        "  - name: B\n    kind: staff\n    phone: (555) 555-0101\n    languages: [es]\n    hours: 24/7\n"
        "    qualification: certified\n    priority: high\n",
        16,
        "lines.1.priority",
        "whole number",
    ),
    (
        "languages as a mapping",
        "  - name: B\n    kind: staff\n    phone: (555) 555-0101\n    languages: {es: yes}\n    hours: 24/7\n"
        "    qualification: certified\n",
        13,
        "lines.1.languages",
        "must be a list",
    ),
    (
        "bad line timezone",
        "  - name: B\n    kind: staff\n    phone: (555) 555-0101\n    languages: [es]\n    hours: 24/7\n"
        "    qualification: certified\n    timezone: Mars/Olympus\n",
        16,
        "lines.1.timezone",
        "unknown time zone",
    ),
    (
        "unknown script placeholder",
        "  - name: B\n    kind: staff\n    phone: (555) 555-0101\n    languages: [es]\n    hours: 24/7\n"
        "    qualification: certified\n    script: ['Say {badge}']\n",
        16,
        "lines.1.script.0",
        "unknown placeholder",
    ),
    (
        "duplicate key",
        "  - name: B\n    kind: staff\n    phone: (555) 555-0101\n    phone: (555) 555-0102\n"
        "    languages: [es]\n    hours: 24/7\n    qualification: certified\n",
        13,
        "lines.1.phone",
        "given twice",
    ),
]


@pytest.mark.parametrize(("label", "extra", "line", "field", "words"), CASES, ids=[c[0] for c in CASES])
def test_config_check_names_file_line_and_field(
    lep: Any, tmp_path: Path, label: str, extra: str, line: int, field: str, words: str
) -> None:
    path = config_file(tmp_path, extra)
    code, data = check(lep, path)
    assert code == 5, label
    assert data["ok"] is False
    error = only_error(data)
    assert (error["file"], error["line"], error["field"]) == (str(path), line, field)
    assert words in error["message"]
    text = lep("config", "check", str(path))
    assert f"{path}:{line}: {field}:" in text.stdout
    # `lep lines` with the same file skips the broken entry with a file:line:field warning and
    # keeps every other line working (the dispatcher still gets a number), no traceback
    used = lep("lines", "es", "--config", str(path))
    assert used.exit_code == 0, used.stderr
    assert f"{path}:{line}: {field}:" in used.stderr and "entry skipped" in used.stderr
    assert "Traceback" not in used.stderr + used.stdout
    data = lep("lines", "es", "--config", str(path), "--json").json()
    assert "B" not in [x["name"] for x in data["lines"]] and data["skipped"]


def test_unknown_fields_warn_but_pass(lep: Any, tmp_path: Path) -> None:
    path = config_file(
        tmp_path,
        "  - {name: B, kind: staff, phone: (555) 555-0101, languages: [es], hours: 24/7,"
        " qualification: certified, langauges_extra: 1}\n",
    )
    path.write_text(path.read_text(encoding="utf-8") + "agncy_code: 7\n", encoding="utf-8")
    code, data = check(lep, path)
    assert code == 0 and data["ok"] is True and data["errors"] == []
    fields = {(w["line"], w["field"]) for w in data["warnings"]}
    assert (10, "lines.1.langauges_extra") in fields
    assert (11, "agncy_code") in fields
    # a file with warnings still works
    assert lep("lines", "es", "--config", str(path)).exit_code == 0


def test_staff_without_qualification_is_treated_as_conversational(lep: Any, tmp_path: Path) -> None:
    path = config_file(tmp_path, "  - {name: B, kind: staff, phone: (555) 555-0101, languages: [es], hours: 24/7}\n")
    code, data = check(lep, path)
    assert code == 0
    assert data["warnings"][0]["field"] == "lines.1.qualification"
    answer = lep("lines", "es", "--config", str(path), "--json").json()
    assert isinstance(answer, dict)
    staff = next(x for x in answer["lines"] if x["name"] == "B")
    assert staff["qualification"] == "conversational" and staff["for_interviews"] is False


def test_ambiguous_and_misspelled_languages_warn(lep: Any, tmp_path: Path) -> None:
    path = config_file(
        tmp_path,
        "  - name: B\n    kind: staff\n    phone: (555) 555-0101\n    languages: [chinese, vietnamise]\n"
        "    hours: 24/7\n    qualification: certified\n",
    )
    code, data = check(lep, path)
    assert code == 0
    messages = {w["field"]: w["message"] for w in data["warnings"]}
    assert "ambiguous" in messages["lines.1.languages.0"]
    assert "taken as Vietnamese" in messages["lines.1.languages.1"]


def test_many_errors_are_all_reported(lep: Any, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "agency: X\ntimezone: Nowhere/Land\nlines:\n  - {name: A, kind: staff, phone: '12', languages: [zz-top],"
        " hours: sometimes}\n",
    )
    code, data = check(lep, path)
    assert code == 5
    fields = [e["field"] for e in data["errors"]]
    assert fields == ["timezone", "lines.0.phone", "lines.0.languages.0", "lines.0.hours"]
    used = lep("lines", "es", "--config", str(path))
    assert used.exit_code == 5 and "4 problems in all" in used.stderr and "lep config check" in used.stderr


# -- whole-file problems ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "words", "line"),
    [
        ("agency: [unclosed\ntimezone: UTC\n", "invalid YAML", 2),
        ("- just\n- a list\n", "must be a mapping", 1),
        ("", "file is empty", 1),
        ("# only a comment\n", "file is empty", 1),
        ("agency: A\ntimezone: UTC\n", "missing (required)", 1),
        ("agency: A\ntimezone: UTC\nlines: {a: 1}\n", "must be a list of lines", 3),
        ("agency: A\ntimezone: 5\nlines: []\n", "unknown time zone", 2),
    ],
)
def test_bad_files_exit_5_with_a_clear_message(lep: Any, tmp_path: Path, body: str, words: str, line: int) -> None:
    path = write(tmp_path, body)
    result = lep("lines", "es", "--config", str(path))
    assert result.exit_code == 5
    assert words in result.stderr
    assert f"{path}:{line}" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    code, data = check(lep, path)
    assert code == 5 and data["errors"][0]["line"] == line


def test_binary_file(lep: Any, tmp_path: Path) -> None:
    path = tmp_path / "lines.yaml"
    path.write_bytes(b"\x00\x01\x02garbage")
    result = lep("lines", "es", "--config", str(path))
    assert result.exit_code == 5 and "binary" in result.stderr


def test_missing_config_file(lep: Any, tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = lep("lines", "es", "--config", str(missing))
    assert result.exit_code == 5
    assert "file not found" in result.stderr and str(missing) in result.stderr
    assert "lep config init" in result.stderr
    assert lep("config", "check", str(missing)).exit_code == 5


def test_missing_file_from_env(lep: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEP_LINES", str(tmp_path / "gone.yaml"))
    result = lep("lines", "es", "--json")
    assert result.exit_code == 5
    data = result.json()
    assert isinstance(data, dict) and data["exit_code"] == 5 and "$LEP_LINES" in data["message"]


# -- init and path -----------------------------------------------------------------------------------


def test_init_writes_a_valid_commented_template(lep: Any, lep_home: Path) -> None:
    result = lep("config", "init", "--json")
    assert result.exit_code == 0
    data = result.json()
    assert isinstance(data, dict)
    target = lep_home / "config" / "language_lines.yaml"
    assert data == {"path": str(target), "written": True, "replaced": False}
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# language_lines.yaml") and text.count("#") > 20
    code, report = check(lep, target)
    assert code == 0 and report["ok"] is True
    assert {w["field"] for w in report["warnings"]} == {"lines.0.client_id", "lines.0.pin"}  # REPLACE-ME values
    # it is now the file in use
    path = lep("config", "path", "--json").json()
    assert isinstance(path, dict)
    assert path["path"] == str(target) and path["source"] == "user config" and path["exists"] is True


def test_init_refuses_to_overwrite_without_force(lep: Any, tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("agency: keep me\n", encoding="utf-8")
    result = lep("config", "init", str(target))
    assert result.exit_code == 9
    assert target.read_text(encoding="utf-8") == "agency: keep me\n"
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left behind
    forced = lep("config", "init", str(target), "--force", "--json")
    assert forced.exit_code == 0
    data = forced.json()
    assert isinstance(data, dict) and data["replaced"] is True
    assert "REPLACE-ME" in target.read_text(encoding="utf-8")


def test_path_shows_search_order(lep: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    data = lep("config", "path", "--json").json()
    assert isinstance(data, dict)
    assert data["source"] == "packaged example"
    assert [s["source"] for s in data["search"]] == ["$LEP_LINES", "user config", "packaged example"]
    mine = write(tmp_path, "agency: A\n")
    monkeypatch.setenv("LEP_LINES", str(mine))
    data = lep("config", "path", "--json").json()
    assert isinstance(data, dict)
    assert data["path"] == str(mine) and data["source"] == "$LEP_LINES"
    text = lep("config", "path").stdout
    assert "search order" in text and str(mine) in text


def test_check_the_file_in_use(lep: Any) -> None:
    result = lep("config", "check")
    assert result.exit_code == 0
    assert "OK" in result.stdout and "packaged example" in result.stdout


# -- values Python cannot hold, and whole-file vs entry problems (review H2, L2, L6) ----------------


@pytest.mark.parametrize(
    ("value", "field", "words"),
    [
        ("closed_dates: [2026-02-30]", "lines.1.closed_dates.0", "not a real date"),
        ("closed_dates: [2026-13-01]", "lines.1.closed_dates.0", "not a real date"),
        ("closed_dates: [0000-01-01]", "lines.1.closed_dates.0", "not a real date"),
        ("priority: " + "9" * 5000, "lines.1.priority", "whole number"),
    ],
)
def test_impossible_dates_and_huge_numbers_skip_only_their_line(
    lep: Any, tmp_path: Path, value: str, field: str, words: str
) -> None:
    path = config_file(
        tmp_path,
        "  - {name: B, kind: staff, phone: (555) 555-0101, languages: [es], hours: 24/7,"
        f" qualification: certified, {value}}}\n",
    )
    code, data = check(lep, path)
    assert code == 5
    error = only_error(data)
    assert (error["file"], error["line"], error["field"]) == (str(path), 10, field)
    assert words in error["message"]
    used = lep("lines", "es", "--config", str(path))
    assert used.exit_code == 0 and "internal error" not in used.stderr
    assert f"{path}:10: {field}:" in used.stderr
    assert "Vendor" in used.stdout  # the good line still answers


def test_control_characters_in_the_file_warn_and_never_reach_the_terminal(lep: Any, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'agency: "Test\\e[31m Agency\\a"\ntimezone: UTC\nlines:\n' + GOOD_LINE + '    notes: "\\e]0;pwn\\a\\e[2Jok"\n',
    )
    code, data = check(lep, path)
    assert code == 0
    assert {w["field"] for w in data["warnings"]} >= {"agency", "lines.0.notes"}
    for args in (("lines", "es", "--all"), ("config", "check", str(path))):
        out = lep(*args[:1], *args[1:], *(("--config", str(path)) if args[0] == "lines" else ()))
        assert "\x1b" not in out.stdout and "\x07" not in out.stdout
    assert "Test[31m Agency" in lep("lines", "es", "--config", str(path)).stdout
