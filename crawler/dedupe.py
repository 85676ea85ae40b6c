"""Near-duplicate detection: one syndicated story printed by several titles.

Group copies with MinHash over word 3-shingles (datasketch) and an LSH index.
The signatures are stored (table article_minhash), so an article crawled next
week still joins the story its sister copies started today. A 64-bit SimHash
is stored as well (articles.simhash) as a compact fingerprint for analysis.
"""

from __future__ import annotations

import hashlib
import re
import struct
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np

NUM_PERM = 64
SCHEME = "affine32"  # datasketch hashing scheme; stored signatures are uint32 values
THRESHOLD = 0.6  # Jaccard similarity of shingle sets above which two texts are one story
MIN_SHINGLES = 15  # too short to tell syndication from a shared template
_WORD = re.compile(r"\w+", re.UNICODE)
_PERMUTATIONS: Any = None


def shingles(text: str, size: int = 3) -> set[bytes]:
    """Lower-cased word n-grams: robust to punctuation and line breaks."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def _h64(data: bytes) -> int:
    return struct.unpack("<Q", hashlib.blake2b(data, digest_size=8).digest())[0]


def simhash(features: set[bytes]) -> str:
    """64-bit SimHash as 16 hex digits."""
    if not features:
        return "0" * 16
    hashes = np.fromiter((_h64(f) for f in features), dtype=np.uint64, count=len(features))
    bits = ((hashes[:, None] >> np.arange(64, dtype=np.uint64)) & np.uint64(1)).astype(np.int32)
    votes = (bits * 2 - 1).sum(axis=0)
    value = 0
    for i in range(64):
        if votes[i] > 0:
            value |= 1 << i
    return f"{value:016x}"


def minhash(features: set[bytes]) -> Any:
    """A datasketch MinHash of the shingles (permutations shared across calls)."""
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, permutations=_perms(), scheme=SCHEME)
    if features:
        m.update_batch(list(features))
    return m


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


@dataclass
class Match:
    story_id: int
    similarity: float


class StoryIndex:
    """LSH over the stored signatures of recent articles (window_days of fetches)."""

    def __init__(self, db: Any, window_days: int = 30):
        from datasketch import MinHashLSH

        self.db = db
        self.lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self.signatures: dict[int, np.ndarray] = {}
        since = (datetime.now(UTC) - timedelta(days=window_days)).isoformat()
        rows = db.execute(
            "select m.article_id, m.signature from article_minhash m "
            "join articles a on a.id = m.article_id where a.fetched_at >= ?",
            [since],
        )
        with self.lsh.insertion_session() as session:
            for article_id, blob in rows:
                values = np.frombuffer(blob, dtype=np.uint32)
                self.signatures[article_id] = values
                session.insert(article_id, self._as_minhash(values))

    @staticmethod
    def _as_minhash(values: np.ndarray) -> Any:
        from datasketch import MinHash

        return MinHash(num_perm=NUM_PERM, hashvalues=values, permutations=_perms(), scheme=SCHEME)

    def find(self, m: Any) -> list[tuple[int, float]]:
        """Stored articles similar to m, most similar first."""
        out = []
        for key in self.lsh.query(m):
            sim = float(np.mean(self.signatures[key] == m.hashvalues))
            if sim >= THRESHOLD:
                out.append((key, sim))
        return sorted(out, key=lambda kv: -kv[1])

    def add(self, article_id: int, m: Any) -> None:
        """Index a stored article. Call only after its transaction committed: a rolled-back
        id is handed out again by SQLite, and a stale entry would then collide."""
        if article_id in self.signatures:
            self.lsh.remove(article_id)
        self.signatures[article_id] = np.array(m.hashvalues, dtype=np.uint32)
        self.lsh.insert(article_id, m)


def _perms() -> Any:
    global _PERMUTATIONS
    if _PERMUTATIONS is None:
        from datasketch import MinHash

        _PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations
    return _PERMUTATIONS


def assign_story(
    db: Any,
    index: StoryIndex,
    article_id: int,
    published: str | None,
    m: Any,
    n_shingles: int,
    exact: int | None = None,
) -> tuple[int, bool]:
    """Put a freshly inserted article into its story (inside the caller's transaction).

    The in-memory index is not touched: the caller adds the article to it with
    `index.add` once the transaction has committed, so a failed write leaves no trace.

    The story id is the id of the first-published copy; when a copy published
    earlier turns up later, the whole story is re-pointed to it.
    `exact` is a stored article with the identical body, if any (it wins over
    the MinHash search, which ignores very short texts).
    Returns (story_id, whether this article is now the first copy).
    """
    db.execute(
        "insert or replace into article_minhash (article_id, signature) values (?, ?)",
        [article_id, np.asarray(m.hashvalues, dtype=np.uint32).tobytes()],
    )
    matches = [] if n_shingles < MIN_SHINGLES else index.find(m)
    matches = [(k, s) for k, s in matches if k != article_id]
    if exact is not None:
        matches.insert(0, (exact, 1.0))
    story_id = article_id
    first = True
    if matches:
        row = db.execute(
            "select coalesce(story_id, id) from articles where id = ?", [matches[0][0]]
        ).fetchone()
        if row:
            story_id = row[0]
            head = db.execute(
                "select published, fetched_at from articles where id = ?", [story_id]
            ).fetchone()
            mine = _parse_time(published)
            theirs = _parse_time(head[0] or head[1]) if head else None
            if mine is not None and theirs is not None and mine < theirs:
                db.execute(
                    "update articles set story_id = ?, story_first = 0 where story_id = ?",
                    [article_id, story_id],
                )
                story_id = article_id
            else:
                first = False
    db.execute(
        "update articles set story_id = ?, story_first = ? where id = ?",
        [story_id, 1 if first else 0, article_id],
    )
    return story_id, first
