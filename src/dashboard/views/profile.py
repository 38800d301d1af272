"""One place: its indicators as small multiples, quoted facts, plan milestones and peers."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard import charts, query, takeaways, url
from dashboard.data.atlas import Atlas
from dashboard.i18n import t
from dashboard.registry import Page
from dashboard.url import Choice, Chosen, param
from dashboard.views import View

TOPIC_ORDER = ("research", "high_tech", "incubators", "talent", "clusters", "context")
PEER_INDICATOR = "population"
PLACE = "CN-110000"
FIRST_CHARTS = 6  # a topic's further small multiples wait in an expander


def profile_topics(atlas: Atlas, place_id: str) -> list[str]:
    found = set(query.select(atlas.facts, places=[place_id])["topic"].astype(str))
    return [topic for topic in TOPIC_ORDER if topic in found]


@dataclass(frozen=True, eq=False)
class Profile:
    multiples: list[tuple[str, charts.Chart]]
    milestones: list[tuple[str, str]]  # (headline, quote with its source)
    facts: list[tuple[str, str]]
    peers: charts.Chart | None
    timeline: charts.Chart | None = None  # the plan milestones on one time line


def fact_years(atlas: Atlas, place_id: str) -> list[int]:
    """Years with a quoted figure for the place."""
    rows = query.select(atlas.facts, places=[place_id], preferred_only=False)
    return sorted(int(y) for y in rows.loc[rows["evidence"].notna(), "year"].unique())


def profile(atlas: Atlas, place_id: str, topic: str | None, lang: str,
            present: bool, facts_year: int | None = None) -> Profile:
    """A place's small multiples on one topic, its quoted facts on that topic (or, given
    ``facts_year``, from that year on every topic), its plan milestones and the places of its
    level closest in population."""
    specs = atlas.lookups.indicators
    style = charts.Style.for_view(present)
    marks = query.milestones_for(atlas.data.milestones, place_id, lang)
    rows = query.select(atlas.facts, places=[place_id], topics=[topic] if topic else [])
    multiples = []
    for indicator in query.ordered_indicators(rows, specs):
        series = rows[rows["indicator_id"] == indicator]
        fig = charts.line_chart(series, atlas.title(indicator, [place_id], series, lang), lang,
                                style=style, milestones=marks,
                                reverse=not specs[indicator]["higher_is_better"])
        multiples.append((indicator, charts.Chart.of(fig, series, lang, takeaways.describe(
            series, lang, specs[indicator]["higher_is_better"]))))
    facts = (_fact_texts(atlas, place_id, None, lang, facts_year) if facts_year
             else _fact_texts(atlas, place_id, topic, lang) if topic else [])
    return Profile(multiples, _milestone_texts(atlas, place_id, lang), facts,
                   _peer_chart(atlas, place_id, lang, style),
                   _milestone_chart(atlas, place_id, lang, style))


def _milestone_chart(atlas: Atlas, place_id: str, lang: str,
                     style: charts.Style) -> charts.Chart | None:
    ms = atlas.data.milestones
    rows = ms[ms["place_id"] == place_id]
    if rows.empty:
        return None
    sources = atlas.data.sources[["source_id", "title", "url"]].rename(
        columns={"title": "source_title", "url": "source_url"})
    rows = rows.merge(sources, on="source_id")
    title = charts.chart_title(t("milestones", lang), [atlas.place_name(place_id, lang)], rows)
    fig = charts.milestone_timeline(rows, title, lang, style=style)
    # Not downloadable: milestones are goals, not figures (the Data page lists the package's
    # files); their rows still cite the plan wherever the chart goes.
    return charts.Chart(fig, rows, t("milestones_takeaway", lang, n=len(rows),
                                     span=charts.year_span(rows)),
                        charts.source_links(rows, lang), downloadable=False)


def _milestone_texts(atlas: Atlas, place_id: str, lang: str) -> list[tuple[str, str]]:
    ms = atlas.data.milestones
    label = "label_zh" if lang == "zh" else "label_en"
    rows = ms[ms["place_id"] == place_id].sort_values("year").to_dict("records")
    return [(f"**{int(row['year'])}** · {row[label]}",
             f"“{row['evidence']}” — {atlas.lookups.sources[row['source_id']]['title']}")
            for row in rows]


def _fact_texts(atlas: Atlas, place_id: str, topic: str | None, lang: str,
                year: int | None = None) -> list[tuple[str, str]]:
    """Hand-collected figures, each with the exact phrase that states it, its source, grade:
    on one topic, or from one year."""
    rows = query.select(atlas.facts, places=[place_id], topics=[topic] if topic else None,
                        year=year, preferred_only=False)
    rows = rows[rows["evidence"].notna()].sort_values(["year", "indicator_id"])
    name_col = "indicator_zh" if lang == "zh" else "indicator_en"
    unit = "unit_zh" if lang == "zh" else "unit"
    texts = []
    for row in rows.to_dict("records"):
        link = charts.source_link(charts.public_label(row["source_title"], row["source_url"],
                                                         row["grade"]), row["source_url"])
        # One caption for quote and source (a Markdown line break between them).
        texts.append((f"**{row[name_col]}**, {int(row['year'])}: "
                      f"{charts.value_with_unit(row['value'], row[unit], lang)}",
                      f"“{row['evidence']}”  \n{link} · {t('grade', lang)}: "
                      f"{t('grade_' + str(row['grade']), lang)}"))
    return texts


def _peer_chart(atlas: Atlas, place_id: str, lang: str,
                style: charts.Style) -> charts.Chart | None:
    peers = query.peers(atlas.facts, place_id, PEER_INDICATOR, atlas.data.places)
    if peers.empty:
        return None
    fig = charts.bar_chart(peers, atlas.title(PEER_INDICATOR, peers["place_id"].tolist(), peers,
                                              lang), lang, style=style)
    return charts.Chart.of(fig, peers, lang, t("peers_caption", lang))


def _places(atlas: Atlas, chosen: Chosen) -> tuple[list[str], str]:
    return atlas.places, PLACE if PLACE in atlas.places else atlas.places[0]


def _topics(atlas: Atlas, chosen: Chosen) -> tuple[list[str], str | None]:
    topics = profile_topics(atlas, chosen["places"])
    return topics, topics[0] if topics else None


def _fact_years(atlas: Atlas, chosen: Chosen) -> tuple[list[int], int]:
    # 0 stands for "by topic": a selectbox shows None as no choice at all.
    return [0, *fact_years(atlas, chosen["places"])], 0


@dataclass(frozen=True)
class Spec(url.Spec):
    places: str = param(Choice(), _places)
    topic: str | None = param(Choice(), _topics)
    # Quoted facts follow the topic, or come from one year on every topic (a slide on a year).
    year: int = param(Choice(pinned=False), _fact_years)


@dataclass(frozen=True, eq=False)
class ProfileView(View):
    profile: Profile | None = None


def build(atlas: Atlas, spec: Spec, lang: str, present: bool) -> ProfileView:
    shown = profile(atlas, spec.places, spec.topic, lang, present, spec.year or None)
    # A slide shows the first small multiples; the page shows the rest on request.
    slide = {"profile-milestones": shown.timeline} if shown.timeline else {}
    slide |= {f"profile-{indicator}": chart
                for indicator, chart in shown.multiples[:FIRST_CHARTS]}
    if shown.peers:
        slide["profile-peers"] = shown.peers
    return ProfileView(slide, "", shown)


PAGE = Page("profile", "pages/place_profile.py", ":material/location_city:", 40, Spec, build)
