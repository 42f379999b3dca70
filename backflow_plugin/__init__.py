"""Backflow: the geography of highly skilled return migration, in QGIS."""


def classFactory(iface):  # noqa: N802 - name fixed by QGIS
    from .plugin import BackflowPlugin

    return BackflowPlugin(iface)
