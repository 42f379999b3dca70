"""scripts/message.py writes a message's English and Chinese in their files together,
in the layout tests/core/test_messages.py checks (run on copies of the files): the
English in messages_en.py, an error's or warning's in messages_en_errors.py."""

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
    for name in ("ENGLISH", "ENGLISH_ERRORS", "CATALOGUE"):
        copy = tmp_path / getattr(module, name).name
        shutil.copy(getattr(module, name), copy)
        monkeypatch.setattr(module, name, copy)
    return module


def _file_english(path: Path, name: str) -> dict[str, str]:
    """The entries written in one file's dict (without a ** of another dict)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    (node,) = [n for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == name]
    return {
        ast.literal_eval(k): ast.literal_eval(v)
        for k, v in zip(node.value.keys, node.value.values)
        if k is not None
    }


def _english(module) -> dict[str, str]:
    """What messages_en.MESSAGES holds: its own entries, then the errors'."""
    return {
        **_file_english(module.ENGLISH, "MESSAGES"),
        **_file_english(module.ENGLISH_ERRORS, "ERRORS"),
    }


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


def test_errors_and_warnings_are_written_in_their_file(script):
    plain_before = _file_english(script.ENGLISH, "MESSAGES")
    errors_before = _file_english(script.ENGLISH_ERRORS, "ERRORS")
    assert {k.split(".")[0] for k in errors_before} == {"error", "warning"}
    assert not [k for k in plain_before if k.startswith(("error.", "warning."))]
    plain_text = script.ENGLISH.read_text(encoding="utf-8")
    # a new error goes into the errors' file, after the last of its family
    script.main(["set", "error.wide.example", "Bad {column}", "{column} 有误"])
    errors = _file_english(script.ENGLISH_ERRORS, "ERRORS")
    assert errors["error.wide.example"] == "Bad {column}"
    keys = list(errors)
    wide = [k for k in errors_before if k.startswith("error.wide.")]
    assert keys[keys.index("error.wide.example") - 1] == wide[-1]
    assert len(errors) == len(errors_before) + 1
    assert script.ENGLISH.read_text(encoding="utf-8") == plain_text
    # a new error of no family yet goes after the last error, before the warnings
    script.main(["set", "error.x", "x", "x"])
    keys = list(_file_english(script.ENGLISH_ERRORS, "ERRORS"))
    assert keys[keys.index("error.x") + 1] == [k for k in keys if k.startswith("warning.")][0]
    # an existing warning is changed where it is
    warning = "warning.tiers.no_candidate"
    script.main(["set", warning, "no city", "没有城市"])
    errors = _file_english(script.ENGLISH_ERRORS, "ERRORS")
    assert errors[warning] == "no city"
    assert list(errors).index(warning) == list(errors_before).index(warning) + 2  # 2 errors added
    assert script.ENGLISH.read_text(encoding="utf-8") == plain_text
    cat = json.loads(script.CATALOGUE.read_text(encoding="utf-8"))
    assert cat[warning] == {"en": "no city", "zh": "没有城市"}
    assert cat["error.x"] == {"en": "x", "zh": "x", "same": True}
    # --after names an id of the file the new id goes into
    with pytest.raises(SystemExit, match="no such message in messages_en_errors.py"):
        script.main(["set", "error.y", "y", "y", "--after", "report.title"])
    # removed from the errors' file; the page's file never touched
    for key in ("error.wide.example", "error.x"):
        script.main(["remove", key])
    script.main(["set", warning, errors_before[warning], cat[warning]["zh"]])
    assert _file_english(script.ENGLISH_ERRORS, "ERRORS") == errors_before
    assert list(_file_english(script.ENGLISH_ERRORS, "ERRORS")) == list(errors_before)
    assert script.ENGLISH.read_text(encoding="utf-8") == plain_text
    assert "error.x" not in json.loads(script.CATALOGUE.read_text(encoding="utf-8"))
