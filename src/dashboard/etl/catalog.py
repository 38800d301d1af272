"""The indicators shared across sources, and China's provincial units.

Source modules may add their own indicators in their contribution; the ids here are the ones
several sources feed, so they are defined once.
"""

from __future__ import annotations


def indicator(indicator_id: str, topic: str, name_en: str, name_zh: str, unit: str, unit_zh: str,
              definition: str, higher_is_better: bool = True, per_capita: bool = True) -> dict:
    return {
        "indicator_id": indicator_id, "topic": topic, "name_en": name_en, "name_zh": name_zh,
        "unit": unit, "unit_zh": unit_zh, "definition": definition,
        "higher_is_better": higher_is_better, "per_capita": per_capita,
    }


INDICATORS: list[dict] = [
    indicator("rd_expenditure", "research", "R&D expenditure", "R&D经费内部支出", "CNY 100m",
              "亿元", "Gross domestic expenditure on R&D (R&D经费), all performers. Not the "
              "government budget for science and technology (科学技术支出), which is "
              "budget_st_expenditure."),
    indicator("rd_intensity", "research", "R&D intensity", "R&D经费投入强度", "% of GDP",
              "%(占GDP)", "R&D expenditure as a share of GDP (GRP for provinces and cities).",
              per_capita=False),
    indicator("budget_st_expenditure", "research", "Government S&T budget spending",
              "地方财政科学技术支出", "CNY 100m", "亿元",
              "Public budget spending on science and technology (科学技术支出); a narrower, "
              "different measure from R&D expenditure."),
    indicator("rd_personnel_fte", "talent", "R&D personnel (full-time equivalent)",
              "R&D人员全时当量", "person-years", "人年",
              "R&D personnel in full-time equivalent."),
    indicator("patent_applications", "research", "Patent applications", "专利申请数", "count",
              "件", "Domestic patent applications of all types (invention, utility model, "
              "design) accepted in the year."),
    indicator("patent_grants", "research", "Patents granted", "专利授权数", "count", "件",
              "Domestic patents of all types granted in the year."),
    indicator("invention_patent_grants", "research", "Invention patents granted",
              "发明专利授权数", "count", "件", "Invention patents granted in the year "
              "(excludes utility models and designs)."),
    indicator("valid_invention_patents", "research", "Valid invention patents", "有效发明专利数",
              "count", "件", "Domestic invention patents in force at year end: a stock, not the "
              "year's grants."),
    # A city's technology contract turnover (技术合同成交额) counts contracts registered by
    # sellers in the city, i.e. this outflow: Beijing's 2010 and 2022 figures (1579.5 and
    # 7947.5 亿元) equal the yearbook's outflow for Beijing.
    indicator("tech_contract_turnover_outflow", "research",
              "Technology contract turnover (sold by the region)", "输出技术成交额", "CNY 100m",
              "亿元", "Value of registered technology contracts whose seller is in the region "
              "(technology exported, 技术输出). For China as a whole it equals the inflow."),
    indicator("hightech_enterprises_recognised", "high_tech",
              "High-tech enterprises recognised in the year", "当年认定高新技术企业数", "count",
              "家", "Firms on the year's national high-tech enterprise recognition lists "
              "(yearly recognitions, not the stock of valid certificates)."),
    indicator("hightech_enterprises_stock", "high_tech", "High-tech enterprises (certified stock)",
              "高新技术企业存量", "count", "家", "National high-tech enterprises with a valid "
              "certificate at year end, as stated by the city or province."),
    indicator("hightech_industry_revenue", "high_tech", "High-tech industry revenue",
              "高技术产业营业收入", "CNY 100m", "亿元",
              "Main business revenue of high-tech manufacturing enterprises."),
    indicator("incubators", "incubators", "Technology business incubators", "科技企业孵化器",
              "count", "个", "Technology business incubators (all levels unless noted)."),
    indicator("incubatees", "incubators", "Incubatees", "在孵企业", "count", "家",
              "Companies being incubated in technology business incubators."),
    indicator("makerspaces", "incubators", "Makerspaces", "众创空间", "count", "个",
              "Mass makerspaces (众创空间)."),
    indicator("universities", "talent", "Higher-education institutions", "高等学校", "count",
              "所", "Regular higher-education institutions (undergraduate and junior college)."),
    indicator("population", "context", "Resident population", "常住人口", "persons", "人",
              "Resident (常住) population; census counts or year-end estimates as noted. Not "
              "hukou (registered) population.", per_capita=False),
    indicator("researchers_per_million", "talent", "Researchers in R&D per million people",
              "每百万人R&D研究人员", "per million people", "人/百万人",
              "Researchers engaged in R&D per million population (World Bank WDI).",
              per_capita=False),
    indicator("gii_score", "clusters", "Global Innovation Index score", "全球创新指数得分", "score",
              "分", "Overall GII score (0–100) in the edition of the given year.",
              per_capita=False),
    indicator("gii_cluster_rank", "clusters", "GII S&T cluster rank", "全球科技集群排名", "rank",
              "名", "Rank among the world's top S&T clusters in the GII edition of the given "
              "year. 2017 used patents only; later editions add scientific articles; 2025 adds "
              "venture capital deals. Lower is better.", higher_is_better=False,
              per_capita=False),
    indicator("gii_clusters_in_top100", "clusters", "S&T clusters in the GII top 100",
              "全球百强科技集群数量", "count", "个",
              "Number of an economy's clusters among the GII top 100 in the given edition.",
              per_capita=False),
]

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
