"""backflow:regionalflows — returnees, flows and route patterns by region (any polygon layer).

The QGIS part: read the stages and the polygons, find the polygons that hold each city
(point in polygon in the polygons' CRS, a spatial index, invalid geometries repaired),
then call core.regions.counts and write the sinks.
"""

from __future__ import annotations

import logging

from qgis.core import (
    QgsCoordinateTransform,
    QgsDistanceArea,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsSpatialIndex,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..core.errors import BackflowInputError
from ..core.patterns import routes as patterns
from ..core.regions import counts as core
from ..core.regions import tables
from ..core.trajectories.flow_lines import GEOMETRY_KINDS
from ..styling.basemap import world_map_path
from ..styling.postprocess import attach_style
from ..styling.projections import WGS84
from ..translation import tr
from . import adapters
from .base import BackflowAlgorithm
from .feedback import multi_step

log = logging.getLogger("backflow")

PROVINCES_LAYER = "states_provinces"
PROVINCES_FILTER = "\"adm0_a3\" = 'CHN'"
NAME_CANDIDATES = ("name", "name_zh", "NAME", "Name", "region", "名称", "NAME_1", "province")
MATRIX_FIELDS = {"from_region": "str"}
# core.places.countries.REGIONS, for the abroad regions' names (translated at run time)
ABROAD_LABELS = {
    "USA": "Abroad: USA", "UK": "Abroad: UK", "Europe": "Abroad: Europe",
    "Asia": "Abroad: Asia", "Australia": "Abroad: Australia", "Other": "Abroad: Other",
}  # fmt: skip


def default_provinces() -> QgsVectorLayer:
    """China's provinces from QGIS's own world map (Natural Earth, public domain)."""
    path = world_map_path()
    layer = QgsVectorLayer(f"{path}|layername={PROVINCES_LAYER}", "provinces", "ogr")
    if not layer.isValid():
        raise QgsProcessingException(
            tr("QGIS's world map is missing ({}): give a regions layer").format(path)
        )
    layer.setSubsetString(PROVINCES_FILTER)
    return layer


class Polygons:
    """The region polygons: names, repaired geometries, a spatial index, inner points."""

    def __init__(self, source, name_field: str, context, feedback) -> None:
        self.crs = source.sourceCrs() if source.sourceCrs().isValid() else WGS84
        self.to_wgs84 = QgsCoordinateTransform(self.crs, WGS84, context.transformContext())
        self.from_wgs84 = QgsCoordinateTransform(WGS84, self.crs, context.transformContext())
        self.index = QgsSpatialIndex()
        self._distance = None
        self._context = context.transformContext()
        self.geoms: dict[int, QgsGeometry] = {}
        self.engines: dict[int, object] = {}
        rows, self.notes = [], []
        total = max(source.featureCount(), 1)
        # QGIS's default check would stop at an invalid polygon before _check repairs it.
        skip = QgsProcessingFeatureSource.Flag.FlagSkipGeometryValidityChecks
        features = (
            source.getFeatures(QgsFeatureRequest(), skip)
            if isinstance(source, QgsProcessingFeatureSource)
            else source.getFeatures(QgsFeatureRequest())
        )
        for i, feature in enumerate(features):
            if feedback.isCanceled():
                break
            feedback.setProgress(100.0 * i / total)
            value = feature[name_field] if name_field else None
            name = adapters.cell_value(value, True) if value is not None else ""
            name = name.strip() or tr("region {}").format(feature.id())
            note, geom = self._check(feature.geometry())
            if note:
                self.notes.append(f"{name}: {note}")
            lon = lat = None
            if geom is not None:
                self.geoms[i] = geom
                self.index.addFeature(i, geom.boundingBox())
                engine = QgsGeometry.createGeometryEngine(geom.constGet())
                engine.prepareGeometry()
                self.engines[i] = engine
                inner = geom.pointOnSurface()
                if not inner.isEmpty():
                    pt = self.to_wgs84.transform(inner.asPoint())
                    lon, lat = pt.x(), pt.y()
            rows.append((str(i), name, note or "", feature.id(), lon, lat))
        self.frame = tables.polygon_frame(rows)

    @staticmethod
    def _check(geom: QgsGeometry) -> tuple[str | None, QgsGeometry | None]:
        """(a note when the geometry is missing or was repaired, the geometry to use)."""
        if geom is None or geom.isNull() or geom.isEmpty():
            return tr("no geometry: no city can fall in it"), None
        if geom.type() != QgsWkbTypes.GeometryType.PolygonGeometry:
            return tr("not a polygon: no city can fall in it"), None
        if geom.isGeosValid():
            return None, geom
        fixed = geom.makeValid()
        if fixed.isNull() or fixed.isEmpty() or not fixed.isGeosValid():
            return tr("invalid geometry that could not be repaired: no city placed in it"), None
        polys = fixed.convertToType(
            QgsWkbTypes.GeometryType.PolygonGeometry, True
        )  # drop stray lines
        if polys is None or polys.isEmpty():
            return tr("invalid geometry that could not be repaired: no city placed in it"), None
        return tr("invalid geometry, repaired"), polys

    def membership(self, cities, feedback, near_km: float = 0.0):
        """(city_id -> ids of the polygons that hold the city's point, in layer order;
        city_id -> (id, km) of the nearest polygon within `near_km` for cities in none)."""
        out: dict[str, list[str]] = {}
        near: dict[str, tuple[str, float]] = {}
        for city_id, lon, lat in tables.located(cities):
            if feedback.isCanceled():
                break
            try:
                point = self.from_wgs84.transform(QgsPointXY(lon, lat))
            except Exception:  # outside the CRS's area (QgsCsException): in no polygon
                continue
            pt = QgsGeometry.fromPointXY(point)
            hits = [
                i
                for i in sorted(self.index.intersects(pt.boundingBox()))
                if self.engines[i].intersects(pt.constGet())
            ]
            if hits:
                out[city_id] = [str(i) for i in hits]
            elif near_km > 0:
                close = self.nearest(point, near_km)
                if close is not None:
                    near[city_id] = close
        return out, near

    def nearest(self, point: QgsPointXY, max_km: float) -> tuple[str, float] | None:
        """The closest polygon within max_km (ellipsoidal distance), or None."""
        if self._distance is None:
            self._distance = QgsDistanceArea()
            self._distance.setSourceCrs(self.crs, self._context)
            self._distance.setEllipsoid("WGS84")
        best = None
        for i in self.index.nearestNeighbor(point, 4):
            on_edge = self.geoms[i].nearestPoint(QgsGeometry.fromPointXY(point))
            if on_edge.isEmpty():
                continue
            km = self._distance.measureLine(point, on_edge.asPoint()) / 1000.0
            if km <= max_km and (best is None or km < best[1]):
                best = (str(i), km)
        return best

    def wgs84_geometry(self, region_id: str) -> QgsGeometry | None:
        geom = self.geoms.get(int(region_id))
        if geom is None:
            return None
        geom = QgsGeometry(geom)
        geom.transform(self.to_wgs84)
        geom.convertToMultiType()
        return geom


class RegionalFlowsAlgorithm(BackflowAlgorithm):
    INPUT = "INPUT"
    INPUT_REGIONS = "INPUT_REGIONS"
    NAME_FIELD = "NAME_FIELD"
    INPUT_CITIES = "INPUT_CITIES"
    OVERLAP = "OVERLAP"
    MATRIX_OF = "MATRIX_OF"
    LEVEL = "LEVEL"
    NEAR_KM = "NEAR_KM"
    SPLIT_BY_PATTERN = "SPLIT_BY_PATTERN"
    GEOMETRY = "GEOMETRY"
    REGIONS = "REGIONS"
    REGION_FLOWS = "REGION_FLOWS"
    MATRIX = "MATRIX"
    UNMATCHED = "UNMATCHED"

    def name(self) -> str:
        return "regionalflows"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Regional flows (returnees by region)")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Returnees, flows and route patterns by region, for any polygon layer with a name "
            "field: provinces, city clusters, development zones. Without a regions layer, "
            "China's provinces from QGIS's world map are used.\n\n"
            "Each city of the stages is placed in the polygons that hold it (in the polygons' "
            "CRS; multipart and repaired invalid geometries are fine). A city abroad in no "
            "polygon counts in its abroad region (USA, UK, Europe, Asia, Australia, Other); a "
            "domestic city in no polygon counts in '(no region)'. A city in several "
            "(overlapping) regions counts in each of them, in the first, or in none, as "
            "chosen. Every city not in exactly one region is listed in UNMATCHED with the "
            "reason.\n\n"
            "REGIONS: the polygons with cities, persons, returnees and their share of all "
            "returnees, circle and linear returns and shares, inflow, outflow, net flow and "
            "internal moves, persons born there (born), who came back to it (born_returned) "
            "and who returned elsewhere (talent_export), and the tier mix of their cities "
            "(with a City network layer). REGION_FLOWS: moves between regions (abroad regions "
            "included) by flow type, with persons and circle / linear counts, between points "
            "inside the regions. MATRIX: the region x region table of moves (or of birth "
            "region by return region), with totals."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.INPUT,
                self.tr("Stages (the STAGES output of Import trajectories)"),
                [QgsProcessing.SourceType.TypeVectorPoint],
            )
        )
        p = QgsProcessingParameterFeatureSource(
            self.INPUT_REGIONS,
            self.tr("Regions (polygons; empty: China's provinces)"),
            [QgsProcessing.SourceType.TypeVectorPolygon],
            optional=True,
        )
        p.setHelp(self.tr("Any polygon layer in any CRS: GeoPackage, shapefile, PostGIS..."))
        self.addParameter(p)
        p = QgsProcessingParameterField(
            self.NAME_FIELD,
            self.tr("Region name field (empty: a field called name, or the first text field)"),
            parentLayerParameterName=self.INPUT_REGIONS,
            optional=True,
        )
        self.addParameter(p)
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.INPUT_CITIES,
                self.tr("Cities with tiers (the City network output, optional)"),
                [QgsProcessing.SourceType.TypeVectorPoint],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.OVERLAP,
                self.tr("A city in several regions counts"),
                [
                    self.tr("In each of them"),
                    self.tr("In the first (layer order)"),
                    self.tr("In none (no region)"),
                ],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.MATRIX_OF,
                self.tr("Region x region matrix of"),
                [
                    self.tr("Moves between stages"),
                    self.tr("Birth region by return region (persons)"),
                ],
                defaultValue=0,
            )
        )
        p = QgsProcessingParameterNumber(
            self.NEAR_KM,
            self.tr(
                "Domestic cities in no region count in the nearest one within (km; empty: "
                "10 for the built-in provinces, exact for your own regions)"
            ),
            QgsProcessingParameterNumber.Type.Double,
            defaultValue=None,
            optional=True,
            minValue=0.0,
        )
        p.setHelp(
            self.tr(
                "Coarse coastlines leave port cities just outside their province; they are "
                "placed in the nearest region within this distance and listed. Empty: 10 km "
                "for the built-in provinces, 0 (a city counts only inside a polygon) for a "
                "regions layer of your own. 0: never."
            )
        )
        p.setFlags(p.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(p)
        p = QgsProcessingParameterEnum(
            self.LEVEL,
            self.tr("Match the return with known places by"),
            [self.tr("City (as the paper)"), self.tr("Province (came back near home)")],
            defaultValue=0,
        )
        p.setFlags(p.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(p)
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.SPLIT_BY_PATTERN,
                self.tr("One region flow feature per pattern (circle, linear, no return)"),
                defaultValue=False,
            )
        )
        p = QgsProcessingParameterEnum(
            self.GEOMETRY,
            self.tr("Line geometry"),
            [self.tr("Straight"), self.tr("Geodesic (great circle)"), self.tr("Curved arc")],
            defaultValue=1,
        )
        p.setFlags(p.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(p)
        sinks = (
            (self.REGIONS, self.tr("Regions"), QgsProcessing.SourceType.TypeVectorPolygon, False),
            (self.REGION_FLOWS, self.tr("Region flows"), QgsProcessing.SourceType.TypeVectorLine, True),
            (self.MATRIX, self.tr("Region x region matrix"), QgsProcessing.SourceType.TypeVector, True),
            (self.UNMATCHED, self.tr("Cities not in exactly one region"),
             QgsProcessing.SourceType.TypeVector, True),
        )  # fmt: skip
        for key, label, kind, optional in sinks:
            self.addParameter(
                QgsProcessingParameterFeatureSink(key, label, kind, optional=optional)
            )
        for key, label in (
            ("REGION_COUNT", self.tr("Regions")),
            ("MATCHED_CITIES", self.tr("Cities in exactly one region")),
            ("UNMATCHED_CITIES", self.tr("Cities not in exactly one region")),
            ("RETURNEES", self.tr("Returnees")),
            ("RETURNEES_IN_REGIONS", self.tr("Returnees in the regions")),
        ):
            self.addOutput(QgsProcessingOutputNumber(key, label))

    # ------------------------------------------------------------------ reading

    def _stages(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        frame = adapters.points_to_wgs84_frame(source, context, feedback)
        if not len(frame):
            raise QgsProcessingException(
                self.tr("The stages layer '{}' has no features").format(source.sourceName())
            )
        return frame

    def _regions_source(self, parameters, context):
        """(source, name field, is it the default provinces layer)."""
        if parameters.get(self.INPUT_REGIONS) in (None, ""):
            layer = default_provinces()
            self._keep = layer  # the source reads from it
            return QgsVectorLayerFeatureSourceWrapper(layer), "name", True
        source = self.parameterAsSource(parameters, self.INPUT_REGIONS, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT_REGIONS))
        names = source.fields().names()
        field = self.parameterAsString(parameters, self.NAME_FIELD, context).strip()
        if field and field not in names:
            raise QgsProcessingException(
                self.tr("The regions layer '{}' has no field '{}'. Fields: {}").format(
                    source.sourceName(), field, ", ".join(names)
                )
            )
        if not field:
            field = next((n for n in NAME_CANDIDATES if n in names), "")
        if not field:
            text = [f.name() for f in source.fields() if not f.isNumeric() and not f.isDateOrTime()]
            field = text[0] if text else ""
        return source, field, False

    def _tiers(self, parameters, context, feedback):
        if parameters.get(self.INPUT_CITIES) in (None, ""):
            return None
        source = self.parameterAsSource(parameters, self.INPUT_CITIES, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT_CITIES))
        names = source.fields().names()
        if "city_id" not in names or "tier" not in names:
            raise QgsProcessingException(
                self.tr(
                    "The cities layer '{}' needs the fields city_id and tier (the output of "
                    "City network); it has: {}"
                ).format(source.sourceName(), ", ".join(names))
            )
        return adapters.source_to_frame(source, feedback)[["city_id", "tier"]]

    # ------------------------------------------------------------------ run

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        steps = multi_step(4, feedback)
        steps.setProgressText(self.tr("Reading stages and regions"))
        stages = self._stages(parameters, context, steps)
        tiers = self._tiers(parameters, context, steps)
        return self.run_frames(stages, tiers, parameters, context, feedback, steps)[0]

    def run_frames(self, stages, tiers, parameters, context, feedback, steps) -> tuple[dict, dict]:
        """Stages (with lon/lat) and tiers (city_id, tier; or None) by the regions, written;
        the outputs and the REGIONS and MATRIX frames as written."""
        overlap = core.OVERLAP[self.parameterAsEnum(parameters, self.OVERLAP, context)]
        kind = core.MATRIX_KINDS[self.parameterAsEnum(parameters, self.MATRIX_OF, context)]
        level = patterns.LEVELS[self.parameterAsEnum(parameters, self.LEVEL, context)]
        line_kind = GEOMETRY_KINDS[self.parameterAsEnum(parameters, self.GEOMETRY, context)]
        source, name_field, default = self._regions_source(parameters, context)
        if not name_field:
            feedback.pushWarning(
                self.tr("The regions layer has no text field: regions are named by feature id")
            )
        steps.setCurrentStep(1)
        polygons = Polygons(source, name_field, context, steps)
        if steps.isCanceled():
            return {}, {}
        if not len(polygons.frame):
            raise QgsProcessingException(
                self.tr("The regions layer '{}' has no features").format(source.sourceName())
            )
        for note in polygons.notes:
            feedback.pushWarning(self.tr("Region {}").format(note))
        feedback.pushInfo(
            self.tr("{} regions from '{}' (name field '{}', CRS {})").format(
                len(polygons.frame), source.sourceName(), name_field or "-",
                polygons.crs.authid() or polygons.crs.description(),
            )
        )  # fmt: skip

        steps.setCurrentStep(2)
        steps.setProgressText(self.tr("Placing cities in regions"))
        cities = core.cities_from_stages(stages)
        given = parameters.get(self.NEAR_KM)
        given = (
            None
            if given in (None, "")
            else self.parameterAsDouble(parameters, self.NEAR_KM, context)
        )
        distance = core.near_km(given, builtin_regions=default)
        membership, near = polygons.membership(cities, steps, distance)
        if steps.isCanceled():
            return {}, {}
        try:
            result = core.regional_analysis(
                stages, polygons.frame, membership, tiers=tiers, overlap=overlap,
                matrix_kind=kind, level=level, abroad_label=self._abroad_label, near=near,
                split_by_pattern=self.parameterAsBoolean(parameters, self.SPLIT_BY_PATTERN, context),
            )  # fmt: skip
        except BackflowInputError as err:
            raise adapters.input_error(err) from None

        steps.setCurrentStep(3)
        steps.setProgressText(self.tr("Writing regions, flows and matrix"))
        outputs, reg = self._write(parameters, context, steps, result, polygons, default, line_kind)
        outputs.update(self._report(result, polygons, feedback))
        return outputs, {self.REGIONS: reg, self.MATRIX: result.matrix}

    def _abroad_label(self, group: str) -> str:
        return self.tr(ABROAD_LABELS.get(group, f"Abroad: {group}"))

    def _write(self, parameters, context, feedback, result, polygons, default, line_kind):
        outputs = {}
        reg = tables.polygon_table(result, polygons.frame, chinese_names=default)
        ids = reg["region_id"].tolist()
        outputs[self.REGIONS] = adapters.write_frame(
            self, parameters, context, self.REGIONS, reg, QgsWkbTypes.Type.MultiPolygon,
            lambda i: polygons.wgs84_geometry(ids[i]), feedback,
            field_overrides={"returnee_share": "float", "circle_share": "float",
                             "linear_share": "float", "lon": "float", "lat": "float",
                             "name_zh": "str", "tier_mix": "str"},
        )  # fmt: skip
        attach_style(context, outputs[self.REGIONS], "regions")
        flows = result.flows
        if parameters.get(self.REGION_FLOWS) is not None:
            lines = tables.region_flow_lines(result, line_kind)
            keys = list(zip(flows["origin_region_id"], flows["dest_region_id"]))
            outputs[self.REGION_FLOWS] = adapters.write_frame(
                self, parameters, context, self.REGION_FLOWS, flows, QgsWkbTypes.Type.MultiLineString,
                lambda i: adapters.line_geometry(lines.get(keys[i])), feedback,
                field_overrides={"count": "int", "persons": "int", "circle": "int",
                                 "linear": "int", "pattern_share": "float", "pattern": "str"},
            )  # fmt: skip
            colour_by = "pattern" if "pattern" in flows.columns else "flow_type"
            attach_style(context, outputs[self.REGION_FLOWS], "flows", colour_by=colour_by)
        outputs[self.MATRIX] = adapters.write_frame(
            self, parameters, context, self.MATRIX, result.matrix, feedback=feedback,
            field_overrides=MATRIX_FIELDS,
        )  # fmt: skip
        outputs[self.UNMATCHED] = adapters.write_frame(
            self, parameters, context, self.UNMATCHED, result.unmatched, feedback=feedback,
            field_overrides={"lon": "float", "lat": "float", "persons": "int",
                             "regions": "str", "country": "str", "city": "str"},
        )  # fmt: skip
        return {k: v for k, v in outputs.items() if v is not None}, reg

    def _report(self, result, polygons, feedback) -> dict:
        n = tables.region_summary(result)
        feedback.pushInfo(
            self.tr(
                "{cities} cities: {matched} in exactly one region, {several} in several, "
                "{close} near one, {outside} domestic cities in no region, {abroad} abroad "
                "in no region"
            ).format(
                cities=n.cities, matched=n.matched, several=n.several, outside=n.outside,
                close=n.near, abroad=n.abroad,
            )
        )  # fmt: skip
        text = self.tr(
            "{returnees} returnees: {inside} returned to a city in the regions, {none} to a city in no region"
        ).format(returnees=n.returnees, inside=n.returnees_inside, none=n.returnees_none)
        if n.returnees_abroad:  # homes in several countries: a return city abroad for the others
            text += self.tr(", {} to a city counted in an abroad region").format(n.returnees_abroad)
        feedback.pushInfo(text)
        log.info("regional flows: %d regions, %d cities in them", n.regions, n.in_regions)
        return {
            "REGION_COUNT": n.regions,
            "MATCHED_CITIES": n.matched,
            "UNMATCHED_CITIES": n.unmatched,
            "RETURNEES": n.returnees,
            "RETURNEES_IN_REGIONS": n.returnees_inside,
        }


class QgsVectorLayerFeatureSourceWrapper:
    """The default layer seen as a feature source (the algorithm reads sources only)."""

    def __init__(self, layer: QgsVectorLayer) -> None:
        self.layer = layer

    def sourceCrs(self):  # noqa: N802
        return self.layer.crs()

    def sourceName(self) -> str:  # noqa: N802
        return tr("China's provinces (QGIS world map)")

    def featureCount(self) -> int:  # noqa: N802
        return self.layer.featureCount()

    def fields(self):
        return self.layer.fields()

    def getFeatures(self, request=None):  # noqa: N802
        return self.layer.getFeatures(request or QgsFeatureRequest())
