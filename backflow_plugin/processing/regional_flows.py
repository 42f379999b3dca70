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
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsSpatialIndex,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..core.patterns import routes as patterns
from ..core.regions import counts as core
from ..core.regions import tables
from ..core.trajectories.flow_lines import GEOMETRY_KINDS
from ..styling.basemap import world_map_path
from ..styling.projections import WGS84
from ..translation import tr
from . import adapters
from .base import BackflowAlgorithm, Output, Run, Sink, SourceType, advanced, helped, numbers

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

    def declare_parameters(self) -> list:
        return [
            self.stages_input(self.INPUT),
            helped(
                QgsProcessingParameterFeatureSource(
                    self.INPUT_REGIONS,
                    self.tr("Regions (polygons; empty: China's provinces)"),
                    [SourceType.TypeVectorPolygon],
                    optional=True,
                ),
                self.tr("Any polygon layer in any CRS: GeoPackage, shapefile, PostGIS..."),
            ),
            QgsProcessingParameterField(
                self.NAME_FIELD,
                self.tr("Region name field (empty: a field called name, or the first text field)"),
                parentLayerParameterName=self.INPUT_REGIONS,
                optional=True,
            ),
            QgsProcessingParameterFeatureSource(
                self.INPUT_CITIES,
                self.tr("Cities with tiers (the City network output, optional)"),
                [SourceType.TypeVectorPoint],
                optional=True,
            ),
            QgsProcessingParameterEnum(
                self.OVERLAP,
                self.tr("A city in several regions counts"),
                [
                    self.tr("In each of them"),
                    self.tr("In the first (layer order)"),
                    self.tr("In none (no region)"),
                ],
                defaultValue=0,
            ),
            QgsProcessingParameterEnum(
                self.MATRIX_OF,
                self.tr("Region x region matrix of"),
                [
                    self.tr("Moves between stages"),
                    self.tr("Birth region by return region (persons)"),
                ],
                defaultValue=0,
            ),
            advanced(
                helped(
                    QgsProcessingParameterNumber(
                        self.NEAR_KM,
                        self.tr(
                            "Domestic cities in no region count in the nearest one within (km; "
                            "empty: 10 for the built-in provinces, exact for your own regions)"
                        ),
                        QgsProcessingParameterNumber.Type.Double,
                        defaultValue=None,
                        optional=True,
                        minValue=0.0,
                    ),
                    self.tr(
                        "Coarse coastlines leave port cities just outside their province; they "
                        "are placed in the nearest region within this distance and listed. "
                        "Empty: 10 km for the built-in provinces, 0 (a city counts only inside "
                        "a polygon) for a regions layer of your own. 0: never."
                    ),
                )
            ),
            advanced(self.match_level(self.LEVEL)),
            QgsProcessingParameterBoolean(
                self.SPLIT_BY_PATTERN,
                self.tr("One region flow feature per pattern (circle, linear, no return)"),
                defaultValue=False,
            ),
            advanced(self.line_geometry(self.GEOMETRY)),
        ]

    def declare_sinks(self) -> list[Sink]:
        return [
            Sink(self.REGIONS, self.tr("Regions"), SourceType.TypeVectorPolygon, style="regions"),
            Sink(self.REGION_FLOWS, self.tr("Region flows"), SourceType.TypeVectorLine,
                 optional=True, style="flows"),
            Sink(self.MATRIX, self.tr("Region x region matrix"), optional=True),
            Sink(self.UNMATCHED, self.tr("Cities not in exactly one region"), optional=True),
        ]  # fmt: skip

    def declare_outputs(self) -> list[Output]:
        return numbers(
            ("REGION_COUNT", self.tr("Regions")),
            ("MATCHED_CITIES", self.tr("Cities in exactly one region")),
            ("UNMATCHED_CITIES", self.tr("Cities not in exactly one region")),
            ("RETURNEES", self.tr("Returnees")),
            ("RETURNEES_IN_REGIONS", self.tr("Returnees in the regions")),
        )

    # ------------------------------------------------------------------ reading

    def _regions_source(self, run: Run):
        """(source, name field, is it the default provinces layer)."""
        if not run.given(self.INPUT_REGIONS):
            layer = default_provinces()
            self._keep = layer  # the source reads from it
            return QgsVectorLayerFeatureSourceWrapper(layer), "name", True
        source = run.source(self.INPUT_REGIONS)
        names = source.fields().names()
        field = run.text(self.NAME_FIELD)
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

    def _tiers(self, run: Run):
        if not run.given(self.INPUT_CITIES):
            return None
        source = run.source(self.INPUT_CITIES)
        names = source.fields().names()
        if "city_id" not in names or "tier" not in names:
            raise QgsProcessingException(
                self.tr(
                    "The cities layer '{}' needs the fields city_id and tier (the output of "
                    "City network); it has: {}"
                ).format(source.sourceName(), ", ".join(names))
            )
        return adapters.source_to_frame(source, run.steps)[["city_id", "tier"]]

    # ------------------------------------------------------------------ run

    def process(self, run: Run) -> dict:
        run.start(4)
        run.step(0, self.tr("Reading stages and regions"))
        stages = run.stages(self.INPUT)
        tiers = self._tiers(run)
        return self.run_frames(run, stages, tiers)[0]

    def run_frames(self, run: Run, stages, tiers) -> tuple[dict, dict]:
        """Stages (with lon/lat) and tiers (city_id, tier; or None) by the regions, written;
        the outputs and the REGIONS and MATRIX frames as written."""
        overlap = run.choice(self.OVERLAP, core.OVERLAP)
        kind = run.choice(self.MATRIX_OF, core.MATRIX_KINDS)
        level = run.choice(self.LEVEL, patterns.LEVELS)
        line_kind = run.choice(self.GEOMETRY, GEOMETRY_KINDS)
        run.start(4)
        source, name_field, default = self._regions_source(run)
        if not name_field:
            run.warn(
                self.tr("The regions layer has no text field: regions are named by feature id")
            )
        run.step(1)
        polygons = Polygons(source, name_field, run.context, run.steps)
        run.check_cancelled()
        if not len(polygons.frame):
            raise QgsProcessingException(
                self.tr("The regions layer '{}' has no features").format(source.sourceName())
            )
        for note in polygons.notes:
            run.warn(self.tr("Region {}").format(note))
        run.info(
            self.tr("{} regions from '{}' (name field '{}', CRS {})").format(
                len(polygons.frame), source.sourceName(), name_field or "-",
                polygons.crs.authid() or polygons.crs.description(),
            )
        )  # fmt: skip

        run.step(2, self.tr("Placing cities in regions"))
        cities = core.cities_from_stages(stages)
        distance = core.near_km(run.number(self.NEAR_KM), builtin_regions=default)
        membership, near = polygons.membership(cities, run.steps, distance)
        run.check_cancelled()
        result = core.regional_analysis(
            stages, polygons.frame, membership, tiers=tiers, overlap=overlap,
            matrix_kind=kind, level=level, abroad_label=self._abroad_label, near=near,
            split_by_pattern=run.flag(self.SPLIT_BY_PATTERN),
        )  # fmt: skip

        run.step(3, self.tr("Writing regions, flows and matrix"))
        outputs, reg = self._write(run, result, polygons, default, line_kind)
        outputs.update(self._report(result, run))
        return outputs, {self.REGIONS: reg, self.MATRIX: result.matrix}

    def _abroad_label(self, group: str) -> str:
        return self.tr(ABROAD_LABELS.get(group, f"Abroad: {group}"))

    def _write(self, run: Run, result, polygons, default, line_kind) -> tuple[dict, object]:
        outputs = {}
        reg = tables.polygon_table(result, polygons.frame, chinese_names=default)
        ids = reg["region_id"].tolist()
        outputs[self.REGIONS] = run.write(
            self.REGIONS, reg, lambda i: polygons.wgs84_geometry(ids[i]),
            overrides={"returnee_share": "float", "circle_share": "float",
                       "linear_share": "float", "lon": "float", "lat": "float",
                       "name_zh": "str", "tier_mix": "str"},
        )  # fmt: skip
        flows = result.flows
        if run.wants(self.REGION_FLOWS):
            lines = tables.region_flow_lines(result, line_kind)
            keys = list(zip(flows["origin_region_id"], flows["dest_region_id"]))
            outputs[self.REGION_FLOWS] = run.write(
                self.REGION_FLOWS, flows, lambda i: adapters.line_geometry(lines.get(keys[i])),
                overrides={"count": "int", "persons": "int", "circle": "int",
                           "linear": "int", "pattern_share": "float", "pattern": "str"},
                colour_by="pattern" if "pattern" in flows.columns else "flow_type",
            )  # fmt: skip
        outputs[self.MATRIX] = run.write(self.MATRIX, result.matrix, overrides=MATRIX_FIELDS)
        outputs[self.UNMATCHED] = run.write(
            self.UNMATCHED, result.unmatched,
            overrides={"lon": "float", "lat": "float", "persons": "int",
                       "regions": "str", "country": "str", "city": "str"},
        )  # fmt: skip
        return {k: v for k, v in outputs.items() if v is not None}, reg

    def _report(self, result, run: Run) -> dict:
        n = tables.region_summary(result)
        run.info(
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
        run.info(text)
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
