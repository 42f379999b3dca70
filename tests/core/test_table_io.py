"""Reading text tables: encodings, delimiters, empty files."""

from __future__ import annotations

import pytest

from backflow_plugin.core.errors import BackflowInputError
from backflow_plugin.core.tables.delimited import decode_bytes, read_text_table, sniff_delimiter

ROWS = [
    ["人员", "阶段", "城市", "单位"],
    ["P1", "出生地", "绵阳", "—"],
    ["P1", "本科", "武汉", "华中科技大学"],
    ["P1", "博士", "波士顿", "哈佛大学"],
    ["P1", "回国", "北京", "清华大学"],
]


def _write(tmp_path, name, text, encoding, bom=b""):
    path = tmp_path / name
    path.write_bytes(bom + text.encode(encoding))
    return path


@pytest.mark.parametrize(
    "encoding,bom",
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""), ("gbk", b"")],
)
def test_simplified_chinese_in_each_encoding(tmp_path, encoding, bom):
    text = "\n".join(",".join(r) for r in ROWS) + "\n"
    frame, info = read_text_table(_write(tmp_path, "t.csv", text, encoding, bom))
    assert list(frame.columns) == ROWS[0]
    assert frame["城市"].tolist() == ["绵阳", "武汉", "波士顿", "北京"]
    assert frame["单位"].iloc[3] == "清华大学"
    assert len(frame) == 4
    if encoding.startswith("gb"):
        assert info["encoding"] == "gb18030"


def test_big5_traditional_chinese(tmp_path):
    rows = [
        ["人員", "階段", "城市"],
        ["P1", "出生地", "臺北"],
        ["P1", "博士", "劍橋"],
        ["P1", "回國", "綿陽"],
        ["P2", "學士", "廣州"],
    ]
    text = "\n".join(",".join(r) for r in rows) + "\n"
    frame, info = read_text_table(_write(tmp_path, "t.csv", text, "big5"))
    assert info["encoding"] == "big5"
    assert frame["城市"].tolist() == ["臺北", "劍橋", "綿陽", "廣州"]


def test_latin1_names(tmp_path):
    text = "id;city\n1;Zürich\n2;Göttingen\n3;Besançon\n"
    frame, info = read_text_table(_write(tmp_path, "t.txt", text, "latin-1"))
    assert info["delimiter"] == ";"
    assert info["encoding"] in ("cp1252", "latin-1")
    assert frame["city"].tolist() == ["Zürich", "Göttingen", "Besançon"]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters_are_sniffed(tmp_path, delimiter):
    text = "\n".join(
        delimiter.join(r) for r in [["a", "b", "c"], ["1", "x y", "3"], ["4", "5", "6"]]
    )
    frame, info = read_text_table(_write(tmp_path, "t.csv", text, "utf-8"))
    assert info["delimiter"] == delimiter
    assert frame["b"].tolist() == ["x y", "5"]


def test_quoted_commas_survive(tmp_path):
    text = 'id,org,city\n1,"Harvard University, Cambridge",Cambridge\n'
    frame, _ = read_text_table(_write(tmp_path, "t.csv", text, "utf-8"))
    assert frame["org"].iloc[0] == "Harvard University, Cambridge"


def test_empty_file_is_a_clear_error(tmp_path):
    path = _write(tmp_path, "empty.csv", "  \n", "utf-8")
    with pytest.raises(BackflowInputError, match=r"The file is empty \(file 'empty.csv'\)"):
        read_text_table(path)


def test_header_only_is_a_clear_error(tmp_path):
    path = _write(tmp_path, "head.csv", "person,stage,city\n", "utf-8")
    with pytest.raises(BackflowInputError, match="header but no data rows"):
        read_text_table(path)


def test_missing_file(tmp_path):
    with pytest.raises(BackflowInputError, match="does not exist"):
        read_text_table(tmp_path / "nope.csv")


def test_decode_respects_explicit_encoding():
    text, used = decode_bytes("北京".encode("gb18030"), "gb18030")
    assert (text, used) == ("北京", "gb18030")


def test_sniff_tsv_by_suffix():
    assert sniff_delimiter("a\tb\n1\t2\n", ".tsv") == "\t"


def test_utf8_bytes_parse_like_their_text():
    # read_text_table hands UTF-8 files to pandas as bytes (no second copy of the text)
    import pandas as pd

    from backflow_plugin.core.tables.delimited import parse_text_table

    text = (
        "person_id,city,org,note\r\n"
        'P1,武汉,"华中科技大学, 光电","line one\r\nline two"\r\n'
        "P1, Boston ,MIT,\r\n"
        "\r\n"
        'P2,Zürich,ETH,"quote ""here"""\r\n'
    )
    plain, warn_plain = parse_text_table(text, ",", "t.csv")
    fast, warn_fast = parse_text_table(text, ",", "t.csv", utf8=text.encode("utf-8"))
    pd.testing.assert_frame_equal(plain, fast)
    assert warn_plain == warn_fast
    assert fast["city"].tolist() == ["武汉", "Boston ", "Zürich"]
    assert fast["note"].iloc[0] == "line one\r\nline two"
