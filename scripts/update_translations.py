#!/usr/bin/env python3
"""Collect the plugin's user-facing strings and merge them into the Qt .ts files.

Finds every ``tr("...")`` / ``self.tr("...")`` literal in backflow_plugin/ (with the
implicit concatenation of adjacent literals Python does), the values of module-level
``*_LABELS`` and ``*_TITLES`` dicts (labels passed to tr() at run time) and the few
strings built at run time (listed in DYNAMIC). The core's texts, its errors and
warnings included, are not here: they are messages with their own catalogue
(core/messages_en.py and messages_en_errors.py, i18n/core_zh_CN.json; scripts/message.py).
Existing translations are kept; new strings are added as unfinished; strings no longer
in the code are marked obsolete.

    python3 scripts/update_translations.py            # all backflow_plugin/i18n/*.ts
    python3 scripts/update_translations.py --check    # exit 1 if a string is untranslated
    make translations                                 # then build the .qm files
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "backflow_plugin"
I18N = PACKAGE / "i18n"
CONTEXT = "Backflow"
LANGUAGES = ("zh_CN",)
# Strings made at run time from data (tr(name.capitalize()) and the like).
DYNAMIC = (
    # centrality measure names: tr(m.replace("_", " ").capitalize())
    "Degree",
    "Strength",
    "In strength",
    "Out strength",
    "Betweenness",
    "Closeness",
    "Eigenvector",
    "Pagerank",
    # column roles of Import trajectories: tr(role.capitalize())
    "Person",
    "Seq",
    "Stage",
    "City",
    "Country",
    "Org",
    "Year",
    "Province",
    # review reasons of fuzzy matches (core/trajectories/review.py): tr(reason)
    "fuzzy match (distance 1)",
    "fuzzy match (distance 2)",
    # review reasons of unresolved places (core/places/resolve.py REASON_*): tr(reason)
    "unknown city",
    "place is in another country",
    "not in the given country",
    "not in the given state or province",
)


def _literal(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def strings_in(path: Path) -> list[tuple[str, int]]:
    """(text, line) of each translatable literal in one module."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name == "tr":
                text = _literal(node.args[0])
                if text:
                    found.append((text, node.lineno))
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
            targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
            if any(t.endswith(("_LABELS", "_TITLES")) for t in targets):
                for value in node.value.values:
                    text = _literal(value)
                    if text:
                        found.append((text, value.lineno))
    return found


def collect() -> dict[str, list[str]]:
    """source text -> ['file:line', ...], in first-seen order."""
    out: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        for text, line in strings_in(path):
            out.setdefault(text, []).append(f"{rel}:{line}")
    for text in DYNAMIC:
        out.setdefault(text, []).append("scripts/update_translations.py:DYNAMIC")
    return out


def read_ts(path: Path) -> dict[str, str]:
    """source -> translation (finished or not) of an existing .ts file."""
    if not path.is_file():
        return {}
    known: dict[str, str] = {}
    # our own .ts file from the repository, not untrusted input
    for message in ET.parse(path).getroot().iter("message"):  # nosec B314
        source = message.findtext("source") or ""
        translation = message.find("translation")
        text = translation.text if translation is not None and translation.text else ""
        if text:
            known[source] = text
    return known


def write_ts(
    path: Path,
    language: str,
    strings: dict[str, list[str]],
    known: dict[str, str],
    write: bool = True,
) -> tuple[int, int, list[str]]:
    ts = ET.Element("TS", version="2.1", language=language)
    ts.set("sourcelanguage", "en")
    context = ET.SubElement(ts, "context")
    ET.SubElement(context, "name").text = CONTEXT
    done, missing = 0, []
    for source, places in strings.items():
        message = ET.SubElement(context, "message")
        for place in places[:3]:
            file, _, line = place.rpartition(":")
            loc = ET.SubElement(message, "location", filename="../../" + file)
            if line.isdigit():
                loc.set("line", line)
        ET.SubElement(message, "source").text = source
        translation = ET.SubElement(message, "translation")
        if known.get(source):
            translation.text = known[source]
            done += 1
        else:
            translation.set("type", "unfinished")
            missing.append(source)
    obsolete = [s for s in known if s not in strings]
    for source in obsolete:  # kept, marked, so a renamed string's work is not lost
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = source
        t = ET.SubElement(message, "translation", type="vanished")
        t.text = known[source]
    if not write:
        return done, len(obsolete), missing
    ET.indent(ts, space="    ")
    body = ET.tostring(ts, encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )
    return done, len(obsolete), missing


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="only check (the .ts is not written): fail when a string has no translation",
    )
    parser.add_argument("--missing", action="store_true", help="print the untranslated strings")
    parser.add_argument(
        "--merge",
        type=Path,
        metavar="JSON",
        help="add translations from a JSON file {source: translation} "
        "(for --language); existing ones are overwritten",
    )
    parser.add_argument("--language", default=LANGUAGES[0])
    args = parser.parse_args()
    strings = collect()
    I18N.mkdir(parents=True, exist_ok=True)
    status = 0
    for language in LANGUAGES:
        path = I18N / f"backflow_{language}.ts"
        known = read_ts(path)
        if args.merge and language == args.language:
            extra = json.loads(args.merge.read_text(encoding="utf-8"))
            known.update({k: v for k, v in extra.items() if v})
        done, obsolete, missing = write_ts(path, language, strings, known, write=not args.check)
        print(
            f"{path.relative_to(ROOT)}: {len(strings)} strings, {done} translated, "
            f"{len(missing)} to do, {obsolete} obsolete"
        )
        if args.missing:
            for text in missing:
                print("  " + repr(text))
        if args.check and missing:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
