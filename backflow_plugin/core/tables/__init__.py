"""Reading tables: delimited text in any encoding, wide and long layouts, stage labels."""
