"""Datasette plugin: the dashboard "Konfliktläget" at /-/dashboards/konfliktlaget.

Why not datasette-dashboards: that plugin fetches every chart's data from the
browser through Datasette's free-SQL API (``/db.json?sql=…``) and refuses readers
without ``execute-sql``. Free SQL is admin-only here (subscribers' addresses must
stay unreadable, see reviewer_auth), so it could not serve anonymous readers.
This route runs fixed SQL with bound parameters on the server and embeds the
rows as JSON; the charts are Vega-Lite, drawn by vendored JS (bevakning/static/vendor),
so the page needs no internet and no map tiles.

Every count is of conflict cases (``conflict_cases``), and each is also shown
per 100 crawled articles of the same outlets and period, so an area with more
crawled outlets does not look more conflicted for that alone.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Collection
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils.asgi import Response

PATH = "/-/dashboards/konfliktlaget"
STATIC = Path(__file__).resolve().parent / "static" / "vendor"
VENDOR_FILES = ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js")

TOPICS = {
    "kollektivtrafik": "transit",
    "RUS och regionala planer": "rus",
    "annan regional fråga": "other_regional",
}
ROLES = {
    "kommunstyrelsens ordförande": "kso",
    "kommunalråd": "kommunalrad",
    "oppositionsråd": "oppositionsrad",
    "kommundirektör": "kommundirektor",
    "kommunal politiker": "municipal_politician",
    "kommunen": "municipality",
}
ROLE_NAMES = {code: name for name, code in ROLES.items()}
TOPIC_NAMES = {code: name for name, code in TOPICS.items()}
TOP_MUNICIPALITIES = 15
DENOMINATOR_TTL = 60.0


class FilterError(ValueError):
    """A filter value the dashboard does not know; the message is shown to the reader."""


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    """The dashboard page and its vendored chart scripts."""
    return [
        (r"^/-/dashboards/konfliktlaget$", konfliktlaget),
        (r"^/-/dashboards/static/(?P<name>[a-z-]+\.min\.js)$", vendor_js),
    ]


async def vendor_js(request: Any) -> Response:
    """Vega, Vega-Lite and vega-embed from the package (no CDN: the demo runs offline)."""
    name = request.url_vars["name"]
    if name not in VENDOR_FILES:
        return Response.text("Filen finns inte.", status=404)
    return Response(
        (STATIC / name).read_text(encoding="utf-8"),
        content_type="application/javascript; charset=utf-8",
        headers={"Cache-Control": "public, max-age=86400"},
    )


def _database(datasette: Any) -> Any:
    names = [n for n in datasette.databases if n != "_internal"]
    return datasette.get_database(names[0])


async def _rows(db: Any, sql: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    result = await db.execute(sql, params or {})
    return [dict(r) for r in result.rows]


async def reference(db: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Counties and municipalities (code, name, county, coordinates) from the reference tables."""
    municipalities = await _rows(
        db,
        "select code, name, lan_code, lan_name, lat, lon from municipalities "
        "where lan_code is not null order by name collate nocase",
    )
    counties: dict[str, str] = {}
    for m in municipalities:
        counties.setdefault(m["lan_code"], m["lan_name"])
    lans = [{"code": c, "name": n} for c, n in sorted(counties.items(), key=lambda cn: cn[1])]
    return lans, municipalities


def parse_filters(
    args: Any,
    lans: list[dict[str, Any]],
    municipalities: list[dict[str, Any]],
    today: dt.date | None = None,
) -> dict[str, Any]:
    """Filters in words (as in the dropdowns) to codes; an unknown value raises FilterError."""
    today = today or dt.date.today()
    lan_in = (args.get("lan") or "").strip()
    kommun_in = (args.get("kommun") or "").strip()
    amne_in = (args.get("amne") or "").strip()
    roll_in = (args.get("roll") or "").strip()
    f: dict[str, Any] = {"lan": "", "lan_name": "", "kommun": "", "kommun_name": ""}
    if lan_in:
        wanted = lan_in.casefold()
        match = next(
            (
                c
                for c in lans
                if wanted in (c["code"].casefold(), c["name"].casefold())
                or c["name"].casefold() == f"{wanted} län"
            ),
            None,
        )
        if match is None:
            raise FilterError(f"Okänt län: ”{lan_in}”. Välj ett län i listan.")
        f["lan"], f["lan_name"] = match["code"], match["name"]
    if kommun_in:
        wanted = kommun_in.casefold()
        match = next(
            (m for m in municipalities if wanted in (m["code"], m["name"].casefold())), None
        )
        if match is None:
            raise FilterError(f"Okänd kommun: ”{kommun_in}”. Välj en kommun i listan.")
        if f["lan"] and match["lan_code"] != f["lan"]:
            raise FilterError(f"{match['name']} ligger inte i {f['lan_name']}.")
        f["kommun"], f["kommun_name"] = match["code"], match["name"]
        if not f["lan"]:
            f["lan"], f["lan_name"] = match["lan_code"], match["lan_name"]
    topic = {k.casefold(): v for k, v in TOPICS.items()}.get(amne_in.casefold())
    if amne_in and topic is None:
        raise FilterError(f"Okänt ämne: ”{amne_in}”. Välj: {', '.join(TOPICS)}.")
    role = {k.casefold(): v for k, v in ROLES.items()}.get(roll_in.casefold())
    if roll_in and role is None:
        raise FilterError(f"Okänd aktörsroll: ”{roll_in}”. Välj: {', '.join(ROLES)}.")
    f["amne"], f["amne_name"] = topic or "", TOPIC_NAMES.get(topic or "", "")
    f["roll"], f["roll_name"] = role or "", ROLE_NAMES.get(role or "", "")
    dates = {}
    for key, default in (("fran", today - dt.timedelta(days=365)), ("till", today)):
        raw = (args.get(key) or "").strip()
        try:
            dates[key] = dt.date.fromisoformat(raw) if raw else default
        except ValueError:
            label = "Från" if key == "fran" else "Till"
            raise FilterError(f"{label}: ”{raw}” är inget datum (ÅÅÅÅ-MM-DD).") from None
    if dates["fran"] > dates["till"]:
        raise FilterError("Från-datumet ligger efter till-datumet.")
    f["fran"], f["till"] = dates["fran"].isoformat(), dates["till"].isoformat()
    # first_published is ISO text with a time: compare against the day after `till`.
    f["till_next"] = (dates["till"] + dt.timedelta(days=1)).isoformat()
    return f


CASE_WHERE = """
  c.first_published >= :fran and c.first_published < :till_next
  and (:lan = '' or c.lan = :lan)
  and (:kommun = '' or c.municipality_code = :kommun)
  and (:amne = '' or c.target_key = :amne)
  and (:roll = '' or c.actor_role = :roll)
"""
WEEK = "date(substr(c.first_published, 1, 10), 'weekday 0', '-6 days')"

_denominator_cache: dict[tuple[str, str, str], tuple[float, list[dict[str, Any]]]] = {}


async def article_counts(db: Any, fran: str, till_next: str) -> list[dict[str, Any]]:
    """Crawled articles per outlet, per week and per month of the period (cached a minute).

    One count per outlet and week (kind ``vecka``, keyed by its Monday) and per
    outlet and month (kind ``manad``, keyed by its first day), both clipped to
    the period. Each is an index range count on idx_articles_source_id_published
    (migration 0005), so no article row is read; grouping by day instead sorted
    ~500,000 index entries at 1M articles (230-330 ms against ~60 ms).
    """
    key = (db.name, fran, till_next)
    hit = _denominator_cache.get(key)
    if hit and time.monotonic() - hit[0] < DENOMINATOR_TTL:
        return hit[1]
    indexed = await _rows(
        db,
        "select name from sqlite_master where type = 'index' "
        "and name = 'idx_articles_source_id_published'",
    )
    hint = "indexed by idx_articles_source_id_published" if indexed else ""
    # A period reaching far before the first article ("från 1900") would count
    # thousands of empty weeks per outlet: start at the first crawled article.
    # Two statements: SQLite answers a lone min() or max() from the index, both at once by a scan.
    span = await _rows(
        db,
        "select (select min(published) from articles) as lo, "
        "(select max(published) from articles) as hi",
    )
    lo, hi = span[0]["lo"], span[0]["hi"]
    if not lo or lo[:10] >= till_next or hi[:10] < fran:
        return []
    fran = max(fran, lo[:10])
    till_next = min(till_next, (dt.date.fromisoformat(hi[:10]) + dt.timedelta(days=1)).isoformat())
    first = dt.date.fromisoformat(fran)
    rows = await _rows(
        db,
        f"""with recursive
              weeks(start, next) as (
                select :monday, date(:monday, '+7 days')
                union all select next, date(next, '+7 days') from weeks where next < :till_next),
              months(start, next) as (
                select :month1, date(:month1, '+1 month')
                union all select next, date(next, '+1 month') from months where next < :till_next),
              periods(kind, start, next) as (
                select 'vecka', start, next from weeks
                union all select 'manad', start, next from months)
            select s.id as source_id, s.lan as lan, s.municipalities as municipalities,
                   p.kind as kind, p.start as start,
                   (select count(*) from articles a {hint}
                     where a.source_id = s.id
                       and a.published >= max(p.start, :fran)
                       and a.published < min(p.next, :till_next)) as n
            from sources s, periods p""",
        {
            "fran": fran,
            "till_next": till_next,
            "monday": _monday(fran),
            "month1": first.replace(day=1).isoformat(),
        },
    )
    rows = [r for r in rows if r["n"]]
    if len(_denominator_cache) > 64:
        _denominator_cache.clear()
    _denominator_cache[key] = (time.monotonic(), rows)
    return rows


def _monday(day: str) -> str:
    d = dt.date.fromisoformat(day)
    return (d - dt.timedelta(days=d.weekday())).isoformat()


def _outlet_municipalities(raw: str | None) -> set[str]:
    try:
        names = json.loads(raw or "[]")
    except ValueError:
        return set()
    return {n for n in names if isinstance(n, str)} if isinstance(names, list) else set()


def per100(count: int, articles: int) -> float | None:
    """Conflicts per 100 crawled articles, one decimal; None without articles."""
    return round(100 * count / articles, 1) if articles else None


def convex_hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Monotone chain hull of (lon, lat) points, counter-clockwise, not closed."""
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts

    def cross(o, a, b) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[tuple[float, float]] = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def county_outlines(
    municipalities: list[dict[str, Any]], lans: Collection[str]
) -> list[dict[str, Any]]:
    """Approximate county outlines: the convex hull of each county's municipality points
    (of the counties `lans`; all when empty).

    GeoJSON features wound clockwise, as d3-geo (Vega) expects for a polygon's outside.
    """
    by_lan: dict[str, list[tuple[float, float]]] = {}
    names: dict[str, str] = {}
    for m in municipalities:
        if m["lat"] is None or m["lon"] is None or (lans and m["lan_code"] not in lans):
            continue
        by_lan.setdefault(m["lan_code"], []).append((float(m["lon"]), float(m["lat"])))
        names[m["lan_code"]] = m["lan_name"]
    features = []
    for code, pts in by_lan.items():
        hull = convex_hull(pts)
        if len(hull) < 3:
            continue
        ring = [list(p) for p in reversed(hull)]
        ring.append(ring[0])
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Polygon", "coordinates": [ring]},
                "properties": {"lan": names[code]},
            }
        )
    return features


async def dashboard_data(db: Any, f: dict[str, Any], municipalities: list[dict[str, Any]]):
    """Every figure of the dashboard for the filters `f` (codes), from fixed SQL."""
    params = {k: f[k] for k in ("fran", "till_next", "lan", "kommun", "amne", "roll")}
    cases = await _rows(
        db,
        f"""select {WEEK} as vecka, c.month as manad, c.lan as lan_code, c.lan_name as lan,
                   c.municipality_code as kod, c.municipality as kommun,
                   coalesce(c.k_category, 'okänd') as kategori, c.actor_role as roll,
                   count(*) as konflikter
            from conflict_cases c
            where {CASE_WHERE}
            group by vecka, manad, lan_code, lan, kod, kommun, kategori, roll""",
        params,
    )
    counts = await article_counts(db, f["fran"], f["till_next"])
    muni_by_code = {m["code"]: m for m in municipalities}
    muni_by_name = {m["name"]: m for m in municipalities}

    # Denominators: articles of the outlets in scope (a county's outlets; for a
    # municipality the outlets that cover it, else its county's).
    scope_muni = muni_by_code.get(f["kommun"]) if f["kommun"] else None
    art_lan_week: dict[tuple[str, str], int] = {}
    art_lan: dict[str, int] = {}
    art_muni: dict[str, int] = {}
    art_month: dict[str, int] = {}
    art_scope = 0
    for r in counts:
        n, lan = r["n"], r["lan"] or ""
        if r["kind"] == "vecka":
            art_lan_week[(lan, r["start"])] = art_lan_week.get((lan, r["start"]), 0) + n
            continue
        covers = _outlet_municipalities(r["municipalities"])
        art_lan[lan] = art_lan.get(lan, 0) + n
        for name in covers:
            m = muni_by_name.get(name)
            if m:
                art_muni[m["code"]] = art_muni.get(m["code"], 0) + n
        in_scope = (
            (scope_muni["name"] in covers or (not covers and lan == scope_muni["lan_code"]))
            if scope_muni
            else (not f["lan"] or lan == f["lan"])
        )
        if in_scope:
            art_scope += n
            month = r["start"][:7]
            art_month[month] = art_month.get(month, 0) + n

    def sum_by(*keys: str) -> dict[tuple, int]:
        out: dict[tuple, int] = {}
        for r in cases:
            k = tuple(r[x] for x in keys)
            out[k] = out.get(k, 0) + r["konflikter"]
        return out

    total = sum(r["konflikter"] for r in cases)
    weekly = [
        {
            "vecka": week,
            "lan": lan or "okänt län",
            "konflikter": n,
            "per100": per100(n, art_lan_week.get((code or "", week), 0)),
        }
        for (week, code, lan), n in sorted(sum_by("vecka", "lan_code", "lan").items())
    ]
    # Stacked here, not by Vega-Lite: its week unit starts on Sunday, and a bar
    # spanning Monday to Monday (x, x2) is not stacked by it.
    stacked: dict[str, int] = {}
    for w in weekly:
        w["vecka_slut"] = (dt.date.fromisoformat(w["vecka"]) + dt.timedelta(days=7)).isoformat()
        w["y0"] = stacked.get(w["vecka"], 0)
        w["y1"] = stacked[w["vecka"]] = w["y0"] + w["konflikter"]
    category = [
        {
            "manad": month,
            "kategori": cat,
            "konflikter": n,
            "per100": per100(n, art_month.get(month, 0)),
        }
        for (month, cat), n in sorted(sum_by("manad", "kategori").items())
    ]
    roles = [
        {
            "roll": ROLE_NAMES.get(role or "", role or "okänd"),
            "konflikter": n,
            "per100": per100(n, art_scope),
        }
        for (role,), n in sorted(sum_by("roll").items(), key=lambda kv: -kv[1])
    ]
    by_muni = sum_by("kod", "kommun", "lan_code")
    top = []
    points = []
    for (code, name, lan_code), n in sorted(
        by_muni.items(), key=lambda kv: (-kv[1], kv[0][1] or "")
    ):
        ref = muni_by_code.get(code or "")
        articles = art_muni.get(code or "") or art_lan.get(lan_code or "", 0)
        row = {
            "kommun": name or "okänd kommun",
            "konflikter": n,
            "per100": per100(n, articles),
            "artiklar": articles,
        }
        top.append(row)
        if ref and ref["lat"] is not None:
            points.append({**row, "lan": ref["lan_name"], "lat": ref["lat"], "lon": ref["lon"]})
    # The map shows the chosen county, else the counties with conflicts (Sweden is
    # 1,500 km long: all of it leaves the south, where most outlets are, a few pixels).
    lan_scope = {f["lan"]} if f["lan"] else {r["lan_code"] for r in cases if r["lan_code"]}
    if not lan_scope:
        lan_scope = {m["lan_code"] for m in municipalities}
    labels: dict[str, list[float]] = {}
    for m in municipalities:
        if m["lan_code"] in lan_scope and m["lat"] is not None:
            acc = labels.setdefault(m["lan_name"], [0.0, 0.0, 0])
            acc[0] += m["lon"]
            acc[1] += m["lat"]
            acc[2] += 1
    county_labels = [
        {"lan": name.removesuffix(" län"), "lon": a[0] / a[2], "lat": a[1] / a[2]}
        for name, a in labels.items()
    ]
    background = [
        {"kommun": m["name"], "lat": m["lat"], "lon": m["lon"]}
        for m in municipalities
        if m["lan_code"] in lan_scope and m["lat"] is not None
    ]
    return {
        "total": total,
        "articles": art_scope,
        "per100": per100(total, art_scope),
        "weekly": weekly,
        "category": category,
        "roles": roles,
        "top": top[:TOP_MUNICIPALITIES],
        "n_municipalities": len(top),
        "points": points,
        "outlines": county_outlines(municipalities, lan_scope),
        "county_labels": county_labels,
        "background": background,
    }


SWEDISH_LOCALE = {
    "number": {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", " kr"]},
    "time": {
        "dateTime": "%A den %d %B %Y %X",
        "date": "%Y-%m-%d",
        "time": "%H:%M:%S",
        "periods": ["fm", "em"],
        "days": ["söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"],
        "shortDays": ["sön", "mån", "tis", "ons", "tor", "fre", "lör"],
        "months": [
            "januari",
            "februari",
            "mars",
            "april",
            "maj",
            "juni",
            "juli",
            "augusti",
            "september",
            "oktober",
            "november",
            "december",
        ],
        "shortMonths": [
            "jan",
            "feb",
            "mar",
            "apr",
            "maj",
            "jun",
            "jul",
            "aug",
            "sep",
            "okt",
            "nov",
            "dec",
        ],
    },
}


def whole(top: int) -> dict[str, Any]:
    """A count axis without 0,5 ticks (Vega-Lite's tickMinStep did not hold on stacked bars)."""
    axis: dict[str, Any] = {"tickMinStep": 1, "format": "d"}
    if top <= 10:
        axis["values"] = list(range(top + 1))
    return axis


def legend_values(points: list[dict[str, Any]]) -> list[int]:
    """Whole numbers for the size legend (counts are integers; Vega would pick 1,5)."""
    top = max((p["konflikter"] for p in points), default=1)
    return sorted({1, max(1, round(top / 2)), top})


def _tooltip(*fields: tuple[str, str, str]) -> list[dict[str, str]]:
    return [{"field": f, "type": t, "title": title} for f, t, title in fields]


def chart_specs(data: dict[str, Any]) -> dict[str, Any]:
    """Vega-Lite specs with the rows inline (nothing is fetched by the browser)."""
    base = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": "container",
        "config": {"locale": SWEDISH_LOCALE, "legend": {"orient": "bottom", "columns": 4}},
    }
    per100_tip = ("per100", "quantitative", "per 100 artiklar")
    weekly = {
        **base,
        "description": "Stapeldiagram: konflikter per vecka, staplade per län.",
        "height": 220,
        "data": {"values": data["weekly"]},
        "mark": {"type": "bar", "stroke": "white", "strokeWidth": 0.5},
        "encoding": {
            "x": {
                "field": "vecka",
                "type": "temporal",
                "title": "Vecka",
                "axis": {"format": "%-d %b %Y", "labelOverlap": True},
            },
            "x2": {"field": "vecka_slut"},
            "y": {
                "field": "y1",
                "type": "quantitative",
                "title": "Konflikter",
                "axis": whole(max((w["y1"] for w in data["weekly"]), default=0)),
            },
            "y2": {"field": "y0"},
            "color": {"field": "lan", "type": "nominal", "title": "Län"},
            "tooltip": _tooltip(
                ("vecka", "nominal", "Veckan som börjar"),
                ("lan", "nominal", "Län"),
                ("konflikter", "quantitative", "Konflikter"),
                per100_tip,
            ),
        },
    }
    category = {
        **base,
        "description": "Linjediagram: konflikter per månad för varje K-kategori.",
        "height": 220,
        "data": {"values": data["category"]},
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {
                "field": "manad",
                "type": "temporal",
                "timeUnit": "yearmonth",
                "title": "Månad",
                "axis": {"format": "%b %Y"},
            },
            "y": {
                "field": "konflikter",
                "type": "quantitative",
                "title": "Konflikter",
                "axis": whole(max((c["konflikter"] for c in data["category"]), default=0)),
            },
            "color": {"field": "kategori", "type": "nominal", "title": "K-kategori"},
            "tooltip": _tooltip(
                ("manad", "nominal", "Månad"),
                ("kategori", "nominal", "K-kategori"),
                ("konflikter", "quantitative", "Konflikter"),
                per100_tip,
            ),
        },
    }
    roles = {
        **base,
        "description": "Stapeldiagram: konflikter per aktörsroll.",
        "height": max(60, 26 * len(data["roles"])),
        "data": {"values": data["roles"]},
        "mark": {"type": "bar"},
        "encoding": {
            "y": {"field": "roll", "type": "nominal", "sort": "-x", "title": None},
            "x": {
                "field": "konflikter",
                "type": "quantitative",
                "title": "Konflikter",
                "axis": whole(max((r["konflikter"] for r in data["roles"]), default=0)),
            },
            "tooltip": _tooltip(
                ("roll", "nominal", "Aktörsroll"),
                ("konflikter", "quantitative", "Konflikter"),
                per100_tip,
            ),
        },
    }
    projection = {"type": "mercator"}
    map_spec = {
        **base,
        "description": "Karta: kommuner som cirklar, storlek efter antal konflikter, över ungefärliga länskonturer.",
        "height": 520,
        "projection": projection,
        "layer": [
            {
                "data": {"values": data["outlines"], "format": {"type": "json"}},
                "mark": {"type": "geoshape", "fill": "#eef2f6", "stroke": "#8a9bb0"},
            },
            {
                "data": {"values": data["background"]},
                "mark": {"type": "circle", "size": 16, "color": "#9aa5b1"},
                "encoding": {
                    "longitude": {"field": "lon", "type": "quantitative"},
                    "latitude": {"field": "lat", "type": "quantitative"},
                    "tooltip": _tooltip(("kommun", "nominal", "Kommun")),
                },
            },
            {
                "data": {"values": data["county_labels"]},
                "mark": {"type": "text", "fontSize": 11, "color": "#52606d", "dy": -14},
                "encoding": {
                    "longitude": {"field": "lon", "type": "quantitative"},
                    "latitude": {"field": "lat", "type": "quantitative"},
                    "text": {"field": "lan", "type": "nominal"},
                },
            },
            {
                "data": {"values": data["points"]},
                "mark": {"type": "circle", "color": "#c0392b", "opacity": 0.75},
                "encoding": {
                    "longitude": {"field": "lon", "type": "quantitative"},
                    "latitude": {"field": "lat", "type": "quantitative"},
                    "size": {
                        "field": "konflikter",
                        "type": "quantitative",
                        "title": "Konflikter",
                        "scale": {"range": [40, 900], "zero": False},
                        "legend": {
                            "orient": "right",
                            "columns": 1,
                            "values": legend_values(data["points"]),
                            "format": "d",
                        },
                    },
                    "tooltip": _tooltip(
                        ("kommun", "nominal", "Kommun"),
                        ("lan", "nominal", "Län"),
                        ("konflikter", "quantitative", "Konflikter"),
                        per100_tip,
                    ),
                },
            },
        ],
    }
    return {"vecka": weekly, "kategori": category, "roll": roles, "karta": map_spec}


def _query_string(f: dict[str, Any], **change: str) -> str:
    args = {
        "lan": f.get("lan_name", ""),
        "kommun": f.get("kommun_name", ""),
        "amne": f.get("amne_name", ""),
        "roll": f.get("roll_name", ""),
        "fran": f.get("fran", ""),
        "till": f.get("till", ""),
    }
    args.update(change)
    return urlencode({k: v for k, v in args.items() if v})


async def konfliktlaget(request: Any, datasette: Any) -> Response:
    """The dashboard page: filters in words, four charts, a top list and a map."""
    db = _database(datasette)
    tables = set(await db.table_names())
    if not {"conflict_cases", "municipalities", "sources", "articles"} <= tables:
        html = await datasette.render_template(
            "konfliktlaget.html", {"missing": True}, request=request
        )
        return Response.html(html, status=503)
    lans, municipalities = await reference(db)
    error = None
    try:
        f = parse_filters(request.args, lans, municipalities)
    except FilterError as exc:
        error = str(exc)
        f = parse_filters({}, lans, municipalities)
    started = time.perf_counter()
    data = await dashboard_data(db, f, municipalities)
    elapsed_ms = round(1000 * (time.perf_counter() - started))
    db_url = datasette.urls.database(db.name)
    for row in data["top"]:
        row["href"] = f"{db_url}/konflikter?" + urlencode(
            {
                "lan": "",
                "kommun": row["kommun"],
                "amne": f["amne"],
                "fran": f["fran"],
                "till": f["till"],
            }
        )
    specs = chart_specs(data)
    specs_json = json.dumps(specs, ensure_ascii=False).replace("<", "\\u003c")
    context = {
        "f": f,
        "error": error,
        "lans": lans,
        "municipalities": municipalities,
        "topics": list(TOPICS),
        "roles": list(ROLES),
        "data": data,
        "specs_json": specs_json,
        "elapsed_ms": elapsed_ms,
        "db_url": db_url,
        "cases_href": f"{db_url}/konflikter?"
        + urlencode(
            {
                "lan": f["lan"],
                "kommun": f["kommun_name"],
                "amne": f["amne"],
                "fran": f["fran"],
                "till": f["till"],
            }
        ),
        "static": "/-/dashboards/static/",
    }
    html = await datasette.render_template("konfliktlaget.html", context, request=request)
    return Response.html(html, status=400 if error else 200)
