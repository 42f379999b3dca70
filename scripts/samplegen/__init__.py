"""The synthetic sample's generator (scripts/make_sample.py), by concern: what it is built to
(figures), its draws, the long table, its measurements, its README."""
