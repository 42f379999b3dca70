"""The report's source and trend parameters (kept apart from processing/report.py)."""

from __future__ import annotations

from qgis.core import QgsProcessingParameterString

from ..core.sources import trends
from .base import advanced, helped


def sources_trends_parameters(alg) -> list:
    """PERIODS, RETURN_YEARS (advanced) and MIN_PERSONS of backflow:report."""
    return [
        helped(
            QgsProcessingParameterString(
                alg.PERIODS,
                alg.tr("Compare two periods of return years (e.g. 2011-2013,2014-2016)"),
                optional=True,
            ),
            alg.tr(
                "Two ranges of return years: the report shows which return cities and source "
                "cities gained or lost share between them, in percentage points."
            ),
        ),
        advanced(
            helped(
                QgsProcessingParameterString(
                    alg.RETURN_YEARS,
                    alg.tr("Valid return years (e.g. 2011-2016; empty: 1900 to next year)"),
                    optional=True,
                ),
                alg.tr(
                    "Return years outside this range are counted as out of range in the "
                    "trends, and left out of them."
                ),
            )
        ),
        helped(
            alg.min_persons(
                alg.MIN_PERSONS,
                alg.tr("Minimum persons per cell (smaller cells merged into 'Other')"),
            ),
            alg.tr(
                "Source cities, matrix cells, trend cells and period rows with fewer persons "
                "are not shown on their own: small counts can identify people. The report says "
                "what was merged."
            ),
        ),
    ]


def sources_trends_options(alg, parameters, context) -> tuple[dict, dict]:
    """(keyword arguments of core.sources.combined.build_tables, parameters to record).

    Raises BackflowInputError for a PERIODS or RETURN_YEARS text it cannot read.
    """
    periods_text = alg.parameterAsString(parameters, alg.PERIODS, context).strip()
    years_text = alg.parameterAsString(parameters, alg.RETURN_YEARS, context).strip()
    min_persons = alg.parameterAsInt(parameters, alg.MIN_PERSONS, context)
    options = {
        "periods": trends.parse_periods(periods_text, alg.PERIODS),
        "year_range": trends.parse_years(years_text, alg.RETURN_YEARS),
        "min_persons": min_persons,
    }
    record = {
        "PERIODS": periods_text or "(not given)",
        "RETURN_YEARS": years_text or "(1900 to next year)",
        "MIN_PERSONS": min_persons,
    }
    return options, record
