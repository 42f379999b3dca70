"""The gazetteer build (scripts/build_gazetteer.py), by concern."""

from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "resources" / "gazetteer"
