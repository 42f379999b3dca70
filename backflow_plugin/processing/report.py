"""backflow:report — the paper's tables and charts as one HTML page and as table sinks."""

from __future__ import annotations

import datetime as _dt
import logging
import os
import re
from pathlib import Path

import pandas as pd
from qgis.core import (
    Qgis,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core import disclosure, report_html, report_paper, report_zh
from ..core import report as core_report
from ..core.errors import BackflowInputError
from ..core.schema import SPREADSHEET_SUFFIXES, TEXT_SUFFIXES
from ..core.table_io import read_text_table
from ..translation import tr, translated
from . import adapters
from .base import BackflowAlgorithm
from .report_sources import sources_trends_options, sources_trends_parameters

log = logging.getLogger("backflow")


# sink parameter -> key of core.report.build_report
SINKS = {
    "TABLE1": "table1",
    "TABLE3_RETURN": "table3_return",
    "TABLE3_OVERSEAS": "table3_overseas",
    "OVERSEAS_REGIONS": "overseas_regions",
    "CONCENTRATION": "return_cities",
    "TABLE4": "table4",
    "PATTERNS": "patterns",
    "REFERENCE_TABLE": "reference",
    "RETURN_FLOWS": "return_flows",
    "INDICES": "indices",
    # sources and trends (core.sources_trends)
    "TOP_SOURCES": "top_sources",
    "SOURCE_MATRIX": "source_matrix",
    "SOURCES_BY_TIER": "sources_by_tier",
    "TRENDS": "trends",
    "PERIODS_COMPARED": "periods",
    "RETURNEE_SOURCES": "person_sources",
}
LANGUAGES = ("auto", "en", "zh")


def parse_breaks(text: str) -> tuple[list[float] | None, str | None]:
    """Tier breaks and the measure from TIER_BREAKS.

    '0.35, 0.12' -> ([0.35, 0.12], None): lower bounds of tiers 1, 2 (read as tiers 3,
    2, 1 when ascending). City network's log line ('Tiers by hybrid on betweenness: 52
    candidate cities; breaks 0.031, 0.077, 0.30.') -> (None, 'betweenness'): the breaks
    of a method such as the hybrid one are not per-tier lower bounds, so the line is
    shown as given and the report gives each tier's range of the measure instead.
    """
    text = (text or "").strip()
    match = re.search(r"\bon\s+([A-Za-z_]+)\s*:", text)
    measure = match.group(1) if match else None
    parts = [p for p in re.split(r"[,;\s]+", text) if p]
    try:
        return ([float(p) for p in parts] or None), measure
    except ValueError:
        return None, measure


def qgis_locale() -> str:
    """The language QGIS translates to; the LANGUAGE variable (e.g. zh) wins when set."""
    from qgis.core import QgsApplication

    return os.environ.get("LANGUAGE") or QgsApplication.locale() or ""


def chinese_names(cities: pd.DataFrame | None) -> dict[str, str]:
    """English -> Chinese names of the cities and countries a report mentions."""
    from ..core.countries import Countries

    table = Countries.bundled().table
    names = dict(zip(table["name"].astype(str), table["name_zh"]))
    if cities is not None and {"name", "name_zh"} <= set(cities.columns):
        names.update(zip(cities["name"].astype(str), cities["name_zh"]))
    return {k: str(v) for k, v in names.items() if isinstance(v, str) and v.strip()}


class ReportAlgorithm(BackflowAlgorithm):
    STAGES = "STAGES"
    CITIES = "CITIES"
    ROUTES = "ROUTES"
    SUBJECT_FIELD = "SUBJECT_FIELD"
    UNIT_FIELD = "UNIT_FIELD"
    TOP_N = "TOP_N"
    TOP_K = "TOP_K"
    INPUT_FILE = "INPUT_FILE"
    TIER_BREAKS = "TIER_BREAKS"
    TIER_MEASURE = "TIER_MEASURE"
    REGION_OVERRIDES = "REGION_OVERRIDES"
    REFERENCE = "REFERENCE"
    LANGUAGE = "LANGUAGE"
    PERIODS = "PERIODS"
    RETURN_YEARS = "RETURN_YEARS"
    MIN_PERSONS = "MIN_PERSONS"
    OUTPUT_HTML = "OUTPUT_HTML"
    REGION_STATS = "REGION_STATS"
    REGION_MATRIX = "REGION_MATRIX"

    def name(self) -> str:
        return "report"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Report: the paper's tables and charts")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Writes one self-contained HTML report (tables and charts embedded; opens in any "
            "browser) with the tables of Jiang (2021) and each table as a layer you can save "
            "as CSV or XLSX.\n\n"
            "Inputs: STAGES from 'Import trajectories'; optional CITIES from 'City network' "
            "(for the tiers and the centrality ranking) and ROUTES from 'Route patterns' (when "
            "absent, the routes are classified from STAGES at city level, first return).\n\n"
            "Sections: Table 1 (returnees by subject x work-unit type with the top 3 return "
            "cities of each subject); Table 3 (top return organisations with their city, top "
            "overseas organisations with country and city; each person once per "
            "organisation); overseas experience by country and by region (USA, UK, rest of "
            "Europe, Asia, Australia, other: the share of all persons with at least one "
            "overseas stage there; a person counts once per region); concentration (the share "
            "of returnees in the top k return cities, the Gini coefficient and the Lorenz "
            "curve); Table 4 (cities per tier, with examples and the breaks); circle / linear "
            "shares overall, by subject and by return year; the top cities by each centrality "
            "measure; and a reproducibility record (parameters, the input file's name, rows "
            "and SHA-256, the versions of QGIS, the plugin, pandas and networkx).\n\n"
            "A section whose columns are missing says so instead of failing. CONCENTRATION is "
            "the returnees per return city with cumulative shares; TOP_K_SHARE and GINI are "
            "returned as numbers."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.STAGES,
                self.tr("Stages (the STAGES output of Import trajectories)"),
                [QgsProcessing.SourceType.TypeVector],
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.CITIES,
                self.tr("Cities with tiers (the output of City network)"),
                [QgsProcessing.SourceType.TypeVector],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.ROUTES,
                self.tr("Routes with patterns (the ROUTES output of Route patterns)"),
                [QgsProcessing.SourceType.TypeVector],
                optional=True,
            )
        )
        for pname, label in (
            (self.SUBJECT_FIELD, self.tr("Subject field (empty: detect subject / 学科)")),
            (self.UNIT_FIELD, self.tr("Work-unit type field (empty: detect unit_type / 单位类型)")),
        ):
            self.addParameter(
                QgsProcessingParameterField(
                    pname,
                    label,
                    parentLayerParameterName=self.STAGES,
                    optional=True,
                )
            )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.TOP_N,
                self.tr("Organisations and cities to list (top N)"),
                QgsProcessingParameterNumber.Type.Integer,
                defaultValue=20,
                minValue=1,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.TOP_K,
                self.tr("Concentration: share of the top k return cities"),
                QgsProcessingParameterNumber.Type.Integer,
                defaultValue=7,
                minValue=1,
            )
        )
        p = QgsProcessingParameterFile(
            self.INPUT_FILE,
            self.tr("Input table file (recorded with its checksum)"),
            behavior=QgsProcessingParameterFile.Behavior.File,
            optional=True,
        )
        p.setHelp(
            self.tr(
                "The trajectory table the layers were made from: its name, row count "
                "and SHA-256 go into the reproducibility section."
            )
        )
        self.addParameter(p)
        for pname, label in (
            (self.REGION_STATS, self.tr("Regions (the REGIONS output of Regional flows)")),
            (self.REGION_MATRIX, self.tr("Region x region matrix (the MATRIX of Regional flows)")),
        ):
            self.addParameter(
                QgsProcessingParameterFeatureSource(
                    pname, label, [QgsProcessing.SourceType.TypeVector], optional=True
                )
            )
        for p in sources_trends_parameters(self):
            self.addParameter(p)
        advanced = [
            QgsProcessingParameterString(
                self.TIER_BREAKS,
                self.tr("Tier breaks (as City network reports them)"),
                optional=True,
            ),
            QgsProcessingParameterField(
                self.TIER_MEASURE,
                self.tr("Measure the tiers were cut on (range per tier)"),
                parentLayerParameterName=self.CITIES,
                optional=True,
                type=QgsProcessingParameterField.DataType.Numeric,
            ),
            QgsProcessingParameterString(
                self.REGION_OVERRIDES,
                self.tr("Region overrides (ISO2=region; e.g. RU=Other)"),
                optional=True,
            ),
        ]
        advanced[0].setHelp(self.tr("Lower bounds of tiers 1, 2, 3, e.g. '0.35, 0.12, 0.02'."))
        advanced[2].setHelp(
            self.tr(
                "Default: the paper's grouping - USA, UK, Europe (UN M49 Europe without the UK, "
                "Russia included), Asia (Hong Kong, Macao and Taiwan included), Australia, "
                "Other. Moves countries between these regions, e.g. 'RU=Other; TR=Europe'."
            )
        )
        for p in advanced:
            p.setFlags(p.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
            self.addParameter(p)
        p = QgsProcessingParameterEnum(
            self.REFERENCE,
            self.tr("Compare with"),
            [
                self.tr("Automatic: the paper when the data are the bundled sample"),
                self.tr("Nothing"),
                self.tr("The paper (Jiang 2021)"),
            ],
            defaultValue=0,
        )
        p.setHelp(
            self.tr(
                "Puts every figure the paper prints next to the computed one, with the "
                "difference, and lists the printed figures not reached."
            )
        )
        self.addParameter(p)
        self.addParameter(
            QgsProcessingParameterEnum(
                self.LANGUAGE,
                self.tr("Report language"),
                [self.tr("The language of QGIS"), self.tr("English"), self.tr("Chinese")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_HTML,
                self.tr("Report (HTML)"),
                self.tr("HTML files (*.html *.htm)"),
            )
        )
        labels = {
            "TABLE1": self.tr("Table 1: subject x work-unit type"),
            "TABLE3_RETURN": self.tr("Table 3: top return organisations"),
            "TABLE3_OVERSEAS": self.tr("Table 3: top overseas organisations"),
            "OVERSEAS_REGIONS": self.tr("Overseas experience by region"),
            "CONCENTRATION": self.tr("Return cities with cumulative shares"),
            "TABLE4": self.tr("Table 4: cities per tier"),
            "PATTERNS": self.tr("Circle / linear shares"),
            "REFERENCE_TABLE": self.tr("Compared with the paper"),
            "RETURN_FLOWS": self.tr("Returnees by region abroad and tier of return city"),
            "INDICES": self.tr("Migration indices of the return cities"),
            "TOP_SOURCES": self.tr("Top overseas source cities"),
            "SOURCE_MATRIX": self.tr("Source x return city matrix"),
            "SOURCES_BY_TIER": self.tr("Top sources by tier"),
            "TRENDS": self.tr("Returns by year"),
            "PERIODS_COMPARED": self.tr("Two periods compared"),
            "RETURNEE_SOURCES": self.tr("Returnees with the city of their last and longest stay"),
        }
        for key, label in labels.items():
            self.addParameter(
                QgsProcessingParameterFeatureSink(
                    key,
                    label,
                    QgsProcessing.SourceType.TypeVector,
                    optional=True,
                    createByDefault=False,
                )
            )
        self.addOutput(
            QgsProcessingOutputNumber(
                "TOP_K_SHARE", self.tr("Share of returnees in the top k return cities")
            )
        )
        self.addOutput(
            QgsProcessingOutputNumber("GINI", self.tr("Gini coefficient over return cities"))
        )
        self.addOutput(QgsProcessingOutputNumber("RETURNEES", self.tr("Returnees")))

    # ------------------------------------------------------------------ reading

    def _frame(self, parameters, name, context, feedback, required=False) -> pd.DataFrame | None:
        if not required and not parameters.get(name):
            return None
        source = self.parameterAsSource(parameters, name, context)
        if source is None:
            if required or parameters.get(name):
                raise QgsProcessingException(self.invalidSourceError(parameters, name))
            return None
        frame = adapters.source_to_frame(source, feedback, shared=parameters.get(name))
        feedback.pushInfo(self.tr("Read {}: {} features").format(source.sourceName(), len(frame)))
        return frame

    def _input_record(self, path: str, feedback) -> dict:
        if not path:
            return {"file": self.tr("not given (set INPUT_FILE to record the input's checksum)")}
        p = Path(path.split("|")[0])
        if not p.is_file():
            raise QgsProcessingException(
                self.tr("The input file '{}' does not exist").format(p.name)
            )
        record = {
            "file": p.name,
            "size (bytes)": f"{p.stat().st_size:,}",
            "sha256": core_report.file_sha256(p),
        }
        try:
            if p.suffix.lower() in TEXT_SUFFIXES:
                frame, info = read_text_table(p)
                record["rows"] = f"{len(frame):,} data rows (encoding {info['encoding']})"
            elif p.suffix.lower() in SPREADSHEET_SUFFIXES:
                record["rows"] = f"{len(adapters.read_spreadsheet(str(p))):,} data rows"
        except (BackflowInputError, OSError, ValueError) as err:
            feedback.pushWarning(self.tr("Could not count the rows of {}: {}").format(p.name, err))
        return record

    def report_language(self, parameters, context) -> str:
        """en or zh: as chosen, or the language QGIS runs in (or LANGUAGE=zh)."""
        choice = LANGUAGES[self.parameterAsEnum(parameters, self.LANGUAGE, context)]
        if choice != "auto":
            return choice
        # the plugin's Chinese translator may be active in an English QGIS (a Chinese
        # block, translation.translated): the report follows what tr() gives
        probe = "Report language"
        if qgis_locale().lower().startswith("zh") or self.tr(probe) != probe:
            return "zh"
        return "en"

    # ------------------------------------------------------------------ run

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        steps = QgsProcessingMultiStepFeedback(4, feedback)
        subject = self.parameterAsString(parameters, self.SUBJECT_FIELD, context).strip() or None
        unit = self.parameterAsString(parameters, self.UNIT_FIELD, context).strip() or None
        top_n = self.parameterAsInt(parameters, self.TOP_N, context)
        top_k = self.parameterAsInt(parameters, self.TOP_K, context)
        breaks_text = self.parameterAsString(parameters, self.TIER_BREAKS, context).strip()
        measure = self.parameterAsString(parameters, self.TIER_MEASURE, context).strip() or None
        overrides_text = self.parameterAsString(parameters, self.REGION_OVERRIDES, context).strip()
        input_file = self.parameterAsFile(parameters, self.INPUT_FILE, context)
        html_path = self.parameterAsFileOutput(parameters, self.OUTPUT_HTML, context)
        try:
            overrides = core_report.parse_region_overrides(overrides_text)
            sources_options, sources_record = sources_trends_options(self, parameters, context)
        except BackflowInputError as err:
            raise adapters.input_error(err) from None

        steps.setProgressText(self.tr("Reading layers"))
        stages = self._frame(parameters, self.STAGES, context, steps, required=True)
        if stages.empty:
            raise QgsProcessingException(self.tr("The stages layer has no features"))
        missing = [c for c in ("person_id", "city_id", "domestic") if c not in stages.columns]
        if missing:
            raise QgsProcessingException(
                self.tr(
                    "The stages layer lacks the field(s) {}. Accepted: the STAGES output of "
                    "Import trajectories (person_id, seq, stage, city_id, city, country, domestic, "
                    "org, year)"
                ).format(", ".join(missing))
            )
        cities = self._frame(parameters, self.CITIES, context, steps)
        routes = self._frame(parameters, self.ROUTES, context, steps)
        if steps.isCanceled():
            return {}
        if routes is not None and "pattern" not in routes.columns:
            steps.pushWarning(
                self.tr(
                    "The routes layer has no 'pattern' field; routes are "
                    "classified from the stages instead"
                )
            )
            routes = None
        if cities is None:
            steps.pushInfo(
                self.tr("No cities layer: Table 4 and the centrality ranking are left empty")
            )
        elif "tier" not in cities.columns:
            steps.pushWarning(
                self.tr(
                    "The cities layer has no 'tier' field (run City network): Table 4 is left empty"
                )
            )

        breaks, logged_measure = parse_breaks(breaks_text)
        if (
            measure is None
            and logged_measure
            and cities is not None
            and logged_measure in cities.columns
        ):
            measure = logged_measure

        steps.setCurrentStep(1)
        steps.setProgressText(self.tr("Computing the tables"))
        try:
            tables = core_report.build_report(
                stages,
                cities,
                routes,
                subject=subject,
                unit=unit,
                top_n=top_n,
                top_k=top_k,
                breaks=breaks,
                tier_measure=measure,
                regions=overrides,
                sources_options=sources_options,
            )
            reference = report_paper.REFERENCE_MODES[
                self.parameterAsEnum(parameters, self.REFERENCE, context)
            ]
            report_paper.paper_tables(stages, cities, tables, reference, regions=overrides)
            record = self._input_record(input_file, steps)
        except BackflowInputError as err:
            raise adapters.input_error(err) from None
        if steps.isCanceled():
            return {}
        for key, name in (
            (self.REGION_MATRIX, "region_matrix"),
            (self.REGION_STATS, "region_stats"),
        ):
            frame = self._frame(parameters, key, context, steps)
            if frame is not None:
                frame.attrs["min_persons"] = sources_options.get("min_persons", 1)
                tables[name] = frame
        min_persons = self.parameterAsInt(parameters, self.MIN_PERSONS, context)
        disclosure.protect_report(tables, min_persons)
        for key, frame in tables.items():
            note = core_report.note_of(frame)
            if note:
                steps.pushInfo(f"{key}: {note}")

        steps.setCurrentStep(2)
        steps.setProgressText(self.tr("Writing the report"))
        t1 = tables["table1"]
        record.update(
            {
                "stages layer": f"{self.parameterAsSource(parameters, self.STAGES, context).sourceName()}"
                f" ({len(stages):,} features, "
                f"{stages['person_id'].astype(str).nunique():,} persons)",
                "cities layer": f"{len(cities):,} features" if cities is not None else "not given",
                "routes layer": (
                    f"{len(routes):,} features"
                    if routes is not None
                    else "not given (classified from the stages)"
                ),
            }
        )
        meta = {
            "top_n": top_n,
            "parameters": {
                "SUBJECT_FIELD": t1.attrs.get("subject") or "(none found)",
                "UNIT_FIELD": t1.attrs.get("unit") or "(none found)",
                "TOP_N": top_n,
                "TOP_K": top_k,
                "TIER_BREAKS": breaks_text or "(not given)",
                "TIER_MEASURE": measure or "(not given)",
                "REGION_OVERRIDES": overrides_text or "(none)",
                "REFERENCE": report_paper.REFERENCE_MODES[
                    self.parameterAsEnum(parameters, self.REFERENCE, context)
                ],
                **sources_record,
            },
            "inputs": record,
            "versions": report_html.library_versions(Qgis.QGIS_VERSION),
            "date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "breaks": breaks_text or None,
            "tr": tr,
            "region_overrides": overrides_text,
        }
        if html_path:
            folder = Path(html_path).parent
            if not folder.parent.is_dir():  # the output's own folder at most, never a tree
                raise QgsProcessingException(
                    self.tr("The report's folder {} is not in an existing folder").format(folder)
                )
            folder.mkdir(exist_ok=True)
            lang = self.report_language(parameters, context)
            meta["extra_sections"] = report_paper.extra_sections(tables)
            meta["lang"] = "zh-CN" if lang == "zh" else "en"
            with translated("zh_CN" if lang == "zh" else "en_US"):  # sections using tr()
                page = report_html.render_report(tables, meta)
            if lang == "zh":
                page = report_zh.translate(page, chinese_names(cities))
            Path(html_path).write_text(page, encoding="utf-8", newline="\n")
            steps.pushInfo(self.tr("Wrote the report {}").format(html_path))

        steps.setCurrentStep(3)
        steps.setProgressText(self.tr("Writing the tables"))
        outputs = {self.OUTPUT_HTML: html_path}
        for key, table in SINKS.items():
            if table not in tables:  # (PERIODS_COMPARED without PERIODS)
                continue
            frame = tables[table]
            if key == "CONCENTRATION" and len(frame):
                frame = frame.assign(top_k=frame["rank"] <= top_k)
            dest = adapters.write_frame(self, parameters, context, key, frame, feedback=steps)
            if dest is not None:
                outputs[key] = dest
            if steps.isCanceled():
                return {}
        conc = tables["concentration"]
        share = float(conc["top_k_share"].iloc[0]) if len(conc) else None
        gini = float(conc["gini"].iloc[0]) if len(conc) else None
        returnees = int(conc["returnees"].iloc[0]) if len(conc) else 0
        if share is not None:
            steps.pushInfo(
                self.tr(
                    "{returnees} returnees in {cities} return cities; the top {k} ({names}) take "
                    "{share:.2f} %; Gini {gini:.3f}"
                ).format(
                    returnees=returnees,
                    cities=int(conc["return_cities"].iloc[0]),
                    k=top_k,
                    names=conc["top_k_cities"].iloc[0],
                    share=100 * share,
                    gini=gini,
                )
            )
        outputs.update({"TOP_K_SHARE": share, "GINI": gini, "RETURNEES": returnees})
        return outputs
