"""What a publication map is made of: its layers, frame, page, texts and figure (``MapSpec``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsRectangle,
    QgsVectorLayer,
)

from ..core.disclosure.rules import ThresholdCheck
from . import basemap, renderers
from .projections import CHINA


@dataclass
class MapSpec:
    """Everything the publication map needs; defaults make a China map on A4 landscape."""

    cities: QgsVectorLayer
    flows: QgsVectorLayer
    routes: QgsVectorLayer | None = None
    preset: str = CHINA
    extent: QgsRectangle | None = None  # for USER, in extent_crs
    extent_crs: QgsCoordinateReferenceSystem | None = None
    page: str = "A4"
    landscape: bool = True
    title: str = ""
    subtitle: str = ""
    show_title: bool = True  # off: no title or subtitle (a journal captions its figures)
    language: str = "en"
    min_count: int = 5
    colour_by: str = renderers.COLOUR_BY_TYPE
    flow_types: list[str] | None = None
    inset: bool = True
    layout_name: str = "Backflow map"
    source: str = ""
    # China maps: "china", "de_facto" or "user" (basemap.BOUNDARY_VIEWS); None: "user"
    # with a boundary layer, else "china" in every language (what journals in China
    # require; "de_facto" on request).
    boundary_view: str | None = None
    boundary_layer: QgsVectorLayer | None = None  # the "user" view's polygons
    review_number: str = ""  # the user layer's map review number (审图号), printed
    layers: list = field(default_factory=list)  # filled by build_layout: layers it created
    hidden_flows: int = 0  # filled by build_layout: flows left out under min_count
    hidden_cities: int = 0  # filled by build_layout: cities left out under min_count
    threshold: ThresholdCheck | None = None  # filled by build_layout: the drawn flow types
    # The paper's figures (styling/figures.py): "map", "figure2" or "figure3".
    figure: str = "map"
    min_links: int = 5  # Figure 2: cities linked to more than this many others
    tier_measure: str = ""  # Figure 2: node size by the measure the tiers were cut on
    stages: QgsVectorLayer | None = None  # Figure 3: the STAGES layer
    persons: list[str] = field(default_factory=list)  # Figure 3: whose tracks
    # Figure 3: {person_id: pattern} from the run; None: read from `routes`
    patterns: dict[str, str] | None = None

    @property
    def view(self) -> str:
        if self.boundary_view:
            return self.boundary_view
        if self.boundary_layer is not None:
            return basemap.USER_VIEW
        return basemap.CHINA_VIEW
