"""The regional preset of the publication map: the net-inflow choropleth of a REGIONS
layer under the map's cities and flows, and its classes in the legend.

Kept apart from layout.py: it adds to a layout that layout.build_layout made.
"""

from __future__ import annotations

from qgis.core import QgsFeatureRequest, QgsLayoutItemLegend, QgsLayoutItemMap, QgsVectorLayer

from ..core.schema import WGS84_AUTHID
from ..translation import tr, translated
from . import basemap, projections
from .regions import style_regions
from .render_guard import layers_changing


def add_regions(
    project, layout, spec, regions: QgsVectorLayer, hide_cities: bool = False
) -> QgsVectorLayer:
    """Draw `regions` (the REGIONS output of Regional flows) in the layout built for `spec`.

    `hide_cities`: leave the city symbols out (region flows run between points inside
    the regions, not between cities)."""
    map_item = layout.itemById("map")
    with translated("zh_CN" if spec.language == "zh" else "en_US"):
        copy = regions.materialize(QgsFeatureRequest())
        seam = (
            projections.seam_longitude(map_item.crs())
            if isinstance(map_item, QgsLayoutItemMap)
            else None
        )
        if seam is not None and copy.crs().authid() == WGS84_AUTHID:
            copy = basemap._cut_at(copy, seam)  # no bands across a world map
        copy.setName(tr("Regions"))
        style_regions(copy, spec.language)
    with layers_changing(project):
        project.addMapLayer(copy, False)
    group = project.layerTreeRoot().findGroup(spec.layout_name)
    if group is not None:
        group.addLayer(copy)
    spec.layers.append(copy)
    cities = (  # by role, not by the (translated) layer name
        [lyr for lyr in spec.layers if lyr.customProperty("backflow/role") == "cities"]
        if hide_cities
        else []
    )
    if isinstance(map_item, QgsLayoutItemMap):
        layers = [lyr for lyr in map_item.layers() if lyr not in cities]
        # Above the basemap's fills (China's fill and its neighbours, or the world: the
        # last layers), under the province lines, cities and flows.
        fills = [i for i, lyr in enumerate(layers) if lyr.customProperty("backflow/role") == "fill"]
        at = fills[0] if fills else max(len(layers) - 1, 0)
        map_item.setLayers(layers[:at] + [copy] + layers[at:])
    legend = layout.itemById("legend")
    if isinstance(legend, QgsLayoutItemLegend):
        root = legend.model().rootGroup()
        for layer in cities:
            root.removeLayer(layer)
        root.addLayer(copy)
        if legend.columnCount() > 1:
            legend.setColumnCount(legend.columnCount() + 1)
        legend.adjustBoxSize()
        legend.refresh()
    layout.refresh()
    return copy
