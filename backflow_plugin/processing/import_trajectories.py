"""backflow:importtrajectories — a trajectory table to geocoded stages, routes and flows."""

from __future__ import annotations

import logging
from pathlib import Path

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ..core.disclosure.rules import pseudonymised
from ..core.errors import BackflowInputError, Cancelled
from ..core.places.aliases import read_aliases
from ..core.places.gazetteer import Gazetteer
from ..core.places.orgs import org_table_from_frame
from ..core.schema import ANALYSIS_LEVELS, DEFAULT_HOME_COUNTRY, ROLE_PARAMS, STAGES
from ..core.tables.delimited import read_text_table
from ..core.tables.fields import detect_fields
from ..core.tables.reshape import MAPPING_HELP, format_mapping, parse_mapping
from ..core.tables.stage_labels import parse_stage_mapping, relabel_stages
from ..core.tables.wide_layout import WideLayout, detect_wide, repeated_ids
from ..core.trajectories.build import (
    FLAGS,
    FieldMap,
    ImportResult,
    import_trajectories,
    leg_lines,
    route_leg_lines,
    route_lines,
)
from ..core.trajectories.flow_lines import GEOMETRY_KINDS
from ..core.trajectories.import_summary import stage_coordinates, top_ambiguous, top_unresolved
from ..qgis_io import file_label, read_table_file, reads_itself, text_file
from ..styling.postprocess import attach_style
from ..translation import tr
from . import adapters
from .base import BackflowAlgorithm
from .feedback import multi_step

log = logging.getLogger("backflow")

LAYOUTS = ("long", "wide", "detect")
DETECT = LAYOUTS.index("detect")
# STAGES columns that are text whatever their values (ids, names, codes, labels).
STAGE_TEXT_COLUMNS = (
    "person_id", "stage", "city_id", "city", "country", "org", "home_country", "phase",
    "province", "city_input", "place_id", "county_id", "prefecture_id", "match", "flags",
)  # fmt: skip
# Numeric outputs counting the rows of each flag (STAGES.flags), e.g. HISTORIC_ROWS.
FLAG_OUTPUTS = {flag: f"{flag.upper()}_ROWS" for flag in FLAGS}


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
    OUTPUTS = ("STAGES", "ROUTES", "FLOWS", "CITIES", "UNRESOLVED")

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

    def initAlgorithm(self, config=None):  # noqa: N802
        self._add_table_parameters()
        for p in self._advanced_parameters():
            p.setFlags(p.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
            self.addParameter(p)
        self._add_outputs()

    def _add_table_parameters(self) -> None:
        p = QgsProcessingParameterFeatureSource(
            self.INPUT,
            self.tr("Trajectory table (layer, or CSV/TSV/TXT/XLSX/GPKG file)"),
            [QgsProcessing.SourceType.TypeVector],
        )
        p.setHelp(
            self.tr("Text files are read in any common encoding (UTF-8, GB18030, Big5, Latin-1).")
        )
        self.addParameter(p)
        self.addParameter(
            QgsProcessingParameterEnum(
                self.LAYOUT,
                self.tr("Table layout"),
                [
                    self.tr("Long: one row per stage"),
                    self.tr("Wide: one row per person"),
                    self.tr("Detect from the column names"),
                ],
                defaultValue=DETECT,
            )
        )
        self.parameterDefinition(self.LAYOUT).setHelp(
            self.tr(
                "Detect: wide when the headers name two stages or more (出生地, 本科, 博士, "
                "回国单位, birthplace, phd, return_city...) and no column holds stage labels; "
                "the log prints the mapping used."
            )
        )
        for role, pname in ROLE_PARAMS.items():
            p = QgsProcessingParameterField(
                pname,
                self.tr("{} field (empty: detect from the column names)").format(
                    self.tr(role.capitalize())
                ),
                parentLayerParameterName=self.INPUT,
                optional=True,
            )
            self.addParameter(p)
        p = QgsProcessingParameterString(
            self.WIDE_MAPPING,
            self.tr("Wide layout: columns of each stage"),
            optional=True,
            multiLine=True,
        )
        p.setHelp(self.tr(MAPPING_HELP))
        self.addParameter(p)
        p = QgsProcessingParameterString(
            self.HOME_COUNTRY,
            self.tr("Home country (ISO code, or 'birth' for each person's birth country)"),
            defaultValue=DEFAULT_HOME_COUNTRY,
        )
        p.setHelp(
            self.tr("Hong Kong, Macao and Taiwan count as abroad when home is CN, as in the paper.")
        )
        self.addParameter(p)
        p = QgsProcessingParameterEnum(
            self.LEVEL,
            self.tr("Analysis level of places in China"),
            [self.tr("Prefecture-level city (as the paper)"), self.tr("County / district")],
            defaultValue=0,
            optional=True,  # saved models made before it stay valid
        )
        p.setHelp(
            self.tr(
                "The node each stage in China counts at: a county or district (吴中区) counts as "
                "its prefecture-level city (苏州) by default, so a person born in a county of "
                "Suzhou who returns to Suzhou makes a circle route. STAGES keeps place_id, "
                "county_id and prefecture_id either way."
            )
        )
        self.addParameter(p)
        self.addParameter(
            QgsProcessingParameterEnum(
                self.GEOMETRY,
                self.tr("Flow line geometry"),
                [self.tr("Straight"), self.tr("Geodesic (great circle)"), self.tr("Curved arc")],
                defaultValue=1,
            )
        )

    def _advanced_parameters(self) -> list:
        advanced = [
            QgsProcessingParameterFeatureSource(
                self.GAZETTEER,
                self.tr("Own gazetteer (point layer; empty: the bundled one)"),
                [QgsProcessing.SourceType.TypeVectorPoint],
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
                self.ENCODING,
                self.tr("Text encoding (empty: detect)"),
                optional=True,
            ),
            QgsProcessingParameterFile(
                self.USER_ALIASES,
                self.tr("Place aliases (CSV: value, place, country)"),
                optional=True,
                fileFilter=self.tr("CSV files (*.csv *.txt *.tsv)"),
            ),
            QgsProcessingParameterFeatureSource(
                self.ORG_GAZETTEER,
                self.tr("Cities of organisations (table: organisation, city, country)"),
                [QgsProcessing.SourceType.TypeVector],
                optional=True,
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
        ]
        helps = {  # by name: the list grows
            self.USER_ALIASES: self.tr(
                "Each value of the city column found in this table is replaced by its place "
                "before resolving (flag user_alias). The panel's 'Review unresolved' step "
                "writes such a file."
            ),
            self.ORG_GAZETTEER: self.tr(
                "For rows with an organisation and no city: used when no other row of the "
                "table gives that organisation's city (flag from_org)."
            ),
        }
        for p in advanced:
            if p.name() in helps:
                p.setHelp(helps[p.name()])
        p = QgsProcessingParameterString(
            self.STAGE_MAPPING,
            self.tr("Stage label corrections (label=stage; ...)"),
            optional=True,
            multiLine=True,
        )
        p.setHelp(self.tr("Accepted stages: ") + ", ".join(STAGES))
        advanced.append(p)
        return advanced

    def _add_outputs(self) -> None:
        sinks = {
            "STAGES": (self.tr("Stages"), QgsProcessing.SourceType.TypeVectorPoint),
            "ROUTES": (self.tr("Person routes"), QgsProcessing.SourceType.TypeVectorLine),
            "FLOWS": (self.tr("Flows"), QgsProcessing.SourceType.TypeVectorLine),
            "CITIES": (self.tr("Cities"), QgsProcessing.SourceType.TypeVectorPoint),
            "UNRESOLVED": (self.tr("Unresolved rows"), QgsProcessing.SourceType.TypeVector),
        }
        for key, (label, kind) in sinks.items():
            self.addParameter(
                QgsProcessingParameterFeatureSink(key, label, kind, optional=key != "STAGES")
            )
        for key, label in (
            ("PERSONS", self.tr("Persons")),
            ("STAGE_ROWS", self.tr("Stage rows")),
            ("RESOLVED_ROWS", self.tr("Resolved rows")),
            ("UNRESOLVED_ROWS", self.tr("Unresolved rows")),
            ("AMBIGUOUS_ROWS", self.tr("Rows resolved among several places")),
            *self.flag_output_labels().items(),
        ):
            self.addOutput(QgsProcessingOutputNumber(key, label))

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

    def read_table(self, parameters, context, feedback) -> tuple:
        """(frame, label): the INPUT as text cells, read by our own reader for text files
        and spreadsheets, by OGR else."""
        raw = parameters.get(self.INPUT)
        encoding = self.parameterAsString(parameters, self.ENCODING, context).strip() or None
        read = read_table_file(raw, encoding, feedback.isCanceled)
        if read is None:
            source = self.parameterAsSource(parameters, self.INPUT, context)
            if source is None:
                raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
            label = file_label(raw) if isinstance(raw, str) and raw else source.sourceName()
            frame, info = adapters.source_to_frame(source, feedback, as_text=True), None
        else:
            (frame, info), label = read, file_label(raw)
        if frame.empty:
            raise QgsProcessingException(self.tr("The table is empty (file '{}')").format(label))
        for warning in (info or {}).get("warnings", []):
            feedback.pushWarning(adapters.warning_text(warning))
        if info and "encoding" in info:
            feedback.pushInfo(
                self.tr("Read {}: {} rows, encoding {}, delimiter {!r}").format(
                    label, len(frame), info["encoding"], info["delimiter"]
                )
            )
        elif info is not None:
            feedback.pushInfo(self.tr("Read {}: {} rows").format(label, len(frame)))
        return frame, label

    def relabel(self, frame, fields: FieldMap, wide, parameters, context, feedback):
        """The table with the user's stage label corrections (STAGE_MAPPING) applied."""
        mapping = parse_stage_mapping(
            self.parameterAsString(parameters, self.STAGE_MAPPING, context)
        )
        if not mapping:
            return frame
        if wide is not None:
            feedback.pushWarning(
                self.tr(
                    "Stage label corrections apply to long tables only; ignored for a wide table"
                )
            )
            return frame
        if not fields.stage or fields.stage not in frame.columns:
            raise QgsProcessingException(
                self.tr("Stage label corrections need a stage column; columns: {}").format(
                    ", ".join(map(str, frame.columns))
                )
            )
        frame, changed = relabel_stages(frame, fields.stage, mapping)
        feedback.pushInfo(
            self.tr("Stage labels corrected in {} rows ({})").format(
                changed, "; ".join(f"{k} -> {v}" for k, v in mapping.items())
            )
        )
        return frame

    def field_map(self, parameters, context, columns: list[str], feedback) -> FieldMap:
        detected = detect_fields(columns)
        chosen = {}
        for role, pname in ROLE_PARAMS.items():
            given = self.parameterAsString(parameters, pname, context).strip()
            chosen[role] = given or detected.get(role)
        return FieldMap(**chosen)

    def wide_stages(self, frame, fields: FieldMap, label: str, parameters, context, feedback):
        """(stages, person column) of a wide table, (None, None) for a long one: the
        stages of WIDE_MAPPING when given, else those detected from the headers
        (core.tables.wide_layout); the person column of PERSON_FIELD, else the detected one."""
        stages, detected = self._wide_stages(frame, fields, label, parameters, context, feedback)
        if stages is None:
            return None, None
        given = self.parameterAsString(parameters, ROLE_PARAMS["person"], context).strip()
        person = given or (detected or detect_wide(frame)).person
        mapped = {c for st in stages for c in st.columns()}
        feedback.pushInfo(
            self.tr("Person column: {}; person attributes: {}").format(
                person or self.tr("(none: one person per row)"),
                ", ".join(str(c) for c in frame.columns if c not in mapped and c != person) or "-",
            )
        )
        return stages, person

    def _wide_stages(self, frame, fields: FieldMap, label: str, parameters, context, feedback):
        layout = self.parameterAsEnum(parameters, self.LAYOUT, context)
        text = self.parameterAsString(parameters, self.WIDE_MAPPING, context).strip()
        columns = list(frame.columns)
        if layout == LAYOUTS.index("long"):
            if not (fields.stage and fields.city):
                detected = detect_wide(frame)
                if detected.is_wide:
                    raise BackflowInputError(
                        "This table is wide (one row per person) but was read as long: "
                        "choose the wide layout (LAYOUT=1) and check the columns of each stage",
                        file=label,
                        accepted="WIDE_MAPPING = {mapping}",
                        mapping=detected.mapping_text(),
                    )
            return None, None
        if text:
            stages = parse_mapping(text, columns)
            feedback.pushInfo(
                self.tr("Columns of each stage (WIDE_MAPPING): {}").format(format_mapping(stages))
            )
            return stages, None
        detected = detect_wide(frame)
        if layout == DETECT and (fields.stage or not detected.is_wide):
            return None, None
        if not detected.stages:  # wide chosen, nothing to detect: the mapping is needed
            return parse_mapping(text, columns), detected
        self.report_detected(detected, layout == DETECT, feedback)
        return detected.stages, detected

    def report_detected(self, detected: WideLayout, chose: bool, feedback) -> None:
        if chose:
            feedback.pushInfo(
                self.tr("Wide table detected from the column names (one row per person)")
            )
        feedback.pushInfo(
            self.tr("Columns of each stage (WIDE_MAPPING): {}").format(detected.mapping_text())
        )
        if detected.unplaced:
            feedback.pushWarning(
                self.tr(
                    "Columns of a stage with no place or organisation column, kept as person "
                    "attributes: {}"
                ).format(", ".join(detected.unplaced))
            )

    def gazetteer(self, parameters, context, feedback) -> Gazetteer:
        source = self.parameterAsSource(parameters, self.GAZETTEER, context)
        if source is None:
            return Gazetteer.bundled(should_stop=feedback.isCanceled)
        frame = adapters.points_to_frame(source)
        name = self.parameterAsString(parameters, self.GAZETTEER_NAME_FIELD, context) or None
        country = self.parameterAsString(parameters, self.GAZETTEER_COUNTRY_FIELD, context) or None
        name = name or detect_fields(frame.columns).get("city") or "name"
        if name not in frame.columns:
            raise QgsProcessingException(
                self.tr("The gazetteer layer has no name field '{}'. Fields: {}").format(
                    name, ", ".join(frame.columns)
                )
            )
        country = country or detect_fields(frame.columns).get("country")
        feedback.pushInfo(
            self.tr("Own gazetteer: {} places, names from '{}'").format(len(frame), name)
        )
        return Gazetteer.from_frame(frame, name_col=name, country_col=country)

    def own_tables(self, parameters, context, feedback) -> tuple:
        """USER_ALIASES and ORG_GAZETTEER as frames (None when not given)."""
        aliases = None
        path = self.parameterAsFile(parameters, self.USER_ALIASES, context)
        if path:
            aliases = read_aliases(path)
            feedback.pushInfo(
                self.tr("Place aliases: {} values from {}").format(len(aliases), Path(path).name)
            )
        orgs = None
        raw = parameters.get(self.ORG_GAZETTEER)
        if raw is not None and str(raw).strip():
            path = text_file(raw)
            if path:
                frame, _info = read_text_table(path)
                label = Path(path).name
            else:
                source = self.parameterAsSource(parameters, self.ORG_GAZETTEER, context)
                if source is None:
                    raise QgsProcessingException(
                        self.invalidSourceError(parameters, self.ORG_GAZETTEER)
                    )
                frame = adapters.source_to_frame(source, as_text=True)
                label = source.sourceName()
            orgs = org_table_from_frame(frame, label)
            feedback.pushInfo(
                self.tr("Cities of organisations: {} organisations from {}").format(
                    len(orgs), label
                )
            )
        return aliases, orgs

    # ------------------------------------------------------------------ run

    def run_import(self, parameters, context, feedback) -> tuple[ImportResult, str]:
        frame, label = self.read_table(parameters, context, feedback)
        fields = self.field_map(parameters, context, list(frame.columns), feedback)
        wide, person = self.wide_stages(frame, fields, label, parameters, context, feedback)
        if wide is not None:
            fields = FieldMap(person=person)  # the stages name the other columns
            repeated, example = repeated_ids(frame, fields.person)
            if repeated:
                feedback.pushWarning(
                    self.tr(
                        "{n} rows repeat the person id of an earlier row (first: '{id}' in "
                        "column '{column}'): each such id is read as one person. If they are "
                        "different people, give PERSON_FIELD a column unique per person."
                    ).format(n=repeated, id=example, column=fields.person)
                )
        else:
            feedback.pushInfo(
                self.tr("Fields: ")
                + ", ".join(f"{role}={col or '-'}" for role, col in vars(fields).items())
            )
        frame = self.relabel(frame, fields, wide, parameters, context, feedback)
        home = (
            self.parameterAsString(parameters, self.HOME_COUNTRY, context).strip()
            or DEFAULT_HOME_COUNTRY
        )
        aliases, orgs = self.own_tables(parameters, context, feedback)
        result = import_trajectories(
            frame,
            fields,
            wide=wide,
            home_country=home,
            gazetteer=self.gazetteer(parameters, context, feedback),
            file_label=label,
            progress=lambda pct, text: (feedback.setProgress(pct), feedback.setProgressText(text)),
            is_cancelled=feedback.isCanceled,
            level=ANALYSIS_LEVELS[self.parameterAsEnum(parameters, self.LEVEL, context)],
            aliases=aliases,
            org_table=orgs,
            accept_conflicts=self.parameterAsBoolean(parameters, self.ACCEPT_CONFLICTS, context),
        )
        return result, label

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        return self.import_and_write(parameters, context, feedback)[0]

    def import_and_write(self, parameters, context, feedback) -> tuple[dict, ImportResult | None]:
        """The outputs, and the import's frames for the steps that follow (None: cancelled)."""
        steps = multi_step(2, feedback)
        try:
            result, label = self.run_import(parameters, context, steps)
        except BackflowInputError as err:
            raise adapters.input_error(err) from None
        except Cancelled:
            return {}, None
        if self.parameterAsBoolean(parameters, self.PSEUDONYMISE, context):
            result = pseudonymised(result, self.parameterAsString(parameters, self.SALT, context))
            feedback.pushInfo(self.tr("Person ids replaced with salted hashes"))
        steps.setCurrentStep(1)
        kind = GEOMETRY_KINDS[self.parameterAsEnum(parameters, self.GEOMETRY, context)]
        outputs = self.write_outputs(result, kind, parameters, context, steps)
        self.report(result, label, feedback)
        c = result.counts
        outputs.update(
            {
                "PERSONS": c["persons"],
                "STAGE_ROWS": c["stage_rows"],
                "RESOLVED_ROWS": c["resolved_rows"],
                "UNRESOLVED_ROWS": c["unresolved_rows"],
                "AMBIGUOUS_ROWS": c["ambiguous_rows"],
                **{key: c.get(f"{flag}_rows", 0) for flag, key in FLAG_OUTPUTS.items()},
            }
        )
        return outputs, result

    def write_outputs(self, result: ImportResult, kind: str, parameters, context, feedback) -> dict:
        out = self.write_points(result, parameters, context, feedback)
        out.update(self.write_lines(result, kind, parameters, context, feedback))
        for key, style in (
            ("STAGES", "stages"),
            ("CITIES", "cities"),
            ("FLOWS", "flows"),
            ("ROUTES", "routes"),
        ):
            attach_style(context, out.get(key), style)
        out["UNRESOLVED"] = adapters.write_frame(
            self,
            parameters,
            context,
            "UNRESOLVED",
            result.unresolved,
            feedback=feedback,
            field_overrides={"source_row": "int"},
        )
        return {k: v for k, v in out.items() if v is not None}

    def write_points(self, result: ImportResult, parameters, context, feedback) -> dict:
        """STAGES and CITIES."""
        out = {}
        cities, stages = result.cities, result.stages
        # One point geometry per city, shared by its stages (QgsGeometry is implicitly shared).
        points = [adapters.point_geometry(x, y) for x, y in cities[["lon", "lat"]].to_numpy()]
        by_city = dict(zip(cities["city_id"], points))
        made: list = []  # the file writer never asks: it takes stage_xy

        def stage_point(i: int):
            if not made:
                made.extend(by_city.get(c) for c in stages["city_id"])
            return made[i]

        stage_xy = stage_coordinates(stages, cities)
        out["STAGES"] = adapters.write_frame(
            self,
            parameters,
            context,
            "STAGES",
            stages,
            QgsWkbTypes.Type.Point,
            stage_point,
            feedback,
            # known text columns: no per-cell type scan of each
            field_overrides=dict.fromkeys(STAGE_TEXT_COLUMNS, "str"),
            xy=stage_xy,
        )
        out["CITIES"] = adapters.write_frame(
            self,
            parameters,
            context,
            "CITIES",
            cities,
            QgsWkbTypes.Type.Point,
            points.__getitem__,
            feedback,
            xy=(cities["lon"].to_numpy(), cities["lat"].to_numpy()),
        )
        return out

    def write_lines(self, result: ImportResult, kind: str, parameters, context, feedback) -> dict:
        """FLOWS, and ROUTES when asked for (a line per person is costly)."""
        out = {}
        cities, stages, flows, routes = result.cities, result.stages, result.flows, result.routes
        wanted = any(parameters.get(k) is not None for k in ("FLOWS", "ROUTES"))
        lines = leg_lines(result.legs, cities, kind) if wanted and len(result.legs) else {}
        keys = list(zip(flows["origin_id"], flows["dest_id"]))
        out["FLOWS"] = adapters.write_frame(
            self,
            parameters,
            context,
            "FLOWS",
            flows,
            QgsWkbTypes.Type.MultiLineString,
            feedback=feedback,
            parts=lambda i: lines.get(keys[i]),
        )
        if parameters.get("ROUTES") is not None:
            route_legs, cap = route_leg_lines(result.legs, cities, kind, lines)
            adapters.report_vertex_budget(feedback, "ROUTES", len(result.legs), cap, kind)
            person_lines = route_lines(stages, route_legs, cities)
            ids = routes["person_id"].tolist()
            out["ROUTES"] = adapters.write_frame(
                self,
                parameters,
                context,
                "ROUTES",
                routes,
                QgsWkbTypes.Type.MultiLineString,
                feedback=feedback,
                parts=lambda i: person_lines.get(ids[i]),
            )
        return out

    def report(self, result: ImportResult, label: str, feedback) -> None:
        c = result.counts
        share = 100.0 * c["resolved_rows"] / max(c["stage_rows"], 1)
        feedback.pushInfo(
            self.tr(
                "{file}: {persons} persons, {rows} stage rows: {ok} resolved ({share:.1f}%), "
                "{bad} unresolved, {amb} resolved among several places of that name; "
                "{same} consecutive stages in the same city (no line); {flows} flows between "
                "{cities} cities; {ret} persons returned."
            ).format(
                file=label,
                persons=c["persons"],
                rows=c["stage_rows"],
                ok=c["resolved_rows"],
                share=share,
                bad=c["unresolved_rows"],
                amb=c["ambiguous_rows"],
                same=c["same_city_steps"],
                flows=c["flows"],
                cities=c["cities"],
                ret=c["returnees"],
            )
        )
        flagged = {
            self.tr("historic names"): c.get("historic_rows", 0),
            self.tr("placed by province or state"): c.get("province_rows", 0),
            self.tr("small places"): c.get("small_place_rows", 0),
            self.tr("in another country than given"): c.get("country_conflict_rows", 0),
            self.tr("city from the organisation"): c.get("from_org_rows", 0),
            self.tr("place aliases"): c.get("user_alias_rows", 0),
            self.tr("a province only"): c.get("province_only_rows", 0),
            self.tr("fuzzy matches (check in Review)"): c.get("fuzzy_rows", 0),
            self.tr("abbreviations and addresses read"): c.get("tolerant_rows", 0),
            self.tr("organisations"): c.get("org_gazetteer_rows", 0),
            self.tr("country or province in the cell"): c.get("compound_place_rows", 0),
            self.tr("city in the organisation's name"): c.get("org_city_rule_rows", 0),
        }
        feedback.pushInfo(
            self.tr("Analysis level: {level}. Flagged rows (see STAGES.flags): {flags}").format(
                level=self.tr("county") if c.get("level") == "county" else self.tr("prefecture"),
                flags="; ".join(f"{label} {n}" for label, n in flagged.items()),
            )
        )
        if c["unresolved_rows"]:
            examples = "; ".join(
                f"'{_short(v)}' ({r}, {n}x)" for v, r, n in top_unresolved(result.unresolved)
            )
            # A warning: the run succeeds, and every such row is listed in UNRESOLVED.
            feedback.pushWarning(
                self.tr("Unresolved values (see the UNRESOLVED table): ") + examples
            )
        names = top_ambiguous(result.stages)
        if names:
            feedback.pushWarning(
                self.tr("Names shared by several places, resolved by country/home/population: ")
                + "; ".join(
                    self.tr("'{given}' -> {place} ({country}) {n}x").format(
                        given=i, place=p, country=cc, n=n
                    )
                    for i, p, cc, n in names
                )
            )


def stage_mapping_problem(text) -> str | None:
    """The message for a STAGE_MAPPING that cannot be read, None when it is fine."""
    try:
        parse_stage_mapping(text or "")
    except (ValueError, TypeError) as err:
        return tr("Stage label corrections: {}. Accepted stages: {}").format(err, ", ".join(STAGES))
    return None


def _short(value, limit: int = 60) -> str:
    """A value for a log line: a 2 MB cell is cut, not printed."""
    text = str(value)
    return text if len(text) <= limit else text[:limit] + f"… ({len(text):,} characters)"
