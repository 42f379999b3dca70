"""scripts/message.py writes a message's English and Chinese in their two files together,
in the layout tests/core/test_messages.py checks (run on copies of the two files)."""

from __future__ import annotations

import ast
import importlib.util
import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def script(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("message_script", ROOT / "scripts" / "message.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name in ("ENGLISH", "CATALOGUE"):
        copy = tmp_path / getattr(module, name).name
        shutil.copy(getattr(module, name), copy)
        monkeypatch.setattr(module, name, copy)
    return module


def _english(module) -> dict[str, str]:
    tree = ast.parse(module.ENGLISH.read_text(encoding="utf-8"))
    (node,) = [n for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == "MESSAGES"]
    return ast.literal_eval(node.value)


def test_set_change_and_remove(script):
    before = _english(script)
    catalogue_before = script.CATALOGUE.read_text(encoding="utf-8")
    # a new id goes after the last one of its family
    script.main(["set", "note.sources.example", "{n} examples", "{n} 个示例"])
    after = _english(script)
    assert after["note.sources.example"] == "{n} examples"
    keys = list(after)
    assert (
        keys[keys.index("note.sources.example") - 1]
        == [k for k in before if k.startswith("note.sources.")][-1]
    )
    entry = json.loads(script.CATALOGUE.read_text(encoding="utf-8"))["note.sources.example"]
    assert entry == {"en": "{n} examples", "zh": "{n} 个示例"}
    # a message written over several lines is replaced whole
    script.main(["set", "report.subtitle", "A new subtitle", "新的副标题"])
    after = _english(script)
    assert after["report.subtitle"] == "A new subtitle" and len(after) == len(before) + 1
    # the same text in both languages is marked as kept on purpose
    script.main(["set", "report.nav.table1", "table1", "table1"])
    cat = json.loads(script.CATALOGUE.read_text(encoding="utf-8"))
    assert cat["report.nav.table1"] == {"en": "table1", "zh": "table1", "same": True}
    # removed from both; what was untouched stays byte for byte
    for key in ("note.sources.example",):
        script.main(["remove", key])
    script.main(["set", "report.subtitle", before["report.subtitle"], "x"])
    script.main(["set", "report.nav.table1", "table1", json.loads(catalogue_before)["report.nav.table1"]["zh"]])  # fmt: skip
    assert _english(script) == before
    cat = json.loads(script.CATALOGUE.read_text(encoding="utf-8"))
    assert "note.sources.example" not in cat and cat["report.subtitle"]["zh"] == "x"
    lines = script.CATALOGUE.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "{" and lines[-1] == "}" and len(lines) == len(cat) + 2


def test_placeholders_must_match(script):
    with pytest.raises(SystemExit, match="placeholders differ"):
        script.main(["set", "note.sources.example", "{n} examples", "示例"])
    assert "note.sources.example" not in _english(script)
