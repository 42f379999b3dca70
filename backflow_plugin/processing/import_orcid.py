"""backflow:importorcid — ORCID records, OpenAlex authors or a stays table to the layers
of the import (stages, routes, flows, cities, unresolved) plus RECORDS.

A reader turns the source into the long table (``core.careers``), and the import's own
chain does the rest: this is the import with another reader, so everything the import
offers (gazetteer, level, aliases, organisations, stage corrections) applies.
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)

from ..core.careers import CAREER_FIELDS, SECTIONS, career_table, out_reasons
from ..core.openalex import looks_like_openalex, read_institutions, read_openalex
from ..core.orcid import read_orcid
from ..core.schema import DEFAULT_HOME_COUNTRY, SPREADSHEET_SUFFIXES, TEXT_SUFFIXES
from ..core.stays import read_stays
from ..core.trajectories import LEVELS, FieldMap, ImportResult, import_trajectories
from ..qgis_io import file_label, read_table_file
from . import adapters
from .import_trajectories import ImportTrajectoriesAlgorithm

SOURCES = ("auto", "orcid", "openalex", "stays")


def source_kind(path: str, chosen: str) -> str:
    """The reader for ``path``: as chosen, or from its name and first line."""
    if chosen != "auto":
        return chosen
    low = path.lower()
    if Path(low).suffix in TEXT_SUFFIXES | SPREADSHEET_SUFFIXES and Path(low).suffix:
        return "stays"
    if low.endswith((".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".gz")) and not low.endswith(
        ".tar.gz"
    ):
        return "openalex" if looks_like_openalex(path) else "orcid"
    return "orcid"


class ImportOrcidAlgorithm(ImportTrajectoriesAlgorithm):
    SOURCE = "SOURCE"
    INSTITUTIONS = "INSTITUTIONS"
    SECTIONS = "SECTIONS"
    HOME_FROM_EDUCATION = "HOME_FROM_EDUCATION"
    OUTPUTS = (*ImportTrajectoriesAlgorithm.OUTPUTS, "RECORDS")

    def name(self) -> str:
        return "importorcid"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Import ORCID, OpenAlex or stays")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Dated affiliations to map layers, as Import trajectories makes them.\n\n"
            "ORCID: records of the v3.0 message schema as the public data file ships them "
            "(summaries or activities XML, loose, in a folder or in the yearly .tar.gz, read "
            "as a stream) or as the API returns them (JSON, one record per file or JSON Lines). "
            "Educations, qualifications, employments, invited positions and services become "
            "stages; the degree or role text gives the stage (PhD/博士 -> phd, Postdoctoral "
            "Fellow/博士后 -> postdoc, Professor -> work...) and is kept in stage_text; the "
            "organisation's city, region and country are resolved with the gazetteer and its "
            "ROR/GRID/Ringgold id is kept in org_id.\n\n"
            "OpenAlex: authors as JSON Lines (API or snapshot); each affiliation is a stay "
            "from its first to its last year. An institutions file (JSON Lines) gives their "
            "cities; without it the city comes from the organisation's name.\n\n"
            "Stays table: CSV/TSV/XLSX with person, place, country, start, end, role.\n\n"
            "Order: by start date; overlapping affiliations follow the order in which they "
            "began; ties go study before work, then the shorter first. An affiliation with "
            "no date is left out. RECORDS lists every record read, in or out, with the reason."
        )

    def _add_table_parameters(self) -> None:
        p = QgsProcessingParameterFile(
            self.INPUT,
            self.tr("ORCID file or archive, OpenAlex authors, or stays table (or a folder)"),
            behavior=QgsProcessingParameterFile.Behavior.File,
        )
        p.setHelp(
            self.tr(
                ".xml, .json, .jsonl, .tar.gz (ORCID); .jsonl or .jsonl.gz (OpenAlex); "
                ".csv, .tsv, .xlsx (stays). A folder path is read file by file."
            )
        )
        self.addParameter(p)
        self.addParameter(
            QgsProcessingParameterEnum(
                self.SOURCE,
                self.tr("Source"),
                [
                    self.tr("Detect from the file"),
                    self.tr("ORCID"),
                    self.tr("OpenAlex authors"),
                    self.tr("Stays table"),
                ],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.INSTITUTIONS,
                self.tr("OpenAlex institutions (JSON Lines; optional)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.SECTIONS,
                self.tr("ORCID sections read"),
                [
                    self.tr("Educations"),
                    self.tr("Qualifications"),
                    self.tr("Employments"),
                    self.tr("Invited positions"),
                    self.tr("Services"),
                ],
                allowMultiple=True,
                defaultValue=list(range(len(SECTIONS))),
                optional=True,
            )
        )
        p = QgsProcessingParameterString(
            self.HOME_COUNTRY, self.tr("Home country (ISO code)"), defaultValue=DEFAULT_HOME_COUNTRY
        )
        p.setHelp(
            self.tr("Hong Kong, Macao and Taiwan count as abroad when home is CN, as in the paper.")
        )
        self.addParameter(p)
        p = QgsProcessingParameterBoolean(
            self.HOME_FROM_EDUCATION,
            self.tr("Home country per person: the country of the first education"),
            defaultValue=False,
        )
        p.setHelp(
            self.tr("Persons with no education that names a country keep the home country above.")
        )
        self.addParameter(p)
        self.addParameter(
            QgsProcessingParameterEnum(
                self.LEVEL,
                self.tr("Analysis level of places in China"),
                [self.tr("Prefecture-level city (as the paper)"), self.tr("County / district")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.GEOMETRY,
                self.tr("Flow line geometry"),
                [self.tr("Straight"), self.tr("Geodesic (great circle)"), self.tr("Curved arc")],
                defaultValue=1,
            )
        )

    def _add_outputs(self) -> None:
        super()._add_outputs()
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "RECORDS",
                self.tr("Records read (in or out, with the reason)"),
                QgsProcessing.SourceType.TypeVector,
                optional=True,
            )
        )
        self.addOutput(QgsProcessingOutputNumber("RECORDS_IN", self.tr("Records in")))
        self.addOutput(QgsProcessingOutputNumber("RECORDS_OUT", self.tr("Records out")))

    def checkParameterValues(self, parameters, context):  # noqa: N802
        return self.check_values_except_input(parameters, context)

    # ------------------------------------------------------------------ reading

    def read_records(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, self.INPUT, context) or str(
            parameters.get(self.INPUT) or ""
        )
        if not path or not Path(path).exists():
            raise QgsProcessingException(self.tr("No such file or folder: '{}'").format(path))
        kind = source_kind(path, SOURCES[self.parameterAsEnum(parameters, self.SOURCE, context)])
        label = file_label(path)
        if kind == "stays":
            encoding = self.parameterAsString(parameters, self.ENCODING, context).strip() or None
            read = read_table_file(path, encoding, feedback.isCanceled)
            if read is None:
                raise QgsProcessingException(
                    self.tr("A stays table must be a CSV, TSV, TXT or XLSX file: '{}'").format(
                        label
                    )
                )
            return read_stays(read[0], label), label, kind
        if kind == "openalex":
            inst_path = self.parameterAsFile(parameters, self.INSTITUTIONS, context)
            places = read_institutions([inst_path]) if inst_path else None
            if places is not None:
                feedback.pushInfo(
                    self.tr("OpenAlex institutions: {} from {}").format(
                        len(places), Path(inst_path).name
                    )
                )
            return read_openalex([path], places), label, kind
        return read_orcid([path], feedback.isCanceled), label, kind

    def run_import(self, parameters, context, feedback) -> tuple[ImportResult, str]:
        records, label, kind = self.read_records(parameters, context, feedback)
        chosen = self.parameterAsEnums(parameters, self.SECTIONS, context)
        sections = [SECTIONS[i] for i in chosen] if chosen else list(SECTIONS)
        if kind != "orcid":
            sections = None  # OpenAlex and stays tables have one kind of affiliation
        feedback.pushInfo(self.tr("Reading {} ({})").format(label, kind))
        long, accounting, counts = career_table(
            records,
            sections,
            self.parameterAsBoolean(parameters, self.HOME_FROM_EDUCATION, context),
            feedback.isCanceled,
        )
        self.accounting, self.record_counts = accounting, counts
        feedback.pushInfo(
            self.tr(
                "{file}: {records} records read: {ok} in, {out} out; {stages} stages; "
                "{left} affiliations left out (see RECORDS)"
            ).format(
                file=label,
                records=counts["records"],
                ok=counts["records_in"],
                out=counts["records_out"],
                stages=counts["stages"],
                left=counts["affiliations_left_out"],
            )
        )
        reasons = out_reasons(accounting)
        if reasons:
            feedback.pushWarning(
                self.tr("Records out: ") + "; ".join(f"{why} ({n}x)" for why, n in reasons)
            )
        if long.empty:
            raise QgsProcessingException(
                self.tr("No record of '{}' gave a stage: {} records read, {} out").format(
                    label, counts["records"], counts["records_out"]
                )
            )
        long = self.relabel(long, FieldMap(**CAREER_FIELDS), None, parameters, context, feedback)
        aliases, orgs = self.own_tables(parameters, context, feedback)
        home = (
            self.parameterAsString(parameters, self.HOME_COUNTRY, context).strip()
            or DEFAULT_HOME_COUNTRY
        )
        result = import_trajectories(
            long,
            FieldMap(**CAREER_FIELDS),
            home_country=home,
            gazetteer=self.gazetteer(parameters, context, feedback),
            file_label=label,
            progress=lambda pct, text: (feedback.setProgress(pct), feedback.setProgressText(text)),
            is_cancelled=feedback.isCanceled,
            level=LEVELS[self.parameterAsEnum(parameters, self.LEVEL, context)],
            aliases=aliases,
            org_table=orgs,
            accept_conflicts=self.parameterAsBoolean(parameters, self.ACCEPT_CONFLICTS, context),
        )
        return result, label

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        self.accounting = None
        outputs = super().processAlgorithm(parameters, context, feedback)
        if self.accounting is None or not outputs:
            return outputs
        outputs["RECORDS_IN"] = self.record_counts["records_in"]
        outputs["RECORDS_OUT"] = self.record_counts["records_out"]
        written = adapters.write_frame(
            self,
            parameters,
            context,
            "RECORDS",
            self.accounting,
            feedback=feedback,
            field_overrides={"affiliations": "int", "stages": "int", "left_out": "int"},
        )
        if written is not None:
            outputs["RECORDS"] = written
        return outputs
