"""Add, change or remove a core message in its two homes at once.

The English of a message lives in ``backflow_plugin/core/messages_en.py`` (the
errors' and warnings', ``error.*`` and ``warning.*``, in ``messages_en_errors.py``
beside it) and its Chinese, with the English it was translated from, in
``backflow_plugin/i18n/core_zh_CN.json``; ``tests/core/test_messages.py`` checks they
agree. This writes both:

    python3 scripts/message.py set note.no_stages "no stages" "没有阶段"
    python3 scripts/message.py set report.title "Backflow report" "Backflow 回流报告"
    python3 scripts/message.py set list.comma ", " "、" --after list.semicolon
    python3 scripts/message.py remove note.no_stages
    python3 scripts/message.py show note.no_stages

An id is changed or removed in the English file that holds it; a new id goes into
``messages_en_errors.py`` if it starts with ``error.`` or ``warning.``, else into
``messages_en.py``, after ``--after`` (an id of that file) or else after the last id
sharing the longest prefix with it (``note.sources.x`` after the other
``note.sources.*``). Placeholders ({n}, {k}...) must be the same in both languages. A
Chinese equal to the English is marked ``"same": true`` (kept on purpose).
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENGLISH = ROOT / "backflow_plugin" / "core" / "messages_en.py"
ENGLISH_ERRORS = ROOT / "backflow_plugin" / "core" / "messages_en_errors.py"
ERROR_PREFIXES = ("error.", "warning.")  # the ids written in ENGLISH_ERRORS
CATALOGUE = ROOT / "backflow_plugin" / "i18n" / "core_zh_CN.json"
PLACEHOLDER = re.compile(r"\{(\w+)[^{}]*\}")


def _english_files() -> dict[Path, str]:
    """Each file of the English and the name of the dict it holds."""
    return {ENGLISH: "MESSAGES", ENGLISH_ERRORS: "ERRORS"}


def _entries(source: str, name: str = "MESSAGES") -> dict[str, tuple[int, int]]:
    """id -> (first line, last line), 1-based, of its entry in the dict `name`."""
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
            and isinstance(node.value, ast.Dict)
        ):
            lines = source.splitlines()
            out = {}
            for key, value in zip(node.value.keys, node.value.values):
                if key is None:  # **ERRORS: the other file's entries
                    continue
                last = value.end_lineno
                while lines[last].strip() in (")", "),"):  # a value in parentheses
                    last += 1
                out[key.value] = (key.lineno, last)
            return out
    raise SystemExit(f"no {name} dict in the English of the messages")


def _line(key: str, english: str) -> str:
    return f"    {json.dumps(key, ensure_ascii=False)}: {json.dumps(english, ensure_ascii=False)},"


def _after(key: str, keys: list[str]) -> str:
    """The id a new one goes after: the last of those sharing most of its dotted prefix."""
    parts = key.split(".")
    for n in range(len(parts) - 1, 0, -1):
        prefix = ".".join(parts[:n]) + "."
        same = [k for k in keys if k.startswith(prefix)]
        if same:
            return same[-1]
    return keys[-1]


def write_english(key: str, english: str | None, after: str | None = None) -> None:
    """Set (or with None remove) `key`'s English in the file that holds it; a new id in
    messages_en_errors.py if it is an error or a warning, else in messages_en.py."""
    found = {}
    for path, name in _english_files().items():
        source = path.read_text(encoding="utf-8")
        found[path] = (source, _entries(source, name))
    holder = next((path for path, (_, entries) in found.items() if key in entries), None)
    if holder is None:
        if english is None:
            return
        holder = ENGLISH_ERRORS if key.startswith(ERROR_PREFIXES) else ENGLISH
    source, entries = found[holder]
    lines = source.splitlines()
    if key in entries:
        first, last = entries[key]
        lines[first - 1 : last] = [] if english is None else [_line(key, english)]
    else:
        anchor = after or _after(key, list(entries))
        if anchor not in entries:
            raise SystemExit(f"--after {anchor}: no such message in {holder.name}")
        lines.insert(entries[anchor][1], _line(key, english))
    holder.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_catalogue() -> dict[str, dict]:
    return json.loads(CATALOGUE.read_text(encoding="utf-8"))


def write_catalogue(entries: dict[str, dict]) -> None:
    """One entry a line, sorted by id (the layout test_messages checks)."""
    body = ",\n".join(
        f"  {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
        for k, v in sorted(entries.items())
    )
    CATALOGUE.write_text("{\n" + body + "\n}\n", encoding="utf-8")


def set_message(key: str, english: str, chinese: str, after: str | None = None) -> None:
    if sorted(PLACEHOLDER.findall(english)) != sorted(PLACEHOLDER.findall(chinese)):
        raise SystemExit(f"{key}: the placeholders differ between {english!r} and {chinese!r}")
    write_english(key, english, after)
    entries = read_catalogue()
    entry = {"en": english, "zh": chinese}
    if chinese == english:
        entry["same"] = True
    entries[key] = entry
    write_catalogue(entries)


def remove_message(key: str) -> None:
    write_english(key, None)
    entries = read_catalogue()
    entries.pop(key, None)
    write_catalogue(entries)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    put = sub.add_parser("set", help="add a message or change its English and Chinese")
    put.add_argument("id")
    put.add_argument("english")
    put.add_argument("chinese")
    put.add_argument("--after", help="a new id goes after this one, in the same file")
    sub.add_parser("remove", help="remove a message from both files").add_argument("id")
    sub.add_parser("show", help="print a message's English and Chinese").add_argument("id")
    args = parser.parse_args(argv)
    if args.command == "set":
        set_message(args.id, args.english, args.chinese, args.after)
    elif args.command == "remove":
        remove_message(args.id)
    else:
        entry = read_catalogue().get(args.id)
        if entry is None:
            print(f"{args.id}: not in the catalogue", file=sys.stderr)
            return 1
        print(f"en: {entry['en']}\nzh: {entry['zh']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
