"""backflow:importtrajectories — a trajectory table to geocoded stages, routes and flows."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)

from ..core.disclosure.rules import pseudonymised
from ..core.places.aliases import read_aliases
from ..core.places.gazetteer import Gazetteer
from ..core.places.orgs import org_table_from_frame
from ..core.schema import ANALYSIS_LEVELS, DEFAULT_HOME_COUNTRY, ROLE_PARAMS, STAGES
from ..core.tables.delimited import read_text_table
from ..core.tables.fields import detect_fields
from ..core.tables.reshape import MAPPING_HELP
from ..core.trajectories.build import FLAGS, ImportResult, import_trajectories
from ..core.trajectories.flow_lines import GEOMETRY_KINDS
from ..qgis_io import reads_itself, text_file
from ..translation import core_text
from . import adapters
from .base import BackflowAlgorithm, Output, Run, Sink, SourceType, advanced, helped, numbers
from .import_outputs import (  # noqa: F401 - FLAG_OUTPUTS, STAGE_TEXT_COLUMNS: the import's
    FLAG_OUTPUTS,
    STAGE_TEXT_COLUMNS,
    count_outputs,
    log_import,
    write_layers,
)
from .table_layout import (  # noqa: F401 - stage_mapping_problem: fullanalysis checks it too
    DETECT,
    relabel,
    stage_mapping_problem,
    table_fields,
)


class ImportTrajectoriesAlgorithm(BackflowAlgorithm):
    INPUT = "INPUT"
    LAYOUT = "LAYOUT"
    WIDE_MAPPING = "WIDE_MAPPING"
    HOME_COUNTRY = "HOME_COUNTRY"
    GAZETTEER = "GAZETTEER"
    GAZETTEER_NAME_FIELD = "GAZETTEER_NAME_FIELD"
    GAZETTEER_COUNTRY_FIELD = "GAZETTEER_COUNTRY_FIELD"
    GEOMETRY = "GEOMETRY"
    ENCODING = "ENCODING"
    LEVEL = "LEVEL"
    USER_ALIASES = "USER_ALIASES"
    ORG_GAZETTEER = "ORG_GAZETTEER"
    ACCEPT_CONFLICTS = "ACCEPT_CONFLICTS"
    PSEUDONYMISE = "PSEUDONYMISE"
    SALT = "SALT"
    STAGE_MAPPING = "STAGE_MAPPING"

    def name(self) -> str:
        return "importtrajectories"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Import trajectories")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Turns a table of life-course trajectories into map layers.\n\n"
            "Long table: one row per stage (person, order, stage, city, country, org, year). "
            "Wide table: one row per person, columns named by stage (出生地, 本科, 本科年份, "
            "博士, 回国单位, 回国城市, 回国年份; birthplace, phd, return_org, return_city...): "
            "detected from the headers, or give the mapping of columns to stages, e.g. "
            "'birth=city:出生地; phd=org:博士,year:博士年份; return=city:回国城市,org:回国单位'.\n\n"
            "Stage labels in English or Chinese (birth/出生地, bachelor/本科, master/硕士, phd/博士, "
            "postdoc/博士后, work/工作, visit/访问, return/回国, later). City names in English, "
            "pinyin or Chinese are resolved with the bundled gazetteer (GeoNames, CC BY 4.0) or your "
            "own point layer. Rows that cannot be placed are listed in UNRESOLVED with the reason "
            "and suggestions: every input row is either used or reported.\n\n"
            "Outputs: STAGES (points), ROUTES (one line per person), FLOWS (lines aggregated by "
            "origin, destination and flow type: domestic, outbound, abroad, backflow, onward), "
            "CITIES (points with persons, returnees, inflow, outflow) and UNRESOLVED (table)."
        )

    def declare_parameters(self) -> list:
        return [*self.table_parameters(), *map(advanced, self.advanced_parameters())]

    def table_parameters(self) -> list:
        """The table and how to read it, the home country, level and line geometry."""
        fields = [
            QgsProcessingParameterField(
                pname,
                self.tr("{} field (empty: detect from the column names)").format(
                    self.tr(role.capitalize())
                ),
                parentLayerParameterName=self.INPUT,
                optional=True,
            )
            for role, pname in ROLE_PARAMS.items()
        ]
        return [
            helped(
                QgsProcessingParameterFeatureSource(
                    self.INPUT,
                    self.tr("Trajectory table (layer, or CSV/TSV/TXT/XLSX/GPKG file)"),
                    [SourceType.TypeVector],
                ),
                self.tr(
                    "Text files are read in any common encoding (UTF-8, GB18030, Big5, Latin-1)."
                ),
            ),
            helped(
                QgsProcessingParameterEnum(
                    self.LAYOUT,
                    self.tr("Table layout"),
                    [
                        self.tr("Long: one row per stage"),
                        self.tr("Wide: one row per person"),
                        self.tr("Detect from the column names"),
                    ],
                    defaultValue=DETECT,
                ),
                self.tr(
                    "Detect: wide when the headers name two stages or more (出生地, 本科, 博士, "
                    "回国单位, birthplace, phd, return_city...) and no column holds stage labels; "
                    "the log prints the mapping used."
                ),
            ),
            *fields,
            helped(
                QgsProcessingParameterString(
                    self.WIDE_MAPPING,
                    self.tr("Wide layout: columns of each stage"),
                    optional=True,
                    multiLine=True,
                ),
                core_text(MAPPING_HELP),
            ),
            self.home_country(
                self.tr("Home country (ISO code, or 'birth' for each person's birth country)")
            ),
            helped(
                self.analysis_level(optional=True),  # saved models made before it stay valid
                self.tr(
                    "The node each stage in China counts at: a county or district (吴中区) counts "
                    "as its prefecture-level city (苏州) by default, so a person born in a county "
                    "of Suzhou who returns to Suzhou makes a circle route. STAGES keeps "
                    "place_id, county_id and prefecture_id either way."
                ),
            ),
            self.line_geometry(self.GEOMETRY, self.tr("Flow line geometry")),
        ]

    def home_country(self, label: str):
        return helped(
            QgsProcessingParameterString(
                self.HOME_COUNTRY, label, defaultValue=DEFAULT_HOME_COUNTRY
            ),
            self.tr(
                "Hong Kong, Macao and Taiwan count as abroad when home is CN, as in the paper."
            ),
        )

    def analysis_level(self, optional: bool = False):
        return QgsProcessingParameterEnum(
            self.LEVEL,
            self.tr("Analysis level of places in China"),
            [self.tr("Prefecture-level city (as the paper)"), self.tr("County / district")],
            defaultValue=0,
            optional=optional,
        )

    def advanced_parameters(self) -> list:
        """Shown under Advanced: own gazetteer and tables, encoding, pseudonyms, corrections."""
        return [
            QgsProcessingParameterFeatureSource(
                self.GAZETTEER,
                self.tr("Own gazetteer (point layer; empty: the bundled one)"),
                [SourceType.TypeVectorPoint],
                optional=True,
            ),
            QgsProcessingParameterField(
                self.GAZETTEER_NAME_FIELD,
                self.tr("Gazetteer name field"),
                parentLayerParameterName=self.GAZETTEER,
                optional=True,
            ),
            QgsProcessingParameterField(
                self.GAZETTEER_COUNTRY_FIELD,
                self.tr("Gazetteer country field"),
                parentLayerParameterName=self.GAZETTEER,
                optional=True,
            ),
            QgsProcessingParameterString(
                self.ENCODING, self.tr("Text encoding (empty: detect)"), optional=True
            ),
            helped(
                QgsProcessingParameterFile(
                    self.USER_ALIASES,
                    self.tr("Place aliases (CSV: value, place, country)"),
                    optional=True,
                    fileFilter=self.tr("CSV files (*.csv *.txt *.tsv)"),
                ),
                self.tr(
                    "Each value of the city column found in this table is replaced by its place "
                    "before resolving (flag user_alias). The panel's 'Review unresolved' step "
                    "writes such a file."
                ),
            ),
            helped(
                QgsProcessingParameterFeatureSource(
                    self.ORG_GAZETTEER,
                    self.tr("Cities of organisations (table: organisation, city, country)"),
                    [SourceType.TypeVector],
                    optional=True,
                ),
                self.tr(
                    "For rows with an organisation and no city: used when no other row of the "
                    "table gives that organisation's city (flag from_org)."
                ),
            ),
            QgsProcessingParameterBoolean(
                self.ACCEPT_CONFLICTS,
                self.tr("Accept a place found only in another country than the one given"),
                defaultValue=False,
                optional=True,
            ),
            QgsProcessingParameterBoolean(
                self.PSEUDONYMISE,
                self.tr("Pseudonymise: replace person ids with salted hashes in every output"),
                defaultValue=False,
                optional=True,  # models made before it need not set it
            ),
            QgsProcessingParameterString(
                self.SALT,
                self.tr("Salt for the pseudonyms (empty: a new random one each run)"),
                optional=True,
            ),
            helped(
                QgsProcessingParameterString(
                    self.STAGE_MAPPING,
                    self.tr("Stage label corrections (label=stage; ...)"),
                    optional=True,
                    multiLine=True,
                ),
                self.tr("Accepted stages: ") + ", ".join(STAGES),
            ),
        ]

    def declare_sinks(self) -> list[Sink]:
        return [
            Sink("STAGES", self.tr("Stages"), SourceType.TypeVectorPoint, style="stages"),
            Sink("ROUTES", self.tr("Person routes"), SourceType.TypeVectorLine, True, "routes"),
            Sink("FLOWS", self.tr("Flows"), SourceType.TypeVectorLine, True, "flows"),
            Sink("CITIES", self.tr("Cities"), SourceType.TypeVectorPoint, True, "cities"),
            Sink("UNRESOLVED", self.tr("Unresolved rows"), optional=True),
        ]

    def declare_outputs(self) -> list[Output]:
        return numbers(
            ("PERSONS", self.tr("Persons")),
            ("STAGE_ROWS", self.tr("Stage rows")),
            ("RESOLVED_ROWS", self.tr("Resolved rows")),
            ("UNRESOLVED_ROWS", self.tr("Unresolved rows")),
            ("AMBIGUOUS_ROWS", self.tr("Rows resolved among several places")),
            *self.flag_output_labels().items(),
        )

    def flag_output_labels(self) -> dict[str, str]:
        labels = {
            "historic": self.tr("Rows resolved by a historic name"),
            "province": self.tr("Rows placed with their province or state"),
            "small_place": self.tr("Rows resolved to a small place"),
            "country_conflict": self.tr("Rows resolved in another country than given"),
            "from_org": self.tr("Rows whose city came from the organisation"),
            "user_alias": self.tr("Rows changed by a place alias"),
            "province_only": self.tr("Rows that name only a province"),
            "fuzzy": self.tr("Rows placed by a fuzzy match (a slip of the pen or OCR)"),
            "tolerant": self.tr("Rows read with abbreviations or addresses"),
            "org_gazetteer": self.tr("Rows placed by the organisation they name"),
            "compound_place": self.tr("Rows placed with the country or province in the cell"),
            "org_city_rule": self.tr("Rows placed by a city in the organisation's name"),
        }
        return {FLAG_OUTPUTS[f]: labels.get(f, f) for f in FLAGS}

    # ------------------------------------------------------------------ reading

    def checkParameterValues(self, parameters, context):  # noqa: N802
        # QGIS would open a text file through OGR here, which fails for an empty file
        # or one in GB18030/Big5, and reads a spreadsheet's header as data; we read
        # those files ourselves, so skip that check for them.
        if not reads_itself(parameters.get(self.INPUT)):
            ok, message = super().checkParameterValues(parameters, context)
        else:
            ok, message = self.check_values_except_input(parameters, context)
        problem = stage_mapping_problem(parameters.get(self.STAGE_MAPPING)) if ok else None
        return (False, problem) if problem else (ok, message)

    def gazetteer(self, run: Run) -> Gazetteer:
        source = run.source(self.GAZETTEER, required=False)
        if source is None:
            return Gazetteer.bundled(should_stop=run.cancelled)
        frame = adapters.points_to_frame(source)
        detected = detect_fields(frame.columns)
        name = run.text(self.GAZETTEER_NAME_FIELD) or detected.get("city") or "name"
        if name not in frame.columns:
            raise QgsProcessingException(
                self.tr("The gazetteer layer has no name field '{}'. Fields: {}").format(
                    name, ", ".join(frame.columns)
                )
            )
        country = run.text(self.GAZETTEER_COUNTRY_FIELD) or detected.get("country")
        run.info(self.tr("Own gazetteer: {} places, names from '{}'").format(len(frame), name))
        return Gazetteer.from_frame(frame, name_col=name, country_col=country)

    def own_tables(self, run: Run) -> tuple:
        """USER_ALIASES and ORG_GAZETTEER as frames (None when not given)."""
        aliases = None
        path = run.file(self.USER_ALIASES)
        if path:
            aliases = read_aliases(path)
            run.info(
                self.tr("Place aliases: {} values from {}").format(len(aliases), Path(path).name)
            )
        orgs = None
        raw = run.parameters.get(self.ORG_GAZETTEER)
        if raw is not None and str(raw).strip():
            path = text_file(raw)
            if path:
                frame, _info = read_text_table(path)
                label = Path(path).name
            else:
                source = run.source(self.ORG_GAZETTEER)
                frame = adapters.source_to_frame(source, as_text=True)
                label = source.sourceName()
            orgs = org_table_from_frame(frame, label)
            run.info(
                self.tr("Cities of organisations: {} organisations from {}").format(
                    len(orgs), label
                )
            )
        return aliases, orgs

    def options(self, run: Run) -> dict:
        """The import's choices as core takes them (beside the table and its fields)."""
        aliases, orgs = self.own_tables(run)
        return dict(
            home_country=run.text(self.HOME_COUNTRY) or DEFAULT_HOME_COUNTRY,
            gazetteer=self.gazetteer(run),
            level=run.choice(self.LEVEL, ANALYSIS_LEVELS),
            aliases=aliases,
            org_table=orgs,
            accept_conflicts=run.flag(self.ACCEPT_CONFLICTS),
            is_cancelled=run.cancelled,
        )

    # ------------------------------------------------------------------ run

    def run_import(self, run: Run) -> tuple[ImportResult, str]:
        """The table read, its layout found, and core's import: (result, file label)."""
        frame, label = run.table(self.INPUT, run.text(self.ENCODING) or None)
        fields, wide = table_fields(run, frame, label)
        frame = relabel(run, frame, fields, wide)
        result = import_trajectories(
            frame, fields, wide=wide, file_label=label, progress=run.progress, **self.options(run)
        )
        return result, label

    def process(self, run: Run) -> dict:
        return self.import_and_write(run)[0]

    def import_and_write(self, run: Run) -> tuple[dict, ImportResult]:
        """The outputs, and the import's frames for the steps that follow."""
        run.start(2)
        result, label = self.run_import(run)
        if run.flag(self.PSEUDONYMISE):
            result = pseudonymised(result, run.text(self.SALT))
            run.info(self.tr("Person ids replaced with salted hashes"))
        run.step(1)
        outputs = write_layers(run, result, run.choice(self.GEOMETRY, GEOMETRY_KINDS))
        log_import(run, result, label)
        return {**outputs, **count_outputs(result.counts)}, result
