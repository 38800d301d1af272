"""Query, chart and takeaway functions on small frames with known answers."""

import pandas as pd
import pytest

from dashboard import charts, query, takeaways
from dashboard.data.load import load_dataset


def fact(place, year, value, indicator="rd_expenditure", unit="CNY 100m", preferred=True,
         grade="official", source="s1"):
    names = {"BJ": ("Beijing", "北京"), "GZ": ("Guangzhou", "广州"), "SZ": ("Shenzhen", "深圳")}
    en, zh = names[place]
    return {"place_id": place, "place_en": en, "place_zh": zh, "kind": "city", "is_city": True,
            "indicator_id": indicator, "indicator_en": indicator, "indicator_zh": indicator,
            "topic": "research", "unit": unit, "unit_zh": unit, "year": year, "value": value,
            "preferred": preferred, "grade": grade, "source_id": source,
            "source_title": f"Source {source}", "source_publisher": "P",
            "source_url": "http://example.org", "evidence": None, "note": None,
            "qualifier": None, "derived_from": None, "verified": None, "as_of": None,
            "check": None}


@pytest.fixture
def rows():
    return pd.DataFrame([
        fact("BJ", 2018, 100.0), fact("BJ", 2019, 110.0), fact("BJ", 2021, 150.0),
        fact("GZ", 2018, 50.0), fact("GZ", 2021, 75.0),
        fact("GZ", 2021, 80.0, preferred=False, grade="weak", source="s2"),
        fact("SZ", 2019, 40.0, preferred=True, grade="weak", source="s3"),
        fact("BJ", 2018, 2e7, indicator="population", unit="persons"),
        fact("GZ", 2021, 1.5e7, indicator="population", unit="persons"),
    ])


def test_select_keeps_preferred_rows(rows):
    out = query.select(rows, indicators=["rd_expenditure"])
    assert len(out) == 6
    assert out[(out.place_id == "GZ") & (out.year == 2021)]["value"].tolist() == [75.0]


def test_indicators_by_place_lists_each_places_indicators_once(rows):
    found = query.indicators_by_place(rows)
    assert found == {"BJ": frozenset({"rd_expenditure", "population"}),
                     "GZ": frozenset({"rd_expenditure", "population"}),
                     "SZ": frozenset({"rd_expenditure"})}
    assert list(found) == ["BJ", "GZ", "SZ"]


def test_hiding_weak_drops_weak_only_figures(rows):
    out = query.select(rows, indicators=["rd_expenditure"], include_weak=False)
    assert "SZ" not in set(out["place_id"])
    assert (out["grade"] != "weak").all()


def test_per_capita_only_where_population_is_published(rows):
    out = query.per_capita(query.select(rows, indicators=["rd_expenditure"]), rows)
    assert sorted(zip(out.place_id, out.year, strict=True)) == [("BJ", 2018), ("GZ", 2021)]
    assert out[out.place_id == "BJ"]["value"].iloc[0] == pytest.approx(100 / 2e7 * 1e6)
    assert out["unit"].iloc[0] == "CNY 100m per million people"


def test_index_to_base_year(rows):
    base = query.select(rows, indicators=["rd_expenditure"])
    out, missing = query.index_to_base(base, 2018)
    assert missing == ["SZ"]
    bj = out[out.place_id == "BJ"].set_index("year")["value"]
    assert bj.to_dict() == pytest.approx({2018: 100.0, 2019: 110.0, 2021: 150.0})


def test_rank_table_with_change(rows):
    base = query.select(rows, indicators=["rd_expenditure"])
    table = query.rank_table(base, 2019, higher_is_better=True, previous_year=2018)
    assert table[["place_id", "rank"]].values.tolist() == [["BJ", 1], ["SZ", 2]]
    assert pd.isna(table.set_index("place_id").loc["SZ", "rank_change"])


def test_download_table_has_names_units_and_sources(rows):
    out = query.download_table(query.select(rows, places=["GZ"]), "en")
    assert list(out.columns[:8]) == ["place_id", "place", "indicator_id", "indicator", "year",
                                     "qualifier", "value", "unit"]
    assert out["source_url"].notna().all()
    zh = query.download_table(query.select(rows, places=["GZ"]), "zh")
    assert "地区" in zh.columns and "来源链接" in zh.columns


def test_line_chart_breaks_at_missing_years(rows):
    fig = charts.line_chart(query.select(rows, indicators=["rd_expenditure"]), "t")
    beijing = next(tr for tr in fig.data if tr.name == "Beijing")
    assert list(beijing.x) == [2018, 2019, 2020, 2021]
    assert pd.isna(beijing.y[2])
    assert beijing.connectgaps is False
    assert fig.layout.yaxis.title.text == "CNY 100m"
    assert "Source s1" in fig.layout.annotations[0].text


def test_bar_chart_lists_missing_places_as_no_data(rows):
    one = query.select(rows, indicators=["rd_expenditure"], year=2021)
    fig = charts.bar_chart(one, "t", missing=["Shenzhen"])
    assert list(fig.data[0].y) == ["Guangzhou", "Beijing"]
    assert list(fig.data[1].text) == ["No data"]


def test_empty_selection_draws_a_no_data_figure():
    fig = charts.line_chart(pd.DataFrame(columns=list(fact("BJ", 1, 1))), "t")
    assert fig.layout.annotations[0].text == "No published figure for this selection."


def test_takeaways_state_extremes_and_change(rows):
    base = query.select(rows, indicators=["rd_expenditure"], places=["BJ", "GZ"])
    text = takeaways.describe(base, "en")
    assert text.startswith("In 2021, Beijing was highest of the 2 places with a figure "
                           "(150 CNY 100m) and Guangzhou lowest (75 CNY 100m).")
    assert "Beijing rose 50% from 2018 to 2021" in text
    zh = takeaways.describe(base, "zh")
    assert "2021年有数据的2个地区中,北京最高(150 CNY 100m)" in zh


def test_takeaway_for_ranks_says_best():
    ranks = pd.DataFrame([fact("BJ", 2024, 3, unit="rank"), fact("GZ", 2024, 2, unit="rank")])
    assert "Guangzhou was best" in takeaways.latest_comparison(ranks, "en",
                                                               higher_is_better=False)


def test_facts_join_names_units_and_sources():
    ds = load_dataset()
    facts = query.facts(ds)
    assert len(facts) == len(ds.observations)
    row = facts[(facts.place_id == "CN-110000") & (facts.indicator_id == "rd_expenditure")
                & (facts.year == 2023) & facts.preferred].iloc[0]
    assert (row.place_en, row.unit, row.value) == ("Beijing", "CNY 100m", 2947.1)
    assert row.source_url.startswith("http")


def test_choropleth_colours_shaped_places_greys_the_rest_and_drops_unshaped_rows(rows):
    square = [[[0, 0], [1, 0], [1, 1], [0, 0]]]
    shapes = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": pid, "properties": {"name": pid},
         "geometry": {"type": "Polygon", "coordinates": square}} for pid in ("BJ", "SZ")]}
    one_year = query.select(rows, indicators=["rd_expenditure"], year=2018)  # BJ and GZ
    fig = charts.choropleth(one_year, shapes, "t").to_dict()
    grey, coloured = fig["data"]
    assert list(grey["locations"]) == ["SZ"]  # no figure: grey, not zero
    assert list(coloured["locations"]) == ["BJ"]  # GZ has no boundary here: not sent
    assert list(coloured["z"]) == [100.0]


def test_select_all_rows_keeps_every_source_and_hiding_weak_drops_weak_ones(rows):
    every = query.select(rows, indicators=["rd_expenditure"], preferred_only=False)
    assert sorted(every[every.place_id == "GZ"]["value"]) == [50.0, 75.0, 80.0]
    strong = query.select(rows, indicators=["rd_expenditure"], preferred_only=False,
                          include_weak=False)
    assert 80.0 not in set(strong["value"]) and "SZ" not in set(strong["place_id"])


def ranks(*points):
    return pd.DataFrame([fact(place, year, rank, indicator="gii_cluster_rank", unit="rank")
                         for place, year, rank in points])


def test_rank_improvement_reads_as_moving_up():
    text = takeaways.change_since_first(ranks(("BJ", 2018, 5), ("BJ", 2025, 4)), "en",
                                        higher_is_better=False)
    assert text == "Beijing moved up 1 place from 2018 to 2025 (#5 → #4)."
    assert "fell" not in text and "%" not in text
    zh = takeaways.change_since_first(ranks(("BJ", 2018, 5), ("BJ", 2025, 4)), "zh",
                                      higher_is_better=False)
    assert zh == "北京2018–2025年上升1位(第5名→第4名)。"


def test_rank_decline_reads_as_moving_down():
    text = takeaways.describe(ranks(("GZ", 2017, 21), ("GZ", 2024, 24)), "en",
                              higher_is_better=False)
    assert "Guangzhou moved down 3 places from 2017 to 2024 (#21 → #24)." in text
    assert "rose" not in text


def test_unchanged_rank_kept_its_place():
    text = takeaways.change_since_first(ranks(("SZ", 2020, 2), ("SZ", 2024, 2)), "en",
                                        higher_is_better=False)
    assert text == "Shenzhen kept its place from 2020 to 2024 (#2)."


def test_value_growth_still_reads_in_percent(rows):
    text = takeaways.change_since_first(query.select(rows, places=["GZ"],
                                                     indicators=["rd_expenditure"]), "en")
    assert text == "Guangzhou rose 50% from 2018 to 2021."


def test_headline_figures_use_the_latest_year_both_places_have(rows):
    both = query.select(rows, places=["BJ", "GZ"], indicators=["rd_expenditure"])
    shared = query.latest_shared(both)
    # Beijing's latest is 2021 and Guangzhou has 2021 too; 2019 is Beijing's alone.
    assert sorted(zip(shared.place_id, shared.year, shared.value, strict=True)) == [
        ("BJ", 2021, 150.0), ("GZ", 2021, 75.0)]
    assert shared["same_year"].all()
    later = pd.concat([both, pd.DataFrame([fact("BJ", 2023, 170.0)])])
    assert set(query.latest_shared(later)["year"]) == {2021}


def test_headline_figures_without_a_shared_year_are_flagged():
    apart = pd.DataFrame([fact("BJ", 2018, 25000.0, indicator="hightech_enterprises_stock"),
                          fact("GZ", 2023, 13000.0, indicator="hightech_enterprises_stock"),
                          fact("BJ", 2023, 2.0), fact("GZ", 2023, 1.0)])
    shared = query.latest_shared(apart).set_index(["indicator_id", "place_id"])
    assert shared.loc[("hightech_enterprises_stock", "BJ"), "year"] == 2018
    assert shared.loc[("hightech_enterprises_stock", "GZ"), "year"] == 2023
    assert not shared.loc["hightech_enterprises_stock", "same_year"].any()
    assert shared.loc["rd_expenditure", "same_year"].all()


def test_a_figure_only_one_place_has_is_not_flagged():
    alone = query.latest_shared(pd.DataFrame([fact("BJ", 2019, 3.0), fact("BJ", 2021, 4.0)]))
    assert alone[["year", "same_year"]].values.tolist() == [[2021, True]]


def test_grouped_bars_draws_one_bar_per_place_side_by_side(rows):
    fig = charts.grouped_bars(query.select(rows, indicators=["rd_expenditure"]), "t")
    assert fig.layout.barmode == "group"
    assert [trace.name for trace in fig.data] == ["Beijing", "Guangzhou", "Shenzhen"]


def test_long_titles_wrap_at_spaces_counting_chinese_characters_double():
    assert charts.wrap("R&D expenditure · Beijing, Guangzhou, Shenzhen · 2010–2024", 44) == (
        "R&D expenditure · Beijing, Guangzhou, <br>Shenzhen · 2010–2024")
    assert charts.wrap("研发经费内部支出 · 北京市, 广州市, 深圳市 · 2010–2024", 30) == (
        "研发经费内部支出 · 北京市, <br>广州市, 深圳市 · 2010–2024")
    fig = charts.line_chart(pd.DataFrame([fact("BJ", 2020, 1.0)]),
                            "R&D expenditure · Beijing, Guangzhou, Shenzhen · 2010–2024")
    assert "<br>" in fig.layout.title.text
    assert charts.plain_title(fig) == "R&D expenditure · Beijing, Guangzhou, Shenzhen · 2010–2024"


def test_map_colour_bar_sits_under_the_map(rows):
    square = [[[0, 0], [1, 0], [1, 1], [0, 0]]]
    shapes = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "BJ", "properties": {"name": "BJ"},
         "geometry": {"type": "Polygon", "coordinates": square}}]}
    bar = charts.choropleth(query.select(rows, indicators=["rd_expenditure"], year=2018),
                            shapes, "t").data[1].colorbar
    assert (bar.orientation, bar.yanchor, bar.y) == ("h", "top", 0)


def test_a_bound_is_drawn_open_and_signed_in_hover_and_download():
    rows = pd.DataFrame([fact("SZ", 2015, 732.0), fact("SZ", 2016, 800.0),
                         fact("SZ", 2017, 976.94)])
    rows["qualifier"] = ["", "at_least", ""]
    rows["derived_from"] = ""
    trace = charts.line_chart(rows, "t").data[0]
    assert list(trace.marker.symbol) == ["circle", "circle-open", "circle"]
    assert [sign for _, sign in trace.customdata] == ["", "≥", ""]
    assert "%{customdata[1]}%{y" in trace.hovertemplate
    table = query.download_table(rows, "zh")
    assert table["数值性质"].tolist() == ["", "≥", ""]
    assert query.download_table(rows)["qualifier"].tolist() == ["", "≥", ""]


def test_series_breaks_in_the_notes_are_named_under_the_chart():
    rows = pd.DataFrame([fact("SZ", 2006, 1.68), fact("SZ", 2007, 49.9), fact("GZ", 2007, 21.2)])
    rows["note"] = ["series break: before 2007 a narrower item", None, "whole city"]
    chart = charts.Chart.of(charts.line_chart(rows, "t"), rows, "en")
    assert chart.breaks.startswith("⚑ Series breaks at: Shenzhen (2006).")
    assert "Guangzhou" not in chart.breaks
    unbroken = rows.assign(note=None)
    assert charts.Chart.of(charts.line_chart(unbroken, "t"), unbroken, "zh").breaks == ""


def test_a_chart_without_its_source_line_keeps_its_plot_size(rows):
    """For slides, which print the sources beneath the picture: the line goes, the plot stays."""
    fig = charts.line_chart(rows, "t", style=charts.Style.for_view(True))
    bare = charts.without_source(fig)

    def plot_height(f):
        return f.layout.height - f.layout.margin.t - f.layout.margin.b

    assert [a.name for a in fig.layout.annotations].count(charts.SOURCE_NAME) == 1
    assert charts.SOURCE_NAME not in [a.name for a in bare.layout.annotations]
    assert bare.layout.height < fig.layout.height and plot_height(bare) == plot_height(fig)
    assert charts.SOURCE_NAME in [a.name for a in fig.layout.annotations]  # a copy was changed


def cited(*sources: tuple[str, str, str]) -> pd.DataFrame:
    """Rows citing sources given as (title, url, grade)."""
    return pd.DataFrame([{"source_id": title, "source_title": title, "source_url": url,
                          "grade": grade} for title, url, grade in sources])


def test_sources_list_official_first_then_reprint_then_weak():
    line = charts.source_links(cited(("W", "https://w.example/a", "weak"),
                                     ("R", "https://r.example/b", "reprint"),
                                     ("O", "https://o.example/c", "official")))
    assert line.index("o.example") < line.index("r.example") < line.index("w.example")


def test_a_weak_copy_is_named_by_its_host_never_by_the_curators_words():
    line = charts.source_links(cited(("Report (spam-injected mirror)",
                                      "https://www.spam.example/x", "weak"),
                                     ("Yearbook (copy)", "https://stats.example/y", "reprint")))
    assert "[spam.example]" in line and "[stats.example]" in line
    assert not charts.CURATION_WORDS.search(line.replace("spam.example", ""))


def test_an_address_with_a_space_or_brackets_stays_a_link():
    line = charts.source_links(cited(("Panel", "https://x.example/a b (1).xlsx", "reprint")))
    link = line.split("](", 1)[1]
    assert " " not in link and "(" not in link[:-1] and link.endswith(")")
    assert "a%20b%20%281%29.xlsx" in link

