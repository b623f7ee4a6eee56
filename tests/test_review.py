"""The translator review round trip: XLIFF out, edited the way a CAT tool edits it, imported back.

The fixture phrasebook is real YAML loaded by the real loader (tests/export_fixtures.py). The
exported file is opened with translate-toolkit's own reader AND a strict XML parser (lxml, and
xml.etree from the standard library); edits are made on the XML tree like a CAT tool saving a file.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import etree

from lepcli.phrasebook import Phrasebook
from tests.export_fixtures import PHRASES, TEXT, fixture_phrasebooks

NS = "urn:oasis:names:tc:xliff:document:1.2"
Q = f"{{{NS}}}"
Lep = Callable[..., Any]


@pytest.fixture
def fx(tmp_path: Path) -> Iterator[Phrasebook]:
    with fixture_phrasebooks(tmp_path / "fx") as book:
        yield book


def export_xliff(lep: Lep, path: Path, lang: str = "es") -> Path:
    run = lep("export", "phrasebook", "--lang", lang, "-o", str(path), "--json")
    assert run.exit_code == 0, run.stderr
    assert run.json()["format"] == "xliff"
    return path


def units(tree: Any) -> dict[str, Any]:
    return {u.get("id"): u for u in tree.iter(f"{Q}trans-unit")}


def set_target(unit: Any, text: str, state: str | None = None) -> None:
    target = unit.find(f"{Q}target")
    if target is None:
        target = etree.SubElement(unit, f"{Q}target")
    for child in list(target):
        target.remove(child)
    target.text = text
    if state:
        target.set("state", state)


def save(tree: Any, path: Path) -> Path:
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    return path


# -- export ------------------------------------------------------------------------------------------


def test_exported_xliff_reads_back_with_toolkit_and_strict_parsers(lep: Lep, tmp_path: Path, fx: Phrasebook) -> None:
    out = export_xliff(lep, tmp_path / "es.xlf")
    raw = out.read_bytes()
    # strict XML parsers: the standard library and lxml without recovery
    root = ET.fromstring(raw)
    assert root.tag == f"{Q}xliff" and root.get("version") == "1.2"
    tree = etree.fromstring(raw, parser=etree.XMLParser(recover=False, resolve_entities=False))
    files = tree.findall(f"{Q}file")
    assert len(files) == 1 and files[0].get("source-language") == "en" and files[0].get("target-language") == "es"
    by_id = units(tree)
    assert list(by_id) == [p["id"] for p in PHRASES]  # one unit per phrase id, master order
    hello = by_id["greeting.hello"]
    assert hello.find(f"{Q}source").text == "Hello."
    assert hello.find(f"{Q}target").text == TEXT["es"]["greeting.hello"][0]
    assert hello.find(f"{Q}target").get("state") == "needs-review-translation"  # draft
    legal = by_id["legal.right_to_remain_silent"]
    assert legal.find(f"{Q}target").get("state") == "final" and legal.get("approved") == "yes"  # reviewed
    notes = " ".join(n.text for n in legal.findall(f"{Q}note"))
    assert "LEGAL" in notes
    name = by_id["greeting.my_name_is"]
    ph = name.find(f"{Q}source").find(f"{Q}ph")
    assert ph is not None and ph.get("id") == "name" and ph.text == "{name}"  # protected by CAT tools
    assert name.find(f"{Q}target").find(f"{Q}ph").text == "{name}"
    assert "The officer says their own name." in " ".join(n.text for n in name.findall(f"{Q}note"))
    # translate-toolkit's own reader
    from translate.storage import factory

    store = factory.getobject(str(out))
    read = {u.getid().split("\x04")[-1]: u for u in store.units}
    assert str(read["greeting.my_name_is"].source) == "My name is Officer {name}."
    assert str(read["greeting.hello"].target) == TEXT["es"]["greeting.hello"][0]
    assert read["legal.right_to_remain_silent"].isapproved()


def test_xliff_holds_one_language(lep: Lep, tmp_path: Path, fx: Phrasebook) -> None:
    run = lep("export", "phrasebook", "--lang", "es,ar", "-o", str(tmp_path / "x.xlf"))
    assert run.exit_code == 3 and "one language" in run.stderr
    assert not (tmp_path / "x.xlf").exists()


def test_xliff_export_says_legal_drafts_are_in_the_file_not_withheld(lep: Lep, tmp_path: Path, fx: Phrasebook) -> None:
    out = tmp_path / "ar.xlf"
    run = lep("export", "phrasebook", "--lang", "ar", "-o", str(out), "--json")
    assert run.exit_code == 0, run.stderr
    data = run.json()
    assert data["legal_withheld"] == 0 and data["legal_for_review"] == 1  # ar's legal line is a draft
    assert "legal.right_to_remain_silent" in units(etree.parse(str(out)))
    human = lep("export", "phrasebook", "--lang", "ar", "-o", str(out), "--force")
    assert "1 draft legal translations are in the file for the reviewer" in human.stdout
    assert "withheld" not in human.stdout
    # the same phrasebook on paper still withholds it
    paper = lep("export", "phrasebook", "--lang", "ar", "-o", str(tmp_path / "ar.csv"), "--json").json()
    assert paper["legal_withheld"] == 1 and paper["legal_for_review"] == 0


# -- import ------------------------------------------------------------------------------------------


def agency_es(root: Path) -> dict[str, Any]:
    data = yaml.safe_load((root / "fx" / "agency" / "es.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_round_trip_final_becomes_reviewed_changed_stays_draft(lep: Lep, tmp_path: Path, fx: Phrasebook) -> None:
    out = export_xliff(lep, tmp_path / "es.xlf")
    tree = etree.parse(str(out))
    by_id = units(tree.getroot())
    set_target(by_id["greeting.hello"], "¡Hola!", state="translated")  # changed, not final
    set_target(by_id["safety.stop"], TEXT["es"]["safety.stop"][0], state="final")  # signed off as it was
    set_target(by_id["medical.are_you_hurt"], "¿Está usted herido?", state="signed-off")  # changed and signed off
    etree.SubElement(by_id["medical.are_you_hurt"], f"{Q}note", {"from": "translator"}).text = (
        "pronunciation: es-TAH oos-TEHD eh-REE-doh"
    )
    save(tree, tmp_path / "back.xlf")

    run = lep("phrase", "import", str(tmp_path / "back.xlf"), "--reviewer", "A. Garcia, ATA-certified", "--json")
    assert run.exit_code == 0, run.stderr
    report = run.json()
    assert report["language"] == "es"
    assert sorted(report["reviewed"]) == ["medical.are_you_hurt", "safety.stop"]
    assert report["drafted"] == ["greeting.hello"]
    assert report["untouched"] == len(PHRASES) - 3
    assert report["needs_pronunciation"] == ["greeting.hello"]  # changed text, no new respelling given
    assert report["written"] == str(tmp_path / "fx" / "agency" / "es.yaml")

    # the real loader now answers with the imported translations
    from lepcli import phrasebook

    book = phrasebook.load()
    hurt = book.translation("medical.are_you_hurt", "es")
    assert hurt is not None and hurt.text == "¿Está usted herido?" and hurt.status == "reviewed"
    assert hurt.reviewed_by == "A. Garcia, ATA-certified" and hurt.pronunciation == "es-TAH oos-TEHD eh-REE-doh"
    stop = book.translation("safety.stop", "es")
    assert stop is not None and stop.status == "reviewed" and stop.pronunciation == TEXT["es"]["safety.stop"][1]
    hello = book.translation("greeting.hello", "es")
    assert hello is not None and hello.text == "¡Hola!" and hello.status == "draft" and hello.reviewed_by is None
    legal = book.translation("legal.right_to_remain_silent", "es")
    assert legal is not None and legal.status == "reviewed"  # left alone
    # the packaged file was never touched
    packaged = yaml.safe_load((tmp_path / "fx" / "packaged" / "es.yaml").read_text(encoding="utf-8"))
    assert packaged["translations"]["greeting.hello"]["text"] == TEXT["es"]["greeting.hello"][0]
    assert agency_es(tmp_path)["translations"]["safety.stop"]["status"] == "reviewed"
    human = lep("phrase", "coverage", "--lang", "es")
    assert human.exit_code == 0 and "Safety commands" in human.stdout


def test_final_units_need_a_reviewer(lep: Lep, tmp_path: Path, fx: Phrasebook) -> None:
    out = export_xliff(lep, tmp_path / "es.xlf")
    tree = etree.parse(str(out))
    set_target(units(tree.getroot())["safety.stop"], "¡Alto ahí!", state="final")
    save(tree, tmp_path / "back.xlf")
    before = (tmp_path / "fx" / "agency" / "es.yaml").read_bytes()
    run = lep("phrase", "import", str(tmp_path / "back.xlf"))
    assert run.exit_code == 3 and "--reviewer" in run.stderr
    assert (tmp_path / "fx" / "agency" / "es.yaml").read_bytes() == before


def test_broken_placeholder_refuses_the_whole_file(lep: Lep, tmp_path: Path, fx: Phrasebook) -> None:
    out = export_xliff(lep, tmp_path / "es.xlf")
    tree = etree.parse(str(out))
    by_id = units(tree.getroot())
    set_target(by_id["greeting.my_name_is"], "Soy el oficial {nombre}.", state="final")  # translated the tag
    set_target(by_id["greeting.hello"], "¡Hola!", state="final")
    save(tree, tmp_path / "back.xlf")
    before = (tmp_path / "fx" / "agency" / "es.yaml").read_bytes()
    run = lep("phrase", "import", str(tmp_path / "back.xlf"), "--reviewer", "R")
    assert run.exit_code == 3
    assert "broken placeholders" in run.stderr and "greeting.my_name_is" in run.stderr
    assert (tmp_path / "fx" / "agency" / "es.yaml").read_bytes() == before  # nothing half-imported


def test_unit_in_another_language_refuses_the_file(lep: Lep, tmp_path: Path, fx: Phrasebook) -> None:
    out = export_xliff(lep, tmp_path / "es.xlf")
    tree = etree.parse(str(out))
    target = units(tree.getroot())["greeting.hello"].find(f"{Q}target")
    target.text = "Bonjour."
    target.set("{http://www.w3.org/XML/1998/namespace}lang", "fr")
    save(tree, tmp_path / "back.xlf")
    run = lep("phrase", "import", str(tmp_path / "back.xlf"), "--reviewer", "R")
    assert run.exit_code == 3 and "another language" in run.stderr and "greeting.hello" in run.stderr


def test_file_for_another_language_is_refused(lep: Lep, tmp_path: Path, fx: Phrasebook) -> None:
    out = export_xliff(lep, tmp_path / "ar.xlf", lang="ar")
    run = lep("phrase", "import", str(out), "--lang", "es")
    assert run.exit_code == 3 and "is for Arabic (ar), not Spanish (es)" in run.stderr
    tree = etree.parse(str(out))
    tree.getroot().find(f"{Q}file").set("target-language", "xx-klingon")
    save(tree, tmp_path / "bad.xlf")
    run = lep("phrase", "import", str(tmp_path / "bad.xlf"))
    assert run.exit_code == 3 and "not a language lepcli knows" in run.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<xliff><file>", "not a well-formed XLIFF"),
        (b'<?xml version="1.0"?><html/>', "not an XLIFF file"),
        (
            b'<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="es"></xliff>',
            "XLIFF 1.2",
        ),
    ],
)
def test_not_an_xliff_file_is_one_clear_error(lep: Lep, tmp_path: Path, fx: Phrasebook, content: bytes,
                                              message: str) -> None:  # fmt: skip
    bad = tmp_path / "bad.xlf"
    bad.write_bytes(content)
    run = lep("phrase", "import", str(bad))
    assert run.exit_code == 3, run.stderr
    assert message in run.stderr and "internal error" not in run.stderr


def test_fifo_and_dev_zero_as_the_import_file_are_refused_without_hanging(lep: Lep, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.xlf"
    os.mkfifo(fifo)
    run = lep("phrase", "import", str(fifo))
    assert run.exit_code == 3 and "not a regular file" in run.stderr
    zero = tmp_path / "zero.xlf"
    zero.symlink_to("/dev/zero")
    run = lep("phrase", "import", str(zero))
    assert run.exit_code == 3 and "not a regular file" in run.stderr
    run = lep("phrase", "import", str(tmp_path))
    assert run.exit_code == 3 and "is a folder" in run.stderr
    run = lep("phrase", "import", str(tmp_path / "missing.xlf"))
    assert run.exit_code == 4


def test_import_never_writes_the_packaged_folder(lep: Lep, tmp_path: Path, fx: Phrasebook,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    out = export_xliff(lep, tmp_path / "es.xlf")
    tree = etree.parse(str(out))
    set_target(units(tree.getroot())["greeting.hello"], "¡Hola!", state="translated")
    save(tree, tmp_path / "back.xlf")
    monkeypatch.setenv("LEP_PHRASEBOOKS", str(tmp_path / "fx" / "packaged"))
    before = (tmp_path / "fx" / "packaged" / "es.yaml").read_bytes()
    run = lep("phrase", "import", str(tmp_path / "back.xlf"), "--reviewer", "R")
    assert run.exit_code == 3 and "packaged" in run.stderr
    assert (tmp_path / "fx" / "packaged" / "es.yaml").read_bytes() == before


def test_coverage_counts_per_language_and_category(lep: Lep, fx: Phrasebook) -> None:
    run = lep("phrase", "coverage", "--json")
    assert run.exit_code == 0, run.stderr
    data = run.json()
    status = {s["code"]: s for s in data["status"]}
    es = status["es"]
    assert es["counts"] == {"reviewed": 1, "draft": len(TEXT["es"]) - 1, "machine": 0, "missing": 0}
    assert es["legal"] == {"reviewed": 1, "draft": 0, "machine": 0, "missing": 0}
    ja = status["ja"]
    assert ja["counts"]["missing"] == len(PHRASES) - len(TEXT["ja"])
    assert ja["categories"]["medical"] == {"reviewed": 0, "draft": 1, "machine": 0, "missing": 1}
    assert ja["legal"]["missing"] == 1
    assert [c["id"] for c in data["categories"]] == ["greeting", "safety", "medical", "legal"]
    # the older per-language keys are still there
    assert {"translated", "reviewed_pct", "legal_reviewed"} <= set(data["languages"][0])


def test_phrase_coverage_is_registered_once() -> None:
    from lepcli.cli import phrase

    names = [c.name for c in phrase.app.registered_commands]
    assert names.count("coverage") == 1 and "import" in names
