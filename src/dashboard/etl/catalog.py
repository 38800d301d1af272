"""The indicator catalogue and China's provincial units.

Every indicator the sources feed is defined once, in ``indicators.csv`` beside this module,
checked against the data contract when the build starts (a malformed row names file, row and
column). Source modules refer to indicators by id only; the build writes the catalogue to
``data/indicators.csv``.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

from dashboard.data.contract import INDICATORS as INDICATORS_TABLE
from dashboard.data.validate import DataValidationError, coerce_table

CATALOGUE = Path(__file__).with_name("indicators.csv")


@functools.cache
def indicators(path: Path = CATALOGUE) -> pd.DataFrame:
    """The catalogue as typed rows, validated against the contract."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    frame, problems = coerce_table(INDICATORS_TABLE, raw, str(path))
    if problems:
        raise DataValidationError(problems)
    return frame


def units() -> dict[str, str]:
    """Indicator id → the unit its values are stored in."""
    catalogue = indicators()
    return dict(zip(catalogue["indicator_id"], catalogue["unit"], strict=True))


# English names are the conventional ones; adcodes and Chinese names match the DataV layer.
PROVINCES: list[tuple[str, str, str, str]] = [
    # adcode, name_zh (short), name_en, kind
    ("110000", "北京", "Beijing", "municipality"),
    ("120000", "天津", "Tianjin", "municipality"),
    ("130000", "河北", "Hebei", "province"),
    ("140000", "山西", "Shanxi", "province"),
    ("150000", "内蒙古", "Inner Mongolia", "province"),
    ("210000", "辽宁", "Liaoning", "province"),
    ("220000", "吉林", "Jilin", "province"),
    ("230000", "黑龙江", "Heilongjiang", "province"),
    ("310000", "上海", "Shanghai", "municipality"),
    ("320000", "江苏", "Jiangsu", "province"),
    ("330000", "浙江", "Zhejiang", "province"),
    ("340000", "安徽", "Anhui", "province"),
    ("350000", "福建", "Fujian", "province"),
    ("360000", "江西", "Jiangxi", "province"),
    ("370000", "山东", "Shandong", "province"),
    ("410000", "河南", "Henan", "province"),
    ("420000", "湖北", "Hubei", "province"),
    ("430000", "湖南", "Hunan", "province"),
    ("440000", "广东", "Guangdong", "province"),
    ("450000", "广西", "Guangxi", "province"),
    ("460000", "海南", "Hainan", "province"),
    ("500000", "重庆", "Chongqing", "municipality"),
    ("510000", "四川", "Sichuan", "province"),
    ("520000", "贵州", "Guizhou", "province"),
    ("530000", "云南", "Yunnan", "province"),
    ("540000", "西藏", "Tibet", "province"),
    ("610000", "陕西", "Shaanxi", "province"),
    ("620000", "甘肃", "Gansu", "province"),
    ("630000", "青海", "Qinghai", "province"),
    ("640000", "宁夏", "Ningxia", "province"),
    ("650000", "新疆", "Xinjiang", "province"),
    ("710000", "台湾", "Taiwan", "province"),
    ("810000", "香港", "Hong Kong", "province"),
    ("820000", "澳门", "Macao", "province"),
]
