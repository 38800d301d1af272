"""UI text in English and Chinese. Data names come from the data package itself."""

from __future__ import annotations

import pandas as pd

TEXT: dict[str, tuple[str, str]] = {
    "app_title": ("Innovation Atlas", "创新地图集"),
    "overview": ("Overview", "概览"),
    "clusters": ("Clusters", "科技集群"),
    "china_map": ("China map", "中国地图"),
    "profile": ("Place profile", "地区概况"),
    "compare": ("Compare", "比较"),
    "topics": ("Topics", "专题"),
    "data": ("Data & sources", "数据与来源"),
    "present": ("Present", "演示"),
    "places": ("Places", "地区"),
    "place": ("Place", "地区"),
    "economies": ("Economies", "经济体"),
    "years_differ": ("≠: no year has figures for both places; each shows its latest.",
                     "≠:两地没有同一年份的数据,各显示其最新数据。"),
    "indicator": ("Indicator", "指标"),
    "year": ("Year", "年份"),
    "years": ("Years", "年份范围"),
    "mode": ("View", "视图"),
    "topic": ("Topic", "专题"),
    "source": ("Source", "来源"),
    "sources": ("Sources", "来源"),
    "no_data": ("No data", "无数据"),
    "no_data_for": ("No published figure for this selection.",
                    "所选范围内没有已发布的数据。"),
    "hide_weak": ("Hide weakly sourced figures", "隐藏来源较弱的数据"),
    "download": ("Download", "下载"),
    "download_csv": ("Download these rows (CSV)", "下载这些数据 (CSV)"),
    "download_png": ("Chart as PNG", "图表 PNG"),
    "download_svg": ("Chart as SVG", "图表 SVG"),
    "download_bundle": ("Citation bundle (PNG, CSV, sources, link)",
                        "引用包(PNG、CSV、来源、链接)"),
    "download_package": ("Download the whole data package (ZIP)", "下载完整数据包 (ZIP)"),
    "mode_absolute": ("Absolute", "绝对值"),
    "mode_per_capita": ("Per million residents", "每百万常住人口"),
    "mode_indexed": ("Indexed to a base year", "以基年为100"),
    "mode_log": ("Log scale", "对数刻度"),
    "base_year": ("Base year", "基年"),
    "rank": ("Rank", "排名"),
    "rank_change": ("Rank change since the earliest year shown", "较所示最早年份的名次变化"),
    "value": ("Value", "数值"),
    "unit": ("Unit", "单位"),
    "grade": ("Grade", "来源等级"),
    "peers": ("Peers", "同类地区"),
    "facts": ("Facts from the seed documents", "来自原始文献的事实"),
    "milestones": ("2016 hub plan milestones", "2016年科创中心规划节点"),
    "comparability_mixed": (
        "Comparability: these places are different geography levels ({names}); their figures "
        "cover different areas and are not like for like.",
        "可比性提示:所选地区属于不同层级({names}),统计范围不同,不宜直接比较。"),
    "notice": ("Link adjusted", "链接已调整"),
    "notice_not_used": ("Ignored parameter {name}: not used on this page.",
                        "已忽略参数 {name}:本页不使用。"),
    "notice_not_offered": ("Ignored {name} not offered here: {value}",
                           "已忽略本页没有的 {name}:{value}"),
    "notice_kept_first": ("Kept the first {most} {name}.", "只保留前 {most} 个 {name}。"),
    "notice_not_a_choice": ("Ignored {name}={value}: not one of the choices here.",
                            "已忽略 {name}={value}:不是本页的选项。"),
    "notice_not_year": ("Ignored {name}={value}: not a year.", "已忽略 {name}={value}:不是年份。"),
    "notice_two_years": ("Ignored {name}: give two years.", "已忽略 {name}:需要两个年份。"),
    "notice_outside": ("Ignored {name}={value}: outside {lo}–{hi}.",
                       "已忽略 {name}={value}:超出 {lo}–{hi}。"),
    "notice_read_as": ("Read {name} as {value} (reversed or beyond {lo}–{hi}).",
                       "{name} 按 {value} 读取(顺序颠倒或超出 {lo}–{hi})。"),
    "notice_slide": ("Ignored slide={value}: the deck has slides 1–{slides}.",
                     "已忽略 slide={value}:演示文稿只有第 1–{slides} 页。"),
    "notice_flag": ("Ignored {name}={value}: use {allowed}.",
                    "已忽略 {name}={value}:请用 {allowed}。"),
    "notice_replaced": ("{name}={value} is not available with this selection: showing {default}.",
                        "{name}={value} 在当前选择下不可用,改为显示 {default}。"),
    "notice_deck": ("Ignored deck={value}: no such deck.", "已忽略 deck={value}:没有此演示文稿。"),
    "speaker_notes": ("Speaker notes", "演讲备注"),
    "exit_present": ("Exit", "退出"),
    "present_intro": ("A deck is a list of saved views. Start it to open each view full-screen "
                      "with large type; move with ◀ ▶ or the arrow keys.",
                      "演示文稿是一组保存的视图。开始后以大字号全屏打开每个视图;"
                      "用◀ ▶或方向键切换。"),
    "start": ("Start presentation", "开始演示"),
    "all_rows": ("Include every source's figure", "包含所有来源的数据"),
    "all_rows_help": ("When sources disagree, every version is kept; off shows only the "
                      "preferred one per place, indicator and year.",
                      "来源不一致时保留所有版本;关闭时每个地区、指标和年份只显示首选数据。"),
    "rows_shown": ("{n:,} rows match (preview shows up to 2,000; the download has all).",
                   "共{n:,}行符合条件(预览最多2,000行,下载包含全部)。"),
    "topic_intro_incubators": (
        "Technology business incubators, the firms they host, and makerspaces. Province tables "
        "come from the China Statistical Yearbook on Science and Technology; city figures from "
        "official reports and their reprints.",
        "科技企业孵化器、在孵企业和众创空间。省级数据来自《中国科技统计年鉴》;城市数据来自官方"
        "报告及其转载。"),
    "topic_intro_high_tech": (
        "High-tech enterprises and industry. Yearly recognitions (firms newly on the national "
        "lists) are a different measure from the stock of certified firms: never add them up.",
        "高新技术企业与产业。当年认定数(新列入国家名单的企业)与有效认定企业存量是不同口径,"
        "不可相加。"),
    "topic_intro_talent": (
        "R&D personnel, researchers and universities.", "R&D人员、研究人员与高等学校。"),
    "peers_caption": ("Peers: places of the same level (municipalities count as cities) with "
                      "the closest population in the same year.",
                      "同类地区:同一层级(直辖市计为城市)、同一年份人口最接近的地区。"),
    "no_figures_for": ("No figures for: {names}", "无数据:{names}"),
    "level": ("Level", "层级"),
    "level_province": ("Provinces", "省级"),
    "level_city": ("Prefecture cities", "地级市"),
    "map_title": ("{what} by {level}, {year}", "{year}年各{level}{what}"),
    "in_level_province": ("province", "省份"),
    "in_level_city": ("prefecture city", "地级市"),
    "map_hint": ("Click a region (or lasso several) to see its figures; grey regions have no "
                 "published figure for this year.",
                 "点击地区查看其数据;灰色地区在该年份没有已发布数据。"),
    "open_profile": ("Open its profile", "查看地区概况"),
    "clusters_coverage": (
        "Coverage is partial: WIPO publishes full cluster tables in its reports, and this atlas "
        "holds the ranks and counts stated in the cited pages only. Methods changed between "
        "editions: 2017 counted PCT patent filings only; from 2018 scientific articles were "
        "added; 2025 added venture-capital deals. Ranks from different editions are not strictly "
        "comparable.",
        "覆盖不完整:本图集仅收录所引网页中明确给出的排名和数量。各版方法不同:2017年仅统计PCT专利"
        "申请;2018年起加入科学论文;2025年加入风险投资交易。不同版本的排名不能严格比较。"),
    "clusters_map_title": ("GII S&T clusters with a known rank, {year} edition ({n} clusters)",
                           "{year}年版全球创新指数科技集群(已知排名,{n}个)"),
    "overview_intro": (
        "Cited figures on science and technology innovation in Chinese and world cities: S&T "
        "clusters, incubators, high-tech output and talent. Every number comes from a published "
        "source named under its chart; a missing figure is shown as missing, never as zero.",
        "关于中国和世界城市科技创新的有出处数据:科技集群、孵化器、高新技术产出与人才。每个数字"
        "都来自图表下注明的已发布来源;缺失的数据显示为空缺,绝不记为零。"),
    "coverage": ("What the atlas covers", "数据覆盖范围"),
    "coverage_caption": ("Places with figures · first–last year, by indicator and geography "
                         "level; \"flagged\": figures the build's checks doubt (probably the "
                         "wrong year or indicator; listed in checks.csv, never preferred).",
                         "按指标和地区层级:有数据的地区数 · 起止年份;“存疑”:构建检查认为可能年份或"
                         "指标有误的数据(列于 checks.csv,不作为首选数据)。"),
    "flagged_n": ("{n} flagged", "{n} 项存疑"),
    "vintage": ("Data vintage: {count:,} figures with reference years {first}–{last}.",
                "数据年份:共{count:,}个数据,参考年份{first}–{last}年。"),
    "next": ("Where to go next", "下一步"),
    "next_compare": ("Compare Guangzhou, Beijing and Shenzhen", "比较广州、北京和深圳"),
    "next_clusters": ("Where China's S&T clusters rank (WIPO GII)", "中国科技集群的全球排名"),
    "next_china_map": ("Map any indicator across China", "在中国地图上查看指标"),
    "next_data": ("Filter and download the data", "筛选并下载数据"),
    "footer": ("Every figure carries its source; missing data is shown as missing.",
               "每个数字都注明来源;缺失的数据显示为空缺。"),
    "per_capita_gaps": ("Per-resident values exist only for years with a published population "
                        "(census years and stated year-end figures); other years are gaps.",
                        "人均值仅在有已发布人口数据的年份(普查年份等)计算,其余年份留空。"),
    "per_capita_not_meaningful": ("This indicator is already a ratio, rank or score: shown "
                                  "as published.", "该指标本身是比率、排名或得分:按原值显示。"),
    "index_missing": ("Not shown (no figure in the base year): {names}",
                      "未显示(基年无数据):{names}"),
    "kind_country": ("country", "国家"),
    "kind_province": ("province", "省级"),
    "kind_municipality": ("municipality", "直辖市"),
    "kind_city": ("city", "城市"),
    "kind_cluster": ("S&T cluster", "科技集群"),
    "kind_institution": ("institution", "机构"),
    "topic_clusters": ("S&T clusters", "科技集群"),
    "topic_incubators": ("Incubators & makerspaces", "孵化器与众创空间"),
    "topic_high_tech": ("High-tech output", "高新技术产出"),
    "topic_talent": ("Talent", "人才"),
    "topic_research": ("Research & patents", "研发与专利"),
    "topic_context": ("Context", "背景"),
    "grade_official": ("official", "官方"),
    "grade_reprint": ("reprint", "转载"),
    "grade_weak": ("weak", "较弱"),
    "grade_derived": ("derived", "推算"),
    "grade_empty": ("no figure", "无数据"),
    "core_grid": ("Core city grid", "核心城市数据表"),
    "core_grid_title": ("Which city, indicator and year holds a cited figure",
                        "哪些城市、指标和年份有注明出处的数据"),
    "core_grid_caption": ("20 cities × 9 indicators × 2010–2024: each cell is coloured by the "
                          "grade of its preferred figure. {overall:.1%} of the {cells:,} cells "
                          "hold a cited figure; each city's share is beside its name.",
                          "20个城市×9项指标×2010–2024年:每格按首选数据的来源等级着色。"
                          "{cells:,}格中有{overall:.1%}有引用数据;城市名旁为该城市的填充率。"),
    # Both languages, so either reader finds the switch; the same in both, so the widget's label
    # does not change under it.
    "language_switch": ("Language / 语言", "Language / 语言"),
    "hide_weak_help": ("Weak: aggregators, blogs and mirrors (see Data & sources).",
                       "较弱来源:聚合网站、博客和镜像站(见“数据与来源”)。"),
    "metric_help": ("{source}: {title} ({grade})", "{source}:{title}({grade})"),
    "data_invalid": ("The bundled data failed validation, so nothing can be shown. Rebuild it "
                     "with `python -m dashboard.etl.build`.",
                     "内置数据未通过校验,无法显示。"
                     "请用 `python -m dashboard.etl.build` 重新构建。"),
    "boundaries_unavailable": ("Map boundaries unavailable: {problem}", "地图边界不可用:{problem}"),
    # Units of derived values and of ranks.
    "unit_per_million": ("{unit} per million people", "{unit}/百万人"),
    "unit_index": ("index, {year} = 100", "指数,{year}年=100"),
    "rank_value": ("#{rank}", "第{rank}名"),
    # Takeaways under charts (also their alt text).
    "takeaway_one": ("In {year}, {place} stood at {value}.", "{year}年,{place}为{value}。"),
    "takeaway_extremes": (
        "In {year}, {top} was highest of the {n} places with a figure ({top_value}) and "
        "{low} lowest ({low_value}).",
        "{year}年有数据的{n}个地区中,{top}最高({top_value}),{low}最低({low_value})。"),
    "takeaway_extremes_rank": (
        "In {year}, {top} was best of the {n} places with a figure ({top_value}) and "
        "{low} worst ({low_value}).",
        "{year}年有数据的{n}个地区中,{top}最优({top_value}),{low}最末({low_value})。"),
    "takeaway_rose": ("{place} rose {pct}% from {first} to {last}",
                      "{place}{first}–{last}年增长{pct}%"),
    "takeaway_fell": ("{place} fell {pct}% from {first} to {last}",
                      "{place}{first}–{last}年下降{pct}%"),
    "takeaway_rose_at_least": ("{place} rose at least {pct}% from {first} to {last}",
                               "{place}{first}–{last}年至少增长{pct}%"),
    "takeaway_fell_at_least": ("{place} fell at least {pct}% from {first} to {last}",
                               "{place}{first}–{last}年至少下降{pct}%"),
    "takeaway_rose_about": ("{place} rose about {pct}% from {first} to {last}",
                            "{place}{first}–{last}年增长约{pct}%"),
    "takeaway_fell_about": ("{place} fell about {pct}% from {first} to {last}",
                            "{place}{first}–{last}年下降约{pct}%"),
    "takeaway_unchanged": ("{place} was unchanged from {first} to {last}",
                           "{place}{first}–{last}年持平"),
    "takeaway_under_one": ("{place} changed by less than 1% from {first} to {last}",
                           "{place}{first}–{last}年变化不到1%"),
    "takeaway_after_break": ("{change} (its series breaks in {year}; earlier figures are not "
                             "comparable)",
                             "{change}({year}年起序列口径有变,此前数据不可比)"),
    "takeaway_break_only": ("{place}'s series breaks in {year}, so no change is computed across "
                            "it", "{place}的序列在{year}年口径有变,不跨断点计算变化"),
    "takeaway_mixed_sources": ("{change} (the two figures come from different sources)",
                               "{change}(两端数据来源不同)"),
    # A figure that is a bound or an estimate, in a sentence.
    "bound_at_least": ("at least {value}", "至少{value}"),
    "bound_at_most": ("at most {value}", "至多{value}"),
    "bound_about": ("about {value}", "约{value}"),
    "bound_estimate": ("{value} (est.)", "{value}(预计)"),
    "takeaway_up_one": ("{place} moved up 1 place from {first} to {last} ({before} → {after})",
                        "{place}{first}–{last}年上升1位({before}→{after})"),
    "takeaway_up": ("{place} moved up {n} places from {first} to {last} ({before} → {after})",
                    "{place}{first}–{last}年上升{n}位({before}→{after})"),
    "takeaway_down_one": ("{place} moved down 1 place from {first} to {last} "
                          "({before} → {after})",
                          "{place}{first}–{last}年下降1位({before}→{after})"),
    "takeaway_down": ("{place} moved down {n} places from {first} to {last} "
                      "({before} → {after})",
                      "{place}{first}–{last}年下降{n}位({before}→{after})"),
    "takeaway_held": ("{place} kept its place from {first} to {last} ({after})",
                      "{place}{first}–{last}年名次不变({after})"),
    "takeaway_join": ("; ", ","),
    "takeaway_end": (".", "。"),
    # Column headers of a downloaded CSV (English: the column ids).
    "csv_place_id": ("place_id", "地区代码"),
    "csv_place": ("place", "地区"),
    "csv_indicator_id": ("indicator_id", "指标代码"),
    "csv_indicator": ("indicator", "指标"),
    "csv_year": ("year", "年份"),
    "csv_value": ("value", "数值"),
    "csv_unit": ("unit", "单位"),
    "csv_grade": ("grade", "来源等级"),
    "csv_source_id": ("source_id", "来源代码"),
    "csv_source_title": ("source_title", "来源标题"),
    "csv_source_publisher": ("source_publisher", "发布机构"),
    "csv_source_url": ("source_url", "来源链接"),
    "csv_evidence": ("evidence", "原文"),
    "csv_note": ("note", "注释"),
    "csv_read_twice": ("read_twice", "二次核对"),
    "csv_as_of": ("as_of", "截至日期"),
    "csv_build_check": ("build_check", "构建检查"),
    "series_breaks": ("⚑ Series breaks at: {where}. Definitions or revisions change there; each "
                      "row's note in the download says how.",
                      "⚑ 数据序列断点:{where}。这些年份口径或修订有变化,"
                      "下载数据中各行注释有说明。"),
    "csv_qualifier": ("qualifier", "数值性质"),
    "csv_derived_from": ("derived_from", "推算依据来源"),
    # How a figure that is not exact is marked in hover text and downloads.
    "qualifier_at_least": ("≥", "≥"),
    "qualifier_at_most": ("≤", "≤"),
    "qualifier_about": ("≈", "≈"),
    "qualifier_estimate": ("est.", "预计"),
    # relationships and composite index
    "relationships": ("Relationships", "指标关系"),
    "innovation_index": ("Index builder", "综合指数"),
    "no_region": ("no parent region", "无上级地区"),
    "rel_x": ("Horizontal axis (x)", "横轴(x)"),
    "rel_y": ("Vertical axis (y)", "纵轴(y)"),
    "rel_size": ("Bubble size", "气泡大小"),
    "rel_size_none": ("(same size)", "(大小相同)"),
    "rel_tolerance_label": ("Pair figures of years up to ± this far apart",
                            "允许配对的年份差(±年)"),
    "rel_log": ("Log axes", "对数坐标"),
    "rel_colour": ("Colour by", "颜色表示"),
    "colour_region": ("Parent region (province, economy)", "上级地区(省份、经济体)"),
    "colour_group": ("Peer group (the first that lists the place)", "同类组(列出该地区的第一个组)"),
    "in_no_group": ("in no peer group", "不属于任何同类组"),
    "rel_play": ("Play years", "逐年播放"),
    "rel_pause": ("Pause", "暂停"),
    "rel_no_years": ("No year has figures for at least 3 places on both axes; pick other "
                     "indicators or a wider year tolerance.",
                     "没有哪一年有至少 3 个地区同时具有两轴数据;请换指标或放宽年份差。"),
    "rel_title": ("{y} against {x} · {where} · {year}", "{y}与{x} · {where} · {year}年"),
    "rel_corr_pearson_log": ("Across {n} places, the correlation of the logarithms (Pearson) is "
                             "r = {r}.", "{n} 个地区的对数值相关系数(皮尔逊)r = {r}。"),
    "rel_corr_spearman": ("Across {n} places, the rank correlation (Spearman) is ρ = {r}.",
                          "{n} 个地区的秩相关系数(斯皮尔曼)ρ = {r}。"),
    "rel_too_few": ("Only {n} places: too few for a correlation.",
                    "仅 {n} 个地区,不足以计算相关系数。"),
    "rel_tolerance": ("Figures are paired within ±{tol} years of {year}: {n} points use a "
                      "nearby year (hover shows each figure's year).",
                      "数据按 {year} 年 ±{tol} 年配对:{n} 个点使用了相邻年份"
                      "(悬停可见各数据年份)。"),
    "rel_log_dropped": ("{n} places with a zero or negative figure cannot be drawn on log "
                        "axes and are left out.",
                        "{n} 个地区数值为零或负数,无法在对数坐标上显示,已略去。"),
    "no_size_figure": ("no figure (drawn small)", "无数据(以小点显示)"),
    "rel_size_missing": ("{n} of {total} places have no bubble-size figure within the tolerance "
                         "and are drawn as small dots, not as small places.",
                         "{total} 个地区中有 {n} 个在允许年份内无气泡大小数据,以小点显示,"
                         "并非数值小。"),
    "index_indicators": ("Indicators", "指标"),
    "index_enough": ("Offered: indicators with figures in {year} for at least {least} places "
                     "of this level and for at least a third of the places with any figure "
                     "that year ({n} here).",
                     "可选指标:{year} 年本层级至少 {least} 个地区有数据,且不少于当年有任一数据"
                     "地区数的三分之一(此处 {n} 个)。"),
    "index_weight": ("Weight: {what}", "权重:{what}"),
    "index_direction": ("Direction: {what}", "方向:{what}"),
    "index_higher": ("higher is better", "越高越好"),
    "index_lower": ("lower is better", "越低越好"),
    "index_norm": ("Normalisation", "标准化方法"),
    "norm_minmax": ("Min–max", "最小–最大"),
    "norm_zscore": ("Z-score", "Z 分数"),
    "norm_rank": ("Rank", "名次"),
    "norm_explained_minmax": ("min–max (each figure's distance from the lowest, as a share of "
                              "the range: 0 to 1)",
                              "最小–最大法(与最低值之差占全距的比例:0 至 1)"),
    "norm_explained_zscore": ("z-scores (distance from the mean in standard deviations)",
                              "Z 分数(与均值之差,以标准差计)"),
    "norm_explained_rank": ("ranks (position among the places, 0 for the lowest to 1 for the "
                            "highest, ties sharing their average)",
                            "名次法(在各地区中的位置:最低 0,最高 1,并列取平均)"),
    "index_gaps_toggle": ("Allow gaps (score places on the inputs they have)",
                          "允许缺项(按已有指标计分)"),
    "index_pick_one": ("Pick at least one indicator.", "请至少选择一个指标。"),
    "index_no_years": ("No year has two indicators with enough coverage at this level.",
                       "本层级没有哪一年有两个覆盖充分的指标。"),
    "index_score": ("Score", "得分"),
    "score_unit_minmax": ("score, 0–1", "得分(0–1)"),
    "score_unit_zscore": ("score, z", "得分(z 值)"),
    "score_unit_rank": ("score, 0–1 by rank", "得分(按名次,0–1)"),
    "index_incomplete": ("incomplete", "数据不全"),
    "index_rank_range": ("Rank range (weights ±50 %)", "名次范围(权重 ±50%)"),
    "index_rank_now": ("Rank", "名次"),
    "index_rank_equal": ("Rank with equal weights", "等权重名次"),
    "index_source": ("Composite index of the inputs below", "综合指数(输入见下)"),
    "index_map_title": ("Composite index · {where} · {year}", "综合指数 · {where} · {year}年"),
    "index_bars_title": ("What makes each score · {where} · {year}",
                         "各地得分构成 · {where} · {year}年"),
    "index_top": ("(top {n})", "(前 {n} 名)"),
    "index_ranges_title": ("Rank when each weight moves ±{pct}% · {where} · {year}",
                           "各权重变动 ±{pct}% 时的名次 · {where} · {year}年"),
    "index_ranges_takeaway": ("{n} of {total} places change rank when one weight moves by "
                              "±{pct}%.",
                              "单个权重变动 ±{pct}% 时,{total} 个地区中有 {n} 个名次变化。"),
    "index_top_takeaway": ("{place} ranks first of {n} places scored.",
                           "{place}在 {n} 个计分地区中排名第一。"),
    "index_incomplete_note": ("{n} places miss at least one input and are listed as incomplete, "
                              "not scored: {names}.",
                              "{n} 个地区缺少至少一项输入,列为数据不全,不计分:{names}。"),
    "index_gaps_allowed": ("Gaps allowed: {n} places are scored on fewer inputs than the "
                           "others: {names}.",
                           "已允许缺项:{n} 个地区按较少的输入计分:{names}。"),
    "index_method_heading": ("Method", "方法"),
    "index_method": ("Places: {where}, figures of {year}. Each input is normalised by {norm} "
                     "across the places scored, after flipping inputs where lower is better. A "
                     "place's score is the weighted mean of its normalised inputs; {gaps} Rank 1 "
                     "is the highest score (ties share a rank). The rank range is the best and "
                     "worst rank when any one weight moves by ±{pct}%. Inputs:",
                     "地区:{where},{year} 年数据。各输入先将越低越好的指标反向,再在计分地区中按"
                     "{norm}标准化。得分为标准化输入的加权平均;{gaps}得分最高者排第 1(并列同名次)。"
                     "名次范围为任一权重变动 ±{pct}% 时的最好与最差名次。输入:"),
    "index_method_gaps": ("with gaps allowed, a place missing an input is scored on the others, "
                          "their weights rescaled.",
                          "允许缺项时,缺少某项输入的地区按其余输入计分,权重按比例调整。"),
    "index_method_no_gaps": ("a place missing any input is incomplete and not scored.",
                             "缺少任一输入的地区列为数据不全,不计分。"),
    "index_method_part": ("{what}: weight {weight} ({share}), {direction}; figures for {n} "
                          "places. {sources}",
                          "{what}:权重 {weight}({share}),{direction};{n} 个地区有数据。{sources}"),
    # decks: my deck, its editor and its exports
    "my_deck": ("My deck", "我的演示文稿"),
    "add_to_deck": ("Add to my deck", "加入我的演示文稿"),
    "slide_title": ("Slide title", "幻灯片标题"),
    "slide_notes": ("Speaker notes (optional)", "演讲备注(可选)"),
    "added_to_deck": ("Added as slide {number} of my deck (see Present).",
                      "已作为我的演示文稿第 {number} 页加入(见“演示”)。"),
    "deck_full": ("My deck is full: at most {most} slides, and {length} characters in the "
                  "link (shorten some notes).",
                  "我的演示文稿已满:最多 {most} 页,链接中最多 {length} 个字符(可缩短备注)。"),
    "my_deck_empty": ("My deck is empty: open any chart's Download dialog and choose "
                      "“Add to my deck”. The deck travels in the page's address: copy it to "
                      "share the deck.",
                      "我的演示文稿为空:打开任一图表的“下载”对话框,选择“加入我的演示文稿”。"
                      "演示文稿保存在网页地址中,复制地址即可分享。"),
    "move_up": ("Move up", "上移"),
    "move_down": ("Move down", "下移"),
    "remove_slide": ("Remove", "删除"),
    "open_deck": ("Open a deck file (TOML or JSON)", "打开演示文稿文件(TOML 或 JSON)"),
    "save_deck": ("Save my deck (TOML)", "保存我的演示文稿 (TOML)"),
    "export_deck": ("Export as PowerPoint and PDF", "导出为 PowerPoint 和 PDF"),
    "export_pptx": ("Download PowerPoint (.pptx)", "下载 PowerPoint (.pptx)"),
    "export_pdf": ("Download PDF", "下载 PDF"),
    "exporting": ("Drawing slide {number} of {total}…", "正在绘制第 {number}/{total} 页…"),
    "exported": ("{total} slides ready.", "{total} 页已就绪。"),
    "export_failed": ("Could not draw the slides: {problem}", "无法绘制幻灯片:{problem}"),
    "slide_link": ("Link", "链接"),
    "accessed": ("Accessed", "访问日期"),
    "more_sources": ("… and {n} more sources: the link lists them all.",
                     "……另有 {n} 个来源,见链接。"),
    "notice_mydeck_format": ("Ignored the deck: not a deck this atlas wrote.",
                             "已忽略演示文稿:不是本地图集生成的格式。"),
    "notice_mydeck_size": ("Ignored the deck: longer than {most} characters.",
                           "已忽略演示文稿:超过 {most} 个字符。"),
    "notice_mydeck_slides": ("Kept the deck's first {most} slides.",
                             "只保留演示文稿的前 {most} 页。"),
    "notice_slide_page": ("Left out slide {number}: no chart page {page}.",
                          "已略去第 {number} 页:没有图表页面 {page}。"),
    "notice_slide_param": ("Slide {number}: ignored parameter {name}.",
                           "第 {number} 页:已忽略参数 {name}。"),
    "notice_slide_field": ("Slide {number}: ignored {field} (not a deck field or not text).",
                           "第 {number} 页:已忽略 {field}(不是演示文稿字段或不是文本)。"),
    "notice_deck_titles": ("The deck's title_en and title_zh must be text.",
                           "演示文稿的 title_en 和 title_zh 必须是文本。"),
    "notice_mydeck_link": ("Kept the file's first {most} slides: the rest would make the link "
                           "longer than {length} characters.",
                           "只保留文件的前 {most} 页:其余页会使链接超过 {length} 个字符。"),
    "notice_slide_cut": ("Slide {number}: {field} cut to {most} characters.",
                         "第 {number} 页:{field} 已截为 {most} 个字符。"),
    # embed mode and the block a slide leads with
    "embed_full_view": ("Open the full view", "打开完整视图"),
    "lead_rest": ("This view's controls and the rest of the page",
                  "本视图的控件及页面其余内容"),
    "notice_chart": ("Ignored chart={value}: this view's charts are {charts}.",
                     "已忽略 chart={value}:本视图的图表为 {charts}。"),
    "notice_no_chart": ("Nothing to embed: this page has no chart.",
                        "无可嵌入内容:此页面没有图表。"),
    # plan milestones on a time line; quoted facts from one year
    "milestone_lines": ("┆ plan milestones", "┆ 规划节点"),
    "milestones_takeaway": ("The plan sets {n} dated goals, {span}.",
                            "规划设定了{n}个时间节点目标({span})。"),
    "facts_year": ("Quoted facts from", "引文事实的年份"),
    "facts_by_topic": ("the chosen topic, every year", "所选专题,全部年份"),
    # index presets
    "index_preset": ("Preset", "预设"),
    "index_preset_none": ("(none: inputs of your own)", "(无:自选输入)"),
    "index_preset_help": ("Fills the level, year and inputs with an approximation of a "
                          "published framework; they stay editable.",
                          "以已发布框架的近似设定填入层级、年份和输入;之后仍可修改。"),
    "index_preset_method": ("Preset: an approximation of {framework}, using the {n} of its "
                            "{total} indicators the atlas holds. {weights} {left_out} "
                            "Framework: {source}, {publisher}, {published} (grade: {grade}).",
                            "预设:{framework}的近似,使用其 {total} 项指标中图集收录的 {n} 项。"
                            "{weights}{left_out}框架来源:{source},{publisher},{published}"
                            "(来源等级:{grade})。"),
    "index_preset_equal": ("Equal weights (the framework's own are not used).",
                           "等权重(未采用该框架自身的权重)。"),
    "index_preset_stated": ("Weights as the framework states them.", "权重采用该框架所述。"),
    "index_presets_unusable": ("Presets are unavailable:", "预设不可用:"),
    # load
    "more_charts": ("{n} more charts on this topic", "本主题另有 {n} 张图"),
    # rankings and peer groups
    "rankings": ("Rankings", "排名"),
    "level_cluster": ("GII clusters", "GII科技集群"),
    "level_country": ("Countries", "国家"),
    "rank_change_since": ("Rank change since {year}", "较{year}年名次变化"),
    "since_year": ("Rank change since", "名次变化对比年份"),
    "per_million_residents": ("Per million residents", "每百万人口"),
    "share_of_gdp": ("% of GDP (value ÷ GDP)", "占GDP比重(数值÷GDP)"),
    "series": ("Series", "历年走势"),
    "parent_region": ("Region", "所属地区"),
    "all_regions": ("All regions", "全部地区"),
    "peer_group": ("Peer group", "同类组"),
    "no_group": ("No group", "不选同类组"),
    "csv_rank": ("rank", "排名"),
    "rankings_note": ("Ranks are among all {n} places at this level with a figure for {year} "
                      "(1 = best; equal figures share a rank, marked =); the region and group "
                      "filters only hide rows.",
                      "排名为本层级{year}年有数据的全部{n}个地区之间的名次(1为最好;数值相同者并列,标“=”);"
                      "地区和同类组筛选只隐藏行。"),
    "rankings_too_few": ("Only {n} places at this level have a figure for {year}: too few to "
                         "rank (at least {least} are needed), so they are listed by figure, "
                         "without rank numbers.",
                         "{year}年本级仅有{n}个地区有数据,不足{least}个,不作排名,仅按数值列出。"),
    "rankings_missing": ("{missing} places with figures in other years have none for {year}: "
                         "they are listed as no data, below the ranked ones.",
                         "{missing}个地区有其他年份的数据但{year}年没有,列于已排名地区之后,标为无数据。"),
    "group_total": ("**{group}**, {year}: total {value}, the sum of its {of} members.",
                    "**{group}**,{year}年:合计{value},为其{of}个成员之和。"),
    "group_no_total": ("**{group}**, {year}: no total, since only {have} of its {of} members "
                       "have a figure (a partial sum would understate it).",
                       "**{group}**,{year}年:{of}个成员中仅{have}个有数据,不计合计(部分之和会低估)。"),
    "group_median": ("**{group}**, {year}: median {value} of the {have} of its {of} members "
                     "with a figure (a rate does not add up, so the median is shown).",
                     "**{group}**,{year}年:{of}个成员中有数据的{have}个的中位数为{value}"
                     "(比率不可相加,故显示中位数)。"),
    "group_no_median": ("**{group}**, {year}: none of its {of} members has a figure.",
                        "**{group}**,{year}年:{of}个成员均无数据。"),
    "group_first_members": ("The group has {n} members here; the picker holds at most {most}, "
                            "so it took the first {most}.",
                            "该组在此有{n}个成员;选择框最多容纳{most}个,故取前{most}个。"),
    "group_other_levels": ("{n} more members are at another level and not counted here.",
                           "另有{n}个成员属于其他层级,此处未计入。"),
}


def t(key: str, lang: str = "en", **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``values`` filled into its placeholders."""
    en, zh = TEXT[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text



def name(row: pd.Series | dict, prefix: str, lang: str) -> str:
    """Pick ``<prefix>_zh`` or ``<prefix>_en`` from a row, falling back to English."""
    zh = row.get(f"{prefix}_zh")
    if lang == "zh" and isinstance(zh, str) and zh:
        return zh
    return str(row.get(f"{prefix}_en"))


def place_labels(places: pd.DataFrame, lang: str) -> dict[str, str]:
    """place_id → 'Guangzhou (city)', as pickers show places."""
    names = places["name_en"].astype(str)
    if lang == "zh":
        names = places["name_zh"].where(places["name_zh"].fillna("") != "", names).astype(str)
    kinds = places["kind"].astype(str).map(lambda k: t(f"kind_{k}", lang))
    return dict(zip(places["place_id"], names + " (" + kinds + ")", strict=True))
