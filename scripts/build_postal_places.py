#!/usr/bin/env python3
"""Build resources/gazetteer/postal_places.csv: postal-era romanisations of Chinese
counties and cities that follow no spelling rule -> today's unit.

The Chinese Post Office's romanisations (1906 onwards), and the Cantonese, Hokkien
and Wu readings printed in directories of the Republican era, are facts: each entry
below says that a name was the postal or customary romanisation of a place ("Punyu"
is 番禺, "Tzeki" is 慈溪). Regular spellings (Kiangyin for 江阴, Sinyang for 信阳) are
not listed: ``core/places/postal.py`` spells every county that way from its reading.

``city_id`` is the bundled gazetteer's unit of that Chinese name in that province
(found by exact name with or without its suffix); an entry whose unit is not found is
reported and left out.

    .venv/bin/python scripts/build_postal_places.py
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
GAZ = ROOT / "resources" / "gazetteer"
OUT = GAZ / "postal_places.csv"
SUFFIXES = ("", "县", "市", "区")

# (romanisation, Chinese name of the unit today or then, province)
# fmt: off
FACTS = [
    # Guangdong: Cantonese and Hakka readings of the postal maps
    ("Punyu", "番禺", "广东"), ("Poon Yue", "番禺", "广东"), ("Shuntak", "顺德", "广东"),
    ("Sunwui", "新会", "广东"), ("Sun Wui", "新会", "广东"), ("Sunning", "台山", "广东"),
    ("Hoiping", "开平", "广东"), ("Hoi Ping", "开平", "广东"), ("Yanping", "恩平", "广东"),
    ("Hokshan", "鹤山", "广东"), ("Heungshan", "中山", "广东"), ("Heung Shan", "中山", "广东"),
    ("Tungkun", "东莞", "广东"), ("Tung Kun", "东莞", "广东"), ("Samshui", "三水", "广东"),
    ("Sam Shui", "三水", "广东"), ("Fatshan", "佛山", "广东"), ("Fat Shan", "佛山", "广东"),
    ("Koyiu", "高要", "广东"), ("Szewui", "四会", "广东"), ("Tsingyun", "清远", "广东"),
    ("Tsungfa", "从化", "广东"), ("Tsengshing", "增城", "广东"), ("Waiyeung", "惠阳", "广东"),
    ("Waichow", "惠州", "广东"), ("Pokloh", "博罗", "广东"), ("Hoifung", "海丰", "广东"),
    ("Lukfung", "陆丰", "广东"), ("Hoyun", "河源", "广东"), ("Kaying", "梅州", "广东"),
    ("Kaying-chow", "梅州", "广东"), ("Moiyen", "梅县", "广东"), ("Hingning", "兴宁", "广东"),
    ("Tapu", "大埔", "广东"), ("Chaoan", "潮安", "广东"), ("Chaochowfu", "潮州", "广东"),
    ("Tenghai", "澄海", "广东"), ("Kityang", "揭阳", "广东"), ("Kieyang", "揭阳", "广东"),
    ("Jaoping", "饶平", "广东"), ("Yeungkong", "阳江", "广东"), ("Mowming", "茂名", "广东"),
    ("Kochow", "高州", "广东"), ("Luichow", "雷州", "广东"), ("Limkong", "廉江", "广东"),
    ("Tinpak", "电白", "广东"), ("Sunyi", "信宜", "广东"), ("Sunhing", "新兴", "广东"),
    ("Koming", "高明", "广东"), ("Lungmoon", "龙门", "广东"), ("Yingtak", "英德", "广东"),
    ("Shiukwan", "韶关", "广东"), ("Kiungchow", "琼山", "海南"), ("Kiungshan", "琼山", "海南"),
    ("Mancheong", "文昌", "海南"), ("Hoppo", "合浦", "广西"), ("Wuchow", "梧州", "广西"),
    ("Yungning", "南宁", "广西"), ("Kweiping", "桂平", "广西"),
    # Fujian: Hokkien and Foochow readings
    ("Tungan", "同安", "福建"), ("Chuanchow", "泉州", "福建"), ("Lungki", "龙海", "福建"),
    ("Haiteng", "龙海", "福建"), ("Nanan", "南安", "福建"), ("Hweian", "惠安", "福建"),
    ("Anki", "安溪", "福建"), ("Yungchun", "永春", "福建"), ("Tehwa", "德化", "福建"),
    ("Hinghwa", "莆田", "福建"), ("Putien", "莆田", "福建"), ("Sienyu", "仙游", "福建"),
    ("Futsing", "福清", "福建"), ("Changlo", "长乐", "福建"), ("Minhow", "闽侯", "福建"),
    ("Lienkiang", "连江", "福建"), ("Ningteh", "宁德", "福建"), ("Futing", "福鼎", "福建"),
    ("Kienow", "建瓯", "福建"), ("Kienning", "建瓯", "福建"), ("Kienyang", "建阳", "福建"),
    ("Yenping", "南平", "福建"), ("Shaowu", "邵武", "福建"), ("Lungyen", "龙岩", "福建"),
    ("Tingchow", "长汀", "福建"), ("Shanghang", "上杭", "福建"), ("Yungting", "永定", "福建"),
    # Zhejiang
    ("Tzeki", "慈溪", "浙江"), ("Yinhsien", "鄞州", "浙江"), ("Chinhai", "镇海", "浙江"),
    ("Fenghwa", "奉化", "浙江"), ("Tinghai", "定海", "浙江"), ("Siangshan", "象山", "浙江"),
    ("Siaoshan", "萧山", "浙江"), ("Chuki", "诸暨", "浙江"), ("Shenghsien", "嵊州", "浙江"),
    ("Sinchang", "新昌", "浙江"), ("Kashan", "嘉善", "浙江"), ("Tunghsiang", "桐乡", "浙江"),
    ("Huchow", "湖州", "浙江"), ("Wuhing", "湖州", "浙江"), ("Tehtsing", "德清", "浙江"),
    ("Changhing", "长兴", "浙江"), ("Kinhwa", "金华", "浙江"), ("Lanchi", "兰溪", "浙江"),
    ("Iwu", "义乌", "浙江"), ("Chuhsien", "衢州", "浙江"), ("Kiangshan", "江山", "浙江"),
    ("Yungkia", "永嘉", "浙江"), ("Juian", "瑞安", "浙江"), ("Yotsing", "乐清", "浙江"),
    ("Hwangyen", "黄岩", "浙江"), ("Tientai", "天台", "浙江"), ("Taichow", "台州", "浙江"),
    # Jiangsu and Shanghai
    ("Wutsin", "武进", "江苏"), ("Kiangyin", "江阴", "江苏"), ("Ihing", "宜兴", "江苏"),
    ("Yihing", "宜兴", "江苏"), ("Changshu", "常熟", "江苏"), ("Taitsang", "太仓", "江苏"),
    ("Nantung", "南通", "江苏"), ("Nantungchow", "南通", "江苏"), ("Jukao", "如皋", "江苏"),
    ("Taihing", "泰兴", "江苏"), ("Tsungming", "崇明", "上海"), ("Kiangtu", "江都", "江苏"),
    ("Kaoyu", "高邮", "江苏"), ("Paoying", "宝应", "江苏"), ("Hwaian", "淮安", "江苏"),
    ("Hwaiyin", "淮安", "江苏"), ("Tsingkiangpu", "淮安", "江苏"), ("Yencheng", "盐城", "江苏"),
    ("Tungtai", "东台", "江苏"), ("Tanyang", "丹阳", "江苏"), ("Kintan", "金坛", "江苏"),
    ("Kuyung", "句容", "江苏"), ("Kiangning", "江宁", "江苏"), ("Haichow", "连云港", "江苏"),
    ("Suchien", "宿迁", "江苏"), ("Sungkiang", "松江", "上海"), ("Kiating", "嘉定", "上海"),
    # North, centre, west
    ("Weihaiwei", "威海", "山东"), ("Weihsien", "潍坊", "山东"), ("Tsining", "济宁", "山东"),
    ("Lintsing", "临清", "山东"), ("Tsingchow", "青州", "山东"), ("Tenghsien", "滕州", "山东"),
    ("Chufu", "曲阜", "山东"), ("Tehchow", "德州", "山东"), ("Ichow", "临沂", "山东"),
    ("Tinghsien", "定州", "河北"), ("Tunghsien", "通州", "北京"), ("Suanhwa", "宣化", "河北"),
    ("Chengting", "正定", "河北"), ("Tsanghsien", "沧州", "河北"), ("Shunteh", "邢台", "河北"),
    ("Changteh", "常德", "湖南"), ("Siangtan", "湘潭", "湖南"), ("Yochow", "岳阳", "湖南"),
    ("Hengchow", "衡阳", "湖南"), ("Liuyang", "浏阳", "湖南"), ("Ichang", "宜昌", "湖北"),
    ("Shasi", "沙市", "湖北"), ("Siangyang", "襄阳", "湖北"), ("Kian", "吉安", "江西"),
    ("Kanchow", "赣州", "江西"), ("Kingtehchen", "景德镇", "江西"), ("Hofei", "合肥", "安徽"),
    ("Pengpu", "蚌埠", "安徽"), ("Ningkwo", "宣城", "安徽"), ("Shehsien", "歙县", "安徽"),
    ("Kiating", "乐山", "四川"), ("Kiatingfu", "乐山", "四川"), ("Ipin", "宜宾", "四川"),
    ("Suifu", "宜宾", "四川"), ("Luchow", "泸州", "四川"), ("Wanhsien", "万州", "重庆"),
    ("Tzekung", "自贡", "四川"), ("Neikiang", "内江", "四川"), ("Mienyang", "绵阳", "四川"),
    ("Shunking", "南充", "四川"), ("Yachow", "雅安", "四川"), ("Fowchow", "涪陵", "重庆"),
    ("Chengchow", "郑州", "河南"), ("Loyang", "洛阳", "河南"), ("Kweiteh", "商丘", "河南"),
    ("Hsuchang", "许昌", "河南"), ("Sinyang", "信阳", "河南"), ("Taiku", "太谷", "山西"),
    ("Fenchow", "汾阳", "山西"), ("Newchwang", "营口", "辽宁"), ("Yingkow", "营口", "辽宁"),
    ("Fengtien", "沈阳", "辽宁"), ("Liaoyang", "辽阳", "辽宁"),
]
# fmt: on


def main() -> int:
    cities = pd.read_csv(GAZ / "cities.csv", dtype=str, keep_default_na=False)
    cn = cities[(cities["country"] == "CN") & cities["level"].isin(["prefecture", "county"])]
    rows, missing = [], []
    for form, zh, prov in FACTS:
        inside = cn[cn["province_zh"].str.startswith(prov)]
        hit = None
        for level in ("county", "prefecture"):
            found = inside[
                inside["name_zh"].isin([zh + s for s in SUFFIXES]) & (inside["level"] == level)
            ]
            if len(found) == 1:
                hit = found.iloc[0]
                break
        if hit is None:
            missing.append((form, zh, prov))
            continue
        rows.append({"form": form, "name_zh": zh, "city_id": hit["city_id"], "source": "facts"})
    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(
            f, fieldnames=["form", "name_zh", "city_id", "source"], lineterminator="\n"
        )
        w.writeheader()
        w.writerows(rows)
    print(f"{OUT.relative_to(ROOT)}: {len(rows)} romanisations; unit not found: {missing}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
