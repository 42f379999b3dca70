"""Disclosure control: what a published map or table may show about people."""
