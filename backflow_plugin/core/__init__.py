"""Pure-Python analysis (pandas + networkx). Never import qgis here."""
