"""Backfill the archive from WARC files (Common Crawl's CC-NEWS, or any web archive).

`bevakning import-warc` reads response records, keeps those whose host belongs
to an outlet of the registry, and stores them through the crawler's own code:
`crawler.extract.article_item` (decoding and extraction), then the crawl's
NormalisePipeline, DedupePipeline and StorePipeline called as plain objects
(no Scrapy engine, no reactor). The record's WARC-Date is the fetch time.

Incremental: a file read in full is recorded (table warc_files) and skipped
next time, also under another path; a record whose URL is already stored is
skipped before extraction. Bad input never stops an import: a record that is
truncated, has a broken HTTP header or an unknown content encoding is counted
as failed (with its file and offset), and reading resumes at the next record
(the next gzip member or `WARC/1.x` line) after a region the parser cannot read.
"""

from __future__ import annotations

import hashlib
import io
import mmap
import os
import re
import sqlite3
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy.exceptions import DropItem

from crawler.extract import article_item
from crawler.hosts import HostIndex
from crawler.pipelines import DedupePipeline, NormalisePipeline, StorePipeline
from crawler.sources import Source
from crawler.state import known_urls
from crawler.urls import normalise_url
from db import open_db
from db.store import now_iso, upsert_sources

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
_FINGERPRINT_BYTES = 1 << 20
_STATUS = re.compile(r"^HTTP/\d(?:\.\d)? +(\d{3})(?: |$)")
_HEADER_NAME = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = re.compile(rb"(?:^|\n)WARC/1\.[01]\r?\n")
MAX_FAILURES_LISTED = 5


class WarcError(Exception):
    """A path given to import-warc that cannot be used (missing, no WARC files in it)."""


class BadRecord(Exception):
    """One record that cannot be imported; the message says why."""


@dataclass
class FileResult:
    """What one WARC file gave."""

    path: str
    records: int = 0
    kept: int = 0
    skipped: int = 0
    failed: int = 0
    failures: list[str] = field(default_factory=list)  # "offset N: why"
    already: str | None = None  # the path it was imported under, when skipped whole

    def fail(self, offset: int, why: str) -> None:
        self.failed += 1
        if len(self.failures) < MAX_FAILURES_LISTED:
            self.failures.append(f"offset {offset}: {why}")


@dataclass
class ImportSummary:
    """Counts over all files, per source and per reason for skipping."""

    files: list[FileResult] = field(default_factory=list)
    by_source: dict[str, Counter[str]] = field(default_factory=dict)
    reasons: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def count(self, source_id: str, what: str) -> None:
        self.by_source.setdefault(source_id, Counter())[what] += 1

    @property
    def records(self) -> int:
        return sum(f.records for f in self.files)

    def total(self, what: str) -> int:
        return sum(getattr(f, what) for f in self.files)

    def source_lines(self) -> list[str]:
        """One line per source that had a record: kept, skipped, failed."""
        lines = []
        for sid in sorted(self.by_source):
            c = self.by_source[sid]
            lines.append(
                f"  {sid:<28} kept {c['kept']:>6}  skipped {c['skipped']:>6}  "
                f"failed {c['failed']:>4}"
            )
        return lines

    def line(self) -> str:
        """The one-line summary, naming the files and offsets that failed."""
        read = [f for f in self.files if f.already is None]
        rate = self.records / self.seconds if self.seconds > 0 else 0.0
        text = (
            f"import-warc: {len(read)} file(s) read, {len(self.files) - len(read)} already "
            f"imported; {self.records} records: {self.total('kept')} kept, "
            f"{self.total('skipped')} skipped, {self.total('failed')} failed "
            f"({rate:.0f} records/s)"
        )
        if self.reasons:
            text += "; skipped: " + ", ".join(f"{k} {v}" for k, v in self.reasons.most_common())
        bad = [f"{f.path} at {'; '.join(f.failures)}" for f in self.files if f.failures]
        if bad:
            text += "; failed: " + " | ".join(bad)
        return text


def find_warc_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files to read: each file named, and every *.warc / *.warc.gz under each directory."""
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(
                f for f in path.rglob("*") if f.is_file() and f.name.endswith(WARC_SUFFIXES)
            )
            if not found:
                raise WarcError(f"no .warc or .warc.gz files in {path}")
            out.extend(found)
        elif path.is_file():
            out.append(path)
        else:
            raise WarcError(f"no such file or directory: {path}")
    return list(dict.fromkeys(p.resolve() for p in out))


def fingerprint(path: Path) -> tuple[int, float, str]:
    """(size, mtime, SHA-256 of the first and last MiB): cheap, and enough to tell
    a file already imported from a different or grown one."""
    st = path.stat()
    h = hashlib.sha256()
    with path.open("rb") as fh:
        h.update(fh.read(_FINGERPRINT_BYTES))
        if st.st_size > _FINGERPRINT_BYTES:
            fh.seek(max(_FINGERPRINT_BYTES, st.st_size - _FINGERPRINT_BYTES))
            h.update(fh.read())
    return st.st_size, st.st_mtime, h.hexdigest()


def warc_date(value: str | None) -> str | None:
    """WARC-Date (ISO 8601 UTC) in the project's *_at format, or None."""
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).replace(microsecond=0).isoformat()


def parse_http_block(block: bytes) -> tuple[int, str, bytes]:
    """(status, content type, decoded body) of a response record's block.

    Stricter than warcio's lenient parser on purpose: a status line that is not
    HTTP, a header line without a name, or a content encoding that cannot be
    undone make the record fail instead of storing garbage.
    """
    from warcio.bufferedreaders import BufferedReader
    from warcio.recordloader import ArcWarcRecord
    from warcio.statusandheaders import StatusAndHeaders

    end, sep = block.find(b"\r\n\r\n"), 4
    if end < 0:
        end, sep = block.find(b"\n\n"), 2
    if end < 0:
        raise BadRecord("no end of HTTP headers")
    lines = block[:end].decode("iso-8859-1").replace("\r\n", "\n").split("\n")
    status = _STATUS.match(lines[0])
    if not status:
        raise BadRecord(f"broken HTTP status line {lines[0][:40]!r}")
    headers: list[tuple[str, str]] = []
    for line in lines[1:]:
        if line[:1] in (" ", "\t") and headers:
            headers[-1] = (headers[-1][0], headers[-1][1] + " " + line.strip())
            continue
        name, colon, value = line.partition(":")
        if not colon or not _HEADER_NAME.match(name):
            raise BadRecord(f"broken HTTP header line {line[:40]!r}")
        headers.append((name, value.strip()))
    http = StatusAndHeaders(lines[0].split(" ", 1)[1], headers, protocol=lines[0].split(" ")[0])
    encoding = (http.get_header("content-encoding") or "").strip().lower()
    supported = BufferedReader.get_supported_decompressors()
    if encoding and encoding != "identity" and encoding not in supported:
        raise BadRecord(f"unknown content encoding {encoding[:20]!r}")
    record = ArcWarcRecord("warc", "response", None, io.BytesIO(block[end + sep :]), http, "", 0)
    try:
        body = record.content_stream().read()
    except (zlib.error, OSError, ValueError, EOFError) as exc:
        raise BadRecord(f"body cannot be decoded ({encoding or 'chunked'}): {exc}") from exc
    except Exception as exc:  # brotli and chunk parsers raise their own types
        raise BadRecord(f"body cannot be decoded: {type(exc).__name__}") from exc
    return int(status.group(1)), http.get_header("content-type") or "", body


@dataclass
class _Raw:
    """One record as read from the file: enough to import it, nothing more."""

    offset: int
    kind: str
    url: str | None
    date: str | None
    block: bytes | None  # None when not read (not a response)
    truncated: bool


def iter_records(path: Path, on_error: Callable[[int, str], None]) -> Iterator[_Raw]:
    """Every record of a WARC file, resuming after parts that cannot be read.

    After an error the file is searched for the next place a record can start
    (a gzip member header in a compressed file, a `WARC/1.x` line otherwise);
    one bad region is reported once, at the offset where it began.
    """
    from warcio.archiveiterator import ArchiveIterator

    size = path.stat().st_size
    if size == 0:
        on_error(0, "empty file")
        return
    with path.open("rb") as fh:
        gzipped = fh.read(2) == b"\x1f\x8b"
        mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        try:
            start = 0
            bad_since: int | None = None
            while start < size:
                fh.seek(start)
                offset = start
                it = None
                try:
                    it = ArchiveIterator(fh, no_record_parse=True)
                    for record in it:
                        offset = it.offset
                        raw = _read(record, offset)
                        bad_since = None
                        yield raw
                    return
                except Exception as exc:  # warcio raises many types on broken input
                    if it is not None and not isinstance(exc, BadRecord):
                        # the failure came while looking for the next record: it starts here
                        offset = max(offset, it.offset)
                    if bad_since is None:
                        bad_since = offset
                        on_error(offset, _describe(exc, offset, gzipped))
                    start = _next_start(mm, offset + 1, gzipped, size)
        finally:
            mm.close()


def _describe(exc: Exception, offset: int, gzipped: bool) -> str:
    if isinstance(exc, BadRecord):
        return str(exc)
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    text = "".join(c if c.isprintable() else "?" for c in text)[:60]
    if offset == 0 and "Unknown archive format" in text:
        return "not a WARC file"
    if isinstance(exc, (zlib.error, EOFError)):
        return f"truncated or corrupt {'gzip member' if gzipped else 'record'} ({text})"
    return f"unreadable record ({text})"


def _next_start(mm: mmap.mmap, after: int, gzipped: bool, size: int) -> int:
    if gzipped:
        found = mm.find(_GZIP_MAGIC, after)
        return size if found < 0 else found
    m = _WARC_MAGIC.search(mm, after)
    if m is None:
        return size
    return m.start() + (1 if mm[m.start() : m.start() + 1] == b"\n" else 0)


def _read(record: Any, offset: int) -> _Raw:
    headers = record.rec_headers
    kind = record.rec_type
    if record.format != "warc":
        raise BadRecord("not a WARC file" if offset == 0 else "not a WARC record")
    if not kind or not headers.get_header("WARC-Type"):
        raise BadRecord("truncated or unreadable WARC headers")
    block = None
    truncated = False
    if kind == "response":
        block = record.raw_stream.read()
        length = headers.get_header("Content-Length")
        truncated = length is not None and length.isdigit() and len(block) < int(length)
    return _Raw(
        offset=offset,
        kind=kind,
        url=headers.get_header("WARC-Target-URI"),
        date=headers.get_header("WARC-Date"),
        block=block,
        truncated=truncated,
    )


class WarcImporter:
    """Imports WARC files into one database through the crawler's pipelines."""

    def __init__(
        self,
        db_path: str | os.PathLike[str],
        sources: list[Source],
        *,
        progress: Callable[[str], None] | None = None,
        progress_every: int = 1000,
        story_window_days: int = 30,
    ):
        self.db_path = str(db_path)
        self.sources = sources
        self.hosts = HostIndex(sources)
        self.progress = progress
        self.progress_every = max(1, progress_every)
        self.story_window_days = story_window_days
        self.summary = ImportSummary()

    def run(self, paths: Iterable[str | os.PathLike[str]]) -> ImportSummary:
        """Import every file (see find_warc_files); returns the counts."""
        files = find_warc_files(paths)
        started = time.monotonic()
        self.db = open_db(self.db_path)
        upsert_sources(self.db, [s.as_row() for s in self.sources])
        self.by_source: dict[str, dict[str, int]] = {}
        self.normalise = NormalisePipeline()
        self.dedupe = DedupePipeline(db_path=self.db_path, stats_by_source=self.by_source)
        self.store = StorePipeline(
            db_path=self.db_path,
            stats_by_source=self.by_source,
            story_window_days=self.story_window_days,
        )
        self.dedupe.open_spider()
        self.store.open_spider()
        try:
            for path in files:
                self.summary.files.append(self._import_file(path))
        finally:
            self.summary.seconds = time.monotonic() - started
            self.dedupe.close_spider()
            self.store.close_spider()
            self.db.close()
        return self.summary

    def _import_file(self, path: Path) -> FileResult:
        result = FileResult(str(path))
        size, mtime, sha = fingerprint(path)
        done = self.db.execute(
            "select path from warc_files where size = ? and sha256 = ? and finished is not null "
            "order by path = ? desc limit 1",
            [size, sha, str(path)],
        ).fetchone()
        if done:
            result.already = done[0]
            return result
        with self.db.atomic():
            self.db.execute(
                "insert or replace into warc_files (path, size, mtime, sha256, started) "
                "values (?, ?, ?, ?, ?)",
                [str(path), size, mtime, sha, now_iso()],
            )
        last = time.monotonic()
        for raw in iter_records(path, result.fail):
            result.records += 1
            self._import_record(raw, result)
            if self.progress and result.records % self.progress_every == 0:
                now = time.monotonic()
                self.progress(
                    f"{path.name}: {result.records} records, {result.kept} kept, "
                    f"{result.skipped} skipped, {result.failed} failed "
                    f"({self.progress_every / max(now - last, 1e-9):.0f} records/s)"
                )
                last = now
        with self.db.atomic():
            self.db.execute(
                "update warc_files set records = ?, kept = ?, skipped = ?, failed = ?, "
                "failures = ?, finished = ? where path = ?",
                [
                    result.records,
                    result.kept,
                    result.skipped,
                    result.failed,
                    "; ".join(result.failures) or None,
                    now_iso(),
                    str(path),
                ],
            )
        return result

    def _skip(self, result: FileResult, reason: str, source_id: str | None = None) -> None:
        result.skipped += 1
        self.summary.reasons[reason] += 1
        if source_id is not None:
            self.summary.count(source_id, "skipped")

    def _import_record(self, raw: _Raw, result: FileResult) -> None:
        if raw.kind != "response":
            self._skip(result, f"{raw.kind} records")
            return
        source = self.hosts.source_for(raw.url or "")
        if source is None:
            self._skip(result, "off-registry hosts")
            return
        try:
            key = normalise_url(raw.url or "")
        except ValueError:
            key = None
        if not key:
            result.fail(raw.offset, f"unusable target URI {raw.url!r:.60}")
            self.summary.count(source.id, "failed")
            return
        if known_urls(self.db, [key]):
            self._skip(result, "already stored", source.id)
            return
        try:
            if raw.truncated:
                raise BadRecord("truncated record")
            status, ctype, body = parse_http_block(raw.block or b"")
            if status != 200:
                self._skip(result, f"HTTP {status}", source.id)
                return
            if ctype.split(";")[0].strip().lower() not in HTML_TYPES:
                self._skip(result, "not HTML", source.id)
                return
            item = article_item(source.id, key, raw.url or key, body, ctype)
        except BadRecord as exc:
            result.fail(raw.offset, str(exc))
            self.summary.count(source.id, "failed")
            return
        except (ValueError, LookupError, UnicodeError) as exc:  # extraction of a bad page
            result.fail(raw.offset, f"cannot extract the page: {exc!s:.60}")
            self.summary.count(source.id, "failed")
            return
        item.fetched_at = warc_date(raw.date)
        new_before = self.by_source.get(source.id, {}).get("new", 0)
        try:
            item = self.normalise.process_item(item)
            item = self.dedupe.process_item(item)
            self.store.process_item(item)
        except DropItem as exc:
            reason = "duplicates" if str(exc).startswith("duplicate") else "no article text"
            self._skip(result, reason, source.id)
            return
        except sqlite3.IntegrityError as exc:
            result.fail(raw.offset, f"cannot store: {exc}")
            self.summary.count(source.id, "failed")
            return
        if self.by_source.get(source.id, {}).get("new", 0) > new_before:
            result.kept += 1
            self.summary.count(source.id, "kept")
        else:
            self._skip(result, "already stored", source.id)
