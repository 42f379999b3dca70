"""The review of unresolved places gives each value's reason in the user's language."""

from __future__ import annotations

import pandas as pd

from tests.qgis.test_i18n import zh  # noqa: F401 - the zh_CN translator fixture


def test_review_reasons_in_chinese(zh, qgis_iface):  # noqa: F811
    from backflow_plugin.gui.review import REASON, ReviewDialog

    table = pd.DataFrame(
        {
            "value": [
                "美国明尼苏达州罗切斯特",
                "Cambridge",
                "Upton, NY",
                "Now York",
                "Springfield",
            ],
            "rows": [2, 1, 1, 1, 1],
            "reason": [
                "unknown city",
                "place is in another country",
                "not in the given state or province",
                "fuzzy match (distance 1)",
                "not in the given country",
            ],
            "suggestions": ["", "", "", "New York City (US)", ""],
        }
    )
    dialog = ReviewDialog(table)
    try:
        reasons = [dialog.table.item(r, REASON).text() for r in range(len(table))]
        assert reasons == [
            "未知城市",
            "该地点在另一国家",
            "不在所给州或省内",
            "模糊匹配（编辑距离 1）",
            "不在所给国家内",
        ]
    finally:
        dialog.deleteLater()
