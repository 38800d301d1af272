"""English names of Chinese places follow their conventional English forms."""

from __future__ import annotations

import pytest

from dashboard.data.load import load_dataset
from dashboard.etl.common import english_name


@pytest.mark.parametrize(("zh", "en"), [
    ("昌吉回族自治州", "Changji Hui Autonomous Prefecture"),
    ("恩施土家族苗族自治州", "Enshi Tujia and Miao Autonomous Prefecture"),
    ("延边朝鲜族自治州", "Yanbian Korean Autonomous Prefecture"),
    ("保亭黎族苗族自治县", "Baoting Li and Miao Autonomous County"),
    ("兴安盟", "Hinggan League"),
    ("喀什地区", "Kashgar Prefecture"),
    ("西安市", "Xi'an"),
    ("马鞍山市", "Ma'anshan"),
    ("广州市", "Guangzhou"),
])
def test_conventional_english_names(zh, en):
    assert english_name(zh) == en


def test_no_run_together_pinyin_and_every_chinese_place_has_a_chinese_name():
    places = load_dataset().places
    chinese = places[places["place_id"].str.startswith("CN-")]
    assert not chinese["name_en"].str.contains("zizhi|diqu|tebiexingzheng", case=False).any()
    assert chinese["name_zh"].notna().all()
