"""One owner per name (issue 11): core/schema.py owns the shared names and constants, and
the Processing algorithms hold no pandas logic. Static scans of the plugin's source."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PLUGIN = Path(__file__).resolve().parents[2] / "backflow_plugin"
SCHEMA = PLUGIN / "core" / "schema.py"

# processing/ files that may use pandas: the layer <-> frame adapters.
PANDAS_ALLOWED = ("adapters.py", "frame_reading.py", "frame_writing.py")
# Not yet thinned on this branch (issues 11b / 11c own them): remove once they are.
PANDAS_PENDING: tuple[str, ...] = ()
# pandas calls that are logic, not plumbing.
PANDAS_METHODS = ("groupby", "merge", "pivot", "pivot_table", "concat", "value_counts")
# Algorithms thinned by issue 11: processAlgorithm at most this many lines.
THIN = (
    "city_network.py",
    "route_patterns.py",
    "regional_flows.py",
    "postgis_flows.py",
    "report.py",
    "publication_map.py",
)
MAX_LINES = 80
# "CN" meaning China itself (province codes, Greater China), not the default home country.
CHINA_ITSELF = {
    "core/places/provinces.py": "province codes CNxx mark China",
    "core/places/province_places.py": "ids CNxx0000 of China's provinces",
    "core/places/compound.py": "a Chinese province or county written in a cell is in China",
}


def sources() -> list[Path]:
    return sorted(p for p in PLUGIN.rglob("*.py") if p != SCHEMA)


def rel(path: Path) -> str:
    return path.relative_to(PLUGIN).as_posix()


def parsed(path: Path) -> ast.Module:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            child.parent = node  # type: ignore[attr-defined]
    return tree


def schema_names() -> set[str]:
    names = set()
    for node in ast.parse(SCHEMA.read_text(encoding="utf-8")).body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign):
            targets = [node.target]
        names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def assigned_names(tree: ast.Module):
    """(name, line, value) of every assignment to a plain name, at any depth."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for t in node.targets:
                for n in ast.walk(t):
                    if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
                        yield n.id, node.lineno, node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            yield node.target.id, node.lineno, node.value


def test_schema_owns_the_shared_names():
    owned = schema_names()
    for key in ("FLOW_TYPES", "MEASURES", "TIER_METHODS", "DEFAULT_MEASURE", "ROLE_PARAMS",
                "TEXT_SUFFIXES", "SPREADSHEET_SUFFIXES", "WGS84_AUTHID", "DEFAULT_HOME_COUNTRY",
                "NETWORK_SCOPES", "TRUE_TEXT", "FALSE_TEXT", "TIER_LABELS", "TIER_CITY_NAMES",
                "LEVEL_PREFECTURE", "LEVEL_COUNTY", "ANALYSIS_LEVELS", "HOME_GIVEN"):  # fmt: skip
        assert key in owned, key


def test_no_module_redeclares_a_schema_name():
    owned = schema_names()
    found = []
    for path in sources():
        for name, line, value in assigned_names(parsed(path)):
            # a Processing parameter key (FLOW_TYPES = "FLOW_TYPES") names a parameter
            is_key = isinstance(value, ast.Constant) and value.value == name
            if name in owned and not is_key:
                found.append(f"{rel(path)}:{line} {name}")
    assert found == [], "import these from core/schema.py instead: " + "; ".join(found)


def _constants(value):
    for path in sources():
        tree = parsed(path)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value == value:
                yield path, node


def test_wgs84_authid_written_once():
    found = [f"{rel(p)}:{n.lineno}" for p, n in _constants("EPSG:4326")]
    assert found == [], "use schema.WGS84_AUTHID (or styling.projections.WGS84): " + ", ".join(
        found
    )


def _china_itself(node) -> bool:
    """'CN' compared with, a dict key, or a prefix tested: China itself, not a default."""
    parent = node.parent
    while isinstance(parent, (ast.Tuple, ast.List, ast.Set)):
        parent = parent.parent
    if isinstance(parent, ast.Compare):
        return True
    if isinstance(parent, ast.Dict) and node in parent.keys:
        return True
    return (
        isinstance(parent, ast.Call)
        and isinstance(parent.func, ast.Attribute)
        and parent.func.attr == "startswith"
    )


def test_default_home_country_written_once():
    found = [
        f"{rel(p)}:{n.lineno}"
        for p, n in _constants("CN")
        if not _china_itself(n) and rel(p) not in CHINA_ITSELF
    ]
    assert found == [], "use schema.DEFAULT_HOME_COUNTRY: " + ", ".join(found)


def test_table_suffix_lists_written_once():
    from backflow_plugin.core.schema import SPREADSHEET_SUFFIXES, TEXT_SUFFIXES

    suffixes = (TEXT_SUFFIXES | SPREADSHEET_SUFFIXES) - {""}
    found = []
    for path in sources():
        for node in ast.walk(parsed(path)):
            if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
                values = {e.value for e in node.elts if isinstance(e, ast.Constant)}
                if len(values & suffixes) >= 2:
                    found.append(f"{rel(path)}:{node.lineno}")
    assert found == [], "use schema.TEXT_SUFFIXES / SPREADSHEET_SUFFIXES: " + ", ".join(found)


def pandas_uses(path: Path) -> list[str]:
    uses = []
    for node in ast.walk(parsed(path)):
        if isinstance(node, ast.Import):
            uses += [f"import {a.name}" for a in node.names if a.name.split(".")[0] == "pandas"]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pandas"):
            uses.append(f"from {node.module} import")
        elif isinstance(node, ast.Attribute):
            if node.attr == "pd" or (isinstance(node.value, ast.Name) and node.value.id == "pd"):
                uses.append(f"pd. at line {node.lineno}")
            elif node.attr in PANDAS_METHODS and isinstance(node.parent, ast.Call):
                uses.append(f".{node.attr}() at line {node.lineno}")
    return uses


@pytest.mark.parametrize("path", sorted((PLUGIN / "processing").glob("*.py")), ids=lambda p: p.name)
def test_no_pandas_logic_in_the_algorithms(path):
    if path.name in PANDAS_ALLOWED + PANDAS_PENDING:
        return
    assert pandas_uses(path) == [], f"move this into core/: {path.name}"


def test_the_scan_sees_pandas_logic(tmp_path):
    # the check above must be able to fail
    sample = tmp_path / "alg.py"
    sample.write_text(
        "import pandas as pd\n"
        "from . import adapters\n"
        "def run(frame):\n"
        "    frame.groupby('a').sum()\n"
        "    return adapters.pd.DataFrame()\n"
    )
    uses = pandas_uses(sample)
    assert uses[0] == "import pandas"
    assert any(".groupby()" in u for u in uses) and any(u.startswith("pd.") for u in uses)


def _process_algorithm_lines(path: Path) -> int:
    """Lines of the algorithm's run: its processAlgorithm, or the process() the base
    class's processAlgorithm calls."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef) and node.name in ("processAlgorithm", "process"):
            return node.end_lineno - node.lineno + 1
    raise AssertionError(f"{path.name} has neither processAlgorithm nor process")


@pytest.mark.parametrize("name", THIN)
def test_algorithms_are_thin(name):
    lines = _process_algorithm_lines(PLUGIN / "processing" / name)
    assert lines <= MAX_LINES, f"{name}: processAlgorithm has {lines} lines"


# ---------------------------------------------------------------- constants with one owner
# (name of the owner, relative to backflow_plugin/)
DISCLOSURE = "core/disclosure/rules.py"
FLOW_LINES = "core/trajectories/flow_lines.py"
COUNTRIES = "core/places/countries.py"


def _owners(test) -> list[str]:
    """Modules (and lines) where `test(name, value_node)` holds for an assignment."""
    found = []
    for path in [*sources(), SCHEMA]:
        for name, line, value in assigned_names(parsed(path)):
            if test(name, value):
                found.append(f"{rel(path)}:{line}")
    return found


def test_min_persons_has_one_owner():
    from backflow_plugin.core.disclosure.rules import MIN_PERSONS_DEFAULT

    assert MIN_PERSONS_DEFAULT == 5
    # a number assigned to a MIN_PERSONS name, anywhere but the disclosure rules
    numbers = _owners(
        lambda name, value: (
            name.startswith("MIN_PERSONS")
            and isinstance(value, ast.Constant)
            and isinstance(value.value, int)
        )
    )
    assert numbers == [f"{DISCLOSURE}:{numbers[0].split(':')[1]}"] if numbers else False
    # and no literal 5 as a min_persons default or fallback
    literal = []
    for path in sources():
        for node in ast.walk(parsed(path)):
            if isinstance(node, ast.arguments):
                args = [*node.posonlyargs, *node.args]
                pairs = list(zip(args[len(args) - len(node.defaults) :], node.defaults))
                pairs += [(a, d) for a, d in zip(node.kwonlyargs, node.kw_defaults) if d]
                literal += [
                    f"{rel(path)}:{d.lineno}"
                    for a, d in pairs
                    if a.arg in ("min_persons", "k")
                    and isinstance(d, ast.Constant)
                    and d.value == 5
                ]
            elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "get":
                first = node.args[0] if node.args else None
                if (
                    isinstance(first, ast.Constant)
                    and first.value == "min_persons"
                    and len(node.args) > 1
                    and isinstance(node.args[1], ast.Constant)
                    and node.args[1].value == 5
                ):
                    literal.append(f"{rel(path)}:{node.lineno}")
    assert literal == [], "use disclosure.rules.MIN_PERSONS_DEFAULT: " + ", ".join(literal)


def test_analysis_levels_have_one_owner():
    from backflow_plugin.core import schema

    assert schema.ANALYSIS_LEVELS == (schema.LEVEL_PREFECTURE, schema.LEVEL_COUNTY)
    written = [f"{rel(p)}:{n.lineno}" for p, n in _constants("prefecture") if _assigned(n)]
    written += [f"{rel(p)}:{n.lineno}" for p, n in _constants("county") if _assigned(n)]
    assert written == [], "use schema.LEVEL_PREFECTURE / LEVEL_COUNTY: " + ", ".join(written)


def _assigned(node) -> bool:
    """The constant is the value of a module- or class-level name (a declaration)."""
    parent = node.parent
    while isinstance(parent, (ast.Tuple, ast.List, ast.Set)):
        parent = parent.parent
    return isinstance(parent, (ast.Assign, ast.AnnAssign))


def test_earth_radius_and_haversine_have_one_owner():
    radius = [f"{rel(p)}:{n.lineno}" for p, n in _constants(6371.0088)]
    assert [r.split(":")[0] for r in radius] == [FLOW_LINES]
    # the haversine's last step, arcsin(sqrt(a)), written once
    haversines = [
        f"{rel(path)}:{node.lineno}"
        for path in sources()
        for node in ast.walk(parsed(path))
        if isinstance(node, ast.Call)
        and getattr(node.func, "attr", "") == "arcsin"
        and node.args
        and isinstance(node.args[0], ast.Call)
        and getattr(node.args[0].func, "attr", "") == "sqrt"
    ]
    assert [h.split(":")[0] for h in haversines] == [FLOW_LINES]


# the English of the core's messages (its errors' and warnings' in a file apart): the
# words the Chinese page translates, one entry per word (tests/core/test_messages.py
# checks every owner's words are there)
MESSAGES_EN = (PLUGIN / "core" / "messages_en.py", PLUGIN / "core" / "messages_en_errors.py")


def _dict_values(path: Path, wanted: set[str]) -> list[str]:
    """Lines of dict literals whose values hold at least two of `wanted`."""
    out = []
    if path in MESSAGES_EN:
        return out
    for node in ast.walk(parsed(path)):
        if isinstance(node, ast.Dict):
            values = {v.value for v in node.values if isinstance(v, ast.Constant)}
            if len(values & wanted) >= 2:
                out.append(f"{rel(path)}:{node.lineno}")
    return out


def test_region_labels_have_one_owner():
    from backflow_plugin.core.places.countries import REGION_LABELS, REGIONS

    assert tuple(REGION_LABELS) == REGIONS
    found = [
        hit for path in sources() for hit in _dict_values(path, {"Rest of Europe", "USA", "UK"})
    ]
    assert [f.split(":")[0] for f in found] == [COUNTRIES], found


def test_tier_names_have_one_owner():
    from backflow_plugin.core.schema import TIER_CITY_NAMES, TIER_LABELS

    assert set(TIER_LABELS) == set(TIER_CITY_NAMES) - {0}
    words = set(TIER_LABELS.values()) | set(TIER_CITY_NAMES.values())
    # core only: the map legends (styling/) are Qt texts the translator collects there
    found = [
        hit
        for path in sources()
        if rel(path).startswith("core/")
        for hit in _dict_values(path, words)
    ]
    assert found == [], "use schema.TIER_LABELS / TIER_CITY_NAMES: " + ", ".join(found)


def test_the_owner_scans_can_fail(tmp_path):
    sample = tmp_path / "mod.py"
    sample.write_text(
        'R = 6371.0088\nT = {1: "national core", 2: "regional excellent"}\n'
        'def f(min_persons=5):\n    return {}.get("min_persons", 5)\n'
    )
    tree = parsed(sample)
    consts = [n for n in ast.walk(tree) if isinstance(n, ast.Constant)]
    assert any(n.value == 6371.0088 for n in consts)
    rel_saved = globals()["rel"]
    try:
        globals()["rel"] = lambda path: path.name
        assert _dict_values(sample, {"national core", "regional excellent"}) == ["mod.py:2"]
    finally:
        globals()["rel"] = rel_saved
