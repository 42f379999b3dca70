"""The publication map: a print layout with map, legend, scale bar, notes; and its export."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsFeatureRequest,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutMeasurement,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendStyle,
    QgsMapLayerLegendUtils,
    QgsPrintLayout,
    QgsProject,
    QgsScaleBarSettings,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont

from ..core.disclosure.rules import map_mostly_hidden
from ..core.palette import BASEMAP, TEXT
from ..translation import tr, translated
from . import basemap, china_frame, figures, projections
from .figure3_detail import add_detail_panel
from .label_check import untangle_leaders
from .layout_fit import fit_map, place
from .layout_frame import frame_for
from .layout_layers import map_layers, rescue_labels, spec_patterns, stacked
from .layout_layers import route_patterns as route_patterns  # publication_map reads it here
from .map_spec import MapSpec
from .projections import CHINA
from .render_guard import layers_changing

PAGES_MM = {"A4": (297.0, 210.0), "A3": (420.0, 297.0)}
MARGIN = 10.0
SOURCE_CREDITS = "Places: GeoNames (CC BY 4.0). Basemap: Natural Earth via QGIS world map."


# ------------------------------------------------------------------ layout


def _label(
    layout, text: str, size: float, bold: bool = False, colour: str = TEXT
) -> QgsLayoutItemLabel:
    item = QgsLayoutItemLabel(layout)
    item.setText(text)
    font = QFont("Noto Sans")
    font.setPointSizeF(size)
    font.setBold(bold)
    item.setFont(font)
    item.setFontColor(QColor(colour))
    item.setMode(QgsLayoutItemLabel.Mode.ModeFont)
    layout.addLayoutItem(item)
    return item


def notes_text(spec: MapSpec, projection: str) -> str:
    lines = []
    # The small-count note only where small flows were in fact left out.
    if spec.figure == figures.FIGURE_3:
        pass  # persons' own tracks: no flows, so nothing is hidden
    elif spec.threshold is not None and spec.threshold.total and not spec.threshold.shown:
        lines.append(
            tr(
                "No flow is shown: all {:,} have fewer than {} persons (small counts could "
                "identify people)."
            ).format(spec.threshold.total, spec.min_count)
        )
    elif spec.threshold is not None and map_mostly_hidden(spec.threshold):
        # a small study at this threshold: said first, so the reader knows the map is thin
        lines.append(
            tr(
                "Most flows are not shown: {:,} of {:,} have fewer than {} persons (small "
                "counts could identify people)."
            ).format(spec.threshold.hidden, spec.threshold.total, spec.min_count)
        )
    elif spec.hidden_flows > 0:
        lines.append(
            tr(
                "{:,} flows of fewer than {} persons are not shown: small counts could "
                "identify people."
            ).format(spec.hidden_flows, spec.min_count)
        )
    elif spec.min_count <= 1:
        lines.append(tr("All flows are shown, including single persons: check before publishing."))
    if spec.figure != figures.FIGURE_3 and spec.hidden_cities > 0:
        lines.append(
            tr("{:,} cities of fewer than {} persons are not shown.").format(
                spec.hidden_cities, spec.min_count
            )
        )
    if spec.figure == figures.FIGURE_2:
        lines.append(
            tr("Only cities linked to more than {} other cities, and the flows among them.").format(
                spec.min_links
            )
        )
    if spec.figure == figures.FIGURE_3:
        lines.append(
            tr("Persons: {}.").format(figures.persons_key(spec.persons, spec_patterns(spec)))
        )
    if spec.preset == CHINA:
        lines.append(boundary_note(spec))
    lines += [
        tr("Projection: {}.").format(projection),
        (tr("Data: {}.").format(spec.source) + " " if spec.source else "")
        + tr("Places: GeoNames (CC BY 4.0). Basemap: Natural Earth via QGIS world map."),
        tr("Made with Backflow for QGIS {}.").format(Qgis.QGIS_VERSION.split("-")[0]),
    ]
    return "\n".join(lines)


def boundary_note(spec: MapSpec) -> str:
    """Which boundaries the China map draws (and the review number of a user's map)."""
    view = spec.view
    if view == basemap.CHINA_VIEW:
        return tr(
            "Boundaries: China's view (claimed borders from Natural Earth's disputed "
            "borders; South China Sea line from Natural Earth's maritime indicators, the "
            "dash east of Taiwan approximate; resources/boundaries)."
        )
    if view == basemap.USER_VIEW:
        name = spec.boundary_layer.name() if spec.boundary_layer is not None else ""
        text = tr("Boundaries: the user's layer '{}'.").format(name)
        if spec.review_number:
            text += " " + tr("Map review number: {}.").format(spec.review_number)
        return text
    return tr("Boundaries: de facto, as QGIS's world map (Natural Earth) draws them.")


def build_layout(project, spec, feedback=None):
    """The print layout for `spec`, its texts and legend in the map's language."""
    with translated("zh_CN" if spec.language == "zh" else "en_US"):
        return _build_layout(project, spec, feedback)


def _build_layout(project: QgsProject, spec: MapSpec, feedback=None) -> QgsPrintLayout:
    """A print layout for the spec, added to `project` (replacing one of the same name)."""
    crs, extent, world, projection = frame_for(spec)
    # With the South China Sea in the inset, the main map ends south of Hainan (the sea
    # is not drawn twice) and its frame takes the cut extent's shape.
    cut = spec.preset == CHINA and spec.inset and not world
    if cut:
        extent = china_frame.cut_extent(extent, crs)
    layers = map_layers(spec, crs, world, feedback)
    group = project.layerTreeRoot().findGroup(spec.layout_name)
    if group is None:
        group = project.layerTreeRoot().addGroup(spec.layout_name)
    group.removeAllChildren()
    with layers_changing(project):
        for lyr in stacked(layers):
            project.addMapLayer(lyr, False)
            group.addLayer(lyr)
    group.setItemVisibilityChecked(False)
    group.setExpanded(False)
    spec.layers = stacked(layers)

    manager = project.layoutManager()
    old = manager.layoutByName(spec.layout_name)
    if old is not None:
        manager.removeLayout(old)
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(spec.layout_name)
    width, height = PAGES_MM.get(spec.page, PAGES_MM["A4"])
    if not spec.landscape:
        width, height = height, width
    page = layout.pageCollection().page(0)
    page.setPageSize(QgsLayoutSize(width, height, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    manager.addLayout(layout)

    scale = width / 297.0 if spec.landscape else height / 297.0
    top = MARGIN
    if spec.show_title:
        title = _label(
            layout, spec.title or tr("Return migration of highly skilled people"), 16 * scale, True
        )
        place(title, MARGIN, MARGIN - 2, width - 2 * MARGIN, 9 * scale)
        title.setId("title")
        top = MARGIN - 2 + 9 * scale
        if spec.subtitle:
            subtitle = _label(layout, spec.subtitle, 10 * scale, colour="#555555")
            place(subtitle, MARGIN, top, width - 2 * MARGIN, 6 * scale)
            subtitle.setId("subtitle")
            top += 6 * scale
        top += 2

    # Legend and notes go in a side panel or in a band below the map, whichever
    # leaves the larger map; the frame takes the extent's shape.
    aspect = extent.width() / extent.height()
    panel, band = 66.0 * scale, (46.0 if spec.landscape else 62.0) * scale

    def fit(w: float, h: float) -> tuple[float, float]:
        return (h * aspect, h) if w / h > aspect else (w, w / aspect)

    side = fit(width - 2 * MARGIN - panel - 5, height - top - MARGIN)
    below = fit(width - 2 * MARGIN, height - top - MARGIN - band - 4)
    in_panel = side[0] * side[1] >= below[0] * below[1]
    map_w, map_h = side if in_panel else below
    if not world and not cut:
        # A regional map fills the space: the frame shows more of the surroundings
        # rather than leaving the page blank (a world map keeps the world's shape).
        map_w = width - 2 * MARGIN - panel - 5 if in_panel else width - 2 * MARGIN
        map_h = height - top - MARGIN if in_panel else height - top - MARGIN - band - 4
    map_x = MARGIN if in_panel else (width - map_w) / 2
    order = stacked(layers)

    map_item = QgsLayoutItemMap(layout)
    map_item.setId("map")
    layout.addLayoutItem(map_item)
    map_item.setCrs(crs)
    fit_map(map_item, extent, map_x, top, map_w, map_h)
    map_item.setLayers(order)
    map_item.setKeepLayerSet(True)
    map_item.setBackgroundColor(QColor(BASEMAP["water"]))
    map_item.setFrameEnabled(True)
    map_item.setFrameStrokeColor(QColor(BASEMAP["frame"]))
    map_item.setFrameStrokeWidth(
        QgsLayoutMeasurement(0.3, QgsUnitTypes.LayoutUnit.LayoutMillimeters)
    )

    if not world:
        _scale_bar(layout, map_item, map_x + 4, top + map_h - 14 * scale, scale)
        arrow = QgsLayoutItemPicture(layout)
        arrow.setId("north arrow")
        arrow.setPicturePath(QgsApplication.pkgDataPath() + "/svg/arrows/NorthArrow_02.svg")
        arrow.setLinkedMap(map_item)
        arrow.setNorthMode(QgsLayoutItemPicture.NorthMode.TrueNorth)
        layout.addLayoutItem(arrow)
        place(arrow, map_x + 4, top + 4, 7 * scale, 10 * scale)
        if spec.preset == CHINA and spec.inset:
            inset = _inset(
                layout,
                layers.get("china_base") or [layers["basemap"]],
                map_x + map_w,
                top + map_h,
                scale,
                tr("South China Sea Islands")
                if spec.view == basemap.CHINA_VIEW
                else tr("South China Sea"),
            )
            china_frame.keep_lines_clear(inset, map_item, layers.get("china_lines", []))
            china_frame.caption_clear_of_lines(
                layout.itemById("inset caption"), inset, layers.get("china_lines", [])
            )

    if "cities" in layers and not world:
        rescue_labels(map_item, layers["cities"], spec)
    if spec.figure == figures.FIGURE_3:
        add_detail_panel(layout, map_item, layers, layers.get("china_base") or [layers["basemap"]])
        untangle_leaders(map_item, layers["stops"], free=True)  # stage numbers set apart

    legend = QgsLayoutItemLegend(layout)
    legend.setId("legend")
    legend.setTitle("")
    legend.setLinkedMap(map_item)
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    root.removeAllChildren()
    for key in ("flows", "cities", "routes", "tracks", "stops"):
        if key in layers:
            node = root.addLayer(layers[key])
            if key == "routes":
                _legible_route_keys(legend, node, layers[key])
    if spec.preset == CHINA:
        boundaries = root.addGroup(tr("Boundaries"))
        with layers_changing(project):
            for key_layer in china_frame.boundary_keys(spec.view, basemap.CHINA_VIEW):
                project.addMapLayer(key_layer, False)
                group.addLayer(key_layer)
                boundaries.addLayer(key_layer)
    legend.setSymbolWidth(8 * scale)
    legend.setSymbolHeight(3.5 * scale)
    legend.setStyleFont(QgsLegendStyle.Style.Title, _font(10 * scale, True))
    legend.setStyleFont(QgsLegendStyle.Style.Subgroup, _font(8.5 * scale, True))
    legend.setStyleFont(QgsLegendStyle.Style.Group, _font(8.5 * scale, True))
    legend.setStyleFont(QgsLegendStyle.Style.SymbolLabel, _font(7.5 * scale))
    legend.setBackgroundEnabled(False)
    legend.setResizeToContents(True)
    layout.addLayoutItem(legend)
    notes = _label(layout, notes_text(spec, projection), 6.5 * scale, colour="#444444")
    notes.setId("notes")
    if in_panel:
        x = map_x + map_w + 5
        legend.attemptMove(QgsLayoutPoint(x, top, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
        place(notes, x, top + map_h - 36 * scale, panel, 36 * scale)
    else:
        notes_w = 78.0 * scale
        legend.setColumnCount(len(root.children()))
        legend.setSplitLayer(False)
        legend.setEqualColumnWidth(False)
        legend.attemptMove(
            QgsLayoutPoint(map_x, top + map_h + 3, QgsUnitTypes.LayoutUnit.LayoutMillimeters)
        )
        place(notes, map_x + map_w - notes_w, top + map_h + 3, notes_w, band - 4)
        notes.setVAlign(Qt.AlignmentFlag.AlignTop)
    if in_panel:
        notes.setVAlign(Qt.AlignmentFlag.AlignBottom)
    notes.setHAlign(Qt.AlignmentFlag.AlignLeft)
    legend.adjustBoxSize()
    legend.refresh()
    if in_panel:  # a long legend (boundary keys, a short cut map) pushes the notes down
        from qgis.core import QgsLegendRenderer

        size = QgsLegendRenderer(legend.model(), legend.legendSettings()).minimumSize()
        legend_bottom = top + size.height() + 3
        if legend_bottom > notes.positionWithUnits().y():
            notes.setVAlign(Qt.AlignmentFlag.AlignTop)
            place(notes, map_x + map_w + 5, legend_bottom, panel, height - MARGIN - legend_bottom)
    return layout


def _legible_route_keys(legend, node, routes: QgsVectorLayer) -> None:
    """Routes are drawn nearly transparent (overlaps make the density); their legend
    keys are drawn stronger, or they would not show."""
    items = routes.renderer().legendSymbolItems()
    for index, item in enumerate(items):
        if item.symbol() is None:
            continue
        symbol = item.symbol().clone()
        symbol.setOpacity(0.7)
        symbol.setWidth(0.6)
        QgsMapLayerLegendUtils.setLegendNodeCustomSymbol(node, index, symbol)
    legend.model().refreshLayerLegend(node)


def _font(size: float, bold: bool = False) -> QFont:
    font = QFont("Noto Sans")
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


def _scale_bar(layout, map_item, x: float, y: float, scale: float) -> QgsLayoutItemScaleBar:
    bar = QgsLayoutItemScaleBar(layout)
    bar.setId("scale bar")
    bar.setStyle("Single Box")
    bar.setLinkedMap(map_item)
    bar.setUnits(QgsUnitTypes.DistanceUnit.DistanceKilometers)
    bar.setUnitLabel(tr("km"))
    bar.setNumberOfSegmentsLeft(0)
    bar.setNumberOfSegments(2)
    bar.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeMode.SegmentSizeFixed)
    map_width_km = map_item.extent().width() / 1000.0
    step = next(
        (s for s in (1000, 500, 250, 200, 100, 50, 25, 10, 5, 2, 1) if s * 2 <= map_width_km / 5), 1
    )
    bar.setUnitsPerSegment(step)
    bar.setHeight(1.5 * scale)
    bar.setFont(_font(7 * scale))
    bar.setBackgroundEnabled(True)
    bar.setBackgroundColor(QColor(255, 255, 255, 200))
    layout.addLayoutItem(bar)
    bar.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    bar.refresh()
    return bar


def _inset(
    layout, base_layers, right: float, bottom: float, scale: float, title: str = ""
) -> QgsLayoutItemMap:
    """The South China Sea inset (南海诸岛), in the main map's lower-right corner."""
    crs = projections.china_crs()
    extent = projections.project_extent(projections.SOUTH_CHINA_SEA_EXTENT, crs)
    h = 48.0 * scale
    w = h * extent.width() / extent.height()
    inset = QgsLayoutItemMap(layout)
    inset.setId("inset")
    inset.setCrs(crs)
    inset.setLayers(list(base_layers))
    inset.setKeepLayerSet(True)
    inset.setBackgroundColor(QColor(BASEMAP["water"]))
    inset.setFrameEnabled(True)
    inset.setFrameStrokeColor(QColor(BASEMAP["frame"]))
    layout.addLayoutItem(inset)
    fit_map(inset, extent, right - w, bottom - h, w, h)
    caption = _label(layout, title or tr("South China Sea Islands"), 6 * scale, colour="#555555")
    caption.setId("inset caption")
    caption.setHAlign(Qt.AlignmentFlag.AlignRight)
    place(caption, right - w, bottom - 5 * scale, w - 1.5, 4 * scale)
    return inset


# ------------------------------------------------------------------ export


def export(layout: QgsPrintLayout, path: str, dpi: int = 300) -> str:
    """Export to PDF (vector), SVG or PNG/JPG by the file's suffix; returns the path."""
    exporter = QgsLayoutExporter(layout)
    suffix = Path(path).suffix.lower()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".pdf":
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.dpi = dpi
        settings.forceVectorOutput = True
        settings.rasterizeWholeImage = False
        settings.appendGeoreference = True
        # Map labels as text, not outlines: searchable, and editable in a drawing program.
        settings.textRenderFormat = Qgis.TextRenderFormat.AlwaysText
        result = exporter.exportToPdf(path, settings)
    elif suffix == ".svg":
        settings = QgsLayoutExporter.SvgExportSettings()
        settings.dpi = dpi
        settings.forceVectorOutput = True
        settings.textRenderFormat = Qgis.TextRenderFormat.AlwaysText
        result = exporter.exportToSvg(path, settings)
    else:
        settings = QgsLayoutExporter.ImageExportSettings()
        settings.dpi = dpi
        result = exporter.exportToImage(path, settings)
    if result != QgsLayoutExporter.ExportResult.Success:
        raise OSError(f"could not export the layout to {path}: {exporter.errorFile() or result}")
    return path


def drawn_flows(spec: MapSpec) -> QgsVectorLayer | None:
    """The flows layer that build_layout drew for `spec` (whatever its language)."""
    return next(
        (lyr for lyr in spec.layers if lyr.customProperty("backflow/role") == "flows"), None
    )


def frame_years(flows: QgsVectorLayer) -> list[int]:
    """The return years: first years of the backflow flows (of every flow when the map
    draws no backflow)."""
    request = QgsFeatureRequest()
    if flows.fields().indexOf("flow_type") >= 0 and any(
        f["flow_type"] == "backflow" for f in flows.getFeatures()
    ):
        request.setFilterExpression("\"flow_type\" = 'backflow'")
    years = set()
    for f in flows.getFeatures(request):
        value = f["first_year"]
        if value not in (None, "") and str(value) != "NULL":
            years.add(int(value))
    return sorted(years)


def export_frames(layout: QgsPrintLayout, spec: MapSpec, path: str, dpi: int = 300, feedback=None):
    """One file per return year beside `path` (stem_YYYY.ext): each frame draws the
    flows that began by that year (their `first_year`), with the year written on the map.

    Returns the paths written; none when the flows carry no `first_year`."""
    flows = drawn_flows(spec)
    if flows is None or flows.fields().indexOf("first_year") < 0:
        return []
    years = frame_years(flows)
    map_item = layout.itemById("map")
    stamp = _label(layout, "", 22, True, colour="#444444")
    stamp.setId("frame year")
    box = map_item.sizeWithUnits()
    pos = map_item.positionWithUnits()
    place(stamp, pos.x() + box.width() - 45, pos.y() + 3, 42, 12)
    stamp.setHAlign(Qt.AlignmentFlag.AlignRight)
    stem, suffix = Path(path).with_suffix(""), Path(path).suffix
    written = []
    try:
        for year in years:
            if feedback is not None and feedback.isCanceled():
                break
            flows.setSubsetString(f'"first_year" <= {year}')
            stamp.setText(str(year))
            map_item.invalidateCache()
            written.append(export(layout, f"{stem}_{year}{suffix}", dpi))
    finally:
        flows.setSubsetString("")
        layout.removeLayoutItem(stamp)
    return written
