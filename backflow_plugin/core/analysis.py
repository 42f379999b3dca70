"""The front door: the whole analysis from Python, without QGIS.

One entry point per analysis, each taking the results of the one before, and
:func:`analyse` for the whole chain (the steps of ``make demo``: import, city network,
circle and linear routes, the report's tables)::

    from backflow_plugin.core.analysis import analyse, read_table, render_report

    table = read_table("returnees.csv")
    analysis = analyse(table)
    analysis.network.tiers[1]            # the national core cities, best first
    html = render_report(analysis.report)

Options are frozen dataclasses holding the algorithms' defaults; results are dataclasses
holding the frames and the numbers. fullanalysis runs the same core steps in the same
order (the report's: ``report.steps.REPORT_STEPS``), each person's return found once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .disclosure.rules import MIN_PERSONS_DEFAULT
from .network import graph as network_graph
from .network.city_table import city_network_table, tier_members
from .network.tiers import assign_tiers
from .patterns.routes import classify_routes
from .patterns.tables import PatternCounts, pattern_counts
from .report import page, paper
from .report.run import headline
from .report.steps import ReportInputs
from .report.steps import report_tables as run_report_steps
from .schema import DEFAULT_HOME_COUNTRY, DEFAULT_MEASURE, LEVEL_PREFECTURE
from .tables.delimited import read_text_table
from .tables.fields import detect_fields
from .tables.reshape import parse_mapping
from .tables.wide_layout import detect_wide, is_wide_table
from .trajectories.build import FieldMap, ImportResult
from .trajectories.build import import_trajectories as _import

Progress = Callable[[float, str], None]


def _no_progress(_pct: float, _text: str = "") -> None:
    return None


# --------------------------------------------------------------------------- options


@dataclass(frozen=True)
class ImportOptions:
    """How a stage table is read (importtrajectories' parameters)."""

    fields: FieldMap | None = None  # None: guessed from the column names
    # a wide table's columns per stage, WIDE_MAPPING syntax (docs/cv_tables.md); None:
    # detected from the headers when the table is wide (one row per person)
    wide: str | None = None
    home_country: str = DEFAULT_HOME_COUNTRY
    level: str = LEVEL_PREFECTURE  # schema.ANALYSIS_LEVELS
    aliases: pd.DataFrame | None = None  # places.aliases.read_aliases output
    org_table: pd.DataFrame | None = None  # places.orgs.org_table_from_frame output
    accept_conflicts: bool = False


@dataclass(frozen=True)
class NetworkOptions:
    """The city network and its tiers (citynetwork's parameters)."""

    scope: str = "domestic"
    flow_types: tuple[str, ...] | None = None
    tier_method: str = "hybrid"
    measure: str = DEFAULT_MEASURE
    n_core: int = 4
    n_excellent: int = 23
    thresholds: tuple[float, ...] | None = None
    min_returnees: float = 1
    include_province_places: bool = False


@dataclass(frozen=True)
class PatternOptions:
    """Circle and linear routes (routepatterns' parameters)."""

    level: str = "city"
    which: str = "first"


@dataclass(frozen=True)
class ReportOptions:
    """The report's tables (the report algorithm's parameters)."""

    subject: str | None = None  # None: found by its column name
    unit: str | None = None
    top_n: int = 20
    top_k: int = 7
    reference: str = "auto"
    min_persons: int = MIN_PERSONS_DEFAULT


@dataclass(frozen=True)
class Options:
    imports: ImportOptions = field(default_factory=ImportOptions)
    network: NetworkOptions = field(default_factory=NetworkOptions)
    patterns: PatternOptions = field(default_factory=PatternOptions)
    report: ReportOptions | None = field(default_factory=ReportOptions)  # None: no report


# --------------------------------------------------------------------------- results


@dataclass
class Trajectories:
    """The import: one row per stage, leg, flow, city and person route."""

    stages: pd.DataFrame
    legs: pd.DataFrame
    flows: pd.DataFrame
    cities: pd.DataFrame
    routes: pd.DataFrame
    unresolved: pd.DataFrame
    attributes: list[str]
    counts: dict
    returns: pd.DataFrame | None = None  # each person's return, found once by the import

    @classmethod
    def from_result(cls, result: ImportResult) -> Trajectories:
        return cls(
            stages=result.stages,
            legs=result.legs,
            flows=result.flows,
            cities=result.cities,
            routes=result.routes,
            unresolved=result.unresolved,
            attributes=list(result.attributes),
            counts=dict(result.counts),
            returns=result.returns,
        )


@dataclass
class CityNetwork:
    """The cities with their centralities, tier, tier label and rank."""

    cities: pd.DataFrame  # the input cities + measures + tier, tier_label, rank
    measures: pd.DataFrame
    info: dict  # nodes, edges, how each measure was computed
    tier_info: dict  # method, measure, breaks
    tiers: dict[int, list[str]]  # tier -> city names, best rank first


@dataclass
class RoutePatterns:
    """One row per person: return city, known cities, circle or linear, basis."""

    routes: pd.DataFrame
    counts: PatternCounts


@dataclass
class ReportTables:
    """Every table of the report by key (the page's section ids), after disclosure
    control, and the headline figures (returnees, top-k share, Gini)."""

    tables: dict[str, pd.DataFrame]
    headline: dict
    notes: dict[str, str]  # what disclosure control hid, by table
    options: ReportOptions


@dataclass
class Analysis:
    options: Options
    trajectories: Trajectories
    network: CityNetwork
    patterns: RoutePatterns
    report: ReportTables | None


# --------------------------------------------------------------------------- steps


def read_table(path: str | Path, *, encoding: str | None = None) -> pd.DataFrame:
    """A delimited text table (CSV, TSV, TXT; any encoding) as text cells."""
    frame, _info = read_text_table(path, encoding=encoding)
    return frame


def import_trajectories(
    table: pd.DataFrame,
    options: ImportOptions = ImportOptions(),  # noqa: B008 - frozen, so shared safely
    *,
    progress: Progress = _no_progress,
    cancelled: Callable[[], bool] = lambda: False,
    file_label: str = "input",
) -> Trajectories:
    """Stages geocoded, and the legs, flows, cities and routes built from them. A wide
    table (one row per person, columns per stage: a CV table) is read by its
    ``options.wide`` mapping, else by the stages its headers name when it has no stage
    column, as importtrajectories reads it."""
    fields, wide = _table_layout(table, options)
    result = _import(
        table,
        fields,
        wide=wide,
        home_country=options.home_country,
        level=options.level,
        aliases=options.aliases,
        org_table=options.org_table,
        accept_conflicts=options.accept_conflicts,
        file_label=file_label,
        progress=progress,
        is_cancelled=cancelled,
    )
    return Trajectories.from_result(result)


def _table_layout(table: pd.DataFrame, options: ImportOptions):
    """(fields, wide stages or None) of the table."""
    columns = list(table.columns)
    if options.wide:
        person = options.fields.person if options.fields else detect_wide(table).person
        return FieldMap(person=person), parse_mapping(options.wide, columns)
    if options.fields is not None:
        return options.fields, None
    detected = FieldMap(**detect_fields(columns))
    layout = is_wide_table(table, detected.stage)
    if layout is None or not layout.stages:
        return detected, None
    return FieldMap(person=layout.person), layout.stages


def city_network(
    trajectories: Trajectories,
    options: NetworkOptions = NetworkOptions(),  # noqa: B008
    *,
    home_country: str = DEFAULT_HOME_COUNTRY,
    cancelled: Callable[[], bool] = lambda: False,
) -> CityNetwork:
    """Centralities of the flow network and each city's tier."""
    cities = trajectories.cities
    graph = network_graph.build_graph(
        trajectories.flows,
        cities,
        flow_types=options.flow_types,
        scope=options.scope,
        home_country=home_country,
        include_province_places=options.include_province_places,
    )
    measures, info = network_graph.centrality(graph, is_cancelled=cancelled)
    tiers, tier_info = assign_tiers(
        measures,
        cities,
        method=options.tier_method,
        measure=options.measure,
        min_returnees=options.min_returnees,
        n_core=options.n_core,
        n_excellent=options.n_excellent,
        thresholds=list(options.thresholds) if options.thresholds else None,
        home_country=home_country,
    )
    table = city_network_table(cities, measures, tiers)
    return CityNetwork(
        cities=table.frame,
        measures=measures,
        info=info,
        tier_info=tier_info,
        tiers=tier_members(tiers, cities),
    )


def route_patterns(
    trajectories: Trajectories,
    options: PatternOptions = PatternOptions(),  # noqa: B008
) -> RoutePatterns:
    """Circle (back to a city known before leaving) or linear routes, per person."""
    routes = classify_routes(trajectories.stages, level=options.level, which=options.which)
    return RoutePatterns(routes=routes, counts=pattern_counts(routes))


def report_tables(
    trajectories: Trajectories,
    network: CityNetwork,
    patterns: RoutePatterns,
    options: ReportOptions = ReportOptions(),  # noqa: B008
) -> ReportTables:
    """The report's tables (the paper's tables 1-4, regions, sources, trends, the
    comparison with the paper), with MIN_PERSONS applied."""
    inputs = ReportInputs(
        trajectories.stages,
        network.cities,
        patterns.routes,
        trajectories.returns,
        build=dict(
            subject=options.subject,
            unit=options.unit,
            top_n=options.top_n,
            top_k=options.top_k,
            tier_measure=network.tier_info.get("measure"),
        ),
        reference=options.reference,
        min_persons=options.min_persons,
    )
    tables = run_report_steps(inputs)
    notes = inputs.notes
    return ReportTables(tables=tables, headline=headline(tables), notes=notes, options=options)


def render_report(report: ReportTables, meta: dict | None = None) -> str:
    """The report as one HTML page (English; the Chinese page needs QGIS's translator
    for now: run the report algorithm with LANGUAGE 2)."""
    meta = {"top_n": report.options.top_n, **(meta or {})}
    meta.setdefault("extra_sections", paper.extra_sections(report.tables))
    return page.render_report(report.tables, meta)


def analyse(
    table: pd.DataFrame,
    options: Options = Options(),  # noqa: B008
    *,
    progress: Progress = _no_progress,
    cancelled: Callable[[], bool] = lambda: False,
) -> Analysis:
    """The whole chain on a stage table: import, network and tiers, routes, report."""
    trajectories = import_trajectories(
        table, options.imports, progress=progress, cancelled=cancelled
    )
    progress(70, "City network")
    network = city_network(
        trajectories, options.network, home_country=options.imports.home_country,
        cancelled=cancelled,
    )  # fmt: skip
    progress(85, "Route patterns")
    patterns = route_patterns(trajectories, options.patterns)
    report = None
    if options.report is not None:
        progress(92, "Report tables")
        report = report_tables(trajectories, network, patterns, options.report)
    progress(100, "Done")
    return Analysis(options, trajectories, network, patterns, report)
