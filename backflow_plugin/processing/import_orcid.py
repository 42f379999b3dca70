"""backflow:importorcid — ORCID records, OpenAlex authors or a stays table to the layers
of the import (stages, routes, flows, cities, unresolved) plus RECORDS.

A reader turns the source into the long table (``core.records.careers``), and the import's own
chain does the rest: this is the import with another reader, so everything the import
offers (gazetteer, level, aliases, organisations, stage corrections) applies.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
)

from ..core.disclosure.rules import new_salt, pseudonymised
from ..core.records.careers import (
    CAREER_FIELDS,
    RECORD_TYPES,
    SECTIONS,
    career_chunks,
    merge_reasons,
    out_reasons,
)
from ..core.records.openalex import looks_like_openalex, read_institutions, read_openalex
from ..core.records.orcid import read_orcid
from ..core.records.stays import read_stays
from ..core.schema import SPREADSHEET_SUFFIXES, TEXT_SUFFIXES
from ..core.trajectories.build import (
    FieldMap,
    import_trajectories,
    leg_lines,
    route_leg_lines,
    route_lines,
)
from ..core.trajectories.flow_lines import GEOMETRY_KINDS
from ..core.trajectories.import_summary import stage_coordinates
from ..core.trajectories.merge import MergedImport
from ..qgis_io import file_label, read_table_file
from . import adapters
from .base import Output, Run, Sink, helped, numbers
from .import_outputs import STAGE_FIELDS, city_points, count_outputs
from .import_trajectories import ImportTrajectoriesAlgorithm
from .table_layout import relabel

SOURCES = ("auto", "orcid", "openalex", "stays")


def source_kind(path: str, chosen: str) -> str:
    """The reader for ``path``: as chosen, or from its name and first line."""
    if chosen != "auto":
        return chosen
    if Path(path).is_dir():
        return "openalex" if looks_like_openalex(path) else "orcid"
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
    CHUNK_RECORDS = "CHUNK_RECORDS"

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

    def table_parameters(self) -> list:
        return [
            helped(
                QgsProcessingParameterFile(
                    self.INPUT,
                    self.tr(
                        "ORCID file or archive, OpenAlex authors, or stays table (or a folder)"
                    ),
                    behavior=QgsProcessingParameterFile.Behavior.File,
                ),
                self.tr(
                    ".xml, .json, .jsonl, .tar.gz (ORCID); .jsonl or .jsonl.gz (OpenAlex); "
                    ".csv, .tsv, .xlsx (stays). A folder path is read file by file."
                ),
            ),
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
            ),
            QgsProcessingParameterFile(
                self.INSTITUTIONS,
                self.tr("OpenAlex institutions (JSON Lines; optional)"),
                optional=True,
            ),
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
            ),
            self.home_country(self.tr("Home country (ISO code)")),
            helped(
                QgsProcessingParameterBoolean(
                    self.HOME_FROM_EDUCATION,
                    self.tr("Home country per person: the country of the first education"),
                    defaultValue=False,
                ),
                self.tr(
                    "Persons with no education that names a country keep the home country above."
                ),
            ),
            self.analysis_level(),
            self.line_geometry(self.GEOMETRY, self.tr("Flow line geometry")),
        ]

    def advanced_parameters(self) -> list:
        p = QgsProcessingParameterNumber(
            self.CHUNK_RECORDS,
            self.tr("Records imported at a time (0: all at once)"),
            QgsProcessingParameterNumber.Type.Integer,
            defaultValue=100_000,
            minValue=0,
        )
        p.setHelp(
            self.tr(
                "A dump of millions of records is imported this many records at a time, so "
                "memory stays bounded; flows and cities are summed over the chunks. Used when "
                "the per-person outputs are files (GeoPackage, Shapefile, CSV)."
            )
        )
        return [*super().advanced_parameters(), p]

    def declare_sinks(self) -> list[Sink]:
        return [
            *super().declare_sinks(),
            Sink("RECORDS", self.tr("Records read (in or out, with the reason)"), optional=True),
        ]

    def declare_outputs(self) -> list[Output]:
        return super().declare_outputs() + numbers(
            ("RECORDS_IN", self.tr("Records in")), ("RECORDS_OUT", self.tr("Records out"))
        )

    def checkParameterValues(self, parameters, context):  # noqa: N802
        return self.check_values_except_input(parameters, context)

    # ------------------------------------------------------------------ reading

    def read_records(self, run: Run):
        path = run.file(self.INPUT) or str(run.parameters.get(self.INPUT) or "")
        if not path or not Path(path).exists():
            raise QgsProcessingException(self.tr("No such file or folder: '{}'").format(path))
        kind = source_kind(path, run.choice(self.SOURCE, SOURCES))
        label = file_label(path)
        if kind == "stays":
            read = read_table_file(path, run.text(self.ENCODING) or None, run.cancelled)
            if read is None:
                raise QgsProcessingException(
                    self.tr("A stays table must be a CSV, TSV, TXT or XLSX file: '{}'").format(
                        label
                    )
                )
            return read_stays(read[0], label), label, kind
        if kind == "openalex":
            inst_path = run.file(self.INSTITUTIONS)
            places = read_institutions([inst_path]) if inst_path else None
            if places is not None:
                run.info(
                    self.tr("OpenAlex institutions: {} from {}").format(
                        len(places), Path(inst_path).name
                    )
                )
            return read_openalex([path], places), label, kind
        return read_orcid([path], run.cancelled), label, kind

    def process(self, run: Run) -> dict:
        records, label, kind = self.read_records(run)
        chosen = run.indexes(self.SECTIONS)
        sections = [SECTIONS[i] for i in chosen] if chosen and kind == "orcid" else None
        run.info(self.tr("Reading {} ({})").format(label, kind))
        chunks = _ChunkRun(self, run, label)
        size = run.integer(self.CHUNK_RECORDS) or 0
        for long, accounting, counts in career_chunks(
            records, size if size > 0 else 2**62, sections, run.flag(self.HOME_FROM_EDUCATION),
            run.cancelled,
        ):  # fmt: skip
            chunks.add_chunk(long, accounting, counts)
            run.check_cancelled()
        return chunks.finish()


class _ChunkRun:
    """One run of the import a chunk of records at a time: per-person layers written as
    each chunk is done, flows and cities merged and written at the end."""

    def __init__(self, alg: ImportOrcidAlgorithm, run: Run, label: str) -> None:
        self.alg, self.run, self.label = alg, run, label
        self.sinks: dict[str, adapters.ChunkedSink] = {}
        self.merged = MergedImport()
        self.accounting_counts: Counter = Counter()
        self.out_reasons: list = []
        self.chunks = 0
        self.kind = run.choice(alg.GEOMETRY, GEOMETRY_KINDS)
        self.options = alg.options(run)
        self.salt = None
        if run.flag(alg.PSEUDONYMISE):
            self.salt = run.text(alg.SALT) or new_salt()

    def write(self, key: str, frame, overrides=None, **rows) -> None:
        if key not in self.sinks:
            self.sinks[key] = self.run.chunked(key, overrides)
        self.sinks[key].add(frame, **rows)

    def add_chunk(self, long, accounting, counts) -> None:
        run = self.run
        self.chunks += 1
        self.accounting_counts.update(counts)
        self.out_reasons.extend(out_reasons(accounting))
        self.write("RECORDS", accounting, overrides=RECORD_TYPES)
        if long.empty:
            return
        fields = FieldMap(**CAREER_FIELDS)
        long = relabel(run, long, fields, None)
        result = import_trajectories(
            long, fields, file_label=self.label,
            progress=lambda pct, text: run.steps.setProgressText(text), **self.options,
        )  # fmt: skip
        del long
        if self.salt is not None:
            result = pseudonymised(result, self.salt)
        lon, lat = stage_coordinates(result.stages, result.cities)
        self.write(
            "STAGES", result.stages, geometry=lambda i: adapters.point_geometry(lon[i], lat[i]),
            overrides=STAGE_FIELDS, xy=(lon, lat),
        )  # fmt: skip
        self.write("UNRESOLVED", result.unresolved, overrides={"source_row": "int"})
        if run.wants("ROUTES"):
            lines = leg_lines(result.legs, result.cities, self.kind) if len(result.legs) else {}
            route_legs, _cap = route_leg_lines(result.legs, result.cities, self.kind, lines)
            person_lines = route_lines(result.stages, route_legs, result.cities)
            ids = result.routes["person_id"].tolist()
            self.write("ROUTES", result.routes, parts=lambda i: person_lines.get(ids[i]))
        c = result.counts
        run.info(
            self.alg.tr("Chunk {n}: {records} records, {rows} stage rows, {ok} resolved").format(
                n=self.chunks, records=counts["records"], rows=c["stage_rows"],
                ok=c["resolved_rows"],
            )
        )  # fmt: skip
        self.merged.add(result)

    def finish(self) -> dict:
        alg, run, acc = self.alg, self.run, self.accounting_counts
        run.info(
            alg.tr(
                "{file}: {records} records read: {ok} in, {out} out; {stages} stages; "
                "{left} affiliations left out (see RECORDS)"
            ).format(
                file=self.label, records=acc["records"], ok=acc["records_in"],
                out=acc["records_out"], stages=acc["stages"], left=acc["affiliations_left_out"],
            )
        )  # fmt: skip
        if self.out_reasons:
            run.warn(
                alg.tr("Records out: ")
                + "; ".join(f"{why} ({n}x)" for why, n in merge_reasons(self.out_reasons))
            )
        if not self.merged.counts:
            raise QgsProcessingException(
                alg.tr("No record of '{}' gave a stage: {} records read, {} out").format(
                    self.label, acc["records"], acc["records_out"]
                )
            )
        total = self.merged.result()
        cities, flows = total.cities, total.flows
        out = {key: sink.close() for key, sink in self.sinks.items()}
        for key in ("STAGES", "ROUTES"):
            run.style(key, out.get(key))
        points, xy = city_points(cities)
        out["CITIES"] = run.write("CITIES", cities, points.__getitem__, xy=xy)
        lines = leg_lines(flows, cities, self.kind) if run.wants("FLOWS") and len(flows) else {}
        keys = list(zip(flows["origin_id"], flows["dest_id"]))
        out["FLOWS"] = run.write("FLOWS", flows, parts=lambda i: lines.get(keys[i]))
        c = total.counts
        run.info(
            alg.tr(
                "{persons} persons, {rows} stage rows: {ok} resolved, {bad} unresolved; "
                "{flows} flows between {cities} cities; {ret} persons returned ({chunks} chunks)"
            ).format(
                persons=c["persons"], rows=c["stage_rows"], ok=c["resolved_rows"],
                bad=c["unresolved_rows"], flows=c["flows"], cities=c["cities"],
                ret=c["returnees"], chunks=self.chunks,
            )
        )  # fmt: skip
        out = {k: v for k, v in out.items() if v is not None}
        return {
            **out,
            **count_outputs(c),
            "RECORDS_IN": acc["records_in"],
            "RECORDS_OUT": acc["records_out"],
        }
