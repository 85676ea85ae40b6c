"""The dashboard's denominator: crawled articles per outlet and period, from an index alone.

"Konfliktläget" shows every count also per 100 crawled articles of the same
outlets and period. Counting them with the ``published`` index reads each
article row for its outlet (seconds at 1M articles); ``(source_id, published)``
answers with one range scan per outlet without touching the rows.
"""

from sqlite_utils import Database


def migrate(db: Database) -> None:
    db.execute(
        "create index if not exists articles_source_published on articles(source_id, published)"
    )
