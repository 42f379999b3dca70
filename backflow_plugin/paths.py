"""Where the plugin's files live, in the repository and in the packaged plugin."""

from __future__ import annotations

from pathlib import Path

PLUGIN_DIR = Path(__file__).resolve().parent


def _resources_dir() -> Path:
    # The packaged zip carries resources/ inside the plugin folder; the repository
    # keeps it one level up, beside the package.
    packaged = PLUGIN_DIR / "resources"
    return packaged if packaged.is_dir() else PLUGIN_DIR.parent / "resources"


RESOURCES_DIR = _resources_dir()
ICONS_DIR = RESOURCES_DIR / "icons"
STYLES_DIR = RESOURCES_DIR / "styles"
GAZETTEER_DIR = RESOURCES_DIR / "gazetteer"
SAMPLE_DIR = RESOURCES_DIR / "sample"
MODELS_DIR = RESOURCES_DIR / "models"
I18N_DIR = PLUGIN_DIR / "i18n"
METADATA_FILE = (
    PLUGIN_DIR / "metadata.txt"
    if (PLUGIN_DIR / "metadata.txt").is_file()
    else PLUGIN_DIR.parent / "metadata.txt"
)


def icon_path(name: str) -> str:
    return str(ICONS_DIR / name)
