"""Which flagged statements go into a subscription's digest for a week.

A statement belongs to the ISO week of its article's publication date (or of
the fetch date when the publication date is unknown). A syndicated story
counts once: copies share `coalesce(articles.story_id, articles.id)`, and of
the same quote in several copies only the first-published one is kept.
Columns from other areas' migrations (story_id, municipality_code, the
municipalities table) are used when present and skipped when not.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlite_utils import Database

from digest.subscriptions import Subscription, reference_rows
from digest.weeks import Week, local_date

HISTORY_WEEKS = 4

ROLE_LABELS = {
    "kso": "kommunstyrelsens ordförande",
    "kommunalrad": "kommunalråd",
    "oppositionsrad": "oppositionsråd",
    "kommundirektor": "kommundirektör",
    "municipal_politician": "kommunpolitiker",
    "municipality": "kommunen",
    "regional_politician": "regionpolitiker",
    "regional_official": "regiontjänsteperson",
    "citizen": "medborgare",
    "state": "staten",
    "journalist": "journalist",
    "other": "övrig",
}
TOPIC_LABELS = {
    "transit": "kollektivtrafik",
    "rus": "regional utvecklingsstrategi",
    "other_regional": "övrigt regionalt",
    "none": "inget ämne",
}
UNKNOWN_MUNICIPALITY = "Okänd kommun"


@dataclass
class Item:
    """One flagged statement as the digest shows it."""

    id: int
    quote: str
    speaker: str | None
    role: str | None
    topic: str | None
    score: float | None
    municipality: str
    lan: str | None
    outlet: str
    day: date
    week: Week
    url: str
    title: str | None
    article_id: int
    story_key: int
    also_in: list[str] = field(default_factory=list)

    @property
    def role_label(self) -> str:
        return ROLE_LABELS.get(self.role or "", self.role or "")

    @property
    def topic_label(self) -> str:
        return TOPIC_LABELS.get(self.topic or "", self.topic or "")


@dataclass
class Digest:
    """Everything the templates need for one subscription and week."""

    week: Week
    subscription: Subscription
    items: list[Item]
    history: list[tuple[Week, int]]  # the previous weeks, oldest first
    datasette_url: str
    db_name: str

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def groups(self) -> list[tuple[str, list[Item]]]:
        """Municipalities with the most statements first, then alphabetically."""
        by_name: dict[str, list[Item]] = {}
        for item in self.items:
            by_name.setdefault(item.municipality, []).append(item)
        ordered = sorted(by_name.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        return [(name, sorted(items, key=lambda i: (i.day, i.id))) for name, items in ordered]

    @property
    def top_municipalities(self) -> list[tuple[str, int]]:
        counts = Counter(
            i.municipality for i in self.items if i.municipality != UNKNOWN_MUNICIPALITY
        )
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]

    @property
    def history_average(self) -> float:
        return sum(n for _, n in self.history) / len(self.history) if self.history else 0.0

    def statement_url(self, item: Item) -> str:
        return f"{self.datasette_url.rstrip('/')}/{self.db_name}/statements/{item.id}"


def _columns(db: Database, table: str) -> set[str]:
    return set(db[table].columns_dict) if db[table].exists() else set()


def _municipality_lans(db: Database) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """code → lan, casefolded name/alias → lan, code → name (empty without reference data)."""
    by_code: dict[str, str] = {}
    by_name: dict[str, str] = {}
    names: dict[str, str] = {}
    for r in reference_rows(db, "municipalities"):
        by_code[r["code"]] = r["lan_code"]
        names[r["code"]] = r["name"]
        if r["name"]:
            by_name[r["name"].casefold()] = r["lan_code"]
    if db["municipality_aliases"].exists():
        for r in db.query(
            "select a.alias, m.lan_code from municipality_aliases a "
            "join municipalities m on m.code = a.code"
        ):
            if r["alias"]:
                by_name.setdefault(r["alias"].casefold(), r["lan_code"])
    return by_code, by_name, names


def _tidy(text: str | None) -> str:
    """Collapse all whitespace (line breaks included) to single spaces."""
    return re.sub(r"\s+", " ", text or "").strip()


def flagged_items(db: Database, first: Week, last: Week) -> list[Item]:
    """All flagged statements of weeks first..last, one per quote and story."""
    art_cols = _columns(db, "articles")
    st_cols = _columns(db, "statements")
    story = "coalesce(a.story_id, a.id)" if "story_id" in art_cols else "a.id"
    story_first = "a.story_first" if "story_first" in art_cols else "0"
    muni_code = "s.municipality_code" if "municipality_code" in st_cols else "null"
    # One day of slack on each side for time zones; the exact week is decided in Python.
    lo = (first.monday - timedelta(days=1)).isoformat()
    hi = (last.sunday + timedelta(days=1)).isoformat()
    sql = f"""
        select s.id, s.text, s.speaker, s.actor_role, s.topic, s.score, s.municipality,
               {muni_code} as municipality_code, a.id as article_id, a.url, a.title,
               a.published, a.fetched_at, {story} as story_key, {story_first} as story_first,
               coalesce(src.name, a.source_id) as outlet, src.lan as source_lan
        from statements s
        join articles a on a.id = s.article_id
        left join sources src on src.id = a.source_id
        where s.conflict = 1 and {story} in (
            select {story.replace("a.", "a2.")} from articles a2
            where substr(a2.published, 1, 10) between :lo and :hi
               or substr(a2.fetched_at, 1, 10) between :lo and :hi
        )
    """
    by_code, by_name, names = _municipality_lans(db)
    rows = []
    for r in db.query(sql, {"lo": lo, "hi": hi}):
        day = local_date(r["published"]) or local_date(r["fetched_at"])
        if day is None:
            continue
        rows.append((r, day))
    # Preferred copy first: the story's first-published copy, then the earliest, then lowest id.
    rows.sort(
        key=lambda rd: (0 if rd[0]["story_first"] else 1, rd[1], rd[0]["article_id"], rd[0]["id"])
    )
    kept: dict[tuple[int, str], Item] = {}
    for r, day in rows:
        quote = _tidy(r["text"])
        key = (r["story_key"], quote.casefold())
        if key in kept:
            outlet = r["outlet"] or ""
            item = kept[key]
            if outlet and outlet != item.outlet and outlet not in item.also_in:
                item.also_in.append(outlet)
            continue
        code = r["municipality_code"]
        name = _tidy(r["municipality"]) or names.get(code or "", "") or UNKNOWN_MUNICIPALITY
        lan = by_code.get(code or "") or by_name.get(name.casefold()) or r["source_lan"]
        kept[key] = Item(
            id=r["id"],
            quote=quote,
            speaker=_tidy(r["speaker"]) or None,
            role=r["actor_role"],
            topic=r["topic"],
            score=r["score"],
            municipality=name,
            lan=lan,
            outlet=_tidy(r["outlet"]),
            day=day,
            week=Week.of(day),
            url=r["url"],
            title=_tidy(r["title"]) or None,
            article_id=r["article_id"],
            story_key=r["story_key"],
        )
    return [i for i in kept.values() if first <= i.week <= last]


def matches(item: Item, sub: Subscription) -> bool:
    """Counties and municipalities widen each other (either may match); topic and score narrow."""
    if sub.lans or sub.municipalities:
        wanted_munis = {m.casefold() for m in sub.municipalities}
        if item.lan not in sub.lans and item.municipality.casefold() not in wanted_munis:
            return False
    if sub.topics and item.topic not in sub.topics:
        return False
    return not (sub.min_score is not None and (item.score is None or item.score < sub.min_score))


def build_digest(
    db: Database,
    sub: Subscription,
    week: Week,
    *,
    datasette_url: str,
    db_name: str,
    items: list[Item] | None = None,
) -> Digest:
    """The digest for one subscription; pass `items` to share one query across subscriptions."""
    first = week.shift(-HISTORY_WEEKS)
    if items is None:
        items = flagged_items(db, first, week)
    mine = [i for i in items if matches(i, sub)]
    history = [
        (w, sum(1 for i in mine if i.week == w))
        for w in (week.shift(-n) for n in range(HISTORY_WEEKS, 0, -1))
    ]
    return Digest(
        week=week,
        subscription=sub,
        items=[i for i in mine if i.week == week],
        history=history,
        datasette_url=datasette_url,
        db_name=db_name,
    )
