"""Hypothesis strategies: trajectory tables as a careless or hostile source would write them.

A generated case is a `Case`: the logical table (header + rows), how it is laid out
(long or wide), and how it is serialised (encoding, delimiter, trailing delimiters,
ragged rows, NUL bytes, blank lines, container format).
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

# make test: a few fixed examples; make fuzz: BACKFLOW_FUZZ_EXAMPLES (2,200) tables.
EXAMPLES = int(os.environ.get("BACKFLOW_FUZZ_EXAMPLES", "30"))

FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,  # a fixed seed: the same tables on every run
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    print_blob=True,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: the budget stays small
)

KNOWN_CITIES = [
    "Beijing", "北京", "Shanghai", "上海市", "武汉", "Wuhan", "Hefei", "Nanjing", "Boston",
    "Cambridge", "London", "Tokyo", "Paris", "Chengdu", "成都", "Xi'an", "Lüliang", "Zürich",
    "São Paulo", "Hong Kong", "台北", "Beijing Shi", "bei jing",
]  # fmt: skip
PAYLOADS = [
    "=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-3", "@SUM(A1)", "\tTAB", "\rCR",
    "<script>alert(1)</script>", "<b>bold</b>&amp;", "'; DROP TABLE x;--",
    "😀🎓", "مدينة", "עיר", "\u202eevil", "Ω≈ç√", "a\u0301", "　", "NULL", "None", "nan",
]  # fmt: skip
STAGES = ["birth", "bachelor", "master", "phd", "postdoc", "work", "return", "later",
          "出生地", "本科", "博士", "回国", "visit", "", "unknown-stage"]  # fmt: skip
COUNTRIES = ["", "", "CN", "US", "GB", "China", "United States", "JP", "XX", "中国"]
EXTRA_NAMES = ["subject", "unit_type", "geom", "fid", "FID", "total", "top_cities",
               "city ", " person_id", "Geometry", "wkt_geom", "gender", "学科", "单位类型",
               "😀", "الاسم", "", "OGC_FID", "x" * 80]  # fmt: skip
EXTRA_VALUES = ["Physics", "university", "total", "subject", "enterprise", "", "F", "M"]

ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "big5", "utf-16", "cp1252", "latin-1"]
DELIMITERS = [",", ";", "\t", "|"]
TEXT_FORMATS = [".csv", ".tsv", ".txt"]
LAYER_FORMATS = [".gpkg", ".xlsx"]


@dataclass
class Case:
    layout: str  # "long" or "wide"
    header: list[str]
    rows: list[list[str]]
    encoding: str = "utf-8"
    delimiter: str = ","
    suffix: str = ".csv"
    trailing: bool = False  # a delimiter at the end of every data row
    ragged: list[int] = field(default_factory=list)  # rows cut short by one cell
    nul_row: int | None = None
    blank_lines: bool = False
    wide_mapping: str = ""

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    def text(self) -> str:
        buf = io.StringIO()
        # CRLF as Excel writes: cells holding CR or LF get quoted.
        writer = csv.writer(buf, delimiter=self.delimiter, lineterminator="\r\n")
        writer.writerow(self.header)
        for i, row in enumerate(self.rows):
            cells = list(row)
            if i in self.ragged and len(cells) > 1:
                cells = cells[:-1]
            if self.nul_row == i:
                cells[0] = cells[0] + "\x00x"
            writer.writerow(cells)
            if self.trailing:
                buf.seek(buf.tell() - 2)
                buf.write(self.delimiter + "\r\n")
            if self.blank_lines and i % 3 == 0:
                buf.write("\r\n")
        return buf.getvalue()

    def data(self) -> tuple[bytes, str]:
        """The file's bytes and the encoding really used (UTF-8 when not representable)."""
        text = self.text()
        try:
            return text.encode(self.encoding), self.encoding
        except UnicodeEncodeError:
            return text.encode("utf-8"), "utf-8"


def _cell(draw, pool: list[str], long_ok: bool = True) -> str:
    kind = draw(st.integers(0, 9))
    if kind <= 5:
        return draw(st.sampled_from(pool))
    if kind == 6:
        return draw(st.sampled_from(PAYLOADS))
    if kind == 7 and long_ok:
        return draw(st.sampled_from(["Q", "长", "é"])) * draw(st.sampled_from([300, 5000, 20000]))
    # any text but NUL (drawn on purpose, see Case.nul_row) and lone surrogates (no file has them)
    return draw(
        st.text(
            st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=12
        )
    )


@st.composite
def cases(draw, formats: list[str] | None = None) -> Case:
    layout = draw(st.sampled_from(["long", "long", "wide"]))
    n_persons = draw(st.integers(1, 6))
    extras = draw(st.lists(st.sampled_from(EXTRA_NAMES), max_size=3))
    rows: list[list[str]] = []
    if layout == "long":
        header = ["person_id", "seq", "stage", "city", "country", "org", "year", *extras]
        for p in range(n_persons):
            pid = draw(st.sampled_from([f"P{p}", f"p{p}", f"人{p}", f"=P{p}", f"P{p} "]))
            for s in range(draw(st.integers(1, 5))):
                rows.append(
                    [
                        pid,
                        str(s + 1)
                        if draw(st.integers(0, 30))
                        else draw(st.sampled_from(["", "x"])),
                        draw(st.sampled_from(STAGES[:12] * 4 + STAGES[12:])),
                        _cell(draw, KNOWN_CITIES),
                        draw(st.sampled_from(COUNTRIES)),
                        _cell(draw, ["Harvard", "武汉大学", "", "MIT"], long_ok=False),
                        draw(st.sampled_from(["2001", "", "c. 1999", "abc"])),
                        *[draw(st.sampled_from(EXTRA_VALUES + PAYLOADS[:3])) for _ in extras],
                    ]
                )
        mapping = ""
    else:
        header = ["id", "bornCity", "bornCountry", "workCity", "workCountry", "diedCity", *extras]
        for p in range(n_persons):
            for _ in range(draw(st.integers(1, 2))):  # a person may repeat on a second row
                rows.append(
                    [
                        str(p),
                        _cell(draw, KNOWN_CITIES + [""]),
                        draw(st.sampled_from(COUNTRIES)),
                        _cell(draw, KNOWN_CITIES + [""]),
                        draw(st.sampled_from(COUNTRIES)),
                        draw(st.sampled_from(KNOWN_CITIES + ["", ""])),
                        *[draw(st.sampled_from(EXTRA_VALUES)) for _ in extras],
                    ]
                )
        mapping = "birth=bornCity,bornCountry; work=workCity,workCountry; later=diedCity"
    suffix = draw(st.sampled_from(formats or TEXT_FORMATS))
    delimiter = "\t" if suffix == ".tsv" else draw(st.sampled_from(DELIMITERS))
    n = len(rows)
    return Case(
        layout=layout,
        header=header,
        rows=rows,
        encoding=draw(st.sampled_from(ENCODINGS)),
        delimiter=delimiter,
        suffix=suffix,
        trailing=draw(st.integers(0, 7)) == 0,
        ragged=draw(st.lists(st.integers(0, n - 1), max_size=2)) if draw(st.booleans()) else [],
        nul_row=draw(st.integers(0, n - 1)) if draw(st.integers(0, 9)) == 0 else None,
        blank_lines=draw(st.integers(0, 5)) == 0,
        wide_mapping=mapping,
    )


def report_counts(title: str, outcomes) -> None:
    """The outcome counts, appended to $BACKFLOW_FUZZ_REPORT (make fuzz prints it)."""
    lines = [f"fuzz ({title}): {outcomes['tables']} tables"]
    lines += [f"  {n:6d}  {key}" for key, n in sorted(outcomes.items()) if key != "tables"]
    target = os.environ.get("BACKFLOW_FUZZ_REPORT")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
