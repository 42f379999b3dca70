"""Pure-Python analysis (pandas + networkx). Never import qgis here.

The front door (``core.analysis``: ``analyse``, ``read_table``, ``render_report``, one
entry point per step) is importable from here; it loads on first use, so importing a
single module such as ``core.errors`` stays cheap.
"""

FRONT_DOOR = (
    "analyse",
    "read_table",
    "import_trajectories",
    "city_network",
    "route_patterns",
    "report_tables",
    "render_report",
    "Options",
    "ImportOptions",
    "NetworkOptions",
    "PatternOptions",
    "ReportOptions",
    "Analysis",
)


def __getattr__(name: str):
    if name in FRONT_DOOR:
        from . import analysis

        return getattr(analysis, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
