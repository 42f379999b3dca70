"""What the import writes: its layers (STAGES, CITIES, FLOWS, ROUTES, UNRESOLVED), its
counts as numeric outputs, and the summary its log prints."""

from __future__ import annotations

from ..core.trajectories.build import (
    FLAGS,
    ImportResult,
    leg_lines,
    route_leg_lines,
    route_lines,
)
from ..core.trajectories.import_summary import stage_coordinates, top_ambiguous, top_unresolved
from ..translation import tr
from . import adapters
from .base import Run

# STAGES columns that are text whatever their values (ids, names, codes, labels).
STAGE_TEXT_COLUMNS = (
    "person_id", "stage", "city_id", "city", "country", "org", "home_country", "phase",
    "province", "city_input", "place_id", "county_id", "prefecture_id", "match", "flags",
)  # fmt: skip
STAGE_FIELDS = dict.fromkeys(STAGE_TEXT_COLUMNS, "str")
# Numeric outputs counting the rows of each flag (STAGES.flags), e.g. HISTORIC_ROWS.
FLAG_OUTPUTS = {flag: f"{flag.upper()}_ROWS" for flag in FLAGS}


def count_outputs(counts: dict) -> dict:
    """The numeric outputs every import returns."""
    return {
        "PERSONS": counts["persons"],
        "STAGE_ROWS": counts["stage_rows"],
        "RESOLVED_ROWS": counts["resolved_rows"],
        "UNRESOLVED_ROWS": counts["unresolved_rows"],
        "AMBIGUOUS_ROWS": counts["ambiguous_rows"],
        **{key: counts.get(f"{flag}_rows", 0) for flag, key in FLAG_OUTPUTS.items()},
    }


def write_layers(run: Run, result: ImportResult, kind: str) -> dict:
    """Every layer of the import; the destinations written."""
    out = write_points(run, result)
    out.update(write_lines(run, result, kind))
    out["UNRESOLVED"] = run.write("UNRESOLVED", result.unresolved, overrides={"source_row": "int"})
    return {k: v for k, v in out.items() if v is not None}


def city_points(cities) -> tuple[list, tuple]:
    """(a point geometry per city, (lon, lat) arrays) of CITIES."""
    points = [adapters.point_geometry(x, y) for x, y in cities[["lon", "lat"]].to_numpy()]
    return points, (cities["lon"].to_numpy(), cities["lat"].to_numpy())


def write_points(run: Run, result: ImportResult) -> dict:
    """STAGES and CITIES."""
    cities, stages = result.cities, result.stages
    # One point geometry per city, shared by its stages (QgsGeometry is implicitly shared).
    points, xy = city_points(cities)
    by_city = dict(zip(cities["city_id"], points))
    made: list = []  # the file writer never asks: it takes stage_xy

    def stage_point(i: int):
        if not made:
            made.extend(by_city.get(c) for c in stages["city_id"])
        return made[i]

    return {
        # known text columns: no per-cell type scan of each
        "STAGES": run.write(
            "STAGES", stages, stage_point, overrides=STAGE_FIELDS,
            xy=stage_coordinates(stages, cities),
        ),
        "CITIES": run.write("CITIES", cities, points.__getitem__, xy=xy),
    }  # fmt: skip


def write_lines(run: Run, result: ImportResult, kind: str) -> dict:
    """FLOWS, and ROUTES when asked for (a line per person is costly)."""
    out = {}
    cities, flows = result.cities, result.flows
    wanted = run.wants("FLOWS") or run.wants("ROUTES")
    lines = leg_lines(result.legs, cities, kind) if wanted and len(result.legs) else {}
    keys = list(zip(flows["origin_id"], flows["dest_id"]))
    out["FLOWS"] = run.write("FLOWS", flows, parts=lambda i: lines.get(keys[i]))
    if run.wants("ROUTES"):
        route_legs, cap = route_leg_lines(result.legs, cities, kind, lines)
        adapters.report_vertex_budget(run.steps, "ROUTES", len(result.legs), cap, kind)
        person_lines = route_lines(result.stages, route_legs, cities)
        ids = result.routes["person_id"].tolist()
        out["ROUTES"] = run.write("ROUTES", result.routes, parts=lambda i: person_lines.get(ids[i]))
    return out


def log_import(run: Run, result: ImportResult, label: str) -> None:
    """The import's summary: rows resolved, flagged, unresolved and shared names."""
    c = result.counts
    share = 100.0 * c["resolved_rows"] / max(c["stage_rows"], 1)
    run.info(
        tr(
            "{file}: {persons} persons, {rows} stage rows: {ok} resolved ({share:.1f}%), "
            "{bad} unresolved, {amb} resolved among several places of that name; "
            "{same} consecutive stages in the same city (no line); {flows} flows between "
            "{cities} cities; {ret} persons returned."
        ).format(
            file=label, persons=c["persons"], rows=c["stage_rows"], ok=c["resolved_rows"],
            share=share, bad=c["unresolved_rows"], amb=c["ambiguous_rows"],
            same=c["same_city_steps"], flows=c["flows"], cities=c["cities"],
            ret=c["returnees"],
        )
    )  # fmt: skip
    flagged = {
        tr("historic names"): c.get("historic_rows", 0),
        tr("placed by province or state"): c.get("province_rows", 0),
        tr("small places"): c.get("small_place_rows", 0),
        tr("in another country than given"): c.get("country_conflict_rows", 0),
        tr("city from the organisation"): c.get("from_org_rows", 0),
        tr("place aliases"): c.get("user_alias_rows", 0),
        tr("a province only"): c.get("province_only_rows", 0),
        tr("fuzzy matches (check in Review)"): c.get("fuzzy_rows", 0),
        tr("abbreviations and addresses read"): c.get("tolerant_rows", 0),
        tr("organisations"): c.get("org_gazetteer_rows", 0),
        tr("country or province in the cell"): c.get("compound_place_rows", 0),
        tr("city in the organisation's name"): c.get("org_city_rule_rows", 0),
    }
    run.info(
        tr("Analysis level: {level}. Flagged rows (see STAGES.flags): {flags}").format(
            level=tr("county") if c.get("level") == "county" else tr("prefecture"),
            flags="; ".join(f"{label} {n}" for label, n in flagged.items()),
        )
    )
    if c["unresolved_rows"]:
        examples = "; ".join(
            f"'{_short(v)}' ({r}, {n}x)" for v, r, n in top_unresolved(result.unresolved)
        )
        # A warning: the run succeeds, and every such row is listed in UNRESOLVED.
        run.warn(tr("Unresolved values (see the UNRESOLVED table): ") + examples)
    names = top_ambiguous(result.stages)
    if names:
        run.warn(
            tr("Names shared by several places, resolved by country/home/population: ")
            + "; ".join(
                tr("'{given}' -> {place} ({country}) {n}x").format(
                    given=i, place=p, country=cc, n=n
                )
                for i, p, cc, n in names
            )
        )


def _short(value, limit: int = 60) -> str:
    """A value for a log line: a 2 MB cell is cut, not printed."""
    text = str(value)
    return text if len(text) <= limit else text[:limit] + f"… ({len(text):,} characters)"
