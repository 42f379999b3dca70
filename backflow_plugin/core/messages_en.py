"""The English of every core message, by id: the one place each English text is written.

Ids name where a text is shown (``report.<section>.<what>``). ``term.*`` ids are
words the data hold (column names, the paper's categories) and are looked up by their
English (``messages.term``). The errors' and warnings' English (``error.*``,
``warning.*``) is written in ``messages_en_errors`` and joins ``MESSAGES`` at its end.
The Chinese is in ``i18n/core_zh_CN.json``.
"""

from __future__ import annotations

from .messages_en_errors import ERRORS

MESSAGES = {
    # how a list of places is written
    "list.semicolon": "; ",
    "list.comma": ", ",
    # a chart's tooltips
    "report.chart.value": "{label}: {value}",
    "report.chart.part_value": "{label} - {part}: {count} ({share} %)",
    "report.chart.flow": "{left} → {right}: {n}",
    # the page
    "report.title": "Backflow report",
    "report.subtitle": (
        "Return migration of highly skilled people: the tables and figures of Jiang (2021), "
        "Complexity"
    ),
    "report.nav.table1": "table1",
    "report.nav.table3": "table3",
    "report.nav.overseas": "overseas",
    "report.nav.concentration": "concentration",
    "report.nav.table4": "table4",
    "report.nav.patterns": "patterns",
    "report.nav.centrality": "centrality",
    "report.nav.sources": "sources",
    "report.nav.trends": "trends",
    "report.nav.reference": "reference",
    "report.nav.flows": "flows",
    "report.nav.regions": "regions",
    "report.nav.reproducibility": "reproducibility",
    # headline figures
    "report.figure.returnees": "returnees",
    "report.figure.return_cities": "return cities",
    "report.figure.top_k_share": "top {k} cities' share",
    "report.figure.gini": "Gini (return cities)",
    "report.figure.circle_routes": "circle routes",
    "report.figure.linear_routes": "linear routes",
    "report.figure.no_pattern": "persons without a pattern",
    "report.figure.went_to_usa": "went to the USA",
    # column headers shared by the tables
    "report.column.total": "Total",
    "report.column.organisation": "Organisation",
    "report.column.city": "City",
    "report.column.country": "Country",
    "report.column.iso": "ISO",
    "report.column.region": "Region",
    "report.column.persons": "Persons",
    "report.column.share": "Share",
    "report.column.returnees": "Returnees",
    "report.column.cumulative_share": "Cumulative share",
    # Table 1
    "report.table1.title": "Table 1. Returnees by subject and work-unit type",
    "report.table1.intro": (
        "Returnees by {subject} and work-unit type ({unit}), with the three return cities that "
        "received most of each row's returnees (ties by name)."
    ),
    "report.table1.top_cities": "Top 3 return cities (persons)",
    # Table 3
    "report.table3.title": "Table 3. Top return and overseas organisations",
    "report.table3.intro": (
        "Persons counted once per organisation. Return organisations: the organisation of the "
        "return stage (share of all returnees). Overseas organisations: any overseas stage "
        "(share of persons with a stay abroad)."
    ),
    "report.table3.top_return": "Top {n} return organisations",
    "report.table3.top_overseas": "Top {n} overseas organisations",
    # overseas experience
    "report.overseas.title": "Overseas experience by country and region",
    "report.overseas.intro": (
        "Share of all persons with at least one overseas stage in the region (the paper's "
        "grouping: USA, UK, rest of Europe, Asia, Australia, other; Hong Kong, Macao and Taiwan "
        "count as abroad, in Asia). A person counts once per region, and in every region they "
        "stayed in."
    ),
    "report.overseas.overrides": "Region overrides: ",
    "report.overseas.chart": "Overseas experience by world region",
    "report.overseas.axis_of": "Share of persons (%, of {base:,} persons)",
    "report.overseas.axis": "Share of persons (%)",
    "report.overseas.by_country": "By country (top {n})",
    # concentration
    "report.concentration.title": "Concentration of return cities",
    "report.concentration.top_k_share": "share of returns in the top {k} cities",
    "report.concentration.top_k_persons": "returnees in the top {k} cities",
    "report.concentration.gini": "Gini coefficient over return cities",
    "report.concentration.top_k_cities": "Top {k} cities: {cities}.",
    "report.concentration.chart": "Returnees by return city (top {n})",
    "report.concentration.axis": "Returnees (persons)",
    "report.concentration.top_k": "top {k} cities",
    "report.concentration.other_cities": "other cities",
    "report.concentration.lorenz": "Lorenz curve of returns over return cities",
    "report.concentration.lorenz_caption": (
        "The further the curve bends below the diagonal, the more the returns concentrate in "
        "few cities (Gini 0: every return city receives as many returnees; close to 1: one city "
        "receives nearly all)."
    ),
    "report.concentration.cities": "Return cities (top {n} of {total})",
    # charts
    "report.chart.persons": "persons",
    "report.lorenz.equal_shares": "equal shares",
    "report.lorenz.top_k": "the top {k} cities",
    "report.lorenz.of_returns": "{share} % of returns",
    "report.lorenz.gini": "Gini = {gini}",
    "report.lorenz.x_axis": "Return cities, cumulative share (smallest to largest)",
    "report.lorenz.y_axis": "Returnees, cumulative share",
    # Table 4
    "report.table4.title": "Table 4. Cities per tier",
    "report.table4.intro": (
        "Cities classed by the city network into national core (tier 1), regional excellent "
        "(tier 2) and regional special (tier 3) cities; examples are the most central cities of "
        "each tier."
    ),
    "report.table4.breaks": "Tier breaks: {breaks}",
    "report.table4.tier": "Tier",
    "report.table4.class": "Class",
    "report.table4.cities": "Cities",
    "report.table4.examples": "Examples",
    "report.table4.measure": "Measure",
    "report.table4.min": "Min",
    "report.table4.max": "Max",
    "report.table4.break": "Break",
    "report.table4.members": "All cities of the tier",
    "report.table4.rule_core": "{measure} > {value} (top natural-breaks class)",
    "report.table4.rule_excellent": (
        "{measure} > {value}, or a municipality / sub-provincial city / provincial capital"
    ),
    "report.table4.rule_special": "{measure} <= {value}, not a regional centre",
    # route patterns
    "report.patterns.title": "Circle and linear return routes",
    "report.patterns.intro_circle": "A ",
    "report.patterns.circle_word": "circle",
    "report.patterns.intro_linear": (
        " route returns to a domestic city known before leaving (birthplace, a city of study "
        "or of earlier work); a "
    ),
    "report.patterns.linear_word": "linear",
    "report.patterns.intro_end": (
        " route to a new city. Shares are of persons with a pattern (circle + linear)."
    ),
    "report.patterns.hidden": "hidden",
    "report.patterns.by": "Circle and linear routes by {by}",
    "report.patterns.axis": "Share of persons with a pattern",
    "report.patterns.column.by": "By",
    "report.patterns.column.group": "Group",
    "report.patterns.column.circle": "Circle",
    "report.patterns.column.linear": "Linear",
    "report.patterns.column.circle_share": "Circle share",
    "report.patterns.column.linear_share": "Linear share",
    "report.patterns.column.no_pattern": "No pattern",
    # centrality
    "report.centrality.title": "Top cities by centrality",
    "report.centrality.intro": "The ten most central cities by each measure of the city network.",
    # reproducibility
    "report.repro.title": "Reproducibility",
    "report.repro.intro": "Everything needed to make this report again from the same data.",
    "report.repro.parameters": "Parameters",
    "report.repro.input": "Input",
    "report.repro.software": "Software",
    "report.repro.none": "none",
    "report.repro.not_recorded": "not recorded",
    "report.repro.made_on": "Made on {date}.",
    "report.run.file": "file",
    "report.run.size": "size (bytes)",
    "report.run.rows": "rows",
    "report.run.no_input_file": "not given (set INPUT_FILE to record the input's checksum)",
    "report.run.rows_encoding": "{rows} data rows (encoding {encoding})",
    "report.run.data_rows": "{rows} data rows",
    "report.run.stages_layer": "stages layer",
    "report.run.cities_layer": "cities layer",
    "report.run.routes_layer": "routes layer",
    "report.run.stages": "{name} ({n} features, {persons} persons)",
    "report.run.features": "{n} features",
    "report.run.not_given": "not given",
    "report.run.routes_classified": "not given (classified from the stages)",
    # the comparison with the paper
    "report.reference.title": "Compared with the paper",
    "report.reference.intro": (
        "Every figure printed in {source} next to the one computed here. {reached} of "
        "{printed} printed figures are reached exactly; {missed} are not, each with the reason."
    ),
    "report.reference.hidden": (
        "{n} computed figures are hidden, as in the report's own tables (disclosure control, "
        "MIN_PERSONS)."
    ),
    "report.reference.not_reached": "Printed figures not reached",
    "report.reference.pair": "{head}: {tail}",
    "report.reference.missed": ": paper {paper}, computed {computed}",
    "report.reference.missed_why": ": paper {paper}, computed {computed} ({why})",
    "report.reference.top_city": "top {k} city",
    "report.reference.top_count": "top {k} count",
    "report.reference.all_persons": "persons (all subjects)",
    "report.reference.university_share": "share at universities, %",
    "report.reference.university_share_note": (
        "the paper says 'approximately 83%'; its own cells give 2,350 / 2,846 = 82.57 %"
    ),
    "report.reference.order_after_shanghai": "order after Shanghai",
    "report.reference.order_differs": "order differs",
    "report.reference.seven_city_share": "seven-city share, %",
    "report.reference.seven_city_share_note": (
        "71.18 is 2,026 / 2,846 = 71.1876 % truncated; no whole number of persons rounds to 71.18"
    ),
    "report.reference.europe_note": (
        "12.39 % of 2,846 is 352.6 persons: 352 gives 12.37 %, 353 gives 12.40 %; no whole "
        "number of persons reaches it"
    ),
    "report.reference.share_of_persons": "{region}, % of persons",
    "report.reference.tier": "tier {tier}",
    "report.reference.n_cities": "number of cities",
    "report.reference.cities_worldwide": "cities worldwide",
    "report.reference.sum_note": (
        "the printed cells add up to {cells}, not {printed}: the printed sum cannot be reached "
        "with the printed cells"
    ),
    "report.reference.hong_kong_note": "Hong Kong counts as abroad (country HK), as in the paper",
    "report.reference.city_note": "the paper prints '{printed}'; the data hold {held}",
    "report.reference.boston_note": (
        "the paper prints '{printed}'; the data hold {held} (the Boston area; Harvard and MIT "
        "are in Cambridge, Massachusetts)"
    ),
    "report.reference.column.section": "Section",
    "report.reference.column.figure": "Figure",
    "report.reference.column.paper": "Paper",
    "report.reference.column.computed": "Computed",
    "report.reference.column.difference": "Difference",
    "report.reference.column.note": "Note",
    # regions abroad to city tiers, migration indices
    "report.flows.title": "Regions abroad to city tiers, and indices of the return cities",
    "report.flows.intro": (
        "Each returnee once: the world region of their last stage abroad (left) and the tier "
        "of the city they came back to (right); band widths are persons."
    ),
    "report.flows.chart": "From world regions to city tiers",
    "report.flows.indices": "Migration indices of the return cities",
    "report.flows.connectivity": "Connectivity",
    "report.flows.connectivity_means": (
        ": the share of the other cities of the network with which the city exchanges at "
        "least one move, either way (linked cities / (cities - 1))."
    ),
    "report.flows.intensity": "Intensity",
    "report.flows.intensity_means": (
        ": moves into and out of the city per person who spent a stage there "
        "((in + out) / persons)."
    ),
    "report.flows.effectiveness": "Effectiveness",
    "report.flows.effectiveness_means": (
        ": 100 x (in - out) / (in + out); +100 when the city only receives, -100 when it only "
        "sends."
    ),
    "report.flows.mean_distance": "Mean distance of return",
    "report.flows.mean_distance_means": (
        ": the mean great-circle distance (km) from the city of each returnee's last stage "
        "abroad to the return city."
    ),
    "report.flows.mean_distance_km": "Mean distance of return (km)",
    "report.flows.moves_in": "Moves in",
    "report.flows.moves_out": "Moves out",
    "report.flows.linked_cities": "Linked cities",
    # regions (backflow:regionalflows)
    "report.regions.title": "Regions",
    "report.regions.intro": (
        "Returnees, flows and talent export by region (backflow:regionalflows). Net = moves "
        "into the region less moves out of it; talent export = persons born in the region who "
        "returned to another."
    ),
    "report.regions.column.region": "Region",
    "report.regions.column.inflow": "Inflow",
    "report.regions.column.outflow": "Outflow",
    "report.regions.column.net": "Net",
    "report.regions.column.talent_export": "Talent export",
    "report.regions.column.tiers": "Tiers 1 / 2 / 3",
    "report.regions.small_one": (
        "1 region with fewer than {k} returnees: its count and shares are not shown."
    ),
    "report.regions.small": (
        "{n} regions with fewer than {k} returnees: their counts and shares are not shown."
    ),
    "report.regions.paired_one": (
        "1 more region hidden (the smallest) so that the total of the returnees does not give "
        "the hidden ones away."
    ),
    "report.regions.paired": (
        "{n} more regions hidden (the smallest) so that the total of the returnees does not "
        "give the hidden ones away."
    ),
    "report.regions.by_returnees": "Regions by returnees",
    "report.regions.matrix_hidden": (
        'Matrix: cells of fewer than {k} show "< {k}"; cells marked hidden are hidden with '
        "them so that the row and column totals do not give them away."
    ),
    "report.regions.from_to": "from \\ to",
    "report.regions.matrix": (
        "Region x region matrix (rows: from, columns: to; regions with no count left out)"
    ),
    "report.regions.matrix_summed": (
        "Region x region matrix (rows: from, columns: to; regions with no count left out; "
        "beyond the {n} with most moves, summed in 'Other regions')"
    ),
    # the sources and trends sections
    "report.sources.1_cell_with_fewer_than": "1 cell with fewer than {n} persons is not shown on its own: it is merged into 'Other'.",
    "report.sources.1_return_city_with_fewer": "1 return city with fewer than {m} returnees is not shown.",
    "report.sources.1_tier_x_source_cell": "1 tier x source cell with fewer than {n} persons is not listed.",
    "report.sources.cells_cells_with_fewer_than": "{cells} cells with fewer than {n} persons ({persons} persons in all) are not shown on their own: they are merged into 'Other'.",
    "report.sources.cells_tier_x_source_cells": "{cells} tier x source cells with fewer than {n} persons ({persons} persons in all) are not listed.",
    "report.sources.hidden": "hidden",
    "report.sources.hidden_table_cells_more_cells": "'hidden' in the table: {cells} more cells hidden (those that hide the least) so that no hidden count can be recomputed from the year's total.",
    "report.sources.hidden_table_cells_more_cells.one": "'hidden' in the table: 1 more cell hidden (the one that hides the least) so that no hidden count can be recomputed from the year's total.",
    "report.sources.hidden_years_years_fewer_than": "Hidden years ({years}: fewer than {n} returnees) are a grey band and a gap in the lines, not a zero.",
    "report.sources.last_stay_before_return": "Last stay before the return",
    "report.sources.longest_stay_abroad": "Longest stay abroad",
    "report.sources.no_returnees_no_source_cities": "No returnees: no source cities.",
    "report.sources.not_available_cities_have_no": "Not available: the cities have no tiers (run City network).",
    "report.sources.overseas_city": "Overseas city",
    "report.sources.overseas_city_last_stay": "Overseas city (last stay)",
    "report.sources.return_cities_with_fewer_than": "{n} return cities with fewer than {m} returnees are not shown.",
    "report.sources.returnees": "Returnees",
    "report.sources.returnees_each_largest_return_cities": "Returnees of each of the largest return cities (columns) by the overseas city of their last stay (rows), with the share of the return city's returnees; darker cells, larger shares.",
    "report.sources.returnees_had_several_stays_abroad": "{n} returnees had several stays abroad with a length unknown (a year missing): their longest stay is not guessed ('Unknown').",
    "report.sources.returnees_have_no_overseas_stage": "{n} returnees have no overseas stage just before the return.",
    "report.sources.returnees_persons": "Returnees (persons)",
    "report.sources.returnees_tier": "Returnees of the tier",
    "report.sources.share": "Share",
    "report.sources.source_return_overseas_city_last": "The source of a return is the overseas city of the last stay before it (the start of the backflow leg); the longest stay abroad is given too when years are known. Shares are of all returnees; a city with fewer than {n} returnees is merged into 'Other'.",
    "report.sources.source_return_overseas_city_last_2": "The source of a return is the overseas city of the last stay before it (the start of the backflow leg); the longest stay abroad is given too when years are known. Shares are of all returnees.",
    "report.sources.tier": "Tier",
    "report.sources.tier.national_core": "national core",
    "report.sources.tier.regional_excellent": "regional excellent",
    "report.sources.tier.regional_special": "regional special",
    "report.sources.top_overseas_source_cities_last": "Top overseas source cities (last stay before the return)",
    "report.sources.top_sources_by_tier_return": "Top sources by tier of the return city",
    "report.sources.value.all": "All",
    "report.sources.value.circle": "circle",
    "report.sources.value.linear": "linear",
    "report.sources.value.missing": "missing",
    "report.sources.value.no_tier": "no tier",
    "report.sources.value.none": "(none)",
    "report.sources.value.other": "Other",
    "report.sources.value.out_of_range": "out of range",
    "report.sources.value.pattern": "pattern",
    "report.sources.value.return_city": "return city",
    "report.sources.value.source_city": "source city",
    "report.sources.value.subject": "subject",
    "report.sources.value.tier": "tier",
    "report.sources.value.unit_type": "unit type",
    "report.sources.value.unknown": "Unknown",
    "report.sources.value.valid": "valid",
    "report.sources.where_returnees_come_from": "Where returnees come from",
    "report.sources.which_overseas_cities_feed_which": "Which overseas cities feed which return city",
    "report.sources.years_hidden_too_so_that": "{years} hidden too, so that the total of all years does not give the hidden year away (the years that hide the least).",
    "report.trends.1_city_with_fewer_than": "1 city with fewer than {n} returnees in a period is merged into 'Other'.",
    "report.trends.by": "By",
    "report.trends.cells_cities_with_fewer_than": "{cells} cities with fewer than {n} returnees in a period ({persons} persons in all) are merged into 'Other'.",
    "report.trends.change_points": "Change (points)",
    "report.trends.change_share_percentage_points": "Change in share (percentage points)",
    "report.trends.group": "Group",
    "report.trends.hidden": "hidden\n(< {n})",
    "report.trends.hidden_complement": "hidden\n(complement)",
    "report.trends.no_return_years_no_trends": "No return years: no trends.",
    "report.trends.outside_returnees_returned_outside_both": "{outside} returnees returned outside both periods and {none} have no return year: not counted.",
    "report.trends.return_cities_change_share_b": "Return cities: change in share, {a} to {b}",
    "report.trends.returnees_by_return_year": "Returnees by return year",
    "report.trends.returnees_by_year_their_return": "Returnees by the year of their return, overall and by group. A group's share is of the year's returnees (the denominator, n, is in the table); cells with fewer than {n} persons are merged into 'Other'. The circle share by return year is in the section on route patterns.",
    "report.trends.returnees_by_year_their_return_2": "Returnees by the year of their return, overall and by group. A group's share is of the year's returnees (the denominator, n, is in the table). The circle share by return year is in the section on route patterns.",
    "report.trends.returnees_with_return_year": "returnees with a return year",
    "report.trends.returnees_without_return_year_or": "Returnees without a return year or with a year out of range are counted here and left out of the trends, not guessed.",
    "report.trends.returns_over_time": "Returns over time",
    "report.trends.share_each_period_s_returnees": "The share of each period's returnees that a city received (return cities) or sent (source cities: the last stay before the return), and the change in percentage points from {a} to {b}.",
    "report.trends.share_each_year_s_returnees": "Share of each year's returnees by tier of the return city",
    "report.trends.share_each_year_s_returnees_2": "Share of each year's returnees by route pattern",
    "report.trends.share_each_year_s_returnees_3": "Share of each year's returnees by return city (largest cities)",
    "report.trends.share_each_year_s_returnees_4": "Share of each year's returnees by {value}",
    "report.trends.share_year_s_returnees": "Share of the year's returnees (%)",
    "report.trends.source_cities_change_share_b": "Source cities: change in share, {a} to {b}",
    "report.trends.table": "The table",
    "report.trends.two_periods_compared_b": "Two periods compared: {a} and {b}",
    "report.trends.with_year_outside_lo_hi": "with a year outside {lo}-{hi}",
    "report.trends.without_return_year": "without a return year",
    "report.trends.year": "Year",
    "report.trends.years_out_range_value": "Years out of range: {value}.",
    # the notes of disclosure control (core/disclosure/notes.py)
    "note.disclosure": "disclosure control (MIN_PERSONS = {k}): {parts}",
    "note.parts": "{parts}",
    "note.both": "{first}; {then}",
    "note.gini_tail": "{part} (the shares and the Gini use every city)",
    "note.cells_hidden.one": "1 cell of 1 to {k1} persons hidden",
    "note.cells_hidden": "{n} cells of 1 to {k1} persons hidden",
    "note.regions_hidden.one": "1 region of 1 to {k1} persons hidden",
    "note.regions_hidden": "{n} regions of 1 to {k1} persons hidden",
    "note.complementary.one": "complementary suppression: 1 more cell hidden so that no hidden count can be recomputed from the totals (a row or column with a hidden cell has two or more, as few and as small as possible)",
    "note.complementary": "complementary suppression: {n} more cells hidden so that no hidden count can be recomputed from the totals (a row or column with a hidden cell has two or more, as few and as small as possible)",
    "note.not_shown.cities.one": "1 city with fewer than {k} persons not shown",
    "note.not_shown.cities": "{n} cities with fewer than {k} persons not shown",
    "note.not_shown.bands.one": "1 band with fewer than {k} persons not shown",
    "note.not_shown.bands": "{n} bands with fewer than {k} persons not shown",
    "note.not_shown.flows.one": "1 flow with fewer than {k} persons not shown",
    "note.not_shown.flows": "{n} flows with fewer than {k} persons not shown",
    "note.merged.organisations.one": "1 organisation with fewer than {k} persons merged into 'other'",
    "note.merged.organisations": "{n} organisations with fewer than {k} persons merged into 'other'",
    "note.together.organisations.one": "1 organisation with fewer than {k} persons (together too) not shown",
    "note.together.organisations": "{n} organisations with fewer than {k} persons (together too) not shown",
    "note.merged.countries.one": "1 country with fewer than {k} persons merged into 'other'",
    "note.merged.countries": "{n} countries with fewer than {k} persons merged into 'other'",
    "note.together.countries.one": "1 country with fewer than {k} persons (together too) not shown",
    "note.together.countries": "{n} countries with fewer than {k} persons (together too) not shown",
    "note.merged.cities.one": "1 city with fewer than {k} persons merged into 'other'",
    "note.merged.cities": "{n} cities with fewer than {k} persons merged into 'other'",
    "note.together.cities.one": "1 city with fewer than {k} persons (together too) not shown",
    "note.together.cities": "{n} cities with fewer than {k} persons (together too) not shown",
    "note.years_hidden.one": "{by}: 1 year of fewer than {k} persons hidden",
    "note.years_hidden": "{by}: {n} years of fewer than {k} persons hidden",
    "note.groups_together.one": "{by}: 1 group of fewer than {k} persons (together too) not shown",
    "note.groups_together": "{by}: {n} groups of fewer than {k} persons (together too) not shown",
    "note.groups_merged.one": "{by}: 1 group of fewer than {k} persons merged into 'other'",
    "note.groups_merged": "{by}: {n} groups of fewer than {k} persons merged into 'other'",
    "term.unit_type_words": "unit type",
    # the row that stands for the rows merged by disclosure control
    "note.other.cities.one": "other (1 city)",
    "note.other.cities": "other ({n} cities)",
    "note.other.countries.one": "other (1 country)",
    "note.other.countries": "other ({n} countries)",
    "note.other.organisations.one": "other (1 organisation)",
    "note.other.organisations": "other ({n} organisations)",
    "note.other.groups.one": "other (1 group)",
    "note.other.groups": "other ({n} groups)",
    # notes of tables that lack a column
    "note.missing_column": "not available: no {column} column",
    "note.missing_columns": "not available: no {column} columns",
    "note.missing_column_then": "not available: no {column} column ({then})",
    "note.missing_columns_then": "not available: no {column} columns ({then})",
    "note.run_citynetwork_tiers": "run backflow:citynetwork to class the cities into tiers",
    "note.run_citynetwork": "run backflow:citynetwork",
    "note.run_routepatterns": "run backflow:routepatterns",
    "note.no_subject_chosen": "not available: no subject column chosen",
    "note.no_tier": "not available: no city has a tier",
    "note.needs_stages": "not available: needs the STAGES table",
    "note.no_returnees": "no returnees",
    "note.no_values": "no values",
    "note.no_organisation_names": "no organisation names in the data",
    "note.unit_renamed": "unit type {clash} renamed with the suffix ' ({unit})'",
    "note.multi_region": "{n} persons stayed in more than one region and count in each: shares add up to more than 100 %",
    "note.multi_region.one": "1 person stayed in more than one region and counts in each: shares add up to more than 100 %",
    "note.sources.no_stages": "no stages",
    "note.sources.merged_sources": "{n} source cities with fewer than {k} persons ({persons} persons in all) merged into 'Other'",
    "note.sources.merged_cells": "{n} cells with fewer than {k} persons ({persons} persons in all) merged into 'Other'",
    "note.sources.without_source": "{n} returnees without a source: {why}",
    "note.sources.why_last": "no overseas stage just before the return",
    "note.sources.why_longest": "several stays abroad with a length unknown (a year missing)",
    "note.sources.small_returns": "{n} return cities with fewer than {k} returnees not shown",
    "note.sources.tier_cells": "{n} tier x source cells with fewer than {k} persons ({persons} persons) not listed",
    "note.trends.no_year": "{n} returnees without a return year",
    "note.trends.out_of_range": "{n} with a year outside {lo}-{hi} ({values})",
    "note.trends.not_counted": "{parts}: not counted",
    "note.trends.no_valid_years": "no valid years",
    "note.trends.merged_cells": "{n} year x group cells with fewer than {k} persons ({persons} persons) merged into 'Other'",
    "note.trends.other_hidden": "{n} 'Other' cells still under {k} hidden",
    "note.trends.outside_periods": "{n} returnees returned outside both periods",
    "note.trends.no_year_not_counted": "{n} returnees without a return year not counted",
    "note.trends.merged_entries": "{n} {kind} entries with fewer than {k} persons in a period merged into 'Other'",
    # words the data hold, looked up by their English (messages.term)
    "term.subject": "subject",
    "term.return_year": "return year",
    "term.unit_type": "unit_type",
    "term.mathematical_physical_science": "Mathematical & Physical Science",
    "term.chemistry": "Chemistry",
    "term.environmental_earth_science": "Environmental & Earth Science",
    "term.information_science": "Information Science",
    "term.biological_science": "Biological Science",
    "term.engineering_materials_science": "Engineering & Materials Science",
    "term.university": "university",
    "term.research_institute": "research institute",
    "term.enterprise": "enterprise",
    "term.all_title": "All",
    "term.all": "all",
    "term.other": "Other",
    "term.usa": "USA",
    "term.uk": "UK",
    "term.rest_of_europe": "Rest of Europe",
    "term.europe": "Europe",
    "term.asia": "Asia",
    "term.australia": "Australia",
    "term.national_core": "national core",
    "term.regional_excellent": "regional excellent",
    "term.regional_special": "regional special",
    "term.national_core_city": "National core city",
    "term.regional_excellent_city": "Regional excellent city",
    "term.regional_special_city": "Regional special city",
    "term.other_return_city": "Other return city",
    "term.circle": "circle",
    "term.linear": "linear",
    "term.degree": "degree",
    "term.strength": "strength",
    "term.in_strength": "in_strength",
    "term.out_strength": "out_strength",
    "term.betweenness": "betweenness",
    "term.closeness": "closeness",
    "term.eigenvector": "eigenvector",
    "term.pagerank": "pagerank",
    "term.return_year_column": "return_year",
    "term.subject_title": "Subject",
    "term.none": "(none)",
    "term.not_given": "(not given)",
    "term.none_found": "(none found)",
    "term.years_default": "(1900 to next year)",
    "term.auto": "auto",
    "term.paper": "paper",
    "term.none_word": "none",
    "term.backflow_plugin": "Backflow plugin",
    "term.other_regions": "Other regions",
    "term.total": "total",
    "term.no_region": "(no region)",
    "term.abroad_usa": "Abroad: USA",
    "term.abroad_uk": "Abroad: UK",
    "term.abroad_europe": "Abroad: Europe",
    "term.abroad_asia": "Abroad: Asia",
    "term.abroad_australia": "Abroad: Australia",
    "term.abroad_other": "Abroad: Other",
    "term.table_1": "Table 1",
    "term.return_cities": "Return cities",
    "term.overseas_experience": "Overseas experience",
    "term.table_3_return": "Table 3 return",
    "term.table_3_overseas": "Table 3 overseas",
    "term.table_4": "Table 4",
    "term.network": "Network",
    "term.sum": "sum",
    "term.city": "city",
    "term.country": "country",
    "term.listed": "listed",
    "term.not_in_this_tier": "not in this tier",
    "term.hidden_disclosure": "hidden (disclosure control)",
    "term.england": "England",
    "term.michigan": "Michigan",
    **ERRORS,
}
