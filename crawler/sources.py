"""Loading and validating a sources file (TOML `[[sources]]` tables)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

REGISTRY = Path(__file__).with_name("sources.toml")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class SourcesError(Exception):
    """The sources file is missing, malformed or names an unknown source."""


@dataclass
class Source:
    id: str
    name: str
    homepage: str
    lan: str
    feeds: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    municipalities: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    def as_row(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "homepage": self.homepage,
            "lan": self.lan,
            "municipalities": self.municipalities,
            "feeds": self.feeds,
            "sitemaps": self.sitemaps,
            **self.extra,
        }


def _str_list(value: object, key: str, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SourcesError(f"{where}: '{key}' must be a list of strings")
    return value


def load_sources(
    path: str | Path | None = None, only: list[str] | tuple[str, ...] = ()
) -> list[Source]:
    """Read a sources file (the project registry when path is None), optionally a subset."""
    path = Path(path) if path else REGISTRY
    if not path.is_file():
        raise SourcesError(f"sources file not found: {path}")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourcesError(f"malformed sources file {path}: {exc}") from exc
    tables = data.get("sources")
    if not isinstance(tables, list) or not tables:
        raise SourcesError(f"{path}: no [[sources]] tables")
    sources: list[Source] = []
    seen: set[str] = set()
    for n, t in enumerate(tables, 1):
        where = f"{path} source #{n}"
        if not isinstance(t, dict):
            raise SourcesError(f"{where}: not a table")
        missing = [
            k
            for k in ("id", "name", "homepage", "lan")
            if not isinstance(t.get(k), str) or not t[k]
        ]
        if missing:
            raise SourcesError(f"{where}: missing or empty field(s): {', '.join(missing)}")
        if not _ID.match(t["id"]):
            raise SourcesError(f"{where}: invalid id {t['id']!r} (use a-z, 0-9, - and _)")
        if t["id"] in seen:
            raise SourcesError(f"{where}: duplicate id {t['id']!r}")
        seen.add(t["id"])
        feeds = _str_list(t.get("feeds"), "feeds", where)
        sitemaps = _str_list(t.get("sitemaps"), "sitemaps", where)
        _str_list(t.get("allowed_hosts"), "allowed_hosts", where)
        if not isinstance(t.get("allow_private", False), bool):
            raise SourcesError(f"{where}: 'allow_private' must be true or false")
        known = {"id", "name", "homepage", "lan", "feeds", "sitemaps", "municipalities"}
        sources.append(
            Source(
                id=t["id"],
                name=t["name"],
                homepage=t["homepage"],
                lan=t["lan"],
                feeds=feeds,
                sitemaps=sitemaps,
                municipalities=_str_list(t.get("municipalities"), "municipalities", where),
                extra={k: v for k, v in t.items() if k not in known},
            )
        )
    if only:
        unknown = sorted(set(only) - seen)
        if unknown:
            raise SourcesError(f"unknown source id(s) in {path}: {', '.join(unknown)}")
        sources = [s for s in sources if s.id in set(only)]
    return sources
