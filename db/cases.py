"""Conflict cases: the flagged statements of one story, grouped by municipality and target.

A case is what users count and read: "Laxå's KSO rejects the region's cut of
the midday bus to Finnerödja (Länsbladet, 16 Nov; also in Kustposten)". It is
derived from stored statements only, so any classification (and only that)
rebuilds it; the digest, Datasette and the exports read the table.

Grouping: the story is ``coalesce(articles.story_id, articles.id)`` (syndicated
copies share it); within a story, statements go together when they concern the
same municipality and the same kind of regional target (``transit``, ``rus``,
``other_regional``: one story's "Länstrafiken" and "busslinjen" are one
conflict). The id hashes story, municipality and target key, so it stays the
same when the articles are reclassified.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from sqlite_utils import Database

from db.store import now_iso

DIRECT = ("pratminus", "quote")
REPORTED = ("indirect", "narrative")
PERSON_ROLES = ("kso", "kommunalrad", "oppositionsrad", "kommundirektor", "municipal_politician")
# Targets named by the gazetteer say more than generic words ("busslinjen").
SPECIFIC_KINDS = ("transit_brand", "region", "rus", "regional_plan")
LINE = re.compile(r"\b(?:buss|tåg|express)?linje(?:n|rna)?\s+(\d{1,4}[A-Z]?)\b", re.IGNORECASE)
_PLACE = r"[A-ZÅÄÖ][a-zåäöé]+(?:[- ][A-ZÅÄÖ][a-zåäöé]+)?"
ROUTE = re.compile(rf"\bmellan ({_PLACE}) och ({_PLACE})|\b({_PLACE})\s?[–—]\s?({_PLACE})\b")
CHUNK = 500


def quote_class(quote_kind: str | None) -> str:
    """The case's quote_kind: quote, reported or headline."""
    if quote_kind == "headline":
        return "headline"
    return "quote" if quote_kind in DIRECT else "reported"


def case_id(story_id: int, municipality_key: str, target_key: str) -> int:
    """A stable positive 52-bit id (fits SQLite's integer and JavaScript's numbers)."""
    digest = hashlib.sha1(f"{story_id}|{municipality_key}|{target_key}".encode()).hexdigest()
    return int(digest[:13], 16)


def _rank(st: dict) -> tuple:
    """Sort key for the strongest statement (smallest first).

    A direct quote by a named municipal actor, then any other direct quote,
    then reported speech, then a headline; within a tier one that names its
    target itself ("– Det här är oacceptabelt." needs the article to be read),
    then the higher score.
    """
    kind = quote_class(st["quote_kind"])
    if kind == "quote":
        tier = 0 if st["speaker"] and st["actor_role"] in PERSON_ROLES else 1
    else:
        tier = 2 if kind == "reported" else 3
    own_target = bool(st["target"]) and not _evidence(st).get("target_in_context")
    return (tier, not own_target, -(st["score"] or 0.0), st["story_first"] == 0, st["id"])


def _evidence(st: dict) -> dict:
    try:
        value = json.loads(st["evidence"] or "{}")
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _generic(target: str | None) -> bool:
    """ "regionen", "bussen", "Regionens strategi": a word, not a named body."""
    if not target:
        return True
    return target[:1].islower() or target.casefold().startswith(("regionen", "regionens"))


def _regional_body(region: dict | None, target_key: str) -> str | None:
    """The county's body for a target key: its transit brand, its RUS or the region."""
    if not region:
        return None
    if target_key == "transit":
        brands = [b.strip() for b in (region.get("transit_brands") or "").split("|") if b.strip()]
        return brands[0] if brands else region.get("transit_authority") or region.get("region_name")
    if target_key == "rus":
        return region.get("rus_name") or region.get("region_name")
    return region.get("region_name")


def _target_words(
    statements: list[dict],
    texts: Sequence[str],
    region: dict | None = None,
    target_key: str = "other_regional",
) -> tuple[str | None, str]:
    """The target in words ("Länstrafiken Örebro: linje 302 Laxå–Finnerödja") and where from.

    The regional body is the most specific target the statements named (a
    gazetteer name before a generic word); the line and the route are read from
    the statements, then the headline and lead.
    """
    body = None
    for st in statements:
        if _evidence(st).get("target_kind") in SPECIFIC_KINDS and not _generic(st["target"]):
            body = st["target"]
            break
    if body is None:
        body = next((st["target"] for st in statements if st["target"]), None)
    detail: list[str] = []
    source = "statement target"
    pool = [st["text"] or "" for st in statements] + [t for t in texts if t]
    for n, text in enumerate(pool):
        if m := LINE.search(text):
            detail.append(f"linje {m.group(1)}")
            source += ", line from " + ("statement" if n < len(statements) else "headline/lead")
            break
    for n, text in enumerate(pool):
        if m := ROUTE.search(text):
            a, b = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
            detail.append(f"{a}–{b}")
            source += ", route from " + ("statement" if n < len(statements) else "headline/lead")
            break
    if _generic(body):
        # "regionen", "bussen": name the county's body instead (its transit brand, its RUS).
        county_body = _regional_body(region, target_key)
        if county_body:
            source = source.replace("statement target", f"county's {target_key} body ({body})")
            body = county_body
        elif body and body[:1].islower() and detail:
            body = None  # "busslinjen: linje 302" says less than "linje 302"
    words = ": ".join(p for p in (body, " ".join(detail)) if p) or None
    return words, source


def _story_keys_of(db: Database, article_ids: Iterable[int]) -> set[int]:
    ids = list(article_ids)
    keys: set[int] = set()
    for i in range(0, len(ids), CHUNK):
        part = ids[i : i + CHUNK]
        marks = ",".join("?" * len(part))
        keys.update(
            r[0]
            for r in db.execute(
                f"select coalesce(story_id, id) from articles where id in ({marks})", part
            ).fetchall()
        )
    return keys


def rebuild_cases_for_articles(db: Database, article_ids: Iterable[int]) -> int:
    """Rebuild the cases of the stories these articles belong to; returns the cases written."""
    return rebuild_cases(db, _story_keys_of(db, article_ids))


def rebuild_cases(db: Database, story_keys: Iterable[int] | None = None) -> int:
    """Replace the cases of the given stories (all stories with None); returns the cases written."""
    if "conflict_cases" not in db.table_names():
        return 0
    if story_keys is None:
        with db.atomic():
            db.execute("delete from conflict_cases")
            keys = [
                r[0]
                for r in db.execute(
                    "select distinct coalesce(a.story_id, a.id) from statements s "
                    "join articles a on a.id = s.article_id where s.conflict = 1"
                ).fetchall()
            ]
            return sum(_rebuild_chunk(db, keys[i : i + CHUNK]) for i in range(0, len(keys), CHUNK))
    keys = sorted(story_keys)
    written = 0
    with db.atomic():
        for i in range(0, len(keys), CHUNK):
            part = keys[i : i + CHUNK]
            marks = ",".join("?" * len(part))
            # A story's key is the id of one of its articles; when the crawler re-points a
            # story to an earlier copy, the old cases carry the old key, which is still an
            # article of the story: delete by every article id of the story, not only the key.
            members = [
                r[0]
                for r in db.execute(
                    f"select id from articles where story_id in ({marks}) "
                    f"or (story_id is null and id in ({marks}))",
                    part + part,
                ).fetchall()
            ]
            stale = sorted(set(part) | set(members))
            for j in range(0, len(stale), CHUNK):
                ids = stale[j : j + CHUNK]
                db.execute(
                    f"delete from conflict_cases where story_id in ({','.join('?' * len(ids))})",
                    ids,
                )
            written += _rebuild_chunk(db, part)
    return written


def _reference(db: Database) -> tuple[dict[str, dict], dict[str, dict], dict[str, dict]]:
    """Municipalities by code and by casefolded name or alias, regions by county code.

    From the reference tables, or the shipped CSV files when a table is empty (a
    database made by open_db alone), as the digest does.
    """
    from db.reference import read_aliases, read_municipalities, read_regions

    tables = set(db.table_names())

    def rows(table: str, fallback) -> list[dict]:
        if table in tables and db[table].count:
            return [dict(r) for r in db[table].rows]
        return fallback()

    by_code = {r["code"]: r for r in rows("municipalities", read_municipalities)}
    by_name = {(r["name"] or "").casefold(): r for r in by_code.values()}
    for a in rows("municipality_aliases", read_aliases):
        if a.get("code") in by_code and a.get("alias"):
            by_name.setdefault(a["alias"].casefold(), by_code[a["code"]])
    regions = {r["lan_code"]: r for r in rows("regions", read_regions)}
    return by_code, by_name, regions


def _rebuild_chunk(db: Database, keys: list[int]) -> int:
    rows = case_rows(db, keys)
    if rows:
        db["conflict_cases"].insert_all(
            [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows],
            pk="id",
            replace=True,
        )
    return len(rows)


def stories_with_flags(db: Database, lo: str, hi: str) -> list[int]:
    """Stories with a flagged statement and a copy published (or, undated, fetched) in lo..hi."""
    return [
        r[0]
        for r in db.execute(
            """select distinct coalesce(a.story_id, a.id) from articles a
            where (substr(a.published, 1, 10) between :lo and :hi
                   or (a.published is null and substr(a.fetched_at, 1, 10) between :lo and :hi))
              and exists (select 1 from statements s where s.article_id = a.id and s.conflict = 1)""",
            {"lo": lo, "hi": hi},
        ).fetchall()
    ]


def case_rows(db: Database, keys: Sequence[int]) -> list[dict[str, Any]]:
    """The cases of these stories, computed from the stored statements (nothing is written).

    Each row has the ``conflict_cases`` columns plus ``_articles``: the story's
    articles (id, url, outlet, source_lan, title, lead, published, fetched_at), first-published first.
    """
    keys = list(keys)
    if not keys:
        return []
    marks = ",".join("?" * len(keys))
    articles = [
        dict(r)
        for r in db.query(
            f"""select a.id, coalesce(a.story_id, a.id) as story_key,
                   coalesce(a.story_first, a.story_id is null or a.story_id = a.id) as story_first,
                   a.url, a.title, a.lead, a.published, a.fetched_at,
                   coalesce(src.name, a.source_id) as outlet, src.lan as source_lan, a.source_id
            from articles a left join sources src on src.id = a.source_id
            where a.story_id in ({marks}) or (a.story_id is null and a.id in ({marks}))""",
            keys + keys,
        )
    ]
    if not articles:
        return []
    by_article = {a["id"]: a for a in articles}
    ids = list(by_article)
    statements: list[dict] = []
    for i in range(0, len(ids), CHUNK):
        part = ids[i : i + CHUNK]
        statements += [
            dict(r)
            for r in db.query(
                f"""select id, article_id, text, speaker, actor_role, municipality,
                       municipality_code, region_lan_code, target, topic, quote_kind, score,
                       model, evidence
                from statements where conflict = 1 and article_id in ({",".join("?" * len(part))})
                order by article_id, position""",
                part,
            )
        ]
    by_code, by_name, regions = _reference(db)
    stories: dict[int, list[dict]] = {}
    for st in statements:
        art = by_article[st["article_id"]]
        st["story_first"] = art["story_first"]
        stories.setdefault(art["story_key"], []).append(st)
    story_articles: dict[int, list[dict]] = {}
    for a in articles:
        story_articles.setdefault(a["story_key"], []).append(a)
    rows = []
    built = now_iso()
    for key, sts in stories.items():
        arts = sorted(
            story_articles[key],
            key=lambda a: (0 if a["story_first"] else 1, a["published"] or "~", a["id"]),
        )
        rows += _story_cases(key, sts, arts, by_article, by_code, by_name, regions, built)
    return rows


def _target_keys(statements: list[dict]) -> list[tuple[str, str, dict]]:
    """(municipality key, target key, statement): what each statement is grouped by.

    The target key is the topic, transit or rus; a statement of another or no topic
    ("Kommunen kräver att regionen river upp beslutet") belongs to the conflict its
    municipality has in this story, the most frequent of transit and rus, and only
    makes a case of its own (other_regional) when there is none.
    """

    def topic(st: dict) -> str | None:
        # The named target outranks the model's topic: "regionens strategi" is the RUS.
        kind = _evidence(st).get("target_kind")
        return {"rus": "rus", "transit_brand": "transit"}.get(kind or "", st["topic"])

    counts: dict[str, dict[str, int]] = {}
    for st in statements:
        if topic(st) in ("transit", "rus"):
            per = counts.setdefault(_municipality_key(st), {})
            per[topic(st)] = per.get(topic(st), 0) + 1
    out = []
    for st in statements:
        mkey = _municipality_key(st)
        if topic(st) in ("transit", "rus"):
            key = topic(st)
        elif counts.get(mkey):
            key = max(sorted(counts[mkey]), key=lambda t: counts[mkey][t])
        else:
            key = "other_regional"
        out.append((mkey, key, st))
    return out


def _municipality_key(st: dict) -> str:
    return st["municipality_code"] or (st["municipality"] or "").strip().casefold()


def _story_cases(
    story_key: int,
    statements: list[dict],
    arts: list[dict],
    by_article: dict[int, dict],
    by_code: dict[str, dict],
    by_name: dict[str, dict],
    regions: dict[str, dict],
    built: str,
) -> list[dict[str, Any]]:
    """The cases of one story.

    A statement without a municipality takes the one its identical copy in
    another outlet has (the copy whose lead was extracted), else the story's only
    municipality; the evidence records which.
    """
    inferred: dict[int, str] = {}
    by_text: dict[str, dict] = {}
    for st in statements:
        if _municipality_key(st):
            by_text.setdefault(" ".join((st["text"] or "").split()).casefold(), st)
    known = {_municipality_key(st) for st in statements if _municipality_key(st)}
    for st in statements:
        if _municipality_key(st):
            continue
        twin = by_text.get(" ".join((st["text"] or "").split()).casefold())
        if twin is None and len(known) == 1:
            twin = next(s for s in statements if _municipality_key(s))
            how = "the story's only municipality"
        else:
            how = f"the same sentence in article {twin['article_id']}" if twin else ""
        if twin is not None:
            st["municipality"], st["municipality_code"] = (
                twin["municipality"],
                twin["municipality_code"],
            )
            inferred[st["id"]] = how
    groups: dict[tuple[str, str], list[dict]] = {}
    for mkey, target_key, st in _target_keys(statements):
        groups.setdefault((mkey, target_key), []).append(st)
    texts = [t for a in arts for t in (a["title"], a["lead"])]
    urls = [a["url"] for a in arts]
    outlets: list[str] = []
    for a in arts:
        if a["outlet"] and a["outlet"] not in outlets:
            outlets.append(a["outlet"])
    published = sorted(a["published"] for a in arts if a["published"])
    first = published[0] if published else None
    if first is None:
        fetched = sorted(a["fetched_at"] for a in arts if a["fetched_at"])
        first = fetched[0] if fetched else None
    rows = []
    for (mkey, target_key), sts in groups.items():
        sts.sort(key=_rank)
        best = sts[0]
        code = best["municipality_code"]
        ref = by_code.get(code or "") or by_name.get((best["municipality"] or "").casefold())
        name = (ref or {}).get("name") or (best["municipality"] or "").strip() or None
        lan = (ref or {}).get("lan_code")
        lan_from = "municipality"
        if not lan and best["region_lan_code"]:
            lan, lan_from = best["region_lan_code"], "the regional target"
        if not lan:
            # An unknown municipality: the county of the outlet that printed the story first.
            head = by_article[best["article_id"]]
            lan = head["source_lan"]
            lan_from = f"outlet {head['source_id']} (municipality unknown)" if lan else None
        target, target_from = _target_words(sts, texts, regions.get(lan or ""), target_key)
        actor = best["speaker"]
        if not actor and best["actor_role"] == "municipality" and name:
            actor = f"{name} kommun"
        distinct = {" ".join((s["text"] or "").split()).casefold() for s in sts}
        muni_from = {}
        for s in sts:
            source = _evidence(s).get("municipality_from")
            muni_from[str(s["id"])] = (
                f"inferred from {inferred[s['id']]}" if s["id"] in inferred else source
            )
        evidence = {
            "grouped_by": {"story": story_key, "municipality": mkey or None, "target": target_key},
            "quote": {
                "statement_id": best["id"],
                "why": "direct quote by a named municipal actor"
                if _rank(best)[0] == 0
                else ["direct quote", "direct quote", "reported speech", "headline"][
                    _rank(best)[0]
                ],
                "article_id": best["article_id"],
            },
            "municipality_from": muni_from,
            "municipality_reference": "municipalities table" if ref else "as attributed (no match)",
            "target_from": target_from,
            "lan_from": lan_from,
            "first_published_from": "published" if published else "fetched_at (no date)",
            "copies": len(arts),
        }
        rows.append(
            {
                "id": case_id(story_key, mkey, target_key),
                "story_id": story_key,
                "municipality": name,
                "municipality_code": (ref or {}).get("code") or code,
                "lan": lan,
                "lan_name": (ref or {}).get("lan_name")
                or (regions.get(lan or "") or {}).get("lan_name"),
                "k_category": (ref or {}).get("k_category"),
                "actor": actor,
                "actor_role": best["actor_role"],
                "target": target,
                "target_key": target_key,
                "topic": best["topic"],
                "quote": " ".join((best["text"] or "").split()),
                "quote_kind": quote_class(best["quote_kind"]),
                "quote_statement_id": best["id"],
                "score": max((s["score"] or 0.0) for s in sts),
                "first_published": first,
                "month": first[:7] if first else None,
                "outlets": json.dumps(outlets, ensure_ascii=False),
                "urls": json.dumps(urls, ensure_ascii=False),
                "article_ids": json.dumps([a["id"] for a in arts]),
                "statement_ids": json.dumps(sorted(s["id"] for s in sts)),
                "n_statements": len(distinct),
                "model": best["model"],
                "evidence": json.dumps(evidence, ensure_ascii=False),
                "built_at": built,
                "_articles": arts,
            }
        )
    return rows
