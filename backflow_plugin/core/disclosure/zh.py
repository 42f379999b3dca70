"""The disclosure notes of core/disclosure/rules.py in Chinese, for the Chinese report.

The notes are built from a few fixed sentences (see ``disclosure``); each is matched
whole here, so a note changes language only when every part of it is known.
"""

from __future__ import annotations

import re

PREFIX = re.compile(r"disclosure control \(MIN_PERSONS = (\d+)\): (.+)")
NOUNS = {
    "flow": "条流动", "flows": "条流动",
    "city": "个城市", "cities": "个城市",
    "country": "个国家/地区", "countries": "个国家/地区",
    "organisation": "个机构", "organisations": "个机构",
    "cell": "个单元格", "cells": "个单元格",
    "region": "个地区", "regions": "个地区",
    "group": "个分组", "groups": "个分组",
    "year": "个年份", "years": "个年份",
    "band": "条流带", "bands": "条流带",
}  # fmt: skip
BY = {"subject": "学科", "return year": "回国年份", "unit type": "单位类型"}
_NOUN = "(" + "|".join(sorted(NOUNS, key=len, reverse=True)) + ")"
PARTS = [
    (
        rf"(\d+) {_NOUN} with fewer than (\d+) persons not shown",
        lambda m: f"不足 {m[3]} 人的 {m[1]} {NOUNS[m[2]]}未显示",
    ),
    (
        rf"(\d+) {_NOUN} with fewer than (\d+) persons merged into 'other'",
        lambda m: f"不足 {m[3]} 人的 {m[1]} {NOUNS[m[2]]}已并入“其他”",
    ),
    (
        rf"(\d+) {_NOUN} with fewer than (\d+) persons \(together too\) not shown",
        lambda m: f"不足 {m[3]} 人的 {m[1]} {NOUNS[m[2]]}（合计仍不足）未显示",
    ),
    (
        rf"(\d+) {_NOUN} of 1 to (\d+) persons hidden",
        lambda m: f"{m[1]} {NOUNS[m[2]]}（1 至 {m[3]} 人）已隐藏",
    ),
    (
        rf"(.+): (\d+) {_NOUN} of fewer than (\d+) persons merged into 'other'",
        lambda m: f"{_by(m[1])}：不足 {m[4]} 人的 {m[2]} {NOUNS[m[3]]}已并入“其他”",
    ),
    (
        rf"(.+): (\d+) {_NOUN} of fewer than (\d+) persons \(together too\) not shown",
        lambda m: f"{_by(m[1])}：不足 {m[4]} 人的 {m[2]} {NOUNS[m[3]]}（合计仍不足）未显示",
    ),
    (
        rf"(.+): (\d+) {_NOUN} of fewer than (\d+) persons not shown",
        lambda m: f"{_by(m[1])}：不足 {m[4]} 人的 {m[2]} {NOUNS[m[3]]}未显示",
    ),
    (
        rf"(.+): (\d+) {_NOUN} of fewer than (\d+) persons hidden",
        lambda m: f"{_by(m[1])}：不足 {m[4]} 人的 {m[2]} {NOUNS[m[3]]}已隐藏",
    ),
    (
        rf"complementary suppression: (\d+) more {_NOUN} hidden so that no hidden count can "
        r"be recomputed from the totals \(a row or column with a hidden cell has two or "
        r"more, as few and as small as possible\)",
        lambda m: (
            f"互补隐藏：另隐藏 {m[1]} {NOUNS[m[2]]}，使隐藏的数字无法由合计反推"
            "（含隐藏单元格的行或列至少隐藏两个；尽量少、尽量小）"
        ),
    ),
]
TAIL = " (the shares and the Gini use every city)"
TAIL_ZH = "（比例与基尼系数仍按全部城市计算）"
OTHER_LABEL = re.compile(rf"other \((\d+) {_NOUN}\)")


def _by(name: str) -> str:
    return BY.get(name, name)


def translate_part(text: str) -> str | None:
    """One part of a disclosure note (between '; ') in Chinese; None if not known."""
    tail = ""
    if text.endswith(TAIL):
        text, tail = text[: -len(TAIL)], TAIL_ZH
    for pattern, zh in PARTS:
        m = re.fullmatch(pattern, text)
        if m:
            return zh(m) + tail
    return None


def translate_note(text: str) -> str | None:
    """A disclosure note or an 'other (N ...)' label in Chinese; None if not one."""
    label = OTHER_LABEL.fullmatch(text)
    if label:
        return f"其他（{label[1]} {NOUNS[label[2]]}）"
    m = PREFIX.fullmatch(text)
    if not m:
        return None
    parts = [translate_part(p) for p in m[2].split("; ")]
    if any(p is None for p in parts):
        return None
    return f"披露控制（MIN_PERSONS = {m[1]}）：" + "；".join(parts)
