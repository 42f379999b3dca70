"""One meaning per colour: no two meanings (flow types, route patterns, tiers, stage
points) share a colour, and flow types and patterns never share a hue."""

from __future__ import annotations

import colorsys
import itertools

from backflow_plugin.core import palette


def hls(colour: str) -> tuple[float, float, float]:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return colorsys.rgb_to_hls(r, g, b)


def is_grey(colour: str) -> bool:
    _, lightness, saturation = hls(colour)
    return saturation < 0.1 or lightness < 0.05


def hue_gap(a: str, b: str) -> float:
    d = abs(hls(a)[0] - hls(b)[0]) * 360
    return min(d, 360 - d)


def clashes(colours: dict[str, str], min_hue: float, min_lightness: float) -> list:
    """Pairs of meanings too close: chromatic colours closer than `min_hue` degrees of
    hue, greys closer than `min_lightness` in lightness."""
    out = []
    for (m1, c1), (m2, c2) in itertools.combinations(colours.items(), 2):
        if is_grey(c1) and is_grey(c2):
            if abs(hls(c1)[1] - hls(c2)[1]) < min_lightness:
                out.append((m1, m2))
        elif not is_grey(c1) and not is_grey(c2) and hue_gap(c1, c2) < min_hue:
            out.append((m1, m2))
    return out


def test_no_two_meanings_share_a_colour():
    colours = palette.meaning_colours()
    upper = [c.upper() for c in colours.values()]
    assert len(set(upper)) == len(upper), colours
    # greys of different meanings differ in lightness, whatever they belong to
    assert clashes(colours, min_hue=0.0, min_lightness=0.06) == []


def test_flow_types_and_patterns_never_share_a_hue_nor_a_tiers():
    lines = {f"flow {k}": v for k, v in palette.FLOW_TYPE_COLOURS.items()}
    lines.update({f"pattern {k}": v for k, v in palette.PATTERN_COLOURS.items() if k})
    assert clashes(lines, min_hue=30.0, min_lightness=0.06) == []
    tiers = {f"tier {k}": v for k, v in palette.TIER_COLOURS.items() if isinstance(k, int)}
    for (m1, c1), (m2, c2) in itertools.product(lines.items(), tiers.items()):
        if not is_grey(c1):
            assert hue_gap(c1, c2) >= 25.0, (m1, m2)


def test_the_world_maps_way_out_and_way_back_are_two_hues():
    out, back = palette.FLOW_TYPE_COLOURS["outbound"], palette.FLOW_TYPE_COLOURS["backflow"]
    assert hue_gap(out, back) >= 90.0


def test_the_rule_catches_two_blues():
    """The check itself: two blues of different lightness (the old outbound and
    backflow) are a clash."""
    assert clashes({"a": "#56B4E9", "b": "#0072B2"}, 30.0, 0.06) == [("a", "b")]
    assert clashes({"a": "#8C8C8C", "b": "#909090"}, 30.0, 0.06) == [("a", "b")]
    assert clashes({"a": "#0072B2", "b": "#CC79A7"}, 30.0, 0.06) == []


def test_charts_use_the_map_meanings():
    from backflow_plugin.core.report import charts as report_charts

    assert report_charts.BAR == palette.FLOW_TYPE_COLOURS["backflow"]
    assert report_charts.BAR_HIGHLIGHT not in palette.meaning_colours().values()
    assert not set(palette.GROUP_SERIES) & set(palette.meaning_colours().values())


def test_report_charts_draw_tiers_and_patterns_in_their_map_colours():
    """A chart that shows tiers or patterns uses their colours, and a chart that shows
    groups beside the tiers (the Sankey's regions) gives no group a tier's hue."""
    import pandas as pd

    from backflow_plugin.core.report import sankey, trends_section

    tiers = [palette.TIER_COLOURS[t] for t in (1, 2, 3)]
    regions = [c for c in sankey.LEFT_COLOURS if not is_grey(c)]
    assert len(regions) == 5
    assert [(r, t) for r in regions for t in tiers if hue_gap(r, t) < 25.0] == []
    rows = [("all", "All", y, 30, 30) for y in (2015, 2016)]
    for tier, n in (("1", 15), ("2", 10), ("3", 5)):
        rows += [("tier", tier, y, n, 30) for y in (2015, 2016)]
    frame = pd.DataFrame(rows, columns=["by", "group", "year", "persons", "base"])
    frame["share"] = frame["persons"] / frame["base"]
    frame["suppressed"] = False
    frame.attrs["min_persons"] = 5
    (chart,) = trends_section._trend_charts(frame)
    for colour in tiers:
        assert f'stroke="{colour}"' in chart
    assert palette.GROUP_SERIES[0] not in chart  # not the groups' first colour
