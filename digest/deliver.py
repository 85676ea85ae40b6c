"""One digest run: every subscription for a week, sent, written to files or previewed."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlite_utils import Database

from digest.collect import HISTORY_WEEKS, build_digest, flagged_items
from digest.render import build_message
from digest.send import (
    ConnectionLost,
    LoginFailed,
    Mailer,
    PermanentFailure,
    SmtpSettings,
    already_sent,
    record_sent,
)
from digest.subscriptions import Subscription
from digest.weeks import Week

DEFAULT_DATASETTE_URL = "http://127.0.0.1:8001"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SV_WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")


class DigestConfigError(ValueError):
    """An invalid digest setting (weekday, output folder)."""


def datasette_url(env: dict[str, str] | None = None) -> str:
    env = os.environ if env is None else env
    return (env.get("BEVAKNING_DATASETTE_URL") or DEFAULT_DATASETTE_URL).strip().rstrip("/")


def skip_empty_from_env(env: dict[str, str] | None = None) -> bool:
    env = os.environ if env is None else env
    return (env.get("BEVAKNING_DIGEST_SKIP_EMPTY") or "").strip().lower() in ("1", "true", "yes")


def digest_weekday(env: dict[str, str] | None = None) -> int:
    """BEVAKNING_DIGEST_WEEKDAY as 0 (Monday) … 6; English or Swedish name, or 1–7."""
    env = os.environ if env is None else env
    raw = (env.get("BEVAKNING_DIGEST_WEEKDAY") or "monday").strip().lower()
    if raw in WEEKDAYS:
        return WEEKDAYS.index(raw)
    if raw in _SV_WEEKDAYS:
        return _SV_WEEKDAYS.index(raw)
    if raw.isdigit() and 1 <= int(raw) <= 7:
        return int(raw) - 1
    raise DigestConfigError(
        f"invalid BEVAKNING_DIGEST_WEEKDAY {raw!r}: a weekday name (monday) or 1-7"
    )


def is_due(today: date, weekday: int) -> bool:
    return today.weekday() == weekday


@dataclass
class Outcome:
    subscription: Subscription
    status: str  # sent | written | previewed | already-sent | empty-skipped | failed | not-sent
    detail: str = ""


@dataclass
class RunReport:
    week: Week
    outcomes: list[Outcome] = field(default_factory=list)
    aborted: str | None = None

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def ok(self) -> bool:
        return not self.aborted and not any(
            o.status in ("failed", "not-sent") for o in self.outcomes
        )

    def line(self) -> str:
        parts = [
            f"{self.count(s)} {s}"
            for s in (
                "sent",
                "written",
                "previewed",
                "already-sent",
                "empty-skipped",
                "failed",
                "not-sent",
            )
            if self.count(s) or s in ("sent", "failed")
        ]
        text = f"digest {self.week}: " + ", ".join(parts)
        if self.aborted:
            text += f" (stopped: {self.aborted})"
        return text


def _filename(week: Week, sub: Subscription) -> str:
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", sub.email)
    return f"{week}-s{sub.id}-{safe}.eml"


def run_digest(
    db: Database,
    week: Week,
    subscriptions: list[Subscription],
    *,
    db_name: str,
    mode: str,  # send | out | preview
    settings: SmtpSettings | None = None,
    out_dir: Path | None = None,
    skip_empty: bool = False,
    base_url: str | None = None,
    echo: Callable[[str], None] = print,
) -> RunReport:
    """Build every subscription's digest and deliver it; the report says what happened to each."""
    report = RunReport(week)
    base_url = base_url or datasette_url()
    items = flagged_items(db, week.shift(-HISTORY_WEEKS), week)
    if mode == "out":
        assert out_dir is not None
        out_dir.mkdir(parents=True, exist_ok=True)
    sender = settings.sender if settings else "bevakning@localhost"
    mailer = Mailer(settings) if mode == "send" and settings else None
    try:
        for sub in subscriptions:
            if report.aborted:
                report.outcomes.append(Outcome(sub, "not-sent", report.aborted))
                continue
            if mode == "send" and already_sent(db, sub.id, str(week)):
                report.outcomes.append(Outcome(sub, "already-sent"))
                continue
            digest = build_digest(
                db, sub, week, datasette_url=base_url, db_name=db_name, items=items
            )
            if digest.count == 0 and skip_empty:
                report.outcomes.append(Outcome(sub, "empty-skipped"))
                continue
            msg = build_message(digest, sender)
            if mode == "preview":
                echo(f"To: {msg['To']}\nSubject: {msg['Subject']}\n")
                echo(msg.get_body(("plain",)).get_content())
                report.outcomes.append(Outcome(sub, "previewed"))
            elif mode == "out":
                path = out_dir / _filename(week, sub)
                path.write_bytes(msg.as_bytes())
                report.outcomes.append(Outcome(sub, "written", str(path)))
            else:
                try:
                    mailer.send(msg, sub.email)
                except PermanentFailure as exc:
                    echo(f"failed: subscription {sub.id} <{sub.email}>: {exc}")
                    report.outcomes.append(Outcome(sub, "failed", str(exc)))
                    continue
                except (ConnectionLost, LoginFailed) as exc:
                    report.aborted = str(exc)
                    echo(f"not sent: subscription {sub.id} <{sub.email}>: {exc}")
                    report.outcomes.append(Outcome(sub, "not-sent", str(exc)))
                    continue
                record_sent(db, sub.id, str(week), msg["Message-ID"])
                report.outcomes.append(Outcome(sub, "sent", msg["Message-ID"]))
                echo(f"sent: subscription {sub.id} <{sub.email}>: {digest.count} statements")
    finally:
        if mailer is not None:
            mailer.close()
    return report
