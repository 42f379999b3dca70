"""backflow:report — the paper's tables and charts as one HTML page and as table sinks."""

from __future__ import annotations

import datetime as _dt
import logging
import os
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core.messages import local_value, say, speaking
from ..core.report import page as report_html
from ..core.report import paper as report_paper
from ..core.report import run as report_run
from ..core.report import steps as report_steps
from ..core.report import tables as core_report
from ..core.schema import LANGUAGE_AUTO, LANGUAGES, TIER_METHODS
from ..qgis_io import in_temporary_folder, kept_report_path
from . import adapters
from .base import BackflowAlgorithm, Run, Sink, SourceType, advanced, helped, numbers
from .report_sources import sources_trends_options, sources_trends_parameters

log = logging.getLogger("backflow")

# Regional flows' outputs the report takes, and their tables' keys (in this order)
REGION_INPUTS = {"REGION_MATRIX": "region_matrix", "REGION_STATS": "region_stats"}
# sink parameter -> key of core.report.tables.build_report
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
    # sources and trends (core.sources.combined)
    "TOP_SOURCES": "top_sources",
    "SOURCE_MATRIX": "source_matrix",
    "SOURCES_BY_TIER": "sources_by_tier",
    "TRENDS": "trends",
    "PERIODS_COMPARED": "periods",
    "RETURNEE_SOURCES": "person_sources",
}


def qgis_locale() -> str:
    """The language QGIS translates to; the LANGUAGE variable (e.g. zh) wins when set."""
    from qgis.core import QgsApplication

    return os.environ.get("LANGUAGE") or QgsApplication.locale() or ""


def chinese_names(cities) -> dict[str, str]:
    """English -> Chinese names of the cities and countries a report mentions."""
    from ..core.places.countries import Countries

    return report_run.chinese_names(cities, Countries.bundled().table)


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
    TIER_METHOD = "TIER_METHOD"
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

    def declare_parameters(self) -> list:
        vector = [SourceType.TypeVector]
        return [
            QgsProcessingParameterFeatureSource(
                self.STAGES, self.tr("Stages (the STAGES output of Import trajectories)"), vector
            ),
            QgsProcessingParameterFeatureSource(
                self.CITIES, self.tr("Cities with tiers (the output of City network)"), vector,
                optional=True,
            ),
            QgsProcessingParameterFeatureSource(
                self.ROUTES, self.tr("Routes with patterns (the ROUTES output of Route patterns)"),
                vector, optional=True,
            ),
            QgsProcessingParameterField(
                self.SUBJECT_FIELD, self.tr("Subject field (empty: detect subject / 学科)"),
                parentLayerParameterName=self.STAGES, optional=True,
            ),
            QgsProcessingParameterField(
                self.UNIT_FIELD, self.tr("Work-unit type field (empty: detect unit_type / 单位类型)"),
                parentLayerParameterName=self.STAGES, optional=True,
            ),
            QgsProcessingParameterNumber(
                self.TOP_N, self.tr("Organisations and cities to list (top N)"),
                QgsProcessingParameterNumber.Type.Integer, defaultValue=20, minValue=1,
            ),
            QgsProcessingParameterNumber(
                self.TOP_K, self.tr("Concentration: share of the top k return cities"),
                QgsProcessingParameterNumber.Type.Integer, defaultValue=7, minValue=1,
            ),
            helped(
                QgsProcessingParameterFile(
                    self.INPUT_FILE, self.tr("Input table file (recorded with its checksum)"),
                    behavior=QgsProcessingParameterFile.Behavior.File, optional=True,
                ),
                self.tr(
                    "The trajectory table the layers were made from: its name, row count "
                    "and SHA-256 go into the reproducibility section."
                ),
            ),
            QgsProcessingParameterFeatureSource(
                self.REGION_STATS, self.tr("Regions (the REGIONS output of Regional flows)"),
                vector, optional=True,
            ),
            QgsProcessingParameterFeatureSource(
                self.REGION_MATRIX,
                self.tr("Region x region matrix (the MATRIX of Regional flows)"), vector,
                optional=True,
            ),
            *sources_trends_parameters(self),
            *self.tier_parameters(),
            helped(
                QgsProcessingParameterEnum(
                    self.REFERENCE, self.tr("Compare with"),
                    [
                        self.tr("Automatic: the paper when the data are the bundled sample"),
                        self.tr("Nothing"),
                        self.tr("The paper (Jiang 2021)"),
                    ],
                    defaultValue=0,
                ),
                self.tr(
                    "Puts every figure the paper prints next to the computed one, with the "
                    "difference, and lists the printed figures not reached."
                ),
            ),
            QgsProcessingParameterEnum(
                self.LANGUAGE, self.tr("Report language"),
                [self.tr("The language of QGIS"), self.tr("English"), self.tr("Chinese")],
                defaultValue=0,
            ),
            QgsProcessingParameterFileDestination(
                self.OUTPUT_HTML, self.tr("Report (HTML)"), self.tr("HTML files (*.html *.htm)")
            ),
        ]  # fmt: skip

    def tier_parameters(self) -> list:
        """The advanced ones: City network's breaks, measure and method; region overrides."""
        return [
            advanced(helped(
                QgsProcessingParameterString(
                    self.TIER_BREAKS, self.tr("Tier breaks (as City network reports them)"),
                    optional=True,
                ),
                self.tr(
                    "The BREAKS output of City network (values separated by ';'), or lower "
                    "bounds of tiers 1, 2, 3, e.g. '0.35, 0.12, 0.02'. With a TIER_METHOD whose "
                    "breaks are class bounds (hybrid, natural breaks, head/tail, quantile) they "
                    "are shown as given and Table 4 gives each tier's range of TIER_MEASURE."
                ),
            )),
            advanced(
                QgsProcessingParameterField(
                    self.TIER_MEASURE, self.tr("Measure the tiers were cut on (range per tier)"),
                    parentLayerParameterName=self.CITIES, optional=True,
                    type=QgsProcessingParameterField.DataType.Numeric,
                )
            ),
            advanced(helped(
                QgsProcessingParameterString(
                    self.TIER_METHOD,
                    self.tr("Tier method (the TIER_METHOD output of City network)"),
                    optional=True,
                ),
                self.tr("A method key: {}.").format(", ".join(TIER_METHODS)),
            )),
            advanced(helped(
                QgsProcessingParameterString(
                    self.REGION_OVERRIDES, self.tr("Region overrides (ISO2=region; e.g. RU=Other)"),
                    optional=True,
                ),
                self.tr(
                    "Default: the paper's grouping - USA, UK, Europe (UN M49 Europe without the "
                    "UK, Russia included), Asia (Hong Kong, Macao and Taiwan included), "
                    "Australia, Other. Moves countries between these regions, e.g. "
                    "'RU=Other; TR=Europe'."
                ),
            )),
        ]  # fmt: skip

    def declare_sinks(self) -> list[Sink]:
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
        return [Sink(key, label, optional=True, by_default=False) for key, label in labels.items()]

    def declare_outputs(self) -> list:
        return numbers(
            ("TOP_K_SHARE", self.tr("Share of returnees in the top k return cities")),
            ("GINI", self.tr("Gini coefficient over return cities")),
            ("RETURNEES", self.tr("Returnees")),
        )

    # ------------------------------------------------------------------ reading

    def _frame(self, run: Run, name: str, required: bool = False):
        """A layer parameter as a DataFrame (None when an optional one is not given)."""
        if not required and not run.parameters.get(name):
            return None
        source = run.source(name)
        frame = adapters.source_to_frame(source, run.steps)
        run.info(self.tr("Read {}: {} features").format(source.sourceName(), len(frame)))
        return frame

    def report_language(self, parameters, context) -> str:
        """en or zh: as chosen, or the language QGIS runs in (or LANGUAGE=zh)."""
        choice = LANGUAGES[self.parameterAsEnum(parameters, self.LANGUAGE, context)]
        if choice != LANGUAGE_AUTO:
            return choice
        # the plugin's Chinese translator may be active in an English QGIS (a Chinese
        # block, translation.translated): the report follows what tr() gives
        probe = "Report language"
        if qgis_locale().lower().startswith("zh") or self.tr(probe) != probe:
            return "zh"
        return "en"

    # ------------------------------------------------------------------ run

    def process(self, run: Run) -> dict:
        run.start(4)
        self._options(run)  # bad option text fails before any layer is read
        run.step(0, self.tr("Reading layers"))
        stages = self._frame(run, self.STAGES, required=True)
        cities = self._frame(run, self.CITIES)
        routes = self._frame(run, self.ROUTES)
        run.check_cancelled()
        regions = {key: self._frame(run, key) for key in REGION_INPUTS}
        return self.run_frames(run, stages, cities, routes, regions)

    def run_frames(self, run: Run, stages, cities, routes, regions, returns=None) -> dict:
        """The report of these frames (STAGES, the cities with tiers, the routes with
        patterns, Regional flows' REGIONS and MATRIX by parameter name; the persons'
        returns when already found): HTML and tables."""
        run.start(4)
        opts = self._options(run)
        cities, routes = self._checked(stages, cities, routes, run)
        run.step(1, self.tr("Computing the tables"))
        tables = report_steps.report_tables(
            report_steps.ReportInputs(
                stages, cities, routes, returns,
                build=dict(
                    subject=opts["subject"], unit=opts["unit"], top_n=opts["top_n"],
                    top_k=opts["top_k"],
                    breaks=report_run.parse_breaks(opts["breaks_text"], opts["method"]),
                    tier_measure=opts["measure"], sources_options=opts["sources"],
                ),
                regions=opts["overrides"], reference=opts["reference"],
                region_tables=self._region_tables(regions, opts),
                min_persons=run.integer(self.MIN_PERSONS),
            )
        )  # fmt: skip
        record, warning = report_run.input_record(
            opts["input_file"], read_spreadsheet=adapters.read_spreadsheet, tr=self.tr
        )
        if warning:
            run.warn(warning)
        run.check_cancelled()
        self._log_notes(tables, cities, run)

        run.step(2, self.tr("Writing the report"))
        stages_name = run.source(self.STAGES).sourceName()
        record.update(report_run.layers_record(stages_name, stages, cities, routes))
        html_path = self.parameterAsFileOutput(run.parameters, self.OUTPUT_HTML, run.context)
        if html_path:
            html_path = self._kept_path(html_path, run)
            lang = self.report_language(run.parameters, run.context)
            self._write_html(html_path, tables, self._meta(tables, opts, record), lang, cities)
            run.info(self.tr("Wrote the report {}").format(html_path))

        run.step(3, self.tr("Writing the tables"))
        outputs = {self.OUTPUT_HTML: html_path}
        sinks = report_run.sink_frames(tables, opts["top_k"])
        for key, table in SINKS.items():
            if table not in sinks:  # (PERIODS_COMPARED without PERIODS)
                continue
            dest = run.write(key, sinks[table])
            if dest is not None:
                outputs[key] = dest
            run.check_cancelled()
        head = report_run.headline(tables)
        self._log_headline(head, opts["top_k"], cities, run)
        outputs.update(
            {"TOP_K_SHARE": head["share"], "GINI": head["gini"], "RETURNEES": head["returnees"]}
        )
        return outputs

    def _kept_path(self, html_path, run: Run) -> str:
        """A temporary report (lost when QGIS closes) goes beside the input table."""
        stages = run.layer(self.STAGES, required=False)
        kept = kept_report_path(html_path, [run.parameters.get(self.INPUT_FILE), stages])
        if in_temporary_folder(kept):
            run.info(
                self.tr(
                    "The report is in QGIS's temporary folder, deleted when QGIS closes; "
                    "give a file (OUTPUT_HTML) or the input table's file (INPUT_FILE) to keep it."
                )
            )
        return kept

    def _options(self, run: Run) -> dict:
        """The scalar parameters, read and parsed (bad text: a BackflowInputError)."""
        opts = {
            "subject": run.text(self.SUBJECT_FIELD) or None,
            "unit": run.text(self.UNIT_FIELD) or None,
            "top_n": run.integer(self.TOP_N),
            "top_k": run.integer(self.TOP_K),
            "breaks_text": run.text(self.TIER_BREAKS),
            "measure": run.text(self.TIER_MEASURE) or None,
            "method": run.text(self.TIER_METHOD) or None,
            "overrides_text": run.text(self.REGION_OVERRIDES),
            "input_file": run.file(self.INPUT_FILE),
            "reference": run.choice(self.REFERENCE, report_paper.REFERENCE_MODES),
        }
        opts["overrides"] = core_report.parse_region_overrides(opts["overrides_text"])
        opts["sources"], opts["sources_record"] = sources_trends_options(
            self, run.parameters, run.context
        )
        return opts

    def _checked(self, stages, cities, routes, run: Run):
        """STAGES with its key fields, CITIES and ROUTES as the report can use them."""
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
        if routes is not None and "pattern" not in routes.columns:
            run.warn(
                self.tr(
                    "The routes layer has no 'pattern' field; routes are "
                    "classified from the stages instead"
                )
            )
            routes = None
        if cities is None:
            run.info(self.tr("No cities layer: Table 4 and the centrality ranking are left empty"))
        elif "tier" not in cities.columns:
            run.warn(
                self.tr(
                    "The cities layer has no 'tier' field (run City network): Table 4 is left empty"
                )
            )
        return cities, routes

    def _region_tables(self, regions: dict, opts) -> dict:
        """The REGIONS and MATRIX of Regional flows, when given, as report tables."""
        out = {}
        for key, name in REGION_INPUTS.items():
            frame = regions.get(key)
            if frame is not None:
                frame = frame.copy(deep=False)
                frame.attrs["min_persons"] = opts["sources"].get("min_persons", 1)
                out[name] = frame
        return out

    def _meta(self, tables, opts, record) -> dict:
        """What render_report needs besides the tables: parameters, record, versions."""
        return {
            "top_n": opts["top_n"],
            "parameters": report_run.parameters_record(
                tables["table1"],
                top_n=opts["top_n"],
                top_k=opts["top_k"],
                breaks_text=opts["breaks_text"],
                measure=opts["measure"],
                method=opts["method"],
                overrides_text=opts["overrides_text"],
                reference=opts["reference"],
                extra=opts["sources_record"],
            ),
            "inputs": record,
            "versions": report_html.library_versions(Qgis.QGIS_VERSION),
            "date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "breaks": opts["breaks_text"] or None,
            "region_overrides": opts["overrides_text"],
        }

    def _write_html(self, html_path, tables, meta, lang, cities) -> None:
        folder = Path(html_path).parent
        if not folder.parent.is_dir():  # the output's own folder at most, never a tree
            raise QgsProcessingException(
                self.tr("The report's folder {} is not in an existing folder").format(folder)
            )
        folder.mkdir(exist_ok=True)
        meta["extra_sections"] = report_paper.extra_sections  # in the page's language
        meta["lang"] = "zh-CN" if lang == "zh" else "en"
        names = chinese_names(cities) if lang == "zh" else None
        page = report_html.render_report(tables, meta, language=lang, names=names)
        Path(html_path).write_text(page, encoding="utf-8", newline="\n")

    def _log_language(self) -> str:
        """The log's language: Chinese when QGIS translates the plugin into Chinese."""
        return "zh" if self.tr("Report language") != "Report language" else "en"

    def _log_names(self, cities) -> dict[str, str] | None:
        return chinese_names(cities) if self._log_language() == "zh" else None

    def _log_notes(self, tables, cities, run: Run) -> None:
        """What each table leaves out (disclosure control, missing columns)."""
        notes = {key: core_report.note_of(frame) for key, frame in tables.items()}
        if not any(notes.values()):
            return
        with speaking(self._log_language(), self._log_names(cities)):
            for key, note in notes.items():
                if note:
                    run.info(f"{key}: {say(note)}")

    def _log_headline(self, head, top_k, cities, run: Run) -> None:
        if head["share"] is None:
            return
        with speaking(self._log_language(), self._log_names(cities)):
            names = local_value(head["names"])
        run.info(
            self.tr(
                "{returnees} returnees in {cities} return cities; the top {k} ({names}) take "
                "{share:.2f} %; Gini {gini:.3f}"
            ).format(
                returnees=head["returnees"],
                cities=head["cities"],
                k=top_k,
                names=names,
                share=100 * head["share"],
                gini=head["gini"],
            )
        )
