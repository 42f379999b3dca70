"""Column names and codes shared by every step (the public contract in DESIGN.md)."""

from __future__ import annotations

# Canonical life-course stages, in their usual order.
STAGES = ("birth", "bachelor", "master", "phd", "postdoc", "work", "visit", "return", "later")
STUDY_STAGES = ("bachelor", "master", "phd")
WORK_STAGES = ("postdoc", "work", "visit")

# Flow types between consecutive stages in different cities.
FLOW_DOMESTIC = "domestic"  # home -> home before leaving
FLOW_OUTBOUND = "outbound"  # home -> abroad
FLOW_ABROAD = "abroad"  # abroad -> abroad
FLOW_BACKFLOW = "backflow"  # abroad -> home: the return
FLOW_ONWARD = "onward"  # home -> home after the return
FLOW_TYPES = (FLOW_DOMESTIC, FLOW_OUTBOUND, FLOW_ABROAD, FLOW_BACKFLOW, FLOW_ONWARD)

# STAGES table (one row per geocoded stage of a person).
STAGE_COLUMNS = (
    "person_id",  # str
    "seq",  # int, 1.. within the person
    "stage",  # canonical stage or "" when the input had none
    "city_id",  # str, gazetteer id
    "city",  # gazetteer display name (English)
    "country",  # ISO 3166-1 alpha-2
    "domestic",  # bool: country == the person's home country
    "org",  # str or None
    "year",  # Int64 or <NA>
    "source_row",  # 1-based data row of the input (header not counted)
    "home_country",  # ISO2 the person's domestic/abroad split was made against
    "phase",  # "before" (home, before leaving), "abroad", "return", "after"
)

# CITIES table.
CITY_COLUMNS = (
    "city_id",
    "name",
    "name_zh",
    "country",
    "province",
    "admin_rank",
    "lon",
    "lat",
    "persons",
    "returnees",
    "inflow",
    "outflow",
)

# Administrative ranks of Chinese cities (gazetteer field admin_rank).
RANK_MUNICIPALITY = "municipality"
RANK_SUB_PROVINCIAL = "sub-provincial city"
RANK_PROVINCIAL_CAPITAL = "provincial capital"
RANK_PREFECTURE = "prefecture-level city"
RANK_COUNTY = "county-level city"
REGIONAL_CENTRE_RANKS = (RANK_MUNICIPALITY, RANK_SUB_PROVINCIAL, RANK_PROVINCIAL_CAPITAL)

# FLOWS table.
FLOW_COLUMNS = ("origin_id", "dest_id", "origin", "dest", "flow_type", "count")

# ROUTES table.
ROUTE_COLUMNS = ("person_id", "return_city", "pattern", "circle_basis")
PATTERN_CIRCLE = "circle"
PATTERN_LINEAR = "linear"

# Yes/no columns (domestic, returned...): the one truth table every step reads.
TRUE_TEXT = frozenset(("true", "t", "yes", "y", "1", "1.0", "是", "真", "对"))
FALSE_TEXT = frozenset(("false", "f", "no", "n", "0", "0.0", "否", "假", "错", ""))

# Tiers.
TIER_LABELS = {1: "national core", 2: "regional excellent", 3: "regional special"}
# The same tiers as the paper's figures name them (0: a return city without a tier);
# report texts, not Qt ones (the Chinese page translates them), hence no *_LABELS name.
TIER_CITY_NAMES = {
    1: "National core city",
    2: "Regional excellent city",
    3: "Regional special city",
    0: "Other return city",
}

# The analysis level of the import (the home country's cities or counties), in the order
# of importtrajectories' LEVEL; also values of the gazetteer's `level` column.
LEVEL_PREFECTURE = "prefecture"
LEVEL_COUNTY = "county"
ANALYSIS_LEVELS = (LEVEL_PREFECTURE, LEVEL_COUNTY)

# Network measures (core/network/graph.py computes them; fields of the citynetwork output), in
# the order of the algorithms' MEASURE enums. Degree by default: it is the measure of the
# paper's Figure 2 (cities linked to more than five others), and on flows weighted by moves,
# weighted betweenness lets one hub absorb nearly every shortest path (on the sample Beijing
# alone forms the top class, while degree gives Beijing, Shanghai, Nanjing, Wuhan, Hefei and
# Hangzhou).
MEASURES = (
    "degree",
    "strength",
    "in_strength",
    "out_strength",
    "betweenness",
    "closeness",
    "eigenvector",
    "pagerank",
)
DEFAULT_MEASURE = "degree"
# Tier methods, in the order of the algorithms' METHOD enums (fullanalysis offers the first
# five: thresholds need values the user types).
TIER_METHODS = ("hybrid", "natural_breaks", "head_tail", "quantile", "top_n", "thresholds")
# Network scope: the domestic cities only, or every city worldwide.
NETWORK_SCOPES = ("domestic", "all")

# The home country when the user names none (ISO 3166-1 alpha-2).
DEFAULT_HOME_COUNTRY = "CN"
# A column giving each person's home country (empty: the HOME_COUNTRY rule applies);
# the ORCID/OpenAlex readers fill it, the import reads it.
HOME_GIVEN = "home_given"
# Coordinates of every frame and output layer: WGS 84 longitude / latitude.
WGS84_AUTHID = "EPSG:4326"

# Files read as delimited text / as spreadsheets ("" : a text file without a suffix).
TEXT_SUFFIXES = frozenset((".csv", ".tsv", ".txt", ".tab", ".dat", ""))
SPREADSHEET_SUFFIXES = frozenset((".xlsx", ".xls", ".ods"))

# Column roles of the input table -> the import's field parameters (panel and import).
ROLE_PARAMS = {
    "person": "PERSON_FIELD",
    "seq": "ORDER_FIELD",
    "stage": "STAGE_FIELD",
    "city": "CITY_FIELD",
    "country": "COUNTRY_FIELD",
    "org": "ORG_FIELD",
    "year": "YEAR_FIELD",
    "province": "PROVINCE_FIELD",
}

# The LANGUAGE parameter of every algorithm (report, publication map, full analysis), by
# index: 0 the language QGIS runs in, 1 English, 2 Chinese.
LANGUAGE_AUTO = "auto"
LANGUAGES = (LANGUAGE_AUTO, "en", "zh")
