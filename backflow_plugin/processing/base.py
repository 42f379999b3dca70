"""The base every Backflow algorithm derives from, and what it serves them.

An algorithm declares its parameters, sinks and outputs and implements ``process(run)``:
read what it needs from the run, call core, write the frames. The base turns the
declarations into ``initAlgorithm``, reads layers and tables, writes sinks (with the
geometry and style the sink declares), hands core plain callables for progress and
cancel, and maps core's errors: a user mistake (``BackflowInputError``) becomes a
``QgsProcessingException`` in the user's language, a cancel an empty result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from qgis.core import (
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QIcon

from ..core.disclosure.rules import MIN_PERSONS_DEFAULT
from ..core.errors import BackflowInputError, Cancelled
from ..paths import icon_path
from ..qgis_io import file_label, read_table_file
from ..styling.postprocess import attach_style
from ..translation import tr
from . import adapters
from .feedback import multi_step

SourceType = QgsProcessing.SourceType
# The geometry written to a sink of each kind: lines and polygons always multi-part.
SINK_GEOMETRY = {
    SourceType.TypeVectorPoint: QgsWkbTypes.Type.Point,
    SourceType.TypeVectorLine: QgsWkbTypes.Type.MultiLineString,
    SourceType.TypeVectorPolygon: QgsWkbTypes.Type.MultiPolygon,
    SourceType.TypeVector: QgsWkbTypes.Type.NoGeometry,
}
# Fields of STAGES every step reads (a person's stages, the place of each).
STAGE_IDS = ("person_id", "city_id")
OUTPUT_CLASSES = {
    "number": QgsProcessingOutputNumber,
    "string": QgsProcessingOutputString,
    "file": QgsProcessingOutputFile,
}


@dataclass(frozen=True)
class Sink:
    """A layer the algorithm writes: key, label, kind, and the style applied on load."""

    key: str
    label: str
    kind: SourceType = SourceType.TypeVector
    optional: bool = False
    style: str | None = None
    by_default: bool = True  # False: made only when the user asks for it


@dataclass(frozen=True)
class Output:
    """A value the algorithm returns beside its layers (a count, a key, a file)."""

    key: str
    label: str
    kind: str = "number"


def advanced(parameter: QgsProcessingParameterDefinition):
    """The parameter, shown under Advanced."""
    parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
    return parameter


def hidden(parameter: QgsProcessingParameterDefinition):
    """The parameter, kept for old scripts and models but not shown."""
    parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.Flag.FlagHidden)
    return parameter


def helped(parameter: QgsProcessingParameterDefinition, text: str):
    """The parameter with its help text (already translated)."""
    parameter.setHelp(text)
    return parameter


def numbers(*pairs: tuple[str, str]) -> list[Output]:
    """Numeric outputs from (key, label) pairs."""
    return [Output(key, label) for key, label in pairs]


def joined(pairs: Iterable[tuple[object, object]], sep: str = "; ", between: str = ": ") -> str:
    """'a: 1; b: 2' - the log's way of listing counts by key."""
    return sep.join(f"{key}{between}{value}" for key, value in pairs)


class Run:
    """One run of an algorithm: its parameters read by kind, its inputs, its sinks, and
    the feedback as plain callables for core (``progress``, ``cancelled``)."""

    def __init__(self, alg: BackflowAlgorithm, parameters: dict, context, feedback) -> None:
        self.alg, self.parameters, self.context = alg, parameters, context
        self.feedback = feedback  # log lines go to the run's own feedback
        self.steps = feedback  # progress goes here (a multi-step feedback once started)
        self._sinks = {s.key: s for s in alg.declare_sinks()}

    # ------------------------------------------------------------ parameters

    def given(self, key: str) -> bool:
        return self.parameters.get(key) not in (None, "")

    def text(self, key: str) -> str:
        return self.alg.parameterAsString(self.parameters, key, self.context).strip()

    def choice(self, key: str, keys: tuple):
        """An enum read by index into the tuple of keys it offers (never by label)."""
        return keys[self.alg.parameterAsEnum(self.parameters, key, self.context)]

    def index(self, key: str) -> int:
        return self.alg.parameterAsEnum(self.parameters, key, self.context)

    def indexes(self, key: str) -> list[int]:
        return self.alg.parameterAsEnums(self.parameters, key, self.context)

    def flag(self, key: str) -> bool:
        return self.alg.parameterAsBoolean(self.parameters, key, self.context)

    def integer(self, key: str) -> int:
        return self.alg.parameterAsInt(self.parameters, key, self.context)

    def number(self, key: str) -> float | None:
        """A double, or None when the (optional) parameter is empty."""
        if not self.given(key):
            return None
        return self.alg.parameterAsDouble(self.parameters, key, self.context)

    def file(self, key: str) -> str:
        return self.alg.parameterAsFile(self.parameters, key, self.context)

    # ------------------------------------------------------------ inputs

    def source(self, key: str, required: bool = True):
        """The feature source of `key`; a clear error when a required one is missing."""
        source = self.alg.parameterAsSource(self.parameters, key, self.context)
        if source is None and required:
            raise QgsProcessingException(self.alg.invalidSourceError(self.parameters, key))
        return source

    def layer(self, key: str, required: bool = True):
        layer = self.alg.parameterAsVectorLayer(self.parameters, key, self.context)
        if layer is None and required:
            raise QgsProcessingException(self.alg.invalidSourceError(self.parameters, key))
        return layer

    def frame(self, key: str, as_text: bool = False, required: bool = True):
        """The attributes of `key` as a DataFrame (None for an optional one not given)."""
        source = self.source(key, required)
        return None if source is None else adapters.source_to_frame(source, self.steps, as_text)

    def points(self, key: str, source=None):
        """A point layer's attributes with lon/lat in WGS 84 whatever its CRS."""
        source = source or self.source(key)
        return adapters.points_to_wgs84_frame(source, self.context, self.steps)

    def stages(self, key: str = "INPUT"):
        """A STAGES layer as a frame with lon/lat in WGS 84. An empty layer, or one
        without the ids every step needs, is a user mistake named as such."""
        source = self.source(key)
        fields = source.fields().names()
        for needed in STAGE_IDS:
            if needed not in fields:
                raise QgsProcessingException(
                    tr(
                        "The stages layer '{layer}' has no field '{field}': use the STAGES "
                        "output of Import trajectories. Fields: {fields}"
                    ).format(layer=source.sourceName(), field=needed, fields=", ".join(fields))
                )
        frame = self.points(key, source)
        if not len(frame):
            raise QgsProcessingException(
                tr("The stages layer '{}' has no features").format(source.sourceName())
            )
        return frame

    def table(self, key: str = "INPUT", encoding: str | None = None) -> tuple:
        """(frame, label): a table as text cells - text files and spreadsheets read by our
        own reader (any encoding, GB18030 too), anything else through OGR."""
        raw = self.parameters.get(key)
        read = read_table_file(raw, encoding, self.cancelled)
        if read is None:
            source = self.source(key)
            label = file_label(raw) if isinstance(raw, str) and raw else source.sourceName()
            frame, info = adapters.source_to_frame(source, self.steps, as_text=True), None
        else:
            (frame, info), label = read, file_label(raw)
        if frame.empty:
            raise QgsProcessingException(tr("The table is empty (file '{}')").format(label))
        for warning in (info or {}).get("warnings", []):
            self.warn(adapters.warning_text(warning))
        if info and "encoding" in info:
            self.info(
                tr("Read {}: {} rows, encoding {}, delimiter {!r}").format(
                    label, len(frame), info["encoding"], info["delimiter"]
                )
            )
        elif info is not None:
            self.info(tr("Read {}: {} rows").format(label, len(frame)))
        return frame, label

    # ------------------------------------------------------------ feedback

    def start(self, steps: int) -> None:
        """Progress in `steps` equal parts from here on (once a run: a step called on
        frames by fullanalysis starts its run itself, the same step run alone already
        started it while reading its inputs)."""
        if self.steps is self.feedback:
            self.steps = multi_step(steps, self.feedback)

    def step(self, number: int, text: str | None = None) -> None:
        """On to step `number` (from 0); stops the run when it was cancelled."""
        self.check_cancelled()
        self.steps.setCurrentStep(number)
        if text:
            self.steps.setProgressText(text)

    def cancelled(self) -> bool:
        """For core: True once the user cancelled (also a cancel made before a step)."""
        return self.feedback.isCanceled() or self.steps.isCanceled()

    def check_cancelled(self) -> None:
        if self.cancelled():
            raise Cancelled()

    def progress(self, percent: float, text: str = "") -> None:
        """For core: the share done of the current step, and what is being done."""
        self.steps.setProgress(percent)
        if text:
            self.steps.setProgressText(text)

    def info(self, text: str) -> None:
        self.feedback.pushInfo(text)

    def warn(self, text: str) -> None:
        self.feedback.pushWarning(text)

    def core_warnings(self, warnings: Iterable) -> None:
        """Core's warnings, each in the user's language."""
        for warning in warnings:
            self.warn(adapters.warning_text(warning))

    # ------------------------------------------------------------ sinks

    def wants(self, key: str) -> bool:
        """True when the user asked for the output `key` (optional sinks may be off)."""
        return self.parameters.get(key) is not None

    def write(
        self,
        key: str,
        frame,
        geometry: Callable | None = None,
        *,
        overrides: dict[str, str] | None = None,
        xy: tuple | None = None,
        parts: Callable | None = None,
        **style,
    ) -> str | None:
        """`frame` to the declared sink `key` (its geometry and style as declared);
        `style` options go to the style applied on load. The destination, or None."""
        sink = self._sinks[key]
        dest = adapters.write_frame(
            self.alg, self.parameters, self.context, key, frame, SINK_GEOMETRY[sink.kind],
            geometry, self.steps, field_overrides=overrides, xy=xy, parts=parts,
        )  # fmt: skip
        if sink.style:
            attach_style(self.context, dest, sink.style, **style)
        return dest

    def chunked(self, key: str, overrides: dict[str, str] | None = None):
        """A sink written a chunk of rows at a time (``adapters.ChunkedSink``)."""
        sink = self._sinks[key]
        return adapters.ChunkedSink(
            self.alg, self.parameters, self.context, key, SINK_GEOMETRY[sink.kind],
            overrides, self.steps,
        )  # fmt: skip

    def style(self, key: str, dest: str | None) -> None:
        """The declared style of `key` for a destination written in chunks."""
        style = self._sinks[key].style
        if style:
            attach_style(self.context, dest, style)


class BackflowAlgorithm(QgsProcessingAlgorithm):
    """Shared plumbing: translation, icon, group, instance creation, and the server of
    declared parameters, sinks and outputs (see the module's docstring)."""

    # ------------------------------------------------------------ declarations

    def declare_parameters(self) -> list:
        """The input parameters in the order the dialog shows them."""
        return []

    def declare_sinks(self) -> list[Sink]:
        return []

    def declare_outputs(self) -> list[Output]:
        return []

    def process(self, run: Run) -> dict:
        """Read from `run`, call core, write; the outputs."""
        raise NotImplementedError

    # ------------------------------------------------------------ served

    def initAlgorithm(self, config=None):  # noqa: N802
        for parameter in self.declare_parameters():
            self.addParameter(parameter)
        for sink in self.declare_sinks():
            self.addParameter(
                QgsProcessingParameterFeatureSink(
                    sink.key,
                    sink.label,
                    sink.kind,
                    optional=sink.optional,
                    createByDefault=sink.by_default,
                )  # fmt: skip
            )
        for output in self.declare_outputs():
            self.addOutput(OUTPUT_CLASSES[output.kind](output.key, output.label))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        return self.serve(parameters, context, feedback, self.process) or {}

    def serve(self, parameters, context, feedback, call: Callable, *frames):
        """`call(run, *frames)` on a run of these parameters, core's errors mapped: a user
        mistake a ``QgsProcessingException``, a cancel None. fullanalysis calls each
        step's frame method so, on the frames of the steps before it."""
        try:
            return call(Run(self, parameters, context, feedback), *frames)
        except BackflowInputError as err:
            raise adapters.input_error(err) from None
        except Cancelled:
            return None

    # ------------------------------------------------------------ common inputs

    def stages_input(self, key: str = "INPUT") -> QgsProcessingParameterFeatureSource:
        return QgsProcessingParameterFeatureSource(
            key,
            self.tr("Stages (the STAGES output of Import trajectories)"),
            [SourceType.TypeVectorPoint],
        )

    def line_geometry(self, key: str = "GEOMETRY", label: str | None = None):
        """How flow lines are drawn (core.trajectories.flow_lines.GEOMETRY_KINDS)."""
        return QgsProcessingParameterEnum(
            key,
            label or self.tr("Line geometry"),
            [self.tr("Straight"), self.tr("Geodesic (great circle)"), self.tr("Curved arc")],
            defaultValue=1,
        )

    def match_level(self, key: str = "LEVEL"):
        """What a return is matched with (core.patterns.routes.LEVELS)."""
        return QgsProcessingParameterEnum(
            key,
            self.tr("Match the return with known places by"),
            [self.tr("City (as the paper)"), self.tr("Province (came back near home)")],
            defaultValue=0,
        )

    def min_persons(self, key: str, label: str):
        """The disclosure threshold: counts of fewer persons are not shown on their own."""
        return QgsProcessingParameterNumber(
            key, label, QgsProcessingParameterNumber.Type.Integer,
            defaultValue=MIN_PERSONS_DEFAULT, minValue=1,
        )  # fmt: skip

    # ------------------------------------------------------------ QGIS plumbing

    def tr(self, text: str) -> str:  # noqa: D102 - Qt naming
        return tr(text)

    def createInstance(self):  # noqa: N802
        return type(self)()

    def icon(self) -> QIcon:
        return QIcon(icon_path("backflow.svg"))

    def group(self) -> str:
        return self.tr("Return migration")

    def groupId(self) -> str:  # noqa: N802
        return "returnmigration"

    def check_values_except_input(self, parameters, context) -> tuple[bool, str]:
        """Every parameter but INPUT against its definition.

        For a text file or spreadsheet INPUT, read by the plugin itself: QGIS's own
        check would open it through OGR (which fails on GB18030 or an empty file).
        """
        for definition in self.parameterDefinitions():
            if definition.name() == "INPUT":
                continue
            if not definition.checkValueIsAcceptable(parameters.get(definition.name()), context):
                return False, self.tr("Incorrect parameter value for {}").format(
                    definition.description()
                )
        return True, ""
