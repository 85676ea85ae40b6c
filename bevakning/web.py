"""Build the Datasette instance that `bevakning serve` and `bevakning demo` run.

Everything Datasette needs comes from here: the metadata (titles, canned
queries, permissions) in datasette_metadata.json, the reviewers' password
hashes from the environment, and a signing secret that survives restarts so
reviewers stay logged in (sessions themselves live in the database, see reviewer_auth).
"""

from __future__ import annotations

import copy
import ipaddress
import json
import os
import re
import secrets
import socket
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
METADATA = PROJECT_ROOT / "datasette_metadata.json"
# The metadata is written for a database called "bevakning"; make_datasette
# re-keys it for whatever the file is called (Datasette names a database by its stem).
METADATA_DB = "bevakning"
DEFAULT_REVIEWER = "granskare"
PASSWORD_HASH_ENV = "BEVAKNING_REVIEWER_PASSWORD_HASH"
REVIEWER_ENV = "BEVAKNING_REVIEWER"
# Further accounts: BEVAKNING_PASSWORD_HASH_<NAME>=<hash> logs in as <name> (lower case).
EXTRA_HASH_PREFIX = "BEVAKNING_PASSWORD_HASH_"
SECRET_ENV = "BEVAKNING_SECRET"


def load_metadata(path: Path = METADATA) -> dict[str, Any]:
    """The project's Datasette metadata (titles, descriptions, canned queries)."""
    return json.loads(path.read_text(encoding="utf-8"))


def metadata_for(db_name: str, metadata: dict[str, Any] | None = None) -> dict[str, Any]:
    """The metadata with its database section and links re-keyed to ``db_name``."""
    meta = copy.deepcopy(metadata if metadata is not None else load_metadata())
    databases = meta.get("databases", {})
    if db_name != METADATA_DB and METADATA_DB in databases:
        databases[db_name] = databases.pop(METADATA_DB)
        for key in ("description_html",):
            if key in meta:
                meta[key] = meta[key].replace(f"/{METADATA_DB}/", f"/{db_name}/")
    return meta


def reviewer_accounts(environ: dict[str, str] | None = None) -> dict[str, str]:
    """Reviewer name → password hash, from the environment only (never from files)."""
    env = os.environ if environ is None else environ
    accounts: dict[str, str] = {}
    if env.get(PASSWORD_HASH_ENV):
        accounts[env.get(REVIEWER_ENV) or DEFAULT_REVIEWER] = env[PASSWORD_HASH_ENV]
    for key, value in env.items():
        if key.startswith(EXTRA_HASH_PREFIX) and value:
            name = key[len(EXTRA_HASH_PREFIX) :].lower()
            if re.fullmatch(r"[a-z0-9_.-]+", name):
                accounts[name] = value
    return accounts


def hash_password(password: str) -> str:
    """A PBKDF2 hash for BEVAKNING_REVIEWER_PASSWORD_HASH (the format
    datasette-auth-passwords used, so existing hashes keep working)."""
    from bevakning.reviewer_auth import hash_password as _hash

    return _hash(password)


def signing_secret(db_path: str | Path) -> str:
    """$BEVAKNING_SECRET, else a random secret kept beside the database (mode 600).

    A stable secret keeps reviewers' login cookies and CSRF tokens valid
    across restarts; a fresh random one per start would log everybody out.
    """
    if os.environ.get(SECRET_ENV):
        return os.environ[SECRET_ENV]
    path = Path(db_path).with_name(Path(db_path).name + ".secret")
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    secret = secrets.token_hex(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:
        return secret  # read-only directory: logins last until the server stops
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(secret + "\n")
    return secret


def make_datasette(
    db_path: str | Path,
    *,
    metadata: dict[str, Any] | None = None,
    environ: dict[str, str] | None = None,
) -> Any:
    """A Datasette serving the database read-only for anonymous users, with our metadata.

    Writing (the review form) needs a signed-in reviewer; accounts, admins and
    session settings come from the environment (see reviewer_accounts and
    bevakning.reviewer_auth.AuthConfig) and are handed to our login plugin
    directly, never through metadata or plugin configuration, which Datasette
    publishes at /-/metadata.json. A malformed hash or setting raises ValueError.
    """
    from datasette.app import Datasette
    from datasette.plugins import pm

    from bevakning import review_links, reviewer_auth

    env = os.environ if environ is None else environ
    config = reviewer_auth.AuthConfig.from_env(reviewer_accounts(env), env)
    for plugin in (review_links, reviewer_auth):
        if not pm.is_registered(plugin):
            pm.register(plugin, name=f"bevakning-{plugin.__name__.rsplit('.', 1)[-1]}")
    # datasette-auth-passwords (used before) would publish hashes and issue
    # never-expiring cookies; an environment that still has it installed must not load it.
    for plugin in list(pm.get_plugins()):
        if getattr(plugin, "__name__", "").startswith("datasette_auth_passwords"):
            pm.unregister(plugin)
    db_path = Path(db_path)
    meta = metadata_for(db_path.stem, metadata)
    ds = Datasette(
        files=[str(db_path)],
        metadata=meta,
        secret=signing_secret(db_path),
        settings={
            "sql_time_limit_ms": 5000,
            "facet_time_limit_ms": 300,
            "default_page_size": 50,
            "allow_download": False,
        },
    )
    reviewer_auth.configure(ds, config, db_path.stem)
    return ds


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        try:
            return all(
                ipaddress.ip_address(info[4][0]).is_loopback
                for info in socket.getaddrinfo(host, None)
            )
        except OSError:
            return False


def serve(db_path: str | Path, host: str, port: int, on_ready: Any = None) -> None:
    """Run Datasette with uvicorn until interrupted."""
    import uvicorn

    ds = make_datasette(db_path)
    config = uvicorn.Config(ds.app(), host=host, port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    if on_ready:
        on_ready(f"http://{host}:{port}/")
    server.run()
