"""Small helpers every layer style uses: the label language and its font, a field test
and its largest value, the field that sizes city circles, round class breaks. Shared by ``renderers`` and ``regions``, which import them from here.
"""

from __future__ import annotations

import math

from qgis.core import QgsTextBufferSettings, QgsTextFormat, QgsUnitTypes, QgsVectorLayer
from qgis.PyQt.QtGui import QColor, QFont, QFontDatabase

from ..core.palette import BASEMAP, TEXT
from ..translation import user_locale

NICE = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000)
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "SimHei",
    "Noto Sans SC",
)


def has_field(layer: QgsVectorLayer, name: str) -> bool:
    return layer.fields().indexOf(name) >= 0


def default_language() -> str:
    """'zh' when QGIS runs in Chinese, else 'en'."""
    return "zh" if user_locale().lower().startswith("zh") else "en"


def label_font_family(language: str) -> str:
    """A font that has the glyphs: a CJK family for Chinese when one is installed."""
    if language == "zh":
        families = set(QFontDatabase().families())
        for name in CJK_FONTS:
            if name in families:
                return name
    return QFont().defaultFamily() if language == "zh" else "Noto Sans"


def label_format(
    language: str,
    size: float,
    colour: str = TEXT,
    bold: bool = False,
    halo: float = 1.0,
    halo_opacity: float = 1.0,
) -> QgsTextFormat:
    """A map label's text: the language's font, `size` in points, and a halo of `halo` mm
    in the basemap's halo colour so it reads over lines and land (none when `halo` is 0)."""
    fmt = QgsTextFormat()
    font = QFont(label_font_family(language))
    font.setBold(bold)
    fmt.setFont(font)
    fmt.setSize(size)
    fmt.setSizeUnit(QgsUnitTypes.RenderUnit.RenderPoints)
    fmt.setColor(QColor(colour))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(halo > 0)
    buffer.setSize(halo)
    buffer.setColor(QColor(BASEMAP["halo"]))
    buffer.setOpacity(halo_opacity)
    fmt.setBuffer(buffer)
    return fmt


def nice_breaks(min_count: int, max_count: float, classes: int = 4) -> list[int]:
    """Lower bounds of up to `classes` width classes from min_count to max_count (1-2-3-5)."""
    low = max(int(min_count), 1)
    top = max(int(math.ceil(max_count)), low)
    candidates = [v for v in NICE if low < v <= top]
    if len(candidates) >= classes:
        # Spread evenly in log space over the candidates.
        picks = []
        for i in range(1, classes):
            target = math.exp(math.log(low) + (math.log(top) - math.log(low)) * i / classes)
            best = min(candidates, key=lambda v: abs(math.log(v) - math.log(target)))
            if best not in picks and best > low:
                picks.append(best)
        candidates = sorted(picks)
    return [low] + candidates[: classes - 1]


def field_max(layer: QgsVectorLayer, field: str, default: float = 1.0) -> float:
    idx = layer.fields().indexOf(field)
    value = layer.maximumValue(idx) if idx >= 0 else None
    try:
        return float(value) if value not in (None, "") else default
    except (TypeError, ValueError):
        return default


def city_size_field(layer: QgsVectorLayer | None) -> str:
    # Betweenness first: it is zero for the many cities that only send people, so the
    # hubs stand out (degree, the default tier measure, gives every birthplace a circle).
    # A field that is zero for every city (betweenness in a small study's star-shaped
    # network) would draw every city as a dot under a size key of values nobody has.
    for name in ("betweenness", "returnees"):
        if layer is not None and has_field(layer, name) and field_max(layer, name, 0.0) > 0:
            return name
    return "persons"
