"""Which flagged statements go into a subscription's digest for a week.

A statement belongs to the ISO week of its article's publication date (or of
the fetch date when the publication date is unknown). A syndicated story
counts once: copies share `coalesce(articles.story_id, articles.id)`, and of
the same quote in several copies only the first-published one is kept.
Columns from other areas' migrations (story_id, municipality_code, the
municipalities table) are used when present and skipped when not.
"""

from __future__ import annotations

import json
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
    """One conflict case as the digest shows it: the strongest statement of a story."""

    id: int  # the case id (conflict_cases.id)
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
    quote_kind: str = "quote"  # quote | reported | headline
    target: str | None = None
    statement_ids: list[int] = field(default_factory=list)
    n_statements: int = 1
    articles: list[tuple[str, str, date | None]] = field(default_factory=list)  # outlet, url, day

    @property
    def role_label(self) -> str:
        return ROLE_LABELS.get(self.role or "", self.role or "")

    @property
    def topic_label(self) -> str:
        return TOPIC_LABELS.get(self.topic or "", self.topic or "")

    @property
    def is_headline(self) -> bool:
        return self.quote_kind == "headline"

    @property
    def statements_label(self) -> str:
        return "1 uttalande" if self.n_statements == 1 else f"{self.n_statements} uttalanden"


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
        """Cases, the unit users count."""
        return len(self.items)

    @property
    def statement_count(self) -> int:
        return sum(i.n_statements for i in self.items)

    @property
    def groups(self) -> list[tuple[str, list[Item]]]:
        """Municipalities with the most cases first, then alphabetically."""
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
        """The case's statements in Datasette (one statement: its row page)."""
        base = f"{self.datasette_url.rstrip('/')}/{self.db_name}/statements"
        ids = item.statement_ids or [item.id]
        if len(ids) == 1:
            return f"{base}/{ids[0]}"
        return f"{base}?id__in={','.join(str(i) for i in ids)}"


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
    """The conflict cases of weeks first..last: one per story, municipality and target.

    Cases are computed from the stored statements (``db.cases.case_rows``, the same
    code that fills ``conflict_cases``), so the digest is right even when the table
    was not rebuilt since the last change. A case belongs to the week of its story's
    first publication (or first fetch when no copy has a date).
    """
    from db.cases import case_rows, stories_with_flags

    # One day of slack on each side for time zones; the exact week is decided in Python.
    lo = (first.monday - timedelta(days=1)).isoformat()
    hi = (last.sunday + timedelta(days=1)).isoformat()
    _by_code, by_name, _names = _municipality_lans(db)
    items = []
    for case in case_rows(db, stories_with_flags(db, lo, hi)):
        arts = case["_articles"]
        days = [local_date(a["published"]) or local_date(a["fetched_at"]) for a in arts]
        dated = sorted(d for d in days if d)
        if not dated:
            continue
        day = dated[0]
        head = arts[0]
        name = _tidy(case["municipality"]) or UNKNOWN_MUNICIPALITY
        lan = case["lan"] or by_name.get(name.casefold()) or head["source_lan"]
        outlets = [_tidy(a["outlet"]) for a in arts]
        items.append(
            Item(
                id=case["id"],
                quote=_tidy(case["quote"]),
                speaker=_tidy(case["actor"]) or None,
                role=case["actor_role"],
                topic=case["topic"],
                score=case["score"],
                municipality=name,
                lan=lan,
                outlet=outlets[0],
                day=day,
                week=Week.of(day),
                url=head["url"],
                title=_tidy(head["title"]) or None,
                article_id=head["id"],
                story_key=case["story_id"],
                also_in=list(dict.fromkeys(o for o in outlets[1:] if o and o != outlets[0])),
                quote_kind=case["quote_kind"],
                target=case["target"],
                statement_ids=json.loads(case["statement_ids"]),
                n_statements=case["n_statements"],
                articles=[(o, a["url"], d) for o, a, d in zip(outlets, arts, days, strict=True)],
            )
        )
    return [i for i in items if first <= i.week <= last]


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
