"""The core's messages: every id used has its English, every English its Chinese, and the
Chinese was translated from the English as it is now (not a stale sentence)."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from backflow_plugin.core import messages
from backflow_plugin.core.messages import M, speaking, term, text
from backflow_plugin.core.messages_en import MESSAGES

PLUGIN = Path(messages.__file__).resolve().parents[1]
CATALOGUE = PLUGIN / "i18n" / "core_zh_CN.json"
PLACEHOLDER = re.compile(r"\{(\w+)[^{}]*\}")


def _ids_in_code() -> dict[str, str]:
    """Message id -> the file using it: the literal first argument of every M(...) call."""
    used = {}
    for path in PLUGIN.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "M"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                used[node.args[0].value] = str(path.relative_to(PLUGIN))
    return used


def _ids_named_in_code() -> set[str]:
    """Every string in the plugin's code that is a message id (an id chosen by an
    expression, M("a" if x else "b"), is named too)."""
    named = set()
    for path in PLUGIN.rglob("*.py"):
        if path.name in ("messages_en.py", "messages_en_errors.py"):  # the catalogue itself
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in MESSAGES:
                named.add(node.value)
    return named


def _catalogue() -> dict[str, dict]:
    return json.loads(CATALOGUE.read_text(encoding="utf-8"))


def test_every_id_used_in_code_has_its_english():
    used = _ids_in_code()
    assert len(used) > 50
    assert {k: f for k, f in used.items() if k not in MESSAGES} == {}


def test_every_english_has_chinese_translated_from_it():
    cat = _catalogue()
    assert sorted(set(MESSAGES) - set(cat)) == []  # no Chinese
    stale = {k: (cat[k]["en"], en) for k, en in MESSAGES.items() if cat[k]["en"] != en}
    assert stale == {}  # the English changed since it was translated
    for key, entry in cat.items():
        assert entry["zh"], key
        # a Chinese equal to the English is marked, so it is kept on purpose
        assert (entry["zh"] == entry["en"]) == bool(entry.get("same")), key


def test_placeholders_match():
    cat = _catalogue()
    differ = {
        k: (en, cat[k]["zh"])
        for k, en in MESSAGES.items()
        if sorted(PLACEHOLDER.findall(en)) != sorted(PLACEHOLDER.findall(cat[k]["zh"]))
    }
    assert differ == {}


def test_no_catalogue_or_english_id_unused():
    used = set(_ids_in_code()) | _ids_named_in_code()
    words = {k for k in MESSAGES if k.startswith("term.")}  # looked up by the data's words
    assert sorted(set(MESSAGES) - used - words) == []
    assert sorted(set(_catalogue()) - set(MESSAGES)) == []


def test_catalogue_sorted_one_entry_a_line():
    lines = CATALOGUE.read_text(encoding="utf-8").splitlines()
    keys = [json.loads("{" + line.rstrip(",") + "}").popitem()[0] for line in lines[1:-1]]
    assert keys == sorted(keys) and len(keys) == len(_catalogue())


def test_text_in_each_language():
    msg = M("report.table3.top_return", n=20)
    assert text(msg) == str(msg) == "Top 20 return organisations"
    assert text(msg, "zh") == "前20个回流机构"
    assert text(msg, "fr") == "Top 20 return organisations"  # no catalogue: English
    nested = M("report.patterns.by", by=term("return year"))
    assert text(nested, "zh") == "按回国年份的环形与线形路径"
    assert term("Nanjing University") == "Nanjing University"  # not a word of ours
    with speaking("zh", {"Beijing": "北京"}):
        assert messages.say(msg) == "前20个回流机构"
        assert messages.place_names() == {"Beijing": "北京"}
    assert messages.language() == "en" and messages.place_names() == {}
    with pytest.raises(KeyError, match="no English text"):
        M("report.no_such_text")


def test_values_the_data_hold_in_the_pages_language():
    names = {"Beijing": "北京", "Shanghai": "上海", "Cambridge": "剑桥"}
    with speaking("zh", names):
        assert messages.local_value("Beijing") == "北京"
        assert messages.local_value("university") == "高校"  # one of the paper's categories
        assert messages.local_value("Beijing (677); Shanghai (466)") == "北京 (677)；上海 (466)"
        assert messages.local_value("Beijing, Shanghai") == "北京、上海"
        assert messages.local_value("Cambridge (US)") == "剑桥 (US)"
        # a list with one unknown name, an organisation, a number: as given
        assert messages.local_value("Beijing; Atlantis") == "Beijing; Atlantis"
        assert messages.local_value("Nanjing University") == "Nanjing University"
        assert messages.local_value(3) == 3
    with speaking("en", names):
        assert messages.local_value("Beijing") == "Beijing"


def test_every_region_and_tier_word_is_a_term():
    """The owners' words (places.countries.REGION_LABELS, schema's tier names) each have
    their term, so renaming one there fails here instead of leaving it in English."""
    from backflow_plugin.core.places.countries import REGION_LABELS
    from backflow_plugin.core.schema import TIER_CITY_NAMES, TIER_LABELS

    words = {*REGION_LABELS.values(), *TIER_LABELS.values(), *TIER_CITY_NAMES.values()}
    assert len(words) == 13
    missing = sorted(w for w in words if not isinstance(term(w), messages.Message))
    assert missing == []


def test_sinks_get_plain_english_text():
    """A layer's field takes plain text: the report's sinks hold a message's English."""
    import pandas as pd

    from backflow_plugin.core.report.run import sink_frames

    rule = M("report.table4.rule_special", measure="degree", value="30")
    frame = pd.DataFrame({"tier": [3], "break": [rule]})
    frame.attrs["note"] = "kept"
    out = sink_frames({"table4": frame}, top_k=7)["table4"]
    assert out.at[0, "break"] == "degree <= 30, not a regional centre"
    assert type(out.at[0, "break"]) is str and out.attrs["note"] == "kept"
    assert isinstance(frame.at[0, "break"], messages.Message)  # the report's own frame kept


def test_disclosure_notes_and_other_rows_in_the_pages_language():
    """A note joins its rules' parts under one prefix, in English as before, and the
    page writes it, and the row standing for merged rows, in its own language."""
    import pandas as pd

    from backflow_plugin.core.disclosure import rules as dc

    orgs = pd.DataFrame({"org": ["A", "B", "C"], "persons": [9, 2, 3], "share": [0.6, 0.2, 0.2]})
    out, note = dc.merge_small_rows(orgs, 5, "org", "organisations")
    assert note == "2 organisations with fewer than 5 persons merged into 'other'"
    assert out["org"].tolist() == ["A", "other (2 organisations)"]
    frame = pd.DataFrame({"x": [1]})
    dc.add_note(frame, dc.disclosure(5, [note]))
    dc.add_note(frame, dc.disclosure(5, [M("note.complementary.one")]))
    assert frame.attrs["note"].startswith(
        "disclosure control (MIN_PERSONS = 5): 2 organisations with fewer than 5 persons "
        "merged into 'other'; complementary suppression: 1 more cell hidden"
    )
    assert text(frame.attrs["note"], "zh").startswith(
        "披露控制（MIN_PERSONS = 5）：2 个不足 5 人的机构并入“其他”；互补隐藏：另隐藏 1 个单元格"
    )
    assert text(out["org"].iloc[1], "zh") == "其他（2 个机构）"


def _chinese_texts() -> dict[str, str]:
    """Every Chinese text a user reads: the core's catalogue and Qt's translations."""
    import xml.etree.ElementTree as ET  # noqa: N817 - reading our own .ts file

    catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    out = {f"core {key}": entry["zh"] for key, entry in catalogue.items()}
    root = ET.parse(PLUGIN / "i18n" / "backflow_zh_CN.ts").getroot()
    for message in root.iter("message"):
        translation = message.find("translation")
        if translation is not None and translation.get("type") != "vanished":
            out[f"qt {message.findtext('source')}"] = translation.text or ""
    return out


def test_chinese_texts_use_mainland_words_one_for_each_tier():
    texts = _chinese_texts()
    # Hong Kong, Macao and Taiwan count as abroad: 境外 ('outside the border'), as a
    # mainland editor writes; 海外 ('overseas') leaves them out
    assert [key for key, zh in texts.items() if "海外" in zh] == []
    # a country of the data may be Hong Kong or Taiwan: the report says 国家/地区, and
    # so do the map layers and the panel's column of countries
    # (errors name columns such as 'country' and ISO country codes: not a data's places)
    catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    assert [
        key
        for key, entry in catalogue.items()
        if re.search(r"\bcountr", entry["en"], re.I)
        and "国家/地区" not in entry["zh"]
        and not key.startswith(("error.", "warning."))
    ] == []
    for english in ("Country", "Country column", "Countries", "Other countries",
                    "Neighbouring countries"):  # fmt: skip
        assert "地区" in texts[f"qt {english}"], english
    # one Chinese name per tier, in the report, the maps and the logs
    names = {"national core": "国家核心城市", "regional excellent": "区域优秀城市",
             "regional special": "区域特色城市"}  # fmt: skip
    assert [key for key, zh in texts.items() if "区域优势城市" in zh] == []  # a second name
    for english, zh in names.items():
        assert text(term(english), "zh") == zh


def test_errors_and_warnings_are_messages_with_chinese():
    """Every core error and warning is raised with a message, never an English template,
    and each error or warning message has a Chinese translated from its English."""
    literal = []
    for path in PLUGIN.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = getattr(node, "func", None)
            name = getattr(name, "id", getattr(name, "attr", None))
            if isinstance(node, ast.Call) and name in ("BackflowInputError", "CoreWarning"):
                parts = node.args[:1] + [k.value for k in node.keywords if k.arg == "accepted"]
                literal += [
                    f"{path.relative_to(PLUGIN)}:{node.lineno}"
                    for part in parts
                    if isinstance(part, ast.Constant) and isinstance(part.value, str)
                ]
    assert literal == []
    cat = _catalogue()
    errors = [k for k in MESSAGES if k.startswith(("error.", "warning."))]
    assert len(errors) > 120
    assert [k for k in errors if k not in cat or cat[k]["en"] != MESSAGES[k]] == []
    same = sorted(k for k in errors if cat[k]["zh"] == MESSAGES[k])
    assert same == ["error.import.wide_read_as_long.accepted"]  # 'WIDE_MAPPING = {mapping}'
