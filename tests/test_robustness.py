"""The 2026-12 fault campaign (../shared/review/robustness-2026-12.md, issue 18) as a test suite.

Two halves:
- property-based runs (Hypothesis) over typed text, YAML files (agency phrasebooks, the lines
  file) and model archives: whatever comes in, `lep` answers with a documented exit code and one
  message, never "internal error", never the typed text in a message, and a broken agency file
  never takes the packaged answer away;
- each fixed reproduction of the report as a regression test, named by its report id.

`make test` runs the small "default" profile; the long campaign is
``HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/test_robustness.py`` (profiles in conftest.py).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lepcli.errors import BadInput, ConfigError, ExitCode
from lepcli.files import cache, yamldoc
from lepcli.text import typed

Lep = Callable[..., Any]
REPO = Path(__file__).resolve().parent.parent
LEP = [str(Path(sys.executable).parent / "lep")]
SECRET = "ZEBRA4417"  # stands for what a person typed: never in a message
DOCUMENTED = {int(code) for code in ExitCode} - {int(ExitCode.FAILURE)}


def budget(examples: int) -> settings:
    """``examples`` runs under the default profile, scaled up under HYPOTHESIS_PROFILE=long (2000 / 30)."""
    scale = max(1, settings().max_examples // 30)
    return settings(
        max_examples=examples * scale,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


ES_HEADER = "language: es\nname: Spanish\ntranslations:\n"
ARE_YOU_HURT = """  medical.are_you_hurt:
    text: "¿Está herido?"
    pronunciation: "es-TAH eh-REE-doh"
    status: reviewed
    reviewed_by: "Jane Doe, CHI"
    reviewed_on: {date}
"""


@contextmanager
def agency_folder(files: dict[str, str | bytes]) -> Iterator[Path]:
    """A fresh agency phrasebook folder (a new path each time, so no in-process memo is reused)."""
    old = os.environ.get("LEP_PHRASEBOOKS")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pb"
        folder.mkdir()
        for name, content in files.items():
            data = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
            (folder / name).write_bytes(data)
        os.environ["LEP_PHRASEBOOKS"] = str(folder)
        try:
            yield folder
        finally:
            if old is None:
                os.environ.pop("LEP_PHRASEBOOKS", None)
            else:
                os.environ["LEP_PHRASEBOOKS"] = old


def assert_clean(run: Any, allowed: set[int] | None = None) -> None:
    """A documented exit code, and never an internal error or a traceback."""
    assert run.exit_code in (allowed or DOCUMENTED), (run.exit_code, run.stderr[-500:])
    assert "internal error" not in run.stderr
    assert "Traceback" not in run.stderr


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    """A FIFO, removed afterwards: a FIFO left in /tmp hangs any later test that reads every file there."""
    path = tmp_path / "fifo.yaml"
    os.mkfifo(path)
    yield path
    path.unlink(missing_ok=True)


def run_lep(*args: str, env: dict[str, str] | None = None, timeout: float = 30, **kw: Any) -> Any:
    """`lep` as a subprocess (a real process: streams, signals, caches across runs)."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([*LEP, *args], capture_output=True, env=full_env, timeout=timeout, **kw)


# ================================================================================================
# 1. typed text (property-based)
# ================================================================================================

any_text = st.text(st.characters(codec="utf-8"), max_size=60) | st.text(
    st.sampled_from(["\u0301", "\u064e", "\u05b8", "\u200d", "\u202e", "\ufeff", " ", "\x1b", "?", "a", "é", "\x00"]),
    max_size=20,
)


@given(prefix=any_text, suffix=any_text)
def test_vetting_typed_text_never_fails_otherwise_and_never_quotes_it(prefix: str, suffix: str) -> None:
    text = prefix + SECRET + suffix
    try:
        cleaned = typed.vet(text)
    except BadInput as exc:
        assert SECRET not in exc.message and SECRET not in (exc.hint or "")
    else:
        assert cleaned == cleaned.strip() and unicodedata.is_normalized("NFC", cleaned)


@given(raw=st.binary(max_size=300))
def test_vetting_bytes_never_fails_otherwise(raw: bytes) -> None:
    try:
        typed.vet_bytes(raw)
    except BadInput:
        pass


@budget(40)
@given(text=any_text, target=st.sampled_from(["es", "en", "vi"]))
def test_translate_any_text_gives_a_documented_exit_and_no_echo(lep: Lep, text: str, target: str) -> None:
    run = lep("translate", text + " " + SECRET, "--to", target)
    assert_clean(run)
    assert SECRET not in run.stderr


@budget(25)
@given(marks=st.text(st.characters(categories=["Mn", "Me"]), min_size=1, max_size=8), lead=st.sampled_from(["", "?"]))
def test_h1_m4_combining_marks_alone_are_never_a_phrase(lep: Lep, marks: str, lead: str) -> None:
    for args in (("translate", lead + marks, "--to", "en"), ("translate", lead + marks, "--to", "es")):
        run = lep(*args)
        assert_clean(run)
        assert "phrasebook match" not in run.stdout
    assert_clean(lep("phrase", "search", lead + marks))


# ================================================================================================
# 2. YAML files (property-based)
# ================================================================================================

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.text(max_size=20)
    | st.sampled_from(["2026-02-30", "2026-13-01", "0000-01-01", "9" * 5000, "0x" + "f" * 5000, "1:2:3", "~", ".nan"])
)
yaml_data = st.recursive(
    scalars,
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids, max_size=4),
    max_leaves=12,
)
hostile_lines = st.sampled_from(
    [
        "x: &x [*x]",
        "a: &a [lol, lol]\nb: [*a, *a, *a]",
        "m: &m {k: 1}\nn:\n  <<: *m",
        "d: 2026-02-30",
        "d: 2026-13-01 10:00:00",
        "y: 0000-01-01",
        "n: " + "7" * 4400,
        "t:\t1",
        "c: \x07",
        "deep: " + "[" * 60 + "]" * 60,
        "key: [unclosed",
        "!!python/object/apply:os.system ['touch /tmp/lep-canary']",
        "? [a, b]\n: c",
        "2026-02-30: keyed by a bad date",
    ]
)


def yaml_text(data: Any, extra: list[str]) -> str:
    import yaml

    return yaml.safe_dump(data, allow_unicode=True) + "\n".join(extra) + "\n"


@given(data=yaml_data, extra=st.lists(hostile_lines, max_size=3))
def test_yaml_loader_answers_with_a_doc_or_a_located_config_error(data: Any, extra: list[str]) -> None:
    text = yaml_text({"root": data}, extra)
    try:
        doc = yamldoc.parse(Path("agency.yaml"), text.encode("utf-8"))
    except ConfigError as exc:
        assert exc.file == "agency.yaml"
    else:
        for _key, line, message in doc.invalid:
            assert line >= 1 and message
        json.dumps(doc.data, default=str)  # plain data: no node graph, no recursion
    assert not Path("/tmp/lep-canary").exists()


@given(raw=st.binary(max_size=400))
def test_yaml_loader_on_random_bytes(raw: bytes) -> None:
    try:
        yamldoc.parse(Path("x.yaml"), raw)
    except ConfigError:
        pass


translation_entry = st.fixed_dictionaries(
    {},
    optional={
        "text": scalars | st.just("¿Le duele?"),
        "pronunciation": scalars,
        "romanization": scalars,
        "status": st.sampled_from(["reviewed", "draft", "machine", "bogus"]) | scalars,
        "reviewed_by": scalars,
        "reviewed_on": scalars | st.dates().map(str),
        "notes": scalars,
        "variants": yaml_data,
        "unknown": scalars,
    },
)
phrase_ids = st.sampled_from(["medical.are_you_hurt", "medical.where_pain", "nope.nope", "BAD ID", "1"])


@budget(25)
@given(
    entries=st.dictionaries(phrase_ids, translation_entry | yaml_data, max_size=4),
    extra=st.lists(hostile_lines, max_size=2),
    header=st.booleans(),
)
def test_a_broken_agency_phrasebook_never_takes_the_packaged_answer_away(
    lep: Lep, entries: dict[str, Any], extra: list[str], header: bool
) -> None:
    import yaml

    body = {"language": "es", "name": "Spanish", "translations": entries} if header else entries
    text = yaml.safe_dump(body, allow_unicode=True) + "\n".join(extra) + "\n"
    with agency_folder({"es.yaml": text}):
        run = lep("translate", "Are you hurt?", "--to", "es")
        assert_clean(run, {0})
        assert "herid" in run.stdout or "Le duele" in run.stdout or "medical.are_you_hurt" in run.stdout
        other = lep("translate", "Are you hurt?", "--to", "vi")
        assert_clean(other, {0})


@budget(20)
@given(extra=st.lists(hostile_lines, min_size=1, max_size=2), at=st.integers(min_value=0, max_value=40))
def test_a_broken_lines_file_is_a_config_error_never_an_internal_one(lep: Lep, extra: list[str], at: int) -> None:
    lines = (REPO / "language_lines.yaml").read_text(encoding="utf-8").splitlines()
    at = min(at, len(lines))
    text = "\n".join(lines[:at] + extra + lines[at:]) + "\n"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "lines.yaml"
        path.write_text(text, encoding="utf-8")
        assert_clean(lep("config", "check", str(path)), {0, 5})
        assert_clean(lep("lines", "es", "--config", str(path)), {0, 4, 5})


# ================================================================================================
# 3. model archives (property-based; needs the mt extra)
# ================================================================================================


@pytest.fixture(scope="module")
def package_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("ctranslate2")
    pytest.importorskip("sentencepiece")
    from tests.mt_fixtures import build_package_dir

    return build_package_dir(tmp_path_factory.mktemp("pkg") / "translate-en_es-1_0", seed=1, stop_after=5)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=6), kids, max_size=3),
    max_leaves=6,
)
member_names = st.sampled_from(
    ["../evil.txt", "/abs.txt", "translate-en_es-1_0/../../x", "other/x", "translate-en_es-1_0/a\nb", "C:\\x"]
) | st.text(min_size=1, max_size=30)


@budget(12)
@given(
    meta=st.dictionaries(
        st.sampled_from(["from_code", "to_code", "package_version", "type", "languages"]), json_values, max_size=3
    ),
    member=st.none() | member_names,
    cut=st.none() | st.integers(min_value=0, max_value=4000),
)
def test_a_hostile_model_archive_is_refused_cleanly_and_writes_nothing_outside(
    lep: Lep, package_dir: Path, meta: dict[str, Any], member: str | None, cut: int | None
) -> None:
    import shutil

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        home = root / "home"
        folder = root / "translate-en_es-1_0"
        shutil.copytree(package_dir, folder)
        metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
        metadata.update(meta)
        (folder / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
        archive = root / "pkg.argosmodel"
        from tests.mt_fixtures import zip_folder

        zip_folder(folder, archive)
        if member is not None:
            with zipfile.ZipFile(archive, "a") as zf:
                zf.writestr(member, b"hostile")
        if cut is not None:
            data = archive.read_bytes()
            archive.write_bytes(data[: len(data) - cut - 1])
        before = sorted(p.name for p in root.iterdir())
        old = os.environ["LEP_HOME"]
        os.environ["LEP_HOME"] = str(home)
        try:
            run = lep("models", "install", str(archive), "--json")
            assert_clean(run, {0, 4, 8, 9, 10})
            assert_clean(lep("models", "list"), {0})
        finally:
            os.environ["LEP_HOME"] = old
        assert sorted(p.name for p in root.iterdir() if p.name != "home") == before
        assert not (root / "evil.txt").exists() and not Path("/abs.txt").exists()


# ================================================================================================
# 4. regressions: each fixed reproduction of the report
# ================================================================================================


@pytest.mark.parametrize("value", ["2026-02-30", "2026-13-01", "0000-01-01"])
def test_h2_an_impossible_date_is_a_field_warning_and_every_language_keeps_working(lep: Lep, value: str) -> None:
    with agency_folder({"es.yaml": ES_HEADER + ARE_YOU_HURT.format(date=value)}) as folder:
        run = lep("translate", "Are you hurt?", "--to", "es")
        assert run.exit_code == 0
        assert "¿Está herido?" in run.stdout  # the agency entry still answers...
        assert "REVIEWED" not in run.stdout  # ...but not as reviewed: its date is not a date
        assert f"{folder / 'es.yaml'}:9: medical.are_you_hurt.reviewed_on: not a real date" in run.stderr
        assert lep("translate", "Where is the pain?", "--to", "vi").exit_code == 0
        check = lep("phrase", "check", "--json")
        assert check.exit_code == 5
        assert "not a real date" in check.stdout


def test_h2_a_huge_integer_is_a_field_warning(lep: Lep) -> None:
    text = ES_HEADER + ARE_YOU_HURT.format(date="2026-11-20") + "    notes: " + "9" * 5000 + "\n"
    with agency_folder({"es.yaml": text}):
        run = lep("translate", "Are you hurt?", "--to", "es")
        assert run.exit_code == 0
        assert "medical.are_you_hurt.notes: not a number lepcli can read (too many digits)" in run.stderr


def test_h2_a_bad_date_in_the_lines_file_is_a_config_error(lep: Lep, tmp_path: Path) -> None:
    text = (REPO / "language_lines.yaml").read_text(encoding="utf-8")
    marker = "\n    priority:"
    assert marker in text
    path = tmp_path / "lines.yaml"
    path.write_text(text.replace(marker, "\n    closed_dates: [2026-02-30]" + marker, 1), encoding="utf-8")
    run = lep("config", "check", str(path))
    assert run.exit_code == 5
    assert "closed_dates" in run.stdout + run.stderr and "internal error" not in run.stderr
    assert_clean(lep("lines", "es", "--config", str(path)), {0, 5})


def _bomb(levels: int) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    prev = "a"
    for i in range(levels):
        lines.append(f"l{i}: &l{i} [" + ",".join([f"*{prev}"] * 9) + "]")
        prev = f"l{i}"
    return "\n".join(lines) + "\n"


def test_m1_an_alias_bomb_is_refused_at_once_and_the_packaged_answer_stays(lep: Lep) -> None:
    with agency_folder({"es.yaml": ES_HEADER.replace("translations:\n", "translations: {}\n") + _bomb(8)}):
        start = time.monotonic()
        run = lep("translate", "Are you hurt?", "--to", "es")
        assert time.monotonic() - start < 10  # was 112 s and 8.9 GB
        assert run.exit_code == 0 and "herid" in run.stdout
        assert "aliases (*name) and merge keys (<<) are not allowed" in run.stderr


def test_m1_a_self_referencing_alias_is_a_config_error(lep: Lep, tmp_path: Path) -> None:
    with agency_folder({"es.yaml": "language: es\nname: Spanish\ntranslations: {}\nx: &x [*x]\n"}) as folder:
        run = lep("translate", "Are you hurt?", "--to", "es")
        assert run.exit_code == 0
        assert f"{folder / 'es.yaml'}:4: x: aliases" in run.stderr
    lines = tmp_path / "lines.yaml"
    lines.write_text((REPO / "language_lines.yaml").read_text(encoding="utf-8") + _bomb(9), encoding="utf-8")
    for args in (("config", "check", str(lines)), ("lines", "es", "--config", str(lines))):
        run = lep(*args)
        assert run.exit_code == 5
        assert "aliases" in run.stdout + run.stderr


def test_m1_nesting_is_capped(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="nested too deeply"):
        yamldoc.parse(tmp_path / "x.yaml", ("x: " + "[" * 60 + "]" * 60).encode())
    with pytest.raises(ConfigError, match="nest"):
        yamldoc.parse(tmp_path / "x.yaml", ("x: " + "[" * 100_000 + "]" * 100_000).encode())


LONG = "a" * 300


def test_m5_config_init_name_too_long_names_the_path_and_reason(lep: Lep, tmp_path: Path) -> None:
    run = lep("config", "init", str(tmp_path / f"{LONG}.yaml"))
    assert run.exit_code == ExitCode.CANNOT_WRITE
    assert LONG in run.stderr and "File name too long" in run.stderr
    (tmp_path / "file").write_text("x")
    run = lep("config", "init", str(tmp_path / "file" / "x.yaml"))
    assert run.exit_code == ExitCode.CANNOT_WRITE and "Not a directory" in run.stderr


def test_m5_config_paths_the_os_refuses_are_config_errors(lep: Lep, tmp_path: Path) -> None:
    bad = str(tmp_path / f"{LONG}.yaml")
    for args in (("config", "check", bad), ("config", "path", "--config", bad), ("lines", "es", "--config", bad)):
        run = lep(*args)
        assert run.exit_code == ExitCode.CONFIG, args
        assert f"{bad}: cannot read: File name too long" in run.stderr


def test_m5_models_install_name_too_long(lep: Lep, tmp_path: Path) -> None:
    run = lep("models", "install", str(tmp_path / f"{LONG}.argosmodel"), "--json")
    assert run.exit_code == ExitCode.CANNOT_WRITE
    assert json.loads(run.stdout)["error"] == "CannotWrite"


def test_m5_models_install_read_only_models_folder(lep: Lep, tmp_path: Path, package_dir: Path) -> None:
    from tests.mt_fixtures import zip_folder

    if os.geteuid() == 0:
        pytest.skip("root ignores folder permissions")
    archive = zip_folder(package_dir, tmp_path / "p.argosmodel")
    home = Path(os.environ["LEP_HOME"])
    home.mkdir(parents=True)
    home.chmod(0o500)
    try:
        run = lep("models", "install", str(archive))
    finally:
        home.chmod(0o700)
    assert run.exit_code == ExitCode.CANNOT_WRITE
    assert "Permission denied" in run.stderr


def test_l3_undecodable_argument_bytes_give_a_message_not_a_traceback(tmp_path: Path) -> None:
    env = {"PYTHONIOENCODING": "utf-8:strict", "LEP_HOME": str(tmp_path / "home")}
    run = run_lep(os.fsdecode(b"phrase"), "show", os.fsdecode(b"\xff"), "--json", env=env)
    assert run.returncode == ExitCode.NOT_FOUND
    assert b"Traceback" not in run.stderr
    assert json.loads(run.stdout)["error"] == "NotFound"
    out = tmp_path / os.fsdecode(b"x\xff.json")
    run = run_lep("export", "phrasebook", "--lang", "es", "-o", str(out), "--json", env=env, timeout=60)
    assert run.returncode == 0 and b"Traceback" not in run.stderr
    assert out.exists() and json.loads(run.stdout)


def test_l5_a_fifo_or_dev_zero_in_the_agency_folder_is_skipped(lep: Lep) -> None:
    with agency_folder({}) as folder:
        os.mkfifo(folder / "es.yaml")
        os.symlink("/dev/zero", folder / "en.yaml")
        start = time.monotonic()
        run = lep("translate", "Are you hurt?", "--to", "es")
        assert time.monotonic() - start < 10
        assert run.exit_code == 0 and "herid" in run.stdout
        assert "es.yaml: is not a regular file" in run.stderr
        assert "en.yaml: is not a regular file" in run.stderr


def test_l5_a_fifo_or_device_as_the_lines_file(lep: Lep, fifo: Path) -> None:
    for path in (str(fifo), "/dev/zero"):
        run = lep("lines", "es", "--config", path)
        assert run.exit_code == ExitCode.CONFIG
        assert "not a regular file" in run.stderr


def test_l5_detect_file_reads_pipes_and_devices_with_a_cap(
    lep: Lep, tmp_path: Path, fifo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lepcli.files import reading

    monkeypatch.setattr(reading, "PIPE_WAIT_SECONDS", 0.3)
    writer = os.open(fifo, os.O_RDWR)  # a writer that never writes
    try:
        run = lep("detect", "--file", str(fifo))
    finally:
        os.close(writer)
    assert run.exit_code == ExitCode.BAD_INPUT and "nothing arrived from the pipe" in run.stderr
    assert lep("detect", "--file", "/dev/zero").exit_code == ExitCode.BAD_INPUT
    assert lep("detect", "--file", str(tmp_path)).exit_code == ExitCode.BAD_INPUT
    read_end, write_end = os.pipe()
    os.write(write_end, "¿Dónde está el hospital? Necesito ayuda".encode())
    os.close(write_end)
    try:
        run = lep("detect", "--file", f"/proc/self/fd/{read_end}", "--json")
    finally:
        os.close(read_end)
    assert run.exit_code == 0 and json.loads(run.stdout)["language"] == "es"


def test_l11_an_edit_keeping_size_and_mtime_is_never_stale(tmp_path: Path) -> None:
    folder = tmp_path / "pb"
    folder.mkdir()
    path = folder / "es.yaml"
    env = {"LEP_HOME": str(tmp_path / "home"), "LEP_PHRASEBOOKS": str(folder)}
    path.write_text(ES_HEADER + ARE_YOU_HURT.format(date="2026-11-20").replace("herido", "HERIDO"), encoding="utf-8")
    os.utime(path, ns=(1_767_225_600_000_000_000, 1_767_225_600_000_000_000))
    first = run_lep("translate", "Are you hurt?", "--to", "es", env=env)
    assert "HERIDO" in first.stdout.decode()
    path.write_text(ES_HEADER + ARE_YOU_HURT.format(date="2026-11-20").replace("herido", "HERIDA"), encoding="utf-8")
    os.utime(path, ns=(1_767_225_600_000_000_000, 1_767_225_600_000_000_000))  # what cp -p / tar / rsync -a do
    second = run_lep("translate", "Are you hurt?", "--to", "es", env=env)
    assert "HERIDA" in second.stdout.decode() and "HERIDO" not in second.stdout.decode()


def test_l11_an_english_master_edit_keeping_size_and_mtime_is_never_stale(tmp_path: Path) -> None:
    """The merged phrasebook is cached whole (marshal) too: its key is every file's content, not its stamp."""
    folder = tmp_path / "pb"
    folder.mkdir()
    path = folder / "en.yaml"
    env = {"LEP_HOME": str(tmp_path / "home"), "LEP_PHRASEBOOKS": str(folder)}
    body = (
        "language: en\ncategories:\n  agency: Our agency\nphrases:\n"
        "  - id: agency.bodycam\n    text: I am recording with a {word} camera.\n    category: agency\n"
    )
    stamp = (1_767_225_600_000_000_000, 1_767_225_600_000_000_000)
    for word in ("body", "dash"):  # same length: same size, and the same mtime, as cp -p / tar / rsync -a leave it
        path.write_text(body.format(word=word), encoding="utf-8")
        os.utime(path, ns=stamp)
        shown = run_lep("phrase", "show", "agency.bodycam", env=env).stdout.decode()
        assert f"I am recording with a {word} camera." in shown


def test_l11_cache_keys_on_content(tmp_path: Path) -> None:
    source = tmp_path / "f.yaml"
    cache.put("t", source, b"one", [1], {"v": 1})
    assert cache.get("t", source, b"one", [1]) == {"v": 1}
    assert cache.get("t", source, b"two", [1]) is None  # same size, other bytes
    assert cache.get("t", source, b"one", [2]) is None  # other code version


def test_l12_an_interrupted_import_is_an_interruption(lep: Lep, monkeypatch: pytest.MonkeyPatch) -> None:
    from lepcli.errors import Unavailable
    from lepcli.mt import archive

    def install(path: Path, **kw: Any) -> Any:
        try:
            raise KeyboardInterrupt  # Ctrl-C while ctranslate2 was importing
        except KeyboardInterrupt:
            raise Unavailable("machine translation needs the 'mt' extra") from None

    monkeypatch.setattr(archive, "install", install)
    run = lep("models", "install", "x.argosmodel")
    assert run.exit_code == ExitCode.INTERRUPTED
    assert "interrupted" in run.stderr and "extra" not in run.stderr


def test_l13_lep_debug_prints_frames_but_not_what_was_typed(lep: Lep, monkeypatch: pytest.MonkeyPatch) -> None:
    import lepcli.translate as translate_mod

    def translate(text: str, *args: Any, **kw: Any) -> Any:
        raise ValueError("cannot encode " + text)  # a library quoting its input

    monkeypatch.setattr(translate_mod, "translate", translate)
    monkeypatch.setenv("LEP_DEBUG", "1")
    run = lep("translate", f"my husband hit me {SECRET}", "--to", "es")
    assert run.exit_code == ExitCode.FAILURE
    assert "Traceback" in run.stderr and "builtins.ValueError" in run.stderr and "in translate" in run.stderr
    assert SECRET not in run.stderr and "husband" not in run.stderr


def test_l14_a_prompt_at_end_of_input_is_bad_input(lep: Lep) -> None:
    run = lep("ispeak", "--pick", input="")
    assert run.exit_code == ExitCode.BAD_INPUT


def test_sigterm_unwinds_like_ctrl_c(tmp_path: Path, fifo: Path) -> None:
    writer = os.open(fifo, os.O_RDWR)
    try:
        env = {**os.environ, "LEP_HOME": str(tmp_path / "home")}
        proc = subprocess.Popen([*LEP, "detect", "--file", str(fifo)], stderr=subprocess.PIPE, env=env)
        time.sleep(1.5)  # waiting on the silent pipe
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=20)
    finally:
        os.close(writer)
    assert proc.returncode == ExitCode.INTERRUPTED
    assert b"interrupted" in err and b"Traceback" not in err


def test_cosmetic_sizes_control_characters_and_utf16(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(int(21.5 * 1024 * 1024))
    with pytest.raises(ConfigError, match=r"too large \(21\.5 MB; the limit is 20 MB\)"):
        yamldoc.load(big)
    with pytest.raises(ConfigError) as info:
        yamldoc.parse(tmp_path / "c.yaml", b"a: b\nc: d\ne: \x07\n")
    assert info.value.line == 3 and "U+0007" in info.value.message
    with pytest.raises(ConfigError, match="UTF-16"):
        yamldoc.parse(tmp_path / "u.yaml", "a: b\n".encode("utf-16"))
