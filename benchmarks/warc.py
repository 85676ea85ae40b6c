"""`bevakning import-warc` throughput: records per second, extraction included.

    python benchmarks/warc.py                        # 1,000 records, every one an article
    python benchmarks/warc.py --records 5000 --mix   # a CC-NEWS-like mix

Builds a gzipped WARC file (one gzip member per record, as Common Crawl writes
them) from the demo outlets' article pages, each copy made distinct (its own
URL, a numbered headline and shuffled paragraphs, so it is stored and not
dropped as an exact duplicate; near-duplicates still go through the story
index). `--mix` makes it look like a CC-NEWS file seen by this project: for
every registry article, three off-registry responses and one request record.
Then imports it into a fresh SQLite file in this process (the same code as the
CLI) and prints records/s and articles stored/s. Target: >= 50 records/s on
2 cores with every record an article (the worst case).
"""

from __future__ import annotations

import argparse
import io
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEMO = ROOT / "demo" / "sites"
TARGET = 50.0


def build(path: Path, records: int, mix: bool, seed: int = 1) -> tuple[str, int]:
    """Write the WARC file; returns (sources TOML, number of article records)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(seed)
    outlets = sorted(p.name for p in DEMO.iterdir() if (p / "artikel").is_dir())
    pages = [
        (o, p.read_text(encoding="utf-8"))
        for o in outlets
        for p in (DEMO / o / "artikel").glob("*.html")
    ]
    toml = "".join(
        f'[[sources]]\nid = "{o}"\nname = "{o.title()}"\nhomepage = "https://www.{o}.example/"\n'
        f'lan = "18"\n\n'
        for o in outlets
    )
    articles = 0
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=True)
        n = 0
        while n < records:
            outlet, html = pages[n % len(pages)]
            paras = re.findall(r"<p>.*?</p>", html, flags=re.S)
            shuffled = paras[:]
            rng.shuffle(shuffled)
            body = html
            for old, new in zip(paras, shuffled, strict=True):
                body = body.replace(old, "\0" + new, 1)
            body = body.replace("\0", "")
            body = re.sub(r"(<h1[^>]*>)", rf"\1Nr {n}: ", body, count=1)
            body = body.replace("</article>", f"<p>Löpnummer {n} i arkivet.</p></article>", 1)
            kinds = ["article"] + (["off", "off", "off", "request"] if mix else [])
            for kind in kinds:
                if n >= records:
                    break
                host = f"www.{outlet}.example" if kind != "off" else f"annan{n % 97}.example"
                url = f"https://{host}/artikel/{n}.html"
                if kind == "request":
                    http = StatusAndHeaders(f"GET /artikel/{n}.html HTTP/1.1", [("Host", host)])
                    rec = w.create_warc_record(url, "request", http_headers=http)
                else:
                    http = StatusAndHeaders(
                        "200 OK",
                        [("Content-Type", "text/html; charset=utf-8")],
                        protocol="HTTP/1.1",
                    )
                    rec = w.create_warc_record(
                        url,
                        "response",
                        payload=io.BytesIO(body.encode("utf-8")),
                        http_headers=http,
                        warc_headers_dict={"WARC-Date": "2025-05-06T07:08:09Z"},
                    )
                    articles += kind == "article"
                w.write_record(rec)
                n += 1
    return toml, articles


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--records", type=int, default=1000)
    ap.add_argument("--mix", action="store_true", help="CC-NEWS-like: 1 in 5 records an article")
    args = ap.parse_args()

    from crawler.sources import load_sources
    from crawler.warc import WarcImporter
    from db import open_db
    from db.reference import ensure_reference

    with tempfile.TemporaryDirectory() as tmp:
        warc = Path(tmp) / "bench.warc.gz"
        t0 = time.perf_counter()
        toml, articles = build(warc, args.records, args.mix)
        built = time.perf_counter() - t0
        (Path(tmp) / "sources.toml").write_text(toml, encoding="utf-8")
        db = Path(tmp) / "bench.db"
        con = open_db(db)
        ensure_reference(con)
        con.close()
        sources = load_sources(Path(tmp) / "sources.toml")
        t0 = time.perf_counter()
        summary = WarcImporter(db, sources).run([warc])
        secs = time.perf_counter() - t0
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        size = warc.stat().st_size / 1e6
    rate = summary.records / secs
    print(
        f"WARC file: {summary.records} records ({articles} articles), {size:.1f} MB, built in {built:.1f} s"
    )
    print(summary.line())
    print(
        f"import: {secs:.1f} s, {rate:.1f} records/s, {summary.total('kept') / secs:.1f} articles "
        f"stored/s, peak RSS {rss:.0f} MiB (target >= {TARGET:.0f} records/s: "
        f"{'met' if rate >= TARGET else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
