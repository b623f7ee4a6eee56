"""Offline machine translation: `lep models ...`, lepcli.mt.machine_translate, safe install, parity.

Every package here is built in-process by tests/mt_fixtures.py (random weights, so the output is
gibberish): what is tested is the real install -> load -> split -> tokenize -> translate path.
The network is blocked for the whole suite (pytest-socket).
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("ctranslate2")
pytest.importorskip("sentencepiece")

from lepcli import errors  # noqa: E402
from lepcli.mt import archive as package  # noqa: E402
from lepcli.mt import engine, installed, machine_translate  # noqa: E402
from lepcli.mt.sentences import split_sentences  # noqa: E402
from tests.mt_fixtures import build_argosmodel, build_package_dir, zip_folder  # noqa: E402

Lep = Callable[..., Any]


# -- fixtures ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def archives(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Tiny valid packages, built once: en->es, es->en, en->fr (different seeds)."""
    out = tmp_path_factory.mktemp("argosmodels")
    return {
        "en_es": build_argosmodel(out / "en_es", from_code="en", to_code="es", seed=1, stop_after=5),
        "es_en": build_argosmodel(out / "es_en", from_code="es", to_code="en", seed=2, stop_after=5),
        "en_fr": build_argosmodel(out / "en_fr", from_code="en", to_code="fr", seed=3, stop_after=5),
    }


@pytest.fixture(scope="session")
def package_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An unzipped en->es package folder, for crafting broken archives."""
    return build_package_dir(tmp_path_factory.mktemp("pkgdir") / "translate-en_es-1_0", seed=1, stop_after=5)


@pytest.fixture(autouse=True)
def isolated_argos(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point argostranslate's packages folder at an empty tmp folder; fresh translator cache."""
    folder = tmp_path / "argos-packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(folder))
    engine.clear_cache()
    return folder


def models_dir() -> Path:
    return Path(os.environ["LEP_HOME"]) / "data" / "models"


def leftovers() -> list[str]:
    """Everything in the models folder except installed packages and the lock file."""
    folder = models_dir()
    if not folder.exists():
        return []
    return sorted(p.name for p in folder.iterdir() if p.name != ".lock" and p.name.startswith("."))


def install(lep: Lep, archive: Path, *extra: str) -> Any:
    run = lep("models", "install", str(archive), "--json", *extra)
    assert run.exit_code == 0, run.stderr
    return run.json()


# -- the whole path through the CLI ------------------------------------------------------------


def test_install_list_translate_verify_remove(lep: Lep, archives: dict[str, Path]) -> None:
    data = install(lep, archives["en_es"])
    assert [m["pair"] for m in data["installed"]] == ["en->es"]
    model = data["installed"][0]
    assert set(model) == {"pair", "source", "target", "version", "size_bytes", "tokenizer", "origin", "path"}
    assert model["origin"] == "lepcli" and model["version"] == "1.0" and model["size_bytes"] > 100_000
    assert model["tokenizer"] == "sentencepiece"
    assert Path(model["path"]).parent == models_dir()

    listed = lep("models", "list", "--json")
    assert listed.exit_code == 0
    assert [m["pair"] for m in listed.json()["models"]] == ["en->es"]
    plain = lep("models", "list")
    assert "en->es" in plain.stdout and "1.0" in plain.stdout

    out = machine_translate(["Are you hurt? Please sit down.", "Wait here."], "en", "es")
    assert len(out) == 2 and all(isinstance(t, str) and t.strip() for t in out)

    verified = lep("models", "verify", "--json")
    assert verified.exit_code == 0, verified.stdout
    assert verified.json()["ok"] is True
    assert verified.json()["models"][0]["status"] == "ok"

    lang = lep("lang", "spanish", "--json")
    assert lang.json()["help"]["models"] == ["en->es"]

    removed = lep("models", "remove", "en->es", "--json")
    assert removed.exit_code == 0
    assert removed.json()["removed"]["pair"] == "en->es"
    assert lep("models", "list", "--json").json()["models"] == []
    assert not Path(model["path"]).exists()
    assert leftovers() == []
    gone = lep("models", "remove", "en->es")
    assert gone.exit_code == errors.ExitCode.NOT_FOUND


def test_list_when_nothing_is_installed(lep: Lep) -> None:
    run = lep("models", "list")
    assert run.exit_code == 0
    assert "none installed" in run.stdout and "lep models install" in run.stdout
    assert lep("models", "verify", "--json").json() == {"ok": True, "models": []}


def test_refuses_overwrite_without_force(lep: Lep, archives: dict[str, Path]) -> None:
    install(lep, archives["en_es"])
    again = lep("models", "install", str(archives["en_es"]))
    assert again.exit_code == errors.ExitCode.EXISTS
    assert "already installed" in again.stderr and "--force" in again.stderr
    forced = install(lep, archives["en_es"], "--force")
    assert forced["replaced"] == ["en->es"]
    assert leftovers() == []


def test_install_a_folder_of_packages(lep: Lep, archives: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "usb-stick"
    folder.mkdir()
    for key in ("en_es", "es_en"):
        (folder / archives[key].name).write_bytes(archives[key].read_bytes())
    (folder / "README.txt").write_text("not a model")
    data = install(lep, folder)
    assert sorted(m["pair"] for m in data["installed"]) == ["en->es", "es->en"]


def test_missing_file_and_empty_folder(lep: Lep, tmp_path: Path) -> None:
    assert lep("models", "install", str(tmp_path / "nope.argosmodel")).exit_code == errors.ExitCode.NOT_FOUND
    assert lep("models", "install", str(tmp_path)).exit_code == errors.ExitCode.NOT_FOUND


def test_folder_install_is_all_or_nothing(lep: Lep, archives: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / archives["en_es"].name).write_bytes(archives["en_es"].read_bytes())
    (folder / "zz-broken.argosmodel").write_bytes(b"PK\x03\x04 not really a zip")
    run = lep("models", "install", str(folder))
    assert run.exit_code == errors.ExitCode.MODEL
    assert "zz-broken.argosmodel" in run.stderr
    assert lep("models", "list", "--json").json()["models"] == []
    assert leftovers() == []


# -- hostile and corrupt archives --------------------------------------------------------------


def _entries(folder: Path, top: str) -> list[tuple[str, bytes]]:
    return [
        (f"{top}/{p.relative_to(folder).as_posix()}", p.read_bytes()) for p in sorted(folder.rglob("*")) if p.is_file()
    ]


def _write_zip(path: Path, entries: list[tuple[str | zipfile.ZipInfo, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return path


def _hostile(kind: str, folder: Path, out: Path) -> Path:
    top = "translate-en_es-1_0"
    good = _entries(folder, top)
    path = out / f"{kind}.argosmodel"
    if kind == "traversal":
        return _write_zip(path, [*good, (f"{top}/../../../escaped.txt", b"owned")])
    if kind == "absolute":
        return _write_zip(path, [*good, ("/tmp/lep-absolute-escape.txt", b"owned")])
    if kind == "symlink":
        link = zipfile.ZipInfo(f"{top}/model/link")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        return _write_zip(path, [*good, (link, b"/etc/passwd")])
    if kind == "missing-metadata":
        return _write_zip(path, [e for e in good if not e[0].endswith("metadata.json")])
    if kind == "two-top-folders":
        return _write_zip(path, [*good, ("other-package/metadata.json", b"{}")])
    if kind == "stray-top-file":
        return _write_zip(path, [*good, ("evil.txt", b"x")])
    if kind == "no-model-folder":
        return _write_zip(path, [e for e in good if "/model/" not in e[0]])
    if kind == "flat-layout":  # files at the top level, no package folder
        return _write_zip(path, [(name.split("/", 1)[1], data) for name, data in good])
    if kind == "bad-metadata-code":
        meta = json.dumps({"from_code": "../../etc", "to_code": "es", "package_version": "1.0", "type": "translate"})
        return _write_zip(
            path, [e for e in good if not e[0].endswith("metadata.json")] + [(f"{top}/metadata.json", meta.encode())]
        )
    if kind == "metadata-not-json":
        return _write_zip(
            path, [e for e in good if not e[0].endswith("metadata.json")] + [(f"{top}/metadata.json", b"{oops")]
        )
    if kind == "file-folder-clash":  # "model.bin" also used as a folder name
        return _write_zip(path, [*good, (f"{top}/model/model.bin/inner", b"x")])
    if kind == "not-a-zip":
        path.write_bytes(b"this is not a zip file at all" * 100)
        return path
    if kind == "bomb":
        return _write_zip(path, [*good, (f"{top}/padding.bin", b"\0" * (8 << 20))])
    if kind == "garbage-model":  # valid zip, valid CRCs, but model.bin is not a CTranslate2 model
        return _write_zip(path, [(n, b"\x00garbage" * 1000 if n.endswith("model.bin") else d) for n, d in good])
    if kind == "bpe-package":
        return _write_zip(path, [(n.replace("sentencepiece.model", "bpe.model"), d) for n, d in good])
    if kind == "corrupt-member":  # flip bytes inside model.bin's compressed data: CRC or zlib error
        _write_zip(path, good)
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo(f"{top}/model/model.bin")
        raw = bytearray(path.read_bytes())
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + info.compress_size // 2
        for i in range(start, start + 64):
            raw[i] ^= 0xFF
        path.write_bytes(bytes(raw))
        return path
    raise AssertionError(kind)


HOSTILE = {
    "traversal": "unsafe entry",
    "absolute": "unsafe entry",
    "symlink": "link or special file",
    "missing-metadata": "no metadata.json",
    "two-top-folders": "exactly one top folder",
    "stray-top-file": "stray file",
    "no-model-folder": "model/model.bin",
    "flat-layout": "stray file",
    "bad-metadata-code": "not a language code",
    "metadata-not-json": "not valid JSON",
    "not-a-zip": "not a zip archive",
    "file-folder-clash": "entries conflict",
    "bomb": "zip bomb",
    "garbage-model": "does not load in CTranslate2",
    "bpe-package": "BPE",
    "corrupt-member": "corrupt archive member",
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_or_corrupt_archive_is_refused_and_leaves_nothing(
    kind: str, lep: Lep, package_dir: Path, tmp_path: Path
) -> None:
    archive = _hostile(kind, package_dir, tmp_path)
    run = lep("models", "install", str(archive), "--json")
    assert run.exit_code == errors.ExitCode.MODEL, run.stderr
    assert HOSTILE[kind] in run.stderr
    assert run.json()["error"] == "ModelError"
    assert lep("models", "list", "--json").json()["models"] == []
    assert leftovers() == []
    assert not (Path(os.environ["LEP_HOME"]) / "escaped.txt").exists()
    assert not Path("/tmp/lep-absolute-escape.txt").exists()


def test_failed_replace_keeps_the_installed_model(
    lep: Lep, archives: dict[str, Path], package_dir: Path, tmp_path: Path
) -> None:
    install(lep, archives["en_es"])
    before = machine_translate(["Are you hurt?"], "en", "es")
    broken = _hostile("corrupt-member", package_dir, tmp_path)
    assert lep("models", "install", str(broken), "--force").exit_code == errors.ExitCode.MODEL
    engine.clear_cache()
    assert machine_translate(["Are you hurt?"], "en", "es") == before
    assert leftovers() == []


def test_unpacked_size_limit(lep: Lep, archives: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(package, "MAX_UNPACKED_BYTES", 50_000)
    run = lep("models", "install", str(archives["en_es"]))
    assert run.exit_code == errors.ExitCode.MODEL
    assert "unpacks to more than" in run.stderr
    assert leftovers() == []


def test_concurrent_installs_do_not_corrupt_each_other(archives: dict[str, Path]) -> None:
    results: dict[str, object] = {}

    def worker(key: str, archive: Path) -> None:
        try:
            results[key] = package.install(archive)
        except errors.LepError as exc:
            results[key] = exc

    threads = [
        threading.Thread(target=worker, args=(name, archives[pair]))
        for name, pair in (("a", "en_es"), ("b", "en_es"), ("c", "es_en"), ("d", "en_fr"))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    same_pair = [results["a"], results["b"]]
    assert sum(isinstance(r, package.InstallReport) for r in same_pair) == 1
    assert sum(isinstance(r, errors.OutputExists) for r in same_pair) == 1
    assert isinstance(results["c"], package.InstallReport) and isinstance(results["d"], package.InstallReport)
    assert sorted(p.pair for p in installed.discover()) == ["en->es", "en->fr", "es->en"]
    assert leftovers() == []
    assert all(t.strip() for t in machine_translate(["Hello."], "en", "es"))


# -- machine_translate -------------------------------------------------------------------------


def test_machine_translate_batches_and_keeps_shape(lep: Lep, archives: dict[str, Path]) -> None:
    install(lep, archives["en_es"])
    texts = ["Are you hurt?", "Are you hurt? Please sit down.", "Line one.\nLine two.", "", "Are you hurt?"]
    calls: list[tuple[int, int]] = []
    out = machine_translate(texts, "en", "es", progress=lambda done, total: calls.append((done, total)))
    assert len(out) == len(texts)
    assert out[0] == out[4]  # deterministic
    assert out[3] == ""
    assert out[2].count("\n") == 1  # paragraphs kept
    assert out[1].startswith(out[0])  # sentence by sentence, joined
    assert calls and calls[-1] == (6, 6)  # six sentences in all
    one_by_one = [machine_translate([t], "en", "es")[0] for t in texts]
    assert one_by_one == out
    assert machine_translate([], "en", "es") == []
    assert machine_translate(["hola"], "es", "es") == ["hola"]
    with pytest.raises(errors.BadInput):
        machine_translate("Are you hurt?", "en", "es")  # type: ignore[arg-type]


def test_pivot_through_english(lep: Lep, archives: dict[str, Path]) -> None:
    install(lep, archives["es_en"])
    install(lep, archives["en_fr"])
    from lepcli.mt import has_pair, installed_pairs

    assert sorted(installed_pairs()) == [("en", "fr"), ("es", "en")]
    assert has_pair("es", "fr") and not has_pair("fr", "es")
    text = ["¿Está herido? Siéntese, por favor."]
    english = machine_translate(text, "es", "en")
    assert machine_translate(text, "es", "fr") == machine_translate(english, "en", "fr")


def test_missing_model_names_language_install_and_interpreter(lep: Lep, archives: dict[str, Path]) -> None:
    with pytest.raises(errors.Unavailable) as caught:
        machine_translate(["Are you hurt?"], "en", "ru")
    err = caught.value
    assert err.exit_code == errors.ExitCode.UNAVAILABLE
    assert "Russian" in err.message and "lep models install FILE.argosmodel" in err.message
    assert err.hint is not None and "Russian" in err.hint and "interpreter" in err.hint.casefold()
    with pytest.raises(errors.Unavailable) as somali:
        machine_translate(["Are you hurt?"], "en", "so")
    assert "Somali" in somali.value.message and "no Somali model" in somali.value.message
    install(lep, archives["es_en"])
    with pytest.raises(errors.Unavailable) as half:
        machine_translate(["Hola."], "es", "fr")
    assert "English → French" in half.value.message and "Spanish → English" not in half.value.message


def test_argostranslate_packages_folder_is_used_read_only(
    lep: Lep, package_dir: Path, isolated_argos: Path, tmp_path: Path
) -> None:
    zip_folder(package_dir, tmp_path / "p.argosmodel")
    isolated_argos.mkdir()
    with zipfile.ZipFile(tmp_path / "p.argosmodel") as zf:
        zf.extractall(isolated_argos)  # what argostranslate's own installer does
    listed = lep("models", "list", "--json").json()["models"]
    assert [(m["pair"], m["origin"]) for m in listed] == [("en->es", "argostranslate")]
    assert machine_translate(["Are you hurt?"], "en", "es")[0].strip()
    run = lep("models", "remove", "en->es")
    assert run.exit_code == errors.ExitCode.NOT_FOUND
    assert "argospm remove" in run.stderr
    assert (isolated_argos / "translate-en_es-1_0" / "model" / "model.bin").exists()


def test_verify_reports_a_broken_model(lep: Lep, archives: dict[str, Path]) -> None:
    data = install(lep, archives["en_es"])
    model_bin = Path(data["installed"][0]["path"]) / "model" / "model.bin"
    model_bin.write_bytes(b"broken")
    run = lep("models", "verify", "--json")
    assert run.exit_code == errors.ExitCode.MODEL
    assert run.json()["ok"] is False
    assert run.json()["models"][0]["status"] == "failed"
    with pytest.raises(errors.ModelError):
        machine_translate(["Hello."], "en", "es")


def test_remove_rejects_a_malformed_pair(lep: Lep) -> None:
    assert lep("models", "remove", "spanish").exit_code == errors.ExitCode.BAD_INPUT


# -- offline -----------------------------------------------------------------------------------


def test_download_with_the_network_blocked_is_a_clear_error(lep: Lep) -> None:
    run = lep("models", "download", "spanish", "--json")
    assert run.exit_code == errors.ExitCode.UNAVAILABLE
    assert "going online" in run.stderr
    assert "offline" in run.json()["message"]
    assert "lep models install" in run.json()["hint"]
    assert leftovers() == []


def test_heavy_libraries_are_not_imported_at_start_up() -> None:
    code = (
        "import sys, lepcli.cli.app, lepcli.mt, lepcli.mt.archive, lepcli.availability;"
        "print(sorted(m for m in ('ctranslate2', 'sentencepiece', 'numpy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -- the offline sentence splitter -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Are you hurt? Sit down. Help is coming!", ["Are you hurt?", "Sit down.", "Help is coming!"]),
        (
            "Mr. Smith lives on Main St. in town. He is 5.5 ft tall.",
            ["Mr. Smith lives on Main St. in town.", "He is 5.5 ft tall."],
        ),
        ("I saw J. Smith. Then I left.", ["I saw J. Smith.", "Then I left."]),
        ('He said "Stop." Then he ran.', ['He said "Stop."', "Then he ran."]),
        ("Wait... what? Yes.", ["Wait... what?", "Yes."]),
        ("你好。你受伤了吗？请坐下。", ["你好。", "你受伤了吗？", "请坐下。"]),
        ("क्या आप घायल हैं? कृपया बैठ जाइए।", ["क्या आप घायल हैं?", "कृपया बैठ जाइए।"]),
        ("هل أنت مصاب؟ اجلس من فضلك.", ["هل أنت مصاب؟", "اجلس من فضلك."]),
        ("no punctuation here", ["no punctuation here"]),
        ("   ", []),
    ],
)
def test_sentence_splitter(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


# -- parity with argostranslate (the `argos` extra; `make test` installs it) -------------------


@pytest.fixture(scope="session")
def argos_translate(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """argostranslate.translate imported with its home folders in tmp (it creates folders at import)."""
    home = tmp_path_factory.mktemp("argos-home")
    with pytest.MonkeyPatch.context() as mp:
        for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            mp.setenv(var, str(home / var.lower()))
        mp.setenv("ARGOS_PACKAGES_DIR", str(home / "packages"))
        mp.setenv("ARGOS_DEVICE_TYPE", "cpu")
        if os.environ.get("CI"):  # CI installs the extra (make test): a missing one is a failure there
            import importlib

            return importlib.import_module("argostranslate.translate")
        return pytest.importorskip("argostranslate.translate")


@pytest.mark.argos
def test_parity_with_argostranslate(
    lep: Lep, archives: dict[str, Path], argos_translate: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argostranslate import sbd, settings

    for key in ("en_es", "es_en", "en_fr"):
        install(lep, archives[key])
    # Same installed folders; argostranslate's splitter replaced by ours, because its MiniSBD
    # would download a model at translate time (the package carries none) and fail offline.
    monkeypatch.setattr(settings, "package_dirs", [models_dir()])
    monkeypatch.setattr(sbd.MiniSBDSentencizer, "split_sentences", lambda self, text: split_sentences(text))
    argos_translate.get_installed_languages.cache_clear()
    argos_translate.installed_translates.clear()
    texts = [
        "Are you hurt?",
        "Please show me your hands. Do you need a doctor?",
        "An interpreter will call you in a few minutes.\nWait here, please.",
        "Where do you live? Is anyone else inside? Do you understand me?",
        "Help!",
    ]
    for source, target in (("en", "es"), ("es", "en"), ("en", "fr"), ("es", "fr")):
        ours = machine_translate(texts, source, target)
        theirs = [argos_translate.translate(t, source, target) for t in texts]
        assert ours == theirs, (source, target)
    argos_translate.get_installed_languages.cache_clear()
    argos_translate.installed_translates.clear()


# -- tier 2 of `lep translate` (lepcli/translate.py calls machine_translate) --------------------

NOT_IN_PHRASEBOOK = "My cousin sold the old bicycle to a neighbor yesterday."


def test_lep_translate_falls_through_to_a_labelled_machine_translation(lep: Lep, archives: dict[str, Path]) -> None:
    install(lep, archives["en_es"])
    run = lep("translate", NOT_IN_PHRASEBOOK, "--to", "es", "--json")
    assert run.exit_code == 0, run.stderr
    data = run.json()
    assert data["tier"] == "machine" and data["status"] == "machine"
    assert data["label"] == "MACHINE TRANSLATION: verify"
    assert data["text"] == machine_translate([NOT_IN_PHRASEBOOK], "en", "es")[0]
    plain = lep("translate", NOT_IN_PHRASEBOOK, "--to", "es")
    assert "MACHINE TRANSLATION: verify" in plain.stdout
    assert data["text"] in plain.stdout


def test_lep_translate_without_a_model_names_what_to_install(lep: Lep) -> None:
    run = lep("translate", NOT_IN_PHRASEBOOK, "--to", "ru")
    assert run.exit_code == errors.ExitCode.UNAVAILABLE
    assert "Russian" in run.stderr and "lep models install FILE.argosmodel" in run.stderr
    assert NOT_IN_PHRASEBOOK not in run.stderr  # typed text is never echoed in errors


def test_lep_translate_never_machine_translates_legal_text(lep: Lep, archives: dict[str, Path]) -> None:
    install(lep, archives["en_es"])
    run = lep("translate", "You have the right to remain silent. Do you consent to a search of your car?", "--to", "es")
    assert run.exit_code == errors.ExitCode.REFUSED
    assert "MACHINE TRANSLATION" not in run.stdout


def test_without_the_mt_extra_it_is_unavailable_not_a_crash(
    lep: Lep, archives: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    install(lep, archives["en_es"])
    monkeypatch.setitem(sys.modules, "ctranslate2", None)  # as if `lepcli[mt]` were not installed
    with pytest.raises(errors.Unavailable, match="'mt' extra"):
        machine_translate(["Hello."], "en", "es")
    run = lep("translate", NOT_IN_PHRASEBOOK, "--to", "es")
    assert run.exit_code == errors.ExitCode.UNAVAILABLE
    assert "mt" in run.stderr
