"""Swedish labels for codes, and the words users may type for them.

`db/reference/labels.csv` (kind, code, sv, aliases) is the source: counties
(`lan`), topics, actor roles, crawl and feed statuses, quote kinds, verdicts
and 1/0 flags. `load_labels` copies it into `labels` and expands every name,
alias and code into `label_terms(kind, term, code)`: as written, lower case,
upper case and with å/ä/ö folded to a/a/o. The `term` column compares with
NOCASE, which folds only ASCII letters, so these variants make "Örebro",
"örebro", "ÖREBRO" and "orebro" all match. Canned queries turn a typed value
into a code with ``(select code from label_terms where kind = 'lan' and term = trim(:lan))``.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

LABELS_CSV = Path(__file__).parent / "reference" / "labels.csv"
_FOLD = str.maketrans("åäöéüÅÄÖÉÜ", "aaoeuAAOEU")


def term_variants(word: str) -> list[str]:
    """The forms of a name a user may type (case and å/ä/ö folding), without duplicates."""
    word = word.strip()
    forms = [word, word.lower(), word.upper(), word.translate(_FOLD), word.lower().translate(_FOLD)]
    seen: list[str] = []
    for form in forms:
        if form and form not in seen:
            seen.append(form)
    return seen


def read_labels(path: Path = LABELS_CSV) -> list[dict[str, str]]:
    """The label rows; a row without kind, code or Swedish label is an error naming the line."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for number, row in enumerate(rows, start=2):
        if not (row.get("kind") and row.get("code") and row.get("sv")):
            raise ValueError(f"{path}:{number}: kind, code and sv are required: {row}")
    return rows


def load_labels(db: Any, path: Path = LABELS_CSV) -> int:
    """Replace `labels` and `label_terms` with the CSV's contents; returns the number of labels.

    Safe to rerun (after editing the CSV). The first row that claims a term
    within a kind keeps it, so an alias never overrides another row's own name.
    """
    rows = read_labels(path)
    conn = db.conn
    # No commit here: a migration runs inside a savepoint, and other callers commit.
    conn.execute("delete from labels")
    conn.execute("delete from label_terms")
    for row in rows:
        conn.execute(
            "insert into labels (kind, code, sv, aliases) values (?, ?, ?, ?)",
            (row["kind"], row["code"], row["sv"], row.get("aliases") or None),
        )
    # Codes and official names first, then aliases: names win over aliases.
    for row in rows:
        for word in (row["code"], row["sv"]):
            for term in term_variants(word):
                conn.execute(
                    "insert or ignore into label_terms (kind, term, code) values (?, ?, ?)",
                    (row["kind"], term, row["code"]),
                )
    for row in rows:
        for alias in (row.get("aliases") or "").split("|"):
            for term in term_variants(alias):
                conn.execute(
                    "insert or ignore into label_terms (kind, term, code) values (?, ?, ?)",
                    (row["kind"], term, row["code"]),
                )
    return len(rows)
