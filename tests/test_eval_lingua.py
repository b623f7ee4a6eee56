"""bench/eval_lingua.py on a tiny folder laid out like lingua-py's language-testdata.

The script runs in this process, so pytest-socket's network block applies to it: it must work
offline. The real data is never in the repository; the figures are in the README."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "bench" / "eval_lingua.py"

# 3 languages x 2 lines per class, plus German (not one of the 23: must be ignored).
FIXTURE = {
    "sentences": {
        "es": ["¿Dónde está mi hijo? No lo encuentro desde esta mañana.", "Necesito ayuda, mi esposo está herido."],
        "en": ["I do not know where my son is right now.", "Please send help, my wife is badly hurt."],
        "vi": ["Tôi không biết con tôi ở đâu.", "Xin hãy giúp tôi, vợ tôi bị thương."],
        "de": ["Ich weiß nicht, wo mein Sohn ist.", "Bitte helfen Sie mir sofort."],
    },
    "word-pairs": {
        "es": ["mi hijo", "necesito ayuda"],
        "en": ["my son", "please help"],
        "vi": ["con tôi", "giúp tôi"],
        "de": ["mein Sohn", "bitte helfen"],
    },
    "single-words": {
        "es": ["ayuda", "hijo"],
        "en": ["help", "where"],
        "vi": ["không", "giúp"],
        "de": ["Hilfe", "Sohn"],
    },
}
ROW = re.compile(
    r"^(all lepcli languages|among the 23)\s+(sentences|word pairs|single words)\s+"
    r"(\d+)\s+(\d+\.\d|-)\s+(\d+)\s+(\d+\.\d|-)$"
)


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_lingua", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_lingua"] = module
    spec.loader.exec_module(module)
    return module


def write_fixture(root: Path) -> Path:
    data = root / "language-testdata"
    for folder, by_code in FIXTURE.items():
        (data / folder).mkdir(parents=True)
        for code, lines in by_code.items():
            (data / folder / f"{code}.txt").write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    return data


def test_eval_lingua_prints_one_row_per_mode_and_class(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write_fixture(tmp_path)
    assert load_script().main(["--data", str(data), "--per-language"]) == 0
    out = capsys.readouterr().out
    assert "languages (3): en es vi" in out  # German is not one of the 23; blank lines are skipped
    rows = [ROW.match(line) for line in out.splitlines()]
    found = [(m.group(1), m.group(2)) for m in rows if m]
    assert found == [
        (mode, kind)
        for mode in ("all lepcli languages", "among the 23")
        for kind in ("sentences", "word pairs", "single words")
    ]
    for m in rows:
        if m is None:
            continue
        n, top1, confident, right = int(m.group(3)), m.group(4), int(m.group(5)), m.group(6)
        assert n == 6  # 3 languages x 2 lines
        assert 0 <= confident <= n
        assert right == "-" if confident == 0 else 0 <= float(right) <= 100
        if m.group(2) == "sentences":
            assert top1 == "100.0"  # plain emergency sentences in the file's language
    assert "\n    vi " in out  # the per-language table
    assert "36 detections" in out  # 2 modes x 3 classes x 6 lines


def test_eval_lingua_counts_same_interpreter_pairs_right() -> None:
    script = load_script()
    assert script.is_right("zh", "zh-Hant", False)
    assert script.is_right("fa", "prs", False)
    assert script.is_right("hi", "ur", True)  # romanized Hindi/Urdu: one spoken language
    assert not script.is_right("hi", "ur", False)  # in their own scripts they are told apart
    assert not script.is_right("pt", "es", False)
    assert len(script.AMONG) == 23


def test_eval_lingua_without_data_says_so(tmp_path: Path) -> None:
    script = load_script()
    with pytest.raises(SystemExit, match="not a folder"):
        script.main(["--data", str(tmp_path / "missing")])
    with pytest.raises(SystemExit, match="no sentences/"):
        script.main(["--data", str(tmp_path)])
