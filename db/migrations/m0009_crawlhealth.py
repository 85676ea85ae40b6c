"""Crawl health: items lost and the causes of errors, per source and run.

`lost` counts articles that were fetched but could not be stored (a failed
write); `causes` is a short text such as "HTTP 404: 2; bad link: 1", so the
health view can say *why* a source gave nothing, not only that it did not.
"""

from sqlite_utils import Database


def migrate(db: Database) -> None:
    db["crawl_run_sources"].add_column("lost", int)
    db["crawl_run_sources"].add_column("causes", str)
    db["crawl_runs"].add_column("lost", int)
