"""The report's steps, in the order they run (REPORT_STEPS): every table (the paper's
tables, sources and trends), the comparison with the paper, Regional flows' tables,
then disclosure control. The report algorithm, fullanalysis and the front door
(core.analysis.report_tables) all run them through ``report_tables``, so the order is
written once. A person's return is found once for every table that needs it, or given
(fullanalysis passes the import's).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..disclosure.rules import MIN_PERSONS_DEFAULT, protect_report
from ..sources.stage_keys import kept_person_codes
from ..trajectories.returns import find_returns
from .paper import paper_tables
from .tables import build_report

# what find_returns needs of a stage table
_RETURN_NEEDS = ("person_id", "city_id", "domestic")


@dataclass
class ReportInputs:
    """What the report is made of, and its options."""

    stages: pd.DataFrame
    cities: pd.DataFrame | None = None  # with tiers (citynetwork), or None
    routes: pd.DataFrame | None = None  # with patterns (routepatterns), or None
    returns: pd.DataFrame | None = None  # find_returns(stages), when already found
    build: dict = field(default_factory=dict)  # build_report's options (subject, top_n...)
    regions: dict[str, str] | None = None  # the user's country -> region grouping
    reference: str = "auto"  # the comparison with the paper (paper.REFERENCE_MODES)
    region_tables: dict[str, pd.DataFrame] = field(default_factory=dict)  # region_matrix...
    min_persons: int = MIN_PERSONS_DEFAULT
    notes: dict[str, str] = field(default_factory=dict)  # what disclosure control hid


def _tables(tables: dict, i: ReportInputs) -> None:
    tables.update(
        build_report(i.stages, i.cities, i.routes, regions=i.regions, returns=i.returns, **i.build)
    )


def _paper(tables: dict, i: ReportInputs) -> None:
    paper_tables(i.stages, i.cities, tables, i.reference, regions=i.regions, returns=i.returns)


def _regions(tables: dict, i: ReportInputs) -> None:
    tables.update(i.region_tables)


def _disclosure(tables: dict, i: ReportInputs) -> None:
    i.notes = protect_report(tables, i.min_persons)


REPORT_STEPS = (
    ("tables", _tables),
    ("paper", _paper),
    ("regions", _regions),
    ("disclosure", _disclosure),
)


def report_tables(inputs: ReportInputs) -> dict[str, pd.DataFrame]:
    """Every table of the report, by key, after disclosure control (notes in inputs.notes)."""
    stages = inputs.stages
    if inputs.returns is None and not stages.empty and set(_RETURN_NEEDS) <= set(stages.columns):
        inputs.returns = find_returns(stages)
    tables: dict[str, pd.DataFrame] = {}
    with kept_person_codes():  # the tables share one coding of the persons
        for _name, step in REPORT_STEPS:
            step(tables, inputs)
    return tables
