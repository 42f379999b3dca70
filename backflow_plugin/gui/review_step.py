"""The panel's review step without widgets: the list to review, and where answers go."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from qgis.core import QgsApplication

from ..core.places.aliases import merge_aliases, read_aliases, write_aliases
from ..core.tables.reshape import parse_mapping
from ..core.tables.stage_labels import parse_stage_mapping, relabel_stages
from ..core.trajectories.build import FieldMap
from ..core.trajectories.review import unresolved_values

ALIAS_SUFFIX = "_place_aliases.csv"


def review_table(
    frame: pd.DataFrame,
    mapping: dict[str, str],
    *,
    wide_text: str | None,
    home: str,
    aliases_path: str,
    stage_fixes: str,
    label: str,
) -> pd.DataFrame:
    """The distinct unresolved city values of the table as the panel would run it."""
    fields = FieldMap(**{role: (col or None) for role, col in mapping.items()})
    wide = parse_mapping(wide_text, list(frame.columns)) if wide_text is not None else None
    if wide is None and stage_fixes and fields.stage:
        frame, _changed = relabel_stages(frame, fields.stage, parse_stage_mapping(stage_fixes))
    aliases = read_aliases(aliases_path) if aliases_path else None
    return unresolved_values(
        frame, fields, wide=wide, home_country=home, aliases=aliases, file_label=label
    )


def alias_target(source, current: str) -> Path:
    """Where the answers are saved: the alias file in use, else next to the table
    (``<table>_place_aliases.csv``), else in the QGIS profile."""
    if current:
        return Path(current)
    if isinstance(source, str) and source:
        path = Path(source.split("|")[0])
        if path.parent.is_dir() and _writable(path.parent):
            return path.with_name(path.stem + ALIAS_SUFFIX)
        stem = path.stem
    else:
        stem = getattr(source, "name", lambda: "layer")()
    folder = Path(QgsApplication.qgisSettingsDirPath()) / "backflow"
    return folder / (stem + ALIAS_SUFFIX)


def _writable(folder: Path) -> bool:
    probe = folder / ".backflow_write_test"
    try:
        probe.write_text("", encoding="utf-8")
        probe.unlink()
        return True
    except OSError:
        return False


def save_review(aliases: pd.DataFrame, target: Path, current: str) -> tuple[Path, int]:
    """Write the answers, merged into the alias file in use; (path, aliases in all)."""
    old = read_aliases(current) if current and Path(current).is_file() else None
    merged = merge_aliases(old, aliases)
    return write_aliases(target, merged), len(merged)
