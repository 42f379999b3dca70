"""Bytes for output files: WKB/GeoPackage geometry, R*Tree index, safe CSV, web flow maps."""
