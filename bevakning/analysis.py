"""A small pandas API for notebooks: the statements and cases exports as DataFrames.

    from bevakning.analysis import load_statements
    df = load_statements("bevakning.db", flagged=True, since="2025-01-01")

Columns are those of ``bevakning export statements``; dates are timezone-aware
datetimes (UTC) and the low-cardinality columns are categoricals, so
``groupby`` over county, K-category, role or topic is cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas

CATEGORICAL = (
    "role",
    "municipality",
    "municipality_code",
    "k_category",
    "lan_code",
    "lan_name",
    "topic",
    "model",
    "quote_kind",
    "outlet",
    "speaker_party",
)


def load_statements(
    db_path: str | Path,
    *,
    since: str | None = None,
    until: str | None = None,
    lan: str | Sequence[str] = (),
    flagged: bool = False,
    municipality_code: str | Sequence[str] = (),
    topic: str | Sequence[str] = (),
) -> pandas.DataFrame:
    """Statements with article, outlet, municipality and county, filtered like the export.

    ``since``/``until`` are inclusive dates (YYYY-MM-DD); ``lan``,
    ``municipality_code`` and ``topic`` take one value or a list.
    Raises db.export.ExportError for a bad filter and db.DatabaseError for a
    missing or unreadable database.
    """
    import pandas as pd

    from db.export import Filters

    filters = Filters(
        since=since,
        until=until,
        lans=_as_tuple(lan),
        flagged=flagged,
        municipality_codes=_as_tuple(municipality_code),
        topics=_as_tuple(topic),
    )
    df = _frame(db_path, "statements", filters)
    for name in ("statement_id", "article_id", "story"):
        df[name] = df[name].astype("Int64")
    df["conflict"] = df["conflict"].astype("boolean")
    df["score"] = df["score"].astype("float64")
    df["published"] = pd.to_datetime(df["published"], utc=True, format="ISO8601", errors="coerce")
    for name in ("statement", "speaker", "article_title", "url"):
        df[name] = df[name].astype("string")
    for name in CATEGORICAL:
        df[name] = df[name].astype("category")
    return df


def load_cases(
    db_path: str | Path,
    *,
    since: str | None = None,
    until: str | None = None,
    lan: str | Sequence[str] = (),
    municipality_code: str | Sequence[str] = (),
    topic: str | Sequence[str] = (),
) -> pandas.DataFrame:
    """Conflict cases (one per story, municipality and target), filtered like ``export cases``.

    Researchers count conflicts, not sentences: use this for counts per month,
    county, K-category and role. ``outlets``, ``urls`` and ``statement_ids``
    are lists; ``evidence`` is the JSON text saying what was inferred from where.
    """
    import json

    import pandas as pd

    from db.export import Filters

    filters = Filters(
        since=since,
        until=until,
        lans=_as_tuple(lan),
        municipality_codes=_as_tuple(municipality_code),
        topics=_as_tuple(topic),
    )
    df = _frame(db_path, "cases", filters)
    for name in ("id", "story_id", "n_statements"):
        df[name] = df[name].astype("Int64")
    df["score"] = df["score"].astype("float64")
    df["first_published"] = pd.to_datetime(
        df["first_published"], utc=True, format="ISO8601", errors="coerce"
    )
    for name in ("outlets", "urls", "statement_ids"):
        df[name] = [json.loads(v) if isinstance(v, str) else [] for v in df[name]]
    for name in ("quote", "actor", "target", "evidence"):
        df[name] = df[name].astype("string")
    for name in (
        "municipality",
        "municipality_code",
        "lan",
        "lan_name",
        "k_category",
        "actor_role",
        "topic",
        "quote_kind",
        "model",
    ):
        df[name] = df[name].astype("category")
    return df


def _as_tuple(value: str | Sequence[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _frame(db_path: str | Path, kind: str, filters: Any) -> pandas.DataFrame:
    """The export's query for `kind`, read in batches into one DataFrame (columns kept when empty)."""
    import pandas as pd

    from db.export import build_query, connect_readonly, iter_batches

    sql, params, columns = build_query(kind, filters)
    names = [name for name, _, _ in columns]
    conn = connect_readonly(db_path)
    try:
        frames = [
            pd.DataFrame.from_records(rows, columns=names)
            for rows in iter_batches(conn, sql, params)
        ]
    finally:
        conn.close()
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=names)
