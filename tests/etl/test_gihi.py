"""Global Innovation Hubs Index ranks from the project's harvest."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from dashboard.etl import gihi
from dashboard.etl.common import PROJECT_SOURCES, RawInputError


def _rows() -> list[dict[str, str]]:
    with (PROJECT_SOURCES / gihi.FILE).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_ranks_as_the_pages_state_them(raw):
    if not (PROJECT_SOURCES / gihi.FILE).exists():
        pytest.skip("no GIHI harvest in sources/")
    part = gihi.extract(raw)
    ranks = {(o["place_id"], o["year"], o["source_id"]): o["value"] for o in part.observations}
    for row in _rows():
        key = (gihi.place_id(row["city_en"]), int(row["edition"]), gihi.source_id(row["url"]))
        assert ranks[key] == float(row["value"])
    beijing = {o["year"]: o["value"] for o in part.observations if o["place_id"] == "CN-110000"}
    assert beijing[2022] == 3  # "Beijing 3rd ... agree in all sources" (PROVENANCE)
    names = {p["place_id"]: p["name_zh"] for p in part.places}
    assert names["GIHI-guangdong-hong-kong-macao-greater-bay-area"] == "粤港澳大湾区"


def test_malformed_rank_names_file_row_and_column(raw, tmp_path: Path):
    target = tmp_path / gihi.FILE
    target.parent.mkdir(parents=True)
    target.write_text("edition,city_en,city_zh,country,indicator,value,url,page_title,page_date,"
                      "publisher,grade,evidence\n2023,Paris,巴黎,France,rank,x9,https://e.org/a,"
                      "t,,p,weak,e\n", encoding="utf-8")
    with pytest.raises(RawInputError, match=r"gihi_ranks.csv, row 2, column 'value': 'x9'"):
        gihi.extract(raw, project=tmp_path)
