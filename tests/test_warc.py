"""`bevakning import-warc`: WARC files built here with warcio from the fixture pages,
imported into a real SQLite file through the crawler's own pipelines."""

from __future__ import annotations

import gzip
import io
import sqlite3
import urllib.request
from pathlib import Path

import pytest
from conftest import SITES, run_cli, write_sources
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

LOKAL = "https://www.lokalbladet.example"
MIXED = "https://crawl-mixed.example"
DATE = "2025-03-04T05:06:07Z"
DEMO = Path(__file__).parent.parent / "demo" / "sites" / "kustnytt" / "artikel"

SOURCES = f"""
[[sources]]
id = "lokalbladet"
name = "Lokalbladet"
homepage = "{LOKAL}/"
lan = "18"

[[sources]]
id = "mixed"
name = "Blandat"
homepage = "{MIXED}/"
lan = "18"

[[sources]]
id = "kustnytt"
name = "Kustnytt"
homepage = "https://kustnytt.example/"
lan = "03"
"""


def page(site: str, path: str) -> bytes:
    return (SITES / site / path).read_bytes()


def response(
    writer: WARCWriter,
    url: str,
    body: bytes,
    ctype: str = "text/html; charset=utf-8",
    status: str = "200 OK",
    extra: list[tuple[str, str]] | None = None,
    date: str = DATE,
) -> None:
    http = StatusAndHeaders(status, [("Content-Type", ctype), *(extra or [])], protocol="HTTP/1.1")
    rec = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        http_headers=http,
        warc_headers_dict={"WARC-Date": date},
    )
    writer.write_record(rec)


def raw_response(fh: io.BufferedWriter, url: str, block: bytes) -> None:
    """A gzipped response record written byte for byte (warcio's writer would repair it)."""
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\nWARC-Date: {DATE}\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(block)}\r\n\r\n"
    ).encode()
    fh.write(gzip.compress(head + block + b"\r\n\r\n"))


def offsets(path: Path) -> list[int]:
    """Where each record of a WARC file starts (for the expected failure offsets)."""
    from warcio.archiveiterator import ArchiveIterator

    out = []
    with path.open("rb") as fh:
        it = ArchiveIterator(fh, no_record_parse=True)
        for _ in it:
            out.append(it.offset)
    return out


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> dict:
    tmp = tmp_path_factory.mktemp("warc")
    warcs = tmp / "warcs"
    (warcs / "sub").mkdir(parents=True)
    main = warcs / "main.warc.gz"
    with main.open("wb") as fh:
        w = WARCWriter(fh, gzip=True)
        w.write_record(w.create_warcinfo_record("main.warc.gz", {"software": "test"}))
        req = StatusAndHeaders(
            "GET /artikel/konstgras.html HTTP/1.1", [("Host", "lokalbladet.example")]
        )
        w.write_record(
            w.create_warc_record(
                f"{LOKAL}/artikel/konstgras.html", "request", http_headers=req, payload=None
            )
        )
        response(
            w, f"{LOKAL}/artikel/konstgras.html", page("lokalbladet", "artikel/konstgras.html")
        )
        response(
            w,
            f"{LOKAL}/artikel/laxa-busslinje.html",
            gzip.compress(page("lokalbladet", "artikel/laxa-busslinje.html")),
            extra=[("Content-Encoding", "gzip")],
        )
        # Latin-1 bytes under an unknown charset label: decoded as the crawler does.
        response(
            w,
            f"{MIXED}/artikel/fel-teckenkodning.html",
            page("crawl-mixed", "artikel/fel-teckenkodning.html"),
            ctype="text/html; charset=x-okand-kodning",
        )
        # The same body under another address of the same outlet: a duplicate.
        response(w, f"{LOKAL}/arkiv/konstgras.html", page("lokalbladet", "artikel/konstgras.html"))
        response(
            w, "https://annan-tidning.example/artikel/x.html", page("lokalbladet", "index.html")
        )
        response(w, f"{LOKAL}/bild.png", b"\x89PNG\r\n\x1a\n" + bytes(200), ctype="image/png")
        response(w, f"{LOKAL}/borta.html", b"<html>borta</html>", status="404 Not Found")
        raw_response(
            fh,
            f"{LOKAL}/artikel/trasig-rubrik.html",
            b"HTTP/1.1 200 OK\r\nContent-Type text/html\r\n\r\n<html><p>text</p></html>",
        )
        response(
            w,
            f"{LOKAL}/artikel/okand-komprimering.html",
            b"\x00\x01garbage",
            extra=[("Content-Encoding", "x-snappy")],
        )
    # An uncompressed WARC in a subdirectory, and a file that is not a WARC at all.
    plain = warcs / "sub" / "plain.warc"
    with plain.open("wb") as fh:
        w = WARCWriter(fh, gzip=False)
        response(
            w,
            f"{MIXED}/artikel/latin1.html",
            page("crawl-mixed", "artikel/latin1.html"),
            ctype="text/html; charset=iso-8859-1",
        )
    notwarc = warcs / "sub" / "anteckningar.warc"
    notwarc.write_text("Det här är ingen WARC-fil.\n", encoding="utf-8")
    # Three gzip members; the middle one's compressed bytes are damaged: reading resumes after it.
    damaged = warcs / "damaged.warc.gz"
    demo_pages = sorted(DEMO.glob("*.html"))[:4]
    with damaged.open("wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for p in demo_pages[:3]:
            response(w, f"https://kustnytt.example/artikel/{p.name}", p.read_bytes())
    starts = offsets(damaged)
    data = bytearray(damaged.read_bytes())
    mid = starts[1] + 40
    data[mid : mid + 60] = bytes(60)
    damaged.write_bytes(bytes(data))
    # A file cut off in the middle of its last gzip member.
    truncated = tmp / "truncated.warc.gz"
    with truncated.open("wb") as fh:
        w = WARCWriter(fh, gzip=True)
        response(
            w, f"https://kustnytt.example/artikel/{demo_pages[3].name}", demo_pages[3].read_bytes()
        )
        response(w, f"{LOKAL}/artikel/avklippt.html", page("lokalbladet", "artikel/konstgras.html"))
    cut_at = offsets(truncated)[1]
    whole = truncated.read_bytes()
    truncated.write_bytes(whole[: cut_at + (len(whole) - cut_at) * 2 // 3])  # inside the body
    sources = tmp / "sources.toml"
    sources.write_text(SOURCES, encoding="utf-8")
    db = tmp / "warc.db"
    args = ("import-warc", "--db", str(db), "--sources", str(sources), "--progress-every", "3")
    first = run_cli(*args, str(warcs), str(truncated))
    second = run_cli(*args, str(warcs), str(truncated))
    return {
        "db": db,
        "args": args,
        "first": first,
        "second": second,
        "main": main,
        "main_offsets": offsets(main),
        "damaged": damaged,
        "damaged_at": starts[1],
        "truncated": truncated,
        "cut_at": cut_at,
        "notwarc": notwarc,
        "demo_pages": demo_pages,
        "tmp": tmp,
    }


def rows(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def test_registry_articles_are_stored_with_the_warc_date(archive) -> None:
    stored = dict(rows(archive["db"], "select url, source_id from articles"))
    kust = {f"https://kustnytt.example/artikel/{p.name}" for p in archive["demo_pages"]}
    assert stored == {
        "https://www.lokalbladet.example/artikel/konstgras.html": "lokalbladet",
        "https://www.lokalbladet.example/artikel/laxa-busslinje.html": "lokalbladet",
        "https://crawl-mixed.example/artikel/fel-teckenkodning.html": "mixed",
        "https://crawl-mixed.example/artikel/latin1.html": "mixed",
        # first and third member of the damaged file, first record of the truncated one
        **{u: "kustnytt" for u in sorted(kust)[:1]},
        **{u: "kustnytt" for u in sorted(kust)[2:4]},
    }
    dates = {r[0] for r in rows(archive["db"], "select distinct fetched_at from articles")}
    assert dates == {"2025-03-04T05:06:07+00:00"}


def test_unknown_charset_and_gzip_body_read_as_the_crawler_reads_them(archive) -> None:
    titles = dict(rows(archive["db"], "select url, title from articles"))
    assert titles["https://crawl-mixed.example/artikel/fel-teckenkodning.html"] == (
        "Örebro läns kommuner kritiserar trafikförsörjningsprogrammet"
    )
    text = rows(
        archive["db"],
        "select text from articles where url = ?",
        ("https://www.lokalbladet.example/artikel/laxa-busslinje.html",),
    )[0][0]
    assert "Laxå" in text


def test_duplicate_body_is_an_alias_and_stories_are_assigned(archive) -> None:
    alias = rows(archive["db"], "select url, reason from article_urls")
    assert ("https://www.lokalbladet.example/arkiv/konstgras.html", "same_content") in alias
    assert rows(archive["db"], "select count(*) from articles where story_id is null") == [(0,)]
    assert rows(archive["db"], "select count(*) from article_minhash") == rows(
        archive["db"], "select count(*) from articles"
    )


def test_counts_per_source_and_reasons(archive) -> None:
    res = archive["first"]
    assert res.returncode == 1, res.stderr  # records failed
    out = res.stdout
    lines = {ln.split()[0]: ln.split() for ln in out.splitlines() if ln.startswith("  ")}
    # lokalbladet: 2 kept; skipped: duplicate, png, 404; failed: header, encoding, truncated
    assert lines["lokalbladet"][1:] == ["kept", "2", "skipped", "3", "failed", "3"]
    assert lines["mixed"][1:] == ["kept", "2", "skipped", "0", "failed", "0"]
    assert lines["kustnytt"][1:] == ["kept", "3", "skipped", "0", "failed", "0"]
    summary = out.strip().splitlines()[-1]
    assert summary.startswith("import-warc: 5 file(s) read, 0 already imported;")
    for reason in ("off-registry hosts 1", "request records 1", "warcinfo records 1"):
        assert reason in summary
    assert "not HTML 1" in summary and "HTTP 404 1" in summary and "duplicates 1" in summary
    assert "records/s" in res.stderr  # progress lines


def test_bad_records_name_file_and_offset(archive) -> None:
    summary = archive["first"].stdout.strip().splitlines()[-1]
    main, at = str(archive["main"]), archive["main_offsets"]
    # records: warcinfo, request, 7 responses, broken header (index 9), unknown encoding (10)
    assert f"{main} at offset {at[9]}: broken HTTP header line 'Content-Type text/html'" in summary
    assert f"offset {at[10]}: unknown content encoding 'x-snappy'" in summary
    assert f"{archive['notwarc']} at offset 0: not a WARC file" in summary
    assert f"{archive['damaged']} at offset {archive['damaged_at']}:" in summary
    assert f"{archive['truncated']} at offset {archive['cut_at']}:" in summary
    failed = dict(rows(archive["db"], "select path, failed from warc_files"))
    assert failed[str(archive["truncated"])] == 1
    assert failed[str(archive["notwarc"])] == 1
    assert failed[str(archive["damaged"])] == 1
    assert failed[str(archive["main"])] == 2


def test_second_import_is_a_no_op(archive) -> None:
    res = archive["second"]
    assert res.returncode == 0, res.stdout + res.stderr
    assert (
        res.stdout.strip()
        .splitlines()[-1]
        .startswith("import-warc: 0 file(s) read, 5 already imported; 0 records: 0 kept")
    )
    assert rows(archive["db"], "select count(*) from warc_files where finished is null") == [(0,)]


def test_stored_url_in_a_new_file_is_skipped_before_extraction(archive, tmp_path: Path) -> None:
    again = tmp_path / "again.warc"
    with again.open("wb") as fh:
        w = WARCWriter(fh, gzip=False)
        response(w, f"{LOKAL}/artikel/konstgras.html", b"<html>changed</html>")
    before = rows(archive["db"], "select count(*) from articles")
    res = run_cli(*archive["args"], str(again))
    assert res.returncode == 0, res.stdout + res.stderr
    assert "already stored 1" in res.stdout
    assert rows(archive["db"], "select count(*) from articles") == before


def test_missing_path_is_a_one_line_error(tmp_path: Path) -> None:
    res = run_cli("import-warc", "--db", str(tmp_path / "x.db"), str(tmp_path / "nope.warc.gz"))
    assert res.returncode == 2
    assert f"no such file or directory: {tmp_path / 'nope.warc.gz'}" in res.stderr
    assert not (tmp_path / "x.db").exists()


def test_warc_import_stores_what_the_crawl_stores(fixture_site, tmp_path: Path) -> None:
    """The same pages, crawled from the fixture site and read from a WARC file: equal rows."""
    srv = fixture_site("lokalbladet")
    sources = write_sources(tmp_path / "sources.toml", {"lokalbladet": srv})
    crawl_db, warc_db = tmp_path / "crawl.db", tmp_path / "warc.db"
    res = run_cli(
        "crawl", "--db", str(crawl_db), "--sources", str(sources), "--fast", "--since", "2026-01-01"
    )
    assert res.returncode == 0, res.stdout + res.stderr
    urls = [u for (u,) in rows(crawl_db, "select url from articles order by url")]
    assert len(urls) == 2
    warc = tmp_path / "site.warc.gz"
    with warc.open("wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for url in urls:
            with urllib.request.urlopen(url) as r:
                response(w, url, r.read(), ctype=r.headers["Content-Type"])
    res = run_cli("import-warc", "--db", str(warc_db), "--sources", str(sources), str(warc))
    assert res.returncode == 0, res.stdout + res.stderr
    cols = (
        "url, source_id, title, published, text, author, lead, section, canonical_url, "
        "language, paywalled, content_hash, simhash, story_first"
    )
    sql = f"select {cols} from articles order by url"
    assert rows(warc_db, sql) == rows(crawl_db, sql)


def test_junk_between_records_of_a_plain_warc_is_skipped(archive, tmp_path: Path) -> None:
    """An uncompressed file: reading resumes at the next `WARC/1.0` line after the junk."""
    pages = sorted(DEMO.glob("*.html"))[4:6]
    first, second = io.BytesIO(), io.BytesIO()
    response(WARCWriter(first, gzip=False), f"https://kustnytt.example/artikel/{pages[0].name}",
             pages[0].read_bytes())  # fmt: skip
    response(WARCWriter(second, gzip=False), f"https://kustnytt.example/artikel/{pages[1].name}",
             pages[1].read_bytes())  # fmt: skip
    junk = b"this line is not a WARC header\r\nnor this one\r\n\r\n"
    plain = tmp_path / "junk.warc"
    plain.write_bytes(first.getvalue() + junk + second.getvalue())
    res = run_cli(*archive["args"], str(plain))
    assert res.returncode == 1
    summary = res.stdout.strip().splitlines()[-1]
    assert "2 records: 2 kept, 0 skipped, 1 failed" in summary, summary
    assert f"{plain} at offset {len(first.getvalue())}: unreadable record" in summary
