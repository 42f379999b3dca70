#!/usr/bin/env python3
"""Write resources/gazetteer/county_seats.csv (counties -> the town that seats them) and
military_posts.csv (camps and forts of the 1940s -> the town each lay by).

Printed directories give an address as a county ("Santa Clara County, Calif.",
"Oxfordshire"). These are facts (the county seat of US counties as their states name
them; the county town of English counties), for the counties of the universities,
laboratories and large cities that directories of students and scientists name most.
A county not listed falls back to the place of the county's own name in its state,
flagged like every tolerant match (core/places/tolerant.py).

    .venv/bin/python scripts/build_county_seats.py
"""

from __future__ import annotations

import csv
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources" / "gazetteer" / "county_seats.csv"
POSTS_OUT = OUT.with_name("military_posts.csv")

# (county, state or "", country, seat)
# fmt: off
SEATS = [
    ("Santa Clara", "California", "US", "San Jose"), ("Alameda", "California", "US", "Oakland"),
    ("Los Angeles", "California", "US", "Los Angeles"), ("San Francisco", "California", "US", "San Francisco"),
    ("San Mateo", "California", "US", "Redwood City"), ("San Diego", "California", "US", "San Diego"),
    ("Orange", "California", "US", "Santa Ana"), ("Sacramento", "California", "US", "Sacramento"),
    ("Yolo", "California", "US", "Woodland"), ("Contra Costa", "California", "US", "Martinez"),
    ("Cook", "Illinois", "US", "Chicago"), ("Champaign", "Illinois", "US", "Urbana"),
    ("Middlesex", "Massachusetts", "US", "Cambridge"), ("Suffolk", "Massachusetts", "US", "Boston"),
    ("Hampshire", "Massachusetts", "US", "Northampton"), ("Worcester", "Massachusetts", "US", "Worcester"),
    ("Tompkins", "New York", "US", "Ithaca"), ("Monroe", "New York", "US", "Rochester"),
    ("Erie", "New York", "US", "Buffalo"), ("Albany", "New York", "US", "Albany"),
    ("Onondaga", "New York", "US", "Syracuse"), ("Westchester", "New York", "US", "White Plains"),
    ("New Haven", "Connecticut", "US", "New Haven"), ("Hartford", "Connecticut", "US", "Hartford"),
    ("Mercer", "New Jersey", "US", "Trenton"), ("Middlesex", "New Jersey", "US", "New Brunswick"),
    ("Essex", "New Jersey", "US", "Newark"), ("Philadelphia", "Pennsylvania", "US", "Philadelphia"),
    ("Allegheny", "Pennsylvania", "US", "Pittsburgh"), ("Centre", "Pennsylvania", "US", "Bellefonte"),
    ("Baltimore", "Maryland", "US", "Towson"), ("Montgomery", "Maryland", "US", "Rockville"),
    ("Fairfax", "Virginia", "US", "Fairfax"), ("Arlington", "Virginia", "US", "Arlington"),
    ("Albemarle", "Virginia", "US", "Charlottesville"), ("Washtenaw", "Michigan", "US", "Ann Arbor"),
    ("Ingham", "Michigan", "US", "Mason"), ("Wayne", "Michigan", "US", "Detroit"),
    ("Tippecanoe", "Indiana", "US", "Lafayette"), ("Monroe", "Indiana", "US", "Bloomington"),
    ("Marion", "Indiana", "US", "Indianapolis"), ("Johnson", "Iowa", "US", "Iowa City"),
    ("Dane", "Wisconsin", "US", "Madison"), ("Milwaukee", "Wisconsin", "US", "Milwaukee"),
    ("Hennepin", "Minnesota", "US", "Minneapolis"), ("Ramsey", "Minnesota", "US", "Saint Paul"),
    ("Franklin", "Ohio", "US", "Columbus"), ("Cuyahoga", "Ohio", "US", "Cleveland"),
    ("Hamilton", "Ohio", "US", "Cincinnati"), ("Boone", "Missouri", "US", "Columbia"),
    ("Harris", "Texas", "US", "Houston"), ("Travis", "Texas", "US", "Austin"),
    ("Dallas", "Texas", "US", "Dallas"), ("Brazos", "Texas", "US", "Bryan"),
    ("King", "Washington", "US", "Seattle"), ("Multnomah", "Oregon", "US", "Portland"),
    ("Lane", "Oregon", "US", "Eugene"), ("Benton", "Oregon", "US", "Corvallis"),
    ("Orleans", "Louisiana", "US", "New Orleans"), ("Durham", "North Carolina", "US", "Durham"),
    ("Orange", "North Carolina", "US", "Hillsborough"), ("Wake", "North Carolina", "US", "Raleigh"),
    ("Fulton", "Georgia", "US", "Atlanta"), ("Davidson", "Tennessee", "US", "Nashville"),
    ("Knox", "Tennessee", "US", "Knoxville"), ("Boulder", "Colorado", "US", "Boulder"),
    ("Salt Lake", "Utah", "US", "Salt Lake City"), ("Maricopa", "Arizona", "US", "Phoenix"),
    ("Pima", "Arizona", "US", "Tucson"), ("Honolulu", "Hawaii", "US", "Honolulu"),
    ("Newton", "Missouri", "US", "Neosho"), ("Story", "Iowa", "US", "Nevada"),
    ("Oxfordshire", "", "GB", "Oxford"), ("Cambridgeshire", "", "GB", "Cambridge"),
    ("Yorkshire", "", "GB", "York"), ("Kent", "", "GB", "Maidstone"),
    ("Devon", "", "GB", "Exeter"), ("Norfolk", "", "GB", "Norwich"),
    ("Lancashire", "", "GB", "Lancaster"), ("Warwickshire", "", "GB", "Warwick"),
    ("Nottinghamshire", "", "GB", "Nottingham"), ("Leicestershire", "", "GB", "Leicester"),
    ("Hertfordshire", "", "GB", "Hertford"), ("Berkshire", "", "GB", "Reading"),
    ("Surrey", "", "GB", "Guildford"), ("Middlesex", "", "GB", "London"),
]
# Military posts of the 1940s that directories give as an address, and the town each
# lay by (post, state, town). A post that GeoNames lists as a place (Fort Belvoir, Fort
# Monmouth) needs no row here.
POSTS = [
    ("Camp Crowder", "Missouri", "Neosho"), ("Camp Ritchie", "Maryland", "Hagerstown"),
    ("Camp Kilmer", "New Jersey", "Edison"), ("Camp Lee", "Virginia", "Petersburg"),
    ("Fort Benning", "Georgia", "Columbus"), ("Camp Shanks", "New York", "Orangeburg"),
    ("Camp Savage", "Minnesota", "Savage"), ("Fort Snelling", "Minnesota", "Minneapolis"),
    ("Camp Grant", "Illinois", "Rockford"), ("Fort Sam Houston", "Texas", "San Antonio"),
    ("Wright Field", "Ohio", "Dayton"), ("Aberdeen Proving Ground", "Maryland", "Aberdeen"),
    ("Fort Sheridan", "Illinois", "Highland Park"), ("Fort Devens", "Massachusetts", "Ayer"),
    ("Fort Dix", "New Jersey", "Trenton"), ("Fort Bragg", "North Carolina", "Fayetteville"),
]
# fmt: on


def main() -> int:
    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["county", "state", "country", "seat"])
        w.writerows(SEATS)
    print(f"{OUT.name}: {len(SEATS)} counties")
    with POSTS_OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["post", "state", "town"])
        w.writerows(POSTS)
    print(f"{POSTS_OUT.name}: {len(POSTS)} posts")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
