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
def bpe_archives(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Tiny valid BPE packages (bpe.model = subword-nmt codes, Moses tokenisation): en->es, es->en, en->fr."""
    out = tmp_path_factory.mktemp("bpe-argosmodels")
    return {
        key: build_argosmodel(out / key, from_code=a, to_code=b, seed=seed, stop_after=5, tokenizer="bpe")
        for key, a, b, seed in (("en_es", "en", "es", 4), ("es_en", "es", "en", 5), ("en_fr", "en", "fr", 6))
    }


@pytest.fixture(scope="session")
def bpe_package_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_package_dir(
        tmp_path_factory.mktemp("bpedir") / "translate-en_es-1_0", seed=4, stop_after=5, tokenizer="bpe"
    )


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
    "bpe-package": "bpe.model holds binary data, not BPE merge codes",
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

NOT_IN_PHRASEBOOK = "My cousin painted the old bicycle blue yesterday."  # everyday, and in no phrase


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


# -- BPE packages (bpe.model: Moses tokenisation + subword-nmt BPE, as OPUS-MT conversions ship) ------


def test_bpe_package_install_list_translate_verify_remove(lep: Lep, bpe_archives: dict[str, Path]) -> None:
    data = install(lep, bpe_archives["en_es"])
    assert [(m["pair"], m["tokenizer"]) for m in data["installed"]] == [("en->es", "bpe")]
    listed = lep("models", "list")
    assert "bpe" in listed.stdout and "en->es" in listed.stdout
    out = machine_translate(["Are you hurt? Please sit down.", "Don't move & wait here."], "en", "es")
    assert len(out) == 2 and all(t.strip() for t in out)
    assert "@@" not in " ".join(out) and "&amp;" not in " ".join(out)  # BPE joined, Moses escapes undone
    assert lep("models", "verify", "--json").json()["ok"] is True
    assert lep("models", "remove", "en->es").exit_code == 0
    assert lep("models", "list", "--json").json()["models"] == [] and leftovers() == []


def test_bpe_tokenizer_round_trip_matches_moses_and_subword_nmt(bpe_package_dir: Path) -> None:
    from lepcli.mt import tokenizers

    tok = tokenizers.load(bpe_package_dir, "en", "en", where="test")  # English rules both ways: a round trip
    pieces = tok.encode("Do you understand the paramedics? They are outside.")
    assert any(p.endswith("@@") for p in pieces)  # words really split into subwords
    assert tok.decode(pieces) == "Do you understand the paramedics? They are outside."
    assert tok.decode(tok.encode("Don't go & wait.")) == "Don't go & wait."


@pytest.mark.parametrize(("first", "second"), [("sp", "bpe"), ("bpe", "sp")])
def test_pivot_through_english_with_a_bpe_leg(
    first: str, second: str, lep: Lep, archives: dict[str, Path], bpe_archives: dict[str, Path]
) -> None:
    kinds = {"sp": archives, "bpe": bpe_archives}
    install(lep, kinds[first]["es_en"])
    install(lep, kinds[second]["en_fr"])
    text = ["¿Está herido? Siéntese, por favor."]
    english = machine_translate(text, "es", "en")
    assert machine_translate(text, "es", "fr") == machine_translate(english, "en", "fr")
    assert machine_translate(text, "es", "fr")[0].strip()


def _with_bpe(folder: Path, out: Path, data: bytes, name: str = "hostile") -> Path:
    top = "translate-en_es-1_0"
    entries = [(n, d) for n, d in _entries(folder, top) if not n.endswith("bpe.model")]
    return _write_zip(out / f"{name}.argosmodel", [*entries, (f"{top}/bpe.model", data)])


HOSTILE_BPE = {
    "garbage": (bytes(range(256)) * 40, "bpe.model holds binary data"),
    "utf16": ("#version: 0.2\nt h\nth e</w>\n".encode("utf-16"), "bpe.model is UTF-16 text"),
    "latin1": ("#version: 0.2\nn i\nni ñ</w>\n".encode("latin-1"), "bpe.model is not UTF-8 text"),
    "not-merges": (b"#version: 0.2\nthis line has four parts\n", "bpe.model line 2: not a BPE merge"),
    "no-merges": (b"#version: 0.2\n", "bpe.model holds no BPE merges"),
    "bad-version": (b"#version: 9.9\na b\n", "unknown BPE codes version"),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE_BPE))
def test_hostile_bpe_model_is_refused_with_a_clear_message(
    kind: str, lep: Lep, bpe_package_dir: Path, tmp_path: Path
) -> None:
    data, expected = HOSTILE_BPE[kind]
    run = lep("models", "install", str(_with_bpe(bpe_package_dir, tmp_path, data)), "--json")
    assert run.exit_code == errors.ExitCode.MODEL, run.stderr
    assert expected in run.stderr
    assert lep("models", "list", "--json").json()["models"] == [] and leftovers() == []


def test_huge_bpe_model_is_refused(
    lep: Lep, bpe_package_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lepcli.mt import tokenizers

    codes = (bpe_package_dir / "bpe.model").read_bytes()
    monkeypatch.setattr(tokenizers, "MAX_BPE_BYTES", len(codes) - 1)  # the real limit is 16 MiB
    run = lep("models", "install", str(_with_bpe(bpe_package_dir, tmp_path, codes)))
    assert run.exit_code == errors.ExitCode.MODEL
    assert "bpe.model is" in run.stderr and "over the" in run.stderr and "byte limit" in run.stderr


def test_a_corrupted_bpe_model_after_install_fails_verify_and_translate(
    lep: Lep, bpe_archives: dict[str, Path]
) -> None:
    path = Path(install(lep, bpe_archives["en_es"])["installed"][0]["path"])
    (path / "bpe.model").write_bytes(b"\xff\xfe\x00garbage")
    run = lep("models", "verify", "--json")
    assert run.exit_code == errors.ExitCode.MODEL and "bpe.model" in run.json()["models"][0]["detail"]
    with pytest.raises(errors.ModelError, match="bpe.model"):
        machine_translate(["Hello."], "en", "es")


@pytest.mark.argos
def test_bpe_parity_with_argostranslate(
    lep: Lep, bpe_archives: dict[str, Path], archives: dict[str, Path], argos_translate: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from argostranslate import sbd, settings

    install(lep, bpe_archives["en_es"])
    install(lep, bpe_archives["es_en"])
    install(lep, archives["en_fr"])  # a SentencePiece second leg for the pivot
    monkeypatch.setattr(settings, "package_dirs", [models_dir()])
    monkeypatch.setattr(sbd.MiniSBDSentencizer, "split_sentences", lambda self, text: split_sentences(text))
    argos_translate.get_installed_languages.cache_clear()
    argos_translate.installed_translates.clear()
    texts = [
        "Are you hurt?",
        "Please show me your hands. Don't move & wait here.",
        "An interpreter will call you in a few minutes.\nWait here, please.",
        "¿Está herido? Siéntese, por favor.",
    ]
    for source, target in (("en", "es"), ("es", "en"), ("es", "fr")):
        ours = machine_translate(texts, source, target)
        theirs = [argos_translate.translate(t, source, target) for t in texts]
        assert ours == theirs, (source, target)
    argos_translate.get_installed_languages.cache_clear()
    argos_translate.installed_translates.clear()


# -- every published layout -----------------------------------------------------------------------


@pytest.mark.parametrize("splitter", ["stanza/tokenize.pt", "minisbd/en.onnx", "spacy/meta.json"])
def test_packages_with_a_sentence_splitter_folder_install_and_translate(
    splitter: str, lep: Lep, package_dir: Path, tmp_path: Path
) -> None:
    top = "translate-en_es-1_0"
    archive = _write_zip(tmp_path / "p.argosmodel", [*_entries(package_dir, top), (f"{top}/{splitter}", b"x" * 100)])
    install(lep, archive)
    assert machine_translate(["Are you hurt? Sit down."], "en", "es")[0].strip()  # our splitter, offline


def test_a_pytorch_model_is_named_as_such(lep: Lep, package_dir: Path, tmp_path: Path) -> None:
    top = "translate-en_es-1_0"
    entries = [(n, d) for n, d in _entries(package_dir, top) if "/model/" not in n]
    archive = _write_zip(tmp_path / "pt.argosmodel", [*entries, (f"{top}/model/model.pt", b"\x80\x02")])
    run = lep("models", "install", str(archive))
    assert run.exit_code == errors.ExitCode.MODEL and "PyTorch checkpoint" in run.stderr


# -- robustness review (2026-12) items ------------------------------------------------------------


def _break(path: Path, how: str) -> None:
    import shutil

    if how == "delete":
        path.unlink()
    elif how == "folder":
        path.unlink()
        path.mkdir()
    elif how == "fifo":
        path.unlink()
        os.mkfifo(path)
    elif how == "dev-zero":
        path.unlink()
        path.symlink_to("/dev/zero")
    elif how == "random":
        path.write_bytes(os.urandom(300))
    elif how == "huge":
        path.write_bytes(b" " * ((1 << 20) + 10))
    elif how == "hostile-code":
        path.write_text(json.dumps({"from_code": "en\n", "to_code": "es", "type": "translate"}))
    elif how == "tree-to-file":
        shutil.rmtree(path)
        path.write_bytes(b"x")
    else:
        raise AssertionError(how)


CORRUPTIONS = [
    ("model/model.bin", "delete"),
    ("model/model.bin", "folder"),
    ("model/model.bin", "fifo"),
    ("model/model.bin", "dev-zero"),
    ("sentencepiece.model", "delete"),
    ("sentencepiece.model", "fifo"),
    ("metadata.json", "delete"),
    ("metadata.json", "random"),
    ("metadata.json", "huge"),
    ("metadata.json", "fifo"),
    ("metadata.json", "hostile-code"),
    ("model", "tree-to-file"),
]


@pytest.mark.parametrize(("member", "how"), CORRUPTIONS, ids=[f"{m}-{h}" for m, h in CORRUPTIONS])
def test_a_model_damaged_after_install_is_reported_broken_not_gone(
    member: str, how: str, lep: Lep, archives: dict[str, Path]
) -> None:
    """Review M2: list/verify/remove/install agree that a damaged model is there and broken."""
    path = Path(install(lep, archives["en_es"])["installed"][0]["path"])
    _break(path / member, how)
    listed = lep("models", "list", "--json").json()
    assert listed["models"] == []
    assert [(b["pair"], b["folder"]) for b in listed["broken"]] == [("en->es", "translate-en_es")]
    assert "BROKEN" in lep("models", "list").stdout
    verified = lep("models", "verify", "--json")
    assert verified.exit_code == errors.ExitCode.MODEL and verified.json()["ok"] is False
    assert verified.json()["models"][0]["detail"].startswith("broken:")
    assert any(c["name"] == "broken models" and not c["ok"] for c in lep("doctor", "--json").json()["checks"])
    repaired = lep("models", "install", str(archives["en_es"]), "--json")  # no --force needed for a broken one
    assert repaired.exit_code == 0, repaired.stderr
    assert repaired.json()["replaced"] == ["en->es"]
    assert machine_translate(["Are you hurt?"], "en", "es")[0].strip()
    _break(path / member, how)
    removed = lep("models", "remove", "en->es", "--json")
    assert removed.exit_code == 0 and removed.json()["removed"]["broken"] is True
    assert not path.exists() and lep("models", "list", "--json").json()["broken"] == []


def test_newline_in_a_package_code_is_refused_and_an_old_one_is_removable(
    lep: Lep, package_dir: Path, tmp_path: Path
) -> None:
    """Review L1: "en\\n" passed a regex ending in $ and made a folder no command could address."""
    top = "translate-en_es-1_0"
    meta = json.dumps({"from_code": "en\n", "to_code": "es", "package_version": "1.0", "type": "translate"})
    entries = [e for e in _entries(package_dir, top) if not e[0].endswith("metadata.json")]
    run = lep("models", "install", str(_write_zip(tmp_path / "nl.argosmodel", [*entries, (f"{top}/metadata.json",
              meta.encode())])))  # fmt: skip
    assert run.exit_code == errors.ExitCode.MODEL and "not a language code" in run.stderr
    version = json.dumps({"from_code": "en", "to_code": "es", "package_version": "1.0\n", "type": "translate"})
    run = lep("models", "install", str(_write_zip(tmp_path / "v.argosmodel", [*entries, (f"{top}/metadata.json",
              version.encode())])))  # fmt: skip
    assert run.exit_code == errors.ExitCode.MODEL and "package_version" in run.stderr
    # A folder an older lepcli installed with such a code: listed as broken, removed by its folder name
    old = models_dir() / "translate-en\n_es"
    import shutil

    shutil.copytree(package_dir, old)
    (old / "metadata.json").write_text(meta)
    broken = lep("models", "list", "--json").json()["broken"]
    assert [b["folder"] for b in broken] == ["translate-en\n_es"]
    assert lep("models", "remove", "translate-en\n_es").exit_code == 0
    assert not old.exists()


def test_zip_bomb_of_many_one_mib_members_is_refused(lep: Lep, package_dir: Path, tmp_path: Path) -> None:
    """Review L9: members of exactly 1 MiB once passed the per-member ratio check, up to 3 GiB."""
    top = "translate-en_es-1_0"
    zeros = [(f"{top}/pad/{i}.bin", b"\0" * (1 << 20)) for i in range(40)]
    run = lep("models", "install", str(_write_zip(tmp_path / "zeros.argosmodel", [*_entries(package_dir, top),
              *zeros])))  # fmt: skip
    assert run.exit_code == errors.ExitCode.MODEL and "compresses 1,015:1 (a zip bomb?)" in run.stderr
    # Each member only ~100:1 (under the per-member limit), but 40 MiB from a file of under 1 MB
    rng = __import__("random").Random(1)
    mild = [(f"{top}/pad/{i}.bin", rng.randbytes(8 << 10) + b"\0" * ((1 << 20) - (8 << 10))) for i in range(40)]
    run = lep("models", "install", str(_write_zip(tmp_path / "mild.argosmodel", [*_entries(package_dir, top),
              *mild])))  # fmt: skip
    assert run.exit_code == errors.ExitCode.MODEL
    assert "zip bomb" in run.stderr and "8x the file size" in run.stderr
    assert package.MAX_UNPACKED_BYTES <= 1 << 30  # far below the old 3 GiB


@pytest.mark.parametrize("vocabulary", [[], ["<unk>", "<s>", "</s>"]], ids=["empty", "three-tokens"])
def test_a_broken_vocabulary_is_refused_at_install(
    vocabulary: list[str], lep: Lep, package_dir: Path, tmp_path: Path
) -> None:
    """Review L10: it loaded in CTranslate2, installed, then failed at the first translation."""
    top = "translate-en_es-1_0"
    entries = [
        (n, json.dumps(vocabulary).encode() if n.endswith("shared_vocabulary.json") else d)
        for n, d in _entries(package_dir, top)
    ]
    run = lep("models", "install", str(_write_zip(tmp_path / "vocab.argosmodel", entries)))
    assert run.exit_code == errors.ExitCode.MODEL, run.stderr
    assert "cannot translate a test sentence" in run.stderr or "does not load" in run.stderr
    assert lep("models", "list", "--json").json()["models"] == [] and leftovers() == []


_KILLABLE = """
import os, sys, time
from pathlib import Path
from lepcli.mt import archive
stage, marker, pkg, force = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4] == "1"
if stage == "extract":
    real = archive.check_loads
    def slow(folder, *, where):
        marker.write_text("ready")
        time.sleep(60)
    archive.check_loads = slow
else:  # between the two renames of install --force
    real_replace = os.replace
    calls = []
    def replace(src, dst):
        real_replace(src, dst)
        calls.append(1)
        if len(calls) == 1:
            marker.write_text("ready")
            time.sleep(60)
    archive.os.replace = replace
archive.install(pkg, force=force)
"""


@pytest.mark.parametrize("stage", ["extract", "between-renames"])
def test_sigkill_during_install_leaves_nothing_and_never_loses_the_model(
    stage: str, lep: Lep, archives: dict[str, Path], tmp_path: Path
) -> None:
    """Review L4: a kill -9 left .install-* folders for 6 h, and between renames lost the model."""
    import signal
    import time

    if stage == "between-renames":
        install(lep, archives["en_es"])
        before = machine_translate(["Are you hurt?"], "en", "es")
    marker = tmp_path / "ready"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    child = subprocess.Popen(
        [sys.executable, "-c", _KILLABLE, stage, str(marker), str(archives["en_es"]), "1"], env=env
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert child.poll() is None, "the installer ended early"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    assert leftovers()  # the hidden temporary folders are there at the moment of the kill
    child.send_signal(signal.SIGKILL)
    child.wait()
    listed = lep("models", "list", "--json").json()  # the next lep models command cleans up
    assert leftovers() == []
    if stage == "extract":
        assert listed["models"] == []
    else:
        assert [m["pair"] for m in listed["models"]] == ["en->es"]
        engine.clear_cache()
        assert machine_translate(["Are you hurt?"], "en", "es") == before


# -- folder install, versions and pins -------------------------------------------------------------


@pytest.fixture(scope="session")
def v2_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_argosmodel(tmp_path_factory.mktemp("v2"), seed=9, stop_after=5, version="2.0")


def _share(tmp_path: Path, *archives: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir(exist_ok=True)
    for a in archives:
        (folder / a.name).write_bytes(a.read_bytes())
    return folder


def test_folder_install_skips_same_version_and_reports_progress(
    lep: Lep, archives: dict[str, Path], tmp_path: Path
) -> None:
    install(lep, archives["en_es"])
    share = _share(tmp_path, archives["en_es"], archives["es_en"], archives["en_fr"])
    calls: list[tuple[int, int]] = []
    report = package.install(share, progress=lambda done, total: calls.append((done, total)))
    assert sorted(p.pair for p in report.installed) == ["en->fr", "es->en"]
    assert [(s.pair, s.reason) for s in report.skipped] == [("en->es", "already installed at this version")]
    assert calls[0] == (1, 3) and calls[-1] == (3, 3)  # one bar over all packages
    again = lep("models", "install", str(share))
    assert again.exit_code == 0
    assert "3 skipped" in again.stdout and "already installed at this version" in again.stdout


def test_folder_install_refuses_another_version_without_force(
    lep: Lep, archives: dict[str, Path], v2_archive: Path, tmp_path: Path
) -> None:
    install(lep, archives["en_es"])
    run = lep("models", "install", str(_share(tmp_path, v2_archive)))
    assert run.exit_code == errors.ExitCode.EXISTS
    assert "version 1.0; this file is version 2.0" in run.stderr
    forced = install(lep, _share(tmp_path, v2_archive), "--force")
    assert forced["installed"][0]["version"] == "2.0"


def test_pin_holds_a_version_and_doctor_flags_a_mismatch(
    lep: Lep, archives: dict[str, Path], v2_archive: Path, tmp_path: Path
) -> None:
    install(lep, archives["en_es"])
    pinned = lep("models", "pin", "en->es", "--json")
    assert pinned.exit_code == 0 and pinned.json()["pins"][0]["version"] == "1.0"
    single = lep("models", "install", str(v2_archive), "--force")
    assert single.exit_code == errors.ExitCode.MODEL and "requires version 1.0" in single.stderr
    folder = install(lep, _share(tmp_path, v2_archive, archives["es_en"]), "--force")
    assert [s["reason"] for s in folder["skipped"]] == ["a pin (lep models pin) requires version 1.0"]
    assert lep("models", "list", "--json").json()["models"][0]["required_version"] == "1.0"
    assert lep("models", "pin", "en->es", "2.0").exit_code == 0
    checks = {c["name"]: c for c in lep("doctor", "--json").json()["checks"]}
    assert checks["model versions"]["ok"] is False
    assert "requires version 2.0, version 1.0 is installed" in checks["model versions"]["detail"]
    assert lep("models", "pin", "en->es", "--clear").exit_code == 0
    assert "model versions" not in {c["name"] for c in lep("doctor", "--json").json()["checks"]}


def _agency_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mt: str) -> Path:
    from lepcli import paths

    text = paths.packaged_lines_file().read_text(encoding="utf-8") + "\nmachine_translation:\n" + mt
    path = tmp_path / "agency-lines.yaml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("LEP_LINES", str(path))
    return path


def test_agency_required_version_wins_and_is_checked(
    lep: Lep, archives: dict[str, Path], v2_archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _agency_file(tmp_path, monkeypatch, '  required_versions:\n    en->es: "2.0"\n')
    assert lep("config", "check", str(path)).exit_code == 0
    run = lep("models", "install", str(archives["en_es"]))
    assert run.exit_code == errors.ExitCode.MODEL and "the agency file" in run.stderr
    assert "requires version 2.0" in run.stderr
    install(lep, v2_archive)
    assert "model versions" in {c["name"] for c in lep("doctor", "--json").json()["checks"] if c["ok"]}
    bad = _agency_file(tmp_path, monkeypatch, "  required_versions:\n    en->es: 2.0\n")
    checked = lep("config", "check", str(bad))
    assert "machine_translation.required_versions.en->es: must be a quoted version" in checked.stdout
    assert lep("lines", "es").exit_code == 0  # a broken MT key never takes the interpreter lines down
    blocked = lep("models", "install", str(v2_archive), "--force")  # ... but a requirement is never ignored
    assert blocked.exit_code == errors.ExitCode.CONFIG and "quoted version" in blocked.stderr


# -- lep models available (an Argos index.json on disk) --------------------------------------------


def test_available_reads_an_index_offline_and_names_the_other_tiers(
    lep: Lep, archives: dict[str, Path], tmp_path: Path
) -> None:
    install(lep, archives["en_es"])
    index = [
        {"from_code": f, "to_code": t, "package_version": v, "links": [f"https://example.org/{f}_{t}"]}
        for f, t, v in (("en", "es", "1.0"), ("es", "en", "1.9"), ("en", "fr", "1.9"), ("fr", "en", "1.9"),
                        ("en", "ru", "1.9"))
    ]  # fmt: skip
    (tmp_path / "index.json").write_text(json.dumps(index))
    run = lep("models", "available", "--index", str(tmp_path), "--languages", "es,fr,ru,vi,so", "--json")
    assert run.exit_code == 0, run.stderr
    rows = {r["code"]: r for r in run.json()["languages"]}
    assert rows["es"]["installed"] == ["en->es"] and rows["es"]["status"] == "in the index"
    assert rows["fr"]["status"] == "in the index" and rows["ru"]["status"] == "one direction only"
    assert rows["vi"]["status"] == "no model anywhere" and rows["so"]["status"] == "no model anywhere"
    assert "phrasebook" in rows["vi"]["offers"]
    plain = lep("models", "available", "--index", str(tmp_path / "index.json"), "--languages", "vi,so")
    assert "no model anywhere for Vietnamese, Somali" in plain.stdout
    assert "interpreter" in plain.stdout
    default = lep("models", "available", "--index", str(tmp_path))  # the agency's languages, from its lines file
    assert default.exit_code == 0 and "Vietnamese" in default.stdout
    (tmp_path / "bad.json").write_text("{oops")
    assert lep("models", "available", "--index", str(tmp_path / "bad.json")).exit_code == errors.ExitCode.CONFIG
    assert lep("models", "available").exit_code == errors.ExitCode.BAD_INPUT  # no index given or configured


# -- the optional LibreTranslate server tier -------------------------------------------------------
# UNIT TESTS against LibreTranslate's documented responses, served by a stand-in written with the
# standard library's http.server (a real LibreTranslate server could not be started here offline).

SECRET = "ZEBRA-SECRET-4417 my cousin painted the old bicycle"  # everyday: the gate lets it reach MT


class _FakeLibreTranslate:
    """Answers POST /translate the way LibreTranslate's API documentation says it does."""

    def __init__(self) -> None:
        import http.server

        self.requests: list[dict[str, Any]] = []
        self.mode = "ok"
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def _reply(self, status: int, body: object) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append(body)
                if outer.mode == "slow":
                    import time

                    time.sleep(1.5)
                if body.get("api_key") != "k-123":
                    return self._reply(403, {"error": "Invalid API key"})
                if outer.mode == "error":
                    return self._reply(500, {"error": f"Cannot translate text: {body['q']}"})
                if body["target"] not in ("es", "fr"):
                    return self._reply(400, {"error": f"{body['target']} is not supported"})
                q = body["q"]
                out = [f"[{body['target']}] {t}" for t in q] if isinstance(q, list) else f"[{body['target']}] {q}"
                return self._reply(200, {"translatedText": out})

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def libre(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    fake = _FakeLibreTranslate()
    monkeypatch.setenv("LEP_TEST_MT_KEY", "k-123")
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    _agency_file(
        tmp_path, monkeypatch,
        f"  server: {fake.url}\n  name: County MT\n  api_key_env: LEP_TEST_MT_KEY\n  timeout: 0.5\n",
    )  # fmt: skip
    yield fake
    fake.close()


@pytest.mark.allow_hosts(["127.0.0.1"])
def test_unit_server_tier_sends_free_text_and_labels_the_server(libre: Any, lep: Lep) -> None:
    from lepcli.mt import translate_labelled

    result = translate_labelled(["Are you hurt?", "Wait here."], "en", "es")
    assert result.texts == ["[es] Are you hurt?", "[es] Wait here."]
    assert result.engine == "server" and result.label == "MACHINE TRANSLATION (County MT): verify"
    assert libre.requests == [
        {"q": ["Are you hurt?", "Wait here."], "source": "en", "target": "es", "format": "text", "api_key": "k-123"}
    ]
    run = lep("translate", SECRET, "--to", "es", "--json")  # lep translate's machine tier goes there too
    assert run.exit_code == 0, run.stderr
    assert run.json()["text"] == f"[es] {SECRET}" and run.json()["status"] == "machine"
    doctor = lep("doctor", "--json").json()
    assert doctor["offline"] is False
    assert any(c["name"] == "agency MT server" and "ON: County MT" in c["detail"] for c in doctor["checks"])
    assert "agency MT server is ON" in lep("doctor").stdout


@pytest.mark.allow_hosts(["127.0.0.1"])
def test_unit_server_tier_never_receives_legal_text(libre: Any, lep: Lep) -> None:
    run = lep("translate", "You have the right to remain silent. Do you consent to a search?", "--to", "es")
    assert run.exit_code == errors.ExitCode.REFUSED
    assert libre.requests == []


@pytest.mark.allow_hosts(["127.0.0.1"])
@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("error", "failed (HTTP 500)"),
        ("slow", "no answer within 0.5 s"),
        ("bad-key", "refused the API key (HTTP 403)"),
        ("no-key", "the API key variable LEP_TEST_MT_KEY is not set"),
    ],
)
def test_unit_server_failure_falls_back_to_the_local_model_then_the_line(
    mode: str, reason: str, libre: Any, lep: Lep, archives: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from lepcli.mt import translate_labelled

    libre.mode = mode
    if mode == "bad-key":
        monkeypatch.setenv("LEP_TEST_MT_KEY", "wrong")
    if mode == "no-key":
        monkeypatch.delenv("LEP_TEST_MT_KEY")
    with pytest.raises(errors.Unavailable) as caught:
        translate_labelled([SECRET], "en", "es")
    assert f"the MT server County MT {reason}" in caught.value.message
    assert caught.value.hint is not None and "interpreter" in caught.value.hint
    assert SECRET not in caught.value.message and "bicycle" not in str(caught.value.hint)
    install(lep, archives["en_es"])
    result = translate_labelled([SECRET], "en", "es")
    assert result.engine == "local" and result.label == "MACHINE TRANSLATION: verify"
    assert result.fallback_reason is not None and reason in result.fallback_reason
    assert result.texts == machine_translate([SECRET], "en", "es")
    if mode == "no-key":
        assert libre.requests == []  # nothing sent without the key


@pytest.mark.allow_hosts(["127.0.0.1"])
def test_unit_unreachable_server_falls_back(lep: Lep, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    _agency_file(tmp_path, monkeypatch, f"  server: http://127.0.0.1:{port}\n  timeout: 0.5\n")
    from lepcli.mt import translate_labelled

    with pytest.raises(errors.Unavailable, match="the MT server 127.0.0.1 unreachable"):
        translate_labelled(["Hello."], "en", "es")


def test_server_tier_is_off_by_default_and_its_settings_are_checked(
    lep: Lep, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doctor = lep("doctor", "--json").json()
    assert doctor["offline"] is True and "agency MT server" not in {c["name"] for c in doctor["checks"]}
    for bad, message in (
        ("  server: http://mt.example.org\n", "must use https://"),
        ("  server: https://mt.example.org\n  timeout: 90\n", "from 0.5 to 30"),
        ("  server: https://user:pw@mt.example.org\n", "no user name, password"),
        ("  sever: https://mt.example.org\n", "unknown field"),
    ):
        path = _agency_file(tmp_path, monkeypatch, bad)
        run = lep("config", "check", str(path))
        assert message in run.stdout + run.stderr and "machine_translation" in run.stdout + run.stderr
        assert lep("lines", "es").exit_code == 0  # interpreter lines keep working
        checks = {c["name"]: c for c in lep("doctor", "--json").json()["checks"]}
        assert checks["agency MT server"]["ok"] is False  # doctor says why it is not used
