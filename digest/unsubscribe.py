"""Unsubscribe tokens: a signed subscription id, for the digest's link and List-Unsubscribe header.

The token is ``<id>.<HMAC-SHA256(secret, "unsubscribe:<id>") as 32 hex>``: it
names one subscription and cannot be forged or changed to another id without
the secret. The secret is $BEVAKNING_DIGEST_SECRET, else the database's
signing secret (``bevakning.web.signing_secret``: $BEVAKNING_SECRET or the
``<db>.secret`` file), which Datasette's unsubscribe page
(bevakning/unsubscribe_route.py) uses too, so a link made by `bevakning digest`
is accepted by `bevakning serve` on the same database.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

DIGEST_SECRET_ENV = "BEVAKNING_DIGEST_SECRET"
ROUTE = "/-/avregistrera"


def make_token(subscription_id: int, secret: str) -> str:
    """The token for one subscription."""
    mac = hmac.new(secret.encode(), f"unsubscribe:{subscription_id}".encode(), hashlib.sha256)
    return f"{int(subscription_id)}.{mac.hexdigest()[:32]}"


def verify_token(token: str, secret: str) -> int | None:
    """The subscription id a genuine token names; None for anything else."""
    sub_id, _, _mac = (token or "").strip().partition(".")
    if not sub_id.isdigit() or len(sub_id) > 18:
        return None
    expected = make_token(int(sub_id), secret)
    return int(sub_id) if hmac.compare_digest(expected, token.strip()) else None


def secret_for(db_path: str | Path | None, env: Mapping[str, str] | None = None) -> str | None:
    """$BEVAKNING_DIGEST_SECRET, else the database's signing secret; None without either."""
    env = os.environ if env is None else env
    if env.get(DIGEST_SECRET_ENV):
        return env[DIGEST_SECRET_ENV]
    if db_path is None:
        return None
    from bevakning.web import signing_secret

    return signing_secret(db_path)


def db_file(db: Any) -> str | None:
    """The file behind a sqlite-utils Database (None for an in-memory one)."""
    for row in db.execute("pragma database_list").fetchall():
        if row[1] == "main" and row[2]:
            return row[2]
    return None


def unsubscribe_url(base_url: str, subscription_id: int, secret: str) -> str:
    """The link on the Datasette server that ends this subscription."""
    return f"{base_url.rstrip('/')}{ROUTE}?token={make_token(subscription_id, secret)}"
