"""Subcommands for the digest area, registered on the `bevakning` group when imported.

Commands here stay thin: parse options, call the library, print a summary.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from bevakning.cli import BadInput, cli, db_option, translate_errors


def digest_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The digest's input errors become one-line messages with exit code 2."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from digest.deliver import DigestConfigError
        from digest.send import SmtpConfigError
        from digest.subscriptions import SubscriptionError
        from digest.weeks import WeekError

        try:
            return fn(*args, **kwargs)
        except (SubscriptionError, WeekError, SmtpConfigError, DigestConfigError) as exc:
            raise BadInput(str(exc)) from exc

    return wrapper


def _open(db_path: str):
    from db import open_db

    return open_db(db_path)


@cli.group()
def subscribers() -> None:
    """Manage who receives the weekly digest email."""


@subscribers.command("add")
@db_option
@click.option("--email", required=True, help="Recipient address.")
@click.option("--name", help="Recipient's name, shown in the To header.")
@click.option(
    "--lan", "lans", multiple=True, metavar="LAN", help="County code or name (repeatable)."
)
@click.option(
    "--municipality",
    "municipalities",
    multiple=True,
    metavar="NAME",
    help="Municipality name or code (repeatable).",
)
@click.option(
    "--topic",
    "topics",
    multiple=True,
    metavar="TOPIC",
    help="transit, rus or other_regional (repeatable).",
)
@click.option("--min-score", type=float, help="Only statements scored at least this (0-1).")
@translate_errors
@digest_errors
def subscribers_add(
    db_path: str,
    email: str,
    name: str | None,
    lans: tuple[str, ...],
    municipalities: tuple[str, ...],
    topics: tuple[str, ...],
    min_score: float | None,
) -> None:
    """Add a subscription; with no county, municipality or topic it gets everything."""
    from digest.subscriptions import add_subscription

    sub = add_subscription(
        _open(db_path),
        email,
        name=name,
        lans=lans,
        municipalities=municipalities,
        topics=topics,
        min_score=min_score,
    )
    click.echo(f"added subscription {sub.id}: {sub.email} ({sub.describe()})")


@subscribers.command("list")
@db_option
@click.option("--all", "show_all", is_flag=True, help="Include removed subscriptions.")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@translate_errors
def subscribers_list(db_path: str, show_all: bool, as_json: bool) -> None:
    """List subscriptions and their filters."""
    import dataclasses
    import json

    from digest.subscriptions import load_subscriptions

    subs, skipped = load_subscriptions(_open(db_path), include_inactive=show_all)
    for line in skipped:
        click.echo(line, err=True)
    if as_json:
        click.echo(json.dumps([dataclasses.asdict(s) for s in subs], ensure_ascii=False, indent=2))
        return
    for s in subs:
        state = "" if s.active else " [removed]"
        name = f" {s.name}" if s.name else ""
        click.echo(f"{s.id}\t{s.email}{name}\t{s.describe()}{state}")
    click.echo(f"{len(subs)} subscription(s)", err=True)


@subscribers.command("remove")
@db_option
@click.argument("key", metavar="ID_OR_EMAIL", required=False)
@click.option(
    "--token",
    metavar="TOKEN",
    help="The token from an unsubscribe link or an 'avregistrera TOKEN' reply.",
)
@translate_errors
@digest_errors
def subscribers_remove(db_path: str, key: str | None, token: str | None) -> None:
    """Stop a subscription (by id, every one for an email address, or by unsubscribe token)."""
    from digest.subscriptions import remove_subscription

    if (key is None) == (token is None):
        raise click.UsageError("give either ID_OR_EMAIL or --token")
    if token is not None:
        from digest.unsubscribe import secret_for, verify_token

        sub_id = verify_token(token, secret_for(db_path) or "")
        if sub_id is None:
            raise click.UsageError("invalid unsubscribe token (made with another secret?)")
        key = str(sub_id)
    for row in remove_subscription(_open(db_path), key):
        click.echo(f"removed subscription {row['id']}: {row['email']!r}")


def send_digest(
    db_path: str,
    *,
    week_text: str | None,
    send: bool,
    out_dir: str | None,
    subscription_id: int | None,
    skip_empty: bool,
    retry_failed: bool = False,
) -> None:
    """Shared by `digest` and `run --digest`.

    Exits non-zero if this run left a recipient without their digest or skipped a
    bad subscription row (every other subscriber still gets theirs).
    """
    from digest.deliver import run_digest, skip_empty_from_env
    from digest.send import SmtpSettings
    from digest.subscriptions import get_subscription, load_subscriptions
    from digest.weeks import Week

    if send and out_dir:
        raise BadInput("choose either --send or --out, not both")
    week = Week.parse(week_text) if week_text else Week.previous_complete()
    settings = SmtpSettings.from_env() if send else None
    if out_dir and Path(out_dir).exists() and not Path(out_dir).is_dir():
        raise BadInput(f"--out is not a directory: {out_dir}")
    if retry_failed and not send:
        raise BadInput("--retry-failed only makes sense with --send")
    db = _open(db_path)
    skipped: list[str] = []
    if subscription_id is not None:
        sub = get_subscription(db, subscription_id)
        if not sub.active:
            raise BadInput(f"subscription {subscription_id} has been removed")
        subs = [sub]
    else:
        subs, skipped = load_subscriptions(db)
        for line in skipped:
            click.echo(line, err=True)
    mode = "send" if send else "out" if out_dir else "preview"
    report = run_digest(
        db,
        week,
        subs,
        db_name=Path(db_path).stem,
        mode=mode,
        settings=settings,
        out_dir=Path(out_dir) if out_dir else None,
        skip_empty=skip_empty or skip_empty_from_env(),
        echo=lambda line: click.echo(line, err=mode != "preview"),
        skipped=skipped,
        retry_failed=retry_failed,
    )
    click.echo(report.line(), err=mode == "preview")
    if not report.ok:
        sys.exit(1)


@cli.command()
@db_option
@click.option("--week", "week_text", metavar="YYYY-Www", help="ISO week (default: last week).")
@click.option("--send", is_flag=True, help="Send by SMTP (settings from BEVAKNING_SMTP_*).")
@click.option("--out", "out_dir", metavar="DIR", help="Write .eml files to DIR instead of sending.")
@click.option("--subscription", "subscription_id", type=int, help="Only this subscription id.")
@click.option(
    "--skip-empty",
    is_flag=True,
    help="Send nothing for an empty week (env: BEVAKNING_DIGEST_SKIP_EMPTY=1).",
)
@click.option(
    "--retry-failed",
    is_flag=True,
    help="With --send: send again the week's failed and unconfirmed digests "
    "(check the mail server's log for unconfirmed ones first).",
)
@translate_errors
@digest_errors
def digest(
    db_path: str,
    week_text: str | None,
    send: bool,
    out_dir: str | None,
    subscription_id: int | None,
    skip_empty: bool,
    retry_failed: bool,
) -> None:
    """Build the weekly digest emails; preview them, write .eml files, or send them once."""
    send_digest(
        db_path,
        week_text=week_text,
        send=send,
        out_dir=out_dir,
        subscription_id=subscription_id,
        skip_empty=skip_empty,
        retry_failed=retry_failed,
    )


@digest_errors
def digest_if_due(db_path: str) -> None:
    """The scheduled step of `run --digest`: send last week's digest on the configured weekday."""
    from datetime import datetime

    from digest.deliver import WEEKDAYS, digest_weekday, is_due
    from digest.weeks import STOCKHOLM

    weekday = digest_weekday()
    today = datetime.now(STOCKHOLM).date()
    if not is_due(today, weekday):
        click.echo(f"digest: not due today (sent on {WEEKDAYS[weekday]})")
        return
    send_digest(
        db_path, week_text=None, send=True, out_dir=None, subscription_id=None, skip_empty=False
    )
