"""The report page's style sheet (fonts for Latin and Chinese text, tables, figures).

Colours come from ``core.palette``.
"""

from __future__ import annotations

from ..palette import OKABE_ITO, TEXT
from .charts import MUTED

FONT_STACK = (
    'system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", '
    '"Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", '
    '"WenQuanYi Micro Hei", Arial, sans-serif'
)

CSS = f"""
body {{ font-family: {FONT_STACK}; color: {TEXT}; margin: 0; background: #FAFAFA; }}
main {{ max-width: 1080px; margin: 0 auto; padding: 24px 32px 48px; background: #FFFFFF; }}
h1 {{ font-size: 26px; margin: 8px 0 4px; }}
h2 {{ font-size: 20px; margin: 36px 0 8px; padding-top: 12px; border-top: 2px solid #E5E5E5; }}
h3 {{ font-size: 16px; margin: 20px 0 6px; }}
p, li {{ font-size: 14px; line-height: 1.5; }}
.subtitle {{ color: {MUTED}; margin-top: 0; }}
.note {{ color: #7A4B00; background: #FFF6E0; border-left: 4px solid {OKABE_ITO["orange"]};
        padding: 6px 10px; font-size: 13px; }}
.caption {{ color: {MUTED}; font-size: 13px; }}
table {{ border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }}
th, td {{ padding: 4px 10px; border-bottom: 1px solid #E5E5E5; text-align: left;
         vertical-align: top; }}
th {{ background: #F0F0F0; font-weight: 600; border-bottom: 2px solid #BBBBBB; }}
td.num, th.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
tr.total td {{ font-weight: 600; border-top: 2px solid #BBBBBB; }}
.figures {{ display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }}
.figure {{ border: 1px solid #E0E0E0; border-radius: 4px; padding: 8px 14px; min-width: 130px; }}
.figure .value {{ font-size: 22px; font-weight: 600; }}
.figure .label {{ font-size: 12px; color: {MUTED}; }}
.cols {{ display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }}
svg {{ display: block; margin: 8px 0 16px; max-width: 100%; height: auto; }}
svg text {{ font-family: {FONT_STACK}; }}
nav a {{ margin-right: 12px; font-size: 13px; }}
table.kv th {{ border-bottom: 1px solid #E5E5E5; text-align: left; }}
code {{ font-size: 12px; background: #F3F3F3; padding: 1px 4px; border-radius: 3px; }}
"""
