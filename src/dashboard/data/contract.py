"""The data contract: the one definition of every table in ``data/``.

The ETL writes to it, the loader validates against it, and ``datapackage.json`` is generated
from it, so the three can never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

TOPICS = ("clusters", "incubators", "high_tech", "talent", "research", "context")
PLACE_KINDS = ("country", "province", "municipality", "city", "cluster", "institution")
GRADES = ("official", "reprint", "weak")
SOURCE_KINDS = ("dataset", "web_page", "seed_document", "geometry", "derivation")
# How a figure departs from an exact published value; empty = exact. "超过/突破/over" →
# at_least, "nearly/just under" → at_most, "左右/about/余" → about, "预计/expected" → estimate.
QUALIFIERS = ("at_least", "at_most", "about", "estimate")


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # frictionless types: string, integer, number, boolean
    description: str
    required: bool = True
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    unique: bool = False


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    table: str
    ref_columns: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    name: str
    path: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = field(default=())

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


PLACE_ID_PATTERN = r"^([A-Z]{3}|CN-\d{6}|GII-[a-z0-9-]+|GIHI-[a-z0-9-]+|INST-[a-z0-9-]+)$"
SNAKE = r"^[a-z][a-z0-9_]*$"
SOURCE_ID = r"[a-z0-9][a-z0-9_.-]*"
AS_OF = r"^\d{4}-\d{2}(-\d{2})?$"


def source_family(source_id: str) -> str:
    """The series a source belongs to: yearly bulletins and yearbook tables are one series
    each, their ids ending in the year."""
    return re.sub(r"-\d{4}$", "", source_id)


# The observation columns a second reading of a hand-collected figure fills.
SECOND_READING = ("verified", "as_of")
# What the build's checks (dashboard.etl.checks) flag; each rule's reason is in checks.csv.
CHECK_RULES = ("evidence_resident_hukou", "evidence_undergraduate", "evidence_recognised",
               "evidence_application", "evidence_stock", "rd_preliminary", "rd_intensity_lag",
               "repeated_value")

SOURCES = Table(
    name="sources",
    path="sources.csv",
    description="Every publication a figure or boundary comes from.",
    columns=(
        Column("source_id", "string", "Stable id of the source.", pattern=f"^{SOURCE_ID}$",
               unique=True),
        Column("title", "string", "Title as published."),
        Column("publisher", "string", "Organisation that published it."),
        Column("carrier", "string", "Who republished it where the figures were taken from (a "
               "compiler's package, repository or mirror); empty when read from the publisher.",
               required=False),
        Column("url", "string", "Where it can be read (a seed file name for seed documents, "
               "the code for derivations)."),
        Column("published", "string", "Publication date as stated (YYYY, YYYY-MM or YYYY-MM-DD).",
               required=False),
        Column("licence", "string", "Licence or terms of use."),
        Column("citation", "string", "Full citation to quote."),
        Column("kind", "string", "What the source is.", enum=SOURCE_KINDS),
        Column("grade", "string", "Trust in the publisher's copy: official, reprint or weak.",
               enum=GRADES),
    ),
    primary_key=("source_id",),
)

INDICATORS = Table(
    name="indicators",
    path="indicators.csv",
    description="What each observed number measures, in which unit.",
    columns=(
        Column("indicator_id", "string", "Snake-case id.", pattern=SNAKE, unique=True),
        Column("topic", "string", "Dashboard topic.", enum=TOPICS),
        Column("name_en", "string", "Name in English."),
        Column("name_zh", "string", "Name in Chinese."),
        Column("unit", "string", "Unit every value is stored in."),
        Column("unit_zh", "string", "Unit in Chinese."),
        Column("definition", "string", "What is counted, and what is not."),
        Column("higher_is_better", "boolean", "Direction for rankings (ranks: lower is better)."),
        Column("per_capita", "boolean", "Whether dividing by population is meaningful."),
        Column("additive", "boolean", "Whether figures of several places add up to a meaningful "
               "total (counts, money, people); otherwise a group is summarised by its median."),
    ),
    primary_key=("indicator_id",),
)

PLACES = Table(
    name="places",
    path="places.csv",
    description="Countries, provinces, cities, GII clusters and institutions.",
    columns=(
        Column("place_id", "string", "ISO3, CN-<adcode>, GII-<slug> (GII clusters), GIHI-<slug> "
               "(Global Innovation Hubs Index hubs) or INST-<slug>.",
               pattern=PLACE_ID_PATTERN, unique=True),
        Column("kind", "string", "Geography level.", enum=PLACE_KINDS),
        Column("name_en", "string", "Name in English."),
        Column("name_zh", "string", "Name in Chinese (empty where none is published).",
               required=False),
        Column("parent_id", "string", "Enclosing place.", required=False),
        Column("lat", "number", "Latitude (WGS84) of the place's main point.", required=False),
        Column("lon", "number", "Longitude (WGS84).", required=False),
        Column("is_city", "boolean", "Counts as a city (prefecture cities and municipalities)."),
    ),
    primary_key=("place_id",),
    foreign_keys=(ForeignKey(("parent_id",), "places", ("place_id",)),),
)

OBSERVATIONS = Table(
    name="observations",
    path="observations.csv",
    description="One row per published figure. Missing figures have no row.",
    columns=(
        Column("place_id", "string", "Place the figure is about."),
        Column("indicator_id", "string", "What it measures."),
        Column("year", "integer", "Reference year (GII indicators: the edition year)."),
        Column("value", "number", "The figure, in the indicator's unit."),
        Column("qualifier", "string", "Empty when the figure is exact; otherwise whether it is a "
               "lower bound, an upper bound, an approximation or an estimate.", required=False,
               enum=QUALIFIERS),
        Column("source_id", "string", "Where it is published; for a derived figure, the source "
               "describing how it was derived."),
        Column("derived_from", "string", "Derived figures only: the source ids of the inputs, "
               "separated by spaces.", required=False,
               pattern=f"^{SOURCE_ID}( {SOURCE_ID})*$"),
        Column("preferred", "boolean",
               "The one row per place, indicator and year to chart when sources disagree."),
        Column("grade", "string", "Trust in the source: official, reprint or weak.", enum=GRADES),
        Column("evidence", "string", "Exact phrase that states the figure (hand-collected facts).",
               required=False),
        Column("note", "string", "Caveats: definitions, revisions, conversions.", required=False),
        Column("verified", "string", "Hand-collected facts: when and how the figure was read a "
               "second time against its page ('<date> ok|fixed|unconfirmed: <how>'); empty when "
               "it never was.", required=False),
        Column("as_of", "string", "The date the figure is a count at, when not the year's end "
               "(a mid-year count); empty for year-end and annual figures.", required=False,
               pattern=AS_OF),
    ),
    # A source may state two figures for one key under different definitions (a wide and a
    # narrow count of incubators): both are kept, the note says how they differ.
    primary_key=("place_id", "indicator_id", "year", "source_id", "value"),
    foreign_keys=(
        ForeignKey(("place_id",), "places", ("place_id",)),
        ForeignKey(("indicator_id",), "indicators", ("indicator_id",)),
        ForeignKey(("source_id",), "sources", ("source_id",)),
    ),
)

COVERAGE = Table(
    name="coverage",
    path="coverage.csv",
    description="Generated: figures per place kind and indicator, and their years.",
    columns=(
        Column("kind", "string", "Geography level.", enum=PLACE_KINDS),
        Column("indicator_id", "string", "Indicator."),
        Column("places", "integer", "Places with at least one figure."),
        Column("observations", "integer", "Figures (all sources)."),
        Column("first_year", "integer", "Earliest year."),
        Column("last_year", "integer", "Latest year."),
        Column("flagged", "integer", "Figures the build's checks flag (checks.csv)."),
    ),
    primary_key=("kind", "indicator_id"),
    foreign_keys=(ForeignKey(("indicator_id",), "indicators", ("indicator_id",)),),
)

CHECKS = Table(
    name="checks",
    path="checks.csv",
    description="Generated: figures the build's checks flag as probably filed under the wrong "
                "year or indicator, or not yet final, with the rule and the reason. The preferred "
                "rule never prefers a flagged figure over an unflagged one.",
    columns=(
        Column("place_id", "string", "Place of the flagged figure."),
        Column("indicator_id", "string", "Its indicator."),
        Column("year", "integer", "Its year."),
        Column("value", "number", "Its value, as in observations.csv."),
        Column("source_id", "string", "Its source."),
        Column("rule", "string", "The check that flags it.", enum=CHECK_RULES),
        Column("reason", "string", "Why, in plain words."),
    ),
    primary_key=("place_id", "indicator_id", "year", "source_id", "value", "rule"),
    foreign_keys=(
        ForeignKey(("place_id",), "places", ("place_id",)),
        ForeignKey(("indicator_id",), "indicators", ("indicator_id",)),
        ForeignKey(("source_id",), "sources", ("source_id",)),
    ),
)

GEO_LAYERS = Table(
    name="geo_layers",
    path="geo/layers.csv",
    description="Boundary files for maps, keyed by place_id, with their source.",
    columns=(
        Column("layer", "string", "Layer id.", pattern=SNAKE, unique=True),
        Column("path", "string", "GeoJSON file, relative to data/."),
        Column("kind", "string", "Kind of place each feature is.", enum=PLACE_KINDS),
        Column("features", "integer", "Number of features."),
        Column("source_id", "string", "Where the boundaries come from."),
    ),
    primary_key=("layer",),
    foreign_keys=(ForeignKey(("source_id",), "sources", ("source_id",)),),
)

MILESTONES = Table(
    name="milestones",
    path="milestones.csv",
    description="Dated goals from plans (not observations), drawn on a place's time axis.",
    columns=(
        Column("place_id", "string", "Place the plan is for."),
        Column("year", "integer", "Target year."),
        Column("label_en", "string", "Short label in English."),
        Column("label_zh", "string", "Short label in Chinese."),
        Column("source_id", "string", "The plan or report stating it."),
        Column("evidence", "string", "Exact phrase stating the goal."),
    ),
    primary_key=("place_id", "year", "source_id"),
    foreign_keys=(
        ForeignKey(("place_id",), "places", ("place_id",)),
        ForeignKey(("source_id",), "sources", ("source_id",)),
    ),
)

GAPS = Table(
    name="gaps",
    path="gaps.csv",
    description="Series known not to exist, said once instead of leaving empty cells unexplained.",
    columns=(
        Column("gap_id", "string", "Snake-case id.", pattern=SNAKE, unique=True),
        Column("indicator_id", "string", "The indicator the gap is about; empty for a list or "
               "system that could not be found.", required=False),
        Column("place_id", "string", "The place; empty when it holds for every city.",
               required=False),
        Column("note_en", "string", "What does not exist, and where the figures shown come from."),
        Column("note_zh", "string", "The same in Chinese."),
    ),
    primary_key=("gap_id",),
    foreign_keys=(
        ForeignKey(("indicator_id",), "indicators", ("indicator_id",)),
        ForeignKey(("place_id",), "places", ("place_id",)),
    ),
)

MEMBER_SEPARATOR = ";"

GROUPS = Table(
    name="groups",
    path="groups.csv",
    description="Named peer groups of places (city clusters, plan areas, rankings' top tens), "
                "each with the source that defines its membership.",
    columns=(
        Column("group_id", "string", "Snake-case id, as used in links (group=).",
               pattern=SNAKE, unique=True),
        Column("name_en", "string", "Name in English."),
        Column("name_zh", "string", "Name in Chinese."),
        Column("members", "string", "Place ids of the members, separated by ';'.",
               pattern=rf"^{PLACE_ID_PATTERN[1:-1]}(;{PLACE_ID_PATTERN[1:-1]})*$"),
        Column("source_id", "string", "Where the membership is stated (for a group derived from "
               "the data, the source describing the derivation)."),
        Column("note", "string", "What the group covers, and members the data lacks.",
               required=False),
    ),
    primary_key=("group_id",),
    foreign_keys=(ForeignKey(("source_id",), "sources", ("source_id",)),),
)

TABLES: tuple[Table, ...] = (SOURCES, INDICATORS, PLACES, OBSERVATIONS, COVERAGE, CHECKS,
                             GEO_LAYERS, MILESTONES, GAPS, GROUPS)
TABLES_BY_NAME = {t.name: t for t in TABLES}
