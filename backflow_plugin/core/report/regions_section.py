"""The report's regional section: regions ranked by returnees and the region x region matrix.

Given when the report receives the outputs of backflow:regionalflows (tables
``region_matrix`` and, optionally, ``regions``).
"""

from __future__ import annotations

import pandas as pd

from ..disclosure.suppression import protect_grid
from ..messages import M
from . import html_parts as H

SECTION_ID = "regions"
MATRIX_MAX = 20  # regions shown in the report's matrix
OTHER_REGIONS = "Other regions"
REGION_COLUMNS = {
    "name": M("report.regions.column.region"),
    "returnees": M("report.column.returnees"),
    "returnee_share": M("report.column.share"),
    "inflow": M("report.regions.column.inflow"),
    "outflow": M("report.regions.column.outflow"),
    "net_flow": M("report.regions.column.net"),
    "talent_export": M("report.regions.column.talent_export"),
    "circle_share": M("report.patterns.column.circle_share"),
    "tier_mix": M("report.regions.column.tiers"),
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


# Hidden counts in the rendered tables (never in the layers): under the minimum, and
# hidden with them so that the totals do not give them away (core.disclosure.suppression).
PRIMARY, COMPLEMENT = -1, -2


def _hide_returnees(table: pd.DataFrame, k: int) -> pd.DataFrame:
    """Returnees per region add up to the returnees of the study (printed elsewhere)."""
    if k <= 1 or table.empty:
        return table
    values = pd.to_numeric(table["returnees"], errors="coerce").fillna(0).astype(int).tolist()
    primary, complementary = protect_grid([[v] for v in values], k, col_totals=[sum(values)])
    out = table.copy()
    marks = list(values)
    for kind, positions in ((PRIMARY, primary), (COMPLEMENT, complementary)):
        for pos in positions:
            if pos[0] == "cell":
                marks[pos[1]] = kind
    out["returnees"] = marks
    return out


def _hide_matrix(m: pd.DataFrame, k: int) -> pd.DataFrame:
    """The region x region matrix with its total row and column protected."""
    label = "from_region"
    if k <= 1 or m.empty or "total" not in m.columns:
        return m
    body = m[m[label] != "total"]
    total_row = m[m[label] == "total"]
    cols = [c for c in m.columns if c not in (label, "total")]
    values = body[cols].to_numpy(dtype=float).tolist()
    row_totals = body["total"].to_numpy(dtype=float).tolist()
    col_totals = total_row[cols].to_numpy(dtype=float)[0].tolist() if len(total_row) else None
    grand = float(total_row["total"].iloc[0]) if len(total_row) else None
    primary, complementary = protect_grid(values, k, row_totals, col_totals, grand)
    out = m.copy()
    rows = list(body.index)
    total_at = total_row.index[0] if len(total_row) else None
    for kind, positions in ((PRIMARY, primary), (COMPLEMENT, complementary)):
        for pos in positions:
            if pos[0] == "cell":
                out.at[rows[pos[1]], cols[pos[2]]] = kind
            elif pos[0] == "row":
                out.at[rows[pos[1]], "total"] = kind
            elif pos[0] == "col" and total_at is not None:
                out.at[total_at, cols[pos[1]]] = kind
    return out


def regions_section(matrix: pd.DataFrame | None, regions: pd.DataFrame | None) -> str:
    body = [f"<p>{H.words(M('report.regions.intro'))}</p>"]
    # MIN_PERSONS of the report (stamped on the frames): persons counts under it, and the
    # shares that would give them away, are not printed.
    n_min = max(
        [1] + [int(f.attrs.get("min_persons", 1)) for f in (matrix, regions) if f is not None]
    )

    def small(v) -> bool:
        return pd.notna(v) and 0 < float(v) < n_min

    def count(v) -> str:
        if pd.notna(v) and float(v) == COMPLEMENT:
            return H.esc(M("report.patterns.hidden"))
        if pd.notna(v) and float(v) == PRIMARY:
            return H.esc(f"< {n_min}")
        return H.esc(f"< {n_min}") if small(v) else H.fmt_int(v)

    if regions is not None and len(regions) and "returnees" in regions.columns:
        table = regions.sort_values("returnees", ascending=False)
        table = table[table["returnees"] > 0] if (table["returnees"] > 0).any() else table
        table = _hide_returnees(table, n_min)  # with the complement the total needs
        hidden = table["returnees"].map(small) | table["returnees"].lt(0)
        table = table.assign(
            **{c: table[c].mask(hidden) for c in ("returnee_share", "circle_share") if c in table}
        )
        n_small = int((table["returnees"].eq(PRIMARY) | table["returnees"].map(small)).sum())
        n_paired = int(table["returnees"].eq(COMPLEMENT).sum())
        notes = []
        if n_small == 1:
            notes.append(M("report.regions.small_one", k=n_min))
        elif n_small:
            notes.append(M("report.regions.small", n=n_small, k=n_min))
        if n_paired == 1:
            notes.append(M("report.regions.paired_one"))
        elif n_paired:
            notes.append(M("report.regions.paired", n=n_paired))
        body += [f'<p class="note">{H.words(note)}</p>' for note in notes]
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
                caption=M("report.regions.by_returnees"),
            )
        )
    if matrix is not None and len(matrix) and "from_region" in matrix.columns:
        trimmed = _hide_matrix(trim_matrix(matrix), n_min)
        numbers = trimmed.drop(columns="from_region")
        if (numbers == COMPLEMENT).any().any():
            note = M("report.regions.matrix_hidden", k=n_min)
            body.append(f'<p class="note">{H.words(note)}</p>')
        body.append(
            '<div style="overflow-x:auto">'
            + H.html_table(
                trimmed,
                headers={"from_region": M("report.regions.from_to")},
                formats={c: count for c in trimmed.columns if c != "from_region"},
                total_row=lambda row: row["from_region"] == "total",
                caption=M("report.regions.matrix_summed", n=MATRIX_MAX)
                if OTHER_REGIONS in trimmed.columns
                else M("report.regions.matrix"),
            )
            + "</div>"
        )
    return H.section(SECTION_ID, M("report.regions.title"), "\n".join(body))
