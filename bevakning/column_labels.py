"""Datasette plugin: Swedish column labels on table, row and query pages.

The real column names stay what they are (English, or Swedish without å/ä/ö):
code, `bevakning export`, the JSON and CSV answers, sort links and `?col=`
filters all use them. What a person reads is the label from the map below,
kept in one place and applied by the overridden templates (`_table.html`,
`table.html`, `row.html`, `query.html`, `_facet_results.html`,
`_suggested_facets.html`) through the template functions this plugin adds:

- ``column_label(table, column)``: the Swedish header for a table's or view's column;
- ``query_column_label(column)``: the same for a canned query's result column
  (the queries already alias most columns in Swedish; this covers the rest);
- ``param_label(name)`` / ``param_attrs(name)``: a canned query's form field label,
  and for dates a text input that reads ÅÅÅÅ-MM-DD in every browser locale;
- ``value_label(column, value)``: a code's Swedish label (roles, topics,
  statuses, flags) from the `labels` table, for facet lists;
- ``op_label(key, display)``: the Swedish name of a filter operation;
- ``describe_table_filters(...)``: "där roll = "kso", sorterade efter poäng fallande".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from datasette import hookimpl
from markupsafe import Markup, escape

# A column's label wherever the column appears, unless TABLE_LABELS says otherwise.
COLUMN_LABELS: dict[str, str] = {
    # ids and links between tables; Datasette's own link columns for rowid and compound keys
    "id": "id",
    "rowid": "radnummer",
    "Link": "rad",
    "article_id": "artikel",
    "statement_id": "uttalande",
    "source_id": "källa",
    "run_id": "körning",
    "subscription_id": "prenumeration",
    "quote_statement_id": "citatets uttalande",
    "story_id": "berättelse",
    "story_key": "berättelse",
    "story_first": "först publicerad kopia",
    # places
    "municipality": "kommun",
    "municipality_code": "kommunkod",
    "municipalities": "kommuner",
    "lan": "län",
    "lan_code": "länskod",
    "lan_name": "län",
    "region_lan_code": "regionens län",
    "region_name": "region",
    "k_category": "K-kategori",
    "main_town": "huvudort",
    "lat": "latitud",
    "lon": "longitud",
    "population": "folkmängd",
    "population_year": "år för folkmängd",
    "population_source": "källa för folkmängd",
    "travel_minutes_to_k1": "restid till K1 (min)",
    "transit_authority": "kollektivtrafikmyndighet",
    "transit_brands": "trafikvarumärken",
    "rus_name": "utvecklingsstrategi (RUS)",
    "rus_years": "strategins år",
    "alias": "namnvariant",
    # articles
    "url": "adress",
    "canonical_url": "kanonisk adress",
    "title": "rubrik",
    "article_title": "rubrik",
    "published": "publicerad",
    "first_published": "först publicerad",
    "month": "månad",
    "text": "text",
    "lead": "ingress",
    "author": "skribent",
    "section": "avdelning",
    "language": "språk",
    "paywalled": "låst",
    "fetched_at": "hämtad",
    "content_hash": "kontrollsumma",
    "classified_at": "klassad",
    "simhash": "likhetsavtryck (SimHash)",
    "signature": "likhetsavtryck (MinHash)",
    "outlet": "tidning",
    "outlets": "tidningar",
    "urls": "länkar",
    "article_ids": "artiklar",
    "statement_ids": "uttalanden",
    "reason": "anledning",
    "seen_at": "sedd",
    # statements and cases
    "statement": "citat",
    "quote": "citat",
    "position": "plats i artikeln",
    "speaker": "talare",
    "speaker_party": "parti",
    "actor": "aktör",
    "actor_role": "roll",
    "role": "roll",
    "topic": "ämne",
    "target": "mål",
    "target_key": "målets slag",
    "conflict": "flaggad",
    "score": "poäng",
    "model": "modell",
    "evidence": "underlag",
    "quote_kind": "citattyp",
    "review_margin": "granskningsmarginal",
    "n_statements": "antal uttalanden",
    "built_at": "byggt",
    # reviews
    "verdict": "bedömning",
    "comment": "kommentar",
    "reviewer": "granskare",
    "at": "tidpunkt",
    "model_conflict": "modellens flagga",
    # sources and crawling
    "name": "namn",
    "homepage": "startsida",
    "feeds": "flöden",
    "sitemaps": "webbplatskartor",
    "owner": "ägare",
    "paywall": "betalvägg",
    "kind": "slag",
    "verified": "kontrollerad",
    "started_at": "start",
    "ended_at": "slut",
    "status": "status",
    "pid": "process-id",
    "since": "publicerade från",
    "refresh": "hämtade om",
    "fetched": "hämtade sidor",
    "new": "nya",
    "duplicates": "dubbletter",
    "errors": "fel",
    "lost": "förlorade",
    "summary": "sammanfattning",
    "entries": "poster i flödena",
    "skipped_known": "redan kända",
    "causes": "orsaker",
    "http_status": "HTTP-status",
    "items": "poster",
    "error": "felmeddelande",
    "checked_at": "kontrollerad",
    "last_success_at": "senast lyckad",
    "etag": "ETag",
    "last_modified": "senast ändrad",
    # web archives
    "path": "sökväg",
    "size": "storlek (byte)",
    "mtime": "ändrad (Unix-tid)",
    "sha256": "SHA-256",
    "records": "poster",
    "kept": "sparade",
    "skipped": "överhoppade",
    "failed": "misslyckade",
    "failures": "fel",
    "started": "start",
    "finished": "klar",
    # labels
    "code": "kod",
    "sv": "svensk benämning",
    "aliases": "andra namn",
    "term": "ord",
    # digest and accounts (admins only)
    "email": "e-post",
    "lans": "län",
    "topics": "ämnen",
    "min_score": "lägsta poäng",
    "created_at": "skapad",
    "active": "aktiv",
    "week": "vecka",
    "message_id": "meddelande-id",
    "sent_at": "skickad",
    "attempts": "försök",
    "detail": "detaljer",
    "claimed_at": "påbörjad",
    "claimed_by": "påbörjad av",
    "token_hash": "nyckelns hash",
    "account": "konto",
    "hash_key": "hashnyckel",
    "expires_at": "går ut",
    # schema history
    "migration_set": "migreringar",
    "applied_at": "körd",
    # full-text index internals (hidden tables)
    "block": "datablock",
    "segid": "segment",
    "pgno": "sidnummer",
    "sz": "storlek",
    "k": "nyckel",
    "v": "värde",
}

# Views whose column names are already the Swedish words people read.
SWEDISH_AS_NAMED = {"uttalanden", "artiklar"}

# Where a table uses a name differently (or two columns would read the same).
TABLE_LABELS: dict[str, dict[str, str]] = {
    "articles": {"text": "brödtext", "id": "id"},
    "statements": {"text": "citat"},
    "municipalities": {"code": "kommunkod", "name": "kommun"},
    "municipality_aliases": {"code": "kommunkod"},
    "regions": {"lan_code": "länskod"},
    "conflict_cases": {"id": "fall", "lan": "länskod"},
    "statement_details": {"url": "länk", "statement_id": "uttalande"},
    "lan_lookup": {"code": "länskod"},
    "source_health": {"url": "flödets adress"},
    "feed_state": {"url": "flödets adress"},
    "crawl_runs": {"fetched": "hämtade sidor"},
    "warc_files": {"size": "storlek (byte)"},
    "articles_fts": {"title": "rubrik", "text": "brödtext"},
    "statements_fts": {"text": "citat"},
    "_sqlite_migrations": {"name": "migrering"},
}

# A canned query's result columns that are not Swedish words as they stand; the
# JSON and CSV keep the names the query gives them (tests and users' scripts read them).
QUERY_COLUMN_LABELS: dict[str, str] = {
    "statement_id": "uttalande",
    "antal_uttalanden": "antal uttalanden",
    "kalla": "källa",
    "flodesstatus": "flödesstatus",
    "varfor": "varför",
    "senaste_artikel": "senaste artikel",
    "artiklar_30_dagar": "artiklar senaste 30 dagarna",
    "senast_lyckad": "senast lyckad",
    "fel_senaste_insamling": "fel vid senaste insamling",
    "forlorade_senaste_insamling": "förlorade vid senaste insamling",
    "orsaker_senaste_insamling": "orsaker vid senaste insamling",
    "andel_rätt": "andel rätt",
    "oklassade_artiklar": "oklassade artiklar",
    "latitude": "latitud",
    "longitude": "longitud",
}

# A canned query's form fields (the parameter names stay, they are the API).
PARAM_LABELS: dict[str, str] = {
    "lan": "Län",
    "kommun": "Kommun",
    "amne": "Ämne",
    "roll": "Roll",
    "fran": "Från och med",
    "till": "Till och med",
    "sida": "Sida",
    "q": "Sökord",
    "statement_id": "Uttalande (id)",
    "verdict": "Bedömning",
    "comment": "Kommentar",
}

DATE_PARAMS = {"fran", "till"}
DATE_PLACEHOLDER = "ÅÅÅÅ-MM-DD"
# What <input pattern> accepts: an ISO date, or nothing (an empty field means "all").
DATE_PATTERN = r"\d{4}-\d{2}-\d{2}"

# Datasette's filter operations (filters.lookups() keys) in Swedish.
OP_LABELS: dict[str, str] = {
    "exact": "=",
    "not": "≠",
    "contains": "innehåller",
    "endswith": "slutar med",
    "startswith": "börjar med",
    "gt": ">",
    "gte": "≥",
    "lt": "<",
    "lte": "≤",
    "like": "liknar (like)",
    "notlike": "liknar inte (not like)",
    "glob": "mönster (glob)",
    "in": "är en av",
    "notin": "är inte en av",
    "arraycontains": "listan innehåller",
    "arraynotcontains": "listan innehåller inte",
    "date": "har datumet",
    "isnull": "saknas",
    "notnull": "finns",
    "isblank": "är tom",
    "notblank": "är inte tom",
}
NO_ARGUMENT = {"isnull", "notnull", "isblank", "notblank"}


def column_label(table: str | None, column: str) -> str:
    """The Swedish header for ``table.column``; the column's own name when the map has none.

    Views whose columns are already Swedish (uttalanden, artiklar) need no entry.
    """
    own = TABLE_LABELS.get(table or "", {})
    if column in own:
        return own[column]
    return COLUMN_LABELS.get(column, column)


def query_column_label(column: str) -> str:
    """The header for a canned query's result column."""
    return QUERY_COLUMN_LABELS.get(column, column)


def param_label(name: str) -> str:
    """A canned query's form label; dates say how to write them."""
    label = PARAM_LABELS.get(name, name)
    if name in DATE_PARAMS:
        return f"{label} ({DATE_PLACEHOLDER})"
    return label


def param_attrs(name: str) -> Markup:
    """Extra <input> attributes for a canned query's field.

    A date is a text field, not <input type="date">: that one shows the
    browser's locale (mm/dd/yyyy in an English Chromium) while the queries
    compare ÅÅÅÅ-MM-DD text. The pattern stops a malformed date in the browser;
    param_check warns about one typed into the address.
    """
    if name not in DATE_PARAMS:
        return Markup("")
    return Markup(
        f'placeholder="{DATE_PLACEHOLDER}" pattern="{escape(DATE_PATTERN)}" '
        'inputmode="numeric" maxlength="10" size="12" autocomplete="off" '
        f'title="Datum som {DATE_PLACEHOLDER}, t.ex. 2025-03-04"'
    )


def op_label(key: str, display: str | None = None) -> str:
    """The Swedish name of a filter operation (Datasette's English one if unknown)."""
    return OP_LABELS.get(key, display or key)


def describe_table_filters(
    table: str | None,
    selections: Iterable[tuple[str, str, str]],
    search: str | None = None,
    sort: str | None = None,
    sort_desc: str | None = None,
    value_label: Any = None,
) -> str:
    """The table page's "where … sorted by …" line in Swedish, with column labels.

    Datasette's own line (human_description_en) names the real columns in English.
    """
    bits: list[str] = []
    if search:
        bits.append(f"sökningen matchar ”{search}”")
    for column, lookup, value in selections:
        name = column_label(table, column)
        op = op_label(lookup)
        if lookup in NO_ARGUMENT:
            bits.append(f"{name} {op}")
            continue
        shown = value
        if lookup in ("exact", "not") and value_label is not None:
            shown = value_label(column, value) or value
        bits.append(f"{name} {op} ”{shown}”")
    text = ""
    if bits:
        head, tail = bits[:-1], bits[-1]
        text = "där " + (", ".join(head) + " och " + tail if head else tail)
    if sort or sort_desc:
        by = column_label(table, sort or sort_desc or "")
        text = (text + " " if text else "") + f"sorterade efter {by}"
        if sort_desc:
            text += " fallande"
    return text


def _value_labeller(table: str | None, labels: dict[tuple[str, str], str]):
    from bevakning.render_evidence import label_kind

    def value_label(column: str, value: Any) -> str | None:
        kind = label_kind(table, column)
        if kind is None or value is None:
            return None
        return labels.get((kind, str(value)))

    return value_label


@hookimpl
def extra_template_vars(template: str, database: str | None, table: str | None, datasette: Any):
    """The label functions for the templates; codes' labels are read from `labels` (cached)."""
    from bevakning.render_evidence import labels_for

    async def inner() -> dict[str, Any]:
        labels: dict[tuple[str, str], str] = {}
        if database is not None and (template or "").startswith(("table", "row", "query")):
            labels = await labels_for(database, datasette)

        def table_title(table: str, db: str | None = None) -> str:
            """A table's or view's Swedish title from the metadata, else its name."""
            db = db or database
            if db is None:
                return table
            return datasette.table_metadata(db, table).get("title") or table

        return {
            "column_label": column_label,
            "query_column_label": query_column_label,
            "param_label": param_label,
            "param_attrs": param_attrs,
            "op_label": op_label,
            "value_label": _value_labeller(table, labels),
            "describe_table_filters": describe_table_filters,
            "table_title": table_title,
        }

    return inner
