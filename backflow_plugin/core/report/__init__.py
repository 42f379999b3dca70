"""The report: its tables, its HTML page, charts and the paper's figures."""
