"""One digest run: every subscription for a week, sent, written to files or previewed."""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from email.message import EmailMessage
from pathlib import Path

from sqlite_utils import Database

from digest.collect import HISTORY_WEEKS, build_digest, flagged_items
from digest.render import build_message
from digest.send import (
    MAX_ATTEMPTS,
    ConnectionLost,
    LoginFailed,
    Mailer,
    PermanentFailure,
    SmtpSettings,
    claim_send,
    record_outcome,
    release_claim,
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


# What can happen to one subscription in one run. This run's problems make the
# run fail (exit 1); states an earlier run left (failed-earlier, unconfirmed) are
# reported on every run but do not, or a weekly job would fail until next week.
STATUSES = (
    "sent",  # the server took it and it is recorded
    "written",  # --out
    "previewed",  # no --send, no --out
    "already-sent",  # an earlier run sent it
    "in-progress",  # a concurrent run has claimed it
    "empty-skipped",  # --skip-empty and nothing to report
    "failed",  # the server refused it (5xx, or 4xx the last time): not retried
    "deferred",  # the server answered 4xx: a later run tries again
    "unrecorded",  # the server took it but recording that failed: not sent again
    "not-sent",  # the run stopped first (connection lost, login refused)
    "failed-earlier",  # an earlier run's failure (--retry-failed sends it)
    "unconfirmed",  # an earlier run claimed it and never recorded the outcome
)
_THIS_RUN_PROBLEMS = ("failed", "deferred", "unrecorded", "not-sent")


@dataclass
class Outcome:
    subscription: Subscription
    status: str  # one of STATUSES
    detail: str = ""


@dataclass
class RunReport:
    week: Week
    outcomes: list[Outcome] = field(default_factory=list)
    aborted: str | None = None
    skipped: list[str] = field(default_factory=list)  # stored rows that could not be used

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def ok(self) -> bool:
        """False when this run left someone without their digest, or skipped a bad row."""
        return (
            not self.aborted
            and not self.skipped
            and not any(o.status in _THIS_RUN_PROBLEMS for o in self.outcomes)
        )

    def line(self) -> str:
        parts = [
            f"{self.count(s)} {s}" for s in STATUSES if self.count(s) or s in ("sent", "failed")
        ]
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped (bad or duplicate subscription rows)")
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
    skipped: list[str] | None = None,
    retry_failed: bool = False,
) -> RunReport:
    """Build every subscription's digest and deliver it; the report says what happened to each.

    `skipped` are the stored rows load_subscriptions left out: they are counted in
    the report (the caller shows them), and everyone else still gets theirs.
    """
    report = RunReport(week, skipped=list(skipped or []))
    base_url = base_url or datasette_url()
    items = flagged_items(db, week.shift(-HISTORY_WEEKS), week)
    if mode == "out":
        assert out_dir is not None
        out_dir.mkdir(parents=True, exist_ok=True)
    sender = settings.sender if settings else "bevakning@localhost"
    from digest.unsubscribe import db_file, secret_for

    secret = secret_for(db_file(db))
    mailer = Mailer(settings) if mode == "send" and settings else None
    try:
        for sub in subscriptions:
            if report.aborted:
                report.outcomes.append(Outcome(sub, "not-sent", report.aborted))
                continue
            digest = build_digest(
                db, sub, week, datasette_url=base_url, db_name=db_name, items=items
            )
            if digest.count == 0 and skip_empty:
                report.outcomes.append(Outcome(sub, "empty-skipped"))
                continue
            msg = build_message(digest, sender, secret=secret)
            if mode == "preview":
                echo(f"To: {msg['To']}\nSubject: {msg['Subject']}\n")
                echo(msg.get_body(("plain",)).get_content())
                report.outcomes.append(Outcome(sub, "previewed"))
            elif mode == "out":
                path = out_dir / _filename(week, sub)
                path.write_bytes(msg.as_bytes())
                report.outcomes.append(Outcome(sub, "written", str(path)))
            else:
                _send_one(db, mailer, msg, sub, str(week), digest.count, report, echo, retry_failed)
    finally:
        if mailer is not None:
            mailer.close()
    return report


_REFUSED = {
    "sent": "already-sent",
    "in-progress": "in-progress",
    "deferred": "failed-earlier",
    "failed": "failed-earlier",
    "sending": "unconfirmed",
}


def _send_one(
    db: Database,
    mailer: Mailer,
    msg: EmailMessage,
    sub: Subscription,
    week: str,
    count: int,
    report: RunReport,
    echo: Callable[[str], None],
    retry_failed: bool,
) -> None:
    """Claim, send, record: one subscription, never twice for a week (see digest.send)."""
    who = f"subscription {sub.id} <{sub.email}>"
    try:
        claim = claim_send(db, sub.id, week, msg["Message-ID"], retry_failed=retry_failed)
    except sqlite3.Error as exc:
        echo(f"not sent: {who}: cannot record the send before sending ({exc})")
        report.outcomes.append(Outcome(sub, "not-sent", f"cannot claim: {exc}"))
        return
    if not claim.granted:
        status = _REFUSED.get(claim.status, "already-sent")
        if status != "already-sent":
            echo(f"{status}: {who}: {claim.detail}")
        report.outcomes.append(Outcome(sub, status, claim.detail))
        return
    try:
        mailer.send(msg, sub.email)
    except PermanentFailure as exc:
        transient = exc.code is not None and 400 <= exc.code < 500
        attempts = (claim.previous or {}).get("attempts", 0) + 1
        status = "deferred" if transient and attempts < MAX_ATTEMPTS else "failed"
        echo(f"{status}: {who}: {exc}")
        report.outcomes.append(Outcome(sub, status, str(exc)))
        _quietly_record(db, sub.id, week, status, str(exc), echo)
        return
    except (ConnectionLost, LoginFailed) as exc:
        report.aborted = str(exc)
        echo(f"not sent: {who}: {exc}")
        report.outcomes.append(Outcome(sub, "not-sent", str(exc)))
        try:
            release_claim(db, sub.id, week, claim)
        except sqlite3.Error as db_exc:
            echo(f"not sent: {who}: releasing the claim failed ({db_exc}); rerun --retry-failed")
        return
    try:
        record_outcome(db, sub.id, week, "sent")
    except sqlite3.Error as exc:
        detail = (
            f"the server accepted {msg['Message-ID']} but recording it failed ({exc}); "
            "the claim stays, so no rerun sends it again"
        )
        echo(f"unrecorded: {who}: {detail}")
        report.outcomes.append(Outcome(sub, "unrecorded", detail))
        return
    report.outcomes.append(Outcome(sub, "sent", msg["Message-ID"]))
    echo(f"sent: {who}: {count} statements")


def _quietly_record(
    db: Database, sub_id: int, week: str, status: str, detail: str, echo: Callable[[str], None]
) -> None:
    """A failure's record is bookkeeping: if it cannot be written the claim still blocks resends."""
    try:
        record_outcome(db, sub_id, week, status, detail)
    except sqlite3.Error as exc:
        echo(f"{status}: subscription {sub_id}: recording the failure failed ({exc})")
