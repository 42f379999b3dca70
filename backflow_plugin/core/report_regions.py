"""The report's regional section: regions ranked by returnees and the region x region matrix.

Given when the report receives the outputs of backflow:regionalflows (tables
``region_matrix`` and, optionally, ``regions``).
"""

from __future__ import annotations

import pandas as pd

from . import report_html as H

SECTION_ID = "regions"
MATRIX_MAX = 20  # regions shown in the report's matrix
OTHER_REGIONS = "Other regions"
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
    counts = [c for c in m.columns if c != label]  # text when read back from a CSV
    m[counts] = m[counts].apply(pd.to_numeric, errors="coerce").fillna(0).astype("int64")
    body = m[m[label] != "total"]
    keep = [
        name
        for name in body[label]
        if name in m.columns
        and (int(body.loc[body[label] == name, "total"].iloc[0]) > 0 or int(body[name].sum()) > 0)
    ]
    rows = m[m[label].isin(keep) | (m[label] == "total")]
    rows = rows[[label, *keep, "total"]].reset_index(drop=True)
    if len(keep) <= MATRIX_MAX:
        return rows
    # Too wide to read: the regions with most moves in and out, the rest summed (the
    # table output keeps every region).
    body = rows[rows[label] != "total"].set_index(label)
    size = {n: int(body.loc[n, "total"]) + int(body[n].sum()) for n in keep}
    top = [n for n in keep if n in sorted(keep, key=lambda n: -size[n])[:MATRIX_MAX]]
    rest = [n for n in keep if n not in top]
    out = rows.copy()
    out[OTHER_REGIONS] = out[rest].sum(axis=1)
    out = out[[label, *top, OTHER_REGIONS, "total"]]
    is_rest = out[label].isin(rest)
    summed = out[is_rest].drop(columns=label).sum()
    other_row = pd.DataFrame([{label: OTHER_REGIONS, **summed.to_dict()}])
    total_row = out[out[label] == "total"]
    return pd.concat(
        [out[~is_rest & (out[label] != "total")], other_row, total_row], ignore_index=True
    )


def regions_section(matrix: pd.DataFrame | None, regions: pd.DataFrame | None) -> str:
    body = [
        "<p>Returnees, flows and talent export by region (backflow:regionalflows). Net = "
        "moves into the region less moves out of it; talent export = persons born in the "
        "region who returned to another.</p>"
    ]
    # MIN_PERSONS of the report (stamped on the frames): persons counts under it, and the
    # shares that would give them away, are not printed.
    n_min = max(
        [1] + [int(f.attrs.get("min_persons", 1)) for f in (matrix, regions) if f is not None]
    )

    def small(v) -> bool:
        return pd.notna(v) and 0 < float(v) < n_min

    def count(v) -> str:
        return H.esc(f"< {n_min}") if small(v) else H.fmt_int(v)

    if regions is not None and len(regions) and "returnees" in regions.columns:
        table = regions.sort_values("returnees", ascending=False)
        table = table[table["returnees"] > 0] if (table["returnees"] > 0).any() else table
        hidden = table["returnees"].map(small)
        table = table.assign(
            **{c: table[c].mask(hidden) for c in ("returnee_share", "circle_share") if c in table}
        )
        if int(hidden.sum()) == 1:
            body.append(
                f'<p class="note">1 region with fewer than {n_min} returnees: its count and '
                "shares are not shown.</p>"
            )
        elif hidden.any():
            body.append(
                f'<p class="note">{int(hidden.sum())} regions with fewer than {n_min} '
                "returnees: their counts and shares are not shown.</p>"
            )
        body.append(
            H.html_table(
                table,
                columns=list(REGION_COLUMNS),
                headers=REGION_COLUMNS,
                formats={
                    "returnees": count,
                    "talent_export": count,
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
                formats={c: count for c in trimmed.columns if c != "from_region"},
                total_row=lambda row: row["from_region"] == "total",
                caption="Region x region matrix (rows: from, columns: to; regions with no "
                "count left out"
                + (
                    f"; beyond the {MATRIX_MAX} with most moves, summed in '{OTHER_REGIONS}')"
                    if OTHER_REGIONS in trimmed.columns
                    else ")"
                ),
            )
            + "</div>"
        )
    return H._section(SECTION_ID, "Regions", "\n".join(body))
