"""How the import reads a table's layout: which column is which, long or wide (the
columns of each stage), and the user's stage label corrections; each choice logged."""

from __future__ import annotations

from qgis.core import QgsProcessingException

from ..core.errors import BackflowInputError
from ..core.messages import M
from ..core.schema import ROLE_PARAMS, STAGES
from ..core.tables.fields import detect_fields
from ..core.tables.reshape import format_mapping, parse_mapping
from ..core.tables.stage_labels import parse_stage_mapping, relabel_stages
from ..core.tables.wide_layout import WideLayout, detect_wide, repeated_ids
from ..core.trajectories.build import FieldMap
from ..translation import tr
from .base import Run

LAYOUTS = ("long", "wide", "detect")
DETECT = LAYOUTS.index("detect")


def stage_mapping_problem(text) -> str | None:
    """The message for a STAGE_MAPPING that cannot be read, None when it is fine."""
    try:
        parse_stage_mapping(text or "")
    except (ValueError, TypeError) as err:
        return tr("Stage label corrections: {}. Accepted stages: {}").format(err, ", ".join(STAGES))
    return None


def table_fields(run: Run, frame, label: str) -> tuple:
    """(fields, wide stages or None) of the table: the columns given, else detected;
    a wide table's stages from WIDE_MAPPING or its headers (LAYOUT)."""
    fields = field_map(run, list(frame.columns))
    wide, person = wide_stages(run, frame, fields, label)
    if wide is None:
        run.info(
            tr("Fields: ") + ", ".join(f"{role}={col or '-'}" for role, col in vars(fields).items())
        )
        return fields, None
    fields = FieldMap(person=person)  # the stages name the other columns
    repeated, example = repeated_ids(frame, fields.person)
    if repeated:
        run.warn(
            tr(
                "{n} rows repeat the person id of an earlier row (first: '{id}' in "
                "column '{column}'): each such id is read as one person. If they are "
                "different people, give PERSON_FIELD a column unique per person."
            ).format(n=repeated, id=example, column=fields.person)
        )
    return fields, wide


def field_map(run: Run, columns: list[str]) -> FieldMap:
    detected = detect_fields(columns)
    return FieldMap(
        **{role: run.text(pname) or detected.get(role) for role, pname in ROLE_PARAMS.items()}
    )


def relabel(run: Run, frame, fields: FieldMap, wide):
    """The table with the user's stage label corrections (STAGE_MAPPING) applied."""
    mapping = parse_stage_mapping(run.text("STAGE_MAPPING"))
    if not mapping:
        return frame
    if wide is not None:
        run.warn(tr("Stage label corrections apply to long tables only; ignored for a wide table"))
        return frame
    if not fields.stage or fields.stage not in frame.columns:
        raise QgsProcessingException(
            tr("Stage label corrections need a stage column; columns: {}").format(
                ", ".join(map(str, frame.columns))
            )
        )
    frame, changed = relabel_stages(frame, fields.stage, mapping)
    run.info(
        tr("Stage labels corrected in {} rows ({})").format(
            changed, "; ".join(f"{k} -> {v}" for k, v in mapping.items())
        )
    )
    return frame


def wide_stages(run: Run, frame, fields: FieldMap, label: str):
    """(stages, person column) of a wide table, (None, None) for a long one: the
    stages of WIDE_MAPPING when given, else those detected from the headers
    (core.tables.wide_layout); the person column of PERSON_FIELD, else the detected one."""
    stages, detected = _wide_stages(run, frame, fields, label)
    if stages is None:
        return None, None
    person = run.text(ROLE_PARAMS["person"]) or (detected or detect_wide(frame)).person
    mapped = {c for st in stages for c in st.columns()}
    run.info(
        tr("Person column: {}; person attributes: {}").format(
            person or tr("(none: one person per row)"),
            ", ".join(str(c) for c in frame.columns if c not in mapped and c != person) or "-",
        )
    )
    return stages, person


def _wide_stages(run: Run, frame, fields: FieldMap, label: str):
    layout = run.index("LAYOUT")
    text = run.text("WIDE_MAPPING")
    columns = list(frame.columns)
    if layout == LAYOUTS.index("long"):
        if not (fields.stage and fields.city):
            detected = detect_wide(frame)
            if detected.is_wide:
                raise BackflowInputError(
                    M("error.import.wide_read_as_long"),
                    file=label,
                    accepted=M(
                        "error.import.wide_read_as_long.accepted", mapping=detected.mapping_text()
                    ),
                )
        return None, None
    if text:
        stages = parse_mapping(text, columns)
        run.info(tr("Columns of each stage (WIDE_MAPPING): {}").format(format_mapping(stages)))
        return stages, None
    detected = detect_wide(frame)
    if layout == DETECT and (fields.stage or not detected.is_wide):
        return None, None
    if not detected.stages:  # wide chosen, nothing to detect: the mapping is needed
        return parse_mapping(text, columns), detected
    report_detected(run, detected, layout == DETECT)
    return detected.stages, detected


def report_detected(run: Run, detected: WideLayout, chose: bool) -> None:
    if chose:
        run.info(tr("Wide table detected from the column names (one row per person)"))
    run.info(tr("Columns of each stage (WIDE_MAPPING): {}").format(detected.mapping_text()))
    if detected.unplaced:
        run.warn(
            tr(
                "Columns of a stage with no place or organisation column, kept as person "
                "attributes: {}"
            ).format(", ".join(detected.unplaced))
        )
