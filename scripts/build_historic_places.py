#!/usr/bin/env python3
"""Build resources/gazetteer/historic_places.csv: names of earlier periods -> today's unit.

Each entry below is one place under its Republican, Qing or older name, a county since
merged or renamed, or a Chinese Postal Map / Wade-Giles / other romanisation, with a
note (the fact, with its dates). ``today`` is today's unit as a path of names from the
administrative-division table of ``cpca`` (province/prefecture[/county]); lon/lat are
given only where the place has a point of its own (a former town, a merged district),
else the place takes the point of today's unit. Traditional and simplified forms of
each Chinese name are added here, at build time (``zhconv``).

Sources: the compilers' knowledge of China's administrative history (the dates of
renamings and mergers are those published by the Ministry of Civil Affairs; postal
spellings from the Chinese Postal Map, 1906-1949). Every ``today`` path is checked
against cpca's table and the build fails on one that does not resolve.

    .venv/bin/python scripts/build_historic_places.py          # write the CSV
    .venv/bin/python scripts/build_historic_places.py --check  # only check
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "gazetteer" / "historic_places.csv"
COLUMNS = ("name", "today", "lon", "lat", "kind", "period", "note")
KINDS = ("former name", "merged county", "postal romanisation", "Wade-Giles", "other romanisation")
R: list[tuple] = []


def E(names, today, kind, period, note, lon=None, lat=None):  # noqa: N802 - a table row
    if isinstance(names, str):
        names = [names]
    R.append((names, today, kind, period, note, lon, lat))


# fmt: off
FN, MC, PR, WG, OR = "former name", "merged county", "postal romanisation", "Wade-Giles", "other romanisation"

# --- Capitals and cities under Republican / Qing / occupation names
E(["北平", "北平市"], "北京市", FN, "1928-1949", "Name of Beijing while the national capital was at Nanjing.")
E(["京师", "京師", "顺天府", "順天府"], "北京市", FN, "Ming-Qing", "Qing capital and its prefecture, today Beijing.")
E(["燕京"], "北京市", FN, "historic", "Literary and old name of Beijing (cf. Yenching University).")
E(["Peking"], "北京市", PR, "postal", "Postal Map spelling of Beijing.")
E(["Peiping", "Peip'ing"], "北京市", PR, "1928-1949", "Postal spelling of 北平, Beijing 1928-1949.")
E(["Pei-p'ing"], "北京市", WG, "1928-1949", "Wade-Giles of 北平 (Beijing 1928-1949).")
E(["Pei-ching"], "北京市", WG, "", "Wade-Giles of 北京.")
E(["Yenching"], "北京市", OR, "historic", "Romanisation of 燕京, an old name of Beijing.")
E(["崇文区", "崇文"], "北京市/东城区", MC, "1958-2010", "District merged into Dongcheng in 2010.", 116.4218, 39.8837)
E(["宣武区", "宣武"], "北京市/西城区", MC, "1952-2010", "District merged into Xicheng in 2010.", 116.3600, 39.8877)
E(["宛平", "宛平县"], "北京市/丰台区", MC, "Ming-1952", "County whose walled seat (Wanping town, at the Marco Polo Bridge) lies in Fengtai.", 116.2194, 39.8489)
E(["大兴县"], "北京市/大兴区", FN, "until 2001", "County that became Daxing District in 2001.")
E(["通县"], "北京市/通州区", FN, "1914-1997", "County renamed Tongzhou District in 1997.")

E(["天津县"], "天津市", FN, "Qing-1913", "County seat of Tianjin, merged into the city.")
E(["Tientsin"], "天津市", PR, "postal", "Postal spelling of Tianjin.")
E(["T'ien-chin"], "天津市", WG, "", "Wade-Giles of Tianjin.")
E(["塘沽", "塘沽区"], "天津市/滨海新区", MC, "1949-2009", "Port town; district merged into Binhai New Area in 2009.", 117.6462, 39.0236)
E(["Tangku"], "天津市/滨海新区", PR, "postal", "Postal spelling of 塘沽 (Tanggu).", 117.6462, 39.0236)
E(["汉沽", "汉沽区"], "天津市/滨海新区", MC, "1949-2009", "District merged into Binhai New Area in 2009.", 117.8000, 39.2500)
E(["大港区"], "天津市/滨海新区", MC, "1979-2009", "District merged into Binhai New Area in 2009.", 117.4500, 38.8400)

E(["上海县"], "上海市/闵行区", MC, "1292-1992", "County merged with Minhang into Minhang District in 1992.", 121.3800, 31.1100)
E(["南市区", "南市"], "上海市/黄浦区", MC, "1945-2000", "The old walled town; district merged into Huangpu in 2000.", 121.4950, 31.2250)
E(["卢湾区", "卢湾"], "上海市/黄浦区", MC, "1945-2011", "District merged into Huangpu in 2011.", 121.4750, 31.2150)
E(["闸北区", "闸北"], "上海市/静安区", MC, "1945-2015", "District merged into Jing'an in 2015.", 121.4600, 31.2550)
E(["南汇区", "南汇县", "南汇"], "上海市/浦东新区", MC, "1726-2009", "County (district from 2001) merged into Pudong in 2009.", 121.7580, 31.0500)
E(["川沙县", "川沙"], "上海市/浦东新区", MC, "1810-1992", "County merged into Pudong New Area in 1992.", 121.7000, 31.1900)
E(["吴淞", "吴淞镇"], "上海市/宝山区", MC, "historic", "Port town at the Huangpu mouth, in Baoshan.", 121.4990, 31.3770)
E(["Woosung"], "上海市/宝山区", PR, "postal", "Postal spelling of 吴淞 (Wusong).", 121.4990, 31.3770)
E(["江湾", "江湾镇"], "上海市/虹口区", FN, "historic", "Town north of old Shanghai, today in Hongkou/Yangpu.", 121.4850, 31.3050)
E(["徐家汇"], "上海市/徐汇区", FN, "historic", "Jesuit quarter (Zikawei) in Xuhui.", 121.4370, 31.1950)
E(["Zikawei"], "上海市/徐汇区", OR, "historic", "Shanghainese spelling of 徐家汇.", 121.4370, 31.1950)

E(["巴县"], "重庆市/巴南区", FN, "Qing-1994", "County of Chongqing's seat, renamed Banan District in 1994.")
E(["Chungking"], "重庆市", PR, "postal", "Postal spelling of Chongqing (wartime capital).")
E(["Ch'ung-ch'ing"], "重庆市", WG, "", "Wade-Giles of Chongqing.")
E(["万县", "萬縣", "万县市"], "重庆市/万州区", FN, "until 1998", "County (city 1992) renamed Wanzhou District in 1998.")
E(["Wanhsien"], "重庆市/万州区", PR, "postal", "Postal spelling of 万县.")
E(["涪陵市"], "重庆市/涪陵区", FN, "until 1998", "City that became Fuling District in 1998.")
E(["Fowchow"], "重庆市/涪陵区", PR, "postal", "Postal spelling of 涪州 (Fuling).")

# --- Nanjing
E(["江宁府"], "江苏省/南京市", FN, "Qing", "Qing prefecture seated at Nanjing.")
E(["金陵"], "江苏省/南京市", FN, "historic", "Classical name of Nanjing (cf. Jinling University).")
E(["应天府", "應天府"], "江苏省/南京市", FN, "Ming", "Ming prefecture of the capital Nanjing.")
E(["建康"], "江苏省/南京市", FN, "Six Dynasties", "Capital name of Nanjing in the Six Dynasties.")
E(["上元", "上元县"], "江苏省/南京市", MC, "until 1912", "County of eastern Nanjing, merged into Jiangning in 1912.", 118.7950, 32.0500)
E(["Nanking"], "江苏省/南京市", PR, "postal", "Postal spelling of Nanjing.")
E(["Nan-ching"], "江苏省/南京市", WG, "", "Wade-Giles of Nanjing.")
E(["Kinling"], "江苏省/南京市", OR, "historic", "Romanisation of 金陵 (cf. Ginling College).")
E(["Ginling"], "江苏省/南京市", OR, "historic", "Romanisation of 金陵 used by Ginling College.")
E(["下关区", "下关"], "江苏省/南京市/鼓楼区", MC, "1934-2013", "Riverside district merged into Gulou in 2013.", 118.7400, 32.0900)
E(["白下区", "白下"], "江苏省/南京市/秦淮区", MC, "1955-2013", "District merged into Qinhuai in 2013.", 118.8000, 32.0300)
E(["江浦县"], "江苏省/南京市/浦口区", MC, "until 2002", "County merged into Pukou District in 2002.", 118.6250, 32.0600)
E(["六合县"], "江苏省/南京市/六合区", FN, "until 2002", "County that became Luhe District.")
E(["高淳县"], "江苏省/南京市/高淳区", FN, "until 2013", "County that became Gaochun District.")
E(["溧水县"], "江苏省/南京市/溧水区", FN, "until 2013", "County that became Lishui District.")

# --- Wuhan's three towns
E(["汉口", "漢口", "汉口镇", "汉口市"], "湖北省/武汉市/江岸区", FN, "until 1949", "One of Wuhan's three towns, north of the Yangtze and the Han.", 114.2900, 30.5900)
E(["Hankow"], "湖北省/武汉市/江岸区", PR, "postal", "Postal spelling of 汉口.", 114.2900, 30.5900)
E(["Han-k'ou", "Hankou"], "湖北省/武汉市/江岸区", WG, "", "Wade-Giles / pinyin of 汉口.", 114.2900, 30.5900)
E(["汉阳县", "漢陽", "汉阳府"], "湖北省/武汉市/汉阳区", FN, "until 1949", "One of Wuhan's three towns, west of the Han.", 114.2750, 30.5500)
E(["Hanyang", "Han-yang"], "湖北省/武汉市/汉阳区", PR, "postal", "Postal / Wade-Giles spelling of 汉阳.", 114.2750, 30.5500)
E(["武昌府", "武昌县", "武昌市"], "湖北省/武汉市/武昌区", FN, "until 1949", "One of Wuhan's three towns, south of the Yangtze.", 114.3100, 30.5500)
E(["Wuchang", "Wu-ch'ang"], "湖北省/武汉市/武昌区", PR, "postal", "Postal / Wade-Giles spelling of 武昌.", 114.3100, 30.5500)
E(["Wu-han"], "湖北省/武汉市", WG, "", "Wade-Giles of Wuhan.")

# --- North-east
E(["奉天", "奉天府", "奉天市"], "辽宁省/沈阳市", FN, "1657-1929", "Name of Shenyang under the Qing and to 1929 (and 1932-1945).")
E(["盛京"], "辽宁省/沈阳市", FN, "1634-1657", "Manchu capital name of Shenyang.")
E(["Mukden"], "辽宁省/沈阳市", OR, "historic", "Manchu-derived name of Shenyang used in the West.")
E(["Fengtien", "Feng-t'ien"], "辽宁省/沈阳市", PR, "postal", "Postal / Wade-Giles of 奉天 (Shenyang).")
E(["Shen-yang"], "辽宁省/沈阳市", WG, "", "Wade-Giles of Shenyang.")
E(["新京", "新京特别市"], "吉林省/长春市", FN, "1932-1945", "Capital of Manchukuo, today Changchun.")
E(["Hsinking", "Hsin-ching"], "吉林省/长春市", OR, "1932-1945", "Romanisation of 新京 (Changchun).")
E(["Ch'ang-ch'un"], "吉林省/长春市", WG, "", "Wade-Giles of Changchun.")
E(["Kirin"], "吉林省/吉林市", PR, "postal", "Postal spelling of Jilin city.")
E(["永吉县城"], "吉林省/吉林市", FN, "1929-1948", "Jilin city was the seat of Yongji county.")
E(["滨江", "濱江", "滨江市"], "黑龙江省/哈尔滨市", FN, "1905-1932", "Binjiang, Chinese name of Harbin's town and its province.")
E(["Harbin", "Ha-erh-pin"], "黑龙江省/哈尔滨市", PR, "postal", "Postal / Wade-Giles spelling of Harbin.")
E(["动力区"], "黑龙江省/哈尔滨市/香坊区", MC, "1956-2006", "District merged into Xiangfang in 2006.", 126.6600, 45.7400)
E(["阿城市"], "黑龙江省/哈尔滨市/阿城区", FN, "1987-2006", "County-level city that became Acheng District.")
E(["龙江", "龍江", "龙江县城", "卜奎"], "黑龙江省/齐齐哈尔市", FN, "Qing-1949", "Qiqihar was Bukui town and the seat of Longjiang county.")
E(["Tsitsihar", "Ch'i-ch'i-ha-erh"], "黑龙江省/齐齐哈尔市", PR, "postal", "Postal / Wade-Giles spelling of Qiqihar.")
E(["瑷珲", "璦琿", "瑷珲县"], "黑龙江省/黑河市/爱辉区", FN, "until 1956", "County renamed Aihui; today a district of Heihe.")
E(["Aigun"], "黑龙江省/黑河市/爱辉区", OR, "historic", "Romanisation of 瑷珲 (Treaty of Aigun, 1858).")
E(["Mutankiang"], "黑龙江省/牡丹江市", PR, "postal", "Postal spelling of Mudanjiang.")
E(["Kiamusze", "Chia-mu-ssu"], "黑龙江省/佳木斯市", PR, "postal", "Postal / Wade-Giles spelling of Jiamusi.")
E(["安东", "安東", "安东市", "安东县"], "辽宁省/丹东市", FN, "1876-1965", "Name of Dandong until 1965.")
E(["Antung", "An-tung"], "辽宁省/丹东市", PR, "postal", "Postal / Wade-Giles spelling of 安东 (Dandong).")
E(["旅大", "旅大市"], "辽宁省/大连市", FN, "1950-1981", "Lüshun-Dalian, the city's name 1950-1981.")
E(["Dairen"], "辽宁省/大连市", OR, "1905-1945", "Japanese name of Dalian.")
E(["Dalny"], "辽宁省/大连市", OR, "1898-1905", "Russian name of Dalian.")
E(["Ta-lien"], "辽宁省/大连市", WG, "", "Wade-Giles of Dalian.")
E(["旅顺", "旅順", "旅顺市"], "辽宁省/大连市/旅顺口区", FN, "until 1987", "Naval port; today Lüshunkou District.", 121.2616, 38.8124)
E(["Port Arthur"], "辽宁省/大连市/旅顺口区", OR, "1860-1945", "Western name of Lüshun.", 121.2616, 38.8124)
E(["Ryojun"], "辽宁省/大连市/旅顺口区", OR, "1905-1945", "Japanese name of Lüshun.", 121.2616, 38.8124)
E(["金县"], "辽宁省/大连市/金州区", FN, "1913-1987", "County renamed Jinzhou District.")
E(["牛庄"], "辽宁省/营口市", FN, "treaty port", "Treaty port of Newchwang, in practice at Yingkou.")
E(["Newchwang"], "辽宁省/营口市", PR, "postal", "Treaty-port name, in practice Yingkou.")
E(["Yingkow"], "辽宁省/营口市", PR, "postal", "Postal spelling of Yingkou.")
E(["本溪湖"], "辽宁省/本溪市", FN, "until 1948", "Old name of Benxi.")
E(["Penhsihu", "Penki"], "辽宁省/本溪市", PR, "postal", "Postal spellings of Benxi(hu).")
E(["Fusin"], "辽宁省/阜新市", PR, "postal", "Postal spelling of Fuxin.")
E(["Chinchow"], "辽宁省/锦州市", PR, "postal", "Postal spelling of Jinzhou (Liaoning).")
E(["四平街"], "吉林省/四平市", FN, "until 1946", "Old name of Siping.")
E(["Szepingkai"], "吉林省/四平市", PR, "postal", "Postal spelling of 四平街.")
E(["局子街"], "吉林省/延边朝鲜族自治州/延吉市", FN, "Qing-1913", "Old name of Yanji.")
E(["Yenki"], "吉林省/延边朝鲜族自治州/延吉市", PR, "postal", "Postal spelling of Yanji.")
E(["浑江市"], "吉林省/白山市", FN, "1985-1994", "Renamed Baishan in 1994.")

# --- North
E(["归绥", "歸綏", "归绥市", "歸綏市"], "内蒙古自治区/呼和浩特市", FN, "1913-1954", "Name of Hohhot until 1954; capital of Suiyuan province.")
E(["Kweisui", "Kuei-sui"], "内蒙古自治区/呼和浩特市", PR, "postal", "Postal / Wade-Giles spelling of 归绥 (Hohhot).")
E(["Huhehot", "Huhehaote"], "内蒙古自治区/呼和浩特市", OR, "1954-1980s", "Older romanisations of Hohhot.")
E(["归化", "歸化", "归化城"], "内蒙古自治区/呼和浩特市/玉泉区", FN, "1581-1913", "The old Mongol town of Hohhot, today Yuquan District.", 111.6750, 40.7950)
E(["绥远", "綏遠", "绥远城", "綏遠城", "绥远省"], "内蒙古自治区/呼和浩特市/新城区", FN, "1739-1954", "Qing garrison town of Hohhot and Suiyuan province, today Xincheng District.", 111.6650, 40.8580)
E(["Suiyuan"], "内蒙古自治区/呼和浩特市/新城区", PR, "postal", "Postal spelling of 绥远.", 111.6650, 40.8580)
E(["Paotow"], "内蒙古自治区/包头市", PR, "postal", "Postal spelling of Baotou.")
E(["海拉尔", "Hailar"], "内蒙古自治区/呼伦贝尔市/海拉尔区", FN, "until 2001", "Hailar city, seat of Hulunbuir (district since 2001).")
E(["昭乌达盟"], "内蒙古自治区/赤峰市", FN, "until 1983", "League renamed Chifeng city in 1983.")
E(["哲里木盟"], "内蒙古自治区/通辽市", FN, "until 1999", "League renamed Tongliao city in 1999.")
E(["伊克昭盟"], "内蒙古自治区/鄂尔多斯市", FN, "until 2001", "League renamed Ordos city in 2001.")
E(["东胜市"], "内蒙古自治区/鄂尔多斯市/东胜区", FN, "1983-2001", "City that became Dongsheng District of Ordos.")
E(["热河", "熱河", "热河省", "熱河省"], "河北省/承德市", FN, "1914-1955", "Jehol province, whose capital was Chengde.")
E(["Jehol"], "河北省/承德市", PR, "postal", "Postal name of Chengde (and Rehe province).")
E(["承德府"], "河北省/承德市", FN, "Qing", "Qing prefecture of Chengde.")
E(["Chengteh"], "河北省/承德市", PR, "postal", "Postal spelling of Chengde.")
E(["张垣", "張垣"], "河北省/张家口市", FN, "Republican", "Literary name of Zhangjiakou, capital of Chahar.")
E(["察哈尔", "察哈爾", "察哈尔省"], "河北省/张家口市", FN, "1928-1952", "Chahar province, whose capital was Zhangjiakou.")
E(["Kalgan"], "河北省/张家口市", OR, "historic", "Mongol-derived Western name of Zhangjiakou.")
E(["石门", "石門", "石门市"], "河北省/石家庄市", FN, "1925-1947", "Name of Shijiazhuang 1925-1947.")
E(["Shihkiachwang", "Shih-chia-chuang"], "河北省/石家庄市", PR, "postal", "Postal / Wade-Giles spelling of Shijiazhuang.")
E(["保定府"], "河北省/保定市", FN, "Qing", "Qing prefecture, capital of Zhili province.")
E(["清苑县"], "河北省/保定市/清苑区", FN, "until 2015", "County seated at Baoding city, a district since 2015.")
E(["Paoting", "Pao-ting"], "河北省/保定市", PR, "postal", "Postal / Wade-Giles spelling of Baoding.")
E(["Chinwangtao"], "河北省/秦皇岛市", PR, "postal", "Postal spelling of Qinhuangdao.")
E(["Tangshan", "T'ang-shan"], "河北省/唐山市", WG, "", "Wade-Giles of Tangshan.")
E(["天津府"], "天津市", FN, "Qing", "Qing prefecture of Tianjin.")
E(["阳曲", "陽曲县城"], "山西省/太原市", FN, "Qing-1947", "Taiyuan city was the seat of Yangqu county.")
E(["T'ai-yuan", "Taiyuanfu"], "山西省/太原市", WG, "", "Wade-Giles of Taiyuan / Taiyuan-fu.")
E(["Tatung"], "山西省/大同市", PR, "postal", "Postal spelling of Datong.")

# --- East
E(["钱塘", "錢塘", "钱塘县", "錢塘縣"], "浙江省/杭州市", MC, "until 1912", "County of western Hangzhou, merged with Renhe into Hang county in 1912.", 120.1600, 30.2600)
E(["仁和", "仁和县", "仁和縣"], "浙江省/杭州市", MC, "until 1912", "County of eastern Hangzhou, merged with Qiantang in 1912.", 120.1800, 30.2800)
E(["杭县", "杭縣"], "浙江省/杭州市/余杭区", MC, "1912-1958", "County of Hangzhou, merged into Yuhang county in 1958.")
E(["杭州府", "临安府", "臨安府"], "浙江省/杭州市", FN, "Song-Qing", "Prefectures seated at Hangzhou (Lin'an: Southern Song capital).")
E(["Hangchow", "Hang-chou"], "浙江省/杭州市", PR, "postal", "Postal / Wade-Giles spelling of Hangzhou.")
E(["鄞县", "鄞縣"], "浙江省/宁波市/鄞州区", FN, "until 2002", "County renamed Yinzhou District in 2002.")
E(["Ningpo", "Ning-po"], "浙江省/宁波市", PR, "postal", "Postal / Wade-Giles spelling of Ningbo.")
E(["宁波府"], "浙江省/宁波市", FN, "Ming-Qing", "Prefecture of Ningbo.")
E(["江东区"], "浙江省/宁波市/鄞州区", MC, "1984-2016", "District of Ningbo merged into Yinzhou in 2016.", 121.5700, 29.8700)
E(["Wenchow"], "浙江省/温州市", PR, "postal", "Postal spelling of Wenzhou.")
E(["Shaohing"], "浙江省/绍兴市", PR, "postal", "Postal spelling of Shaoxing.")
E(["山阴", "山陰", "会稽", "會稽"], "浙江省/绍兴市/越城区", MC, "until 1912", "Two counties of Shaoxing city, merged in 1912.", 120.5800, 30.0000)
E(["绍兴县"], "浙江省/绍兴市/柯桥区", FN, "1912-2013", "County renamed Keqiao District in 2013.")
E(["Kashing"], "浙江省/嘉兴市", PR, "postal", "Postal spelling of Jiaxing.")
E(["Huchow"], "浙江省/湖州市", PR, "postal", "Postal spelling of Huzhou.")
E(["Kinhwa"], "浙江省/金华市", PR, "postal", "Postal spelling of Jinhua.")
E(["Chusan"], "浙江省/舟山市", PR, "postal", "Postal spelling of Zhoushan.")
E(["定海县"], "浙江省/舟山市/定海区", FN, "until 1987", "County of Zhoushan, today Dinghai District.")
E(["长洲", "長洲", "长洲县", "長洲縣"], "江苏省/苏州市/姑苏区", MC, "until 1912", "County of Suzhou city, merged into Wu county in 1912.", 120.6250, 31.3250)
E(["元和", "元和县", "元和縣"], "江苏省/苏州市/姑苏区", MC, "until 1912", "County of Suzhou city, merged into Wu county in 1912.", 120.6300, 31.3100)
E(["吴县", "吳縣", "吴县市"], "江苏省/苏州市/吴中区", MC, "1912-2000", "County (city 1995) split into Wuzhong and Xiangcheng in 2000.")
E(["平江区"], "江苏省/苏州市/姑苏区", MC, "1951-2012", "District merged into Gusu in 2012.", 120.6300, 31.3200)
E(["沧浪区"], "江苏省/苏州市/姑苏区", MC, "1951-2012", "District merged into Gusu in 2012.", 120.6100, 31.2900)
E(["金阊区"], "江苏省/苏州市/姑苏区", MC, "1951-2012", "District merged into Gusu in 2012.", 120.5900, 31.3200)
E(["吴江市"], "江苏省/苏州市/吴江区", FN, "1992-2012", "County-level city that became Wujiang District.")
E(["苏州府"], "江苏省/苏州市", FN, "Ming-Qing", "Prefecture of Suzhou.")
E(["Soochow"], "江苏省/苏州市", PR, "postal", "Postal spelling of Suzhou (cf. Soochow University).")
E(["Su-chou"], "江苏省/苏州市", WG, "", "Wade-Giles of Suzhou (Jiangsu).")
E(["崇安区"], "江苏省/无锡市/梁溪区", MC, "1956-2015", "District merged into Liangxi in 2015.", 120.3000, 31.5800)
E(["南长区"], "江苏省/无锡市/梁溪区", MC, "1956-2015", "District merged into Liangxi in 2015.", 120.3100, 31.5600)
E(["北塘区"], "江苏省/无锡市/梁溪区", MC, "1956-2015", "District merged into Liangxi in 2015.", 120.2800, 31.5900)
E(["无锡县"], "江苏省/无锡市/锡山区", FN, "until 1995", "County renamed Xishan (city, then district).")
E(["Wusih"], "江苏省/无锡市", PR, "postal", "Postal spelling of Wuxi.")
E(["武进县"], "江苏省/常州市/武进区", FN, "until 1995", "County of Changzhou, today Wujin District.")
E(["Changchow"], "江苏省/常州市", PR, "postal", "Postal spelling of Changzhou (Jiangsu).")
E(["丹徒县"], "江苏省/镇江市/丹徒区", FN, "until 2002", "County of Zhenjiang, today Dantu District.")
E(["Chinkiang"], "江苏省/镇江市", PR, "postal", "Postal spelling of Zhenjiang.")
E(["Yangchow"], "江苏省/扬州市", PR, "postal", "Postal spelling of Yangzhou.")
E(["江都县"], "江苏省/扬州市/江都区", FN, "until 1994", "County of Yangzhou, today Jiangdu District.")
E(["Nantung"], "江苏省/南通市", PR, "postal", "Postal spelling of Nantong.")
E(["铜山县"], "江苏省/徐州市/铜山区", FN, "until 2010", "County of Xuzhou, today Tongshan District.")
E(["Hsuchow", "Süchow", "Suchow"], "江苏省/徐州市", PR, "postal", "Postal spellings of Xuzhou.")
E(["淮阴市"], "江苏省/淮安市", FN, "1983-2001", "Prefecture-level city renamed Huai'an in 2001.")
E(["清江市"], "江苏省/淮安市/清江浦区", FN, "1951-1983", "City of Qingjiangpu, today Qingjiangpu District.")
E(["新海连市"], "江苏省/连云港市", FN, "1949-1961", "Name of Lianyungang 1949-1961.")
E(["新浦区"], "江苏省/连云港市/海州区", MC, "1962-2014", "District merged into Haizhou in 2014.", 119.1700, 34.6000)
E(["盐城县"], "江苏省/盐城市", FN, "until 1983", "County of Yancheng.")
E(["Yencheng"], "江苏省/盐城市", PR, "postal", "Postal spelling of Yancheng.")

E(["庐州", "廬州", "庐州府"], "安徽省/合肥市", FN, "Sui-Qing", "Prefecture seated at Hefei.")
E(["Hofei", "Ho-fei"], "安徽省/合肥市", PR, "postal", "Postal / Wade-Giles spelling of Hefei.")
E(["巢湖市", "巢湖地区"], "安徽省/合肥市/巢湖市", FN, "1999-2011", "Prefecture-level Chaohu, abolished 2011; its seat a county-level city of Hefei.")
E(["怀宁县城", "安庆府"], "安徽省/安庆市", FN, "Qing", "Anqing city, seat of Huaining county and of Anqing prefecture.")
E(["Anking"], "安徽省/安庆市", PR, "postal", "Postal spelling of Anqing.")
E(["Wuhu", "Wu-hu"], "安徽省/芜湖市", PR, "postal", "Postal spelling of Wuhu.")
E(["Pengpu"], "安徽省/蚌埠市", PR, "postal", "Postal spelling of Bengbu.")
E(["徽州", "徽州地区", "徽州府"], "安徽省/黄山市", FN, "until 1987", "Huizhou region, renamed Huangshan city in 1987.")
E(["宿县", "宿縣"], "安徽省/宿州市/埇桥区", FN, "until 1979", "County seated at Suzhou (Anhui), today Yongqiao District.")
E(["亳县", "亳縣"], "安徽省/亳州市/谯城区", FN, "until 1986", "County of Bozhou, today Qiaocheng District.")

E(["闽县", "閩縣"], "福建省/福州市/鼓楼区", MC, "until 1913", "County of Fuzhou city, merged with Houguan into Minhou in 1913.", 119.3000, 26.0800)
E(["侯官", "侯官县", "侯官縣"], "福建省/福州市/鼓楼区", MC, "until 1913", "County of Fuzhou city, merged with Min into Minhou in 1913.", 119.2900, 26.0900)
E(["Foochow", "Fuchow"], "福建省/福州市", PR, "postal", "Postal spelling of Fuzhou (Fujian).")
E(["福州府"], "福建省/福州市", FN, "Ming-Qing", "Prefecture of Fuzhou.")
E(["思明县", "思明縣", "思明市"], "福建省/厦门市/思明区", FN, "1912-1935", "Name of Xiamen city 1912-1935, today Siming District.")
E(["Amoy"], "福建省/厦门市", PR, "postal", "Hokkien-based postal name of Xiamen.")
E(["Hsia-men"], "福建省/厦门市", WG, "", "Wade-Giles of Xiamen.")
E(["鼓浪屿", "鼓浪嶼"], "福建省/厦门市/思明区", FN, "historic", "Island off Xiamen (Kulangsu), in Siming.", 118.0670, 24.4470)
E(["Kulangsu"], "福建省/厦门市/思明区", OR, "historic", "Hokkien romanisation of 鼓浪屿.", 118.0670, 24.4470)
E(["Chinchew", "Chuanchow", "Zaitun"], "福建省/泉州市", OR, "historic", "Older Western names of Quanzhou.")
E(["龙溪县", "龍溪縣"], "福建省/漳州市/芗城区", FN, "until 1960", "County seated at Zhangzhou, today Xiangcheng District.")
E(["Chiangchiu"], "福建省/漳州市", OR, "historic", "Hokkien-based romanisation of Zhangzhou.")
E(["Yenping"], "福建省/南平市", PR, "postal", "Postal spelling of Yanping (Nanping).")

E(["洪都", "豫章", "南昌府"], "江西省/南昌市", FN, "historic", "Old names of Nanchang and its prefecture.")
E(["Nan-ch'ang"], "江西省/南昌市", WG, "", "Wade-Giles of Nanchang.")
E(["Kiukiang", "Chiu-chiang"], "江西省/九江市", PR, "postal", "Postal / Wade-Giles spelling of Jiujiang.")
E(["浔阳", "潯陽"], "江西省/九江市/浔阳区", FN, "historic", "Old name of Jiujiang.")
E(["Kingtehchen", "Ching-te-chen"], "江西省/景德镇市", PR, "postal", "Postal / Wade-Giles spelling of Jingdezhen.")
E(["Kanchow"], "江西省/赣州市", PR, "postal", "Postal spelling of Ganzhou.")
E(["Kian"], "江西省/吉安市", PR, "postal", "Postal spelling of Ji'an.")

E(["历城县", "歷城縣", "济南府"], "山东省/济南市", FN, "Qing", "Jinan city, seat of Licheng county and Jinan prefecture.")
E(["Tsinan", "Chi-nan"], "山东省/济南市", PR, "postal", "Postal / Wade-Giles spelling of Jinan.")
E(["胶澳", "膠澳"], "山东省/青岛市", FN, "1898-1929", "German-leased Kiautschou Bay territory, today Qingdao.")
E(["Tsingtao", "Tsingtau", "Ch'ing-tao"], "山东省/青岛市", PR, "postal", "Postal / German / Wade-Giles spelling of Qingdao.")
E(["Kiaochow", "Kiautschou"], "山东省/青岛市/胶州市", OR, "historic", "Kiaochow / Kiautschou: Jiaozhou and its bay.")
E(["Chefoo"], "山东省/烟台市/芝罘区", PR, "postal", "Treaty-port name of Yantai (from Zhifu).")
E(["Yentai"], "山东省/烟台市", PR, "postal", "Postal spelling of Yantai.")
E(["Weihaiwei", "威海卫", "威海衛"], "山东省/威海市", FN, "1898-1930", "British-leased port, today Weihai.")
E(["潍县", "濰縣"], "山东省/潍坊市/潍城区", FN, "until 1983", "County of Weifang, today Weicheng District.")
E(["Weihsien"], "山东省/潍坊市/潍城区", PR, "postal", "Postal spelling of 潍县.")
E(["Tsining"], "山东省/济宁市", PR, "postal", "Postal spelling of Jining (Shandong).")
E(["Tehchow"], "山东省/德州市", PR, "postal", "Postal spelling of Dezhou.")
E(["Tsingkiangpu"], "江苏省/淮安市/清江浦区", PR, "postal", "Postal spelling of Qingjiangpu (Huai'an).")

# --- Centre and south
E(["郑县", "鄭縣"], "河南省/郑州市", FN, "1913-1948", "Zhengzhou was Zheng county until 1948.")
E(["Chengchow", "Cheng-chou"], "河南省/郑州市", PR, "postal", "Postal / Wade-Giles spelling of Zhengzhou.")
E(["开封府", "汴梁", "汴京", "东京开封府"], "河南省/开封市", FN, "historic", "Old names of Kaifeng (Northern Song capital).")
E(["K'ai-feng"], "河南省/开封市", WG, "", "Wade-Giles of Kaifeng.")
E(["洛阳县", "河南府"], "河南省/洛阳市", FN, "Qing", "Luoyang: Henan prefecture and Luoyang county.")
E(["Loyang", "Lo-yang"], "河南省/洛阳市", PR, "postal", "Postal / Wade-Giles spelling of Luoyang.")

E(["善化", "善化县", "善化縣"], "湖南省/长沙市", MC, "until 1912", "County of southern Changsha, merged into Changsha county in 1912.", 112.9700, 28.1800)
E(["长沙府"], "湖南省/长沙市", FN, "Ming-Qing", "Prefecture of Changsha.")
E(["Ch'ang-sha"], "湖南省/长沙市", WG, "", "Wade-Giles of Changsha.")
E(["岳州", "巴陵"], "湖南省/岳阳市", FN, "historic", "Old names of Yueyang.")
E(["Yochow"], "湖南省/岳阳市", PR, "postal", "Postal spelling of Yuezhou (Yueyang).")
E(["衡州"], "湖南省/衡阳市", FN, "historic", "Prefecture of Hengyang.")
E(["Hengchow"], "湖南省/衡阳市", PR, "postal", "Postal spelling of Hengzhou (Hengyang).")
E(["宝庆", "寶慶"], "湖南省/邵阳市", FN, "until 1949", "Name of Shaoyang until 1949.")
E(["Paoking"], "湖南省/邵阳市", PR, "postal", "Postal spelling of 宝庆 (Shaoyang).")
E(["大庸", "大庸市"], "湖南省/张家界市", FN, "1985-1994", "Renamed Zhangjiajie in 1994.")
E(["零陵地区"], "湖南省/永州市", FN, "until 1995", "Prefecture renamed Yongzhou city in 1995.")
E(["黔阳地区"], "湖南省/怀化市", FN, "until 1981", "Prefecture renamed Huaihua.")
E(["Siangtan"], "湖南省/湘潭市", PR, "postal", "Postal spelling of Xiangtan.")
E(["Changteh"], "湖南省/常德市", PR, "postal", "Postal spelling of Changde.")
E(["Chuchow"], "湖南省/株洲市", PR, "postal", "Postal spelling of Zhuzhou.")

E(["东湖县", "東湖縣"], "湖北省/宜昌市", FN, "until 1912", "Yichang city was Donghu county.")
E(["Ichang", "I-ch'ang"], "湖北省/宜昌市", PR, "postal", "Postal / Wade-Giles spelling of Yichang.")
E(["Shasi"], "湖北省/荆州市/沙市区", PR, "postal", "Postal spelling of Shashi (treaty port).")
E(["沙市市"], "湖北省/荆州市/沙市区", FN, "1949-1994", "City merged into Jingsha (Jingzhou) in 1994.")
E(["荆沙市"], "湖北省/荆州市", FN, "1994-1996", "Name of Jingzhou 1994-1996.")
E(["襄樊", "襄樊市"], "湖北省/襄阳市", FN, "1950-2010", "Name of Xiangyang 1950-2010.")
E(["Siangyang", "Siangfan", "Hsiang-fan"], "湖北省/襄阳市", PR, "postal", "Postal / Wade-Giles spellings of Xiangyang / Xiangfan.")
E(["郧阳", "鄖陽"], "湖北省/十堰市/郧阳区", FN, "historic", "Old prefecture; today Yunyang District of Shiyan.")

E(["番禺县城", "广州府", "廣州府"], "广东省/广州市", FN, "Qing", "Guangzhou city: Guangzhou prefecture (Panyu and Nanhai counties).")
E(["Canton"], "广东省/广州市", PR, "postal", "Western and postal name of Guangzhou.")
E(["Kwangchow", "Kuang-chou"], "广东省/广州市", PR, "postal", "Postal / Wade-Giles spelling of Guangzhou.")
E(["羊城"], "广东省/广州市", FN, "literary", "Literary names of Guangzhou.")
E(["东山区"], "广东省/广州市/越秀区", MC, "1950-2005", "District merged into Yuexiu in 2005.", 113.2980, 23.1250)
E(["芳村区"], "广东省/广州市/荔湾区", MC, "1950-2005", "District merged into Liwan in 2005.", 113.2300, 23.0900)
E(["黄埔"], "广东省/广州市/黄埔区", FN, "historic", "Whampoa (military academy, port) in Huangpu.")
E(["Whampoa"], "广东省/广州市/黄埔区", PR, "historic", "Cantonese-based name of Huangpu.")
E(["Shameen", "沙面"], "广东省/广州市/荔湾区", OR, "historic", "Concession island of Guangzhou.", 113.2440, 23.1080)
E(["宝安县", "寶安縣"], "广东省/深圳市/宝安区", FN, "until 1979", "County that became Shenzhen city in 1979.")
E(["香山县", "香山縣"], "广东省/中山市", FN, "until 1925", "County renamed Zhongshan after Sun Yat-sen.")
E(["Heungshan"], "广东省/中山市", OR, "historic", "Cantonese romanisation of 香山.")
E(["石岐"], "广东省/中山市", FN, "historic", "Town seat of Zhongshan.", 113.3800, 22.5200)
E(["Shekki"], "广东省/中山市", OR, "historic", "Cantonese romanisation of 石岐.", 113.3800, 22.5200)
E(["Swatow"], "广东省/汕头市", PR, "postal", "Postal (Teochew-based) name of Shantou.")
E(["Shan-t'ou"], "广东省/汕头市", WG, "", "Wade-Giles of Shantou.")
E(["潮州府"], "广东省/潮州市", FN, "Ming-Qing", "Prefecture of Chaozhou.")
E(["潮安县"], "广东省/潮州市/潮安区", FN, "until 2013", "County of Chaozhou, today Chao'an District.")
E(["Chaochow"], "广东省/潮州市", PR, "postal", "Postal spelling of Chaozhou.")
E(["Fatshan"], "广东省/佛山市", OR, "historic", "Cantonese romanisation of Foshan.")
E(["Kongmoon"], "广东省/江门市", PR, "postal", "Postal (Cantonese) spelling of Jiangmen.")
E(["广州湾", "廣州灣"], "广东省/湛江市", FN, "1898-1945", "French-leased Kouang-Tchéou-Wan, today Zhanjiang.")
E(["Fort-Bayard", "Fort Bayard"], "广东省/湛江市/霞山区", OR, "1898-1945", "French town of Kouang-Tchéou-Wan, today Xiashan.", 110.4040, 21.1920)
E(["海康县"], "广东省/湛江市/雷州市", FN, "until 1994", "County renamed Leizhou.")
E(["曲江", "韶州"], "广东省/韶关市", FN, "historic", "Shaoguan: Shaozhou prefecture, seat of Qujiang county.")
E(["Shiuchow", "Kukong"], "广东省/韶关市", PR, "postal", "Postal spellings of Shaozhou / Qujiang (Shaoguan).")
E(["高要县城", "肇庆府"], "广东省/肇庆市", FN, "Qing", "Zhaoqing: its prefecture and Gaoyao county seat.")
E(["Shiuhing"], "广东省/肇庆市", PR, "postal", "Postal spelling of Zhaoqing.")
E(["惠阳县"], "广东省/惠州市/惠阳区", FN, "until 2003", "County of Huizhou, today Huiyang District.")
E(["Waichow"], "广东省/惠州市", PR, "postal", "Postal spelling of Huizhou (Guangdong).")
E(["梅县"], "广东省/梅州市/梅县区", FN, "until 2013", "County of Meizhou, today Meixian District.")
E(["嘉应州", "嘉應州"], "广东省/梅州市", FN, "Qing", "Qing department of Meizhou.")
E(["Kaying"], "广东省/梅州市", PR, "postal", "Postal spelling of 嘉应 (Meizhou).")

E(["琼山县", "琼山市"], "海南省/海口市/琼山区", FN, "until 2002", "County (city 1994) merged into Haikou in 2002.")
E(["琼州", "瓊州", "琼州府"], "海南省/海口市/琼山区", FN, "Qing", "Qiongzhou prefecture of Hainan, seated at Qiongshan.", 110.3540, 20.0060)
E(["Kiungchow"], "海南省/海口市/琼山区", PR, "postal", "Postal spelling of Qiongzhou.", 110.3540, 20.0060)
E(["Hoihow"], "海南省/海口市", PR, "postal", "Postal (Hainanese) spelling of Haikou.")
E(["通什市"], "海南省/五指山市", FN, "1986-2001", "City renamed Wuzhishan in 2001.")
E(["崖县", "崖縣"], "海南省/三亚市", FN, "until 1984", "County that became Sanya city.")

E(["邕宁", "邕寧"], "广西壮族自治区/南宁市", FN, "1913-1945", "Nanning city was called Yongning 1913-1945.")
E(["Nan-ning"], "广西壮族自治区/南宁市", WG, "", "Wade-Giles of Nanning.")
E(["临桂县城", "桂林府"], "广西壮族自治区/桂林市", FN, "Qing", "Guilin: Guilin prefecture, seat of Lingui county.")
E(["Kweilin", "Kuei-lin"], "广西壮族自治区/桂林市", PR, "postal", "Postal / Wade-Giles spelling of Guilin.")
E(["Wuchow"], "广西壮族自治区/梧州市", PR, "postal", "Postal spelling of Wuzhou.")
E(["Pakhoi"], "广西壮族自治区/北海市", PR, "postal", "Postal (Cantonese) spelling of Beihai.")
E(["Liuchow"], "广西壮族自治区/柳州市", PR, "postal", "Postal spelling of Liuzhou.")
E(["马平县", "馬平縣"], "广西壮族自治区/柳州市", FN, "until 1913", "Liuzhou city was the seat of Maping county.")

# --- South-west
E(["华阳", "華陽", "华阳县"], "四川省/成都市", MC, "until 1965", "County of southern Chengdu, merged in 1965.", 104.0700, 30.6400)
E(["成都府"], "四川省/成都市", FN, "Ming-Qing", "Prefecture of Chengdu.")
E(["Chengtu", "Ch'eng-tu"], "四川省/成都市", PR, "postal", "Postal / Wade-Giles spelling of Chengdu.")
E(["嘉定府"], "四川省/乐山市", FN, "Qing", "Prefecture seated at Leshan (not Jiading, Shanghai).")
E(["Kiating"], "四川省/乐山市", PR, "postal", "Postal spelling of Jiading (Leshan).")
E(["叙州", "敘州", "叙州府"], "四川省/宜宾市", FN, "Qing", "Prefecture seated at Yibin.")
E(["Suifu"], "四川省/宜宾市", PR, "postal", "Postal spelling of 叙府 (Yibin).")
E(["Luchow"], "四川省/泸州市", PR, "postal", "Postal spelling of Luzhou.")
E(["Tzekung", "Tzeliutsing"], "四川省/自贡市", PR, "postal", "Postal spellings of Zigong / Ziliujing.")
E(["Neikiang"], "四川省/内江市", PR, "postal", "Postal spelling of Neijiang.")
E(["Yachow"], "四川省/雅安市", PR, "postal", "Postal spelling of Ya'an (Yazhou).")
E(["绵州", "綿州"], "四川省/绵阳市", FN, "Qing", "Mianzhou department, today Mianyang.")
E(["Mienyang", "Mien-yang"], "四川省/绵阳市", PR, "postal", "Postal / Wade-Giles spelling of Mianyang.")
E(["顺庆府", "順慶府"], "四川省/南充市", FN, "Qing", "Prefecture seated at Nanchong.")
E(["Nanchung"], "四川省/南充市", PR, "postal", "Postal spelling of Nanchong.")
E(["达县", "達縣", "达县市"], "四川省/达州市/通川区", FN, "until 1999", "Dazhou city was Da county / Daxian city.")
E(["渡口", "渡口市"], "四川省/攀枝花市", FN, "1965-1987", "Name of Panzhihua 1965-1987.")
E(["打箭炉", "打箭爐", "打箭炉厅"], "四川省/甘孜藏族自治州/康定市", FN, "Qing", "Old name of Kangding, capital of Xikang.")
E(["Tatsienlu", "Tachienlu"], "四川省/甘孜藏族自治州/康定市", PR, "postal", "Postal spellings of 打箭炉 (Kangding).")
E(["西康", "西康省"], "四川省/甘孜藏族自治州/康定市", FN, "1939-1955", "Xikang province, whose capital was Kangding.")
E(["贵筑", "貴筑", "贵筑县"], "贵州省/贵阳市", FN, "1914-1941", "Guiyang city was the seat of Guizhu county.")
E(["Kweiyang", "Kuei-yang"], "贵州省/贵阳市", PR, "postal", "Postal / Wade-Giles spelling of Guiyang.")
E(["Tsunyi"], "贵州省/遵义市", PR, "postal", "Postal spelling of Zunyi.")
E(["云南府", "雲南府"], "云南省/昆明市", FN, "Yuan-Qing", "Prefecture seated at Kunming.")
E(["Yunnanfu", "Yunnan-fu"], "云南省/昆明市", PR, "postal", "Postal name of Kunming (cf. the Yunnan railway).")
E(["昆明县"], "云南省/昆明市", FN, "until 1928", "County of Kunming city.")
E(["K'un-ming"], "云南省/昆明市", WG, "", "Wade-Giles of Kunming.")
E(["东川市"], "云南省/昆明市/东川区", FN, "1958-1998", "Prefecture-level city that became Dongchuan District.")
E(["思茅", "思茅市"], "云南省/普洱市", FN, "until 2007", "Simao, renamed Pu'er in 2007.")
E(["Szemao"], "云南省/普洱市", PR, "postal", "Postal spelling of Simao (Pu'er).")
E(["Tali", "Tali-fu"], "云南省/大理白族自治州/大理市", PR, "postal", "Postal spelling of Dali.")
E(["Mengtsz"], "云南省/红河哈尼族彝族自治州/蒙自市", PR, "postal", "Postal spelling of Mengzi (customs port).")
E(["腾越", "騰越"], "云南省/保山市/腾冲市", FN, "Qing", "Old name of Tengchong.")
E(["Tengyueh"], "云南省/保山市/腾冲市", PR, "postal", "Postal spelling of 腾越 (Tengchong).")
E(["Lhasa", "La-sa"], "西藏自治区/拉萨市", PR, "postal", "Postal / Wade-Giles spelling of Lhasa.")
E(["逻些", "邏些"], "西藏自治区/拉萨市", FN, "Tang", "Tang-period name of Lhasa.")
E(["Shigatse"], "西藏自治区/日喀则市", OR, "historic", "Tibetan-based name of Xigazê.")
E(["Gyantse"], "西藏自治区/日喀则市/江孜县", OR, "historic", "Tibetan-based name of Gyangzê.")
E(["Chamdo"], "西藏自治区/昌都市", OR, "historic", "Tibetan-based name of Qamdo.")

# --- North-west
E(["迪化", "迪化市", "迪化县"], "新疆维吾尔自治区/乌鲁木齐市", FN, "1884-1954", "Name of Ürümqi until 1954.")
E(["Tihwa", "Ti-hua"], "新疆维吾尔自治区/乌鲁木齐市", PR, "postal", "Postal / Wade-Giles spelling of 迪化 (Ürümqi).")
E(["Urumchi", "Urumtsi", "Wu-lu-mu-ch'i"], "新疆维吾尔自治区/乌鲁木齐市", OR, "historic", "Older romanisations of Ürümqi.")
E(["宁远城", "寧遠城"], "新疆维吾尔自治区/伊犁哈萨克自治州/伊宁市", FN, "Qing", "Qing name of Yining (Kulja).")
E(["Kuldja", "Kulja"], "新疆维吾尔自治区/伊犁哈萨克自治州/伊宁市", OR, "historic", "Turkic name of Yining.")
E(["Kashgar", "疏勒城"], "新疆维吾尔自治区/喀什地区/喀什市", OR, "historic", "Western name of Kashi.")
E(["和阗", "和闐"], "新疆维吾尔自治区/和田地区/和田市", FN, "until 1959", "Old writing of Hotan.")
E(["Khotan"], "新疆维吾尔自治区/和田地区/和田市", OR, "historic", "Western name of Hotan.")
E(["Yarkand"], "新疆维吾尔自治区/喀什地区/莎车县", OR, "historic", "Western name of Shache.")
E(["Turfan"], "新疆维吾尔自治区/吐鲁番市", OR, "historic", "Western name of Turpan.")
E(["Kumul"], "新疆维吾尔自治区/哈密市", OR, "historic", "Uyghur name of Hami.")
E(["Chuguchak"], "新疆维吾尔自治区/塔城地区/塔城市", OR, "historic", "Western name of Tacheng.")
E(["宁夏府", "宁夏省城", "宁夏城"], "宁夏回族自治区/银川市", FN, "until 1945", "Yinchuan was the town of Ningxia until 1945.")
E(["Ningsia", "Ning-hsia"], "宁夏回族自治区/银川市", PR, "postal", "Postal / Wade-Giles spelling of 宁夏 (Yinchuan).")
E(["Sining", "Hsi-ning"], "青海省/西宁市", PR, "postal", "Postal / Wade-Giles spelling of Xining.")
E(["皋兰县城", "兰州府", "蘭州府"], "甘肃省/兰州市", FN, "Qing", "Lanzhou: its prefecture and the seat of Gaolan county.")
E(["Lanchow", "Lan-chou"], "甘肃省/兰州市", PR, "postal", "Postal / Wade-Giles spelling of Lanzhou.")
E(["秦州"], "甘肃省/天水市/秦州区", FN, "historic", "Old name of Tianshui.")
E(["Tienshui"], "甘肃省/天水市", PR, "postal", "Postal spelling of Tianshui.")
E(["肃州", "肅州"], "甘肃省/酒泉市/肃州区", FN, "historic", "Old name of Jiuquan.")
E(["西京"], "陕西省/西安市", FN, "1932-1945", "Planned secondary capital name of Xi'an.")
E(["长安城", "長安城", "京兆", "西安府"], "陕西省/西安市", FN, "historic", "Old names of Xi'an (Chang'an, Jingzhao, Xi'an prefecture).")
E(["Sian", "Singanfu", "Hsi-an"], "陕西省/西安市", PR, "postal", "Postal / Wade-Giles spellings of Xi'an.")
E(["长安县", "長安縣"], "陕西省/西安市/长安区", FN, "until 2002", "County that became Chang'an District.")
E(["肤施", "膚施", "肤施县"], "陕西省/延安市/宝塔区", FN, "until 1936", "County seated at Yan'an.")
E(["Yenan", "Yen-an"], "陕西省/延安市", PR, "postal", "Postal / Wade-Giles spelling of Yan'an.")
E(["Paoki"], "陕西省/宝鸡市", PR, "postal", "Postal spelling of Baoji.")
E(["南郑县", "汉中府"], "陕西省/汉中市", FN, "Qing-Republic", "Hanzhong: its prefecture and Nanzheng county seat.")
E(["Hanchung"], "陕西省/汉中市", PR, "postal", "Postal spelling of Hanzhong.")
E(["咸阳县"], "陕西省/咸阳市", FN, "until 1952", "County of Xianyang.")
E(["Hsien-yang"], "陕西省/咸阳市", WG, "", "Wade-Giles of Xianyang.")
# --- Counties of the Qing and Republic since merged, renamed or raised to cities
E(["阳湖", "陽湖", "阳湖县"], "江苏省/常州市", MC, "1724-1912", "County split from Wujin, seated in Changzhou city; merged back in 1912.", 119.9700, 31.7800)
E(["金匮", "金匱", "金匮县"], "江苏省/无锡市", MC, "1724-1912", "County split from Wuxi, seated in Wuxi city; merged back in 1912.", 120.3000, 31.5700)
E(["秀水", "秀水县"], "浙江省/嘉兴市", MC, "1430-1912", "County of western Jiaxing city, merged with Jiaxing county in 1912.", 120.7500, 30.7600)
E(["归安", "歸安", "归安县"], "浙江省/湖州市/吴兴区", MC, "980-1912", "County of Huzhou city, merged with Wucheng into Wuxing in 1912.", 120.0950, 30.8700)
E(["乌程", "烏程", "乌程县"], "浙江省/湖州市/吴兴区", MC, "until 1912", "County of Huzhou city, merged with Gui'an into Wuxing in 1912.", 120.0850, 30.8650)
E(["娄县", "婁縣"], "上海市/松江区", MC, "1656-1912", "County of Songjiang city, merged into Huating (Songjiang) in 1912.", 121.2300, 31.0300)
E(["黄县", "黃縣"], "山东省/烟台市/龙口市", FN, "until 1986", "County renamed Longkou city in 1986.")
E(["掖县", "掖縣"], "山东省/烟台市/莱州市", FN, "until 1988", "County renamed Laizhou city in 1988.")
E(["益都", "益都县"], "山东省/潍坊市/青州市", FN, "until 1986", "County renamed Qingzhou city in 1986.")
E(["邹县", "鄒縣"], "山东省/济宁市/邹城市", FN, "until 1992", "County that became Zoucheng city in 1992.")
E(["滕县", "滕縣"], "山东省/枣庄市/滕州市", FN, "until 1988", "County that became Tengzhou city in 1988.")
E(["胶县", "膠縣"], "山东省/青岛市/胶州市", FN, "until 1987", "County that became Jiaozhou city in 1987.")
E(["嘉应"], "广东省/梅州市", FN, "Qing", "Jiaying department, today Meizhou (a common native place, 籍贯).")
E(["香山"], "广东省/中山市", FN, "until 1925", "Xiangshan county, renamed Zhongshan in 1925 (Sun Yat-sen's native place).")
E(["花县", "花縣"], "广东省/广州市/花都区", FN, "1687-1993", "County that became Huadu (city 1993, district 2000).")
E(["海澄", "海澄县"], "福建省/漳州市/龙海市", MC, "1567-1960", "County merged with Longxi into Longhai in 1960.", 117.8000, 24.4200)
E(["崇安县", "崇安縣"], "福建省/南平市/武夷山市", FN, "until 1989", "County renamed Wuyishan city in 1989.")
E(["衢县", "衢縣"], "浙江省/衢州市/衢江区", FN, "until 2001", "County that became Qujiang District in 2001.")
E(["遂安", "遂安县"], "浙江省/杭州市/淳安县", MC, "until 1958", "County merged into Chun'an in 1958; its seat lies under Qiandao Lake.", 118.9700, 29.6000)
E(["江北县"], "重庆市/渝北区", FN, "until 1994", "County of Chongqing renamed Yubei District in 1994.")
E(["灌县", "灌縣"], "四川省/成都市/都江堰市", FN, "until 1988", "County renamed Dujiangyan city in 1988.")
E(["新繁", "新繁县"], "四川省/成都市/新都区", MC, "until 1965", "County merged into Xindu in 1965.", 104.0300, 30.8500)
E(["获鹿", "獲鹿", "获鹿县"], "河北省/石家庄市/鹿泉区", FN, "until 1994", "County renamed Luquan (city 1994, district 2014).")
E(["深县", "深縣"], "河北省/衡水市/深州市", FN, "until 1994", "County that became Shenzhou city in 1994.")
E(["禹县", "禹縣"], "河南省/许昌市/禹州市", FN, "until 1988", "County that became Yuzhou city in 1988.")
E(["巩县", "鞏縣"], "河南省/郑州市/巩义市", FN, "until 1991", "County that became Gongyi city in 1991.")
E(["汲县", "汲縣"], "河南省/新乡市/卫辉市", FN, "until 1988", "County renamed Weihui city in 1988.")
E(["商丘县"], "河南省/商丘市/睢阳区", FN, "until 1997", "County of Shangqiu, today Suiyang District.")
E(["滁县", "滁縣"], "安徽省/滁州市/琅琊区", FN, "until 1982", "County seated at Chuzhou, today Langya District.")
E(["宣城县"], "安徽省/宣城市/宣州区", FN, "until 1987", "County that became Xuanzhou (city 1987, district 2000).")
E(["波阳", "波陽", "波阳县"], "江西省/上饶市/鄱阳县", FN, "1957-2003", "Name of Poyang county 1957-2003.")
E(["清江县"], "江西省/宜春市/樟树市", FN, "until 1988", "County renamed Zhangshu city in 1988 (not Qingjiang, Huai'an).")
E(["均县", "均縣"], "湖北省/十堰市/丹江口市", FN, "until 1983", "County that became Danjiangkou city in 1983.")
E(["光化", "光化县"], "湖北省/襄阳市/老河口市", FN, "until 1979", "County that became Laohekou city in 1979.")
E(["复县", "復縣"], "辽宁省/大连市/瓦房店市", FN, "until 1985", "County renamed Wafangdian city in 1985.")
E(["新金县"], "辽宁省/大连市/普兰店区", FN, "until 1991", "County renamed Pulandian (city 1991, district 2015).")
E(["盖县", "蓋縣"], "辽宁省/营口市/盖州市", FN, "until 1992", "County that became Gaizhou city in 1992.")
# fmt: on


def _adcode_units() -> list[tuple[str, str]]:
    import cpca

    path = Path(cpca.__file__).parent / "resources" / "adcodes.csv"
    with path.open(encoding="utf-8") as f:
        return [(r["adcode"][:6], r["name"]) for r in csv.DictReader(f)]


def resolve_path(path: str, units: list[tuple[str, str]]) -> str:
    """The 6-digit adcode of a province/prefecture[/county] path of names."""

    def find(name: str, prefix: str, level: str) -> list[str]:
        def at(code: str) -> bool:
            if level == "province":
                return code[2:] == "0000"
            if level == "prefecture":
                return code[2:4] != "00" and code[4:] == "00"
            return code[4:] != "00"

        return [c for c, n in units if n == name and c.startswith(prefix) and at(c)]

    parts = path.split("/")
    found = find(parts[0], "", "province")
    for depth, part in enumerate(parts[1:], start=1):
        if len(found) != 1:
            break
        prefix = found[0][: 2 * depth]
        found = find(part, prefix, "prefecture" if depth == 1 else "county") or (
            find(part, prefix, "county") if depth == 1 else []
        )
    if len(found) != 1:
        raise ValueError(f"{path!r} does not name one unit of cpca's table ({found})")
    return found[0]


def rows() -> list[dict]:
    import zhconv

    def has_cjk(s: str) -> bool:
        return any("\u4e00" <= c <= "\u9fff" for c in s)

    out, seen = [], set()
    for names, today, kind, period, note, lon, lat in R:
        if kind not in KINDS or not note:
            raise ValueError(f"{names[0]}: kind {kind!r} or note missing")
        spelled = []
        for n in names:
            spelled.append(n)
            if has_cjk(n):
                spelled += [zhconv.convert(n, "zh-hant"), zhconv.convert(n, "zh-hans")]
        for n in dict.fromkeys(spelled):
            if (n, today) in seen:
                continue
            seen.add((n, today))
            out.append(
                {
                    "name": n,
                    "today": today,
                    "lon": "" if lon is None else f"{lon:.4f}",
                    "lat": "" if lat is None else f"{lat:.4f}",
                    "kind": kind,
                    "period": period,
                    "note": note,
                }
            )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="check the paths, write nothing")
    args = parser.parse_args()
    units = _adcode_units()
    bad = []
    for _names, today, *_ in R:
        try:
            resolve_path(today, units)
        except ValueError as exc:
            bad.append(str(exc))
    if bad:
        print("\n".join(bad), file=sys.stderr)
        return 1
    table = rows()
    if not args.check:
        with OUT.open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
            w.writeheader()
            w.writerows(table)
    print(f"{len(R)} entries, {len(table)} spellings -> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
