"""Subscriptions: who receives a digest and which statements they want.

An empty list means "no restriction": a subscription with no county,
municipality or topic gets every flagged statement.

One address may hold several subscriptions with different filters (one digest
each); the same address with the same filter is refused at `add`, comparing the
address without regard to case and the filter without regard to order. Rows that
reach the table some other way (an old version, a hand edit, Datasette) are
checked again when read: `load_subscriptions` skips and reports a bad or
duplicate row instead of letting it stop everyone else's digest.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from db.store import now_iso
from digest import TOPICS

# Deliberately strict: one address, an ASCII dot-atom local part (no leading,
# trailing or doubled dot: RFC 5322 3.4.1), a dotted domain, no whitespace,
# commas or control characters (which also keeps headers clean).
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_EMAIL_RE = re.compile(rf"^{_ATOM}(?:\.{_ATOM})*@{_LABEL}(?:\.{_LABEL})+$")
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
        """Check a stored row as strictly as `add` would; SubscriptionError says what is wrong.

        The address goes into a To header and an SMTP RCPT, the filters into SQL
        parameters: a row that would not pass `add` must not reach either.
        """
        min_score = row.get("min_score")
        if min_score is not None and (
            isinstance(min_score, bool)
            or not isinstance(min_score, int | float)
            or not 0.0 <= min_score <= 1.0
        ):
            raise SubscriptionError(f"invalid min_score {min_score!r}")
        topics = _json_list(row, "topics")
        if any(t not in TOPICS for t in topics):
            raise SubscriptionError(f"invalid topics {row.get('topics')!r}")
        return cls(
            id=row["id"],
            email=validate_email(row.get("email") or ""),
            name=_validate_name(row.get("name")),
            lans=_json_list(row, "lans"),
            municipalities=_json_list(row, "municipalities"),
            topics=topics,
            min_score=min_score,
            created_at=row.get("created_at"),
            active=bool(row.get("active", 1)),
        )

    def filter_key(self) -> tuple:
        """What makes two subscriptions the same digest: address (any case) and filter."""
        return (
            self.email.casefold(),
            tuple(sorted(self.lans)),
            tuple(sorted(self.municipalities)),
            tuple(sorted(self.topics)),
            self.min_score,
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


def _json_list(row: dict[str, Any], key: str) -> list[str]:
    raw = row.get(key)
    try:
        value = json.loads(raw) if raw else []
    except (TypeError, ValueError):
        raise SubscriptionError(f"invalid {key} {raw!r}: not JSON") from None
    if not isinstance(value, list) or not all(
        isinstance(v, str) and v.strip() and not _CONTROL_RE.search(v) for v in value
    ):
        raise SubscriptionError(f"invalid {key} {raw!r}: not a list of names")
    return value


def validate_email(email: str) -> str:
    """Return the address stripped, or raise: it goes into a To header and an SMTP RCPT."""
    value = (email or "").strip() if isinstance(email, str) else ""
    local = value.rpartition("@")[0]
    if not _EMAIL_RE.match(value) or len(value) > 254 or len(local) > 64:
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
    new = Subscription.from_row({**row, "id": 0})
    # Checked and inserted under one write lock, so two concurrent adds cannot both pass.
    with db.atomic():
        for other, _problem in _stored(
            db, "where active = 1 and lower(email) = lower(?)", [new.email]
        ):
            if other is not None and other.filter_key() == new.filter_key():
                raise SubscriptionError(
                    f"already subscribed: subscription {other.id} has the address "
                    f"{other.email} with the same filter ({other.describe()})"
                )
        new_id = db["subscriptions"].insert(row).last_pk
    return get_subscription(db, new_id)


def get_subscription(db: Database, sub_id: int) -> Subscription:
    rows = list(db.query("select * from subscriptions where id = ?", [sub_id]))
    if not rows:
        raise SubscriptionError(f"no subscription with id {sub_id}")
    try:
        return Subscription.from_row(dict(rows[0]))
    except SubscriptionError as exc:
        raise SubscriptionError(f"subscription {sub_id} cannot be used: {exc}") from None


def _stored(
    db: Database, where: str = "", params: list[Any] | None = None
) -> list[tuple[Subscription | None, str | None]]:
    """Each stored row as a Subscription, or None and why it cannot be one."""
    out: list[tuple[Subscription | None, str | None]] = []
    for row in db.query(f"select * from subscriptions {where} order by id", params or []):
        try:
            out.append((Subscription.from_row(dict(row)), None))
        except SubscriptionError as exc:
            out.append((None, f"subscription {row['id']} skipped: {exc}"))
    return out


def load_subscriptions(
    db: Database, *, include_inactive: bool = False
) -> tuple[list[Subscription], list[str]]:
    """The usable subscriptions, and one line for each stored row skipped.

    A bad row (CR/LF or a comma in the address, a filter that is not a JSON list)
    or a second row with the address and filter of an earlier one is skipped, so
    that one row can never stop the digest of everyone after it.
    """
    subs: list[Subscription] = []
    skipped: list[str] = []
    seen: dict[tuple, int] = {}
    for sub, problem in _stored(db, "" if include_inactive else "where active = 1"):
        if sub is None:
            skipped.append(problem or "")
            continue
        key = sub.filter_key()
        if sub.active and key in seen:
            skipped.append(
                f"subscription {sub.id} skipped: duplicate of subscription {seen[key]} "
                "(same address and filter)"
            )
            continue
        if sub.active:
            seen[key] = sub.id
        subs.append(sub)
    return subs, skipped


def list_subscriptions(db: Database, *, include_inactive: bool = False) -> list[Subscription]:
    """The usable subscriptions (see load_subscriptions for the rows left out)."""
    return load_subscriptions(db, include_inactive=include_inactive)[0]


def remove_subscription(db: Database, key: str) -> list[dict[str, Any]]:
    """Deactivate by id or email; the row and its send log stay for the record.

    Works on the raw rows, so a row too broken to send to can still be removed.
    """
    key = key.strip()
    if key.isdigit():
        where, params = "active = 1 and id = ?", [int(key)]
    else:
        where, params = "active = 1 and lower(trim(email)) = lower(?)", [key]
    with db.atomic():
        found = [
            dict(r) for r in db.query(f"select id, email from subscriptions where {where}", params)
        ]
        if not found:
            raise SubscriptionError(f"no active subscription matches {key!r}")
        for row in found:
            db.execute("update subscriptions set active = 0 where id = ?", [row["id"]])
    return found
