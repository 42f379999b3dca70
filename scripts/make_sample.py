#!/usr/bin/env python3
"""Build Backflow's synthetic sample: ``resources/sample/returnees_synthetic.csv``.

The table is SYNTHETIC. No real person is in it. It is calibrated to the published
figures of H. Jiang (2021), "Spatial Character and Backflow Pattern of High-Level
Returned Talents in China", Complexity (2,846 returnees of the Young Thousand Talents
Plan, 2011-2016): return-city totals, the seven-city share, the overseas regions, the
top overseas organisations. Everything the paper does not publish (Table 1 cell values,
birth and study cities, years, the organisations below the top three...) is invented
but plausible. See ``resources/sample/README.md`` (written by this script).

Usage::

    python scripts/make_sample.py [--seed 2021] [--out resources/sample]

Deterministic for a given seed (numpy ``default_rng``). Writes:

* ``returnees_synthetic.csv``  long form, one row per life-course stage, UTF-8;
* ``calibration.json``         the targets the data were built to, and what they came to;
* ``README.md``                what the data are, what is matched, the columns.

Pure Python + numpy + pandas; no QGIS.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, OrderedDict
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from backflow_plugin.core.report import reference as REF  # noqa: E402  (the paper's figures)

N_PERSONS = 2846
PAPER = (
    'H. Jiang (2021), "Spatial Character and Backflow Pattern of High-Level Returned '
    'Talents in China", Complexity, vol. 2021'
)

# --------------------------------------------------------------------------------------
# 1. Published figures (matched exactly) and invented ones (plausible)
# --------------------------------------------------------------------------------------

# Return cities. Beijing 677, Shanghai 466, Wuhan 201 and Chengdu 112 are published;
# Nanjing, Hangzhou, Hefei, Guangzhou are invented so that Beijing..Guangzhou (seven
# cities) = 2,026 persons = 71.18 % of 2,846 (the paper's share). The tail is invented:
# 52 return cities, the paper's 52 classed cities -- the 4 national core cities, 23
# regional centres (municipalities, sub-provincial cities, provincial capitals: the
# paper's regional excellent cities) and 25 prefecture-level cities (its regional
# special cities). Shenzhen, Xiamen, Xi'an, Suzhou and Tianjin are large enough for
# their Table 3 organisations.
RETURN_CITIES: OrderedDict[str, int] = OrderedDict(
    [
        ("Beijing", 677),
        ("Shanghai", 466),
        ("Wuhan", 201),
        ("Nanjing", 188),
        ("Hangzhou", 175),
        ("Hefei", 166),
        ("Guangzhou", 153),
        ("Chengdu", 112),
        ("Shenzhen", 72),
        ("Xi'an", 70),
        ("Tianjin", 62),
        ("Xiamen", 53),
        ("Changsha", 46),
        ("Harbin", 40),
        ("Jinan", 32),
        ("Dalian", 30),
        ("Chongqing", 28),
        ("Lanzhou", 25),
        ("Changchun", 23),
        ("Qingdao", 19),
        ("Shenyang", 17),
        ("Kunming", 14),
        ("Fuzhou", 13),
        ("Zhengzhou", 11),
        ("Nanchang", 7),
        ("Ningbo", 7),
        ("Taiyuan", 6),
        ("Suzhou", 44),
        ("Mianyang", 14),
        ("Xianyang", 11),
        ("Wuxi", 6),
        ("Changzhou", 5),
        ("Yangzhou", 4),
        ("Zhenjiang", 4),
        ("Xuzhou", 4),
        ("Qinhuangdao", 4),
        ("Baoding", 3),
        ("Weihai", 3),
        ("Yantai", 3),
        ("Nantong", 3),
        ("Luoyang", 3),
        ("Shantou", 2),
        ("Zhanjiang", 2),
        ("Jinhua", 2),
        ("Wenzhou", 2),
        ("Guilin", 2),
        ("Ganzhou", 2),
        ("Huainan", 2),
        ("Xiangtan", 2),
        ("Shaoxing", 2),
        ("Yichang", 2),
        ("Hengyang", 2),
    ]
)
# The first 27 return cities are the 4 national core cities and 23 regional centres;
# the last 25 are prefecture-level cities (the paper's regional special cities).
SPECIAL_CITIES = list(RETURN_CITIES)[27:]
assert len(SPECIAL_CITIES) == 25 and "Suzhou" in SPECIAL_CITIES
SEVEN_CITIES = ["Beijing", "Shanghai", "Wuhan", "Nanjing", "Hangzhou", "Hefei", "Guangzhou"]
PAPER_SEVEN_SHARE_PCT = 71.18

# Selection cohorts (invented, growing like the programme did).
COHORTS = OrderedDict(
    [(2011, 280), (2012, 380), (2013, 470), (2014, 560), (2015, 560), (2016, 596)]
)
# Linear-route share by cohort (invented; the paper says linear is smaller but growing).
LINEAR_SHARE = {2011: 0.35, 2012: 0.37, 2013: 0.39, 2014: 0.41, 2015: 0.43, 2016: 0.45}

UNIT_TYPES = ["university", "research institute", "enterprise"]
# Table 1 (subject x work-unit type, top 3 return cities per subject): the paper's
# cells, read from backflow_plugin/core/report/reference.py.
SUBJECTS = OrderedDict((s, (u, i, e)) for s, (u, i, e, _top, _n) in REF.TABLE1.items())
TABLE1_TOP3 = {s: dict(top) for s, (_u, _i, _e, top, _n) in REF.TABLE1.items()}
SUBJECT_TAG = {
    "Mathematical & Physical Science": "phys",
    "Chemistry": "chem",
    "Environmental & Earth Science": "earth",
    "Information Science": "info",
    "Biological Science": "life",
    "Engineering & Materials Science": "eng",
}
# Affinity of a subject for a return city outside its printed top 3 (multiplies the
# independence expectation before fitting to both margins).
SUBJECT_CITY_AFFINITY = {
    "life": {"Wuhan": 1.3, "Kunming": 2.0, "Xianyang": 2.5, "Shenzhen": 1.4},
    "chem": {"Dalian": 2.5, "Changchun": 2.5, "Lanzhou": 2.0, "Fuzhou": 2.0, "Xiamen": 1.8},
    "phys": {"Mianyang": 3.0, "Hangzhou": 1.1},
    "eng": {"Xi'an": 1.8, "Harbin": 2.5, "Wuhan": 1.35, "Shenyang": 1.8, "Changsha": 1.5},
    "info": {"Hangzhou": 1.9, "Shenzhen": 2.5, "Xi'an": 1.6},
    "earth": {"Qingdao": 3.0, "Guangzhou": 1.5, "Lanzhou": 1.8},
}

# Overseas experience by world region: the paper's shares of persons (USA, UK, rest of
# Europe, Asia, Australia) and the rest (Canada and others). Each person's overseas
# stages all lie in one region, so a person counts once per region whichever way one
# counts (main country, or any stage).
PAPER_REGION_PCT = OrderedDict(
    [("USA", 52.32), ("UK", 5.90), ("Rest of Europe", 12.39), ("Asia", 10.61), ("Australia", 2.99)]
)
REGION_COUNTRIES = OrderedDict(
    [
        ("USA", ["US"]),
        ("UK", ["GB"]),
        (
            "Rest of Europe",
            [
                "DE",
                "FR",
                "NL",
                "CH",
                "SE",
                "BE",
                "DK",
                "AT",
                "FI",
                "NO",
                "IT",
                "ES",
                "RU",
                "IE",
                "PT",
                "CZ",
                "PL",
            ],
        ),
        ("Asia", ["JP", "SG", "HK", "KR", "IL", "TW", "MO", "IN", "SA"]),
        ("Australia", ["AU"]),
        ("Other", ["CA", "NZ", "BR", "ZA", "MX", "AR", "CL"]),
    ]
)

# Top overseas organisations (persons with the organisation in >= 1 overseas stage):
# Table 3 (right) as printed, with the city a gazetteer knows (the paper's "Michigan"
# is a state: Ann Arbor; "New York": New York City; Hong Kong is abroad, HK).
# (name, city, ISO2, kind, persons); kind "u" = can award a PhD.
_TOP_KIND = {"National Institutes of Health": "i", "Los Alamos National Laboratory": "i"}
_TOP_NAME = {"Massachusetts Institute": "Massachusetts Institute of Technology"}
TOP_ORGS = [
    (
        _TOP_NAME.get(org, org),
        REF.table3_city(org, city),
        REF.COUNTRY_ISO2[country],
        _TOP_KIND.get(org, "u"),
        n,
    )
    for _r, org, country, city, n in REF.TABLE3_OVERSEAS
]
TAIL_CAP = 20  # every other overseas organisation: fewer than Table 3's 20th (21)

# Other overseas organisations, by region, most frequent first (invented frequencies).
TAIL_ORGS = {
    "USA": [
        ("University of Chicago", "Chicago", "US", "u"),
        ("Duke University", "Durham", "US", "u"),
        ("University of Illinois Urbana-Champaign", "Urbana", "US", "u"),
        ("University of Wisconsin-Madison", "Madison", "US", "u"),
        ("Washington University in St. Louis", "St. Louis", "US", "u"),
        ("University of Minnesota", "Minneapolis", "US", "u"),
        ("University of North Carolina at Chapel Hill", "Chapel Hill", "US", "u"),
        ("New York University", "New York City", "US", "u"),
        ("Rockefeller University", "New York City", "US", "u"),
        ("Memorial Sloan Kettering Cancer Center", "New York City", "US", "i"),
        ("Scripps Research Institute", "San Diego", "US", "u"),
        ("Salk Institute for Biological Studies", "San Diego", "US", "i"),
        ("University of Texas Southwestern Medical Center", "Dallas", "US", "u"),
        ("Baylor College of Medicine", "Houston", "US", "u"),
        ("Rice University", "Houston", "US", "u"),
        ("University of Texas MD Anderson Cancer Center", "Houston", "US", "i"),
        ("Georgia Institute of Technology", "Atlanta", "US", "u"),
        ("Emory University", "Atlanta", "US", "u"),
        ("Carnegie Mellon University", "Pittsburgh", "US", "u"),
        ("University of Pittsburgh", "Pittsburgh", "US", "u"),
        ("Ohio State University", "Columbus", "US", "u"),
        ("Vanderbilt University", "Nashville", "US", "u"),
        ("University of Maryland", "College Park", "US", "u"),
        ("Pennsylvania State University", "State College", "US", "u"),
        ("Rutgers University", "New Brunswick", "US", "u"),
        ("Brown University", "Providence", "US", "u"),
        ("Boston University", "Boston", "US", "u"),
        ("Dana-Farber Cancer Institute", "Boston", "US", "i"),
        ("Massachusetts General Hospital", "Boston", "US", "i"),
        ("Brandeis University", "Waltham", "US", "u"),
        ("University of Southern California", "Los Angeles", "US", "u"),
        ("University of California, Davis", "Davis", "US", "u"),
        ("University of California, Irvine", "Irvine", "US", "u"),
        ("University of California, Santa Barbara", "Santa Barbara", "US", "u"),
        ("University of California, Riverside", "Riverside", "US", "u"),
        ("Arizona State University", "Tempe", "US", "u"),
        ("University of Arizona", "Tucson", "US", "u"),
        ("University of Colorado Boulder", "Boulder", "US", "u"),
        ("University of Utah", "Salt Lake City", "US", "u"),
        ("Virginia Tech", "Blacksburg", "US", "u"),
        ("University of Virginia", "Charlottesville", "US", "u"),
        ("Iowa State University", "Ames", "US", "u"),
        ("University of Iowa", "Iowa City", "US", "u"),
        ("Michigan State University", "East Lansing", "US", "u"),
        ("Texas A&M University", "College Station", "US", "u"),
        ("University of Rochester", "Rochester", "US", "u"),
        ("Case Western Reserve University", "Cleveland", "US", "u"),
        ("Cleveland Clinic", "Cleveland", "US", "i"),
        ("St. Jude Children's Research Hospital", "Memphis", "US", "i"),
        ("Fred Hutchinson Cancer Research Center", "Seattle", "US", "i"),
        ("Lawrence Berkeley National Laboratory", "Berkeley", "US", "i"),
        ("Oak Ridge National Laboratory", "Oak Ridge", "US", "i"),
        ("Sandia National Laboratories", "Albuquerque", "US", "i"),
        ("Pacific Northwest National Laboratory", "Richland", "US", "i"),
        ("Microsoft Research", "Redmond", "US", "i"),
        ("Google", "Mountain View", "US", "i"),
        ("Intel Corporation", "Santa Clara", "US", "i"),
        ("Genentech", "South San Francisco", "US", "i"),
        ("Georgetown University", "Washington", "US", "u"),
        ("University at Buffalo", "Buffalo", "US", "u"),
        ("Syracuse University", "Syracuse", "US", "u"),
        ("University of Kansas", "Lawrence", "US", "u"),
        ("University of Nebraska-Lincoln", "Lincoln", "US", "u"),
        ("University of Tennessee", "Knoxville", "US", "u"),
        ("University of Kentucky", "Lexington", "US", "u"),
        ("University of Cincinnati", "Cincinnati", "US", "u"),
        ("Drexel University", "Philadelphia", "US", "u"),
        ("Temple University", "Philadelphia", "US", "u"),
        ("Wayne State University", "Detroit", "US", "u"),
        ("University of Illinois Chicago", "Chicago", "US", "u"),
        ("Weill Cornell Medicine", "New York City", "US", "u"),
        ("Icahn School of Medicine at Mount Sinai", "New York City", "US", "u"),
        ("University of Texas Health Science Center at San Antonio", "San Antonio", "US", "u"),
        ("University of Florida", "Gainesville", "US", "u"),
        ("Northeastern University", "Boston", "US", "u"),
        ("University of Houston", "Houston", "US", "u"),
        ("Jet Propulsion Laboratory", "Pasadena", "US", "i"),
        ("Johns Hopkins University", "Baltimore", "US", "u"),
        ("University of California, San Francisco", "San Francisco", "US", "u"),
        ("Princeton University", "Princeton", "US", "u"),
        ("Cornell University", "Ithaca", "US", "u"),
        ("University of Washington", "Seattle", "US", "u"),
        ("Argonne National Laboratory", "Lemont", "US", "i"),
        ("Baylor University", "Waco", "US", "u"),
        ("Lawrence Livermore National Laboratory", "Livermore", "US", "i"),
        ("National Renewable Energy Laboratory", "Golden", "US", "i"),
        ("University at Albany", "Albany", "US", "u"),
        ("University of Notre Dame", "South Bend", "US", "u"),
        ("University of Delaware", "Newark", "US", "u"),
        ("University of Connecticut", "Storrs", "US", "u"),
        ("University of Massachusetts Amherst", "Amherst", "US", "u"),
        ("Dartmouth College", "Hanover", "US", "u"),
        ("University of Missouri", "Columbia", "US", "u"),
        ("University of Oklahoma", "Norman", "US", "u"),
        ("Louisiana State University", "Baton Rouge", "US", "u"),
        ("Tulane University", "New Orleans", "US", "u"),
        ("University of Alabama at Birmingham", "Birmingham", "US", "u"),
        ("University of South Florida", "Tampa", "US", "u"),
        ("University of Miami", "Miami", "US", "u"),
        ("Florida State University", "Tallahassee", "US", "u"),
        ("Clemson University", "Clemson", "US", "u"),
        ("North Carolina State University", "Raleigh", "US", "u"),
        ("University of Georgia", "Athens", "US", "u"),
        ("Oregon State University", "Corvallis", "US", "u"),
        ("University of Oregon", "Eugene", "US", "u"),
        ("Washington State University", "Pullman", "US", "u"),
        ("Colorado State University", "Fort Collins", "US", "u"),
        ("University of New Mexico", "Albuquerque", "US", "u"),
        ("University of Nevada, Reno", "Reno", "US", "u"),
        ("University of Hawaii at Manoa", "Honolulu", "US", "u"),
        ("Kansas State University", "Manhattan", "US", "u"),
        ("Auburn University", "Auburn", "US", "u"),
        ("Mayo Clinic", "Rochester", "US", "i"),
        ("Indiana University", "Bloomington", "US", "u"),
        ("University of Vermont", "Burlington", "US", "u"),
        ("Rensselaer Polytechnic Institute", "Troy", "US", "u"),
        ("Kent State University", "Kent", "US", "u"),
        ("Tufts University", "Medford", "US", "u"),
        ("University of Texas Medical Branch", "Galveston", "US", "u"),
        ("IBM Almaden Research Center", "San Jose", "US", "i"),
        ("University of Louisville", "Louisville", "US", "u"),
        ("Oregon Health & Science University", "Portland", "US", "u"),
        ("National Center for Atmospheric Research", "Boulder", "US", "i"),
        ("University of Central Florida", "Orlando", "US", "u"),
        ("University of Akron", "Akron", "US", "u"),
        ("Lehigh University", "Bethlehem", "US", "u"),
        ("Wake Forest University", "Winston-Salem", "US", "u"),
    ],
    "UK": [
        ("Imperial College London", "London", "GB", "u"),
        ("University of Oxford", "Oxford", "GB", "u"),
        ("University of York", "York", "GB", "u"),
        ("University of St Andrews", "Saint Andrews", "GB", "u"),
        ("Cardiff University", "Cardiff", "GB", "u"),
        ("University of Aberdeen", "Aberdeen", "GB", "u"),
        ("Queen's University Belfast", "Belfast", "GB", "u"),
        ("Lancaster University", "Lancaster", "GB", "u"),
        ("University of Exeter", "Exeter", "GB", "u"),
        ("Loughborough University", "Loughborough", "GB", "u"),
        ("University of Leicester", "Leicester", "GB", "u"),
        ("Newcastle University", "Newcastle upon Tyne", "GB", "u"),
        ("University of Reading", "Reading", "GB", "u"),
        ("University College London", "London", "GB", "u"),
        ("University of Edinburgh", "Edinburgh", "GB", "u"),
        ("University of Manchester", "Manchester", "GB", "u"),
        ("King's College London", "London", "GB", "u"),
        ("University of Bristol", "Bristol", "GB", "u"),
        ("University of Nottingham", "Nottingham", "GB", "u"),
        ("University of Birmingham", "Birmingham", "GB", "u"),
        ("University of Southampton", "Southampton", "GB", "u"),
        ("University of Glasgow", "Glasgow", "GB", "u"),
        ("MRC Laboratory of Molecular Biology", "Cambridge", "GB", "i"),
        ("University of Sheffield", "Sheffield", "GB", "u"),
        ("University of Leeds", "Leeds", "GB", "u"),
        ("University of Liverpool", "Liverpool", "GB", "u"),
        ("University of Warwick", "Coventry", "GB", "u"),
        ("Durham University", "Durham", "GB", "u"),
        ("University of Dundee", "Dundee", "GB", "u"),
        ("University of Bath", "Bath", "GB", "u"),
    ],
    "Rest of Europe": [
        ("Heidelberg University", "Heidelberg", "DE", "u"),
        ("Max Planck Society", "Munich", "DE", "i"),
        ("ETH Zurich", "Zürich", "CH", "u"),
        ("Lomonosov Moscow State University", "Moscow", "RU", "u"),
        ("Novosibirsk State University", "Novosibirsk", "RU", "u"),
        ("University of Barcelona", "Barcelona", "ES", "u"),
        ("Autonomous University of Madrid", "Madrid", "ES", "u"),
        ("University of Freiburg", "Freiburg", "DE", "u"),
        ("University of Hamburg", "Hamburg", "DE", "u"),
        ("University of Cologne", "Köln", "DE", "u"),
        ("Leibniz University Hannover", "Hannover", "DE", "u"),
        ("Paris-Saclay University", "Orsay", "FR", "u"),
        ("University of Bordeaux", "Bordeaux", "FR", "u"),
        ("Claude Bernard University Lyon 1", "Lyon", "FR", "u"),
        ("Aarhus University", "Århus", "DK", "u"),
        ("University of Bergen", "Bergen", "NO", "u"),
        ("Chalmers University of Technology", "Gothenburg", "SE", "u"),
        ("Polytechnic University of Milan", "Milan", "IT", "u"),
        ("University of Padua", "Padua", "IT", "u"),
        ("University of Bologna", "Bologna", "IT", "u"),
        ("Graz University of Technology", "Graz", "AT", "u"),
        ("European Molecular Biology Laboratory", "Heidelberg", "DE", "i"),
        ("Technical University of Munich", "Munich", "DE", "u"),
        ("Ludwig Maximilian University of Munich", "Munich", "DE", "u"),
        ("French National Centre for Scientific Research", "Paris", "FR", "i"),
        ("Institut Pasteur", "Paris", "FR", "i"),
        ("École Polytechnique Fédérale de Lausanne", "Lausanne", "CH", "u"),
        ("Karolinska Institutet", "Stockholm", "SE", "u"),
        ("KU Leuven", "Leuven", "BE", "u"),
        ("Delft University of Technology", "Delft", "NL", "u"),
        ("Utrecht University", "Utrecht", "NL", "u"),
        ("University of Göttingen", "Göttingen", "DE", "u"),
        ("Wageningen University", "Wageningen", "NL", "u"),
        ("University of Amsterdam", "Amsterdam", "NL", "u"),
        ("University of Copenhagen", "Copenhagen", "DK", "u"),
        ("RWTH Aachen University", "Aachen", "DE", "u"),
        ("Humboldt University of Berlin", "Berlin", "DE", "u"),
        ("Free University of Berlin", "Berlin", "DE", "u"),
        ("Karlsruhe Institute of Technology", "Karlsruhe", "DE", "u"),
        ("University of Zurich", "Zürich", "CH", "u"),
        ("University of Basel", "Basel", "CH", "u"),
        ("University of Geneva", "Geneva", "CH", "u"),
        ("Lund University", "Lund", "SE", "u"),
        ("Uppsala University", "Uppsala", "SE", "u"),
        ("KTH Royal Institute of Technology", "Stockholm", "SE", "u"),
        ("Leiden University", "Leiden", "NL", "u"),
        ("Eindhoven University of Technology", "Eindhoven", "NL", "u"),
        ("University of Groningen", "Groningen", "NL", "u"),
        ("Sorbonne University", "Paris", "FR", "u"),
        ("University of Strasbourg", "Strasbourg", "FR", "u"),
        ("Grenoble Alpes University", "Grenoble", "FR", "u"),
        ("Ghent University", "Gent", "BE", "u"),
        ("University of Vienna", "Vienna", "AT", "u"),
        ("University of Helsinki", "Helsinki", "FI", "u"),
        ("University of Oslo", "Oslo", "NO", "u"),
        ("Sapienza University of Rome", "Rome", "IT", "u"),
        ("University of Bonn", "Bonn", "DE", "u"),
        ("University of Stuttgart", "Stuttgart", "DE", "u"),
        ("Dresden University of Technology", "Dresden", "DE", "u"),
        ("University of Münster", "Münster", "DE", "u"),
    ],
    "Asia": [
        ("Kyoto University", "Kyoto", "JP", "u"),
        ("University of Tokyo", "Tokyo", "JP", "u"),
        ("Keio University", "Yokohama", "JP", "u"),
        ("Kobe University", "Kobe", "JP", "u"),
        ("Hiroshima University", "Hiroshima", "JP", "u"),
        ("Okayama University", "Okayama", "JP", "u"),
        ("Kanazawa University", "Kanazawa", "JP", "u"),
        ("Yonsei University", "Seoul", "KR", "u"),
        ("Sungkyunkwan University", "Suwon", "KR", "u"),
        ("Gwangju Institute of Science and Technology", "Gwangju", "KR", "u"),
        ("Ulsan National Institute of Science and Technology", "Ulsan", "KR", "u"),
        ("Academia Sinica", "Taipei", "TW", "i"),
        ("National Tsing Hua University", "Hsinchu", "TW", "u"),
        ("National Cheng Kung University", "Tainan", "TW", "u"),
        ("University of Macau", "Macau", "MO", "u"),
        ("Tel Aviv University", "Tel Aviv", "IL", "u"),
        ("Indian Institute of Science", "Bengaluru", "IN", "u"),
        ("King Abdullah University of Science and Technology", "Thuwal", "SA", "u"),
        ("Hong Kong University of Science and Technology", "Hong Kong", "HK", "u"),
        ("Chinese University of Hong Kong", "Hong Kong", "HK", "u"),
        ("Osaka University", "Osaka", "JP", "u"),
        ("RIKEN", "Wako", "JP", "i"),
        ("Tohoku University", "Sendai", "JP", "u"),
        ("Agency for Science, Technology and Research", "Singapore", "SG", "i"),
        ("Seoul National University", "Seoul", "KR", "u"),
        ("Weizmann Institute of Science", "Rehovot", "IL", "u"),
        ("Korea Advanced Institute of Science and Technology", "Daejeon", "KR", "u"),
        ("Nagoya University", "Nagoya", "JP", "u"),
        ("Tokyo Institute of Technology", "Tokyo", "JP", "u"),
        ("National Institute for Materials Science", "Tsukuba", "JP", "i"),
        ("City University of Hong Kong", "Hong Kong", "HK", "u"),
        ("Hong Kong Polytechnic University", "Hong Kong", "HK", "u"),
        ("Hokkaido University", "Sapporo", "JP", "u"),
        ("Kyushu University", "Fukuoka", "JP", "u"),
        ("Pohang University of Science and Technology", "Pohang", "KR", "u"),
        ("Technion - Israel Institute of Technology", "Haifa", "IL", "u"),
        ("Hebrew University of Jerusalem", "Jerusalem", "IL", "u"),
    ],
    "Australia": [
        ("University of Sydney", "Sydney", "AU", "u"),
        ("University of Melbourne", "Melbourne", "AU", "u"),
        ("Australian National University", "Canberra", "AU", "u"),
        ("University of Queensland", "Brisbane", "AU", "u"),
        ("Monash University", "Melbourne", "AU", "u"),
        ("University of New South Wales", "Sydney", "AU", "u"),
        ("CSIRO", "Canberra", "AU", "i"),
        ("University of Adelaide", "Adelaide", "AU", "u"),
        ("University of Western Australia", "Perth", "AU", "u"),
        ("University of Wollongong", "Wollongong", "AU", "u"),
        ("Queensland University of Technology", "Brisbane", "AU", "u"),
    ],
    "Other": [
        ("University of British Columbia", "Vancouver", "CA", "u"),
        ("University of Toronto", "Toronto", "CA", "u"),
        ("University of Montreal Hospital Research Centre", "Montréal", "CA", "i"),
        ("University of New Brunswick", "Fredericton", "CA", "u"),
        ("Memorial University of Newfoundland", "St. John's", "CA", "u"),
        ("University of Windsor", "Windsor", "CA", "u"),
        ("University of Regina", "Regina", "CA", "u"),
        ("Lakehead University", "Thunder Bay", "CA", "u"),
        ("University of Northern British Columbia", "Prince George", "CA", "u"),
        ("Université du Québec à Trois-Rivières", "Trois-Rivières", "CA", "u"),
        ("Trent University", "Peterborough", "CA", "u"),
        ("Brock University", "St. Catharines", "CA", "u"),
        ("University of Canterbury", "Christchurch", "NZ", "u"),
        ("Victoria University of Wellington", "Wellington", "NZ", "u"),
        ("State University of Campinas", "Campinas", "BR", "u"),
        ("Federal University of Rio de Janeiro", "Rio de Janeiro", "BR", "u"),
        ("University of the Witwatersrand", "Johannesburg", "ZA", "u"),
        ("Stellenbosch University", "Stellenbosch", "ZA", "u"),
        ("University of Buenos Aires", "Buenos Aires", "AR", "u"),
        ("University of Chile", "Santiago", "CL", "u"),
        ("Monterrey Institute of Technology", "Monterrey", "MX", "u"),
        ("McGill University", "Montréal", "CA", "u"),
        ("University of Alberta", "Edmonton", "CA", "u"),
        ("McMaster University", "Hamilton", "CA", "u"),
        ("University of Waterloo", "Waterloo", "CA", "u"),
        ("University of Ottawa", "Ottawa", "CA", "u"),
        ("University of Calgary", "Calgary", "CA", "u"),
        ("Université de Montréal", "Montréal", "CA", "u"),
        ("Queen's University", "Kingston", "CA", "u"),
        ("Dalhousie University", "Halifax", "CA", "u"),
        ("Université Laval", "Québec", "CA", "u"),
        ("University of Saskatchewan", "Saskatoon", "CA", "u"),
        ("University of Manitoba", "Winnipeg", "CA", "u"),
        ("Simon Fraser University", "Burnaby", "CA", "u"),
        ("University of Victoria", "Victoria", "CA", "u"),
        ("National Research Council Canada", "Ottawa", "CA", "i"),
        ("University of Western Ontario", "London", "CA", "u"),
        ("University of Guelph", "Guelph", "CA", "u"),
        ("York University", "Toronto", "CA", "u"),
        ("Concordia University", "Montréal", "CA", "u"),
        ("Carleton University", "Ottawa", "CA", "u"),
        ("Université de Sherbrooke", "Sherbrooke", "CA", "u"),
        ("Hospital for Sick Children", "Toronto", "CA", "i"),
        ("University of Auckland", "Auckland", "NZ", "u"),
        ("University of Otago", "Dunedin", "NZ", "u"),
        ("University of São Paulo", "São Paulo", "BR", "u"),
        ("University of Cape Town", "Cape Town", "ZA", "u"),
        ("National Autonomous University of Mexico", "Mexico City", "MX", "u"),
    ],
}

# --------------------------------------------------------------------------------------
# 2. Domestic geography: Chinese cities (English as GeoNames / common usage, Chinese)
# --------------------------------------------------------------------------------------

# province -> (weight for birth places, [cities, capital first])
PROVINCES = OrderedDict(
    [
        (
            "Henan",
            (
                8.0,
                [
                    "Zhengzhou",
                    "Luoyang",
                    "Kaifeng",
                    "Nanyang",
                    "Xinxiang",
                    "Anyang",
                    "Shangqiu",
                    "Zhoukou",
                    "Pingdingshan",
                    "Xinyang",
                    "Zhumadian",
                    "Jiaozuo",
                ],
            ),
        ),
        (
            "Shandong",
            (
                8.0,
                [
                    "Jinan",
                    "Qingdao",
                    "Yantai",
                    "Weifang",
                    "Linyi",
                    "Jining",
                    "Zibo",
                    "Heze",
                    "Liaocheng",
                    "Dezhou",
                    "Weihai",
                    "Rizhao",
                ],
            ),
        ),
        (
            "Jiangsu",
            (
                7.5,
                [
                    "Nanjing",
                    "Suzhou",
                    "Wuxi",
                    "Changzhou",
                    "Xuzhou",
                    "Nantong",
                    "Yangzhou",
                    "Yancheng",
                    "Lianyungang",
                    "Zhenjiang",
                ],
            ),
        ),
        (
            "Sichuan",
            (
                7.0,
                [
                    "Chengdu",
                    "Mianyang",
                    "Nanchong",
                    "Yibin",
                    "Zigong",
                    "Luzhou",
                    "Deyang",
                    "Neijiang",
                    "Leshan",
                    "Dazhou",
                ],
            ),
        ),
        (
            "Hubei",
            (
                6.5,
                [
                    "Wuhan",
                    "Yichang",
                    "Xiangyang",
                    "Jingzhou",
                    "Huangshi",
                    "Xiaogan",
                    "Shiyan",
                    "Huanggang",
                    "Jingmen",
                ],
            ),
        ),
        (
            "Hunan",
            (
                6.0,
                [
                    "Changsha",
                    "Zhuzhou",
                    "Xiangtan",
                    "Hengyang",
                    "Yueyang",
                    "Changde",
                    "Shaoyang",
                    "Chenzhou",
                ],
            ),
        ),
        ("Anhui", (6.0, ["Hefei", "Wuhu", "Anqing", "Bengbu", "Huainan", "Fuyang", "Huaibei"])),
        (
            "Hebei",
            (
                5.5,
                [
                    "Shijiazhuang",
                    "Tangshan",
                    "Baoding",
                    "Handan",
                    "Cangzhou",
                    "Xingtai",
                    "Zhangjiakou",
                    "Qinhuangdao",
                ],
            ),
        ),
        (
            "Zhejiang",
            (
                5.0,
                [
                    "Hangzhou",
                    "Ningbo",
                    "Wenzhou",
                    "Shaoxing",
                    "Jinhua",
                    "Jiaxing",
                    "Huzhou",
                    "Quzhou",
                ],
            ),
        ),
        (
            "Guangdong",
            (
                4.0,
                [
                    "Guangzhou",
                    "Shenzhen",
                    "Shantou",
                    "Zhanjiang",
                    "Foshan",
                    "Meizhou",
                    "Maoming",
                    "Jiangmen",
                    "Zhaoqing",
                    "Shaoguan",
                ],
            ),
        ),
        ("Jiangxi", (4.0, ["Nanchang", "Ganzhou", "Jiujiang", "Shangrao", "Pingxiang"])),
        ("Shaanxi", (3.5, ["Xi'an", "Xianyang", "Baoji", "Hanzhong", "Weinan"])),
        ("Heilongjiang", (3.5, ["Harbin", "Qiqihar", "Mudanjiang", "Daqing", "Jiamusi"])),
        ("Liaoning", (3.5, ["Shenyang", "Dalian", "Anshan", "Fushun", "Dandong", "Yingkou"])),
        ("Shanxi", (3.0, ["Taiyuan", "Datong", "Changzhi", "Yuncheng", "Linfen"])),
        ("Fujian", (3.0, ["Fuzhou", "Xiamen", "Quanzhou", "Zhangzhou", "Putian", "Longyan"])),
        ("Jilin", (2.5, ["Changchun", "Jilin", "Siping"])),
        ("Guangxi", (2.5, ["Nanning", "Guilin", "Liuzhou", "Wuzhou"])),
        ("Chongqing", (2.5, ["Chongqing"])),
        ("Beijing", (2.0, ["Beijing"])),
        ("Shanghai", (2.0, ["Shanghai"])),
        ("Yunnan", (2.0, ["Kunming", "Qujing", "Yuxi"])),
        ("Gansu", (2.0, ["Lanzhou", "Tianshui", "Baiyin", "Zhangye"])),
        ("Guizhou", (1.5, ["Guiyang", "Zunyi", "Anshun"])),
        ("Inner Mongolia", (1.5, ["Hohhot", "Baotou", "Chifeng"])),
        ("Tianjin", (1.2, ["Tianjin"])),
        ("Xinjiang", (0.8, ["Urumqi"])),
        ("Hainan", (0.4, ["Haikou"])),
        ("Ningxia", (0.4, ["Yinchuan"])),
        ("Qinghai", (0.3, ["Xining"])),
    ]
)

ZH = {
    "Beijing": "北京",
    "Shanghai": "上海",
    "Tianjin": "天津",
    "Chongqing": "重庆",
    "Zhengzhou": "郑州",
    "Luoyang": "洛阳",
    "Kaifeng": "开封",
    "Nanyang": "南阳",
    "Xinxiang": "新乡",
    "Anyang": "安阳",
    "Shangqiu": "商丘",
    "Zhoukou": "周口",
    "Pingdingshan": "平顶山",
    "Xinyang": "信阳",
    "Zhumadian": "驻马店",
    "Jiaozuo": "焦作",
    "Jinan": "济南",
    "Qingdao": "青岛",
    "Yantai": "烟台",
    "Weifang": "潍坊",
    "Linyi": "临沂",
    "Jining": "济宁",
    "Zibo": "淄博",
    "Heze": "菏泽",
    "Liaocheng": "聊城",
    "Dezhou": "德州",
    "Weihai": "威海",
    "Rizhao": "日照",
    "Nanjing": "南京",
    "Suzhou": "苏州",
    "Wuxi": "无锡",
    "Changzhou": "常州",
    "Xuzhou": "徐州",
    "Nantong": "南通",
    "Yangzhou": "扬州",
    "Yancheng": "盐城",
    "Lianyungang": "连云港",
    "Zhenjiang": "镇江",
    "Chengdu": "成都",
    "Mianyang": "绵阳",
    "Nanchong": "南充",
    "Yibin": "宜宾",
    "Zigong": "自贡",
    "Luzhou": "泸州",
    "Deyang": "德阳",
    "Neijiang": "内江",
    "Leshan": "乐山",
    "Dazhou": "达州",
    "Wuhan": "武汉",
    "Yichang": "宜昌",
    "Xiangyang": "襄阳",
    "Jingzhou": "荆州",
    "Huangshi": "黄石",
    "Xiaogan": "孝感",
    "Shiyan": "十堰",
    "Huanggang": "黄冈",
    "Jingmen": "荆门",
    "Changsha": "长沙",
    "Zhuzhou": "株洲",
    "Xiangtan": "湘潭",
    "Hengyang": "衡阳",
    "Yueyang": "岳阳",
    "Changde": "常德",
    "Shaoyang": "邵阳",
    "Chenzhou": "郴州",
    "Hefei": "合肥",
    "Wuhu": "芜湖",
    "Anqing": "安庆",
    "Bengbu": "蚌埠",
    "Huainan": "淮南",
    "Fuyang": "阜阳",
    "Huaibei": "淮北",
    "Shijiazhuang": "石家庄",
    "Tangshan": "唐山",
    "Baoding": "保定",
    "Handan": "邯郸",
    "Cangzhou": "沧州",
    "Xingtai": "邢台",
    "Zhangjiakou": "张家口",
    "Qinhuangdao": "秦皇岛",
    "Hangzhou": "杭州",
    "Ningbo": "宁波",
    "Wenzhou": "温州",
    "Shaoxing": "绍兴",
    "Jinhua": "金华",
    "Jiaxing": "嘉兴",
    "Huzhou": "湖州",
    "Quzhou": "衢州",
    "Guangzhou": "广州",
    "Shenzhen": "深圳",
    "Shantou": "汕头",
    "Zhanjiang": "湛江",
    "Foshan": "佛山",
    "Meizhou": "梅州",
    "Maoming": "茂名",
    "Jiangmen": "江门",
    "Zhaoqing": "肇庆",
    "Shaoguan": "韶关",
    "Nanchang": "南昌",
    "Ganzhou": "赣州",
    "Jiujiang": "九江",
    "Shangrao": "上饶",
    "Pingxiang": "萍乡",
    "Xi'an": "西安",
    "Xianyang": "咸阳",
    "Baoji": "宝鸡",
    "Hanzhong": "汉中",
    "Weinan": "渭南",
    "Harbin": "哈尔滨",
    "Qiqihar": "齐齐哈尔",
    "Mudanjiang": "牡丹江",
    "Daqing": "大庆",
    "Jiamusi": "佳木斯",
    "Shenyang": "沈阳",
    "Dalian": "大连",
    "Anshan": "鞍山",
    "Fushun": "抚顺",
    "Dandong": "丹东",
    "Yingkou": "营口",
    "Taiyuan": "太原",
    "Datong": "大同",
    "Changzhi": "长治",
    "Yuncheng": "运城",
    "Linfen": "临汾",
    "Fuzhou": "福州",
    "Xiamen": "厦门",
    "Quanzhou": "泉州",
    "Zhangzhou": "漳州",
    "Putian": "莆田",
    "Longyan": "龙岩",
    "Changchun": "长春",
    "Jilin": "吉林",
    "Siping": "四平",
    "Nanning": "南宁",
    "Guilin": "桂林",
    "Liuzhou": "柳州",
    "Wuzhou": "梧州",
    "Kunming": "昆明",
    "Qujing": "曲靖",
    "Yuxi": "玉溪",
    "Lanzhou": "兰州",
    "Tianshui": "天水",
    "Baiyin": "白银",
    "Zhangye": "张掖",
    "Guiyang": "贵阳",
    "Zunyi": "遵义",
    "Anshun": "安顺",
    "Hohhot": "呼和浩特",
    "Baotou": "包头",
    "Chifeng": "赤峰",
    "Urumqi": "乌鲁木齐",
    "Haikou": "海口",
    "Yinchuan": "银川",
    "Xining": "西宁",
}
CITY_PROVINCE = {c: p for p, (_, cs) in PROVINCES.items() for c in cs}
CAPITAL = {p: cs[0] for p, (_, cs) in PROVINCES.items()}

# Domestic organisations: city -> {"u": [...], "i": [...], "e": [...]}.
# Entries are "name" or ("name", {subject tags}) for subject-specific institutes.
DOMESTIC_ORGS = {
    "Beijing": {
        "u": [
            "Tsinghua University",
            "Peking University",
            "Beijing Normal University",
            "Beijing University of Aeronautics & Astronautics",
            "Beijing Institute of Technology",
            "China Agricultural University",
            "University of Chinese Academy of Sciences",
            ("Peking Union Medical College", {"med", "life"}),
            ("Capital Medical University", {"med"}),
            "University of Science and Technology Beijing",
            "Beijing University of Chemical Technology",
            ("China University of Geosciences (Beijing)", {"earth"}),
            "Beijing Jiaotong University",
            ("Beijing University of Posts and Telecommunications", {"info"}),
        ],
        "i": [
            ("Institute of Physics, CAS", {"phys"}),
            ("Institute of Chemistry, CAS", {"chem"}),
            ("Institute of Biophysics, CAS", {"life"}),
            ("Institute of Zoology, CAS", {"life"}),
            ("Institute of Genetics and Developmental Biology, CAS", {"life"}),
            ("Institute of Microbiology, CAS", {"life"}),
            ("National Institute of Biological Sciences, Beijing", {"life"}),
            ("Institute of Botany, CAS", {"life", "earth"}),
            ("Institute of Geology and Geophysics, CAS", {"earth"}),
            ("Institute of Atmospheric Physics, CAS", {"earth"}),
            ("Institute of Geographic Sciences and Natural Resources Research, CAS", {"earth"}),
            ("Academy of Mathematics and Systems Science, CAS", {"math"}),
            ("Institute of Computing Technology, CAS", {"info"}),
            ("Institute of Automation, CAS", {"info"}),
            ("Institute of Software, CAS", {"info"}),
            ("Institute of Semiconductors, CAS", {"phys", "eng"}),
            ("Institute of High Energy Physics, CAS", {"phys"}),
            ("National Astronomical Observatories, CAS", {"phys"}),
            ("Institute of Process Engineering, CAS", {"chem", "eng"}),
            ("National Center for Nanoscience and Technology", {"chem", "phys", "eng"}),
            ("Technical Institute of Physics and Chemistry, CAS", {"chem", "eng"}),
            ("Institute of Mechanics, CAS", {"eng"}),
            ("Chinese Academy of Medical Sciences", {"med", "life"}),
            ("Academy of Military Medical Sciences", {"med", "life"}),
            ("Institute of Theoretical Physics, CAS", {"phys", "math"}),
        ],
        "e": [
            "Baidu",
            "China Petroleum & Chemical Corporation",
            "BOE Technology Group",
            "Lenovo",
            "China Aerospace Science and Technology Corporation",
        ],
    },
    "Shanghai": {
        "u": [
            "Fudan University",
            "Shanghai Jiaotong University",
            "Tongji University",
            "East China Normal University",
            "East China University of Science and Technology",
            "Shanghai University",
            "Donghua University",
            ("Second Military Medical University", {"med"}),
        ],
        "i": [
            ("Shanghai Institutes for Biological Sciences", {"life"}),
            ("Shanghai Institute of Organic Chemistry, CAS", {"chem"}),
            ("Shanghai Institute of Materia Medica, CAS", {"chem", "med"}),
            ("Shanghai Institute of Ceramics, CAS", {"eng"}),
            ("Shanghai Institute of Optics and Fine Mechanics, CAS", {"phys"}),
            ("Shanghai Institute of Applied Physics, CAS", {"phys"}),
            ("Shanghai Astronomical Observatory, CAS", {"phys", "earth"}),
            ("Shanghai Institute of Microsystem and Information Technology, CAS", {"info", "eng"}),
            ("Shanghai Institute of Technical Physics, CAS", {"info", "phys"}),
        ],
        "e": [
            "WuXi AppTec",
            "Commercial Aircraft Corporation of China",
            "Shanghai Pharmaceuticals",
            "Semiconductor Manufacturing International Corporation",
        ],
    },
    "Wuhan": {
        "u": [
            "Wuhan University",
            "Huazhong University of Science and Technology",
            "Huazhong Agricultural University",
            "Wuhan University of Technology",
            ("China University of Geosciences (Wuhan)", {"earth"}),
            "Central China Normal University",
        ],
        "i": [
            ("Wuhan Institute of Virology, CAS", {"life", "med"}),
            ("Institute of Hydrobiology, CAS", {"life", "earth"}),
            ("Wuhan Institute of Physics and Mathematics, CAS", {"phys", "math"}),
            ("Institute of Geodesy and Geophysics, CAS", {"earth"}),
            ("Wuhan Botanical Garden, CAS", {"life"}),
        ],
        "e": ["FiberHome Technologies"],
    },
    "Nanjing": {
        "u": [
            "Nanjing University",
            "Southeast University",
            "Nanjing University of Science and Technology",
            "Nanjing University of Aeronautics and Astronautics",
            "Nanjing Agricultural University",
            "Hohai University",
            "Nanjing Tech University",
            ("China Pharmaceutical University", {"med", "chem"}),
            "Nanjing Normal University",
            ("Nanjing Medical University", {"med"}),
        ],
        "i": [
            ("Nanjing Institute of Geology and Palaeontology, CAS", {"earth"}),
            ("Institute of Soil Science, CAS", {"earth", "life"}),
            ("Purple Mountain Observatory, CAS", {"phys"}),
            ("Nanjing Institute of Geography and Limnology, CAS", {"earth"}),
        ],
        "e": ["NARI Group"],
    },
    "Hangzhou": {
        "u": [
            "Zhejiang University",
            "Zhejiang University of Technology",
            "Hangzhou Normal University",
        ],
        "i": [("Second Institute of Oceanography, SOA", {"earth"})],
        "e": ["Alibaba Group", "Hikvision"],
    },
    "Hefei": {
        "u": [
            "University of Science and Technology of China",
            "Hefei University of Technology",
            "Anhui University",
            ("Anhui Medical University", {"med"}),
        ],
        "i": ["Hefei Institutes of Physical Science, CAS"],
        "e": ["iFlytek"],
    },
    "Guangzhou": {
        "u": [
            "Sun Yat-sen University",
            "South China University of Technology",
            "Jinan University",
            "South China Normal University",
            ("Southern Medical University", {"med"}),
            "South China Agricultural University",
            ("Guangzhou Medical University", {"med"}),
        ],
        "i": [
            ("Guangzhou Institute of Geochemistry, CAS", {"earth"}),
            ("Guangzhou Institutes of Biomedicine and Health, CAS", {"life", "med"}),
            ("South China Sea Institute of Oceanology, CAS", {"earth"}),
        ],
        "e": ["GAC Group"],
    },
    "Chengdu": {
        "u": [
            "Sichuan University",
            "University of Electronic Science and Technology",
            "Southwest Jiaotong University",
            "Southwest Petroleum University",
        ],
        "i": [
            ("Chengdu Institute of Biology, CAS", {"life"}),
            ("Institute of Optics and Electronics, CAS", {"phys", "eng"}),
        ],
        "e": [],
    },
    "Xi'an": {
        "u": [
            "Xi'an Jiaotong University",
            "Northwestern Polytechnical University",
            "Xidian University",
            "Northwest University",
        ],
        "i": ["Xi'an Institute of Optics and Precision Mechanics, CAS"],
        "e": [],
    },
    "Tianjin": {
        "u": ["Nankai University", "Tianjin University"],
        "i": ["Tianjin Institute of Industrial Biotechnology, CAS"],
        "e": [],
    },
    "Changsha": {
        "u": [
            "Central South University",
            "Hunan University",
            "National University of Defense Technology",
        ],
        "i": [],
        "e": [],
    },
    "Harbin": {
        "u": [
            "Harbin Institute of Technology",
            "Harbin Engineering University",
            "Northeast Forestry University",
        ],
        "i": [],
        "e": [],
    },
    "Shenzhen": {
        "u": ["South University of Science and Technology", "Shenzhen University"],
        "i": ["Shenzhen Institutes of Advanced Technology, CAS"],
        "e": ["Huawei Technologies", "BGI", "Tencent", "ZTE Corporation"],
    },
    "Jinan": {"u": ["Shandong University"], "i": [], "e": []},
    "Xiamen": {
        "u": ["Xiamen University", "Huaqiao University", "Jimei University"],
        "i": ["Institute of Urban Environment, CAS"],
        "e": [],
    },
    "Dalian": {
        "u": ["Dalian University of Technology"],
        "i": ["Dalian Institute of Chemical Physics, CAS"],
        "e": [],
    },
    "Lanzhou": {
        "u": ["Lanzhou University"],
        "i": [
            ("Lanzhou Institute of Chemical Physics, CAS", {"chem"}),
            ("Institute of Modern Physics, CAS", {"phys"}),
            ("Northwest Institute of Eco-Environment and Resources, CAS", {"earth", "life"}),
        ],
        "e": [],
    },
    "Chongqing": {
        "u": [
            "Chongqing University",
            "Southwest University",
            ("Chongqing Medical University", {"med"}),
        ],
        "i": [],
        "e": [],
    },
    "Changchun": {
        "u": ["Jilin University", "Northeast Normal University"],
        "i": [
            ("Changchun Institute of Applied Chemistry, CAS", {"chem"}),
            ("Changchun Institute of Optics, Fine Mechanics and Physics, CAS", {"phys", "eng"}),
        ],
        "e": [],
    },
    "Qingdao": {
        "u": ["Ocean University of China"],
        "i": [
            ("Institute of Oceanology, CAS", {"earth", "life"}),
            ("Qingdao Institute of Bioenergy and Bioprocess Technology, CAS", {"chem", "life"}),
        ],
        "e": [],
    },
    "Shenyang": {
        "u": ["Northeastern University"],
        "i": ["Institute of Metal Research, CAS"],
        "e": [],
    },
    "Suzhou": {
        "u": ["Suzhou University", "Xi'an Jiaotong-Liverpool University"],
        "i": ["Suzhou Institute of Nano-Tech and Nano-Bionics, CAS"],
        "e": [],
    },
    "Kunming": {
        "u": ["Yunnan University", "Kunming University of Science and Technology"],
        "i": [
            ("Kunming Institute of Zoology, CAS", {"life"}),
            ("Kunming Institute of Botany, CAS", {"life", "earth"}),
        ],
        "e": [],
    },
    "Fuzhou": {
        "u": ["Fuzhou University", "Fujian Normal University"],
        "i": ["Fujian Institute of Research on the Structure of Matter, CAS"],
        "e": [],
    },
    "Zhengzhou": {
        "u": ["Zhengzhou University", "Henan University of Technology"],
        "i": [],
        "e": [],
    },
    "Mianyang": {
        "u": ["Southwest University of Science and Technology"],
        "i": ["China Academy of Engineering Physics"],
        "e": [],
    },
    "Xianyang": {
        "u": ["Northwest A&F University"],
        "i": ["Institute of Soil and Water Conservation, CAS"],
        "e": [],
    },
    "Nanchang": {"u": ["Nanchang University"], "i": [], "e": []},
    "Taiyuan": {
        "u": ["Shanxi University", "Taiyuan University of Technology"],
        "i": ["Institute of Coal Chemistry, CAS"],
        "e": [],
    },
    "Ningbo": {
        "u": ["Ningbo University", "University of Nottingham Ningbo China"],
        "i": ["Ningbo Institute of Materials Technology and Engineering, CAS"],
        "e": [],
    },
    "Guiyang": {"u": ["Guizhou University"], "i": ["Institute of Geochemistry, CAS"], "e": []},
    "Nanning": {"u": ["Guangxi University"], "i": [], "e": []},
    "Urumqi": {
        "u": ["Xinjiang University"],
        "i": ["Xinjiang Technical Institute of Physics and Chemistry, CAS"],
        "e": [],
    },
    "Wuxi": {"u": ["Jiangnan University"], "i": [], "e": []},
    "Hohhot": {"u": ["Inner Mongolia University"], "i": [], "e": []},
    "Shijiazhuang": {
        "u": ["Hebei Normal University", ("Hebei Medical University", {"med"})],
        "i": [],
        "e": [],
    },
    "Yangzhou": {"u": ["Yangzhou University"], "i": [], "e": []},
    "Changzhou": {"u": ["Changzhou University"], "i": [], "e": []},
    "Zhenjiang": {"u": ["Jiangsu University"], "i": [], "e": []},
    "Xuzhou": {"u": ["China University of Mining and Technology"], "i": [], "e": []},
    "Qinhuangdao": {"u": ["Yanshan University"], "i": [], "e": []},
    "Baoding": {
        "u": ["Hebei University", "North China Electric Power University (Baoding)"],
        "i": [],
        "e": [],
    },
    "Weihai": {
        "u": ["Harbin Institute of Technology at Weihai", "Shandong University at Weihai"],
        "i": [],
        "e": [],
    },
    "Yantai": {
        "u": ["Yantai University"],
        "i": ["Yantai Institute of Coastal Zone Research, CAS"],
        "e": [],
    },
    "Shantou": {"u": ["Shantou University"], "i": [], "e": []},
    "Zhanjiang": {"u": ["Guangdong Ocean University"], "i": [], "e": []},
    "Jinhua": {"u": ["Zhejiang Normal University"], "i": [], "e": []},
    "Wenzhou": {"u": ["Wenzhou Medical University"], "i": [], "e": []},
    "Ganzhou": {"u": ["Jiangxi University of Science and Technology"], "i": [], "e": []},
    "Huainan": {"u": ["Anhui University of Science and Technology"], "i": [], "e": []},
    "Haikou": {"u": ["Hainan University"], "i": [], "e": []},
    "Xiangtan": {"u": ["Xiangtan University"], "i": [], "e": []},
    "Nantong": {"u": ["Nantong University"], "i": [], "e": []},
    "Luoyang": {"u": ["Henan University of Science and Technology"], "i": [], "e": []},
    "Guilin": {"u": ["Guilin University of Electronic Technology"], "i": [], "e": []},
    "Shaoxing": {"u": ["Shaoxing University"], "i": [], "e": []},
    "Yichang": {"u": ["China Three Gorges University"], "i": [], "e": []},
    "Hengyang": {"u": ["University of South China"], "i": [], "e": []},
    # study-only cities (provincial capitals that are not return cities here)
    "Yinchuan": {"u": ["Ningxia University"], "i": [], "e": []},
    "Xining": {"u": ["Qinghai University"], "i": [], "e": []},
}
# Where people study (bachelor / master / domestic PhD) when not at home: university hubs.
STUDY_HUBS = OrderedDict(
    [
        ("Beijing", 16.0),
        ("Shanghai", 10.0),
        ("Wuhan", 9.0),
        ("Nanjing", 9.0),
        ("Hefei", 1.6),
        ("Hangzhou", 1.6),
        ("Xi'an", 1.8),
        ("Changsha", 1.2),
        ("Chengdu", 1.5),
        ("Tianjin", 1.2),
        ("Harbin", 1.2),
        ("Guangzhou", 1.5),
        ("Jinan", 0.8),
        ("Changchun", 0.8),
        ("Lanzhou", 0.7),
        ("Xiamen", 0.6),
        ("Dalian", 0.7),
        ("Chongqing", 0.8),
        ("Shenyang", 0.6),
        ("Qingdao", 0.4),
        ("Zhengzhou", 0.4),
        ("Kunming", 0.3),
        ("Fuzhou", 0.3),
        ("Taiyuan", 0.3),
    ]
)
PHD_HUB_BOOST = {"Beijing": 2.0, "Shanghai": 1.3, "Hefei": 1.3}  # CAS / UCAS, USTC
INSTITUTE_CITY_WEIGHT = {
    "Beijing": 3.0,
    "Shanghai": 2.5,
    "Mianyang": 10.0,
    "Dalian": 4.0,
    "Changchun": 4.0,
    "Lanzhou": 4.0,
    "Hefei": 2.0,
    "Kunming": 3.0,
    "Qingdao": 3.0,
    "Xianyang": 3.0,
    "Guiyang": 3.0,
    "Urumqi": 2.0,
    "Fuzhou": 2.0,
    "Shenyang": 2.0,
}
ENTERPRISE_CITY_WEIGHT = {
    "Shenzhen": 12.0,
    "Hangzhou": 3.0,
    "Beijing": 1.5,
    "Shanghai": 1.5,
    "Hefei": 1.5,
}

STAGE_ORDER = ["birth", "bachelor", "master", "phd", "postdoc", "work", "return", "later"]
COLUMNS = [
    "person_id",
    "seq",
    "stage",
    "city",
    "country",
    "org",
    "year",
    "subject",
    "unit_type",
    "cohort",
    "gender",
]


# --------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------


def _pick(rng: np.random.Generator, items, weights=None):
    items = list(items)
    if weights is None:
        return items[int(rng.integers(len(items)))]
    w = np.asarray(weights, dtype=float)
    return items[int(rng.choice(len(items), p=w / w.sum()))]


def _zipf(n: int, s: float = 0.7) -> np.ndarray:
    return 1.0 / np.arange(1, n + 1) ** s


def _org_name(o):
    return o if isinstance(o, str) else o[0]


def _pick_org(rng, city: str, kind: str, tag: str | None = None) -> str:
    """A domestic organisation of `kind` (u/i/e) in `city`. Lists run from the biggest
    employer down (Zipf weights); entries tagged with subjects are only used for those
    subjects and are boosted for them (institutes strongly, universities mildly)."""
    pool = DOMESTIC_ORGS[city][kind] or DOMESTIC_ORGS[city]["u"]
    kind = kind if DOMESTIC_ORGS[city][kind] else "u"
    base = _zipf(len(pool), 1.0 if kind == "u" else 0.5)
    items, w = [], []
    for o, b in zip(pool, base):
        if isinstance(o, str):
            items.append(o)
            w.append(b)
        elif tag in o[1]:
            items.append(o[0])
            w.append(b * (1.5 if kind == "u" else 12.0))
    if not items:  # only subject-specific entries, none for this subject
        items, w = [_org_name(o) for o in pool], list(base)
    return _pick(rng, items, w)


def _fit_subject_city(rng) -> pd.DataFrame:
    """Subject x return-city counts: the printed top-3 cells of Table 1 fixed, every
    other cell of a subject below its printed third (no tie), both margins exact
    (capped IPF, then an integer repair)."""
    subjects = list(SUBJECTS)
    cities = list(RETURN_CITIES)
    subj_tot = np.array([sum(v) for v in SUBJECTS.values()], dtype=float)
    city_tot = np.array(list(RETURN_CITIES.values()), dtype=float)
    fixed = np.zeros((len(subjects), len(cities)))
    free = np.ones_like(fixed, dtype=bool)
    cap = np.zeros_like(fixed)
    for i, s in enumerate(subjects):
        top = TABLE1_TOP3[s]
        cap[i, :] = min(top.values()) - 1
        for c, n in top.items():
            fixed[i, cities.index(c)] = n
            free[i, cities.index(c)] = False
    cap[~free] = 0
    row_left = subj_tot - fixed.sum(1)
    col_left = city_tot - fixed.sum(0)
    seed = np.outer(subj_tot, city_tot) / N_PERSONS
    for i, s in enumerate(subjects):
        for c, f in SUBJECT_CITY_AFFINITY[SUBJECT_TAG[s]].items():
            seed[i, cities.index(c)] *= f
    lower = np.zeros_like(fixed)  # the five interviewed talents need their cell
    for _year, subject, city, _pattern in REF.CASES.values():
        i, j = subjects.index(subject), cities.index(city)
        if free[i, j]:
            lower[i, j] = 1
    m = np.where(free, seed, 0.0)
    for _ in range(2000):
        with np.errstate(invalid="ignore", divide="ignore"):
            m *= np.nan_to_num(row_left / m.sum(1))[:, None]
            m = np.minimum(m, cap)
            m *= np.nan_to_num(col_left / m.sum(0))[None, :]
            m = np.maximum(np.minimum(m, cap), lower)
    fl = np.floor(m).astype(int)
    # integer repair: the remaining persons, largest fractions first, then along
    # augmenting paths (rows -> cells with room -> columns short of persons)
    rdef = (row_left - fl.sum(1)).astype(int)
    cdef = (col_left - fl.sum(0)).astype(int)
    for k in np.argsort(-(m - fl), axis=None, kind="stable"):
        i, j = np.unravel_index(k, m.shape)
        if rdef[i] > 0 and cdef[j] > 0 and fl[i, j] < cap[i, j]:
            fl[i, j] += 1
            rdef[i] -= 1
            cdef[j] -= 1
    while rdef.sum() > 0:
        path = _augmenting_path(fl, cap, np.floor(lower).astype(int), rdef, cdef)
        if path is None:  # pragma: no cover - the printed figures are feasible
            raise RuntimeError("Table 1 cannot be fitted")
        for (i, j), step in path:
            fl[i, j] += step
        rdef[path[0][0][0]] -= 1
        cdef[path[-1][0][1]] -= 1
    tab = pd.DataFrame(fl + fixed.astype(int), index=subjects, columns=cities)
    assert (tab.sum(1).values == subj_tot).all() and (tab.sum(0).values == city_tot).all()
    return tab


def _augmenting_path(fl, cap, lower, rdef, cdef):
    """Breadth-first path from a row short of persons to a column short of persons:
    [((row, col), +1), ((row', col), -1), ((row', col'), +1), ...] or None."""
    n_r, n_c = fl.shape
    prev: dict = {}
    queue = [("r", i) for i in range(n_r) if rdef[i] > 0]
    seen = set(queue)
    while queue:
        node = queue.pop(0)
        kind, x = node
        if kind == "r":
            nxt = [("c", j) for j in range(n_c) if fl[x, j] < cap[x, j]]
        else:
            if cdef[x] > 0:
                path, cur = [], node
                while cur in prev:
                    back = prev[cur]
                    if cur[0] == "c":
                        path.append(((back[1], cur[1]), +1))
                    else:
                        path.append(((cur[1], back[1]), -1))
                    cur = back
                return path[::-1]
            nxt = [("r", i) for i in range(n_r) if fl[i, x] > lower[i, x]]
        for n in nxt:
            if n not in seen:
                seen.add(n)
                prev[n] = node
                queue.append(n)
    return None


def _ranked(row: pd.Series) -> list:
    """Cities of a subject row by count desc, ties by the city order of RETURN_CITIES."""
    order = {c: k for k, c in enumerate(RETURN_CITIES)}
    return sorted(row.index, key=lambda c: (-row[c], order[c]))


# Table 3 (left): the printed return organisations, by the names the sample uses.
SAMPLE_ORG_NAME = {"SunYat-Sen University": "Sun Yat-sen University"}
PAPER_RETURN_ORGS = [
    (SAMPLE_ORG_NAME.get(org, org), city, n) for _r, org, city, n in REF.TABLE3_RETURN
]
INSTITUTE_ORGS = {"Shanghai Institutes for Biological Sciences"}
RETURN_ORG_CAP = 35  # every other return organisation: fewer than Table 3's 20th (36)


def _assign_units_and_orgs(rng, persons: list[dict]) -> None:
    """Unit type (Table 1's counts per subject) and return organisation (Table 3's
    counts for its 20, at most RETURN_ORG_CAP for any other) of every person."""
    fixed_u = Counter()
    for org, city, n in PAPER_RETURN_ORGS:
        if org not in INSTITUTE_ORGS:
            fixed_u[city] += n
    by_city = Counter(p["return_city"] for p in persons)
    non_univ_room = {c: by_city[c] - fixed_u[c] for c in by_city}
    for p in persons:
        p["unit_type"] = "university"
    # SIBS: 61 biologists in Shanghai, and no other institute biologist there
    sibs = [
        k
        for k, p in enumerate(persons)
        if p["return_city"] == "Shanghai" and p["subject"] == "Biological Science"
    ]
    for k in rng.choice(sibs, size=61, replace=False):
        persons[k]["unit_type"] = "research institute"
        persons[k]["return_org"] = "Shanghai Institutes for Biological Sciences"
    non_univ_room["Shanghai"] -= 61
    for s, (_n_u, n_i, n_e) in SUBJECTS.items():
        done_i = sum(1 for p in persons if p["subject"] == s and p["unit_type"] != "university")
        for unit, n, cw, key in (
            ("enterprise", n_e, ENTERPRISE_CITY_WEIGHT, "e"),
            ("research institute", n_i - done_i, INSTITUTE_CITY_WEIGHT, "i"),
        ):
            for _ in range(n):
                elig = [
                    k
                    for k, p in enumerate(persons)
                    if p["subject"] == s
                    and p["unit_type"] == "university"
                    and DOMESTIC_ORGS[p["return_city"]][key]
                    and non_univ_room[p["return_city"]] > 0
                    and not (p["return_city"] == "Shanghai" and s == "Biological Science")
                ]
                w = np.array([cw.get(persons[k]["return_city"], 1.0) for k in elig])
                k = elig[int(rng.choice(len(elig), p=w / w.sum()))]
                persons[k]["unit_type"] = unit
                non_univ_room[persons[k]["return_city"]] -= 1
    # organisations: the printed ones get their exact counts, the others a capped draw
    key_of = {"university": "u", "research institute": "i", "enterprise": "e"}
    for org, city, n in PAPER_RETURN_ORGS:
        if org in INSTITUTE_ORGS:
            continue
        pool = [
            k
            for k, p in enumerate(persons)
            if p["return_city"] == city and p["unit_type"] == "university" and "return_org" not in p
        ]
        for k in rng.choice(pool, size=n, replace=False):
            persons[k]["return_org"] = org
    printed = {org for org, _c, _n in PAPER_RETURN_ORGS}
    used = Counter()
    for p in persons:
        if "return_org" in p:
            continue
        city, kind = p["return_city"], key_of[p["unit_type"]]
        tag = SUBJECT_TAG[p["subject"]]
        pool = [o for o in DOMESTIC_ORGS[city][kind] if _org_name(o) not in printed]
        tagged = [o for o in pool if isinstance(o, str) or tag in o[1]]
        names = [_org_name(o) for o in (tagged or pool)]
        names = [o for o in names if used[o] < RETURN_ORG_CAP]
        if not names:  # pragma: no cover - the lists are long enough
            raise RuntimeError(f"no organisation left in {city} ({kind})")
        w = _zipf(len(names), 0.8)
        org = _pick(rng, names, w)
        p["return_org"] = org
        used[org] += 1


def _birth_city(rng) -> str:
    provs = list(PROVINCES)
    p = _pick(rng, provs, [PROVINCES[x][0] for x in provs])
    cities = PROVINCES[p][1]
    w = [2.5] + [1.0] * (len(cities) - 1)
    return _pick(rng, cities, w)


def _study_city(rng, home: str | None = None, phd: bool = False) -> str:
    hubs = list(STUDY_HUBS)
    w = [STUDY_HUBS[h] * (PHD_HUB_BOOST.get(h, 1.0) if phd else 1.0) for h in hubs]
    if home is not None:
        cap = CAPITAL[CITY_PROVINCE[home]]
        r = rng.random()
        if r < 0.30 and cap in DOMESTIC_ORGS:
            return cap
        if r < 0.42 and home in DOMESTIC_ORGS:
            return home
    return _pick(rng, hubs, w)


def _domestic_chain(rng, has_master: bool, phd_domestic: bool, has_dwork: bool) -> dict:
    """Cities of the domestic stages before leaving (natural draw)."""
    ch = {"birth": _birth_city(rng)}
    ch["bachelor"] = _study_city(rng, home=ch["birth"])
    if has_master:
        ch["master"] = ch["bachelor"] if rng.random() < 0.5 else _study_city(rng)
    if phd_domestic:
        prev = ch.get("master", ch["bachelor"])
        ch["phd"] = prev if rng.random() < 0.4 else _study_city(rng, phd=True)
    if has_dwork:
        ch["dwork"] = _study_city(rng)
    return ch


def _timeline(rng, stages: list, cohort: int) -> dict:
    """Start years for the stages (list of keys), return year = cohort, birth 1970-1985,
    age at selection 30-39. Durations are the time spent in each stage."""
    dur = {
        "birth": 18,
        "bachelor": 4,
        "master": int(rng.choice([2, 3, 3])),
        "phd": int(rng.choice([4, 5, 5, 6]))
        if "phd_abroad" in stages
        else int(rng.choice([3, 4, 4, 5])),
        "dwork": int(rng.integers(1, 4)),
        "postdoc": int(rng.integers(2, 5)),
        "awork": int(rng.integers(2, 6)),
    }
    mins = {"master": 2, "phd": 3, "dwork": 1, "postdoc": 2, "awork": 1}
    maxs = {"master": 3, "phd": 6, "dwork": 4, "postdoc": 6, "awork": 9}
    keys = [k if k != "phd_abroad" else "phd" for k in stages if k not in ("return",)]
    lo = max(cohort - 1985, 30)
    hi = min(cohort - 1970, 39)
    total = sum(dur[k] for k in keys)
    target = int(rng.integers(lo, hi + 1)) if total < lo or total > hi else total
    adjustable = [k for k in keys if k in mins]
    guard = 0
    while total != target and guard < 200:
        guard += 1
        if total > target:
            cand = [k for k in adjustable if dur[k] > mins[k]]
            if not cand:
                break
            k = _pick(rng, cand)
            dur[k] -= 1
            total -= 1
        else:
            cand = [
                k
                for k in adjustable
                if dur[k] < maxs[k] and k in ("postdoc", "awork", "dwork", "phd")
            ]
            if not cand:
                break
            k = _pick(rng, cand)
            dur[k] += 1
            total += 1
    birth_year = cohort - total
    years, y = {}, birth_year
    for k in keys:
        years[k] = y
        y += dur[k]
    assert y == cohort
    return years


# The five interviewed talents (Table 2, Table 5): return year, subject and city as
# printed; the domestic stages before going abroad follow what they say. B, C and D
# come back to a city they studied in (circle); A and E are city explorers (linear).
# (stage, city, organisation) before the first stage abroad; the overseas stages are
# those of a generated person with the same subject, return organisation and cohort.
CASES = {
    "A": {
        "return_org": "Shanghai Institutes for Biological Sciences",
        "region": "USA",  # "We worked together when I was in the USA"
        "cohort": 2016,  # Table 2 prints a 2018 return, after the 2011-2016 window
        "phd_abroad": True,
        "domestic": [
            ("birth", "Zhuzhou", ""),
            ("bachelor", "Wuhan", "Wuhan University"),
            ("master", "Wuhan", "Wuhan University"),
        ],
    },
    "B": {
        "return_org": "Xi'an Jiaotong University",
        "cohort": 2015,
        "phd_abroad": True,
        "domestic": [
            ("birth", "Baoji", ""),
            ("bachelor", "Beijing", "Tsinghua University"),  # "my bachelor's study there"
            ("master", "Xi'an", "Xi'an Jiaotong University"),
        ],
    },
    "C": {
        "return_org": "Chongqing University",
        "cohort": 2015,
        "phd_abroad": True,
        "domestic": [
            ("birth", "Nanchong", ""),
            ("bachelor", "Chongqing", "Chongqing University"),  # "my second hometown"
            ("master", "Chongqing", "Chongqing University"),
        ],
    },
    "D": {
        "return_org": "Peking University",
        "cohort": 2016,
        "phd_abroad": False,
        "domestic": [
            ("birth", "Shijiazhuang", ""),
            ("bachelor", "Beijing", "Peking University"),
            ("phd", "Beijing", "Peking University"),  # "I told my supervisor ... come back"
        ],
    },
    "E": {
        "return_org": "Suzhou University",
        "cohort": 2012,
        "phd_abroad": True,
        "domestic": [
            ("birth", "Wuxi", ""),  # "Suzhou is near my hometown"
            ("bachelor", "Nanjing", "Southeast University"),
        ],
    },
}


def _place_cases(rng, df: pd.DataFrame) -> pd.DataFrame:
    """Persons A-E: a generated person of the same subject, return organisation,
    cohort and route pattern takes the case's id and domestic stages, so every
    calibrated count stays as it was."""
    region_of = {cc: r for r, ccs in REGION_COUNTRIES.items() for cc in ccs}
    ret = df[df["stage"].eq("return")].set_index("person_id")
    abroad = df[~df["country"].eq("CN")]
    phd_abroad = set(abroad.loc[abroad["stage"].eq("phd"), "person_id"])
    region = abroad.groupby("person_id")["country"].first().map(region_of)
    pieces, taken = [], set()
    for case, spec in CASES.items():
        year, subject, city, pattern = REF.CASES[case]
        printed = spec["return_org"] in {o for o, _c, _n in PAPER_RETURN_ORGS}
        ok = ret.index[
            (ret["org"].eq(spec["return_org"]) | (not printed))
            & ret["subject"].eq(subject)
            & ret["city"].map(english).eq(city)
        ]
        ok = [pid for pid in ok if pid not in taken and (pid in phd_abroad) == spec["phd_abroad"]]
        if not ok:  # pragma: no cover - Table 1's fit keeps one such person
            raise RuntimeError(f"no person to stand for case {case}")
        score = [
            10 * (ret.at[pid, "cohort"] == spec["cohort"])
            + (_pattern_of(df[df["person_id"].eq(pid)]) == pattern)
            + 3 * (region.get(pid) == spec.get("region", region.get(pid)))
            for pid in ok
        ]
        best = [pid for pid, sc in zip(ok, score) if sc == max(score)]
        pid = best[int(rng.integers(len(best)))]
        taken.add(pid)
        rows = df[df["person_id"].eq(pid)].sort_values("seq")
        first_abroad = rows.index[~rows["country"].eq("CN")][0]
        # shift the person's years so that the return year is the printed one
        offset = year - int(rows.loc[rows["stage"].eq("return"), "year"].iloc[0])
        later = rows.loc[first_abroad:].copy()
        later["year"] = later["year"] + offset
        birth_year = int(rows["year"].iloc[0]) + offset
        start = min(birth_year, int(later["year"].iloc[0]) - 18 - 4 * (len(spec["domestic"]) - 1))
        head = []
        for k, (stage, dcity, org) in enumerate(spec["domestic"]):
            y = start if k == 0 else start + 18 + 4 * (k - 1)
            head.append(
                {
                    **rows.iloc[0].to_dict(),
                    "stage": stage,
                    "city": dcity,
                    "country": "CN",
                    "org": org,
                    "year": y,
                }
            )
        new = pd.concat([pd.DataFrame(head), later], ignore_index=True)
        new["person_id"] = case
        new["cohort"] = spec["cohort"]
        new.loc[new["stage"].eq("return"), "year"] = year
        new.loc[new["stage"].eq("return"), "org"] = spec["return_org"]
        new["seq"] = range(1, len(new) + 1)
        pieces.append((pid, new))
    out = df[~df["person_id"].isin(taken)]
    out = pd.concat([out] + [new for _pid, new in pieces], ignore_index=True)
    return out.reset_index(drop=True)


def _pattern_of(rows: pd.DataFrame) -> str:
    """circle when the return city is among the domestic cities before going abroad."""
    rows = rows.sort_values("seq")
    first = rows.index[~rows["country"].eq("CN")][0]
    known = set(rows.loc[: first - 1].loc[lambda r: r["country"].eq("CN"), "city"].map(english))
    back = english(rows.loc[rows["stage"].eq("return"), "city"].iloc[0])
    return "circle" if back in known else "linear"


# Overseas organisations held back to bring the network to the paper's 440 cities:
# each replaces one postdoc / work stage at an organisation of the same region.
RESERVE_ORGS = [
    ("Fermi National Accelerator Laboratory", "Batavia", "US", "i"),
    ("SLAC National Accelerator Laboratory", "Menlo Park", "US", "i"),
    ("Janelia Research Campus", "Ashburn", "US", "i"),
    ("National Institute of Standards and Technology", "Gaithersburg", "US", "i"),
    ("Merck Research Laboratories", "Rahway", "US", "i"),
    ("Amgen", "Thousand Oaks", "US", "i"),
    ("Dow Chemical Company", "Midland", "US", "i"),
    ("Eli Lilly and Company", "Indianapolis", "US", "i"),
    ("CERN", "Meyrin", "CH", "i"),
    ("Forschungszentrum Jülich", "Jülich", "DE", "i"),
    ("Empa", "Dübendorf", "CH", "i"),
    ("University of Erlangen-Nuremberg", "Erlangen", "DE", "u"),
    ("University of Tübingen", "Tübingen", "DE", "u"),
    ("University of Würzburg", "Würzburg", "DE", "u"),
    ("Johannes Gutenberg University Mainz", "Mainz", "DE", "u"),
    ("University of Jena", "Jena", "DE", "u"),
    ("Radboud University", "Nijmegen", "NL", "u"),
    ("University of Toulouse", "Toulouse", "FR", "u"),
    ("Aix-Marseille University", "Marseille", "FR", "u"),
    ("University of Montpellier", "Montpellier", "FR", "u"),
    ("International School for Advanced Studies", "Trieste", "IT", "u"),
    ("University of Pisa", "Pisa", "IT", "u"),
    ("Linköping University", "Linköping", "SE", "u"),
    ("Norwegian University of Science and Technology", "Trondheim", "NO", "u"),
    ("Aalto University", "Espoo", "FI", "u"),
    ("University of Innsbruck", "Innsbruck", "AT", "u"),
    ("University of Tsukuba", "Tsukuba", "JP", "u"),
    ("Kumamoto University", "Kumamoto", "JP", "u"),
    ("University of Tasmania", "Hobart", "AU", "u"),
    ("James Cook University", "Townsville", "AU", "u"),
    ("University of Newcastle", "Newcastle", "AU", "u"),
    ("Deakin University", "Geelong", "AU", "u"),
]


# Printed figures the sample cannot reach, and why (also in the report and README).
NOT_REACHED = [
    {
        "figure": "Table 3, return organisations, sum 1,696",
        "reached": 1686,
        "why": "the 20 printed cells add up to 1,686; the sample has the printed cells",
    },
    {
        "figure": "rest of Europe 12.39 %",
        "reached": "353 persons = 12.40 %",
        "why": "12.39 % of 2,846 is 352.6 persons: 352 gives 12.37 %, 353 gives 12.40 %",
    },
    {
        "figure": "seven-city share 71.18 %",
        "reached": "2,026 persons = 71.1876 %",
        "why": "71.18 is 71.1876 truncated; no whole number of persons rounds to 71.18",
    },
    {
        "figure": "about 83 % at universities",
        "reached": "2,350 persons = 82.57 %",
        "why": "Table 1's printed cells give 2,350 university returnees of 2,846",
    },
    {
        "figure": "Table 3: University of Michigan in 'Michigan'; Columbia in 'New York'",
        "reached": "Ann Arbor; New York City",
        "why": "Michigan is a state; the gazetteer names the city New York City",
    },
    {
        "figure": "Table 3: Harvard University and MIT in 'Boston'",
        "reached": "Cambridge (US)",
        "why": "the paper's Boston is the Boston area: both universities are in Cambridge, "
        "Massachusetts, where a source-city table must place them",
    },
    {
        "figure": "Table 3: University of Hong Kong, country 'China'",
        "reached": "HK",
        "why": "Hong Kong counts as abroad, as in the paper; its ISO code is HK",
    },
    {
        "figure": "Table 2: case A returned in 2018",
        "reached": "return year 2018, cohort 2016",
        "why": "2018 lies after the 2011-2016 window; the return year is as printed and the "
        "selection cohort is put at 2016",
    },
    {
        "figure": "Table 3 ties (ranks 5-6, 13-15, 17-19)",
        "reached": "equal counts, ties listed by name",
        "why": "the paper does not say how it ordered equal counts",
    },
]


def _node_count(df: pd.DataFrame) -> int:
    return int(df.assign(c=df["city"].map(english)).drop_duplicates(["c", "country"]).shape[0])


def _top_up_cities(rng, df: pd.DataFrame, target: int) -> pd.DataFrame:
    """Bring the number of distinct cities to `target` with RESERVE_ORGS."""
    n = _node_count(df)
    if n > target:  # pragma: no cover - tune the organisation lists
        raise RuntimeError(f"{n} cities already, more than {target}")
    region_of = {cc: r for r, ccs in REGION_COUNTRIES.items() for cc in ccs}
    top = {o[0] for o in TOP_ORGS}
    used = set(zip(df["city"].map(english), df["country"]))
    reserve = [o for o in RESERVE_ORGS if (o[1], o[2]) not in used]
    df = df.copy()
    persons = df[~df["country"].eq("CN")].drop_duplicates(["person_id", "org"])["org"]
    per_org = persons.value_counts()
    for name, city, cc, _kind in reserve[: target - n]:
        cand = df.index[
            df["country"].map(region_of).eq(region_of[cc])
            & df["stage"].isin(["postdoc", "work"])
            & ~df["org"].isin(top)
            & df["org"].map(per_org).fillna(0).ge(3)
            & ~df["person_id"].isin(list(CASES))
        ]
        i = cand[int(rng.integers(len(cand)))]
        per_org[df.at[i, "org"]] -= 1
        df.loc[i, ["city", "country", "org"]] = [city, cc, name]
    if _node_count(df) != target:  # pragma: no cover
        raise RuntimeError(f"{_node_count(df)} cities, not {target}")
    return df


def build(seed: int = 2021):
    rng = np.random.default_rng(seed)

    # ---- person attributes: subject, return city, unit type, cohort, gender
    tab = _fit_subject_city(rng)
    persons = []
    for s in SUBJECTS:
        for c in tab.columns:
            persons += [{"subject": s, "return_city": c} for _ in range(int(tab.loc[s, c]))]
    order = rng.permutation(len(persons))
    persons = [persons[i] for i in order]
    _assign_units_and_orgs(rng, persons)
    cohorts = np.repeat(list(COHORTS), list(COHORTS.values()))
    rng.shuffle(cohorts)
    for p, y in zip(persons, cohorts):
        p["cohort"] = int(y)
        p["gender"] = "female" if rng.random() < 0.14 else "male"

    # ---- circle / linear: exact counts per cohort
    for y, n in COHORTS.items():
        idx = [k for k, p in enumerate(persons) if p["cohort"] == y]
        n_lin = int(round(LINEAR_SHARE[y] * n))
        lin = set(rng.choice(idx, size=n_lin, replace=False).tolist())
        for k in idx:
            persons[k]["pattern"] = "linear" if k in lin else "circle"

    # ---- overseas region: exact person counts
    reg_counts = OrderedDict(
        (r, int(round(pct * N_PERSONS / 100))) for r, pct in PAPER_REGION_PCT.items()
    )
    reg_counts["Other"] = N_PERSONS - sum(reg_counts.values())
    regions = np.repeat(list(reg_counts), list(reg_counts.values()))
    rng.shuffle(regions)

    # ---- life-course structure and domestic cities
    for k, p in enumerate(persons):
        p["pid"] = f"P{k + 1:04d}"
        p["region"] = str(regions[k])
        has_master = rng.random() < 0.55
        phd_abroad = rng.random() < 0.5
        has_dwork = rng.random() < (0.06 if phd_abroad else 0.14)
        if phd_abroad:
            has_postdoc = rng.random() < 0.8
            has_awork = (not has_postdoc) or rng.random() < 0.4
        else:
            has_postdoc = rng.random() < 0.93
            has_awork = (not has_postdoc) or rng.random() < 0.45
        R = p["return_city"]
        for _ in range(500):
            ch = _domestic_chain(rng, has_master, not phd_abroad, has_dwork)
            if p["pattern"] == "circle":
                bases = [b for b in ("birth", "bachelor", "master", "phd", "dwork") if b in ch]
                w = {"birth": 0.30, "bachelor": 0.35, "master": 0.15, "phd": 0.15, "dwork": 0.05}
                if R in SPECIAL_CITIES and "birth" in bases:
                    bases = ["birth"]  # a small city is known as one's home town
                b = _pick(rng, bases, [w[x] for x in bases])
                ch[b] = R
                break
            if R not in ch.values():
                break
        else:  # pragma: no cover
            raise RuntimeError(f"no linear chain for {R}")
        p["chain"] = ch
        # stage keys in order
        keys = ["birth", "bachelor"] + (["master"] if has_master else [])
        if not phd_abroad:
            keys.append("phd")
        if has_dwork:
            keys.append("dwork")
        if phd_abroad:
            keys.append("phd_abroad")
        if has_postdoc:
            keys.append("postdoc")
        if has_awork:
            keys.append("awork")
        keys.append("return")
        p["keys"] = keys
        p["years"] = _timeline(rng, keys, p["cohort"])
        # overseas slot groups: stages sharing one organisation
        ov = [x for x in keys if x in ("phd_abroad", "postdoc", "awork")]
        groups: list = []
        for x in ov:
            same = groups and (
                (x == "postdoc" and groups[-1][-1] == "phd_abroad" and rng.random() < 0.2)
                or (x == "awork" and groups[-1][-1] == "postdoc" and rng.random() < 0.35)
            )
            if same:
                groups[-1].append(x)
            else:
                groups.append([x])
        p["groups"] = groups
        p["group_org"] = [None] * len(groups)

    # ---- overseas organisations: exact person counts for TOP_ORGS, others <= TAIL_CAP
    region_of = {cc: r for r, ccs in REGION_COUNTRIES.items() for cc in ccs}
    org_info = {}
    for name, city, cc, kind, _n in TOP_ORGS:
        org_info[name] = (city, cc, kind)
    for lst in TAIL_ORGS.values():
        for name, city, cc, kind in lst:
            org_info[name] = (city, cc, kind)

    def eligible(p, gi, kind):
        return p["group_org"][gi] is None and (kind == "u" or "phd_abroad" not in p["groups"][gi])

    for name, _city, cc, kind, n in TOP_ORGS:
        reg = region_of[cc]
        cand = [
            p
            for p in persons
            if p["region"] == reg and any(eligible(p, g, kind) for g in range(len(p["groups"])))
        ]
        if len(cand) < n:  # pragma: no cover
            raise RuntimeError(f"not enough persons for {name}")
        for j in rng.choice(len(cand), size=n, replace=False):
            p = cand[j]
            gs = [g for g in range(len(p["groups"])) if eligible(p, g, kind)]
            p["group_org"][_pick(rng, gs)] = name
    tail_count: Counter = Counter()
    for reg, lst in TAIL_ORGS.items():
        base = _zipf(len(lst), 0.6)
        for p in (q for q in persons if q["region"] == reg):
            for g in range(len(p["groups"])):
                if p["group_org"][g] is not None:
                    continue
                ok = [
                    i
                    for i, (nm, _c, _cc, kd) in enumerate(lst)
                    if tail_count[nm] < TAIL_CAP
                    and nm not in p["group_org"]
                    and (kd == "u" or "phd_abroad" not in p["groups"][g])
                ]
                if not ok:  # pragma: no cover
                    raise RuntimeError(f"tail organisations exhausted in {reg}")
                i = _pick(rng, ok, base[ok])
                p["group_org"][g] = lst[i][0]
                tail_count[lst[i][0]] += 1

    # ---- Chinese-character persons (~10 %) and onward moves (~10 %)
    zh_people = set(
        rng.choice(N_PERSONS, size=int(round(0.10 * N_PERSONS)), replace=False).tolist()
    )
    rows = []
    for k, p in enumerate(persons):
        tag = SUBJECT_TAG[p["subject"]]
        use_zh = k in zh_people
        ch = p["chain"]

        def dom(city, _zh=use_zh):
            return ZH[city] if _zh else city

        stage_rows = []
        for key in p["keys"]:
            y = p["years"].get("phd" if key == "phd_abroad" else key, p["cohort"])
            if key == "birth":
                stage_rows.append(("birth", dom(ch["birth"]), "CN", "", y))
            elif key in ("bachelor", "master"):
                stage_rows.append((key, dom(ch[key]), "CN", _pick_org(rng, ch[key], "u", tag), y))
            elif key == "phd":
                kind = "i" if (rng.random() < 0.3 and DOMESTIC_ORGS[ch["phd"]]["i"]) else "u"
                stage_rows.append(
                    ("phd", dom(ch["phd"]), "CN", _pick_org(rng, ch["phd"], kind, tag), y)
                )
            elif key == "dwork":
                stage_rows.append(
                    ("work", dom(ch["dwork"]), "CN", _pick_org(rng, ch["dwork"], "u", tag), y)
                )
            elif key in ("phd_abroad", "postdoc", "awork"):
                g = next(i for i, grp in enumerate(p["groups"]) if key in grp)
                org = p["group_org"][g]
                city, cc, _kind = org_info[org]
                label = {"phd_abroad": "phd", "postdoc": "postdoc", "awork": "work"}[key]
                stage_rows.append((label, city, cc, org, y))
            elif key == "return":
                R = p["return_city"]
                stage_rows.append(("return", dom(R), "CN", p["return_org"], p["cohort"]))
        if rng.random() < 0.10:
            later_city = _pick(  # onward moves go to the larger cities
                rng,
                [c for c in RETURN_CITIES if c != p["return_city"] and c not in SPECIAL_CITIES],
                [
                    n
                    for c, n in RETURN_CITIES.items()
                    if c != p["return_city"] and c not in SPECIAL_CITIES
                ],
            )
            later_year = min(p["cohort"] + int(rng.integers(2, 6)), 2020)
            stage_rows.append(
                ("later", dom(later_city), "CN", _pick_org(rng, later_city, "u", tag), later_year)
            )
        for seq, (stage, city, cc, org, y) in enumerate(stage_rows, start=1):
            rows.append(
                (
                    p["pid"],
                    seq,
                    stage,
                    city,
                    cc,
                    org,
                    int(y),
                    p["subject"],
                    p["unit_type"],
                    p["cohort"],
                    p["gender"],
                )
            )
    df = pd.DataFrame(rows, columns=COLUMNS)
    df = _place_cases(rng, df)
    df = _top_up_cities(rng, df, REF.NETWORK_CITIES)
    return df, tab, reg_counts, zh_people


# --------------------------------------------------------------------------------------
# measurements on the generated long table (also what the tests re-derive)
# --------------------------------------------------------------------------------------

ZH_TO_EN = {v: k for k, v in ZH.items()}


def english(city: str) -> str:
    return ZH_TO_EN.get(city, city)


def measure(df: pd.DataFrame) -> dict:
    d = df.copy()
    d["city_en"] = d["city"].map(english)
    d["domestic"] = d["country"].eq("CN")
    ret = d[d["stage"].eq("return")].set_index("person_id")
    persons = d.drop_duplicates("person_id").set_index("person_id")
    out = {"persons": int(persons.shape[0]), "rows": int(d.shape[0])}
    rc = ret["city_en"].value_counts()
    out["return_cities"] = {c: int(n) for c, n in rc.items()}
    seven = int(rc.reindex(SEVEN_CITIES).sum())
    out["seven_city_persons"] = seven
    out["seven_city_share_pct"] = round(100 * seven / out["persons"], 4)
    # overseas: main country = most stages, ties -> latest such stage; region per person
    ov = d[~d["domestic"]]
    main = {}
    for pid, g in ov.groupby("person_id", sort=False):
        cnt = Counter(g["country"])
        best = max(cnt.values())
        main[pid] = [c for c in g["country"] if cnt[c] == best][-1]
    region_of = {cc: r for r, ccs in REGION_COUNTRIES.items() for cc in ccs}
    reg = Counter(region_of[c] for c in main.values())
    out["overseas_regions"] = {r: int(reg.get(r, 0)) for r in REGION_COUNTRIES}
    out["main_countries"] = dict(Counter(main.values()).most_common())
    org_persons = ov.drop_duplicates(["person_id", "org"])["org"].value_counts()
    # ties ordered by name: the same files on every pandas (sort stability differs)
    out["overseas_orgs"] = {
        o: int(n) for o, n in sorted(org_persons.items(), key=lambda kv: (-kv[1], kv[0]))
    }
    ret_org = ret.groupby(["org", "city_en"]).size()
    ranked = sorted(ret_org.items(), key=lambda kv: (-kv[1], kv[0]))
    out["top_return_orgs"] = [{"org": o, "city": c, "persons": int(n)} for (o, c), n in ranked[:20]]
    # table 1
    t1 = pd.crosstab(persons["subject"], persons["unit_type"])
    subj_city = pd.crosstab(ret["subject"], ret["city_en"])
    out["table1"] = {}
    for s in SUBJECTS:
        row = subj_city.loc[s]
        row = row[row > 0]
        r = _ranked(row)
        out["table1"][s] = {
            **{u: int(t1.loc[s].get(u, 0)) for u in UNIT_TYPES},
            "total": int(t1.loc[s].sum()),
            "top3": [[c, int(row[c])] for c in r[:3]],
            "fourth": [r[3], int(row[r[3]])],
        }
    out["unit_types"] = {u: int((persons["unit_type"] == u).sum()) for u in UNIT_TYPES}
    # route patterns: return city in the domestic cities before the first overseas stage
    d = d.sort_values(["person_id", "seq"])
    first_ov = d[~d["domestic"]].groupby("person_id")["seq"].min()
    d["first_ov"] = d["person_id"].map(first_ov)
    known = d[d["domestic"] & (d["seq"] < d["first_ov"])].groupby("person_id")["city_en"].agg(set)
    circ = {pid: ret.loc[pid, "city_en"] in known.get(pid, set()) for pid in ret.index}
    circle = pd.Series(circ)
    out["circle"] = int(circle.sum())
    out["linear"] = int((~circle).sum())
    by = {}
    for y in COHORTS:
        ids = persons.index[persons["cohort"] == y]
        c = int(circle.reindex(ids).sum())
        by[str(y)] = {
            "circle": c,
            "linear": int(len(ids) - c),
            "persons": int(len(ids)),
            "circle_share_pct": round(100 * c / len(ids), 2),
        }
    out["circle_by_cohort"] = by
    # basis of circle (which known stage matches; several may)
    basis = Counter()
    for pid, is_c in circ.items():
        if not is_c:
            continue
        g = d[(d["person_id"] == pid) & d["domestic"] & (d["seq"] < d["first_ov"])]
        R = ret.loc[pid, "city_en"]
        st = set(g.loc[g["city_en"] == R, "stage"])
        basis[
            "birthplace"
            if "birth" in st
            else "study"
            if st & {"bachelor", "master", "phd"}
            else "work"
        ] += 1
    out["circle_primary_basis"] = dict(basis)
    return out


# --------------------------------------------------------------------------------------
# outputs
# --------------------------------------------------------------------------------------


def write(out_dir: Path, seed: int) -> dict:
    df, tab, reg_counts, zh_people = build(seed)
    m = measure(df)
    out_dir.mkdir(parents=True, exist_ok=True)
    csv_path = out_dir / "returnees_synthetic.csv"
    df.to_csv(csv_path, index=False, encoding="utf-8", lineterminator="\n")

    # self-checks: the published / designed targets hold exactly
    assert m["persons"] == N_PERSONS
    assert m["return_cities"] == dict(RETURN_CITIES), "return city counts"
    assert m["seven_city_persons"] == 2026
    assert m["overseas_regions"] == dict(reg_counts)
    for name, *_x, n in TOP_ORGS:
        assert m["overseas_orgs"][name] == n, name
    top_names = {t[0] for t in TOP_ORGS}
    assert max(v for k, v in m["overseas_orgs"].items() if k not in top_names) <= TAIL_CAP
    for s, (u, i, e) in SUBJECTS.items():
        row = m["table1"][s]
        assert (row["university"], row["research institute"], row["enterprise"]) == (u, i, e), s
        assert [n for _c, n in row["top3"]] + [row["fourth"][1]] == sorted(
            [n for _c, n in row["top3"]] + [row["fourth"][1]], reverse=True
        )
        assert row["top3"][2][1] > row["fourth"][1], s
    n_lin_target = {y: int(round(LINEAR_SHARE[y] * n)) for y, n in COHORTS.items()}
    for y, v in m["circle_by_cohort"].items():
        assert abs(v["linear"] - n_lin_target[int(y)]) <= len(CASES), y  # A-E swapped in

    region_targets = OrderedDict()
    for r, n in reg_counts.items():
        region_targets[r] = {
            "persons": n,
            "share_pct": round(100 * n / N_PERSONS, 2),
            "paper_pct": PAPER_REGION_PCT.get(r),
            "countries": REGION_COUNTRIES[r],
        }
    cal = OrderedDict()
    cal["description"] = (
        "Targets the synthetic sample was built to (scripts/make_sample.py). "
        "Counts are persons. Cities are English names; map Chinese names "
        "through chinese_names first."
    )
    cal["source"] = PAPER
    cal["seed"] = seed
    cal["persons"] = N_PERSONS
    cal["rows"] = m["rows"]
    cal["csv"] = csv_path.name
    cohorts = df.drop_duplicates("person_id")["cohort"].value_counts()  # A-E swapped in
    cal["cohorts"] = {str(y): int(cohorts[y]) for y in COHORTS}
    cal["return_cities"] = dict(RETURN_CITIES)
    cal["return_city_count"] = len(RETURN_CITIES)
    cal["seven_cities"] = SEVEN_CITIES
    cal["seven_city_persons"] = m["seven_city_persons"]
    cal["seven_city_share_pct"] = round(m["seven_city_share_pct"], 4)
    cal["seven_city_share_paper_pct"] = PAPER_SEVEN_SHARE_PCT
    cal["seven_city_share_note"] = (
        "2026/2846 = 71.1876 %: the paper's 71.18 % truncated; no whole "
        "number of persons gives 71.18 % when rounded. Compare with a "
        "tolerance of 0.01 percentage points."
    )
    cal["unit_types"] = m["unit_types"]
    cal["university_share_pct"] = round(100 * m["unit_types"]["university"] / N_PERSONS, 2)
    cal["overseas_regions"] = region_targets
    cal["overseas_region_rule"] = (
        "A person's region is the region of their main overseas country (the country of most "
        "of their overseas stages; a tie goes to the later stage). Every person's overseas "
        "stages lie in a single region, so counting persons with any stage in a region gives "
        "the same numbers. Hong Kong (HK) is abroad. 'Rest of Europe' paper 12.39 % is not "
        "reachable with 2,846 persons (352 -> 12.37 %, 353 -> 12.40 %); 353 is used."
    )
    cal["top_overseas_orgs"] = [
        {"rank": i + 1, "org": name, "city": city, "country": cc, "persons": n}
        for i, (name, city, cc, _k, n) in enumerate(TOP_ORGS)
    ]
    cal["top_overseas_orgs_published"] = [
        "Harvard University",
        "Stanford University",
        "Massachusetts Institute of Technology",
    ]
    cal["other_overseas_orgs_max_persons"] = TAIL_CAP
    cal["table1"] = OrderedDict(
        (
            s,
            {
                "university": v["university"],
                "research institute": v["research institute"],
                "enterprise": v["enterprise"],
                "total": v["total"],
                "top3": v["top3"],
            },
        )
        for s, v in m["table1"].items()
    )
    cal["table1_note"] = (
        "The paper's Table 1 as printed: unit-type counts, sums and the top 3 return "
        "cities of each subject. The other cells are invented, every one below its "
        "subject's printed third city (no tie)."
    )
    cal["network_cities"] = _node_count(df)
    cal["tiers_expected"] = {
        "method": "hybrid on degree (the citynetwork defaults)",
        "national core": list(RETURN_CITIES)[:4],
        "regional excellent": list(RETURN_CITIES)[4:27],
        "regional special": SPECIAL_CITIES,
    }
    cal["cases"] = {
        case: {
            "return_year": REF.CASES[case][0],
            "subject": REF.CASES[case][1],
            "return_city": REF.CASES[case][2],
            "pattern": REF.CASES[case][3],
            "return_org": spec["return_org"],
            "cohort": spec["cohort"],
            "domestic_before_abroad": [list(x) for x in spec["domestic"]],
        }
        for case, spec in CASES.items()
    }
    cal["not_reached"] = NOT_REACHED
    cal["route_patterns"] = {
        "rule": (
            "circle if the return city (stage 'return') is among the domestic (CN) cities of "
            "the stages before the person's first overseas stage (birth, bachelor, master, "
            "domestic phd, domestic work), compared at city level; else linear"
        ),
        "circle": m["circle"],
        "linear": m["linear"],
        "circle_share_pct": round(100 * m["circle"] / N_PERSONS, 2),
        "by_cohort": m["circle_by_cohort"],
        "circle_primary_basis": m["circle_primary_basis"],
        "circle_primary_basis_priority": ["birthplace", "study", "work"],
    }
    cal["chinese_names"] = {ZH[c]: c for c in sorted(ZH)}
    cal["chinese_name_persons"] = len(zh_people)
    cal["later_persons"] = int((df["stage"] == "later").sum())
    cal["top_return_orgs_observed"] = m["top_return_orgs"]
    (out_dir / "calibration.json").write_text(
        json.dumps(cal, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (out_dir / "README.md").write_text(_readme(cal, m, df), encoding="utf-8")
    return cal


def _readme(cal: dict, m: dict, df: pd.DataFrame) -> str:
    rc = ", ".join(f"{c} {n}" for c, n in cal["return_cities"].items())
    regs = "\n".join(
        f"| {r} | {v['persons']} | {v['share_pct']:.2f} % | "
        f"{'' if v['paper_pct'] is None else format(v['paper_pct'], '.2f') + ' %'} | {', '.join(v['countries'])} |"
        for r, v in cal["overseas_regions"].items()
    )
    orgs = "\n".join(
        f"| {o['rank']} | {o['org']} | {o['city']}, {o['country']} | {o['persons']} |"
        for o in cal["top_overseas_orgs"]
    )
    t1 = "\n".join(
        f"| {s} | {v['university']} | {v['research institute']} | {v['enterprise']} | {v['total']} | "
        + "; ".join(f"{c} {n}" for c, n in v["top3"])
        + " |"
        for s, v in cal["table1"].items()
    )
    rorgs = "\n".join(
        f"| {i} | {o['org']} | {o['city']} | {o['persons']} |"
        for i, o in enumerate(cal["top_return_orgs_observed"], start=1)
    )
    unreached = "\n".join(
        f"* {x['figure']}: {x['reached']} ({x['why']})" for x in cal["not_reached"]
    )
    coh = "\n".join(
        f"| {y} | {v['persons']} | {v['circle']} | {v['linear']} | {v['circle_share_pct']:.2f} % |"
        for y, v in cal["route_patterns"]["by_cohort"].items()
    )
    rp = cal["route_patterns"]
    return f"""# Backflow sample data — SYNTHETIC

**These data are synthetic. No row describes a real person.** They were generated by
`scripts/make_sample.py` (seed {cal["seed"]}; `python scripts/make_sample.py --seed {cal["seed"]}`
rebuilds them byte for byte) and are calibrated to the published figures of
{cal["source"]}, which studied the 2,846 returnees of the Young Thousand Talents Plan
selected in 2011–2016. Use them to try the plugin and to test it; do not use them as
research data about real people.

Files:

* `returnees_synthetic.csv` — the table ({cal["rows"]} rows, {cal["persons"]} persons), UTF-8,
  comma-separated, long form (one row per stage of a person's life course).
* `calibration.json` — the targets the data were built to (and what they came to), for tests
  and the report to compare against.
* `README.md` — this file.

## What matches the paper EXACTLY

* **2,846 persons**, each with exactly one `return` stage (country CN) in 2011–2016, the
  year of the person's `cohort`.
* **Return cities**: Beijing 677, Shanghai 466, Wuhan 201, Chengdu 112 (published), with
  Nanjing, Hangzhou, Hefei and Guangzhou between 201 and 112 in the paper's order.
* **Seven-city share**: Beijing, Shanghai, Wuhan, Nanjing, Hangzhou, Hefei, Guangzhou take
  {cal["seven_city_persons"]} persons = {cal["seven_city_share_pct"]:.4f} % — the paper's 71.18 %
  (truncated; 2,026 is the only whole number of persons within 0.01 points of it).
* **Overseas experience by region** (share of persons, by main overseas country):

| region | persons | share | paper | countries used |
|---|---|---|---|---|
{regs}

  USA, UK, Asia and Australia round to the paper's shares; "rest of Europe" cannot be 12.39 %
  with 2,846 persons (352 → 12.37 %, 353 → 12.40 %): 353 is used. "Other" (the remainder)
  is mostly Canada. Hong Kong counts as abroad (country HK), as in the paper.
* **Table 1** as printed (subject x work-unit type, sums, top 3 return cities of each
  subject; every other city of a subject has fewer persons than its third):

| subject | university | research institute | enterprise | total | top 3 return cities |
|---|---|---|---|---|---|
{t1}

* **Table 3** as printed: the top 20 return organisations (a person counts for the
  organisation of their return stage) and the top 20 overseas organisations (persons with
  the organisation in at least one overseas stage, each person once); every other return
  organisation has at most 35 persons, every other overseas one at most
  {cal["other_overseas_orgs_max_persons"]}:

| rank | return organisation | city | persons |
|---|---|---|---|
{rorgs}

| rank | overseas organisation | city | persons |
|---|---|---|---|
{orgs}

* **440 cities** in the worldwide network (distinct places of all stages), and with the
  city network's defaults (hybrid tiers on degree) the paper's Table 4: 4 national core
  cities (Beijing, Shanghai, Nanjing, Wuhan), 23 regional excellent cities (Hefei,
  Guangzhou, Hangzhou, Chengdu, Xi'an among them), 25 regional special cities (Mianyang
  and Xianyang among them). Every Chinese place is a prefecture-level city or above.
* **The five interviewed talents** (Table 2, Table 5), persons `A` to `E`: return year,
  subject and return city as printed; B, C and D come back to a city they studied in
  (circle), A and E are city explorers (linear). See `cases` in `calibration.json`.

## Printed figures the sample cannot reach

{unreached}

## What is INVENTED (plausible, not from the paper)

* Nanjing, Hangzhou, Hefei, Guangzhou counts (only their order and the seven-city sum are
  published) and the whole tail of {cal["return_city_count"] - 8} further return cities
  ({cal["return_city_count"]} return cities in all, the paper's number of classed Chinese cities).
  All return cities, persons: {rc}.
* The cells of Table 1 outside each subject's top 3, and the organisations outside Table 3.
* Cohort sizes ({", ".join(f"{y}: {n}" for y, n in cal["cohorts"].items())}), gender,
  birth years (1970–1985; age at selection 30–39), all other years, birth and study cities
  (birth places weighted towards populous provinces; study cities are the home province
  capital, the home city or a big university city), the domestic organisations (real
  universities, Chinese Academy of Sciences institutes and companies in the right city),
  and onward moves (`later`, {cal["later_persons"]} persons).
* **Route patterns**: circle = the return city is one of the domestic cities known before
  the first overseas stage (birthplace, study or earlier work city); else linear. Circle is
  the larger camp, linear grows with the cohort: {rp["circle"]} circle ({rp["circle_share_pct"]:.2f} %),
  {rp["linear"]} linear.

| cohort | persons | circle | linear | circle share |
|---|---|---|---|---|
{coh}

## Columns

| column | meaning |
|---|---|
| `person_id` | `P0001` … `P2846`, and `A` … `E` for the five interviewed talents |
| `seq` | order of the stage within the person, 1, 2, … |
| `stage` | `birth`, `bachelor`, `master`, `phd`, `postdoc`, `work`, `return`, `later` |
| `city` | city name: English as GeoNames spells it (`Zürich`, `Montréal`, `New York City`), except `Xi'an` (ASCII apostrophe; GeoNames: `Xi’an`) and `Urumqi` (GeoNames: `Ürümqi`), written as users usually type them; for {cal["chinese_name_persons"]} persons (~10 %) all Chinese cities are written in Chinese characters (北京, 上海, 武汉 …; the mapping is `chinese_names` in `calibration.json`) |
| `country` | ISO 3166-1 alpha-2 code of the stage (CN domestic; HK is abroad) |
| `org` | organisation (empty for `birth`) |
| `year` | year the stage began; increasing within a person; `return` year = `cohort` (case A: 2018) |
| `subject` | discipline (the paper's 6 groups, see Table 1) |
| `unit_type` | work-unit type on return: `university`, `research institute`, `enterprise` |
| `cohort` | selection year, 2011–2016 |
| `gender` | `male` / `female` (invented) |

The last four are person attributes, repeated on each of the person's rows.

Life course: `birth` (China) → `bachelor` (China) → `master` (China, optional) → `phd`
(China or abroad) → domestic `work` (optional, always before the first overseas stage) →
`postdoc` / `work` abroad (at least one overseas stage per person) → `return` → `later`
(optional onward move in China). No one goes abroad twice, so "the return" (the first
domestic stage after an overseas stage) is always the `return` row. Consecutive stages
can share a city (a PhD and a postdoc at the same university, a master where the
bachelor was). Each overseas organisation has one place: Max Planck Society is put at
its seat, Munich, for all its institutes.

Notes for users of the plugin: a few city names are shared by several places and need the
`country` column (Cambridge US / GB, London GB / CA, Victoria, Kingston, Durham); a few are
shared by several places *within one country* (Pasadena and Princeton are also the names of
larger US places in GeoNames) and are flagged ambiguous by a name-only gazetteer.
"""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=2021)
    ap.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parents[1] / "resources" / "sample"
    )
    a = ap.parse_args(argv)
    cal = write(a.out, a.seed)
    rp = cal["route_patterns"]
    print(
        f"wrote {a.out / cal['csv']}: {cal['rows']} rows, {cal['persons']} persons; "
        f"seven-city share {cal['seven_city_share_pct']:.4f} %; circle {rp['circle']} "
        f"({rp['circle_share_pct']:.2f} %)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
