"""The report's regional section: regions ranked by returnees and the region x region matrix.

Given when the report receives the outputs of backflow:regionalflows (tables
``region_matrix`` and, optionally, ``regions``).
"""

from __future__ import annotations

import pandas as pd

from . import report_html as H

SECTION_ID = "regions"
REGION_COLUMNS = {
    "name": "Region",
    "returnees": "Returnees",
    "returnee_share": "Share",
    "inflow": "Inflow",
    "outflow": "Outflow",
    "net_flow": "Net",
    "talent_export": "Talent export",
    "circle_share": "Circle share",
    "tier_mix": "Tiers 1 / 2 / 3",
}


def trim_matrix(matrix: pd.DataFrame) -> pd.DataFrame:
    """The matrix without the regions that neither send nor receive (all-zero row and column)."""
    m = matrix.copy()
    label = "from_region"
    body = m[m[label] != "total"]
    keep = [
        name
        for name in body[label]
        if name in m.columns
        and (int(body.loc[body[label] == name, "total"].iloc[0]) > 0 or int(body[name].sum()) > 0)
    ]
    rows = m[m[label].isin(keep) | (m[label] == "total")]
    return rows[[label, *keep, "total"]].reset_index(drop=True)


def regions_section(matrix: pd.DataFrame | None, regions: pd.DataFrame | None) -> str:
    body = [
        "<p>Returnees, flows and talent export by region (backflow:regionalflows). Net = "
        "moves into the region less moves out of it; talent export = persons born in the "
        "region who returned to another.</p>"
    ]
    if regions is not None and len(regions) and "returnees" in regions.columns:
        table = regions.sort_values("returnees", ascending=False)
        table = table[table["returnees"] > 0] if (table["returnees"] > 0).any() else table
        body.append(
            H.html_table(
                table,
                columns=list(REGION_COLUMNS),
                headers=REGION_COLUMNS,
                formats={
                    "returnee_share": H.fmt_pct,
                    "circle_share": H.fmt_pct,
                    "net_flow": lambda v: (
                        H.esc(f"{int(v):+,d}" if v else "0") if pd.notna(v) else ""
                    ),
                },
                caption="Regions by returnees",
            )
        )
    if matrix is not None and len(matrix) and "from_region" in matrix.columns:
        trimmed = trim_matrix(matrix)
        body.append(
            '<div style="overflow-x:auto">'
            + H.html_table(
                trimmed,
                headers={"from_region": "from \\ to"},
                total_row=lambda row: row["from_region"] == "total",
                caption="Region x region matrix (rows: from, columns: to; regions with no "
                "count left out)",
            )
            + "</div>"
        )
    return H._section(SECTION_ID, "Regions", "\n".join(body))
