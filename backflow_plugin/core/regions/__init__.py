"""Returnees and flows by region (any polygon layer), and their tables."""
