"""QGIS's own world map (Natural Earth countries) as a quiet basemap."""

from __future__ import annotations

from qgis.core import (
    QgsApplication,
    QgsFeature,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsGeometry,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
)

from .. import field_types
from ..core.palette import BASEMAP
from ..translation import tr

CREDIT = "Natural Earth via QGIS world map"


def world_map_path() -> str:
    return QgsApplication.pkgDataPath() + "/resources/data/world_map.gpkg"


def _style(layer: QgsVectorLayer) -> None:
    symbol = QgsFillSymbol.createSimple(
        {
            "color": BASEMAP["land"],
            "outline_color": BASEMAP["border"],
            "outline_width": "0.15",
        }
    )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))


def world_layer(
    layer_name: str = "countries", seam: float | None = None, crs=None
) -> QgsVectorLayer:
    """A styled layer of world_map.gpkg (countries, states_provinces or disputed_borders).

    With `seam` (a longitude), countries are cut there, so a world projection centred
    away from Greenwich draws no streaks across the map (Greenland, Russia, Antarctica).
    """
    layer = QgsVectorLayer(f"{world_map_path()}|layername={layer_name}", tr("World"), "ogr")
    if not layer.isValid():
        raise RuntimeError(f"QGIS's world map is missing: {world_map_path()}")
    if seam is not None and abs(seam) < 179.9:
        layer = _cut_at(layer, seam, crs=crs)
    if layer_name != "disputed_borders":
        _style(layer)
    return layer


def _cut_at(layer: QgsVectorLayer, seam: float, gap: float = 1e-6, crs=None) -> QgsVectorLayer:
    """Countries cut at the seam; with `crs`, projected into it here: QGIS's own
    reprojection of pieces that touch the seam drew stripes across vector (PDF) output."""
    from qgis.core import QgsCoordinateTransform, QgsProject

    kind = {0: "Point", 1: "MultiLineString", 2: "MultiPolygon"}[layer.geometryType()]
    out = QgsVectorLayer(f"{kind}?crs=EPSG:4326", layer.name(), "memory")
    transform = None
    if crs is not None:
        out.setCrs(crs)
        transform = QgsCoordinateTransform(layer.crs(), crs, QgsProject.instance())
    out.dataProvider().addAttributes(layer.fields().toList())
    out.updateFields()
    boxes = [
        QgsGeometry.fromRect(QgsRectangle(-180.0, -90.0, seam - gap, 90.0)),
        QgsGeometry.fromRect(QgsRectangle(seam + gap, -90.0, 180.0, 90.0)),
    ]
    features = []
    for feature in layer.getFeatures():
        geom = feature.geometry()
        if geom.boundingBox().yMaximum() < -60:  # Antarctica: off every preset's frame
            continue
        parts = (
            [geom.intersection(box) for box in boxes]
            if geom.boundingBox().xMinimum() < seam < geom.boundingBox().xMaximum()
            else [geom]
        )
        for part in parts:
            if part.isEmpty():
                continue
            if transform is not None:
                part = part.densifyByDistance(1.0)  # seam edges follow the curved map edge
                if part.transform(transform) != 0:
                    continue
            f = QgsFeature(out.fields())
            f.setAttributes(feature.attributes())
            f.setGeometry(part)
            features.append(f)
    out.dataProvider().addFeatures(features)
    return out


def style_provinces(layer: QgsVectorLayer) -> None:
    """Province borders only: thin, lighter than country borders, no fill."""
    symbol = QgsFillSymbol.createSimple(
        {"style": "no", "outline_color": BASEMAP["border"], "outline_width": "0.1"}
    )
    symbol.setOpacity(0.7)
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))


def set_home_apart(layer: QgsVectorLayer, iso_a2: str, field: str = "iso_a2") -> None:
    """Countries with the home country set apart: land colour and a darker border,
    the other countries a shade greyer."""
    from qgis.core import QgsRuleBasedRenderer

    home = QgsFillSymbol.createSimple(
        {"color": BASEMAP["land"], "outline_color": "#8C8577", "outline_width": "0.3"}
    )
    other = QgsFillSymbol.createSimple(
        {"color": "#E3E0DA", "outline_color": BASEMAP["border"], "outline_width": "0.15"}
    )
    root = QgsRuleBasedRenderer.Rule(None)
    quoted = iso_a2.upper().replace("'", "''")
    root.appendChild(
        QgsRuleBasedRenderer.Rule(
            other, filterExp=f"\"{field}\" <> '{quoted}'", label=tr("Other countries")
        )
    )
    root.appendChild(
        QgsRuleBasedRenderer.Rule(
            home, filterExp=f"\"{field}\" = '{quoted}'", label=tr("Home country")
        )
    )
    layer.setRenderer(QgsRuleBasedRenderer(root))


# ------------------------------------------------------------------ China maps
#
# A China map sets China apart: China filled warm with its provinces, the neighbours
# pale. Which borders China has depends on the boundary view:
#   china    - China's own view: the Chinese-claim lines of QGIS's world map closed
#              into areas (they are lines in `disputed_borders`), Taiwan filled as the
#              mainland, the South China Sea dashed line and the island groups
#              (resources/boundaries/south_china_sea.geojson);
#   de_facto - the world map as it is;
#   user     - a polygon layer the user supplies (e.g. a reviewed standard map).

CHINA_VIEW, DE_FACTO_VIEW, USER_VIEW = "china", "de_facto", "user"
BOUNDARY_VIEWS = (CHINA_VIEW, DE_FACTO_VIEW, USER_VIEW)
CLAIM_NEIGHBOURS = ("IND", "BTN", "MMR", "NPL")
SOUTH_CHINA_SEA_CREDIT = (
    "South China Sea line: Natural Earth (dash east of Taiwan approximate); "
    "islands: GeoNames (resources/boundaries)"
)


def south_china_sea_path() -> str:
    from ..paths import RESOURCES_DIR

    return str(RESOURCES_DIR / "boundaries" / "south_china_sea.geojson")


def _country_geometries(codes) -> dict:
    layer = QgsVectorLayer(f"{world_map_path()}|layername=countries", "countries", "ogr")
    quoted = ", ".join(f"'{c}'" for c in codes)
    request = QgsFeatureRequest().setFilterExpression(f'"ISO_A3" IN ({quoted})')
    return {f["ISO_A3"]: f.geometry() for f in layer.getFeatures(request)}


def chinese_claim_areas() -> list[QgsGeometry]:
    """Areas that China claims beyond the world map's de facto border (lon/lat).

    The world map draws each claim as a line inside the neighbour's territory; with the
    neighbours' borders the lines close into areas (Arunachal Pradesh, the western
    sector's small areas, Bhutan's northern valleys)."""
    geoms = _country_geometries(("CHN", *CLAIM_NEIGHBOURS))
    china = geoms.get("CHN")
    if china is None:
        return []
    borders = QgsVectorLayer(f"{world_map_path()}|layername=disputed_borders", "d", "ogr")
    claims = list(
        borders.getFeatures(QgsFeatureRequest().setFilterExpression("\"name\" = 'Chinese claim'"))
    )
    if not claims:
        return []
    # The lines come in pieces whose ends stop just short of the borders: join them,
    # and lengthen each end a little so that every one crosses the border it meets.
    joined = QgsGeometry.unaryUnion([f.geometry() for f in claims]).mergeLines()
    lines = []
    for part in joined.asGeometryCollection():
        pts = part.asPolyline()
        if len(pts) >= 2:
            lines.append(
                QgsGeometry.fromPolylineXY(
                    [_beyond(pts[0], pts[1])] + pts + [_beyond(pts[-1], pts[-2])]
                )
            )
    box = QgsRectangle(60.0, 0.0, 110.0, 45.0)
    edges = [QgsGeometry(g.constGet().boundary()).clipped(box) for g in geoms.values()]
    faces = QgsGeometry.polygonize([QgsGeometry.unaryUnion(edges + lines)])
    owners = {f["adm0_a3_l"] for f in claims}
    out = []
    for face in faces.asGeometryCollection():
        point = face.pointOnSurface()
        if china.contains(point) or face.distance(china) > 0.01:
            continue
        owner = next((o for o in owners if o in geoms and geoms[o].contains(point)), None)
        # The neighbour's remaining territory is a face too: far larger than a claim.
        if owner is None or face.area() > 0.5 * geoms[owner].area():
            continue
        out.append(face)
    return out


def _beyond(end, before, step: float = 0.1):
    from qgis.core import QgsPointXY

    dx, dy = end.x() - before.x(), end.y() - before.y()
    norm = (dx * dx + dy * dy) ** 0.5 or 1.0
    return QgsPointXY(end.x() + dx / norm * step, end.y() + dy / norm * step)


def _polygon_layer(name: str, parts: list[tuple[dict, QgsGeometry]]) -> QgsVectorLayer:
    from qgis.core import QgsField

    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:4326", name, "memory")
    layer.dataProvider().addAttributes([QgsField("name", field_types.STRING)])
    layer.updateFields()
    features = []
    for attrs, geom in parts:
        f = QgsFeature(layer.fields())
        f.setAttributes([attrs.get("name")])
        f.setGeometry(geom)
        features.append(f)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    return layer


def china_provinces(view: str = CHINA_VIEW) -> list[tuple[str, QgsGeometry]]:
    """(name, geometry) of China's provinces as the view has them (lon/lat)."""
    layer = QgsVectorLayer(f"{world_map_path()}|layername=states_provinces", "p", "ogr")
    codes = ("CHN", "HKG", "MAC", "TWN") if view == CHINA_VIEW else ("CHN", "HKG", "MAC")
    quoted = ", ".join(f"'{c}'" for c in codes)
    request = QgsFeatureRequest().setFilterExpression(f'"adm0_a3" IN ({quoted})')
    groups: dict[str, list[QgsGeometry]] = {}
    for f in layer.getFeatures(request):
        # Taiwan's counties, Hong Kong's districts: one province-level unit each.
        key = {"TWN": "Taiwan", "HKG": "Hong Kong", "MAC": "Macao"}.get(f["adm0_a3"], f["name"])
        groups.setdefault(key, []).append(f.geometry())
    out = {name: QgsGeometry.unaryUnion(parts) for name, parts in groups.items()}
    if view == CHINA_VIEW and "Xizang" in out:
        # The claim areas join the province they border (Arunachal Pradesh: Xizang).
        for area in chinese_claim_areas():
            out["Xizang"] = out["Xizang"].combine(area)
    return sorted(out.items())


def china_outline(view: str = CHINA_VIEW, user_layer: QgsVectorLayer | None = None) -> QgsGeometry:
    """China's territory in the view, one (multi)polygon in lon/lat."""
    if view == USER_VIEW and user_layer is not None:
        from qgis.core import QgsCoordinateTransform, QgsProject

        from .projections import WGS84

        to_wgs = QgsCoordinateTransform(user_layer.crs(), WGS84, QgsProject.instance())
        parts = []
        for f in user_layer.getFeatures():
            g = QgsGeometry(f.geometry())
            if not g.isEmpty():
                g.transform(to_wgs)
                parts.append(g)
        return QgsGeometry.unaryUnion(parts)
    codes = ("CHN", "HKG", "MAC", "TWN") if view == CHINA_VIEW else ("CHN", "HKG", "MAC")
    parts = list(_country_geometries(codes).values())
    if view == CHINA_VIEW:
        parts += chinese_claim_areas()
    return QgsGeometry.unaryUnion(parts)


def china_basemap(
    view: str = CHINA_VIEW, user_layer: QgsVectorLayer | None = None
) -> dict[str, QgsVectorLayer]:
    """Styled layers of a China map, bottom to top: neighbours, china, provinces,
    border, and in the china view the South China Sea line and islands.

    Keys: "neighbours", "china", "provinces", "border", "dashes", "islands", "groups"."""
    from qgis.core import QgsLineSymbol, QgsMarkerSymbol

    from ..core.palette import CHINA_MAP

    if view not in BOUNDARY_VIEWS:
        raise ValueError(f"unknown boundary view {view!r}; one of {', '.join(BOUNDARY_VIEWS)}")
    if view == USER_VIEW and user_layer is None:
        raise ValueError("the 'user' boundary view needs a boundary layer")
    outline = china_outline(view, user_layer)
    # Neighbours: the world without China's territory in this view (so that Taiwan, or
    # the claim areas, are not drawn twice in two colours).
    world = QgsVectorLayer(f"{world_map_path()}|layername=countries", "countries", "ogr")
    drop = ("CHN", "HKG", "MAC", "TWN") if view != DE_FACTO_VIEW else ("CHN", "HKG", "MAC")
    neighbours = []
    near = QgsRectangle(40.0, -15.0, 180.0, 80.0)
    for f in world.getFeatures(QgsFeatureRequest().setFilterRect(near)):
        if f["ISO_A3"] in drop:
            continue
        geom = f.geometry()
        if view != DE_FACTO_VIEW and geom.intersects(outline):
            geom = geom.difference(outline)
        neighbours.append(({"name": f["NAME"]}, geom))
    layers = {"neighbours": _polygon_layer(tr("Neighbouring countries"), neighbours)}
    layers["neighbours"].setRenderer(
        QgsSingleSymbolRenderer(
            QgsFillSymbol.createSimple(
                {
                    "color": CHINA_MAP["neighbour"],
                    "outline_color": CHINA_MAP["neighbour_border"],
                    "outline_width": "0.15",
                }
            )
        )
    )
    layers["china"] = _polygon_layer(tr("China"), [({"name": "China"}, outline)])
    layers["china"].setRenderer(
        QgsSingleSymbolRenderer(
            QgsFillSymbol.createSimple({"color": CHINA_MAP["china"], "outline_style": "no"})
        )
    )
    if view == USER_VIEW:
        from qgis.core import QgsCoordinateTransform, QgsProject

        from .projections import WGS84

        to_wgs = QgsCoordinateTransform(user_layer.crs(), WGS84, QgsProject.instance())
        provinces = []
        for f in user_layer.getFeatures():
            g = QgsGeometry(f.geometry())
            g.transform(to_wgs)
            provinces.append(({"name": None}, g))
    else:
        provinces = [({"name": n}, g) for n, g in china_provinces(view)]
    layers["provinces"] = _polygon_layer(tr("Provinces"), provinces)
    layers["provinces"].setRenderer(
        QgsSingleSymbolRenderer(
            QgsFillSymbol.createSimple(
                {
                    "color": "0,0,0,0",
                    "outline_color": CHINA_MAP["province"],
                    "outline_width": "0.18",
                }
            )
        )
    )
    layers["border"] = _polygon_layer(tr("National border"), [({"name": "China"}, outline)])
    layers["border"].setRenderer(
        QgsSingleSymbolRenderer(
            QgsFillSymbol.createSimple(
                {
                    "color": "0,0,0,0",
                    "outline_color": CHINA_MAP["border"],
                    "outline_width": "0.4",
                }
            )
        )
    )
    # The islands are land in every view (the world map is too coarse to have them);
    # the dashed line is China's claim, drawn in its view only.
    path = south_china_sea_path()
    if view == CHINA_VIEW:
        dashes = QgsVectorLayer(
            f"{path}|geometrytype=LineString", tr("South China Sea line"), "ogr"
        )
        dashes.setSubsetString("\"kind\" = 'dash'")
        dashes.setRenderer(
            QgsSingleSymbolRenderer(
                QgsLineSymbol.createSimple(
                    {"color": CHINA_MAP["border"], "width": "0.45", "capstyle": "flat"}
                )
            )
        )
        layers["dashes"] = dashes
    islands = QgsVectorLayer(f"{path}|geometrytype=Point", tr("Islands"), "ogr")
    islands.setSubsetString("\"kind\" = 'island'")
    islands.setRenderer(
        QgsSingleSymbolRenderer(
            QgsMarkerSymbol.createSimple(
                {
                    "name": "circle",
                    "color": CHINA_MAP["island"],
                    "outline_color": CHINA_MAP["border"],
                    "outline_width": "0.1",
                    "size": "0.9",
                }
            )
        )
    )
    groups = QgsVectorLayer(f"{path}|geometrytype=Point", tr("Island groups"), "ogr")
    groups.setSubsetString("\"kind\" = 'group'")
    groups.setRenderer(
        QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple({"name": "circle", "size": "0"}))
    )
    layers.update(islands=islands, groups=groups)
    return layers


def continents(min_area: float = 20.0) -> list[QgsGeometry]:
    """The big landmasses (lon/lat): the world map's countries merged, parts larger than
    `min_area` square degrees (islands such as the Azores or Hawaii are not continents)."""
    global _CONTINENTS
    if _CONTINENTS is None:
        layer = QgsVectorLayer(f"{world_map_path()}|layername=countries", "countries", "ogr")
        # Simplified and slightly grown first: the union is then quick, and neighbours
        # whose coarse borders do not quite meet still merge.
        merged = QgsGeometry.unaryUnion(
            [f.geometry().simplify(0.1).buffer(0.05, 2) for f in layer.getFeatures()]
        )
        _CONTINENTS = [p for p in merged.asGeometryCollection() if p.area() >= 1.0]
    return [part for part in _CONTINENTS if part.area() >= min_area]


_CONTINENTS: list | None = None
