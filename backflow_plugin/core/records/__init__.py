"""Researcher records from the web (ORCID, OpenAlex) read into stage tables."""
