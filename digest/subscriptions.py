"""Subscriptions: who receives a digest and which statements they want.

An empty list means "no restriction": a subscription with no county,
municipality or topic gets every flagged statement.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from db.store import now_iso
from digest import TOPICS

# Deliberately strict: one address, ASCII local part, a dotted domain, no
# whitespace or control characters (which also keeps headers clean).
_EMAIL_RE = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
# Sweden's 21 county codes, used when the reference tables are not loaded.
LAN_CODES = frozenset(
    [
        "01",
        "03",
        "04",
        "05",
        "06",
        "07",
        "08",
        "09",
        "10",
        "12",
        "13",
        "14",
        "17",
        "18",
        "19",
        "20",
        "21",
        "22",
        "23",
        "24",
        "25",
    ]
)


class SubscriptionError(ValueError):
    """Bad input for a subscription: address, county, municipality, topic or score."""


@dataclass
class Subscription:
    id: int
    email: str
    name: str | None = None
    lans: list[str] = field(default_factory=list)
    municipalities: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    min_score: float | None = None
    created_at: str | None = None
    active: bool = True

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Subscription:
        return cls(
            id=row["id"],
            email=row["email"],
            name=row.get("name"),
            lans=json.loads(row.get("lans") or "[]"),
            municipalities=json.loads(row.get("municipalities") or "[]"),
            topics=json.loads(row.get("topics") or "[]"),
            min_score=row.get("min_score"),
            created_at=row.get("created_at"),
            active=bool(row.get("active", 1)),
        )

    def describe(self) -> str:
        """A short Swedish description of the filter, shown in the digest's footer."""
        parts = []
        if self.lans:
            parts.append("län " + ", ".join(self.lans))
        if self.municipalities:
            parts.append("kommun " + ", ".join(self.municipalities))
        if self.topics:
            parts.append("ämne " + ", ".join(self.topics))
        if self.min_score is not None:
            parts.append(f"lägst poäng {self.min_score:g}")
        return "; ".join(parts) if parts else "alla län, kommuner och ämnen"


def validate_email(email: str) -> str:
    """Return the address stripped, or raise: it goes into a To header and an SMTP RCPT."""
    value = (email or "").strip()
    if not _EMAIL_RE.match(value) or len(value) > 254:
        raise SubscriptionError(f"invalid email address: {email!r}")
    return value


def _validate_name(name: str | None) -> str | None:
    if name is None:
        return None
    if _CONTROL_RE.search(name):
        raise SubscriptionError("invalid name: control characters or line breaks are not allowed")
    return name.strip() or None


def reference_rows(db: Database, table: str) -> list[dict[str, Any]]:
    """Rows of `regions` or `municipalities`; the shipped CSV when the table is absent or empty.

    `bevakning init` loads the tables, but a database made only by open_db
    (or before the reference data existed) must still validate and map counties.
    """
    if db[table].exists() and db[table].count:
        return [dict(r) for r in db[table].rows]
    from db.reference import read_municipalities, read_regions

    return read_regions() if table == "regions" else read_municipalities()


def _normalise_lans(db: Database, lans: list[str]) -> list[str]:
    """County codes ("18") or names ("Örebro län"); stored as two-digit codes."""
    known: dict[str, str] = {}
    for r in reference_rows(db, "regions"):
        if r.get("lan_code"):
            known[r["lan_code"]] = r["lan_code"]
            for key in ("lan_name", "region_name"):
                if r.get(key):
                    known[r[key].casefold()] = r["lan_code"]
    out: list[str] = []
    for lan in lans:
        value = lan.strip()
        if value.isdigit() and len(value) <= 2:
            value = value.zfill(2)
            if value not in (known or LAN_CODES):
                raise SubscriptionError(f"unknown county code: {lan!r}")
        elif value.casefold() in known:
            value = known[value.casefold()]
        else:
            raise SubscriptionError(f"unknown county: {lan!r} (use a code like 18 or a name)")
        if value not in out:
            out.append(value)
    return out


def _normalise_municipalities(db: Database, names: list[str]) -> list[str]:
    """Municipality names or codes; stored as official names where the reference table exists."""
    known: dict[str, str] = {}
    for r in reference_rows(db, "municipalities"):
        known[r["code"]] = r["name"]
        known[r["name"].casefold()] = r["name"]
    out: list[str] = []
    for name in names:
        value = name.strip()
        if not value or _CONTROL_RE.search(value):
            raise SubscriptionError(f"invalid municipality: {name!r}")
        if known:
            if value in known:
                value = known[value]
            elif value.casefold() in known:
                value = known[value.casefold()]
            else:
                raise SubscriptionError(f"unknown municipality: {name!r}")
        if value not in out:
            out.append(value)
    return out


def _validate_topics(topics: list[str]) -> list[str]:
    out: list[str] = []
    for topic in topics:
        value = topic.strip().lower()
        if value not in TOPICS:
            raise SubscriptionError(f"invalid topic: {topic!r} (choose from {', '.join(TOPICS)})")
        if value not in out:
            out.append(value)
    return out


def add_subscription(
    db: Database,
    email: str,
    *,
    name: str | None = None,
    lans: list[str] | tuple[str, ...] = (),
    municipalities: list[str] | tuple[str, ...] = (),
    topics: list[str] | tuple[str, ...] = (),
    min_score: float | None = None,
) -> Subscription:
    """Validate everything first, then insert: bad input never leaves a half-made row."""
    row = {
        "email": validate_email(email),
        "name": _validate_name(name),
        "lans": json.dumps(_normalise_lans(db, list(lans)), ensure_ascii=False),
        "municipalities": json.dumps(
            _normalise_municipalities(db, list(municipalities)), ensure_ascii=False
        ),
        "topics": json.dumps(_validate_topics(list(topics))),
        "min_score": None,
        "created_at": now_iso(),
        "active": 1,
    }
    if min_score is not None:
        if not 0.0 <= float(min_score) <= 1.0:
            raise SubscriptionError(f"invalid min score: {min_score} (must be between 0 and 1)")
        row["min_score"] = float(min_score)
    with db.atomic():
        new_id = db["subscriptions"].insert(row).last_pk
    return get_subscription(db, new_id)


def get_subscription(db: Database, sub_id: int) -> Subscription:
    rows = list(db.query("select * from subscriptions where id = ?", [sub_id]))
    if not rows:
        raise SubscriptionError(f"no subscription with id {sub_id}")
    return Subscription.from_row(rows[0])


def list_subscriptions(db: Database, *, include_inactive: bool = False) -> list[Subscription]:
    sql = "select * from subscriptions"
    if not include_inactive:
        sql += " where active = 1"
    return [Subscription.from_row(r) for r in db.query(sql + " order by id")]


def remove_subscription(db: Database, key: str) -> list[Subscription]:
    """Deactivate by id or email; the row and its send log stay for the record."""
    key = key.strip()
    if key.isdigit():
        found = [s for s in list_subscriptions(db) if s.id == int(key)]
    else:
        found = [s for s in list_subscriptions(db) if s.email.casefold() == key.casefold()]
    if not found:
        raise SubscriptionError(f"no active subscription matches {key!r}")
    with db.atomic():
        for sub in found:
            db.execute("update subscriptions set active = 0 where id = ?", [sub.id])
    return found
